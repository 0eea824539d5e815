import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { CurrentUser } from '../core/current-user';
import { type AgencyInspectionPage, agencyInspectionPagesFor } from './agency-inspection-access';

/** Keeps a typed-in URL from opening a page the user does not get (see agency-inspection-access.ts). */
function pageGuard(page: AgencyInspectionPage): CanActivateFn {
  return () => agencyInspectionPagesFor(inject(CurrentUser).me()).includes(page) || inject(Router).parseUrl('/forbidden');
}

/** The agency's own inspections under the local section (/local/inspections/…). */
export function agencyInspectionRoutes(): Routes {
  const data = { section: 'local', feature: 'inspections' };
  return [
    {
      path: '',
      pathMatch: 'full',
      redirectTo: () => agencyInspectionPagesFor(inject(CurrentUser).me())[0] ?? '/forbidden',
    },
    {
      path: 'worklist',
      title: 'worklist.title',
      data,
      canActivate: [pageGuard('worklist')],
      loadComponent: () => import('./worklist-page').then((m) => m.WorklistPage),
    },
    {
      // 新建检查: one hand-picked inspection; the same staff as the worklist.
      path: 'new',
      title: 'newInspection.title',
      data,
      canActivate: [pageGuard('worklist')],
      loadComponent: () => import('./new-inspection').then((m) => m.NewInspectionPage),
    },
    {
      path: 'list',
      title: 'agencyInspection.list.title',
      data,
      canActivate: [pageGuard('list')],
      loadComponent: () => import('./agency-inspection-list').then((m) => m.AgencyInspectionList),
    },
    {
      // The record page of spot-checks, with this feature's tabs and back link; editable by the
      // inspecting agency's staff (spot-check-access.ts canRunInspection).
      path: 'inspection/:id',
      title: 'inspection.detail.title',
      data,
      canActivate: [pageGuard('list')],
      loadComponent: () => import('../spot-checks/inspection-detail').then((m) => m.InspectionDetailPage),
    },
    {
      path: 'coverage',
      title: 'coverage.title',
      data,
      canActivate: [pageGuard('coverage')],
      loadComponent: () => import('../spot-checks/coverage-page').then((m) => m.CoveragePage),
    },
    {
      path: 'agreements',
      title: 'agreement.title',
      data,
      canActivate: [pageGuard('agreements')],
      loadComponent: () => import('./agreement-list').then((m) => m.AgreementList),
    },
  ];
}
