import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { Params } from '@angular/router';
import { RouterLink } from '@angular/router';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { itemsParams, itemsRoute } from './dashboard-metrics';
import { formatRatio, monthName } from './dashboard-period';
import type { CoverageRule, CoverageRuleName, ProvinceSampleRow, RuleState } from './dashboards-api';
import { labelTable } from '../i18n/label-table';

// The coverage rules of a region and period (docs/api/dashboards-and-monthly-reports.md §2.1), each as
// its own row against its own basis — the institutions of the region for 全覆盖, its pharmacies or
// clinics for the monthly 10% and the yearly round, its key-supervision units, its high-credit
// hospitals — and the province's ≥10% sample per city as a separate table. Where a list of the
// inspections behind a rule exists, its number links to it.

export const RULE_LABELS: Record<CoverageRuleName, TranslationKey> = labelTable('dashboard.rule', [
  'full_coverage',
  'pharmacy_monthly',
  'clinic_monthly',
  'pharmacy_yearly',
  'clinic_yearly',
  'key_twice',
  'high_credit_full',
]);

/** What each rule's basis counts. */
export const RULE_BASIS: Record<CoverageRuleName, TranslationKey> = {
  full_coverage: 'dashboard.rule.basis.institutions',
  pharmacy_monthly: 'dashboard.rule.basis.pharmacies',
  clinic_monthly: 'dashboard.rule.basis.clinics',
  pharmacy_yearly: 'dashboard.rule.basis.pharmacies',
  clinic_yearly: 'dashboard.rule.basis.clinics',
  key_twice: 'dashboard.rule.basis.keyUnits',
  high_credit_full: 'dashboard.rule.basis.highCredit',
};

export const RULE_STATE_LABELS: Record<RuleState, TranslationKey> = labelTable('dashboard.rule.state', ['met', 'not_met', 'in_progress']);
const STATE_COLORS: Record<RuleState, string> = { met: 'success', not_met: 'error', in_progress: 'processing' };

/**
 * The list behind a rule's number, as the items page takes it: the inspections the rule counts
 * (on site from January for 全覆盖, the kind's inspections of the period or from January). None for
 * key-supervision units and high-credit hospitals: the list cannot be narrowed to them.
 */
export function ruleListQuery(rule: CoverageRuleName): { metric: string; institutionKind?: string; ytd?: boolean } | null {
  switch (rule) {
    case 'full_coverage':
      return { metric: 'inspections_on_site', ytd: true };
    case 'pharmacy_monthly':
      return { metric: 'inspections', institutionKind: 'pharmacy' };
    case 'clinic_monthly':
      return { metric: 'inspections', institutionKind: 'clinic' };
    case 'pharmacy_yearly':
      return { metric: 'inspections', institutionKind: 'pharmacy', ytd: true };
    case 'clinic_yearly':
      return { metric: 'inspections', institutionKind: 'clinic', ytd: true };
    default:
      return null;
  }
}

/** How far a rule has come: the bar's fill and the required mark (0–100), null when there is nothing to measure. */
export function ruleProgress(rule: Pick<CoverageRule, 'unit' | 'basis' | 'required' | 'done'>): { fill: number; mark: number } | null {
  const pct = (a: number, b: number) => Math.min(100, Math.round((a / b) * 1000) / 10);
  if (rule.unit === 'months') return rule.required > 0 ? { fill: pct(rule.done, rule.required), mark: 100 } : null;
  return rule.basis > 0 ? { fill: pct(rule.done, rule.basis), mark: pct(rule.required, rule.basis) } : null;
}

interface RuleView {
  readonly rule: CoverageRule;
  readonly label: TranslationKey;
  readonly basis: TranslationKey;
  readonly progress: { fill: number; mark: number } | null;
  readonly link: Params | null;
  readonly months: readonly { month: string; label: string; done: number; required: number; met: boolean; timing: string }[];
}

