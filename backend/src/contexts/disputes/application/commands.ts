import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';

export interface FileDisputeInput {
  decisionId: string;
  party: string;
  clinicianName?: string | null;
  reasons: string;
  attachmentIds?: string[] | null;
}

export class FileDisputeCommand extends ActorCommand<{ id: string }> {
  constructor(actor: Actor, readonly input: FileDisputeInput) {
    super(actor);
  }
  auditTarget() {
    return `dispute:decision:${String(this.input?.decisionId)}`;
  }
  auditPayload() {
    const i = this.input ?? ({} as FileDisputeInput);
    return { decisionId: i.decisionId, party: i.party, clinicianName: i.clinicianName ?? null, attachments: Array.isArray(i.attachmentIds) ? i.attachmentIds.length : 0 };
  }
}

/** A command on one dispute by id. */
abstract class OnDispute<R> extends TargetedCommand<R> {
  constructor(actor: Actor, readonly disputeId: string) {
    super(actor, disputeId);
  }
}

export class DecideDisputeCommand extends OnDispute<{ id: string; final: boolean }> {
  constructor(actor: Actor, disputeId: string, readonly outcome: string, readonly reasoning: string) {
    super(actor, disputeId);
  }
  override auditPayload() {
    return { outcome: this.outcome };
  }
}

export class EscalateDisputeCommand extends OnDispute<{ id: string }> {
  constructor(actor: Actor, disputeId: string, readonly reasons: string) {
    super(actor, disputeId);
  }
}

export class WithdrawDisputeCommand extends OnDispute<{ id: string }> {
  constructor(actor: Actor, disputeId: string, readonly reason: string | null) {
    super(actor, disputeId);
  }
}

// ---- run by the dispute workflow's activities, as the clerk who filed the dispute

/** A level's time limit passed undecided: flag it once, tell the level above (the province: itself). */
export class MarkDisputeLevelOverdueCommand extends OnDispute<boolean> {
  constructor(actor: Actor, disputeId: string, readonly level: number) {
    super(actor, disputeId);
  }
  override auditPayload() {
    return { level: this.level };
  }
}

/** The escalation window closed without escalation: the dispute ends, the level's decision stands. */
export class CloseDisputeCommand extends OnDispute<boolean> {}
