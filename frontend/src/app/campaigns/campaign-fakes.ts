// Test data for the campaign and self-inspection specs (Jiangsu, 2027), after the contract in
// docs/api/campaigns-and-spot-checks.md. Only types are imported, so nothing of it ships.
import type {
  AgencyProgressRow,
  AgencySelfInspectionTask,
  CampaignCalendar,
  CampaignDefaults,
  CampaignDetail,
  CampaignProgress,
  CampaignProgressRow,
  CampaignSummary,
  SelfInspectionReview,
  SelfInspectionTask,
} from './campaigns-api';

export function fakeCalendar(year = 2027): CampaignCalendar {
  return {
    planFiledBy: `${year}-03-31`,
    selfInspectionStart: `${year}-04-01`,
    selfInspectionEnd: `${year}-08-31`,
    spotCheckStart: `${year}-09-01`,
    spotCheckEnd: `${year}-10-31`,
    summaryDue: `${year}-11-30`,
  };
}

export function fakeCampaignDefaults(overrides: Partial<CampaignDefaults> = {}): CampaignDefaults {
  const year = overrides.year ?? 2027;
  return {
    year,
    calendar: fakeCalendar(year),
    calendarPolicy: 'statutory',
    focusOptions: [
      { code: 'public_hospital_charging', zh: '二级及以上公立医疗机构：分解收费等', en: 'Public hospitals: unbundled charges etc.', kinds: ['hospital'] },
      { code: 'primary_care_bed_blocking', zh: '基层医疗机构：挂床住院等', en: 'Primary care: phantom admissions etc.', kinds: ['clinic'] },
      { code: 'pharmacy_card_misuse', zh: '定点零售药店：聚敛盗刷社保卡等', en: 'Pharmacies: card misuse etc.', kinds: ['pharmacy'] },
    ],
    cities: [
      { code: '3201', name: '南京市' },
      { code: '3205', name: '苏州市' },
    ],
    institutionKinds: ['hospital', 'pharmacy', 'clinic'],
    ownerships: ['public', 'private'],
    minimumLevels: ['tertiary', 'secondary', 'primary'],
    agencyIssueAreas: [{ code: 'internal_audit', zh: '内审制度不健全', en: 'Internal audit rules incomplete' }],
    ...overrides,
  };
}

/** Jiangsu's 2027 campaign, assigned, in self-inspection: 120 tasks, 40 reported (2 late), 5 missing. */
export function fakeCampaignSummary(overrides: Partial<CampaignSummary> = {}): CampaignSummary {
  return {
    id: 'c1',
    year: 2027,
    title: '2027年度定点医药机构专项治理',
    focusAreas: [
      { code: 'public_hospital_charging', text: '二级及以上公立医疗机构：分解收费、超标准收费、重复收费、套用项目收费、不合理诊疗' },
      { code: null, text: '门诊统筹基金使用' },
    ],
    cityCodes: ['3201', '3205'],
    institutionKinds: ['hospital', 'pharmacy'],
    ownership: null,
    minLevel: null,
    calendar: fakeCalendar(),
    status: 'assigned',
    phase: 'self_inspection',
    assignedAt: '2027-03-20T02:00:00Z',
    planFiledLate: false,
    summaryFiledAt: null,
    summaryOverdue: false,
    tasks: { total: 120, submitted: 40, late: 2, missing: 5, verified: 25 },
    agencyTasks: { total: 25, submitted: 3, late: 0, missing: 0 },
    ...overrides,
  };
}

export function fakeCampaignDetail(overrides: Partial<CampaignDetail> = {}): CampaignDetail {
  return {
    ...fakeCampaignSummary(),
    cities: [
      { code: '3201', name: '南京市' },
      { code: '3205', name: '苏州市' },
    ],
    summaryComment: null,
    history: [
      { at: '2027-03-10T02:00:00Z', action: 'created', by: '周强', comment: null },
      { at: '2027-03-20T02:00:00Z', action: 'assigned', by: '周强', comment: null },
      { at: '2027-03-31T16:00:00Z', action: 'phase_self_inspection', by: '周强', comment: null },
    ],
    ...overrides,
  };
}

export function fakeProgressRow(overrides: Partial<CampaignProgressRow> = {}): CampaignProgressRow {
  return {
    key: '3201',
    name: '南京市',
    tasks: 70,
    submitted: 30,
    late: 2,
    missing: 3,
    refundedAmount: 125000.5,
    issuesFound: 12,
    issueAmount: 300000,
    verified: 20,
    returned: 2,
    refundVerifiedAmount: 98000,
    ...overrides,
  };
}

