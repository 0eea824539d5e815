import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { firstValueFrom } from 'rxjs';
import { chinaDateOf } from '../core/china-date';
import { CLOCK } from '../core/clock';
import type { Attachment } from '../core/models';
import { MoneyPipe } from '../core/money';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { EvidenceUpload } from './evidence-upload';
import { type DecisionRecoveries as Recoveries, FindingsApi, RECOVERY_METHODS, type RecoveryMethod } from './findings-api';
import { errorText } from './findings-labels';
import { DayPicker } from '../shell/day-picker';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const RECOVERY_METHOD_LABELS: Record<RecoveryMethod, TranslationKey> = {
  deduction: 'recovery.method.deduction',
  repayment: 'recovery.method.repayment',
};

/** The checks the form makes before sending (the backend makes them again, bilingually). */
export function recoveryErrors(amount: number | null, recoveredOn: string, remaining: number, today: string, effectiveDay: string | null): TranslationKey[] {
  const errors: TranslationKey[] = [];
  if (amount === null || !Number.isFinite(amount) || amount <= 0 || Math.round(amount * 100) !== amount * 100) errors.push('recovery.amountInvalid');
  else if (Math.round(amount * 100) > Math.round(remaining * 100)) errors.push('recovery.amountTooLarge');
  if (!DATE.test(recoveredOn)) errors.push('recovery.dateRequired');
  else if (recoveredOn > today) errors.push('recovery.dateFuture');
  else if (effectiveDay && recoveredOn < effectiveDay) errors.push('recovery.dateBeforeEffective');
  return errors;
}

/**
 * The amounts actually recovered under a handling decision (实际追回, issue 16): the confirmed amount
 * (认定金额), what was recovered and what remains, each recovery (扣减 or 退回, date, evidence); the
 * handling agency records one with the form (`canRecord`).
 * Hooks: decision-recoveries, recovery-confirmed, recovery-recovered, recovery-remaining, recovery-row,
 * recovery-form, recovery-amount, recovery-date, recovery-method-<m>, recovery-submit, recovery-error.
 */
