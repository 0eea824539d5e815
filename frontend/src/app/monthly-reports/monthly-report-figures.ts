import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MEASURE_KIND_LABELS } from '../findings/findings-labels';
import type { MeasureKind } from '../findings/findings-api';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { MANUAL_LABELS } from './monthly-report-labels';
import { MANUAL_NUMBER_FIELDS, type MonthlyReportAuto, type MonthlyReportManual } from './monthly-reports-api';
import { MoneyPipe } from '../core/money';

export interface FigureRow {
  readonly key: TranslationKey;
  /** null: a line of text without a number (e.g. "no measures"). */
  readonly value: number | null;
  readonly amount?: boolean;
  readonly testId: string;
}

export interface FigureGroup {
  readonly key: TranslationKey;
  /** Where the group's figures come from, shown under its heading. */
  readonly source?: TranslationKey;
  readonly testId: string;
  readonly rows: readonly FigureRow[];
}

const MEASURE_ORDER = Object.keys(MEASURE_KIND_LABELS) as MeasureKind[];

const row = (key: TranslationKey, value: number | undefined, testId: string, amount = false): FigureRow => ({
  key,
  value: value ?? 0,
  amount,
  testId,
});

/** The suite's figures of the month, grouped as the report form prints them. */
export function figureGroupsOf(auto: MonthlyReportAuto): FigureGroup[] {
  const measures = MEASURE_ORDER.filter((kind) => (auto.measures?.[kind] ?? 0) > 0).map((kind) =>
    row(MEASURE_KIND_LABELS[kind], auto.measures[kind], `measure-${kind}`),
  );
  return [
    {
      key: 'monthlyReport.group.inspections',
      testId: 'inspections',
      rows: [
        row('monthlyReport.auto.inspections', auto.inspections, 'inspections'),
        row('monthlyReport.auto.institutionsInspected', auto.institutionsInspected, 'institutionsInspected'),
      ],
    },
    {
      key: 'monthlyReport.group.findings',
      testId: 'findings',
      rows: [
        row('monthlyReport.auto.findings', auto.findings, 'findings'),
        row('monthlyReport.auto.findingAmount', auto.findingAmount, 'findingAmount', true),
        row('monthlyReport.auto.recoveredAmount', auto.recoveredAmount, 'recoveredAmount', true),
        // 实际追回 beside 认定追回 (issue 16): what the agencies actually recovered in the month (0 on reports opened before it was counted).
        row('monthlyReport.auto.actualRecoveredAmount', auto.actualRecoveredAmount, 'actualRecoveredAmount', true),
        row('monthlyReport.auto.refusedAmount', auto.refusedAmount, 'refusedAmount', true),
        row('monthlyReport.auto.refundedAmount', auto.refundedAmount, 'refundedAmount', true),
      ],
    },
    {
      key: 'monthlyReport.group.measures',
      testId: 'measures',
      rows: [
        row('monthlyReport.auto.decisions', auto.decisions, 'decisions'),
        ...(measures.length ? measures : [{ key: 'monthlyReport.auto.noMeasures', value: null, testId: 'no-measures' } satisfies FigureRow]),
        row('monthlyReport.auto.settlementSuspended', auto.settlementSuspended, 'settlementSuspended'),
        row('monthlyReport.auto.agreementsTerminated', auto.agreementsTerminated, 'agreementsTerminated'),
      ],
    },
    {
      key: 'monthlyReport.group.disputes',
      testId: 'disputes',
      rows: [
        row('monthlyReport.auto.disputesFiled', auto.disputesFiled, 'disputesFiled'),
        row('monthlyReport.auto.disputesDecided', auto.disputesDecided, 'disputesDecided'),
      ],
    },
    {
      key: 'monthlyReport.group.rectification',
      testId: 'rectification',
      rows: [row('monthlyReport.auto.rectificationOverdue', auto.rectificationOverdue, 'rectificationOverdue')],
    },
    {
      // Counted from the leads ledger and the tips intake (issue 17); 0 on reports assembled before they were counted.
      key: 'monthlyReport.group.ledger',
      source: 'monthlyReport.group.ledgerSource',
      testId: 'ledger',
      rows: [
        row('monthlyReport.auto.casesOpened', auto.casesOpened, 'casesOpened'),
        row('monthlyReport.auto.casesClosed', auto.casesClosed, 'casesClosed'),
        row('monthlyReport.auto.tipsReceived', auto.tipsReceived, 'tipsReceived'),
        row('monthlyReport.auto.tipsRewarded', auto.tipsRewarded, 'tipsRewarded'),
      ],
    },
  ];
}

/** The county's own figures as a read-only group (after submission, for readers, and city totals). */
export function manualGroupOf(manual: Omit<MonthlyReportManual, 'remarks'>): FigureGroup {
  return {
    key: 'monthlyReport.group.manual',
    testId: 'manual',
    rows: MANUAL_NUMBER_FIELDS.map((field) => row(MANUAL_LABELS[field], manual[field], field, field === 'otherRecovered')),
  };
}

/** Figure groups side by side (a grid that wraps on narrow screens). */
@Component({
  selector: 'app-report-figures',
  imports: [MoneyPipe, DecimalPipe, TPipe],
  template: `
    <div class="figure-groups">
      @for (group of groups(); track group.testId) {
        <section class="figure-group" [attr.data-testid]="'figures-' + group.testId">
          <h3>{{ group.key | t }}</h3>
          @if (group.source) {
            <p class="figure-source" [attr.data-testid]="'figures-source-' + group.testId">{{ group.source | t }}</p>
          }
          <dl>
            @for (item of group.rows; track item.testId) {
              <div [attr.data-testid]="'figure-' + item.testId">
                <dt>{{ item.key | t }}</dt>
                @if (item.value !== null) {
                  <dd>{{ item.amount ? (item.value | money) : (item.value | number) }}</dd>
                }
              </div>
            }
          </dl>
        </section>
      }
    </div>
  `,
  styleUrl: './monthly-reports.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportFigures {
  /** The suite's figures (grouped); left out when not given. */
  readonly auto = input<MonthlyReportAuto | null>(null);
  /** The county's figures as one more group; left out when not given. */
  readonly manual = input<Omit<MonthlyReportManual, 'remarks'> | null>(null);

  protected readonly groups = computed(() => {
    const auto = this.auto();
    const manual = this.manual();
    return [...(auto ? figureGroupsOf(auto) : []), ...(manual ? [manualGroupOf(manual)] : [])];
  });
}
