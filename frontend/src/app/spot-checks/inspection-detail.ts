import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_MB, AttachmentsApi, attachmentRefusal, formatFileSize } from '../core/attachments';
import { chinaDateOf } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import type { Attachment } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { AgencyInspectionNav } from '../inspections/agency-inspection-nav';
import { DocumentRequestsBlock } from '../inspections/document-requests-block';
import { type SpotCheckSection, canRunInspection } from './spot-check-access';
import {
  INSPECTION_METHOD_LABELS,
  INSPECTION_TYPE_LABELS,
  InspectionStatusTag,
  KIND_LABELS,
  LEVEL_LABELS,
  RESULT_LABELS,
  SpotCheckNav,
  errorText,
} from './spot-check-labels';
import { CHECKLIST_RESULTS, type ChecklistResult, type Inspection, type InspectionRecordRequest } from './spot-check-models';
import { SpotChecksApi } from './spot-checks-api';
import { CLOCK } from '../core/clock';
import { MoneyPipe } from '../core/money';
import { DayPicker } from '../shell/day-picker';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Yuan: ≥ 0 with at most 2 decimals (numeric(14,2)). */
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

/** The amount typed, as a number, or null when it is not ≥ 0 with at most 2 decimals. */
export function parseAmount(text: string): number | null {
  const value = text.trim();
  return AMOUNT.test(value) ? Number(value) : null;
}

/** Suggestions for a finding's type (free text is allowed). */
export const FINDING_TYPES: readonly TranslationKey[] = [
  'inspection.findingType.split_charging',
  'inspection.findingType.over_standard',
  'inspection.findingType.duplicate_charging',
  'inspection.findingType.item_swapping',
  'inspection.findingType.bed_blocking',
  'inspection.findingType.fabricated_services',
  'inspection.findingType.induced_admission',
  'inspection.findingType.forged_records',
  'inspection.findingType.card_misuse',
  'inspection.findingType.other',
];

interface ChecklistDraft {
  item: string;
  result: ChecklistResult | null;
  note: string;
}

interface FindingDraft {
  type: string;
  description: string;
  amount: string;
  clinicianName: string;
  /** Already saved with the inspection. */
  savedIds: string[];
  /** Uploaded since, not saved yet. */
  files: Attachment[];
  uploading: number;
}

const findingDraft = (): FindingDraft => ({ type: '', description: '', amount: '', clinicianName: '', savedIds: [], files: [], uploading: 0 });

/** One 询问笔录 being edited. */
interface InterviewDraft {
  person: string;
  role: string;
  heldOn: string;
  content: string;
  savedIds: string[];
  files: Attachment[];
  uploading: number;
}

/** Where an upload goes: a finding's or an interview's evidence, or the inspection's as a whole (null). */
type UploadTarget = { list: 'findings' | 'interviews'; index: number } | null;

/** The menu entry the record is opened from: 抽查 (spot-checks) or the agency's own inspections (issue 13). */
export type InspectionFeature = 'spot-checks' | 'inspections';

/**
 * 现场检查记录: the team's record of one inspection (date, interviews, checklist, findings with
 * amounts and evidence), saved as a draft and then sent to the institution. The province records a
 * spot-check's inspections, the inspecting agency's staff its own (spot-check-access.ts
 * canRunInspection). Read-only for everybody else.
 */
