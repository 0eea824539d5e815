import type { Me, Role } from '../core/models';
import type { MonthlyReportSummary } from './monthly-reports-api';

// Who may do what with the monthly reports, by the menu section the pages are opened from. The
// backend enforces the same (seed 002 一(九): the county bureau fills in, its 分管局长 signs off,
// the city bureau compiles and returns, the province reads all); this only decides what to offer.

export type MonthlyReportSection = 'province' | 'local' | 'leader';

type ReportUser = Pick<Me, 'roles' | 'organization' | 'level'> | null;
type ReportRef = Pick<MonthlyReportSummary, 'level' | 'status' | 'ownerOrgId' | 'cityCode'>;

const has = (roles: readonly Role[], ...wanted: Role[]) => wanted.some((r) => roles.includes(r));

/** The city bureau's organization id (the reports are owned by bureaus, not by the agencies). */
export const cityBureauOf = (cityCode: string) => `bureau-${cityCode}`;

/** Staff of the county bureau that owns the report, in the city/county section. */
export function isCountyFiler(me: ReportUser, report: ReportRef, section: MonthlyReportSection): boolean {
  return (
    section === 'local' &&
    me !== null &&
    has(me.roles, 'county_staff') &&
    me.organization.kind === 'bureau' &&
    me.organization.id === report.ownerOrgId &&
    report.level === 'county'
  );
}

/** Fill in, save and submit for sign-off: the owning county bureau's staff, while a draft. */
export function canEditReport(me: ReportUser, report: ReportRef, section: MonthlyReportSection): boolean {
  return isCountyFiler(me, report, section) && report.status === 'draft';
}

/** 审签: the owning bureau's leader, once submitted for sign-off. */
export function canSignReport(me: ReportUser, report: ReportRef, section: MonthlyReportSection): boolean {
  return (
    section === 'leader' &&
    me !== null &&
    has(me.roles, 'leader') &&
    me.organization.id === report.ownerOrgId &&
    report.status === 'awaiting_signoff'
  );
}

/** 退回: the leader instead of signing, or the city bureau once a county report has been submitted. */
export function canReturnReport(me: ReportUser, report: ReportRef, section: MonthlyReportSection): boolean {
  if (canSignReport(me, report, section)) return true;
  return (
    section === 'local' &&
    me !== null &&
    has(me.roles, 'city_agency_staff') &&
    me.organization.id === cityBureauOf(report.cityCode) &&
    report.level === 'county' &&
    report.status === 'submitted'
  );
}

/** 汇总: the city bureau's staff, for their own city. */
export function canCompileCity(me: ReportUser, cityCode: string, section: MonthlyReportSection): boolean {
  return section === 'local' && me !== null && has(me.roles, 'city_agency_staff') && me.organization.id === cityBureauOf(cityCode);
}

/** Province and national users see the whole province at once (the province overview). */
export function seesProvince(me: ReportUser): boolean {
  return me !== null && (me.level === 'province' || me.level === 'nation');
}
