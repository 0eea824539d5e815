import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../kernel/actor.js';
import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';

// The tips' commands. No audit payload ever holds a reporter field, a receipt code or a payee
// detail: the trail records who did what to which tip, and the stated reason of a reading.

/** What the public form sends (checked by the domain; the reporter is sealed before storage). */
export interface TipSubmission {
  anonymous: boolean;
  reporter?: { name?: unknown; phone?: unknown; idNumber?: unknown } | null;
  institutionOrgId?: unknown;
  personReported?: unknown;
  /** The region of a person reported without an institution (GB/T 2260 code). */
  regionCode?: unknown;
  facts?: unknown;
  happenedOn?: unknown;
  amountInvolved?: unknown;
  /** Tokens of evidence uploaded through the public upload. */
  evidence?: unknown;
}

/** A tip from the public page: the actor is the public one; the answer carries the receipt code, once. */
export class SubmitTipCommand extends ActorCommand<{ id: string; receipt: string }> {
  readonly tipId = randomUUID();
  constructor(actor: Actor, readonly input: TipSubmission) { super(actor); }
  auditTarget() { return this.tipId; }
  auditPayload() {
    const evidence = Array.isArray(this.input?.evidence) ? this.input.evidence.length : 0;
    return { anonymous: this.input?.anonymous === true, institutionOrgId: typeof this.input?.institutionOrgId === 'string' ? this.input.institutionOrgId.slice(0, 64) : null, evidence };
  }
}

/** The reporter answers the bureau's question on the receipt page. */
export class AnswerTipQuestionCommand extends ActorCommand<void> {
  constructor(actor: Actor, readonly receipt: unknown, readonly questionId: unknown, readonly answer: unknown) { super(actor); }
  auditTarget() { return null; }
  auditPayload() { return { questionId: typeof this.questionId === 'string' ? this.questionId.slice(0, 64) : null }; }
}

/** The reporter claims the approved reward with the receipt code, giving where to pay it (sealed). */
export class ClaimTipRewardCommand extends ActorCommand<void> {
  constructor(actor: Actor, readonly receipt: unknown, readonly payee: unknown) { super(actor); }
  auditTarget() { return null; }
  auditPayload() { return {}; }
}

export class AcceptTipCommand extends TargetedCommand<{ leadId: string }> {
  constructor(actor: Actor, readonly tipId: string, readonly comment: string | null) { super(actor, tipId); }
}

export class RejectTipCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly tipId: string, readonly reason: unknown) { super(actor, tipId); }
  override auditPayload() { return { reason: typeof this.reason === 'string' ? this.reason.slice(0, 1000) : null }; }
}

export class AskTipQuestionCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly tipId: string, readonly question: unknown) { super(actor, tipId); }
}

/** The explicit reading of the reporter: a command, so that every reading (and every refusal) is in the audit trail with its reason. */
export class ReadTipReporterCommand extends TargetedCommand<ReporterReading> {
  constructor(actor: Actor, readonly tipId: string, readonly reason: unknown) { super(actor, tipId); }
  override auditPayload() { return { reason: typeof this.reason === 'string' ? this.reason.slice(0, 500) : null }; }
}

export interface ReporterReading {
  reporter: { name: string; phone: string; idNumber: string | null } | null;
  /** Where the reward is to be paid, once claimed. */
  payee: { name: string; account: string; bank: string | null } | null;
}

export class ProposeTipRewardCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly tipId: string) { super(actor, tipId); }
}

export class ApproveTipRewardCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly tipId: string) { super(actor, tipId); }
}

export class RecordTipRewardPaymentCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly tipId: string, readonly paidOn: unknown, readonly reference: unknown) { super(actor, tipId); }
  override auditPayload() { return { paidOn: typeof this.paidOn === 'string' ? this.paidOn.slice(0, 10) : null }; }
}
