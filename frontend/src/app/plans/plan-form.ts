import { type Signal, effect, signal } from '@angular/core';
import {
  type AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  type ValidationErrors,
  type ValidatorFn,
} from '@angular/forms';
import type {
  PlanContent,
  PlanDetail,
  PlanTarget,
  PlanTargetUnit,
  SavePlanDraftRequest,
  ScheduleTask,
} from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { PLAN_LIMITS, STANDARD_TARGETS, type StandardTarget } from './plans-api';

// The plan editor is one reactive form (content + schedule) so that a draft is saved in one PUT.
// Validators report each error under its translation key with the message parameters as the
// value (as in the notice form), so one error tip renders every message in the current language.
//
// Two levels: a draft may be incomplete (empty texts and lists, targets the schedule does not
// cover yet), but never malformed (too long, out of range, not a number); submission needs both.

export type TargetForm = FormGroup<{
  code: FormControl<string>;
  label: FormControl<string>;
  unit: FormControl<PlanTargetUnit>;
  value: FormControl<number | null>;
}>;

export type PersonForm = FormGroup<{
  name: FormControl<string>;
  title: FormControl<string>;
  phone: FormControl<string>;
}>;

export type TaskForm = FormGroup<{
  id: FormControl<string>;
  title: FormControl<string>;
  owner: FormControl<string>;
  targetCode: FormControl<string>;
  monthly: FormArray<FormControl<number | null>>;
}>;

export type PlanForm = FormGroup<{
  targets: FormArray<TargetForm>;
  focusAreas: FormControl<string[]>;
  methods: FormControl<string>;
  steps: FormControl<string>;
  responsiblePersons: FormArray<PersonForm>;
  schedule: FormArray<TaskForm>;
}>;

export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** Parameters of `plans.month`: 5 → 5月 in Chinese, May in English. */
export const MONTH_PARAMS: Readonly<Record<number, { month: number; monthName: string }>> = Object.fromEntries(
  MONTHS.map((month) => [
    month,
    { month, monthName: new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en', { month: 'short', timeZone: 'UTC' }) },
  ]),
);

/** Errors that only block submission: the plan is not finished yet, but a draft may be saved. */
const COMPLETENESS_ERRORS: ReadonlySet<string> = new Set<TranslationKey>([
  'plans.form.targetsRequired',
  'plans.form.targetLabelRequired',
  'plans.form.focusAreasRequired',
  'plans.form.methodsRequired',
  'plans.form.stepsRequired',
  'plans.form.personsRequired',
  'plans.form.personNameRequired',
  'plans.form.personTitleRequired',
  'plans.form.taskTitleRequired',
  'plans.form.taskOwnerRequired',
  'plans.form.taskTargetRequired',
]);

// ---------------------------------------------------------------------------------------------
// Validators

/** Lengths are counted after trimming, as the backend does; `requiredKey` null = optional. */
function text(max: number, requiredKey: TranslationKey | null): ValidatorFn {
  return (control) => {
    const length = String(control.value ?? '').trim().length;
    if (length === 0) return requiredKey ? { [requiredKey]: {} } : null;
    return length > max ? { 'plans.form.textTooLong': { max } } : null;
  };
}

function minItems(requiredKey: TranslationKey): ValidatorFn {
  return (control) => ((control as FormArray).length > 0 ? null : { [requiredKey]: {} });
}

/** The range depends on the unit beside it in the same target. */
const targetValue: ValidatorFn = (control) => {
  const value: unknown = control.value;
  if (value === null || value === undefined || value === '') return { 'plans.form.targetValueRequired': {} };
  const unit = (control.parent?.get('unit')?.value ?? 'count') as PlanTargetUnit;
  if (unit === 'percent') {
    return typeof value === 'number' && value >= 0 && value <= PLAN_LIMITS.percentMax
      ? null
      : { 'plans.form.percentRange': { max: PLAN_LIMITS.percentMax } };
  }
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= PLAN_LIMITS.countMax
    ? null
    : { 'plans.form.countRange': { max: PLAN_LIMITS.countMax } };
};

const focusAreas: ValidatorFn = (control) => {
  const values = ((control.value ?? []) as string[]).map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) return { 'plans.form.focusAreasRequired': {} };
  return values.some((v) => v.length > PLAN_LIMITS.focusAreaMax)
    ? { 'plans.form.focusAreaLength': { max: PLAN_LIMITS.focusAreaMax } }
    : null;
};

const phone: ValidatorFn = (control) => {
  const value = String(control.value ?? '').trim();
  return value === '' || PLAN_LIMITS.phonePattern.test(value) ? null : { 'plans.form.phoneInvalid': {} };
};

/** Empty counts as 0; otherwise a whole number ≥ 0. */
const monthlyQuantity: ValidatorFn = (control) => {
  const value: unknown = control.value;
  if (value === null || value === undefined || value === '') return null;
  return Number.isInteger(value) && (value as number) >= 0 ? null : { 'plans.form.quantityInvalid': {} };
};

