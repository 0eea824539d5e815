import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { CurrentUser } from '../core/current-user';
import { type CampaignSection, canManageCampaigns, isAgencyUser } from './campaign-access';
import { provideCampaignDatePicker } from './campaign-calendar';

/** Keeps a typed-in URL from opening the campaign form without the right to use it. */
function managerGuard(section: CampaignSection): CanActivateFn {
  return () => canManageCampaigns(inject(CurrentUser).me(), section) || inject(Router).parseUrl('/forbidden');
}

/** The review list is the handling agencies' own page (in the local section). */
function agencyGuard(section: CampaignSection): CanActivateFn {
  return () => isAgencyUser(inject(CurrentUser).me(), section) || inject(Router).parseUrl('/forbidden');
}

/** The 专项治理 pages under one menu section (/province/campaigns/…, /local/campaigns/…, /leader/campaigns/…). */
export function campaignRoutes(section: CampaignSection): Routes {
  const data = { section };
  return [
    {
      path: '',
      pathMatch: 'full',
      title: 'campaign.list.title',
      data,
      loadComponent: () => import('./campaign-list').then((m) => m.CampaignList),
    },
    {
      path: 'new',
      providers: [provideCampaignDatePicker()],
      title: 'campaign.form.newTitle',
      data,
      canActivate: [managerGuard(section)],
      loadComponent: () => import('./campaign-form').then((m) => m.CampaignForm),
    },
    {
      path: ':id/edit',
      providers: [provideCampaignDatePicker()],
      title: 'campaign.form.editTitle',
      data,
      canActivate: [managerGuard(section)],
      loadComponent: () => import('./campaign-form').then((m) => m.CampaignForm),
    },
    {
      // One institution's report, read-only; the backend scopes it to the user's subtree.
      path: ':campaignId/tasks/:id',
      title: 'selfInspection.task.title',
      data,
      loadComponent: () => import('./self-inspection-task').then((m) => m.SelfInspectionTaskPage),
    },
    {
      // A covered agency's own report of its region's self-inspection; read-only for all but the agency.
      path: ':campaignId/agency-tasks/:id',
      title: 'campaignAgency.task.title',
      data,
      loadComponent: () => import('./agency-self-inspection').then((m) => m.AgencySelfInspectionPage),
    },
    {
      // The handling agency's review (核实) of its institutions' reports.
      path: ':campaignId/review',
      title: 'campaignReview.title',
      data,
      canActivate: [agencyGuard(section)],
      loadComponent: () => import('./self-inspection-review').then((m) => m.SelfInspectionReviewPage),
    },
    {
      path: ':id',
      title: 'campaign.detail.title',
      data,
      loadComponent: () => import('./campaign-detail').then((m) => m.CampaignDetailPage),
    },
  ];
}

/** 自查自纠 (/institution/self-inspection/…): the institution's own tasks. */
export function selfInspectionRoutes(): Routes {
  const data = { section: 'institution' };
  return [
    {
      path: '',
      pathMatch: 'full',
      title: 'selfInspection.list.title',
      data,
      loadComponent: () => import('./self-inspection-list').then((m) => m.SelfInspectionList),
    },
    {
      path: ':id',
      title: 'selfInspection.task.title',
      data,
      loadComponent: () => import('./self-inspection-task').then((m) => m.SelfInspectionTaskPage),
    },
  ];
}
