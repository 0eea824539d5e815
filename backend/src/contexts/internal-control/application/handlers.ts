import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { validChecklistItems } from '../domain/checklist.js';
import { IcAudit, validDates, validTeam, workflowInput, type AuditDates, type TeamMember } from '../domain/ic-audit.js';
import { assertProvinceOfficial, drawTeam, IcPlan } from '../domain/ic-plan.js';
import { InternalControl } from '../infrastructure/ic.repository.js';
import {
  AddIcAuditCommand,
  CreateIcPlanCommand,
  DrawIcTeamsCommand,
  IssueFindingsCommand,
  MarkRectificationOverdueCommand,
  MarkSelfAssessmentOverdueCommand,
  PublishIcPlanCommand,
  RecordIcResultsCommand,
  ReplaceStaffPostsCommand,
  SaveSelfAssessmentCommand,
  ScheduleFollowUpCommand,
  SendAuditNoticeCommand,
  StartFieldworkCommand,
  SubmitRectificationCommand,
  UpdateChecklistCommand,
  VerifyFindingCommand,
  type ScheduleInput,
} from './commands.js';

@CommandHandler(UpdateChecklistCommand)
export class UpdateChecklistHandler implements ICommandHandler<UpdateChecklistCommand> {
  constructor(private readonly ic: InternalControl) {}

  async execute({ actor, items }: UpdateChecklistCommand) {
    assertProvinceOfficial(actor);
    const checklist = await this.ic.addChecklistVersion(actor.regionPath, actor.organizationId, validChecklistItems(items), actor.displayName, new Date());
    return { version: checklist.version };
  }
}

@CommandHandler(CreateIcPlanCommand)
export class CreateIcPlanHandler implements ICommandHandler<CreateIcPlanCommand> {
  constructor(private readonly ic: InternalControl) {}

  async execute({ actor, input }: CreateIcPlanCommand) {
    const plan = IcPlan.create({ id: randomUUID(), actor, ...input, now: new Date() });
    await this.ic.ensureChecklist(actor.regionPath, actor.organizationId);
    await this.ic.savePlan(plan);
    return { id: plan.id };
  }
}

/** Resolves and checks a team: known, active inspectors, at least two, nobody from the audited agency. */
async function resolveTeam(ic: InternalControl, ids: string[], agencyId: string, allowEmpty: boolean): Promise<TeamMember[]> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length !== (ids ?? []).length) {
    throw DomainError.validation('ic_team_duplicate', { zh: '检查组成员重复', en: 'an inspector appears more than once in the team' });
  }
  const found = unique.length ? await ic.inspectors(unique) : [];
  const unknown = unique.filter((id) => !found.some((i) => i.id === id));
  if (unknown.length) {
    throw DomainError.validation('ic_team_inspector_unknown', {
      zh: `检查人员不存在或已停用：${unknown.join('、')}`,
      en: `inspectors not found or inactive: ${unknown.join(', ')}`,
    }, { inspectorIds: unknown });
  }
  const team = unique.map((id) => found.find((i) => i.id === id)!).map((i) => ({ inspectorId: i.id, name: i.name, organizationId: i.organizationId, organizationName: i.organizationName }));
  return validTeam(team, agencyId, allowEmpty);
}

async function scheduleAudit(ic: InternalControl, actor: Actor, plan: IcPlan, agencyId: string, input: ScheduleInput, followUpOf: string | null): Promise<IcAudit> {
  const agency = await ic.agency(agencyId);
  const province = plan.regionPath;
  // Any handling agency of the province: the provincial agency (省医保中心) and the city and county agencies.
  if (!agency || !agency.regionPath.startsWith(province)) {
    throw DomainError.validation('ic_audit_agency_invalid', {
      zh: `被检查单位应为本省的医保经办机构（省医保中心或市、县（区）经办机构）：${agencyId}`,
      en: `the audited organization must be a handling agency of the province (the provincial agency, a city or county agency): ${agencyId}`,
    }, { agencyId });
  }
  const dates: AuditDates = validDates(input, followUpOf ? undefined : { start: plan.periodStart, end: plan.periodEnd });
  const team = await resolveTeam(ic, input.teamInspectorIds, agency.id, !followUpOf);
  const checklist = await ic.ensureChecklist(province, plan.ownerOrgId);
  return IcAudit.schedule({
    id: randomUUID(), planId: plan.id, agency, provincePath: province, dates, team, checklistVersion: checklist.version, followUpOf, actor, now: new Date(),
  });
}

@CommandHandler(AddIcAuditCommand)
export class AddIcAuditHandler implements ICommandHandler<AddIcAuditCommand> {
  constructor(private readonly ic: InternalControl) {}

