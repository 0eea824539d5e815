import type { Me, Role } from '../core/models';
import type { MonthlyReportSummary } from './monthly-reports-api';

// Who may do what with the monthly reports, by the menu section the pages are opened from. The
// backend enforces the same (seed 002 一(九): the county bureau fills in, its 分管局长 signs off and
// reports it to the city agency's fund-audit section (市医保处基金稽核科), which returns wrong reports and
// compiles the month; the city bureau files the compilation (备案) and issues the bulletin, or returns it
// to the agency; the province reads all); this only decides what to offer.

export type MonthlyReportSection = 'province' | 'local' | 'leader';

type ReportUser = Pick<Me, 'roles' | 'organization' | 'level'> | null;
type ReportRef = Pick<MonthlyReportSummary, 'level' | 'status' | 'ownerOrgId' | 'cityCode'>;

const has = (roles: readonly Role[], ...wanted: Role[]) => wanted.some((r) => roles.includes(r));

/** The city bureau's organization id (the reports are owned by bureaus, not by the agencies). */
export const cityBureauOf = (cityCode: string) => `bureau-${cityCode}`;
/** The city agency's organization id: its fund-audit section receives and compiles the counties' reports. */
export const cityAgencyOf = (cityCode: string) => `agency-${cityCode}`;

/** Staff of the city agency (市医保经办机构), in the city/county section. */
function isCityAgencyStaff(me: ReportUser, cityCode: string, section: MonthlyReportSection): boolean {
  return (
    section === 'local' &&
    me !== null &&
    has(me.roles, 'city_agency_staff') &&
    me.organization.kind === 'agency' &&
    me.organization.id === cityAgencyOf(cityCode)
  );
}

/** Staff of the city bureau (市医保局), in the city/county section. */
function isCityBureauStaff(me: ReportUser, cityCode: string, section: MonthlyReportSection): boolean {
  return (
    section === 'local' &&
    me !== null &&
    has(me.roles, 'city_agency_staff') &&
    me.organization.kind === 'bureau' &&
    me.organization.id === cityBureauOf(cityCode)
  );
}

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

/** 退回: the leader instead of signing, or the city agency (which receives it) once a county report has been submitted. */
export function canReturnReport(me: ReportUser, report: ReportRef, section: MonthlyReportSection): boolean {
  if (canSignReport(me, report, section)) return true;
  return isCityAgencyStaff(me, report.cityCode, section) && report.level === 'county' && report.status === 'submitted';
}

/** 汇总: the city agency's staff (its fund-audit section), for their own city; the bureau no longer compiles. */
export function canCompileCity(me: ReportUser, cityCode: string, section: MonthlyReportSection): boolean {
  return isCityAgencyStaff(me, cityCode, section);
}

/** 备案 (and issuing the bulletin) or 退回 of the agency's compilation: the city bureau's staff, for their own city. */
export function canFileCity(me: ReportUser, cityCode: string, section: MonthlyReportSection): boolean {
  return isCityBureauStaff(me, cityCode, section);
}

/** Province and national users see the whole province at once (the province overview). */
export function seesProvince(me: ReportUser): boolean {
  return me !== null && (me.level === 'province' || me.level === 'nation');
}
