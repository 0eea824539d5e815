import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { NzStepsModule } from 'ng-zorro-antd/steps';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { PHASE_STEPS, phaseStepOf } from './campaign-labels';
import type { CampaignDetail } from './campaigns-api';

const STEP_TITLES: Readonly<Record<(typeof PHASE_STEPS)[number], TranslationKey>> = {
  planning: 'campaign.step.planning',
  self_inspection: 'campaign.step.self_inspection',
  spot_check: 'campaign.step.spot_check',
  summary: 'campaign.step.summary',
};

/** A campaign's phases on its calendar (计划报送 → 自查 → 抽查 → 总结), the current one marked. */
@Component({
  selector: 'app-campaign-timeline',
  imports: [NzStepsModule, TPipe],
  template: `
    @let calendar = campaign().calendar;
    <nz-steps class="steps" data-testid="campaign-steps" nzSize="small" [nzCurrent]="currentStep()" [nzStatus]="stepStatus()">
      @for (step of steps; track step) {
        <nz-step [nzTitle]="stepTitles[step] | t" [nzDescription]="stepDates" [attr.data-testid]="'campaign-step-' + step" />
        <ng-template #stepDates>
          @switch (step) {
            @case ('planning') {
              {{ 'campaign.step.by' | t: { date: calendar.planFiledBy } }}
            }
            @case ('self_inspection') {
              {{ calendar.selfInspectionStart }} ~ {{ calendar.selfInspectionEnd }}
            }
            @case ('spot_check') {
              {{ calendar.spotCheckStart }} ~ {{ calendar.spotCheckEnd }}
            }
            @case ('summary') {
              {{ 'campaign.step.by' | t: { date: calendar.summaryDue } }}
            }
          }
        </ng-template>
      }
    </nz-steps>
  `,
  styleUrl: './campaigns.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignTimeline {
  readonly campaign = input.required<Pick<CampaignDetail, 'phase' | 'calendar'>>();

  protected readonly steps = PHASE_STEPS;
  protected readonly stepTitles = STEP_TITLES;
  protected readonly currentStep = computed(() => Math.max(0, phaseStepOf(this.campaign().phase)));
  protected readonly stepStatus = computed(() => {
    const phase = this.campaign().phase;
    return phase === 'draft' ? 'wait' : phase === 'closed' ? 'finish' : 'process';
  });
}
