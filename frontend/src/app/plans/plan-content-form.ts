import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { type AbstractControl, ReactiveFormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { PlanTargetUnit } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { type TranslationParams, TranslationService } from '../i18n/translation';
import {
  type PlanForm,
  type TargetForm,
  firstIssue,
  nextCustomCode,
  personForm,
  standardTargetForm,
  standardTargetOf,
  targetForm,
} from './plan-form';
import { FOCUS_AREAS, PLAN_LIMITS, STANDARD_TARGETS, type StandardTarget } from './plans-api';

/** 方案内容: targets, focus areas, methods, steps and responsible persons of a plan being drafted. */
@Component({
  selector: 'app-plan-content-form',
  imports: [
    ReactiveFormsModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzInputNumberModule,
    NzSelectModule,
    TPipe,
  ],
  templateUrl: './plan-content-form.html',
  styleUrl: './plan-content-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanContentForm {
  private readonly i18n = inject(TranslationService);

  readonly form = input.required<PlanForm>();

  protected readonly limits = PLAN_LIMITS;
  protected readonly units: readonly PlanTargetUnit[] = ['percent', 'count'];
  /** The eight standard focus areas; free text is typed into the same select (tags mode). */
  protected readonly focusOptions = computed(() =>
    FOCUS_AREAS.map((code) => ({ code, label: this.i18n.t(`plans.focus.${code}`) })),
  );

  protected targets(): TargetForm[] {
    return this.form().controls.targets.controls;
  }

  /** Standard targets not in the plan yet. */
  protected missingStandardTargets(): StandardTarget[] {
    const codes = new Set(this.targets().map((t) => t.controls.code.value));
    return STANDARD_TARGETS.filter((t) => !codes.has(t.code));
  }

  protected standardOf(target: TargetForm): StandardTarget | undefined {
    return standardTargetOf(target.controls.code.value);
  }

  protected standardName(code: string): string {
    return this.i18n.t(`plans.target.${code}` as TranslationKey);
  }

  protected unitLabel(unit: PlanTargetUnit): string {
    return this.i18n.t(`plans.unit.${unit}`);
  }

  /** The regulatory floor of a standard target, when the value is below it. */
  protected belowMinimum(target: TargetForm): number | null {
    const minimum = this.standardOf(target)?.minimum ?? null;
    const value = target.controls.value.value;
    return minimum !== null && value !== null && value < minimum ? minimum : null;
  }

  protected addStandardTarget(standard: StandardTarget): void {
    this.form().controls.targets.push(standardTargetForm(standard));
    this.form().controls.targets.markAsDirty();
  }

  protected addCustomTarget(): void {
    const targets = this.form().controls.targets;
    const code = nextCustomCode(targets.controls.map((t) => t.controls.code.value));
    targets.push(targetForm({ code, unit: 'count' }));
    targets.markAsDirty();
  }

  /** Tasks working towards a removed target lose it and must be pointed at another one. */
  protected removeTarget(index: number): void {
    const targets = this.form().controls.targets;
    const code = targets.at(index).controls.code.value;
    targets.removeAt(index);
    targets.markAsDirty();
    for (const task of this.form().controls.schedule.controls) {
      if (task.controls.targetCode.value === code) task.controls.targetCode.setValue('');
      else task.controls.targetCode.updateValueAndValidity();
    }
  }

  protected addPerson(): void {
    this.form().controls.responsiblePersons.push(personForm());
    this.form().controls.responsiblePersons.markAsDirty();
  }

  protected removePerson(index: number): void {
    this.form().controls.responsiblePersons.removeAt(index);
    this.form().controls.responsiblePersons.markAsDirty();
  }

  /** The list-level message (no target, no person), once the user tried to save or submit. */
  protected listError(control: AbstractControl): string {
    return control.dirty ? this.errorText(control) : '';
  }

  protected errorText(control: AbstractControl | null): string {
    const issue = firstIssue(control);
    return issue ? this.i18n.t(issue.key, issue.params as TranslationParams) : '';
  }
}
