import { DomainError, type BilingualMessage } from './errors.js';

// Checks of free input shared by the domains (a required text, a yuan amount), each failing with the
// caller's own bilingual validation code.

/** A required text, trimmed, of at most `max` characters (a 400 `code` naming `what` otherwise). */
export function requiredText(value: unknown, code: string, what: BilingualMessage, max: number): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (!t || t.length > max) {
    throw DomainError.validation(code, { zh: `请填写${what.zh}（不超过 ${max} 个字符）`, en: `${what.en} is required (at most ${max} characters)` });
  }
  return t;
}

const AMOUNT_RE = /^\d{1,14}(\.\d{1,2})?$/;

/** A decimal yuan amount ("12345.60") from a string or number, or null when none is given (a 400 `code` on `field` otherwise). */
export function yuanOrNull(value: unknown, field: string, code: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const s = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!AMOUNT_RE.test(s)) {
    throw DomainError.validation(code, {
      zh: `金额应为不小于 0 的元金额，最多两位小数：${String(value)}`, en: `${field} must be an amount in yuan (at least 0, at most two decimals): ${String(value)}`,
    }, { field });
  }
  return Number(s).toFixed(2);
}
