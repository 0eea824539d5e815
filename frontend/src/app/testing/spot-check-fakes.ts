import type { CampaignOption, Coverage, Inspection, SpotCheckDetail, SpotCheckSummary, Verification } from '../spot-checks/spot-check-models';

// Test data for the province spot-checks (docs/api/campaigns-and-spot-checks.md): Jiangsu, 2027.

/** A fixed "now": 2027-09-15 10:00 in China, inside the spot-check phase. */
export const SPOT_CHECK_NOW = new Date('2027-09-15T02:00:00Z');

/** sha256('abc'), the FIPS 180-2 test vector. */
export const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

/** A draft spot-check of Nanjing and Suzhou with three witnesses. */
export function fakeSpotCheck(overrides: Partial<SpotCheckDetail> = {}): SpotCheckDetail {
  return {
    id: 'sc1',
    year: 2027,
    title: '2027年定点医药机构抽查',
    campaignId: null,
    campaignTitle: null,
    cityCodes: ['3201', '3205'],
    institutionKinds: ['hospital', 'clinic', 'pharmacy'],
    parameters: { defaultRatio: 0.1, ratios: { 'hospital/tertiary': 0.2 }, teamSize: 2, riskWeighted: true },
    dueDate: '2027-10-31',
    witnesses: [{ name: '纪检监督员 王五' }, { name: '公证员 李四' }, { name: '机构代表 赵六' }],
    beaconRequired: false,
    status: 'draft',
    commitment: null,
    committedAt: null,
    drawnAt: null,
    resultHash: null,
    population: 0,
    drawn: 0,
    inspections: { total: 0, recorded: 0, sent: 0, overdue: 0 },
    strata: [],
    exclusions: { sameCity: 0, linked: 0, inspectedLastYear: 0 },
    checklistItems: [],
    history: [{ at: '2027-09-01T01:00:00Z', action: 'created', by: '江苏省医疗保障局', comment: null }],
    ...overrides,
  };
}

export const COMMITMENT = 'c0ffee'.padEnd(64, '0');
export const RESULT_HASH = 'abcdef'.padEnd(64, '1');

/** The same spot-check once the witnesses have committed. */
export function fakeCommittedSpotCheck(overrides: Partial<SpotCheckDetail> = {}): SpotCheckDetail {
  return fakeSpotCheck({ status: 'committed', commitment: COMMITMENT, committedAt: '2027-09-02T02:00:00Z', population: 120, ...overrides });
}

/** The same spot-check once drawn: 14 of 120 institutions, two strata. */
export function fakeDrawnSpotCheck(overrides: Partial<SpotCheckDetail> = {}): SpotCheckDetail {
  return fakeCommittedSpotCheck({
    status: 'drawn',
    drawnAt: '2027-09-03T02:00:00Z',
    resultHash: RESULT_HASH,
    drawn: 14,
    inspections: { total: 14, recorded: 3, sent: 2, overdue: 1 },
    strata: [
      { cityCode: '3201', cityName: '南京市', kind: 'hospital', level: 'tertiary', population: 20, ratio: 0.2, drawn: 4 },
      { cityCode: '3205', cityName: '苏州市', kind: 'pharmacy', level: 'none', population: 100, ratio: 0.1, drawn: 10 },
    ],
    exclusions: { sameCity: 2, linked: 1, inspectedLastYear: 3 },
    ...overrides,
  });
}

export function fakeSpotCheckSummary(overrides: Partial<SpotCheckSummary> = {}): SpotCheckSummary {
  const { strata: _s, exclusions: _e, history: _h, ...summary } = fakeDrawnSpotCheck();
  return { ...summary, ...overrides };
}

