import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';

export interface SendTransferInput {
  sourceKind: unknown;
  /** The finding's, decision's or lead's id. */
  sourceId: unknown;
  institutionOrgId: unknown;
  subject: unknown;
  facts: unknown;
  amountInvolved: unknown;
  /** [{ kind, ref, title }]: the inspection record, findings, evidence, decision. */
  materials: unknown;
}

/** An agency transfers a finding, a decision or a lead to the bureau of its region (移交). */
export class SendTransferCommand extends ActorCommand<{ id: string }> {
  constructor(actor: Actor, readonly input: SendTransferInput) {
    super(actor);
  }
  auditTarget() {
    return `transfer:${String(this.input.sourceKind)}:${String(this.input.sourceId)}`;
  }
  auditPayload() {
    return { sourceKind: this.input.sourceKind, sourceId: this.input.sourceId, institutionOrgId: this.input.institutionOrgId, amountInvolved: this.input.amountInvolved ?? null };
  }
}

abstract class TransferCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly transferId: string) {
    super(actor, transferId);
  }
}

/** The bureau accepts: a case 待立案 opens (enforcement's OpenCaseFromTransferCommand). */
export class AcceptTransferCommand extends TransferCommand {
  constructor(actor: Actor, transferId: string, readonly comment: unknown) {
    super(actor, transferId);
  }
}

export class RequestTransferSupplementCommand extends TransferCommand {
  constructor(actor: Actor, transferId: string, readonly reason: unknown, readonly dueDate: unknown) {
    super(actor, transferId);
  }
  override auditPayload() {
    return { dueDate: this.dueDate };
  }
}

export class SupplementTransferCommand extends TransferCommand {
  constructor(actor: Actor, transferId: string, readonly note: unknown, readonly materials: unknown) {
    super(actor, transferId);
  }
}

export class ReturnTransferCommand extends TransferCommand {
  constructor(actor: Actor, transferId: string, readonly reasons: unknown) {
    super(actor, transferId);
  }
}
