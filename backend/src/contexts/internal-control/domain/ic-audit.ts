import { randomUUID } from 'node:crypto';
import type { IcAuditStatus, IcAuditTransition, IcAuditWorkflowInput } from '@fundsup/workflows/contracts';
import { addWorkingDays, chinaDateOf, chinaInstant, endOfChinaDay } from '../../../platform/calendar/working-days.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { actorData, hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { CHECKLIST_AREAS, ITEM_RESULTS, type ChecklistArea, type ChecklistItem, type ItemResult } from './checklist.js';
import { detectSodConflicts, POSTS, sodFindingDescription, type Post } from './segregation-of-duties.js';

export const IC_EVENTS = {
  transition: 'IcAuditTransitioned',
  followUpScheduled: 'IcFollowUpScheduled',
  noticeSent: 'IcAuditNoticeSent',
  selfAssessmentOverdue: 'IcSelfAssessmentOverdue',
  fieldworkStarted: 'IcFieldworkStarted',
  rectificationOverdue: 'IcRectificationOverdue',
} as const;

export const STATUS_ZH: Record<IcAuditStatus, string> = {
  scheduled: '已计划',
  self_assessment: '自查阶段',
  fieldwork: '现场检查',
  rectification: '整改阶段',
  verification: '整改核验',
  closed: '已结束',
};

export interface TeamMember { inspectorId: string; name: string; organizationName: string; organizationId: string }
export interface AnswerRow { itemCode: string; answer: ItemResult; note: string | null; attachmentIds: string[] }
export interface ResultRow { itemCode: string; result: ItemResult; note: string | null; attachmentIds: string[] }
export interface StaffRow { personId: string; personName: string; posts: Post[] }
export type IcFindingStatus = 'open' | 'rectification_submitted' | 'verified' | 'rejected';
export interface FindingRow {
  id: string;
  area: ChecklistArea;
  itemCode: string | null;
  source: 'fieldwork' | 'segregation_of_duties';
  description: string;
  rectificationDue: string;
  status: IcFindingStatus;
  rectification: { plan: string; evidenceAttachmentIds: string[]; submittedAt: string } | null;
  verification: { accepted: boolean; comment: string | null; at: string } | null;
  overdue: boolean;
  ord: number;
  createdAt: Date;
}
export interface HistoryRow { id: string; at: Date; action: string; byUserId: string; byName: string; comment: string | null }

export interface AuditDates { noticeDate: string; selfAssessmentDue: string; fieldworkStart: string; fieldworkEnd: string }

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TEXT_MAX = 2000;

function validDate(value: string, field: string): string {
  const t = Date.parse(`${value}T00:00:00Z`);
  if (typeof value !== 'string' || !DATE_RE.test(value) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) {
    throw DomainError.validation('ic_date_invalid', { zh: `日期「${field}」无效：${value}（格式 YYYY-MM-DD）`, en: `${field} is not a date (YYYY-MM-DD): ${value}` }, { field });
  }
  return value;
}

/** Notice ≤ self-assessment due ≤ fieldwork start ≤ fieldwork end, all within the plan's period. */
export function validDates(d: AuditDates, period?: { start: string; end: string }): AuditDates {
  for (const f of ['noticeDate', 'selfAssessmentDue', 'fieldworkStart', 'fieldworkEnd'] as const) validDate(d[f], f);
  if (!(d.noticeDate <= d.selfAssessmentDue && d.selfAssessmentDue <= d.fieldworkStart && d.fieldworkStart <= d.fieldworkEnd)) {
    throw DomainError.validation('ic_dates_order', {
      zh: '日期顺序有误：应为 通知日期 ≤ 自查截止日期 ≤ 现场检查开始日期 ≤ 现场检查结束日期',
      en: 'dates out of order: expected noticeDate ≤ selfAssessmentDue ≤ fieldworkStart ≤ fieldworkEnd',
    }, { ...d });
  }
  if (period && (d.noticeDate < period.start || d.fieldworkEnd > period.end)) {
    throw DomainError.validation('ic_dates_outside_period', {
      zh: `检查日期应在计划期间 ${period.start} 至 ${period.end} 之内`,
      en: `the audit's dates must lie within the plan period ${period.start} to ${period.end}`,
    }, { periodStart: period.start, periodEnd: period.end });
  }
  return { noticeDate: d.noticeDate, selfAssessmentDue: d.selfAssessmentDue, fieldworkStart: d.fieldworkStart, fieldworkEnd: d.fieldworkEnd };
}

