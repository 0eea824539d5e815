import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TPipe } from '../i18n/t-pipe';
import type { DisputeLevelName } from './findings-api';
import { DISPUTE_LEVEL_LABELS } from './findings-labels';

/** One step of a finding's, decision's or dispute's history (a dispute's steps name their level). */
export interface FindingHistoryEntry {
  at: string;
  action: string;
  by: string;
  comment: string | null;
  levelName?: DisputeLevelName | null;
}

/**
 * The history list of the finding, decision and dispute pages: moment (China time), the action
 * in words, the dispute level when there is one, who, and the comment. The heading stays with the
 * page, which words the actions (`label`), as each record has its own.
 */
@Component({
  selector: 'app-finding-history',
  imports: [DatePipe, TPipe],
  template: `
    <ul class="history" [attr.data-testid]="testId()">
      @for (h of entries(); track $index) {
        <li>
          <span class="hint">{{ h.at | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</span>
          <strong>{{ label()(h.action) }}</strong>
          @if (h.levelName) {
            <span>{{ levelLabels[h.levelName] | t }}</span>
          }
          <span>{{ h.by }}</span>
          @if (h.comment) {
            <span class="hint">{{ h.comment }}</span>
          }
        </li>
      }
    </ul>
  `,
  styleUrls: ['../shell/feature-page.css', './findings.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FindingHistory {
  readonly entries = input.required<readonly FindingHistoryEntry[]>();
  /** The list's data-testid. */
  readonly testId = input.required<string>();
  /** The action in words. */
  readonly label = input.required<(action: string) => string>();

  protected readonly levelLabels = DISPUTE_LEVEL_LABELS;
}
