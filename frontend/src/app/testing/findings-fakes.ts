// Test data for the findings, decisions, rectification and dispute specs (Jiangsu, Nanjing, Xuanwu,
// autumn 2027), after the contract in docs/api/findings-and-disputes.md. Only types are imported
// from the app, so nothing of it ships.
import type { Me } from '../core/models';
import { fakeCityBureauUser, fakeDrafter, fakeMe, fakeProvinceUser } from './fakes';
import type { Decision, DisputeDetail, DisputeLevel, Finding } from '../findings/findings-api';

/** A fixed "now": 2027-10-12 10:00 in China. */
export const FINDINGS_NOW = new Date('2027-10-12T02:00:00Z');

export const INSTITUTION = { id: 'h-1', name: '南京市第一医院', regionCode: '320102', regionName: '玄武区' };

/** The clerk of the Nanjing No. 1 hospital. */
export function fakeClerk(): Me {
  return fakeMe(['institution_clerk'], { organization: { id: 'h-1', name: '南京市第一医院', kind: 'institution' } });
}

/** County staff of the Xuanwu agency (the handling agency of h-1), user u-1 / zhangsan. */
export function fakeAgencyUser(): Me {
  return fakeDrafter();
}

/** Another user of the same agency, for the legal review. */
export function fakeSecondAgencyUser(): Me {
  return { ...fakeDrafter(), userId: 'u-2', username: 'lisi', displayName: '李四' };
}

/** County staff of the Xuanwu bureau: the first level of a dispute about a Xuanwu agency's decision. */
export function fakeCountyBureauUser(): Me {
  return fakeMe(['county_staff'], { organization: { id: 'bureau-320102', name: '南京市玄武区医疗保障局', kind: 'bureau' } });
}

export { fakeCityBureauUser, fakeProvinceUser };

export function fakeFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'f1',
    source: 'spot_check',
    sourceId: 'in1',
    institution: INSTITUTION,
    handlingAgencyId: 'agency-320102',
    type: '分解收费',
    description: '将一次住院拆分为两次结算',
    amount: 12800.5,
    clinicianName: '王明',
    attachmentIds: ['att-a'],
    status: 'awaiting_confirmation',
    confirmationDue: '2027-10-14',
    confirmedAt: null,
    deemed: false,
    appeal: null,
    decisionId: null,
    createdAt: '2027-10-08T02:00:00Z',
    history: [{ at: '2027-10-08T02:00:00Z', action: 'created', by: '江苏省医疗保障局', comment: null }],
    ...overrides,
  };
}

/** A major decision (refused payment and suspended settlement), effective, reported to the bureau. */
export function fakeDecision(overrides: Partial<Decision> = {}): Decision {
  return {
    id: 'd1',
    institution: INSTITUTION,
    agencyId: 'agency-320102',
    findingIds: ['f1', 'f2'],
    measures: [
      { kind: 'refuse_payment', amount: 12800.5 },
      { kind: 'suspend_settlement', rectificationDue: '2027-11-30' },
      { kind: 'clinician_talk', clinicianName: '王明' },
    ],
    basis: '《医疗保障定点医疗机构服务协议》第三十二条',
    major: true,
    status: 'effective',
    decidedBy: 'zhangsan',
    legalReview: { by: '李四', approved: true, comment: '依据充分', at: '2027-10-10T03:00:00Z' },
    effectiveAt: '2027-10-10T03:00:00Z',
    reportedToBureauAt: '2027-10-10T03:05:00Z',
    settlement: 'suspended',
    rectification: null,
    dispute: null,
    terminationOnHold: false,
    createdAt: '2027-10-10T02:00:00Z',
    history: [],
    ...overrides,
  };
}

export function fakeLevel(overrides: Partial<DisputeLevel> = {}): DisputeLevel {
  return {
    level: 'county',
    bureauId: 'bureau-320102',
    bureauName: '南京市玄武区医疗保障局',
    regionPath: '/32/3201/320102/',
    dueDate: '2027-11-08',
    receivedAt: '2027-10-11T02:00:00Z',
    decision: null,
    overdue: false,
    ...overrides,
  };
}

/** The path of a dispute about a Xuanwu agency's decision: county → city → province. */
export function fakePath(): DisputeLevel[] {
  return [
    fakeLevel(),
    fakeLevel({ level: 'city', bureauId: 'bureau-3201', bureauName: '南京市医疗保障局', regionPath: '/32/3201/', dueDate: null, receivedAt: null }),
    fakeLevel({ level: 'province', bureauId: 'bureau-32', bureauName: '江苏省医疗保障局', regionPath: '/32/', dueDate: null, receivedAt: null }),
  ];
}

/** The hospital's dispute of fakeDecision(), open at the county bureau. */
export function fakeDispute(overrides: Partial<DisputeDetail> = {}): DisputeDetail {
  const decision = fakeDecision();
  return {
    id: 'ds1',
    decisionId: 'd1',
    institution: INSTITUTION,
    party: 'institution',
    clinicianName: null,
    reasons: '拆分结算系病情变化所致，有病历为证',
    attachmentIds: ['att-d'],
    path: fakePath(),
    current: 0,
    currentLevel: 'county',
    status: 'open',
    escalationDue: null,
    outcome: null,
    filedAt: '2027-10-11T02:00:00Z',
    filedBy: '赵敏',
    endedAt: null,
    decision: {
      id: decision.id,
      agencyId: decision.agencyId,
      agencyName: '玄武区医保经办中心',
      status: decision.status,
      measures: decision.measures,
      basis: decision.basis,
      major: decision.major,
      amounts: { refusedPayment: 12800.5, clinicianRefusedPayment: 0, total: 12800.5 },
      effectiveAt: decision.effectiveAt,
      settlement: decision.settlement,
      terminationOnHold: false,
    },
    history: [{ at: '2027-10-11T02:00:00Z', action: 'filed', level: 0, levelName: 'county', by: '赵敏', organizationId: 'h-1', comment: null }],
    ...overrides,
  };
}

/** The same dispute after the county bureau upheld the decision; escalation open until 2027-10-29. */
export function fakeDecidedDispute(overrides: Partial<DisputeDetail> = {}): DisputeDetail {
  const path = fakePath();
  path[0] = { ...path[0]!, decision: { outcome: 'upheld', reasoning: '拆分结算缺乏病情依据', at: '2027-10-11T06:00:00Z', by: '周强' } };
  return fakeDispute({ path, status: 'decided', escalationDue: '2027-10-29', ...overrides });
}
