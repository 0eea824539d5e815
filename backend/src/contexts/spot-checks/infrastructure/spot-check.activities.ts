import type { SpotCheckActivities } from '@fundsup/workflows/contracts';
import type { Commands } from '../../../platform/cqrs/commands.js';
import { actorFromData } from '../../../kernel/actor.js';
import { MarkSpotCheckOverdueCommand, RemindSpotCheckDueCommand } from '../application/commands.js';

/** The spot-check workflow's clock: each step runs one command as the official who ran the draw. */
export function createSpotCheckActivities(commands: Commands): SpotCheckActivities {
  return {
    async remindSpotCheckDue({ actor, spotCheckId }) {
      await commands.execute(new RemindSpotCheckDueCommand(actorFromData(actor), spotCheckId));
    },
    async markSpotCheckOverdue({ actor, spotCheckId }) {
      await commands.execute(new MarkSpotCheckOverdueCommand(actorFromData(actor), spotCheckId));
    },
  };
}
