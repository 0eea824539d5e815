import { type EnvironmentProviders, type Provider, signal } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, type Routes, withComponentInputBinding } from '@angular/router';
import { provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { AuthService } from '../core/auth';
import { authInterceptor } from '../core/auth-interceptor';
import { APP_ICONS } from '../core/icons';
import { provideListDatePicker } from '../shell/list-toolbar';
import type {
  AuditDetail,
  AuditPlan,
  AuditSummary,
  FilingBoard,
  FilingBoardRow,
  Me,
  NoticeView,
  PlanDetail,
  PlanReviewStep,
  PlanStatus,
  PlanStatusCounts,
  PlanSummary,
  Role,
} from '../core/models';

/** Stands in for the Keycloak-backed AuthService: no redirects, a fixed token. */
export class FakeAuth implements Pick<AuthService, 'init' | 'getValidToken' | 'refreshToken' | 'logout' | 'authenticated'> {
  readonly authenticated = signal(true).asReadonly();
  token = 'fake-access-token';
  tokenRequests = 0;
  /** What refreshToken() hands out next (undefined: the session ended). */
  refreshedToken: string | undefined = 'refreshed-access-token';
  refreshes = 0;
  logouts = 0;

  async init(): Promise<void> {}

  async getValidToken(): Promise<string | undefined> {
    this.tokenRequests++;
    return this.token;
  }

  async refreshToken(): Promise<string | undefined> {
    this.refreshes++;
    if (this.refreshedToken !== undefined) this.token = this.refreshedToken;
    return this.refreshedToken;
  }

  async logout(): Promise<void> {
    this.logouts++;
  }
}

/** What the shell and pages need in a TestBed, minus the real IdP and backend. */
export function provideTestApp(
  options: { routes?: Routes; auth?: FakeAuth } = {},
): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(withInterceptors([authInterceptor])),
    provideHttpClientTesting(),
    provideRouter(options.routes ?? [], withComponentInputBinding()),
    // ngx-charts (dashboards) needs an animation provider; harmless elsewhere.
    provideNoopAnimations(),
    provideNzI18n(zh_CN),
    provideNzIcons(APP_ICONS),
    provideListDatePicker(),
    { provide: AuthService, useValue: options.auth ?? new FakeAuth() },
  ];
}

/** A /api/me payload; Jiangsu → Nanjing → Xuanwu unless overridden. */
export function fakeMe(roles: Role[], overrides: Partial<Me> = {}): Me {
  const level = roles.includes('institution_clerk')
    ? 'institution'
    : roles.includes('province_official')
      ? 'province'
      : roles.includes('national_overseer')
        ? 'nation'
        : 'county';
  return {
    userId: 'u-1',
    username: 'zhangsan',
    displayName: '张三',
    roles,
    level,
    regionPath: '/32/3201/320102/',
    region: { code: '320102', name: '玄武区', level: 'county' },
    regionTrail: [
      { code: '32', name: '江苏省' },
      { code: '3201', name: '南京市' },
      { code: '320102', name: '玄武区' },
    ],
    organization: { id: 'org-1', name: '南京市玄武区医疗保障局', kind: 'bureau' },
    registered: true,
    ...overrides,
  };
}

/** A notice from the Nanjing bureau to fakeMe's organization (org-1), not yet acknowledged. */
export function fakeNotice(overrides: Partial<NoticeView> = {}): NoticeView {
  return {
    id: 'n1',
    title: '关于报送2027年度监管方案的通知',
    body: '请于期限内报送。\n逾期将通报。',
    senderOrgId: 'bureau-3201',
    senderOrgName: '南京市医疗保障局',
    recipientOrgId: 'org-1',
    recipientOrgName: '南京市玄武区医疗保障局',
    sentAt: '2026-11-16T01:00:00Z',
    dueDate: '2026-11-23',
    status: 'sent',
    overdue: false,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ...overrides,
  };
}

/** A fixed "now" for notice countdowns: 2026-11-20 10:00 in China. */
export const NOTICE_NOW = new Date('2026-11-20T02:00:00Z');

/** A fixed "now" for annual plans: 2027-05-10 10:00 in China, five days before the 15 May deadline. */
export const PLAN_NOW = new Date('2027-05-10T02:00:00Z');

/** A drafter: county_staff of the Xuanwu agency, the unit of fakePlan(). */
export function fakeDrafter(roles: Role[] = ['county_staff']): Me {
  return fakeMe(roles, { organization: { id: 'agency-320102', name: '玄武区医保经办中心', kind: 'agency' } });
}

/** The first reviewer of county plans: city_agency_staff of the Nanjing agency (its fund-audit section reviews and forwards). */
export function fakeCityReviewer(): Me {
  return fakeMe(['city_agency_staff'], {
    level: 'city',
    regionPath: '/32/3201/',
    region: { code: '3201', name: '南京市', level: 'city' },
    regionTrail: [
      { code: '32', name: '江苏省' },
      { code: '3201', name: '南京市' },
    ],
    organization: { id: 'agency-3201', name: '南京市医保经办中心', kind: 'agency' },
  });
}

