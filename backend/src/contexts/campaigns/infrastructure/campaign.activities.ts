import type { CampaignActivities } from '@fundsup/workflows/contracts';
import { Commands } from '../../../platform/cqrs/commands.js';
import { actorFromData } from '../../../kernel/actor.js';
import {
  CreateSelfInspectionTasksCommand,
  EscalateMissingSelfInspectionsCommand,
  MarkCampaignSummaryOverdueCommand,
  OpenCampaignPhaseCommand,
  RemindCampaignPhaseCommand,
} from '../application/commands.js';

/** Each activity runs one backend command as the official who assigned the campaign. */
export function createCampaignActivities(commands: Commands): CampaignActivities {
  return {
    async openCampaignPhase({ actor, campaignId, phase }) {
      await commands.execute(new OpenCampaignPhaseCommand(actorFromData(actor), campaignId, phase));
    },
    async remindCampaignPhase({ actor, campaignId, phase, at }) {
      await commands.execute(new RemindCampaignPhaseCommand(actorFromData(actor), campaignId, phase, at));
    },
    createSelfInspectionTasks({ actor, campaignId, cityCode, cursor, limit }) {
      return commands.execute(new CreateSelfInspectionTasksCommand(actorFromData(actor), campaignId, cityCode, cursor, limit));
    },
    escalateMissingSelfInspections({ actor, campaignId, cityCode }) {
      return commands.execute(new EscalateMissingSelfInspectionsCommand(actorFromData(actor), campaignId, cityCode));
    },
    async markCampaignSummaryOverdue({ actor, campaignId }) {
      await commands.execute(new MarkCampaignSummaryOverdueCommand(actorFromData(actor), campaignId));
    },
  };
}
