import type { Routes } from '@angular/router';

/** 线索台账 in every section of the bureaus and agencies (/province/leads/…, /local/leads/…, /leader/leads/…). */
export const leadRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'list' },
  { path: 'list', title: 'leads.list.title', loadComponent: () => import('./lead-list').then((m) => m.LeadList) },
  { path: 'new', title: 'leads.form.title', loadComponent: () => import('./lead-form').then((m) => m.LeadForm) },
  { path: 'lead/:id', title: 'leads.detail.title', loadComponent: () => import('./lead-detail').then((m) => m.LeadDetailPage) },
];
