import { type Signal, inject, linkedSignal, signal } from '@angular/core';
import { NzMessageService } from 'ng-zorro-antd/message';
import { firstValueFrom } from 'rxjs';
import { ATTACHMENT_MAX_MB, AttachmentsApi, attachmentRefusal } from '../core/attachments';
import type { Attachment } from '../core/models';
import { TranslationService } from '../i18n/translation';
import { amountInputText } from '../core/money';

/** An amount as the clerk would type it: no trailing `.00` on whole yuan. */
/** An amount as an input's value (core/money.ts). */
export const amountText = amountInputText;

/** The issue rows with the row at `index` changed. */
export function withIssue<T extends object>(issues: readonly T[], index: number, change: Partial<T>): T[] {
  return issues.map((issue, i) => (i === index ? { ...issue, ...change } : issue));
}

/** The issue rows without the row at `index`. */
export function withoutIssue<T>(issues: readonly T[], index: number): T[] {
  return issues.filter((_, i) => i !== index);
}

/** The attachments of the saved report followed by those uploaded since, each once. */
export function attachmentIdsOf(saved: readonly string[], added: readonly Attachment[]): string[] {
  return [...new Set([...saved, ...added.map((f) => f.id)])];
}

/**
 * The evidence a self-inspection report's owner uploads before saving: the files uploaded since
 * the last save (reset whenever `source` changes, i.e. the report was reloaded or saved) and the
 * uploads under way. Create it in a field initializer (it injects).
 */
export class EvidenceUploads {
  private readonly attachments = inject(AttachmentsApi);
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(TranslationService);

  /** Evidence uploaded since the last save; the ids already on the report are kept. */
  readonly files = linkedSignal<unknown, Attachment[]>({ source: () => this.source(), computation: () => [] });
  readonly uploading = signal(0);

  constructor(private readonly source: Signal<unknown>) {}

  /** Uploads the picked evidence files, one by one. */
  pick(picker: HTMLInputElement): void {
    const files = [...(picker.files ?? [])];
    // Lets the same file be picked again (after removing it, or after a failed upload).
    picker.value = '';
    for (const file of files) {
      const refusal = attachmentRefusal(file);
      if (refusal) this.message.error(this.i18n.t(refusal, { filename: file.name, max: ATTACHMENT_MAX_MB }));
      else void this.upload(file);
    }
  }

  remove(attachmentId: string): void {
    this.files.update((files) => files.filter((f) => f.id !== attachmentId));
  }

  private async upload(file: File): Promise<void> {
    const source = this.source();
    this.uploading.update((n) => n + 1);
    try {
      const attachment = await firstValueFrom(this.attachments.upload(file));
      // Dropped when the report was reloaded meanwhile (the draft was reset with it).
      if (this.source() === source) this.files.update((files) => [...files, attachment]);
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.uploading.update((n) => n - 1);
    }
  }
}
