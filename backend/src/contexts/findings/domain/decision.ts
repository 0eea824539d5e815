import type { DecisionTransition, DecisionWorkflowInput, DecisionWorkflowStatus } from '@fundsup/workflows/contracts';
import { actorData, type Actor } from '../../../kernel/actor.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { DomainError } from '../../../kernel/errors.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { firstInstantAfter, isAgencyUserOf, trimmedText, type HistoryEntry } from './finding.js';
import { isYuanAmount } from '../../../kernel/money.js';

// Handling decisions (协议处理) and rectification (整改), docs/api/findings-and-disputes.md.

const BASIS_MAX = 4000;
const TEXT_MAX = 2000;
const NAME_MAX = 100;
const MAX_MEASURES = 20;
const MAX_AMOUNT = 1e12;

export const DECISION_EVENTS = {
  /** Starts the decision workflow. */
  created: 'DecisionCreated',
  /** A committed transition the workflow mirrors (an update). */
  transitioned: 'DecisionTransitioned',
  rectificationOverdue: 'DecisionRectificationOverdue',
  /** The agency recorded an amount actually recovered (deducted or repaid): the dashboards count it. */
  recoveryRecorded: 'DecisionRecoveryRecorded',
} as const;

export type Measure =
  | { kind: 'talk' }
  | { kind: 'refuse_payment'; amount: number }
  | { kind: 'suspend_settlement'; rectificationDue: string }
  | { kind: 'terminate_agreement' }
  | { kind: 'clinician_admonition'; clinicianName: string }
  | { kind: 'clinician_talk'; clinicianName: string }
  | { kind: 'clinician_suspend_realtime'; clinicianName: string; rectificationDue: string }
  | { kind: 'clinician_refuse_payment'; clinicianName: string; amount: number };
export type MeasureKind = Measure['kind'];

export const MEASURE_KINDS: readonly MeasureKind[] = [
  'talk', 'refuse_payment', 'suspend_settlement', 'terminate_agreement',
  'clinician_admonition', 'clinician_talk', 'clinician_suspend_realtime', 'clinician_refuse_payment',
];
export const MEASURE_ZH: Record<MeasureKind, string> = {
  talk: '约谈', refuse_payment: '拒付', suspend_settlement: '暂停结算限期整改', terminate_agreement: '终止协议',
  clinician_admonition: '建议机构诫勉谈话', clinician_talk: '直接约谈', clinician_suspend_realtime: '暂停实时结算资格',
  clinician_refuse_payment: '拒付（医师）',
};
/** Measures that suspend settlement until the rectification is accepted. */
const SUSPENSIONS: readonly MeasureKind[] = ['suspend_settlement', 'clinician_suspend_realtime'];
/**
 * Measures reported to the same-level bureau when the decision takes effect: every handling result
 * (seed 002 一(六) 「经办机构作出处理结果，要及时报告行政部门」; 004 五, talks and suspensions included;
 * 000 (十四) names the suspension of clinicians, refused payment and termination).
 */
export const REPORTED_TO_BUREAU: readonly MeasureKind[] = MEASURE_KINDS;
/** Measures that make a decision major whatever the amount. */
const MAJOR_KINDS: readonly MeasureKind[] = ['terminate_agreement', 'suspend_settlement', 'clinician_suspend_realtime'];

export type DecisionStatus = DecisionWorkflowStatus;
export type Settlement = 'normal' | 'suspended' | 'restored';
export interface LegalReview { by: string; byUserId: string; approved: boolean; comment: string; at: string }
export interface Rectification {
  due: string; report: string | null; attachmentIds: string[]; submittedAt: string | null; confirmedAt: string | null; overdue: boolean;
}

function isDate(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
    && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
}

/** Yuan, > 0, at most 2 decimals (checked on the decimal text, not by float maths). */
function validAmount(v: unknown, index: number): number {
  const ok = isYuanAmount(v) && v > 0 && v < MAX_AMOUNT;
  if (!ok) {
    throw DomainError.validation('amount_invalid', {
      zh: `第 ${index + 1} 项处理措施的金额无效：${String(v)}（应为大于 0 的金额，最多 2 位小数）`,
      en: `measure ${index + 1}: invalid amount ${String(v)} (yuan, > 0, at most 2 decimals)`,
    }, { index, amount: v });
  }
  return v as number;
}

