import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { firstValueFrom } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import { isApiErrorBody } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { type CampaignSection, isAgencyUser } from './campaign-access';
import { CampaignTaskTable, type ReviewAction } from './campaign-task-table';
import { CampaignsApi, type RefundVerification, type SelfInspectionTask } from './campaigns-api';
import { SearchableList } from '../shell/searchable-list';
import { amountProblem } from './self-inspection-task';
import { MoneyPipe, amountInputText } from '../core/money';

type Action = ReviewAction;

interface ActionForm {
  action: Action;
  task: SelfInspectionTask;
  comment: string;
  refundConfirmed: boolean;
  amount: string;
}

const amountText = amountInputText;

/**
 * The handling agency's review of its institutions' self-inspection reports (核实): the reports of
 * the institutions whose service agreement it holds, by review state; verify a report with the
 * refund it verified, return it for correction with what to correct, or record the refund once the
 * money is in. The backend decides who may (the holder only) and when.
 */
@Component({
  selector: 'app-self-inspection-review',
  imports: [
    MoneyPipe,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCheckboxModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSpinModule,
    CampaignTaskTable,
    TPipe,
  ],
  templateUrl: './self-inspection-review.html',
  styleUrls: ['../shell/responsive-page.css', './campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SelfInspectionReviewPage extends SearchableList {
  private readonly api = inject(CampaignsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);

  readonly campaignId = input.required<string>();
  readonly section = input<CampaignSection>('local');

  protected readonly isAgency = computed(() => isAgencyUser(this.user.me(), this.section()));
  protected readonly campaignResource = rxResource({
    params: () => ({ id: this.campaignId() }),
    stream: ({ params }) => this.api.get(params.id),
  });
  protected readonly campaign = computed(() => (this.campaignResource.hasValue() ? this.campaignResource.value() : null));
  protected readonly progressResource = rxResource({
    params: () => ({ id: this.campaignId() }),
    stream: ({ params }) => this.api.progress(params.id),
  });
  /** This agency's counts: the institutions it handles, and its review of their reports. */
  protected readonly own = computed(() => {
    const progress = this.progressResource.hasValue() ? this.progressResource.value() : null;
    return progress?.agencies.find((a) => a.agencyId === this.user.me()?.organization.id) ?? null;
  });

  /** Query parameters: the review state shown (awaiting by default: the agency's work queue; 'all') and the page. */
  readonly review = input<string>();
  readonly page = input<string>();
  private readonly table = viewChild(CampaignTaskTable);

  protected readonly form = signal<ActionForm | null>(null);
  protected readonly attempted = signal(false);
  protected readonly busy = signal(false);
  protected readonly refusal = signal<{ zh: string; en: string } | null>(null);
  protected readonly refusalText = computed(() => {
    const refusal = this.refusal();
    return refusal ? this.i18n.pick(refusal.zh, refusal.en) : '';
  });
  protected readonly amountProblem = computed(() => {
    const form = this.form();
    return form && form.action !== 'return' && form.refundConfirmed ? amountProblem(form.amount, true) : null;
  });
  protected readonly commentMissing = computed(() => {
    const form = this.form();
    return this.attempted() && form?.action === 'return' && !form.comment.trim();
  });
  protected readonly formTitle = computed<TranslationKey>(() => {
    const action = this.form()?.action;
    return action === 'return' ? 'campaignReview.return.title' : action === 'refund' ? 'campaignReview.refund.title' : 'campaignReview.verify.title';
  });

  protected open(action: Action, task: SelfInspectionTask): void {
    this.attempted.set(false);
    this.refusal.set(null);
    // The refund the institution reported is the amount to check against the fund's receipts.
    this.form.set({ action, task, comment: '', refundConfirmed: task.refundedAmount > 0, amount: amountText(task.refundedAmount) });
  }

  protected patch(change: Partial<ActionForm>): void {
    this.form.update((form) => (form ? { ...form, ...change } : form));
  }

  protected close(): void {
    if (!this.busy()) this.form.set(null);
  }

  protected async confirm(): Promise<void> {
    const form = this.form();
    if (!form || this.busy()) return;
    this.attempted.set(true);
    if (this.amountProblem() || this.commentMissing()) return;
    const refund: RefundVerification = form.refundConfirmed ? { confirmed: true, amount: Number(form.amount.trim()) } : { confirmed: false };
    const comment = form.comment.trim();
    this.busy.set(true);
    try {
      if (form.action === 'verify') await firstValueFrom(this.api.verifyTask(form.task.id, comment ? { comment, refund } : { refund }));
      else if (form.action === 'return') await firstValueFrom(this.api.returnTask(form.task.id, comment));
      else await firstValueFrom(this.api.recordRefund(form.task.id, refund));
      this.message.success(this.i18n.t(form.action === 'return' ? 'campaignReview.return.done' : form.action === 'refund' ? 'campaignReview.refund.done' : 'campaignReview.verify.done'));
      this.form.set(null);
      this.table()?.reload();
      this.progressResource.reload();
    } catch (error) {
      // Kept in the dialog (the toast goes away): not submitted, not the handling agency, closed…
      if (error instanceof HttpErrorResponse && isApiErrorBody(error.error)) this.refusal.set(error.error.error.message);
    } finally {
      this.busy.set(false);
    }
  }
}
