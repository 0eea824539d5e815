import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import { saveDownload } from '../core/download';
import type { AuditDetail, AuditSchedule } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { HistoryTimeline } from '../shell/history-timeline';
import { type IcSection, canRunAudits, icPagesFor, isAuditedAgency } from './ic-access';
import { IcApi } from './ic-api';
import type { AuditChange, ItemDraft } from './ic-audit-change';
import { IcFindings } from './ic-findings';
import { IcFollowUp } from './ic-follow-up';
import { IcStatusTag } from './ic-labels';
import { IcNav } from './ic-nav';
import { IcSelfAssessment, draftsOf } from './ic-self-assessment';
import { IcStaffPosts } from './ic-staff-posts';
import { detailResource } from '../shell/detail-resource';

export { CONFLICT_RULES, conflictsOf } from './ic-staff-posts';

/**
 * One audit. The audited agency answers the self-assessment, keeps its staff-to-post table and
 * rectifies findings; the province's team records results, issues findings, verifies the
 * rectification and schedules a follow-up; everybody else reads.
 *
 * The page loads the audit, decides who may do what and sends the changes its sections ask for
 * (one at a time); each section keeps its own drafts: self-assessment and results
 * (IcSelfAssessment), staff and posts (IcStaffPosts), findings and rectification (IcFindings),
 * follow-up (IcFollowUp).
 */
@Component({
  selector: 'app-ic-audit-detail',
  imports: [
    RouterLink,
    NzButtonModule,
    NzIconModule,
    NzSpinModule,
    NzTagModule,
    HistoryTimeline,
    IcFindings,
    IcFollowUp,
    IcNav,
    IcSelfAssessment,
    IcStaffPosts,
    IcStatusTag,
    TPipe,
  ],
  templateUrl: './ic-audit-detail.html',
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcAuditDetailPage {
  private readonly api = inject(IcApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  readonly id = input.required<string>();
  readonly section = input<IcSection>('local');

  private readonly loaded = detailResource(this.id, (id) => this.api.audit(id));
  protected readonly detail = this.loaded.resource;
  protected readonly audit = this.loaded.record;
  protected readonly notFound = this.loaded.notFound;
  protected readonly backPage = computed(() => icPagesFor(this.user.me(), this.section()).find((p) => p !== 'programme' && p !== 'checklist') ?? 'programme');

  /** The audited agency's own view. */
  protected readonly isAgency = computed(() => {
    const audit = this.audit();
    return audit !== null && isAuditedAgency(this.user.me(), audit);
  });
  /** The province's team view. */
  protected readonly isTeam = computed(() => canRunAudits(this.user.me(), this.section()));
  protected readonly canAnswer = computed(() => {
    const audit = this.audit();
    return this.isAgency() && audit !== null && audit.status === 'self_assessment' && !audit.selfAssessmentSubmittedAt;
  });
  protected readonly canEditStaff = computed(() => (this.isAgency() || this.isTeam()) && this.audit()?.status !== 'closed');
  protected readonly inFieldwork = computed(() => this.isTeam() && this.audit()?.status === 'fieldwork');
  protected readonly canFollowUp = computed(() => this.isTeam() && this.audit()?.status === 'closed');

  /** The change being sent ('report', 'follow-up' or a section's action), if any. */
  protected readonly busy = signal<string | null>(null);

  /** The team's results, one draft per checklist item: recorded in the self-assessment section, drafted into findings in the findings section. */
  protected readonly resultDrafts = linkedSignal(() => {
    const audit = this.audit();
    if (!audit) return {} as Record<string, ItemDraft>;
    return draftsOf(
      audit.checklist.map((i) => i.code),
      audit.results.map((r) => ({ itemCode: r.itemCode, value: r.result, note: r.note })),
    );
  });

  protected teamNames(): string {
    return (this.audit()?.team ?? []).map((m) => `${m.name}（${m.organizationName}）`).join('、');
  }

  protected async scheduleFollowUp(schedule: AuditSchedule): Promise<void> {
    const audit = this.audit();
    if (!audit || this.busy()) return;
    this.busy.set('follow-up');
    try {
      const created = await firstValueFrom(this.api.followUp(audit.id, schedule));
      this.message.success(this.i18n.t('ic.followUp.scheduled'));
      void this.router.navigate(['/', this.section(), 'audits', 'audit', created.id]);
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.busy.set(null);
    }
  }

  protected async downloadReport(): Promise<void> {
    const audit = this.audit();
    if (!audit || this.busy()) return;
    this.busy.set('report');
    try {
      const response = await firstValueFrom(this.api.report(audit.id));
      saveDownload(this.document, response, this.i18n.t('ic.audit.reportName', { agency: audit.agency.name }));
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.busy.set(null);
    }
  }

  /** Sends one change; the answer is the updated audit. On a conflict, shows the current state. */
  protected async act({ action, request, success }: AuditChange): Promise<void> {
    if (this.busy()) return;
    this.busy.set(action);
    try {
      this.detail.set(await firstValueFrom(request));
      this.message.success(this.i18n.t(success));
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409) this.detail.reload();
    } finally {
      this.busy.set(null);
    }
  }
}
