import type { Routes } from '@angular/router';

/** 驾驶舱 (/leader/dashboards): the dashboard and the list behind any of its numbers. */
export function dashboardRoutes(section = 'leader'): Routes {
  const data = { section };
  return [
    {
      path: '',
      pathMatch: 'full',
      title: 'dashboard.title',
      data,
      loadComponent: () => import('./dashboard-page').then((m) => m.DashboardPage),
    },
    {
      path: 'items',
      title: 'dashboard.items.title',
      data,
      loadComponent: () => import('./dashboard-items').then((m) => m.DashboardItemsPage),
    },
  ];
}
