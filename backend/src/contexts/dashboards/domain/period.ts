import { DomainError } from '../../../kernel/errors.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';

// A dashboard period: a year ('2026'), a quarter ('2026-Q3') or a month ('2026-07'), in China's
// calendar; compared with the same period of the year before.

export interface Period { kind: 'year' | 'quarter' | 'month'; key: string; from: string; to: string }

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function span(kind: Period['kind'], year: number, firstMonth: number, months: number, key: string): Period {
  const lastMonth = firstMonth + months - 1;
  return { kind, key, from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}` };
}

function invalid(raw: string): DomainError {
  return DomainError.validation('invalid_period', {
    zh: `统计期间无效：「${raw}」（应为年度 2026、季度 2026-Q3 或月份 2026-07）`,
    en: `invalid period "${raw}" (a year 2026, a quarter 2026-Q3 or a month 2026-07)`,
  }, { field: 'period' });
}

/** The period of a query parameter; the current year (China time) when absent. */
export function parsePeriod(raw: unknown, now: Date = new Date()): Period {
  if (raw === undefined || raw === null || raw === '') {
    const year = Number(chinaDateOf(now).slice(0, 4));
    return span('year', year, 1, 12, String(year));
  }
  if (typeof raw !== 'string') throw invalid(String(raw));
  const m = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(raw.trim());
  if (!m) throw invalid(raw);
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) throw invalid(raw);
  if (m[2]) return span('quarter', year, (Number(m[2]) - 1) * 3 + 1, 3, `${year}-Q${m[2]}`);
  if (m[3]) return span('month', year, Number(m[3]), 1, `${year}-${m[3]}`);
  return span('year', year, 1, 12, String(year));
}

/** The same period one year earlier. */
export function lastYear(p: Period): Period {
  const year = Number(p.key.slice(0, 4)) - 1;
  return parsePeriod(`${year}${p.key.slice(4)}`);
}

/** The first days of the period's months. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  const year = Number(p.from.slice(0, 4));
  for (let m = Number(p.from.slice(5, 7)); m <= Number(p.to.slice(5, 7)); m++) out.push(`${year}-${pad(m)}-01`);
  return out;
}

/** January 1st of the period's year: where the year metrics count. */
export const januaryOf = (p: Period) => `${p.from.slice(0, 4)}-01-01`;
