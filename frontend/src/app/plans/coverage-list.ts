import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { TargetCoverage } from './plan-form';
import { targetLabelOf } from './plan-labels';

/** Per target: which tasks of the 配档表 work towards it, and whether they reach it. Gaps in red. */
@Component({
  selector: 'app-coverage-list',
  imports: [NzIconModule, TPipe],
  template: `
    @if (coverage().length) {
      <div class="coverage" data-testid="schedule-coverage" [class.complete]="uncovered() === 0">
        <p class="summary" data-testid="schedule-coverage-summary">
          @if (uncovered() === 0) {
            <nz-icon nzType="check-circle" />{{ 'plans.coverage.complete' | t }}
          } @else {
            <nz-icon nzType="close-circle" />{{ 'plans.coverage.incomplete' | t: { count: uncovered() } }}
          }
        </p>
        <ul>
          @for (item of items(); track item.code) {
            <li
              [attr.data-testid]="'schedule-coverage-' + item.code"
              [attr.data-covered]="item.covered"
              [class.uncovered]="!item.covered"
            >
              <nz-icon [nzType]="item.covered ? 'check-circle' : 'close-circle'" />
              <span class="label">{{ item.label }}</span>
              <span class="detail">{{ item.detail }}</span>
            </li>
          }
        </ul>
      </div>
    }
  `,
  styles: `
    .coverage {
      margin-bottom: 12px;
      padding: 8px 12px;
      border: 1px solid #ffa39e;
      border-radius: 8px;
      background: #fff1f0;
    }

    .coverage.complete {
      border-color: #b7eb8f;
      background: #f6ffed;
    }

    .summary {
      margin: 0 0 4px;
      font-weight: 600;
    }

    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 24px;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    li {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
      color: #389e0d;
    }

    li.uncovered {
      color: #cf1322;
      font-weight: 600;
    }

    .label {
      color: rgba(0, 0, 0, 0.88);
    }

    .detail {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.65);
    }

    nz-icon {
      margin-inline-end: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoverageList {
  private readonly i18n = inject(TranslationService);

  readonly coverage = input.required<readonly TargetCoverage[]>();

  protected readonly uncovered = computed(() => this.coverage().filter((c) => !c.covered).length);
  protected readonly items = computed(() =>
    this.coverage().map((c) => ({
      code: c.target.code,
      covered: c.covered,
      label: targetLabelOf(this.i18n, c.target.code, c.target.label),
      detail:
        c.reason === 'noTask'
          ? this.i18n.t('plans.coverage.noTask')
          : c.target.unit === 'count'
            ? this.i18n.t(c.reason === 'short' ? 'plans.coverage.short' : 'plans.coverage.reached', {
                total: c.total,
                value: c.target.value ?? 0,
              })
            : this.i18n.t('plans.coverage.tasks', { count: c.tasks }),
    })),
  );
}