/** A team: two or more distinct inspectors, nobody working in the audited agency. Empty = to be drawn. */
export function validTeam(team: TeamMember[], agencyId: string, allowEmpty: boolean): TeamMember[] {
  if (!team.length && allowEmpty) return [];
  const ids = new Set(team.map((m) => m.inspectorId));
  if (ids.size !== team.length) {
    throw DomainError.validation('ic_team_duplicate', { zh: '检查组成员重复', en: 'an inspector appears more than once in the team' });
  }
  if (team.length < 2) {
    throw DomainError.validation('ic_team_too_small', { zh: '检查组至少应有 2 名检查人员', en: 'an audit team needs at least 2 inspectors' }, { size: team.length });
  }
  const conflicted = team.filter((m) => m.organizationId === agencyId);
  if (conflicted.length) {
    throw DomainError.validation('ic_team_conflict', {
      zh: `检查人员不得检查本单位：${conflicted.map((m) => m.name).join('、')} 任职于被检查经办机构`,
      en: `inspectors may not audit the agency they work in: ${conflicted.map((m) => m.inspectorId).join(', ')}`,
    }, { inspectorIds: conflicted.map((m) => m.inspectorId) });
  }
  return team;
}

/** The instants the audit workflow runs on, in China time. */
export function workflowInput(auditId: string, actor: Actor, d: AuditDates): IcAuditWorkflowInput {
  return {
    auditId,
    actor: actorData(actor),
    noticeAt: chinaInstant(d.noticeDate, 9).toISOString(),
    selfAssessmentDueAt: endOfChinaDay(d.selfAssessmentDue).toISOString(),
    fieldworkStartAt: chinaInstant(d.fieldworkStart, 9).toISOString(),
  };
}

function text(value: string | null | undefined, code: string, what: { zh: string; en: string }, required: boolean): string | null {
  const t = value?.trim() || null;
  if (required && !t) throw DomainError.validation(code, { zh: `请填写${what.zh}`, en: `${what.en} is required` });
  if (t && t.length > TEXT_MAX) {
    throw DomainError.validation(code, { zh: `${what.zh}不超过 ${TEXT_MAX} 个字符`, en: `${what.en} must be at most ${TEXT_MAX} characters` });
  }
  return t;
}

/**
 * One internal control audit of one handling agency (内控检查). Owned by the audited agency: the
 * agency and the levels above it see it, no sibling and no agency below. The province runs it; the
 * agency answers the self-assessment, enters its staff posts and rectifies the findings. The
 * database decides transitions; the audit workflow owns the clock (ADR 0007).
 */
export class IcAudit {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  planId!: string;
  provincePath!: string;
  followUpOf: string | null = null;
  status: IcAuditStatus = 'scheduled';
  dates!: AuditDates;
  team: TeamMember[] = [];
  checklistVersion!: number;
  checklist: ChecklistItem[] = [];
  selfAssessmentOverdue = false;
  selfAssessmentSubmittedAt: Date | null = null;
  createdAt!: Date;
  closedAt: Date | null = null;
  version = 1;
  isNew = false;
  answers: AnswerRow[] = [];
  results: ResultRow[] = [];
  staff: StaffRow[] = [];
  findings: FindingRow[] = [];
  /** What the repository must write back. */
  dirty = { answers: false, results: false, staff: false, findings: new Set<string>() };
  newHistory: HistoryRow[] = [];

  static schedule(input: {
    id: string; planId: string; agency: { id: string; regionPath: string }; provincePath: string; dates: AuditDates;
    team: TeamMember[]; checklistVersion: number; followUpOf: string | null; actor: Actor; now: Date;
  }): IcAudit {
    const audit = Object.assign(new IcAudit(), {
      id: input.id,
      regionPath: input.agency.regionPath,
      ownerOrgId: input.agency.id,
      planId: input.planId,
      provincePath: input.provincePath,
      followUpOf: input.followUpOf,
      dates: input.dates,
      team: input.team,
      checklistVersion: input.checklistVersion,
      createdAt: input.now,
      isNew: true,
    });
    audit.addHistory(input.followUpOf ? 'follow_up_scheduled' : 'scheduled', input.actor, input.now, null);
    if (input.followUpOf) {
      audit.record(IC_EVENTS.followUpScheduled, { input: workflowInput(audit.id, input.actor, audit.dates), followUpOf: input.followUpOf });
    }
    return audit;
  }

