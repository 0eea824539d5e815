import { chinaDateOf } from '../core/china-date';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { type Observable, firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { MoneyPipe } from '../core/money';
import { TPipe } from '../i18n/t-pipe';
import { DayPicker } from '../shell/day-picker';
import { TranslationService } from '../i18n/translation';
import { errorText } from './public-tip-form';
import { type ReporterReading, type TipView, TipsApi } from './tips-api';
import { tipResultKey, tipRewardKey, tipStatusKey } from './tip-labels';

/** What the reader may do on a tip, from the view (the API decides again). */
export function tipActions(tip: TipView): { decide: boolean; ask: boolean; readReporter: boolean; propose: boolean; approve: boolean; pay: boolean } {
  return {
    decide: tip.mayDecide,
    ask: tip.mayHandle && tip.status !== 'rejected',
    readReporter: tip.mayReadReporter,
    propose: tip.mayHandle && tip.status === 'accepted' && tip.leadOutcome?.result === 'violation_confirmed' && (tip.reward === null || tip.reward.status === 'proposed'),
    approve: tip.mayApproveReward,
    pay: tip.mayHandle && tip.reward?.status === 'claimed',
  };
}

/** 举报详情: the facts, the intake decision, questions, the audited reading of the reporter, the reward. */
@Component({
  selector: 'app-tip-detail',
  imports: [DatePipe, DayPicker, FormsModule, RouterLink, NzButtonModule, NzInputModule, NzTagModule, MoneyPipe, TPipe],
  template: `
    <section class="panel">
      <p><a routerLink="../../list">{{ 'tips.detail.back' | t }}</a></p>
      @if (tip.error()) {
        <p class="error" data-testid="tip-not-found">{{ 'tips.detail.notFound' | t }}</p>
      } @else if (view(); as v) {
        <header class="toolbar"><h1>{{ 'tips.detail.title' | t }}：{{ v.institution?.name ?? v.personReported }}</h1></header>
        <dl class="facts" data-testid="tip-facts">
          <dt>{{ 'tips.col.status' | t }}</dt><dd data-testid="tip-status">{{ statusKey(v.status) | t }} @if (v.overdue) { <nz-tag nzColor="error">{{ 'tips.overdue' | t }}</nz-tag> }</dd>
          <dt>{{ 'tips.col.acceptDue' | t }}</dt><dd>{{ v.acceptDue | date: 'yyyy-MM-dd' : '+0800' }}</dd>
          <dt>{{ 'tips.receipt.intake' | t }}</dt><dd>{{ v.intakeOrgName }}</dd>
          <dt>{{ 'tips.col.mode' | t }}</dt><dd>{{ (v.anonymous ? 'tips.anonymous' : 'tips.realName') | t }}</dd>
          @if (v.personReported) { <dt>{{ 'tips.form.person' | t }}</dt><dd>{{ v.personReported }}</dd> }
          <dt>{{ 'tips.form.facts' | t }}</dt><dd class="pre">{{ v.facts }}</dd>
          @if (v.happenedOn) { <dt>{{ 'tips.form.happenedOn' | t }}</dt><dd>{{ v.happenedOn }}</dd> }
          @if (v.amountInvolved !== null) { <dt>{{ 'tips.col.amount' | t }}</dt><dd class="money">{{ v.amountInvolved | money }}</dd> }
          <dt>{{ 'tips.detail.evidence' | t }}</dt><dd>{{ v.attachmentIds.length }}</dd>
          @if (v.decisionReason) { <dt>{{ 'tips.detail.decision' | t }}</dt><dd>{{ v.decidedBy }}：{{ v.decisionReason }}</dd> }
          @if (v.leadId) { <dt>{{ 'tips.detail.lead' | t }}</dt><dd data-testid="tip-lead">{{ resultKey(v.leadOutcome?.result ?? null) | t }}</dd> }
          @if (v.reward; as r) {
            <dt>{{ 'tips.receipt.reward' | t }}</dt>
            <dd data-testid="tip-reward"><span class="money">{{ r.amount | money: 'exact' }}</span> · {{ rewardKey(r.status) | t }}<div class="hint">{{ 'tips.detail.rewardRule' | t }}：{{ r.source }}</div></dd>
          }
        </dl>

        @if (error(); as e) { <p class="error" role="alert" data-testid="tip-action-error">{{ e }}</p> }

        @if (actions().decide) {
          <section class="action">
            <div class="field"><label for="tip-comment">{{ 'tips.detail.comment' | t }}</label><input nz-input id="tip-comment" name="comment" [(ngModel)]="comment" /></div>
            <button nz-button nzType="primary" type="button" data-testid="tip-accept" (click)="act(api.accept(v.id, comment))">{{ 'tips.detail.accept' | t }}</button>
            <div class="field"><label for="tip-reason">{{ 'tips.detail.rejectReason' | t }}</label><input nz-input id="tip-reason" name="reason" [(ngModel)]="rejectReason" /></div>
            <button nz-button nzDanger type="button" data-testid="tip-reject" (click)="act(api.reject(v.id, rejectReason))">{{ 'tips.detail.reject' | t }}</button>
          </section>
        }

        <section class="action">
          <h2>{{ 'tips.receipt.questions' | t }}</h2>
          @for (q of v.questions; track q.id) {
            <div class="question"><p>{{ q.question }}</p><p class="hint">{{ q.answer ?? ('tips.detail.unanswered' | t) }}</p></div>
          }
          @if (actions().ask) {
            <div class="field"><label for="tip-question">{{ 'tips.detail.question' | t }}</label><input nz-input id="tip-question" name="question" [(ngModel)]="question" /></div>
            <button nz-button type="button" data-testid="tip-ask" (click)="act(api.ask(v.id, question))">{{ 'tips.detail.ask' | t }}</button>
          }
        </section>

        @if (actions().readReporter) {
          <section class="action" data-testid="tip-reporter">
            <h2>{{ 'tips.detail.reporter' | t }}</h2>
            <p class="hint">{{ 'tips.detail.reporterProtected' | t }}</p>
            @if (reporter(); as r) {
              @if (r.reporter; as p) { <p data-testid="tip-reporter-details">{{ p.name }} · {{ p.phone }}@if (p.idNumber) { · {{ p.idNumber }} }</p> }
              @if (r.payee; as p) { <p>{{ 'tips.detail.payee' | t }}：{{ p.name }} · {{ p.account }}@if (p.bank) { · {{ p.bank }} }</p> }
            } @else {
              <div class="field"><label for="tip-read-reason">{{ 'tips.detail.readReason' | t }}</label><input nz-input id="tip-read-reason" name="readReason" [(ngModel)]="readReason" /></div>
              <button nz-button type="button" data-testid="tip-read-reporter" (click)="read(v.id)">{{ 'tips.detail.readReporter' | t }}</button>
            }
          </section>
        }

        @if (actions().propose || actions().approve || actions().pay) {
          <section class="action">
            <h2>{{ 'tips.receipt.reward' | t }}</h2>
            @if (actions().propose) { <button nz-button type="button" data-testid="tip-propose" (click)="act(api.proposeReward(v.id))">{{ 'tips.detail.proposeReward' | t }}</button> }
            @if (actions().approve) { <button nz-button nzType="primary" type="button" data-testid="tip-approve" (click)="act(api.approveReward(v.id))">{{ 'tips.detail.approveReward' | t }}</button> }
            @if (actions().pay) {
              <div class="field"><label for="tip-paid-on">{{ 'tips.detail.paidOn' | t }}</label><app-day-picker inputId="tip-paid-on" name="paidOn" [(ngModel)]="paidOn" /></div>
              <div class="field"><label for="tip-reference">{{ 'tips.detail.reference' | t }}</label><input nz-input id="tip-reference" name="reference" [(ngModel)]="reference" /></div>
              <button nz-button type="button" data-testid="tip-pay" (click)="act(api.recordPayment(v.id, paidOn, reference))">{{ 'tips.detail.recordPayment' | t }}</button>
            }
          </section>
        }
      }
    </section>
  `,
  styles: `
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; }
    .facts dt { color: #595959; }
    .facts dd { margin: 0; }
    .pre { white-space: pre-wrap; }
    .action { margin-top: 20px; display: flex; flex-direction: column; gap: 8px; max-width: 640px; align-items: flex-start; }
    .field { display: flex; flex-direction: column; gap: 4px; width: 100%; }
    .question { border-top: 1px solid #f0f0f0; width: 100%; }
    .error { color: #a8071a; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TipDetail {
  protected readonly api = inject(TipsApi);
  private readonly i18n = inject(TranslationService);
  readonly id = input.required<string>();

  protected readonly statusKey = tipStatusKey;
  protected readonly resultKey = tipResultKey;
  protected readonly rewardKey = tipRewardKey;
  protected comment = '';
  protected rejectReason = '';
  protected question = '';
  protected readReason = '';
  protected paidOn = chinaDateOf(new Date());
  protected reference = '';
  private readonly changed = signal<TipView | null>(null);
  protected readonly reporter = signal<ReporterReading | null>(null);
  protected readonly error = signal<string | null>(null);

  protected readonly tip = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.get(params) });
  protected readonly view = computed(() => this.changed() ?? (this.tip.hasValue() ? this.tip.value() : null));
  protected readonly actions = computed(() => { const v = this.view(); return v ? tipActions(v) : tipActions(EMPTY); });

  protected async act(call: Observable<TipView>): Promise<void> {
    this.error.set(null);
    try {
      this.changed.set(await firstValueFrom(call));
    } catch (err) {
      this.error.set(errorText(err, this.i18n));
    }
  }

  protected async read(id: string): Promise<void> {
    this.error.set(null);
    try {
      this.reporter.set(await firstValueFrom(this.api.readReporter(id, this.readReason)));
    } catch (err) {
      this.error.set(errorText(err, this.i18n));
    }
  }
}

const EMPTY = { mayHandle: false, mayDecide: false, mayReadReporter: false, mayApproveReward: false, status: 'received', reward: null, rewardStatus: null, leadOutcome: null } as unknown as TipView;
