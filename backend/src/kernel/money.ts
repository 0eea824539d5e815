/** The largest amount numeric(14,2) holds, in yuan. */
export const MAX_YUAN = 999_999_999_999.99;

/**
 * A yuan amount as the suite stores it (numeric(14,2)): a finite number ≥ 0, at most 2 decimals
 * (checked on its decimal text, not by float arithmetic), not above MAX_YUAN. Callers add their own
 * rule (e.g. > 0) and their own bilingual error.
 */
export function isYuanAmount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_YUAN && /^\d+(\.\d{1,2})?$/.test(String(v));
}
