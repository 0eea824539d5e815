import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { type Observable, firstValueFrom, map, of } from 'rxjs';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import type { DecisionView, FindingView, LeadDetail } from '../core/api-types.generated';
import { silentErrors } from '../core/http-context';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { MaterialsEditor } from './materials-editor';
import { type FieldErrors, type MaterialDraft, amountOf, blankMaterial, hasErrors, materialsOf, transferErrors } from './transfer-rules';
import { type TransferPrefill, prefillFromDecision, prefillFromFinding, prefillFromLead } from './transfer-source';
import { type TransferSource, TransfersApi } from './transfers-api';

const SOURCES: readonly TransferSource[] = ['finding', 'decision', 'lead'];

/**
 * 移交同级医保行政部门: the agency hands a finding, a decision or a lead (?sourceKind=&sourceId=) with its
 * materials and the amount to the bureau of its region. The form starts from the source's record.
 */
@Component({
  selector: 'app-transfer-form',
  imports: [FormsModule, RouterLink, NzAlertModule, NzButtonModule, NzInputModule, MaterialsEditor, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar"><h1 data-testid="transfer-form-heading">{{ 'transfers.form.title' | t }}</h1></header>
      <p class="hint">{{ 'transfers.form.hint' | t }}</p>
      @if (!kind()) {
        <nz-alert nzType="warning" nzShowIcon data-testid="transfer-form-no-source" [nzMessage]="'transfers.form.sourceMissing' | t" />
      } @else if (source.error() || (source.hasValue() && !source.value())) {
        <nz-alert nzType="error" nzShowIcon data-testid="transfer-form-source-failed" [nzMessage]="'transfers.form.sourceFailed' | t" />
      } @else if (source.hasValue() && source.value(); as s) {
        <form class="form" data-testid="transfer-form" (ngSubmit)="submit()">
          <dl class="facts">
            <dt>{{ 'transfers.form.source' | t }}</dt>
            <dd data-testid="transfer-form-source">{{ sourceKey() | t }}（{{ sourceId() }}）</dd>
            <dt>{{ 'transfers.form.institution' | t }}</dt>
            <dd data-testid="transfer-form-institution">{{ s.institution.name }}</dd>
          </dl>
          <div class="field">
            <label for="transfer-subject">{{ 'transfers.form.subject' | t }}</label>
            <input nz-input id="transfer-subject" name="subject" data-testid="transfer-subject" [(ngModel)]="subject" />
            @if (errors()['subject']; as e) { <p class="error" data-testid="transfer-error-subject">{{ e | t }}</p> }
          </div>
          <div class="field">
            <label for="transfer-facts">{{ 'transfers.form.facts' | t }}</label>
            <textarea nz-input id="transfer-facts" name="facts" rows="5" data-testid="transfer-facts" [(ngModel)]="facts"></textarea>
            @if (errors()['facts']; as e) { <p class="error" data-testid="transfer-error-facts">{{ e | t }}</p> }
          </div>
          <div class="field">
            <label for="transfer-amount">{{ 'transfers.form.amount' | t }}</label>
            <input nz-input id="transfer-amount" name="amount" inputmode="decimal" data-testid="transfer-amount" [(ngModel)]="amount" />
            @if (errors()['amount']; as e) { <p class="error" data-testid="transfer-error-amount">{{ e | t }}</p> }
          </div>
          <app-materials-editor testId="transfer-materials" [(rows)]="materials" />
          @if (errors()['materials']; as e) { <p class="error" data-testid="transfer-error-materials">{{ e | t }}</p> }
          <div class="buttons">
            <button nz-button nzType="primary" type="submit" data-testid="transfer-submit" [nzLoading]="sending()">{{ 'transfers.form.submit' | t }}</button>
            <a nz-button routerLink="../list">{{ 'transfers.form.cancel' | t }}</a>
          </div>
        </form>
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', './transfers-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransferForm {
  private readonly http = inject(HttpClient);
  private readonly api = inject(TransfersApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  readonly sourceKind = input<string>();
  readonly sourceId = input<string>();

  protected readonly kind = computed(() => (SOURCES.includes(this.sourceKind() as TransferSource) && this.sourceId() ? (this.sourceKind() as TransferSource) : null));
  protected readonly sourceKey = computed(() => `transfers.source.${this.kind()}` as TranslationKey);

  protected subject = '';
  protected facts = '';
  protected amount = '';
  protected readonly materials = signal<MaterialDraft[]>([]);
  protected readonly errors = signal<FieldErrors>({});
  protected readonly sending = signal(false);

  /** The source's record, turned into the form's starting values (null: nothing to transfer from it). */
  protected readonly source = rxResource({
    params: () => (this.kind() ? { kind: this.kind()!, id: this.sourceId()! } : undefined),
    stream: ({ params }) => this.load(params.kind, params.id).pipe(map((prefill) => (prefill ? this.start(prefill) : null))),
  });

  private load(kind: TransferSource, id: string): Observable<TransferPrefill | null> {
    const url = (path: string) => `/api/${path}/${encodeURIComponent(id)}`;
    const options = { context: silentErrors() };
    if (kind === 'finding') return this.http.get<FindingView>(url('findings'), options).pipe(map(prefillFromFinding));
    if (kind === 'decision') return this.http.get<DecisionView>(url('decisions'), options).pipe(map(prefillFromDecision));
    if (kind === 'lead') return this.http.get<LeadDetail>(url('leads'), options).pipe(map(prefillFromLead));
    return of(null);
  }

  private start(prefill: TransferPrefill): TransferPrefill {
    this.subject = prefill.subject;
    this.facts = prefill.facts;
    this.amount = prefill.amount;
    this.materials.set(prefill.materials.length ? prefill.materials : [blankMaterial()]);
    return prefill;
  }

  protected async submit(): Promise<void> {
    const s = this.source.hasValue() ? this.source.value() : null;
    if (!s || this.sending()) return;
    const errors = transferErrors({ subject: this.subject, facts: this.facts, amount: this.amount, materials: this.materials() });
    this.errors.set(errors);
    if (hasErrors(errors)) return;
    this.sending.set(true);
    try {
      const sent = await firstValueFrom(this.api.send({
        sourceKind: this.kind()!, sourceId: this.sourceId()!, institutionOrgId: s.institution.id, subject: this.subject.trim(), facts: this.facts.trim(),
        amountInvolved: amountOf(this.amount) ?? null, materials: materialsOf(this.materials())!,
      }));
      await this.router.navigate(['..', 'transfer', sent.id], { relativeTo: this.route });
    } catch {
      // The error interceptor shows the API's bilingual message; nothing was sent.
    } finally {
      this.sending.set(false);
    }
  }
}
