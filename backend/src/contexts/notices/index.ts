// The notices context's public entry: what other contexts may use.
export { NoticesTodoQuery } from './application/queries.js';
