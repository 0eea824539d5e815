// The annual plans context's public entry: what other contexts may use.
export { PlansTodoQuery } from './application/queries.js';
