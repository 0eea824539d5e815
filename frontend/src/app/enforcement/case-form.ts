import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { TPipe } from '../i18n/t-pipe';
import { EnforcementApi } from './enforcement-api';

/** 提请立案: a case proposed at the reader's bureau; a leader approves the filing on its page. */
@Component({
  selector: 'app-case-form',
  imports: [FormsModule, RouterLink, NzButtonModule, NzInputModule, TPipe],
  template: `
    <section class="panel">
      <p><a routerLink="../list">{{ 'enforcement.detail.back' | t }}</a></p>
      <h1>{{ 'enforcement.form.title' | t }}</h1>
      <form class="form" (ngSubmit)="submit()">
        <label for="case-region">{{ 'enforcement.form.regionCode' | t }}</label>
        <input nz-input id="case-region" name="regionCode" data-testid="case-region" [(ngModel)]="regionCode" />
        <label for="case-institution">{{ 'enforcement.form.institution' | t }}</label>
        <input nz-input id="case-institution" name="institutionOrgId" data-testid="case-institution" [(ngModel)]="institutionOrgId" />
        <label for="case-subject">{{ 'enforcement.form.subject' | t }}</label>
        <input nz-input id="case-subject" name="subject" data-testid="case-subject" [(ngModel)]="subject" />
        <label for="case-facts">{{ 'enforcement.form.facts' | t }}</label>
        <textarea nz-input id="case-facts" name="facts" rows="5" data-testid="case-facts-input" [(ngModel)]="facts"></textarea>
        <label for="case-amount">{{ 'enforcement.form.amount' | t }}</label>
        <input nz-input id="case-amount" name="amountInvolved" inputmode="decimal" data-testid="case-amount" [(ngModel)]="amountInvolved" />
        <button nz-button nzType="primary" type="submit" data-testid="case-submit">{{ 'enforcement.form.submit' | t }}</button>
      </form>
    </section>
  `,
  styles: `.form { display: flex; flex-direction: column; gap: 6px; max-width: 640px; align-items: flex-start; } .form input, .form textarea { width: 100%; }`,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseForm {
  private readonly api = inject(EnforcementApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected regionCode = '';
  protected institutionOrgId = '';
  protected subject = '';
  protected facts = '';
  protected amountInvolved = '';

  protected async submit(): Promise<void> {
    try {
      const created = await firstValueFrom(this.api.propose({
        source: 'other', regionCode: this.regionCode.trim(), institutionOrgId: this.institutionOrgId.trim() || null,
        subject: this.subject, facts: this.facts, amountInvolved: this.amountInvolved.trim() || null,
      }));
      void this.router.navigate(['..', 'case', created.id], { relativeTo: this.route });
    } catch {
      // The error interceptor shows the API's bilingual message; the form keeps what was typed.
    }
  }
}
