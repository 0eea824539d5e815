import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { CLOCK } from '../core/clock';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf, daysUntil } from '../core/china-date';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type {
  AgencyLevel,
  CampaignPhase,
  CampaignStatus,
  FocusArea,
  FocusCode,
  InstitutionKind,
  InstitutionLevel,
  InstitutionOwnership,
  MinimumLevel,
  ReviewStatus,
  SelfInspectionStatus,
  SelfInspectionTask,
} from './campaigns-api';
import { labelTable } from '../i18n/label-table';

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, TranslationKey> = labelTable('campaign.status', ['draft', 'assigned', 'closed']);

const CAMPAIGN_STATUS_COLORS: Record<CampaignStatus, string> = {
  draft: 'default',
  assigned: 'processing',
  closed: 'success',
};

export const CAMPAIGN_PHASE_LABELS: Record<CampaignPhase, TranslationKey> = labelTable('campaign.phase', ['draft', 'planning', 'self_inspection', 'spot_check', 'summary', 'closed']);

const CAMPAIGN_PHASE_COLORS: Record<CampaignPhase, string> = {
  draft: 'default',
  planning: 'blue',
  self_inspection: 'cyan',
  spot_check: 'geekblue',
  summary: 'gold',
  closed: 'green',
};

export const KIND_LABELS: Record<InstitutionKind, TranslationKey> = labelTable('campaign.kind', ['hospital', 'pharmacy', 'clinic']);

export const LEVEL_LABELS: Record<InstitutionLevel, TranslationKey> = labelTable('campaign.level', ['tertiary', 'secondary', 'primary', 'none']);

export const OWNERSHIP_LABELS: Record<InstitutionOwnership, TranslationKey> = labelTable('campaignScope.ownership', ['public', 'private']);

/** A minimum level admits itself and the levels above it. */
export const MIN_LEVEL_LABELS: Record<MinimumLevel, TranslationKey> = labelTable('campaignScope.minLevel', ['tertiary', 'secondary', 'primary']);

export const AGENCY_LEVEL_LABELS: Record<AgencyLevel, TranslationKey> = labelTable('campaignAgency.level', ['city', 'county']);

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, TranslationKey> = labelTable('campaignReview.status', ['awaiting', 'verified', 'returned']);

const REVIEW_STATUS_COLORS: Record<ReviewStatus, string> = {
  awaiting: 'gold',
  verified: 'green',
  returned: 'volcano',
};

export const FOCUS_LABELS: Record<FocusCode, TranslationKey> = labelTable('campaign.focus', [
  'public_hospital_charging',
  'primary_care_bed_blocking',
  'private_hospital_fabrication',
  'pharmacy_card_misuse',
]);

export const SELF_INSPECTION_STATUS_LABELS: Record<SelfInspectionStatus, TranslationKey> = labelTable('selfInspection.status', ['pending', 'draft', 'submitted', 'missing']);

const SELF_INSPECTION_STATUS_COLORS: Record<SelfInspectionStatus, string> = {
  pending: 'default',
  draft: 'processing',
  submitted: 'success',
  missing: 'error',
};

/** A focus area in the current language: the standard label for a code, else the free text. */
export function focusLabel(area: FocusArea, i18n: TranslationService): string {
  return area.code && FOCUS_LABELS[area.code] ? i18n.t(FOCUS_LABELS[area.code]) : area.text;
}

/** The four phases an assigned campaign goes through, in order (nz-steps). */
export const PHASE_STEPS = ['planning', 'self_inspection', 'spot_check', 'summary'] as const satisfies readonly CampaignPhase[];

/** The current step of the timeline: -1 before assignment, 4 once closed (all done). */
export function phaseStepOf(phase: CampaignPhase): number {
  if (phase === 'draft') return -1;
  if (phase === 'closed') return PHASE_STEPS.length;
  return PHASE_STEPS.indexOf(phase);
}

export interface Countdown {
  readonly key: TranslationKey;
  readonly days: number;
  readonly urgency: 'normal' | 'soon' | 'late';
}

