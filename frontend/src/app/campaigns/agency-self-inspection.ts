import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import type { Observable } from 'rxjs';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { EvidencePicker } from '../shell/evidence-picker';
import { DraftActions } from './draft-actions';
import { type CampaignSection, isAgencyUser } from './campaign-access';
import { AGENCY_LEVEL_LABELS, CampaignPhaseTag, SelfInspectionStatusTag } from './campaign-labels';
import type { AgencySelfInspectionRequest, AgencySelfInspectionTask } from './campaigns-api';
import { amountText } from './self-inspection-drafts';
import { SelfInspectionReportPage } from './self-inspection-report-page';
import { amountProblem } from './self-inspection-task';
import { MoneyPipe } from '../core/money';

const COUNT = /^\d{1,8}$/;

/** The areas seed 003 一(四) names for the agencies themselves; the agency may write its own. */
export const AGENCY_ISSUE_AREA_LABELS: readonly TranslationKey[] = [
  'campaignAgency.area.internal_audit',
  'campaignAgency.area.fund_audit',
  'campaignAgency.area.agreement_checks',
  'campaignAgency.area.benefits',
  'campaignAgency.area.payments',
  'campaignAgency.area.insider_fraud',
];

export type CountProblem = 'campaignAgency.countInvalid';

/** Why a count typed in is not accepted (blank counts as 0). */
export function countProblem(text: string): CountProblem | null {
  const value = text.trim();
  return !value || COUNT.test(value) ? null : 'campaignAgency.countInvalid';
}

interface IssueDraft {
  area: string;
  description: string;
  rectification: string;
}

interface ReportDraft {
  report: string;
  institutionsChecked: string;
  problemsFound: string;
  problemAmount: string;
  refundedAmount: string;
  issues: IssueDraft[];
}

/**
 * A covered city or county agency's own self-inspection task (seed 003 一(二) 「各统筹地区开展专项治理
 * 自查工作」): the region's report — how the self-inspection was organised and what was checked, the
 * problems found and the amounts, the refunds in the region, the agency's own issues — next to the
 * figures of its institutions' reports (which it can copy in). The agency saves and submits it;
 * everybody else above it reads it.
 */
@Component({
  selector: 'app-agency-self-inspection',
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
    NzSpinModule,
    NzTableModule,
    CampaignPhaseTag,
    SelfInspectionStatusTag,
    DraftActions,
    EvidencePicker,
    TPipe,
  ],
  templateUrl: './agency-self-inspection.html',
  styleUrls: ['./campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgencySelfInspectionPage extends SelfInspectionReportPage<AgencySelfInspectionTask, IssueDraft, ReportDraft, AgencySelfInspectionRequest> {
  readonly section = input<CampaignSection>('local');

  protected readonly messages = {
    invalid: 'campaignAgency.invalid',
    incomplete: 'campaignAgency.incomplete',
    confirmTitle: 'campaignAgency.submit.confirmTitle',
    confirmBody: 'campaignAgency.submit.confirmBody',
    done: 'campaignAgency.submit.done',
  } as const;

  protected load(id: string): Observable<AgencySelfInspectionTask> {
    return this.api.agencyTask(id);
  }

  protected saveReport(id: string, request: AgencySelfInspectionRequest): Observable<AgencySelfInspectionTask> {
    return this.api.saveAgencyTask(id, request);
  }

  protected submitReport(id: string): Observable<AgencySelfInspectionTask> {
    return this.api.submitAgencyTask(id);
  }

  protected readonly backLink = computed(() => ['/', this.section(), 'campaigns', this.campaignId() ?? this.task()?.campaignId ?? '']);

  /** The agency's own user: it fills in and submits; anybody else reads. */
  protected readonly isOwner = computed(() => {
    const me = this.user.me();
    return isAgencyUser(me, this.section()) && this.task()?.agency.id === me!.organization.id;
  });

  protected readonly levelLabels = AGENCY_LEVEL_LABELS;
  protected readonly areaLabels = AGENCY_ISSUE_AREA_LABELS;

  protected draftOf(task: AgencySelfInspectionTask): ReportDraft {
    // A report never saved shows empty fields rather than zeros nobody typed.
    const fresh = task.status === 'pending';
    const show = (n: number, text: (n: number) => string = String) => (fresh && !n ? '' : text(n));
    return {
      report: task.report,
      institutionsChecked: show(task.institutionsChecked),
      problemsFound: show(task.problemsFound),
      problemAmount: show(task.problemAmount, amountText),
      refundedAmount: show(task.refundedAmount, amountText),
      issues: task.issues.map((i) => ({ ...i })),
    };
  }

  protected emptyIssue(): IssueDraft {
    return { area: '', description: '', rectification: '' };
  }

  protected readonly problems = computed(() => {
    const d = this.draft();
    return {
      institutionsChecked: countProblem(d?.institutionsChecked ?? ''),
      problemsFound: countProblem(d?.problemsFound ?? ''),
      problemAmount: amountProblem(d?.problemAmount ?? '', false),
      refundedAmount: amountProblem(d?.refundedAmount ?? '', false),
      issues: (d?.issues ?? []).map((i) => this.attempted() !== null && !i.description.trim()),
    };
  });
  protected readonly malformed = computed(() => {
    const p = this.problems();
    return (
      p.institutionsChecked !== null || p.problemsFound !== null || p.problemAmount !== null || p.refundedAmount !== null ||
      (this.draft()?.issues ?? []).some((i) => !i.description.trim())
    );
  });

  protected requestOf(d: ReportDraft, attachmentIds: string[]): AgencySelfInspectionRequest {
    return {
      report: d.report.trim(),
      institutionsChecked: Number(d.institutionsChecked.trim() || '0'),
      problemsFound: Number(d.problemsFound.trim() || '0'),
      problemAmount: Number(d.problemAmount.trim() || '0'),
      refundedAmount: Number(d.refundedAmount.trim() || '0'),
      issues: d.issues.map((i) => ({ area: i.area.trim(), description: i.description.trim(), rectification: i.rectification.trim() })),
      attachmentIds,
    };
  }

  protected savedRequestOf(task: AgencySelfInspectionTask): AgencySelfInspectionRequest {
    return {
      report: task.report.trim(), institutionsChecked: task.institutionsChecked, problemsFound: task.problemsFound,
      problemAmount: task.problemAmount, refundedAmount: task.refundedAmount, issues: task.issues, attachmentIds: task.attachmentIds,
    };
  }

  /** 用机构报告汇总填入: the verified reports of the region as the checked institutions, problems and refunds. */
  protected fillFromRegion(): void {
    const f = this.task()?.regionFigures;
    if (!f) return;
    this.patch({
      institutionsChecked: String(f.verified),
      problemsFound: String(f.issuesFound),
      problemAmount: amountText(f.issueAmount),
      refundedAmount: amountText(f.refundVerifiedAmount),
    });
  }
}
