import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { addWorkingDays, chinaDateOf, chinaInstant, addCalendarDays } from '../../../platform/calendar/working-days.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import {
  AGENCY_INSPECTION_REMIND_WORKING_DAYS,
  assertMayInspect,
  checklistFor,
  eligibleFor,
  INSPECTION_TYPE_ZH,
  isAgencyStaff,
  TEAM_MIN,
  validSchedule,
  validTeam,
  type InspectableInstitution,
  type TeamCandidate,
  type ValidSchedule,
} from '../domain/agency-inspection.js';
import { Inspection } from '../domain/inspection.js';
import { AgencyInspectionDirectory } from '../infrastructure/agency-inspections.repository.js';
import { cityCodeOfPath, SpotChecks } from '../infrastructure/spot-check.repository.js';
import {
  MarkInspectionOverdueCommand,
  RemindInspectionCommand,
  ScheduleFromWorklistCommand,
  ScheduleInspectionCommand,
} from './agency-inspection.commands.js';

const MAX_BATCH = 200;
const inspectionLink = (id: string) => `/inspections/${id}`;

/** The workflow's instants: the reminder (working days before the planned date, null when past) and the end of the planned day. */
function clockOf(plannedOn: string, now: Date, region: string): { remindAt: string | null; dueAt: string } {
  const remindDay = addWorkingDays(plannedOn, -AGENCY_INSPECTION_REMIND_WORKING_DAYS, region);
  const remindAt = chinaInstant(remindDay, 9);
  return { remindAt: remindAt > now ? remindAt.toISOString() : null, dueAt: chinaInstant(addCalendarDays(plannedOn, 1)).toISOString() };
}

/** Builds, saves and announces one agency inspection (the institution is told only when it is announced: 事先告知). */
async function scheduleOne(repo: SpotChecks, notifications: Notifications, uow: UnitOfWork, actor: Actor, institution: InspectableInstitution,
  schedule: ValidSchedule, team: TeamCandidate[], crossInspection: boolean, agencyName: string, now: Date): Promise<string> {
  const title = `${agencyName}${INSPECTION_TYPE_ZH[schedule.inspectionType]}${crossInspection ? '（交叉检查）' : ''}`;
  const i = Inspection.schedule({
    id: randomUUID(), actor, institution, spotCheckTitle: title,
    checklistItems: [...new Set([...checklistFor(institution.kind, institution.level, institution.ownership), ...schedule.focusItems])],
    cityCode: cityCodeOfPath(institution.regionPath), kind: institution.kind, level: institution.level,
    team: team.map((c) => ({ inspectorId: c.id, name: c.name, organizationName: c.organizationName })),
    inspectionType: schedule.inspectionType, method: schedule.method, announced: schedule.announced, plannedOn: schedule.plannedOn,
    crossInspection, basis: schedule.basis, createdAt: now, clock: clockOf(schedule.plannedOn, now, institution.regionPath),
  });
  await repo.saveInspection(i);
  if (schedule.announced) {
    await notifications.deliver(uow.em, {
      recipientOrgId: institution.id, recipientRegionPath: institution.regionPath,
      titleZh: `检查通知：${agencyName}将于 ${schedule.plannedOn} ${schedule.method === 'on_site' ? '到现场检查' : '开展数据核查'}`,
      titleEn: `Inspection notice: ${schedule.method === 'on_site' ? 'on-site inspection' : 'data review'} on ${schedule.plannedOn}`,
      bodyZh: `${agencyName}定于 ${schedule.plannedOn} 对贵机构开展${INSPECTION_TYPE_ZH[schedule.inspectionType]}，请做好配合，备齐医保结算、病历和进销存等相关资料。`,
      bodyEn: `${agencyName} will inspect your institution on ${schedule.plannedOn} (${schedule.inspectionType}); please have the settlement, medical-record and stock records ready.`,
      link: `/institution`, dedupeKey: `inspection-announced-${i.id}`,
    });
  }
  return i.id;
}

@CommandHandler(ScheduleInspectionCommand)
export class ScheduleInspectionHandler implements ICommandHandler<ScheduleInspectionCommand> {
  constructor(private readonly repo: SpotChecks, private readonly directory: AgencyInspectionDirectory, private readonly uow: UnitOfWork,
    private readonly notifications: Notifications) {}

  async execute({ actor, input }: ScheduleInspectionCommand) {
    const now = new Date();
    if (!isAgencyStaff(actor)) {
      throw DomainError.forbidden('inspection_forbidden', { zh: '只有经办机构稽核人员可以安排检查', en: "only a handling agency's staff may schedule inspections" });
    }
    const schedule = validSchedule(input ?? {}, chinaDateOf(now));
    const institutionId = typeof input?.institutionId === 'string' ? input.institutionId : '';
    const institution = (await this.directory.institutions(institutionId ? [institutionId] : [])).get(institutionId);
    if (!institution) {
      throw DomainError.validation('inspection_institution_unknown', {
        zh: `定点机构不存在或不在本辖区：${institutionId || '（未填写）'}`, en: `institution not found in your region: ${institutionId || '(none given)'}`,
      }, { field: 'institutionId' });
    }
    const { crossInspection } = assertMayInspect(actor, institution);
    const ids = Array.isArray(input?.teamInspectorIds) ? (input.teamInspectorIds as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    const candidates = await this.directory.teamCandidates(actor.organizationId, Number(schedule.plannedOn.slice(0, 4)), ids);
    const team = validTeam(actor, input?.teamInspectorIds, candidates, institution);
    const agencyName = await this.directory.organizationName(actor.organizationId);
    return { id: await scheduleOne(this.repo, this.notifications, this.uow, actor, institution, schedule, team, crossInspection, agencyName, now) };
  }
}

/**
 * The worklist turned into scheduled inspections in one action: every institution must be one the
 * agency may inspect, and each gets a team of two drawn in turn from the agency's inspectors who
 * may inspect it (recusal as for a hand-picked team). All or nothing.
 */
@CommandHandler(ScheduleFromWorklistCommand)
export class ScheduleFromWorklistHandler implements ICommandHandler<ScheduleFromWorklistCommand> {
  constructor(private readonly repo: SpotChecks, private readonly directory: AgencyInspectionDirectory, private readonly uow: UnitOfWork,
    private readonly notifications: Notifications) {}

