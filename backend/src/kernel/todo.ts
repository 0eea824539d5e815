// The to-do centre's read contract (issue 16 §1): each context that owns a queue answers how many of
// the actor's items wait in it and the nearest deadline; the worklist context gathers them.

export const TODO_KINDS = [
  'findings_to_confirm',
  'rectifications_due',
  'appeals_to_review',
  'findings_to_decide',
  'decisions_to_review',
  'rectifications_to_confirm',
  'disputes_to_decide',
  'plans_to_review',
  'self_inspections_due',
  'self_inspections_to_review',
  'campaign_summaries_due',
  'document_requests_to_answer',
  'monthly_reports_to_file',
  'monthly_reports_to_sign',
  'monthly_reports_to_compile',
  'city_reports_to_file',
  'ic_self_assessments_due',
  'notices_unacknowledged',
  'tips_to_accept',
  'transfers_to_answer',
  'transfers_to_supplement',
  'transfers_returned',
  'major_case_reports_to_write',
  'major_case_reports_to_send',
  'major_case_reports_to_acknowledge',
  'campaign_filings_to_acknowledge',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** One queue's count for the actor. */
export interface TodoCount {
  kind: TodoKind;
  count: number;
  /** The nearest deadline of the items (China date, YYYY-MM-DD), null when they have none. */
  nextDeadline: string | null;
  /** The year the queue should open on (plans to review: the earliest year with plans waiting). */
  year?: number;
  /** The campaign the queue should open on, when all its items belong to one (self-inspections to review). */
  campaignId?: string;
  /** The one item waiting, when there is only one: the queue opens on its page (transfers, major-case reports). */
  itemId?: string;
}

/** A count query's row: n items, the nearest deadline as a date string. */
export interface CountRow { n: number; due: string | null }

/** A TodoCount from a count row, or nothing when no item waits. */
export function todoOf(kind: TodoKind, row: CountRow | undefined): TodoCount[] {
  return row && row.n > 0 ? [{ kind, count: Number(row.n), nextDeadline: row.due ? String(row.due).slice(0, 10) : null }] : [];
}

/** A count row that also names the item when exactly one waits (min(id::text) as one). */
export interface CountOneRow extends CountRow { one: string | null }

/** A TodoCount that opens the single item's page when only one waits. */
export function todoOfOne(kind: TodoKind, row: CountOneRow | undefined): TodoCount[] {
  return todoOf(kind, row).map((t) => (t.count === 1 && row?.one ? { ...t, itemId: row.one } : t));
}
