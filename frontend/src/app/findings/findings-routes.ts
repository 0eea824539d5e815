import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { CurrentUser } from '../core/current-user';
import { type FindingsPage, type FindingsSection, canSeeDisputes, findingPagesFor, isAgencyUser } from './findings-access';

/** Keeps a typed-in URL from opening a page the user does not get (see findings-access.ts). */
function pageGuard(section: FindingsSection, page: FindingsPage | null): CanActivateFn {
  return () => {
    const pages = findingPagesFor(inject(CurrentUser).me(), section);
    return (page === null ? pages.length > 0 : pages.includes(page)) || inject(Router).parseUrl('/forbidden');
  };
}

function agencyGuard(section: FindingsSection): CanActivateFn {
  return () => isAgencyUser(inject(CurrentUser).me(), section) || inject(Router).parseUrl('/forbidden');
}

function disputeGuard(section: FindingsSection): CanActivateFn {
  return () => canSeeDisputes(inject(CurrentUser).me(), section) || inject(Router).parseUrl('/forbidden');
}

/**
 * 问题线索与处理 under the province, city/county and leader sections (/province/findings/…,
 * /local/findings/…, /leader/findings/…). Leaders read the findings and decisions of their region
 * (the dashboard's lists link here); the decision form stays the handling agency's.
 */
export function findingsRoutes(section: 'province' | 'local' | 'leader'): Routes {
  const data = { section };
  return [
    {
      // Keeps the query (the backend's links: /findings?sourceId=…).
      path: '',
      pathMatch: 'full',
      redirectTo: ({ queryParams }) => {
        const page = findingPagesFor(inject(CurrentUser).me(), section)[0];
        return page ? inject(Router).createUrlTree(['/', section, 'findings', page], { queryParams }) : '/forbidden';
      },
    },
    {
      path: 'list',
      title: 'finding.list.title',
      data,
      canActivate: [pageGuard(section, 'list')],
      loadComponent: () => import('./finding-list').then((m) => m.FindingList),
    },
    {
      path: 'finding/:id',
      title: 'finding.detail.title',
      data,
      canActivate: [pageGuard(section, null)],
      loadComponent: () => import('./finding-detail').then((m) => m.FindingDetailPage),
    },
    {
      // The handling agency's decision on findings of one institution (?findingIds=a,b).
      path: 'decide',
      title: 'decision.form.title',
      data,
      canActivate: [agencyGuard(section)],
      loadComponent: () => import('./decision-form').then((m) => m.DecisionForm),
    },
    {
      path: 'decisions',
      title: 'decision.list.title',
      data,
      canActivate: [pageGuard(section, 'decisions')],
      loadComponent: () => import('./decision-list').then((m) => m.DecisionList),
    },
    {
      path: 'decision/:id',
      title: 'decision.detail.title',
      data,
      canActivate: [pageGuard(section, null)],
      loadComponent: () => import('./decision-detail').then((m) => m.DecisionDetailPage),
    },
  ];
}

/** 问题线索确认 (/institution/findings/…): the institution's own findings. */
export function institutionFindingsRoutes(): Routes {
  const data = { section: 'institution' };
  return [
    {
      path: '',
      pathMatch: 'full',
      title: 'finding.list.institutionTitle',
      data,
      loadComponent: () => import('./finding-list').then((m) => m.FindingList),
    },
    {
      path: 'finding/:id',
      title: 'finding.detail.title',
      data,
      loadComponent: () => import('./finding-detail').then((m) => m.FindingDetailPage),
    },
    // The institution reads its decisions under 整改 (a /decisions/<id> link lands here first).
    { path: 'decision/:id', redirectTo: '/institution/rectification/decision/:id' },
  ];
}

/** 整改 (/institution/rectification/…): the institution's handling decisions and their rectification. */
export function rectificationRoutes(): Routes {
  const data = { section: 'institution' };
  return [
    {
      path: '',
      pathMatch: 'full',
      title: 'rectification.list.title',
      data,
      loadComponent: () => import('./decision-list').then((m) => m.DecisionList),
    },
    {
      path: 'decision/:id',
      title: 'decision.detail.title',
      data,
      loadComponent: () => import('./decision-detail').then((m) => m.DecisionDetailPage),
    },
  ];
}

/** 争议处理 / 争议申请 (/province/disputes, /local/disputes, /institution/disputes; read-only /leader/disputes). */
export function disputeRoutes(section: FindingsSection): Routes {
  const data = { section };
  return [
    {
      path: '',
      pathMatch: 'full',
      title: section === 'institution' ? 'dispute.list.institutionTitle' : 'dispute.list.title',
      data,
      canActivate: [disputeGuard(section)],
      loadComponent: () => import('./dispute-list').then((m) => m.DisputeList),
    },
    {
      // Notification links from the backend open /<section>/disputes/<id>.
      path: ':id',
      title: 'dispute.detail.title',
      data,
      canActivate: [disputeGuard(section)],
      loadComponent: () => import('./dispute-detail').then((m) => m.DisputeDetailPage),
    },
  ];
}
