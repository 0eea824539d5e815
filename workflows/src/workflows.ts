// Entry point bundled for the Temporal worker: every workflow the suite runs.
export { noticeAcknowledgementWorkflow } from './notice.workflow.js';
