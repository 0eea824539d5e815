import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

// Wire types of the leader dashboard endpoints (docs/api/dashboards-and-monthly-reports.md §2).
// Kept with the feature, as the contract is the source.

export type PeriodKind = 'year' | 'quarter' | 'month';
export type RegionLevel = 'nation' | 'province' | 'city' | 'county';
export type ChildLevel = 'province' | 'city' | 'county' | 'institution';

export interface WirePeriod {
  kind: PeriodKind;
  /** `2026`, `2026-Q3` or `2026-07`. */
  key: string;
  /** Inclusive YYYY-MM-DD. */
  from: string;
  to: string;
}

/** Every metric key of §1.2 plus the computed `overdue`; 0 when there is none. */
export type Metrics = Record<string, number> & { overdue: number };

export interface ChildCoverage {
  institutions: number;
  inspected: number;
  ratio: number;
}

export interface ChildRow {
  /** A region code, or the institution id when the children are institutions. */
  code: string;
  name: string;
  level: string;
  drillable: boolean;
  metrics: Metrics;
  coverage: ChildCoverage;
}

export interface MonthRow {
  /** YYYY-MM */
  month: string;
  findings: number;
  findingAmount: number;
  recoveredAmount: number;
  inspections: number;
  lastYearFindings: number;
  lastYearInspections: number;
}

export type CoverageKind = 'hospital' | 'pharmacy' | 'clinic';

export type CoverageRuleName =
  | 'full_coverage'
  | 'pharmacy_monthly'
  | 'clinic_monthly'
  | 'pharmacy_yearly'
  | 'clinic_yearly'
  | 'key_twice'
  | 'high_credit_full';

/** met: done ≥ required; not_met: missed for good; in_progress: its window is not over yet. */
export type RuleState = 'met' | 'not_met' | 'in_progress';

export interface CoverageRuleMonth {
  /** YYYY-MM */
  month: string;
  required: number;
  done: number;
  met: boolean;
  timing: 'ended' | 'current' | 'future';
}

/** One coverage rule of the region and period against its own basis (§2.1). */
export interface CoverageRule {
  rule: CoverageRuleName;
  /** The seed paragraph, e.g. `002 一(四)`. */
  source: string;
  /** The region's units the rule is measured against. */
  basis: number;
  required: number;
  done: number;
  met: boolean;
  state: RuleState;
  /** `months`: a monthly rule over a quarter or a year, as months met out of the months ended. */
  unit: 'institutions' | 'months';
  /** The dates counted (yearly rules: from January to the period's end). */
  judged: { from: string; to: string };
  months?: CoverageRuleMonth[];
}

/** The province's ≥10% spot-check sample of one city, on the year to the period's end. */
export interface ProvinceSampleRow {
  cityCode: string;
  cityName: string;
  source: string;
  basis: number;
  required: number;
  done: number;
  met: boolean;
  state: RuleState;
  judged: { from: string; to: string };
}

export interface Coverage {
  /** Each rule against its own basis. */
  rules: CoverageRule[];
  /** A province: its cities; a city: itself; otherwise empty. */
  provinceSample: ProvinceSampleRow[];
  /** The older single 10% line (kept by the backend for its workbook); the page judges by `rules`. */
  minimumRatio: number;
  institutions: number;
  inspected: number;
  ratio: number;
  byKind: { kind: CoverageKind; institutions: number; inspected: number; ratio: number }[];
  /** The monthly ≥10% rule for pharmacies and clinics. */
  monthly: { month: string; pharmacyClinicRatio: number }[];
  keySupervision: { institutions: number; inspectedTwice: number };
  /** The same period last year, against today's designated institutions. */
  lastYear: { inspected: number; ratio: number };
}

export interface DashboardCampaign {
  id: string;
  title: string;
  phase: string;
  tasks: number;
  submitted: number;
  late: number;
  missing: number;
}

export interface Dashboard {
  region: { code: string; name: string; level: RegionLevel; path: string };
  /** From the actor's own region down to `region`. */
  breadcrumbs: { code: string; name: string; level: string }[];
  period: WirePeriod;
  /** The same period last year. */
  compare: WirePeriod;
  childLevel: ChildLevel;
  totals: Metrics;
  totalsLastYear: Metrics;
  children: ChildRow[];
  byMonth: MonthRow[];
  coverage: Coverage;
  campaigns: DashboardCampaign[];
}

export type ItemKind = 'finding' | 'decision' | 'dispute' | 'inspection' | 'self_inspection' | 'plan' | 'ic_audit' | 'monthly_report';

export interface DashboardItem {
  kind: ItemKind | string;
  itemId: string;
  status: string;
  /** YYYY-MM-DD, the first day of the month the item counts in. */
  month: string;
  value: number;
  institutionId: string | null;
  institutionName: string | null;
  countyName: string | null;
  cityName: string | null;
  refLabel: string | null;
}

export interface DashboardItemsPage {
  total: number;
  page: number;
  size: number;
  items: DashboardItem[];
}

/** Which dashboard: both optional (the backend defaults to the actor's region and the current year). */
export interface DashboardQuery {
  region?: string | null;
  period?: string | null;
}

export interface DashboardItemsQuery extends DashboardQuery {
  metric: string;
  institution?: string | null;
  /** Only the items of institutions of one kind. */
  institutionKind?: CoverageKind | string | null;
  /** From January to the period's end (what the yearly coverage rules count). */
  ytd?: boolean | null;
  page?: number;
  size?: number;
}

/** Only the parameters that are set, so the URL carries no empty filters. */
export function paramsOf(query: object): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as Record<string, string | number>;
}

/** The leader dashboard (驾驶舱) endpoints. */
@Injectable({ providedIn: 'root' })
export class DashboardsApi {
  private readonly http = inject(HttpClient);

  dashboard(query: DashboardQuery): Observable<Dashboard> {
    return this.http.get<Dashboard>('/api/dashboards', { params: paramsOf({ region: query.region, period: query.period }) });
  }

  /** The list behind one number. */
  items(query: DashboardItemsQuery): Observable<DashboardItemsPage> {
    return this.http.get<DashboardItemsPage>('/api/dashboards/items', {
      params: paramsOf({
        region: query.region,
        period: query.period,
        metric: query.metric,
        institution: query.institution,
        institutionKind: query.institutionKind,
        ytd: query.ytd ? 'true' : null,
        page: query.page,
        size: query.size,
      }),
    });
  }

  /** The dashboard's tables as a workbook; an authenticated download cannot be a plain link. */
  exportXlsx(query: DashboardQuery): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/dashboards/export.xlsx', {
      params: paramsOf({ region: query.region, period: query.period }),
      responseType: 'blob',
      observe: 'response',
    });
  }
}
