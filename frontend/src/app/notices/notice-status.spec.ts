import type { NoticeView } from '../core/models';
import { fakeNotice as notice } from '../testing/fakes';
import { chinaDateOf, countdownOf, daysUntil, noticeStateOf } from './notice-status';

describe('notice status rules', () => {
  it('takes "today" in China time', () => {
    expect(chinaDateOf(new Date('2026-11-19T15:59:59Z'))).toBe('2026-11-19');
    expect(chinaDateOf(new Date('2026-11-19T16:00:00Z'))).toBe('2026-11-20');
    expect(daysUntil('2026-11-20', '2026-12-01')).toBe(11);
    expect(daysUntil('2026-11-20', '2026-11-18')).toBe(-2);
  });

  it.each<[string, Partial<NoticeView>, string]>([
    ['before the due date', {}, 'pending'],
    ['on the due date', { dueDate: '2026-11-20' }, 'pending'],
    ['flagged overdue by the backend', { dueDate: '2026-11-18', overdue: true }, 'overdue'],
    ['past the due date before the backend job ran', { dueDate: '2026-11-19' }, 'overdue'],
    ['acknowledged in time', { status: 'acknowledged', acknowledgedAt: '2026-11-17T02:00:00Z' }, 'acknowledged'],
    [
      'acknowledged after being flagged',
      { status: 'acknowledged', overdue: true, dueDate: '2026-11-18', acknowledgedAt: '2026-11-20T01:00:00Z' },
      'acknowledgedLate',
    ],
    [
      'acknowledged after the due day (China time) ended',
      { status: 'acknowledged', dueDate: '2026-11-18', acknowledgedAt: '2026-11-18T16:30:00Z' },
      'acknowledgedLate',
    ],
  ])('%s → %s', (_, overrides, expected) => {
    expect(noticeStateOf(notice(overrides), '2026-11-20')).toBe(expected);
  });

  it.each<[string, string | null, number | null]>([
    ['2026-11-23', 'notices.countdown.daysLeft', 3],
    ['2026-11-21', 'notices.countdown.tomorrow', 1],
    ['2026-11-20', 'notices.countdown.today', 0],
    ['2026-11-19', 'notices.countdown.overdueOne', 1],
    ['2026-11-15', 'notices.countdown.overdue', 5],
  ])('countdown to %s → %s (%s)', (dueDate, key, days) => {
    const countdown = countdownOf(notice({ dueDate }), '2026-11-20');
    expect(countdown?.key).toBe(key);
    expect(countdown?.days).toBe(days);
  });

  it('has no countdown once acknowledged', () => {
    expect(countdownOf(notice({ status: 'acknowledged' }), '2026-11-20')).toBeNull();
  });
});
