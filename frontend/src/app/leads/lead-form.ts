import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink, ActivatedRoute } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { DayPicker } from '../shell/day-picker';
import { TranslationService } from '../i18n/translation';
import { LEAD_SOURCES, type LeadSource, type NewLead, LeadsApi } from './leads-api';
import { leadSourceKey } from './lead-labels';

export interface LeadDraft {
  source: LeadSource | null;
  sourceRef: string;
  regionCode: string;
  institutionOrgId: string;
  subject: string;
  facts: string;
  amount: string;
  dueDate: string;
}

export const emptyLeadDraft = (): LeadDraft => ({ source: null, sourceRef: '', regionCode: '', institutionOrgId: '', subject: '', facts: '', amount: '', dueDate: '' });

/** The labels of the required fields still empty. */
export function missingLeadFields(d: LeadDraft): TranslationKey[] {
  const missing: TranslationKey[] = [];
  if (!d.source) missing.push('leads.form.source');
  if (!d.regionCode.trim()) missing.push('leads.form.regionCode');
  if (!d.subject.trim()) missing.push('leads.form.subject');
  if (!d.facts.trim()) missing.push('leads.form.facts');
  return missing;
}

/** The request of a draft: only the filled optional fields, trimmed (the backend checks the rest). */
export function newLeadOf(d: LeadDraft): NewLead {
  const lead: NewLead = { source: d.source!, regionCode: d.regionCode.trim(), subject: d.subject.trim(), facts: d.facts.trim() };
  if (d.sourceRef.trim()) lead.sourceRef = d.sourceRef.trim();
  if (d.institutionOrgId.trim()) lead.institutionOrgId = d.institutionOrgId.trim();
  if (d.amount.trim()) lead.amountInvolved = d.amount.trim();
  if (d.dueDate) lead.dueDate = d.dueDate;
  return lead;
}

/** 登记线索: a lead entered in the ledger of the reader's unit. */
@Component({
  selector: 'app-lead-form',
  imports: [DayPicker, FormsModule, RouterLink, NzButtonModule, NzInputModule, NzSelectModule, TPipe],
  template: `
    <section class="panel">
      <p><a routerLink="../list">{{ 'leads.form.cancel' | t }}</a></p>
      <header class="toolbar"><h1>{{ 'leads.form.title' | t }}</h1></header>
      <form class="form" (ngSubmit)="submit()">
        <label for="lead-source-input">{{ 'leads.form.source' | t }}</label>
        <nz-select nzId="lead-source-input" name="source" data-testid="lead-form-source" [(ngModel)]="draft.source">
          @for (s of sources; track s) { <nz-option [nzValue]="s" [nzLabel]="sourceKey(s) | t" /> }
        </nz-select>
        <label for="lead-source-ref">{{ 'leads.form.sourceRef' | t }}</label>
        <input nz-input id="lead-source-ref" name="sourceRef" data-testid="lead-form-source-ref" [(ngModel)]="draft.sourceRef" />
        <label for="lead-region">{{ 'leads.form.regionCode' | t }}</label>
        <input nz-input id="lead-region" name="regionCode" data-testid="lead-form-region" [(ngModel)]="draft.regionCode" />
        <label for="lead-institution">{{ 'leads.form.institution' | t }}</label>
        <input nz-input id="lead-institution" name="institutionOrgId" data-testid="lead-form-institution" [(ngModel)]="draft.institutionOrgId" />
        <label for="lead-subject">{{ 'leads.form.subject' | t }}</label>
        <input nz-input id="lead-subject" name="subject" data-testid="lead-form-subject" [(ngModel)]="draft.subject" />
        <label for="lead-facts">{{ 'leads.form.facts' | t }}</label>
        <textarea nz-input id="lead-facts" name="facts" rows="5" data-testid="lead-form-facts" [(ngModel)]="draft.facts"></textarea>
        <label for="lead-amount">{{ 'leads.form.amount' | t }}</label>
        <input nz-input id="lead-amount" name="amount" inputmode="decimal" data-testid="lead-form-amount" [(ngModel)]="draft.amount" />
        <label for="lead-due">{{ 'leads.form.dueDate' | t }}</label>
        <app-day-picker inputId="lead-due" name="dueDate" data-testid="lead-form-due" [(ngModel)]="draft.dueDate" />
        @if (error(); as e) { <p class="error" role="alert" data-testid="lead-form-error">{{ e }}</p> }
        <button nz-button nzType="primary" type="submit" data-testid="lead-form-submit" [nzLoading]="saving()">{{ 'leads.form.submit' | t }}</button>
      </form>
    </section>
  `,
  styles: `
    .form { display: flex; flex-direction: column; gap: 6px; max-width: 640px; align-items: stretch; }
    .form button { align-self: flex-start; margin-top: 8px; }
    .error { color: #a8071a; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LeadForm {
  private readonly api = inject(LeadsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly i18n = inject(TranslationService);

  protected readonly sources = LEAD_SOURCES;
  protected readonly sourceKey = leadSourceKey;
  protected readonly draft: LeadDraft = emptyLeadDraft();
  protected readonly error = signal<string | null>(null);
  protected readonly saving = signal(false);

  protected async submit(): Promise<void> {
    const missing = missingLeadFields(this.draft);
    if (missing.length) {
      this.error.set(this.i18n.t('leads.form.missing', { fields: missing.map((k) => this.i18n.t(k)).join(this.i18n.isZh() ? '、' : ', ') }));
      return;
    }
    this.error.set(null);
    this.saving.set(true);
    try {
      const lead = await firstValueFrom(this.api.register(newLeadOf(this.draft)));
      void this.router.navigate(['..', 'lead', lead.id], { relativeTo: this.route });
    } catch {
      // The error interceptor shows the API's bilingual message; the draft stays for correction.
    } finally {
      this.saving.set(false);
    }
  }
}
