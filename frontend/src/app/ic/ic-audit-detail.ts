import { DOCUMENT, DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_MB, AttachmentsApi, attachmentRefusal, formatFileSize } from '../core/attachments';
import { CurrentUser } from '../core/current-user';
import {
  type Attachment,
  type AuditDetail,
  CHECKLIST_AREAS,
  type ChecklistArea,
  type Finding,
  ITEM_RESULTS,
  type ItemResult,
  type NewFinding,
  POSTS,
  type Post,
  type StaffPost,
} from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { type IcSection, canRunAudits, icPagesFor, isAuditedAgency } from './ic-access';
import { IcApi } from './ic-api';
import { AREA_LABELS, FINDING_STATUS_LABELS, IcStatusTag, POST_LABELS, RESULT_LABELS } from './ic-labels';
import { saveDownload } from '../core/download';
import { IcNav } from './ic-nav';
import { parseIds } from './ic-plan';
import { type StaffImportProblem, parseStaffCsv } from './staff-import';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A picked file's text, decoded as UTF-8 (FileReader, as Blob.text is not everywhere). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}

/** Segregation-of-duties rules (the backend's detector is authoritative; this only warns early). */
export const CONFLICT_RULES: readonly (readonly [Post, Post])[] = [
  ['payment_review', 'payment_approval'],
  ['registration', 'settlement'],
  ['fund_accounting', 'fund_cashier'],
  ['system_admin', 'business_operator'],
  ['claims_review', 'audit_supervision'],
];

/** The conflicting post pairs one person holds. */
export function conflictsOf(posts: readonly Post[]): (readonly [Post, Post])[] {
  return CONFLICT_RULES.filter(([a, b]) => posts.includes(a) && posts.includes(b));
}

interface Draft {
  value: ItemResult | null;
  note: string;
}

interface StaffRow {
  personId: string;
  personName: string;
  posts: Post[];
}

interface FindingDraft {
  area: ChecklistArea;
  itemCode: string;
  description: string;
  rectificationDue: string;
}

interface RectificationDraft {
  plan: string;
  files: Attachment[];
  uploading: number;
}

const draftsOf = (codes: string[], entries: { itemCode: string; value: ItemResult; note: string | null }[]) =>
  Object.fromEntries(
    codes.map((code) => {
      const entry = entries.find((e) => e.itemCode === code);
      return [code, { value: entry?.value ?? null, note: entry?.note ?? '' }];
    }),
  ) as Record<string, Draft>;

/**
 * One audit. The audited agency answers the self-assessment, keeps its staff-to-post table and
 * rectifies findings; the province's team records results, issues findings, verifies the
 * rectification and schedules a follow-up; everybody else reads.
 */
