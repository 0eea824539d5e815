import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { CurrentUser } from '../core/current-user';
import { type SpotCheckPage, type SpotCheckSection, canRunSpotChecks, spotCheckPagesFor } from './spot-check-access';

/** Keeps a typed-in URL from opening a page the user does not get (see spot-check-access.ts). */
function pageGuard(section: SpotCheckSection, page: SpotCheckPage | null): CanActivateFn {
  return () => {
    const pages = spotCheckPagesFor(inject(CurrentUser).me(), section);
    return (page === null ? pages.length > 0 : pages.includes(page)) || inject(Router).parseUrl('/forbidden');
  };
}

function runnerGuard(section: SpotCheckSection): CanActivateFn {
  return () => canRunSpotChecks(inject(CurrentUser).me(), section) || inject(Router).parseUrl('/forbidden');
}

/** The 抽查 pages under one menu section (/province/spot-checks/…, /local/spot-checks/…, read-only /leader/spot-checks/…). */
export function spotCheckRoutes(section: SpotCheckSection): Routes {
  const data = { section };
  return [
    {
      path: '',
      pathMatch: 'full',
      redirectTo: () => spotCheckPagesFor(inject(CurrentUser).me(), section)[0] ?? '/forbidden',
    },
    {
      path: 'list',
      title: 'spotCheck.list.title',
      data,
      canActivate: [pageGuard(section, 'list')],
      loadComponent: () => import('./spot-check-list').then((m) => m.SpotCheckList),
    },
    {
      path: 'new',
      title: 'spotCheck.form.title',
      data,
      canActivate: [runnerGuard(section)],
      loadComponent: () => import('./spot-check-form').then((m) => m.SpotCheckForm),
    },
    {
      // One spot-check; everybody with a page in the section may read it (the backend scopes it).
      path: 'check/:id',
      title: 'spotCheck.detail.title',
      data,
      canActivate: [pageGuard(section, null)],
      loadComponent: () => import('./spot-check-detail').then((m) => m.SpotCheckDetailPage),
    },
    {
      path: 'inspections',
      title: 'inspection.list.title',
      data,
      canActivate: [pageGuard(section, 'inspections')],
      loadComponent: () => import('./inspection-list').then((m) => m.InspectionList),
    },
    {
      path: 'inspection/:id',
      title: 'inspection.detail.title',
      data,
      canActivate: [pageGuard(section, 'inspections')],
      loadComponent: () => import('./inspection-detail').then((m) => m.InspectionDetailPage),
    },
    {
      path: 'coverage',
      title: 'coverage.title',
      data,
      canActivate: [pageGuard(section, 'coverage')],
      loadComponent: () => import('./coverage-page').then((m) => m.CoveragePage),
    },
    {
      path: 'verify',
      title: 'spotCheck.verify.title',
      data,
      canActivate: [pageGuard(section, 'verify')],
      loadComponent: () => import('./draw-verify').then((m) => m.DrawVerifyPage),
    },
  ];
}
