import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { firstValueFrom } from 'rxjs';
import { saveDownload } from '../core/download';
import { TPipe } from '../i18n/t-pipe';
import { type PlanExportFormat, PlansApi } from './plans-api';

/**
 * Excel and PDF exports. They are authenticated downloads, so a plain link (which carries no
 * bearer token) would not do: the file is fetched through HttpClient and saved via an object URL.
 */
@Component({
  selector: 'app-plan-export',
  imports: [NzButtonModule, NzIconModule, TPipe],
  template: `
    <button
      nz-button
      type="button"
      data-testid="plan-export-xlsx"
      [nzLoading]="busy() === 'xlsx'"
      [disabled]="busy() !== null"
      (click)="download('xlsx')"
    >
      <nz-icon nzType="file-excel" />{{ 'plans.export.xlsx' | t }}
    </button>
    <button
      nz-button
      type="button"
      data-testid="plan-export-pdf"
      [nzLoading]="busy() === 'pdf'"
      [disabled]="busy() !== null"
      (click)="download('pdf')"
    >
      <nz-icon nzType="file-pdf" />{{ 'plans.export.pdf' | t }}
    </button>
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
export class PlanExport {
  private readonly api = inject(PlansApi);
  private readonly document = inject(DOCUMENT);

  readonly planId = input.required<string>();
  /** For the fallback file name, e.g. 玄武区医保经办中心-2027年度监管方案. */
  readonly baseName = input.required<string>();

  protected readonly busy = signal<PlanExportFormat | null>(null);

  protected async download(format: PlanExportFormat): Promise<void> {
    if (this.busy()) return;
    this.busy.set(format);
    try {
      const response = await firstValueFrom(this.api.export(this.planId(), format));
      saveDownload(this.document, response, `${this.baseName()}.${format}`);
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.busy.set(null);
    }
  }
}
