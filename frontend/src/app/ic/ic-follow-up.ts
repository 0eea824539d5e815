import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import type { AuditSchedule } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { parseIds } from './ic-plan';
import { DayPicker } from '../shell/day-picker';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The team schedules a follow-up audit of a closed one: its dates and its own team. */
@Component({
  selector: 'app-ic-follow-up',
  imports: [DayPicker, FormsModule, NzButtonModule, NzInputModule, TPipe],
  templateUrl: './ic-follow-up.html',
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcFollowUp {
  private readonly i18n = inject(TranslationService);

  /** The change being sent, if any ('follow-up' while this one is). */
  readonly busy = input<string | null>(null);
  /** A valid schedule, to be sent by the page. */
  readonly schedule = output<AuditSchedule>();

  protected followUp = { noticeDate: '', selfAssessmentDue: '', fieldworkStart: '', fieldworkEnd: '', team: '' };
  protected readonly followUpError = signal('');

  protected scheduleFollowUp(): void {
    const f = this.followUp;
    const dates = [f.noticeDate, f.selfAssessmentDue, f.fieldworkStart, f.fieldworkEnd];
    const team = parseIds(f.team);
    if (!dates.every((d) => DATE.test(d)) || !dates.every((d, i) => i === 0 || d >= dates[i - 1]!)) {
      this.followUpError.set(this.i18n.t('ic.plan.datesInvalid'));
      return;
    }
    // A follow-up is not part of a team draw: it needs its own team of two or more.
    if (team.length < 2) {
      this.followUpError.set(this.i18n.t('ic.plan.teamTooSmall'));
      return;
    }
    this.followUpError.set('');
    this.schedule.emit({
      noticeDate: f.noticeDate,
      selfAssessmentDue: f.selfAssessmentDue,
      fieldworkStart: f.fieldworkStart,
      fieldworkEnd: f.fieldworkEnd,
      teamInspectorIds: team,
    });
  }
}
