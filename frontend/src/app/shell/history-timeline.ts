import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** One step of a record's history, as the backends send it. */
export interface TimelineEntry {
  at: string;
  action: string;
  by: string;
  comment?: string | null;
}

/**
 * A record's history, oldest first: "2027-06-02 10:00 王五 · submitted — 补充材料" per line, in China
 * time. The heading stays with the page. Used by the internal-control audit and spot-check details.
 */
@Component({
  selector: 'app-history-timeline',
  imports: [DatePipe],
  template: `
    <ul [attr.data-testid]="testId()">
      @for (h of entries(); track $index) {
        <li>
          <time [attr.datetime]="h.at">{{ h.at | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</time> {{ h.by }} · {{ label()(h.action) }}
          @if (h.comment) {
            — {{ h.comment }}
          }
        </li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HistoryTimeline {
  readonly entries = input.required<readonly TimelineEntry[]>();
  /** The list's data-testid. */
  readonly testId = input.required<string>();
  /** How an action is shown; the backend's text as it is by default. */
  readonly label = input<(action: string) => string>((action) => action);
}
