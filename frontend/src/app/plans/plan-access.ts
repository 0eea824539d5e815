import type { PlanDetail, Role } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';

// Who sees which annual-plan page, by the menu section it is opened from. The backend enforces
// the same (drafting unit, reviewing level, tenancy); this only decides what to offer.

export type PlanSection = 'local' | 'province' | 'leader';
export type PlanPage = 'mine' | 'review' | 'board';

export const PLAN_PAGE_LABELS: Record<PlanPage, TranslationKey> = {
  mine: 'plans.nav.mine',
  review: 'plans.nav.review',
  board: 'plans.nav.board',
};

const has = (roles: readonly Role[], ...wanted: Role[]) => wanted.some((r) => roles.includes(r));

/** In menu order; the first one is where the section's 年度监管方案 entry lands. */
export function planPagesFor(roles: readonly Role[], section: PlanSection): PlanPage[] {
  const pages: PlanPage[] = [];
  switch (section) {
    case 'local':
      // County and city agencies draft their own plan; the city level also reviews its counties'.
      if (has(roles, 'county_staff', 'city_agency_staff')) pages.push('mine');
      if (has(roles, 'city_agency_staff')) pages.push('review', 'board');
      break;
    case 'province':
      // The province reviews the cities' plans; the national overseer watches, read-only.
      if (has(roles, 'province_official')) pages.push('board', 'review');
      else if (has(roles, 'national_overseer')) pages.push('board');
      break;
    case 'leader':
      if (has(roles, 'leader', 'national_overseer')) pages.push('board');
      break;
  }
  return pages;
}

/**
 * File (备案) or return (退回) a submitted plan: the city level for county plans, the province
 * for city plans. Leaders and the national overseer only read.
 */
export function canReviewPlan(roles: readonly Role[], plan: Pick<PlanDetail, 'status' | 'unit'>): boolean {
  if (plan.status !== 'submitted') return false;
  return plan.unit.level === 'county' ? has(roles, 'city_agency_staff') : has(roles, 'province_official');
}

/** Opening a year's planning cycle (one plan per city and county agency) is the province's. */
export function canOpenCycle(roles: readonly Role[]): boolean {
  return has(roles, 'province_official');
}
