import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { CurrentUser } from '../core/current-user';
import { TPipe } from '../i18n/t-pipe';
import { PlanYearSelect, planYearOf } from '../plans/plan-nav';
import { type SpotCheckSection, canRunSpotChecks } from './spot-check-access';
import { SpotCheckNav, SpotCheckStatusTag, shortHash } from './spot-check-labels';
import { SpotChecksApi } from './spot-checks-api';
import { CLOCK } from '../core/clock';

/** 抽查任务: the province's spot-checks of a year. */
@Component({
  selector: 'app-spot-check-list',
  imports: [RouterLink, NzButtonModule, NzIconModule, NzTableModule, NzTagModule, NzTooltipModule, PlanYearSelect, SpotCheckNav, SpotCheckStatusTag, TPipe],
  template: `
    <section class="panel">
      <app-spot-check-nav [section]="section()" [year]="selectedYear()" />
      <header class="toolbar">
        <h1>{{ 'spotCheck.list.heading' | t: { year: selectedYear() } }}</h1>
        <app-plan-year [year]="selectedYear()" (yearChange)="selectYear($event)" />
        @if (canCreate()) {
          <a nz-button nzType="primary" data-testid="spot-check-create" [routerLink]="['/', section(), 'spot-checks', 'new']" [queryParams]="{ year: selectedYear() }">
            <nz-icon nzType="plus" />{{ 'spotCheck.list.create' | t }}
          </a>
        }
      </header>
      <p class="hint">{{ 'spotCheck.list.hint' | t }}</p>
      @if (spotChecks.error()) {
        <p class="error" data-testid="spot-check-error">{{ 'spotCheck.loadFailed' | t }}</p>
      } @else {
        <nz-table
          #table
          nzSize="middle"
          nzHideOnSinglePage
          [nzData]="items()"
          [nzLoading]="spotChecks.isLoading()"
          [nzPageSize]="50"
          [nzScroll]="{ x: '880px' }"
          [nzNoResult]="'spotCheck.list.none' | t"
        >
          <thead>
            <tr>
              <th>{{ 'spotCheck.col.title' | t }}</th>
              <th nzWidth="110px">{{ 'spotCheck.col.status' | t }}</th>
              <th nzWidth="150px">{{ 'spotCheck.col.commitment' | t }}</th>
              <th nzWidth="130px">{{ 'spotCheck.col.drawn' | t }}</th>
              <th nzWidth="150px">{{ 'spotCheck.col.inspections' | t }}</th>
              <th nzWidth="110px">{{ 'spotCheck.col.dueDate' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (check of table.data; track check.id) {
              <tr data-testid="spot-check-row" [attr.data-id]="check.id">
                <td>
                  <a data-testid="spot-check-open" [routerLink]="['/', section(), 'spot-checks', 'check', check.id]">{{ check.title }}</a>
                  @if (check.campaignTitle) {
                    <div class="hint">{{ 'spotCheck.list.campaign' | t: { title: check.campaignTitle } }}</div>
                  }
                </td>
                <td><app-spot-check-status [status]="check.status" /></td>
                <td>
                  @if (check.commitment) {
                    <span class="hash" data-testid="spot-check-row-commitment" nz-tooltip [nzTooltipTitle]="check.commitment">{{ short(check.commitment) }}…</span>
                  } @else {
                    <span class="hint">{{ 'spotCheck.list.notCommitted' | t }}</span>
                  }
                </td>
                <td data-testid="spot-check-row-drawn">
                  @if (check.status === 'drawn' || check.status === 'closed') {
                    {{ 'spotCheck.list.drawnOf' | t: { drawn: check.drawn, population: check.population } }}
                  } @else if (check.population) {
                    {{ 'spotCheck.list.population' | t: { population: check.population } }}
                  } @else {
                    —
                  }
                </td>
                <td data-testid="spot-check-row-inspections">
                  {{ 'spotCheck.list.sentOf' | t: { sent: check.inspections.sent, total: check.inspections.total } }}
                  @if (check.inspections.overdue) {
                    <nz-tag nzColor="red">{{ 'spotCheck.list.overdueCount' | t: { count: check.inspections.overdue } }}</nz-tag>
                  }
                </td>
                <td>{{ check.dueDate }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', './spot-checks.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpotCheckList {
  private readonly api = inject(SpotChecksApi);
  private readonly user = inject(CurrentUser);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  readonly year = input<string>();
  readonly section = input<SpotCheckSection>('province');

  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));
  protected readonly canCreate = computed(() => canRunSpotChecks(this.user.me(), this.section()));
  protected readonly spotChecks = rxResource({
    params: () => ({ year: this.selectedYear() }),
    stream: ({ params }) => this.api.spotChecks(params.year),
  });
  protected readonly items = computed(() => (this.spotChecks.hasValue() ? this.spotChecks.value() : []));
  protected readonly short = shortHash;

  protected selectYear(year: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { year }, replaceUrl: true });
  }
}
