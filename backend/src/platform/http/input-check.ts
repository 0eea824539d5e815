import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../../kernel/errors.js';
import { isStorableText } from '../database/sql.js';

/**
 * What every request value must satisfy before anything runs (issue 15 §2–3), whatever route reads
 * it: PostgreSQL cannot store a NUL character in text or jsonb, nor an unpaired UTF-16 surrogate; a
 * deeply nested JSON value makes recursive code (class-transformer, jsonb) overflow; a `__proto__`
 * key reaches object prototypes in code that copies properties; a date outside a sensible window is a
 * typo (a spot-check due in 9999) that timers, calendars and reports cannot use.
 */
export interface InputLimits {
  /** Deepest nesting of objects and arrays in one request value (a body, a query). */
  maxDepth: number;
  /** Earliest date (YYYY-MM-DD) a request may carry. */
  dateMin: string;
  /** Latest date (YYYY-MM-DD) a request may carry. */
  dateMax: string;
}

/**
 * Defaults: the API's deepest legitimate body (a self-inspection's issues, a decision's measures) is
 * 4 levels deep, so 32 leaves room. Dates: 1900-01-01 covers historical dates (an institution's
 * founding, a clinician's licence); the latest is ten years from today — no plan, deadline, campaign
 * or agreement of the supervision lies further ahead (INPUT_DATE_MIN, INPUT_DATE_MAX_YEARS_AHEAD).
 */
export const DEFAULT_MAX_DEPTH = 32;
export const DEFAULT_DATE_MIN = '1900-01-01';
export const DEFAULT_DATE_YEARS_AHEAD = 10;

export function defaultInputLimits(now = new Date(), yearsAhead = DEFAULT_DATE_YEARS_AHEAD, dateMin = DEFAULT_DATE_MIN): InputLimits {
  const max = new Date(Date.UTC(now.getUTCFullYear() + yearsAhead, 11, 31));
  return { maxDepth: DEFAULT_MAX_DEPTH, dateMin, dateMax: max.toISOString().slice(0, 10) };
}

/** Keys that address an object's prototype when code copies properties by name. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A string that is only a date or a date and time, ISO 8601 style. */
const DATE_LIKE = /^(\d{4,})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function fieldName(path: string): string {
  return path || '(body)';
}

function unstorable(path: string, what: 'value' | 'key'): DomainError {
  const field = fieldName(path);
  return DomainError.validation('unstorable_text', {
    zh: `字段 ${field} 的${what === 'key' ? '名称' : '内容'}含有无法保存的字符（空字符 NUL 或不成对的 UTF-16 代理项）`,
    en: `field ${field}: the ${what === 'key' ? 'name' : 'text'} contains a character that cannot be stored (a NUL character or an unpaired UTF-16 surrogate)`,
  }, { field });
}

function dateProblem(path: string, value: string, limits: InputLimits): DomainError | null {
  if (!DATE_LIKE.test(value)) return null;
  // Whether the day exists (2026-02-30) is left to the domain's own bilingual error for the field
  // (e.g. inspection_date_invalid), with the database's 22008 → 400 behind it; the window is global.
  const field = fieldName(path);
  const date = value.slice(0, 10);
  if (value.indexOf('-') !== 4 || date < limits.dateMin || date > limits.dateMax) {
    return DomainError.validation('date_out_of_range', {
      zh: `字段 ${field} 的日期 ${date} 超出允许范围（${limits.dateMin} 至 ${limits.dateMax}）`,
      en: `field ${field}: the date ${date} is outside the accepted range (${limits.dateMin} to ${limits.dateMax})`,
    }, { field, earliest: limits.dateMin, latest: limits.dateMax });
  }
  return null;
}

/**
 * The first problem of a request value, or null. Iterative (an explicit stack), so a value nested
 * 10,000 deep is refused rather than overflowing the stack. `path` names the field in messages:
 * `witnesses[0].name`.
 */
export function inputProblem(value: unknown, path: string, limits: InputLimits): DomainError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (stack.length) {
    const item = stack.pop()!;
    const v = item.value;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return unstorable(item.path, 'value');
      const date = dateProblem(item.path, v, limits);
      if (date) return date;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (item.depth >= limits.maxDepth) {
      const field = fieldName(item.path.split(/[.[]/)[0] || item.path);
      return DomainError.validation('input_too_deep', {
        zh: `字段 ${field} 嵌套过深（最多 ${limits.maxDepth} 层）`,
        en: `field ${field} is nested too deeply (at most ${limits.maxDepth} levels)`,
      }, { field, maxDepth: limits.maxDepth });
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: `${item.path}[${i}]`, depth: item.depth + 1 });
      continue;
    }
    // Buffers and other class instances (an uploaded file) are not request text.
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) continue;
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const keyPath = item.path ? `${item.path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        return DomainError.validation('forbidden_key', {
          zh: `请求中不允许使用字段名 ${keyPath}`,
          en: `the field name ${keyPath} is not allowed in a request`,
        }, { field: keyPath });
      }
      if (!isStorableText(key)) return unstorable(keyPath, 'key');
      stack.push({ value: (v as Record<string, unknown>)[key], path: keyPath, depth: item.depth + 1 });
    }
  }
  return null;
}

/**
 * Global pipe, ahead of the ValidationPipe: every body, query and route parameter a handler reads
 * passes inputProblem, so no command or query runs on a value the database cannot hold (and a
 * refused command's audit entry can always be written).
 */
@Injectable()
export class InputCheckPipe implements PipeTransform {
  constructor(private readonly limits: () => InputLimits = () => defaultInputLimits()) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const problem = inputProblem(value, metadata.data ?? '', this.limits());
    if (problem) throw problem;
    return value;
  }
}
