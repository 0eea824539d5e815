import type { DecisionActivities, FindingFeedbackActivities } from '@fundsup/workflows/contracts';
import type { Commands } from '../../../platform/cqrs/commands.js';
import { actorFromData } from '../../../kernel/actor.js';
import { DeemFindingsConfirmedCommand, MarkDecisionRectificationOverdueCommand } from '../application/commands.js';

/**
 * The feedback and decision workflows' clocks: each step runs one command, as the official who
 * sent the inspection (deeming) or the agency user who decided (overdue rectification).
 */
/** The workflow's time of the step when it gave one (ADR 0007: the workflow owns the clock). */
function clockOf(at: string | undefined): Date | undefined {
  const ms = at ? Date.parse(at) : NaN;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

export function createFindingActivities(commands: Commands): FindingFeedbackActivities & DecisionActivities {
  return {
    deemFindingsConfirmed({ actor, inspectionId, at }) {
      return commands.execute(new DeemFindingsConfirmedCommand(actorFromData(actor), inspectionId, clockOf(at)));
    },
    async markDecisionRectificationOverdue({ actor, decisionId, at }) {
      await commands.execute(new MarkDecisionRectificationOverdueCommand(actorFromData(actor), decisionId, clockOf(at)));
    },
  };
}
