import type { Provider, Type } from '@nestjs/common';
import { DecisionsHttpController, FindingsHttpController } from './api/findings.http.controller.js';
import { DecisionRecoveriesHttpController } from './api/decision-recoveries.http.controller.js';
import { FindingIntake } from './application/finding-intake.js';
import { FINDING_COMMAND_HANDLERS } from './application/handlers.js';
import { FINDING_QUERY_HANDLERS } from './application/queries.js';
import { RECOVERY_COMMAND_HANDLERS, RECOVERY_QUERY_HANDLERS } from './application/recoveries.js';
import { Findings } from './infrastructure/findings.repository.js';
import { DecisionRecoveries } from './infrastructure/recoveries.repository.js';

export { findingWorkflowRoutes } from './infrastructure/findings-workflow.routes.js';
export { createFindingActivities } from './infrastructure/findings.activities.js';
export { FindingIntake } from './application/finding-intake.js';

/** Findings with their feedback, handling decisions and rectification: what the app module registers. */
export const FINDING_PROVIDERS: Provider[] = [Findings, DecisionRecoveries, FindingIntake, ...FINDING_COMMAND_HANDLERS, ...FINDING_QUERY_HANDLERS,
  ...RECOVERY_COMMAND_HANDLERS, ...RECOVERY_QUERY_HANDLERS];
export const FINDING_CONTROLLERS: Type<unknown>[] = [FindingsHttpController, DecisionsHttpController, DecisionRecoveriesHttpController];
