// The audit trail's daily signed checkpoint (issue 15 §7): one cycle workflow for the whole suite.

export const AUDIT_CHECKPOINT_CYCLE_WORKFLOW_TYPE = 'auditCheckpointCycleWorkflow';
export const AUDIT_CHECKPOINT_CYCLE_WORKFLOW_ID = 'audit-checkpoint-cycle';

export interface AuditCheckpointSchedule {
  /** When the next checkpoint is due (ISO instant; daily, 00:10 China time). */
  publishAt: string;
}

export interface PublishedAuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
}

export interface AuditCheckpointActivities {
  auditCheckpointSchedule(input: { at: string }): Promise<AuditCheckpointSchedule>;
  /** Signs the chain's head and writes it to the store. */
  publishAuditCheckpoint(input: { at: string }): Promise<PublishedAuditCheckpoint>;
}
