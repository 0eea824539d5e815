import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { MeasuredTarget, PlanDetail } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { targetLabelOf } from './plan-labels';

/** What the measured figures need of a plan; older callers without `measured` show nothing new. */
export type MeasuredPlan = Pick<PlanDetail, 'content'> & Partial<Pick<PlanDetail, 'measured'>>;

/** The measured figure of a target of the plan, if the backend measures it (issue 13 §4). */
export function measuredOf(plan: MeasuredPlan, targetCode: string): MeasuredTarget | null {
  return plan.measured?.find((m) => m.targetCode === targetCode) ?? null;
}

/** The value against the target, in words: 38 / 120 家次; 62.5%（25/40 家），目标 100%. */
export function measuredText(i18n: TranslationService, m: MeasuredTarget): string {
  return m.unit === 'percent'
    ? i18n.t('plans.measured.percent', { value: m.value, target: m.target, done: m.of?.done ?? 0, total: m.of?.total ?? 0 })
    : i18n.t('plans.measured.count', { value: m.value, target: m.target });
}

/**
 * 系统统计（已送达检查）: the targets the backend measures from the agency's sent inspections
 * (现场检查家次, 现场检查覆盖率), each against the plan's target. Nothing when there are none.
 */
@Component({
  selector: 'app-measured-targets',
  imports: [NzIconModule, NzTagModule, TPipe],
  template: `
    @if (items().length) {
      <div class="measured" data-testid="plan-measured">
        <p class="title"><nz-icon nzType="dashboard" />{{ 'plans.measured.title' | t }}</p>
        <ul>
          @for (item of items(); track item.code) {
            <li [attr.data-testid]="'plan-measured-' + item.code" [attr.data-reached]="item.reached">
              <span class="label">{{ item.label }}</span>
              <span class="value" [attr.data-testid]="'plan-measured-value-' + item.code">{{ item.text }}</span>
              @if (item.reached) {
                <nz-tag nzColor="success">{{ 'plans.measured.reached' | t }}</nz-tag>
              }
            </li>
          }
        </ul>
        <p class="hint">{{ 'plans.measured.hint' | t }}</p>
      </div>
    }
  `,
  styles: `
    .measured {
      margin-bottom: 12px;
      padding: 8px 12px;
      border: 1px solid #91caff;
      border-radius: 8px;
      background: #f0f7ff;
    }

    .title {
      margin: 0 0 4px;
      font-weight: 600;
    }

    .title nz-icon {
      margin-inline-end: 6px;
    }

    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 32px;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
    }

    .value {
      font-size: 16px;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }

    .hint {
      margin: 4px 0 0;
      color: rgba(0, 0, 0, 0.6);
      font-size: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeasuredTargets {
  private readonly i18n = inject(TranslationService);

  readonly plan = input.required<MeasuredPlan>();

  protected readonly items = computed(() => {
    const plan = this.plan();
    const targets = plan.content?.targets ?? [];
    return (plan.measured ?? []).map((m) => {
      const target = targets.find((t) => t.code === m.targetCode);
      return {
        code: m.targetCode,
        label: targetLabelOf(this.i18n, m.targetCode, target?.label ?? ''),
        text: measuredText(this.i18n, m),
        reached: m.target > 0 && m.value >= m.target,
      };
    });
  });
}
