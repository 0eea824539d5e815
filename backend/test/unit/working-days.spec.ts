import {
  addWorkingDays,
  chinaDateOf,
  chinaInstant,
  endOfChinaDay,
  hasOfficialCalendar,
  isWorkingDay,
} from '../../src/platform/calendar/working-days.js';

describe('working-day calendar (China, with 调休 make-up days)', () => {
  it('knows the 2026 Spring Festival holiday and its make-up Saturdays', () => {
    // 2026: holiday 15–23 Feb; Saturday 14 Feb and Saturday 28 Feb are make-up working days.
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(isWorkingDay('2026-02-23')).toBe(false);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
    expect(isWorkingDay('2026-03-01')).toBe(false);
  });

  it('counts working days across the Spring Festival', () => {
    // From Friday 13 Feb: Sat 14 (make-up) is 1, then the holiday, then Tue 24 is 2.
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
    expect(addWorkingDays('2026-02-13', 6)).toBe('2026-02-28');
    expect(addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
  });

  it('counts across the National Day week', () => {
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
  });

  it('rejects nonsense', () => {
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(/calendar date/);
    expect(() => addWorkingDays('2026-02-13', 0)).toThrow(/non-zero/);
    expect(() => isWorkingDay('13/02/2026')).toThrow(/calendar date/);
  });

  it('places deadlines on China time', () => {
    expect(chinaInstant('2026-05-15').toISOString()).toBe('2026-05-14T16:00:00.000Z');
    expect(endOfChinaDay('2026-05-15').toISOString()).toBe('2026-05-15T15:59:59.999Z');
    expect(chinaDateOf(new Date('2026-05-14T16:30:00Z'))).toBe('2026-05-15');
  });

  it('says which years have the official holiday notice', () => {
    expect(hasOfficialCalendar(2026)).toBe(true);
    expect(hasOfficialCalendar(2099)).toBe(false);
  });
});
