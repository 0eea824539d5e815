import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { firstValueFrom } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import { isApiErrorBody } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { EvidencePicker } from '../shell/evidence-picker';
import { DraftActions } from './draft-actions';
import { TranslationService } from '../i18n/translation';
import { type TaskSection, isAgencyUser, isInstitutionUser } from './campaign-access';
import { CampaignPhaseTag, KIND_LABELS, ReviewStatusTag, SelfInspectionStatusTag } from './campaign-labels';
import { type CampaignPhase, CampaignsApi, type SelfInspectionRequest, type SelfInspectionTask } from './campaigns-api';
import { EvidenceUploads, amountText, attachmentIdsOf, withIssue, withoutIssue } from './self-inspection-drafts';
import { MoneyPipe } from '../core/money';

/** Yuan: not negative, at most 2 decimals, within numeric(14,2). */
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

export type AmountProblem = 'selfInspection.amountRequired' | 'selfInspection.amountInvalid';

/** Why an amount typed in is not accepted; null when it is (blank is fine where not required). */
export function amountProblem(text: string, required: boolean): AmountProblem | null {
  const value = text.trim();
  if (!value) return required ? 'selfInspection.amountRequired' : null;
  return AMOUNT.test(value) ? null : 'selfInspection.amountInvalid';
}

/** The phases in which the institution may still save a draft (until the spot-check closes). */
const OPEN_PHASES: readonly CampaignPhase[] = ['planning', 'self_inspection', 'spot_check'];

interface IssueDraft {
  focus: string;
  description: string;
  amount: string;
}

interface TaskDraft {
  report: string;
  refund: string;
  issues: IssueDraft[];
}

function draftOf(task: SelfInspectionTask): TaskDraft {
  return {
    report: task.report,
    // A task never saved shows an empty field rather than a 0 the clerk did not type.
    refund: task.status === 'pending' && !task.refundedAmount ? '' : amountText(task.refundedAmount),
    issues: task.issues.map((i) => ({ focus: i.focus, description: i.description, amount: amountText(i.amount) })),
  };
}

/**
 * One self-inspection task (自查自纠). The institution writes what it found, what it refunded of
 * its own accord and the issues, attaches evidence, saves and submits; afterwards, and for the
 * bureaus and agencies reading it, the report is read-only, unless its handling agency returned it
 * for correction (then the institution corrects and resubmits). The agency's review (核实, the
 * refund it verified, the comments) shows on the page.
 */
