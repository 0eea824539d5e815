import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { BarChartModule } from '@swimlane/ngx-charts';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf } from '../core/china-date';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { PlanYearSelect, planYearOf } from '../plans/plan-nav';
import { AgencyInspectionNav } from '../inspections/agency-inspection-nav';
import type { InspectionFeature } from './inspection-detail';
import type { SpotCheckSection } from './spot-check-access';
import { COVERAGE_RULE_LABELS, KIND_LABELS, SpotCheckNav } from './spot-check-labels';
import { COVERAGE_RULES, type CoverageCity, type CoverageJurisdiction, type CoverageKindRow, type CoverageRule, type CoverageRuleName } from './spot-check-models';
import { SpotChecksApi } from './spot-checks-api';
import { CLOCK } from '../core/clock';

/** Seed 002 一(四): every month at least 10% of the pharmacies and of the clinics are inspected. */
export const MONTHLY_RULE = 0.1;
/** The share bars in the table run from 0 to 50%, so the 10% line sits at a fifth. */
const BAR_SCALE = 0.5;

/** 0.125 → 12.5 (percent, one decimal). */
const pct = (share: number) => Math.round(share * 1000) / 10;

/** `?month=11` when valid; else this month in the current year, December in a past one. */
export function coverageMonthOf(param: string | undefined, year: number, now: Date): number {
  const month = Number(param);
  if (Number.isInteger(month) && month >= 1 && month <= 12) return month;
  const today = chinaDateOf(now);
  return Number(today.slice(0, 4)) === year ? Number(today.slice(5, 7)) : 12;
}

/** 'YYYY-MM' of a year and month. */
export const monthParam = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** The rule of a jurisdiction, or null when the backend does not report it. */
export function ruleOf(jurisdiction: CoverageJurisdiction, rule: CoverageRuleName): CoverageRule | null {
  return jurisdiction.rules.find((r) => r.rule === rule) ?? null;
}

/**
 * 覆盖率: per jurisdiction (the institutions whose agreement each agency holds) every coverage rule
 * against its own basis — 全覆盖, the pharmacies' and clinics' monthly 10% and yearly coverage, key
 * units twice, high-credit hospitals once in full — and the province's ≥10% sample per city; then
 * the inspections of the year and of the month by city and kind, against the 10% monthly rule.
 */
@Component({
  selector: 'app-coverage-page',
  imports: [BarChartModule, FormsModule, NzRadioModule, NzSelectModule, NzSpinModule, NzTagModule, AgencyInspectionNav, PlanYearSelect, SpotCheckNav, TPipe],
  templateUrl: './coverage-page.html',
  styleUrls: ['../shell/feature-page.css', './spot-checks.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoveragePage {
  private readonly api = inject(SpotChecksApi);
  private readonly i18n = inject(TranslationService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  readonly year = input<string>();
  readonly month = input<string>();
  readonly section = input<SpotCheckSection>('province');
  /** Opened from 抽查 or from the agency's own inspections (its tabs then). */
  readonly feature = input<InspectionFeature>('spot-checks');

  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));
  protected readonly selectedMonth = computed(() => coverageMonthOf(this.month(), this.selectedYear(), this.now()));
  protected readonly months = Array.from({ length: 12 }, (_, i) => i + 1);
  protected readonly kindLabels = KIND_LABELS;
  protected readonly pct = pct;
  /** The kind the chart shows (the monthly rule is for pharmacies and clinics). */
  protected readonly chartKind = signal<'pharmacy' | 'clinic'>('pharmacy');

  protected readonly rules = COVERAGE_RULES;
  protected readonly ruleLabels = COVERAGE_RULE_LABELS;
  protected readonly ruleOf = ruleOf;

  protected readonly jurisdictionCoverage = rxResource({
    params: () => ({ month: monthParam(this.selectedYear(), this.selectedMonth()) }),
    stream: ({ params }) => this.api.jurisdictionCoverage(params.month),
  });
  protected readonly jurisdictions = computed<CoverageJurisdiction[]>(() =>
    this.jurisdictionCoverage.hasValue() ? this.jurisdictionCoverage.value().jurisdictions : [],
  );
  protected readonly provinceSample = computed(() => (this.jurisdictionCoverage.hasValue() ? this.jurisdictionCoverage.value().provinceSample : []));
  /** Rules not met over all the jurisdictions shown (rules without units to count are met). */
  protected readonly jurisdictionRulesMissed = computed(() => this.jurisdictions().reduce((n, j) => n + j.rules.filter((r) => !r.met).length, 0));

  protected readonly coverage = rxResource({
    params: () => ({ year: this.selectedYear(), month: this.selectedMonth() }),
    stream: ({ params }) => this.api.coverage(params.year, params.month),
  });
  protected readonly cities = computed<CoverageCity[]>(() => (this.coverage.hasValue() ? this.coverage.value().byCity : []));

  protected readonly chart = computed(() =>
    this.cities().map((city) => {
      const row = city.kinds.find((k) => k.kind === this.chartKind());
      return { name: city.cityName, value: row ? pct(row.shareThisMonth) : 0 };
    }),
  );
  /** Bars under the 10% line are drawn in red. */
  protected readonly chartColors = computed(() =>
    this.chart().map((bar) => ({ name: bar.name, value: bar.value < pct(MONTHLY_RULE) ? '#fa541c' : '#1677ff' })),
  );
  protected readonly referenceLines = computed(() => [{ name: this.i18n.t('coverage.ruleLine'), value: pct(MONTHLY_RULE) }]);
  protected readonly yMax = computed(() => Math.max(20, ...this.chart().map((b) => Math.ceil(b.value / 10) * 10)));
  protected readonly percentTicks = (value: number): string => `${value}%`;
  protected readonly totals = computed(() => {
    const cities = this.cities();
    return {
      notYetInspected: cities.reduce((n, c) => n + c.notYetInspected, 0),
      keyUnits: cities.reduce((n, c) => n + c.keySupervision.units, 0),
      keyTwice: cities.reduce((n, c) => n + c.keySupervision.inspectedTwice, 0),
      rulesMissed: cities.reduce((n, c) => n + c.kinds.filter((k) => k.monthlyRuleMet === false).length, 0),
    };
  });

  /** Width of the share bar (0–50% scale). */
  protected barWidth(row: CoverageKindRow): string {
    return `${Math.min(100, (row.shareThisMonth / BAR_SCALE) * 100)}%`;
  }

  protected below(row: CoverageKindRow): boolean {
    return row.monthlyRuleMet === false || (row.monthlyRuleMet === null && row.shareThisMonth < MONTHLY_RULE && row.kind !== 'hospital');
  }

  protected selectPeriod(change: { year?: number; month?: number }): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: change, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
