import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Observable, firstValueFrom } from 'rxjs';
import { chinaDateOf } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import type { Attachment } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { FindingHistory } from './finding-history';
import { EvidenceUpload } from './evidence-upload';
import { DecisionRecoveriesPanel } from './decision-recoveries';
import {
  type FindingsSection,
  canConfirmRectification,
  canFileDispute,
  canRecordRecovery,
  canRectify,
  canReviewLegality,
  disputeLink,
  findingLink,
  isAgencyUser,
  isDecider,
  isInstitutionUser,
} from './findings-access';
import { type Decision, type DisputeParty, FindingsApi } from './findings-api';
import { DISPUTE_LEVEL_LABELS, DecisionStatusTag, DisputeStatusTag, FindingsNav, SETTLEMENT_LABELS, errorText, historyLabel, isNotFound, measureText } from './findings-labels';
import { CLOCK } from '../core/clock';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { DayPicker } from '../shell/day-picker';
import { mayTransferDecision, transferFormLink } from '../transfers/transfer-source';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Busy = 'legal' | 'rectify' | 'confirm' | 'dispute' | null;

/**
 * One handling decision (协议处理决定): measures in words, basis, status, settlement, legal review
 * and the report to the bureau. The agency's second user reviews a major decision's legality and
 * the agency confirms the rectification; the institution reports its rectification and may
 * dispute the decision.
 */
