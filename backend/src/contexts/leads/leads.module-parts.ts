import type { Provider, Type } from '@nestjs/common';
import { LeadDesk, LeadTimeLimits, LEAD_COMMAND_HANDLERS } from './application/handlers.js';
import { LEAD_QUERY_HANDLERS } from './application/queries.js';
import { Leads } from './infrastructure/leads.repository.js';
import { LeadsHttpController } from './api/leads.http.controller.js';

export { leadWorkflowRoutes } from './infrastructure/leads-workflow.routes.js';
export { createLeadActivities } from './infrastructure/leads.activities.js';

/** Leads and the case ledger (线索台账): what the app module registers. */
export const LEAD_PROVIDERS: Provider[] = [Leads, LeadTimeLimits, LeadDesk, ...LEAD_COMMAND_HANDLERS, ...LEAD_QUERY_HANDLERS];
export const LEAD_CONTROLLERS: Type<unknown>[] = [LeadsHttpController];