@Component({
  selector: 'app-decision-recoveries',
  imports: [DayPicker, DatePipe, FormsModule, NzButtonModule, NzInputModule, NzInputNumberModule, NzRadioModule, EvidenceUpload, MoneyPipe, TPipe],
  template: `
    @if (data(); as r) {
      <h2>{{ 'recovery.heading' | t }}</h2>
      <dl class="facts" data-testid="decision-recoveries">
        <div>
          <dt>{{ 'recovery.confirmed' | t }}</dt>
          <dd class="money" data-testid="recovery-confirmed">{{ r.confirmedAmount | money: 'exact' }}</dd>
        </div>
        <div>
          <dt>{{ 'recovery.recovered' | t }}</dt>
          <dd class="money" data-testid="recovery-recovered">{{ r.recoveredAmount | money: 'exact' }}</dd>
        </div>
        <div>
          <dt>{{ 'recovery.remaining' | t }}</dt>
          <dd class="money" data-testid="recovery-remaining">{{ r.remainingAmount | money: 'exact' }}</dd>
        </div>
      </dl>
      @if (r.items.length) {
        <table class="recoveries">
          <thead>
            <tr>
              <th scope="col">{{ 'recovery.date' | t }}</th>
              <th scope="col">{{ 'recovery.method' | t }}</th>
              <th scope="col" class="num">{{ 'recovery.amount' | t }}</th>
              <th scope="col">{{ 'recovery.evidence' | t }}</th>
              <th scope="col">{{ 'recovery.recordedBy' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (item of r.items; track item.id) {
              <tr data-testid="recovery-row">
                <td>{{ item.recoveredOn }}</td>
                <td>{{ methodLabels[item.method] | t }}</td>
                <td class="num money">{{ item.amount | money }}</td>
                <td>{{ 'recovery.evidenceCount' | t: { count: item.attachmentIds.length } }}</td>
                <td>{{ item.recordedBy }} · {{ item.recordedAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p class="hint" data-testid="recovery-none">{{ 'recovery.none' | t }}</p>
      }
      @if (canRecord() && r.remainingAmount > 0) {
        <div class="step" data-testid="recovery-form">
          <h3>{{ 'recovery.formHeading' | t }}</h3>
          <label class="field">
            {{ 'recovery.amountLabel' | t }}
            <nz-input-number
              data-testid="recovery-amount"
              [nzMin]="0.01"
              [nzMax]="r.remainingAmount"
              [nzStep]="100"
              [nzPrecision]="2"
              [ngModel]="amount()"
              (ngModelChange)="amount.set($event)"
              [nzPlaceHolder]="'recovery.amountPlaceholder' | t: { max: (r.remainingAmount | money) }"
            />
          </label>
          <label class="field">
            {{ 'recovery.date' | t }}
            <app-day-picker data-testid="recovery-date" [max]="today()" [ngModel]="recoveredOn()" (ngModelChange)="recoveredOn.set($event)" />
          </label>
          <nz-radio-group [ngModel]="method()" (ngModelChange)="method.set($event)" [attr.aria-label]="'recovery.method' | t">
            @for (m of methods; track m) {
              <label nz-radio [nzValue]="m" [attr.data-testid]="'recovery-method-' + m">{{ methodLabels[m] | t }}</label>
            }
          </nz-radio-group>
          <app-evidence-upload testId="recovery" [(files)]="files" [(uploading)]="uploading" />
          @for (e of errors(); track $index) {
            <p class="error" data-testid="recovery-error">{{ e | t }}</p>
          }
          @if (serverError()) {
            <p class="error" data-testid="recovery-server-error">{{ serverError() }}</p>
          }
          <div class="actions">
            <button nz-button nzType="primary" type="button" data-testid="recovery-submit" [disabled]="uploading() > 0" [nzLoading]="busy()" (click)="submit()">
              {{ 'recovery.submit' | t }}
            </button>
          </div>
        </div>
      }
    }
  `,
  styles: `
    .recoveries {
      width: 100%;
      border-collapse: collapse;
      margin: 8px 0 16px;
    }
    .recoveries th,
    .recoveries td {
      padding: 6px 8px;
      border-bottom: 1px solid #f0f0f0;
      text-align: left;
    }
    .recoveries .num {
      text-align: right;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-bottom: 8px;
      max-width: 280px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecisionRecoveriesPanel {
  private readonly api = inject(FindingsApi);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly now = inject(CLOCK);

  readonly decisionId = input.required<string>();
  /** The decision took effect (ISO instant), or null: nothing is recovered before. */
  readonly effectiveAt = input<string | null>(null);
  /** The handling agency's user on a decision in effect. */
  readonly canRecord = input(false);

  private readonly loaded = rxResource({
    params: () => ({ id: this.decisionId() }),
    stream: ({ params }) => this.api.recoveries(params.id),
  });
  protected readonly data = linkedSignal<Recoveries | null>(() => (this.loaded.hasValue() ? this.loaded.value() : null));

  protected readonly methods = RECOVERY_METHODS;
  protected readonly methodLabels = RECOVERY_METHOD_LABELS;
  protected readonly today = computed(() => chinaDateOf(this.now()));

  protected readonly amount = signal<number | null>(null);
  protected readonly recoveredOn = linkedSignal(() => this.today());
  protected readonly method = signal<RecoveryMethod>('deduction');
  protected readonly files = signal<Attachment[]>([]);
  protected readonly uploading = signal(0);
  protected readonly errors = signal<TranslationKey[]>([]);
  protected readonly serverError = signal('');
  protected readonly busy = signal(false);

  protected async submit(): Promise<void> {
    const r = this.data();
    if (!r || this.busy() || this.uploading()) return;
    const effective = this.effectiveAt();
    const errors = recoveryErrors(this.amount(), this.recoveredOn(), r.remainingAmount, this.today(), effective ? chinaDateOf(new Date(effective)) : null);
    this.errors.set(errors);
    if (errors.length) return;
    this.busy.set(true);
    this.serverError.set('');
    try {
      const answer = await firstValueFrom(
        this.api.recordRecovery(r.decisionId, { amount: this.amount()!, recoveredOn: this.recoveredOn(), method: this.method(), attachmentIds: this.files().map((f) => f.id) }),
      );
      this.data.set(answer);
      this.amount.set(null);
      this.files.set([]);
      this.message.success(this.i18n.t('recovery.done'));
    } catch (error) {
      this.serverError.set(errorText(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
