import { DOCUMENT } from '@angular/common';
import type { HttpResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { type Observable, firstValueFrom } from 'rxjs';
import { TPipe } from '../i18n/t-pipe';
import { saveDownload } from '../core/download';
import { type MonthlyReportFormat, MonthlyReportsApi } from './monthly-reports-api';

/**
 * Excel and PDF of one report, or the province workbook of a month. Authenticated downloads: a
 * plain link carries no bearer token, so the file is fetched through HttpClient and saved.
 */
@Component({
  selector: 'app-monthly-report-export',
  imports: [NzButtonModule, NzIconModule, TPipe],
  template: `
    <button
      nz-button
      type="button"
      data-testid="monthly-report-export-xlsx"
      [nzLoading]="busy() === 'xlsx'"
      [disabled]="busy() !== null"
      (click)="download('xlsx')"
    >
      <nz-icon nzType="file-excel" />{{ 'monthlyReport.export.xlsx' | t }}
    </button>
    @if (reportId()) {
      <button
        nz-button
        type="button"
        data-testid="monthly-report-export-pdf"
        [nzLoading]="busy() === 'pdf'"
        [disabled]="busy() !== null"
        (click)="download('pdf')"
      >
        <nz-icon nzType="file-pdf" />{{ 'monthlyReport.export.pdf' | t }}
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
export class MonthlyReportExport {
  private readonly api = inject(MonthlyReportsApi);
  private readonly document = inject(DOCUMENT);

  /** One report (county: one sheet; city: 市汇总 / 区县明细 / 通报排名, and the bulletin as PDF). */
  readonly reportId = input<string | null>(null);
  /** Without a report: the province workbook of this month ('YYYY-MM'). */
  readonly month = input<string | null>(null);
  /** For the fallback file name, e.g. 玄武区-2026年7月监管月报表. */
  readonly baseName = input.required<string>();

  protected readonly busy = signal<MonthlyReportFormat | null>(null);

  protected async download(format: MonthlyReportFormat): Promise<void> {
    if (this.busy()) return;
    const reportId = this.reportId();
    const month = this.month();
    let request: Observable<HttpResponse<Blob>>;
    if (reportId) request = this.api.export(reportId, format);
    else if (month) request = this.api.exportProvince(month);
    else return;
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
