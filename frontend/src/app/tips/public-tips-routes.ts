import type { Routes } from '@angular/router';

/** The public tip pages (no sign-in: core/boot.ts skips the login under /public/). */
export const publicTipRoutes: Routes = [
  { path: '', pathMatch: 'full', title: 'tips.public.title', loadComponent: () => import('./public-tip-form').then((m) => m.PublicTipForm) },
  { path: 'receipt', title: 'tips.receipt.title', loadComponent: () => import('./public-receipt').then((m) => m.PublicReceipt) },
];