@Component({
  selector: 'app-inspection-detail',
  imports: [
    DayPicker,
    MoneyPipe,
    DatePipe,
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzRadioModule,
    NzSpinModule,
    NzTagModule,
    AgencyInspectionNav,
    DocumentRequestsBlock,
    InspectionStatusTag,
    SpotCheckNav,
    TPipe,
  ],
  templateUrl: './inspection-detail.html',
  styleUrls: ['../shell/feature-page.css', '../shell/evidence-list.css', './spot-checks.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InspectionDetailPage {
  private readonly api = inject(SpotChecksApi);
  private readonly attachments = inject(AttachmentsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly now = inject(CLOCK);

  readonly id = input.required<string>();
  readonly section = input<SpotCheckSection>('province');
  readonly feature = input<InspectionFeature>('spot-checks');

  private readonly loaded = rxResource({
    params: () => ({ id: this.id() }),
    stream: ({ params }) => this.api.inspection(params.id),
  });
  /** The loaded inspection, replaced by what save and send return. */
  protected readonly inspection = linkedSignal<Inspection | null>(() => (this.loaded.hasValue() ? this.loaded.value() : null));
  protected readonly loadError = computed(() => this.loaded.error());
  protected readonly notFound = computed(() => {
    const error = this.loaded.error();
    const cause = error instanceof HttpErrorResponse ? error : (error as { cause?: unknown } | undefined)?.cause;
    return cause instanceof HttpErrorResponse && (cause.status === 404 || cause.status === 403);
  });

  private readonly mayRun = computed(() => {
    const inspection = this.inspection();
    return inspection !== null && canRunInspection(this.user.me(), this.section(), inspection);
  });
  protected readonly editable = computed(() => this.mayRun() && this.inspection()?.status !== 'sent');
  /** A flight inspection's result is handed to the province as leads (the flight inspection's page), never sent to the institution. */
  private readonly isFlight = computed(() => this.inspection()?.origin === 'flight');
  protected readonly canSend = computed(() => this.mayRun() && !this.isFlight() && this.inspection()?.status === 'recorded');
  /** 调取资料: the inspecting team asks the institution for documents until the result is sent. */
  protected readonly canRequestDocuments = computed(() => this.mayRun() && !this.isFlight() && this.inspection()?.status !== 'sent');
  /** Where 返回列表 goes: the agency's own inspections, or the spot-check's inspections. */
  protected readonly backLink = computed(() => {
    const inspection = this.inspection();
    if (this.feature() === 'inspections') return { route: ['/', this.section(), 'inspections', 'list'], query: {} };
    return { route: ['/', this.section(), 'spot-checks', 'inspections'], query: inspection?.spotCheckId ? { spotCheckId: inspection.spotCheckId } : {} };
  });
  protected readonly today = computed(() => chinaDateOf(this.now()));

  protected readonly results = CHECKLIST_RESULTS;
  protected readonly resultLabels = RESULT_LABELS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly levelLabels = LEVEL_LABELS;
  protected readonly typeLabels = INSPECTION_TYPE_LABELS;
  protected readonly methodLabels = INSPECTION_METHOD_LABELS;
  protected readonly findingTypes = FINDING_TYPES;
  protected readonly accept = ATTACHMENT_ACCEPT;
  protected readonly fileSize = formatFileSize;

  // The drafts, reset whenever the inspection is (re)loaded or saved.
  protected readonly inspectedOn = linkedSignal(() => this.inspection()?.inspectedOn ?? '');
  // The items to answer are the inspection's checklistItems, in their order; `checklist` holds only
  // the answers given so far (empty until the inspection is recorded).
  protected readonly checklist = linkedSignal<ChecklistDraft[]>(() => {
    const inspection = this.inspection();
    if (!inspection) return [];
    const answers = new Map(inspection.checklist.map((c) => [c.item, c]));
    return inspection.checklistItems.map((item) => {
      const answer = answers.get(item);
      return { item, result: answer?.result ?? null, note: answer?.note ?? '' };
    });
  });
  protected readonly findings = linkedSignal<FindingDraft[]>(() =>
    (this.inspection()?.findings ?? []).map((f) => ({
      type: f.type,
      description: f.description,
      amount: String(f.amount),
      clinicianName: f.clinicianName ?? '',
      savedIds: [...f.attachmentIds],
      files: [],
      uploading: 0,
    })),
  );
  protected readonly interviews = linkedSignal<InterviewDraft[]>(() =>
    (this.inspection()?.interviews ?? []).map((v) => ({
      person: v.person,
      role: v.role,
      heldOn: v.heldOn,
      content: v.content,
      savedIds: [...v.attachmentIds],
      files: [],
      uploading: 0,
    })),
  );
  protected readonly savedAttachmentIds = linkedSignal(() => [...(this.inspection()?.attachmentIds ?? [])]);
  protected readonly generalFiles = linkedSignal<Attachment[]>(() => (this.inspection() ? [] : []));
  protected readonly generalUploading = signal(0);
  protected readonly dirty = linkedSignal(() => (this.inspection() ? false : false));

  protected readonly errors = signal<string[]>([]);
  /** Indexes of findings whose amount is refused (marked in the form). */
  protected readonly badAmounts = signal<number[]>([]);
  protected readonly serverError = signal('');
  protected readonly busy = signal<'save' | 'send' | null>(null);
  protected readonly uploading = computed(
    () => this.generalUploading() > 0 || this.findings().some((f) => f.uploading > 0) || this.interviews().some((v) => v.uploading > 0),
  );
  protected readonly totalAmount = computed(() =>
    this.findings().reduce((sum, f) => {
      const amount = parseAmount(f.amount);
      return amount === null ? sum : sum + Math.round(amount * 100);
    }, 0) / 100,
  );

  protected setInspectedOn(value: string): void {
    this.inspectedOn.set(value);
    this.dirty.set(true);
  }

  protected setChecklist(index: number, change: Partial<ChecklistDraft>): void {
    this.checklist.update((list) => list.map((c, i) => (i === index ? { ...c, ...change } : c)));
    this.dirty.set(true);
  }

  protected setFinding(index: number, change: Partial<FindingDraft>): void {
    this.findings.update((list) => list.map((f, i) => (i === index ? { ...f, ...change } : f)));
    if (!('uploading' in change)) this.dirty.set(true);
  }

  protected addFinding(): void {
    this.findings.update((list) => [...list, findingDraft()]);
    this.dirty.set(true);
  }

  protected removeFinding(index: number): void {
    this.findings.update((list) => list.filter((_, i) => i !== index));
    this.badAmounts.set([]);
    this.dirty.set(true);
  }

  protected setInterview(index: number, change: Partial<InterviewDraft>): void {
    this.interviews.update((list) => list.map((v, i) => (i === index ? { ...v, ...change } : v)));
    if (!('uploading' in change)) this.dirty.set(true);
  }

  protected addInterview(): void {
    const heldOn = this.inspectedOn() || this.today();
    this.interviews.update((list) => [...list, { person: '', role: '', heldOn, content: '', savedIds: [], files: [], uploading: 0 }]);
    this.dirty.set(true);
  }

  protected removeInterview(index: number): void {
    this.interviews.update((list) => list.filter((_, i) => i !== index));
    this.dirty.set(true);
  }

  protected removeInterviewFile(index: number, attachmentId: string): void {
    const interview = this.interviews()[index];
    if (!interview) return;
    this.setInterview(index, { files: interview.files.filter((f) => f.id !== attachmentId), savedIds: interview.savedIds.filter((id) => id !== attachmentId) });
  }

  protected amountInvalid(index: number): boolean {
    return this.badAmounts().includes(index);
  }

  /** Uploads evidence for one finding or interview, or for the inspection as a whole (null). */
  protected async pick(target: UploadTarget, picker: HTMLInputElement): Promise<void> {
    const files = [...(picker.files ?? [])];
    picker.value = '';
    const inspection = this.inspection();
    for (const file of files) {
      const refusal = attachmentRefusal(file);
      if (refusal) {
        this.message.error(this.i18n.t(refusal, { filename: file.name, max: ATTACHMENT_MAX_MB }));
        continue;
      }
      const count = (delta: number) => {
        if (target === null) this.generalUploading.update((n) => n + delta);
        else if (target.list === 'findings') this.setFinding(target.index, { uploading: (this.findings()[target.index]?.uploading ?? 0) + delta });
        else this.setInterview(target.index, { uploading: (this.interviews()[target.index]?.uploading ?? 0) + delta });
      };
      count(1);
      try {
        const attachment = await firstValueFrom(this.attachments.upload(file));
        // Dropped when the inspection was reloaded meanwhile (the drafts were reset with it).
        if (this.inspection() !== inspection) continue;
        if (target === null) this.generalFiles.update((list) => [...list, attachment]);
        else if (target.list === 'findings') this.setFinding(target.index, { files: [...(this.findings()[target.index]?.files ?? []), attachment] });
        else this.setInterview(target.index, { files: [...(this.interviews()[target.index]?.files ?? []), attachment] });
        this.dirty.set(true);
      } catch {
        // The error interceptor has told the user.
      } finally {
        if (this.inspection() === inspection) count(-1);
      }
    }
  }

  protected removeFindingFile(index: number, attachmentId: string): void {
    const finding = this.findings()[index];
    if (!finding) return;
    this.setFinding(index, { files: finding.files.filter((f) => f.id !== attachmentId), savedIds: finding.savedIds.filter((id) => id !== attachmentId) });
  }

  protected removeGeneralFile(attachmentId: string): void {
    this.generalFiles.update((list) => list.filter((f) => f.id !== attachmentId));
    this.savedAttachmentIds.update((list) => list.filter((id) => id !== attachmentId));
    this.dirty.set(true);
  }

  /** The PUT body, or the reasons it cannot be sent. */
  private build(): { request: InspectionRecordRequest } | { errors: string[]; badAmounts: number[] } {
    const errors: string[] = [];
    const inspectedOn = this.inspectedOn();
    if (!DATE.test(inspectedOn)) errors.push(this.i18n.t('inspection.form.dateRequired'));
    else if (inspectedOn > this.today()) errors.push(this.i18n.t('inspection.form.dateFuture'));
    const interviews = this.interviews();
    if (interviews.some((v) => !v.person.trim() || !v.role.trim() || !v.content.trim())) errors.push(this.i18n.t('inspection.interview.incomplete'));
    const badDates = interviews.flatMap((v, i) => (!DATE.test(v.heldOn) || v.heldOn > this.today() ? [i + 1] : []));
    if (badDates.length) errors.push(this.i18n.t('inspection.interview.dateInvalid', { rows: badDates.join('、') }));
    if (this.checklist().some((c) => !c.result)) errors.push(this.i18n.t('inspection.form.checklistIncomplete'));
    const findings = this.findings();
    if (findings.some((f) => !f.type.trim() || !f.description.trim())) errors.push(this.i18n.t('inspection.form.findingIncomplete'));
    const badAmounts = findings.flatMap((f, i) => (parseAmount(f.amount) === null ? [i] : []));
    if (badAmounts.length) errors.push(this.i18n.t('inspection.form.amountInvalid', { rows: badAmounts.map((i) => i + 1).join('、') }));
    if (errors.length) return { errors, badAmounts };
    return {
      request: {
        inspectedOn,
        interviews: interviews.map((v) => ({
          person: v.person.trim(),
          role: v.role.trim(),
          heldOn: v.heldOn,
          content: v.content.trim(),
          attachmentIds: [...new Set([...v.savedIds, ...v.files.map((a) => a.id)])],
        })),
        checklist: this.checklist().map((c) => ({ item: c.item, result: c.result!, note: c.note.trim() || null })),
        findings: findings.map((f) => ({
          type: f.type.trim(),
          description: f.description.trim(),
          amount: parseAmount(f.amount)!,
          clinicianName: f.clinicianName.trim() || null,
          attachmentIds: [...new Set([...f.savedIds, ...f.files.map((a) => a.id)])],
        })),
        attachmentIds: [...new Set([...this.savedAttachmentIds(), ...this.generalFiles().map((a) => a.id)])],
      },
    };
  }

  protected async save(): Promise<void> {
    const inspection = this.inspection();
    if (!inspection || this.busy() || this.uploading()) return;
    const built = this.build();
    this.serverError.set('');
    if ('errors' in built) {
      this.errors.set(built.errors);
      this.badAmounts.set(built.badAmounts);
      return;
    }
    this.errors.set([]);
    this.badAmounts.set([]);
    this.busy.set('save');
    try {
      this.inspection.set(await firstValueFrom(this.api.saveInspection(inspection.id, built.request)));
      // The drafts follow the saved inspection; nothing is left unsaved.
      this.dirty.set(false);
      this.message.success(this.i18n.t('inspection.form.saved'));
    } catch (error) {
      this.serverError.set(errorText(error, this.i18n));
    } finally {
      this.busy.set(null);
    }
  }

  protected send(): void {
    const inspection = this.inspection();
    if (!inspection || this.busy() || this.dirty()) return;
    this.modal.confirm({
      nzTitle: this.i18n.t('inspection.send.confirmTitle'),
      nzContent: this.i18n.t('inspection.send.confirmBody', { institution: inspection.institution.name }),
      nzOkText: this.i18n.t('inspection.send.action'),
      nzCancelText: this.i18n.t('spotCheck.cancel'),
      nzOnOk: () => this.confirmSend(inspection.id),
    });
  }

  private async confirmSend(inspectionId: string): Promise<void> {
    this.busy.set('send');
    this.serverError.set('');
    try {
      this.inspection.set(await firstValueFrom(this.api.sendInspection(inspectionId)));
      this.message.success(this.i18n.t('inspection.send.done'));
    } catch (error) {
      this.serverError.set(errorText(error, this.i18n));
    } finally {
      this.busy.set(null);
    }
  }
}
