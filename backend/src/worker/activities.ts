import type { NoticeActivities } from '@fundsup/workflows/contracts';
import { Commands } from '../platform/cqrs/commands.js';
import { actorFromData } from '../shared/actor.js';
import {
  MarkNoticeOverdueCommand,
  RemindNoticeRecipientCommand,
} from '../contexts/notices/application/commands.js';

/**
 * Activities are thin: each runs one backend command as the actor carried in the workflow input,
 * so tenancy, the outbox and the audit trail apply exactly as for a user's request.
 */
export function createActivities(commands: Commands): NoticeActivities {
  return {
    async remindNoticeRecipient({ actor, noticeId }) {
      await commands.execute(new RemindNoticeRecipientCommand(actorFromData(actor), noticeId));
    },
    async markNoticeOverdue({ actor, noticeId }) {
      await commands.execute(new MarkNoticeOverdueCommand(actorFromData(actor), noticeId));
    },
  };
}
