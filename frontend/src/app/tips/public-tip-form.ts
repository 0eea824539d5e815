import { chinaDateOf } from '../core/china-date';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { describeHttpError } from '../core/error-interceptor';
import { TPipe } from '../i18n/t-pipe';
import { DayPicker } from '../shell/day-picker';
import { TranslationService } from '../i18n/translation';
import { type PublicInstitution, PublicTipsApi, type TipSubmission, type UploadedEvidence } from './tips-api';
import { PublicHeader } from './public-header';

/** What a failed call says to the user, in the current language (the API's bilingual message when it sent one). */
export function errorText(err: unknown, i18n: TranslationService): string {
  return err instanceof HttpErrorResponse ? describeHttpError(err, i18n) : String(err);
}

export interface TipDraft {
  anonymous: boolean;
  name: string;
  phone: string;
  idNumber: string;
  institution: PublicInstitution | null;
  personReported: string;
  regionCode: string;
  facts: string;
  happenedOn: string;
  amount: number | null;
}

/** The missing required fields of a draft, as dictionary keys (empty: ready to submit). */
export function missingFields(d: TipDraft): ('tips.form.name' | 'tips.form.phone' | 'tips.form.institution' | 'tips.form.facts')[] {
  const missing: ('tips.form.name' | 'tips.form.phone' | 'tips.form.institution' | 'tips.form.facts')[] = [];
  if (!d.anonymous && !d.name.trim()) missing.push('tips.form.name');
  if (!d.anonymous && !d.phone.trim()) missing.push('tips.form.phone');
  if (!d.institution && !d.personReported.trim()) missing.push('tips.form.institution');
  if (d.facts.trim().length < 10) missing.push('tips.form.facts');
  return missing;
}

/** The request of a draft: reporter fields only when named, empty optional fields left out. */
export function submissionOf(d: TipDraft, evidence: string[]): TipSubmission {
  return {
    anonymous: d.anonymous,
    ...(d.anonymous ? {} : { reporter: { name: d.name.trim(), phone: d.phone.trim(), ...(d.idNumber.trim() ? { idNumber: d.idNumber.trim() } : {}) } }),
    ...(d.institution ? { institutionOrgId: d.institution.id } : {}),
    ...(d.personReported.trim() ? { personReported: d.personReported.trim() } : {}),
    ...(!d.institution && d.regionCode.trim() ? { regionCode: d.regionCode.trim() } : {}),
    facts: d.facts.trim(),
    ...(d.happenedOn ? { happenedOn: d.happenedOn } : {}),
    ...(d.amount !== null && d.amount !== undefined ? { amountInvolved: d.amount } : {}),
    ...(evidence.length ? { evidence } : {}),
  };
}

