import { DatePipe, NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf } from '../core/china-date';
import { CLOCK } from '../core/clock';
import { TPipe } from '../i18n/t-pipe';
import { LeadsApi } from '../leads/leads-api';
import { leadStatusKey } from '../leads/lead-labels';
import { type MajorCaseReport, MajorCasesApi } from '../major-cases/major-cases-api';
import { reportClock, statusKey as reportStatusKey, triggerKey } from '../major-cases/major-case-rules';
import { ReportClockTag } from '../major-cases/report-clock-tag';
import { AttachmentLinks } from '../shell/attachment-links';
import { ExportButtons, type ExportFormat } from '../shell/export-buttons';
import { byProvince, filingKindKey, filingStatusKey } from './filing-rules';
import { INBOX_SECTIONS } from './inbox-sections';
import { type CampaignFiling, NationalApi } from './national-api';

const FILINGS_SHOWN = 200;
const REPORTS_SHOWN = 100;
const LEADS_COUNTED = 500;
const FILING_QUERY = { sort: '-dueDate', pageSize: FILINGS_SHOWN };
const FILING_EXPORT: readonly ExportFormat[] = [{ format: 'xlsx', label: 'national.filings.exportXlsx', icon: 'file-excel', testId: 'national-filings-export' }];

/**
 * 国家医疗保障局收件箱 (the national overseer's home, issue 18): per province the campaign plan and summary
 * filings with their deadlines (acknowledge or return), the major-case reports sent or overdue
 * (acknowledge), the leads it assigned with their progress, and the further sections (flight inspections).
 */
