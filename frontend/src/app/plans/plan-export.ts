import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { type ExportFormat, ExportButtons } from '../shell/export-buttons';
import { type PlanExportFormat, PlansApi } from './plans-api';

const PLAN_FORMATS: readonly ExportFormat[] = [
  { format: 'xlsx', label: 'plans.export.xlsx', icon: 'file-excel', testId: 'plan-export-xlsx' },
  { format: 'pdf', label: 'plans.export.pdf', icon: 'file-pdf', testId: 'plan-export-pdf' },
];

/** A plan's Excel and PDF (authenticated downloads, see ExportButtons). */
@Component({
  selector: 'app-plan-export',
  imports: [ExportButtons],
  template: `<app-export-buttons [formats]="formats" [fetch]="fetch" [baseName]="baseName()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanExport {
  private readonly api = inject(PlansApi);

  readonly planId = input.required<string>();
  /** For the fallback file name, e.g. 玄武区医保经办中心-2027年度监管方案. */
  readonly baseName = input.required<string>();

  protected readonly formats = PLAN_FORMATS;
  protected readonly fetch = (format: string) => this.api.export(this.planId(), format as PlanExportFormat);
}
