import type { Provider, Type } from '@nestjs/common';
import { DashboardsHttpController } from './api/dashboards.http.controller.js';
import { DASHBOARD_QUERY_HANDLERS } from './application/queries.js';
import { DashboardProjector } from './infrastructure/dashboard-projector.js';

export { DashboardProjector } from './infrastructure/dashboard-projector.js';
export { rebuildAll, PROJECTOR_LOCK } from './infrastructure/fact-sql.js';

/** The leaders' dashboards (issue 7): the read side, registered in the API process. */
export const DASHBOARD_QUERY_PROVIDERS: Provider[] = [...DASHBOARD_QUERY_HANDLERS];
/** The projector runs where the HTTP API runs (like the outbox relay). */
export const DASHBOARD_HTTP_PROVIDERS: Provider[] = [DashboardProjector];
export const DASHBOARD_CONTROLLERS: Type<unknown>[] = [DashboardsHttpController];
