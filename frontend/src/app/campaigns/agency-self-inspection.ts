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
import { type CampaignSection, isAgencyUser } from './campaign-access';
import { AGENCY_LEVEL_LABELS, CampaignPhaseTag, SelfInspectionStatusTag } from './campaign-labels';
import { type AgencySelfInspectionRequest, type AgencySelfInspectionTask, type CampaignPhase, CampaignsApi } from './campaigns-api';
import { EvidenceUploads, amountText, attachmentIdsOf, withIssue, withoutIssue } from './self-inspection-drafts';
import { amountProblem } from './self-inspection-task';
import { MoneyPipe } from '../core/money';

/** The phases in which the agency may still save its report (until the spot-check closes). */
const OPEN_PHASES: readonly CampaignPhase[] = ['planning', 'self_inspection', 'spot_check'];
const COUNT = /^\d{1,8}$/;

/** The areas seed 003 一(四) names for the agencies themselves; the agency may write its own. */
export const AGENCY_ISSUE_AREA_LABELS: readonly TranslationKey[] = [
  'campaignAgency.area.internal_audit',
  'campaignAgency.area.fund_audit',
  'campaignAgency.area.agreement_checks',
  'campaignAgency.area.benefits',
  'campaignAgency.area.payments',
  'campaignAgency.area.insider_fraud',
];

export type CountProblem = 'campaignAgency.countInvalid';

/** Why a count typed in is not accepted (blank counts as 0). */
export function countProblem(text: string): CountProblem | null {
  const value = text.trim();
  return !value || COUNT.test(value) ? null : 'campaignAgency.countInvalid';
}

interface IssueDraft {
  area: string;
  description: string;
  rectification: string;
}

interface ReportDraft {
  report: string;
  institutionsChecked: string;
  problemsFound: string;
  problemAmount: string;
  refundedAmount: string;
  issues: IssueDraft[];
}

function draftOf(task: AgencySelfInspectionTask): ReportDraft {
  // A report never saved shows empty fields rather than zeros nobody typed.
  const fresh = task.status === 'pending';
  const show = (n: number, text: (n: number) => string = String) => (fresh && !n ? '' : text(n));
  return {
    report: task.report,
    institutionsChecked: show(task.institutionsChecked),
    problemsFound: show(task.problemsFound),
    problemAmount: show(task.problemAmount, amountText),
    refundedAmount: show(task.refundedAmount, amountText),
    issues: task.issues.map((i) => ({ ...i })),
  };
}

/**
 * A covered city or county agency's own self-inspection task (seed 003 一(二) 「各统筹地区开展专项治理
 * 自查工作」): the region's report — how the self-inspection was organised and what was checked, the
 * problems found and the amounts, the refunds in the region, the agency's own issues — next to the
 * figures of its institutions' reports (which it can copy in). The agency saves and submits it;
 * everybody else above it reads it.
 */
