import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { NzTimelineModule } from 'ng-zorro-antd/timeline';
import type { PlanHistoryAction, PlanHistoryEntry } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';

const ACTION_COLORS: Record<PlanHistoryAction, string> = {
  opened: 'gray',
  draft: 'blue',
  submit: 'blue',
  forward: 'cyan',
  file: 'green',
  return: 'red',
  overdue: 'red',
  close: 'gray',
};

/** 流转记录: what happened to the plan, newest first, with the reviewers' comments. */
@Component({
  selector: 'app-plan-history',
  imports: [DatePipe, NzTimelineModule, TPipe],
  template: `
    @if (entries().length) {
      <nz-timeline data-testid="plan-history">
        @for (entry of entries(); track $index) {
          <nz-timeline-item [nzColor]="entry.color">
            <div class="entry" data-testid="plan-history-item" [attr.data-action]="entry.action">
              <strong>{{ entry.labelKey | t }}</strong>
              <span class="meta">
                <time [attr.datetime]="entry.at">{{ entry.at | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</time>
                · {{ entry.by }}
              </span>
              @if (entry.comment) {
                <p class="comment" [class.returned]="entry.action === 'return'" data-testid="plan-history-comment">
                  {{ entry.comment }}
                </p>
              }
            </div>
          </nz-timeline-item>
        }
      </nz-timeline>
    } @else {
      <p class="empty">{{ 'plans.history.empty' | t }}</p>
    }
  `,
  styles: `
    .entry strong {
      margin-inline-end: 8px;
    }

    .meta {
      color: rgba(0, 0, 0, 0.6);
      font-size: 12px;
    }

    .comment {
      margin: 4px 0 0;
      padding: 6px 10px;
      border-radius: 6px;
      background: #fafafa;
      white-space: pre-wrap;
      word-break: break-word;
    }

    .comment.returned {
      background: #fff2e8;
      color: #ad2102;
    }

    .empty {
      color: rgba(0, 0, 0, 0.6);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanHistory {
  readonly history = input.required<readonly PlanHistoryEntry[]>();

  protected readonly entries = computed(() =>
    [...this.history()]
      .sort((a, b) => b.at.localeCompare(a.at))
      .map((entry) => ({
        ...entry,
        color: ACTION_COLORS[entry.action],
        labelKey: `plans.history.${entry.action}` as TranslationKey,
      })),
  );
}
