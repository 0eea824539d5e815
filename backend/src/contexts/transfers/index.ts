// The transfers context's public entry (移交/移送、重大案件报告): what other contexts may use.
export type { TransferStatus, TransferSource } from './domain/transfer.js';
export { TransfersTodoQuery } from './application/todo-queries.js';
