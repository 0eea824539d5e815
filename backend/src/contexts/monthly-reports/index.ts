// The monthly reports context's public entry: what other contexts may use.
export { MonthlyReportsTodoQuery } from './application/queries.js';
