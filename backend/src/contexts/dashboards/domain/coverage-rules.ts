import { monthsOf, type Period } from './period.js';

// The coverage rules of a region and period on the leaders' dashboard (docs/api/dashboards-and-monthly-reports.md
// §2.1), each against its own basis: seed 003 一(一) every institution inspected on site within the year (全覆盖);
// seed 002 一(四) pharmacies and clinics ≥10% each month and each at least once a year, key-supervision units at
// least twice a year, high-credit hospitals at least one on-site (full) inspection a year; and, separately, the
// province's ≥10% spot-check sample per city (003 一(一)). The same rules as the agencies' coverage page
// (spot-checks/domain/coverage.ts), measured over a region of the tree rather than an agency's jurisdiction.

/** Hospitals of these credit grades count as "信用等级评价较高": the agencies' coverage rules' own list. */
export { HIGH_CREDIT_GRADES } from '../../spot-checks/index.js';

export type DashboardRuleName = 'full_coverage' | 'pharmacy_monthly' | 'clinic_monthly' | 'pharmacy_yearly' | 'clinic_yearly' | 'key_twice' | 'high_credit_full';
/** met: done ≥ required; not_met: missed for good (the window is over, or a month of it was missed); in_progress: not yet. */
export type RuleState = 'met' | 'not_met' | 'in_progress';

export interface RuleMonth {
  /** YYYY-MM */
  month: string;
  /** ⌈10%⌉ of the basis. */
  required: number;
  /** Institutions of the kind with a sent inspection in the month. */
  done: number;
  met: boolean;
  /** ended: the month is over (it counts); current: under way; future: not begun. */
  timing: 'ended' | 'current' | 'future';
}

export interface DashboardCoverageRule {
  rule: DashboardRuleName;
  /** The seed paragraph the rule comes from. */
  source: string;
  /** The region's units the rule is measured against: institutions, pharmacies, clinics, key-supervision units, high-credit hospitals. */
  basis: number;
  /** What the rule asks, in `unit`. */
  required: number;
  done: number;
  met: boolean;
  state: RuleState;
  /**
   * institutions: units of the basis; months: a monthly rule over a quarter or a year counts the months
   * met out of the months ended so far.
   */
  unit: 'institutions' | 'months';
  /** The dates counted: from January to the period's end (yearly rules), the period (monthly rules). */
  judged: { from: string; to: string };
  /** Monthly rules: each month of the period. */
  months?: RuleMonth[];
}

/** The province's spot-check sample in one city: institutions with a sent spot-check inspection, year to date. */
export interface ProvinceSampleRow {
  cityCode: string;
  cityName: string;
  source: '003 一(一)';
  basis: number;
  required: number;
  done: number;
  met: boolean;
  state: RuleState;
  judged: { from: string; to: string };
}

export interface RuleCounts {
  /** The region's designated institutions (the directory). */
  basis: { institutions: number; pharmacies: number; clinics: number; keyUnits: number; highCredit: number };
  /** Distinct institutions, from January to the period's end. */
  toDate: { onSite: number; pharmacies: number; clinics: number; keyTwice: number; highCreditOnSite: number };
  /** Per month of the period (YYYY-MM): pharmacies and clinics with a sent inspection in the month. */
  months: { month: string; pharmacies: number; clinics: number }[];
}

/** ≥10%, in whole institutions. */
export const tenPercent = (basis: number) => Math.ceil(basis / 10);

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** A yearly count judged on the year to the period's end: over once the year is (the period reaches December and has ended). */
function yearly(rule: DashboardRuleName, source: string, basis: number, done: number, period: Period, today: string): DashboardCoverageRule {
  const met = done >= basis;
  const over = period.to.endsWith('-12-31') && today > period.to;
  return {
    rule, source, basis, required: basis, done, met, state: met ? 'met' : over ? 'not_met' : 'in_progress', unit: 'institutions',
    judged: { from: `${period.from.slice(0, 4)}-01-01`, to: period.to },
  };
}

/** ≥10% of the basis each month: for a month its own count; for a quarter or a year, the months met out of those ended. */
function monthly(rule: DashboardRuleName, basis: number, counts: { month: string; done: number }[], period: Period, today: string): DashboardCoverageRule {
  const required = tenPercent(basis);
  const thisMonth = today.slice(0, 7);
  const months: RuleMonth[] = counts.map(({ month, done }) => ({
    month, required, done, met: done >= required,
    timing: month < thisMonth ? 'ended' : month === thisMonth ? 'current' : 'future',
  }));
  const judged = { from: period.from, to: period.to };
  if (period.kind === 'month') {
    const m = months[0]!;
    const state: RuleState = m.met ? 'met' : today > lastDayOf(m.month) ? 'not_met' : 'in_progress';
    return { rule, source: '002 一(四)', basis, required, done: m.done, met: m.met, state, unit: 'institutions', judged, months };
  }
  const ended = months.filter((m) => m.timing === 'ended');
  const done = ended.filter((m) => m.met).length;
  const met = done >= ended.length;
  const state: RuleState = !met ? 'not_met' : ended.length === months.length ? 'met' : 'in_progress';
  return { rule, source: '002 一(四)', basis, required: ended.length, done, met, state, unit: 'months', judged, months };
}

/** Each rule of a region and period against its own basis; `today` is the China date (YYYY-MM-DD). */
export function coverageRulesOf(c: RuleCounts, period: Period, today: string): DashboardCoverageRule[] {
  const byMonth = new Map(c.months.map((m) => [m.month, m]));
  const periodMonths = monthsOf(period).map((d) => d.slice(0, 7));
  const of = (kind: 'pharmacies' | 'clinics') => periodMonths.map((month) => ({ month, done: byMonth.get(month)?.[kind] ?? 0 }));
  return [
    yearly('full_coverage', '003 一(一)', c.basis.institutions, c.toDate.onSite, period, today),
    monthly('pharmacy_monthly', c.basis.pharmacies, of('pharmacies'), period, today),
    monthly('clinic_monthly', c.basis.clinics, of('clinics'), period, today),
    yearly('pharmacy_yearly', '002 一(四)', c.basis.pharmacies, c.toDate.pharmacies, period, today),
    yearly('clinic_yearly', '002 一(四)', c.basis.clinics, c.toDate.clinics, period, today),
    yearly('key_twice', '002 一(四)', c.basis.keyUnits, c.toDate.keyTwice, period, today),
    yearly('high_credit_full', '002 一(四)', c.basis.highCredit, c.toDate.highCreditOnSite, period, today),
  ];
}

/** The province's ≥10% sample of one city (separate from the rules above), judged on the year to the period's end. */
export function provinceSampleOf(city: { code: string; name: string }, basis: number, done: number, period: Period, today: string): ProvinceSampleRow {
  const required = tenPercent(basis);
  const met = done >= required;
  const over = period.to.endsWith('-12-31') && today > period.to;
  return {
    cityCode: city.code, cityName: city.name, source: '003 一(一)', basis, required, done, met,
    state: met ? 'met' : over ? 'not_met' : 'in_progress', judged: { from: `${period.from.slice(0, 4)}-01-01`, to: period.to },
  };
}