/** A rectification deadline: a date after today (China). */
export function validRectificationDue(v: unknown, today: string, index: number | null): string {
  if (!isDate(v) || v <= today) {
    throw DomainError.validation('rectification_due_invalid', {
      zh: `${index === null ? '' : `第 ${index + 1} 项处理措施：`}整改期限应为今天（${today}）之后的日期（YYYY-MM-DD）：${String(v ?? '')}`,
      en: `${index === null ? '' : `measure ${index + 1}: `}the rectification deadline must be a date after today (${today}), got ${String(v ?? '')}`,
    }, { index, rectificationDue: v ?? null, today });
  }
  return v;
}

/** The measures checked kind by kind; unknown fields are dropped. */
export function validMeasures(input: unknown, today: string): Measure[] {
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_MEASURES) {
    throw DomainError.validation('measures_required', {
      zh: `请选择处理措施（1 至 ${MAX_MEASURES} 项）`, en: `choose between 1 and ${MAX_MEASURES} measures`,
    });
  }
  return input.map((m: Record<string, unknown>, i): Measure => {
    const kind = m?.kind as MeasureKind;
    if (!MEASURE_KINDS.includes(kind)) {
      throw DomainError.validation('measure_kind_invalid', {
        zh: `第 ${i + 1} 项处理措施的类型无效：${String(m?.kind)}`, en: `measure ${i + 1}: unknown kind ${String(m?.kind)}`,
      }, { index: i, kinds: MEASURE_KINDS });
    }
    const clinician = () => {
      const name = trimmedText(m.clinicianName, NAME_MAX);
      if (!name) {
        throw DomainError.validation('measure_clinician_required', {
          zh: `第 ${i + 1} 项处理措施（${MEASURE_ZH[kind]}）须填写医师姓名（不超过 ${NAME_MAX} 个字符）`,
          en: `measure ${i + 1} (${kind}) needs the clinician's name (at most ${NAME_MAX} characters)`,
        }, { index: i });
      }
      return name;
    };
    switch (kind) {
      case 'talk':
      case 'terminate_agreement':
        return { kind };
      case 'refuse_payment':
        return { kind, amount: validAmount(m.amount, i) };
      case 'suspend_settlement':
        return { kind, rectificationDue: validRectificationDue(m.rectificationDue, today, i) };
      case 'clinician_admonition':
      case 'clinician_talk':
        return { kind, clinicianName: clinician() };
      case 'clinician_suspend_realtime':
        return { kind, clinicianName: clinician(), rectificationDue: validRectificationDue(m.rectificationDue, today, i) };
      case 'clinician_refuse_payment':
        return { kind, clinicianName: clinician(), amount: validAmount(m.amount, i) };
    }
  });
}

/** The refused amounts of the measures, in yuan (summed in cents). */
export function totalAmount(measures: readonly Measure[]): number {
  return measures.reduce((cents, m) => cents + ('amount' in m ? Math.round(m.amount * 100) : 0), 0) / 100;
}

/** Termination, suspension, or a total amount above the threshold: the decision needs a second-person review (复核; API names keep `legal_review`). */
export function isMajor(measures: readonly Measure[], majorAmount: number): boolean {
  return measures.some((m) => MAJOR_KINDS.includes(m.kind)) || totalAmount(measures) > majorAmount;
}

export const reportedToBureau = (measures: readonly Measure[]) => measures.some((m) => REPORTED_TO_BUREAU.includes(m.kind));

/** The rectification deadline of the suspension measures (the earliest when there are several), or null. */
export function rectificationDueOf(measures: readonly Measure[]): string | null {
  const dues = measures.filter((m) => SUSPENSIONS.includes(m.kind)).map((m) => (m as { rectificationDue: string }).rectificationDue).sort();
  return dues[0] ?? null;
}

export function validBasis(basis: unknown): string {
  const text = trimmedText(basis, BASIS_MAX);
  if (!text) {
    throw DomainError.validation('decision_basis_required', {
      zh: `请填写处理依据（协议条款及理由，不超过 ${BASIS_MAX} 个字符）`, en: `the basis (agreement clause and reasoning) is required, at most ${BASIS_MAX} characters`,
    });
  }
  return text;
}

