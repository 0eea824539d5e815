import { hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';

// A tip from the public (举报, issue 17): filed without sign-in, routed to the intake bureau of the
// place concerned, accepted (it becomes a lead) or rejected within the configured limit; the
// bureau's questions and the reporter's answers; after a confirmed violation, the reward (proposed
// from the confirmed amount, approved by a leader, claimed with the receipt code, payment recorded).
// The reporter's identity is not part of this class: it is sealed before it gets here, and no error
// of this file repeats what the reporter typed.

export type TipStatus = 'received' | 'accepted' | 'rejected';
export const TIP_STATUSES: readonly TipStatus[] = ['received', 'accepted', 'rejected'];

export interface TipQuestion {
  id: string; question: string; askedBy: string; askedAt: string; answer: string | null; answeredAt: string | null;
}

export type RewardStatus = 'proposed' | 'approved' | 'claimed' | 'paid';
export interface TipReward {
  status: RewardStatus;
  confirmedAmount: number;
  amount: number;
  /** The rules' source as quoted when proposed. */
  source: string;
  proposedBy: string; proposedAt: string;
  approvedBy: string | null; approvedAt: string | null;
  claimedAt: string | null;
  paidBy: string | null; paidAt: string | null; paidOn: string | null; paymentReference: string | null;
}

export interface TipState {
  id: string;
  regionPath: string;
  /** The intake bureau. */
  ownerOrgId: string;
  institutionOrgId: string | null;
  personReported: string | null;
  facts: string;
  happenedOn: string | null;
  amountInvolved: number | null;
  anonymous: boolean;
  attachmentIds: string[];
  status: TipStatus;
  acceptDue: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  leadId: string | null;
  questions: TipQuestion[];
  reward: TipReward | null;
  createdAt: string;
  version: number;
}

/** What the public form gives about the matter (the reporter's identity travels apart, sealed). */
export interface TipFacts {
  institutionOrgId: string | null;
  personReported: string | null;
  facts: string;
  happenedOn: string | null;
  amountInvolved: number | null;
}

const INTAKE_ROLES = ['county_staff', 'city_agency_staff', 'province_official'] as const;

const invalid = (code: string, zh: string, en: string, field: string) => DomainError.validation(code, { zh, en }, { field });

function text(value: unknown, field: string, max: number, label: { zh: string; en: string }, min = 1): string {
  if (typeof value !== 'string' || value.trim().length < min || value.length > max) {
    throw invalid('invalid_request', `${label.zh}应为 ${min}–${max} 个字`, `${label.en} must be ${min} to ${max} characters`, field);
  }
  return value.trim();
}

/** The facts of a new tip, checked: what happened (10–5,000 characters), whom it concerns, when, how much. */
export function checkFacts(input: Partial<Record<keyof TipFacts, unknown>>, today: string): TipFacts {
  const institutionOrgId = input.institutionOrgId === undefined || input.institutionOrgId === null || input.institutionOrgId === '' ? null : String(input.institutionOrgId);
  const personReported = input.personReported === undefined || input.personReported === null || input.personReported === ''
    ? null : text(input.personReported, 'personReported', 100, { zh: '被举报人', en: 'the person reported' });
  if (!institutionOrgId && !personReported) {
    throw invalid('tip_subject_missing', '请选择被举报的定点医药机构或填写被举报人', 'choose the institution reported or name the person reported', 'institutionOrgId');
  }
  const facts = text(input.facts, 'facts', 5000, { zh: '举报事实', en: 'what happened' }, 10);
  let happenedOn: string | null = null;
  if (input.happenedOn !== undefined && input.happenedOn !== null && input.happenedOn !== '') {
    if (typeof input.happenedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input.happenedOn) || input.happenedOn > today || input.happenedOn < '1990-01-01') {
      throw invalid('invalid_request', '发生时间应为不晚于今天的日期（YYYY-MM-DD）', 'when it happened must be a date (YYYY-MM-DD) not after today', 'happenedOn');
    }
    happenedOn = input.happenedOn;
  }
  let amountInvolved: number | null = null;
  if (input.amountInvolved !== undefined && input.amountInvolved !== null && input.amountInvolved !== '') {
    const n = Number(input.amountInvolved);
    if (!Number.isFinite(n) || n < 0 || n > 1e11 || Math.round(n * 100) !== n * 100) {
      throw invalid('invalid_request', '涉及金额应为不小于 0 的金额（最多两位小数）', 'the amount involved must be a non-negative amount with at most 2 decimals', 'amountInvolved');
    }
    amountInvolved = n;
  }
  return { institutionOrgId, personReported, facts, happenedOn, amountInvolved };
}

