import type {
  EnforcementCaseActivities, MajorCaseReportActivities,
  AnnualPlanActivities, CampaignActivities, DecisionActivities, DisputeActivities, FindingFeedbackActivities, IcAuditActivities, MonthlyReportActivities, NoticeActivities, SpotCheckActivities,
  AgencyInspectionActivities, CoverageDigestActivities, DocumentRequestActivities,
} from '@fundsup/workflows/contracts';
import { Commands } from '../platform/cqrs/commands.js';
import { actorFromData } from '../kernel/actor.js';
import {
  MarkNoticeOverdueCommand,
  RemindNoticeRecipientCommand,
} from '../contexts/notices/application/commands.js';
import {
  ClosePlanYearCommand,
  MarkPlanOverdueCommand,
  RemindPlanDueCommand,
} from '../contexts/annual-plans/application/commands.js';
import {
  MarkRectificationOverdueCommand,
  MarkSelfAssessmentOverdueCommand,
  SendAuditNoticeCommand,
  StartFieldworkCommand,
} from '../contexts/internal-control/application/commands.js';
import { createCampaignActivities } from '../contexts/campaigns/infrastructure/campaign.activities.js';
import { createAgencyInspectionActivities, createDocumentRequestActivities, createSpotCheckActivities } from '../contexts/spot-checks/infrastructure/spot-check.activities.js';
import { createCoverageDigestActivities } from '../contexts/spot-checks/infrastructure/coverage-digest.js';
import { createFindingActivities } from '../contexts/findings/infrastructure/findings.activities.js';
import { createDisputeActivities } from '../contexts/disputes/infrastructure/dispute.activities.js';
import { createLeadActivities } from '../contexts/leads/leads.module-parts.js';
import { createEnforcementActivities } from '../contexts/enforcement/enforcement.module-parts.js';
import { createTransferActivities } from '../contexts/transfers/transfers.module-parts.js';
import { createMonthlyReportActivities } from '../contexts/monthly-reports/infrastructure/monthly-report.activities.js';

/**
 * Activities are thin: each runs one backend command as the actor carried in the workflow input,
 * so tenancy, the outbox and the audit trail apply exactly as for a user's request.
 */
export function createActivities(commands: Commands): NoticeActivities & AnnualPlanActivities & IcAuditActivities & CampaignActivities & SpotCheckActivities
  & FindingFeedbackActivities & DecisionActivities & DisputeActivities & MonthlyReportActivities & AgencyInspectionActivities & CoverageDigestActivities
  & DocumentRequestActivities & EnforcementCaseActivities & MajorCaseReportActivities {
  return {
    ...createCampaignActivities(commands),
    ...createSpotCheckActivities(commands),
    ...createAgencyInspectionActivities(commands),
    ...createDocumentRequestActivities(commands),
    ...createCoverageDigestActivities(commands),
    ...createFindingActivities(commands),
    ...createDisputeActivities(commands),
    ...createLeadActivities(commands),
    ...createEnforcementActivities(commands),
    ...createTransferActivities(commands),
    ...createMonthlyReportActivities(commands),
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
    async sendAuditNotice({ actor, auditId }) {
      await commands.execute(new SendAuditNoticeCommand(actorFromData(actor), auditId));
    },
    async markSelfAssessmentOverdue({ actor, auditId }) {
      await commands.execute(new MarkSelfAssessmentOverdueCommand(actorFromData(actor), auditId));
    },
    async startFieldwork({ actor, auditId }) {
      await commands.execute(new StartFieldworkCommand(actorFromData(actor), auditId));
    },
    async markRectificationOverdue({ actor, auditId, findingId }) {
      await commands.execute(new MarkRectificationOverdueCommand(actorFromData(actor), auditId, findingId));
    },
  };
}
