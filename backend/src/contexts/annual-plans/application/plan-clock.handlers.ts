import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DomainError } from '../../../kernel/errors.js';
import { AnnualPlans } from '../infrastructure/annual-plan.repository.js';
import { ClosePlanYearCommand, MarkPlanOverdueCommand, RemindPlanDueCommand } from './commands.js';

// The steps the plan workflow's clock triggers. Each is idempotent: an activity retried after a
// commit finds nothing left to do, and notifications are deduplicated by plan and step.

@CommandHandler(RemindPlanDueCommand)
export class RemindPlanDueHandler implements ICommandHandler<RemindPlanDueCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: AnnualPlans,
    private readonly notifications: Notifications,
  ) {}

  async execute({ planId, reminder }: RemindPlanDueCommand): Promise<boolean> {
    if (!Number.isInteger(reminder) || reminder < 0) {
      throw DomainError.validation('plan_reminder_invalid', {
        zh: `提醒序号应为不小于 0 的整数，收到 ${reminder}`,
        en: `the reminder index must be a whole number ≥ 0, got ${reminder}`,
      });
    }
    const plan = await this.plans.load(planId);
    if (!plan.needsReminder()) return false;
    return this.notifications.deliver(this.uow.em, {
      recipientOrgId: plan.unitOrgId,
      recipientRegionPath: plan.regionPath,
      titleZh: `报送提醒：${plan.year}年度监管方案`,
      titleEn: `Reminder: ${plan.year} supervision plan due`,
      bodyZh: `年度监管方案须于 ${plan.deadline} 前报送上级医保部门备案，目前尚未报送。`,
      bodyEn: `The annual supervision plan is due at the level above by ${plan.deadline} and has not been submitted yet.`,
      link: `/plans/${plan.id}`,
      dedupeKey: `plan-remind-${plan.id}-${reminder}`,
    });
  }
}

@CommandHandler(MarkPlanOverdueCommand)
export class MarkPlanOverdueHandler implements ICommandHandler<MarkPlanOverdueCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: AnnualPlans,
    private readonly notifications: Notifications,
  ) {}

  async execute({ actor, planId }: MarkPlanOverdueCommand): Promise<boolean> {
    const plan = await this.plans.load(planId);
    if (!plan.markOverdue(actor, new Date())) return false;
    await this.plans.save(plan);
    const unit = await this.plans.organization(plan.unitOrgId);
    for (const reviewer of await this.plans.reviewerOrganizations(plan)) {
      await this.notifications.deliver(this.uow.em, {
        recipientOrgId: reviewer.id,
        recipientRegionPath: reviewer.regionPath,
        titleZh: `逾期未报送：${unit.name}${plan.year}年度监管方案`,
        titleEn: `Overdue, not submitted: ${unit.name}'s ${plan.year} supervision plan`,
        bodyZh: `该单位未在 ${plan.deadline} 前报送年度监管方案。`,
        bodyEn: `The unit did not submit its annual supervision plan by ${plan.deadline}.`,
        link: `/plans/${plan.id}`,
        dedupeKey: `plan-overdue-${plan.id}-${reviewer.id}`,
      });
    }
    return true;
  }
}

@CommandHandler(ClosePlanYearCommand)
export class ClosePlanYearHandler implements ICommandHandler<ClosePlanYearCommand> {
  constructor(private readonly plans: AnnualPlans) {}

  async execute({ actor, planId }: ClosePlanYearCommand): Promise<boolean> {
    const plan = await this.plans.load(planId);
    if (!plan.close(actor, new Date())) return false;
    await this.plans.save(plan);
    return true;
  }
}
