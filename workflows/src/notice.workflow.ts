import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  noticeAcknowledgedSignal,
  noticeStateQuery,
  type NoticeActivities,
  type NoticeWorkflowInput,
  type NoticeWorkflowState,
} from './contracts/notice.js';
import { waitUntil } from './time.js';

const activities = proxyActivities<NoticeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export async function noticeAcknowledgementWorkflow(input: NoticeWorkflowInput): Promise<NoticeWorkflowState> {
  const state: NoticeWorkflowState = { acknowledged: false, reminded: false, overdue: false, signalsApplied: 0 };
  const seen = new Set<string>();

  setHandler(noticeAcknowledgedSignal, ({ messageId }) => {
    if (seen.has(messageId)) return;
    seen.add(messageId);
    state.signalsApplied += 1;
    state.acknowledged = true;
  });
  setHandler(noticeStateQuery, () => ({ ...state }));

  const acked = () => state.acknowledged;
  if (!(await waitUntil(acked, Date.parse(input.remindAt)))) {
    await activities.remindNoticeRecipient({ actor: input.actor, noticeId: input.noticeId });
    state.reminded = true;
  }
  if (!(await waitUntil(acked, Date.parse(input.dueAt)))) {
    await activities.markNoticeOverdue({ actor: input.actor, noticeId: input.noticeId });
    state.overdue = true;
    // An overdue notice can still be acknowledged late; the workflow ends when it is.
    await condition(acked);
  }
  return state;
}
