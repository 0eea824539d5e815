import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { chinaDateOf } from '../core/china-date';
import { CLOCK } from '../core/clock';
import { TPipe } from '../i18n/t-pipe';
import { type MajorCaseReport, MajorCasesApi, type ReportContent } from './major-cases-api';
import { CONTENT_FIELDS, contentErrors, fieldKey, reportClock, statusKey, triggerKey } from './major-case-rules';
import { ReportClockTag } from './report-clock-tag';

/**
 * 重大案件报告: the bureau writes how the case was found, the facts, the result and its basis and submits;
 * the provincial bureau checks and sends it; the national overseer acknowledges it.
 */
@Component({
  selector: 'app-major-case-detail',
  imports: [DatePipe, RouterLink, NzButtonModule, NzInputModule, ReportClockTag, TPipe],
  template: `
    <section class="panel">
      <p><a routerLink="../../list">{{ 'majorCases.detail.back' | t }}</a></p>
      @if (report.error()) {
        <p class="error" data-testid="major-case-not-found">{{ 'majorCases.detail.notFound' | t }}</p>
      } @else if (view(); as r) {
        <header class="toolbar">
          <h1 data-testid="major-case-heading">{{ 'majorCases.detail.title' | t }} {{ r.reportNo }}：{{ triggerKey(r.trigger) | t }}</h1>
        </header>
        <dl class="facts" data-testid="major-case-overview">
          <dt>{{ 'majorCases.col.status' | t }}</dt><dd data-testid="major-case-status">{{ statusKey(r.status) | t }}</dd>
          <dt>{{ 'majorCases.col.bureau' | t }}</dt><dd>{{ r.bureau.name }}</dd>
          <dt>{{ 'majorCases.col.case' | t }}</dt><dd><a data-testid="major-case-case-link" [routerLink]="['/enforcement', r.caseId]">{{ 'majorCases.detail.openCase' | t }}</a></dd>
          <dt>{{ 'majorCases.col.openedOn' | t }}</dt><dd>{{ r.openedOn }}</dd>
          <dt>{{ 'majorCases.col.dueDate' | t }}</dt><dd data-testid="major-case-due">{{ r.dueDate }} <app-report-clock-tag [clock]="clock()" /></dd>
          @if (r.sentAt) { <dt></dt><dd data-testid="major-case-sent">{{ 'majorCases.detail.sent' | t: { at: (r.sentAt | date: 'yyyy-MM-dd HH:mm' : '+0800') ?? '', by: r.sentBy ?? '' } }}</dd> }
          @if (r.acknowledgedAt) { <dt></dt><dd data-testid="major-case-acknowledged">{{ 'majorCases.detail.acknowledged' | t: { at: (r.acknowledgedAt | date: 'yyyy-MM-dd HH:mm' : '+0800') ?? '', by: r.acknowledgedBy ?? '' } }}</dd> }
        </dl>
        @if (r.can.submit) {
          <div class="action" data-testid="major-case-form">
            @for (f of fields; track f) {
              <label [for]="'major-case-' + f">{{ fieldKey(f) | t }}</label>
              <textarea nz-input rows="3" [id]="'major-case-' + f" [name]="f" [attr.data-testid]="'major-case-' + f" [value]="content[f]" (input)="edit(f, $event)"></textarea>
              @if (missing().includes(f)) {
                <p class="error" [attr.data-testid]="'major-case-error-' + f">{{ 'majorCases.field.required' | t: { field: (fieldKey(f) | t) } }}</p>
              }
            }
            <button nz-button nzType="primary" type="button" data-testid="major-case-submit" [disabled]="busy()" (click)="submit(r)">{{ 'majorCases.detail.submit' | t }}</button>
          </div>
        } @else {
          <dl class="content" data-testid="major-case-content">
            @for (f of fields; track f) {
              <dt>{{ fieldKey(f) | t }}</dt><dd class="pre">{{ r[f] ?? '—' }}</dd>
            }
          </dl>
        }
        <div class="buttons">
          @if (r.can.send) {
            <button nz-button nzType="primary" type="button" data-testid="major-case-send" [disabled]="busy()" (click)="act(r, 'send')">{{ 'majorCases.detail.send' | t }}</button>
          }
          @if (r.can.acknowledge) {
            <button nz-button nzType="primary" type="button" data-testid="major-case-acknowledge" [disabled]="busy()" (click)="act(r, 'acknowledge')">{{ 'majorCases.detail.acknowledge' | t }}</button>
          }
        </div>
      }
    </section>
  `,
  styles: `
    .facts, .content { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; }
    .facts dt, .content dt { color: #595959; }
    .facts dd, .content dd { margin: 0; }
    .pre { white-space: pre-wrap; }
    .action { margin-top: 20px; display: flex; flex-direction: column; gap: 8px; max-width: 720px; }
    .action button { align-self: flex-start; }
    .buttons { margin-top: 16px; display: flex; gap: 8px; }
    .error { color: #a8071a; margin: 0; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MajorCaseDetailPage {
  private readonly api = inject(MajorCasesApi);
  private readonly now = inject(CLOCK);
  readonly id = input.required<string>();

  protected readonly fields = CONTENT_FIELDS;
  protected readonly fieldKey = fieldKey;
  protected readonly statusKey = statusKey;
  protected readonly triggerKey = triggerKey;
  protected readonly content: ReportContent = { discovery: '', facts: '', result: '', basis: '' };
  protected readonly missing = signal<(keyof ReportContent)[]>([]);
  protected readonly busy = signal(false);

  private readonly changed = signal<MajorCaseReport | null>(null);
  protected readonly report = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.get(params) });
  protected readonly view = computed(() => this.changed() ?? (this.report.hasValue() ? this.report.value() : null));
  protected readonly clock = computed(() => {
    const r = this.view();
    return r ? reportClock(r, chinaDateOf(this.now())) : null;
  });

  private async run(call: () => Promise<MajorCaseReport>): Promise<void> {
    this.busy.set(true);
    try {
      this.changed.set(await call());
    } catch {
      // The error interceptor shows the API's bilingual message.
    } finally {
      this.busy.set(false);
    }
  }

  protected edit(field: keyof ReportContent, event: Event): void {
    this.content[field] = (event.target as HTMLTextAreaElement).value;
  }

  protected async submit(r: MajorCaseReport): Promise<void> {
    this.missing.set(contentErrors(this.content));
    if (this.missing().length || this.busy()) return;
    const body = Object.fromEntries(CONTENT_FIELDS.map((f) => [f, this.content[f].trim()])) as unknown as ReportContent;
    await this.run(() => firstValueFrom(this.api.submit(r.id, body)));
  }

  protected async act(r: MajorCaseReport, step: 'send' | 'acknowledge'): Promise<void> {
    if (this.busy()) return;
    await this.run(() => firstValueFrom(step === 'send' ? this.api.send(r.id) : this.api.acknowledge(r.id)));
  }
}
