import { describe, expect, it } from '@jest/globals';
import type { Actor } from '../../src/kernel/actor.js';
import { addWorkingDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { Dispute } from '../../src/contexts/disputes/domain/dispute.js';

// Issue 16: a dispute's clocks are the province's (legal_clock), passed in by the handlers; the
// built-in 20 and 15 working days only when none are given.

const clerk: Actor = { userId: 'u-h', username: 'h', displayName: '医院', roles: ['institution_clerk'], regionPath: '/32/3201/320102/', organizationId: 'inst-1', organizationKind: 'institution' };
const county: Actor = { userId: 'u-c', username: 'c', displayName: '区局', roles: ['county_staff'], regionPath: '/32/3201/320102/', organizationId: 'bureau-320102', organizationKind: 'bureau' };
const decision = { id: 'd-1', regionPath: '/32/3201/320102/', ownerOrgId: 'inst-1', agencyId: 'agency-320102', status: 'effective', measures: [{ kind: 'refuse_payment', amount: 100 }] };
const path = [
  { level: 'county' as const, bureauId: 'bureau-320102', regionPath: '/32/3201/320102/' },
  { level: 'city' as const, bureauId: 'bureau-3201', regionPath: '/32/3201/' },
  { level: 'province' as const, bureauId: 'bureau-32', regionPath: '/32/' },
];
const now = new Date('2026-12-28T02:00:00Z');
const today = chinaDateOf(now);
const file = (clocks?: { levelWorkingDays: number; escalationWorkingDays: number }) =>
  Dispute.file({ id: 'x-1', actor: clerk, decision, path, party: 'institution', reasons: '不服', attachmentIds: [], now, clocks });

describe("a dispute's clocks", () => {
  it('default to 20 working days per level and 15 to escalate', () => {
    const d = file();
    expect(d.path[0]!.dueDate).toBe(addWorkingDays(today, 20));
    d.decide(county, 'upheld', '维持', now);
    expect(d.escalationDue).toBe(addWorkingDays(today, 15));
  });

  it("follow the province's clocks when given: filing, deciding and escalating", () => {
    const clocks = { levelWorkingDays: 7, escalationWorkingDays: 3 };
    const d = file(clocks);
    expect(d.path[0]!.dueDate).toBe(addWorkingDays(today, 7));
    d.decide(county, 'upheld', '维持', now, clocks);
    expect(d.escalationDue).toBe(addWorkingDays(today, 3));
    d.escalate(clerk, '不服区局决定', now, clocks);
    expect(d.path[1]!.dueDate).toBe(addWorkingDays(today, 7));
  });
});
