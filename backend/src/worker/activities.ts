import type { AnnualPlanActivities, NoticeActivities } from '@fundsup/workflows/contracts';
import { Commands } from '../platform/cqrs/commands.js';
import { actorFromData } from '../shared/actor.js';
import {
  MarkNoticeOverdueCommand,
  RemindNoticeRecipientCommand,
} from '../contexts/notices/application/commands.js';
import {
  ClosePlanYearCommand,
  MarkPlanOverdueCommand,
  RemindPlanDueCommand,
} from '../contexts/annual-plans/application/commands.js';

/**
 * Activities are thin: each runs one backend command as the actor carried in the workflow input,
 * so tenancy, the outbox and the audit trail apply exactly as for a user's request.
 */
export function createActivities(commands: Commands): NoticeActivities & AnnualPlanActivities {
  return {
    async remindNoticeRecipient({ actor, noticeId }) {
      await commands.execute(new RemindNoticeRecipientCommand(actorFromData(actor), noticeId));
    },
    async markNoticeOverdue({ actor, noticeId }) {
      await commands.execute(new MarkNoticeOverdueCommand(actorFromData(actor), noticeId));
    },
    async remindPlanDue({ actor, planId, reminder }) {
      await commands.execute(new RemindPlanDueCommand(actorFromData(actor), planId, reminder));
    },
    async markPlanOverdue({ actor, planId }) {
      await commands.execute(new MarkPlanOverdueCommand(actorFromData(actor), planId));
    },
    async closePlanYear({ actor, planId }) {
      await commands.execute(new ClosePlanYearCommand(actorFromData(actor), planId));
    },
  };
}
