import { isWorkingDay } from '../../src/platform/calendar/working-days.js';
import { DomainError } from '../../src/kernel/errors.js';
import {
  confirmationDueAt,
  confirmationDueOf,
  confirmationOpen,
  FINDING_CONFIRMATION_WORKING_DAYS,
} from '../../src/contexts/findings/domain/finding.js';
import { isMajor, rectificationDueOf, reportedToBureau, totalAmount, validMeasures, type Measure } from '../../src/contexts/findings/domain/decision.js';

// The feedback deadline: 5 working days (official calendar, 调休 included) after the China date the
// inspection's result was sent; the window closes at the end of that day, China time.

/** An instant given as China wall-clock time (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`);

describe('the confirmation deadline across the 2026 Spring Festival', () => {
  it('rests on the official calendar: holiday 15–23 Feb, make-up Saturdays 14 and 28 Feb', () => {
    expect(FINDING_CONFIRMATION_WORKING_DAYS).toBe(5);
    for (const d of ['2026-02-12', '2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']) {
      expect([d, isWorkingDay(d)]).toEqual([d, true]);
    }
    for (let day = 15; day <= 23; day++) {
      const d = `2026-02-${day}`;
      expect([d, isWorkingDay(d)]).toEqual([d, false]);
    }
    expect(isWorkingDay('2026-03-01')).toBe(false); // an ordinary Sunday
  });

  it('sent on Thursday 12 Feb → due Thursday 26 Feb', () => {
    // The sending day does not count: Fri 13 (1), Sat 14 make-up day (2), 15–23 holiday,
    // Tue 24 (3), Wed 25 (4), Thu 26 (5).
    const due = confirmationDueOf(china('2026-02-12T10:00:00'));
    expect(due).toBe('2026-02-26');
    // The workflow's timer fires at the first instant after the due day: 27 Feb 00:00 China.
    expect(confirmationDueAt(due)).toBe('2026-02-26T16:00:00.000Z');
  });

  it('counts from the China date, not the UTC one', () => {
    // 12 Feb 16:30 UTC is already 13 Feb 00:30 in China: Sat 14 (1), 24 (2), 25 (3), 26 (4), Fri 27 (5).
    expect(confirmationDueOf(new Date('2026-02-12T16:30:00Z'))).toBe('2026-02-27');
    // 12 Feb 15:59 UTC is still 12 Feb in China.
    expect(confirmationDueOf(new Date('2026-02-12T15:59:00Z'))).toBe('2026-02-26');
  });

  it('sent on the make-up Saturday 14 Feb → due on the next make-up Saturday, 28 Feb', () => {
    // 24 (1), 25 (2), 26 (3), 27 (4), Sat 28 make-up day (5).
    expect(confirmationDueOf(china('2026-02-14T09:00:00'))).toBe('2026-02-28');
  });

  it('sent just before the holiday, on Friday 13 Feb → due Friday 27 Feb', () => {
    // Sat 14 (1), 24 (2), 25 (3), 26 (4), 27 (5).
    expect(confirmationDueOf(china('2026-02-13T17:00:00'))).toBe('2026-02-27');
  });

  it('the window is open through the whole due day, China time, and closed after it', () => {
    expect(confirmationOpen('2026-02-26', china('2026-02-26T23:59:59'))).toBe(true);
    expect(confirmationOpen('2026-02-26', new Date('2026-02-26T15:59:59.999Z'))).toBe(true);
    expect(confirmationOpen('2026-02-26', new Date('2026-02-26T16:00:00.000Z'))).toBe(false);
    expect(confirmationOpen('2026-02-26', china('2026-02-12T10:00:00'))).toBe(true);
  });
});

describe('handling decision measures', () => {
  const today = '2026-03-02';

  function code(fn: () => unknown): string {
    try {
      fn();
    } catch (err) {
      if (err instanceof DomainError) return err.code;
      throw err;
    }
    return 'no error';
  }

  it('validates each kind', () => {
    expect(code(() => validMeasures([], today))).toBe('measures_required');
    expect(code(() => validMeasures([{ kind: 'fine' }], today))).toBe('measure_kind_invalid');
    expect(code(() => validMeasures([{ kind: 'refuse_payment', amount: 1.234 }], today))).toBe('amount_invalid');
    expect(code(() => validMeasures([{ kind: 'refuse_payment', amount: 0 }], today))).toBe('amount_invalid');
    expect(code(() => validMeasures([{ kind: 'refuse_payment', amount: '12' }], today))).toBe('amount_invalid');
    expect(code(() => validMeasures([{ kind: 'clinician_talk' }], today))).toBe('measure_clinician_required');
    expect(code(() => validMeasures([{ kind: 'clinician_refuse_payment', clinicianName: '  ', amount: 5 }], today))).toBe('measure_clinician_required');
    expect(code(() => validMeasures([{ kind: 'suspend_settlement', rectificationDue: today }], today))).toBe('rectification_due_invalid');
    expect(code(() => validMeasures([{ kind: 'suspend_settlement', rectificationDue: '2026-02-30' }], today))).toBe('rectification_due_invalid');
    expect(validMeasures([{ kind: 'talk', extra: 1 }, { kind: 'clinician_suspend_realtime', clinicianName: ' 王医师 ', rectificationDue: '2026-03-03' }], today))
      .toEqual([{ kind: 'talk' }, { kind: 'clinician_suspend_realtime', clinicianName: '王医师', rectificationDue: '2026-03-03' }]);
  });

  it('is major for termination, suspension or a total above the threshold', () => {
    const m = (...x: Measure[]) => x;
    expect(isMajor(m({ kind: 'talk' }), 100_000)).toBe(false);
    expect(isMajor(m({ kind: 'terminate_agreement' }), 100_000)).toBe(true);
    expect(isMajor(m({ kind: 'suspend_settlement', rectificationDue: '2026-04-01' }), 100_000)).toBe(true);
    expect(isMajor(m({ kind: 'clinician_suspend_realtime', clinicianName: 'a', rectificationDue: '2026-04-01' }), 100_000)).toBe(true);
    // 60,000.10 + 40,000.00 = 100,000.10 > 100,000 (summed in cents, no float drift)
    const amounts = m({ kind: 'refuse_payment', amount: 60_000.1 }, { kind: 'clinician_refuse_payment', clinicianName: 'a', amount: 40_000 });
    expect(totalAmount(amounts)).toBe(100_000.1);
    expect(isMajor(amounts, 100_000)).toBe(true);
    expect(isMajor(m({ kind: 'refuse_payment', amount: 100_000 }), 100_000)).toBe(false);
    expect(isMajor(m({ kind: 'refuse_payment', amount: 100_000 }), 50_000)).toBe(true);
  });

  it('reports every handling result (talks and suspensions too, seed 002 一(六)); takes the earliest rectification deadline', () => {
    expect(reportedToBureau([{ kind: 'talk' }])).toBe(true);
    expect(reportedToBureau([{ kind: 'clinician_admonition', clinicianName: 'a' }])).toBe(true);
    expect(reportedToBureau([{ kind: 'suspend_settlement', rectificationDue: '2026-04-01' }])).toBe(true);
    expect(reportedToBureau([])).toBe(false);
    expect(reportedToBureau([{ kind: 'refuse_payment', amount: 1 }])).toBe(true);
    expect(reportedToBureau([{ kind: 'terminate_agreement' }])).toBe(true);
    expect(rectificationDueOf([{ kind: 'talk' }])).toBeNull();
    expect(rectificationDueOf([
      { kind: 'suspend_settlement', rectificationDue: '2026-05-01' },
      { kind: 'clinician_suspend_realtime', clinicianName: 'a', rectificationDue: '2026-04-15' },
    ])).toBe('2026-04-15');
  });
});