/** One of the plan's target codes (the targets array of the same form). */
const targetCode: ValidatorFn = (control) => {
  const code = String(control.value ?? '');
  if (!code) return { 'plans.form.taskTargetRequired': {} };
  const targets = control.root.get('targets') as FormArray<TargetForm> | null;
  if (!targets) return null;
  return targets.controls.some((t) => t.controls.code.value === code) ? null : { 'plans.form.taskTargetUnknown': {} };
};

// ---------------------------------------------------------------------------------------------
// Building

export function targetForm(
  target: Partial<Omit<PlanTarget, 'value'>> & Pick<PlanTarget, 'code' | 'unit'> & { value?: number | null },
): TargetForm {
  const form: TargetForm = new FormGroup({
    code: new FormControl(target.code, { nonNullable: true }),
    label: new FormControl(target.label ?? '', {
      nonNullable: true,
      validators: text(PLAN_LIMITS.targetLabelMax, 'plans.form.targetLabelRequired'),
    }),
    unit: new FormControl<PlanTargetUnit>(target.unit, { nonNullable: true }),
    value: new FormControl<number | null>(target.value ?? null, targetValue),
  });
  // The value's range follows the unit (a custom target's unit can be changed).
  form.controls.unit.valueChanges.subscribe(() => form.controls.value.updateValueAndValidity());
  form.controls.value.updateValueAndValidity();
  return form;
}

export function standardTargetForm(standard: StandardTarget): TargetForm {
  return targetForm({ code: standard.code, label: standard.label, unit: standard.unit, value: standard.suggested });
}

export function personForm(person: Partial<PlanContent['responsiblePersons'][number]> = {}): PersonForm {
  return new FormGroup({
    name: new FormControl(person.name ?? '', {
      nonNullable: true,
      validators: text(PLAN_LIMITS.personNameMax, 'plans.form.personNameRequired'),
    }),
    title: new FormControl(person.title ?? '', {
      nonNullable: true,
      validators: text(PLAN_LIMITS.personTitleMax, 'plans.form.personTitleRequired'),
    }),
    phone: new FormControl(person.phone ?? '', { nonNullable: true, validators: phone }),
  });
}

export function taskForm(task: Partial<ScheduleTask> & Pick<ScheduleTask, 'id'>): TaskForm {
  return new FormGroup({
    id: new FormControl(task.id, { nonNullable: true }),
    title: new FormControl(task.title ?? '', {
      nonNullable: true,
      validators: text(PLAN_LIMITS.taskTitleMax, 'plans.form.taskTitleRequired'),
    }),
    owner: new FormControl(task.owner ?? '', {
      nonNullable: true,
      validators: text(PLAN_LIMITS.taskOwnerMax, 'plans.form.taskOwnerRequired'),
    }),
    targetCode: new FormControl(task.targetCode ?? '', { nonNullable: true, validators: targetCode }),
    monthly: new FormArray(
      MONTHS.map((m) => new FormControl<number | null>(task.monthly?.[m - 1] ?? null, monthlyQuantity)),
    ),
  });
}

/** The editor's form for a plan as the backend last returned it (empty while not_started). */
export function planForm(plan: Pick<PlanDetail, 'content' | 'schedule'>): PlanForm {
  const content = plan.content;
  const form: PlanForm = new FormGroup({
    targets: new FormArray((content?.targets ?? []).map((t) => targetForm(t)), minItems('plans.form.targetsRequired')),
    focusAreas: new FormControl<string[]>(content?.focusAreas ?? [], { nonNullable: true, validators: focusAreas }),
    methods: new FormControl(content?.methods ?? '', {
      nonNullable: true,
      validators: text(PLAN_LIMITS.textMax, 'plans.form.methodsRequired'),
    }),
    steps: new FormControl(content?.steps ?? '', {
      nonNullable: true,
      validators: text(PLAN_LIMITS.textMax, 'plans.form.stepsRequired'),
    }),
    responsiblePersons: new FormArray(
      (content?.responsiblePersons ?? []).map((p) => personForm(p)),
      minItems('plans.form.personsRequired'),
    ),
    schedule: new FormArray(plan.schedule.map((t) => taskForm(t))),
  });
  // Task target codes are checked against the targets, which only exist once the form does.
  for (const task of form.controls.schedule.controls) task.controls.targetCode.updateValueAndValidity();
  return form;
}

/** 'custom-<n>' one above the highest in use. */
export function nextCustomCode(codes: readonly string[]): string {
  const used = codes.map((c) => /^custom-(\d+)$/.exec(c)?.[1]).filter(Boolean).map(Number);
  return `custom-${Math.max(0, ...used) + 1}`;
}

/** 't<n>' one above the highest in use; ids must stay unique within the plan. */
export function nextTaskId(ids: readonly string[]): string {
  const used = ids.map((id) => /^t(\d+)$/.exec(id)?.[1]).filter(Boolean).map(Number);
  return `t${Math.max(0, ...used) + 1}`;
}

/**
 * A counter that moves whenever the value or validity of `form()` changes, so computed signals
 * (coverage, totals) can depend on a reactive form. Call in an injection context.
 */
