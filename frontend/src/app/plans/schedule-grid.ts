import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { type AbstractControl, ReactiveFormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { TPipe } from '../i18n/t-pipe';
import { type TranslationParams, TranslationService } from '../i18n/translation';
import {
  MONTHS,
  MONTH_PARAMS,
  type PlanForm,
  type TargetCoverage,
  type TaskForm,
  firstIssue,
  formCoverage,
  nextTaskId,
  taskForm,
  watchForm,
  yearTotal,
} from './plan-form';
import { CoverageList } from './coverage-list';
import { targetLabelOf } from './plan-labels';

export interface TargetOption {
  readonly code: string;
  readonly label: string;
}

/** 工作推进配档表 being drafted: tasks × months, with each target's coverage checked as one types. */
@Component({
  selector: 'app-schedule-grid',
  imports: [ReactiveFormsModule, NzButtonModule, NzIconModule, NzInputModule, NzSelectModule, CoverageList, TPipe],
  templateUrl: './schedule-grid.html',
  styleUrl: './schedule-grid.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScheduleGrid {
  private readonly i18n = inject(TranslationService);

  readonly form = input.required<PlanForm>();

  protected readonly months = MONTHS;
  protected readonly monthParams = MONTH_PARAMS;

  protected tasks(): TaskForm[] {
    return this.form().controls.schedule.controls;
  }

  /** The plan's targets as they stand in the content form above. */
  protected targetOptions(): TargetOption[] {
    return this.form().controls.targets.controls.map((t) => ({
      code: t.controls.code.value,
      label: targetLabelOf(this.i18n, t.controls.code.value, t.controls.label.value),
    }));
  }

  private readonly revision = watchForm(this.form);
  protected readonly coverage = computed<TargetCoverage[]>(() => {
    this.revision();
    return formCoverage(this.form());
  });

  protected rowTotal(task: TaskForm): number {
    return yearTotal(task.controls.monthly.value);
  }

  protected addTask(): void {
    const schedule = this.form().controls.schedule;
    const id = nextTaskId(schedule.controls.map((t) => t.controls.id.value));
    // A new task defaults to the first target nothing covers yet, else to the first target.
    const firstUncovered = this.coverage().find((c) => !c.covered)?.target.code;
    const targetCode = firstUncovered ?? this.form().controls.targets.at(0)?.controls.code.value ?? '';
    schedule.push(taskForm({ id, targetCode }));
    schedule.markAsDirty();
  }

  protected removeTask(index: number): void {
    this.form().controls.schedule.removeAt(index);
    this.form().controls.schedule.markAsDirty();
  }

  protected invalid(control: AbstractControl): boolean {
    return control.invalid && (control.dirty || control.touched);
  }

  /** "第 2 行：请输入任务名称", for the rows the user touched or tried to send. */
  protected rowIssues(): string[] {
    return this.tasks().flatMap((task, i) => {
      const controls = [task.controls.title, task.controls.owner, task.controls.targetCode, ...task.controls.monthly.controls];
      const shown = controls.filter((c) => this.invalid(c));
      const issue = shown.length ? firstIssue(shown[0]!) : null;
      return issue
        ? [this.i18n.t('plans.schedule.rowIssue', { row: i + 1, message: this.i18n.t(issue.key, issue.params as TranslationParams) })]
        : [];
    });
  }
}
