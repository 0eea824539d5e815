import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { TPipe } from '../i18n/t-pipe';
import type { ReportClock } from './major-case-rules';

/** The report's deadline state: overdue, the day-5 reminder, or the days left (only while it is pending). */
@Component({
  selector: 'app-report-clock-tag',
  imports: [NzTagModule, TPipe],
  template: `
    @if (clock(); as c) {
      @if (c.overdue) {
        <nz-tag nzColor="error" data-testid="report-overdue">{{ 'majorCases.clock.overdue' | t }}</nz-tag>
      } @else if (c.pending) {
        @if (c.reminder) {
          <nz-tag nzColor="warning" data-testid="report-reminder">{{ 'majorCases.clock.reminder' | t }}</nz-tag>
        }
        <span class="left" data-testid="report-days-left">{{ c.daysLeft === 0 ? ('majorCases.clock.dueToday' | t) : ('majorCases.clock.daysLeft' | t: { n: c.daysLeft }) }}</span>
      }
    }
  `,
  styles: `.left { color: #595959; margin-left: 4px; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportClockTag {
  readonly clock = input<ReportClock | null>(null);
}
