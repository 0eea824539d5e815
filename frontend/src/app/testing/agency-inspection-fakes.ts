import type { Agreement, TeamCandidate, Worklist, WorklistItem } from '../inspections/agency-inspection-models';
import type { CoverageJurisdiction, Inspection, JurisdictionCoverage } from '../spot-checks/spot-check-models';
import { fakeInspection } from './spot-check-fakes';

// Test data for the agencies' own inspections (issue 13): the Xuanwu agency (fakeDrafter's
// organization, agency-320102) in September 2027 (SPOT_CHECK_NOW).

export function fakeWorklistItem(overrides: Partial<WorklistItem> = {}): WorklistItem {
  return {
    institutionId: 'inst-320102-0001',
    name: '南京玄武康宁医院',
    kind: 'hospital',
    level: 'secondary',
    ownership: 'public',
    regionCode: '320102',
    regionName: '玄武区',
    keySupervision: false,
    creditRating: null,
    priorViolations: 0,
    inspectionsThisYear: 0,
    onSiteThisYear: 0,
    inspectedThisMonth: false,
    scheduled: false,
    scheduledThisMonth: false,
    dueReasons: ['not_on_site_this_year'],
    suggested: true,
    risk: 0,
    agreementStatus: 'active',
    lastInspectedOn: null,
    open: null,
    ...overrides,
  };
}

/**
 * Four institutions: the hospital (suggested), a key-supervision pharmacy (suggested, risky), a
 * clinic inspected in May (not suggested) and a pharmacy with an inspection already scheduled.
 */
export function fakeWorklist(overrides: Partial<Worklist> = {}): Worklist {
  return {
    agencyId: 'agency-320102',
    month: '2027-09',
    year: 2027,
    quotas: [
      { kind: 'hospital', providers: 1, monthlyRequired: null, inspectedThisMonth: 0, scheduledThisMonth: 0, notYetThisYear: 1 },
      { kind: 'pharmacy', providers: 2, monthlyRequired: 1, inspectedThisMonth: 0, scheduledThisMonth: 1, notYetThisYear: 2 },
      { kind: 'clinic', providers: 1, monthlyRequired: 1, inspectedThisMonth: 0, scheduledThisMonth: 0, notYetThisYear: 0 },
    ],
    items: [
      fakeWorklistItem({
        institutionId: 'inst-320102-0003',
        name: '玄武仁和大药房',
        kind: 'pharmacy',
        level: 'none',
        ownership: 'private',
        keySupervision: true,
        creditRating: 'C',
        priorViolations: 2,
        dueReasons: ['not_on_site_this_year', 'key_short', 'monthly_share'],
        risk: 5,
      }),
      fakeWorklistItem(),
      fakeWorklistItem({
        institutionId: 'inst-320102-0002',
        name: '玄武区梅园社区卫生服务中心',
        kind: 'clinic',
        level: 'primary',
        inspectionsThisYear: 1,
        onSiteThisYear: 1,
        dueReasons: [],
        suggested: false,
        lastInspectedOn: '2027-05-12',
      }),
      fakeWorklistItem({
        institutionId: 'inst-320102-0004',
        name: '玄武百姓大药房',
        kind: 'pharmacy',
        level: 'none',
        scheduled: true,
        scheduledThisMonth: true,
        dueReasons: ['not_on_site_this_year'],
        suggested: false,
        open: { id: 'ai-open', plannedOn: '2027-09-20', status: 'assigned', overdue: false },
      }),
    ],
    ...overrides,
  };
}

/** An agency inspection of the Xuanwu hospital by the Xuanwu agency, scheduled for 2027-09-15. */
export function fakeAgencyInspection(overrides: Partial<Inspection> = {}): Inspection {
  return fakeInspection({
    id: 'ai1',
    origin: 'agency',
    spotCheckId: null,
    spotCheckTitle: '南京市玄武区医疗保险管理中心日常稽核',
    agency: { id: 'agency-320102', name: '南京市玄武区医疗保险管理中心' },
    inspectionType: 'routine',
    method: 'on_site',
    announced: false,
    plannedOn: '2027-09-15',
    dueDate: '2027-09-15',
    crossInspection: false,
    basis: '2027年第三季度日常稽核计划',
    institution: { id: 'inst-320102-0001', name: '南京玄武康宁医院', kind: 'hospital', level: 'secondary', regionCode: '320102', regionName: '玄武区', cityCode: '3201' },
    team: [
      { inspectorId: 'xw-i-1', name: '陈静', organizationName: '南京市玄武区医疗保险管理中心' },
      { inspectorId: 'xw-i-2', name: '刘洋', organizationName: '南京市玄武区医疗保险管理中心' },
    ],
    checklistItems: ['服务协议履行情况（医保政策执行、信息系统对接、费用上传）', '分解收费'],
    ...overrides,
  });
}

