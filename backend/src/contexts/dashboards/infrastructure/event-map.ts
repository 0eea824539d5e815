import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, pgArray } from '../../../platform/database/sql.js';
import type { FactKind } from '../domain/metrics.js';

// Which items an event touches (docs/api/dashboards-and-monthly-reports.md §1.4). An event names
// items directly (its aggregate, ids in its payload) or through a relation resolved set-based over
// the whole batch (the inspections of a spot-check, the tasks of a campaign...).

export interface OutboxEvent {
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  /**
   * The stored payload (jsonb). Each event type publishes its own shape (docs/events.md); the map
   * reads the few fields it needs with a type check, so a payload without them falls back.
   */
  payload: Readonly<Record<string, unknown>>;
}

export type Ref =
  | { kind: FactKind; id: string }
  | { via: 'inspections_of_spot_check'; id: string }
  | { via: 'findings_of_inspection'; id: string }
  | { via: 'findings_of_decision'; id: string }
  | { via: 'decision_of_dispute'; id: string }
  | { via: 'tasks_of_campaign'; id: string }
  | { via: 'tasks_of_campaign_city'; id: string; cityCode: string }
  | { via: 'audits_of_ic_plan'; id: string };

const self = (kind: FactKind) => (e: OutboxEvent): Ref[] => [{ kind, id: e.aggregateId }];
const none = (): Ref[] => [];

const decision = (e: OutboxEvent): Ref[] => [
  { kind: 'decision', id: e.aggregateId },
  // the findings become decided, or free again when the legal review refuses the decision
  { via: 'findings_of_decision', id: e.aggregateId },
];
const dispute = (e: OutboxEvent): Ref[] => [
  { kind: 'dispute', id: e.aggregateId },
  typeof e.payload?.decisionId === 'string' ? { kind: 'decision', id: e.payload.decisionId } : { via: 'decision_of_dispute', id: e.aggregateId },
];
const tasksOfCampaign = (e: OutboxEvent): Ref[] => [{ via: 'tasks_of_campaign', id: e.aggregateId }];
const tasksOfCity = (e: OutboxEvent): Ref[] =>
  typeof e.payload?.cityCode === 'string'
    ? [{ via: 'tasks_of_campaign_city', id: typeof e.payload.campaignId === 'string' ? e.payload.campaignId : e.aggregateId, cityCode: e.payload.cityCode }]
    : tasksOfCampaign(e);
const ids = (kind: FactKind, list: unknown): Ref[] => (Array.isArray(list) ? list.filter((i): i is string => typeof i === 'string').map((id) => ({ kind, id })) : []);

/** event type → the items it touches. Types not listed are unknown (marked projected, counted). */
export const EVENT_MAP: Record<string, (e: OutboxEvent) => Ref[]> = {
  // annual plans (one event per plan, the year's opening included)
  AnnualPlanOpened: self('plan'), AnnualPlanDrafted: self('plan'), AnnualPlanSubmitted: self('plan'), AnnualPlanForwarded: self('plan'), AnnualPlanFiled: self('plan'),
  AnnualPlanReturned: self('plan'), AnnualPlanMarkedOverdue: self('plan'), AnnualPlanClosed: self('plan'),
  AnnualPlanProgressReported: none,
  // internal control: audits count once their plan is published
  IcPlanCreated: none,
  IcPlanPublished: (e) => [{ via: 'audits_of_ic_plan', id: e.aggregateId }],
  IcAuditTransitioned: self('ic_audit'), IcFollowUpScheduled: self('ic_audit'), IcAuditNoticeSent: self('ic_audit'),
  IcSelfAssessmentOverdue: self('ic_audit'), IcFieldworkStarted: self('ic_audit'), IcRectificationOverdue: self('ic_audit'),
  // campaigns: the tasks carry the campaign's title and phase
  CampaignCreated: none, CampaignSummaryOverdue: none,
  // the plans and summaries filed with the national bureau (issue 18) are its inbox, not the dashboards
  CampaignFilingSent: none, CampaignFilingAcknowledged: none, CampaignFilingReturned: none,
  CampaignUpdated: tasksOfCampaign, CampaignAssigned: tasksOfCampaign, CampaignPhaseOpened: tasksOfCampaign, CampaignSummaryFiled: tasksOfCampaign,
  SelfInspectionTasksCreated: tasksOfCity, SelfInspectionsMarkedMissing: tasksOfCity,
  SelfInspectionDrafted: self('self_inspection'), SelfInspectionSubmitted: self('self_inspection'),
  // the agencies' review and their own reports are not on the dashboards; a correction may change the refund
  SelfInspectionReviewed: none, SelfInspectionCorrected: self('self_inspection'), AgencySelfInspectionSubmitted: none,
  // spot-checks and inspections
  SpotCheckCreated: none, SpotCheckCommitted: none, SpotCheckClosed: none,
  SpotCheckDrawn: (e) => [{ via: 'inspections_of_spot_check', id: e.aggregateId }],
  SpotCheckOverdue: (e) => [{ via: 'inspections_of_spot_check', id: e.aggregateId }],
  // an inspection's document requests (调取资料) count nothing
  DocumentRequested: none, DocumentRequestAnswered: none, DocumentRequestOverdue: none,
  InspectionScheduled: self('inspection'), InspectionRecorded: self('inspection'), InspectionSent: self('inspection'), InspectionOverdue: self('inspection'),
  // findings (the raised and deemed batches are events of the inspection)
  FindingsRaised: (e) => [{ kind: 'inspection', id: e.aggregateId }, { via: 'findings_of_inspection', id: e.aggregateId }],
  FindingsDeemedConfirmed: (e) => [{ via: 'findings_of_inspection', id: e.aggregateId }, ...ids('finding', e.payload?.findingIds)],
  FindingConfirmed: self('finding'), FindingAppealed: self('finding'), FindingAppealReviewed: self('finding'),
  DecisionCreated: decision, DecisionTransitioned: decision, DecisionRectificationOverdue: decision,
  // an amount actually recovered changes the decision's fact only
  DecisionRecoveryRecorded: self('decision'),
  // disputes (the decision's termination hold moves with them)
  DisputeFiled: dispute, DisputeDecided: dispute, DisputeEscalated: dispute, DisputeWithdrawn: dispute, DisputeLevelOverdue: dispute, DisputeClosed: dispute,
  // monthly reports (county reports count; the city's compiled one is their summary)
  MonthlyReportOpened: self('monthly_report'), MonthlyReportSaved: self('monthly_report'), MonthlyReportSubmitted: self('monthly_report'),
  MonthlyReportSigned: self('monthly_report'), MonthlyReportReturned: self('monthly_report'), MonthlyReportOverdue: self('monthly_report'),
  MonthlyReportCompiled: self('monthly_report'), MonthlyReportFiled: self('monthly_report'), MonthlyReportCompilationReturned: self('monthly_report'),
  // notices are not on the dashboards
  NoticeSent: none, NoticeAcknowledged: none, NoticeReminded: none, NoticeMarkedOverdue: none,
};

