import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type * as Api from '../core/api-types.generated';
import type { ApiResponses } from '../core/api-types.generated';

// Wire types of the leader dashboard endpoints (docs/api/dashboards-and-monthly-reports.md §2).
// Kept with the feature, as the contract is the source.

// The answers' types are the generated ones (core/api-types.generated.ts, ADR 0014).
export type WirePeriod = Api.Period;
export type PeriodKind = WirePeriod['kind'];
export type RegionLevel = Api.RegionLevel;
export type Dashboard = Api.Dashboard;
export type ChildLevel = Dashboard['childLevel'];
/** Every metric key of §1.2 plus the computed `overdue`; 0 when there is none. */
export type Metrics = Api.Metrics;
export type ChildRow = Api.ChildRow;
export type ChildCoverage = ChildRow['coverage'];
export type MonthRow = Api.MonthRow;
export type Coverage = Api.DashboardCoverage;
export type CoverageKind = Coverage['byKind'][number]['kind'];
export type CoverageRuleName = Api.DashboardRuleName;
/** met: done ≥ required; not_met: missed for good; in_progress: its window is not over yet. */
export type RuleState = Api.RuleState;
export type CoverageRuleMonth = Api.RuleMonth;
/** One coverage rule of the region and period against its own basis (§2.1). */
export type CoverageRule = Api.DashboardCoverageRule;
/** The province's ≥10% spot-check sample of one city, on the year to the period's end. */
export type ProvinceSampleRow = Api.ProvinceSampleRow;
export type DashboardCampaign = Api.CampaignRow;
export type ItemKind = Api.FactKind;
export type DashboardItem = Api.DashboardItem;
export type DashboardItemsPage = ApiResponses['DashboardsHttpController_items'];

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
