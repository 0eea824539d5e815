// The campaigns context's public entry: what other contexts may use.
export { FOCUS_OPTIONS } from './domain/campaign.js';
export { CampaignsTodoQuery } from './application/queries.js';
