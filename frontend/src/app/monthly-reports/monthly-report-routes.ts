import { inject } from '@angular/core';
import type { CanMatchFn, Routes } from '@angular/router';
import { CurrentUser } from '../core/current-user';
import { type MonthlyReportSection, seesProvince } from './monthly-report-access';

/** Province-level users (a provincial leader, the national overseer) get the province overview. */
const provinceUser: CanMatchFn = () => seesProvince(inject(CurrentUser).me());

/**
 * The 月报表 pages under one menu section (/province/monthly-reports/…, /local/monthly-reports/…,
 * /leader/monthly-reports/…): the month's reports, one county report, one city's month.
 */
export function monthlyReportRoutes(section: MonthlyReportSection): Routes {
  const data = { section };
  const overview = () => import('./province-monthly-reports').then((m) => m.ProvinceMonthlyReports);
  const list = () => import('./monthly-report-list').then((m) => m.MonthlyReportList);
  return [
    ...(section === 'province'
      ? [{ path: '', pathMatch: 'full' as const, title: 'monthlyReport.list.title', data, loadComponent: overview }]
      : [
          { path: '', pathMatch: 'full' as const, title: 'monthlyReport.list.title', data, canMatch: [provinceUser], loadComponent: overview },
          { path: '', pathMatch: 'full' as const, title: 'monthlyReport.list.title', data, loadComponent: list },
        ]),
    {
      path: 'city/:cityCode',
      title: 'monthlyReport.city.title',
      data,
      loadComponent: () => import('./city-monthly-report').then((m) => m.CityMonthlyReport),
    },
    {
      path: 'report/:id',
      title: 'monthlyReport.page.title',
      data,
      loadComponent: () => import('./monthly-report-page').then((m) => m.MonthlyReportPage),
    },
  ];
}