  async execute({ actor, planId, input }: AddIcAuditCommand) {
    const plan = await this.ic.loadPlan(planId);
    plan.assertOwner(actor);
    plan.assertDraft({ zh: '再增加检查', en: 'add audits' });
    const audit = await scheduleAudit(this.ic, actor, plan, input.agencyId, input, null);
    if ((await this.ic.planAudits(plan.id)).some((a) => a.ownerOrgId === audit.ownerOrgId && !a.followUpOf)) {
      throw DomainError.conflict('ic_audit_duplicate', {
        zh: '该经办机构在本计划中已有检查安排',
        en: 'the agency already has an audit in this plan',
      }, { agencyId: audit.ownerOrgId });
    }
    await this.ic.saveAudit(audit);
    return { id: audit.id };
  }
}

@CommandHandler(DrawIcTeamsCommand)
export class DrawIcTeamsHandler implements ICommandHandler<DrawIcTeamsCommand> {
  constructor(private readonly ic: InternalControl, private readonly uow: UnitOfWork) {}

  async execute({ actor, planId, teamSize }: DrawIcTeamsCommand) {
    const plan = await this.ic.loadPlan(planId);
    plan.assertOwner(actor);
    plan.assertDraft({ zh: '抽取检查组', en: 'draw teams' });
    if (!Number.isInteger(teamSize) || teamSize < 2 || teamSize > 10) {
      throw DomainError.validation('ic_team_size_invalid', { zh: '检查组人数应为 2 至 10 的整数', en: 'the team size must be a whole number from 2 to 10' }, { teamSize });
    }
    const inspectors = await this.ic.inspectors();
    let drawn = 0;
    for (const a of await this.ic.planAudits(plan.id)) {
      if (a.team.length) continue;
      const team = drawTeam(plan.id, a.ownerOrgId, inspectors, teamSize)
        .map((i) => ({ inspectorId: i.id, name: i.name, organizationId: i.organizationId, organizationName: i.organizationName }));
      await this.uow.em.execute(`update ic_audit set team = ?::jsonb, version = version + 1 where id = ?`, [JSON.stringify(team), a.id]);
      await this.uow.em.execute(
        `insert into ic_audit_history (id, audit_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment)
         select ?, id, region_path, owner_org_id, now(), 'team_drawn', ?, ?, ? from ic_audit where id = ?`,
        [randomUUID(), actor.userId, actor.displayName, team.map((m) => m.name).join('、'), a.id]);
      drawn += 1;
    }
    return { drawn };
  }
}

@CommandHandler(PublishIcPlanCommand)
export class PublishIcPlanHandler implements ICommandHandler<PublishIcPlanCommand> {
  constructor(private readonly ic: InternalControl, private readonly uow: UnitOfWork) {}

  async execute({ actor, planId }: PublishIcPlanCommand) {
    const plan = await this.ic.loadPlan(planId);
    plan.assertOwner(actor);
    const audits = await this.ic.planAudits(plan.id);
    const covered = new Set(audits.filter((a) => !a.followUpOf).map((a) => a.ownerOrgId));
    const uncovered = (await this.ic.provinceAgencies(plan.regionPath)).filter((a) => !covered.has(a.id));
    const withoutTeam = audits.filter((a) => a.team.length < 2).map((a) => a.id);
    const dates = await this.uow.em.execute<{ id: string; nd: string; sd: string; fs: string; fe: string }[]>(
      `select id, to_char(notice_date, 'YYYY-MM-DD') as nd, to_char(self_assessment_due, 'YYYY-MM-DD') as sd,
              to_char(fieldwork_start, 'YYYY-MM-DD') as fs, to_char(fieldwork_end, 'YYYY-MM-DD') as fe
         from ic_audit where plan_id = ? and follow_up_of is null order by region_path, id`, [plan.id]);
    const inputs = dates.map((d) => workflowInput(d.id, actor, { noticeDate: d.nd, selfAssessmentDue: d.sd, fieldworkStart: d.fs, fieldworkEnd: d.fe }));
    plan.publish(actor, uncovered, withoutTeam, inputs, new Date());
    await this.ic.savePlan(plan);
    await this.uow.em.execute(
      `insert into ic_audit_history (id, audit_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment)
       select gen_random_uuid(), id, region_path, owner_org_id, now(), 'plan_published', ?, ?, null from ic_audit where plan_id = ?`,
      [actor.userId, actor.displayName, plan.id]);
  }
}

@CommandHandler(SaveSelfAssessmentCommand)
export class SaveSelfAssessmentHandler implements ICommandHandler<SaveSelfAssessmentCommand> {
  constructor(private readonly ic: InternalControl) {}

