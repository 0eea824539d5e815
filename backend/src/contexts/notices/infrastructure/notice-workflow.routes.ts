import {
  NOTICE_WORKFLOW_TYPE,
  noticeWorkflowId,
  type NoticeAcknowledged,
  type NoticeWorkflowInput,
} from '@fundsup/workflows/contracts';
import type { WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import type { ActorData } from '../../../kernel/actor.js';
import { NOTICE_EVENTS } from '../domain/notice.js';

/** How notice events drive the notice workflow; the notice id is the workflow's business key. */
export const noticeWorkflowRoutes: WorkflowRoutes = {
  [NOTICE_EVENTS.sent]: (event) => {
    const p = event.payload as { sender: ActorData; remindAt: string; dueAt: string };
    const input: NoticeWorkflowInput = { noticeId: event.aggregateId, actor: p.sender, remindAt: p.remindAt, dueAt: p.dueAt };
    return { kind: 'start', workflowType: NOTICE_WORKFLOW_TYPE, workflowId: noticeWorkflowId(event.aggregateId), args: [input] };
  },
  [NOTICE_EVENTS.acknowledged]: (event, messageId) => {
    const signal: NoticeAcknowledged = { messageId, acknowledgedAt: String(event.payload.acknowledgedAt) };
    return { kind: 'signal', workflowId: noticeWorkflowId(event.aggregateId), signal: 'noticeAcknowledged', args: [signal] };
  },
};
