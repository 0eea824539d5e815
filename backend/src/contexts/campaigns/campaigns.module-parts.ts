import { CampaignsHttpController } from './api/campaigns.http.controller.js';
import { CampaignFilingsHttpController } from './api/filings.http.controller.js';
import { FILING_COMMAND_HANDLERS, FilingDesk } from './application/filing-handlers.js';
import { ExportCampaignFilingsHandler, ListCampaignFilingsHandler } from './application/filing-queries.js';
import { CampaignFilings } from './infrastructure/campaign-filing.repository.js';
import { CAMPAIGN_COMMAND_HANDLERS } from './application/handlers.js';
import { CAMPAIGN_QUERY_HANDLERS } from './application/queries.js';
import { CampaignSummaryPdf } from './infrastructure/campaign-summary.js';
import { Campaigns } from './infrastructure/campaign.repository.js';
import { CampaignSpotCheckFigures, CampaignSpotCheckFiguresHandler } from './infrastructure/spot-check-figures.js';

/** Special campaigns (专项治理): providers and controllers, wired into the app module. */
export const CAMPAIGN_PROVIDERS = [
  Campaigns, CampaignFilings, FilingDesk, ...FILING_COMMAND_HANDLERS, ListCampaignFilingsHandler, ExportCampaignFilingsHandler, CampaignSummaryPdf, CampaignSpotCheckFigures, CampaignSpotCheckFiguresHandler, ...CAMPAIGN_COMMAND_HANDLERS, ...CAMPAIGN_QUERY_HANDLERS,
];
export const CAMPAIGN_CONTROLLERS = [CampaignsHttpController, CampaignFilingsHttpController];