/** Who a plan in this status waits for (the backend's reviewStep). */
function reviewStepOf(status: PlanStatus, level: 'city' | 'county'): PlanReviewStep | null {
  if (status === 'forwarded') return 'city_bureau';
  if (status !== 'submitted') return null;
  return level === 'county' ? 'city_agency' : 'province';
}

/** A province official of Jiangsu (or the national overseer, read-only). */
export function fakeProvinceUser(roles: Role[] = ['province_official']): Me {
  return fakeMe(roles, {
    level: roles.includes('national_overseer') ? 'nation' : 'province',
    regionPath: '/32/',
    region: { code: '32', name: '江苏省', level: 'province' },
    regionTrail: [{ code: '32', name: '江苏省' }],
    organization: { id: 'bureau-32', name: '江苏省医疗保障局', kind: 'bureau' },
  });
}

/** Xuanwu's 2027 plan, drafted: two targets, each covered by one task of the schedule. */
export function fakePlan(overrides: Partial<PlanDetail> = {}): PlanDetail {
  const unit = overrides.unit ?? { id: 'agency-320102', name: '玄武区医保经办中心', regionCode: '320102', regionName: '玄武区', level: 'county' as const };
  return {
    reviewStep: reviewStepOf(overrides.status ?? 'draft', unit.level),
    forwardedAt: null,
    id: 'p1',
    year: 2027,
    reviewer: { regionCode: '3201', regionName: '南京市' },
    status: 'draft',
    overdue: false,
    deadline: '2027-05-15',
    content: {
      targets: [
        { code: 'onsite_checks', label: '现场检查家次', unit: 'count', value: 24 },
        { code: 'claims_rereview', label: '住院费用复审比例', unit: 'percent', value: 5 },
      ],
      focusAreas: ['bed_blocking', '门诊统筹基金使用'],
      methods: '日常巡查与专项检查相结合。',
      steps: '一季度部署，二、三季度检查，四季度总结。',
      responsiblePersons: [{ name: '黄晓燕', title: '稽核科科长', phone: '025-83000000' }],
    },
    schedule: [
      { id: 't1', title: '定点医院现场检查', owner: '稽核科', targetCode: 'onsite_checks', monthly: Array(12).fill(2) },
      { id: 't2', title: '住院费用复审', owner: '审核科', targetCode: 'claims_rereview', monthly: Array(12).fill(1) },
    ],
    progress: [],
    history: [
      { at: '2027-01-04T01:00:00Z', action: 'opened', by: '江苏省医疗保障局', comment: null },
      { at: '2027-04-20T06:30:00Z', action: 'draft', by: '黄晓燕', comment: null },
    ],
    submittedAt: null,
    filedAt: null,
    version: 3,
    measured: [],
    ...overrides,
    unit,
  };
}

/**
 * Xuanwu's filed 2027 plan with the two measured targets (issue 13 §4): 120 on-site inspections
 * planned 10 a month, 38 sent so far; coverage 100%, 25 of its 40 institutions inspected on site.
 */
export function fakeMeasuredPlan(overrides: Partial<PlanDetail> = {}): PlanDetail {
  const base = fakePlan();
  return fakePlan({
    status: 'filed',
    submittedAt: '2027-05-06T01:30:00Z',
    filedAt: '2027-05-08T02:00:00Z',
    content: {
      ...base.content!,
      targets: [
        { code: 'onsite_checks', label: '现场检查家次', unit: 'count', value: 120 },
        { code: 'claims_rereview', label: '住院费用复审比例', unit: 'percent', value: 5 },
        { code: 'provider_coverage', label: '定点医药机构现场检查覆盖率', unit: 'percent', value: 100 },
      ],
    },
    schedule: [
      { id: 't1', title: '定点医院现场检查', owner: '稽核科', targetCode: 'onsite_checks', monthly: Array(12).fill(10) },
      { id: 't2', title: '住院费用复审', owner: '审核科', targetCode: 'claims_rereview', monthly: Array(12).fill(1) },
      { id: 't3', title: '协议机构全覆盖检查', owner: '稽核科', targetCode: 'provider_coverage', monthly: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1] },
    ],
    measured: [
      { targetCode: 'onsite_checks', unit: 'count', target: 120, value: 38, byMonth: [5, 8, 9, 10, 6, 0, 0, 0, 0, 0, 0, 0], of: null },
      { targetCode: 'provider_coverage', unit: 'percent', target: 100, value: 62.5, byMonth: null, of: { done: 25, total: 40 } },
    ],
    ...overrides,
  });
}

/** The summary GET /api/plans lists for a plan. */
export function fakePlanSummary(overrides: Partial<PlanSummary> = {}): PlanSummary {
  return {
    id: 'p1',
    year: 2027,
    unitId: 'agency-320102',
    unitName: '玄武区医保经办中心',
    regionCode: '320102',
    regionName: '玄武区',
    level: 'county',
    status: 'draft',
    overdue: false,
    reviewStep: reviewStepOf(overrides.status ?? 'draft', overrides.level ?? 'county'),
    submittedAt: null,
    forwardedAt: null,
    filedAt: null,
    plannedToDate: 0,
    doneToDate: 0,
    ...overrides,
  };
}

