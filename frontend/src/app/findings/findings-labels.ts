import { HttpErrorResponse } from '@angular/common/http';
import { CLOCK } from '../core/clock';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf, daysUntil } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import { describeHttpError } from '../core/error-interceptor';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { FeatureTabs } from '../shell/feature-tabs';
import { FINDINGS_PAGE_LABELS, type FindingsSection, findingPagesFor } from './findings-access';
import type {
  DecisionStatus,
  DisputeLevelName,
  DisputeOutcome,
  DisputeParty,
  DisputeStatus,
  FindingStatus,
  Measure,
  MeasureKind,
  Settlement,
} from './findings-api';
import { formatYuan } from '../core/money';
import { labelTable } from '../i18n/label-table';

export const FINDING_STATUS_LABELS: Record<FindingStatus, TranslationKey> = labelTable('finding.status', [
  'awaiting_confirmation',
  'confirmed',
  'deemed_confirmed',
  'appealed',
  'appeal_upheld',
  'decided',
]);

const FINDING_STATUS_COLORS: Record<FindingStatus, string> = {
  awaiting_confirmation: 'gold',
  confirmed: 'processing',
  deemed_confirmed: 'purple',
  appealed: 'orange',
  appeal_upheld: 'default',
  decided: 'success',
};

export const DECISION_STATUS_LABELS: Record<DecisionStatus, TranslationKey> = labelTable('decision.status', [
  'pending_legal_review',
  'effective',
  'rectifying',
  'rectification_submitted',
  'closed',
]);

const DECISION_STATUS_COLORS: Record<DecisionStatus, string> = {
  pending_legal_review: 'gold',
  effective: 'processing',
  rectifying: 'orange',
  rectification_submitted: 'cyan',
  closed: 'success',
};

export const DISPUTE_STATUS_LABELS: Record<DisputeStatus, TranslationKey> = labelTable('dispute.status', ['open', 'decided', 'final', 'closed', 'withdrawn']);

const DISPUTE_STATUS_COLORS: Record<DisputeStatus, string> = {
  open: 'processing',
  decided: 'gold',
  final: 'success',
  closed: 'success',
  withdrawn: 'default',
};

export const DISPUTE_OUTCOME_LABELS: Record<DisputeOutcome, TranslationKey> = labelTable('dispute.outcome', ['upheld', 'revised']);

export const DISPUTE_LEVEL_LABELS: Record<DisputeLevelName, TranslationKey> = labelTable('dispute.level', ['county', 'city', 'province']);

export const DISPUTE_PARTY_LABELS: Record<DisputeParty, TranslationKey> = labelTable('dispute.party', ['institution', 'clinician']);

export const SETTLEMENT_LABELS: Record<Settlement, TranslationKey> = labelTable('decision.settlement', ['normal', 'suspended', 'restored']);

export const MEASURE_KIND_LABELS: Record<MeasureKind, TranslationKey> = labelTable('decision.measure', [
  'talk',
  'refuse_payment',
  'suspend_settlement',
  'terminate_agreement',
  'clinician_admonition',
  'clinician_talk',
  'clinician_suspend_realtime',
  'clinician_refuse_payment',
]);

const MEASURE_TEXT: Record<MeasureKind, TranslationKey> = labelTable('decision.measureText', [
  'talk',
  'refuse_payment',
  'suspend_settlement',
  'terminate_agreement',
  'clinician_admonition',
  'clinician_talk',
  'clinician_suspend_realtime',
  'clinician_refuse_payment',
]);

/** Finding and decision history actions; an action the page does not know shows as it is. */
const HISTORY_LABELS: Partial<Record<string, TranslationKey>> = {
  raised: 'finding.history.raised',
  confirmed: 'finding.history.confirmed',
  deemed_confirmed: 'finding.history.deemed_confirmed',
  appealed: 'finding.history.appealed',
  appeal_upheld: 'finding.history.appeal_upheld',
  appeal_rejected: 'finding.history.appeal_rejected',
  decided: 'finding.history.decided',
  decision_refused: 'finding.history.decision_refused',
  effective: 'decision.history.effective',
  legal_review_approved: 'decision.history.legal_review_approved',
  legal_review_refused: 'decision.history.legal_review_refused',
  rectification_submitted: 'decision.history.rectification_submitted',
  rectification_accepted: 'decision.history.rectification_accepted',
  rectification_rejected: 'decision.history.rectification_rejected',
  rectification_overdue: 'decision.history.rectification_overdue',
  dispute_filed: 'dispute.history.filed',
  dispute_decided_upheld: 'dispute.history.decidedUpheld',
  dispute_decided_revised: 'dispute.history.decidedRevised',
  dispute_escalated: 'dispute.history.escalated',
  dispute_final_upheld: 'dispute.history.finalUpheld',
  dispute_final_revised: 'dispute.history.finalRevised',
  dispute_closed_upheld: 'dispute.history.closedUpheld',
  dispute_closed_revised: 'dispute.history.closedRevised',
  dispute_withdrawn: 'dispute.history.withdrawn',
};

/** Dispute history actions (GET /disputes/:id). */
const DISPUTE_HISTORY_LABELS: Partial<Record<string, TranslationKey>> = {
  filed: 'dispute.history.filed',
  decided_upheld: 'dispute.history.decidedUpheld',
  decided_revised: 'dispute.history.decidedRevised',
  decided_final_upheld: 'dispute.history.finalUpheld',
  decided_final_revised: 'dispute.history.finalRevised',
  escalated: 'dispute.history.escalated',
  level_overdue: 'dispute.history.overdue',
  closed: 'dispute.history.closed',
  withdrawn: 'dispute.history.withdrawn',
};

