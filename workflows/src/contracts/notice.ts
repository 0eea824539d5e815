import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ActorSnapshot } from './actor.js';

// A notice (通知) sent by a bureau or agency to a unit below it, to be acknowledged (签收) by a
// deadline in working days: reminder before the deadline, overdue flag to the sender after it.

export const NOTICE_WORKFLOW_TYPE = 'noticeAcknowledgementWorkflow';

export function noticeWorkflowId(noticeId: string): string {
  return `notice-${noticeId}`;
}

export interface NoticeWorkflowInput {
  noticeId: string;
  /** The sender: reminders and the overdue flag are recorded on their behalf. */
  actor: ActorSnapshot;
  remindAt: string;
  dueAt: string;
}

export interface NoticeAcknowledged {
  /** Outbox message id: a relay retry delivers the same id, and the workflow ignores it. */
  messageId: string;
  acknowledgedAt: string;
}

export const noticeAcknowledgedSignal = defineSignal<[NoticeAcknowledged]>('noticeAcknowledged');

export interface NoticeWorkflowState {
  acknowledged: boolean;
  reminded: boolean;
  overdue: boolean;
  signalsApplied: number;
}

export const noticeStateQuery = defineQuery<NoticeWorkflowState>('noticeState');

export interface NoticeActivities {
  remindNoticeRecipient(input: { actor: ActorSnapshot; noticeId: string }): Promise<void>;
  markNoticeOverdue(input: { actor: ActorSnapshot; noticeId: string }): Promise<void>;
}
