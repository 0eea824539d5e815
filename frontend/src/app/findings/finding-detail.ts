import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
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
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { chinaDateOf } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import type { Attachment } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { FindingHistory } from './finding-history';
import { mayTransferFinding, transferFormLink } from '../transfers/transfer-source';
import { EvidenceUpload } from './evidence-upload';
import {
  type FindingsSection,
  canAnswerFinding,
  canReviewAppeal,
  decisionLink,
  isAgencyUser,
  isDecidable,
  isInstitutionUser,
} from './findings-access';
import { type Finding, FindingsApi } from './findings-api';
import { FindingStatusTag, FindingsNav, errorText, formatAmount, historyLabel } from './findings-labels';
import { CLOCK } from '../core/clock';
import { detailResource } from '../shell/detail-resource';

type Busy = 'confirm' | 'appeal' | 'review' | null;

/**
 * One finding (问题线索). The institution confirms it or appeals with reasons and evidence before
 * the confirmation deadline; the handling agency reviews the appeal and decides on confirmed
 * findings; everybody else reads it.
 */
@Component({
  selector: 'app-finding-detail',
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
    NzTagModule,
    EvidenceUpload,
    FindingStatusTag,
    FindingsNav,
    FindingHistory,
    TPipe,
  ],
  templateUrl: './finding-detail.html',
  styleUrls: ['../shell/feature-page.css', './findings.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FindingDetailPage {
  private readonly api = inject(FindingsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly now = inject(CLOCK);

  readonly id = input.required<string>();
  readonly section = input<FindingsSection>('institution');

  private readonly loaded = detailResource(this.id, (id) => this.api.finding(id));
  /** The loaded finding, replaced by what the actions return. */
  protected readonly finding = this.loaded.record;
  protected readonly loadError = this.loaded.error;
  protected readonly notFound = this.loaded.notFound;

  protected readonly today = computed(() => chinaDateOf(this.now()));
  protected readonly amount = formatAmount;
  protected readonly isInstitution = computed(() => isInstitutionUser(this.user.me(), this.section()));
  protected readonly canAnswer = computed(() => {
    const finding = this.finding();
    return finding !== null && canAnswerFinding(this.user.me(), this.section(), finding, this.today());
  });
  /** Awaiting the institution, but the deadline passed: it will be (or is being) deemed confirmed. */
  protected readonly answerClosed = computed(() => {
    const finding = this.finding();
    return this.isInstitution() && finding?.status === 'awaiting_confirmation' && this.today() > finding.confirmationDue;
  });
  protected readonly canReview = computed(() => {
    const finding = this.finding();
    return finding !== null && canReviewAppeal(this.user.me(), this.section(), finding);
  });
  protected readonly canDecide = computed(() => {
    const finding = this.finding();
    return finding !== null && isAgencyUser(this.user.me(), this.section()) && isDecidable(finding) && finding.handlingAgencyId === this.user.me()?.organization.id;
  });
  /** 移交同级医保行政部门: the handling agency's staff, once the finding is confirmed (transfers/transfer-source.ts). */
  protected readonly transferLink = computed(() => {
    const finding = this.finding();
    return finding && this.section() === 'local' && mayTransferFinding(this.user.me(), finding) ? transferFormLink(this.section(), 'finding', finding.id) : null;
  });
  protected readonly backLink = computed(() => (this.section() === 'institution' ? ['/institution/findings'] : ['/', this.section(), 'findings', 'list']));

  protected decisionLink(decisionId: string): string[] {
    return decisionLink(this.section(), decisionId);
  }

  /** A history step's action in words. */
  protected readonly actionLabel = (action: string): string => historyLabel(action, this.i18n);

  // The appeal form.
  protected readonly appealing = linkedSignal(() => (this.finding() ? false : false));
  protected readonly reasons = signal('');
  protected readonly appealFiles = signal<Attachment[]>([]);
  protected readonly uploading = signal(0);
  private readonly appealAttempted = signal(false);
  protected readonly reasonsMissing = computed(() => this.appealAttempted() && !this.reasons().trim());

  // The agency's review of an appeal.
  protected readonly reviewOutcome = signal<'upheld' | 'rejected' | null>(null);
  protected readonly reviewComment = signal('');
  protected readonly reviewErrors = signal<string[]>([]);

  protected readonly busy = signal<Busy>(null);
  protected readonly serverError = signal('');

  protected confirm(): void {
    const finding = this.finding();
    if (!finding || this.busy()) return;
    this.modal.confirm({
      nzTitle: this.i18n.t('finding.confirm.title'),
      nzContent: this.i18n.t('finding.confirm.body', { type: finding.type, amount: formatAmount(finding.amount) }),
      nzOkText: this.i18n.t('finding.confirm.action'),
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: () => this.run('confirm', () => this.api.confirm(finding.id), 'finding.confirm.done'),
    });
  }

  protected openAppeal(): void {
    this.appealing.set(true);
    this.serverError.set('');
  }

  protected cancelAppeal(): void {
    this.appealing.set(false);
    this.appealAttempted.set(false);
  }

  protected submitAppeal(): void {
    const finding = this.finding();
    if (!finding || this.busy() || this.uploading()) return;
    const reasons = this.reasons().trim();
    this.appealAttempted.set(true);
    if (!reasons) return;
    const attachmentIds = this.appealFiles().map((f) => f.id);
    this.modal.confirm({
      nzTitle: this.i18n.t('finding.appeal.confirmTitle'),
      nzContent: this.i18n.t('finding.appeal.confirmBody'),
      nzOkText: this.i18n.t('finding.appeal.submit'),
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: async () => {
        if (await this.run('appeal', () => this.api.appeal(finding.id, reasons, attachmentIds), 'finding.appeal.done')) {
          this.appealing.set(false);
          this.appealAttempted.set(false);
          this.reasons.set('');
          this.appealFiles.set([]);
        }
      },
    });
  }

  protected submitReview(): void {
    const finding = this.finding();
    if (!finding || this.busy()) return;
    const outcome = this.reviewOutcome();
    const comment = this.reviewComment().trim();
    const errors: string[] = [];
    if (!outcome) errors.push(this.i18n.t('finding.review.outcomeRequired'));
    if (!comment) errors.push(this.i18n.t('finding.review.commentRequired'));
    this.reviewErrors.set(errors);
    if (!outcome || errors.length) return;
    this.modal.confirm({
      nzTitle: this.i18n.t(outcome === 'upheld' ? 'finding.review.confirmUpheld' : 'finding.review.confirmRejected'),
      nzContent: comment,
      nzOkText: this.i18n.t('finding.review.submit'),
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: () => this.run('review', () => this.api.reviewAppeal(finding.id, outcome, comment), 'finding.review.done'),
    });
  }

  /** Sends an action; the answer replaces the finding, a refusal stays next to the buttons. */
  private async run(busy: Exclude<Busy, null>, send: () => ReturnType<FindingsApi['confirm']>, done: 'finding.confirm.done' | 'finding.appeal.done' | 'finding.review.done'): Promise<boolean> {
    this.busy.set(busy);
    this.serverError.set('');
    try {
      this.finding.set(await firstValueFrom(send()));
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