@Component({
  selector: 'app-ic-audit-detail',
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzRadioModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    IcNav,
    IcStatusTag,
    TPipe,
  ],
  templateUrl: './ic-audit-detail.html',
  styleUrls: ['../shell/feature-page.css', '../shell/evidence-list.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcAuditDetailPage {
  private readonly api = inject(IcApi);
  private readonly attachments = inject(AttachmentsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  readonly id = input.required<string>();
  readonly section = input<IcSection>('local');

  protected readonly detail = rxResource({
    params: () => ({ id: this.id() }),
    stream: ({ params }) => this.api.audit(params.id),
  });
  protected readonly audit = computed<AuditDetail | null>(() => (this.detail.hasValue() ? this.detail.value() : null));
  protected readonly notFound = computed(() => {
    const error = this.detail.error();
    const cause = error instanceof HttpErrorResponse ? error : (error as { cause?: unknown } | undefined)?.cause;
    return cause instanceof HttpErrorResponse && (cause.status === 404 || cause.status === 403);
  });
  protected readonly backPage = computed(() => icPagesFor(this.user.me(), this.section()).find((p) => p !== 'programme' && p !== 'checklist') ?? 'programme');

  protected readonly areas = CHECKLIST_AREAS;
  protected readonly results = ITEM_RESULTS;
  protected readonly posts = POSTS;
  protected readonly areaLabels = AREA_LABELS;
  protected readonly resultLabels = RESULT_LABELS;
  protected readonly postLabels = POST_LABELS;
  protected readonly findingLabels = FINDING_STATUS_LABELS;
  protected readonly accept = ATTACHMENT_ACCEPT;

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
  protected readonly sodFindings = computed(() => this.audit()?.findings.filter((f) => f.source === 'segregation_of_duties') ?? []);

  protected readonly busy = signal<string | null>(null);

  // Self-assessment (agency) and results (team), one draft per checklist item.
  protected readonly answers = linkedSignal(() => {
    const audit = this.audit();
    if (!audit) return {} as Record<string, Draft>;
    return draftsOf(
      audit.checklist.map((i) => i.code),
      audit.selfAssessment.map((a) => ({ itemCode: a.itemCode, value: a.answer, note: a.note })),
    );
  });
  protected readonly resultDrafts = linkedSignal(() => {
    const audit = this.audit();
    if (!audit) return {} as Record<string, Draft>;
    return draftsOf(
      audit.checklist.map((i) => i.code),
      audit.results.map((r) => ({ itemCode: r.itemCode, value: r.result, note: r.note })),
    );
  });
  protected readonly answerError = signal('');
  /** Evidence uploaded per item, not saved yet; the ids already on the answer are kept on save. */
  protected readonly saFiles = linkedSignal<Record<string, Attachment[]>>(() => (this.audit() ? {} : {}));
  protected readonly saUploading = signal<Record<string, number>>({});
  protected readonly fileSize = formatFileSize;

  // Staff-to-post table.
  protected readonly staff = linkedSignal<StaffRow[]>(() =>
    (this.audit()?.staffPosts ?? []).map((s) => ({ personId: s.personId, personName: s.personName, posts: [...s.posts] })),
  );
  protected readonly staffError = signal('');

  // Findings to issue (team), rectification (agency), verification comments (team).
  protected readonly newFindings = linkedSignal<FindingDraft[]>(() => (this.audit() ? [] : []));
  protected readonly rectifications = linkedSignal<Record<string, RectificationDraft>>(() =>
    Object.fromEntries((this.audit()?.findings ?? []).map((f) => [f.id, { plan: f.rectification?.plan ?? '', files: [], uploading: 0 }])),
  );
  protected readonly verifyComments = linkedSignal<Record<string, string>>(() => (this.audit() ? {} : {}));
  protected readonly findingError = signal('');

  // Follow-up (team, closed audit).
  protected followUp = { noticeDate: '', selfAssessmentDue: '', fieldworkStart: '', fieldworkEnd: '', team: '' };
  protected readonly followUpError = signal('');

  protected itemText(code: string | null): string {
    if (!code) return '';
    const item = this.audit()?.checklist.find((i) => i.code === code);
    return item ? `${item.code} ${item.text}` : code;
  }

  protected teamNames(): string {
    return (this.audit()?.team ?? []).map((m) => `${m.name}（${m.organizationName}）`).join('、');
  }

  protected conflictLabels(posts: readonly Post[]): string[] {
    return conflictsOf(posts).map(([a, b]) => `${this.i18n.t(POST_LABELS[a])} + ${this.i18n.t(POST_LABELS[b])}`);
  }

  protected setAnswer(code: string, change: Partial<Draft>): void {
    this.answers.update((all) => ({ ...all, [code]: { ...all[code]!, ...change } }));
  }

  protected setResult(code: string, change: Partial<Draft>): void {
    this.resultDrafts.update((all) => ({ ...all, [code]: { ...all[code]!, ...change } }));
  }

  protected async saveSelfAssessment(submit: boolean): Promise<void> {
    const audit = this.audit();
    if (!audit) return;
    const drafts = this.answers();
    if (submit && audit.checklist.some((i) => !drafts[i.code]?.value)) {
      this.answerError.set(this.i18n.t('ic.sa.incomplete'));
      return;
    }
    this.answerError.set('');
    const files = this.saFiles();
    const answers = audit.checklist.flatMap((item) => {
      const draft = drafts[item.code];
      if (!draft?.value) return [];
      const note = draft.note.trim();
      const saved = audit.selfAssessment.find((a) => a.itemCode === item.code)?.attachmentIds ?? [];
      const attachmentIds = [...new Set([...saved, ...(files[item.code] ?? []).map((f) => f.id)])];
      return [{ itemCode: item.code, answer: draft.value, ...(note ? { note } : {}), ...(attachmentIds.length ? { attachmentIds } : {}) }];
    });
    await this.act(submit ? 'sa-submit' : 'sa-save', this.api.saveSelfAssessment(audit.id, answers, submit), submit ? 'ic.sa.submitted' : 'ic.saved');
  }

  protected savedEvidence(code: string): number {
    return this.audit()?.selfAssessment.find((a) => a.itemCode === code)?.attachmentIds.length ?? 0;
  }

  /** Uploads the evidence picked for one checklist item. */
  protected pickEvidence(code: string, picker: HTMLInputElement): void {
    const files = [...(picker.files ?? [])];
    // Lets the same file be picked again (after removing it, or after a failed upload).
    picker.value = '';
    for (const file of files) {
      const refusal = attachmentRefusal(file);
      if (refusal) this.message.error(this.i18n.t(refusal, { filename: file.name, max: ATTACHMENT_MAX_MB }));
      else void this.sendEvidence(code, file);
    }
  }

  private async sendEvidence(code: string, file: File): Promise<void> {
    const count = (delta: number) => this.saUploading.update((all) => ({ ...all, [code]: (all[code] ?? 0) + delta }));
    const audit = this.audit();
    count(1);
    try {
      const attachment = await firstValueFrom(this.attachments.upload(file));
      // Dropped when the audit was reloaded meanwhile (the drafts were reset with it).
      if (this.audit() === audit) this.saFiles.update((all) => ({ ...all, [code]: [...(all[code] ?? []), attachment] }));
    } catch {
      // The error interceptor has told the user.
    } finally {
      count(-1);
    }
  }

  protected removeEvidence(code: string, attachmentId: string): void {
    this.saFiles.update((all) => ({ ...all, [code]: (all[code] ?? []).filter((f) => f.id !== attachmentId) }));
  }

  protected readonly saUploadingAny = computed(() => Object.values(this.saUploading()).some((n) => n > 0));

  /** Replaces the staff table with the picked CSV's rows; refuses the whole file on any bad line. */
  protected async importStaff(picker: HTMLInputElement): Promise<void> {
    const file = picker.files?.[0];
    picker.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await readText(file);
    } catch {
      this.staffError.set(this.i18n.t('ic.staff.importUnreadable'));
      return;
    }
    const result = parseStaffCsv(text);
    if (!result.ok) {
      this.staffError.set(result.error === 'lines' ? this.importProblems(result.problems) : this.i18n.t(result.error === 'empty' ? 'ic.staff.importEmpty' : 'ic.staff.importHeader'));
      return;
    }
    this.staffError.set('');
    this.staff.set(result.staff.map((s) => ({ ...s, posts: [...s.posts] })));
    this.message.success(this.i18n.t('ic.staff.imported', { count: result.staff.length }));
  }

  private importProblems(problems: StaffImportProblem[]): string {
    const lines = (reason: StaffImportProblem['reason']) =>
      problems
        .filter((p) => p.reason === reason)
        .map((p) => p.line)
        .join(', ');
    const parts: string[] = [];
    if (lines('malformed')) parts.push(this.i18n.t('ic.staff.importMalformed', { lines: lines('malformed') }));
    if (lines('unknownPost')) {
      const posts = [...new Set(problems.flatMap((p) => p.values ?? []))].join(', ');
      parts.push(this.i18n.t('ic.staff.importUnknownPost', { lines: lines('unknownPost'), posts }));
    }
    if (lines('duplicate')) parts.push(this.i18n.t('ic.staff.importDuplicate', { lines: lines('duplicate') }));
    return `${this.i18n.t('ic.staff.importNothing')}${parts.join(' ')}`;
  }

  protected addStaff(): void {
    this.staff.update((rows) => [...rows, { personId: '', personName: '', posts: [] }]);
  }

  protected removeStaff(index: number): void {
    this.staff.update((rows) => rows.filter((_, i) => i !== index));
  }

  protected setStaff(index: number, change: Partial<StaffRow>): void {
    this.staff.update((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  protected async saveStaff(): Promise<void> {
    const audit = this.audit();
    if (!audit) return;
    const staff: StaffPost[] = this.staff().map((r) => ({ personId: r.personId.trim(), personName: r.personName.trim(), posts: r.posts }));
    const ids = staff.map((s) => s.personId);
    if (staff.some((s) => !s.personId || !s.personName) || new Set(ids).size !== ids.length) {
      this.staffError.set(this.i18n.t('ic.staff.invalid'));
      return;
    }
    this.staffError.set('');
    await this.act('staff', this.api.saveStaffPosts(audit.id, staff), 'ic.staff.saved');
  }

  protected async saveResults(): Promise<void> {
    const audit = this.audit();
    if (!audit) return;
    const drafts = this.resultDrafts();
    const results = audit.checklist.flatMap((item) => {
      const draft = drafts[item.code];
      if (!draft?.value) return [];
      const note = draft.note.trim();
      return [{ itemCode: item.code, result: draft.value, ...(note ? { note } : {}) }];
    });
    await this.act('results', this.api.saveResults(audit.id, results), 'ic.results.saved');
  }

  protected addFinding(): void {
    this.newFindings.update((list) => [...list, { area: 'management_rules', itemCode: '', description: '', rectificationDue: '' }]);
  }

  /** One draft finding per item recorded as deficient, not drafted yet. */
  protected draftFromDeficient(): void {
    const audit = this.audit();
    if (!audit) return;
    const drafts = this.resultDrafts();
    const taken = new Set(this.newFindings().map((f) => f.itemCode));
    const added = audit.checklist
      .filter((i) => drafts[i.code]?.value === 'deficient' && !taken.has(i.code))
      .map((i) => ({ area: i.area, itemCode: i.code, description: drafts[i.code]!.note.trim() || i.text, rectificationDue: '' }));
    this.newFindings.update((list) => [...list, ...added]);
  }

  protected setFinding(index: number, change: Partial<FindingDraft>): void {
    this.newFindings.update((list) => list.map((f, i) => (i === index ? { ...f, ...change } : f)));
  }

  protected removeFinding(index: number): void {
    this.newFindings.update((list) => list.filter((_, i) => i !== index));
  }

  protected async issueFindings(): Promise<void> {
    const audit = this.audit();
    if (!audit) return;
    const drafts = this.newFindings();
    if (drafts.some((f) => !f.description.trim() || !DATE.test(f.rectificationDue))) {
      this.findingError.set(this.i18n.t('ic.findings.invalid'));
      return;
    }
    this.findingError.set('');
    const findings: NewFinding[] = drafts.map((f) => ({
      area: f.area,
      ...(f.itemCode ? { itemCode: f.itemCode } : {}),
      description: f.description.trim(),
      rectificationDue: f.rectificationDue,
    }));
    await this.act('issue', this.api.issueFindings(audit.id, findings), 'ic.findings.issued');
  }

  protected canRectify(finding: Finding): boolean {
    return this.isAgency() && this.audit()?.status === 'rectification' && (finding.status === 'open' || finding.status === 'rejected');
  }

  protected canVerify(finding: Finding): boolean {
    return this.isTeam() && finding.status === 'rectification_submitted';
  }

  protected setRectification(findingId: string, change: Partial<RectificationDraft>): void {
    this.rectifications.update((all) => ({ ...all, [findingId]: { ...all[findingId]!, ...change } }));
  }

  /** Uploads the picked evidence files, one by one, and keeps their ids for the rectification. */
  protected async pick(findingId: string, picker: HTMLInputElement): Promise<void> {
    const files = [...(picker.files ?? [])];
    picker.value = '';
    for (const file of files) {
      const refusal = attachmentRefusal(file);
      if (refusal) {
        this.message.error(this.i18n.t(refusal, { filename: file.name, max: 20 }));
        continue;
      }
      const draft = () => this.rectifications()[findingId]!;
      this.setRectification(findingId, { uploading: draft().uploading + 1 });
      try {
        const attachment = await firstValueFrom(this.attachments.upload(file));
        this.setRectification(findingId, { files: [...draft().files, attachment] });
      } catch {
        // The error interceptor has told the user.
      } finally {
        this.setRectification(findingId, { uploading: draft().uploading - 1 });
      }
    }
  }

  protected removeFile(findingId: string, attachmentId: string): void {
    const draft = this.rectifications()[findingId]!;
    this.setRectification(findingId, { files: draft.files.filter((f) => f.id !== attachmentId) });
  }

  protected async submitRectification(finding: Finding): Promise<void> {
    const audit = this.audit();
    const draft = this.rectifications()[finding.id];
    if (!audit || !draft) return;
    if (!draft.plan.trim()) {
      this.findingError.set(this.i18n.t('ic.rect.planRequired'));
      return;
    }
    this.findingError.set('');
    const ids = [...new Set([...(finding.rectification?.evidenceAttachmentIds ?? []), ...draft.files.map((f) => f.id)])];
    await this.act(`rect-${finding.id}`, this.api.submitRectification(audit.id, finding.id, draft.plan.trim(), ids), 'ic.rect.submitted');
  }

  protected setComment(findingId: string, comment: string): void {
    this.verifyComments.update((all) => ({ ...all, [findingId]: comment }));
  }

  protected async verify(finding: Finding, accepted: boolean): Promise<void> {
    const audit = this.audit();
    if (!audit) return;
    const comment = (this.verifyComments()[finding.id] ?? '').trim();
    if (!accepted && !comment) {
      this.findingError.set(this.i18n.t('ic.verify.commentRequired'));
      return;
    }
    this.findingError.set('');
    await this.act(`verify-${finding.id}`, this.api.verify(audit.id, finding.id, accepted, comment), accepted ? 'ic.verify.accepted' : 'ic.verify.rejected');
  }

  protected async scheduleFollowUp(): Promise<void> {
    const audit = this.audit();
    const f = this.followUp;
    if (!audit) return;
    const dates = [f.noticeDate, f.selfAssessmentDue, f.fieldworkStart, f.fieldworkEnd];
    const team = parseIds(f.team);
    if (!dates.every((d) => DATE.test(d)) || !dates.every((d, i) => i === 0 || d >= dates[i - 1]!)) {
      this.followUpError.set(this.i18n.t('ic.plan.datesInvalid'));
      return;
    }
    // A follow-up is not part of a team draw: it needs its own team of two or more.
    if (team.length < 2) {
      this.followUpError.set(this.i18n.t('ic.plan.teamTooSmall'));
      return;
    }
    this.followUpError.set('');
    if (this.busy()) return;
    this.busy.set('follow-up');
    try {
      const created = await firstValueFrom(
        this.api.followUp(audit.id, {
          noticeDate: f.noticeDate,
          selfAssessmentDue: f.selfAssessmentDue,
          fieldworkStart: f.fieldworkStart,
          fieldworkEnd: f.fieldworkEnd,
          teamInspectorIds: team,
        }),
      );
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
  private async act(action: string, request: ReturnType<IcApi['audit']>, success: Parameters<TranslationService['t']>[0]): Promise<void> {
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
