import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CurrentUser } from '../core/current-user';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { PlanYearSelect, planYearOf } from '../plans/plan-nav';
import { type CampaignSection, canManageCampaigns } from './campaign-access';
import { CampaignPhaseTag, CampaignStatusTag, focusLabel } from './campaign-labels';
import { CampaignsApi, type FocusArea } from './campaigns-api';
import { CLOCK } from '../core/clock';

/** 专项治理: the year's campaigns with their phase and how many self-inspection reports came in. */
@Component({
  selector: 'app-campaign-list',
  imports: [RouterLink, NzButtonModule, NzIconModule, NzTableModule, NzTagModule, CampaignPhaseTag, CampaignStatusTag, PlanYearSelect, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <h1>{{ 'campaign.list.heading' | t: { year: selectedYear() } }}</h1>
        <app-plan-year [year]="selectedYear()" (yearChange)="selectYear($event)" />
        @if (canManage()) {
          <a
            nz-button
            nzType="primary"
            data-testid="campaign-create"
            [routerLink]="['/', section(), 'campaigns', 'new']"
            [queryParams]="{ year: selectedYear() }"
            ><nz-icon nzType="plus" />{{ 'campaign.list.create' | t }}</a
          >
        }
      </header>
      @if (!canManage()) {
        <p class="hint" data-testid="campaign-readonly">{{ 'campaign.readOnly' | t }}</p>
      }
      @if (campaigns.error()) {
        <p class="error" data-testid="campaign-error">{{ 'campaign.loadFailed' | t }}</p>
      } @else {
        <div class="table-wrap">
          <nz-table
            #table
            nzSize="middle"
            nzHideOnSinglePage
            data-testid="campaign-table"
            [nzData]="items()"
            [nzLoading]="campaigns.isLoading()"
            [nzPageSize]="50"
            [nzNoResult]="'campaign.list.none' | t"
          >
            <thead>
              <tr>
                <th>{{ 'campaign.col.title' | t }}</th>
                <th class="col-optional">{{ 'campaign.col.focusAreas' | t }}</th>
                <th class="col-narrow-hidden">{{ 'campaign.col.selfInspection' | t }}</th>
                <th>{{ 'campaign.col.status' | t }}</th>
                <th>{{ 'campaign.col.tasks' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (campaign of table.data; track campaign.id) {
                <tr data-testid="campaign-row" [attr.data-id]="campaign.id">
                  <td>
                    <a data-testid="campaign-open" [routerLink]="['/', section(), 'campaigns', campaign.id]">{{ campaign.title }}</a>
                  </td>
                  <td class="col-optional">{{ focusText(campaign.focusAreas) }}</td>
                  <td class="col-narrow-hidden nowrap">
                    {{ campaign.calendar.selfInspectionStart }} ~ {{ campaign.calendar.selfInspectionEnd }}
                  </td>
                  <td>
                    <app-campaign-status [status]="campaign.status" />
                    @if (campaign.status !== 'draft') {
                      <app-campaign-phase [phase]="campaign.phase" />
                    }
                    @if (campaign.summaryOverdue) {
                      <nz-tag nzColor="red">{{ 'campaign.summaryOverdue' | t }}</nz-tag>
                    }
                  </td>
                  <td data-testid="campaign-task-counts">
                    @if (campaign.status === 'draft') {
                      <span class="hint">—</span>
                    } @else {
                      {{ 'campaign.list.taskCounts' | t: { submitted: campaign.tasks.submitted, total: campaign.tasks.total } }}
                      @if (campaign.tasks.late) {
                        <span class="sub">{{ 'campaign.list.lateCount' | t: { count: campaign.tasks.late } }}</span>
                      }
                      @if (campaign.tasks.missing) {
                        <span class="sub late">{{ 'campaign.list.missingCount' | t: { count: campaign.tasks.missing } }}</span>
                      }
                    }
                  </td>
                </tr>
              }
            </tbody>
          </nz-table>
        </div>
      }
    </section>
  `,
  styleUrls: ['../shell/responsive-page.css', './campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignList {
  private readonly api = inject(CampaignsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  /** `?year=`, bound by the router. */
  readonly year = input<string>();
  /** From the route data. */
  readonly section = input<CampaignSection>('province');

  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));
  protected readonly canManage = computed(() => canManageCampaigns(this.user.me(), this.section()));
  protected readonly campaigns = rxResource({
    params: () => ({ year: this.selectedYear() }),
    stream: ({ params }) => this.api.list(params.year),
  });
  protected readonly items = computed(() => (this.campaigns.hasValue() ? this.campaigns.value() : []));

  protected focusText(areas: readonly FocusArea[]): string {
    return areas.map((a) => focusLabel(a, this.i18n)).join(this.i18n.isZh() ? '；' : '; ');
  }

  protected selectYear(year: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { year }, replaceUrl: true });
  }
}
