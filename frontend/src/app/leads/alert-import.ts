import { HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzUploadModule, type NzUploadFile } from 'ng-zorro-antd/upload';
import { saveDownload } from '../core/download';
import { describeHttpError } from '../core/error-interceptor';
import { isApiErrorBody } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { type AlertImportResult, type AlertRowError, LeadsApi } from './leads-api';

/** The rows' problems of a refused import (400 alert_import_invalid), or none. */
export function alertImportErrors(error: unknown): AlertRowError[] {
  if (!(error instanceof HttpErrorResponse) || !isApiErrorBody(error.error)) return [];
  const errors = (error.error.error.details as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as AlertRowError[]) : [];
}

/**
 * 导入智能监控预警: a dialog on the lead ledger to import a file of smart-monitoring alerts (.xlsx or
 * .csv, the template downloadable here). The whole file is registered or nothing: a refusal lists
 * every row's problem (row, column, what is wrong); a success says how many leads were registered
 * and which rows were already in the ledger.
 */
@Component({
  selector: 'app-alert-import',
  imports: [NzAlertModule, NzButtonModule, NzIconModule, NzModalModule, NzUploadModule, TPipe],
  template: `
    <button nz-button type="button" data-testid="alert-import-open" (click)="open()"><nz-icon nzType="upload" />{{ 'leads.import.open' | t }}</button>
    <nz-modal [nzVisible]="visible()" [nzTitle]="'leads.import.title' | t" [nzFooter]="null" nzWidth="720px" nzWrapClassName="alert-import-dialog"
      (nzAfterOpen)="nameDialog()" (nzOnCancel)="close()">
      <ng-container *nzModalContent>
        <p class="hint">{{ 'leads.import.hint' | t }}</p>
        <p>
          <button nz-button nzType="link" type="button" data-testid="alert-import-template" (click)="template()">
            <nz-icon nzType="file-excel" />{{ 'leads.import.template' | t }}
          </button>
        </p>
        <nz-upload nzType="drag" data-testid="alert-import-upload" [nzAccept]="accept" [nzMultiple]="false" [nzShowUploadList]="false"
          [nzBeforeUpload]="beforeUpload" [nzDisabled]="busy()">
          <p class="ant-upload-drag-icon"><nz-icon nzType="upload" /></p>
          <p class="ant-upload-text">{{ (busy() ? 'leads.import.busy' : 'leads.import.drop') | t }}</p>
          <p class="ant-upload-hint" style="color: #595959">{{ 'leads.import.types' | t }}</p>
        </nz-upload>
        @if (failure()) {
          <nz-alert class="outcome" nzType="error" nzShowIcon data-testid="alert-import-failure" [nzMessage]="failure()!" />
        }
        @if (errors().length) {
          <table class="errors" data-testid="alert-import-errors">
            <caption>{{ 'leads.import.errors' | t: { n: errors().length } }}</caption>
            <thead><tr><th scope="col">{{ 'leads.import.row' | t }}</th><th scope="col">{{ 'leads.import.column' | t }}</th><th scope="col">{{ 'leads.import.problem' | t }}</th></tr></thead>
            <tbody>
              @for (e of errors(); track $index) {
                <tr data-testid="alert-import-error"><td>{{ e.row }}</td><td>{{ e.column ?? '—' }}</td><td>{{ i18n.pick(e.message.zh, e.message.en) }}</td></tr>
              }
            </tbody>
          </table>
        }
        @if (result(); as r) {
          <nz-alert class="outcome" nzType="success" nzShowIcon data-testid="alert-import-result"
            [nzMessage]="'leads.import.done' | t: { n: r.registered.length }"
            [nzDescription]="r.alreadyInLedger.length ? ('leads.import.known' | t: { rows: knownRows(r) }) : ''" />
        }
      </ng-container>
    </nz-modal>
  `,
  styles: `
    .outcome { margin-top: 12px; }
    .errors { width: 100%; margin-top: 12px; border-collapse: collapse; }
    .errors caption { text-align: left; font-weight: 600; padding-bottom: 4px; color: #a8071a; }
    .errors th, .errors td { border: 1px solid #f0f0f0; padding: 4px 8px; text-align: left; vertical-align: top; }
    .errors td:first-child { white-space: nowrap; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertImport {
  private readonly api = inject(LeadsApi);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(TranslationService);

  /** Leads were registered: the ledger should reload. */
  readonly imported = output<AlertImportResult>();

  protected readonly accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
  protected readonly visible = signal(false);
  protected readonly busy = signal(false);
  protected readonly errors = signal<AlertRowError[]>([]);
  protected readonly failure = signal<string | null>(null);
  protected readonly result = signal<AlertImportResult | null>(null);

  protected open(): void {
    this.errors.set([]);
    this.failure.set(null);
    this.result.set(null);
    this.visible.set(true);
    setTimeout(() => this.nameDialog()); // once the dialog is rendered (nzAfterOpen names it again after the animation)
  }

  /** nz-modal's dialog element has no accessible name of its own (axe: aria-dialog-name): it is given the title. */
  protected nameDialog(): void {
    this.document.querySelector('.alert-import-dialog[role="dialog"]')?.setAttribute('aria-label', this.i18n.t('leads.import.title'));
  }

  protected close(): void {
    this.visible.set(false);
  }

  protected readonly knownRows = (r: AlertImportResult) => r.alreadyInLedger.map((k) => k.row).join(', ');

  /** nz-upload hands the file here; the upload is ours (one request, the answer read), never nz-upload's. */
  readonly beforeUpload = (file: NzUploadFile): boolean => {
    this.upload(file as unknown as File);
    return false;
  };

  upload(file: File): void {
    this.busy.set(true);
    this.errors.set([]);
    this.failure.set(null);
    this.result.set(null);
    this.api.importAlerts(file).subscribe({
      next: (r) => {
        this.busy.set(false);
        this.result.set(r);
        if (r.registered.length) this.imported.emit(r);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const rows = alertImportErrors(err);
        this.errors.set(rows);
        this.failure.set(err instanceof HttpErrorResponse ? describeHttpError(err, this.i18n) : String(err));
      },
    });
  }

  protected template(): void {
    this.api.alertTemplate().subscribe((res) => saveDownload(this.document, res, '智能监控预警导入模板.xlsx'));
  }
}