export function fakeJurisdiction(overrides: Partial<CoverageJurisdiction> = {}): CoverageJurisdiction {
  return {
    agencyId: 'agency-320102',
    agencyName: '南京市玄武区医疗保险管理中心',
    level: 'county',
    regionCode: '320102',
    regionName: '玄武区',
    cityCode: '3201',
    institutions: 40,
    onSiteThisYear: 25,
    kinds: [
      { kind: 'hospital', providers: 5, inspectedThisYear: 4, onSiteThisYear: 4, inspectedThisMonth: 1 },
      { kind: 'pharmacy', providers: 20, inspectedThisYear: 12, onSiteThisYear: 12, inspectedThisMonth: 2 },
      { kind: 'clinic', providers: 15, inspectedThisYear: 9, onSiteThisYear: 9, inspectedThisMonth: 1 },
    ],
    keySupervision: { units: 3, inspectedTwice: 1 },
    highCredit: { hospitals: 0, fullyInspected: 0 },
    rules: [
      { rule: 'full_coverage', source: '003 一(一)', basis: 40, required: 40, done: 25, met: false },
      { rule: 'pharmacy_monthly', source: '002 一(四)', basis: 20, required: 2, done: 2, met: true },
      { rule: 'clinic_monthly', source: '002 一(四)', basis: 15, required: 2, done: 1, met: false },
      { rule: 'pharmacy_yearly', source: '002 一(四)', basis: 20, required: 20, done: 12, met: false },
      { rule: 'clinic_yearly', source: '002 一(四)', basis: 15, required: 15, done: 9, met: false },
      { rule: 'key_twice', source: '002 一(四)', basis: 3, required: 3, done: 1, met: false },
      { rule: 'high_credit_full', source: '002 一(四)', basis: 0, required: 0, done: 0, met: true },
    ],
    ...overrides,
  };
}

/** The Xuanwu agency and the Nanjing city agency (all rules met), and the province's sample. */
export function fakeJurisdictionCoverage(overrides: Partial<JurisdictionCoverage> = {}): JurisdictionCoverage {
  return {
    year: 2027,
    month: 9,
    jurisdictions: [
      fakeJurisdiction({
        agencyId: 'agency-3201',
        agencyName: '南京市医疗保险基金管理中心',
        level: 'city',
        regionCode: '3201',
        regionName: '南京市',
        institutions: 2,
        onSiteThisYear: 2,
        rules: [
          { rule: 'full_coverage', source: '003 一(一)', basis: 2, required: 2, done: 2, met: true },
          { rule: 'pharmacy_monthly', source: '002 一(四)', basis: 0, required: 0, done: 0, met: true },
          { rule: 'clinic_monthly', source: '002 一(四)', basis: 0, required: 0, done: 0, met: true },
          { rule: 'pharmacy_yearly', source: '002 一(四)', basis: 0, required: 0, done: 0, met: true },
          { rule: 'clinic_yearly', source: '002 一(四)', basis: 0, required: 0, done: 0, met: true },
          { rule: 'key_twice', source: '002 一(四)', basis: 1, required: 1, done: 1, met: true },
          { rule: 'high_credit_full', source: '002 一(四)', basis: 1, required: 1, done: 1, met: true },
        ],
      }),
      fakeJurisdiction(),
    ],
    provinceSample: [
      { cityCode: '3201', cityName: '南京市', providers: 120, sampled: 15, share: 0.125, ruleMet: true },
      { cityCode: '3205', cityName: '苏州市', providers: 100, sampled: 6, share: 0.06, ruleMet: false },
    ],
    ...overrides,
  };
}

export function fakeAgreement(overrides: Partial<Agreement> = {}): Agreement {
  return {
    id: 'ag-1',
    number: 'NJ320102-2027-0001',
    status: 'active',
    validFrom: '2027-01-01',
    validTo: '2029-12-31',
    institution: {
      id: 'inst-320102-0001',
      name: '南京玄武康宁医院',
      kind: 'hospital',
      level: 'secondary',
      ownership: 'public',
      regionCode: '320102',
      regionName: '玄武区',
      keySupervision: true,
      creditRating: 'A',
    },
    agency: { id: 'agency-320102', name: '南京市玄武区医疗保险管理中心', regionCode: '320102', level: 'county' },
    history: [],
    ...overrides,
  };
}

/** The Xuanwu agency's inspectors for an institution: two eligible, one recused for a link, one for last year, one more eligible. */
export function fakeTeamCandidates(): TeamCandidate[] {
  return [
    { inspectorId: 'xw-i-1', name: '王敏', organizationName: '南京市玄武区医疗保险管理中心', eligible: true, reason: null },
    { inspectorId: 'xw-i-2', name: '刘洋', organizationName: '南京市玄武区医疗保险管理中心', eligible: false, reason: 'linked_institution' },
    { inspectorId: 'xw-i-3', name: '陈静', organizationName: '南京市玄武区医疗保险管理中心', eligible: false, reason: 'inspected_last_year' },
    { inspectorId: 'xw-i-4', name: '赵磊', organizationName: '南京市玄武区医疗保险管理中心', eligible: true, reason: null },
    { inspectorId: 'xw-i-5', name: '孙婷', organizationName: '南京市玄武区医疗保险管理中心', eligible: true, reason: null },
  ];
}
