import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, FormsModule, ReactiveFormsModule, type ValidatorFn } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { firstValueFrom } from 'rxjs';
import { ATTACHMENT_MAX_MB, AttachmentsApi, attachmentRefusal } from '../core/attachments';
import { EvidencePicker } from '../shell/evidence-picker';
import { chinaDateOf } from '../core/china-date';
import type { Attachment, PlanDetail, PlanProgressRequest } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { measuredOf } from './measured-targets';
import { MONTH_PARAMS, revealErrors } from './plan-form';
import { targetLabelOf } from './plan-labels';
import { PlansApi } from './plans-api';
import { CLOCK } from '../core/clock';

/** Note length is not in the contract; the same bound as a reviewer's comment. */
const NOTE_MAX = 2000;

const doneQuantity: ValidatorFn = (control) => {
  const value: unknown = control.value;
  if (value === null || value === undefined || value === '') return null;
  return Number.isInteger(value) && (value as number) >= 0 ? null : { 'plans.form.quantityInvalid': {} };
};

const note: ValidatorFn = (control) =>
  String(control.value ?? '').trim().length > NOTE_MAX ? { 'plans.form.textTooLong': { max: NOTE_MAX } } : null;

type EntryForm = FormGroup<{
  taskId: FormControl<string>;
  done: FormControl<number | null>;
  note: FormControl<string>;
}>;

/** Months that can be reported: none of a future year, up to the current month of this year. */
export function reportableMonths(year: number, today: string): number[] {
  const [currentYear, currentMonth] = today.split('-').map(Number) as [number, number];
  const last = year < currentYear ? 12 : year === currentYear ? currentMonth : 0;
  return Array.from({ length: last }, (_, i) => i + 1);
}

/**
 * The months of `year` already over on `today`: only they can be behind (issue 16: on 7 December
 * the month under way is not red at 0%; it is neutral until its last day has passed).
 */
export function endedMonths(year: number, today: string): number {
  const [currentYear, currentMonth] = today.split('-').map(Number) as [number, number];
  return year < currentYear ? 12 : year === currentYear ? currentMonth - 1 : 0;
}