  async execute({ actor, auditId, answers, submit }: SaveSelfAssessmentCommand) {
    const audit = await this.ic.loadAudit(auditId);
    audit.saveSelfAssessment(actor, answers, submit, new Date());
    await this.ic.saveAudit(audit);
  }
}

@CommandHandler(ReplaceStaffPostsCommand)
export class ReplaceStaffPostsHandler implements ICommandHandler<ReplaceStaffPostsCommand> {
  constructor(private readonly ic: InternalControl) {}

  async execute({ actor, auditId, staff }: ReplaceStaffPostsCommand) {
    const audit = await this.ic.loadAudit(auditId);
    audit.replaceStaffPosts(actor, staff, new Date());
    await this.ic.saveAudit(audit);
  }
}

@CommandHandler(RecordIcResultsCommand)
export class RecordIcResultsHandler implements ICommandHandler<RecordIcResultsCommand> {
  constructor(private readonly ic: InternalControl) {}

  async execute({ actor, auditId, results }: RecordIcResultsCommand) {
    const audit = await this.ic.loadAudit(auditId);
    audit.recordResults(actor, results, new Date());
    await this.ic.saveAudit(audit);
  }
}

@CommandHandler(IssueFindingsCommand)
export class IssueFindingsHandler implements ICommandHandler<IssueFindingsCommand> {
  constructor(private readonly ic: InternalControl, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, auditId, findings }: IssueFindingsCommand) {
    const audit = await this.ic.loadAudit(auditId);
    const now = new Date();
    audit.issueFindings(actor, findings, now);
    await this.ic.saveAudit(audit);
    const n = audit.findings.length;
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: audit.ownerOrgId,
      recipientRegionPath: audit.regionPath,
      titleZh: n ? `内控检查发现 ${n} 个问题，请按期整改` : '内控检查已结束，未发现问题',
      titleEn: n ? `Internal control audit: ${n} findings to rectify` : 'Internal control audit closed without findings',
      bodyZh: n ? '请在各问题的整改期限内提交整改措施及佐证材料。' : '本次内控检查未发现问题，检查已结束。',
      bodyEn: n ? 'Submit the rectification plan and evidence for each finding by its deadline.' : 'The audit found no issue and is closed.',
      link: `/ic/audits/${audit.id}`,
      dedupeKey: `ic-findings-${audit.id}-${now.getTime()}`,
    });
  }
}

@CommandHandler(SubmitRectificationCommand)
export class SubmitRectificationHandler implements ICommandHandler<SubmitRectificationCommand> {
  constructor(private readonly ic: InternalControl) {}

  async execute({ actor, auditId, findingId, input }: SubmitRectificationCommand) {
    const audit = await this.ic.loadAudit(auditId);
    audit.submitRectification(actor, findingId, input, new Date());
    await this.ic.saveAudit(audit);
  }
}

@CommandHandler(VerifyFindingCommand)
export class VerifyFindingHandler implements ICommandHandler<VerifyFindingCommand> {
  constructor(private readonly ic: InternalControl) {}

  async execute({ actor, auditId, findingId, accepted, comment }: VerifyFindingCommand) {
    const audit = await this.ic.loadAudit(auditId);
    audit.verify(actor, findingId, accepted, comment, new Date());
    await this.ic.saveAudit(audit);
  }
}

@CommandHandler(ScheduleFollowUpCommand)
export class ScheduleFollowUpHandler implements ICommandHandler<ScheduleFollowUpCommand> {
  constructor(private readonly ic: InternalControl) {}

  async execute({ actor, auditId, input }: ScheduleFollowUpCommand) {
    const original = await this.ic.loadAudit(auditId);
    if (!original.isProvince(actor)) {
      throw DomainError.forbidden('ic_forbidden', { zh: '只有省级医保部门可以安排“回头看”检查', en: 'only the provincial bureau may schedule follow-up audits' });
    }
    original.assertFollowUpPossible();
    const plan = await this.ic.loadPlan(original.planId);
    const audit = await scheduleAudit(this.ic, actor, plan, original.ownerOrgId, input, original.id);
    await this.ic.saveAudit(audit);
    return { id: audit.id };
  }
}

// ---- the audit workflow's clock

