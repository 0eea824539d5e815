import { DOCUMENT, DatePipe, DecimalPipe } from '@angular/common';
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
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { saveDownload } from '../core/download';
import { type CampaignSection, canDownloadSummary, canManageCampaigns, isAgencyUser } from './campaign-access';
import {
  CampaignPhaseTag,
  CampaignStatusTag,
  KIND_LABELS,
  MIN_LEVEL_LABELS,
  OWNERSHIP_LABELS,
  SelfInspectionStatusTag,
  focusLabel,
} from './campaign-labels';
import { CampaignAgencyTable } from './campaign-agency-table';
import { CampaignProgressTables } from './campaign-progress-tables';
import { CampaignTaskTable } from './campaign-task-table';
import { CampaignTimeline } from './campaign-timeline';
import {
  type CampaignDetail,
  CampaignsApi,
  type SummaryFormat,
} from './campaigns-api';
import { SearchableList } from '../shell/searchable-list';
import { campaignsZh } from './campaigns.dictionary';
import { labelTable } from '../i18n/label-table';
import { detailResource } from '../shell/detail-resource';
import { CampaignFilingPanel } from '../national/campaign-filing-panel';

const HISTORY_LABELS: Readonly<Record<string, TranslationKey>> = labelTable('campaign.history', ['created', 'updated', 'assigned', 'phase_opened', 'summary_filed', 'summary_overdue']);

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
    NzTableModule,
    NzTagModule,
    CampaignPhaseTag,
    CampaignAgencyTable,
    CampaignFilingPanel,
    CampaignProgressTables,
    CampaignStatusTag,
    CampaignTaskTable,
    CampaignTimeline,
    SelfInspectionStatusTag,
    TPipe,
  ],
  templateUrl: './campaign-detail.html',
  styleUrls: ['../shell/responsive-page.css', './campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignDetailPage extends SearchableList {
  private readonly api = inject(CampaignsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly document = inject(DOCUMENT);

  readonly id = input.required<string>();
  readonly section = input<CampaignSection>('province');
  /** The task table's own filters and page, kept in the URL with the shared ones (SearchableList). */
  readonly status = input<string>();
  readonly kind = input<string>();
  readonly cityCode = input<string>();
  readonly page = input<string>();

  private readonly loaded = detailResource(this.id, (id) => this.api.get(id));
  protected readonly detail = this.loaded.resource;
  protected readonly campaign = this.loaded.record;
  protected readonly notFound = this.loaded.notFound;
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

  // Progress.
  protected readonly progressResource = rxResource({
    params: () => {
      const id = this.assignedId();
      return id ? { id } : undefined;
    },
    stream: ({ params }) => this.api.progress(params.id),
  });
  protected readonly progress = computed(() => (this.progressResource.hasValue() ? this.progressResource.value() : null));
  protected readonly kindLabels = KIND_LABELS;
  /** The agency user's own row (its report and its review), in the local section. */
  protected readonly ownAgency = computed(() => {
    const me = this.user.me();
    if (!isAgencyUser(me, this.section())) return null;
    return this.progress()?.agencies.find((a) => a.agencyId === me!.organization.id) ?? null;
  });

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

  protected historyLabel(action: string): string {
    const key = HISTORY_LABELS[action];
    if (key) return this.i18n.t(key);
    // The workflow's phase openings are recorded as phase_<phase>.
    const phase = action.startsWith('phase_') ? (`campaign.phase.${action.slice(6)}` as TranslationKey) : null;
    if (phase && phase in campaignsZh) return `${this.i18n.t('campaign.history.phase_opened')}：${this.i18n.t(phase)}`;
    return action;
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
