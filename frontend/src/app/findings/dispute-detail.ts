import { DatePipe } from '@angular/common';
import { CLOCK } from '../core/clock';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzStepsModule } from 'ng-zorro-antd/steps';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Observable, firstValueFrom } from 'rxjs';
import { chinaDateOf } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { FindingHistory } from './finding-history';
import { type FindingsSection, canDecideDispute, canEscalate, canWithdrawDispute, decisionLink, isInstitutionUser } from './findings-access';
import { type Dispute, type DisputeDetail, type DisputeLevel, FindingsApi, type Measure } from './findings-api';
import {
  DISPUTE_LEVEL_LABELS,
  DISPUTE_OUTCOME_LABELS,
  DISPUTE_PARTY_LABELS,
  DecisionStatusTag,
  DisputeStatusTag,
  SETTLEMENT_LABELS,
  disputeHistoryLabel,
  errorText,
  formatAmount,
  isNotFound,
  measureText,
} from './findings-labels';
import { detailResource } from '../shell/detail-resource';

type Busy = 'decide' | 'escalate' | 'withdraw' | null;
type StepStatus = 'wait' | 'process' | 'finish';

/**
 * One dispute (争议处理): the decision under dispute, the path county → city → province with each
 * level's due date, decision and reasoning, the full history, and the actions — the current level's
 * bureau decides (the province's decision is final); the institution escalates while the window is
 * open, or withdraws.
 */
