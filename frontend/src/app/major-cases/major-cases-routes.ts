import type { Routes } from '@angular/router';

/** 重大案件报告 in the bureaus', the province's and the leaders' sections (/province/major-cases/…). */
export const majorCaseRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'list' },
  { path: 'list', title: 'majorCases.title', loadComponent: () => import('./major-case-list').then((m) => m.MajorCaseList) },
  { path: 'report/:id', title: 'majorCases.detail.title', loadComponent: () => import('./major-case-detail').then((m) => m.MajorCaseDetailPage) },
];
