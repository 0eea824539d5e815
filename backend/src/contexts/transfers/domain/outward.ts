import type { DeadlineClock, DeadlineTransition, MajorCaseReportWorkflowInput, OutwardFollowUpWorkflowInput } from '@fundsup/workflows/contracts';
import { recordEvent } from '../../../kernel/aggregate.js';
import { actorData, hasRole, type Actor } from '../../../kernel/actor.js';
import { chinaInstant } from '../../../platform/calendar/working-days.js';
import { DomainError } from '../../../kernel/errors.js';
import { transferAmount, transferMaterials, type TransferMaterial } from './transfer.js';

// Outward transfers (移送, seed 000 (十四), seed 004 五): a bureau's written notice to another department
// with the materials — the recipient's receipt and result are recorded when they come back; a follow-up
// is due 30 calendar days after the notice (the clock flags it overdue). A transfer to the police never
// closes the administrative case (nothing here touches the case). Major-case reports (重大案件报告, seed 003
// 九(二)): a case transferred to the police, closed or transferred with ¥500,000 or more, or likely to draw
// public attention opens a report due 7 calendar days after; the bureau writes it (how it was found, the
// facts, the result and its basis), the province checks and sends it, the national bureau acknowledges it.

export const RECIPIENT_KINDS = ['health', 'market', 'price', 'police', 'discipline'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export const RECIPIENT_KIND_ZH: Record<RecipientKind, string> = { health: '卫生健康部门', market: '市场监管（药监）部门', price: '价格主管部门', police: '公安机关', discipline: '纪检监察机关' };
/**
 * The follow-up of an outward transfer: calendar days from the notice by which the bureau expects the
 * recipient's result, flagged overdue after. Source: none — the seeds (000 (十四), 003 六(二), 004 五) require the
 * transfer and the feedback of its result but set no time limit for another department; 30 calendar days is this
 * deployment's default follow-up interval, stated as such. Override: OUTWARD_FOLLOW_UP_DAYS (1–365).
 */
export const DEFAULT_FOLLOW_UP_DAYS = 30;
export const FOLLOW_UP_SOURCE = '种子文件未规定其他部门反馈移送结果的期限；本部署默认移送后 30 个自然日跟踪反馈，可由 OUTWARD_FOLLOW_UP_DAYS 调整';
/** Days before the follow-up day on which the clock reminds the bureau (09:00 China time). */
export const FOLLOW_UP_REMIND_DAYS_BEFORE = [7, 1] as const;

/** The configured follow-up days, or the default when absent or not a whole number from 1 to 365. */
export function followUpDays(configured?: number): number {
  return typeof configured === 'number' && Number.isInteger(configured) && configured >= 1 && configured <= 365 ? configured : DEFAULT_FOLLOW_UP_DAYS;
}

export const OUTWARD_EVENTS = { sent: 'OutwardTransferSent', resultRecorded: 'OutwardTransferResultRecorded' } as const;
export const REPORT_DAYS = 7;
export const REPORT_REMIND_DAY = 5;
/** Yuan: a case closed or transferred with this much or more is a major case to report. */
export const MAJOR_REPORT_THRESHOLD = 500_000;

/**
 * Whether the amount involved (涉案金额, decimal yuan) reaches the major-case threshold. Seed 003 九(二)
 * counts the amount involved only: a penalty or a recovery larger than it does not make a case major.
 */
export function isMajorAmount(amountInvolved: string | null): boolean {
  return amountInvolved !== null && Number(amountInvolved) >= MAJOR_REPORT_THRESHOLD;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function day(value: unknown, field: string, today: string): string {
  if (typeof value !== 'string' || !DATE.test(value) || value > today) {
    throw DomainError.validation('outward_date_invalid', { zh: '日期应为不晚于今天的日期（YYYY-MM-DD）', en: `${field} must be a day no later than today (YYYY-MM-DD)` }, { field });
  }
  return value;
}

function text(value: unknown, field: string, zh: string, max = 4000, prefix = 'outward'): string {
  const s = typeof value === 'string' ? value.trim() : '';
  if (!s || s.length > max) {
    throw DomainError.validation(`${prefix}_${field}_required`, { zh: `请填写${zh}（不超过 ${max} 字）`, en: `${field} is required (at most ${max} characters)` }, { field });
  }
  return s;
}

export class OutwardTransfer {
  id = '';
  noticeNo = 0;
  regionPath = '';
  ownerOrgId = '';
  caseId = '';
  recipientKind: RecipientKind = 'police';
  recipientName = '';
  noticeDate = '';
  materials: TransferMaterial[] = [];
  amountInvolved: string | null = null;
  followUpDue = '';
  receiptAt: string | null = null;
  result: string | null = null;
  resultAt: string | null = null;
  overdue = false;
  createdAt = new Date(0);
  createdBy = '';
  createdByUserId = '';
  version = 1;
  isNew = false;

  static create(input: {
    id: string; actor: Actor; caseId: string; recipientKind: unknown; recipientName: unknown; noticeDate: unknown; materials: unknown; amountInvolved: unknown;
    now: Date; today: string; followUpDays?: number;
  }): OutwardTransfer {
    const { actor } = input;
    if (actor.organizationKind !== 'bureau') {
      throw DomainError.forbidden('outward_bureau_only', { zh: '只有医保行政部门可以向其他部门移送', en: 'only a bureau transfers to another department' });
    }
    if (!RECIPIENT_KINDS.includes(input.recipientKind as RecipientKind)) {
      throw DomainError.validation('outward_recipient_invalid', { zh: '接收部门应为卫生健康、市场监管（药监）、价格、公安或纪检监察', en: 'the recipient must be health, market, price, police or discipline' }, { field: 'recipientKind' });
    }
    const noticeDate = day(input.noticeDate, 'noticeDate', input.today);
    const o = Object.assign(new OutwardTransfer(), {
      id: input.id, regionPath: actor.regionPath, ownerOrgId: actor.organizationId, caseId: input.caseId, recipientKind: input.recipientKind as RecipientKind,
      recipientName: text(input.recipientName, 'recipientName', '接收单位名称', 200), noticeDate, materials: transferMaterials(input.materials),
      amountInvolved: transferAmount(input.amountInvolved), followUpDue: addDays(noticeDate, followUpDays(input.followUpDays)), createdAt: input.now,
      createdBy: actor.displayName, createdByUserId: actor.userId, isNew: true,
    });
    const workflow: OutwardFollowUpWorkflowInput = { outwardTransferId: o.id, actor: actorData(actor), clock: o.clock(input.now) };
    o.event(OUTWARD_EVENTS.sent, { caseId: o.caseId, recipientKind: o.recipientKind, followUpDue: o.followUpDue, input: workflow });
    return o;
  }

  private event(type: string, payload: Record<string, unknown>) {
    recordEvent(this, { type, aggregateType: 'outward_transfer', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload: { outwardTransferId: this.id, ...payload } });
  }

  /** The follow-up clock the workflow runs: to the first instant after the follow-up day, reminders 7 and 1 days before at 09:00 China time (those still ahead); stopped once the result is in. */
  clock(now: Date): DeadlineClock {
    if (this.result !== null) return { dueAt: null, dueDate: null, remindAt: [] };
    const remindAt = FOLLOW_UP_REMIND_DAYS_BEFORE
      .map((n) => chinaInstant(addDays(this.followUpDue, -n), 9))
      .filter((t) => t.getTime() > now.getTime())
      .map((t) => t.toISOString());
    return { dueAt: chinaInstant(addDays(this.followUpDue, 1)).toISOString(), dueDate: this.followUpDue, remindAt };
  }

  /** Whether the clock's reminder for `dueDate` still applies (no result yet, still the follow-up day). */
  awaits(dueDate: string): boolean {
    return this.result === null && this.followUpDue === dueDate;
  }

  /** A major case to report: any transfer to the police, or one of ¥500,000 or more. */
  get reportTrigger(): 'police' | 'amount' | null {
    if (this.recipientKind === 'police') return 'police';
    return isMajorAmount(this.amountInvolved) ? 'amount' : null;
  }

  private asOwner(actor: Actor) {
    if (actor.organizationId !== this.ownerOrgId) {
      throw DomainError.forbidden('outward_not_owner', { zh: '只有移送的医保行政部门可以登记回执和结果', en: 'only the transferring bureau records the receipt and the result' });
    }
  }

  recordReceipt(actor: Actor, at: unknown, today: string) {
    this.asOwner(actor);
    const d = day(at, 'receiptAt', today);
    if (d < this.noticeDate) {
      throw DomainError.validation('outward_date_invalid', { zh: '回执日期不能早于移送日期', en: 'the receipt cannot precede the notice' }, { field: 'receiptAt' });
    }
    this.receiptAt = d;
  }

  recordResult(actor: Actor, result: unknown, at: unknown, today: string, now: Date) {
    this.asOwner(actor);
    const d = day(at, 'resultAt', today);
    if (d < this.noticeDate) {
      throw DomainError.validation('outward_date_invalid', { zh: '结果日期不能早于移送日期', en: 'the result cannot precede the notice' }, { field: 'resultAt' });
    }
    const first = this.result === null;
    this.result = text(result, 'result', '处理结果');
    this.resultAt = d;
    this.receiptAt ??= d;
    this.overdue = false;
    // the first result ends the follow-up clock (a corrected result later has no clock to end)
    if (first) {
      const transition: DeadlineTransition = { action: 'ended', at: now.toISOString() };
      this.event(OUTWARD_EVENTS.resultRecorded, { transition });
    }
  }

  /** The clock: no result by the follow-up day. Idempotent; true when newly flagged. */
  markOverdue(today: string): boolean {
    if (this.result !== null || this.overdue || today <= this.followUpDue) return false;
    this.overdue = true;
    return true;
  }
}

export const MAJOR_REPORT_EVENTS = { opened: 'MajorCaseReportOpened', submitted: 'MajorCaseReportSubmitted' } as const;

export const REPORT_STATUSES = ['open', 'submitted', 'sent', 'acknowledged'] as const;
export type MajorCaseReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_TRIGGERS = ['amount', 'police', 'public_attention'] as const;
export type ReportTrigger = (typeof REPORT_TRIGGERS)[number];

export class MajorCaseReport {
  id = '';
  reportNo = 0;
  regionPath = '';
  ownerOrgId = '';
  caseId = '';
  outwardTransferId: string | null = null;
  trigger: ReportTrigger = 'police';
  openedOn = '';
  dueDate = '';
  discovery: string | null = null;
  facts: string | null = null;
  result: string | null = null;
  basis: string | null = null;
  status: MajorCaseReportStatus = 'open';
  reminded = false;
  overdue = false;
  submittedAt: Date | null = null;
  sentAt: Date | null = null;
  sentBy: string | null = null;
  acknowledgedAt: Date | null = null;
  acknowledgedBy: string | null = null;
  version = 1;
  isNew = false;

  /** Opened on the day of the closure or transfer; due 7 calendar days after. */
  static open(input: { id: string; actor: Actor; regionPath: string; ownerOrgId: string; caseId: string; outwardTransferId: string | null; trigger: ReportTrigger; on: string; now: Date }): MajorCaseReport {
    const { actor, now, ...fields } = input;
    const r = Object.assign(new MajorCaseReport(), { ...fields, openedOn: input.on, dueDate: addDays(input.on, REPORT_DAYS), isNew: true });
    const workflow: MajorCaseReportWorkflowInput = { reportId: r.id, actor: actorData(actor), clock: r.clock(now) };
    r.event(MAJOR_REPORT_EVENTS.opened, { caseId: r.caseId, dueDate: r.dueDate, input: workflow });
    return r;
  }

  private event(type: string, payload: Record<string, unknown>) {
    recordEvent(this, { type, aggregateType: 'major_case_report', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload: { reportId: this.id, ...payload } });
  }

  /** The clock the workflow runs: to the first instant after the due day, the reminder on day 5 at 09:00 China time (if still ahead). */
  clock(now: Date): DeadlineClock {
    if (this.status !== 'open') return { dueAt: null, dueDate: null, remindAt: [] };
    const remind = chinaInstant(addDays(this.openedOn, REPORT_REMIND_DAY), 9);
    return { dueAt: chinaInstant(addDays(this.dueDate, 1)).toISOString(), dueDate: this.dueDate, remindAt: remind.getTime() > now.getTime() ? [remind.toISOString()] : [] };
  }

  submit(actor: Actor, body: { discovery: unknown; facts: unknown; result: unknown; basis: unknown }, now: Date) {
    if (actor.organizationId !== this.ownerOrgId) {
      throw DomainError.forbidden('report_not_owner', { zh: '只有办案的医保行政部门可以填报重大案件报告', en: 'only the bureau of the case writes the report' });
    }
    if (this.status !== 'open') {
      throw DomainError.conflict('report_not_open', { zh: '报告已提交，不能修改', en: 'the report was submitted already' });
    }
    this.discovery = text(body.discovery, 'discovery', '案件发现经过', 4000, 'report');
    this.facts = text(body.facts, 'facts', '违法违规事实', 4000, 'report');
    this.result = text(body.result, 'result', '处理结果', 4000, 'report');
    this.basis = text(body.basis, 'basis', '处理依据', 4000, 'report');
    this.status = 'submitted';
    this.submittedAt = now;
    const transition: DeadlineTransition = { action: 'ended', at: now.toISOString() };
    this.event(MAJOR_REPORT_EVENTS.submitted, { transition });
  }

  /** The province checks and sends it up. */
  send(actor: Actor, now: Date) {
    if (!hasRole(actor, 'province_official') || actor.organizationKind !== 'bureau' || actor.regionPath.split('/').filter(Boolean).length !== 1) {
      throw DomainError.forbidden('report_province_only', { zh: '重大案件报告由省级医保部门审核后报送', en: 'the provincial bureau checks and sends the report' });
    }
    if (this.status !== 'submitted') {
      throw DomainError.conflict('report_not_submitted', { zh: '报告尚未提交或已报送', en: 'the report is not submitted, or sent already' });
    }
    this.status = 'sent';
    this.sentAt = now;
    this.sentBy = actor.displayName;
  }

  acknowledge(actor: Actor, now: Date) {
    if (!hasRole(actor, 'national_overseer')) {
      throw DomainError.forbidden('report_national_only', { zh: '只有国家医保局可以签收重大案件报告', en: 'only the national bureau acknowledges a report' });
    }
    if (this.status !== 'sent') {
      throw DomainError.conflict('report_not_sent', { zh: '报告尚未由省级报送', en: 'the province has not sent the report' });
    }
    this.status = 'acknowledged';
    this.acknowledgedAt = now;
    this.acknowledgedBy = actor.displayName;
  }

  /** The clock (day 5): remind once while not submitted. */
  remind(): boolean {
    if (this.status !== 'open' || this.reminded) return false;
    this.reminded = true;
    return true;
  }

  /** The clock (after day 7): not yet submitted → overdue, flagged once. */
  markOverdue(today: string): boolean {
    if (this.status !== 'open' || this.overdue || today <= this.dueDate) return false;
    this.overdue = true;
    return true;
  }
}
