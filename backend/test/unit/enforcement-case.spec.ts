import { describe, expect, it } from '@jest/globals';
import type { Actor } from '../../src/kernel/actor.js';
import { DomainError } from '../../src/kernel/errors.js';
import { EnforcementCase } from '../../src/contexts/enforcement/domain/enforcement-case.js';
import { enforcementLimits } from '../../src/contexts/enforcement/domain/limits.js';
import { maskPersonalData } from '../../src/contexts/enforcement/domain/masking.js';

// Issue 18: the enforcement case's rules without a database (the integration spec runs the whole path
// over HTTP) and the public page's masking of personal data.

const actor = (userId: string, roles: string[], organizationId = 'bureau-320102', kind: Actor['organizationKind'] = 'bureau'): Actor => ({
  userId, username: userId, displayName: userId, roles: roles as Actor['roles'], regionPath: '/32/3201/320102/', organizationId, organizationKind: kind,
});
const STAFF = actor('s1', ['county_staff', 'legal_reviewer']);
const STAFF2 = actor('s2', ['county_staff']);
const LEADER = actor('ld', ['leader']);
const LEGAL = actor('lg', ['county_staff', 'legal_reviewer']);
// Legal reviewers outside the case's bureau: the agency's, another bureau's.
const AGENCY_LEGAL = actor('alg', ['county_staff', 'legal_reviewer'], 'agency-320102', 'agency');
const OTHER_BUREAU_LEGAL = actor('blg', ['city_agency_staff', 'legal_reviewer'], 'bureau-3201');
const PLACE = { regionCode: '320102', regionPath: '/32/3201/320102/', institution: { id: 'inst-320102-0001', regionPath: '/32/3201/320102/' } };
const now = new Date('2026-06-01T02:00:00Z');

const code = (fn: () => void) => {
  try { fn(); } catch (e) { return (e as DomainError).code; }
  return null;
};

function investigated(amount: string, limits = enforcementLimits()) {
  const c = EnforcementCase.propose({ id: 'c1', actor: STAFF, source: 'other', sourceRef: null, place: PLACE, subject: '串换药品', facts: '事实', amountInvolved: amount, limits, now });
  c.approveFiling(LEADER, true, null, limits, now);
  c.assignOfficers(LEADER, [{ userId: 's1', name: '甲' }, { userId: 's2', name: '乙' }], now);
  c.addRecord(STAFF2, { kind: 'interview', title: '询问笔录', summary: '内容' }, [], now);
  c.notify(STAFF, { proposedPenalty: '1000', proposedRecovery: '500', legalBasis: '条例第三十八条' }, limits, now);
  c.recordStatement(STAFF, { statement: '无异议', defence: null, hearingRequested: true }, [], now);
  return c;
}