/** The reporter of a real-name tip, checked; the messages never repeat the values. */
export interface Reporter { name: string; phone: string; idNumber: string | null }

export function checkReporter(input: { name?: unknown; phone?: unknown; idNumber?: unknown } | null | undefined): Reporter {
  const name = text(input?.name, 'reporter.name', 50, { zh: '举报人姓名', en: "the reporter's name" });
  if (typeof input?.phone !== 'string' || !/^\+?[0-9][0-9 -]{4,19}$/.test(input.phone.trim())) {
    throw invalid('invalid_request', '联系电话格式不正确（5–20 位数字）', 'the phone number must be 5 to 20 digits', 'reporter.phone');
  }
  let idNumber: string | null = null;
  if (input.idNumber !== undefined && input.idNumber !== null && input.idNumber !== '') {
    if (typeof input.idNumber !== 'string' || !/^\d{17}[\dXx]$/.test(input.idNumber.trim())) {
      throw invalid('invalid_request', '身份证号码应为 18 位', 'the ID number must have 18 characters', 'reporter.idNumber');
    }
    idNumber = input.idNumber.trim().toUpperCase();
  }
  return { name, phone: input.phone.trim(), idNumber };
}

export class Tip {
  private constructor(private s: TipState) {}

  static restore(state: TipState): Tip {
    return new Tip({ ...state, questions: [...state.questions] });
  }

  static file(id: string, routing: { regionPath: string; ownerOrgId: string }, facts: TipFacts, anonymous: boolean,
    attachmentIds: string[], now: Date, acceptDue: Date): Tip {
    return new Tip({
      id, ...routing, ...facts, anonymous, attachmentIds, status: 'received', acceptDue: acceptDue.toISOString(),
      decidedAt: null, decidedBy: null, decisionReason: null, leadId: null, questions: [], reward: null, createdAt: now.toISOString(), version: 0,
    });
  }

  get state(): Readonly<TipState> { return this.s; }
  get id(): string { return this.s.id; }

  /** Intake staff of the bureau that owns the tip. */
  isIntake(actor: Actor): boolean {
    return actor.organizationKind === 'bureau' && actor.organizationId === this.s.ownerOrgId && hasRole(actor, ...INTAKE_ROLES);
  }

  /** The reward approver: a leader of that bureau. */
  isApprover(actor: Actor): boolean {
    return actor.organizationKind === 'bureau' && actor.organizationId === this.s.ownerOrgId && hasRole(actor, 'leader');
  }

  /** Who may read the reporter: intake staff and the reward approver of the owning bureau, nobody else (the investigating unit neither). */
  assertMayReadReporter(actor: Actor): void {
    if (!this.isIntake(actor) && !this.isApprover(actor)) {
      throw DomainError.forbidden('tip_reporter_forbidden', {
        zh: '仅受理该举报的医保局受理人员和奖励审批领导可查看举报人信息',
        en: "only the intake staff and the reward approver of the bureau handling the tip may read the reporter's details",
      });
    }
    if (this.s.anonymous) {
      throw DomainError.conflict('tip_anonymous', { zh: '该举报为匿名举报，没有举报人信息', en: 'the tip is anonymous: there are no reporter details' });
    }
  }

  private assertIntake(actor: Actor): void {
    if (!this.isIntake(actor)) {
      throw DomainError.forbidden('tip_not_intake', { zh: '仅受理该举报的医保局受理人员可办理', en: 'only the intake staff of the bureau handling the tip may do this' });
    }
  }

  private assertReceived(): void {
    if (this.s.status !== 'received') {
      throw DomainError.conflict('tip_already_decided', { zh: '该举报已作出受理决定', en: 'the tip has already been accepted or rejected' }, { status: this.s.status });
    }
  }

  accept(actor: Actor, leadId: string, comment: string | null, now: Date): void {
    this.assertIntake(actor);
    this.assertReceived();
    this.s = { ...this.s, status: 'accepted', leadId, decidedAt: now.toISOString(), decidedBy: actor.displayName, decisionReason: comment };
  }

  /** The acceptance check before a lead is registered for it (the lead's id is only known after). */
  assertAcceptable(actor: Actor): void {
    this.assertIntake(actor);
    this.assertReceived();
  }

