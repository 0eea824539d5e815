import { assertCalendarAhead, defaultCalendar, prefilledCalendar, validCalendar } from '../../src/contexts/campaigns/domain/campaign.js';
import { DomainError } from '../../src/kernel/errors.js';

// Issue 16 item 4: a new campaign's form no longer starts from dates already past, and a calendar
// whose self-inspection is over is refused when the draft is saved, not only at 下发.

describe('the calendar a new campaign starts from', () => {
  it('is the policy calendar while it lies ahead', () => {
    expect(prefilledCalendar(2027, 'statutory', '2026-12-07')).toEqual(defaultCalendar(2027));
    expect(prefilledCalendar(2027, 'flexible', '2027-03-31')).toEqual(defaultCalendar(2027));
  });

  it('flexible: on 7 December the whole calendar starts today, each phase keeping the policy length', () => {
    const cal = prefilledCalendar(2026, 'flexible', '2026-12-07');
    // 1 January → 7 December is 340 days; every date moves by as much.
    expect(cal).toEqual({
      planFiledBy: '2027-03-06', selfInspectionStart: '2027-03-07', selfInspectionEnd: '2027-08-06',
      spotCheckStart: '2027-08-07', spotCheckEnd: '2027-10-06', summaryDue: '2027-11-05',
    });
    expect(Object.values(cal).every((d) => d > '2026-12-07')).toBe(true);
    expect(() => validCalendar(2026, cal, 'flexible')).not.toThrow();
    expect(() => assertCalendarAhead(cal, new Date('2026-12-07T02:00:00Z'))).not.toThrow();
  });

  it('statutory: the phase under way starts today, its window kept', () => {
    const cal = prefilledCalendar(2026, 'statutory', '2026-06-10');
    expect(cal).toMatchObject({ selfInspectionStart: '2026-06-10', selfInspectionEnd: '2026-08-31', spotCheckStart: '2026-09-01' });
    expect(() => validCalendar(2026, cal, 'statutory')).not.toThrow();
    expect(prefilledCalendar(2026, 'statutory', '2026-09-15')).toMatchObject({ spotCheckStart: '2026-09-15', spotCheckEnd: '2026-10-31' });
  });
});

describe('a calendar whose self-inspection is over', () => {
  it('is refused with a bilingual validation error naming the field', () => {
    let error: unknown;
    try {
      assertCalendarAhead(defaultCalendar(2026), new Date('2026-12-07T02:00:00Z'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.code).toBe('campaign_calendar_past');
    expect(e.details).toMatchObject({ field: 'selfInspectionEnd', limit: '2026-12-07' });
    expect(e.text.zh).toContain('自查结束日');
    expect(e.text.en).toContain('selfInspectionEnd');
  });

  it('is accepted up to and including the last day of the self-inspection (China time)', () => {
    // 2026-08-31 23:30 in Beijing is 15:30 UTC.
    expect(() => assertCalendarAhead(defaultCalendar(2026), new Date('2026-08-31T15:30:00Z'))).not.toThrow();
    expect(() => assertCalendarAhead(defaultCalendar(2026), new Date('2026-08-31T16:30:00Z'))).toThrow(DomainError);
  });
});
