import type { LoadChildren } from '@angular/router';
import type { OrganizationKind, Role } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { SECTION_ROLES, type SectionId } from '../core/section-access';

// The left menu is partitioned by supervision level, and each level is shown only to the roles
// that work at it. Routes (app.routes.ts) and home-page cards are generated from this one table
// so the three never disagree. The backend still enforces access; this only decides what to show.

// 年度监管方案 (issue 3): each section gets the plan pages that fit it (plans/plan-access.ts).
const provincePlans: LoadChildren = () => import('../plans/plan-routes').then((m) => m.planRoutes('province'));
const localPlans: LoadChildren = () => import('../plans/plan-routes').then((m) => m.planRoutes('local'));
const leaderPlans: LoadChildren = () => import('../plans/plan-routes').then((m) => m.planRoutes('leader'));

// 内控检查: the province runs the audits, agencies answer theirs, city bureaus and leaders read (ic/ic-access.ts).
const provinceIc: LoadChildren = () => import('../ic/ic-routes').then((m) => m.icRoutes('province'));
const localIc: LoadChildren = () => import('../ic/ic-routes').then((m) => m.icRoutes('local'));
const leaderIc: LoadChildren = () => import('../ic/ic-routes').then((m) => m.icRoutes('leader'));

// 专项治理: the province sets up and assigns campaigns; cities, counties and leaders follow them
// read-only; institutions fill in their self-inspection (自查自纠) tasks (campaigns/campaign-access.ts).
const provinceCampaigns: LoadChildren = () => import('../campaigns/campaign-routes').then((m) => m.campaignRoutes('province'));
const localCampaigns: LoadChildren = () => import('../campaigns/campaign-routes').then((m) => m.campaignRoutes('local'));
const leaderCampaigns: LoadChildren = () => import('../campaigns/campaign-routes').then((m) => m.campaignRoutes('leader'));
const selfInspection: LoadChildren = () => import('../campaigns/campaign-routes').then((m) => m.selfInspectionRoutes());

// 抽查 (双随机): the province creates spot-checks, runs the verifiable draw and records inspections;
// cities, counties and leaders read the province's spot-checks and their own subtree (spot-checks/spot-check-access.ts).
const provinceSpotChecks: LoadChildren = () => import('../spot-checks/spot-check-routes').then((m) => m.spotCheckRoutes('province'));
const localSpotChecks: LoadChildren = () => import('../spot-checks/spot-check-routes').then((m) => m.spotCheckRoutes('local'));
const leaderSpotChecks: LoadChildren = () => import('../spot-checks/spot-check-routes').then((m) => m.spotCheckRoutes('leader'));
// 日常检查 (issue 13): a handling agency's own inspections of the institutions it holds — the
// month's worklist, scheduling, records, coverage of its jurisdiction, its service agreements
// (inspections/agency-inspection-access.ts).
const localAgencyInspections: LoadChildren = () => import('../inspections/agency-inspection-routes').then((m) => m.agencyInspectionRoutes());
// 资料调取 (issue 13 §3): the institution answers the inspecting agencies' document requests
// (inspections/document-request-routes.ts); the agency asks from the inspection's record.
const institutionDocumentRequests: LoadChildren = () => import('../inspections/document-request-routes').then((m) => m.institutionDocumentRequestRoutes());

// 问题线索与处理 and 争议处理 (issue 5): institutions confirm or appeal findings, rectify and dispute;
// handling agencies review appeals, decide and confirm rectification; bureaus decide disputes at
// their level and read the rest; leaders read their region's (findings/findings-access.ts).
const provinceFindings: LoadChildren = () => import('../findings/findings-routes').then((m) => m.findingsRoutes('province'));
const localFindings: LoadChildren = () => import('../findings/findings-routes').then((m) => m.findingsRoutes('local'));
const leaderFindings: LoadChildren = () => import('../findings/findings-routes').then((m) => m.findingsRoutes('leader'));
const institutionFindings: LoadChildren = () => import('../findings/findings-routes').then((m) => m.institutionFindingsRoutes());
const institutionRectification: LoadChildren = () => import('../findings/findings-routes').then((m) => m.rectificationRoutes());
const provinceDisputes: LoadChildren = () => import('../findings/findings-routes').then((m) => m.disputeRoutes('province'));
const localDisputes: LoadChildren = () => import('../findings/findings-routes').then((m) => m.disputeRoutes('local'));
const institutionDisputes: LoadChildren = () => import('../findings/findings-routes').then((m) => m.disputeRoutes('institution'));
const leaderDisputes: LoadChildren = () => import('../findings/findings-routes').then((m) => m.disputeRoutes('leader'));

