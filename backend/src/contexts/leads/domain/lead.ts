import type { LeadClock, LeadTransition, LeadWorkflowInput } from '@fundsup/workflows/contracts';
import { recordEvent } from '../../../kernel/aggregate.js';
import { actorData, hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { requiredText, yuanOrNull } from '../../../kernel/input-values.js';
import { addCalendarDays, addWorkingDays, chinaDateOf, chinaInstant } from '../../../platform/calendar/working-days.js';
import { isLeadSource, LEAD_REMIND_DAYS_BEFORE, LEAD_SOURCES, type LeadSource, type LeadTimeLimit } from './time-limits.js';

// A lead in the ledger (线索台账, seed 003 二(二): 逐一建立台账，认真核查，甄别真伪，限时办结，按要求报告; issue 17).
// registered → assessed (valuable; not valuable ends it, with a second user's approval on an assigned
// lead) → assigned down the region tree (the lower unit holds it, the assigner keeps it in view) →
// investigating (an agency inspection from it) → closed with a result → reported to the assigner, who
// accepts it (then it goes on up to the assigner's own assigner, if any) or returns it (investigating
// again). The database decides the transitions (ADR 0007); the lead workflow owns the clock.

export const LEAD_EVENTS = {
  registered: 'LeadRegistered',
  assessed: 'LeadAssessed',
  dismissalProposed: 'LeadDismissalProposed',
  dismissalDecided: 'LeadDismissalDecided',
  assigned: 'LeadAssigned',
  investigating: 'LeadInvestigationStarted',
  closed: 'LeadClosed',
  reported: 'LeadReported',
  accepted: 'LeadResultAccepted',
  returned: 'LeadResultReturned',
  extensionRequested: 'LeadExtensionRequested',
  extensionDecided: 'LeadExtensionDecided',
  overdue: 'LeadOverdue',
} as const;

export const LEAD_STATUSES = ['registered', 'assessed', 'assigned', 'investigating', 'dismissal_proposed', 'dismissed', 'closed', 'reported', 'accepted'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_RESULTS = ['violation_confirmed', 'not_confirmed', 'transferred'] as const;
export type LeadResult = (typeof LEAD_RESULTS)[number];

/** While the lead is in one of these, its time limit runs. */
export const LEAD_OPEN: readonly LeadStatus[] = ['registered', 'assessed', 'assigned', 'investigating', 'dismissal_proposed'];

export const LEAD_STATUS_ZH: Record<LeadStatus, string> = {
  registered: '已登记', assessed: '已研判', assigned: '已交办', investigating: '核查中', dismissal_proposed: '不予立案待审批',
  dismissed: '经研判无价值', closed: '已办结', reported: '已报告待审核', accepted: '已审核办结',
};
export const LEAD_RESULT_ZH: Record<LeadResult, string> = { violation_confirmed: '查实违规', not_confirmed: '查无实据', transferred: '移交其他部门' };

export interface LeadAssignment {
  fromOrgId: string; fromRegionPath: string; toOrgId: string; toRegionPath: string; at: string; by: string; dueDate: string;
}
export interface LeadDismissal { by: string; byUserId: string; reasons: string; at: string; previousStatus: LeadStatus }
export interface LeadExtension { dueDate: string; reason: string; by: string; byUserId: string; at: string }

/** A unit of the ledger's chain (bureau or agency), as the repository finds it. */
export interface LeadUnit { id: string; name: string; kind: 'bureau' | 'agency' | 'institution'; regionPath: string }
/** The region a lead concerns and the institution, if named. */
export interface LeadPlace { regionCode: string; regionPath: string; institution: { id: string; regionPath: string } | null }
/** An agency inspection a lead is investigated by (from the spot-checks context). */
export interface LeadInspectionRef { id: string; agencyId: string; agencyRegionPath: string; institutionId: string }

const TEXT_MAX = 4000;
const SUBJECT_MAX = 200;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const text = (value: unknown, code: string, what: { zh: string; en: string }, max = TEXT_MAX) => requiredText(value, code, what, max);

/** A decimal yuan amount ("12345.60"), or null when none is given. */
export const yuanAmount = (value: unknown, field: string): string | null => yuanOrNull(value, field, 'lead_amount_invalid');

function dueDay(value: unknown, today: string): string {
  if (typeof value !== 'string' || !DATE_RE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw DomainError.validation('lead_due_date_invalid', { zh: `办理期限应为日期（YYYY-MM-DD）：${String(value)}`, en: `dueDate must be a date (YYYY-MM-DD): ${String(value)}` }, { field: 'dueDate' });
  }
  if (value < today) {
    throw DomainError.validation('lead_due_date_past', { zh: `办理期限不能早于今天（${today}）：${value}`, en: `the due date cannot be before today (${today}): ${value}` }, { field: 'dueDate' });
  }
  return value;
}

/** Bureau and agency staff act for their unit's ledger; institutions never. */
const UNIT_ROLES = ['national_overseer', 'province_official', 'city_agency_staff', 'county_staff', 'leader'] as const;
export const actsFor = (actor: Actor, orgId: string) =>
  actor.organizationKind !== 'institution' && actor.organizationId === orgId && hasRole(actor, ...UNIT_ROLES);

/** The first instant after a China calendar day. */
const instantAfter = (day: string) => chinaInstant(addCalendarDays(day, 1)).toISOString();

export class Lead {
  id!: string;
  ledgerNo: number | null = null;
  regionPath!: string;
  ownerOrgId!: string;
  registeredOrgId!: string;
  registeredRegionPath!: string;
  source!: LeadSource;
  sourceRef: string | null = null;
  regionCode!: string;
  institutionOrgId: string | null = null;
  subject!: string;
  facts!: string;
  amountInvolved: string | null = null;
  status: LeadStatus = 'registered';
  valuable: boolean | null = null;
  assessmentReasons: string | null = null;
  dismissal: LeadDismissal | null = null;
  assignments: LeadAssignment[] = [];
  dueDate: string | null = null;
  overdue = false;
  extension: LeadExtension | null = null;
  inspectionId: string | null = null;
  result: LeadResult | null = null;
  confirmedAmount: string | null = null;
  resultSummary: string | null = null;
  reportLevel: number | null = null;
  closedAt: Date | null = null;
  reportedAt: Date | null = null;
  acceptedAt: Date | null = null;
  registeredAt!: Date;
  registeredBy!: string;
  registeredByUserId!: string;
  version = 1;
  isNew = false;
  /** Set when the lead moved to another unit in this command: the repository moves its history with it. */
  moved = false;
  newHistory: { action: string; comment: string | null; byUserId: string; byName: string; byOrgId: string; at: Date }[] = [];

  /**
   * Entered in the ledger of the actor's unit. `limit` is the source's time limit (working days), used
   * when no due date is given.
   */
  static register(input: {
    id: string; actor: Actor; source: unknown; sourceRef: unknown; place: LeadPlace; subject: unknown; facts: unknown;
    amountInvolved: unknown; dueDate?: unknown; limit: LeadTimeLimit; now: Date;
  }): Lead {
    const { actor, place, now } = input;
    if (!actsFor(actor, actor.organizationId)) {
      throw DomainError.forbidden('lead_forbidden', { zh: '只有医保部门和经办机构的工作人员可以登记线索', en: "only a bureau's or agency's staff may register leads" });
    }
    if (!isLeadSource(input.source)) {
      throw DomainError.validation('lead_source_invalid', { zh: `线索来源无效：${String(input.source)}`, en: `unknown lead source: ${String(input.source)} (one of ${LEAD_SOURCES.join(', ')})` }, { field: 'source' });
    }
    if (!place.regionPath.startsWith(actor.regionPath)) {
      throw DomainError.validation('lead_region_outside', { zh: `线索涉及的地区不在本单位辖区内：${place.regionCode}`, en: `the lead's region is outside your unit's area: ${place.regionCode}` }, { field: 'regionCode' });
    }
    if (place.institution && !place.institution.regionPath.startsWith(place.regionPath)) {
      throw DomainError.validation('lead_institution_outside', {
        zh: `被举报（涉及）机构不在线索涉及的地区内：${place.institution.id}`, en: `the institution is not in the lead's region: ${place.institution.id}`,
      }, { field: 'institutionOrgId' });
    }
    const sourceRef = typeof input.sourceRef === 'string' && input.sourceRef.trim() ? input.sourceRef.trim().slice(0, 200) : null;
    if (input.source === 'tip' && !sourceRef) {
      throw DomainError.validation('lead_source_ref_required', { zh: '来源为举报的线索须注明举报编号', en: "a lead from a tip names the tip (sourceRef)" }, { field: 'sourceRef' });
    }
    const today = chinaDateOf(now);
    const l = Object.assign(new Lead(), {
      id: input.id, regionPath: actor.regionPath, ownerOrgId: actor.organizationId, registeredOrgId: actor.organizationId,
      registeredRegionPath: actor.regionPath, source: input.source, sourceRef, regionCode: place.regionCode,
      institutionOrgId: place.institution?.id ?? null,
      subject: text(input.subject, 'lead_subject_required', { zh: '主要问题', en: 'the subject' }, SUBJECT_MAX),
      facts: text(input.facts, 'lead_facts_required', { zh: '线索内容', en: 'the facts' }),
      amountInvolved: yuanAmount(input.amountInvolved, 'amountInvolved'),
      dueDate: input.dueDate === undefined || input.dueDate === null || input.dueDate === '' ? addWorkingDays(today, input.limit.workingDays) : dueDay(input.dueDate, today),
      status: 'registered' as LeadStatus, registeredAt: now, registeredBy: actor.displayName, registeredByUserId: actor.userId, isNew: true,
    });
    l.log(actor, 'registered', `${l.subject}；办理期限 ${l.dueDate}`, now);
    const workflowInput: LeadWorkflowInput = { leadId: l.id, actor: actorData(actor), clock: l.clock(now) };
    l.record(LEAD_EVENTS.registered, { input: workflowInput, source: l.source, sourceRef: l.sourceRef });
    return l;
  }

  /** Whether the lead came to its holder by assignment (or is an assignment from above by its source). */
  get isAssigned(): boolean {
    return this.assignments.length > 0 || this.source === 'national_assignment' || this.source === 'provincial_assignment';
  }

  /** The unit that assigned the lead to its holder (null for a lead in the ledger it was registered in). */
  get assigner(): { orgId: string; regionPath: string } | null {
    const a = this.assignments[this.assignments.length - 1];
    return a ? { orgId: a.fromOrgId, regionPath: a.fromRegionPath } : null;
  }

  /** The assigner the result is reported to now. */
  get reportedTo(): { orgId: string; regionPath: string } | null {
    const a = this.reportLevel === null ? undefined : this.assignments[this.reportLevel];
    return a ? { orgId: a.fromOrgId, regionPath: a.fromRegionPath } : null;
  }

  get ended(): boolean {
    return this.status === 'dismissed' || this.status === 'accepted' || (this.status === 'closed' && this.assignments.length === 0);
  }

  /** The clock the workflow should run: stopped outside the open statuses. */
  clock(now: Date): LeadClock {
    if (!LEAD_OPEN.includes(this.status) || !this.dueDate) return { dueAt: null, dueDate: null, remindAt: [] };
    const remindAt = LEAD_REMIND_DAYS_BEFORE
      .map((n) => chinaInstant(addCalendarDays(this.dueDate!, -n), 9))
      .filter((t) => t.getTime() > now.getTime())
      .map((t) => t.toISOString());
    return { dueAt: instantAfter(this.dueDate), dueDate: this.dueDate, remindAt };
  }

  private assertHolder(actor: Actor): void {
    if (!actsFor(actor, this.ownerOrgId)) {
      throw DomainError.forbidden('lead_not_holder', { zh: '只有承办单位可以办理此线索', en: 'only the unit holding the lead may do this' });
    }
  }

  private assertStatus(allowed: readonly LeadStatus[], action: { zh: string; en: string }): void {
    if (!allowed.includes(this.status)) {
      throw DomainError.conflict('lead_status_conflict', {
        zh: `线索当前状态为"${LEAD_STATUS_ZH[this.status]}"，不能${action.zh}`, en: `the lead is ${this.status}: it cannot be ${action.en}`,
      }, { status: this.status });
    }
  }

  /** Valuable (it goes on) or not (with reasons: ends it; on an assigned lead a second user approves). */
  assess(actor: Actor, valuable: unknown, reasons: unknown, now: Date): void {
    this.assertHolder(actor);
    this.assertStatus(['registered', 'assigned'], { zh: '研判', en: 'assessed' });
    if (typeof valuable !== 'boolean') {
      throw DomainError.validation('lead_valuable_required', { zh: '请选择线索是否有价值', en: 'valuable must be true or false' }, { field: 'valuable' });
    }
    const why = text(reasons, 'lead_reasons_required', { zh: '研判理由', en: 'the reasons' });
    if (valuable) {
      this.valuable = true;
      this.assessmentReasons = why;
      this.status = 'assessed';
      this.log(actor, 'assessed_valuable', why, now);
      this.record(LEAD_EVENTS.assessed, { valuable: true });
      return;
    }
    if (this.isAssigned) {
      this.dismissal = { by: actor.displayName, byUserId: actor.userId, reasons: why, at: now.toISOString(), previousStatus: this.status };
      this.status = 'dismissal_proposed';
      this.log(actor, 'dismissal_proposed', why, now);
      this.record(LEAD_EVENTS.dismissalProposed, { by: actor.userId });
      return;
    }
    this.valuable = false;
    this.assessmentReasons = why;
    this.status = 'dismissed';
    this.log(actor, 'dismissed', why, now);
    this.record(LEAD_EVENTS.assessed, { valuable: false, transition: this.ending(now) });
  }

  /** A second user (of the holder or of the assigner) approves or rejects the proposed dismissal. */
  decideDismissal(actor: Actor, approve: unknown, comment: unknown, now: Date): void {
    this.assertStatus(['dismissal_proposed'], { zh: '审批不予立案', en: 'approved as not valuable' });
    const assigner = this.assigner;
    if (!actsFor(actor, this.ownerOrgId) && !(assigner && actsFor(actor, assigner.orgId))) {
      throw DomainError.forbidden('lead_not_holder', { zh: '只有承办单位或交办单位可以审批', en: 'only the holding or the assigning unit may decide this' });
    }
    if (actor.userId === this.dismissal!.byUserId) {
      throw DomainError.forbidden('lead_second_user_required', {
        zh: '交办线索认定为无价值须由另一名工作人员审批，提出人不能自行审批', en: 'a second user must approve dismissing an assigned lead: not the one who proposed it',
      });
    }
    if (typeof approve !== 'boolean') {
      throw DomainError.validation('lead_approve_required', { zh: '请选择同意或不同意', en: 'approve must be true or false' }, { field: 'approve' });
    }
    const note = typeof comment === 'string' && comment.trim() ? comment.trim().slice(0, TEXT_MAX) : null;
    const proposal = this.dismissal!;
    this.dismissal = null;
    if (approve) {
      this.valuable = false;
      this.assessmentReasons = proposal.reasons;
      this.status = 'dismissed';
      this.log(actor, 'dismissal_approved', note ?? proposal.reasons, now);
      this.record(LEAD_EVENTS.dismissalDecided, { approved: true, transition: this.ending(now) });
    } else {
      this.status = proposal.previousStatus;
      this.log(actor, 'dismissal_rejected', note, now);
      this.record(LEAD_EVENTS.dismissalDecided, { approved: false });
    }
  }

  /** Down the region tree to a lower unit (or the agency beside a bureau), with its due date. */
  assign(actor: Actor, to: LeadUnit | undefined, dueDate: unknown, limit: LeadTimeLimit, now: Date): void {
    this.assertHolder(actor);
    this.assertStatus(['assessed', 'assigned'], { zh: '交办', en: 'assigned' });
    if (!to || to.kind === 'institution' || to.id === this.ownerOrgId || !to.regionPath.startsWith(this.regionPath)
      || (to.regionPath === this.regionPath && !(actor.organizationKind === 'bureau' && to.kind === 'agency'))) {
      throw DomainError.validation('lead_assignee_invalid', {
        zh: `只能交办给本辖区内的下级单位（或本级经办机构）：${to?.id ?? '（未填写）'}`, en: `a lead goes down to a unit within your area (or the agency beside your bureau): ${to?.id ?? '(none given)'}`,
      }, { field: 'toOrgId' });
    }
    const today = chinaDateOf(now);
    const due = dueDate === undefined || dueDate === null || dueDate === '' ? addWorkingDays(today, limit.workingDays) : dueDay(dueDate, today);
    this.assignments = [...this.assignments, {
      fromOrgId: this.ownerOrgId, fromRegionPath: this.regionPath, toOrgId: to.id, toRegionPath: to.regionPath, at: now.toISOString(), by: actor.displayName, dueDate: due,
    }];
    this.ownerOrgId = to.id;
    this.regionPath = to.regionPath;
    this.moved = true;
    this.dueDate = due;
    this.overdue = false;
    this.extension = null;
    this.status = 'assigned';
    this.log(actor, 'assigned', `交办${to.name}，办理期限 ${due}`, now);
    this.record(LEAD_EVENTS.assigned, { toOrgId: to.id, transition: this.clockTransition(now) });
  }

  /**
   * Investigated by an agency inspection of the holder's area (线索核查). A lead that names an
   * institution is investigated by an inspection of it; one that names none (a person, a region) may
   * be investigated without (`inspection` null: none given; undefined: given but not found).
   */
  investigate(actor: Actor, inspection: LeadInspectionRef | null | undefined, now: Date): void {
    this.assertHolder(actor);
    this.assertStatus(['assessed', 'assigned', 'investigating'], { zh: '开展核查', en: 'investigated' });
    if (inspection === null && this.institutionOrgId) {
      throw DomainError.validation('lead_inspection_required', {
        zh: '线索涉及定点医药机构，须通过对该机构的检查（线索核查）开展核查', en: 'the lead names an institution: it is investigated by an inspection of it',
      }, { field: 'inspectionId' });
    }
    if (inspection === undefined || (inspection && !inspection.agencyRegionPath.startsWith(this.regionPath))) {
      throw DomainError.validation('lead_inspection_invalid', {
        zh: `检查不存在或不是本辖区经办机构的检查：${inspection?.id ?? ''}`, en: `the inspection is not found or not one of an agency in your area: ${inspection?.id ?? ''}`,
      }, { field: 'inspectionId' });
    }
    if (inspection && this.institutionOrgId && inspection.institutionId !== this.institutionOrgId) {
      throw DomainError.validation('lead_inspection_institution', {
        zh: '检查对象与线索涉及的机构不一致', en: 'the inspection is of another institution than the lead names',
      }, { field: 'inspectionId', institutionId: this.institutionOrgId });
    }
    this.inspectionId = inspection?.id ?? null;
    this.status = 'investigating';
    this.log(actor, 'investigating', inspection ? `检查 ${inspection.id}` : null, now);
    this.record(LEAD_EVENTS.investigating, { inspectionId: this.inspectionId });
  }

  /** Closed with a result: violation confirmed (with the confirmed amount), not confirmed, or transferred. */
  close(actor: Actor, result: unknown, confirmedAmount: unknown, summary: unknown, now: Date): void {
    this.assertHolder(actor);
    this.assertStatus(['investigating'], { zh: '办结', en: 'closed' });
    if (!(LEAD_RESULTS as readonly unknown[]).includes(result)) {
      throw DomainError.validation('lead_result_invalid', {
        zh: '办理结果应为查实违规、查无实据或移交其他部门', en: `result must be one of ${LEAD_RESULTS.join(', ')}`,
      }, { field: 'result' });
    }
    const amount = yuanAmount(confirmedAmount, 'confirmedAmount');
    if (result === 'violation_confirmed' && amount === null) {
      throw DomainError.validation('lead_confirmed_amount_required', { zh: '查实违规须填写认定金额（元）', en: 'a confirmed violation needs the confirmed amount (yuan)' }, { field: 'confirmedAmount' });
    }
    if (result !== 'violation_confirmed' && amount !== null) {
      throw DomainError.validation('lead_confirmed_amount_unexpected', { zh: '只有查实违规才有认定金额', en: 'only a confirmed violation has a confirmed amount' }, { field: 'confirmedAmount' });
    }
    this.result = result as LeadResult;
    this.confirmedAmount = amount;
    this.resultSummary = text(summary, 'lead_summary_required', { zh: '办理情况', en: 'the summary of the handling' });
    this.closedAt = now;
    this.status = 'closed';
    this.extension = null;
    this.log(actor, `closed_${this.result}`, `${LEAD_RESULT_ZH[this.result]}${amount ? `，认定金额 ${amount} 元` : ''}。${this.resultSummary}`, now);
    this.record(LEAD_EVENTS.closed, { result: this.result, confirmedAmount: amount, transition: this.assignments.length ? this.clockTransition(now) : this.ending(now) });
  }

  /** The holder reports the result to the unit that assigned the lead. */
  report(actor: Actor, now: Date): void {
    this.assertHolder(actor);
    this.assertStatus(['closed'], { zh: '报告', en: 'reported' });
    if (!this.assignments.length) {
      throw DomainError.conflict('lead_not_assigned', { zh: '本单位登记的线索办结即终结，无需向上报告', en: 'the lead was not assigned: there is nobody to report it to' });
    }
    this.reportLevel = this.assignments.length - 1;
    this.reportedAt = now;
    this.status = 'reported';
    this.log(actor, 'reported', null, now);
    this.record(LEAD_EVENTS.reported, { toOrgId: this.reportedTo!.orgId });
  }

  private assertReportedTo(actor: Actor): void {
    this.assertStatus(['reported'], { zh: '审核', en: 'reviewed' });
    if (!actsFor(actor, this.reportedTo!.orgId)) {
      throw DomainError.forbidden('lead_not_reported_to', { zh: '办理结果报送给交办单位审核，您无权审核', en: 'the result is reported to the assigning unit: you may not review it' });
    }
  }

  /**
   * The unit the result is reported to accepts it: the lead goes on up to that unit's own assigner,
   * or, at the top of the chain, it is done. Returns whether the lead is now done.
   */
  accept(actor: Actor, comment: unknown, now: Date): boolean {
    this.assertReportedTo(actor);
    const note = typeof comment === 'string' && comment.trim() ? comment.trim().slice(0, TEXT_MAX) : null;
    if (this.reportLevel! > 0) {
      this.reportLevel! -= 1;
      this.log(actor, 'accepted_forwarded', note, now);
      this.record(LEAD_EVENTS.accepted, { final: false, toOrgId: this.reportedTo!.orgId });
      return false;
    }
    this.reportLevel = null;
    this.acceptedAt = now;
    this.status = 'accepted';
    this.log(actor, 'accepted', note, now);
    this.record(LEAD_EVENTS.accepted, { final: true, transition: this.ending(now) });
    return true;
  }

  /** The unit the result is reported to sends it back (unsatisfactory): the holder investigates again, under the same due date. */
  returnResult(actor: Actor, reason: unknown, now: Date): void {
    this.assertReportedTo(actor);
    const why = text(reason, 'lead_return_reason_required', { zh: '退回理由', en: 'the reason for returning it' });
    this.reportLevel = null;
    this.reportedAt = null;
    this.result = null;
    this.confirmedAmount = null;
    this.closedAt = null;
    this.status = 'investigating';
    this.log(actor, 'returned', why, now);
    this.record(LEAD_EVENTS.returned, { byOrgId: actor.organizationId, transition: this.clockTransition(now) });
  }

  /** The holder asks the assigner for a later due date. */
  requestExtension(actor: Actor, dueDate: unknown, reason: unknown, now: Date): void {
    this.assertHolder(actor);
    this.assertStatus(['assigned', 'assessed', 'investigating'], { zh: '申请延期', en: 'extended' });
    if (!this.assigner) {
      throw DomainError.conflict('lead_not_assigned', { zh: '本单位登记的线索无需申请延期', en: 'the lead was not assigned: there is nobody to ask for an extension' });
    }
    if (this.extension) {
      throw DomainError.conflict('lead_extension_pending', { zh: '已有待审批的延期申请', en: 'an extension request is pending already' }, { dueDate: this.extension.dueDate });
    }
    const due = dueDay(dueDate, chinaDateOf(now));
    if (this.dueDate && due <= this.dueDate) {
      throw DomainError.validation('lead_extension_not_later', { zh: `延期后的期限应晚于现期限（${this.dueDate}）`, en: `the new due date must be after the current one (${this.dueDate})` }, { field: 'dueDate' });
    }
    const why = text(reason, 'lead_extension_reason_required', { zh: '延期理由', en: 'the reason for the extension' });
    this.extension = { dueDate: due, reason: why, by: actor.displayName, byUserId: actor.userId, at: now.toISOString() };
    this.log(actor, 'extension_requested', `申请延期至 ${due}：${why}`, now);
    this.record(LEAD_EVENTS.extensionRequested, { dueDate: due });
  }

  /** The assigner approves (the due date moves, the overdue flag is cleared) or refuses the extension. */
  decideExtension(actor: Actor, approve: unknown, comment: unknown, now: Date): boolean {
    const assigner = this.assigner;
    if (!assigner || !actsFor(actor, assigner.orgId)) {
      throw DomainError.forbidden('lead_not_assigner', { zh: '只有交办单位可以审批延期申请', en: 'only the assigning unit may decide an extension' });
    }
    if (!this.extension) {
      throw DomainError.conflict('lead_no_extension', { zh: '没有待审批的延期申请', en: 'no extension request is pending' });
    }
    if (typeof approve !== 'boolean') {
      throw DomainError.validation('lead_approve_required', { zh: '请选择同意或不同意', en: 'approve must be true or false' }, { field: 'approve' });
    }
    const note = typeof comment === 'string' && comment.trim() ? comment.trim().slice(0, TEXT_MAX) : null;
    const request = this.extension;
    this.extension = null;
    if (approve) {
      this.dueDate = request.dueDate;
      this.overdue = false;
      this.log(actor, 'extension_approved', `办理期限延至 ${request.dueDate}${note ? `：${note}` : ''}`, now);
      this.record(LEAD_EVENTS.extensionDecided, { approved: true, transition: this.clockTransition(now) });
    } else {
      this.log(actor, 'extension_refused', note, now);
      this.record(LEAD_EVENTS.extensionDecided, { approved: false });
    }
    return approve;
  }

  /** Whether a reminder for `dueDate` still applies (the lead open, the due day unchanged). */
  remindable(dueDate: string): boolean {
    return LEAD_OPEN.includes(this.status) && this.dueDate === dueDate;
  }

  /** The time limit passed while open: flagged once (false when nothing changed). */
  markOverdue(actor: Actor, dueDate: string, now: Date): boolean {
    if (!this.remindable(dueDate) || this.overdue) return false;
    this.overdue = true;
    this.log(actor, 'overdue', `应于 ${dueDate} 前办结`, now);
    this.record(LEAD_EVENTS.overdue, { dueDate });
    return true;
  }

  private clockTransition(now: Date): LeadTransition {
    return { action: 'clock', at: now.toISOString(), clock: this.clock(now) };
  }

  private ending(now: Date): LeadTransition {
    return { action: 'ended', at: now.toISOString() };
  }

  private log(actor: Actor, action: string, comment: string | null, at: Date): void {
    this.newHistory.push({ action, comment, byUserId: actor.userId, byName: actor.displayName, byOrgId: actor.organizationId, at });
  }

  private record(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'Lead', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}
