import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { CurrentUser } from './core/current-user';
import {
  NAV_SECTIONS,
  type NavItem,
  type NavSection,
  canSeeItem,
  canSeeSection,
  canSendNotices,
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
            canActivate: item.roles || item.agencyOnlyRoles ? [itemGuard(item)] : [],
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

// Titles are translation keys; TranslatedTitleStrategy renders them in the current language.
export const routes: Routes = [
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
      ...sectionRoutes,
      {
        path: 'forbidden',
        title: 'forbidden.title',
        loadComponent: () => import('./placeholders/forbidden').then((m) => m.Forbidden),
      },
      { path: '**', redirectTo: '' },
    ],
  },
];