// 月报表 (issue 7): county bureaus fill in and their leaders sign off; the city agency's fund-audit
// section compiles, the city bureau files the compilation and circulates the bulletin; the province
// and leaders read (monthly-reports/monthly-report-access.ts).
const provinceMonthlyReports: LoadChildren = () => import('../monthly-reports/monthly-report-routes').then((m) => m.monthlyReportRoutes('province'));
const localMonthlyReports: LoadChildren = () => import('../monthly-reports/monthly-report-routes').then((m) => m.monthlyReportRoutes('local'));
const leaderMonthlyReports: LoadChildren = () => import('../monthly-reports/monthly-report-routes').then((m) => m.monthlyReportRoutes('leader'));

// 举报受理 (issue 17): the intake bureaus' staff and leaders (tips/tips-routes.ts); the public page is outside the shell.
const tips: LoadChildren = () => import('../tips/tips-routes').then((m) => m.tipRoutes);

// 线索台账 (issue 17): the ledger of every bureau and agency, the national bureau included (leads/leads-routes.ts).
const leads: LoadChildren = () => import('../leads/leads-routes').then((m) => m.leadRoutes);

// 行政执法 (issue 18): the bureaus' enforcement cases (enforcement/enforcement-routes.ts); the public page is outside the shell.
const enforcement: LoadChildren = () => import('../enforcement/enforcement-routes').then((m) => m.enforcementRoutes);

// 移交移送 (issue 18): agencies transfer to the bureau of their region, bureaus accept and transfer cases to
// other departments; the levels above read them (transfers/transfers-routes.ts).
const transfers: LoadChildren = () => import('../transfers/transfers-routes').then((m) => m.transferRoutes);

// 重大案件报告 (issue 18): the bureaus write, the province checks and sends to the national bureau (major-cases/).
const majorCases: LoadChildren = () => import('../major-cases/major-cases-routes').then((m) => m.majorCaseRoutes);

// 国家医疗保障局收件箱 (issue 18): the national overseer's filings, major-case reports, assigned leads (national/).
const nationalInbox: LoadChildren = () => import('../national/national-routes').then((m) => m.nationalRoutes);

// 飞行检查 (issue 18): the national overseer organizes them; the inspected province reads them from their start (flight-inspections/).
const flightInspections: LoadChildren = () => import('../flight-inspections/flight-inspections-routes').then((m) => m.flightInspectionRoutes);

// 驾驶舱 (issue 7): leaders and the national overseer read the figures of their region and drill down.
const leaderDashboards: LoadChildren = () => import('../dashboards/dashboard-routes').then((m) => m.dashboardRoutes('leader'));

export type { SectionId } from '../core/section-access';

export interface NavItem {
  /** Route segment under the section, e.g. 'campaigns' → /province/campaigns. */
  readonly id: string;
  readonly labelKey: TranslationKey;
  readonly icon: string;
  /** The feature's routes; without them the entry opens the "coming soon" page (建设中). */
  readonly loadChildren?: LoadChildren;
  /** Only these of the section's roles get the entry (default: all of them). */
  readonly roles?: readonly Role[];
  /** Of those, the roles that get the entry only when their organization is a handling agency. */
  readonly agencyOnlyRoles?: readonly Role[];
  /** Of those, the roles that get the entry only when their organization is a bureau (医疗保障局). */
  readonly bureauOnlyRoles?: readonly Role[];
}

