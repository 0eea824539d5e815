import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { map, shareReplay } from 'rxjs';
import type { Todo, TodoItem, TodoKind } from '../core/api-types.generated';
import { silentErrors } from '../core/http-context';
import type { TranslationKey } from '../i18n/dictionaries';

export type { Todo, TodoItem, TodoKind } from '../core/api-types.generated';

/** The card's title of each kind of to-do (todo.dictionary.ts). */
export const TODO_TITLES: Record<TodoKind, TranslationKey> = {
  findings_to_confirm: 'todo.kind.findings_to_confirm',
  rectifications_due: 'todo.kind.rectifications_due',
  appeals_to_review: 'todo.kind.appeals_to_review',
  findings_to_decide: 'todo.kind.findings_to_decide',
  decisions_to_review: 'todo.kind.decisions_to_review',
  rectifications_to_confirm: 'todo.kind.rectifications_to_confirm',
  disputes_to_decide: 'todo.kind.disputes_to_decide',
  plans_to_review: 'todo.kind.plans_to_review',
  self_inspections_due: 'todo.kind.self_inspections_due',
  self_inspections_to_review: 'todo.kind.self_inspections_to_review',
  campaign_summaries_due: 'todo.kind.campaign_summaries_due',
  document_requests_to_answer: 'todo.kind.document_requests_to_answer',
  monthly_reports_to_file: 'todo.kind.monthly_reports_to_file',
  monthly_reports_to_sign: 'todo.kind.monthly_reports_to_sign',
  monthly_reports_to_compile: 'todo.kind.monthly_reports_to_compile',
  city_reports_to_file: 'todo.kind.city_reports_to_file',
  ic_self_assessments_due: 'todo.kind.ic_self_assessments_due',
  notices_unacknowledged: 'todo.kind.notices_unacknowledged',
  tips_to_accept: 'todo.kind.tips_to_accept',
  transfers_to_answer: 'todo.kind.transfers_to_answer',
  transfers_to_supplement: 'todo.kind.transfers_to_supplement',
  transfers_returned: 'todo.kind.transfers_returned',
  major_case_reports_to_write: 'todo.kind.major_case_reports_to_write',
  major_case_reports_to_send: 'todo.kind.major_case_reports_to_send',
  major_case_reports_to_acknowledge: 'todo.kind.major_case_reports_to_acknowledge',
  campaign_filings_to_acknowledge: 'todo.kind.campaign_filings_to_acknowledge',
};

/** What the card says of the nearest deadline: how many working days are left, or that it passed. */
export function deadlineLabel(item: Pick<TodoItem, 'workingDaysLeft'>): { key: TranslationKey; days: number } | null {
  const left = item.workingDaysLeft;
  if (left === null || left === undefined) return null;
  if (left < 0) return { key: 'todo.overdue', days: -left };
  if (left === 0) return { key: 'todo.dueToday', days: 0 };
  return { key: 'todo.daysLeft', days: left };
}

/** The menu entry's badge: the to-dos whose queue lives under the entry's path. */
export function badgeFor(items: readonly TodoItem[], path: string): number {
  return items.filter((i) => i.link.path === path || i.link.path.startsWith(`${path}/`)).reduce((sum, i) => sum + i.count, 0);
}

/**
 * The actor's to-do centre (GET /api/todo, issue 16 §1): the home page's cards, the menu's badges
 * and the queues' default views. Refreshed by the shell on every navigation.
 */
@Injectable({ providedIn: 'root' })
export class TodoCentre {
  private readonly http = inject(HttpClient);
  private readonly state = signal<Todo | null>(null);
  private pending: Observable<Todo> | null = null;

  readonly todo = this.state.asReadonly();
  readonly items = computed(() => this.state()?.items ?? []);

  /** Asks the server again; a failure keeps the last known state (the next navigation retries). */
  refresh(): Observable<Todo> {
    if (!this.pending) {
      this.pending = this.http.get<Todo>('/api/todo', { context: silentErrors() }).pipe(shareReplay(1));
      this.pending.subscribe({
        next: (todo) => { this.state.set(todo); this.pending = null; },
        error: () => { this.pending = null; },
      });
    }
    return this.pending;
  }

  /** The year the plan review queue should open on: the earliest with plans waiting for the user, if any. */
  planReviewYear(): Observable<number | null> {
    return this.refresh().pipe(map((t) => {
      const year = t.items.find((i) => i.kind === 'plans_to_review')?.link.query['year'];
      return year ? Number(year) : null;
    }));
  }

  badge(path: string): number {
    return badgeFor(this.items(), path);
  }
}
