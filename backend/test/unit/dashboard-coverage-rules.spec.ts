import { coverageRulesOf, HIGH_CREDIT_GRADES, provinceSampleOf, type RuleCounts } from '../../src/contexts/dashboards/domain/coverage-rules.js';
import { HIGH_CREDIT_GRADES as AGENCY_HIGH_CREDIT_GRADES } from '../../src/contexts/spot-checks/domain/coverage.js';
import { parsePeriod } from '../../src/contexts/dashboards/domain/period.js';

// The dashboard's coverage rules (docs/api/dashboards-and-monthly-reports.md §2.1): each against its own
// basis, the monthly ones as months met out of the months ended, and when a rule is missed for good.

const counts = (over: Partial<RuleCounts> = {}): RuleCounts => ({
  basis: { institutions: 40, pharmacies: 25, clinics: 9, keyUnits: 3, highCredit: 2 },
  toDate: { onSite: 30, pharmacies: 20, clinics: 9, keyTwice: 1, highCreditOnSite: 2 },
  months: [],
  ...over,
});
const byName = (rules: ReturnType<typeof coverageRulesOf>) => Object.fromEntries(rules.map((r) => [r.rule, r]));

describe('coverage rules of a region and period', () => {
  it('each rule against its own basis, from its seed paragraph', () => {
    const r = byName(coverageRulesOf(counts({ months: [{ month: '2026-05', pharmacies: 2, clinics: 1 }] }), parsePeriod('2026-05'), '2026-12-07'));
    expect(Object.keys(r)).toEqual(['full_coverage', 'pharmacy_monthly', 'clinic_monthly', 'pharmacy_yearly', 'clinic_yearly', 'key_twice', 'high_credit_full']);
    expect(r.full_coverage).toMatchObject({ source: '003 一(一)', basis: 40, required: 40, done: 30, met: false, unit: 'institutions', judged: { from: '2026-01-01', to: '2026-05-31' } });
    // ≥10% in whole institutions: 25 pharmacies → 3, 9 clinics → 1
    expect(r.pharmacy_monthly).toMatchObject({ source: '002 一(四)', basis: 25, required: 3, done: 2, met: false, state: 'not_met', judged: { from: '2026-05-01', to: '2026-05-31' } });
    expect(r.clinic_monthly).toMatchObject({ basis: 9, required: 1, done: 1, met: true, state: 'met' });
    expect(r.clinic_yearly).toMatchObject({ basis: 9, required: 9, done: 9, met: true, state: 'met' });
    expect(r.key_twice).toMatchObject({ basis: 3, required: 3, done: 1 });
    expect(r.high_credit_full).toMatchObject({ basis: 2, done: 2, met: true });
  });

  it('a yearly rule is missed for good only once the year is over and the period reaches December', () => {
    expect(byName(coverageRulesOf(counts(), parsePeriod('2026'), '2026-12-07')).full_coverage.state).toBe('in_progress');
    expect(byName(coverageRulesOf(counts(), parsePeriod('2026'), '2027-01-01')).full_coverage.state).toBe('not_met');
    // last year's second quarter: the year to the end of June, the year was not over then
    expect(byName(coverageRulesOf(counts(), parsePeriod('2025-Q2'), '2026-12-07')).full_coverage).toMatchObject({
      state: 'in_progress', judged: { from: '2025-01-01', to: '2025-06-30' },
    });
    expect(byName(coverageRulesOf(counts(), parsePeriod('2025-Q4'), '2026-12-07')).full_coverage.state).toBe('not_met');
  });

  it('a monthly rule over a quarter: the months met out of the months ended; a missed month is final', () => {
    const months = [{ month: '2026-10', pharmacies: 3, clinics: 0 }, { month: '2026-11', pharmacies: 4, clinics: 1 }, { month: '2026-12', pharmacies: 1, clinics: 0 }];
    const r = byName(coverageRulesOf(counts({ months }), parsePeriod('2026-Q4'), '2026-12-07'));
    expect(r.pharmacy_monthly).toMatchObject({ unit: 'months', required: 2, done: 2, met: true, state: 'in_progress' });
    expect(r.pharmacy_monthly.months).toEqual([
      { month: '2026-10', required: 3, done: 3, met: true, timing: 'ended' },
      { month: '2026-11', required: 3, done: 4, met: true, timing: 'ended' },
      { month: '2026-12', required: 3, done: 1, met: false, timing: 'current' },
    ]);
    expect(r.clinic_monthly).toMatchObject({ unit: 'months', required: 2, done: 1, met: false, state: 'not_met' });
    // once December is over
    expect(byName(coverageRulesOf(counts({ months }), parsePeriod('2026-Q4'), '2027-01-02')).pharmacy_monthly).toMatchObject({ required: 3, done: 2, state: 'not_met' });
    // a year not begun: nothing ended, nothing judged
    expect(byName(coverageRulesOf(counts(), parsePeriod('2027'), '2026-12-07')).pharmacy_monthly).toMatchObject({ required: 0, done: 0, met: true, state: 'in_progress' });
  });

  it('the current month is in progress until its 10% is reached', () => {
    const r = byName(coverageRulesOf(counts({ months: [{ month: '2026-12', pharmacies: 1, clinics: 1 }] }), parsePeriod('2026-12'), '2026-12-07'));
    expect(r.pharmacy_monthly).toMatchObject({ required: 3, done: 1, met: false, state: 'in_progress' });
    expect(r.clinic_monthly).toMatchObject({ required: 1, done: 1, met: true, state: 'met' });
  });

  it("the province's sample of a city: ⌈10%⌉ of its institutions on the year to date", () => {
    expect(provinceSampleOf({ code: '3201', name: '南京市' }, 95, 10, parsePeriod('2026'), '2026-12-07')).toEqual({
      cityCode: '3201', cityName: '南京市', source: '003 一(一)', basis: 95, required: 10, done: 10, met: true, state: 'met',
      judged: { from: '2026-01-01', to: '2026-12-31' },
    });
    expect(provinceSampleOf({ code: '3205', name: '苏州市' }, 95, 9, parsePeriod('2025'), '2026-12-07')).toMatchObject({ met: false, state: 'not_met' });
  });

  it("high-credit hospitals are those of the agencies' coverage (the list is repeated: contexts meet through their public entry)", () => {
    expect(HIGH_CREDIT_GRADES).toEqual(AGENCY_HIGH_CREDIT_GRADES);
  });
});