export interface NavSection {
  readonly id: SectionId;
  readonly titleKey: TranslationKey;
  /** The title for the read-only roles when the section is another level's to them (the nation reading the provinces). */
  readonly readOnlyTitleKey?: TranslationKey;
  readonly icon: string;
  /** Roles that work in this section. */
  readonly roles: readonly Role[];
  /** Roles that may look but not act (national oversight of provinces). */
  readonly readOnlyRoles: readonly Role[];
  readonly items: readonly NavItem[];
}

export interface VisibleSection extends NavSection {
  readonly readOnly: boolean;
}

export const NAV_SECTIONS: readonly NavSection[] = [
  {
    id: 'province',
    titleKey: 'section.province',
    readOnlyTitleKey: 'section.province.national',
    icon: 'bank',
    roles: SECTION_ROLES.province.roles,
    readOnlyRoles: SECTION_ROLES.province.readOnlyRoles,
    items: [
      { id: 'annual-plans', labelKey: 'feature.annualPlans', icon: 'file-text', loadChildren: provincePlans },
      { id: 'campaigns', labelKey: 'feature.campaigns', icon: 'flag', loadChildren: provinceCampaigns },
      { id: 'spot-checks', labelKey: 'feature.spotChecks', icon: 'file-search', loadChildren: provinceSpotChecks },
      { id: 'findings', labelKey: 'feature.findings', icon: 'alert', loadChildren: provinceFindings },
      { id: 'disputes', labelKey: 'feature.disputes', icon: 'solution', loadChildren: provinceDisputes },
      { id: 'audits', labelKey: 'feature.audits', icon: 'safety-certificate', loadChildren: provinceIc },
      { id: 'monthly-reports', labelKey: 'feature.monthlyReports', icon: 'bar-chart', loadChildren: provinceMonthlyReports },
      { id: 'leads', labelKey: 'feature.leads', icon: 'node-index', loadChildren: leads },
      { id: 'enforcement', labelKey: 'feature.enforcement', icon: 'safety-certificate', loadChildren: enforcement },
      { id: 'transfers', labelKey: 'feature.transfers', icon: 'send', loadChildren: transfers },
      // Major-case reports: the province checks and sends its bureaus' reports (the overseer reads them, acknowledging in its inbox).
      { id: 'major-cases', labelKey: 'feature.majorCases', icon: 'alert', loadChildren: majorCases },
      // The national bureau's flight inspections of the province, from their start (the overseer has them in the leader section).
      { id: 'flight-inspections', labelKey: 'feature.flightInspections', icon: 'thunderbolt', loadChildren: flightInspections, roles: ['province_official'] },
    ],
  },
  {
    id: 'local',
    titleKey: 'section.cityCounty',
    icon: 'apartment',
    roles: SECTION_ROLES.local.roles,
    readOnlyRoles: SECTION_ROLES.local.readOnlyRoles,
    items: [
      { id: 'annual-plans', labelKey: 'feature.annualPlans', icon: 'file-text', loadChildren: localPlans },
      { id: 'campaigns', labelKey: 'feature.campaigns', icon: 'flag', loadChildren: localCampaigns },
      { id: 'spot-checks', labelKey: 'feature.spotChecks', icon: 'file-search', loadChildren: localSpotChecks },
      // The handling agencies' staff only (bureaus do not inspect).
      {
        id: 'inspections',
        labelKey: 'feature.agencyInspections',
        icon: 'audit',
        loadChildren: localAgencyInspections,
        agencyOnlyRoles: ['city_agency_staff', 'county_staff'],
      },
      { id: 'findings', labelKey: 'feature.findings', icon: 'alert', loadChildren: localFindings },
      { id: 'disputes', labelKey: 'feature.disputes', icon: 'solution', loadChildren: localDisputes },
      { id: 'leads', labelKey: 'feature.leads', icon: 'node-index', loadChildren: leads },
      // Enforcement cases: the bureaus run them; the agencies read their area's and their legal reviewers review them.
      { id: 'enforcement', labelKey: 'feature.enforcement', icon: 'safety-certificate', loadChildren: enforcement },
      // Transfers: the agencies send theirs to the bureau of their region, the bureaus receive them and transfer cases onwards.
      { id: 'transfers', labelKey: 'feature.transfers', icon: 'send', loadChildren: transfers },
      // Major-case reports: the bureaus write their cases' reports.
      { id: 'major-cases', labelKey: 'feature.majorCases', icon: 'alert', loadChildren: majorCases, bureauOnlyRoles: ['county_staff', 'city_agency_staff'] },
      // The audited agencies (city or county) and the city bureaus; county bureaus have no audits.
      {
        id: 'audits',
        labelKey: 'feature.audits',
        icon: 'safety-certificate',
        loadChildren: localIc,
        agencyOnlyRoles: ['county_staff'],
      },
      // The county bureaus report; at the city, the agency compiles and the bureau files (both city
      // staff); the county agencies have no monthly report.
      {
        id: 'monthly-reports',
        labelKey: 'feature.monthlyReports',
        icon: 'bar-chart',
        loadChildren: localMonthlyReports,
        bureauOnlyRoles: ['county_staff'],
      },
      // Tips go to the bureau of the place (county, or the city's where a county has none).
      { id: 'tips', labelKey: 'feature.tips', icon: 'audit', loadChildren: tips, bureauOnlyRoles: ['county_staff', 'city_agency_staff'] },
    ],
  },
  {
    id: 'institution',
    titleKey: 'section.institution',
    icon: 'medicine-box',
    roles: SECTION_ROLES.institution.roles,
    readOnlyRoles: SECTION_ROLES.institution.readOnlyRoles,
    items: [
      { id: 'findings', labelKey: 'feature.findingsToConfirm', icon: 'alert', loadChildren: institutionFindings },
      { id: 'self-inspection', labelKey: 'feature.selfInspection', icon: 'file-search', loadChildren: selfInspection },
      { id: 'rectification', labelKey: 'feature.rectification', icon: 'tool', loadChildren: institutionRectification },
      { id: 'disputes', labelKey: 'feature.disputeRequests', icon: 'solution', loadChildren: institutionDisputes },
      { id: 'document-requests', labelKey: 'feature.documentRequests', icon: 'paper-clip', loadChildren: institutionDocumentRequests },
    ],
  },
  {
    id: 'leader',
    titleKey: 'section.leader',
    icon: 'dashboard',
    roles: SECTION_ROLES.leader.roles,
    readOnlyRoles: SECTION_ROLES.leader.readOnlyRoles,
    items: [
      { id: 'dashboards', labelKey: 'feature.dashboards', icon: 'dashboard', loadChildren: leaderDashboards },
      // Sign-off (审签) and the region's reports; the national overseer has them in the province section already.
      {
        id: 'monthly-reports',
        labelKey: 'feature.monthlyReports',
        icon: 'bar-chart',
        loadChildren: leaderMonthlyReports,
        roles: ['leader'],
      },
      // Read-only filing board; the national overseer has it in the province section already.
      {
        id: 'annual-plans',
        labelKey: 'feature.annualPlanBoard',
        icon: 'file-text',
        loadChildren: leaderPlans,
        roles: ['leader'],
      },
      // Read-only audit programme; the national overseer has it in the province section already.
      { id: 'audits', labelKey: 'feature.audits', icon: 'safety-certificate', loadChildren: leaderIc, roles: ['leader'] },
      // Read-only campaigns; the national overseer has them in the province section already.
      { id: 'campaigns', labelKey: 'feature.campaigns', icon: 'flag', loadChildren: leaderCampaigns, roles: ['leader'] },
      // Read-only spot-checks, inspections and findings behind the dashboard's numbers (its lists
      // link here through /inspections/<id>, /findings/<id>, /decisions/<id>, /disputes/<id>); the
      // national overseer has them in the province section already.
      { id: 'spot-checks', labelKey: 'feature.spotChecks', icon: 'file-search', loadChildren: leaderSpotChecks, roles: ['leader'] },
      { id: 'findings', labelKey: 'feature.findings', icon: 'alert', loadChildren: leaderFindings, roles: ['leader'] },
      { id: 'disputes', labelKey: 'feature.disputes', icon: 'solution', loadChildren: leaderDisputes, roles: ['leader'] },
      { id: 'leads', labelKey: 'feature.leads', icon: 'node-index', loadChildren: leads, roles: ['leader'] },
      // The reward approver reads the bureau's tips.
      { id: 'tips', labelKey: 'feature.tips', icon: 'audit', loadChildren: tips, roles: ['leader'] },
      // The bureau's leader approves filing, assigns officers, decides, publishes and closes cases.
      { id: 'enforcement', labelKey: 'feature.enforcement', icon: 'safety-certificate', loadChildren: enforcement, roles: ['leader'] },
      // The leader reads the region's transfers and outward transfers; the national overseer has them in the province section already.
      { id: 'transfers', labelKey: 'feature.transfers', icon: 'send', loadChildren: transfers, roles: ['leader'] },
      { id: 'major-cases', labelKey: 'feature.majorCases', icon: 'alert', loadChildren: majorCases, roles: ['leader'] },
      // The national overseer's inbox (/national): campaign filings, major-case reports, assigned leads, flight inspections.
      { id: 'national', labelKey: 'feature.nationalInbox', icon: 'bank', loadChildren: nationalInbox, roles: ['national_overseer'] },
      // 飞行检查: the national overseer organizes, starts, records and hands them over (S8-C's inbox may link here).
      { id: 'flight-inspections', labelKey: 'feature.flightInspections', icon: 'thunderbolt', loadChildren: flightInspections, roles: ['national_overseer'] },
    ],
  },
];