  // ---- who may do what

  isProvince(actor: Actor): boolean {
    return hasRole(actor, 'province_official') && actor.organizationKind === 'bureau' && actor.regionPath === this.provincePath;
  }

  isAuditedAgency(actor: Actor): boolean {
    return actor.organizationId === this.ownerOrgId && hasRole(actor, 'city_agency_staff', 'county_staff');
  }

  private assertProvince(actor: Actor): void {
    if (!this.isProvince(actor)) {
      throw DomainError.forbidden('ic_forbidden', { zh: '只有省级医保部门可以执行此操作', en: 'only the provincial bureau may do this' });
    }
  }

  private assertAgency(actor: Actor, orProvince = false): void {
    if (this.isAuditedAgency(actor) || (orProvince && this.isProvince(actor))) return;
    throw DomainError.forbidden('ic_forbidden', {
      zh: orProvince ? '只有被检查经办机构或省级医保部门可以执行此操作' : '只有被检查经办机构可以执行此操作',
      en: orProvince ? 'only the audited agency or the provincial bureau may do this' : 'only the audited agency may do this',
    });
  }

  private assertStatus(action: { zh: string; en: string }, ...allowed: IcAuditStatus[]): void {
    if (allowed.includes(this.status)) return;
    throw DomainError.conflict('ic_transition_invalid', {
      zh: `当前状态（${STATUS_ZH[this.status]}）下不能${action.zh}`,
      en: `cannot ${action.en} while the audit is ${this.status}`,
    }, { status: this.status, allowed });
  }

  /**
   * Checks a list's item codes one by one: each must be on the audit's checklist and come once
   * (`twice` says how a second one is refused); `codes` are the ones seen.
   */
  private itemOnce(twice: { zh: string; en: string }): { codes: Set<string>; check(itemCode: string): void } {
    const known = new Set(this.checklist.map((i) => i.code));
    const codes = new Set<string>();
    const check = (itemCode: string) => {
      if (!known.has(itemCode)) {
        throw DomainError.validation('ic_item_unknown', {
          zh: `检查项「${itemCode}」不在本次检查的清单（第 ${this.checklistVersion} 版）中`,
          en: `item '${itemCode}' is not in the audit's checklist (version ${this.checklistVersion})`,
        }, { itemCode });
      }
      if (codes.has(itemCode)) {
        throw DomainError.validation('ic_item_duplicate', { zh: `检查项「${itemCode}」${twice.zh}`, en: `item '${itemCode}' ${twice.en}` }, { itemCode });
      }
      codes.add(itemCode);
    };
    return { codes, check };
  }

  // ---- the agency's side

  saveSelfAssessment(actor: Actor, answers: { itemCode: string; answer: string; note?: string | null; attachmentIds?: string[] }[], submit: boolean, now: Date): void {
    this.assertAgency(actor);
    this.assertStatus({ zh: submit ? '提交自查' : '保存自查', en: submit ? 'submit the self-assessment' : 'save the self-assessment' }, 'self_assessment');
    const seen = this.itemOnce({ zh: '重复作答', en: 'is answered more than once' });
    const rows = answers.map((a): AnswerRow => {
      seen.check(a.itemCode);
      if (!(ITEM_RESULTS as readonly string[]).includes(a.answer)) {
        throw DomainError.validation('ic_answer_invalid', { zh: `检查项「${a.itemCode}」的自查结论无效：${a.answer}`, en: `item '${a.itemCode}': invalid answer '${a.answer}'` }, { itemCode: a.itemCode });
      }
      const note = text(a.note, 'ic_note_length', { zh: `检查项「${a.itemCode}」的说明`, en: `the note on '${a.itemCode}'` }, a.answer === 'deficient' && submit);
      return { itemCode: a.itemCode, answer: a.answer as ItemResult, note, attachmentIds: [...new Set(a.attachmentIds ?? [])] };
    });
    if (submit) {
      const missing = this.checklist.filter((i) => !seen.codes.has(i.code)).map((i) => i.code);
      if (missing.length) {
        throw DomainError.validation('ic_self_assessment_incomplete', {
          zh: `提交自查前须对全部检查项作答，尚缺：${missing.join('、')}`,
          en: `answer every checklist item before submitting; missing: ${missing.join(', ')}`,
        }, { missing });
      }
    }
    this.answers = rows;
    this.dirty.answers = true;
    if (submit) {
      this.selfAssessmentSubmittedAt = now;
      this.addHistory('self_assessment_submitted', actor, now, null);
      this.transition({ action: 'self_assessment_submitted', at: now.toISOString() });
    } else {
      this.addHistory('self_assessment_saved', actor, now, null);
    }
  }

