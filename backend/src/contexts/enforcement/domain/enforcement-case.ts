import type { DeadlineClock, DeadlineTransition, EnforcementCaseWorkflowInput } from '@fundsup/workflows/contracts';
import { recordEvent } from '../../../kernel/aggregate.js';
import { actorData, hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { requiredText, yuanOrNull } from '../../../kernel/input-values.js';
import { addCalendarDays, chinaDateOf, chinaInstant } from '../../../platform/calendar/working-days.js';
import { CASE_REMIND_DAYS_BEFORE, type EnforcementLimits } from './limits.js';

// An administrative enforcement case (行政执法, issue 18; seed 003 四(一), seed 004 五):
// proposed by a bureau's staff (待立案) → filed with a leader's approval (立案; the closure clock
// starts) → investigated by at least two named officers (interview records, evidence with SHA-256
// hashes, inquiries) → the party notified of the proposed penalty, with its statement and defence
// (陈述申辩) and a hearing request → legal review (法制审核) by a legal reviewer of the case's bureau
// who did not investigate → collective deliberation (集体讨论) for a major case → the decision (penalty,
// recovery, legal basis) → service (送达) → publication (执法公示) → execution, reconsideration or
// litigation recorded → closed. Every step is a timeline entry (全过程记录).

export const CASE_EVENTS = {
  proposed: 'EnforcementCaseProposed',
  filed: 'EnforcementCaseFiled',
  rejected: 'EnforcementCaseRejected',
  notified: 'EnforcementPenaltyNotified',
  legalReviewed: 'EnforcementLegalReviewed',
  deliberated: 'EnforcementCaseDeliberated',
  decided: 'EnforcementCaseDecided',
  served: 'EnforcementDecisionServed',
  published: 'EnforcementDecisionPublished',
  extended: 'EnforcementCaseExtended',
  closed: 'EnforcementCaseClosed',
} as const;

export const CASE_STATUSES = ['proposed', 'rejected', 'investigating', 'notified', 'legal_reviewed', 'deliberated', 'decided', 'served', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_SOURCES = ['transfer', 'lead', 'inspection', 'other'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_STATUS_ZH: Record<CaseStatus, string> = {
  proposed: '待立案', rejected: '不予立案', investigating: '调查中', notified: '已告知待陈述申辩', legal_reviewed: '已法制审核',
  deliberated: '已集体讨论', decided: '已作出决定', served: '已送达', closed: '已结案',
};
export const CASE_STATUS_EN: Record<CaseStatus, string> = {
  proposed: 'awaiting filing', rejected: 'not filed', investigating: 'investigating', notified: 'notified, awaiting statement', legal_reviewed: 'legally reviewed',
  deliberated: 'deliberated', decided: 'decided', served: 'served', closed: 'closed',
};

/** The case's clock: open from filing to the decision. */
export const CASE_OPEN: readonly CaseStatus[] = ['investigating', 'notified', 'legal_reviewed', 'deliberated'];

/** The realm role of legal reviewers (法制审核人员). */
export const LEGAL_REVIEWER_ROLE = 'legal_reviewer' as const;

export interface CaseDocument { attachmentId: string; filename: string; sha256: string }
export interface CaseOfficer { userId: string; name: string }
export const RECORD_KINDS = ['interview', 'evidence', 'inquiry', 'inspection'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export interface InvestigationRecord { kind: RecordKind; title: string; summary: string; documents: CaseDocument[]; by: string; byUserId: string; at: string }
export interface Investigation { officers: CaseOfficer[]; records: InvestigationRecord[] }
export interface PenaltyNotice { proposedPenalty: string | null; proposedRecovery: string | null; legalBasis: string; by: string; at: string }
export interface PartyStatement { statement: string; defence: string | null; hearingRequested: boolean; by: string; at: string }
export interface LegalReview { approved: boolean; opinion: string; by: string; byUserId: string; at: string }
export interface Deliberation { participants: string[]; minutes: string; conclusion: string; by: string; at: string }
export interface CaseDecision { penaltyAmount: string; recoveryAmount: string; legalBasis: string; summary: string; by: string; byUserId: string; at: string }
export interface CaseService { method: string; recipient: string; servedOn: string; by: string; at: string }
export interface ExecutionEntry { paidAmount: string; note: string; by: string; at: string }
export interface CaseRemedy { kind: 'reconsideration' | 'litigation'; outcome: string; by: string; at: string }
export interface CaseExtension { days: number; reason: string; by: string; at: string; fromDate: string; toDate: string }

/**
 * A case's closure as the other contexts see it (the payload of EnforcementCaseClosed): the closing bureau,
 * the China day of the closure and the case's amounts (decimal yuan strings; null when none was set).
 */
export interface CaseClosure {
  caseId: string;
  regionPath: string;
  ownerOrgId: string;
  closedOn: string;
  amountInvolved: string | null;
  penaltyAmount: string | null;
  recoveryAmount: string | null;
}

/** A case's decision as the other contexts see it (EnforcementCaseDecided): the deciding bureau and the China day. */
export interface CaseDecided {
  caseId: string;
  regionPath: string;
  ownerOrgId: string;
  decidedOn: string;
  penaltyAmount: string | null;
  recoveryAmount: string | null;
}

/** The region and institution a case concerns, as the repository finds them. */
export interface CasePlace { regionCode: string; regionPath: string; institution: { id: string; regionPath: string } | null }

const TEXT_MAX = 8000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const text = (value: unknown, code: string, what: { zh: string; en: string }, max = TEXT_MAX) => requiredText(value, code, what, max);

const optionalText = (value: unknown, max = TEXT_MAX) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null);

/** A decimal yuan amount ("12345.60"); null when none is given and `required` is false (a missing required one is invalid). */
export function caseAmount(value: unknown, field: string, required = false): string | null {
  const amount = yuanOrNull(value, field, 'case_amount_invalid');
  if (amount === null && required) {
    throw DomainError.validation('case_amount_invalid', { zh: `请填写金额（元）：${field}`, en: `${field} is required (yuan)` }, { field });
  }
  return amount;
}

const atLeast = (amount: string | null, threshold: string) => amount !== null && Number(amount) >= Number(threshold);

/** Bureau staff act on their bureau's cases. */
const STAFF_ROLES = ['national_overseer', 'province_official', 'city_agency_staff', 'county_staff', 'leader'] as const;
export const isCaseStaff = (actor: Actor, orgId: string) =>
  actor.organizationKind === 'bureau' && actor.organizationId === orgId && hasRole(actor, ...STAFF_ROLES);
export const isCaseLeader = (actor: Actor, orgId: string) =>
  actor.organizationKind === 'bureau' && actor.organizationId === orgId && hasRole(actor, 'leader');
/** A legal reviewer of the case's bureau (法制审核 is the bureau's, 相对独立 from the agencies; seed 003 四(一)). */
export const isLegalReviewer = (actor: Actor, orgId: string) =>
  actor.organizationKind === 'bureau' && actor.organizationId === orgId && hasRole(actor, LEGAL_REVIEWER_ROLE);

export class EnforcementCase {
  id!: string;
  caseNo: number | null = null;
  regionPath!: string;
  ownerOrgId!: string;
  source!: CaseSource;
  sourceRef: string | null = null;
  regionCode!: string;
  institutionOrgId: string | null = null;
  subject!: string;
  facts!: string;
  amountInvolved: string | null = null;
  major = false;
  status: CaseStatus = 'proposed';
  investigation: Investigation = { officers: [], records: [] };
  notice: PenaltyNotice | null = null;
  statement: PartyStatement | null = null;
  legalReview: LegalReview | null = null;
  deliberation: Deliberation | null = null;
  decision: CaseDecision | null = null;
  service: CaseService | null = null;
  execution: ExecutionEntry[] = [];
  remedy: CaseRemedy | null = null;
  extension: CaseExtension | null = null;
  dueDate: string | null = null;
  overdue = false;
  penaltyAmount: string | null = null;
  recoveryAmount: string | null = null;
  proposedAt!: Date;
  proposedBy!: string;
  proposedByUserId!: string;
  filedAt: Date | null = null;
  decidedAt: Date | null = null;
  publishedAt: Date | null = null;
  closedAt: Date | null = null;
  version = 1;
  isNew = false;
  newTimeline: { action: string; comment: string | null; documents: CaseDocument[]; byUserId: string; byName: string; byOrgId: string; at: Date }[] = [];

  /** Proposed for filing (待立案) at the actor's bureau. */
  static propose(input: {
    id: string; actor: Actor; source: unknown; sourceRef: unknown; place: CasePlace; subject: unknown; facts: unknown;
    amountInvolved: unknown; limits: EnforcementLimits; now: Date;
  }): EnforcementCase {
    const { actor, place, now } = input;
    if (!isCaseStaff(actor, actor.organizationId)) {
      throw DomainError.forbidden('case_forbidden', { zh: '只有医保行政部门的工作人员可以提出立案', en: "only a bureau's staff may propose an enforcement case" });
    }
    if (!(CASE_SOURCES as readonly unknown[]).includes(input.source)) {
      throw DomainError.validation('case_source_invalid', { zh: `案件来源无效：${String(input.source)}`, en: `unknown case source: ${String(input.source)} (one of ${CASE_SOURCES.join(', ')})` }, { field: 'source' });
    }
    if (!place.regionPath.startsWith(actor.regionPath)) {
      throw DomainError.validation('case_region_outside', { zh: `案件涉及的地区不在本部门辖区内：${place.regionCode}`, en: `the case's region is outside your bureau's area: ${place.regionCode}` }, { field: 'regionCode' });
    }
    if (place.institution && !place.institution.regionPath.startsWith(place.regionPath)) {
      throw DomainError.validation('case_institution_outside', { zh: `当事机构不在案件涉及的地区内：${place.institution.id}`, en: `the institution is not in the case's region: ${place.institution.id}` }, { field: 'institutionOrgId' });
    }
    const c = Object.assign(new EnforcementCase(), {
      id: input.id, regionPath: actor.regionPath, ownerOrgId: actor.organizationId, source: input.source as CaseSource,
      sourceRef: optionalText(input.sourceRef, 200), regionCode: place.regionCode, institutionOrgId: place.institution?.id ?? null,
      subject: text(input.subject, 'case_subject_required', { zh: '案由', en: 'the subject' }, 200),
      facts: text(input.facts, 'case_facts_required', { zh: '案件事实', en: 'the facts' }),
      amountInvolved: caseAmount(input.amountInvolved, 'amountInvolved'),
      status: 'proposed' as CaseStatus, proposedAt: now, proposedBy: actor.displayName, proposedByUserId: actor.userId, isNew: true,
    });
    c.major = atLeast(c.amountInvolved, input.limits.majorThreshold);
    c.log(actor, 'proposed', c.source === 'transfer' ? `移送案件待立案：${c.subject}` : `提请立案：${c.subject}`, now);
    c.record(CASE_EVENTS.proposed, { source: c.source, sourceRef: c.sourceRef });
    return c;
  }

  private assertStaff(actor: Actor): void {
    if (!isCaseStaff(actor, this.ownerOrgId)) {
      throw DomainError.forbidden('case_not_owner', { zh: '只有立案部门的工作人员可以办理此案件', en: "only the staff of the case's bureau may do this" });
    }
  }

  private assertLeader(actor: Actor, what: { zh: string; en: string }): void {
    if (!isCaseLeader(actor, this.ownerOrgId)) {
      throw DomainError.forbidden('case_leader_required', { zh: `只有立案部门的负责人可以${what.zh}`, en: `only a leader of the case's bureau may ${what.en}` });
    }
  }

  private assertStatus(allowed: readonly CaseStatus[], action: { zh: string; en: string }): void {
    if (!allowed.includes(this.status)) {
      throw DomainError.conflict('case_status_conflict', {
        zh: `案件当前状态为"${CASE_STATUS_ZH[this.status]}"，不能${action.zh}`, en: `the case is ${CASE_STATUS_EN[this.status]}: it cannot be ${action.en}`,
      }, { status: this.status });
    }
  }

  isInvestigator(userId: string): boolean {
    return this.investigation.officers.some((o) => o.userId === userId) || this.investigation.records.some((r) => r.byUserId === userId);
  }

  /** A leader approves filing (立案; the closure clock starts) or refuses it. */
  approveFiling(actor: Actor, approve: unknown, comment: unknown, limits: EnforcementLimits, now: Date): void {
    this.assertLeader(actor, { zh: '审批立案', en: 'approve filing' });
    this.assertStatus(['proposed'], { zh: '审批立案', en: 'filed' });
    if (typeof approve !== 'boolean') {
      throw DomainError.validation('case_approve_required', { zh: '请选择是否批准立案', en: 'approve must be true or false' }, { field: 'approve' });
    }
    const note = approve ? optionalText(comment) : text(comment, 'case_comment_required', { zh: '不予立案的理由', en: 'the reason for not filing' });
    if (!approve) {
      this.status = 'rejected';
      this.closedAt = now;
      this.log(actor, 'rejected', note, now);
      this.record(CASE_EVENTS.rejected, {});
      return;
    }
    this.status = 'investigating';
    this.filedAt = now;
    this.dueDate = addCalendarDays(chinaDateOf(now), limits.closureDays);
    this.log(actor, 'filed', `批准立案；办结期限 ${this.dueDate}（${limits.closureDays} 日）${note ? `；${note}` : ''}`, now);
    const input: EnforcementCaseWorkflowInput = { caseId: this.id, actor: actorData(actor), clock: this.clock(now) };
    this.record(CASE_EVENTS.filed, { dueDate: this.dueDate, input });
  }

  /** The officers conducting the investigation (at least two, 执法人员不少于两人). */
  assignOfficers(actor: Actor, officers: unknown, now: Date): void {
    this.assertLeader(actor, { zh: '指派执法人员', en: 'assign officers' });
    this.assertStatus(['investigating'], { zh: '指派执法人员', en: 'given officers' });
    const list = Array.isArray(officers) ? officers : [];
    const parsed: CaseOfficer[] = [];
    for (const o of list) {
      const userId = typeof o?.userId === 'string' ? o.userId.trim() : '';
      const name = typeof o?.name === 'string' ? o.name.trim() : '';
      if (!userId || !name || userId.length > 200 || name.length > 100) {
        throw DomainError.validation('case_officer_invalid', { zh: '执法人员须写明用户标识和姓名', en: 'each officer needs a userId and a name' }, { field: 'officers' });
      }
      if (!parsed.some((p) => p.userId === userId)) parsed.push({ userId, name });
    }
    if (parsed.length < 2) {
      throw DomainError.validation('case_officers_too_few', { zh: '调查取证的执法人员不得少于两人', en: 'at least two officers must conduct the investigation' }, { field: 'officers' });
    }
    this.investigation = { ...this.investigation, officers: parsed };
    this.log(actor, 'officers_assigned', parsed.map((p) => p.name).join('、'), now);
  }

  /** An interview record, evidence, inquiry or on-site inspection, with its documents and their hashes. */
  addRecord(actor: Actor, input: { kind: unknown; title: unknown; summary: unknown }, documents: CaseDocument[], now: Date): void {
    this.assertStaff(actor);
    this.assertStatus(['investigating'], { zh: '补充调查记录', en: 'given investigation records' });
    if (!this.investigation.officers.some((o) => o.userId === actor.userId)) {
      throw DomainError.forbidden('case_not_officer', { zh: '只有本案指派的执法人员可以记录调查取证', en: "only the case's assigned officers may record the investigation" });
    }
    if (!(RECORD_KINDS as readonly unknown[]).includes(input.kind)) {
      throw DomainError.validation('case_record_kind_invalid', { zh: `调查记录类型无效：${String(input.kind)}`, en: `unknown record kind: ${String(input.kind)} (one of ${RECORD_KINDS.join(', ')})` }, { field: 'kind' });
    }
    const record: InvestigationRecord = {
      kind: input.kind as RecordKind, title: text(input.title, 'case_record_title_required', { zh: '记录标题', en: 'the title' }, 200),
      summary: text(input.summary, 'case_record_summary_required', { zh: '记录内容', en: 'the summary' }), documents,
      by: actor.displayName, byUserId: actor.userId, at: now.toISOString(),
    };
    this.investigation = { ...this.investigation, records: [...this.investigation.records, record] };
    this.log(actor, `record_${record.kind}`, record.title, now, documents);
  }

  /** 行政处罚事先告知: the proposed penalty and its basis; the party may state, defend, ask for a hearing. */
  notify(actor: Actor, input: { proposedPenalty: unknown; proposedRecovery: unknown; legalBasis: unknown }, limits: EnforcementLimits, now: Date): void {
    this.assertStaff(actor);
    this.assertStatus(['investigating'], { zh: '告知拟处罚', en: 'notified' });
    if (this.investigation.officers.length < 2 || this.investigation.records.length === 0) {
      throw DomainError.conflict('case_investigation_incomplete', {
        zh: '调查取证尚未完成：须有两名以上执法人员并至少一份调查记录', en: 'the investigation is incomplete: at least two officers and one record are needed',
      });
    }
    const notice: PenaltyNotice = {
      proposedPenalty: caseAmount(input.proposedPenalty, 'proposedPenalty'), proposedRecovery: caseAmount(input.proposedRecovery, 'proposedRecovery'),
      legalBasis: text(input.legalBasis, 'case_legal_basis_required', { zh: '法律依据', en: 'the legal basis' }), by: actor.displayName, at: now.toISOString(),
    };
    this.notice = notice;
    this.statement = null;
    this.major = this.major || atLeast(notice.proposedPenalty, limits.majorThreshold) || atLeast(notice.proposedRecovery, limits.majorThreshold);
    this.status = 'notified';
    this.log(actor, 'notified', `拟罚款 ${notice.proposedPenalty ?? '0.00'} 元，拟追回 ${notice.proposedRecovery ?? '0.00'} 元；依据：${notice.legalBasis}`, now);
    this.record(CASE_EVENTS.notified, { major: this.major });
  }

  /** The party's statement and defence (陈述申辩) and whether it asks for a hearing. */
  recordStatement(actor: Actor, input: { statement: unknown; defence: unknown; hearingRequested: unknown }, documents: CaseDocument[], now: Date): void {
    this.assertStaff(actor);
    this.assertStatus(['notified'], { zh: '记录陈述申辩', en: 'given a statement' });
    if (typeof input.hearingRequested !== 'boolean') {
      throw DomainError.validation('case_hearing_required', { zh: '请选择当事人是否申请听证', en: 'hearingRequested must be true or false' }, { field: 'hearingRequested' });
    }
    this.statement = {
      statement: text(input.statement, 'case_statement_required', { zh: '当事人陈述（放弃的写明放弃）', en: "the party's statement (or that it waived it)" }),
      defence: optionalText(input.defence), hearingRequested: input.hearingRequested, by: actor.displayName, at: now.toISOString(),
    };
    this.log(actor, 'statement', `${this.statement.statement}${this.statement.hearingRequested ? '；申请听证' : '；未申请听证'}`, now, documents);
  }

  /** 法制审核: a legal reviewer who did not investigate the case; refused, the case goes back to investigation. */
  reviewLegality(actor: Actor, approve: unknown, opinion: unknown, now: Date): void {
    if (!isLegalReviewer(actor, this.ownerOrgId)) {
      throw DomainError.forbidden('case_legal_reviewer_required', {
        zh: '只有立案部门的法制审核人员可以进行法制审核', en: "only a legal reviewer of the case's bureau may review the legality",
      });
    }
    if (this.isInvestigator(actor.userId)) {
      throw DomainError.forbidden('case_reviewer_investigated', {
        zh: '参与本案调查的执法人员不得对本案进行法制审核', en: 'an officer who investigated the case may not review its legality',
      });
    }
    this.assertStatus(['notified'], { zh: '法制审核', en: 'legally reviewed' });
    if (!this.statement) {
      throw DomainError.conflict('case_statement_missing', { zh: '尚未记录当事人的陈述申辩，不能进行法制审核', en: "the party's statement is not recorded yet" });
    }
    if (typeof approve !== 'boolean') {
      throw DomainError.validation('case_approve_required', { zh: '请选择审核是否通过', en: 'approve must be true or false' }, { field: 'approve' });
    }
    const why = text(opinion, 'case_opinion_required', { zh: '审核意见', en: 'the opinion' });
    this.legalReview = { approved: approve, opinion: why, by: actor.displayName, byUserId: actor.userId, at: now.toISOString() };
    this.status = approve ? 'legal_reviewed' : 'investigating';
    this.log(actor, approve ? 'legal_review_approved' : 'legal_review_refused', why, now);
    this.record(CASE_EVENTS.legalReviewed, { approved: approve });
  }

  /** 集体讨论 of a major case: participants (at least three), minutes, conclusion. */
  deliberate(actor: Actor, input: { participants: unknown; minutes: unknown; conclusion: unknown }, documents: CaseDocument[], now: Date): void {
    this.assertLeader(actor, { zh: '组织集体讨论', en: 'record the collective deliberation' });
    this.assertStatus(['legal_reviewed'], { zh: '集体讨论', en: 'deliberated' });
    const participants = Array.isArray(input.participants)
      ? [...new Set(input.participants.filter((p): p is string => typeof p === 'string').map((p) => p.trim()).filter((p) => p && p.length <= 100))] : [];
    if (participants.length < 3) {
      throw DomainError.validation('case_participants_too_few', { zh: '集体讨论的参加人员不得少于三人', en: 'at least three participants must deliberate' }, { field: 'participants' });
    }
    this.deliberation = {
      participants, minutes: text(input.minutes, 'case_minutes_required', { zh: '讨论记录', en: 'the minutes' }),
      conclusion: text(input.conclusion, 'case_conclusion_required', { zh: '讨论结论', en: 'the conclusion' }, 2000), by: actor.displayName, at: now.toISOString(),
    };
    this.status = 'deliberated';
    this.log(actor, 'deliberated', `${participants.join('、')}：${this.deliberation.conclusion}`, now, documents);
    this.record(CASE_EVENTS.deliberated, {});
  }

  /** The decision: penalty, recovery, legal basis (a major case only after its deliberation). */
  decide(actor: Actor, input: { penaltyAmount: unknown; recoveryAmount: unknown; legalBasis: unknown; summary: unknown }, documents: CaseDocument[], now: Date): void {
    this.assertLeader(actor, { zh: '作出处理决定', en: 'decide' });
    if (this.major && this.status === 'legal_reviewed') {
      throw DomainError.conflict('case_deliberation_required', { zh: '重大案件须经集体讨论后方可作出决定', en: 'a major case is decided only after collective deliberation' });
    }
    this.assertStatus(['legal_reviewed', 'deliberated'], { zh: '作出决定', en: 'decided' });
    const d: CaseDecision = {
      penaltyAmount: caseAmount(input.penaltyAmount ?? '0', 'penaltyAmount', true)!, recoveryAmount: caseAmount(input.recoveryAmount ?? '0', 'recoveryAmount', true)!,
      legalBasis: text(input.legalBasis, 'case_legal_basis_required', { zh: '法律依据', en: 'the legal basis' }),
      summary: text(input.summary, 'case_summary_required', { zh: '决定内容', en: 'the decision' }), by: actor.displayName, byUserId: actor.userId, at: now.toISOString(),
    };
    this.decision = d;
    this.penaltyAmount = d.penaltyAmount;
    this.recoveryAmount = d.recoveryAmount;
    this.decidedAt = now;
    this.status = 'decided';
    this.log(actor, 'decided', `罚款 ${d.penaltyAmount} 元，追回 ${d.recoveryAmount} 元；依据：${d.legalBasis}`, now, documents);
    const ended: DeadlineTransition = { action: 'ended', at: now.toISOString() };
    this.record(CASE_EVENTS.decided, { penaltyAmount: d.penaltyAmount, recoveryAmount: d.recoveryAmount, transition: ended });
  }

  /** 送达: how, to whom, on which day. */
  serve(actor: Actor, input: { method: unknown; recipient: unknown; servedOn: unknown }, documents: CaseDocument[], now: Date): void {
    this.assertStaff(actor);
    this.assertStatus(['decided'], { zh: '送达', en: 'served' });
    const servedOn = typeof input.servedOn === 'string' && DATE_RE.test(input.servedOn) && !Number.isNaN(Date.parse(`${input.servedOn}T00:00:00Z`)) ? input.servedOn : '';
    if (!servedOn || servedOn > chinaDateOf(now)) {
      throw DomainError.validation('case_served_on_invalid', { zh: `送达日期应为不晚于今天的日期（YYYY-MM-DD）：${String(input.servedOn ?? '')}`, en: `servedOn must be a date not after today (YYYY-MM-DD): ${String(input.servedOn ?? '')}` }, { field: 'servedOn' });
    }
    this.service = {
      method: text(input.method, 'case_service_method_required', { zh: '送达方式', en: 'the method of service' }, 100),
      recipient: text(input.recipient, 'case_recipient_required', { zh: '受送达人', en: 'the recipient' }, 200), servedOn, by: actor.displayName, at: now.toISOString(),
    };
    this.status = 'served';
    this.log(actor, 'served', `${this.service.method}送达${this.service.recipient}（${servedOn}）`, now, documents);
    this.record(CASE_EVENTS.served, {});
  }

  /** 执法公示: the decision appears on the province's public enforcement page. */
  publish(actor: Actor, now: Date): void {
    this.assertLeader(actor, { zh: '公示处理决定', en: 'publish the decision' });
    this.assertStatus(['served', 'closed'], { zh: '公示', en: 'published' });
    if (this.publishedAt) {
      throw DomainError.conflict('case_already_published', { zh: '处理决定已公示', en: 'the decision is already published' });
    }
    this.publishedAt = now;
    this.log(actor, 'published', null, now);
    this.record(CASE_EVENTS.published, {});
  }

  /** 执行情况: an amount paid or recovered. */
  recordExecution(actor: Actor, input: { paidAmount: unknown; note: unknown }, documents: CaseDocument[], now: Date): void {
    this.assertStaff(actor);
    this.assertStatus(['decided', 'served'], { zh: '记录执行情况', en: 'given execution records' });
    const entry: ExecutionEntry = { paidAmount: caseAmount(input.paidAmount, 'paidAmount', true)!, note: text(input.note, 'case_note_required', { zh: '执行情况说明', en: 'the note' }, 2000), by: actor.displayName, at: now.toISOString() };
    this.execution = [...this.execution, entry];
    this.log(actor, 'execution', `${entry.paidAmount} 元：${entry.note}`, now, documents);
  }

  /** 行政复议 / 行政诉讼 outcome. */
  recordRemedy(actor: Actor, input: { kind: unknown; outcome: unknown }, documents: CaseDocument[], now: Date): void {
    this.assertStaff(actor);
    this.assertStatus(['decided', 'served', 'closed'], { zh: '记录复议或诉讼结果', en: 'given a reconsideration or litigation outcome' });
    if (input.kind !== 'reconsideration' && input.kind !== 'litigation') {
      throw DomainError.validation('case_remedy_kind_invalid', { zh: `请选择行政复议或行政诉讼：${String(input.kind)}`, en: `kind must be reconsideration or litigation: ${String(input.kind)}` }, { field: 'kind' });
    }
    this.remedy = { kind: input.kind, outcome: text(input.outcome, 'case_outcome_required', { zh: '复议或诉讼结果', en: 'the outcome' }, 2000), by: actor.displayName, at: now.toISOString() };
    this.log(actor, input.kind, this.remedy.outcome, now, documents);
  }

  /** A leader extends the closure limit (案情复杂，经负责人批准延长). */
  extend(actor: Actor, days: unknown, reason: unknown, now: Date): void {
    this.assertLeader(actor, { zh: '批准延长办案期限', en: 'extend the time limit' });
    this.assertStatus(CASE_OPEN, { zh: '延长办案期限', en: 'extended' });
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) {
      throw DomainError.validation('case_extension_days_invalid', { zh: `延长天数应为 1 至 365 的整数：${String(days)}`, en: `days must be a whole number from 1 to 365: ${String(days)}` }, { field: 'days' });
    }
    const why = text(reason, 'case_reason_required', { zh: '延长理由', en: 'the reason' }, 2000);
    const fromDate = this.dueDate!;
    const toDate = addCalendarDays(fromDate, days);
    this.extension = { days, reason: why, by: actor.displayName, at: now.toISOString(), fromDate, toDate };
    this.dueDate = toDate;
    this.overdue = false;
    this.log(actor, 'extended', `办结期限由 ${fromDate} 延长至 ${toDate}：${why}`, now);
    const transition: DeadlineTransition = { action: 'clock', at: now.toISOString(), clock: this.clock(now) };
    this.record(CASE_EVENTS.extended, { dueDate: toDate, transition });
  }

  /** 结案 once served. */
  close(actor: Actor, summary: unknown, now: Date): void {
    this.assertLeader(actor, { zh: '批准结案', en: 'close the case' });
    this.assertStatus(['served'], { zh: '结案', en: 'closed' });
    this.status = 'closed';
    this.closedAt = now;
    this.log(actor, 'closed', optionalText(summary, 2000), now);
    this.record(CASE_EVENTS.closed, { ...this.closure()! });
  }

  /** What a closure tells the other contexts (EnforcementCaseClosed's payload); null while the case is not closed. */
  closure(): CaseClosure | null {
    if (this.status !== 'closed' || !this.closedAt) return null;
    return {
      caseId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, closedOn: chinaDateOf(this.closedAt),
      amountInvolved: this.amountInvolved, penaltyAmount: this.penaltyAmount, recoveryAmount: this.recoveryAmount,
    };
  }

  /** What a decision tells the other contexts; null while the case is not decided. */
  decided(): CaseDecided | null {
    if (!this.decidedAt) return null;
    return {
      caseId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, decidedOn: chinaDateOf(this.decidedAt),
      penaltyAmount: this.penaltyAmount, recoveryAmount: this.recoveryAmount,
    };
  }

  /** The closure clock the workflow should run: stopped outside the open statuses (before filing, after the decision). */
  clock(now: Date): DeadlineClock {
    if (!CASE_OPEN.includes(this.status) || !this.dueDate) return { dueAt: null, dueDate: null, remindAt: [] };
    const remindAt = CASE_REMIND_DAYS_BEFORE
      .map((n) => chinaInstant(addCalendarDays(this.dueDate!, -n), 9))
      .filter((t) => t.getTime() > now.getTime())
      .map((t) => t.toISOString());
    return { dueAt: chinaInstant(addCalendarDays(this.dueDate, 1)).toISOString(), dueDate: this.dueDate, remindAt };
  }

  /** Whether a reminder for `dueDate` still applies (the case open, that day still its due day). */
  awaits(dueDate: string): boolean {
    return CASE_OPEN.includes(this.status) && this.dueDate === dueDate;
  }

  /** The clock's overdue step (false when the case no longer runs, its due day changed, or it was already flagged). */
  markOverdue(actor: Actor, dueDate: string, now: Date): boolean {
    if (!CASE_OPEN.includes(this.status) || this.dueDate !== dueDate || this.overdue) return false;
    this.overdue = true;
    this.log(actor, 'overdue', `应于 ${dueDate} 前作出处理决定`, now);
    return true;
  }

  private log(actor: Actor, action: string, comment: string | null, at: Date, documents: CaseDocument[] = []): void {
    this.newTimeline.push({ action, comment, documents, byUserId: actor.userId, byName: actor.displayName, byOrgId: actor.organizationId, at });
  }

  private record(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'EnforcementCase', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}
