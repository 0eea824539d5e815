import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { CLOCK } from '../core/clock';
import { PERIOD_KINDS, type Period, monthName, withKind } from './dashboard-period';
import type { PeriodKind } from './dashboards-api';
import { labelTable } from '../i18n/label-table';

const PERIOD_KIND_LABELS: Readonly<Record<PeriodKind, TranslationKey>> = labelTable('dashboard.period', ['year', 'quarter', 'month']);

/** The period pickers of the dashboard (year, quarter or month) and what it is compared with. */
@Component({
  selector: 'app-dashboard-period-bar',
  imports: [FormsModule, NzRadioModule, NzSelectModule, TPipe],
  template: `
    <div class="period-bar" role="group" [attr.aria-label]="'dashboard.period.kind' | t">
      <nz-radio-group nzButtonStyle="solid" nzSize="large" data-testid="dashboard-period-kind" [ngModel]="selected().kind" (ngModelChange)="setKind($event)">
        @for (kind of kinds; track kind) {
          <label nz-radio-button [nzValue]="kind" [attr.data-testid]="'dashboard-period-kind-' + kind">{{ periodKindLabels[kind] | t }}</label>
        }
      </nz-radio-group>
      <nz-select nzSize="large" class="year" data-testid="dashboard-period-year" [ngModel]="selected().year" (ngModelChange)="setYear($event)" [attr.aria-label]="'dashboard.period.yearPicker' | t">
        @for (year of years(); track year) {
          <nz-option [nzValue]="year" [nzLabel]="'dashboard.period.yearOption' | t: { year }" />
        }
      </nz-select>
      @if (selected(); as p) {
        @if (p.kind === 'quarter') {
          <nz-select nzSize="large" class="part" data-testid="dashboard-period-quarter" [ngModel]="p.quarter" (ngModelChange)="setQuarter($event)" [attr.aria-label]="'dashboard.period.quarterPicker' | t">
            @for (q of quarters; track q) {
              <nz-option [nzValue]="q" [nzLabel]="'dashboard.period.quarterOption' | t: { quarter: q }" />
            }
          </nz-select>
        }
        @if (p.kind === 'month') {
          <nz-select nzSize="large" class="part" data-testid="dashboard-period-month" [ngModel]="p.month" (ngModelChange)="setMonth($event)" [attr.aria-label]="'dashboard.period.monthPicker' | t">
            @for (m of months; track m) {
              <nz-option [nzValue]="m" [nzLabel]="monthOption(m)" />
            }
          </nz-select>
        }
      }
      <span class="compare" data-testid="dashboard-compare">{{ 'dashboard.period.compare' | t: { period: compareText() } }}</span>
    </div>
  `,
  styleUrl: './dashboards.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPeriodBar {
  private readonly i18n = inject(TranslationService);
  private readonly now = inject(CLOCK);

  readonly selected = input.required<Period>();
  readonly years = input.required<readonly number[]>();
  /** The period compared with, in words. */
  readonly compareText = input.required<string>();
  /** The period the user picked. */
  readonly periodChange = output<Period>();

  protected readonly kinds = PERIOD_KINDS;
  protected readonly periodKindLabels = PERIOD_KIND_LABELS;
  protected readonly quarters = [1, 2, 3, 4];
  protected readonly months = Array.from({ length: 12 }, (_, i) => i + 1);

  protected monthOption(month: number): string {
    return monthName(month, this.i18n.lang());
  }

  protected setKind(kind: PeriodKind): void {
    this.periodChange.emit(withKind(this.selected(), kind, this.now()));
  }

  protected setYear(year: number): void {
    this.periodChange.emit({ ...this.selected(), year });
  }

  protected setQuarter(quarter: number): void {
    this.periodChange.emit({ kind: 'quarter', year: this.selected().year, quarter });
  }

  protected setMonth(month: number): void {
    this.periodChange.emit({ kind: 'month', year: this.selected().year, month });
  }
}
