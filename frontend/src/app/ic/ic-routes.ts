import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { CurrentUser } from '../core/current-user';
import { type IcPage, type IcSection, icPagesFor } from './ic-access';

/** Keeps a typed-in URL from opening a page the user does not get (see ic-access.ts). */
function pageGuard(section: IcSection, page: IcPage | null): CanActivateFn {
  return () => {
    const pages = icPagesFor(inject(CurrentUser).me(), section);
    return (page === null ? pages.length > 0 : pages.includes(page)) || inject(Router).parseUrl('/forbidden');
  };
}

/** The 内控检查 pages under one menu section (/province/audits/…, /local/audits/…, /leader/audits/…). */
export function icRoutes(section: IcSection): Routes {
  const data = { section };
  return [
    {
      path: '',
      pathMatch: 'full',
      redirectTo: () => icPagesFor(inject(CurrentUser).me(), section)[0] ?? '/forbidden',
    },
    {
      path: 'programme',
      title: 'ic.programme.title',
      data,
      canActivate: [pageGuard(section, 'programme')],
      loadComponent: () => import('./ic-programme').then((m) => m.IcProgrammePage),
    },
    {
      path: 'plan',
      title: 'ic.plan.title',
      data,
      canActivate: [pageGuard(section, 'plan')],
      loadComponent: () => import('./ic-plan').then((m) => m.IcPlanPage),
    },
    {
      path: 'checklist',
      title: 'ic.checklist.title',
      data,
      canActivate: [pageGuard(section, 'checklist')],
      loadComponent: () => import('./ic-checklist').then((m) => m.IcChecklistPage),
    },
    {
      path: 'mine',
      title: 'ic.mine.title',
      data: { section, mine: true },
      canActivate: [pageGuard(section, 'mine')],
      loadComponent: () => import('./ic-audit-list').then((m) => m.IcAuditList),
    },
    {
      path: 'list',
      title: 'ic.list.title',
      data,
      canActivate: [pageGuard(section, 'list')],
      loadComponent: () => import('./ic-audit-list').then((m) => m.IcAuditList),
    },
    {
      // One audit; everybody with a page in the section may read it (the backend scopes it).
      path: 'audit/:id',
      title: 'ic.audit.title',
      data,
      canActivate: [pageGuard(section, null)],
      loadComponent: () => import('./ic-audit-detail').then((m) => m.IcAuditDetailPage),
    },
  ];
}
