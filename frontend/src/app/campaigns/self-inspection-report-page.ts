import { HttpErrorResponse } from '@angular/common/http';
import { Directive, type Signal, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalService } from 'ng-zorro-antd/modal';
import { type Observable, firstValueFrom } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import { isApiErrorBody } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TranslationService } from '../i18n/translation';
import { type CampaignPhase, CampaignsApi } from './campaigns-api';
import { EvidenceUploads, attachmentIdsOf, withIssue, withoutIssue } from './self-inspection-drafts';
import { detailResource } from '../shell/detail-resource';

/** The phases in which the owner may still save its report (until the spot-check closes). */
const OPEN_PHASES: readonly CampaignPhase[] = ['planning', 'self_inspection', 'spot_check'];

/** What both self-inspection reports (an institution's task, a covered agency's own) carry. */
export interface ReportTask {
  readonly id: string;
  readonly campaignId: string;
  readonly campaignPhase: CampaignPhase;
  readonly status: string;
  readonly report: string;
  readonly attachmentIds: readonly string[];
  readonly late: boolean;
}

/** The form's state: the report text, the issue rows and whatever fields the report has besides. */
export interface ReportDraft<Issue> {
  report: string;
  issues: Issue[];
}

/** The words one report page uses for its save and submit steps. */
export interface ReportMessages {
  readonly invalid: TranslationKey;
  readonly incomplete: TranslationKey;
  readonly confirmTitle: TranslationKey;
  readonly confirmBody: TranslationKey;
  readonly done: TranslationKey;
}

/**
 * A self-inspection report page (the institution's task and the covered agency's own report):
 * the report loaded by id, the owner's draft with its issue rows and evidence, 保存草稿 and 提交
 * (a confirmation; unsaved changes saved first), and the backend's refusal kept on the page.
 * Each page supplies how its report is loaded, saved and submitted, how its draft is made and
 * checked, and who owns it.
 */
