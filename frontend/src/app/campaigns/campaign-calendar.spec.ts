import { calendarDatesOf, calendarIssues, calendarOf, emptyCalendar, isoDateOf, pickerDateOf } from './campaign-calendar';
import { fakeCalendar } from './campaign-fakes';

describe('campaign calendar', () => {
  it('turns picker dates into YYYY-MM-DD and back, in local time', () => {
    expect(isoDateOf(new Date(2027, 2, 31, 23, 59))).toBe('2027-03-31');
    expect(isoDateOf(pickerDateOf('2027-01-05')!)).toBe('2027-01-05');
    expect(pickerDateOf('31/03/2027')).toBeNull();
    expect(calendarOf(calendarDatesOf(fakeCalendar()))).toEqual(fakeCalendar());
    expect(calendarOf(emptyCalendar())).toBeNull();
  });

  it('accepts the statutory default calendar and a tightened one', () => {
    expect(calendarIssues(calendarDatesOf(fakeCalendar()), 2027, 'statutory')).toEqual([]);
    const tight = { ...fakeCalendar(), planFiledBy: '2027-03-01', selfInspectionStart: '2027-04-15', selfInspectionEnd: '2027-06-30', summaryDue: '2027-11-15' };
    expect(calendarIssues(calendarDatesOf(tight), 2027, 'statutory')).toEqual([]);
  });

  it('reports missing dates and phases out of order', () => {
    const dates = { ...calendarDatesOf(fakeCalendar()), selfInspectionEnd: null };
    expect(calendarIssues(dates, 2027, 'flexible')).toEqual([{ field: 'selfInspectionEnd', key: 'campaign.calendar.required', params: {} }]);

    // The self-inspection may start and end on one day; the spot-check must start after it ends.
    const sameDay = { ...fakeCalendar(), selfInspectionStart: '2027-05-01', selfInspectionEnd: '2027-05-01', spotCheckStart: '2027-05-01' };
    expect(calendarIssues(calendarDatesOf(sameDay), 2027, 'flexible')).toEqual([
      { field: 'spotCheckStart', key: 'campaign.calendar.after', params: { previous: 'selfInspectionEnd' } },
    ]);
    const backwards = { ...fakeCalendar(), spotCheckEnd: '2027-08-30' };
    expect(calendarIssues(calendarDatesOf(backwards), 2027, 'flexible').map((i) => [i.field, i.key])).toEqual([
      ['spotCheckEnd', 'campaign.calendar.notBefore'],
    ]);
  });

  it('keeps the statutory windows unless the policy is flexible', () => {
    const loose = { ...fakeCalendar(), selfInspectionEnd: '2027-09-05', spotCheckStart: '2027-09-10', summaryDue: '2027-12-20' };
    expect(calendarIssues(calendarDatesOf(loose), 2027, 'statutory')).toEqual([
      { field: 'selfInspectionEnd', key: 'campaign.calendar.outsidePolicy', params: { min: '2027-04-01', max: '2027-08-31' } },
      { field: 'summaryDue', key: 'campaign.calendar.outsidePolicy', params: { min: '2027-01-01', max: '2027-11-30' } },
    ]);
    expect(calendarIssues(calendarDatesOf(loose), 2027, 'flexible')).toEqual([]);
    // Another year's dates are outside the campaign year.
    expect(calendarIssues(calendarDatesOf(fakeCalendar(2026)), 2027, 'statutory')).toHaveLength(6);
  });
});
