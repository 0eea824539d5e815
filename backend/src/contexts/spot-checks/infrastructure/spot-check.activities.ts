import type { AgencyInspectionActivities, DocumentRequestActivities, SpotCheckActivities } from '@fundsup/workflows/contracts';
import type { Commands } from '../../../platform/cqrs/commands.js';
import { actorFromData } from '../../../kernel/actor.js';
import { MarkSpotCheckOverdueCommand, RemindSpotCheckDueCommand } from '../application/commands.js';
import { MarkInspectionOverdueCommand, RemindInspectionCommand } from '../application/agency-inspection.commands.js';
import { MarkDocumentRequestOverdueCommand } from '../application/document-request.commands.js';

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

/** The agency inspection workflow's clock: each step runs one command as the user who scheduled it. */
export function createAgencyInspectionActivities(commands: Commands): AgencyInspectionActivities {
  return {
    async remindInspection({ actor, inspectionId }) {
      await commands.execute(new RemindInspectionCommand(actorFromData(actor), inspectionId));
    },
    async markInspectionOverdue({ actor, inspectionId, at }) {
      await commands.execute(new MarkInspectionOverdueCommand(actorFromData(actor), inspectionId, at ? new Date(at) : undefined));
    },
  };
}

/** A document request's clock: the overdue step runs one command as the user who asked. */
export function createDocumentRequestActivities(commands: Commands): DocumentRequestActivities {
  return {
    async markDocumentRequestOverdue({ actor, requestId }) {
      await commands.execute(new MarkDocumentRequestOverdueCommand(actorFromData(actor), requestId));
    },
  };
}
