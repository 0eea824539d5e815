import { afterEach, describe, expect, it } from '@jest/globals';
import { packageCalendar, packageDaysOf } from '../../src/platform/calendar/package-calendar.js';
import { addWorkingDays, calendarChangedAt, hasOfficialCalendar, isWorkingDay, useCalendar } from '../../src/platform/calendar/working-days.js';

// Issue 16: the calendar is the bureau's. The package stops at 2026; a year entered by an
// administrator (the State Council's notice) changes the count from then on.

const pkg = packageCalendar();
const with2027 = {
  years: [...pkg.years, 2027],
  days: [...pkg.days, { day: '2027-01-01', kind: 'holiday' as const, name: '元旦' }, { day: '2027-02-20', kind: 'workday' as const, name: '春节' }],
  changedAt: '2026-12-07T08:00:00.000Z',
};

afterEach(() => useCalendar(packageCalendar()));

describe('the working-day calendar across 2026/2027', () => {
  it('without the 2027 notice counts weekends only: 5 working days from 2026-12-29 end on 2027-01-05', () => {
    useCalendar(packageCalendar());
    expect(hasOfficialCalendar(2027)).toBe(false);
    expect(isWorkingDay('2027-01-01')).toBe(true);
    expect(addWorkingDays('2026-12-29', 5)).toBe('2027-01-05');
    expect(calendarChangedAt()).toBeNull();
  });

  it('with the 2027 New Year holiday entered: 5 working days from 2026-12-29 end on 2027-01-06', () => {
    useCalendar(with2027);
    expect(hasOfficialCalendar(2027)).toBe(true);
    expect(isWorkingDay('2027-01-01')).toBe(false);
    expect(addWorkingDays('2026-12-29', 5)).toBe('2027-01-06');
    expect(calendarChangedAt()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('a make-up working day on a weekend counts', () => {
    expect(isWorkingDay('2027-02-20')).toBe(false); // a Saturday
    useCalendar(with2027);
    expect(isWorkingDay('2027-02-20')).toBe(true);
    expect(addWorkingDays('2027-02-19', 1)).toBe('2027-02-20');
  });

  it('2026 is unchanged by entering 2027 (the package years keep their days)', () => {
    const count = () => ['2026-01-02', '2026-02-14', '2026-10-08', '2026-12-01'].map((d) => [addWorkingDays(d, 5), addWorkingDays(d, 20), addWorkingDays(d, -3)]);
    const before = count();
    useCalendar(with2027);
    expect(count()).toEqual(before);
  });

  it("the package's days are its official holidays on weekdays and its make-up weekend days", () => {
    const days = packageDaysOf(2026);
    expect(days).toContainEqual({ day: '2026-01-01', kind: 'holiday', name: '元旦' });
    expect(days).toContainEqual({ day: '2026-02-14', kind: 'workday', name: '春节' });
    expect(days.some((d) => d.day === '2026-01-03')).toBe(false); // a holiday on a Saturday changes nothing
    expect(pkg.years).toContain(2026);
    expect(pkg.years).not.toContain(2027);
  });
});
