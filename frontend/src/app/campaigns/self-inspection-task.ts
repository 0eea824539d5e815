import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import type { Observable } from 'rxjs';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { EvidencePicker } from '../shell/evidence-picker';
import { DraftActions } from './draft-actions';
import { type TaskSection, isAgencyUser, isInstitutionUser } from './campaign-access';
import { CampaignPhaseTag, KIND_LABELS, ReviewStatusTag, SelfInspectionStatusTag } from './campaign-labels';
import type { SelfInspectionRequest, SelfInspectionTask } from './campaigns-api';
import { amountText } from './self-inspection-drafts';
import { SelfInspectionReportPage } from './self-inspection-report-page';
import { MoneyPipe } from '../core/money';

/** Yuan: not negative, at most 2 decimals, within numeric(14,2). */
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

export type AmountProblem = 'selfInspection.amountRequired' | 'selfInspection.amountInvalid';

/** Why an amount typed in is not accepted; null when it is (blank is fine where not required). */
export function amountProblem(text: string, required: boolean): AmountProblem | null {
  const value = text.trim();
  if (!value) return required ? 'selfInspection.amountRequired' : null;
  return AMOUNT.test(value) ? null : 'selfInspection.amountInvalid';
}

interface IssueDraft {
  focus: string;
  description: string;
  amount: string;
}

interface TaskDraft {
  report: string;
  refund: string;
  issues: IssueDraft[];
}

/**
 * One self-inspection task (自查自纠). The institution writes what it found, what it refunded of
 * its own accord and the issues, attaches evidence, saves and submits; afterwards, and for the
 * bureaus and agencies reading it, the report is read-only, unless its handling agency returned it
 * for correction (then the institution corrects and resubmits). The agency's review (核实, the
 * refund it verified, the comments) shows on the page.
 */
@Component({
  selector: 'app-self-inspection-task',
  imports: [
    MoneyPipe,
    DatePipe,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSelectModule,
    NzSpinModule,
    NzTableModule,
    CampaignPhaseTag,
    ReviewStatusTag,
    SelfInspectionStatusTag,
    DraftActions,
    EvidencePicker,
    TPipe,
  ],
  templateUrl: './self-inspection-task.html',
  styleUrls: ['./campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SelfInspectionTaskPage extends SelfInspectionReportPage<SelfInspectionTask, IssueDraft, TaskDraft, SelfInspectionRequest> {
  readonly section = input<TaskSection>('institution');

  protected readonly messages = {
    invalid: 'selfInspection.invalid',
    incomplete: 'selfInspection.incomplete',
    confirmTitle: 'selfInspection.submit.confirmTitle',
    confirmBody: 'selfInspection.submit.confirmBody',
    done: 'selfInspection.submit.done',
  } as const;

  protected load(id: string): Observable<SelfInspectionTask> {
    return this.api.task(id);
  }

  protected saveReport(id: string, request: SelfInspectionRequest): Observable<SelfInspectionTask> {
    return this.api.saveTask(id, request);
  }

  protected submitReport(id: string): Observable<SelfInspectionTask> {
    return this.api.submitTask(id);
  }

  protected readonly backLink = computed(() =>
    this.section() === 'institution' ? ['/institution/self-inspection'] : ['/', this.section(), 'campaigns', this.campaignId() ?? this.task()?.campaignId ?? ''],
  );

  protected readonly isOwner = computed(() => isInstitutionUser(this.user.me(), this.section()));
  /** Returned by the handling agency: the submitted report is open again for corrections. */
  protected readonly returned = computed(() => this.task()?.status === 'submitted' && this.task()?.review.status === 'returned');
  /** The handling agency's user reading the report: its review list is where it verifies or returns it. */
  protected readonly canReview = computed(() => {
    const me = this.user.me();
    return isAgencyUser(me, this.section()) && this.task()?.handlingAgency?.id === me!.organization.id;
  });

  protected override reopened(): boolean {
    return this.returned();
  }

  protected readonly kindLabels = KIND_LABELS;

  protected draftOf(task: SelfInspectionTask): TaskDraft {
    return {
      report: task.report,
      // A task never saved shows an empty field rather than a 0 the clerk did not type.
      refund: task.status === 'pending' && !task.refundedAmount ? '' : amountText(task.refundedAmount),
      issues: task.issues.map((i) => ({ focus: i.focus, description: i.description, amount: amountText(i.amount) })),
    };
  }

  protected emptyIssue(): IssueDraft {
    return { focus: '', description: '', amount: '' };
  }

  protected readonly refundProblem = computed(() => amountProblem(this.draft()?.refund ?? '', false));
  protected readonly issueProblems = computed(() =>
    (this.draft()?.issues ?? []).map((issue) => ({
      description: this.attempted() !== null && !issue.description.trim(),
      amount: amountProblem(issue.amount, this.attempted() !== null),
    })),
  );
  protected readonly malformed = computed(
    () =>
      this.refundProblem() !== null ||
      (this.draft()?.issues ?? []).some((i) => !i.description.trim() || amountProblem(i.amount, true) !== null),
  );

  protected requestOf(draft: TaskDraft, attachmentIds: string[]): SelfInspectionRequest {
    return {
      report: draft.report.trim(),
      refundedAmount: Number(draft.refund.trim() || '0'),
      issues: draft.issues.map((i) => ({ focus: i.focus.trim(), description: i.description.trim(), amount: Number(i.amount.trim()) })),
      attachmentIds,
    };
  }

  protected savedRequestOf(task: SelfInspectionTask): SelfInspectionRequest {
    return {
      report: task.report.trim(),
      refundedAmount: task.refundedAmount,
      issues: task.issues.map((i) => ({ focus: i.focus, description: i.description, amount: i.amount })),
      attachmentIds: task.attachmentIds,
    };
  }

  protected reviewActionLabel(action: string): string {
    return this.i18n.t(`campaignReview.action.${action}` as TranslationKey);
  }

  /**
   * What an issue can be filed under: the campaign's own focus areas (issue 16: a select, not free
   * text), plus the text an older issue carries when it is none of them, so that it is not lost.
   */
  protected focusChoices(task: SelfInspectionTask, current: string): string[] {
    const areas = task.campaignFocusAreas.map((a) => a.text);
    return current && !areas.includes(current) ? [...areas, current] : areas;
  }

  protected issueTotal(task: SelfInspectionTask): number {
    return task.issues.reduce((sum, i) => sum + i.amount, 0);
  }
}
