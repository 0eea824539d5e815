import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzStepsModule } from 'ng-zorro-antd/steps';
import { type Observable, firstValueFrom } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import { isApiErrorBody } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { type MonthlyReportSection, canEditReport, canReturnReport, canSignReport, isCountyFiler } from './monthly-report-access';
import { MonthlyReportExport } from './monthly-report-export';
import { ReportFigures } from './monthly-report-figures';
import {
  type ManualDraft,
  REMARKS_MAX,
  isAmountField,
  manualDraftOf,
  manualFieldOf,
  manualOf,
  manualProblems,
} from './monthly-report-form';
import { MANUAL_LABELS, MonthlyReportStatusTag, REPORT_STEPS, STATUS_LABELS, dueDateOf, monthLabel, reportStepOf } from './monthly-report-labels';
import { MANUAL_NUMBER_FIELDS, type ManualField, type MonthlyReportDetail, MonthlyReportsApi, type ReportAction } from './monthly-reports-api';
import { CLOCK } from '../core/clock';
import { detailResource } from '../shell/detail-resource';

type Busy = 'save' | 'submit' | 'sign' | 'return';

/**
 * One county's monthly report (医保基金监管月报表). The suite's figures of the month are shown
 * read-only; the county bureau fills in what the suite cannot know, saves, and submits it for
 * sign-off; the bureau's 分管局长 signs it off (审签), which reports it to the city, or returns it
 * with a comment. The city agency (its fund-audit section, which receives the reports) may return a
 * submitted report too.
 */
