// The internal-control context's public entry: what other contexts may use.
export { IcTodoQuery } from './application/queries.js';