function forbidden(): DomainError {
  return DomainError.forbidden('decision_forbidden', { zh: '只有负责处理的经办机构可以办理该处理决定', en: 'only the handling agency may act on this decision' });
}

function statusConflict(status: DecisionStatus, expected: DecisionStatus[]): DomainError {
  return DomainError.conflict('decision_status_invalid', {
    zh: `处理决定当前状态（${status}）不允许此操作`, en: `not allowed while the decision is ${status} (expected ${expected.join(' or ')})`,
  }, { status, expected });
}

/** How an amount was actually recovered: deducted from the institution's settlement (扣减) or repaid by it (退回). */
export type RecoveryMethod = 'deduction' | 'repayment';
export const RECOVERY_METHODS: readonly RecoveryMethod[] = ['deduction', 'repayment'];
export const RECOVERY_METHOD_ZH: Record<RecoveryMethod, string> = { deduction: '扣减', repayment: '退回' };

/** An amount actually recovered under a decision, as the agency records it. */
export interface Recovery {
  id: string; decisionId: string; amount: number; recoveredOn: string; method: RecoveryMethod; attachmentIds: string[];
  recordedBy: string; recordedByUserId: string; recordedAt: Date;
}
export interface RecoveryInput { amount: unknown; recoveredOn: unknown; method: unknown }

const yuan = (v: number) => v.toFixed(2);

export interface DecisionInput {
  id: string;
  actor: Actor;
  institution: { id: string; regionPath: string };
  agencyId: string;
  findingIds: string[];
  measures: Measure[];
  basis: string;
  majorAmount: number;
  now: Date;
}

/**
 * A handling decision on confirmed findings of one institution, owned by the institution. Minor
 * decisions take effect at once; major ones after a second agency user's review (复核). Suspensions
 * suspend settlement until the agency accepts the rectification.
 */
export class Decision {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  agencyId!: string;
  findingIds: string[] = [];
  measures: Measure[] = [];
  basis!: string;
  major!: boolean;
  status!: DecisionStatus;
  decidedBy!: string;
  decidedByUserId!: string;
  legalReview: LegalReview | null = null;
  effectiveAt: Date | null = null;
  reportedToBureauAt: Date | null = null;
  settlement: Settlement = 'normal';
  rectification: Rectification | null = null;
  terminationOnHold = false;
  createdAt!: Date;
  isNew = false;
  newHistory: HistoryEntry[] = [];
  /** Set by a transition that made the decision effective: the handler notifies and reports. */
  becameEffective = false;

  static create(input: DecisionInput): Decision {
    const { actor, now } = input;
    if (!isAgencyUserOf(actor, input.agencyId)) throw forbidden();
    const d = Object.assign(new Decision(), {
      id: input.id, regionPath: input.institution.regionPath, ownerOrgId: input.institution.id, agencyId: input.agencyId,
      findingIds: input.findingIds, measures: input.measures, basis: input.basis, major: isMajor(input.measures, input.majorAmount),
      decidedBy: actor.displayName, decidedByUserId: actor.userId, createdAt: now, isNew: true,
    });
    const due = rectificationDueOf(d.measures);
    d.addHistory('decided', actor, now, d.measures.map((m) => MEASURE_ZH[m.kind]).join('、'));
    if (d.major) {
      d.status = 'pending_legal_review';
    } else {
      d.takeEffect(actor, now);
    }
    const input0: DecisionWorkflowInput = {
      decisionId: d.id, actor: actorData(actor), status: d.status, rectificationDueAt: due ? firstInstantAfter(due) : null,
    };
    d.emit(DECISION_EVENTS.created, { input: input0 });
    return d;
  }

  /** Effective: suspensions suspend settlement and open the rectification. */
  private takeEffect(actor: Actor, now: Date): void {
    const due = rectificationDueOf(this.measures);
    this.effectiveAt = now;
    this.becameEffective = true;
    if (due) {
      this.status = 'rectifying';
      this.settlement = 'suspended';
      this.rectification = { due, report: null, attachmentIds: [], submittedAt: null, confirmedAt: null, overdue: false };
    } else {
      this.status = 'effective';
    }
    this.addHistory('effective', actor, now, null);
  }