  replaceStaffPosts(actor: Actor, staff: { personId: string; personName: string; posts: string[] }[], now: Date): void {
    this.assertAgency(actor, true);
    this.assertStatus({ zh: '填报岗位设置', en: 'enter staff posts' }, 'scheduled', 'self_assessment', 'fieldwork');
    const seen = new Set<string>();
    this.staff = staff.map((s) => {
      const personId = s.personId?.trim() ?? '';
      const personName = s.personName?.trim() ?? '';
      if (!personId || personId.length > 64 || !personName || personName.length > 100) {
        throw DomainError.validation('ic_staff_person_invalid', {
          zh: '每名人员须有工号（不超过 64 个字符）和姓名（不超过 100 个字符）',
          en: 'every person needs an id (at most 64 characters) and a name (at most 100 characters)',
        }, { personId });
      }
      if (seen.has(personId)) {
        throw DomainError.validation('ic_staff_duplicate', { zh: `人员「${personId}」重复`, en: `person '${personId}' appears more than once` }, { personId });
      }
      seen.add(personId);
      const unknown = s.posts.filter((p) => !(POSTS as readonly string[]).includes(p));
      if (unknown.length) {
        throw DomainError.validation('ic_staff_post_unknown', {
          zh: `人员「${personName}」的岗位无效：${unknown.join('、')}`,
          en: `person '${personId}': unknown posts ${unknown.join(', ')}`,
        }, { personId, posts: unknown });
      }
      return { personId, personName, posts: [...new Set(s.posts)] as Post[] };
    });
    this.dirty.staff = true;
    this.addHistory('staff_posts', actor, now, `${this.staff.length} 人`);
  }

  // ---- the province's side

  recordResults(actor: Actor, results: { itemCode: string; result: string; note?: string | null; attachmentIds?: string[] }[], now: Date): void {
    this.assertProvince(actor);
    this.assertStatus({ zh: '录入现场检查结果', en: 'record fieldwork results' }, 'fieldwork');
    const seen = this.itemOnce({ zh: '重复', en: 'appears more than once' });
    this.results = results.map((r) => {
      seen.check(r.itemCode);
      if (!(ITEM_RESULTS as readonly string[]).includes(r.result)) {
        throw DomainError.validation('ic_result_invalid', { zh: `检查项「${r.itemCode}」的检查结论无效：${r.result}`, en: `item '${r.itemCode}': invalid result '${r.result}'` }, { itemCode: r.itemCode });
      }
      const note = text(r.note, 'ic_note_length', { zh: `检查项「${r.itemCode}」的说明`, en: `the note on '${r.itemCode}'` }, false);
      return { itemCode: r.itemCode, result: r.result as ItemResult, note, attachmentIds: [...new Set(r.attachmentIds ?? [])] };
    });
    this.dirty.results = true;
    this.addHistory('results', actor, now, null);
  }

