import type { Me } from '../core/models';
import { fakeMe } from '../testing/fakes';
import type {
  CompiledCityReport,
  CompiledCounty,
  MonthlyReportAuto,
  MonthlyReportDetail,
  MonthlyReportManual,
  MonthlyReportSummary,
  ReportAction,
} from './monthly-reports-api';

/** 2027-05-06 10:00 in China: the April reports are open, due by the end of 10 May (4 days left). */
export const MR_NOW = new Date('2027-05-06T02:00:00Z');
/** 2027-05-12 10:00 in China: past the April due instant. */
export const MR_AFTER_DUE = new Date('2027-05-12T02:00:00Z');
/** The April 2027 due instant: 11 May 00:00 China time. */
export const APRIL_DUE = '2027-05-10T16:00:00.000Z';

const xuanwuBureau = { id: 'bureau-320102', name: '南京市玄武区医疗保障局', kind: 'bureau' as const };
const nanjingBureau = { id: 'bureau-3201', name: '南京市医疗保障局', kind: 'bureau' as const };
const nanjingAgency = { id: 'agency-3201', name: '南京市医疗保险基金管理中心', kind: 'agency' as const };
const nanjing = {
  level: 'city' as const,
  regionPath: '/32/3201/',
  region: { code: '3201', name: '南京市', level: 'city' as const },
  regionTrail: [
    { code: '32', name: '江苏省' },
    { code: '3201', name: '南京市' },
  ],
};

/** xw.bureau: county staff of the Xuanwu bureau, who fills in the report. */
export const countyBureauStaff = (): Me => fakeMe(['county_staff'], { organization: xuanwuBureau });
/** xw.leader: the Xuanwu bureau's leader (分管局长), who signs it off. */
export const countyLeader = (): Me => fakeMe(['leader'], { organization: xuanwuBureau });
/** nj.bureau: city staff of the Nanjing bureau, who files (备案) the agency's compilation and issues the bulletin, or returns it. */
export const cityBureauStaff = (): Me => fakeMe(['city_agency_staff'], { ...nanjing, organization: nanjingBureau });
/** nj.agency: staff of the Nanjing agency's fund-audit section, who receive the counties' reports and compile the city's month. */
export const cityAgencyStaff = (): Me => fakeMe(['city_agency_staff'], { ...nanjing, organization: nanjingAgency });
/** nj.leader: the Nanjing bureau's leader. */
export const cityLeader = (): Me => fakeMe(['leader'], { ...nanjing, organization: nanjingBureau });
/** js.leader: a provincial leader. */
export const provinceLeader = (): Me =>
  fakeMe(['leader'], {
    level: 'province',
    regionPath: '/32/',
    region: { code: '32', name: '江苏省', level: 'province' },
    regionTrail: [{ code: '32', name: '江苏省' }],
    organization: { id: 'bureau-32', name: '江苏省医疗保障局', kind: 'bureau' },
  });

export function fakeAuto(overrides: Partial<MonthlyReportAuto> = {}): MonthlyReportAuto {
  return {
    inspections: 12,
    institutionsInspected: 9,
    findings: 5,
    findingAmount: 48200.5,
    recoveredAmount: 30100,
    actualRecoveredAmount: 18000.5,
    refusedAmount: 12000,
    refundedAmount: 800.25,
    decisions: 3,
    measures: { talk: 2, refuse_payment: 1 },
    settlementSuspended: 0,
    agreementsTerminated: 0,
    disputesFiled: 1,
    disputesDecided: 0,
    rectificationOverdue: 1,
    casesOpened: 2,
    casesClosed: 1,
    tipsReceived: 4,
    tipsRewarded: 1,
    ...overrides,
  };
}

export function fakeManual(overrides: Partial<MonthlyReportManual> = {}): MonthlyReportManual {
  return {
    transferredToPolice: 0,
    otherRecovered: 1500.5,
    publicExposures: 1,
    remarks: '',
    ...overrides,
  };
}

