import type { Routes } from '@angular/router';

/** 行政执法 in the bureaus' sections (/province/enforcement/…, /local/enforcement/…). */
export const enforcementRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'list' },
  { path: 'list', title: 'enforcement.list.title', loadComponent: () => import('./case-list').then((m) => m.CaseList) },
  { path: 'new', title: 'enforcement.form.title', loadComponent: () => import('./case-form').then((m) => m.CaseForm) },
  { path: 'case/:id', title: 'enforcement.detail.title', loadComponent: () => import('./case-detail').then((m) => m.CaseDetailPage) },
];

/** 执法公示 (no sign-in: core/boot.ts skips the login under /public/): /public/enforcement/<province code>. */
export const publicEnforcementRoutes: Routes = [
  { path: ':province', title: 'enforcement.public.title', loadComponent: () => import('./public-enforcement').then((m) => m.PublicEnforcement) },
];
