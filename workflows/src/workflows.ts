// Entry point bundled for the Temporal worker: every workflow the suite runs.
export { annualPlanWorkflow } from './annual-plan.workflow.js';
export { noticeAcknowledgementWorkflow } from './notice.workflow.js';
export { icAuditWorkflow, icPlanWorkflow } from './internal-control.workflow.js';
export { campaignWorkflow, campaignCityWorkflow } from './campaign.workflow.js';
export { spotCheckWorkflow } from './spot-check.workflow.js';
export { agencyInspectionWorkflow } from './agency-inspection.workflow.js';
export { documentRequestWorkflow } from './document-request.workflow.js';
export { coverageDigestCycleWorkflow } from './coverage-digest.workflow.js';
export { auditCheckpointCycleWorkflow } from './audit-checkpoint.workflow.js';
export { findingFeedbackWorkflow } from './finding-feedback.workflow.js';
export { decisionWorkflow } from './decision.workflow.js';
export { disputeWorkflow } from './dispute.workflow.js';
export { monthlyReportCycleWorkflow } from './monthly-report.workflow.js';
export { leadWorkflow } from './lead.workflow.js';
export { enforcementCaseWorkflow } from './enforcement-case.workflow.js';
export { majorCaseReportWorkflow } from './major-case-report.workflow.js';
export { outwardFollowUpWorkflow } from './outward-follow-up.workflow.js';