/** Xuanwu's April 2027 report, a draft, as GET /api/monthly-reports lists it. */
export function fakeSummary(overrides: Partial<MonthlyReportSummary> = {}): MonthlyReportSummary {
  return {
    id: 'mr-320102',
    level: 'county',
    regionCode: '320102',
    regionName: '玄武区',
    cityCode: '3201',
    cityName: '南京市',
    ownerOrgId: 'bureau-320102',
    ownerOrgName: '南京市玄武区医疗保障局',
    month: '2027-04',
    status: 'draft',
    dueAt: APRIL_DUE,
    late: false,
    overdue: false,
    submittedAt: null,
    submittedBy: null,
    signedAt: null,
    signedBy: null,
    filedAt: null,
    inspections: 12,
    findings: 5,
    recoveredAmount: 30100,
    actualRecoveredAmount: 18000.5,
    ...overrides,
  };
}

/** The actions the backend offers on a report in a status (to whom it offers them is the test's business). */
const ACTIONS: Record<MonthlyReportDetail['status'], ReportAction[]> = {
  draft: ['save', 'submit'],
  awaiting_signoff: ['sign', 'return'],
  submitted: ['return'],
  compiled: ['file', 'return'],
  filed: [],
  returned: ['compile'],
};

export function fakeReport(overrides: Partial<MonthlyReportDetail> = {}): MonthlyReportDetail {
  const status = overrides.status ?? 'draft';
  return {
    ...fakeSummary(),
    auto: fakeAuto(),
    manual: fakeManual(),
    autoAt: '2027-05-01T00:05:00Z',
    overdueAt: null,
    returnedComment: null,
    filedBy: null,
    compiled: null,
    createdAt: '2027-05-01T00:05:00Z',
    updatedAt: '2027-05-01T00:05:00Z',
    version: 1,
    actions: ACTIONS[status],
    ...overrides,
  };
}

/** Another Nanjing county's report. */
export function fakeCounty(code: string, name: string, overrides: Partial<MonthlyReportSummary> = {}): MonthlyReportSummary {
  return fakeSummary({ id: `mr-${code}`, regionCode: code, regionName: name, ownerOrgId: `bureau-${code}`, ...overrides });
}

function compiledCounty(rank: number, regionCode: string, name: string, standing: CompiledCounty['standing'], auto: MonthlyReportAuto | null): CompiledCounty {
  const filed = standing !== 'missing';
  return {
    rank,
    regionCode,
    name,
    bureauId: `bureau-${regionCode}`,
    reportId: `mr-${regionCode}`,
    status: filed ? 'submitted' : 'draft',
    standing,
    signedAt: filed ? '2027-05-09T02:00:00Z' : null,
    overdue: standing !== 'on_time',
    inspections: auto?.inspections ?? 0,
    recoveredAmount: auto?.recoveredAmount ?? 0,
    auto,
    manual: filed ? fakeManual() : null,
  };
}

export function fakeCompiled(overrides: Partial<CompiledCityReport> = {}): CompiledCityReport {
  return {
    cityCode: '3201',
    cityName: '南京市',
    month: '2027-04',
    compiledAt: '2027-05-11T02:00:00Z',
    compiledBy: '刘静',
    afterDue: true,
    onTime: 1,
    late: 1,
    missing: ['建邺区'],
    counties: [
      compiledCounty(1, '320102', '玄武区', 'on_time', fakeAuto()),
      compiledCounty(2, '320104', '秦淮区', 'late', fakeAuto({ inspections: 8, recoveredAmount: 20000 })),
      compiledCounty(3, '320105', '建邺区', 'missing', null),
    ],
    bulletin: '南京市医疗保障局关于2027年4月医保基金监管月报表报送情况的通报\n按时上报1个，逾期上报1个，未报1个（建邺区）。',
    ...overrides,
  };
}

/** Nanjing's April city report, compiled: auto/manual hold the totals of the filed reports. */
export function fakeCityReport(overrides: Partial<MonthlyReportDetail> = {}): MonthlyReportDetail {
  return fakeReport({
    id: 'mr-3201',
    level: 'city',
    regionCode: '3201',
    regionName: '南京市',
    ownerOrgId: 'bureau-3201',
    status: 'compiled',
    auto: fakeAuto({ inspections: 20, recoveredAmount: 50100 }),
    compiled: fakeCompiled(),
    ...overrides,
  });
}
