import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { PlanContent } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { focusAreaLabelOf, targetLabelOf } from './plan-labels';

/** 方案内容, read-only: for reviewers, and for the unit once the plan is submitted. */
@Component({
  selector: 'app-plan-content-view',
  imports: [NzTagModule, TPipe],
  template: `
    @if (content(); as content) {
      <div class="view" data-testid="plan-content-view">
        <section>
          <h3>{{ 'plans.form.targets' | t }}</h3>
          <table class="grid">
            <thead>
              <tr>
                <th>{{ 'plans.form.targetLabel' | t }}</th>
                <th class="num">{{ 'plans.form.targetValue' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (target of targets(); track target.code) {
                <tr data-testid="plan-view-target">
                  <td>{{ target.label }}</td>
                  <td class="num">{{ target.value }}</td>
                </tr>
              }
            </tbody>
          </table>
        </section>

        <section>
          <h3>{{ 'plans.form.focusAreas' | t }}</h3>
          <div class="tags">
            @for (focus of focusAreas(); track $index) {
              <nz-tag data-testid="plan-view-focus">{{ focus }}</nz-tag>
            }
          </div>
        </section>

        <section>
          <h3>{{ 'plans.form.methods' | t }}</h3>
          <p class="text" data-testid="plan-view-methods">{{ content.methods }}</p>
        </section>

        <section>
          <h3>{{ 'plans.form.steps' | t }}</h3>
          <p class="text" data-testid="plan-view-steps">{{ content.steps }}</p>
        </section>

        <section>
          <h3>{{ 'plans.form.persons' | t }}</h3>
          <table class="grid">
            <thead>
              <tr>
                <th>{{ 'plans.form.personName' | t }}</th>
                <th>{{ 'plans.form.personTitle' | t }}</th>
                <th>{{ 'plans.view.phone' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (person of content.responsiblePersons; track $index) {
                <tr data-testid="plan-view-person">
                  <td>{{ person.name }}</td>
                  <td>{{ person.title }}</td>
                  <td>{{ person.phone ?? '' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </section>
      </div>
    } @else {
      <p class="empty" data-testid="plan-content-empty">{{ 'plans.view.noContent' | t }}</p>
    }
  `,
  styles: `
    section {
      margin-bottom: 20px;
    }

    h3 {
      margin: 0 0 8px;
      font-size: 15px;
      font-weight: 600;
    }

    .grid {
      width: 100%;
      max-width: 720px;
      border-collapse: collapse;
    }

    .grid th,
    .grid td {
      padding: 6px 8px;
      border-bottom: 1px solid #f0f0f0;
      text-align: start;
    }

    .grid th {
      background: #fafafa;
      font-weight: 500;
    }

    .num {
      width: 140px;
      text-align: end !important;
      white-space: nowrap;
    }

    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }

    .text {
      margin: 0;
      line-height: 1.8;
      white-space: pre-wrap;
      word-break: break-word;
    }

    .empty {
      color: rgba(0, 0, 0, 0.6);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanContentView {
  private readonly i18n = inject(TranslationService);

  readonly content = input.required<PlanContent | null>();

  protected readonly targets = computed(() =>
    (this.content()?.targets ?? []).map((t) => ({
      code: t.code,
      label: targetLabelOf(this.i18n, t.code, t.label),
      value: t.unit === 'percent' ? `${t.value}%` : `${t.value}`,
    })),
  );
  protected readonly focusAreas = computed(() =>
    (this.content()?.focusAreas ?? []).map((f) => focusAreaLabelOf(this.i18n, f)),
  );
}
