// The findings context's public entry (findings, handling decisions): what other contexts may use.
export { FindingIntake, type SentInspection } from './application/finding-intake.js';
export { MEASURE_ZH, MEASURE_KINDS, type Measure, type MeasureKind } from './domain/decision.js';
export type { FindingSource } from './domain/finding.js';
export { FindingsTodoQuery } from './application/queries.js';
export { actuallyRecoveredByCountyMonth, type RecoveredSqlExec } from './infrastructure/recoveries.repository.js';
