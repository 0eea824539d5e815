// The disputes context's public entry: what other contexts may use.
export { DisputesTodoQuery } from './application/queries.js';