@Component({
  selector: 'app-agency-self-inspection',
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
    NzSpinModule,
    NzTableModule,
    CampaignPhaseTag,
    SelfInspectionStatusTag,
    DraftActions,
    EvidencePicker,
    TPipe,
  ],
  templateUrl: './agency-self-inspection.html',
  styleUrls: ['./campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgencySelfInspectionPage {
  private readonly api = inject(CampaignsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);

  readonly id = input.required<string>();
  readonly campaignId = input<string>();
  readonly section = input<CampaignSection>('local');

  protected readonly detail = rxResource({
    params: () => ({ id: this.id() }),
    stream: ({ params }) => this.api.agencyTask(params.id),
  });
  protected readonly task = computed<AgencySelfInspectionTask | null>(() => (this.detail.hasValue() ? this.detail.value() : null));
  protected readonly notFound = computed(() => {
    const error = this.detail.error();
    const cause = error instanceof HttpErrorResponse ? error : (error as { cause?: unknown } | undefined)?.cause;
    return cause instanceof HttpErrorResponse && (cause.status === 404 || cause.status === 403);
  });
  protected readonly backLink = computed(() => ['/', this.section(), 'campaigns', this.campaignId() ?? this.task()?.campaignId ?? '']);

  /** The agency's own user: it fills in and submits; anybody else reads. */
  protected readonly isOwner = computed(() => {
    const me = this.user.me();
    return isAgencyUser(me, this.section()) && this.task()?.agency.id === me!.organization.id;
  });
  protected readonly editable = computed(() => {
    const task = this.task();
    return this.isOwner() && task !== null && task.status !== 'submitted' && OPEN_PHASES.includes(task.campaignPhase);
  });
  protected readonly phaseNotice = computed<{ type: 'info' | 'warning' | 'error'; key: TranslationKey } | null>(() => {
    const task = this.task();
    if (!task || !this.isOwner() || task.status === 'submitted') return null;
    if (task.campaignPhase === 'planning') return { type: 'info', key: 'selfInspection.notice.notOpen' };
    if (task.campaignPhase === 'spot_check') return { type: 'warning', key: 'selfInspection.notice.late' };
    if (task.campaignPhase === 'summary' || task.campaignPhase === 'closed') return { type: 'error', key: 'selfInspection.notice.closed' };
    return null;
  });

  protected readonly levelLabels = AGENCY_LEVEL_LABELS;
  protected readonly areaLabels = AGENCY_ISSUE_AREA_LABELS;

  protected readonly draft = linkedSignal<ReportDraft | null>(() => {
    const task = this.task();
    return task ? draftOf(task) : null;
  });
  protected readonly evidence = new EvidenceUploads(this.task);
  protected readonly attempted = signal<'save' | 'submit' | null>(null);
  protected readonly busy = signal<'save' | 'submit' | null>(null);
  protected readonly refusal = signal<{ zh: string; en: string } | null>(null);
  protected readonly refusalText = computed(() => {
    const refusal = this.refusal();
    return refusal ? this.i18n.pick(refusal.zh, refusal.en) : '';
  });

  protected readonly problems = computed(() => {
    const d = this.draft();
    return {
      institutionsChecked: countProblem(d?.institutionsChecked ?? ''),
      problemsFound: countProblem(d?.problemsFound ?? ''),
      problemAmount: amountProblem(d?.problemAmount ?? '', false),
      refundedAmount: amountProblem(d?.refundedAmount ?? '', false),
      issues: (d?.issues ?? []).map((i) => this.attempted() !== null && !i.description.trim()),
    };
  });
  protected readonly reportMissing = computed(() => this.attempted() === 'submit' && !this.draft()?.report.trim());
  private readonly malformed = computed(() => {
    const p = this.problems();
    return (
      p.institutionsChecked !== null || p.problemsFound !== null || p.problemAmount !== null || p.refundedAmount !== null ||
      (this.draft()?.issues ?? []).some((i) => !i.description.trim())
    );
  });

  protected readonly request = computed<AgencySelfInspectionRequest | null>(() => {
    const task = this.task();
    const d = this.draft();
    if (!task || !d) return null;
    return {
      report: d.report.trim(),
      institutionsChecked: Number(d.institutionsChecked.trim() || '0'),
      problemsFound: Number(d.problemsFound.trim() || '0'),
      problemAmount: Number(d.problemAmount.trim() || '0'),
      refundedAmount: Number(d.refundedAmount.trim() || '0'),
      issues: d.issues.map((i) => ({ area: i.area.trim(), description: i.description.trim(), rectification: i.rectification.trim() })),
      attachmentIds: attachmentIdsOf(task.attachmentIds, this.evidence.files()),
    };
  });
  protected readonly dirty = computed(() => {
    const task = this.task();
    const request = this.request();
    if (!task || !request) return false;
    const saved: AgencySelfInspectionRequest = {
      report: task.report.trim(), institutionsChecked: task.institutionsChecked, problemsFound: task.problemsFound,
      problemAmount: task.problemAmount, refundedAmount: task.refundedAmount, issues: task.issues, attachmentIds: task.attachmentIds,
    };
    return JSON.stringify(request) !== JSON.stringify(saved);
  });

  protected patch(change: Partial<ReportDraft>): void {
    this.draft.update((draft) => (draft ? { ...draft, ...change } : draft));
  }

  protected setIssue(index: number, change: Partial<IssueDraft>): void {
    const draft = this.draft();
    if (draft) this.patch({ issues: withIssue(draft.issues, index, change) });
  }

  protected addIssue(): void {
    const draft = this.draft();
    if (draft) this.patch({ issues: [...draft.issues, { area: '', description: '', rectification: '' }] });
  }

  protected removeIssue(index: number): void {
    const draft = this.draft();
    if (draft) this.patch({ issues: withoutIssue(draft.issues, index) });
  }

  /** 用机构报告汇总填入: the verified reports of the region as the checked institutions, problems and refunds. */
  protected fillFromRegion(): void {
    const f = this.task()?.regionFigures;
    if (!f) return;
    this.patch({
      institutionsChecked: String(f.verified),
      problemsFound: String(f.issuesFound),
      problemAmount: amountText(f.issueAmount),
      refundedAmount: amountText(f.refundVerifiedAmount),
    });
  }

  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.attempted.set('save');
    if (this.malformed()) {
      this.message.error(this.i18n.t('campaignAgency.invalid'));
      return;
    }
    this.busy.set('save');
    try {
      if (await this.put()) this.message.success(this.i18n.t('selfInspection.saved'));
    } finally {
      this.busy.set(null);
    }
  }

  protected submit(): void {
    if (this.busy() || !this.task()) return;
    this.attempted.set('submit');
    if (this.malformed() || !this.draft()?.report.trim()) {
      this.message.error(this.i18n.t('campaignAgency.incomplete'));
      return;
    }
    const late = this.task()!.campaignPhase === 'spot_check';
    this.modal.confirm({
      nzTitle: this.i18n.t('campaignAgency.submit.confirmTitle'),
      nzContent: this.i18n.t(late ? 'selfInspection.submit.confirmLate' : 'campaignAgency.submit.confirmBody'),
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
      if (this.dirty() && !(await this.put())) return;
      const submitted = await firstValueFrom(this.api.submitAgencyTask(task.id));
      this.refusal.set(null);
      this.attempted.set(null);
      this.detail.set(submitted);
      this.message.success(this.i18n.t(submitted.late ? 'selfInspection.submit.doneLate' : 'campaignAgency.submit.done'));
    } catch (error) {
      this.refuse(error);
    } finally {
      this.busy.set(null);
    }
  }

  private async put(): Promise<boolean> {
    const task = this.task();
    const request = this.request();
    if (!task || !request) return false;
    try {
      this.detail.set(await firstValueFrom(this.api.saveAgencyTask(task.id, request)));
      this.refusal.set(null);
      return true;
    } catch (error) {
      this.refuse(error);
      return false;
    }
  }

  private refuse(error: unknown): void {
    if (!(error instanceof HttpErrorResponse) || !isApiErrorBody(error.error)) return;
    this.refusal.set(error.error.error.message);
    if (error.error.error.code === 'self_inspection_submitted') this.detail.reload();
  }
}
