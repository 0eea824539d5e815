import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import type { AnnualPlan } from '../domain/annual-plan.js';
import { PlanningCycle } from '../domain/planning-cycle.js';
import { PlanProgress } from '../domain/plan-progress.js';
import { AnnualPlans } from '../infrastructure/annual-plan.repository.js';
import {
  FilePlanCommand,
  ForwardPlanCommand,
  OpenPlanningCycleCommand,
  ReportProgressCommand,
  ReturnPlanCommand,
  SaveDraftCommand,
  SubmitPlanCommand,
} from './commands.js';

@CommandHandler(OpenPlanningCycleCommand)
export class OpenPlanningCycleHandler implements ICommandHandler<OpenPlanningCycleCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: AnnualPlans,
    private readonly notifications: Notifications,
  ) {}

  async execute({ actor, year }: OpenPlanningCycleCommand): Promise<{ year: number; plans: number }> {
    const now = new Date();
    // Two officials opening the same year at once would both find no plans; the second waits and finds them.
    await this.uow.em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`annual-plan-cycle:${actor.regionPath}:${year}`]);
    const cycle = PlanningCycle.of(actor, year, now, await this.plans.unitsWithPlan(year));
    for (const plan of cycle.openMissing(await this.plans.draftingUnits(actor.regionPath), now)) {
      await this.plans.save(plan);
      await this.notifications.deliver(this.uow.em, {
        recipientOrgId: plan.unitOrgId,
        recipientRegionPath: plan.regionPath,
        titleZh: `请编报${year}年度医疗保障基金监管方案`,
        titleEn: `Please draft your ${year} fund supervision plan`,
        bodyZh: `请于 ${plan.deadline} 前将年度监管方案及工作推进配档表报送上级医保部门备案。`,
        bodyEn: `Submit the annual supervision plan and its work schedule to the level above by ${plan.deadline}.`,
        link: `/plans/${plan.id}`,
        dedupeKey: `plan-opened-${plan.id}`,
      });
    }
    return { year, plans: cycle.plans };
  }
}

@CommandHandler(SaveDraftCommand)
export class SaveDraftHandler implements ICommandHandler<SaveDraftCommand> {
  constructor(private readonly plans: AnnualPlans) {}

  async execute({ actor, planId, input }: SaveDraftCommand): Promise<void> {
    const plan = await this.plans.load(planId);
    plan.saveDraft(actor, input, new Date());
    await this.plans.save(plan);
  }
}

@CommandHandler(SubmitPlanCommand)
export class SubmitPlanHandler implements ICommandHandler<SubmitPlanCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: AnnualPlans,
    private readonly notifications: Notifications,
  ) {}

  async execute({ actor, planId, version }: SubmitPlanCommand): Promise<void> {
    const plan = await this.plans.load(planId);
    const now = new Date();
    plan.submit(actor, version, now);
    await this.plans.save(plan);
    const unit = await this.plans.organization(plan.unitOrgId);
    // A county plan goes to the city agency's fund-audit section first; a city plan to the province.
    const county = plan.unitLevel === 'county';
    for (const reviewer of await this.plans.reviewerOrganizations(plan, county ? ['agency'] : ['bureau', 'agency'])) {
      await this.notifications.deliver(this.uow.em, {
        recipientOrgId: reviewer.id,
        recipientRegionPath: reviewer.regionPath,
        titleZh: `${county ? '待审核汇总' : '待备案'}：${unit.name}${plan.year}年度监管方案`,
        titleEn: `To review: ${unit.name}'s ${plan.year} supervision plan`,
        bodyZh: county
          ? `${actor.displayName} 已报送方案，请审核后汇总上报市医保局备案，或退回。`
          : `${actor.displayName} 已报送方案，请审核后备案或退回。`,
        bodyEn: county
          ? `Submitted by ${actor.displayName}; please review it and forward it to the city bureau for filing, or return it.`
          : `Submitted by ${actor.displayName}; please file it or return it.`,
        link: `/plans/${plan.id}`,
        dedupeKey: `plan-submit-${plan.id}-${now.getTime()}-${reviewer.id}`,
      });
    }
  }
}

const DECISION_ZH = { forward: '方案已汇总上报', file: '方案已备案', return: '方案被退回' } as const;
const DECISION_EN = { forward: 'Plan forwarded', file: 'Plan filed', return: 'Plan returned' } as const;
const DONE_ZH = { forward: '已审核并汇总上报市医保局备案', file: '已备案', return: '已退回，请修改后重新报送' } as const;
const DONE_EN = { forward: 'Reviewed and forwarded to the city bureau for filing', file: 'Filed', return: 'Returned for revision' } as const;

/**
 * Tells the drafting unit what the reviewing level decided; a county plan's city agency hears what
 * the city bureau decided on the plan it forwarded.
 */
