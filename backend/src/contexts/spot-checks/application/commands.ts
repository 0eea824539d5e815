import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';
import type { RecordInput } from '../domain/inspection.js';
import type { SpotCheckInput } from '../domain/spot-check.js';

abstract class SpotCheckCommand<R> extends TargetedCommand<R> {
  constructor(actor: Actor, readonly spotCheckId: string) {
    super(actor, spotCheckId);
  }
}

export class CreateSpotCheckCommand extends ActorCommand<{ id: string }> {
  constructor(actor: Actor, readonly input: SpotCheckInput) {
    super(actor);
  }
  auditTarget() {
    return `spot-check:${this.actor.regionPath}:${this.input.year}`;
  }
  auditPayload() {
    return { ...this.input };
  }
}

/** Freezes the directories and publishes the commitment (the witnesses' commitments are public). */
export class CommitSpotCheckCommand extends SpotCheckCommand<void> {
  constructor(actor: Actor, spotCheckId: string, readonly witnessCommitments: string[]) {
    super(actor, spotCheckId);
  }
  override auditPayload() {
    return { witnessCommitments: this.witnessCommitments };
  }
}

/**
 * Reveals the witnesses' secrets and runs the draw. The secrets are published in the record once
 * the draw succeeds; a refused attempt must not leave them in the audit trail.
 */
export class DrawSpotCheckCommand extends SpotCheckCommand<void> {
  constructor(actor: Actor, spotCheckId: string, readonly witnessSecrets: string[], readonly beacon: string | null) {
    super(actor, spotCheckId);
  }
  override auditPayload() {
    return { witnessSecrets: this.witnessSecrets?.length ?? 0, beacon: this.beacon !== null };
  }
}

abstract class InspectionCommand<R> extends TargetedCommand<R> {
  constructor(actor: Actor, readonly inspectionId: string) {
    super(actor, inspectionId);
  }
}

export class RecordInspectionCommand extends InspectionCommand<void> {
  constructor(actor: Actor, inspectionId: string, readonly input: RecordInput) {
    super(actor, inspectionId);
  }
  override auditPayload() {
    return {
      inspectedOn: this.input.inspectedOn,
      checklist: this.input.checklist?.length ?? 0,
      findings: this.input.findings?.length ?? 0,
      amount: (this.input.findings ?? []).reduce((sum, f) => sum + (typeof f.amount === 'number' ? f.amount : 0), 0),
      attachments: this.input.attachmentIds?.length ?? 0,
    };
  }
}

export class SendInspectionCommand extends InspectionCommand<void> {}

// Run by the spot-check workflow's clock (SpotCheckActivities), as the official who ran the draw.
// Idempotent: false when there was nothing left to do.
export class RemindSpotCheckDueCommand extends SpotCheckCommand<boolean> {}
export class MarkSpotCheckOverdueCommand extends SpotCheckCommand<boolean> {}
