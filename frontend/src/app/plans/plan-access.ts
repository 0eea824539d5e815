import type { Me, PlanDetail, Role } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { labelTable } from '../i18n/label-table';

// Who sees which annual-plan page, by the menu section it is opened from. The backend enforces
// the same (drafting unit, reviewing level, tenancy); this only decides what to offer.

export type PlanSection = 'local' | 'province' | 'leader';
export type PlanPage = 'mine' | 'review' | 'board' | 'list';

export const PLAN_PAGE_LABELS: Record<PlanPage, TranslationKey> = labelTable('plans.nav', ['mine', 'review', 'board', 'list']);

const has = (roles: readonly Role[], ...wanted: Role[]) => wanted.some((r) => roles.includes(r));

/**
 * In menu order; the first one is where the section's 年度监管方案 entry lands. Plans are drafted by
 * the agencies (经办机构): a bureau has no plan of its own, so a city bureau lands on the plans it
 * files instead of an empty 本单位方案 (issue 16).
 */
export function planPagesFor(roles: readonly Role[], section: PlanSection, organizationKind?: string): PlanPage[] {
  const pages = planPagesByRole(roles, section);
  return organizationKind === 'bureau' && pages.length > 1 ? pages.filter((p) => p !== 'mine') : pages;
}

function planPagesByRole(roles: readonly Role[], section: PlanSection): PlanPage[] {
  const pages: PlanPage[] = [];
  switch (section) {
    case 'local':
      // County and city agencies draft their own plan; the city level also reviews its counties'.
      if (has(roles, 'county_staff', 'city_agency_staff')) pages.push('mine');
      if (has(roles, 'city_agency_staff')) pages.push('review', 'board', 'list');
      break;
    case 'province':
      // The province reviews the cities' plans; the national overseer watches, read-only.
      // 方案台账: every plan in scope, searched and exported (issue 16 §2).
      if (has(roles, 'province_official')) pages.push('board', 'review', 'list');
      else if (has(roles, 'national_overseer')) pages.push('board', 'list');
      break;
    case 'leader':
      if (has(roles, 'leader', 'national_overseer')) pages.push('board');
      break;
  }
  return pages;
}

export type PlanReviewAction = 'forward' | 'file' | 'return';

/**
 * What the reader may do with a plan waiting at the level above. A county plan takes the city's two
 * steps (seed 002 一(一) 上报市医保处基金稽核科汇总后报市局备案): the city agency's staff review a
 * submitted plan and forward it (汇总上报) or return it; the city bureau's staff file (备案) or return a
 * forwarded one. A city plan is filed or returned by the province. Leaders and the national overseer
 * only read; the backend also checks the region.
 */
export function planReviewActions(me: Pick<Me, 'roles' | 'organization'> | null, plan: Pick<PlanDetail, 'status' | 'unit'>): PlanReviewAction[] {
  if (!me) return [];
  const cityStaff = has(me.roles, 'city_agency_staff');
  if (plan.unit.level === 'county') {
    if (plan.status === 'submitted' && cityStaff && me.organization.kind === 'agency') return ['forward', 'return'];
    if (plan.status === 'forwarded' && cityStaff && me.organization.kind === 'bureau') return ['file', 'return'];
    return [];
  }
  return plan.status === 'submitted' && has(me.roles, 'province_official') ? ['file', 'return'] : [];
}

/** Whether the reader acts on the plan now (any of planReviewActions). */
export function canReviewPlan(me: Pick<Me, 'roles' | 'organization'> | null, plan: Pick<PlanDetail, 'status' | 'unit'>): boolean {
  return planReviewActions(me, plan).length > 0;
}

/** Opening a year's planning cycle (one plan per city and county agency) is the province's. */
export function canOpenCycle(roles: readonly Role[]): boolean {
  return has(roles, 'province_official');
}
