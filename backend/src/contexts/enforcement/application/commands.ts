import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';

/** What the transfers context gives to open a case from a transfer (移送). */
export interface OpenCaseFromTransferInput {
  transferId: string;
  institutionOrgId: string;
  /** GB/T 2260 code of the region the case concerns, within the actor's area. */
  regionCode: string;
  subject: string;
  facts: string;
  /** Decimal yuan string ("12000.50"), or null. */
  amountInvolved: string | null;
}

/**
 * The contract with the transfers context (issue 18): registers a case in 待立案 state (proposed) at
 * the actor's bureau, with source 'transfer' and the transfer's id; a leader of that bureau then
 * approves the filing. Run through the CommandBus in the caller's transaction.
 */
export class OpenCaseFromTransferCommand extends ActorCommand<{ id: string }> {
  readonly transferId: string;
  readonly institutionOrgId: string;
  readonly regionCode: string;
  readonly subject: string;
  readonly facts: string;
  readonly amountInvolved: string | null;

  constructor(input: { actor: Actor } & OpenCaseFromTransferInput) {
    super(input.actor);
    this.transferId = input.transferId;
    this.institutionOrgId = input.institutionOrgId;
    this.regionCode = input.regionCode;
    this.subject = input.subject;
    this.facts = input.facts;
    this.amountInvolved = input.amountInvolved ?? null;
  }
  auditTarget() {
    return `enforcement-case:transfer:${this.transferId}`;
  }
  auditPayload() {
    return { transferId: this.transferId, institutionOrgId: this.institutionOrgId, regionCode: this.regionCode, amountInvolved: this.amountInvolved };
  }
}

/** A bureau's staff propose a case for filing (提请立案). */
export class ProposeCaseCommand extends ActorCommand<{ id: string }> {
  constructor(actor: Actor, readonly body: { source?: unknown; sourceRef?: unknown; regionCode?: unknown; institutionOrgId?: unknown; subject?: unknown; facts?: unknown; amountInvolved?: unknown }) {
    super(actor);
  }
  auditTarget() {
    return null;
  }
  auditPayload() {
    return { source: this.body.source, sourceRef: this.body.sourceRef ?? null, regionCode: this.body.regionCode, institutionOrgId: this.body.institutionOrgId ?? null, amountInvolved: this.body.amountInvolved ?? null };
  }
}

/** The steps of a case after its proposal (each decided again by the domain). */
export const CASE_STEPS = [
  'approve-filing', 'officers', 'records', 'notice', 'statement', 'legal-review', 'deliberation', 'decision', 'service', 'publication',
  'execution', 'remedy', 'extension', 'closure',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

/** Fields of a step's body that the audit trail keeps (never the statements or minutes themselves). */
const AUDITED = ['approve', 'kind', 'penaltyAmount', 'recoveryAmount', 'proposedPenalty', 'proposedRecovery', 'hearingRequested', 'days', 'paidAmount', 'servedOn', 'attachmentIds'];

/** One step on one case: the body is checked by the domain. */
export class CaseStepCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly caseId: string, readonly step: CaseStep, readonly body: Record<string, unknown>) {
    super(actor, caseId);
  }
  override auditPayload() {
    const kept: Record<string, unknown> = { step: this.step };
    for (const k of AUDITED) if (this.body[k] !== undefined) kept[k] = this.body[k];
    return kept;
  }
}

/** Run by the case workflow's clock, as the leader who approved filing; idempotent (one notice per due day and step). */
export class RemindCaseCommand extends TargetedCommand<boolean> {
  constructor(actor: Actor, readonly caseId: string, readonly dueDate: string) {
    super(actor, caseId);
  }
  override auditPayload() {
    return { dueDate: this.dueDate };
  }
}

/** Run by the case workflow's clock at the due instant; idempotent. */
export class MarkCaseOverdueCommand extends TargetedCommand<boolean> {
  constructor(actor: Actor, readonly caseId: string, readonly dueDate: string) {
    super(actor, caseId);
  }
  override auditPayload() {
    return { dueDate: this.dueDate };
  }
}
