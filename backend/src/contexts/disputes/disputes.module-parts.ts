import type { Provider, Type } from '@nestjs/common';
import { DISPUTE_COMMAND_HANDLERS } from './application/handlers.js';
import { DISPUTE_QUERY_HANDLERS } from './application/queries.js';
import { Disputes } from './infrastructure/dispute.repository.js';
import { DisputesHttpController } from './api/disputes.http.controller.js';

export { disputeWorkflowRoutes } from './infrastructure/dispute-workflow.routes.js';
export { createDisputeActivities } from './infrastructure/dispute.activities.js';

/** Disputes over handling decisions (争议处理): what the app module registers. */
export const DISPUTE_PROVIDERS: Provider[] = [Disputes, ...DISPUTE_COMMAND_HANDLERS, ...DISPUTE_QUERY_HANDLERS];
export const DISPUTE_CONTROLLERS: Type<unknown>[] = [DisputesHttpController];
