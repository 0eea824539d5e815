import type { DisputeActivities } from '@fundsup/workflows/contracts';
import type { Commands } from '../../../platform/cqrs/commands.js';
import { actorFromData } from '../../../kernel/actor.js';
import { CloseDisputeCommand, MarkDisputeLevelOverdueCommand } from '../application/commands.js';

/** The dispute workflow's clock: each step runs one command as the clerk who filed the dispute. */
export function createDisputeActivities(commands: Commands): DisputeActivities {
  return {
    async markDisputeLevelOverdue({ actor, disputeId, level }) {
      await commands.execute(new MarkDisputeLevelOverdueCommand(actorFromData(actor), disputeId, level));
    },
    async closeDispute({ actor, disputeId }) {
      await commands.execute(new CloseDisputeCommand(actorFromData(actor), disputeId));
    },
  };
}
