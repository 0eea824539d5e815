import type { Provider, Type } from '@nestjs/common';
import { CASE_COMMAND_HANDLERS, EnforcementLimitsConfig } from './application/handlers.js';
import { CASE_QUERY_HANDLERS } from './application/queries.js';
import { CaseDossierPdf } from './infrastructure/case-dossier-pdf.js';
import { EnforcementCases } from './infrastructure/enforcement.repository.js';
import { EnforcementHttpController } from './api/enforcement.http.controller.js';
import { PublicEnforcementHttpController } from './api/public-enforcement.http.controller.js';

/** Administrative enforcement cases (行政执法) and the public enforcement page: what the app module registers. */
export const ENFORCEMENT_PROVIDERS: Provider[] = [EnforcementCases, EnforcementLimitsConfig, CaseDossierPdf, ...CASE_COMMAND_HANDLERS, ...CASE_QUERY_HANDLERS];
export const ENFORCEMENT_CONTROLLERS: Type<unknown>[] = [EnforcementHttpController, PublicEnforcementHttpController];

export { enforcementWorkflowRoutes } from './infrastructure/enforcement-workflow.routes.js';
export { createEnforcementActivities } from './infrastructure/enforcement.activities.js';
