import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { TPipe } from '../i18n/t-pipe';
import { type MajorCaseReport, MajorCasesApi } from './major-cases-api';

/**
 * On the enforcement case's page (its own bureau): flags the case as likely to draw public attention
 * (POST /api/major-case-reports, trigger public_attention), which opens a major-case report due in 7 days.
 * Asks once more before it does.
 */
@Component({
  selector: 'app-public-attention-flag',
  imports: [RouterLink, NzAlertModule, NzButtonModule, TPipe],
  template: `
    @if (opened(); as r) {
      <nz-alert nzType="warning" nzShowIcon data-testid="case-public-attention-done" [nzMessage]="done" />
      <ng-template #done>
        {{ 'majorCases.flag.done' | t }} <a data-testid="case-public-attention-report" [routerLink]="['/major-case-reports', r.id]">{{ 'majorCases.flag.open' | t }}</a>
      </ng-template>
    } @else if (confirming()) {
      <span class="confirm" data-testid="case-public-attention-confirm-text">{{ 'majorCases.flag.confirm' | t }}</span>
      <button nz-button nzType="primary" nzDanger type="button" data-testid="case-public-attention-confirm" [disabled]="busy()" (click)="flag()">{{ 'majorCases.flag.button' | t }}</button>
    } @else {
      <button nz-button type="button" data-testid="case-public-attention" (click)="confirming.set(true)">{{ 'majorCases.flag.button' | t }}</button>
    }
  `,
  styles: `
    :host { display: inline-flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    .confirm { color: #595959; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicAttentionFlag {
  private readonly api = inject(MajorCasesApi);
  readonly caseId = input.required<string>();
  protected readonly confirming = signal(false);
  protected readonly busy = signal(false);
  protected readonly opened = signal<MajorCaseReport | null>(null);

  protected async flag(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      this.opened.set(await firstValueFrom(this.api.flagPublicAttention(this.caseId())));
    } catch {
      // The error interceptor shows the API's bilingual message.
    } finally {
      this.busy.set(false);
    }
  }
}
