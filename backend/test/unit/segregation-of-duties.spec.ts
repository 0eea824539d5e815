import { detectSodConflicts, SOD_RULES } from '../../src/contexts/internal-control/domain/segregation-of-duties.js';
import { drawTeam } from '../../src/contexts/internal-control/domain/ic-plan.js';

// Segregation of duties (docs/api/internal-control-audits.md): the five conflict rules.

const person = (personId: string, ...posts: string[]) => ({ personId, personName: `姓名${personId}`, posts });

describe('segregation-of-duties detector', () => {
  it.each(SOD_RULES.map((r) => [r.code, r.posts] as const))('rule %s fires when one person holds both posts', (code, posts) => {
    const conflicts = detectSodConflicts([person('p1', ...posts), person('p2', 'registration')]);
    expect(conflicts.map((c) => [c.rule, c.personId])).toEqual([[code, 'p1']]);
  });

  it('has exactly the five rules of the contract', () => {
    expect(SOD_RULES.map((r) => r.code)).toEqual([
      'review_and_approve_payment', 'register_and_settle', 'accounting_and_cashier', 'admin_and_operator', 'review_and_supervise',
    ]);
  });

  it('a person holding three posts triggers every applicable rule', () => {
    const conflicts = detectSodConflicts([person('p1', 'claims_review', 'audit_supervision', 'payment_review', 'payment_approval')]);
    expect(conflicts.map((c) => c.rule).sort()).toEqual(['review_and_approve_payment', 'review_and_supervise']);
    const three = detectSodConflicts([person('p1', 'system_admin', 'business_operator', 'registration', 'settlement')]);
    expect(three.map((c) => c.rule)).toEqual(['register_and_settle', 'admin_and_operator']);
    // three posts, two rules sharing none: both fire; a third post in no rule adds nothing
    const triple = detectSodConflicts([person('p1', 'fund_accounting', 'fund_cashier', 'payment_review')]);
    expect(triple.map((c) => c.rule)).toEqual(['accounting_and_cashier']);
  });

  it('a clean organization produces no conflict', () => {
    expect(detectSodConflicts([
      person('a', 'payment_review', 'registration', 'fund_accounting', 'system_admin', 'claims_review'),
      person('b', 'payment_approval', 'settlement', 'fund_cashier', 'business_operator', 'audit_supervision'),
    ])).toEqual([]);
    expect(detectSodConflicts([])).toEqual([]);
  });

  it('conflicting posts held by two different persons do not count', () => {
    expect(detectSodConflicts([person('a', 'payment_review'), person('b', 'payment_approval')])).toEqual([]);
  });
});

describe('team draw', () => {
  const inspectors = Array.from({ length: 20 }, (_, i) => ({ id: `insp-${String(i).padStart(2, '0')}`, organizationId: i % 4 === 0 ? 'agency-320102' : `bureau-${i}` }));

  it('is deterministic from the plan id, never draws from the audited agency', () => {
    const a = drawTeam('plan-1', 'agency-320102', inspectors, 3);
    expect(drawTeam('plan-1', 'agency-320102', [...inspectors].reverse(), 3)).toEqual(a);
    expect(a).toHaveLength(3);
    expect(a.every((i) => i.organizationId !== 'agency-320102')).toBe(true);
    const others = ['plan-2', 'plan-3', 'plan-4'].map((p) => drawTeam(p, 'agency-320102', inspectors, 3).map((i) => i.id).join());
    expect(new Set([a.map((i) => i.id).join(), ...others]).size).toBeGreaterThan(1);
  });
});