/** 举报: the public page (no sign-in). On submission, the receipt code, shown once. */
@Component({
  selector: 'app-public-tip-form',
  imports: [DayPicker, FormsModule, RouterLink, NzButtonModule, NzInputModule, NzInputNumberModule, NzRadioModule, NzSelectModule, PublicHeader, TPipe],
  styleUrl: './public-tips.css',
  template: `
    <main class="public-page" id="main">
      <app-public-header page="new" />
      @if (receipt(); as code) {
        <section class="card" data-testid="tip-receipt">
          <h2>{{ 'tips.done.title' | t }}</h2>
          <p>{{ 'tips.done.receipt' | t }}</p>
          <p class="receipt-code" data-testid="tip-receipt-code">{{ code }}</p>
          <p class="error">{{ 'tips.done.keep' | t }}</p>
          <a nz-button nzType="primary" routerLink="/public/tips/receipt">{{ 'tips.done.follow' | t }}</a>
        </section>
      } @else {
        <section class="card">
          <p class="intro">{{ 'tips.public.intro' | t }}</p>
          <p class="protect">{{ 'tips.public.protect' | t }}</p>
        </section>
        <form class="card" (ngSubmit)="submit()" data-testid="tip-form">
          <div class="field">
            <span class="label" id="tip-mode">{{ 'tips.form.mode' | t }}</span>
            <nz-radio-group name="mode" [(ngModel)]="draft.anonymous" aria-labelledby="tip-mode">
              <label nz-radio [nzValue]="true" data-testid="tip-anonymous">{{ 'tips.form.anonymous' | t }}</label>
              <label nz-radio [nzValue]="false" data-testid="tip-real-name">{{ 'tips.form.realName' | t }}</label>
            </nz-radio-group>
          </div>
          @if (!draft.anonymous) {
            <p class="hint">{{ 'tips.form.realNameHint' | t }}</p>
            <div class="row">
              <div class="field"><label for="tip-name">{{ 'tips.form.name' | t }}</label><input nz-input id="tip-name" name="name" autocomplete="name" maxlength="50" [(ngModel)]="draft.name" /></div>
              <div class="field"><label for="tip-phone">{{ 'tips.form.phone' | t }}</label><input nz-input id="tip-phone" name="phone" autocomplete="tel" maxlength="20" [(ngModel)]="draft.phone" /></div>
            </div>
            <div class="field"><label for="tip-id">{{ 'tips.form.idNumber' | t }}</label><input nz-input id="tip-id" name="idNumber" maxlength="18" [(ngModel)]="draft.idNumber" /></div>
          }
          <div class="field">
            <label for="tip-institution">{{ 'tips.form.institution' | t }}</label>
            <nz-select
              nzId="tip-institution"
              name="institution"
              data-testid="tip-institution"
              nzShowSearch
              nzServerSearch
              nzAllowClear
              [nzPlaceHolder]="'tips.form.institutionSearch' | t"
              [(ngModel)]="draft.institution"
              (nzOnSearch)="search($event)"
            >
              @for (i of institutions(); track i.id) {
                <nz-option [nzValue]="i" [nzLabel]="i.name + '（' + i.regionName + '）'" />
              }
            </nz-select>
          </div>
          <div class="row">
            <div class="field"><label for="tip-person">{{ 'tips.form.person' | t }}</label><input nz-input id="tip-person" name="person" maxlength="100" [(ngModel)]="draft.personReported" /></div>
            @if (!draft.institution) {
              <div class="field"><label for="tip-region">{{ 'tips.form.regionCode' | t }}</label><input nz-input id="tip-region" name="region" maxlength="12" [(ngModel)]="draft.regionCode" /></div>
            }
          </div>
          <div class="field">
            <label for="tip-facts">{{ 'tips.form.facts' | t }}</label>
            <textarea nz-input id="tip-facts" name="facts" data-testid="tip-facts" rows="6" maxlength="5000" [(ngModel)]="draft.facts" aria-describedby="tip-facts-hint"></textarea>
            <span class="hint" id="tip-facts-hint">{{ 'tips.form.factsHint' | t }}</span>
          </div>
          <div class="row">
            <div class="field"><label for="tip-when">{{ 'tips.form.happenedOn' | t }}</label><app-day-picker inputId="tip-when" name="happenedOn" [max]="today" [(ngModel)]="draft.happenedOn" /></div>
            <div class="field">
              <label for="tip-amount">{{ 'tips.form.amount' | t }}</label>
              <nz-input-number nzId="tip-amount" name="amount" [nzMin]="0" [nzStep]="100" [nzPrecision]="2" [(ngModel)]="draft.amount" />
            </div>
          </div>
          <div class="field">
            <label for="tip-files">{{ 'tips.form.evidence' | t }}</label>
            <input id="tip-files" type="file" data-testid="tip-files" multiple (change)="pick($event)" [disabled]="uploading() || evidence().length >= 10" aria-describedby="tip-files-hint" />
            <span class="hint" id="tip-files-hint">{{ 'tips.form.evidenceHint' | t }}</span>
            @if (uploading()) { <span class="hint">{{ 'tips.form.uploading' | t }}</span> }
            <ul class="files">
              @for (f of evidence(); track f.token) { <li>{{ f.filename }}</li> }
            </ul>
          </div>
          @if (error(); as e) { <p class="error" role="alert" data-testid="tip-error">{{ e }}</p> }
          @if (busy()) { <p class="hint" role="status">{{ 'tips.form.working' | t }}</p> }
          <button nz-button nzType="primary" type="submit" data-testid="tip-submit" [nzLoading]="busy()" [disabled]="uploading()">{{ 'tips.form.submit' | t }}</button>
        </form>
      }
    </main>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicTipForm {
  private readonly api = inject(PublicTipsApi);
  private readonly i18n = inject(TranslationService);

  readonly today = chinaDateOf(new Date());
  draft: TipDraft = { anonymous: true, name: '', phone: '', idNumber: '', institution: null, personReported: '', regionCode: '', facts: '', happenedOn: '', amount: null };
  readonly institutions = signal<PublicInstitution[]>([]);
  readonly evidence = signal<UploadedEvidence[]>([]);
  readonly uploading = signal(false);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  readonly receipt = signal<string | null>(null);
  readonly ready = computed(() => !this.busy());

  search(q: string): void {
    if (q.trim().length < 2) return;
    this.api.institutions(q.trim()).subscribe({ next: (list) => this.institutions.set(list), error: () => this.institutions.set([]) });
  }

  async pick(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])].slice(0, 10 - this.evidence().length);
    this.uploading.set(true);
    this.error.set(null);
    try {
      for (const file of files) {
        const uploaded = await firstValueFrom(this.api.upload(file));
        this.evidence.update((list) => [...list, uploaded]);
      }
    } catch (err) {
      this.error.set(errorText(err, this.i18n));
    } finally {
      this.uploading.set(false);
      input.value = '';
    }
  }

  async submit(): Promise<void> {
    const missing = missingFields(this.draft);
    if (missing.length) {
      this.error.set(this.i18n.t('tips.form.required', { fields: missing.map((k) => this.i18n.t(k)).join(this.i18n.isZh() ? '、' : ', ') }));
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { receipt } = await firstValueFrom(this.api.submit(submissionOf(this.draft, this.evidence().map((e) => e.token))));
      this.receipt.set(receipt);
    } catch (err) {
      this.error.set(errorText(err, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