/** 1200.5 → "1,200.50" (yuan): the plain form of the one money formatter (core/money.ts). */
export const formatAmount = formatYuan;

/** One measure in words, in the current language. */
export function measureText(measure: Measure, i18n: TranslationService): string {
  const params: Record<string, string> = {};
  if ('amount' in measure) params['amount'] = formatAmount(measure.amount);
  if ('clinicianName' in measure) params['name'] = measure.clinicianName;
  if ('rectificationDue' in measure) params['due'] = measure.rectificationDue;
  const key = MEASURE_TEXT[measure.kind] as TranslationKey | undefined;
  return key ? i18n.t(key, params) : measure.kind;
}

/** The label of a history action, or the action itself when the page does not know it. */
export function historyLabel(action: string, i18n: TranslationService): string {
  const key = HISTORY_LABELS[action];
  return key ? i18n.t(key) : action;
}

export function disputeHistoryLabel(action: string, i18n: TranslationService): string {
  const key = DISPUTE_HISTORY_LABELS[action];
  return key ? i18n.t(key) : action;
}

/** The message of a failed request (the bilingual DomainError body when there is one). */
export function errorText(error: unknown, i18n: TranslationService): string {
  return error instanceof HttpErrorResponse ? describeHttpError(error, i18n) : i18n.t('finding.loadFailed');
}

/** Whether a resource failed with 404/403 (shell/detail-resource). */
export { isNotFound } from '../shell/detail-resource';

/** Links between the 问题线索与处理 pages the user has in this section. */
@Component({
  selector: 'app-findings-nav',
  imports: [FeatureTabs],
  template: `<app-feature-tabs [route]="['/', section(), 'findings']" [pages]="pages()" [labels]="labels" ariaLabel="feature.findings" testId="findings-nav" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FindingsNav {
  private readonly user = inject(CurrentUser);

  readonly section = input.required<FindingsSection>();

  protected readonly labels = FINDINGS_PAGE_LABELS;
  protected readonly pages = computed(() => findingPagesFor(this.user.me(), this.section()));
}

/**
 * A finding's status; while it awaits the institution, the confirmation due date (working days
 * are counted by the server) and the calendar days left, red from 2 days left.
 */
@Component({
  selector: 'app-finding-status',
  imports: [NzTagModule, TPipe],
  template: `
    <nz-tag data-testid="finding-status" [attr.data-status]="status()" [nzColor]="colors[status()]">{{ labels[status()] | t }}</nz-tag>
    @if (status() === 'awaiting_confirmation') {
      <span class="countdown" data-testid="finding-countdown" [class.late]="daysLeft() <= 2" [attr.data-days]="daysLeft()">
        @if (daysLeft() < 0) {
          {{ 'finding.countdown.closed' | t: { due: due() } }}
        } @else if (daysLeft() === 0) {
          {{ 'finding.countdown.today' | t: { due: due() } }}
        } @else {
          {{ 'finding.countdown.daysLeft' | t: { due: due(), days: daysLeft() } }}
        }
      </span>
    }
  `,
  styleUrl: '../shell/status-tag.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FindingStatusTag {
  private readonly now = inject(CLOCK);

  readonly status = input.required<FindingStatus>();
  readonly due = input.required<string>();

  protected readonly labels = FINDING_STATUS_LABELS;
  protected readonly colors = FINDING_STATUS_COLORS;
  protected readonly daysLeft = computed(() => daysUntil(chinaDateOf(this.now()), this.due()));
}

@Component({
  selector: 'app-decision-status',
  imports: [NzTagModule, TPipe],
  template: `
    <nz-tag data-testid="decision-status" [attr.data-status]="status()" [nzColor]="colors[status()]">{{ labels[status()] | t }}</nz-tag>
    @if (major()) {
      <nz-tag nzColor="red" data-testid="decision-major">{{ 'decision.major' | t }}</nz-tag>
    }
    @if (rectificationOverdue()) {
      <nz-tag nzColor="red" data-testid="decision-overdue">{{ 'rectification.overdue' | t }}</nz-tag>
    }
  `,
  styleUrl: '../shell/status-tag.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecisionStatusTag {
  readonly status = input.required<DecisionStatus>();
  readonly major = input(false);
  readonly rectificationOverdue = input(false);

  protected readonly labels = DECISION_STATUS_LABELS;
  protected readonly colors = DECISION_STATUS_COLORS;
}

@Component({
  selector: 'app-dispute-status',
  imports: [NzTagModule, TPipe],
  template: `
    <nz-tag data-testid="dispute-status" [attr.data-status]="status()" [nzColor]="colors[status()]">{{ labels[status()] | t }}</nz-tag>
    @if (overdue()) {
      <nz-tag nzColor="red" data-testid="dispute-overdue">{{ 'dispute.overdue' | t }}</nz-tag>
    }
  `,
  styleUrl: '../shell/status-tag.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DisputeStatusTag {
  readonly status = input.required<DisputeStatus>();
  readonly overdue = input(false);

  protected readonly labels = DISPUTE_STATUS_LABELS;
  protected readonly colors = DISPUTE_STATUS_COLORS;
}
