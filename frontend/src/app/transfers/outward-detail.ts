import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf } from '../core/china-date';
import { CLOCK } from '../core/clock';
import { saveDownload } from '../core/download';
import { MoneyPipe } from '../core/money';
import { TPipe } from '../i18n/t-pipe';
import { DayPicker } from '../shell/day-picker';
import { MaterialList } from './materials-editor';
import { dayErrors } from './transfer-rules';
import { recipientKey } from './transfer-labels';
import { type OutwardTransferView, TransfersApi } from './transfers-api';

/** 移送详情: the notice, the materials, the follow-up; the bureau records the recipient's receipt and result. */
@Component({
  selector: 'app-outward-detail',
  imports: [FormsModule, RouterLink, NzAlertModule, NzButtonModule, NzIconModule, NzInputModule, NzTagModule, DayPicker, MaterialList, MoneyPipe, TPipe],
  template: `
    <section class="panel">
      <p><a routerLink="../../outward">{{ 'transfers.outward.detail.back' | t }}</a></p>
      @if (outward.error()) {
        <p class="error" data-testid="outward-not-found">{{ 'transfers.outward.detail.notFound' | t }}</p>
      } @else if (view(); as o) {
        <header class="toolbar">
          <h1 data-testid="outward-detail-heading">{{ 'transfers.outward.detail.title' | t }} {{ o.noticeNo }}：{{ recipientKey(o.recipientKind) | t }}</h1>
          @if (o.can.printNotice) {
            <button nz-button type="button" data-testid="outward-notice" (click)="downloadNotice(o)"><nz-icon nzType="file-pdf" />{{ 'transfers.outward.detail.notice' | t }}</button>
          }
        </header>
        @if (report()) {
          <nz-alert nzType="warning" nzShowIcon data-testid="outward-report-opened" [nzMessage]="'transfers.outward.form.reportOpened' | t" />
        }
        @if (o.recipientKind === 'police') {
          <nz-alert nzType="info" nzShowIcon data-testid="outward-police-note" [nzMessage]="'transfers.outward.policeNote' | t" />
        }
        <dl class="facts" data-testid="outward-facts">
          <dt>{{ 'transfers.outward.col.recipientName' | t }}</dt><dd>{{ o.recipientName }}（{{ recipientKey(o.recipientKind) | t }}）</dd>
          <dt>{{ 'transfers.outward.col.case' | t }}</dt><dd><a data-testid="outward-case-link" [routerLink]="['/enforcement', o.caseId]">{{ o.caseId.slice(0, 8) }}</a></dd>
          <dt>{{ 'transfers.outward.col.bureau' | t }}</dt><dd>{{ o.bureau.name }} · {{ o.createdBy }}</dd>
          <dt>{{ 'transfers.outward.col.noticeDate' | t }}</dt><dd>{{ o.noticeDate }}</dd>
          <dt>{{ 'transfers.col.amount' | t }}</dt><dd class="money">{{ o.amountInvolved | money: 'exact' }}</dd>
          <dt>{{ 'transfers.outward.col.followUpDue' | t }}</dt>
          <dd data-testid="outward-follow-up">{{ o.followUpDue }} @if (o.overdue) { <nz-tag nzColor="error">{{ 'transfers.outward.detail.overdue' | t }}</nz-tag> }</dd>
          <dt>{{ 'transfers.outward.col.receiptAt' | t }}</dt><dd data-testid="outward-receipt">{{ o.receiptAt ?? '—' }}</dd>
          <dt>{{ 'transfers.outward.col.result' | t }}</dt><dd class="pre" data-testid="outward-result">{{ o.result ?? '—' }}@if (o.resultAt) { （{{ o.resultAt }}） }</dd>
        </dl>
        <h2>{{ 'transfers.materials.heading' | t }}</h2>
        <app-material-list testId="outward-material-list" [materials]="o.materials" />
        @if (o.can.recordReceipt) {
          <section class="action" data-testid="outward-receipt-form">
            <h2>{{ 'transfers.outward.detail.receipt' | t }}</h2>
            <label>{{ 'transfers.outward.col.receiptAt' | t }}
              <app-day-picker data-testid="outward-receipt-date" [min]="o.noticeDate" [max]="today()" [label]="'transfers.outward.col.receiptAt' | t" [(ngModel)]="receiptAt" />
            </label>
            @if (receiptError()) { <p class="error" data-testid="outward-error-receipt">{{ 'transfers.error.day' | t }}</p> }
            <button nz-button type="button" data-testid="outward-receipt-submit" [disabled]="busy()" (click)="recordReceipt(o)">{{ 'transfers.outward.detail.receiptSubmit' | t }}</button>
          </section>
        }
        @if (o.can.recordResult) {
          <section class="action" data-testid="outward-result-form">
            <h2>{{ (o.result ? 'transfers.outward.detail.resultCorrect' : 'transfers.outward.detail.resultHeading') | t }}</h2>
            <label for="outward-result-text">{{ 'transfers.outward.col.result' | t }}</label>
            <textarea nz-input id="outward-result-text" rows="3" data-testid="outward-result-text" [(ngModel)]="result"></textarea>
            @if (resultError()) { <p class="error" data-testid="outward-error-result">{{ 'transfers.error.result' | t }}</p> }
            <label>{{ 'transfers.outward.col.resultAt' | t }}
              <app-day-picker data-testid="outward-result-date" [min]="o.noticeDate" [max]="today()" [label]="'transfers.outward.col.resultAt' | t" [(ngModel)]="resultAt" />
            </label>
            @if (resultDayError()) { <p class="error" data-testid="outward-error-result-date">{{ 'transfers.error.day' | t }}</p> }
            <button nz-button nzType="primary" type="button" data-testid="outward-result-submit" [disabled]="busy()" (click)="recordResult(o)">{{ 'transfers.outward.detail.resultSubmit' | t }}</button>
          </section>
        }
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', './transfers-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutwardDetailPage {
  private readonly api = inject(TransfersApi);
  private readonly now = inject(CLOCK);
  private readonly document = inject(DOCUMENT);
  readonly id = input.required<string>();
  /** ?report=<id>: the send just opened a major-case report. */
  readonly report = input<string>();

  protected readonly recipientKey = recipientKey;
  protected readonly today = computed(() => chinaDateOf(this.now()));
  protected receiptAt: string | null = chinaDateOf(this.now());
  protected resultAt: string | null = chinaDateOf(this.now());
  protected result = '';
  protected readonly receiptError = signal(false);
  protected readonly resultError = signal(false);
  protected readonly resultDayError = signal(false);
  protected readonly busy = signal(false);

  private readonly changed = signal<OutwardTransferView | null>(null);
  protected readonly outward = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.outward(params) });
  protected readonly view = computed(() => this.changed() ?? (this.outward.hasValue() ? this.outward.value() : null));

  private async run(call: () => Promise<OutwardTransferView>): Promise<void> {
    this.busy.set(true);
    try {
      this.changed.set(await call());
    } catch {
      // The error interceptor shows the API's bilingual message.
    } finally {
      this.busy.set(false);
    }
  }

  protected async downloadNotice(o: OutwardTransferView): Promise<void> {
    try {
      saveDownload(this.document, await firstValueFrom(this.api.outwardNotice(o.id)), `案件移送函-第${o.noticeNo}号.pdf`);
    } catch {
      // The error interceptor says why.
    }
  }

  protected async recordReceipt(o: OutwardTransferView): Promise<void> {
    this.receiptError.set(dayErrors(this.receiptAt, o.noticeDate, this.today()));
    if (this.receiptError() || this.busy()) return;
    await this.run(() => firstValueFrom(this.api.recordReceipt(o.id, this.receiptAt!)));
  }

  protected async recordResult(o: OutwardTransferView): Promise<void> {
    this.resultError.set(!this.result.trim());
    this.resultDayError.set(dayErrors(this.resultAt, o.noticeDate, this.today()));
    if (this.resultError() || this.resultDayError() || this.busy()) return;
    await this.run(() => firstValueFrom(this.api.recordResult(o.id, this.result.trim(), this.resultAt!)));
  }
}
