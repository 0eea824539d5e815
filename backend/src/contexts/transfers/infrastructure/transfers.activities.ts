import type { MajorCaseReportActivities, OutwardFollowUpActivities } from '@fundsup/workflows/contracts';
import type { Commands } from '../../../platform/cqrs/commands.js';
import { actorFromData } from '../../../kernel/actor.js';
import {
  MarkMajorCaseReportOverdueCommand, MarkOutwardFollowUpOverdueCommand, RemindMajorCaseReportCommand, RemindOutwardFollowUpCommand,
} from '../application/outward-commands.js';

/**
 * The major-case report's clock and the outward follow-up clock: each step runs one idempotent command as
 * the user whose action opened the report or sent the transfer.
 */
export function createTransferActivities(commands: Commands): MajorCaseReportActivities & OutwardFollowUpActivities {
  return {
    async remindMajorCaseReport({ actor, reportId }) {
      await commands.execute(new RemindMajorCaseReportCommand(actorFromData(actor), reportId));
    },
    async markMajorCaseReportOverdue({ actor, reportId }) {
      await commands.execute(new MarkMajorCaseReportOverdueCommand(actorFromData(actor), reportId));
    },
    async remindOutwardFollowUp({ actor, outwardTransferId, dueDate }) {
      await commands.execute(new RemindOutwardFollowUpCommand(actorFromData(actor), outwardTransferId, dueDate));
    },
    async markOutwardFollowUpOverdue({ actor, outwardTransferId, dueDate }) {
      await commands.execute(new MarkOutwardFollowUpOverdueCommand(actorFromData(actor), outwardTransferId, dueDate));
    },
  };
}
