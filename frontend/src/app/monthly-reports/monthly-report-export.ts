import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { type ExportFormat, ExportButtons } from '../shell/export-buttons';
import { type MonthlyReportFormat, MonthlyReportsApi } from './monthly-reports-api';

const XLSX: ExportFormat = { format: 'xlsx', label: 'monthlyReport.export.xlsx', icon: 'file-excel', testId: 'monthly-report-export-xlsx' };
const PDF: ExportFormat = { format: 'pdf', label: 'monthlyReport.export.pdf', icon: 'file-pdf', testId: 'monthly-report-export-pdf' };

/**
 * Excel and PDF of one report, or the province workbook of a month (authenticated downloads, see
 * ExportButtons).
 */
@Component({
  selector: 'app-monthly-report-export',
  imports: [ExportButtons],
  template: `<app-export-buttons [formats]="formats()" [fetch]="fetch" [baseName]="baseName()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonthlyReportExport {
  private readonly api = inject(MonthlyReportsApi);

  /** One report (county: one sheet; city: 市汇总 / 区县明细 / 通报排名, and the bulletin as PDF). */
  readonly reportId = input<string | null>(null);
  /** Without a report: the province workbook of this month ('YYYY-MM'). */
  readonly month = input<string | null>(null);
  /** For the fallback file name, e.g. 玄武区-2026年7月监管月报表. */
  readonly baseName = input.required<string>();

  protected readonly formats = computed(() => (this.reportId() ? [XLSX, PDF] : [XLSX]));
  protected readonly fetch = (format: string) => {
    const reportId = this.reportId();
    const month = this.month();
    if (reportId) return this.api.export(reportId, format as MonthlyReportFormat);
    return month ? this.api.exportProvince(month) : null;
  };
}