@Directive()
export abstract class SelfInspectionReportPage<Task extends ReportTask, Issue, Draft extends ReportDraft<Issue>, Request> {
  protected readonly api = inject(CampaignsApi);
  protected readonly user = inject(CurrentUser);
  protected readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);

  readonly id = input.required<string>();
  /** Set when opened from a campaign (`/…/campaigns/:campaignId/tasks/:id`). */
  readonly campaignId = input<string>();

  protected abstract readonly messages: ReportMessages;
  /** The reader who fills in and submits; anybody else reads. */
  protected abstract readonly isOwner: Signal<boolean>;
  /** Half-filled or malformed: not even a draft can be saved. */
  protected abstract readonly malformed: Signal<boolean>;
  protected abstract load(id: string): Observable<Task>;
  protected abstract saveReport(id: string, request: Request): Observable<Task>;
  protected abstract submitReport(id: string): Observable<Task>;
  protected abstract draftOf(task: Task): Draft;
  /** The request the draft makes, with the evidence's ids. */
  protected abstract requestOf(draft: Draft, attachmentIds: string[]): Request;
  /** The request that would leave the saved report as it is. */
  protected abstract savedRequestOf(task: Task): Request;
  protected abstract emptyIssue(): Issue;

  /** A submitted report open again for corrections (the institution's, when its agency returned it). */
  protected reopened(): boolean {
    return false;
  }

  private readonly loaded = detailResource(this.id, (id) => this.load(id));
  protected readonly detail = this.loaded.resource;
  protected readonly task: Signal<Task | null> = this.loaded.record;
  protected readonly notFound = this.loaded.notFound;

  protected readonly editable = computed(() => {
    const task = this.task();
    return this.isOwner() && task !== null && (task.status !== 'submitted' || this.reopened()) && OPEN_PHASES.includes(task.campaignPhase);
  });
  /** Why the form is read-only for its owner, if it is. */
  protected readonly phaseNotice = computed<{ type: 'info' | 'warning' | 'error'; key: TranslationKey } | null>(() => {
    const task = this.task();
    if (!task || !this.isOwner() || (task.status === 'submitted' && !this.reopened())) return null;
    if (this.reopened() && OPEN_PHASES.includes(task.campaignPhase)) return null;
    if (task.campaignPhase === 'planning') return { type: 'info', key: 'selfInspection.notice.notOpen' };
    if (task.campaignPhase === 'spot_check') return { type: 'warning', key: 'selfInspection.notice.late' };
    if (task.campaignPhase === 'summary' || task.campaignPhase === 'closed') return { type: 'error', key: 'selfInspection.notice.closed' };
    return null;
  });

  protected readonly draft = linkedSignal<Draft | null>(() => {
    const task = this.task();
    return task ? this.draftOf(task) : null;
  });
  protected readonly evidence = new EvidenceUploads(this.task);
  /** Completeness errors are shown once the owner tried to save or submit. */
  protected readonly attempted = signal<'save' | 'submit' | null>(null);
  protected readonly busy = signal<'save' | 'submit' | null>(null);
  /** The backend's refusal (phase not open, closed, already submitted…), in the current language. */
  protected readonly refusal = signal<{ zh: string; en: string } | null>(null);
  protected readonly refusalText = computed(() => {
    const refusal = this.refusal();
    return refusal ? this.i18n.pick(refusal.zh, refusal.en) : '';
  });
  protected readonly reportMissing = computed(() => this.attempted() === 'submit' && !this.draft()?.report.trim());

  protected readonly request = computed<Request | null>(() => {
    const task = this.task();
    const draft = this.draft();
    if (!task || !draft) return null;
    return this.requestOf(draft, attachmentIdsOf(task.attachmentIds, this.evidence.files()));
  });
  protected readonly dirty = computed(() => {
    const task = this.task();
    const request = this.request();
    if (!task || !request) return false;
    return JSON.stringify(request) !== JSON.stringify(this.savedRequestOf(task));
  });

  protected patch(change: Partial<Draft>): void {
    this.draft.update((draft) => (draft ? { ...draft, ...change } : draft));
  }

  protected setIssue(index: number, change: Partial<Issue>): void {
    const draft = this.draft();
    if (draft) this.patch({ issues: withIssue(draft.issues as object[], index, change) } as Partial<Draft>);
  }

  protected addIssue(): void {
    const draft = this.draft();
    if (draft) this.patch({ issues: [...draft.issues, this.emptyIssue()] } as Partial<Draft>);
  }

  protected removeIssue(index: number): void {
    const draft = this.draft();
    if (draft) this.patch({ issues: withoutIssue(draft.issues, index) } as Partial<Draft>);
  }

  /** 保存草稿: anything but malformed amounts or half-filled issue rows. */
  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.attempted.set('save');
    if (this.malformed()) {
      this.message.error(this.i18n.t(this.messages.invalid));
      return;
    }
    this.busy.set('save');
    try {
      if (await this.put()) this.message.success(this.i18n.t('selfInspection.saved'));
    } finally {
      this.busy.set(null);
    }
  }

  /** 提交: a report and well-formed fields, then a confirmation; unsaved changes are saved first. */
  protected submit(): void {
    if (this.busy() || !this.task()) return;
    this.attempted.set('submit');
    if (this.malformed() || !this.draft()?.report.trim()) {
      this.message.error(this.i18n.t(this.messages.incomplete));
      return;
    }
    const late = this.task()!.campaignPhase === 'spot_check';
    this.modal.confirm({
      nzTitle: this.i18n.t(this.messages.confirmTitle),
      nzContent: this.i18n.t(
        this.reopened() ? 'campaignReview.resubmit.confirmBody' : late ? 'selfInspection.submit.confirmLate' : this.messages.confirmBody,
      ),
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
      const correction = this.reopened();
      if (this.dirty() && !(await this.put())) return;
      const submitted = await firstValueFrom(this.submitReport(task.id));
      this.refusal.set(null);
      this.attempted.set(null);
      this.detail.set(submitted);
      this.message.success(
        this.i18n.t(correction ? 'campaignReview.resubmit.done' : submitted.late ? 'selfInspection.submit.doneLate' : this.messages.done),
      );
    } catch (error) {
      this.refuse(error);
    } finally {
      this.busy.set(null);
    }
  }

  /** Saves the draft; the answer is the updated report. */
  private async put(): Promise<boolean> {
    const task = this.task();
    const request = this.request();
    if (!task || !request) return false;
    try {
      this.detail.set(await firstValueFrom(this.saveReport(task.id, request)));
      this.refusal.set(null);
      return true;
    } catch (error) {
      this.refuse(error);
      return false;
    }
  }

  /** Keeps the backend's refusal on the page (the toast goes away); a report submitted elsewhere is reloaded. */
  private refuse(error: unknown): void {
    if (!(error instanceof HttpErrorResponse) || !isApiErrorBody(error.error)) return;
    this.refusal.set(error.error.error.message);
    if (error.error.error.code === 'self_inspection_submitted') this.detail.reload();
  }
}
