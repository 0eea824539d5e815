import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { CurrentUser } from '../core/current-user';
import { type PlanPage, type PlanSection, planPagesFor } from './plan-access';

/** Keeps a typed-in URL from opening a page the user's roles do not offer (see plan-access.ts). */
function pageGuard(section: PlanSection, page: PlanPage): CanActivateFn {
  return () =>
    planPagesFor(inject(CurrentUser).roles(), section, inject(CurrentUser).me()?.organization.kind).includes(page) || inject(Router).parseUrl('/forbidden');
}

/** The 年度监管方案 pages under one menu section (/local/annual-plans/…, /province/…, /leader/…). */
export function planRoutes(section: PlanSection): Routes {
  const data = { section };
  return [
    {
      path: '',
      pathMatch: 'full',
      redirectTo: () => planPagesFor(inject(CurrentUser).roles(), section, inject(CurrentUser).me()?.organization.kind)[0] ?? '/forbidden',
    },
    {
      path: 'mine',
      title: 'plans.mine.title',
      data,
      canActivate: [pageGuard(section, 'mine')],
      canDeactivate: [(page: { canLeave(): boolean }) => page.canLeave()],
      loadComponent: () => import('./my-plan').then((m) => m.MyPlan),
    },
    {
      path: 'review',
      title: 'plans.review.title',
      data,
      canActivate: [pageGuard(section, 'review')],
      loadComponent: () => import('./review-queue').then((m) => m.ReviewQueue),
    },
    {
      path: 'list',
      title: 'plans.list.title',
      data: { ...data, ledger: true },
      canActivate: [pageGuard(section, 'list')],
      loadComponent: () => import('./review-queue').then((m) => m.ReviewQueue),
    },
    {
      path: 'board',
      title: 'plans.board.title',
      data,
      canActivate: [pageGuard(section, 'board')],
      loadComponent: () => import('./filing-board').then((m) => m.FilingBoard),
    },
    {
      // A plan opened from the review queue or the board; everybody in scope may read it.
      path: 'plan/:id',
      title: 'plans.detail.title',
      data,
      loadComponent: () => import('./plan-review').then((m) => m.PlanReview),
    },
  ];
}