export function watchForm(form: () => AbstractControl | null): Signal<number> {
  const revision = signal(0);
  effect((onCleanup) => {
    const subscription = form()?.events.subscribe(() => revision.update((n) => n + 1));
    onCleanup(() => subscription?.unsubscribe());
  });
  return revision.asReadonly();
}

// ---------------------------------------------------------------------------------------------
// Checking

export interface FormIssue {
  readonly key: TranslationKey;
  readonly params: Record<string, string | number>;
}

/** The first error of a control, for its error tip. */
export function firstIssue(control: AbstractControl | null): FormIssue | null {
  const [key, params] = Object.entries(control?.errors ?? {})[0] ?? [];
  return key ? { key: key as TranslationKey, params: (params ?? {}) as FormIssue['params'] } : null;
}

function collectErrors(control: AbstractControl, into: ValidationErrors[]): void {
  if (control.errors) into.push(control.errors);
  if (control instanceof FormGroup || control instanceof FormArray) {
    for (const child of Object.values(control.controls) as AbstractControl[]) collectErrors(child, into);
  }
}

/** Error keys anywhere in the form. */
export function errorKeysOf(form: AbstractControl): string[] {
  const errors: ValidationErrors[] = [];
  collectErrors(form, errors);
  return errors.flatMap((e) => Object.keys(e));
}

/** Whether a draft can be saved: nothing malformed (incompleteness is fine). */
export function draftBlocked(form: PlanForm): boolean {
  return errorKeysOf(form).some((key) => !COMPLETENESS_ERRORS.has(key));
}

/** Marks every control dirty and re-runs its validators, which makes nz-form-control show the tips. */
export function revealErrors(control: AbstractControl): void {
  control.markAsDirty();
  control.markAsTouched();
  if (control instanceof FormGroup || control instanceof FormArray) {
    for (const child of Object.values(control.controls) as AbstractControl[]) revealErrors(child);
  }
  control.updateValueAndValidity({ onlySelf: true, emitEvent: true });
}

export interface TargetCoverage {
  readonly target: Pick<PlanTarget, 'code' | 'label' | 'unit'> & { value: number | null };
  /** Tasks of the schedule that work towards the target. */
  readonly tasks: number;
  /** Sum of the monthly quantities of those tasks over the year. */
  readonly total: number;
  /** A task covers it, and for a count target the year's quantities reach the target value. */
  readonly covered: boolean;
  readonly reason: 'ok' | 'noTask' | 'short';
}

type CoverageTask = Pick<ScheduleTask, 'targetCode'> & { monthly: readonly (number | null)[] };

/** Per target: is it covered by the schedule (the backend refuses to submit otherwise)? */
export function coverageOf(
  targets: readonly (Pick<PlanTarget, 'code' | 'label' | 'unit'> & { value: number | null })[],
  tasks: readonly CoverageTask[],
): TargetCoverage[] {
  return targets.map((target) => {
    const mine = tasks.filter((t) => t.targetCode === target.code);
    const total = mine.reduce((sum, t) => sum + yearTotal(t.monthly), 0);
    const reason: TargetCoverage['reason'] =
      mine.length === 0 ? 'noTask' : target.unit === 'count' && total < (target.value ?? 0) ? 'short' : 'ok';
    return { target, tasks: mine.length, total, covered: reason === 'ok', reason };
  });
}

export function yearTotal(monthly: readonly (number | null)[]): number {
  return monthly.reduce<number>((sum, v) => sum + (typeof v === 'number' && Number.isFinite(v) ? v : 0), 0);
}

/** Coverage of the form as it stands. */
export function formCoverage(form: PlanForm): TargetCoverage[] {
  const { targets, schedule } = form.getRawValue();
  return coverageOf(targets, schedule);
}

// ---------------------------------------------------------------------------------------------
// Sending

/** The PUT …/draft body: trimmed texts, empty cells as 0, blank responsible-person rows dropped. */
export function draftRequestOf(form: PlanForm, version: number): SavePlanDraftRequest {
  const value = form.getRawValue();
  const focus = [...new Set(value.focusAreas.map((f) => f.trim()).filter(Boolean))];
  return {
    content: {
      targets: value.targets.map((t) => ({
        code: t.code,
        label: t.label.trim(),
        unit: t.unit,
        value: t.value ?? 0,
      })),
      focusAreas: focus,
      methods: value.methods.trim(),
      steps: value.steps.trim(),
      responsiblePersons: value.responsiblePersons
        .map((p) => ({ name: p.name.trim(), title: p.title.trim(), phone: p.phone.trim() }))
        .filter((p) => p.name || p.title || p.phone)
        .map(({ name, title, phone }) => (phone ? { name, title, phone } : { name, title })),
    },
    schedule: value.schedule.map((t) => ({
      id: t.id,
      title: t.title.trim(),
      owner: t.owner.trim(),
      targetCode: t.targetCode,
      monthly: t.monthly.map((v) => v ?? 0),
    })),
    version,
  };
}

export function standardTargetOf(code: string): StandardTarget | undefined {
  return STANDARD_TARGETS.find((t) => t.code === code);
}
