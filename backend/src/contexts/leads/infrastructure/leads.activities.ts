import type { LeadActivities } from '@fundsup/workflows/contracts';
import type { Commands } from '../../../platform/cqrs/commands.js';
import { actorFromData } from '../../../kernel/actor.js';
import { MarkLeadOverdueCommand, RemindLeadCommand } from '../application/commands.js';

/** The lead workflow's clock: each step runs one idempotent command as the user who registered the lead. */
export function createLeadActivities(commands: Commands): LeadActivities {
  return {
    async remindLead({ actor, leadId, dueDate }) {
      await commands.execute(new RemindLeadCommand(actorFromData(actor), leadId, dueDate));
    },
    async markLeadOverdue({ actor, leadId, dueDate }) {
      await commands.execute(new MarkLeadOverdueCommand(actorFromData(actor), leadId, dueDate));
    },
  };
}
