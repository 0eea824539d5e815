import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NzInputModule } from 'ng-zorro-antd/input';
import { chinaDateOf } from '../core/china-date';
import { MoneyPipe } from '../core/money';
import { TPipe } from '../i18n/t-pipe';
import { EnforcementApi } from './enforcement-api';

/** 执法公示: a province's published decisions, no sign-in (/public/enforcement/<province>); personal data arrives masked. */
@Component({
  selector: 'app-public-enforcement',
  imports: [FormsModule, NzInputModule, MoneyPipe, TPipe],
  template: `
    <main class="panel public">
      <h1>{{ 'enforcement.public.title' | t }}</h1>
      <p class="hint">{{ 'enforcement.public.hint' | t }}</p>
      <label for="public-q">{{ 'enforcement.public.search' | t }}</label>
      <input nz-input id="public-q" name="q" data-testid="public-q" [ngModel]="q()" (ngModelChange)="q.set($event)" />
      @if (page.error()) {
        <p class="error" role="alert" data-testid="public-failed">{{ 'enforcement.public.failed' | t }}</p>
      } @else if (page.hasValue() && items().length === 0) {
        <p data-testid="public-none">{{ 'enforcement.public.none' | t }}</p>
      }
      @for (d of items(); track d.caseNo) {
        <article class="decision" data-testid="public-decision">
          <h2>{{ d.subject }}</h2>
          <dl>
            <dt>{{ 'enforcement.public.party' | t }}</dt><dd>{{ d.party ?? '—' }}（{{ d.region.name }}）</dd>
            <dt>{{ 'enforcement.detail.facts' | t }}</dt><dd class="pre">{{ d.facts }}</dd>
            <dt>{{ 'enforcement.public.decision' | t }}</dt><dd class="pre">{{ d.decision }}</dd>
            <dt>{{ 'enforcement.public.basis' | t }}</dt><dd class="pre">{{ d.legalBasis }}</dd>
            <dt>{{ 'enforcement.col.penalty' | t }}</dt><dd class="money">{{ d.penaltyAmount | money: 'exact' }}</dd>
            <dt>{{ 'enforcement.col.recovery' | t }}</dt><dd class="money">{{ d.recoveryAmount | money: 'exact' }}</dd>
            <dt>{{ 'enforcement.public.decidedAt' | t }}</dt><dd data-testid="public-decided-on">{{ chinaDay(d.decidedAt) }}</dd>
            <dt>{{ 'enforcement.public.bureau' | t }}</dt><dd>{{ d.bureau }}</dd>
          </dl>
        </article>
      }
    </main>
  `,
  styles: `
    .public { max-width: 960px; margin: 24px auto; }
    .decision { border-top: 1px solid #d9d9d9; padding-top: 12px; margin-top: 12px; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
    dt { color: #595959; } dd { margin: 0; } .pre { white-space: pre-wrap; } .error { color: #a8071a; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicEnforcement {
  private readonly api = inject(EnforcementApi);
  readonly province = input.required<string>();
  protected readonly q = signal('');
  /** The day of a decision in China (the instant's UTC day is the day before until 08:00). */
  protected readonly chinaDay = (instant: string) => chinaDateOf(new Date(instant));
  protected readonly page = rxResource({
    params: () => ({ province: this.province(), q: this.q().trim() }),
    stream: ({ params }) => this.api.published(params.province, params.q, 1),
  });
  protected readonly items = computed(() => (this.page.hasValue() ? this.page.value().items : []));
}
