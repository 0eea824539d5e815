import type { Routes } from '@angular/router';

/** 举报受理 under the city/county and leader sections (/local/tips/…, /leader/tips/…). */
export const tipRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'list' },
  { path: 'list', title: 'tips.list.title', loadComponent: () => import('./tip-list').then((m) => m.TipList) },
  { path: 'tip/:id', title: 'tips.detail.title', loadComponent: () => import('./tip-detail').then((m) => m.TipDetail) },
];
