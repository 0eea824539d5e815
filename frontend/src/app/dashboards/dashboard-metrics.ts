// The metric keys of the dashboard read model (docs/api/dashboards-and-monthly-reports.md §1.2),
// their labels, which are amounts, and the links to the list behind a number.

import type { Params } from '@angular/router';
import { CAMPAIGN_PHASE_LABELS, SELF_INSPECTION_STATUS_LABELS } from '../campaigns/campaign-labels';
import type { TranslationKey } from '../i18n/dictionaries';
import { AUDIT_STATUS_LABELS } from '../ic/ic-labels';
import {
  DECISION_STATUS_LABELS,
  DISPUTE_OUTCOME_LABELS,
  DISPUTE_STATUS_LABELS,
  FINDING_STATUS_LABELS,
  MEASURE_KIND_LABELS,
} from '../findings/findings-labels';
import { type MoneyForm, money } from '../core/money';
import type { Lang } from '../i18n/translation';
import { PLAN_STATUS_LABELS } from '../plans/plan-status';
import { INSPECTION_STATUS_LABELS } from '../spot-checks/spot-check-labels';
import type { ItemKind } from './dashboards-api';

export const INSPECTION_METRICS = ['inspections', 'inspections_on_site', 'inspections_spot_check', 'inspections_open', 'inspections_overdue'] as const;
export const FINDING_METRICS = [
  'findings',
  'finding_amount',
  'findings_confirmed',
  'recovered_amount',
  'findings_deemed',
  'findings_appealed',
  'findings_withdrawn',
  'findings_awaiting',
] as const;
export const MEASURE_METRICS = [
  'measure_talk',
  'measure_refuse_payment',
  'measure_suspend_settlement',
  'measure_terminate_agreement',
  'measure_clinician_admonition',
  'measure_clinician_talk',
  'measure_clinician_suspend_realtime',
  'measure_clinician_refuse_payment',
] as const;
export const DECISION_METRICS = [
  'decisions',
  'decisions_major',
  ...MEASURE_METRICS,
  'refused_amount',
  'settlement_suspended',
  'rectification_overdue',
  // what the agency actually recovered (扣减/退回) under the decisions, beside the findings' recovered_amount (the confirmed amount)
  'actual_recovered_amount',
] as const;
export const DISPUTE_METRICS = [
  'disputes',
  'disputes_open',
  'disputes_open_county',
  'disputes_open_city',
  'disputes_open_province',
  'disputes_upheld',
  'disputes_revised',
  'disputes_withdrawn',
  'disputes_overdue',
] as const;
export const SELF_INSPECTION_METRICS = ['si_tasks', 'si_submitted', 'si_late', 'si_missing', 'refunded_amount'] as const;
export const PLAN_METRICS = [
  'plans',
  'plans_filed',
  'plans_submitted',
  'plans_returned',
  'plans_draft',
  'plans_not_started',
  'plans_overdue',
] as const;
export const IC_METRICS = ['ic_audits', 'ic_audits_closed', 'ic_audits_open', 'ic_self_assessment_overdue', 'ic_rectification_overdue'] as const;
export const MONTHLY_REPORT_METRICS = ['mr_reports', 'mr_submitted', 'mr_late', 'mr_overdue'] as const;

/** The parts of the computed `overdue` number (§1.2). */
export const OVERDUE_PARTS = [
  'plans_overdue',
  'inspections_overdue',
  'rectification_overdue',
  'disputes_overdue',
  'si_missing',
  'ic_self_assessment_overdue',
  'ic_rectification_overdue',
  'mr_overdue',
] as const;

/** Every key of §1.2 and `overdue`, in the order the items page offers them. */
export const METRIC_KEYS = [
  ...FINDING_METRICS,
  ...DECISION_METRICS,
  ...DISPUTE_METRICS,
  ...INSPECTION_METRICS,
  ...SELF_INSPECTION_METRICS,
  ...PLAN_METRICS,
  ...IC_METRICS,
  ...MONTHLY_REPORT_METRICS,
  'overdue',
] as const;

export type MetricKey = (typeof METRIC_KEYS)[number];

export function isMetricKey(value: string | null | undefined): value is MetricKey {
  return (METRIC_KEYS as readonly string[]).includes(value ?? '');
}

/** Yuan amounts; every other metric is a count. */
export const AMOUNT_METRICS: ReadonlySet<string> = new Set(['finding_amount', 'recovered_amount', 'actual_recovered_amount', 'refused_amount', 'refunded_amount']);

