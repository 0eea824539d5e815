// The coverage rules of on-site work per jurisdiction (本辖区) and the monthly worklist that follows
// from them. Seed 003 一(一): every designated institution inspected on site within the year
// (全覆盖); seed 002 一(四): pharmacies and outpatient units ≥10% of the jurisdiction each month and
// each at least once a year, high-credit hospitals at least one full inspection a year, key-supervision
// units at least two a year.
import type { InstitutionKind, InstitutionLevel } from './draw/types.js';

/** Credit grades counted as "信用等级评价较高" (the grading scheme is the province's; A of A–E by default). */
export const HIGH_CREDIT_GRADES: readonly string[] = ['A'];
/** Grades that add to an institution's risk in the worklist. */
const LOW_CREDIT_GRADES: readonly string[] = ['C', 'D', 'E'];

export interface CoverageKindCounts { kind: string; providers: number; inspectedThisYear: number; onSiteThisYear: number; inspectedThisMonth: number }
export interface CoverageCounts {
  institutions: number;
  onSiteThisYear: number;
  kinds: CoverageKindCounts[];
  keySupervision: { units: number; inspectedTwice: number };
  highCredit: { hospitals: number; fullyInspected: number };
}

export type CoverageRuleName = 'full_coverage' | 'pharmacy_monthly' | 'clinic_monthly' | 'pharmacy_yearly' | 'clinic_yearly' | 'key_twice' | 'high_credit_full';
export interface CoverageRule {
  rule: CoverageRuleName;
  /** The seed paragraph the rule comes from. */
  source: string;
  /** What the rule is measured against (units of the jurisdiction of that kind). */
  basis: number;
  required: number;
  done: number;
  met: boolean;
}

/** Each rule against its own basis: the number required, the number done, met or not. */
export function coverageRules(c: CoverageCounts): CoverageRule[] {
  const kind = (k: string) => c.kinds.find((x) => x.kind === k) ?? { kind: k, providers: 0, inspectedThisYear: 0, onSiteThisYear: 0, inspectedThisMonth: 0 };
  const rule = (name: CoverageRuleName, source: string, basis: number, required: number, done: number): CoverageRule =>
    ({ rule: name, source, basis, required, done, met: done >= required });
  const pharmacy = kind('pharmacy');
  const clinic = kind('clinic');
  return [
    rule('full_coverage', '003 一(一)', c.institutions, c.institutions, c.onSiteThisYear),
    // ≥10% a month, in integers: required = ⌈10% of the units⌉
    rule('pharmacy_monthly', '002 一(四)', pharmacy.providers, Math.ceil(pharmacy.providers / 10), pharmacy.inspectedThisMonth),
    rule('clinic_monthly', '002 一(四)', clinic.providers, Math.ceil(clinic.providers / 10), clinic.inspectedThisMonth),
    rule('pharmacy_yearly', '002 一(四)', pharmacy.providers, pharmacy.providers, pharmacy.inspectedThisYear),
    rule('clinic_yearly', '002 一(四)', clinic.providers, clinic.providers, clinic.inspectedThisYear),
    rule('key_twice', '002 一(四)', c.keySupervision.units, c.keySupervision.units, c.keySupervision.inspectedTwice),
    rule('high_credit_full', '002 一(四)', c.highCredit.hospitals, c.highCredit.hospitals, c.highCredit.fullyInspected),
  ];
}

export type DueReason = 'not_on_site_this_year' | 'monthly_share' | 'key_short' | 'high_credit_full';

export interface WorklistRow {
  institutionId: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  keySupervision: boolean;
  creditRating: string | null;
  priorViolations: number;
  inspectionsThisYear: number;
  onSiteThisYear: number;
  inspectedThisMonth: boolean;
  /** An inspection is scheduled and not sent yet. */
  scheduled: boolean;
  scheduledThisMonth: boolean;
  dueReasons: DueReason[];
  suggested: boolean;
  risk: number;
}

/** As in the province's draw (ADR 0008): key supervision weighs 2, each prior violation 1 (at most 5); low credit adds 1. */
export const riskOf = (r: Pick<WorklistRow, 'keySupervision' | 'priorViolations' | 'creditRating'>) =>
  (r.keySupervision ? 2 : 0) + Math.min(r.priorViolations, 5) + (r.creditRating && LOW_CREDIT_GRADES.includes(r.creditRating) ? 1 : 0);

const byRisk = (a: WorklistRow, b: WorklistRow) => b.risk - a.risk || a.onSiteThisYear - b.onSiteThisYear || a.institutionId.localeCompare(b.institutionId);

/**
 * What the rules still ask of each institution this year, and which are suggested for the month
 * (`month` 1–12), risk first: pharmacies and clinics up to the month's 10% (those not inspected this
 * year first); key-supervision units short of two (the first in the first half of the year, the
 * second in the second); hospitals not yet on site spread over the months left. Institutions with an
 * inspection scheduled or done this month are not suggested again. Suggested first, then by risk.
 */
export function worklistSuggestions(rows: WorklistRow[], month: number): WorklistRow[] {
  const items = rows.map((r): WorklistRow => {
    const reasons: DueReason[] = [];
    if (r.onSiteThisYear === 0) reasons.push('not_on_site_this_year');
    if (r.keySupervision && r.inspectionsThisYear < 2) reasons.push('key_short');
    if (r.kind === 'hospital' && r.creditRating && HIGH_CREDIT_GRADES.includes(r.creditRating) && r.onSiteThisYear === 0) reasons.push('high_credit_full');
    return { ...r, dueReasons: reasons, suggested: false, risk: riskOf(r) };
  });
  const free = (r: WorklistRow) => !r.scheduled && !r.inspectedThisMonth;
  const suggest = (r: WorklistRow, reason?: DueReason) => {
    r.suggested = true;
    if (reason && !r.dueReasons.includes(reason)) r.dueReasons.push(reason);
  };
  for (const kind of ['pharmacy', 'clinic']) {
    const mine = items.filter((r) => r.kind === kind);
    const done = mine.filter((r) => r.inspectedThisMonth || r.scheduledThisMonth).length;
    const remaining = Math.max(0, Math.ceil(mine.length / 10) - done);
    mine.filter(free).sort(byRisk).slice(0, remaining).forEach((r) => suggest(r, 'monthly_share'));
  }
  for (const r of items) {
    if (!free(r) || !r.keySupervision) continue;
    if (r.inspectionsThisYear === 0 || (month >= 7 && r.inspectionsThisYear < 2)) suggest(r);
  }
  const hospitals = items.filter((r) => r.kind === 'hospital' && r.onSiteThisYear === 0 && free(r) && !r.suggested);
  const pending = items.filter((r) => r.kind === 'hospital' && r.onSiteThisYear === 0).length;
  const perMonth = Math.ceil(pending / Math.max(1, 13 - month));
  const already = items.filter((r) => r.kind === 'hospital' && r.onSiteThisYear === 0 && (r.suggested || r.scheduledThisMonth)).length;
  hospitals.sort(byRisk).slice(0, Math.max(0, perMonth - already)).forEach((r) => suggest(r));
  return items.sort((a, b) => Number(b.suggested) - Number(a.suggested) || byRisk(a, b));
}
