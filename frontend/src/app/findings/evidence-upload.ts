import { ChangeDetectionStrategy, Component, inject, input, model } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_MB, AttachmentsApi, attachmentRefusal, formatFileSize } from '../core/attachments';
import type { Attachment } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';

/**
 * Evidence for an appeal, a rectification report or a dispute: picks files, refuses the types and
 * sizes the backend would refuse, uploads them one by one (POST /api/attachments) and lists them.
 * Hooks: `<testId>-upload` (the file input), `<testId>-upload-button`, `<testId>-file`.
 */
@Component({
  selector: 'app-evidence-upload',
  imports: [NzButtonModule, NzIconModule, NzTagModule, TPipe],
  template: `
    <div class="evidence-row">
      @for (file of files(); track file.id) {
        <nz-tag [attr.data-testid]="testId() + '-file'" nzMode="closeable" (nzOnClose)="remove(file.id)"
          >{{ file.filename }} <span class="size">{{ fileSize(file.sizeBytes) }}</span></nz-tag
        >
      }
      <input #picker type="file" multiple hidden [accept]="accept" [attr.data-testid]="testId() + '-upload'" (change)="pick(picker)" />
      <button nz-button type="button" [attr.data-testid]="testId() + '-upload-button'" [disabled]="disabled()" [nzLoading]="uploading() > 0" (click)="picker.click()">
        <nz-icon nzType="upload" />{{ 'finding.evidence.upload' | t }}
      </button>
      <span class="hint">{{ 'finding.evidence.hint' | t: { max: maxMb } }}</span>
    </div>
  `,
  styles: `
    .evidence-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-top: 8px;
    }

    .size,
    .hint {
      color: rgba(0, 0, 0, 0.6);
      font-size: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EvidenceUpload {
  private readonly attachments = inject(AttachmentsApi);
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(TranslationService);

  readonly testId = input.required<string>();
  readonly disabled = input(false);
  readonly files = model<Attachment[]>([]);
  /** Uploads under way; the owner waits for 0 before sending. */
  readonly uploading = model(0);

  protected readonly accept = ATTACHMENT_ACCEPT;
  protected readonly maxMb = ATTACHMENT_MAX_MB;
  protected readonly fileSize = formatFileSize;

  protected pick(picker: HTMLInputElement): void {
    const files = [...(picker.files ?? [])];
    // Lets the same file be picked again (after removing it, or after a failed upload).
    picker.value = '';
    for (const file of files) {
      const refusal = attachmentRefusal(file);
      if (refusal) this.message.error(this.i18n.t(refusal, { filename: file.name, max: ATTACHMENT_MAX_MB }));
      else void this.upload(file);
    }
  }

  private async upload(file: File): Promise<void> {
    this.uploading.update((n) => n + 1);
    try {
      const attachment = await firstValueFrom(this.attachments.upload(file));
      this.files.update((list) => [...list, attachment]);
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.uploading.update((n) => n - 1);
    }
  }

  protected remove(attachmentId: string): void {
    this.files.update((list) => list.filter((f) => f.id !== attachmentId));
  }
}
