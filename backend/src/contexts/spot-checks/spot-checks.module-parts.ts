import type { Provider, Type } from '@nestjs/common';
import { SPOT_CHECK_COMMAND_HANDLERS } from './application/handlers.js';
import { SPOT_CHECK_QUERY_HANDLERS } from './application/queries.js';
import { SpotChecks } from './infrastructure/spot-check.repository.js';
import { AgencyInspectionDirectory } from './infrastructure/agency-inspections.repository.js';
import { AGENCY_INSPECTION_COMMAND_HANDLERS } from './application/agency-inspection.handlers.js';
import { AGENCY_INSPECTION_QUERY_HANDLERS } from './application/agency-inspection.queries.js';
import { SendCoverageDigestsHandler } from './application/coverage-digest.handler.js';
import { AgencyInspectionFiguresHandler } from './application/inspection-figures.query.js';
import { InspectionRefHandler } from './application/inspection-ref.query.js';
import { CoverageDigestCycleStarter } from './infrastructure/coverage-digest.js';
import { CoverageHttpController, DocumentRequestsHttpController, InspectionsHttpController, SpotChecksHttpController } from './api/spot-checks.http.controller.js';
import { DOCUMENT_REQUEST_PROVIDERS } from './application/document-request.handlers.js';
import { FLIGHT_INSPECTION_COMMAND_HANDLERS } from './application/flight-inspection.handlers.js';
import { FLIGHT_INSPECTION_QUERY_HANDLERS } from './application/flight-inspection.queries.js';
import { FlightLeads } from './application/flight-leads.js';
import { FlightInspections } from './infrastructure/flight-inspections.repository.js';
import { LeadsForFlightInspections } from './infrastructure/flight-leads.adapter.js';
import { FlightInspectionsHttpController } from './api/flight-inspections.http.controller.js';

export { spotCheckWorkflowRoutes } from './infrastructure/spot-check-workflow.routes.js';
export { createAgencyInspectionActivities, createDocumentRequestActivities, createSpotCheckActivities } from './infrastructure/spot-check.activities.js';
export { createCoverageDigestActivities } from './infrastructure/coverage-digest.js';

/** Spot-checks, the verifiable draw, inspections and coverage: what the app module registers. */
export const SPOT_CHECK_PROVIDERS: Provider[] = [SpotChecks, AgencyInspectionDirectory, ...SPOT_CHECK_COMMAND_HANDLERS, ...SPOT_CHECK_QUERY_HANDLERS,
  ...DOCUMENT_REQUEST_PROVIDERS,
  ...AGENCY_INSPECTION_COMMAND_HANDLERS, ...AGENCY_INSPECTION_QUERY_HANDLERS, SendCoverageDigestsHandler, AgencyInspectionFiguresHandler, InspectionRefHandler,
  // Flight inspections (飞行检查): the national bureau's, handed to the province's lead ledger.
  FlightInspections, { provide: FlightLeads, useClass: LeadsForFlightInspections }, ...FLIGHT_INSPECTION_COMMAND_HANDLERS, ...FLIGHT_INSPECTION_QUERY_HANDLERS];
/** Only in the API process: the coverage digest cycle is started at boot. */
export const SPOT_CHECK_HTTP_PROVIDERS: Provider[] = [CoverageDigestCycleStarter];
export const SPOT_CHECK_CONTROLLERS: Type<unknown>[] = [
  SpotChecksHttpController, InspectionsHttpController, CoverageHttpController, DocumentRequestsHttpController, FlightInspectionsHttpController,
];