  async execute({ actor, input }: ScheduleFromWorklistCommand) {
    const now = new Date();
    if (!isAgencyStaff(actor)) {
      throw DomainError.forbidden('inspection_forbidden', { zh: '只有经办机构稽核人员可以安排检查', en: "only a handling agency's staff may schedule inspections" });
    }
    const raw = input?.institutionIds;
    if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_BATCH || raw.some((x) => typeof x !== 'string')) {
      throw DomainError.validation('inspection_worklist_selection_invalid', {
        zh: `请选择要安排检查的机构（1 至 ${MAX_BATCH} 家）`, en: `choose between 1 and ${MAX_BATCH} institutions to schedule`,
      }, { field: 'institutionIds' });
    }
    const schedule = validSchedule({ ...input, focusItems: [] }, chinaDateOf(now));
    const ids = [...new Set(raw as string[])];
    const institutions = await this.directory.institutions(ids);
    const unknown = ids.filter((id) => !institutions.has(id));
    if (unknown.length) {
      throw DomainError.validation('inspection_institution_unknown', {
        zh: `定点机构不存在或不在本辖区：${unknown.join('、')}`, en: `institutions not found in your region: ${unknown.join(', ')}`,
      }, { field: 'institutionIds', institutionIds: unknown });
    }
    const candidates = [...(await this.directory.teamCandidates(actor.organizationId, Number(schedule.plannedOn.slice(0, 4)))).values()];
    const agencyName = await this.directory.organizationName(actor.organizationId);
    const created: string[] = [];
    let turn = 0;
    for (const id of ids) {
      const institution = institutions.get(id)!;
      const { crossInspection } = assertMayInspect(actor, institution);
      const eligible = candidates.filter((c) => eligibleFor(c, id));
      if (eligible.length < TEAM_MIN) {
        throw DomainError.conflict('inspection_team_unavailable', {
          zh: `本机构可派往 ${institution.name} 的稽核人员不足 ${TEAM_MIN} 名（回避后），请手工组队`,
          en: `fewer than ${TEAM_MIN} of your inspectors may inspect ${institution.name} after recusal: form the team by hand`,
        }, { institutionId: id });
      }
      const team = Array.from({ length: TEAM_MIN }, (_, k) => eligible[(turn + k) % eligible.length]!);
      turn += TEAM_MIN;
      created.push(await scheduleOne(this.repo, this.notifications, this.uow, actor, institution, schedule, team, crossInspection, agencyName, now));
    }
    return { ids: created };
  }
}

@CommandHandler(RemindInspectionCommand)
export class RemindInspectionHandler implements ICommandHandler<RemindInspectionCommand> {
  constructor(private readonly repo: SpotChecks, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ inspectionId }: RemindInspectionCommand) {
    const i = await this.repo.loadInspection(inspectionId);
    if (i.origin !== 'agency' || i.status === 'sent' || !i.agencyId) return false;
    const agency = (await this.repo.organizationsById([i.agencyId]))[0];
    if (!agency) return false;
    return this.notifications.deliver(this.uow.em, {
      recipientOrgId: agency.id, recipientRegionPath: agency.regionPath,
      titleZh: `检查提醒：${i.plannedOn} ${i.spotCheckTitle}`, titleEn: `Inspection reminder: ${i.plannedOn}`,
      bodyZh: `计划于 ${i.plannedOn} 开展的检查（检查组：${i.team.map((m) => m.name).join('、')}）即将到期，请按时实施并录入、送达检查结果。`,
      bodyEn: `The inspection planned for ${i.plannedOn} is due; carry it out and record and send the result on time.`,
      link: inspectionLink(i.id), dedupeKey: `inspection-remind-${i.id}`,
    });
  }
}

@CommandHandler(MarkInspectionOverdueCommand)
export class MarkInspectionOverdueHandler implements ICommandHandler<MarkInspectionOverdueCommand> {
  constructor(private readonly repo: SpotChecks, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ inspectionId, at }: MarkInspectionOverdueCommand) {
    const i = await this.repo.loadInspection(inspectionId);
    if (!i.markOverdue(at)) return false;
    await this.repo.saveInspection(i);
    const agency = (await this.repo.organizationsById([i.agencyId!]))[0];
    await this.notifications.deliverTo(this.uow.em, agency, {
      titleZh: `检查逾期：${i.spotCheckTitle}（计划 ${i.plannedOn}）`, titleEn: `Inspection overdue (planned ${i.plannedOn})`,
      bodyZh: `计划于 ${i.plannedOn} 的检查结果尚未送达，已标记为逾期。`, bodyEn: `The result of the inspection planned for ${i.plannedOn} has not been sent: flagged overdue.`,
      link: inspectionLink(i.id), dedupeKey: `inspection-overdue-${i.id}`,
    });
    return true;
  }
}

export const AGENCY_INSPECTION_COMMAND_HANDLERS = [ScheduleInspectionHandler, ScheduleFromWorklistHandler, RemindInspectionHandler, MarkInspectionOverdueHandler];
