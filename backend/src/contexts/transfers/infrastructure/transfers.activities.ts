import type { MajorCaseReportActivities } from '@fundsup/workflows/contracts';
import type { Commands } from '../../../platform/cqrs/commands.js';
import { actorFromData } from '../../../kernel/actor.js';
import { MarkMajorCaseReportOverdueCommand, RemindMajorCaseReportCommand } from '../application/outward-commands.js';

/** The major-case report's clock: each step runs one idempotent command as the user whose action opened the report. */
export function createTransferActivities(commands: Commands): MajorCaseReportActivities {
  return {
    async remindMajorCaseReport({ actor, reportId }) {
      await commands.execute(new RemindMajorCaseReportCommand(actorFromData(actor), reportId));
    },
    async markMajorCaseReportOverdue({ actor, reportId }) {
      await commands.execute(new MarkMajorCaseReportOverdueCommand(actorFromData(actor), reportId));
    },
  };
}