@Component({
  selector: 'app-dispute-detail',
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzRadioModule,
    NzSpinModule,
    NzStepsModule,
    NzTagModule,
    DecisionStatusTag,
    DisputeStatusTag,
    FindingHistory,
    TPipe,
  ],
  templateUrl: './dispute-detail.html',
  styleUrls: ['../shell/feature-page.css', './findings.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DisputeDetailPage {
  private readonly api = inject(FindingsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly now = inject(CLOCK);

  readonly id = input.required<string>();
  readonly section = input<FindingsSection>('institution');

  private readonly loaded = detailResource(this.id, (id) => this.api.dispute(id));
  /** The loaded dispute, replaced by what the actions return. */
  protected readonly dispute = this.loaded.record;
  protected readonly loadError = this.loaded.error;
  protected readonly notFound = this.loaded.notFound;

  protected readonly today = computed(() => chinaDateOf(this.now()));
  protected readonly levelLabels = DISPUTE_LEVEL_LABELS;
  protected readonly partyLabels = DISPUTE_PARTY_LABELS;
  protected readonly outcomeLabels = DISPUTE_OUTCOME_LABELS;
  protected readonly amount = formatAmount;
  protected readonly isInstitution = computed(() => isInstitutionUser(this.user.me(), this.section()));
  protected readonly canDecide = computed(() => {
    const dispute = this.dispute();
    return dispute !== null && canDecideDispute(this.user.me(), this.section(), dispute);
  });
  protected readonly canWithdraw = computed(() => {
    const dispute = this.dispute();
    return dispute !== null && canWithdrawDispute(this.user.me(), this.section(), dispute);
  });
  protected readonly canEscalate = computed(() => {
    const dispute = this.dispute();
    return dispute !== null && canEscalate(this.user.me(), this.section(), dispute, this.today());
  });
  /** Decided, not final, and the window has closed (or the dispute is at the top already). */
  protected readonly escalationClosed = computed(() => {
    const dispute = this.dispute();
    return this.isInstitution() && dispute?.status === 'decided' && !this.canEscalate();
  });
  /** The current level is the province: its decision is final. */
  protected readonly atProvince = computed(() => {
    const dispute = this.dispute();
    return dispute?.path[dispute.current]?.level === 'province';
  });
  protected readonly backLink = computed(() => ['/', this.section(), 'disputes']);

  protected stepStatus(dispute: Dispute, index: number, level: DisputeLevel): StepStatus {
    if (level.decision) return 'finish';
    if (index === dispute.current && dispute.status === 'open') return 'process';
    return 'wait';
  }

  protected measures(measures: readonly Measure[]): string[] {
    return measures.map((m) => measureText(m, this.i18n));
  }

  /** A history step's action in words. */
  protected readonly actionLabel = (action: string): string => disputeHistoryLabel(action, this.i18n);

  protected settlement(value: string): string {
    const key = (SETTLEMENT_LABELS as Partial<Record<string, TranslationKey>>)[value];
    return key ? this.i18n.t(key) : value;
  }

  protected decisionLink(decisionId: string): string[] {
    return decisionLink(this.section(), decisionId);
  }

  protected readonly busy = signal<Busy>(null);
  protected readonly serverError = signal('');

  // The bureau's decision at the current level.
  protected readonly outcome = signal<'upheld' | 'revised' | null>(null);
  protected readonly reasoning = signal('');
  protected readonly decideErrors = signal<TranslationKey[]>([]);

  protected decide(): void {
    const dispute = this.dispute();
    if (!dispute || this.busy()) return;
    const outcome = this.outcome();
    const reasoning = this.reasoning().trim();
    const errors: TranslationKey[] = [];
    if (!outcome) errors.push('dispute.decide.outcomeRequired');
    if (!reasoning) errors.push('dispute.decide.reasoningRequired');
    this.decideErrors.set(errors);
    if (!outcome || errors.length) return;
    this.modal.confirm({
      nzTitle: this.i18n.t(outcome === 'upheld' ? 'dispute.decide.confirmUpheld' : 'dispute.decide.confirmRevised'),
      nzContent: this.i18n.t(this.atProvince() ? 'dispute.decide.confirmFinal' : 'dispute.decide.confirmBody'),
      nzOkText: this.i18n.t('dispute.decide.submit'),
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: async () => {
        if (await this.run('decide', () => this.api.decideDispute(dispute.id, outcome, reasoning), 'dispute.decide.done')) {
          this.outcome.set(null);
          this.reasoning.set('');
        }
      },
    });
  }

  // The institution's escalation to the next level.
  protected readonly escalating = signal(false);
  protected readonly escalateReasons = signal('');
  protected readonly escalateMissing = signal(false);

  protected escalate(): void {
    const dispute = this.dispute();
    if (!dispute || this.busy()) return;
    const reasons = this.escalateReasons().trim();
    this.escalateMissing.set(!reasons);
    if (!reasons) return;
    const next = dispute.path[dispute.current + 1];
    this.modal.confirm({
      nzTitle: this.i18n.t('dispute.escalate.confirmTitle'),
      nzContent: this.i18n.t('dispute.escalate.confirmBody', { level: next ? this.i18n.t(DISPUTE_LEVEL_LABELS[next.level]) : '' }),
      nzOkText: this.i18n.t('dispute.escalate.submit'),
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: async () => {
        if (await this.run('escalate', () => this.api.escalateDispute(dispute.id, reasons), 'dispute.escalate.done')) {
          this.escalating.set(false);
          this.escalateReasons.set('');
        }
      },
    });
  }

  // Withdrawing (the decision stands).
  protected readonly withdrawing = signal(false);
  protected readonly withdrawReason = signal('');

  protected withdraw(): void {
    const dispute = this.dispute();
    if (!dispute || this.busy()) return;
    const reason = this.withdrawReason().trim();
    this.modal.confirm({
      nzTitle: this.i18n.t('dispute.withdraw.confirmTitle'),
      nzContent: this.i18n.t('dispute.withdraw.confirmBody'),
      nzOkText: this.i18n.t('dispute.withdraw.submit'),
      nzOkDanger: true,
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: async () => {
        if (await this.run('withdraw', () => this.api.withdrawDispute(dispute.id, reason), 'dispute.withdraw.done')) this.withdrawing.set(false);
      },
    });
  }

  /** Sends an action; the answer replaces the dispute (keeping what an answer may leave out). */
  private async run(busy: Exclude<Busy, null>, send: () => Observable<DisputeDetail>, done: TranslationKey): Promise<boolean> {
    this.busy.set(busy);
    this.serverError.set('');
    try {
      const answer = await firstValueFrom(send());
      const previous = this.dispute();
      this.dispute.set({ ...answer, decision: answer.decision ?? previous?.decision, history: answer.history ?? previous?.history ?? [] } as DisputeDetail);
      this.message.success(this.i18n.t(done));
      return true;
    } catch (error) {
      this.serverError.set(errorText(error, this.i18n));
      return false;
    } finally {
      this.busy.set(null);
    }
  }
}
