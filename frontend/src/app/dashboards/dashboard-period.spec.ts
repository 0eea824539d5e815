import {
  defaultPeriod,
  formatPeriod,
  formatRatio,
  monthName,
  monthsOf,
  parsePeriod,
  percentChange,
  periodLabel,
  sameTimeLastYear,
  withKind,
  yearOptions,
} from './dashboard-period';
import { kpiOf } from './dashboard-page';
import { fakeMetrics } from './dashboard-fakes';

describe('dashboard periods', () => {
  it.each([
    ['2026', { kind: 'year', year: 2026 }],
    ['2026-Q3', { kind: 'quarter', year: 2026, quarter: 3 }],
    ['2026-07', { kind: 'month', year: 2026, month: 7 }],
    [' 2026-12 ', { kind: 'month', year: 2026, month: 12 }],
  ])('parses %s', (text, period) => {
    expect(parsePeriod(text)).toEqual(period);
    expect(formatPeriod(parsePeriod(text)!)).toBe(text.trim());
  });

  it.each(['', '26', '2026-7', '2026-13', '2026-00', '2026-Q0', '2026-Q5', '2026-q3', '2026-07-01', 'year', null, undefined])(
    'rejects %p',
    (text) => {
      expect(parsePeriod(text)).toBeNull();
    },
  );

  it('defaults to the current year in China time (16:00 UTC on 31 December is already next year in Beijing)', () => {
    expect(defaultPeriod(new Date('2026-12-31T15:59:00Z'))).toEqual({ kind: 'year', year: 2026 });
    expect(defaultPeriod(new Date('2026-12-31T16:00:00Z'))).toEqual({ kind: 'year', year: 2027 });
  });

  it('compares with the same period last year', () => {
    expect(formatPeriod(sameTimeLastYear({ kind: 'quarter', year: 2026, quarter: 3 }))).toBe('2025-Q3');
    expect(formatPeriod(sameTimeLastYear({ kind: 'month', year: 2026, month: 1 }))).toBe('2025-01');
    expect(formatPeriod(sameTimeLastYear({ kind: 'year', year: 2026 }))).toBe('2025');
  });

  it('switches the kind within the year', () => {
    const now = new Date('2026-08-15T04:00:00Z');
    expect(withKind({ kind: 'year', year: 2026 }, 'quarter', now)).toEqual({ kind: 'quarter', year: 2026, quarter: 3 });
    expect(withKind({ kind: 'year', year: 2026 }, 'month', now)).toEqual({ kind: 'month', year: 2026, month: 8 });
    // Another year than the current one starts at its beginning.
    expect(withKind({ kind: 'year', year: 2024 }, 'month', now)).toEqual({ kind: 'month', year: 2024, month: 1 });
    expect(withKind({ kind: 'quarter', year: 2024, quarter: 4 }, 'month', now)).toEqual({ kind: 'month', year: 2024, month: 10 });
    expect(withKind({ kind: 'month', year: 2024, month: 5 }, 'quarter', now)).toEqual({ kind: 'quarter', year: 2024, quarter: 2 });
    expect(withKind({ kind: 'month', year: 2024, month: 5 }, 'year', now)).toEqual({ kind: 'year', year: 2024 });
  });

  it('offers the years up to now, newest first, and keeps a selected year outside them', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const years = yearOptions(now);
    expect(years[0]).toBe(2026);
    expect(years.at(-1)).toBe(2020);
    expect(yearOptions(now, 2030)[0]).toBe(2030);
  });

  it('labels a period in both languages through the dictionary keys', () => {
    expect(periodLabel({ kind: 'quarter', year: 2026, quarter: 3 })).toEqual({ key: 'dashboard.period.quarterLabel', params: { year: 2026, quarter: 3 } });
    expect(periodLabel({ kind: 'month', year: 2026, month: 7 }).params).toEqual({ year: 2026, month: 7, mm: '07' });
    expect(monthName(7, 'zh-CN')).toBe('7月');
    expect(monthName(7, 'en')).toBe('Jul');
  });

  it('lists the months of a period', () => {
    expect(monthsOf({ kind: 'quarter', year: 2026, quarter: 4 })).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsOf({ kind: 'year', year: 2026 })).toHaveLength(12);
    expect(monthsOf({ kind: 'month', year: 2026, month: 2 })).toEqual(['2026-02']);
  });

  it('formats a ratio as a percentage with one decimal', () => {
    expect(formatRatio(0.1)).toBe('10.0%');
    expect(formatRatio(16 / 180)).toBe('8.9%');
    expect(formatRatio(0)).toBe('0.0%');
  });
});

describe('year-on-year change', () => {
  it.each([
    [20, 16, { direction: 'up', percent: 25 }],
    [12, 16, { direction: 'down', percent: 25 }],
    [1, 3, { direction: 'down', percent: 66.7 }],
    [16, 16, { direction: 'flat', percent: 0 }],
    [1000000, 1250000, { direction: 'down', percent: 20 }],
  ])('%d against %d', (now, before, change) => {
    expect(percentChange(now, before)).toEqual(change);
  });

  it('has no percentage when last year was zero, and is flat when both are', () => {
    expect(percentChange(40, 0)).toEqual({ direction: 'up', percent: null });
    expect(percentChange(0, 0)).toEqual({ direction: 'flat', percent: 0 });
    expect(percentChange(0, 5)).toEqual({ direction: 'down', percent: 100 });
  });

  it('marks a rise as alarming only for what should fall (overdue, open disputes)', () => {
    const totals = fakeMetrics({ overdue: 5, findings: 20 });
    const lastYear = fakeMetrics({ overdue: 2, findings: 16 });
    expect(kpiOf('overdue', totals, lastYear)).toEqual({ metric: 'overdue', value: 5, lastYear: 2, change: { direction: 'up', percent: 150 }, alarming: true });
    expect(kpiOf('findings', totals, lastYear).alarming).toBe(false);
    expect(kpiOf('overdue', lastYear, totals).alarming).toBe(false);
  });
});
