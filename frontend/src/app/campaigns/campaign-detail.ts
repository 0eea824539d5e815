import { DOCUMENT, DatePipe, DecimalPipe } from '@angular/common';
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
import { NzStatisticModule } from 'ng-zorro-antd/statistic';
import { NzStepsModule } from 'ng-zorro-antd/steps';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { saveDownload } from '../core/download';
import { type CampaignSection, canDownloadSummary, canManageCampaigns, isAgencyUser } from './campaign-access';
import {
  AGENCY_LEVEL_LABELS,
  CampaignPhaseTag,
  CampaignStatusTag,
  KIND_LABELS,
  MIN_LEVEL_LABELS,
  OWNERSHIP_LABELS,
  PHASE_STEPS,
  ReviewStatusTag,
  SELF_INSPECTION_STATUS_LABELS,
  SelfInspectionStatusTag,
  focusLabel,
  phaseStepOf,
} from './campaign-labels';
import { CampaignProgressChart, progressParts } from './campaign-progress-chart';
import {
  type CampaignDetail,
  CampaignsApi,
  INSTITUTION_KINDS,
  type InstitutionKind,
  type ProgressRow,
  SELF_INSPECTION_STATUSES,
  type SelfInspectionStatus,
  type SummaryFormat,
} from './campaigns-api';

import { campaignsZh } from './campaigns.dictionary';

export const TASK_PAGE_SIZE = 50;

const HISTORY_LABELS: Readonly<Record<string, TranslationKey>> = {
  created: 'campaign.history.created',
  updated: 'campaign.history.updated',
  assigned: 'campaign.history.assigned',
  phase_opened: 'campaign.history.phase_opened',
  summary_filed: 'campaign.history.summary_filed',
  summary_overdue: 'campaign.history.summary_overdue',
};

type TotalKey = 'tasks' | 'submitted' | 'late' | 'missing' | 'verified' | 'refundedAmount' | 'refundVerifiedAmount' | 'issuesFound' | 'issueAmount';
const AMOUNT_KEYS: readonly TotalKey[] = ['refundedAmount', 'refundVerifiedAmount', 'issueAmount'];

/**
 * One special campaign: its phase on the calendar, 下发 for a draft, self-inspection progress by
 * city and institution kind with the agencies' verification, the pooling regions' own reports (one
 * per covered agency), the institutions that have not reported, the task list, the summary. An
 * agency's user finds its own report and its review list here.
 */
