import { DEFAULT_LEAD_TIME_LIMITS, leadTimeLimits } from '../../src/contexts/leads/domain/time-limits.js';
import { Lead, yuanAmount } from '../../src/contexts/leads/domain/lead.js';
import type { Actor } from '../../src/kernel/actor.js';
import { DomainError } from '../../src/kernel/errors.js';

// The leads' pure rules (issue 17): time limits per source with a deployment's overrides, amounts in
// yuan, and the clock the lead workflow receives (reminders before the due day, stopped when closed).

const XW: Actor = {
  userId: 'u-xw', username: 'xw.staff', displayName: 'xw.staff', roles: ['county_staff'], regionPath: '/32/3201/320102/',
  organizationId: 'agency-320102', organizationKind: 'agency',
};
const place = { regionCode: '320102', regionPath: '/32/3201/320102/', institution: null };

describe('time limits per source', () => {
  it('ship a default with its source for every lead source', () => {
    for (const limit of Object.values(DEFAULT_LEAD_TIME_LIMITS)) {
      expect(limit.workingDays).toBeGreaterThan(0);
      expect(limit.sourceZh.length).toBeGreaterThan(0);
      expect(limit.sourceEn.length).toBeGreaterThan(0);
    }
    expect(DEFAULT_LEAD_TIME_LIMITS.tip.sourceZh).toContain('举报处理暂行办法');
  });

  it('take a deployment override and refuse a bad entry by name', () => {
    const limits = leadTimeLimits('tip=45, media=10');
    expect(limits.tip.workingDays).toBe(45);
    expect(limits.media.workingDays).toBe(10);
    expect(limits.media.sourceEn).toContain('LEAD_TIME_LIMITS');
    expect(limits.national_assignment).toEqual(DEFAULT_LEAD_TIME_LIMITS.national_assignment);
    expect(leadTimeLimits(undefined)).toEqual(DEFAULT_LEAD_TIME_LIMITS);
    expect(() => leadTimeLimits('rumour=5')).toThrow("'rumour=5'");
    expect(() => leadTimeLimits('tip=0')).toThrow("'tip=0'");
    expect(() => leadTimeLimits('tip=3.5')).toThrow("'tip=3.5'");
  });
});

describe('amounts in yuan', () => {
  it('are decimal strings with two decimals, never negative or finer than a fen', () => {
    expect(yuanAmount('1200.5', 'x')).toBe('1200.50');
    expect(yuanAmount(300, 'x')).toBe('300.00');
    expect(yuanAmount(null, 'x')).toBeNull();
    expect(yuanAmount('', 'x')).toBeNull();
    for (const bad of ['-1', '1.005', 'abc', '1e5', Number.NaN]) {
      expect(() => yuanAmount(bad, 'amountInvolved')).toThrow(DomainError);
    }
  });
});

describe('the clock a lead sends its workflow', () => {
  const now = new Date('2026-12-07T02:00:00Z');
  const lead = () => Lead.register({
    id: '00000000-0000-4000-8000-000000000001', actor: XW, source: 'media', sourceRef: null, place, subject: '媒体曝光', facts: '报道称',
    amountInvolved: null, dueDate: '2026-12-31', limit: DEFAULT_LEAD_TIME_LIMITS.media, now,
  });

  it('is due at the first instant after the due day (China time), with reminders 5 and 1 days before at 09:00', () => {
    expect(lead().clock(now)).toEqual({
      dueAt: '2026-12-31T16:00:00.000Z', dueDate: '2026-12-31', remindAt: ['2026-12-26T01:00:00.000Z', '2026-12-30T01:00:00.000Z'],
    });
  });

  it('leaves out reminders already past, and stops once the lead is closed', () => {
    const l = lead();
    expect(l.clock(new Date('2026-12-28T00:00:00Z')).remindAt).toEqual(['2026-12-30T01:00:00.000Z']);
    l.status = 'closed';
    expect(l.clock(now)).toEqual({ dueAt: null, dueDate: null, remindAt: [] });
  });
});