export function fakeStatusCounts(overrides: Partial<PlanStatusCounts> = {}): PlanStatusCounts {
  const counts = { not_started: 0, draft: 0, submitted: 0, forwarded: 0, returned: 0, filed: 0, closed: 0, overdue: 0, ...overrides };
  const units = counts.not_started + counts.draft + counts.submitted + counts.forwarded + counts.returned + counts.filed + counts.closed;
  return { ...counts, units: overrides.units ?? units };
}

export function fakeBoardRow(overrides: Partial<FilingBoardRow> = {}): FilingBoardRow {
  return {
    regionCode: '3201',
    regionName: '南京市',
    level: 'city',
    drillable: true,
    statusCounts: fakeStatusCounts({ draft: 3, submitted: 2, filed: 7, overdue: 1 }),
    plannedToDate: 120,
    doneToDate: 90,
    plan: fakePlanSummary({
      id: 'p-3201',
      unitId: 'agency-3201',
      unitName: '南京市医保经办中心',
      regionCode: '3201',
      regionName: '南京市',
      level: 'city',
      status: 'filed',
    }),
    ...overrides,
  };
}

/** Jiangsu's 2027 board: Nanjing (12 units) and Suzhou (11 units). */
export function fakeBoard(overrides: Partial<FilingBoard> = {}): FilingBoard {
  return {
    year: 2027,
    region: { code: '32', name: '江苏省', level: 'province' },
    cycleOpened: true,
    totals: fakeStatusCounts({ not_started: 2, draft: 5, submitted: 4, returned: 1, filed: 11, overdue: 3 }),
    rows: [
      fakeBoardRow(),
      fakeBoardRow({
        regionCode: '3205',
        regionName: '苏州市',
        statusCounts: fakeStatusCounts({ not_started: 2, draft: 2, submitted: 2, returned: 1, filed: 4, overdue: 2 }),
        plannedToDate: 100,
        doneToDate: 100,
        plan: null,
      }),
    ],
    ...overrides,
  };
}

/** A city bureau user (city_agency_staff of bureau-3201): reads the audits of Nanjing's agencies. */
export function fakeCityBureauUser(): Me {
  return fakeMe(['city_agency_staff'], {
    level: 'city',
    regionPath: '/32/3201/',
    region: { code: '3201', name: '南京市', level: 'city' },
    regionTrail: [
      { code: '32', name: '江苏省' },
      { code: '3201', name: '南京市' },
    ],
    organization: { id: 'bureau-3201', name: '南京市医疗保障局', kind: 'bureau' },
  });
}

/** The 2027 internal control audit of the Xuanwu agency (fakeDrafter's organization), in self-assessment. */
export function fakeAuditSummary(overrides: Partial<AuditSummary> = {}): AuditSummary {
  return {
    id: 'a1',
    planId: 'icp-2027',
    followUpOf: null,
    agency: { id: 'agency-320102', name: '玄武区医保经办中心', regionCode: '320102', regionName: '玄武区', level: 'county' },
    status: 'self_assessment',
    noticeDate: '2027-03-01',
    selfAssessmentDue: '2027-03-20',
    fieldworkStart: '2027-04-01',
    fieldworkEnd: '2027-04-05',
    team: [
      { inspectorId: 'i-1', name: '李明', organizationName: '苏州市医疗保障局' },
      { inspectorId: 'i-2', name: '王芳', organizationName: '无锡市医保经办中心' },
    ],
    checklistVersion: 2,
    selfAssessmentOverdue: false,
    findings: { total: 0, open: 0, overdue: 0 },
    ...overrides,
  };
}

export function fakeAuditDetail(overrides: Partial<AuditDetail> = {}): AuditDetail {
  const { findings: _counts, ...summary } = fakeAuditSummary();
  return {
    ...summary,
    checklist: [
      { code: 'MR-1', area: 'management_rules', text: '内控管理制度健全并公开', guidance: '查阅制度文本' },
      { code: 'PR-1', area: 'payment_records', text: '每笔基金支付均有审核记录', guidance: '抽查支付凭证' },
    ],
    selfAssessment: [],
    selfAssessmentSubmittedAt: null,
    results: [],
    staffPosts: [{ personId: 'e-1', personName: '赵敏', posts: ['payment_review'] }],
    findings: [],
    history: [{ at: '2027-03-01T01:00:00Z', action: 'notified', by: '江苏省医疗保障局', comment: null }],
    ...overrides,
  };
}

/** Jiangsu's 2027 audit plan, a draft: one audit, one agency still uncovered. */
export function fakeAuditPlan(overrides: Partial<AuditPlan> = {}): AuditPlan {
  return {
    id: 'icp-2027',
    year: 2027,
    title: '2027年度经办机构内控检查计划',
    periodStart: '2027-03-01',
    periodEnd: '2027-11-30',
    status: 'draft',
    audits: [fakeAuditSummary({ status: 'scheduled' })],
    uncoveredAgencies: [{ id: 'agency-320104', name: '秦淮区医保经办中心', regionCode: '320104' }],
    ...overrides,
  };
}
