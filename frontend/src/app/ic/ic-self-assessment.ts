import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, model, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { ATTACHMENT_MAX_MB, AttachmentsApi, attachmentRefusal } from '../core/attachments';
import { type Attachment, type AuditDetail, ITEM_RESULTS } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { EvidencePicker } from '../shell/evidence-picker';
import type { AuditChange, ItemDraft } from './ic-audit-change';
import { IcApi } from './ic-api';
import { AREA_LABELS, RESULT_LABELS } from './ic-labels';

/** Drafts for every checklist item from the saved entries (answers or results). */
export function draftsOf(codes: string[], entries: { itemCode: string; value: ItemDraft['value'] & {}; note: string | null }[]): Record<string, ItemDraft> {
  return Object.fromEntries(
    codes.map((code) => {
      const entry = entries.find((e) => e.itemCode === code);
      return [code, { value: entry?.value ?? null, note: entry?.note ?? '' }];
    }),
  );
}

/**
 * 一、自评: the checklist, item by item. The audited agency answers it (with evidence per item)
 * and submits; during fieldwork the team records its result beside each answer. The results are
 * the page's (bound through `results`), as the findings section drafts findings from them.
 */
@Component({
  selector: 'app-ic-self-assessment',
  imports: [DatePipe, FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzRadioModule, NzTagModule, EvidencePicker, TPipe],
  templateUrl: './ic-self-assessment.html',
  styleUrl: '../shell/feature-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcSelfAssessment {
  private readonly api = inject(IcApi);
  private readonly attachments = inject(AttachmentsApi);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);

  readonly audit = input.required<AuditDetail>();
  readonly isAgency = input.required<boolean>();
  readonly isTeam = input.required<boolean>();
  readonly canAnswer = input.required<boolean>();
  readonly inFieldwork = input.required<boolean>();
  /** The change being sent, if any. */
  readonly busy = input<string | null>(null);
  /** The team's result drafts, one per item. */
  readonly results = model.required<Record<string, ItemDraft>>();
  readonly change = output<AuditChange>();

  protected readonly itemResults = ITEM_RESULTS;
  protected readonly areaLabels = AREA_LABELS;
  protected readonly resultLabels = RESULT_LABELS;

  protected readonly answers = linkedSignal(() => {
    const audit = this.audit();
    return draftsOf(
      audit.checklist.map((i) => i.code),
      audit.selfAssessment.map((a) => ({ itemCode: a.itemCode, value: a.answer, note: a.note })),
    );
  });
  protected readonly answerError = signal('');
  /** Evidence uploaded per item, not saved yet; the ids already on the answer are kept on save. */
  protected readonly saFiles = linkedSignal<Record<string, Attachment[]>>(() => (this.audit() ? {} : {}));
  protected readonly saUploading = signal<Record<string, number>>({});
  protected readonly saUploadingAny = computed(() => Object.values(this.saUploading()).some((n) => n > 0));

  protected setAnswer(code: string, change: Partial<ItemDraft>): void {
    this.answers.update((all) => ({ ...all, [code]: { ...all[code]!, ...change } }));
  }

  protected setResult(code: string, change: Partial<ItemDraft>): void {
    this.results.update((all) => ({ ...all, [code]: { ...all[code]!, ...change } }));
  }

  protected saveSelfAssessment(submit: boolean): void {
    const audit = this.audit();
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
    this.change.emit({
      action: submit ? 'sa-submit' : 'sa-save',
      request: this.api.saveSelfAssessment(audit.id, answers, submit),
      success: submit ? 'ic.sa.submitted' : 'ic.saved',
    });
  }

  protected saveResults(): void {
    const audit = this.audit();
    const drafts = this.results();
    const results = audit.checklist.flatMap((item) => {
      const draft = drafts[item.code];
      if (!draft?.value) return [];
      const note = draft.note.trim();
      return [{ itemCode: item.code, result: draft.value, ...(note ? { note } : {}) }];
    });
    this.change.emit({ action: 'results', request: this.api.saveResults(audit.id, results), success: 'ic.results.saved' });
  }

  protected savedEvidence(code: string): number {
    return this.audit().selfAssessment.find((a) => a.itemCode === code)?.attachmentIds.length ?? 0;
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
}
