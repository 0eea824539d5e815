import { inject } from '@angular/core';
import { type CanActivateFn, type Route, Router, type Routes } from '@angular/router';
import { CurrentUser } from './core/current-user';
import {
  NAV_SECTIONS,
  type NavItem,
  type NavSection,
  canSeeItem,
  canSeeSection,
  canMaintainCalendar,
  canSendNotices,
  sectionsFor as visibleSections,
} from './shell/navigation';
import { Shell } from './shell/shell';

/** Keeps a typed-in URL from opening another level's section; the backend enforces the rest. */
function sectionGuard(section: NavSection): CanActivateFn {
  return () =>
    canSeeSection(inject(CurrentUser).roles(), section.id) || inject(Router).parseUrl('/forbidden');
}

/** An entry only some of the section's roles get (e.g. the leaders' plan board). */
function itemGuard(item: NavItem): CanActivateFn {
  return () => {
    const user = inject(CurrentUser);
    return canSeeItem(user.roles(), item, user.me()?.organization.kind ?? null) || inject(Router).parseUrl('/forbidden');
  };
}

/** Same idea for the send-notice form: only the roles that may send a notice reach it. */
const noticeSenderGuard: CanActivateFn = () =>
  canSendNotices(inject(CurrentUser).roles()) || inject(Router).parseUrl('/forbidden');

/** The working-day calendar page: the national and provincial bureaus' administrators. */
const calendarAdminGuard: CanActivateFn = () => {
  const user = inject(CurrentUser);
  return canMaintainCalendar(user.roles(), user.me()?.organization.kind ?? null) || inject(Router).parseUrl('/forbidden');
};

/** A built feature loads its routes; every other menu entry opens the "coming soon" page. */
const sectionRoutes: Routes = NAV_SECTIONS.map((section) => ({
  path: section.id,
  canActivate: [sectionGuard(section)],
  children: [
    { path: '', pathMatch: 'full', redirectTo: section.items[0]!.id },
    ...section.items.map((item) =>
      item.loadChildren
        ? {
            path: item.id,
            title: item.labelKey,
            canActivate: item.roles || item.agencyOnlyRoles || item.bureauOnlyRoles ? [itemGuard(item)] : [],
            loadChildren: item.loadChildren,
          }
        : {
            path: item.id,
            title: item.labelKey,
            data: { feature: item.labelKey, section: section.id },
            loadComponent: () => import('./placeholders/coming-soon').then((m) => m.ComingSoon),
          },
    ),
  ],
}));

/**
 * `/<link>/:id` → `/<section>/<item>/<page>/:id` (or `/<section>/<item>/:id` without a page) in the
 * first of the user's sections that has the item.
 */
function resourceLink(path: string, item: string, page: string | null, institutionFallback?: string): Route {
  return {
    path: `${path}/:id`,
    redirectTo: ({ params }) => {
      const user = inject(CurrentUser);
      const section = visibleSections(user.roles(), user.me()?.organization.kind ?? null).find((s) => s.items.some((i) => i.id === item));
      if (section) return `/${section.id}/${item}/${page === null ? '' : `${page}/`}${params['id']}`;
      return institutionFallback ?? '/';
    },
  };
}