  /**
   * Issues the team's findings together with the segregation-of-duties detector's own (one per
   * person and conflicting pair, due 20 working days after today). Without any finding, the audit closes.
   */
  issueFindings(actor: Actor, input: { area: string; itemCode?: string | null; description: string; rectificationDue: string }[], now: Date): void {
    this.assertProvince(actor);
    this.assertStatus({ zh: '下达检查发现的问题', en: 'issue findings' }, 'fieldwork');
    const today = chinaDateOf(now);
    const codes = new Map(this.checklist.map((i) => [i.code, i]));
    let ord = this.findings.length;
    const issued: FindingRow[] = input.map((f, i) => {
      if (!(CHECKLIST_AREAS as readonly string[]).includes(f.area)) {
        throw DomainError.validation('ic_finding_area_invalid', { zh: `第 ${i + 1} 个问题的检查领域无效：${f.area}`, en: `finding ${i + 1}: unknown area '${f.area}'` }, { index: i });
      }
      const itemCode = f.itemCode?.trim() || null;
      if (itemCode && codes.get(itemCode)?.area !== f.area) {
        throw DomainError.validation('ic_item_unknown', {
          zh: `第 ${i + 1} 个问题的检查项「${itemCode}」不在本次清单该领域中`,
          en: `finding ${i + 1}: item '${itemCode}' is not in the checklist under area '${f.area}'`,
        }, { index: i, itemCode });
      }
      const description = text(f.description, 'ic_finding_description_invalid', { zh: `第 ${i + 1} 个问题的描述`, en: `finding ${i + 1}'s description` }, true)!;
      validDate(f.rectificationDue, 'rectificationDue');
      if (f.rectificationDue <= today) {
        throw DomainError.validation('ic_finding_due_past', {
          zh: `第 ${i + 1} 个问题的整改期限应晚于今天（${today}）`,
          en: `finding ${i + 1}: the rectification deadline must be after today (${today})`,
        }, { index: i });
      }
      return this.newFinding({ area: f.area as ChecklistArea, itemCode, source: 'fieldwork', description, rectificationDue: f.rectificationDue }, ord++, now);
    });
    const sodDue = addWorkingDays(today, 20, this.regionPath);
    const sodItem = this.checklist.find((i) => i.area === 'segregation_of_duties')?.code ?? null;
    for (const c of detectSodConflicts(this.staff)) {
      issued.push(this.newFinding({ area: 'segregation_of_duties', itemCode: sodItem, source: 'segregation_of_duties', description: sodFindingDescription(c), rectificationDue: sodDue }, ord++, now));
    }
    this.findings.push(...issued);
    this.addHistory('findings_issued', actor, now, `${issued.length} 个问题`);
    if (issued.length) this.status = 'rectification';
    else this.close(now);
    this.transition({
      action: 'findings_issued',
      at: now.toISOString(),
      findings: issued.map((f) => ({ findingId: f.id, rectificationDueAt: endOfChinaDay(f.rectificationDue).toISOString() })),
    });
  }

  private newFinding(f: Pick<FindingRow, 'area' | 'itemCode' | 'source' | 'description' | 'rectificationDue'>, ord: number, now: Date): FindingRow {
    const row: FindingRow = { id: randomUUID(), ...f, status: 'open', rectification: null, verification: null, overdue: false, ord, createdAt: now };
    this.dirty.findings.add(row.id);
    return row;
  }

  private finding(findingId: string): FindingRow {
    const f = this.findings.find((x) => x.id === findingId);
    if (!f) throw DomainError.notFound({ zh: '检查发现问题', en: 'finding' }, findingId);
    return f;
  }

  submitRectification(actor: Actor, findingId: string, input: { plan: string; evidenceAttachmentIds: string[] }, now: Date): void {
    this.assertAgency(actor);
    this.assertStatus({ zh: '提交整改', en: 'submit a rectification' }, 'rectification');
    const f = this.finding(findingId);
    if (f.status !== 'open' && f.status !== 'rejected') {
      throw DomainError.conflict('ic_transition_invalid', {
        zh: `该问题${f.status === 'verified' ? '已核验通过' : '已提交整改，等待核验'}，不能再次提交`,
        en: `the finding is ${f.status}: no rectification can be submitted now`,
      }, { status: this.status, findingStatus: f.status });
    }
    const plan = text(input.plan, 'ic_rectification_plan_required', { zh: '整改措施', en: 'the rectification plan' }, true)!;
    f.rectification = { plan, evidenceAttachmentIds: [...new Set(input.evidenceAttachmentIds ?? [])], submittedAt: now.toISOString() };
    f.status = 'rectification_submitted';
    this.dirty.findings.add(f.id);
    this.addHistory('rectification_submitted', actor, now, plan.slice(0, 200));
    if (this.findings.every((x) => x.status === 'rectification_submitted' || x.status === 'verified')) this.status = 'verification';
    this.transition({ action: 'rectification_submitted', at: now.toISOString(), findingId: f.id });
  }