@Component({
  selector: 'app-decision-detail',
  imports: [
    DayPicker,
    NzSelectModule,
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
    DecisionRecoveriesPanel,
    DecisionStatusTag,
    DisputeStatusTag,
    EvidenceUpload,
    FindingsNav,
    FindingHistory,
    TPipe,
  ],
  templateUrl: './decision-detail.html',
  styleUrls: ['../shell/feature-page.css', '../shell/evidence-list.css', './findings.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecisionDetailPage {
  private readonly api = inject(FindingsApi);
  private readonly user = inject(CurrentUser);
  private readonly router = inject(Router);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly now = inject(CLOCK);

  readonly id = input.required<string>();
  readonly section = input<FindingsSection>('institution');

  private readonly loaded = rxResource({
    params: () => ({ id: this.id() }),
    stream: ({ params }) => this.api.decision(params.id),
  });
  /** The loaded decision, replaced by what the actions return. */
  protected readonly decision = linkedSignal<Decision | null>(() => (this.loaded.hasValue() ? this.loaded.value() : null));
  protected readonly loadError = computed(() => this.loaded.error());
  protected readonly notFound = computed(() => isNotFound(this.loaded.error()));

  protected readonly today = computed(() => chinaDateOf(this.now()));
  protected readonly settlementLabels = SETTLEMENT_LABELS;
  protected readonly levelLabels = DISPUTE_LEVEL_LABELS;
  protected readonly isInstitution = computed(() => isInstitutionUser(this.user.me(), this.section()));
  private readonly me = this.user.me;
  private readonly can = (check: (d: Decision) => boolean) => computed(() => {
    const decision = this.decision();
    return decision !== null && check(decision);
  });
  protected readonly canReview = this.can((d) => canReviewLegality(this.me(), this.section(), d));
  /** 移交同级医保行政部门: the deciding agency's staff, once the decision is effective (transfers/transfer-source.ts). */
  protected readonly transferLink = computed(() => {
    const decision = this.decision();
    return decision && this.section() === 'local' && mayTransferDecision(this.me(), decision) ? transferFormLink(this.section(), 'decision', decision.id) : null;
  });
  /** The decider of a decision pending review: the buttons are not offered (legal_review_self). */
  protected readonly ownDecision = this.can(
    (d) => d.status === 'pending_legal_review' && isAgencyUser(this.me(), this.section()) && d.agencyId === this.me()?.organization.id && isDecider(this.me(), d),
  );
  protected readonly canRectify = this.can((d) => canRectify(this.me(), this.section(), d));
  protected readonly canConfirm = this.can((d) => canConfirmRectification(this.me(), this.section(), d));
  protected readonly canDispute = this.can((d) => canFileDispute(this.me(), this.section(), d));
  protected readonly canRecordRecovery = this.can((d) => canRecordRecovery(this.me(), this.section(), d));
  protected readonly backLink = computed(() => (this.section() === 'institution' ? ['/institution/rectification'] : ['/', this.section(), 'findings', 'decisions']));

  protected measures(decision: Decision): string[] {
    return decision.measures.map((m) => measureText(m, this.i18n));
  }

  /** A history step's action in words. */
  protected readonly actionLabel = (action: string): string => historyLabel(action, this.i18n);

  protected findingLink(findingId: string): string[] {
    return this.section() === 'institution' ? ['/', 'institution', 'findings', 'finding', findingId] : findingLink(this.section(), findingId);
  }

  protected disputeLink(disputeId: string): string[] {
    return disputeLink(this.section(), disputeId);
  }

  protected readonly busy = signal<Busy>(null);
  protected readonly serverError = signal('');

  // The second-person review (复核; the API keeps the name legal-review).
  protected readonly legalComment = signal('');
  protected readonly legalCommentMissing = signal(false);

  protected legalReview(approved: boolean): void {
    const decision = this.decision();
    if (!decision || this.busy()) return;
    const comment = this.legalComment().trim();
    this.legalCommentMissing.set(!approved && !comment);
    if (!approved && !comment) return;
    this.modal.confirm({
      nzTitle: this.i18n.t(approved ? 'decision.legal.confirmApprove' : 'decision.legal.confirmRefuse'),
      nzContent: this.i18n.t(approved ? 'decision.legal.confirmApproveBody' : 'decision.legal.confirmRefuseBody'),
      nzOkText: this.i18n.t(approved ? 'decision.legal.approve' : 'decision.legal.refuse'),
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: () => this.run('legal', () => this.api.legalReview(decision.id, approved, comment), 'decision.legal.done'),
    });
  }

  // The institution's rectification report.
  protected readonly report = linkedSignal(() => this.decision()?.rectification?.report ?? '');
  protected readonly rectificationFiles = signal<Attachment[]>([]);
  protected readonly uploading = signal(0);
  protected readonly reportMissing = signal(false);

  protected submitRectification(): void {
    const decision = this.decision();
    if (!decision || this.busy() || this.uploading()) return;
    const report = this.report().trim();
    this.reportMissing.set(!report);
    if (!report) return;
    const attachmentIds = [...new Set([...(decision.rectification?.attachmentIds ?? []), ...this.rectificationFiles().map((f) => f.id)])];
    this.modal.confirm({
      nzTitle: this.i18n.t('rectification.confirmTitle'),
      nzContent: this.i18n.t('rectification.confirmBody'),
      nzOkText: this.i18n.t('rectification.submit'),
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: async () => {
        if (await this.run('rectify', () => this.api.submitRectification(decision.id, report, attachmentIds), 'rectification.done')) this.rectificationFiles.set([]);
      },
    });
  }

  // The agency's confirmation of the rectification.
  protected readonly confirmComment = signal('');
  protected readonly newDue = signal('');
  protected readonly confirmErrors = signal<TranslationKey[]>([]);

  protected acceptRectification(): void {
    const decision = this.decision();
    if (!decision || this.busy()) return;
    this.confirmErrors.set([]);
    const comment = this.confirmComment().trim();
    this.modal.confirm({
      nzTitle: this.i18n.t('rectification.acceptTitle'),
      nzContent: this.i18n.t('rectification.acceptBody'),
      nzOkText: this.i18n.t('rectification.accept'),
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: () => this.run('confirm', () => this.api.confirmRectification(decision.id, true, comment), 'rectification.acceptDone'),
    });
  }

  protected rejectRectification(): void {
    const decision = this.decision();
    if (!decision || this.busy()) return;
    const comment = this.confirmComment().trim();
    const due = this.newDue().trim();
    const errors: TranslationKey[] = [];
    if (!DATE.test(due)) errors.push('rectification.newDueRequired');
    else if (due <= this.today()) errors.push('rectification.newDueFuture');
    if (!comment) errors.push('rectification.commentRequired');
    this.confirmErrors.set(errors);
    if (errors.length) return;
    this.modal.confirm({
      nzTitle: this.i18n.t('rectification.rejectTitle'),
      nzContent: this.i18n.t('rectification.rejectBody', { due }),
      nzOkText: this.i18n.t('rectification.reject'),
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: () => this.run('confirm', () => this.api.confirmRectification(decision.id, false, comment, due), 'rectification.rejectDone'),
    });
  }

  // Filing a dispute (争议申请).
  protected readonly disputing = signal(false);
  protected readonly party = signal<DisputeParty>('institution');
  protected readonly clinicianName = signal('');
  protected readonly disputeReasons = signal('');
  protected readonly disputeFiles = signal<Attachment[]>([]);
  protected readonly disputeUploading = signal(0);
  protected readonly disputeErrors = signal<TranslationKey[]>([]);

  /** A clinician disputes only as named in the decision's measures (dispute_clinician_unknown). */
  protected readonly clinicianNames = computed(() => [
    ...new Set((this.decision()?.measures ?? []).flatMap((m) => ('clinicianName' in m && m.clinicianName ? [m.clinicianName] : []))),
  ]);

  protected openDispute(): void {
    this.disputing.set(true);
    this.serverError.set('');
    if (!this.clinicianName()) this.clinicianName.set(this.clinicianNames()[0] ?? '');
  }

  protected submitDispute(): void {
    const decision = this.decision();
    if (!decision || this.busy() || this.disputeUploading()) return;
    const reasons = this.disputeReasons().trim();
    const clinicianName = this.clinicianName().trim();
    const errors: TranslationKey[] = [];
    if (this.party() === 'clinician' && !clinicianName) errors.push('dispute.form.clinicianRequired');
    if (!reasons) errors.push('dispute.form.reasonsRequired');
    this.disputeErrors.set(errors);
    if (errors.length) return;
    const request = {
      decisionId: decision.id,
      party: this.party(),
      ...(this.party() === 'clinician' ? { clinicianName } : {}),
      reasons,
      attachmentIds: this.disputeFiles().map((f) => f.id),
    };
    this.modal.confirm({
      nzTitle: this.i18n.t('dispute.form.confirmTitle'),
      nzContent: this.i18n.t('dispute.form.confirmBody'),
      nzOkText: this.i18n.t('dispute.form.submit'),
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: async () => {
        this.busy.set('dispute');
        this.serverError.set('');
        try {
          const dispute = await firstValueFrom(this.api.fileDispute(request));
          this.message.success(this.i18n.t('dispute.form.done'));
          await this.router.navigate(disputeLink('institution', dispute.id));
        } catch (error) {
          this.serverError.set(errorText(error, this.i18n));
        } finally {
          this.busy.set(null);
        }
      },
    });
  }

  /** Sends an action; the answer replaces the decision, a refusal stays next to the buttons. */
  private async run(busy: Exclude<Busy, null>, send: () => Observable<Decision>, done: TranslationKey): Promise<boolean> {
    this.busy.set(busy);
    this.serverError.set('');
    try {
      this.decision.set(await firstValueFrom(send()));
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