export function fakeCampaignOption(overrides: Partial<CampaignOption> = {}): CampaignOption {
  return {
    id: 'c1',
    year: 2027,
    title: '2027年医保基金专项治理',
    cityCodes: ['3201'],
    institutionKinds: ['pharmacy', 'clinic'],
    calendar: {
      planFiledBy: '2027-05-31',
      selfInspectionStart: '2027-06-01',
      selfInspectionEnd: '2027-08-31',
      spotCheckStart: '2027-09-01',
      spotCheckEnd: '2027-10-20',
      summaryDue: '2027-11-30',
    },
    status: 'assigned',
    phase: 'spot_check',
    ...overrides,
  };
}

export const FAKE_CITIES = [
  { code: '3201', name: '南京市' },
  { code: '3205', name: '苏州市' },
];

/** An inspection of a Suzhou pharmacy, assigned to a two-person team from elsewhere. */
export function fakeInspection(overrides: Partial<Inspection> = {}): Inspection {
  return {
    id: 'in1',
    origin: 'spot_check',
    spotCheckId: 'sc1',
    spotCheckTitle: '2027年定点医药机构抽查',
    agency: null,
    inspectionType: null,
    method: null,
    announced: null,
    plannedOn: null,
    crossInspection: false,
    basis: null,
    interviews: [],
    campaignId: null,
    institution: { id: 'inst-1', name: '苏州康宁大药房', kind: 'pharmacy', level: 'none', regionCode: '320508', regionName: '姑苏区', cityCode: '3205' },
    team: [
      { inspectorId: 'i-1', name: '李明', organizationName: '南京市医疗保障局' },
      { inspectorId: 'i-2', name: '王芳', organizationName: '无锡市医保经办中心' },
    ],
    status: 'assigned',
    dueDate: '2027-10-31',
    overdue: false,
    inspectedOn: null,
    checklistItems: ['聚敛盗刷社保卡', '诱导参保人购买化妆品、生活用品'],
    // As the API sends it: nothing answered until the inspection is recorded.
    checklist: [],
    findings: [],
    attachmentIds: [],
    sentAt: null,
    ...overrides,
  };
}

export function fakeVerification(failing: string[] = []): Verification {
  const names = ['directories', 'commitment', 'reveal', 'seed', 'result'] as const;
  return {
    ok: failing.length === 0,
    checks: names.map((name) => ({
      name,
      ok: !failing.includes(name),
      detail: failing.includes(name) ? `${name} mismatch: recomputed value differs` : `${name} ok`,
    })),
  };
}

/** Nanjing (pharmacies under the 10% line this month) and Suzhou. */
export function fakeCoverage(overrides: Partial<Coverage> = {}): Coverage {
  return {
    year: 2027,
    month: 9,
    byCity: [
      {
        cityCode: '3201',
        cityName: '南京市',
        kinds: [
          { kind: 'hospital', providers: 50, inspectedThisYear: 10, shareThisYear: 0.2, inspectedThisMonth: 2, shareThisMonth: 0.04, monthlyRuleMet: null },
          { kind: 'pharmacy', providers: 200, inspectedThisYear: 60, shareThisYear: 0.3, inspectedThisMonth: 10, shareThisMonth: 0.05, monthlyRuleMet: false },
          { kind: 'clinic', providers: 100, inspectedThisYear: 40, shareThisYear: 0.4, inspectedThisMonth: 12, shareThisMonth: 0.12, monthlyRuleMet: true },
        ],
        notYetInspected: 200,
        keySupervision: { units: 8, inspectedTwice: 3 },
      },
      {
        cityCode: '3205',
        cityName: '苏州市',
        kinds: [
          { kind: 'pharmacy', providers: 150, inspectedThisYear: 45, shareThisYear: 0.3, inspectedThisMonth: 18, shareThisMonth: 0.12, monthlyRuleMet: true },
          { kind: 'clinic', providers: 80, inspectedThisYear: 16, shareThisYear: 0.2, inspectedThisMonth: 8, shareThisMonth: 0.1, monthlyRuleMet: true },
        ],
        notYetInspected: 169,
        keySupervision: { units: 5, inspectedTwice: 5 },
      },
    ],
    ...overrides,
  };
}