async function notifyUnit(
  notifications: Notifications, uow: UnitOfWork, plans: AnnualPlans, plan: AnnualPlan, reviewer: Actor,
  decision: 'forward' | 'file' | 'return', comment: string | null, at: Date,
) {
  const note = (recipient: { id: string; regionPath: string }, prefix: string) => notifications.deliver(uow.em, {
    recipientOrgId: recipient.id,
    recipientRegionPath: recipient.regionPath,
    titleZh: `${DECISION_ZH[decision]}：${prefix}${plan.year}年度监管方案`,
    titleEn: `${DECISION_EN[decision]}: ${prefix ? `${prefix}'s ` : ''}${plan.year} supervision plan`,
    bodyZh: `${reviewer.displayName} ${DONE_ZH[decision]}。${comment ? `意见：${comment}` : ''}`,
    bodyEn: `${DONE_EN[decision]} by ${reviewer.displayName}.${comment ? ` Comment: ${comment}` : ''}`,
    link: `/plans/${plan.id}`,
    dedupeKey: `plan-${decision}-${plan.id}-${at.getTime()}-${recipient.id}`,
  });
  await note({ id: plan.unitOrgId, regionPath: plan.regionPath }, '');
  if (decision === 'forward') {
    const unit = await plans.organization(plan.unitOrgId);
    for (const bureau of await plans.reviewerOrganizations(plan, ['bureau'])) {
      await notifications.deliver(uow.em, {
        recipientOrgId: bureau.id,
        recipientRegionPath: bureau.regionPath,
        titleZh: `待备案：${unit.name}${plan.year}年度监管方案`,
        titleEn: `To file: ${unit.name}'s ${plan.year} supervision plan`,
        bodyZh: `${reviewer.displayName}（市医保经办机构）已审核汇总上报，请备案或退回。${comment ? `审核意见：${comment}` : ''}`,
        bodyEn: `Reviewed and forwarded by ${reviewer.displayName} (city agency); please file it or return it.${comment ? ` Comment: ${comment}` : ''}`,
        link: `/plans/${plan.id}`,
        dedupeKey: `plan-forwarded-${plan.id}-${at.getTime()}-${bureau.id}`,
      });
    }
  } else if (plan.isCityBureauReviewer(reviewer)) {
    const unit = await plans.organization(plan.unitOrgId);
    for (const agency of await plans.reviewerOrganizations(plan, ['agency'])) await note(agency, unit.name);
  }
}

@CommandHandler(ForwardPlanCommand)
export class ForwardPlanHandler implements ICommandHandler<ForwardPlanCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: AnnualPlans,
    private readonly notifications: Notifications,
  ) {}

  async execute({ actor, planId, comment }: ForwardPlanCommand): Promise<void> {
    const plan = await this.plans.load(planId);
    const now = new Date();
    plan.forward(actor, comment, now);
    await this.plans.save(plan);
    await notifyUnit(this.notifications, this.uow, this.plans, plan, actor, 'forward', comment?.trim() || null, now);
  }
}

@CommandHandler(FilePlanCommand)
export class FilePlanHandler implements ICommandHandler<FilePlanCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: AnnualPlans,
    private readonly notifications: Notifications,
  ) {}

  async execute({ actor, planId, comment }: FilePlanCommand): Promise<void> {
    const plan = await this.plans.load(planId);
    const now = new Date();
    plan.file(actor, comment, now);
    await this.plans.save(plan);
    await notifyUnit(this.notifications, this.uow, this.plans, plan, actor, 'file', comment?.trim() || null, now);
  }
}

@CommandHandler(ReturnPlanCommand)
export class ReturnPlanHandler implements ICommandHandler<ReturnPlanCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: AnnualPlans,
    private readonly notifications: Notifications,
  ) {}

  async execute({ actor, planId, comment }: ReturnPlanCommand): Promise<void> {
    const plan = await this.plans.load(planId);
    const now = new Date();
    plan.return(actor, comment, now);
    await this.plans.save(plan);
    await notifyUnit(this.notifications, this.uow, this.plans, plan, actor, 'return', comment.trim(), now);
  }
}

@CommandHandler(ReportProgressCommand)
export class ReportProgressHandler implements ICommandHandler<ReportProgressCommand> {
  constructor(private readonly plans: AnnualPlans) {}

  async execute({ actor, planId, month, entries }: ReportProgressCommand): Promise<void> {
    const plan = await this.plans.load(planId);
    const now = new Date();
    const report = plan.reportProgress(actor, month, entries, now);

    // Evidence must be the unit's own uploads (visible to the unit, owned by it).
    const missing = await this.plans.unknownAttachments([...new Set(report.flatMap((e) => e.attachmentIds))], plan.unitOrgId);
    if (missing.length) {
      throw DomainError.validation('plan_progress_attachment_unknown', {
        zh: `附件不存在或不属于编制单位：${missing.join('、')}`,
        en: `attachments not found or not uploaded by the drafting unit: ${missing.join(', ')}`,
      }, { attachmentIds: missing });
    }

    await this.plans.saveProgress(PlanProgress.ofReport(plan, month, report, actor.username, now));
    await this.plans.save(plan);
  }
}