describe('enforcement case', () => {
  it('starts the closure clock at filing: the configured days from 立案 (default 90), extended by a leader', () => {
    const c = investigated('100');
    expect(c.dueDate).toBe('2026-08-30');
    const short = investigated('100', enforcementLimits({ closureDays: 30 }));
    expect(short.dueDate).toBe('2026-07-01');
    expect(code(() => c.extend(STAFF, 30, '案情复杂', now))).toBe('case_leader_required');
    c.extend(LEADER, 30, '案情复杂', now);
    expect(c.dueDate).toBe('2026-09-29');
  });

  it('refuses a legal review by an investigator, without the role, or outside the case\'s bureau; a non-major case is decided without deliberation', () => {
    const c = investigated('100');
    expect(c.major).toBe(false);
    expect(code(() => c.reviewLegality(STAFF, true, '同意', now))).toBe('case_reviewer_investigated');
    expect(code(() => c.reviewLegality(STAFF2, true, '同意', now))).toBe('case_legal_reviewer_required');
    expect(code(() => c.reviewLegality(AGENCY_LEGAL, true, '同意', now))).toBe('case_legal_reviewer_required');
    expect(code(() => c.reviewLegality(OTHER_BUREAU_LEGAL, true, '同意', now))).toBe('case_legal_reviewer_required');
    expect(c.status).toBe('notified');
    c.reviewLegality(LEGAL, true, '同意', now);
    expect(code(() => c.decide(STAFF, { penaltyAmount: '1000', recoveryAmount: '500', legalBasis: '依据', summary: '决定' }, [], now))).toBe('case_leader_required');
    c.decide(LEADER, { penaltyAmount: '1000', recoveryAmount: '500', legalBasis: '依据', summary: '决定' }, [], now);
    expect([c.status, c.penaltyAmount, c.recoveryAmount]).toEqual(['decided', '1000.00', '500.00']);
  });

  it('a case becomes major by its amount or its proposed penalty reaching the configured threshold', () => {
    expect(investigated('100000').major).toBe(true);
    expect(investigated('99999.99').major).toBe(false);
    expect(investigated('100', enforcementLimits({ majorThreshold: '1000' })).major).toBe(true);
  });

  it('a refused legal review sends the case back to investigation', () => {
    const c = investigated('100');
    c.reviewLegality(LEGAL, false, '证据不足', now);
    expect(c.status).toBe('investigating');
  });
});

describe('maskPersonalData', () => {
  it('masks names of natural persons everywhere in the record, ID numbers and phones; keeps institutions and amounts', () => {
    const [facts, decision] = maskPersonalData([
      '该院医师王小明于 3 月为参保人李四（身份证号 32010219900101123X，电话 13912345678，座机 025-84561234）串换药品 120000.00 元。',
      '南京玄武康宁医院退回 150000 元；王小明另行处理；联系张先生；赵六同志到场。',
    ]);
    expect(facts).toBe('该院医师王** 于 3 月为参保人李*（身份证号 320102************，电话 139********，座机 025-*******）串换药品 120000.00 元。'.replace('王** 于', '王**于'));
    // 张先生 names a surname only (kept as the masking keeps surnames); a full name before 同志 is masked
    expect(decision).toBe('南京玄武康宁医院退回 150000 元；王**另行处理；联系张先生；赵*同志到场。');
  });

  it('masks 15-digit IDs and leaves a text without personal data unchanged', () => {
    expect(maskPersonalData(['身份证 320102900101123'])[0]).toBe('身份证 320102*********');
    expect(maskPersonalData(['罚款 300000.00 元'])[0]).toBe('罚款 300000.00 元');
  });
});

describe('the closure, as the other contexts see it', () => {
  it('EnforcementCaseClosed carries the closing bureau, the China day of closure and the amounts; nothing before the closure', async () => {
    const { pullEvents } = await import('../../src/kernel/aggregate.js');
    const c = investigated('620000.00');
    c.reviewLegality(LEGAL, true, '同意', now);
    c.deliberate(LEADER, { participants: ['甲', '乙', '丙'], minutes: '纪要', conclusion: '同意处罚' }, [], now);
    c.decide(LEADER, { penaltyAmount: '100000', recoveryAmount: '620000', legalBasis: '依据', summary: '决定' }, [], now);
    c.serve(STAFF, { method: '直接送达', recipient: '医院', servedOn: '2026-06-01' }, [], now);
    expect(c.closure()).toBeNull();
    pullEvents(c);
    // 2026-06-01T17:00Z is already 2 June in China
    c.close(LEADER, '结案', new Date('2026-06-01T17:00:00Z'));
    const expected = {
      caseId: 'c1', regionPath: '/32/3201/320102/', ownerOrgId: 'bureau-320102', closedOn: '2026-06-02', amountInvolved: '620000.00', penaltyAmount: '100000.00', recoveryAmount: '620000.00',
    };
    expect(c.closure()).toEqual(expected);
    expect(pullEvents(c).filter((e) => e.type === 'EnforcementCaseClosed').map((e) => e.payload)).toEqual([expected]);
  });
});