/**
 * The sections a user with these roles sees, in menu order, with the entries they get. Without
 * the organization kind, entries limited to agency (or bureau) staff are left out for those roles.
 */
export function sectionsFor(roles: readonly Role[], orgKind: OrganizationKind | null = null): VisibleSection[] {
  return NAV_SECTIONS.flatMap((section) => {
    const full = section.roles.some((r) => roles.includes(r));
    const readOnly = !full && section.readOnlyRoles.some((r) => roles.includes(r));
    const items = section.items.filter((item) => canSeeItem(roles, item, orgKind));
    return (full || readOnly) && items.length ? [{ ...section, items, readOnly }] : [];
  });
}

export function canSeeItem(roles: readonly Role[], item: NavItem, orgKind: OrganizationKind | null = null): boolean {
  const usable = (role: Role) =>
    (orgKind === 'agency' || !item.agencyOnlyRoles?.includes(role)) && (orgKind === 'bureau' || !item.bureauOnlyRoles?.includes(role));
  return (item.roles ?? roles).some((r) => roles.includes(r) && usable(r));
}

export function canSeeSection(roles: readonly Role[], sectionId: SectionId): boolean {
  return sectionsFor(roles).some((s) => s.id === sectionId);
}

export function pathOf(sectionId: SectionId, itemId: string): string {
  return `/${sectionId}/${itemId}`;
}

// Notices (通知签收) sit outside the level sections: every role receives them, so the menu entry
// is shown to everybody, but only bureau and agency staff send them (the backend checks the same).

/** Roles that may send a notice; everybody can receive and acknowledge one. */
export const NOTICE_SENDER_ROLES: readonly Role[] = ['province_official', 'city_agency_staff', 'county_staff'];

export function canSendNotices(roles: readonly Role[]): boolean {
  return NOTICE_SENDER_ROLES.some((r) => roles.includes(r));
}

// The working-day calendar and the legal clocks (工作日历与法定时限, issue 16) sit outside the level
// sections too: the national and provincial bureaus' administrators maintain the calendar.

/** Roles that maintain the working-day calendar (at a bureau; the backend checks the same). */
export const CALENDAR_ADMIN_ROLES: readonly Role[] = ['national_overseer', 'province_official'];

export function canMaintainCalendar(roles: readonly Role[], orgKind: OrganizationKind | null): boolean {
  return orgKind === 'bureau' && CALENDAR_ADMIN_ROLES.some((r) => roles.includes(r));
}
