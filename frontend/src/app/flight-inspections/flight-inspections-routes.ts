import type { Routes } from '@angular/router';

/** 飞行检查: the national overseer's (/leader/flight-inspections/…) and, from their start, the province's (/province/flight-inspections/…). */
export const flightInspectionRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'list' },
  { path: 'list', title: 'flight.list.title', loadComponent: () => import('./flight-inspection-list').then((m) => m.FlightInspectionList) },
  { path: 'new', title: 'flight.form.title', loadComponent: () => import('./flight-inspection-form').then((m) => m.FlightInspectionForm) },
  { path: 'flight/:id', title: 'flight.detail.title', loadComponent: () => import('./flight-inspection-detail').then((m) => m.FlightInspectionDetailPage) },
];