@Component({
  selector: 'app-campaign-detail',
  imports: [
    DatePipe,
    DecimalPipe,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSelectModule,
    NzSpinModule,
    NzStatisticModule,
    NzStepsModule,
    NzTableModule,
    NzTagModule,
    CampaignPhaseTag,
    CampaignProgressChart,
    CampaignStatusTag,
    ReviewStatusTag,
    SelfInspectionStatusTag,
    TPipe,
  ],
  templateUrl: './campaign-detail.html',
  styleUrls: ['../shell/responsive-page.css', './campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignDetailPage {
  private readonly api = inject(CampaignsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly document = inject(DOCUMENT);

  readonly id = input.required<string>();
  readonly section = input<CampaignSection>('province');

  protected readonly detail = rxResource({
    params: () => ({ id: this.id() }),
    stream: ({ params }) => this.api.get(params.id),
  });
  protected readonly campaign = computed<CampaignDetail | null>(() => (this.detail.hasValue() ? this.detail.value() : null));
  protected readonly notFound = computed(() => {
    const error = this.detail.error();
    const cause = error instanceof HttpErrorResponse ? error : (error as { cause?: unknown } | undefined)?.cause;
    return cause instanceof HttpErrorResponse && (cause.status === 404 || cause.status === 403);
  });
  /** Tasks exist once the campaign is assigned. */
  protected readonly assigned = computed(() => {
    const campaign = this.campaign();
    return campaign !== null && campaign.status !== 'draft';
  });
  private readonly assignedId = computed(() => (this.assigned() ? this.campaign()!.id : null));

  protected readonly canManage = computed(() => canManageCampaigns(this.user.me(), this.section()));
  protected readonly canDownload = computed(() => canDownloadSummary(this.user.me(), this.section()) && this.assigned());
  protected readonly canAssign = computed(() => this.canManage() && this.campaign()?.status === 'draft');
  protected readonly canFileSummary = computed(() => {
    const campaign = this.campaign();
    return this.canManage() && campaign !== null && campaign.phase === 'summary' && !campaign.summaryFiledAt;
  });

  // Timeline.
  protected readonly steps = PHASE_STEPS;
  protected readonly currentStep = computed(() => Math.max(0, phaseStepOf(this.campaign()?.phase ?? 'draft')));
  protected readonly stepStatus = computed(() => {
    const phase = this.campaign()?.phase;
    return phase === 'draft' ? 'wait' : phase === 'closed' ? 'finish' : 'process';
  });
  protected readonly stepTitles: Record<(typeof PHASE_STEPS)[number], TranslationKey> = {
    planning: 'campaign.step.planning',
    self_inspection: 'campaign.step.self_inspection',
    spot_check: 'campaign.step.spot_check',
    summary: 'campaign.step.summary',
  };

  // Progress.
  protected readonly progressResource = rxResource({
    params: () => {
      const id = this.assignedId();
      return id ? { id } : undefined;
    },
    stream: ({ params }) => this.api.progress(params.id),
  });
  protected readonly progress = computed(() => (this.progressResource.hasValue() ? this.progressResource.value() : null));
  protected readonly totalKeys: readonly TotalKey[] = [
    'tasks', 'submitted', 'late', 'missing', 'verified', 'refundedAmount', 'refundVerifiedAmount', 'issuesFound', 'issueAmount',
  ];
  protected readonly amountKeys = AMOUNT_KEYS;
  protected readonly totalLabels: Record<TotalKey, TranslationKey> = {
    tasks: 'campaign.progress.tasks',
    submitted: 'campaign.progress.submitted',
    late: 'campaign.progress.late',
    missing: 'campaign.progress.missing',
    verified: 'campaignReview.progress.verified',
    refundedAmount: 'campaign.progress.refundedAmount',
    refundVerifiedAmount: 'campaignReview.progress.refundVerifiedAmount',
    issuesFound: 'campaign.progress.issuesFound',
    issueAmount: 'campaign.progress.issueAmount',
  };
  protected readonly agencyLevelLabels = AGENCY_LEVEL_LABELS;
  /** The agency user's own row (its report and its review), in the local section. */
  protected readonly ownAgency = computed(() => {
    const me = this.user.me();
    if (!isAgencyUser(me, this.section())) return null;
    return this.progress()?.agencies.find((a) => a.agencyId === me!.organization.id) ?? null;
  });
  protected readonly parts = progressParts;
  /** The kind rows with their names in the current language, for the chart. */
  protected readonly kindRows = computed(() => (this.progress()?.byKind ?? []).map((row) => ({ ...row, name: this.kindRowName(row) })));

  // Missing reports (未报送名单), per city of the user's scope.
  protected readonly missingCities = computed(() => this.progress()?.byCity.map((r) => ({ code: r.key, name: r.name })) ?? []);
  protected readonly missingCity = linkedSignal<string | null>(() => {
    const cities = this.missingCities();
    return cities.length === 1 ? cities[0]!.code : null;
  });
  protected readonly missingResource = rxResource({
    params: () => {
      const id = this.assignedId();
      const cityCode = this.missingCity();
      return id && cityCode ? { id, cityCode } : undefined;
    },
    stream: ({ params }) => this.api.missing(params.id, params.cityCode),
  });
  protected readonly missing = computed(() => (this.missingResource.hasValue() ? this.missingResource.value() : []));

  // Task list.
  protected readonly kinds = INSTITUTION_KINDS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly statuses = SELF_INSPECTION_STATUSES;
  protected readonly statusLabels = SELF_INSPECTION_STATUS_LABELS;
  protected readonly pageSize = TASK_PAGE_SIZE;
  protected readonly cityFilter = signal<string | null>(null);
  protected readonly statusFilter = signal<SelfInspectionStatus | null>(null);
  protected readonly kindFilter = signal<InstitutionKind | null>(null);
  protected readonly page = signal(1);
  protected readonly tasksResource = rxResource({
    params: () => {
      const campaignId = this.assignedId();
      if (!campaignId) return undefined;
      return {
        campaignId,
        cityCode: this.cityFilter() ?? undefined,
        status: this.statusFilter() ?? undefined,
        kind: this.kindFilter() ?? undefined,
        page: this.page(),
        pageSize: TASK_PAGE_SIZE,
      };
    },
    stream: ({ params }) => this.api.tasks(params),
  });
  protected readonly taskPage = computed(() => (this.tasksResource.hasValue() ? this.tasksResource.value() : { items: [], total: 0 }));

  // Summary.
  protected summaryComment = '';
  protected readonly busy = signal<string | null>(null);

  protected focusText(): string {
    const campaign = this.campaign();
    return campaign ? campaign.focusAreas.map((a) => focusLabel(a, this.i18n)).join(this.i18n.isZh() ? '；' : '; ') : '';
  }

  protected citiesText(): string {
    const campaign = this.campaign();
    if (!campaign) return '';
    const names = campaign.cityCodes.map((code) => campaign.cities.find((c) => c.code === code)?.name ?? code);
    return names.join(this.i18n.isZh() ? '、' : ', ');
  }

  /** Ownership and minimum level, or 'any'. */
  protected scopeText(): string {
    const campaign = this.campaign();
    if (!campaign) return '';
    const parts = [
      campaign.minLevel ? this.i18n.t(MIN_LEVEL_LABELS[campaign.minLevel]) : '',
      campaign.ownership ? this.i18n.t(OWNERSHIP_LABELS[campaign.ownership]) : '',
    ].filter(Boolean);
    return parts.length ? parts.join(this.i18n.isZh() ? '、' : ', ') : this.i18n.t('campaignScope.any');
  }

  protected kindsText(): string {
    return (this.campaign()?.institutionKinds ?? []).map((k) => this.i18n.t(KIND_LABELS[k])).join(this.i18n.isZh() ? '、' : ', ');
  }

  /** A kind row's label in the current language (the backend sends the zh label). */
  protected kindRowName(row: ProgressRow): string {
    const label = KIND_LABELS[row.key as InstitutionKind];
    return label ? this.i18n.t(label) : row.name;
  }

  protected historyLabel(action: string): string {
    const key = HISTORY_LABELS[action];
    if (key) return this.i18n.t(key);
    // The workflow's phase openings are recorded as phase_<phase>.
    const phase = action.startsWith('phase_') ? (`campaign.phase.${action.slice(6)}` as TranslationKey) : null;
    if (phase && phase in campaignsZh) return `${this.i18n.t('campaign.history.phase_opened')}：${this.i18n.t(phase)}`;
    return action;
  }

  protected setCityFilter(value: string | null): void {
    this.cityFilter.set(value || null);
    this.page.set(1);
  }

  protected setStatusFilter(value: SelfInspectionStatus | null): void {
    this.statusFilter.set(value || null);
    this.page.set(1);
  }

  protected setKindFilter(value: InstitutionKind | null): void {
    this.kindFilter.set(value || null);
    this.page.set(1);
  }

  protected showMissing(cityCode: string): void {
    this.missingCity.set(cityCode);
    this.document.getElementById('campaign-missing')?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }

  /** 下发: after a confirmation, files the plan and starts the tasks' fan-out. */
  protected assign(): void {
    const campaign = this.campaign();
    if (!campaign || this.busy()) return;
    this.modal.confirm({
      nzTitle: this.i18n.t('campaign.assign.confirmTitle'),
      nzContent: this.i18n.t('campaign.assign.confirmBody', { title: campaign.title }),
      nzOkText: this.i18n.t('campaign.assign.action'),
      nzCancelText: this.i18n.t('campaign.cancel'),
      nzOnOk: () => this.act('assign', () => this.api.assign(campaign.id), 'campaign.assign.done'),
    });
  }

  /** 报送总结: closes the campaign. */
  protected fileSummary(): void {
    const campaign = this.campaign();
    if (!campaign || this.busy()) return;
    const comment = this.summaryComment.trim();
    this.modal.confirm({
      nzTitle: this.i18n.t('campaign.summary.confirmTitle'),
      nzContent: this.i18n.t('campaign.summary.confirmBody'),
      nzOkText: this.i18n.t('campaign.summary.action'),
      nzCancelText: this.i18n.t('campaign.cancel'),
      nzOnOk: () => this.act('summary', () => this.api.fileSummary(campaign.id, comment), 'campaign.summary.done'),
    });
  }

  protected async download(format: SummaryFormat): Promise<void> {
    const campaign = this.campaign();
    if (!campaign || this.busy()) return;
    this.busy.set(format);
    try {
      const response = await firstValueFrom(this.api.summaryFile(campaign.id, format));
      saveDownload(this.document, response, `${this.i18n.t('campaign.summary.fileName', { title: campaign.title })}.${format}`);
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.busy.set(null);
    }
  }

  private async act(action: string, request: () => ReturnType<CampaignsApi['assign']>, success: TranslationKey): Promise<void> {
    if (this.busy()) return;
    this.busy.set(action);
    try {
      await firstValueFrom(request());
      this.message.success(this.i18n.t(success));
      this.summaryComment = '';
    } catch {
      // The error interceptor has told the user; the reload below shows the current state.
    } finally {
      this.busy.set(null);
      this.detail.reload();
      this.progressResource.reload();
    }
  }
}
