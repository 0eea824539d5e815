import type { Routes } from '@angular/router';

/** The national bureau's inbox (/leader/national, reached by /national). */
export const nationalRoutes: Routes = [
  { path: '', title: 'national.title', loadComponent: () => import('./national-inbox').then((m) => m.NationalInbox) },
];
