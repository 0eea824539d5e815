import type { Actor } from '../../src/kernel/actor.js';
import { pullEvents } from '../../src/kernel/aggregate.js';
import { DomainError } from '../../src/kernel/errors.js';
import { Decision } from '../../src/contexts/findings/domain/decision.js';

// Issue 16: the agency records what it actually recovered under a decision (Decision.recordRecovery).

const agency: Actor = {
  userId: 'u-xw', username: 'xw.staff', displayName: '玄武区经办', roles: ['county_staff'],
  regionPath: '/32/3201/320102/', organizationId: 'agency-320102', organizationKind: 'agency',
};
const now = new Date('2026-12-07T04:00:00Z'); // 2026-12-07 in China

function decision(effectiveAt: Date | null = new Date('2026-11-20T02:00:00Z')): Decision {
  return Object.assign(new Decision(), {
    id: 'd-1', regionPath: '/32/3201/320102/', ownerOrgId: 'inst-320102-0001', agencyId: 'agency-320102', findingIds: ['f-1'],
    measures: [{ kind: 'talk' }], status: effectiveAt ? 'effective' : 'pending_legal_review', effectiveAt,
  });
}
function code(fn: () => unknown): string {
  try { fn(); } catch (e) { return e instanceof DomainError ? e.code : String(e); }
  return 'none';
}
const input = (amount: unknown, recoveredOn: unknown = '2026-12-01', method: unknown = 'deduction') => ({ amount, recoveredOn, method });

describe('Decision.recordRecovery', () => {
  it('records up to the cent of what remains, with history and an event', () => {
    const d = decision();
    const r = d.recordRecovery(agency, input(0.3), 100.3, 100, 'r-1', ['a-1'], now);
    expect(r).toMatchObject({ id: 'r-1', decisionId: 'd-1', amount: 0.3, recoveredOn: '2026-12-01', method: 'deduction', attachmentIds: ['a-1'], recordedBy: '玄武区经办' });
    expect(d.newHistory).toEqual([expect.objectContaining({ action: 'recovery_recorded', comment: '扣减 0.30 元（2026-12-01）' })]);
    expect(pullEvents(d).map((e) => [e.type, e.payload])).toEqual([
      ['DecisionRecoveryRecorded', { recoveryId: 'r-1', amount: 0.3, method: 'deduction', recoveredOn: '2026-12-01' }],
    ]);
  });

  it('refuses more than what remains (in cents, not floats)', () => {
    expect(code(() => decision().recordRecovery(agency, input(0.31), 100.3, 100, 'r', [], now))).toBe('recovery_exceeds_confirmed');
    expect(code(() => decision().recordRecovery(agency, input(0.01), 300.3, 300.3, 'r', [], now))).toBe('recovery_exceeds_confirmed');
    expect(code(() => decision().recordRecovery(agency, input(0.1), 0.3, 0.2, 'r', [], now))).toBe('none');
  });

  it('refuses a non-positive or malformed amount, a day in the future or before the decision took effect, an unknown method', () => {
    for (const bad of [0, -1, 1.001, '5', null, Number.NaN, 1e13]) expect(code(() => decision().recordRecovery(agency, input(bad), 1e12, 0, 'r', [], now))).toBe('recovery_amount_invalid');
    for (const day of ['2026-12-08', '2026-11-19', '2026-13-01', '20261201', null]) {
      expect(code(() => decision().recordRecovery(agency, input(1, day), 10, 0, 'r', [], now))).toBe('recovery_date_invalid');
    }
    // the bounds themselves: the China day it took effect, and today
    expect(code(() => decision().recordRecovery(agency, input(1, '2026-11-20'), 10, 0, 'r', [], now))).toBe('none');
    expect(code(() => decision().recordRecovery(agency, input(1, '2026-12-07'), 10, 0, 'r', [], now))).toBe('none');
    for (const m of ['cash', '', null]) expect(code(() => decision().recordRecovery(agency, input(1, '2026-12-01', m), 10, 0, 'r', [], now))).toBe('recovery_method_invalid');
  });

  it('only the handling agency, only once the decision is in effect', () => {
    expect(code(() => decision().recordRecovery({ ...agency, organizationId: 'agency-3201' }, input(1), 10, 0, 'r', [], now))).toBe('decision_forbidden');
    expect(code(() => decision(null).recordRecovery(agency, input(1), 10, 0, 'r', [], now))).toBe('decision_status_invalid');
  });
});
