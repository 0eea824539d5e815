import { byUrgency, linkOf, workingDaysBetween, type TodoItem } from '../../src/contexts/worklist/domain/todo.js';
import type { Actor } from '../../src/kernel/actor.js';

const actor = (roles: Actor['roles'], regionPath: string, kind: Actor['organizationKind']): Actor =>
  ({ userId: 'u', username: 'u', displayName: 'u', roles, regionPath, organizationId: 'o', organizationKind: kind });

describe('the to-do centre’s rules (issue 16 §1)', () => {
  it('counts working days to a deadline: weekends and the National Day holiday skipped, 0 today, negative once passed', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-20')).toBe(0);
    expect(workingDaysBetween('2026-11-16', '2026-11-20')).toBe(4); // Monday → Friday
    expect(workingDaysBetween('2026-09-21', '2026-09-25')).toBe(3); // Friday 25 September 2026 is the Mid-Autumn Festival
    expect(workingDaysBetween('2026-12-04', '2026-12-07')).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2026-12-07', '2026-12-04')).toBe(-1);
    expect(workingDaysBetween('2026-12-06', '2026-12-05')).toBe(-1); // passed on a weekend: still overdue
    expect(workingDaysBetween('2026-09-30', '2026-10-09')).toBeLessThan(5); // the National Day week is no working week
  });

  it('opens each queue in the actor’s section with its filters', () => {
    const province = actor(['province_official'], '/32/', 'bureau');
    const county = actor(['county_staff'], '/32/3201/320102/', 'agency');
    expect(linkOf(province, { kind: 'plans_to_review', count: 1, nextDeadline: null, year: 2027 })).toEqual({ path: '/province/annual-plans/review', query: { year: '2027' } });
    expect(linkOf(county, { kind: 'decisions_to_review', count: 1, nextDeadline: null })).toEqual({ path: '/local/findings/decisions', query: { status: 'pending_legal_review' } });
    expect(linkOf(county, { kind: 'disputes_to_decide', count: 1, nextDeadline: null })).toEqual({ path: '/local/disputes', query: { show: 'mine' } });
  });

  it('opens the one transfer or major-case report waiting on its page, several on their list in the actor’s section (issue 18)', () => {
    const province = actor(['province_official'], '/32/', 'bureau');
    const county = actor(['county_staff'], '/32/3201/320102/', 'bureau');
    const id = '3f1f0c1e-0000-4000-8000-000000000001';
    expect(linkOf(county, { kind: 'transfers_to_answer', count: 1, nextDeadline: null, itemId: id })).toEqual({ path: `/transfers/${id}`, query: {} });
    expect(linkOf(county, { kind: 'transfers_to_answer', count: 2, nextDeadline: null })).toEqual({ path: '/local/transfers/list', query: { view: 'received', status: 'sent' } });
    expect(linkOf(province, { kind: 'transfers_to_answer', count: 2, nextDeadline: null })).toEqual({ path: '/province/transfers/list', query: { view: 'received', status: 'sent' } });
    expect(linkOf(county, { kind: 'transfers_to_supplement', count: 3, nextDeadline: '2026-12-20' })).toEqual({ path: '/local/transfers/list', query: { view: 'sent', status: 'supplement_requested' } });
    expect(linkOf(county, { kind: 'major_case_reports_to_write', count: 1, nextDeadline: '2026-12-20', itemId: id })).toEqual({ path: `/major-case-reports/${id}`, query: {} });
    expect(linkOf(province, { kind: 'major_case_reports_to_send', count: 2, nextDeadline: null })).toEqual({ path: '/province/major-cases/list', query: { status: 'submitted' } });
    const nation = actor(['national_overseer'], '/', 'bureau');
    expect(linkOf(nation, { kind: 'major_case_reports_to_acknowledge', count: 4, nextDeadline: null })).toEqual({ path: '/leader/national', query: {} });
    expect(linkOf(nation, { kind: 'campaign_filings_to_acknowledge', count: 1, nextDeadline: null })).toEqual({ path: '/leader/national', query: {} });
  });

  it('orders the nearest deadline first, then the biggest queue', () => {
    const item = (kind: TodoItem['kind'], count: number, nextDeadline: string | null): TodoItem =>
      ({ kind, count, nextDeadline, workingDaysLeft: null, link: { path: '/', query: {} } });
    const sorted = [item('appeals_to_review', 9, null), item('notices_unacknowledged', 1, '2026-12-10'), item('findings_to_decide', 3, null), item('findings_to_confirm', 2, '2026-12-08')].sort(byUrgency);
    expect(sorted.map((i) => i.kind)).toEqual(['findings_to_confirm', 'notices_unacknowledged', 'appeals_to_review', 'findings_to_decide']);
  });
});
