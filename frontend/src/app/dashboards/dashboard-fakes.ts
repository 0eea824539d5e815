import { METRIC_KEYS } from './dashboard-metrics';
import type { ChildRow, CoverageRule, Dashboard, DashboardItem, DashboardItemsPage, Metrics } from './dashboards-api';

/** Every metric of §1.2 at 0, then the given values. */
export function fakeMetrics(values: Record<string, number> = {}): Metrics {
  return { ...Object.fromEntries(METRIC_KEYS.map((key) => [key, 0])), ...values } as Metrics;
}

export function fakeChild(overrides: Partial<ChildRow> = {}): ChildRow {
  return {
    code: '3201',
    name: '南京市',
    level: 'city',
    drillable: true,
    metrics: fakeMetrics({ findings: 12, finding_amount: 34500.5, recovered_amount: 30000, decisions: 4, measure_talk: 3, overdue: 2, plans_overdue: 2 }),
    coverage: { institutions: 100, inspected: 12, ratio: 0.12 },
    ...overrides,
  };
}

/**
 * The coverage rules of Jiangsu for 2026 seen on 15 August: 180 institutions (100 pharmacies, 20
 * clinics, 6 key units, 4 high-credit hospitals), the months to July ended.
 */
export function fakeRules(): CoverageRule[] {
  const judgedYear = { from: '2026-01-01', to: '2026-12-31' };
  const months = (done: number[], required: number) =>
    done.map((n, i) => ({
      month: `2026-${String(i + 1).padStart(2, '0')}`,
      required,
      done: n,
      met: n >= required,
      timing: (i < 7 ? 'ended' : i === 7 ? 'current' : 'future') as 'ended' | 'current' | 'future',
    }));
  const pharmacyMonths = months([10, 12, 11, 10, 13, 4, 10, 3, 0, 0, 0, 0], 10);
  const clinicMonths = months([2, 2, 2, 2, 2, 2, 2, 1, 0, 0, 0, 0], 2);
  return [
    { rule: 'full_coverage', source: '003 一(一)', basis: 180, required: 180, done: 120, met: false, state: 'in_progress', unit: 'institutions', judged: judgedYear },
    { rule: 'pharmacy_monthly', source: '002 一(四)', basis: 100, required: 7, done: 6, met: false, state: 'not_met', unit: 'months', judged: judgedYear, months: pharmacyMonths },
    { rule: 'clinic_monthly', source: '002 一(四)', basis: 20, required: 7, done: 7, met: true, state: 'in_progress', unit: 'months', judged: judgedYear, months: clinicMonths },
    { rule: 'pharmacy_yearly', source: '002 一(四)', basis: 100, required: 100, done: 64, met: false, state: 'in_progress', unit: 'institutions', judged: judgedYear },
    { rule: 'clinic_yearly', source: '002 一(四)', basis: 20, required: 20, done: 15, met: false, state: 'in_progress', unit: 'institutions', judged: judgedYear },
    { rule: 'key_twice', source: '002 一(四)', basis: 6, required: 6, done: 6, met: true, state: 'met', unit: 'institutions', judged: judgedYear },
    { rule: 'high_credit_full', source: '002 一(四)', basis: 0, required: 0, done: 0, met: true, state: 'met', unit: 'institutions', judged: judgedYear },
  ];
}

