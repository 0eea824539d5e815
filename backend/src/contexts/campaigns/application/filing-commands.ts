import { TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';
import type { FilingKind } from '../domain/campaign-filing.js';

/** The province sends its campaign plan or summary to the national bureau (again after a return). */
export class SendCampaignFilingCommand extends TargetedCommand<{ id: string }> {
  constructor(actor: Actor, readonly campaignId: string, readonly kind: FilingKind, readonly note: string | null, readonly attachmentIds: readonly string[]) {
    super(actor, campaignId);
  }
  override auditPayload() {
    return { kind: this.kind, note: this.note, attachmentIds: [...this.attachmentIds] };
  }
}

/** The national overseer acknowledges a filing (签收). */
export class AcknowledgeCampaignFilingCommand extends TargetedCommand<{ id: string }> {
  constructor(actor: Actor, readonly filingId: string) {
    super(actor, filingId);
  }
}

/** The national overseer returns a filing with its reason (退回). */
export class ReturnCampaignFilingCommand extends TargetedCommand<{ id: string }> {
  constructor(actor: Actor, readonly filingId: string, readonly reason: string | null) {
    super(actor, filingId);
  }
  override auditPayload() {
    return { reason: this.reason };
  }
}

