import type { Params } from '@angular/router';
import { itemsParams, itemsRoute } from './dashboard-metrics';
import type { ChildRow, Dashboard } from './dashboards-api';

/** Where each number of a dashboard leads: the items list, filtered to what the number counts. */
export interface DashboardLinks {
  /** The items list's route. */
  readonly route: string[];
  /** The region's own number. */
  total(metric: string): Params;
  /** The on-site inspections behind 全覆盖: from January to the period's end. */
  fullCoverage(): Params;
  /** A child's number: its own region, or the region shown filtered to the institution. */
  child(child: ChildRow, metric: string): Params;
}

/** The links of the dashboard shown (`data`), or of the period asked for while none is. */
export function dashboardLinks(section: string, data: Dashboard | null, periodKey: string): DashboardLinks {
  const region = data?.region.code ?? null;
  const period = data?.period.key ?? periodKey;
  const institutionsBelow = data?.childLevel === 'institution';
  return {
    route: itemsRoute(section),
    total: (metric) => itemsParams({ region, period, metric }),
    fullCoverage: () => itemsParams({ region, period, metric: 'inspections_on_site', ytd: true }),
    child: (child, metric) =>
      institutionsBelow ? itemsParams({ region, period, metric, institution: child.code }) : itemsParams({ region: child.code, period, metric }),
  };
}