/** Jiangsu for 2026 as a provincial leader sees it: two cities below. */
export function fakeDashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    region: { code: '32', name: '江苏省', level: 'province', path: '/32/' },
    breadcrumbs: [{ code: '32', name: '江苏省', level: 'province' }],
    period: { kind: 'year', key: '2026', from: '2026-01-01', to: '2026-12-31' },
    compare: { kind: 'year', key: '2025', from: '2025-01-01', to: '2025-12-31' },
    childLevel: 'city',
    totals: fakeMetrics({
      findings: 20,
      finding_amount: 1234567.8,
      recovered_amount: 1000000,
      refused_amount: 5000,
      refunded_amount: 0,
      decisions: 6,
      disputes_open: 3,
      disputes_open_city: 2,
      disputes_open_county: 1,
      overdue: 5,
      inspections: 40,
      plans: 10,
      plans_filed: 8,
      plans_overdue: 2,
    }),
    totalsLastYear: fakeMetrics({
      findings: 16,
      finding_amount: 1234567.8,
      recovered_amount: 1250000,
      refused_amount: 0,
      refunded_amount: 0,
      decisions: 6,
      disputes_open: 1,
      overdue: 2,
      inspections: 0,
    }),
    children: [
      fakeChild(),
      fakeChild({
        code: '3205',
        name: '苏州市',
        metrics: fakeMetrics({ findings: 8, finding_amount: 1200067.3, overdue: 3, inspections_overdue: 1, si_missing: 2 }),
        coverage: { institutions: 80, inspected: 4, ratio: 0.05 },
      }),
    ],
    byMonth: Array.from({ length: 12 }, (_, i) => ({
      month: `2026-${String(i + 1).padStart(2, '0')}`,
      findings: i < 6 ? 3 : 0,
      findingAmount: 0,
      recoveredAmount: 0,
      inspections: i < 6 ? 5 : 0,
      lastYearFindings: 1,
      lastYearInspections: 2,
    })),
    coverage: {
      rules: fakeRules(),
      provinceSample: [
        { cityCode: '3201', cityName: '南京市', source: '003 一(一)', basis: 100, required: 10, done: 12, met: true, state: 'met', judged: { from: '2026-01-01', to: '2026-12-31' } },
        { cityCode: '3205', cityName: '苏州市', source: '003 一(一)', basis: 80, required: 8, done: 3, met: false, state: 'in_progress', judged: { from: '2026-01-01', to: '2026-12-31' } },
      ],
      minimumRatio: 0.1,
      institutions: 180,
      inspected: 16,
      ratio: 16 / 180,
      byKind: [
        { kind: 'hospital', institutions: 60, inspected: 10, ratio: 10 / 60 },
        { kind: 'pharmacy', institutions: 100, inspected: 5, ratio: 0.05 },
        { kind: 'clinic', institutions: 20, inspected: 1, ratio: 0.05 },
      ],
      monthly: Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, pharmacyClinicRatio: i === 4 ? 0.12 : 0.04 })),
      keySupervision: { institutions: 6, inspectedTwice: 2 },
      lastYear: { inspected: 3, ratio: 0.05 },
    },
    campaigns: [{ id: 'c1', title: '2026年度定点医药机构专项治理', phase: 'self_inspection', tasks: 120, submitted: 40, late: 2, missing: 5 }],
    ...overrides,
  };
}

/** Nanjing's dashboard: drilled one level down from fakeDashboard(). */
export function fakeCityDashboard(): Dashboard {
  const base = fakeDashboard();
  return fakeDashboard({
    region: { code: '3201', name: '南京市', level: 'city', path: '/32/3201/' },
    breadcrumbs: [
      { code: '32', name: '江苏省', level: 'province' },
      { code: '3201', name: '南京市', level: 'city' },
    ],
    childLevel: 'county',
    children: [fakeChild({ code: '320102', name: '玄武区', level: 'county' })],
    coverage: { ...base.coverage, provinceSample: base.coverage.provinceSample.slice(0, 1) },
  });
}

/** Xuanwu's dashboard: its institutions below, not drillable. */
export function fakeCountyDashboard(): Dashboard {
  const base = fakeDashboard();
  return fakeDashboard({
    region: { code: '320102', name: '玄武区', level: 'county', path: '/32/3201/320102/' },
    breadcrumbs: [
      { code: '32', name: '江苏省', level: 'province' },
      { code: '3201', name: '南京市', level: 'city' },
      { code: '320102', name: '玄武区', level: 'county' },
    ],
    childLevel: 'institution',
    children: [fakeChild({ code: 'h-1', name: '南京市第一医院', level: 'institution', drillable: false, coverage: { institutions: 1, inspected: 1, ratio: 1 } })],
    coverage: { ...base.coverage, provinceSample: [] },
  });
}

export function fakeItem(overrides: Partial<DashboardItem> = {}): DashboardItem {
  return {
    kind: 'finding',
    itemId: 'f-1',
    status: 'confirmed',
    month: '2026-03-01',
    value: 1,
    institutionId: 'h-1',
    institutionName: '南京市第一医院',
    countyName: '玄武区',
    cityName: '南京市',
    refLabel: '2026年第一批抽查',
    findingType: '串换药品',
    amount: 35600,
    ...overrides,
  };
}

export function fakeItemsPage(items: DashboardItem[] = [fakeItem()], total = items.length, page = 1): DashboardItemsPage {
  return { total, page, size: 20, items };
}