@Component({
  selector: 'app-self-inspection-task',
  imports: [
    MoneyPipe,
    DatePipe,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSelectModule,
    NzSpinModule,
    NzTableModule,
    CampaignPhaseTag,
    ReviewStatusTag,
    SelfInspectionStatusTag,
    DraftActions,
    EvidencePicker,
    TPipe,
  ],
  templateUrl: './self-inspection-task.html',
  styleUrls: ['./campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SelfInspectionTaskPage {
  private readonly api = inject(CampaignsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);

  readonly id = input.required<string>();
  /** Set when opened from a campaign (`/…/campaigns/:campaignId/tasks/:id`). */
  readonly campaignId = input<string>();
  readonly section = input<TaskSection>('institution');

  protected readonly detail = rxResource({
    params: () => ({ id: this.id() }),
    stream: ({ params }) => this.api.task(params.id),
  });
  protected readonly task = computed<SelfInspectionTask | null>(() => (this.detail.hasValue() ? this.detail.value() : null));
  protected readonly notFound = computed(() => {
    const error = this.detail.error();
    const cause = error instanceof HttpErrorResponse ? error : (error as { cause?: unknown } | undefined)?.cause;
    return cause instanceof HttpErrorResponse && (cause.status === 404 || cause.status === 403);
  });
  protected readonly backLink = computed(() =>
    this.section() === 'institution' ? ['/institution/self-inspection'] : ['/', this.section(), 'campaigns', this.campaignId() ?? this.task()?.campaignId ?? ''],
  );

  protected readonly isOwner = computed(() => isInstitutionUser(this.user.me(), this.section()));
  /** Returned by the handling agency: the submitted report is open again for corrections. */
  protected readonly returned = computed(() => this.task()?.status === 'submitted' && this.task()?.review.status === 'returned');
  protected readonly editable = computed(() => {
    const task = this.task();
    return this.isOwner() && task !== null && (task.status !== 'submitted' || this.returned()) && OPEN_PHASES.includes(task.campaignPhase);
  });
  /** The handling agency's user reading the report: its review list is where it verifies or returns it. */
  protected readonly canReview = computed(() => {
    const me = this.user.me();
    return isAgencyUser(me, this.section()) && this.task()?.handlingAgency?.id === me!.organization.id;
  });
  /** Why the form is read-only for the institution, if it is. */
  protected readonly phaseNotice = computed<{ type: 'info' | 'warning' | 'error'; key: TranslationKey } | null>(() => {
    const task = this.task();
    if (!task || !this.isOwner() || (task.status === 'submitted' && !this.returned())) return null;
    if (this.returned() && OPEN_PHASES.includes(task.campaignPhase)) return null;
    if (task.campaignPhase === 'planning') return { type: 'info', key: 'selfInspection.notice.notOpen' };
    if (task.campaignPhase === 'spot_check') return { type: 'warning', key: 'selfInspection.notice.late' };
    if (task.campaignPhase === 'summary' || task.campaignPhase === 'closed') return { type: 'error', key: 'selfInspection.notice.closed' };
    return null;
  });

  protected readonly kindLabels = KIND_LABELS;

  protected readonly draft = linkedSignal<TaskDraft | null>(() => {
    const task = this.task();
    return task ? draftOf(task) : null;
  });
  protected readonly evidence = new EvidenceUploads(this.task);
  /** Completeness errors are shown once the clerk tried to save or submit. */
  protected readonly attempted = signal<'save' | 'submit' | null>(null);
  protected readonly busy = signal<'save' | 'submit' | null>(null);
  /** The backend's refusal (phase not open, closed, already submitted…), in the current language. */
  protected readonly refusal = signal<{ zh: string; en: string } | null>(null);
  protected readonly refusalText = computed(() => {
    const refusal = this.refusal();
    return refusal ? this.i18n.pick(refusal.zh, refusal.en) : '';
  });

  protected readonly refundProblem = computed(() => amountProblem(this.draft()?.refund ?? '', false));
  protected readonly reportMissing = computed(() => this.attempted() === 'submit' && !this.draft()?.report.trim());
  protected readonly issueProblems = computed(() =>
    (this.draft()?.issues ?? []).map((issue) => ({
      description: this.attempted() !== null && !issue.description.trim(),
      amount: amountProblem(issue.amount, this.attempted() !== null),
    })),
  );
  private readonly malformed = computed(
    () =>
      this.refundProblem() !== null ||
      (this.draft()?.issues ?? []).some((i) => !i.description.trim() || amountProblem(i.amount, true) !== null),
  );

  protected readonly request = computed<SelfInspectionRequest | null>(() => {
    const task = this.task();
    const draft = this.draft();
    if (!task || !draft) return null;
    return {
      report: draft.report.trim(),
      refundedAmount: Number(draft.refund.trim() || '0'),
      issues: draft.issues.map((i) => ({ focus: i.focus.trim(), description: i.description.trim(), amount: Number(i.amount.trim()) })),
      attachmentIds: attachmentIdsOf(task.attachmentIds, this.evidence.files()),
    };
  });
  protected readonly dirty = computed(() => {
    const task = this.task();
    const request = this.request();
    if (!task || !request) return false;
    const saved: SelfInspectionRequest = {
      report: task.report.trim(),
      refundedAmount: task.refundedAmount,
      issues: task.issues.map((i) => ({ focus: i.focus, description: i.description, amount: i.amount })),
      attachmentIds: task.attachmentIds,
    };
    return JSON.stringify(request) !== JSON.stringify(saved);
  });

  protected patch(change: Partial<TaskDraft>): void {
    this.draft.update((draft) => (draft ? { ...draft, ...change } : draft));
  }

  protected setIssue(index: number, change: Partial<IssueDraft>): void {
    const draft = this.draft();
    if (draft) this.patch({ issues: withIssue(draft.issues, index, change) });
  }

  protected addIssue(): void {
    const draft = this.draft();
    if (draft) this.patch({ issues: [...draft.issues, { focus: '', description: '', amount: '' }] });
  }

  protected removeIssue(index: number): void {
    const draft = this.draft();
    if (draft) this.patch({ issues: withoutIssue(draft.issues, index) });
  }

  protected reviewActionLabel(action: string): string {
    return this.i18n.t(`campaignReview.action.${action}` as TranslationKey);
  }

  /**
   * What an issue can be filed under: the campaign's own focus areas (issue 16: a select, not free
   * text), plus the text an older issue carries when it is none of them, so that it is not lost.
   */
  protected focusChoices(task: SelfInspectionTask, current: string): string[] {
    const areas = task.campaignFocusAreas.map((a) => a.text);
    return current && !areas.includes(current) ? [...areas, current] : areas;
  }

  protected issueTotal(task: SelfInspectionTask): number {
    return task.issues.reduce((sum, i) => sum + i.amount, 0);
  }

  /** 保存草稿: anything but malformed amounts or half-filled issue rows. */
  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.attempted.set('save');
    if (this.malformed()) {
      this.message.error(this.i18n.t('selfInspection.invalid'));
      return;
    }
    this.busy.set('save');
    try {
      if (await this.put()) this.message.success(this.i18n.t('selfInspection.saved'));
    } finally {
      this.busy.set(null);
    }
  }

  /** 提交: a report and well-formed amounts, then a confirmation; unsaved changes are saved first. */
  protected submit(): void {
    if (this.busy() || !this.task()) return;
    this.attempted.set('submit');
    if (this.malformed() || !this.draft()?.report.trim()) {
      this.message.error(this.i18n.t('selfInspection.incomplete'));
      return;
    }
    const late = this.task()!.campaignPhase === 'spot_check';
    this.modal.confirm({
      nzTitle: this.i18n.t('selfInspection.submit.confirmTitle'),
      nzContent: this.i18n.t(this.returned() ? 'campaignReview.resubmit.confirmBody' : late ? 'selfInspection.submit.confirmLate' : 'selfInspection.submit.confirmBody'),
      nzOkText: this.i18n.t('selfInspection.submit.action'),
      nzCancelText: this.i18n.t('campaign.cancel'),
      nzOnOk: () => this.confirmSubmit(),
    });
  }

  private async confirmSubmit(): Promise<void> {
    const task = this.task();
    if (!task || this.busy()) return;
    this.busy.set('submit');
    try {
      const correction = this.returned();
      if (this.dirty() && !(await this.put())) return;
      const submitted = await firstValueFrom(this.api.submitTask(task.id));
      this.refusal.set(null);
      this.attempted.set(null);
      this.detail.set(submitted);
      this.message.success(
        this.i18n.t(correction ? 'campaignReview.resubmit.done' : submitted.late ? 'selfInspection.submit.doneLate' : 'selfInspection.submit.done'),
      );
    } catch (error) {
      this.refuse(error);
    } finally {
      this.busy.set(null);
    }
  }

  /** Saves the draft; the answer is the updated task. */
  private async put(): Promise<boolean> {
    const task = this.task();
    const request = this.request();
    if (!task || !request) return false;
    try {
      this.detail.set(await firstValueFrom(this.api.saveTask(task.id, request)));
      this.refusal.set(null);
      return true;
    } catch (error) {
      this.refuse(error);
      return false;
    }
  }

  /** Keeps the backend's refusal on the page (the toast goes away); a task submitted elsewhere is reloaded. */
  private refuse(error: unknown): void {
    if (!(error instanceof HttpErrorResponse) || !isApiErrorBody(error.error)) return;
    this.refusal.set(error.error.error.message);
    if (error.error.error.code === 'self_inspection_submitted') this.detail.reload();
  }
}
