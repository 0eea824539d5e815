// The enforcement context's public entry (行政执法): what other contexts may use.
export { OpenCaseFromTransferCommand, type OpenCaseFromTransferInput } from './application/commands.js';
export { CaseOutcomeQuery, type CaseOutcome } from './application/queries.js';
export type { CaseClosure, CaseDecided, CaseStatus } from './domain/enforcement-case.js';
export { CaseClosedReaction } from './application/case-closed.js';