  reviewLegally(actor: Actor, approved: unknown, comment: unknown, now: Date): void {
    if (!isAgencyUserOf(actor, this.agencyId)) throw forbidden();
    if (this.status !== 'pending_legal_review') throw statusConflict(this.status, ['pending_legal_review']);
    if (actor.userId === this.decidedByUserId) {
      throw DomainError.conflict('legal_review_self', {
        zh: '复核须由作出处理决定以外的其他工作人员进行', en: 'the second-person review must be done by another user than the one who decided',
      });
    }
    if (typeof approved !== 'boolean') {
      throw DomainError.validation('legal_review_invalid', { zh: '请选择复核结论（通过或不通过）', en: 'approved must be true or false' });
    }
    const text = typeof comment === 'string' ? comment.trim() : '';
    if (text.length > TEXT_MAX || (!approved && !text)) {
      throw DomainError.validation('legal_review_comment_required', {
        zh: `复核不通过时须填写复核意见（不超过 ${TEXT_MAX} 个字符）`, en: `a comment is required when refusing in the second-person review (at most ${TEXT_MAX} characters)`,
      });
    }
    this.legalReview = { by: actor.displayName, byUserId: actor.userId, approved, comment: text, at: now.toISOString() };
    this.addHistory(approved ? 'legal_review_approved' : 'legal_review_refused', actor, now, text || null);
    if (approved) this.takeEffect(actor, now);
    else this.status = 'closed';
    this.transition({ action: 'legal_review', at: now.toISOString(), approved, status: this.status });
  }

  submitRectification(actor: Actor, report: unknown, attachmentIds: string[], now: Date): void {
    if (actor.organizationId !== this.ownerOrgId || actor.organizationKind !== 'institution') {
      throw DomainError.forbidden('decision_forbidden', { zh: '只有被处理机构本身可以提交整改报告', en: 'only the institution itself may submit its rectification' });
    }
    if (this.status !== 'rectifying' || !this.rectification) throw statusConflict(this.status, ['rectifying']);
    const text = trimmedText(report, 20_000);
    if (!text) {
      throw DomainError.validation('rectification_report_required', { zh: '请填写整改报告（不超过 20000 个字符）', en: 'the rectification report is required (at most 20000 characters)' });
    }
    this.rectification = { ...this.rectification, report: text, attachmentIds, submittedAt: now.toISOString() };
    this.status = 'rectification_submitted';
    this.addHistory('rectification_submitted', actor, now, null);
    this.transition({ action: 'rectification_submitted', at: now.toISOString() });
  }

  confirmRectification(actor: Actor, accepted: unknown, comment: unknown, newDue: unknown, now: Date): void {
    if (!isAgencyUserOf(actor, this.agencyId)) throw forbidden();
    if (this.status !== 'rectification_submitted' || !this.rectification) throw statusConflict(this.status, ['rectification_submitted']);
    if (typeof accepted !== 'boolean') {
      throw DomainError.validation('rectification_review_invalid', { zh: '请选择整改是否通过', en: 'accepted must be true or false' });
    }
    const text = typeof comment === 'string' ? comment.trim() : '';
    if (text.length > TEXT_MAX) {
      throw DomainError.validation('rectification_review_invalid', { zh: `意见不超过 ${TEXT_MAX} 个字符`, en: `the comment must be at most ${TEXT_MAX} characters` });
    }
    if (accepted) {
      this.rectification = { ...this.rectification, confirmedAt: now.toISOString() };
      if (this.settlement === 'suspended') this.settlement = 'restored';
      this.status = 'closed';
      this.addHistory('rectification_accepted', actor, now, text || null);
      this.transition({ action: 'rectification_reviewed', at: now.toISOString(), accepted: true, newRectificationDueAt: null });
    } else {
      const due = validRectificationDue(newDue, chinaDateOf(now), null);
      this.rectification = { ...this.rectification, due, submittedAt: null, overdue: false };
      this.status = 'rectifying';
      this.addHistory('rectification_rejected', actor, now, `${text ? `${text}；` : ''}新的整改期限 ${due}`);
      this.transition({ action: 'rectification_reviewed', at: now.toISOString(), accepted: false, newRectificationDueAt: firstInstantAfter(due) });
    }
  }