@Component({
  selector: 'app-national-inbox',
  imports: [DatePipe, FormsModule, NgComponentOutlet, RouterLink, NzButtonModule, NzInputModule, NzTableModule, NzTagModule, ReportClockTag, AttachmentLinks, ExportButtons, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar"><h1 data-testid="national-heading">{{ 'national.title' | t }}</h1></header>
      <p class="hint">{{ 'national.hint' | t }}</p>

      <h2>{{ 'national.provinces.title' | t }}</h2>
      <div class="table-scroll">
        <nz-table #provinceTable nzSize="small" nzHideOnSinglePage data-testid="national-provinces" [nzData]="provinces()" [nzFrontPagination]="false" [nzNoResult]="'national.filings.none' | t">
          <thead>
            <tr>
              <th>{{ 'national.col.province' | t }}</th>
              <th>{{ 'national.filing.kind.plan' | t }}</th>
              <th>{{ 'national.filing.kind.summary' | t }}</th>
              <th class="num">{{ 'national.col.waiting' | t }}</th>
              <th class="num">{{ 'national.col.late' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (p of provinceTable.data; track p.regionPath) {
              <tr data-testid="national-province-row" [attr.data-region]="p.regionPath">
                <td>{{ p.provinceName }}</td>
                <td>@if (p.plan; as f) { {{ filingStatusKey(f.status) | t }} · {{ f.dueDate }} @if (f.late) { <nz-tag nzColor="error">{{ 'national.filing.daysLate' | t: { n: f.daysLate } }}</nz-tag> } } @else { — }</td>
                <td>@if (p.summary; as f) { {{ filingStatusKey(f.status) | t }} · {{ f.dueDate }} @if (f.late) { <nz-tag nzColor="error">{{ 'national.filing.daysLate' | t: { n: f.daysLate } }}</nz-tag> } } @else { — }</td>
                <td class="num">{{ p.waiting }}</td>
                <td class="num">{{ p.late }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      </div>

      <div class="section-head">
        <h2>{{ 'national.filings.title' | t }}</h2>
        <app-export-buttons [formats]="filingExport" [fetch]="exportFilings" baseName="专项治理报送台账" />
      </div>
      @if (filings.error()) { <p class="error" data-testid="national-filings-error">{{ 'national.loadFailed' | t }}</p> }
      <div class="table-scroll">
        <nz-table #filingTable nzSize="small" nzHideOnSinglePage data-testid="national-filings" [nzData]="filingRows()" [nzFrontPagination]="false" [nzLoading]="filings.isLoading()" [nzNoResult]="'national.filings.none' | t">
          <thead>
            <tr>
              <th>{{ 'national.col.province' | t }}</th>
              <th>{{ 'national.col.campaign' | t }}</th>
              <th>{{ 'national.col.kind' | t }}</th>
              <th>{{ 'national.col.due' | t }}</th>
              <th>{{ 'national.col.status' | t }}</th>
              <th>{{ 'national.col.sentAt' | t }}</th>
              <th>{{ 'national.col.action' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (f of filingTable.data; track f.campaignId + f.kind) {
              <tr data-testid="national-filing-row" [attr.data-campaign]="f.campaignId" [attr.data-kind]="f.kind" [attr.data-status]="f.status">
                <td>{{ f.provinceName }}</td>
                <td>
                  {{ f.campaignTitle }}@if (f.note) { <div class="note">{{ f.note }}</div> }
                  <app-attachment-links [files]="f.attachments" testId="national-filing-file" />
                </td>
                <td>{{ filingKindKey(f.kind) | t }}</td>
                <td>{{ f.dueDate }}</td>
                <td data-testid="national-filing-status">
                  {{ filingStatusKey(f.status) | t }}
                  @if (f.late) { <nz-tag nzColor="error" data-testid="national-filing-late">{{ 'national.filing.daysLate' | t: { n: f.daysLate } }}</nz-tag> }
                  @if (f.status === 'returned' && f.returnReason) { <div class="note">{{ 'national.filing.returnedFor' | t: { reason: f.returnReason } }}</div> }
                </td>
                <td>{{ f.sentAt ? (f.sentAt | date: 'yyyy-MM-dd HH:mm' : '+0800') : '—' }}</td>
                <td>
                  @if (f.actions.acknowledge && f.id) {
                    <div class="actions">
                      <button nz-button nzType="primary" nzSize="small" type="button" data-testid="national-filing-ack" [disabled]="busy()" (click)="acknowledgeFiling(f.id)">{{ 'national.action.acknowledge' | t }}</button>
                      @if (returning() === f.id) {
                        <label class="sr-only" [for]="'return-reason-' + f.id">{{ 'national.filing.returnReason' | t }}</label>
                        <input nz-input nzSize="small" [id]="'return-reason-' + f.id" data-testid="national-filing-return-reason" [placeholder]="'national.filing.returnReason' | t" [(ngModel)]="reason" />
                        <button nz-button nzDanger nzSize="small" type="button" data-testid="national-filing-return-confirm" [disabled]="busy()" (click)="returnFiling(f.id)">{{ 'national.action.return' | t }}</button>
                        @if (reasonMissing()) { <span class="error" data-testid="national-filing-return-error">{{ 'national.filing.reasonRequired' | t }}</span> }
                      } @else {
                        <button nz-button nzSize="small" type="button" data-testid="national-filing-return" (click)="startReturn(f.id)">{{ 'national.action.return' | t }}</button>
                      }
                    </div>
                  }
                </td>
              </tr>
            }
          </tbody>
        </nz-table>
      </div>

      <h2>{{ 'national.reports.title' | t }}</h2>
      @if (reports.error()) { <p class="error" data-testid="national-reports-error">{{ 'national.loadFailed' | t }}</p> }
      <div class="table-scroll">
        <nz-table #reportTable nzSize="small" nzHideOnSinglePage data-testid="national-reports" [nzData]="reportRows()" [nzFrontPagination]="false" [nzLoading]="reports.isLoading()" [nzNoResult]="'national.reports.none' | t">
          <thead>
            <tr>
              <th>{{ 'majorCases.col.no' | t }}</th>
              <th>{{ 'majorCases.col.bureau' | t }}</th>
              <th>{{ 'majorCases.col.trigger' | t }}</th>
              <th>{{ 'majorCases.col.dueDate' | t }}</th>
              <th>{{ 'majorCases.col.status' | t }}</th>
              <th>{{ 'national.col.action' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (r of reportTable.data; track r.id) {
              <tr data-testid="national-report-row" [attr.data-id]="r.id" [attr.data-status]="r.status">
                <td><a data-testid="national-report-link" [routerLink]="['/major-case-reports', r.id]">{{ r.reportNo }}</a></td>
                <td>{{ r.bureau.name }}</td>
                <td>{{ triggerKey(r.trigger) | t }}</td>
                <td>{{ r.dueDate }} <app-report-clock-tag [clock]="clockOf(r)" /></td>
                <td data-testid="national-report-status">{{ reportStatusKey(r.status) | t }}</td>
                <td>
                  @if (r.can.acknowledge) {
                    <button nz-button nzType="primary" nzSize="small" type="button" data-testid="national-report-ack" [disabled]="busy()" (click)="acknowledgeReport(r.id)">{{ 'national.action.acknowledge' | t }}</button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </nz-table>
      </div>

      <h2>{{ 'national.leads.title' | t }}</h2>
      <p data-testid="national-leads">
        @for (s of leadCounts(); track s.status) {
          <nz-tag>{{ leadStatusKey(s.status) | t }} {{ s.n }}</nz-tag>
        } @empty {
          {{ 'national.leads.none' | t }}
        }
        <a data-testid="national-leads-link" routerLink="/province/leads/list" [queryParams]="{ view: 'assigned' }">{{ 'national.leads.open' | t }}</a>
      </p>

      @for (s of sections; track s.id) {
        <section class="extra" [attr.data-testid]="'national-section-' + s.id">
          <h2>{{ s.titleKey | t }}</h2>
          @if (sectionTypes.value()?.[$index]; as type) { <ng-container *ngComponentOutlet="type" /> }
        </section>
      }
    </section>
  `,
  styles: `
    .hint { color: #595959; }
    h2 { font-size: 16px; margin: 20px 0 8px; }
    .num { text-align: right; }
    .section-head { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: space-between; }
    .note { color: #595959; font-size: 12px; white-space: pre-wrap; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .actions input { width: 180px; }
    .error { color: #a8071a; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NationalInbox {
  private readonly api = inject(NationalApi);
  private readonly majorCases = inject(MajorCasesApi);
  private readonly leads = inject(LeadsApi);
  private readonly now = inject(CLOCK);

  protected readonly filingStatusKey = filingStatusKey;
  protected readonly filingKindKey = filingKindKey;
  protected readonly reportStatusKey = reportStatusKey;
  protected readonly triggerKey = triggerKey;
  protected readonly leadStatusKey = leadStatusKey;
  protected readonly sections = inject(INBOX_SECTIONS);
  protected readonly sectionTypes = resource({ loader: () => Promise.all(this.sections.map((s) => s.load())) });

  protected readonly busy = signal(false);
  protected readonly returning = signal<string | null>(null);
  protected readonly reasonMissing = signal(false);
  protected reason = '';

  protected readonly filings = rxResource({
    stream: () => this.api.filings(FILING_QUERY),
  });
  protected readonly filingExport = FILING_EXPORT;
  /** The table's filings (same order), every row of them, as the Excel workbook (报送台账). */
  protected readonly exportFilings = () => this.api.exportFilings({ sort: FILING_QUERY.sort });
  protected readonly reports = rxResource({
    stream: () => this.majorCases.list({ view: 'inbox', sort: '-dueDate', pageSize: REPORTS_SHOWN }),
  });
  private readonly assignedLeads = rxResource({
    stream: () => this.leads.list({ view: 'assigned', pageSize: LEADS_COUNTED }),
  });

  protected readonly filingRows = computed(() => (this.filings.hasValue() ? this.filings.value().items : []));
  protected readonly provinces = computed(() => byProvince(this.filingRows()));
  protected readonly reportRows = computed(() => (this.reports.hasValue() ? this.reports.value().items : []));
  protected readonly leadCounts = computed(() => {
    const counts = new Map<string, number>();
    for (const l of this.assignedLeads.hasValue() ? this.assignedLeads.value().items : []) counts.set(l.status, (counts.get(l.status) ?? 0) + 1);
    return [...counts].map(([status, n]) => ({ status: status as Parameters<typeof leadStatusKey>[0], n }));
  });

  protected clockOf(r: MajorCaseReport) {
    return reportClock(r, chinaDateOf(this.now()));
  }

  protected startReturn(id: string): void {
    this.returning.set(id);
    this.reason = '';
    this.reasonMissing.set(false);
  }

  private async run(call: () => Promise<unknown>, reload: () => void): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      await call();
      reload();
    } catch {
      // The error interceptor shows the API's bilingual message.
    } finally {
      this.busy.set(false);
    }
  }

  protected acknowledgeFiling(id: string): Promise<void> {
    return this.run(() => firstValueFrom(this.api.acknowledge(id)), () => this.filings.reload());
  }

  protected returnFiling(id: string): Promise<void> {
    this.reasonMissing.set(!this.reason.trim());
    if (this.reasonMissing()) return Promise.resolve();
    return this.run(() => firstValueFrom(this.api.returnFiling(id, this.reason.trim())), () => {
      this.returning.set(null);
      this.filings.reload();
    });
  }

  protected acknowledgeReport(id: string): Promise<void> {
    return this.run(() => firstValueFrom(this.majorCases.acknowledge(id)), () => this.reports.reload());
  }
}
