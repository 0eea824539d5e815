import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { AttachmentsApi } from '../core/attachments';
import { saveDownload } from '../core/download';
import { TPipe } from '../i18n/t-pipe';

/** A saved attachment as a read model names it. */
export interface AttachmentRef { readonly id: string; readonly filename: string }

/**
 * Saved attachments, each a button that downloads the file (GET /api/attachments/:id through HttpClient:
 * a plain link would carry no bearer token). Nothing is rendered for an empty list.
 * Hooks: `<testId>-<n>` per file.
 */
@Component({
  selector: 'app-attachment-links',
  imports: [NzButtonModule, NzIconModule, TPipe],
  template: `
    @if (files().length) {
      <span class="files">
        @for (file of files(); track file.id; let n = $index) {
          <button nz-button nzType="link" nzSize="small" type="button" [attr.data-testid]="testId() + '-' + n"
            [attr.aria-label]="'attachments.download' | t: { filename: file.filename }" [nzLoading]="busy() === file.id" [disabled]="busy() !== null" (click)="download(file)">
            <nz-icon nzType="paper-clip" />{{ file.filename }}
          </button>
        }
      </span>
    }
  `,
  styles: `
    .files { display: inline-flex; flex-wrap: wrap; gap: 0 4px; }
    .files button { padding: 0 4px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttachmentLinks {
  private readonly api = inject(AttachmentsApi);
  private readonly document = inject(DOCUMENT);

  readonly files = input.required<readonly AttachmentRef[]>();
  readonly testId = input.required<string>();

  protected readonly busy = signal<string | null>(null);

  protected async download(file: AttachmentRef): Promise<void> {
    if (this.busy()) return;
    this.busy.set(file.id);
    try {
      saveDownload(this.document, await firstValueFrom(this.api.download(file.id)), file.filename);
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.busy.set(null);
    }
  }
}
