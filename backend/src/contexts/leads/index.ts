// The leads context's public entry (线索台账): what other contexts may use.
export { AssessLeadCommand, AssignLeadCommand, RegisterLeadCommand, type RegisterLeadInput } from './application/commands.js';
export { LeadOutcomeQuery, type LeadOutcome } from './application/queries.js';
export { LEAD_SOURCES, type LeadSource } from './domain/time-limits.js';
export type { LeadResult, LeadStatus } from './domain/lead.js';
export { ledgerCountsByCountyMonth, type LedgerMonthCounts, type LedgerSqlExec } from './infrastructure/ledger-figures.js';