/** Counted in January of their year and shown for the selected period's whole year. */
export const YEAR_METRICS: ReadonlySet<string> = new Set<string>([...PLAN_METRICS, ...IC_METRICS]);

/** A rise is bad news for these (shown red). */
export const RISE_IS_BAD: ReadonlySet<string> = new Set<string>(['overdue', 'disputes_open', ...OVERDUE_PARTS]);

/** `dashboard.metric.<key>`, except the measures and dispute outcomes, which reuse the findings pages' labels. */
export const METRIC_LABELS = {
  ...Object.fromEntries(METRIC_KEYS.map((key) => [key, `dashboard.metric.${key}`])),
  ...Object.fromEntries(Object.entries(MEASURE_KIND_LABELS).map(([kind, label]) => [`measure_${kind}`, label])),
  disputes_upheld: DISPUTE_OUTCOME_LABELS.upheld,
  disputes_revised: DISPUTE_OUTCOME_LABELS.revised,
} as Record<MetricKey, TranslationKey>;

/** The label of a metric, or the key itself for one the page does not know. */
export function metricLabel(key: string): TranslationKey {
  return isMetricKey(key) ? METRIC_LABELS[key] : (key as TranslationKey);
}

/**
 * A metric value as shown: amounts through the money formatter with their unit — scaled (16.36 万元)
 * on the board's cards and tables, exact (163,600.00 元) for one item of a list — counts whole.
 */
export function formatMetric(key: string, value: number | null | undefined, lang: Lang = 'zh-CN', form: MoneyForm = 'scaled'): string {
  const v = value ?? 0;
  return AMOUNT_METRICS.has(key) ? money(v, form, lang) : COUNT_FORMAT.format(v);
}

/** The exact amount of a metric for a tooltip (`title`), or null for a count. */
export function exactMetric(key: string, value: number | null | undefined, lang: Lang = 'zh-CN'): string | null {
  return AMOUNT_METRICS.has(key) ? money(value ?? 0, 'exact', lang) : null;
}

// Counts without grouping, so a number reads (and is found) as it is: 1234.
const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: false });

export const ITEM_KINDS: readonly ItemKind[] = ['finding', 'decision', 'dispute', 'inspection', 'self_inspection', 'plan', 'ic_audit', 'monthly_report'];

export const ITEM_KIND_LABELS = Object.fromEntries(ITEM_KINDS.map((kind) => [kind, `dashboard.kind.${kind}`])) as Record<ItemKind, TranslationKey>;

/** The status labels the other features already have, per kind of item. */
const STATUS_LABELS: Partial<Record<string, Partial<Record<string, TranslationKey>>>> = {
  finding: FINDING_STATUS_LABELS,
  decision: DECISION_STATUS_LABELS,
  dispute: DISPUTE_STATUS_LABELS,
  inspection: INSPECTION_STATUS_LABELS,
  self_inspection: SELF_INSPECTION_STATUS_LABELS,
  plan: PLAN_STATUS_LABELS,
  ic_audit: AUDIT_STATUS_LABELS,
};

/** The label of an item's status, or null when the page has none (the status is shown as it is). */
export function itemStatusLabel(kind: string, status: string): TranslationKey | null {
  return STATUS_LABELS[kind]?.[status] ?? null;
}

/** A campaign phase's label, or null for a phase the page does not know. */
export function phaseLabel(phase: string): TranslationKey | null {
  return (CAMPAIGN_PHASE_LABELS as Partial<Record<string, TranslationKey>>)[phase] ?? null;
}

/** Where the list behind a number lives, per menu section. */
export function itemsRoute(section: string): string[] {
  return ['/', section, 'dashboards', 'items'];
}

/** The query of the list behind a number (only the parameters that are set). */
export function itemsParams(query: {
  region: string | null;
  period: string | null;
  metric: string;
  institution?: string | null;
  institutionKind?: string | null;
  ytd?: boolean;
}): Params {
  const params: Params = {};
  if (query.region) params['region'] = query.region;
  if (query.period) params['period'] = query.period;
  params['metric'] = query.metric;
  if (query.institution) params['institution'] = query.institution;
  if (query.institutionKind) params['institutionKind'] = query.institutionKind;
  if (query.ytd) params['ytd'] = 'true';
  return params;
}