const VIA_SQL: Record<Exclude<Ref, { kind: FactKind }>['via'], { kind: FactKind; sql: string }> = {
  inspections_of_spot_check: { kind: 'inspection', sql: `select id::text as id from inspection where spot_check_id = any(?::uuid[])` },
  findings_of_inspection: { kind: 'finding', sql: `select id::text as id from finding where source_id = any(?::uuid[])` },
  findings_of_decision: { kind: 'finding', sql: `select unnest(finding_ids)::text as id from handling_decision where id = any(?::uuid[])` },
  decision_of_dispute: { kind: 'decision', sql: `select decision_id::text as id from dispute where id = any(?::uuid[])` },
  tasks_of_campaign: { kind: 'self_inspection', sql: `select id::text as id from self_inspection where campaign_id = any(?::uuid[])` },
  tasks_of_campaign_city: { kind: 'self_inspection', sql: '' },
  audits_of_ic_plan: { kind: 'ic_audit', sql: `select id::text as id from ic_audit where plan_id = any(?::uuid[])` },
};

/** The items of a batch of refs, by kind, resolved with one query per relation. */
export async function resolveRefs(em: Pick<EntityManager, 'execute'>, refs: Ref[]): Promise<Map<FactKind, Set<string>>> {
  const out = new Map<FactKind, Set<string>>();
  const add = (kind: FactKind, id: string) => {
    if (!isUuid(id)) return;
    if (!out.has(kind)) out.set(kind, new Set());
    out.get(kind)!.add(id.toLowerCase());
  };
  const byVia = new Map<string, Ref[]>();
  for (const r of refs) {
    if ('kind' in r) add(r.kind, r.id);
    else byVia.set(r.via, [...(byVia.get(r.via) ?? []), r]);
  }
  for (const [via, list] of byVia) {
    const spec = VIA_SQL[via as keyof typeof VIA_SQL];
    if (via === 'tasks_of_campaign_city') {
      const pairs = list.filter((r) => isUuid(r.id)) as { id: string; cityCode: string }[];
      if (!pairs.length) continue;
      const rows = await em.execute<{ id: string }[]>(
        `select s.id::text as id from self_inspection s join unnest(?::uuid[], ?::text[]) as t(campaign_id, city_code)
            on s.campaign_id = t.campaign_id and s.city_code = t.city_code`,
        [pgArray(pairs.map((p) => p.id)), pgArray(pairs.map((p) => p.cityCode))]);
      for (const r of rows) add(spec.kind, r.id);
      continue;
    }
    const keys = [...new Set(list.map((r) => r.id).filter(isUuid))];
    if (!keys.length) continue;
    for (const r of await em.execute<{ id: string }[]>(spec.sql, [pgArray(keys)])) add(spec.kind, r.id);
  }
  return out;
}