/** 执行进度: the drafting unit reports, per month, what each task of the filed plan achieved. */
@Component({
  selector: 'app-progress-report',
  imports: [FormsModule, ReactiveFormsModule, NzButtonModule, NzIconModule, NzInputModule, NzSelectModule, EvidencePicker, TPipe],
  templateUrl: './progress-report.html',
  styleUrl: './progress-report.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgressReport {
  private readonly api = inject(PlansApi);
  private readonly attachments = inject(AttachmentsApi);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly now = inject(CLOCK);

  readonly plan = input.required<PlanDetail>();
  readonly saved = output<PlanDetail>();

  protected readonly months = computed(() => reportableMonths(this.plan().year, chinaDateOf(this.now())));
  /** Defaults to the latest reportable month; kept when the plan is reloaded after a save. */
  protected readonly month = linkedSignal<number[], number | null>({
    source: this.months,
    computation: (months, previous) =>
      previous?.value && months.includes(previous.value) ? previous.value : (months.at(-1) ?? null),
  });
  protected readonly saving = signal(false);
  protected readonly monthParams = MONTH_PARAMS;

  /** One row per task for the chosen month, prefilled with what was reported before. */
  protected readonly form = computed(() => {
    const plan = this.plan();
    const month = this.month();
    return new FormArray<EntryForm>(
      plan.schedule.map((task) => {
        const entry = plan.progress.find((p) => p.taskId === task.id && p.month === month);
        return new FormGroup({
          taskId: new FormControl(task.id, { nonNullable: true }),
          done: new FormControl<number | null>(entry?.doneQuantity ?? null, doneQuantity),
          note: new FormControl(entry?.note ?? '', { nonNullable: true, validators: note }),
        });
      }),
    );
  });

  /**
   * Evidence uploaded for the month being reported, per task id, not yet saved with it. Starts
   * over with the form: another month, or the plan reloaded after a save (which then lists them).
   */
  protected readonly uploads = linkedSignal<FormArray<EntryForm>, Readonly<Record<string, readonly Attachment[]>>>({
    source: this.form,
    computation: () => ({}),
  });
  /** Uploads under way per task id; the month is not saved before they are done. */
  protected readonly sending = signal<Readonly<Record<string, number>>>({});
  protected readonly busy = computed(() => Object.values(this.sending()).some((n) => n > 0));

  protected readonly rows = computed(() => {
    const plan = this.plan();
    const month = this.month();
    const targets = plan.content?.targets ?? [];
    return plan.schedule.map((task) => {
      const target = targets.find((t) => t.code === task.targetCode);
      const entry = plan.progress.find((p) => p.taskId === task.id && p.month === month);
      const measured = measuredOf(plan, task.targetCode);
      return {
        title: task.title,
        target: target ? targetLabelOf(this.i18n, target.code, target.label) : task.targetCode,
        planned: month ? (task.monthly[month - 1] ?? 0) : 0,
        attachments: entry?.attachmentIds.length ?? 0,
        /** Measured from the inspections sent: what is typed here is supplementary. */
        supplementary: measured !== null,
        /** The inspections sent in the chosen month (现场检查家次 only, for the whole target). */
        measuredMonth: measured?.byMonth && month ? (measured.byMonth[month - 1] ?? 0) : null,
      };
    });
  });
  /** The measured targets among the tasks', named for the hint above the table ('' when none). */
  protected readonly measuredTargets = computed(() => {
    const plan = this.plan();
    const targets = plan.content?.targets ?? [];
    const codes = new Set(plan.schedule.map((t) => t.targetCode));
    return (plan.measured ?? [])
      .filter((m) => codes.has(m.targetCode))
      .map((m) => targetLabelOf(this.i18n, m.targetCode, targets.find((t) => t.code === m.targetCode)?.label ?? ''))
      .join(this.i18n.isZh() ? '、' : '; ');
  });

  protected invalid(control: FormControl): boolean {
    return control.invalid && (control.dirty || control.touched);
  }

  /** Checks the picked files and uploads the acceptable ones for the task. */
  protected pick(taskId: string, input: HTMLInputElement): void {
    const files = Array.from(input.files ?? []);
    // Lets the same file be picked again (after removing it, or after a failed upload).
    input.value = '';
    const form = this.form();
    for (const file of files) {
      const refusal = attachmentRefusal(file);
      if (refusal) {
        this.message.error(this.i18n.t(refusal, { filename: file.name, max: ATTACHMENT_MAX_MB }));
      } else {
        void this.send(form, taskId, file);
      }
    }
  }

  /** Forgets an uploaded file: it will not be attached when the month is saved. */
  protected remove(taskId: string, id: string): void {
    this.uploads.update((uploads) => ({ ...uploads, [taskId]: (uploads[taskId] ?? []).filter((a) => a.id !== id) }));
  }

  private async send(form: FormArray<EntryForm>, taskId: string, file: File): Promise<void> {
    const count = (delta: number) => this.sending.update((s) => ({ ...s, [taskId]: (s[taskId] ?? 0) + delta }));
    count(1);
    try {
      const attachment = await firstValueFrom(this.attachments.upload(file));
      // Dropped when another month (or a reloaded plan) is shown meanwhile.
      if (this.form() === form) {
        this.uploads.update((uploads) => ({ ...uploads, [taskId]: [...(uploads[taskId] ?? []), attachment] }));
      }
    } catch {
      // The error interceptor has shown the backend's message (type, size, …).
    } finally {
      count(-1);
    }
  }

  protected async save(): Promise<void> {
    const month = this.month();
    const form = this.form();
    if (this.saving() || this.busy() || month === null) return;
    if (form.invalid) {
      revealErrors(form);
      return;
    }
    const plan = this.plan();
    const uploads = this.uploads();
    const request: PlanProgressRequest = {
      entries: form.getRawValue().map(({ taskId, done, note }) => {
        // The attachments already on the entry are kept; the new uploads are added to them.
        const existing = plan.progress.find((p) => p.taskId === taskId && p.month === month)?.attachmentIds ?? [];
        const attachmentIds = [...new Set([...existing, ...(uploads[taskId] ?? []).map((a) => a.id)])];
        return {
          taskId,
          doneQuantity: done ?? 0,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(attachmentIds.length ? { attachmentIds } : {}),
        };
      }),
    };
    this.saving.set(true);
    try {
      const updated = await firstValueFrom(this.api.reportProgress(plan.id, month, request));
      this.message.success(this.i18n.t('plans.progress.saved', { month }));
      this.saved.emit(updated);
    } catch {
      // The error interceptor has shown the backend's message; the entries stay as typed.
    } finally {
      this.saving.set(false);
    }
  }
}
