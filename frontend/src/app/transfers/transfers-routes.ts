import type { Routes } from '@angular/router';

/** 移交移送 in the sections of the agencies, the bureaus, the province and the leaders (/local/transfers/…, …). */
export const transferRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'list' },
  { path: 'list', title: 'transfers.list.title', loadComponent: () => import('./transfer-list').then((m) => m.TransferList) },
  { path: 'new', title: 'transfers.form.title', loadComponent: () => import('./transfer-form').then((m) => m.TransferForm) },
  { path: 'transfer/:id', title: 'transfers.detail.title', loadComponent: () => import('./transfer-detail').then((m) => m.TransferDetailPage) },
  { path: 'outward', title: 'transfers.outward.title', loadComponent: () => import('./outward-list').then((m) => m.OutwardList) },
  { path: 'outward/new', title: 'transfers.outward.form.title', loadComponent: () => import('./outward-form').then((m) => m.OutwardForm) },
  { path: 'outward/:id', title: 'transfers.outward.detail.title', loadComponent: () => import('./outward-detail').then((m) => m.OutwardDetailPage) },
];
