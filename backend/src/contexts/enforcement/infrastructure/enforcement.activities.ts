import type { EnforcementCaseActivities } from '@fundsup/workflows/contracts';
import type { Commands } from '../../../platform/cqrs/commands.js';
import { actorFromData } from '../../../kernel/actor.js';
import { MarkCaseOverdueCommand, RemindCaseCommand } from '../application/commands.js';

/** The case workflow's clock: each step runs one idempotent command as the leader who approved filing. */
export function createEnforcementActivities(commands: Commands): EnforcementCaseActivities {
  return {
    async remindEnforcementCase({ actor, caseId, dueDate }) {
      await commands.execute(new RemindCaseCommand(actorFromData(actor), caseId, dueDate));
    },
    async markEnforcementCaseOverdue({ actor, caseId, dueDate }) {
      await commands.execute(new MarkCaseOverdueCommand(actorFromData(actor), caseId, dueDate));
    },
  };
}