@Component({
  selector: 'app-dashboard-coverage-rules',
  imports: [RouterLink, NzTagModule, TPipe],
  template: `
    <ul class="rules" data-testid="coverage-rules">
      @for (v of views(); track v.rule.rule) {
        <li class="rule" [attr.data-testid]="'rule-' + v.rule.rule" [attr.data-state]="v.rule.state">
          <div class="rule-head">
            <span class="rule-name">{{ v.label | t }}</span>
            <span class="source">{{ 'dashboard.rules.source' | t: { source: v.rule.source } }}</span>
            <nz-tag class="state" [nzColor]="stateColor(v.rule.state)" [attr.data-testid]="'rule-state-' + v.rule.rule">{{ stateLabel(v.rule.state) | t }}</nz-tag>
          </div>
          @if (v.progress; as p) {
            <div
              class="bar"
              role="meter"
              aria-valuemin="0"
              aria-valuemax="100"
              [attr.aria-valuenow]="p.fill"
              [attr.aria-label]="(v.label | t) + ' ' + doneText(v.rule)"
            >
              <span class="fill" [class]="'fill ' + v.rule.state" [style.width.%]="p.fill"></span>
              <span class="mark" [style.left.%]="p.mark"></span>
            </div>
          }
          <div class="rule-figures">
            @if (v.link; as query) {
              <a class="done" [attr.data-testid]="'rule-done-' + v.rule.rule" [routerLink]="itemsLink()" [queryParams]="query">{{ doneText(v.rule) }}</a>
            } @else {
              <span class="done" [attr.data-testid]="'rule-done-' + v.rule.rule">{{ doneText(v.rule) }}</span>
            }
            <span class="hint" [attr.data-testid]="'rule-basis-' + v.rule.rule">{{ v.basis | t: { basis: v.rule.basis } }}</span>
            <span class="hint">{{ 'dashboard.rules.judged' | t: { from: v.rule.judged.from, to: v.rule.judged.to } }}</span>
          </div>
          @if (v.rule.rule.endsWith('_monthly') && v.rule.basis > 0 && v.months.length > 1) {
            <ul class="months" [attr.data-testid]="'rule-months-' + v.rule.rule">
              @for (m of v.months; track m.month) {
                <li
                  [attr.data-testid]="'rule-month-' + v.rule.rule + '-' + m.month"
                  [class.below]="m.timing === 'ended' && !m.met"
                  [class.future]="m.timing === 'future'"
                  [class.current]="m.timing === 'current'"
                >
                  <span class="month">{{ m.label }}</span>
                  <span>{{ m.timing === 'future' ? ('dashboard.gauge.notYet' | t) : m.done + ' / ' + m.required }}</span>
                </li>
              }
            </ul>
          }
        </li>
      }
    </ul>

    @if (sample().length) {
      <h3>{{ 'dashboard.sample.heading' | t }}</h3>
      <p class="hint">{{ 'dashboard.sample.intro' | t }}</p>
      <div class="table-wrap">
        <table class="plain" data-testid="coverage-province-sample">
          <thead>
            <tr>
              <th>{{ 'dashboard.sample.city' | t }}</th>
              <th class="num">{{ 'dashboard.sample.institutions' | t }}</th>
              <th class="num">{{ 'dashboard.sample.required' | t }}</th>
              <th class="num">{{ 'dashboard.sample.sampled' | t }}</th>
              <th class="num">{{ 'dashboard.sample.share' | t }}</th>
              <th>{{ 'dashboard.sample.result' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of sample(); track row.cityCode) {
              <tr [attr.data-code]="row.cityCode">
                <td>{{ row.cityName }}</td>
                <td class="num">{{ row.basis }}</td>
                <td class="num">{{ row.required }}</td>
                <td class="num">
                  <a [attr.data-testid]="'sample-done-' + row.cityCode" [routerLink]="itemsLink()" [queryParams]="sampleParams(row)">{{ row.done }}</a>
                </td>
                <td class="num" [class.below]="row.state === 'not_met'">{{ share(row) }}</td>
                <td>
                  <nz-tag [nzColor]="stateColor(row.state)" [attr.data-testid]="'sample-state-' + row.cityCode">{{ stateLabel(row.state) | t }}</nz-tag>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styleUrls: ['./dashboards.css'],
  styles: `
    .rules {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
      gap: 12px;
      margin: 0 0 16px;
      padding: 0;
      list-style: none;
    }

    .rule {
      display: flex;
      flex-direction: column;
      gap: 6px;
      min-width: 0;
      padding: 10px 12px;
      border: 1px solid #f0f0f0;
      border-radius: 8px;
    }

    .rule[data-state='not_met'] {
      border-color: #ffa39e;
    }

    .rule-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 8px;
    }

    .rule-name {
      font-weight: 500;
    }

    .source {
      color: rgba(0, 0, 0, 0.6);
      font-size: 12px;
    }

    .state {
      margin-inline-start: auto;
    }

    .bar {
      position: relative;
      height: 10px;
      border-radius: 5px;
      background: #f0f0f0;
    }

    .fill {
      position: absolute;
      inset: 0 auto 0 0;
      border-radius: 5px;
      background: #1677ff;
    }

    .fill.met {
      background: #52c41a;
    }

    .fill.not_met {
      background: #ff4d4f;
    }

    .mark {
      position: absolute;
      top: -3px;
      bottom: -3px;
      width: 2px;
      margin-inline-start: -1px;
      background: rgba(0, 0, 0, 0.65);
    }

    .rule-figures {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 2px 12px;
    }

    .done {
      font-size: 18px;
    }

    .hint {
      color: rgba(0, 0, 0, 0.55);
      font-size: 12px;
    }

    .months li.current {
      border-color: #91caff;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardCoverageRules {
  private readonly i18n = inject(TranslationService);

  readonly rules = input.required<readonly CoverageRule[]>();
  readonly sample = input<readonly ProvinceSampleRow[]>([]);
  /** The region and period shown: the lists behind the numbers are theirs. */
  readonly region = input.required<string>();
  readonly period = input.required<string>();
  readonly section = input('leader');

  protected readonly itemsLink = computed(() => itemsRoute(this.section()));
  protected readonly views = computed<RuleView[]>(() => {
    const lang = this.i18n.lang();
    return this.rules().map((rule) => {
      const list = ruleListQuery(rule.rule);
      return {
        rule,
        label: RULE_LABELS[rule.rule] ?? (rule.rule as TranslationKey),
        basis: RULE_BASIS[rule.rule] ?? 'dashboard.rule.basis.institutions',
        progress: ruleProgress(rule),
        link: list && rule.basis > 0 ? itemsParams({ region: this.region(), period: this.period(), ...list }) : null,
        months: (rule.months ?? []).map((m) => ({ ...m, label: monthName(Number(m.month.slice(5, 7)), lang) })),
      };
    });
  });

  protected doneText(rule: CoverageRule): string {
    if (rule.basis === 0) return this.i18n.t('dashboard.rules.noUnits');
    if (rule.unit === 'months') {
      return rule.required === 0 ? this.i18n.t('dashboard.rules.noMonthEnded') : this.i18n.t('dashboard.rules.months', { done: rule.done, required: rule.required });
    }
    return this.i18n.t('dashboard.rules.institutions', { done: rule.done, required: rule.required });
  }

  protected stateLabel(state: RuleState): TranslationKey {
    return RULE_STATE_LABELS[state];
  }

  protected stateColor(state: RuleState): string {
    return STATE_COLORS[state];
  }

  protected share(row: ProvinceSampleRow): string {
    return formatRatio(row.basis ? row.done / row.basis : 0);
  }

  protected sampleParams(row: ProvinceSampleRow): Params {
    return itemsParams({ region: row.cityCode, period: this.period(), metric: 'inspections_spot_check', ytd: true });
  }
}
