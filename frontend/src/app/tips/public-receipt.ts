import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { money } from '../core/money';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { errorText } from './public-tip-form';
import { PublicHeader } from './public-header';
import { type TipReceiptView, PublicTipsApi } from './tips-api';
import { tipResultKey, tipRewardKey, tipStatusKey } from './tip-labels';

/** 举报进度查询: the receipt holder's own tip — status, questions to answer, result, reward to claim. */
@Component({
  selector: 'app-public-receipt',
  imports: [DatePipe, FormsModule, NzButtonModule, NzInputModule, NzTagModule, PublicHeader, TPipe],
  styleUrl: './public-tips.css',
  template: `
    <main class="public-page" id="main">
      <app-public-header page="receipt" />
      <form class="card" (ngSubmit)="open()">
        <div class="field">
          <label for="receipt-code">{{ 'tips.receipt.code' | t }}</label>
          <input nz-input id="receipt-code" name="code" data-testid="receipt-code" inputmode="numeric" autocomplete="off" maxlength="24" [(ngModel)]="code" />
        </div>
        <button nz-button nzType="primary" type="submit" data-testid="receipt-open" [nzLoading]="busy()">{{ 'tips.receipt.open' | t }}</button>
        @if (error(); as e) { <p class="error" role="alert" data-testid="receipt-error">{{ e }}</p> }
      </form>
      @if (view(); as v) {
        <section class="card" data-testid="receipt-view">
          <dl class="facts">
            <dt>{{ 'tips.receipt.status' | t }}</dt><dd data-testid="receipt-status">{{ statusKey(v.status) | t }}</dd>
            <dt>{{ 'tips.receipt.filedOn' | t }}</dt><dd>{{ v.createdAt | date: 'yyyy-MM-dd' : '+0800' }}</dd>
            <dt>{{ 'tips.receipt.intake' | t }}</dt><dd>{{ v.intakeOrgName }}</dd>
            @if (v.status === 'received') { <dt>{{ 'tips.receipt.acceptDue' | t }}</dt><dd>{{ v.acceptDue | date: 'yyyy-MM-dd' : '+0800' }}</dd> }
            @if (v.rejectionReason) { <dt>{{ 'tips.receipt.rejection' | t }}</dt><dd>{{ v.rejectionReason }}</dd> }
            <dt>{{ 'tips.col.subject' | t }}</dt><dd>{{ v.institutionName ?? v.personReported }}</dd>
            <dt>{{ 'tips.form.facts' | t }}</dt><dd>{{ v.facts }}</dd>
            @if (v.status === 'accepted') {
              <dt>{{ 'tips.receipt.result' | t }}</dt><dd data-testid="receipt-result">{{ resultKey(v.result?.result ?? null) | t }}</dd>
            }
            @if (v.reward; as r) {
              <dt>{{ 'tips.receipt.reward' | t }}</dt>
              <dd data-testid="receipt-reward">{{ amount(r.amount) }} · {{ rewardKey(r.status) | t }}</dd>
            }
          </dl>
        </section>
        @if (v.questions.length) {
          <section class="card">
            <h2>{{ 'tips.receipt.questions' | t }}</h2>
            @for (q of v.questions; track q.id) {
              <div class="question" data-testid="receipt-question">
                <p>{{ q.question }}</p>
                @if (q.answer) {
                  <p class="hint">{{ 'tips.receipt.answer' | t }}：{{ q.answer }}</p>
                } @else {
                  <div class="field">
                    <label [for]="'answer-' + q.id">{{ 'tips.receipt.answer' | t }}</label>
                    <textarea nz-input [id]="'answer-' + q.id" rows="3" maxlength="5000" [(ngModel)]="answers[q.id]" [name]="'answer-' + q.id"></textarea>
                  </div>
                  <button nz-button type="button" data-testid="receipt-answer" (click)="answer(q.id)">{{ 'tips.receipt.sendAnswer' | t }}</button>
                }
              </div>
            }
          </section>
        }
        @if (v.reward?.status === 'approved') {
          <form class="card" (ngSubmit)="claim()" data-testid="receipt-claim">
            <h2>{{ 'tips.receipt.claim' | t }}</h2>
            <div class="row">
              <div class="field"><label for="payee-name">{{ 'tips.receipt.payeeName' | t }}</label><input nz-input id="payee-name" name="payeeName" maxlength="50" [(ngModel)]="payee.name" /></div>
              <div class="field"><label for="payee-account">{{ 'tips.receipt.payeeAccount' | t }}</label><input nz-input id="payee-account" name="payeeAccount" maxlength="64" [(ngModel)]="payee.account" /></div>
            </div>
            <div class="field"><label for="payee-bank">{{ 'tips.receipt.payeeBank' | t }}</label><input nz-input id="payee-bank" name="payeeBank" maxlength="100" [(ngModel)]="payee.bank" /></div>
            <button nz-button nzType="primary" type="submit">{{ 'tips.receipt.claim' | t }}</button>
          </form>
        }
      }
    </main>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicReceipt {
  private readonly api = inject(PublicTipsApi);
  private readonly i18n = inject(TranslationService);

  code = '';
  answers: Record<string, string> = {};
  payee = { name: '', account: '', bank: '' };
  readonly view = signal<TipReceiptView | null>(null);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  readonly statusKey = tipStatusKey;
  readonly resultKey = tipResultKey;
  readonly rewardKey = tipRewardKey;

  amount(v: number): string {
    return money(v, 'exact', this.i18n.lang());
  }

  private async run(call: () => Promise<TipReceiptView>, notFound = false): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      this.view.set(await call());
    } catch (err) {
      if (notFound) this.view.set(null);
      this.error.set(notFound ? this.i18n.t('tips.receipt.notFound') : errorText(err, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }

  open(): Promise<void> {
    return this.run(() => firstValueFrom(this.api.receipt(this.code.replace(/[\s-]/g, ''))), true);
  }

  answer(questionId: string): Promise<void> {
    return this.run(() => firstValueFrom(this.api.answer(this.code.replace(/[\s-]/g, ''), questionId, this.answers[questionId] ?? '')));
  }

  claim(): Promise<void> {
    const { name, account, bank } = this.payee;
    return this.run(() => firstValueFrom(this.api.claim(this.code.replace(/[\s-]/g, ''), { name, account, ...(bank ? { bank } : {}) })));
  }
}
