// The dashboards' metrics (docs/api/dashboards-and-monthly-reports.md §1.2): the keys of
// dash_fact.metrics and dash_rollup.metric, by the kind of item that counts them.

export const FACT_KINDS = ['inspection', 'finding', 'decision', 'dispute', 'self_inspection', 'plan', 'ic_audit', 'monthly_report'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const METRICS_BY_KIND: Record<FactKind, readonly string[]> = {
  // inspections_on_site: sent and on site (a province spot-check, or an agency's on-site inspection, not
  // a data review); inspections_spot_check: sent and of the province's sample (origin spot_check)
  inspection: ['inspections', 'inspections_on_site', 'inspections_spot_check', 'inspections_open', 'inspections_overdue'],
  finding: ['findings', 'finding_amount', 'findings_confirmed', 'recovered_amount', 'findings_deemed', 'findings_appealed', 'findings_withdrawn', 'findings_awaiting'],
  decision: ['decisions', 'decisions_major', 'measure_talk', 'measure_refuse_payment', 'measure_suspend_settlement', 'measure_terminate_agreement',
    'measure_clinician_admonition', 'measure_clinician_talk', 'measure_clinician_suspend_realtime', 'measure_clinician_refuse_payment',
    'refused_amount', 'settlement_suspended', 'rectification_overdue', 'actual_recovered_amount'],
  dispute: ['disputes', 'disputes_open', 'disputes_open_county', 'disputes_open_city', 'disputes_open_province', 'disputes_upheld', 'disputes_revised',
    'disputes_withdrawn', 'disputes_overdue'],
  self_inspection: ['si_tasks', 'si_submitted', 'si_late', 'si_missing', 'refunded_amount'],
  plan: ['plans', 'plans_filed', 'plans_submitted', 'plans_returned', 'plans_draft', 'plans_not_started', 'plans_overdue'],
  ic_audit: ['ic_audits', 'ic_audits_closed', 'ic_audits_open', 'ic_self_assessment_overdue', 'ic_rectification_overdue'],
  monthly_report: ['mr_reports', 'mr_submitted', 'mr_late', 'mr_overdue'],
};

/** Kinds whose items count in January of their year, whatever month or quarter is selected. */
export const YEAR_KINDS: readonly FactKind[] = ['plan', 'ic_audit'];

export const METRIC_KEYS: readonly string[] = FACT_KINDS.flatMap((k) => METRICS_BY_KIND[k]);
export const YEAR_METRICS: readonly string[] = YEAR_KINDS.flatMap((k) => METRICS_BY_KIND[k]);
export const FLOW_METRICS: readonly string[] = METRIC_KEYS.filter((m) => !YEAR_METRICS.includes(m));

/** The parts of the "overdue items by unit" number (computed by the queries, never stored). */
export const OVERDUE_PARTS: readonly string[] = [
  'plans_overdue', 'inspections_overdue', 'rectification_overdue', 'disputes_overdue', 'si_missing',
  'ic_self_assessment_overdue', 'ic_rectification_overdue', 'mr_overdue',
];

/** Every metric a client may ask about: the stored keys and 'overdue'. */
export const QUERYABLE_METRICS: readonly string[] = [...METRIC_KEYS, 'overdue'];

export const KIND_OF_METRIC: Record<string, FactKind> = Object.fromEntries(
  FACT_KINDS.flatMap((k) => METRICS_BY_KIND[k].map((m) => [m, k] as const)),
);

export type Metrics = Record<string, number> & { overdue: number };

/** Every key present (0 when none), amounts rounded to the cent, and the overdue total. */
export function completeMetrics(partial: Record<string, number | string | null | undefined>): Metrics {
  const out: Record<string, number> = {};
  for (const k of METRIC_KEYS) out[k] = Math.round(Number(partial[k] ?? 0) * 100) / 100;
  out.overdue = OVERDUE_PARTS.reduce((s, k) => s + (out[k] ?? 0), 0);
  return out as Metrics;
}

/** Chinese labels for the exports. */
export const METRIC_ZH: Record<string, string> = {
  inspections: '检查（已送达，含数据核查）', inspections_on_site: '现场检查（已送达，不含数据核查）', inspections_spot_check: '省级抽查的检查（已送达）', inspections_open: '检查未送达', inspections_overdue: '检查逾期未送达',
  findings: '发现问题', finding_amount: '问题金额（元）', findings_confirmed: '已认定问题', recovered_amount: '认定追回金额（元）',
  findings_deemed: '视为确认', findings_appealed: '申诉', findings_withdrawn: '申诉成立撤销', findings_awaiting: '待确认问题',
  decisions: '处理决定', decisions_major: '重大处理决定', measure_talk: '约谈', measure_refuse_payment: '拒付', measure_suspend_settlement: '暂停结算',
  measure_terminate_agreement: '终止协议', measure_clinician_admonition: '医师诫勉谈话', measure_clinician_talk: '医师约谈',
  measure_clinician_suspend_realtime: '暂停医师实时结算', measure_clinician_refuse_payment: '医师拒付', refused_amount: '拒付金额（元）',
  settlement_suspended: '暂停结算中', rectification_overdue: '整改逾期', actual_recovered_amount: '实际追回金额（元）',
  disputes: '争议', disputes_open: '争议处理中', disputes_open_county: '县级处理中', disputes_open_city: '市级处理中', disputes_open_province: '省级处理中',
  disputes_upheld: '维持原决定', disputes_revised: '变更原决定', disputes_withdrawn: '撤回争议', disputes_overdue: '争议逾期',
  si_tasks: '自查任务', si_submitted: '已提交自查', si_late: '逾期提交自查', si_missing: '未提交自查', refunded_amount: '主动退回金额（元）',
  plans: '年度方案', plans_filed: '已备案方案', plans_submitted: '待备案方案', plans_returned: '退回方案', plans_draft: '草稿方案',
  plans_not_started: '未开始方案', plans_overdue: '方案逾期',
  ic_audits: '内控检查', ic_audits_closed: '内控检查已结束', ic_audits_open: '内控检查进行中', ic_self_assessment_overdue: '自评逾期',
  ic_rectification_overdue: '内控整改逾期',
  mr_reports: '月报表', mr_submitted: '月报已上报', mr_late: '月报迟报', mr_overdue: '月报逾期未报',
  overdue: '逾期事项合计',
};