/** Days left to (or past) the end of the self-inspection window while the report is still owed. */
export function selfInspectionCountdownOf(task: Pick<SelfInspectionTask, 'status' | 'selfInspectionEnd' | 'campaignPhase'>, today: string): Countdown | null {
  if (task.status === 'submitted' || task.campaignPhase === 'summary' || task.campaignPhase === 'closed') return null;
  const days = daysUntil(today, task.selfInspectionEnd);
  if (days > 7) return { key: 'selfInspection.countdown.daysLeft', days, urgency: 'normal' };
  if (days > 0) return { key: 'selfInspection.countdown.daysLeft', days, urgency: 'soon' };
  if (days === 0) return { key: 'selfInspection.countdown.today', days, urgency: 'soon' };
  return { key: 'selfInspection.countdown.overdue', days: -days, urgency: 'late' };
}

/** The campaign's status as a coloured tag. */
@Component({
  selector: 'app-campaign-status',
  imports: [NzTagModule, TPipe],
  template: `<nz-tag data-testid="campaign-status" [attr.data-status]="status()" [nzColor]="colors[status()]">{{ labels[status()] | t }}</nz-tag>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignStatusTag {
  readonly status = input.required<CampaignStatus>();
  protected readonly labels = CAMPAIGN_STATUS_LABELS;
  protected readonly colors = CAMPAIGN_STATUS_COLORS;
}

/** The campaign's current phase as a coloured tag. */
@Component({
  selector: 'app-campaign-phase',
  imports: [NzTagModule, TPipe],
  template: `<nz-tag data-testid="campaign-phase" [attr.data-phase]="phase()" [nzColor]="colors[phase()]">{{ labels[phase()] | t }}</nz-tag>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignPhaseTag {
  readonly phase = input.required<CampaignPhase>();
  protected readonly labels = CAMPAIGN_PHASE_LABELS;
  protected readonly colors = CAMPAIGN_PHASE_COLORS;
}

/** A self-inspection task's status, a 逾期提交 tag when late, and the countdown while owed. */
@Component({
  selector: 'app-self-inspection-status',
  imports: [NzTagModule, TPipe],
  template: `
    <nz-tag data-testid="self-inspection-status" [attr.data-status]="task().status" [nzColor]="colors[task().status]">{{
      labels[task().status] | t
    }}</nz-tag>
    @if (task().late) {
      <nz-tag data-testid="self-inspection-late" nzColor="volcano">{{ 'selfInspection.late' | t }}</nz-tag>
    }
    @if (showCountdown() && countdown(); as countdown) {
      <span
        class="countdown"
        data-testid="self-inspection-countdown"
        [class.soon]="countdown.urgency === 'soon'"
        [class.late]="countdown.urgency === 'late'"
        >{{ countdown.key | t: { days: countdown.days } }}</span
      >
    }
  `,
  styleUrl: '../shell/status-tag.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SelfInspectionStatusTag {
  private readonly now = inject(CLOCK);

  readonly task = input.required<Pick<SelfInspectionTask, 'status' | 'late' | 'selfInspectionEnd' | 'campaignPhase'>>();
  readonly showCountdown = input(true);

  protected readonly labels = SELF_INSPECTION_STATUS_LABELS;
  protected readonly colors = SELF_INSPECTION_STATUS_COLORS;
  protected readonly countdown = computed(() => selfInspectionCountdownOf(this.task(), chinaDateOf(this.now())));
}

/** The handling agency's review of a submitted report (待核实 / 已核实 / 退回修改), with the corrections made. */
@Component({
  selector: 'app-review-status',
  imports: [NzTagModule, TPipe],
  template: `
    @if (status(); as status) {
      <nz-tag data-testid="review-status" [attr.data-status]="status" [nzColor]="colors[status]">{{ labels[status] | t }}</nz-tag>
      @if (corrections() > 0) {
        <span class="countdown" data-testid="review-corrections">{{ 'campaignReview.corrections' | t: { count: corrections() } }}</span>
      }
    } @else {
      <span class="countdown" data-testid="review-status" data-status="none">—</span>
    }
  `,
  styleUrl: '../shell/status-tag.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewStatusTag {
  readonly status = input.required<ReviewStatus | null>();
  readonly corrections = input(0);
  protected readonly labels = REVIEW_STATUS_LABELS;
  protected readonly colors = REVIEW_STATUS_COLORS;
}
