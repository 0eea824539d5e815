import { DOCUMENT } from '@angular/common';
import type { HttpResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { type Observable, firstValueFrom } from 'rxjs';
import { saveDownload } from '../core/download';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';

/** One button of an export: the file format, its label, icon and data-testid. */
export interface ExportFormat {
  readonly format: string;
  readonly label: TranslationKey;
  readonly icon: 'file-excel' | 'file-pdf';
  readonly testId: string;
}

/**
 * Export buttons (Excel, PDF, …). The files are authenticated downloads, so a plain link (which
 * carries no bearer token) would not do: `fetch` gets the file through HttpClient and it is saved via
 * an object URL, under the server's file name or `<baseName>.<format>`. One download at a time.
 */
@Component({
  selector: 'app-export-buttons',
  imports: [NzButtonModule, NzIconModule, TPipe],
  template: `
    @for (f of formats(); track f.format) {
      <button nz-button type="button" [attr.data-testid]="f.testId" [nzLoading]="busy() === f.format" [disabled]="busy() !== null" (click)="download(f.format)">
        <nz-icon [nzType]="f.icon" />{{ f.label | t }}
      </button>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportButtons {
  private readonly document = inject(DOCUMENT);

  readonly formats = input.required<readonly ExportFormat[]>();
  /** The request for one format's file; null when there is nothing to export. */
  readonly fetch = input.required<(format: string) => Observable<HttpResponse<Blob>> | null>();
  /** For the fallback file name, e.g. 玄武区医保经办中心-2027年度监管方案. */
  readonly baseName = input.required<string>();

  protected readonly busy = signal<string | null>(null);

  protected async download(format: string): Promise<void> {
    if (this.busy()) return;
    const request = this.fetch()(format);
    if (!request) return;
    this.busy.set(format);
    try {
      const response = await firstValueFrom(request);
      saveDownload(this.document, response, `${this.baseName()}.${format}`);
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.busy.set(null);
    }
  }
}
