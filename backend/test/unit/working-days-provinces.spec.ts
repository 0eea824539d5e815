import { afterAll, describe, expect, it } from '@jest/globals';
import { addWorkingDays, calendarChangedAt, calendarStampInForce, isWorkingDay, provinceOfRegion, useCalendar, useProvincialCalendar } from '../../src/platform/calendar/working-days.js';
import { packageCalendar } from '../../src/platform/calendar/package-calendar.js';
import { confirmationDueOf } from '../../src/contexts/findings/domain/finding.js';
import { workflowInstants } from '../../src/contexts/spot-checks/domain/spot-check.js';

// Issue 16: the national calendar plus the deadline owner's province; another province's additions never count.
describe('working days per province', () => {
  afterAll(() => useCalendar(packageCalendar()));

  it('finds the province of a region path or code', () => {
    expect(provinceOfRegion('/32/3201/320102/')).toBe('32');
    expect(provinceOfRegion('320102')).toBe('32');
    expect(provinceOfRegion('/')).toBeNull();
    expect(provinceOfRegion(undefined)).toBeNull();
  });

  it("counts the province's own holiday and make-up day for its deadlines only", () => {
    useCalendar({ years: [2027], days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }], changedAt: '2026-11-05T00:00:00.000Z' });
    useProvincialCalendar({ province: '65', days: [{ day: '2027-03-15', kind: 'holiday', name: '地方节日' }, { day: '2027-03-20', kind: 'workday', name: null }], changedAt: '2026-11-20T00:00:00.000Z' });
    expect(isWorkingDay('2027-03-15')).toBe(true);
    expect(isWorkingDay('2027-03-15', '/65/6501/')).toBe(false);
    expect(isWorkingDay('2027-03-20', '65')).toBe(true);
    expect(isWorkingDay('2027-03-15', '/32/')).toBe(true);
    expect(addWorkingDays('2027-03-12', 1, '/65/')).toBe('2027-03-16');
    expect(addWorkingDays('2027-03-12', 1, '/32/')).toBe('2027-03-15');
    // the national days still count for the province
    expect(addWorkingDays('2026-12-31', 1, '/65/')).toBe('2027-01-04');
    // a finding's confirmation deadline counts its owner's province
    const sent = new Date('2027-03-12T02:00:00Z');
    expect(confirmationDueOf(sent, 1, '/65/6501/650102/')).toBe('2027-03-16');
    expect(confirmationDueOf(sent, 1, '/32/3201/320102/')).toBe('2027-03-15');
    // a spot-check's reminder, 3 working days before its due date, counts its province's days too
    const early = new Date('2027-01-04T00:00:00Z');
    expect(workflowInstants('2027-03-18', early, '/65/').remindAt).toBe('2027-03-12T01:00:00.000Z');
    expect(workflowInstants('2027-03-18', early, '/32/').remindAt).toBe('2027-03-15T01:00:00.000Z');
    // when the calendar changed: the national calendar, or the later province's change for its records
    expect(calendarChangedAt()).toBe('2026-11-05T00:00:00.000Z');
    expect(calendarChangedAt('/65/')).toBe('2026-11-20T00:00:00.000Z');
    expect(calendarChangedAt('/32/')).toBe('2026-11-05T00:00:00.000Z');
    expect(calendarStampInForce()).toBe('2026-11-20T00:00:00.000Z');
  });

  it("replacing the national calendar without provinces drops them; replacing one province leaves the others", () => {
    useCalendar({ years: [2027], days: [], changedAt: null, provinces: [{ province: '32', days: [{ day: '2027-03-15', kind: 'holiday', name: null }], changedAt: null }] });
    useProvincialCalendar({ province: '33', days: [{ day: '2027-03-16', kind: 'holiday', name: null }], changedAt: null });
    expect(isWorkingDay('2027-03-15', '32')).toBe(false);
    expect(isWorkingDay('2027-03-16', '33')).toBe(false);
    expect(isWorkingDay('2027-03-16', '32')).toBe(true);
  });
});
