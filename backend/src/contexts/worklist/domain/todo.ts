import { hasRole, type Actor } from '../../../kernel/actor.js';
import { levelOfPath } from '../../../kernel/region-path.js';
import type { TodoCount, TodoKind } from '../../../kernel/todo.js';
import { addCalendarDays, isWorkingDay } from '../../../platform/calendar/working-days.js';

/** Where a to-do opens in the web app: the queue's path and the filters (query parameters) it opens with. */
export interface TodoLink { path: string; query: Record<string, string> }

/** One card of the to-do centre. */
export interface TodoItem {
  kind: TodoKind;
  count: number;
  /** The nearest deadline (China date, YYYY-MM-DD), null when the items have none. */
  nextDeadline: string | null;
  /** Working days from today to the nearest deadline (0: due today; negative: overdue by that many); null without a deadline. */
  workingDaysLeft: number | null;
  link: TodoLink;
}

export interface Todo { today: string; items: TodoItem[] }

/** The web app's section a bureau's or agency's queues live in for this actor. */
function staffSection(actor: Actor): 'province' | 'local' {
  return hasRole(actor, 'province_official') && levelOfPath(actor.regionPath) === 'province' ? 'province' : 'local';
}

/** The queue each kind of to-do opens, with its filters. */
export function linkOf(actor: Actor, todo: TodoCount): TodoLink {
  const s = staffSection(actor);
  switch (todo.kind) {
    case 'findings_to_confirm': return { path: '/institution/findings', query: { status: 'awaiting_confirmation' } };
    case 'rectifications_due': return { path: '/institution/rectification', query: { status: 'rectifying' } };
    case 'appeals_to_review': return { path: `/${s}/findings/list`, query: { status: 'appealed' } };
    case 'findings_to_decide': return { path: `/${s}/findings/list`, query: { status: 'to_decide' } };
    case 'decisions_to_review': return { path: `/${s}/findings/decisions`, query: { status: 'pending_legal_review' } };
    case 'rectifications_to_confirm': return { path: `/${s}/findings/decisions`, query: { status: 'rectification_submitted' } };
    case 'disputes_to_decide': return { path: `/${s}/disputes`, query: { show: 'mine' } };
    case 'plans_to_review': return { path: `/${s}/annual-plans/review`, query: todo.year ? { year: String(todo.year) } : {} };
    case 'self_inspections_due': return { path: '/institution/self-inspection', query: {} };
    // One campaign: its review page (opens on the reports awaiting review); several: the campaigns list.
    case 'self_inspections_to_review': return todo.campaignId ? { path: `/local/campaigns/${todo.campaignId}/review`, query: {} } : { path: '/local/campaigns', query: {} };
    case 'campaign_summaries_due': return { path: '/province/campaigns', query: {} };
    case 'document_requests_to_answer': return { path: '/institution/document-requests', query: {} };
    case 'monthly_reports_to_file': return { path: '/local/monthly-reports', query: {} };
    case 'monthly_reports_to_sign': return { path: '/leader/monthly-reports', query: {} };
    case 'monthly_reports_to_compile': return { path: '/local/monthly-reports', query: { status: 'submitted' } };
    case 'city_reports_to_file': return { path: '/local/monthly-reports', query: { status: 'compiled' } };
    case 'ic_self_assessments_due': return { path: '/local/audits', query: {} };
    case 'notices_unacknowledged': return { path: '/notices', query: {} };
    case 'tips_to_accept': return { path: '/local/tips/list', query: { status: 'received', sort: 'acceptDue' } };
    // Transfers and major-case reports (issue 18): one item opens its page (the web app's resource links
    // /transfers/<id>, /major-case-reports/<id>); several, the list in the actor's section on their status.
    case 'transfers_to_answer': return itemOr(todo, 'transfers', { path: `/${s}/transfers/list`, query: { view: 'received', status: 'sent' } });
    case 'transfers_to_supplement': return itemOr(todo, 'transfers', { path: `/${s}/transfers/list`, query: { view: 'sent', status: 'supplement_requested' } });
    case 'transfers_returned': return itemOr(todo, 'transfers', { path: `/${s}/transfers/list`, query: { view: 'sent', status: 'returned' } });
    case 'major_case_reports_to_write': return itemOr(todo, 'major-case-reports', { path: `/${s}/major-cases/list`, query: { status: 'open' } });
    case 'major_case_reports_to_send': return itemOr(todo, 'major-case-reports', { path: '/province/major-cases/list', query: { status: 'submitted' } });
    // The national overseer's inbox (/leader/national; the resource link /national redirects there).
    case 'major_case_reports_to_acknowledge': return itemOr(todo, 'major-case-reports', { path: '/leader/national', query: {} });
    case 'campaign_filings_to_acknowledge': return { path: '/leader/national', query: {} };
  }
}

/** The single waiting item's page (`/<resource>/<id>`), or the queue. */
function itemOr(todo: TodoCount, resource: string, queue: TodoLink): TodoLink {
  return todo.itemId ? { path: `/${resource}/${todo.itemId}`, query: {} } : queue;
}

/**
 * Working days from `today` to `deadline`: the working days after today up to and including the
 * deadline (0 when it is today or the only days left are holidays); negative, the working days
 * since a passed deadline (at least 1).
 */
export function workingDaysBetween(today: string, deadline: string, region?: string | null): number {
  if (deadline === today) return 0;
  const forward = deadline > today;
  const [from, to] = forward ? [today, deadline] : [deadline, today];
  let n = 0;
  // A year and a half at most: a deadline further away is far enough.
  for (let day = addCalendarDays(from, 1), i = 0; day <= to && i < 550; day = addCalendarDays(day, 1), i++) {
    if (isWorkingDay(day, region)) n += 1;
  }
  return forward ? n : -Math.max(1, n);
}

/** The nearest deadlines first, then the biggest queues. */
export function byUrgency(a: TodoItem, b: TodoItem): number {
  if (a.nextDeadline && b.nextDeadline && a.nextDeadline !== b.nextDeadline) return a.nextDeadline < b.nextDeadline ? -1 : 1;
  if (Boolean(a.nextDeadline) !== Boolean(b.nextDeadline)) return a.nextDeadline ? -1 : 1;
  return b.count - a.count;
}