@CommandHandler(SendAuditNoticeCommand)
export class SendAuditNoticeHandler implements ICommandHandler<SendAuditNoticeCommand> {
  constructor(private readonly ic: InternalControl, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, auditId }: SendAuditNoticeCommand) {
    const audit = await this.ic.loadAudit(auditId);
    if (!audit.sendNotice(actor, new Date())) return false;
    await this.ic.saveAudit(audit);
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: audit.ownerOrgId,
      recipientRegionPath: audit.regionPath,
      titleZh: '内控检查通知：请开展自查',
      titleEn: 'Internal control audit notice: self-assessment due',
      bodyZh: `省医保局将于 ${audit.dates.fieldworkStart} 至 ${audit.dates.fieldworkEnd} 对你单位开展内部控制检查，请于 ${audit.dates.selfAssessmentDue} 前完成自查并提交，同时填报人员岗位设置。`,
      bodyEn: `The provincial bureau will audit your internal control from ${audit.dates.fieldworkStart} to ${audit.dates.fieldworkEnd}. Submit the self-assessment and your staff posts by ${audit.dates.selfAssessmentDue}.`,
      link: `/ic/audits/${audit.id}`,
      dedupeKey: `ic-notice-${audit.id}`,
    });
    return true;
  }
}

async function notifyProvince(ic: InternalControl, notifications: Notifications, uow: UnitOfWork, audit: IcAudit, msg: { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; key: string }) {
  for (const bureau of await ic.organizationsAt(audit.provincePath, ['bureau'])) {
    await notifications.deliver(uow.em, {
      recipientOrgId: bureau.id,
      recipientRegionPath: bureau.regionPath,
      titleZh: msg.titleZh,
      titleEn: msg.titleEn,
      bodyZh: msg.bodyZh,
      bodyEn: msg.bodyEn,
      link: `/ic/audits/${audit.id}`,
      dedupeKey: `${msg.key}-${bureau.id}`,
    });
  }
}

@CommandHandler(MarkSelfAssessmentOverdueCommand)
export class MarkSelfAssessmentOverdueHandler implements ICommandHandler<MarkSelfAssessmentOverdueCommand> {
  constructor(private readonly ic: InternalControl, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, auditId }: MarkSelfAssessmentOverdueCommand) {
    const audit = await this.ic.loadAudit(auditId);
    if (!audit.markSelfAssessmentOverdue(actor, new Date())) return false;
    await this.ic.saveAudit(audit);
    const agency = await this.ic.agency(audit.ownerOrgId);
    await notifyProvince(this.ic, this.notifications, this.uow, audit, {
      titleZh: `自查逾期未提交：${agency?.name ?? audit.ownerOrgId}`,
      titleEn: `Self-assessment overdue: ${agency?.name ?? audit.ownerOrgId}`,
      bodyZh: `该单位未在 ${audit.dates.selfAssessmentDue} 前提交内控自查，现场检查可照常开展。`,
      bodyEn: `The agency did not submit its self-assessment by ${audit.dates.selfAssessmentDue}; fieldwork may start anyway.`,
      key: `ic-sa-overdue-${audit.id}`,
    });
    return true;
  }
}

@CommandHandler(StartFieldworkCommand)
export class StartFieldworkHandler implements ICommandHandler<StartFieldworkCommand> {
  constructor(private readonly ic: InternalControl) {}

  async execute({ actor, auditId }: StartFieldworkCommand) {
    const audit = await this.ic.loadAudit(auditId);
    if (!audit.startFieldwork(actor, new Date())) return false;
    await this.ic.saveAudit(audit);
    return true;
  }
}

@CommandHandler(MarkRectificationOverdueCommand)
export class MarkRectificationOverdueHandler implements ICommandHandler<MarkRectificationOverdueCommand> {
  constructor(private readonly ic: InternalControl, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, auditId, findingId }: MarkRectificationOverdueCommand) {
    const audit = await this.ic.loadAudit(auditId);
    const finding = audit.markRectificationOverdue(actor, findingId, new Date());
    if (!finding) return false;
    await this.ic.saveAudit(audit);
    const agency = await this.ic.agency(audit.ownerOrgId);
    await notifyProvince(this.ic, this.notifications, this.uow, audit, {
      titleZh: `整改逾期：${agency?.name ?? audit.ownerOrgId}`,
      titleEn: `Rectification overdue: ${agency?.name ?? audit.ownerOrgId}`,
      bodyZh: `问题“${finding.description.slice(0, 60)}”未在 ${finding.rectificationDue} 前提交整改。`,
      bodyEn: `A finding was not rectified by ${finding.rectificationDue}.`,
      key: `ic-rect-overdue-${finding.id}-${finding.rectificationDue}`,
    });
    return true;
  }
}

export const IC_COMMAND_HANDLERS = [
  UpdateChecklistHandler, CreateIcPlanHandler, AddIcAuditHandler, DrawIcTeamsHandler, PublishIcPlanHandler,
  SaveSelfAssessmentHandler, ReplaceStaffPostsHandler, RecordIcResultsHandler, IssueFindingsHandler,
  SubmitRectificationHandler, VerifyFindingHandler, ScheduleFollowUpHandler,
  SendAuditNoticeHandler, MarkSelfAssessmentOverdueHandler, StartFieldworkHandler, MarkRectificationOverdueHandler,
];