  reject(actor: Actor, reason: unknown, now: Date): void {
    this.assertIntake(actor);
    this.assertReceived();
    const why = text(reason, 'reason', 1000, { zh: '不予受理的理由', en: 'the reason for rejecting' }, 2);
    this.s = { ...this.s, status: 'rejected', decidedAt: now.toISOString(), decidedBy: actor.displayName, decisionReason: why };
  }

  ask(actor: Actor, id: string, question: unknown, now: Date): void {
    this.assertIntake(actor);
    if (this.s.status === 'rejected') {
      throw DomainError.conflict('tip_rejected', { zh: '不予受理的举报不能再提问', en: 'no questions on a rejected tip' });
    }
    if (this.s.questions.length >= 50) throw DomainError.conflict('tip_too_many_questions', { zh: '每件举报最多 50 个问题', en: 'at most 50 questions per tip' });
    const q = text(question, 'question', 1000, { zh: '问题', en: 'the question' }, 2);
    this.s.questions = [...this.s.questions, { id, question: q, askedBy: actor.displayName, askedAt: now.toISOString(), answer: null, answeredAt: null }];
  }

  /** The reporter answers a question on the receipt page (once; a further answer is a new question's). */
  answer(questionId: unknown, answer: unknown, now: Date): void {
    const i = this.s.questions.findIndex((q) => q.id === questionId);
    if (i < 0) throw invalid('tip_question_unknown', '没有这个问题', 'no such question', 'questionId');
    if (this.s.questions[i]!.answer !== null) throw DomainError.conflict('tip_question_answered', { zh: '该问题已经回答', en: 'the question has been answered already' });
    const a = text(answer, 'answer', 5000, { zh: '回答', en: 'the answer' });
    this.s.questions = this.s.questions.map((q, j) => (j === i ? { ...q, answer: a, answeredAt: now.toISOString() } : q));
  }

  proposeReward(actor: Actor, confirmedAmount: number, amount: number, source: string, now: Date): void {
    this.assertIntake(actor);
    if (this.s.reward && this.s.reward.status !== 'proposed') {
      throw DomainError.conflict('tip_reward_decided', { zh: '奖励已审批，不能重新核算', en: 'the reward has been approved: it cannot be proposed again' });
    }
    this.s.reward = {
      status: 'proposed', confirmedAmount, amount, source, proposedBy: actor.displayName, proposedAt: now.toISOString(),
      approvedBy: null, approvedAt: null, claimedAt: null, paidBy: null, paidAt: null, paidOn: null, paymentReference: null,
    };
  }

  approveReward(actor: Actor, now: Date): void {
    if (!this.isApprover(actor)) {
      throw DomainError.forbidden('tip_not_approver', { zh: '仅受理该举报的医保局领导可审批奖励', en: 'only a leader of the bureau handling the tip may approve the reward' });
    }
    if (this.s.reward?.status !== 'proposed') {
      throw DomainError.conflict('tip_reward_not_proposed', { zh: '没有待审批的奖励', en: 'there is no proposed reward to approve' });
    }
    this.s.reward = { ...this.s.reward, status: 'approved', approvedBy: actor.displayName, approvedAt: now.toISOString() };
  }

  /** The reporter claims the approved reward with the receipt code (payee details sealed apart). */
  claimReward(now: Date): void {
    if (this.s.reward?.status !== 'approved') {
      throw DomainError.conflict('tip_reward_not_claimable', { zh: '奖励尚未审批或已领取', en: 'the reward is not approved yet, or has been claimed' });
    }
    this.s.reward = { ...this.s.reward, status: 'claimed', claimedAt: now.toISOString() };
  }

  recordPayment(actor: Actor, paidOn: unknown, reference: unknown, today: string, now: Date): void {
    this.assertIntake(actor);
    if (this.s.reward?.status !== 'claimed') {
      throw DomainError.conflict('tip_reward_not_claimed', { zh: '举报人尚未申领奖励', en: 'the reporter has not claimed the reward yet' });
    }
    if (typeof paidOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(paidOn) || paidOn > today || paidOn < this.s.reward.approvedAt!.slice(0, 10)) {
      throw invalid('invalid_request', '发放日期应在审批之后、不晚于今天', 'the payment date must be after the approval and not after today', 'paidOn');
    }
    const ref = text(reference, 'reference', 100, { zh: '支付凭证号', en: 'the payment reference' });
    this.s.reward = { ...this.s.reward, status: 'paid', paidBy: actor.displayName, paidAt: now.toISOString(), paidOn, paymentReference: ref };
  }
}