const RESOURCE_LINKS: Routes = [
  resourceLink('plans', 'annual-plans', 'plan'),
  resourceLink('ic/audits', 'audits', 'audit'),
  resourceLink('spot-checks', 'spot-checks', 'check'),
  // An institution's inspection results are confirmed under 待确认问题 (issue 5).
  resourceLink('inspections', 'spot-checks', 'inspection', '/institution/findings'),
  resourceLink('findings', 'findings', 'finding'),
  resourceLink('decisions', 'findings', 'decision'),
  // A dispute opens under 争议处理 (/<section>/disputes/<id>), the institution's included.
  resourceLink('disputes', 'disputes', null),
  resourceLink('monthly-reports', 'monthly-reports', 'report'),
  // A lead opens in the ledger of the user's section (/<section>/leads/lead/<id>); the backend's notices link /leads/<id>.
  resourceLink('leads', 'leads', 'lead'),
  // An enforcement case (issue 18): the backend's notices link /enforcement/<id>.
  resourceLink('enforcement', 'enforcement', 'case'),
  // A flight inspection (issue 18): the province's notice links /flight-inspections/<id>.
  resourceLink('flight-inspections', 'flight-inspections', 'flight'),
  // A transfer and an outward transfer (issue 18): the backend's notices link /transfers/<id> and /outward-transfers/<id>.
  resourceLink('transfers', 'transfers', 'transfer'),
  resourceLink('outward-transfers', 'transfers', 'outward'),
  // A major-case report (issue 18): the backend's notices link /major-case-reports/<id>.
  resourceLink('major-case-reports', 'major-cases', 'report'),
  // The national bureau's inbox (issue 18): the notices of campaign filings link /national.
  { path: 'national', pathMatch: 'full', redirectTo: '/leader/national' },
  {
    // /findings?sourceId=<inspection>: one inspection's findings, in the user's section.
    path: 'findings',
    pathMatch: 'full',
    redirectTo: ({ queryParams }) => {
      const user = inject(CurrentUser);
      const section = visibleSections(user.roles(), user.me()?.organization.kind ?? null).find((s) => s.items.some((i) => i.id === 'findings'));
      return section ? inject(Router).createUrlTree(['/', section.id, 'findings'], { queryParams }) : '/';
    },
  },
  {
    // /monthly-reports?month=YYYY-MM: the month's reports, in the user's section.
    path: 'monthly-reports',
    pathMatch: 'full',
    redirectTo: ({ queryParams }) => {
      const user = inject(CurrentUser);
      const section = visibleSections(user.roles(), user.me()?.organization.kind ?? null).find((s) => s.items.some((i) => i.id === 'monthly-reports'));
      return section ? inject(Router).createUrlTree(['/', section.id, 'monthly-reports'], { queryParams }) : '/';
    },
  },
];

// Titles are translation keys; TranslatedTitleStrategy renders them in the current language.
export const routes: Routes = [
  // The public tip pages (issue 17): outside the shell, no sign-in (core/boot.ts).
  { path: 'public/tips', loadChildren: () => import('./tips/public-tips-routes').then((m) => m.publicTipRoutes) },
  // 执法公示 (issue 18): a province's published decisions, no sign-in.
  { path: 'public/enforcement', loadChildren: () => import('./enforcement/enforcement-routes').then((m) => m.publicEnforcementRoutes) },
  {
    path: '',
    component: Shell,
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'nav.home',
        loadComponent: () => import('./home/home').then((m) => m.Home),
      },
      {
        path: 'notifications',
        title: 'nav.notifications',
        loadComponent: () => import('./notifications/notifications').then((m) => m.Notifications),
      },
      {
        path: 'notices',
        children: [
          {
            path: '',
            pathMatch: 'full',
            title: 'nav.notices',
            loadComponent: () => import('./notices/notice-list').then((m) => m.NoticeList),
          },
          {
            path: 'new',
            title: 'notices.new',
            canActivate: [noticeSenderGuard],
            loadComponent: () => import('./notices/notice-form').then((m) => m.NoticeForm),
          },
          {
            // Notification links from the backend point here: /notices/<id>.
            path: ':id',
            title: 'notices.detail.title',
            loadComponent: () => import('./notices/notice-detail').then((m) => m.NoticeDetail),
          },
        ],
      },
      {
        // Notification links about a missing year point here (contexts/calendar, CalendarWarning).
        path: 'settings/calendar',
        title: 'nav.calendar',
        canActivate: [calendarAdminGuard],
        loadChildren: () => import('./settings/settings-routes').then((m) => m.calendarRoutes),
      },
      ...sectionRoutes,
      // Notification links from the backend name a resource, not a section (/plans/<id>,
      // /ic/audits/<id>, /spot-checks/<id>, /inspections/<id>, /findings/<id>, /decisions/<id>,
      // /disputes/<id>, /monthly-reports/<id>; the dashboard's lists use the same links):
      // each opens in the user's section.
      ...RESOURCE_LINKS,
      {
        path: 'forbidden',
        title: 'forbidden.title',
        loadComponent: () => import('./placeholders/forbidden').then((m) => m.Forbidden),
      },
      { path: '**', redirectTo: '' },
    ],
  },
];