@Component({
  selector: 'app-monthly-report-page',
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSpinModule,
    NzStepsModule,
    MonthlyReportExport,
    MonthlyReportStatusTag,
    ReportFigures,
    TPipe,
  ],
  templateUrl: './monthly-report-page.html',
  styleUrls: ['../shell/feature-page.css', '../shell/responsive-page.css', './monthly-reports.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonthlyReportPage {
  private readonly api = inject(MonthlyReportsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly now = inject(CLOCK);

  readonly id = input.required<string>();
  readonly section = input<MonthlyReportSection>('local');

  private readonly loaded = detailResource(this.id, (id) => this.api.get(id));
  protected readonly detail = this.loaded.resource;
  protected readonly report = this.loaded.record;
  protected readonly notFound = this.loaded.notFound;

  protected readonly steps = REPORT_STEPS;
  protected readonly stepLabels = STATUS_LABELS;
  protected readonly manualLabels = MANUAL_LABELS;
  protected readonly numberFields = MANUAL_NUMBER_FIELDS;
  protected readonly remarksMax = REMARKS_MAX;
  protected readonly isAmount = isAmountField;

  protected readonly heading = computed(() => {
    const report = this.report();
    return report ? this.i18n.t('monthlyReport.page.heading', { region: report.regionName, month: monthLabel(report.month, this.i18n) }) : '';
  });
  protected readonly exportName = computed(() => {
    const report = this.report();
    return report ? this.i18n.t('monthlyReport.export.fileName', { region: report.regionName, month: report.month }) : 'monthly-report';
  });
  protected readonly backQuery = computed(() => ({ month: this.report()?.month }));
  protected readonly dueDate = computed(() => {
    const report = this.report();
    return report ? dueDateOf(report.dueAt) : '';
  });
  protected readonly currentStep = computed(() => reportStepOf(this.report()?.status ?? 'draft'));

  protected readonly isFiler = computed(() => {
    const report = this.report();
    return report !== null && isCountyFiler(this.user.me(), report, this.section());
  });
  /** The section's rule and the backend's `actions` (what it will accept from this user now) must both allow it. */
  private allowed(action: ReportAction, rule: (report: MonthlyReportDetail) => boolean): boolean {
    const report = this.report();
    return report !== null && rule(report) && (report.actions?.includes(action) ?? true);
  }
  protected readonly editable = computed(() => this.allowed('save', (r) => canEditReport(this.user.me(), r, this.section())));
  protected readonly canSign = computed(() => this.allowed('sign', (r) => canSignReport(this.user.me(), r, this.section())));
  protected readonly canReturn = computed(() => this.allowed('return', (r) => canReturnReport(this.user.me(), r, this.section())));
  /** Past the due instant and not reported yet: will be recorded as late. */
  protected readonly pastDue = computed(() => {
    const report = this.report();
    return report !== null && report.level === 'county' && report.status !== 'submitted' && this.now().getTime() >= Date.parse(report.dueAt);
  });

  protected readonly draft = linkedSignal<ManualDraft | null>(() => {
    const report = this.report();
    return report ? manualDraftOf(report.manual) : null;
  });
  /** Blanks are errors once the user tried to save or submit. */
  protected readonly attempted = signal(false);
  protected readonly busy = signal<Busy | null>(null);
  protected readonly problems = computed(() => {
    const draft = this.draft();
    return draft ? manualProblems(draft, this.attempted()) : null;
  });
  /** A field the backend refused, with its message; cleared when that field is edited. */
  protected readonly serverError = signal<{ field: ManualField; zh: string; en: string } | null>(null);
  /** The backend's refusal of the whole action (not open, already submitted, not allowed…). */
  protected readonly refusal = signal<{ zh: string; en: string } | null>(null);
  protected readonly refusalText = computed(() => {
    const refusal = this.refusal();
    return refusal ? this.i18n.pick(refusal.zh, refusal.en) : '';
  });

  protected readonly returning = signal(false);
  protected readonly returnComment = signal('');
  protected readonly returnCommentMissing = signal(false);

  private readonly dirty = computed(() => {
    const report = this.report();
    const draft = this.draft();
    return report !== null && draft !== null && JSON.stringify(draft) !== JSON.stringify(manualDraftOf(report.manual));
  });

  protected fieldError(field: ManualField): string | null {
    const server = this.serverError();
    if (server?.field === field) return this.i18n.pick(server.zh, server.en);
    const problem = this.problems()?.[field];
    return problem ? this.i18n.t(problem, { max: REMARKS_MAX }) : null;
  }

  protected set(field: ManualField, value: string): void {
    this.draft.update((draft) => (draft ? { ...draft, [field]: value } : draft));
    if (this.serverError()?.field === field) this.serverError.set(null);
  }

  private valid(): boolean {
    this.attempted.set(true);
    const problems = this.problems();
    return problems !== null && Object.values(problems).every((p) => p === null);
  }

  /** 保存: the figures as typed; blanks are not saved (a count of none is 0). */
  protected async save(): Promise<void> {
    if (this.busy()) return;
    if (!this.valid()) {
      this.message.error(this.i18n.t('monthlyReport.form.invalid'));
      return;
    }
    this.busy.set('save');
    try {
      if (await this.put()) this.message.success(this.i18n.t('monthlyReport.form.saved'));
    } finally {
      this.busy.set(null);
    }
  }

  /** 提交审签: complete figures, a confirmation, unsaved changes saved first. */
  protected submit(): void {
    if (this.busy() || !this.report()) return;
    if (!this.valid()) {
      this.message.error(this.i18n.t('monthlyReport.form.invalid'));
      return;
    }
    this.modal.confirm({
      nzTitle: this.i18n.t('monthlyReport.submit.confirmTitle'),
      nzContent: this.i18n.t(this.pastDue() ? 'monthlyReport.submit.confirmLate' : 'monthlyReport.submit.confirmBody'),
      nzOkText: this.i18n.t('monthlyReport.submit.action'),
      nzCancelText: this.i18n.t('monthlyReport.cancel'),
      nzOnOk: () => this.confirmSubmit(),
    });
  }

  private async confirmSubmit(): Promise<void> {
    const report = this.report();
    if (!report || this.busy()) return;
    this.busy.set('submit');
    try {
      if (this.dirty() && !(await this.put())) return;
      await this.act(this.api.submit(report.id), 'monthlyReport.submit.done');
    } finally {
      this.busy.set(null);
    }
  }

  /** 审签: the leader signs the report off, which reports it to the city. */
  protected sign(): void {
    const report = this.report();
    if (this.busy() || !report) return;
    this.modal.confirm({
      nzTitle: this.i18n.t('monthlyReport.sign.confirmTitle'),
      nzContent: this.i18n.t(this.pastDue() ? 'monthlyReport.sign.confirmLate' : 'monthlyReport.sign.confirmBody'),
      nzOkText: this.i18n.t('monthlyReport.sign.action'),
      nzCancelText: this.i18n.t('monthlyReport.cancel'),
      nzOnOk: async () => {
        if (this.busy()) return;
        this.busy.set('sign');
        try {
          await this.act(this.api.sign(report.id), 'monthlyReport.sign.done');
        } finally {
          this.busy.set(null);
        }
      },
    });
  }

  protected openReturn(): void {
    this.returning.set(true);
    this.returnCommentMissing.set(false);
  }

  protected cancelReturn(): void {
    this.returning.set(false);
    this.returnComment.set('');
    this.returnCommentMissing.set(false);
  }

  /** 退回 with the reason (required): back to draft for the county. */
  protected async confirmReturn(): Promise<void> {
    const report = this.report();
    if (this.busy() || !report) return;
    const comment = this.returnComment().trim();
    if (!comment) {
      this.returnCommentMissing.set(true);
      return;
    }
    this.busy.set('return');
    try {
      if (await this.act(this.api.return(report.id, comment), 'monthlyReport.return.done')) this.cancelReturn();
    } finally {
      this.busy.set(null);
    }
  }

  private async put(): Promise<boolean> {
    const report = this.report();
    const draft = this.draft();
    if (!report || !draft) return false;
    try {
      this.detail.set(await firstValueFrom(this.api.save(report.id, manualOf(draft))));
      this.refusal.set(null);
      this.serverError.set(null);
      this.attempted.set(false);
      return true;
    } catch (error) {
      this.refuse(error);
      return false;
    }
  }

  /** Runs a transition; the answer is the updated report. */
  private async act(request: Observable<MonthlyReportDetail>, done: TranslationKey): Promise<boolean> {
    try {
      const report = await firstValueFrom(request);
      this.detail.set(report);
      this.refusal.set(null);
      this.message.success(this.i18n.t(report.late && done !== 'monthlyReport.return.done' ? 'monthlyReport.doneLate' : done));
      return true;
    } catch (error) {
      this.refuse(error);
      return false;
    }
  }

  /** Keeps the backend's refusal on the page (the toast goes away): at its field when it names one. */
  private refuse(error: unknown): void {
    if (!(error instanceof HttpErrorResponse) || !isApiErrorBody(error.error)) return;
    const { message, details, code } = error.error.error;
    const field = manualFieldOf(details?.['field']);
    if (field) {
      this.serverError.set({ field, ...message });
      this.refusal.set(null);
    } else {
      this.refusal.set(message);
    }
    // Someone else moved the report on (submitted, signed, returned): show where it stands now.
    if (error.status === 409 || code === 'invalid_transition') this.detail.reload();
  }
}
