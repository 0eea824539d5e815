import type { DecisionActivities, FindingFeedbackActivities } from '@fundsup/workflows/contracts';
import type { Commands } from '../../../platform/cqrs/commands.js';
import { actorFromData } from '../../../kernel/actor.js';
import { DeemFindingsConfirmedCommand, MarkDecisionRectificationOverdueCommand } from '../application/commands.js';

/**
 * The feedback and decision workflows' clocks: each step runs one command, as the official who
 * sent the inspection (deeming) or the agency user who decided (overdue rectification).
 */
export function createFindingActivities(commands: Commands): FindingFeedbackActivities & DecisionActivities {
  return {
    deemFindingsConfirmed({ actor, inspectionId }) {
      return commands.execute(new DeemFindingsConfirmedCommand(actorFromData(actor), inspectionId));
    },
    async markDecisionRectificationOverdue({ actor, decisionId }) {
      await commands.execute(new MarkDecisionRectificationOverdueCommand(actorFromData(actor), decisionId));
    },
  };
}