  /** The deadline passed without an accepted rectification: flagged once per deadline; false otherwise. */
  markRectificationOverdue(actor: Actor, now: Date): boolean {
    const r = this.rectification;
    if (!r || r.overdue || r.confirmedAt || !['rectifying', 'rectification_submitted'].includes(this.status)) return false;
    if (chinaDateOf(now) <= r.due) return false;
    this.rectification = { ...r, overdue: true };
    this.addHistory('rectification_overdue', actor, now, `整改期限 ${r.due}`);
    this.emit(DECISION_EVENTS.rectificationOverdue, { due: r.due });
    return true;
  }

  /**
   * The agency records an amount actually recovered (扣减 or 退回) under an effective decision: positive,
   * at most 2 decimals, not more than what remains of the confirmed amount (the decision's findings'
   * amounts less what was already recovered), on a day not in the future nor before the decision took
   * effect (China dates).
   */
  recordRecovery(actor: Actor, input: RecoveryInput, confirmedAmount: number, recoveredSoFar: number, id: string, attachmentIds: string[], now: Date): Recovery {
    if (!isAgencyUserOf(actor, this.agencyId)) throw forbidden();
    if (!this.effectiveAt) throw statusConflict(this.status, ['effective', 'rectifying', 'rectification_submitted', 'closed']);
    const method = input.method as RecoveryMethod;
    if (!RECOVERY_METHODS.includes(method)) {
      throw DomainError.validation('recovery_method_invalid', {
        zh: '请选择追回方式：扣减（deduction）或退回（repayment）', en: "the method must be 'deduction' or 'repayment'",
      }, { method: input.method ?? null, methods: RECOVERY_METHODS });
    }
    const amount = input.amount;
    if (!isYuanAmount(amount) || amount <= 0 || amount >= MAX_AMOUNT) {
      throw DomainError.validation('recovery_amount_invalid', {
        zh: `追回金额无效：${String(amount)}（应为大于 0 的金额，最多 2 位小数）`, en: `invalid amount ${String(amount)} (yuan, > 0, at most 2 decimals)`,
      }, { amount: amount ?? null });
    }
    const remainingCents = Math.round(confirmedAmount * 100) - Math.round(recoveredSoFar * 100);
    if (Math.round(amount * 100) > remainingCents) {
      const remaining = Math.max(remainingCents, 0) / 100;
      throw DomainError.conflict('recovery_exceeds_confirmed', {
        zh: `追回金额 ${yuan(amount)} 元超过尚未追回的认定金额 ${yuan(remaining)} 元（认定 ${yuan(confirmedAmount)} 元，已追回 ${yuan(recoveredSoFar)} 元）`,
        en: `the amount ${yuan(amount)} exceeds what remains to recover, ${yuan(remaining)} yuan (confirmed ${yuan(confirmedAmount)}, recovered so far ${yuan(recoveredSoFar)})`,
      }, { amount, confirmedAmount, recoveredSoFar, remaining });
    }
    const today = chinaDateOf(now);
    const effectiveDay = chinaDateOf(this.effectiveAt);
    const day = input.recoveredOn;
    if (!isDate(day) || day > today || day < effectiveDay) {
      throw DomainError.validation('recovery_date_invalid', {
        zh: `追回日期应为处理决定生效日（${effectiveDay}）至今天（${today}）之间的日期（YYYY-MM-DD）：${String(day ?? '')}`,
        en: `the recovery date must be a date between the decision's effective day (${effectiveDay}) and today (${today}), got ${String(day ?? '')}`,
      }, { recoveredOn: day ?? null, effectiveDay, today });
    }
    const recovery: Recovery = {
      id, decisionId: this.id, amount, recoveredOn: day, method, attachmentIds, recordedBy: actor.displayName, recordedByUserId: actor.userId, recordedAt: now,
    };
    this.addHistory('recovery_recorded', actor, now, `${RECOVERY_METHOD_ZH[method]} ${yuan(amount)} 元（${day}）`);
    this.emit(DECISION_EVENTS.recoveryRecorded, { recoveryId: id, amount, method, recoveredOn: day });
    return recovery;
  }

  addHistory(action: string, actor: Actor, at: Date, comment: string | null): void {
    this.newHistory.push({ action, comment, byUserId: actor.userId, byName: actor.displayName, at });
  }

  private transition(t: DecisionTransition): void {
    this.emit(DECISION_EVENTS.transitioned, { transition: t });
  }

  private emit(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'HandlingDecision', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}
