import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { BarChartModule } from '@swimlane/ngx-charts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzStatisticModule } from 'ng-zorro-antd/statistic';
import { firstValueFrom } from 'rxjs';
import { CHECKLIST_AREAS, type IcProgramme } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { PlanYearSelect, planYearOf } from '../plans/plan-nav';
import type { IcSection } from './ic-access';
import { IcApi } from './ic-api';
import { AREA_LABELS } from './ic-labels';
import { saveDownload } from '../core/download';
import { wholeTicks } from '../shell/chart-ticks';
import { IcNav } from './ic-nav';
import { CLOCK } from '../core/clock';

export type ProgrammeCardKey = keyof IcProgramme['agencies'];
export type RectificationKey = keyof IcProgramme['rectification'];

/**
 * 内控检查总体情况: how many agencies were audited this year, findings per checklist area (a bar
 * chart, total against still open) and where rectification stands; the workbook for the year.
 */
@Component({
  selector: 'app-ic-programme',
  imports: [BarChartModule, NzButtonModule, NzIconModule, NzSpinModule, NzStatisticModule, IcNav, PlanYearSelect, TPipe],
  template: `
    <section class="panel">
      <app-ic-nav [section]="section()" [year]="selectedYear()" />
      <header class="toolbar">
        <h1>{{ 'ic.programme.heading' | t: { year: selectedYear() } }}</h1>
        <app-plan-year [year]="selectedYear()" (yearChange)="selectYear($event)" />
        <button nz-button type="button" data-testid="ic-programme-export" [nzLoading]="exporting()" (click)="export()">
          <nz-icon nzType="file-excel" />{{ 'ic.programme.export' | t }}
        </button>
      </header>

      @if (programme.error()) {
        <p class="error" data-testid="ic-error">{{ 'ic.loadFailed' | t }}</p>
      } @else if (data(); as data) {
        <div class="cards">
          @for (key of cardKeys; track key) {
            <div class="card" [class.alert]="key === 'overdue' && data.agencies.overdue > 0" [attr.data-testid]="'ic-programme-card-' + key">
              <nz-statistic [nzTitle]="cardLabels[key] | t" [nzValue]="data.agencies[key]" />
            </div>
          }
        </div>

        <h2>{{ 'ic.programme.findingsByArea' | t }}</h2>
        <div class="chart" data-testid="ic-findings-chart" role="img" [attr.aria-label]="'ic.programme.findingsByArea' | t">
          <ngx-charts-bar-vertical-2d
            [results]="chart()"
            [customColors]="colors()"
            [xAxis]="true"
            [yAxis]="true"
            [legend]="true"
            [legendTitle]="''"
            [yAxisTickFormatting]="wholeTicks"
            [noBarWhenZero]="true"
          />
        </div>

        <h2>{{ 'ic.programme.rectification' | t }}</h2>
        <div class="cards">
          @for (key of rectificationKeys; track key) {
            <div class="card" [class.alert]="key === 'overdue' && data.rectification.overdue > 0" [attr.data-testid]="'ic-rectification-' + key">
              <nz-statistic [nzTitle]="rectificationLabels[key] | t" [nzValue]="data.rectification[key]" />
            </div>
          }
        </div>
      } @else {
        <div class="loading"><nz-spin nzSimple /></div>
      }
    </section>
  `,
  styleUrl: '../shell/feature-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcProgrammePage {
  private readonly api = inject(IcApi);
  private readonly i18n = inject(TranslationService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly document = inject(DOCUMENT);
  private readonly now = inject(CLOCK);

  readonly year = input<string>();
  readonly section = input<IcSection>('province');

  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));
  protected readonly programme = rxResource({
    params: () => ({ year: this.selectedYear() }),
    stream: ({ params }) => this.api.programme(params.year),
  });
  protected readonly data = computed(() => (this.programme.hasValue() ? this.programme.value() : null));

  protected readonly cardKeys: readonly ProgrammeCardKey[] = ['total', 'audited', 'inProgress', 'pending', 'overdue'];
  protected readonly cardLabels: Record<ProgrammeCardKey, TranslationKey> = {
    total: 'ic.programme.total',
    audited: 'ic.programme.audited',
    inProgress: 'ic.programme.inProgress',
    pending: 'ic.programme.pending',
    overdue: 'ic.programme.overdue',
  };
  protected readonly rectificationKeys: readonly RectificationKey[] = ['open', 'submitted', 'verified', 'overdue'];
  protected readonly rectificationLabels: Record<RectificationKey, TranslationKey> = {
    open: 'ic.programme.rect.open',
    submitted: 'ic.programme.rect.submitted',
    verified: 'ic.programme.rect.verified',
    overdue: 'ic.programme.rect.overdue',
  };

  /** One group per area: all findings, and those still open. */
  protected readonly chart = computed(() => {
    const byArea = this.data()?.findingsByArea;
    const total = this.i18n.t('ic.programme.findingsTotal');
    const open = this.i18n.t('ic.programme.findingsOpen');
    return CHECKLIST_AREAS.map((area) => ({
      name: this.i18n.t(AREA_LABELS[area]),
      series: [
        { name: total, value: byArea?.[area]?.total ?? 0 },
        { name: open, value: byArea?.[area]?.open ?? 0 },
      ],
    }));
  });
  protected readonly colors = computed(() => [
    { name: this.i18n.t('ic.programme.findingsTotal'), value: '#1677ff' },
    { name: this.i18n.t('ic.programme.findingsOpen'), value: '#fa541c' },
  ]);
  protected readonly wholeTicks = wholeTicks;
  protected readonly exporting = signal(false);

  protected selectYear(year: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { year }, replaceUrl: true });
  }

  protected async export(): Promise<void> {
    if (this.exporting()) return;
    this.exporting.set(true);
    const year = this.selectedYear();
    try {
      const response = await firstValueFrom(this.api.exportProgramme(year));
      saveDownload(this.document, response, this.i18n.t('ic.programme.fileName', { year }));
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.exporting.set(false);
    }
  }
}