/** The Xuanwu county agency: its own report in draft, 12 institutions handled, 8 reported, 5 verified. */
export function fakeAgencyRow(overrides: Partial<AgencyProgressRow> = {}): AgencyProgressRow {
  return {
    taskId: 'a1',
    agencyId: 'agency-320102',
    name: '南京市玄武区医疗保险管理中心',
    level: 'county',
    regionCode: '320102',
    regionName: '玄武区',
    cityCode: '3201',
    status: 'draft',
    late: false,
    submittedAt: null,
    handled: { tasks: 12, submitted: 8, verified: 5, returned: 1, refundVerifiedAmount: 4200 },
    ...overrides,
  };
}

export function fakeProgress(): CampaignProgress {
  const nanjing = fakeProgressRow();
  const suzhou = fakeProgressRow({ key: '3205', name: '苏州市', tasks: 50, submitted: 10, late: 0, missing: 2, refundedAmount: 8000, issuesFound: 3, issueAmount: 12000 });
  return {
    byCity: [nanjing, suzhou],
    byKind: [
      fakeProgressRow({ key: 'hospital', name: '医院', tasks: 40, submitted: 20, late: 1, missing: 1 }),
      fakeProgressRow({ key: 'pharmacy', name: '零售药店', tasks: 80, submitted: 20, late: 1, missing: 4 }),
    ],
    totals: fakeProgressRow({
      key: 'total', name: '合计', tasks: 120, submitted: 40, late: 2, missing: 5, refundedAmount: 133000.5, issuesFound: 15, issueAmount: 312000,
      verified: 25, returned: 2, refundVerifiedAmount: 101000,
    }),
    agencies: [
      fakeAgencyRow({ taskId: 'a0', agencyId: 'agency-3201', name: '南京市医疗保险基金管理中心', level: 'city', regionCode: '3201', regionName: '南京市', status: 'submitted', submittedAt: '2027-08-20T02:00:00Z', handled: { tasks: 2, submitted: 2, verified: 2, returned: 0, refundVerifiedAmount: 15000 } }),
      fakeAgencyRow(),
    ],
  };
}

export function fakeReview(overrides: Partial<SelfInspectionReview> = {}): SelfInspectionReview {
  return {
    status: null,
    comment: null,
    reviewedAt: null,
    reviewedBy: null,
    corrections: 0,
    refundConfirmed: null,
    refundVerifiedAmount: null,
    refundVerifiedAt: null,
    history: [],
    ...overrides,
  };
}

/** The Xuanwu agency's own task in fakeCampaignSummary(), not started; 12 institutions in its region. */
export function fakeAgencyTask(overrides: Partial<AgencySelfInspectionTask> = {}): AgencySelfInspectionTask {
  return {
    id: 'a1',
    campaignId: 'c1',
    campaignTitle: '2027年度定点医药机构专项治理',
    campaignPhase: 'self_inspection',
    selfInspectionStart: '2027-04-01',
    selfInspectionEnd: '2027-08-31',
    agency: { id: 'agency-320102', name: '南京市玄武区医疗保险管理中心', level: 'county', regionCode: '320102', regionName: '玄武区', cityCode: '3201' },
    status: 'pending',
    report: '',
    institutionsChecked: 0,
    problemsFound: 0,
    problemAmount: 0,
    refundedAmount: 0,
    issues: [],
    attachmentIds: [],
    submittedAt: null,
    late: false,
    escalatedAt: null,
    regionFigures: { tasks: 12, submitted: 8, verified: 5, returned: 1, refundedAmount: 5200.5, refundVerifiedAmount: 4200, issuesFound: 6, issueAmount: 9100 },
    ...overrides,
  };
}

/** The Nanjing No. 1 hospital's task of fakeCampaignSummary(), not started. */
export function fakeSelfInspectionTask(overrides: Partial<SelfInspectionTask> = {}): SelfInspectionTask {
  return {
    id: 't1',
    campaignId: 'c1',
    campaignTitle: '2027年度定点医药机构专项治理',
    campaignPhase: 'self_inspection',
    campaignFocusAreas: [
      { code: 'public_hospital_charging', text: '二级及以上公立医疗机构：分解收费、超标准收费、重复收费、套用项目收费、不合理诊疗' },
      { code: null, text: '门诊统筹基金使用' },
    ],
    selfInspectionStart: '2027-04-01',
    selfInspectionEnd: '2027-08-31',
    institution: {
      id: 'h-1',
      name: '南京市第一医院',
      kind: 'hospital',
      level: 'tertiary',
      regionCode: '320102',
      regionName: '玄武区',
      cityCode: '3201',
    },
    status: 'pending',
    report: '',
    refundedAmount: 0,
    issues: [],
    attachmentIds: [],
    submittedAt: null,
    late: false,
    escalatedAt: null,
    handlingAgency: { id: 'agency-320102', name: '南京市玄武区医疗保险管理中心' },
    review: fakeReview(),
    ...overrides,
  };
}