  /** Accepted: verified (all verified closes the audit). Rejected: back to rectification, due +10 working days. */
  verify(actor: Actor, findingId: string, accepted: boolean, comment: string | null | undefined, now: Date): void {
    this.assertProvince(actor);
    this.assertStatus({ zh: '核验整改', en: 'verify a rectification' }, 'rectification', 'verification');
    const f = this.finding(findingId);
    if (f.status !== 'rectification_submitted') {
      throw DomainError.conflict('ic_transition_invalid', {
        zh: '只能核验已提交整改的问题',
        en: `only findings with a submitted rectification can be verified (this one is ${f.status})`,
      }, { status: this.status, findingStatus: f.status });
    }
    const note = text(comment, 'ic_verification_comment', { zh: '核验意见', en: 'the verification comment' }, !accepted);
    f.verification = { accepted, comment: note, at: now.toISOString() };
    this.dirty.findings.add(f.id);
    let newRectificationDueAt: string | undefined;
    if (accepted) {
      f.status = 'verified';
      f.overdue = false;
    } else {
      f.status = 'rejected';
      f.rectificationDue = addWorkingDays(f.rectificationDue, 10, this.regionPath);
      f.overdue = false;
      newRectificationDueAt = endOfChinaDay(f.rectificationDue).toISOString();
      this.status = 'rectification';
    }
    this.addHistory(accepted ? 'finding_verified' : 'finding_rejected', actor, now, note);
    if (this.findings.every((x) => x.status === 'verified')) this.close(now);
    this.transition({ action: 'finding_verified', at: now.toISOString(), findingId: f.id, accepted, ...(newRectificationDueAt ? { newRectificationDueAt } : {}) });
  }

  assertFollowUpPossible(): void {
    this.assertStatus({ zh: '安排“回头看”检查（仅限已结束的检查）', en: 'schedule a follow-up audit (closed audits only)' }, 'closed');
  }

  // ---- the clock (activities of the audit workflow); idempotent, false when nothing was left to do

  sendNotice(actor: Actor, now: Date): boolean {
    if (this.status !== 'scheduled') return false;
    this.status = 'self_assessment';
    this.addHistory('notice_sent', actor, now, null);
    this.record(IC_EVENTS.noticeSent, {});
    return true;
  }

  markSelfAssessmentOverdue(actor: Actor, now: Date): boolean {
    if (this.selfAssessmentSubmittedAt || this.selfAssessmentOverdue || (this.status !== 'self_assessment' && this.status !== 'scheduled')) return false;
    this.selfAssessmentOverdue = true;
    this.addHistory('self_assessment_overdue', actor, now, null);
    this.record(IC_EVENTS.selfAssessmentOverdue, {});
    return true;
  }

  startFieldwork(actor: Actor, now: Date): boolean {
    if (this.status !== 'self_assessment' && this.status !== 'scheduled') return false;
    this.status = 'fieldwork';
    this.addHistory('fieldwork_started', actor, now, this.selfAssessmentSubmittedAt ? null : '自查未提交');
    this.record(IC_EVENTS.fieldworkStarted, {});
    return true;
  }

  markRectificationOverdue(actor: Actor, findingId: string, now: Date): FindingRow | null {
    const f = this.finding(findingId);
    if (f.overdue || (f.status !== 'open' && f.status !== 'rejected')) return null;
    f.overdue = true;
    this.dirty.findings.add(f.id);
    this.addHistory('rectification_overdue', actor, now, f.description.slice(0, 200));
    this.record(IC_EVENTS.rectificationOverdue, { findingId });
    return f;
  }

  // ---- internals

  private close(now: Date): void {
    this.status = 'closed';
    this.closedAt = now;
  }

  private transition(t: IcAuditTransition): void {
    this.record(IC_EVENTS.transition, { transition: t, status: this.status });
  }

  private addHistory(action: string, actor: Actor, at: Date, comment: string | null): void {
    this.newHistory.push({ id: randomUUID(), at, action, byUserId: actor.userId, byName: actor.displayName, comment });
  }

  private record(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'IcAudit', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}
