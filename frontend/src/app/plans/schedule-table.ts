import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { PlanDetail } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { CoverageList } from './coverage-list';
import { type MeasuredPlan, measuredOf } from './measured-targets';
import { MONTHS, MONTH_PARAMS, coverageOf, yearTotal } from './plan-form';
import { targetLabelOf } from './plan-labels';

interface ScheduleCell {
  readonly month: number;
  readonly planned: number;
  /** null when nothing was reported for that month. */
  readonly done: number | null;
  readonly behind: boolean;
}

/**
 * 配档表, read-only; once the plan is filed, each month shows planned against done. A target the
 * backend measures month by month (现场检查家次) gets a 系统统计（已送达检查） row: the planned
 * quantities of its tasks against the inspections sent; what was typed for those tasks is marked
 * supplementary.
 */
@Component({
  selector: 'app-schedule-table',
  imports: [CoverageList, TPipe],
  templateUrl: './schedule-table.html',
  styleUrl: './schedule-table.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScheduleTable {
  private readonly i18n = inject(TranslationService);

  readonly plan = input.required<Pick<PlanDetail, 'content' | 'schedule' | 'progress'> & MeasuredPlan>();
  /** Show the done quantities beside the planned ones. */
  readonly showProgress = input(false);
  /** Months after this one are not due yet (so not behind); 12 for a past year. */
  readonly dueMonth = input(12);

  protected readonly months = MONTHS;
  protected readonly monthParams = MONTH_PARAMS;

  protected readonly coverage = computed(() => coverageOf(this.plan().content?.targets ?? [], this.plan().schedule));

  protected readonly rows = computed(() => {
    const { content, schedule, progress } = this.plan();
    const targets = content?.targets ?? [];
    return schedule.map((task) => {
      const target = targets.find((t) => t.code === task.targetCode);
      const cells: ScheduleCell[] = MONTHS.map((month) => {
        const planned = task.monthly[month - 1] ?? 0;
        const entry = progress.find((p) => p.taskId === task.id && p.month === month);
        const done = entry ? entry.doneQuantity : null;
        return { month, planned, done, behind: month <= this.dueMonth() && (done ?? 0) < planned };
      });
      return {
        id: task.id,
        title: task.title,
        owner: task.owner,
        target: target ? targetLabelOf(this.i18n, target.code, target.label) : task.targetCode,
        /** The measured figure counts; the typed progress is supplementary. */
        supplementary: measuredOf(this.plan(), task.targetCode) !== null,
        cells,
        planned: yearTotal(task.monthly),
        done: cells.reduce((sum, c) => sum + (c.done ?? 0), 0),
      };
    });
  });

  /** Per target measured by month: the planned quantities of its tasks against the inspections sent. */
  protected readonly measuredRows = computed(() => {
    const plan = this.plan();
    const targets = plan.content?.targets ?? [];
    return (plan.measured ?? [])
      .filter((m) => m.byMonth !== null)
      .map((m) => {
        const tasks = plan.schedule.filter((t) => t.targetCode === m.targetCode);
        const target = targets.find((t) => t.code === m.targetCode);
        const cells: ScheduleCell[] = MONTHS.map((month) => {
          const planned = tasks.reduce((sum, t) => sum + (t.monthly[month - 1] ?? 0), 0);
          const done = m.byMonth?.[month - 1] ?? 0;
          return { month, planned, done, behind: month <= this.dueMonth() && done < planned };
        });
        return {
          code: m.targetCode,
          target: targetLabelOf(this.i18n, m.targetCode, target?.label ?? ''),
          cells,
          planned: cells.reduce((sum, c) => sum + c.planned, 0),
          done: cells.reduce((sum, c) => sum + (c.done ?? 0), 0),
        };
      });
  });
}
