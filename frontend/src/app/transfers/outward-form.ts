import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom, tap } from 'rxjs';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { CaseDetail } from '../core/api-types.generated';
import { chinaDateOf } from '../core/china-date';
import { CLOCK } from '../core/clock';
import { silentErrors } from '../core/http-context';
import { TPipe } from '../i18n/t-pipe';
import { DayPicker } from '../shell/day-picker';
import { MaterialsEditor } from './materials-editor';
import { type FieldErrors, type MaterialDraft, amountOf, hasErrors, materialsOf, outwardErrors } from './transfer-rules';
import { recipientKey } from './transfer-labels';
import { RECIPIENT_KINDS, type RecipientKind, TransfersApi } from './transfers-api';

/**
 * 移送: the bureau transfers an enforcement case (?caseId=) to another department with the written
 * notice's date, the recipient and the case materials. A transfer to the police keeps the case open.
 */
@Component({
  selector: 'app-outward-form',
  imports: [FormsModule, RouterLink, NzAlertModule, NzButtonModule, NzInputModule, NzSelectModule, DayPicker, MaterialsEditor, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar"><h1 data-testid="outward-form-heading">{{ 'transfers.outward.form.title' | t }}</h1></header>
      <nz-alert nzType="info" nzShowIcon data-testid="outward-police-note" [nzMessage]="'transfers.outward.policeNote' | t" />
      @if (kase.error() || !caseId()) {
        <nz-alert nzType="error" nzShowIcon data-testid="outward-form-case-failed" [nzMessage]="'transfers.outward.detail.notFound' | t" />
      } @else if (kase.hasValue(); as _) {
        @let c = kase.value();
        <form class="form" data-testid="outward-form" (ngSubmit)="submit()">
          <dl class="facts">
            <dt>{{ 'transfers.outward.form.case' | t }}</dt>
            <dd data-testid="outward-form-case">{{ c.caseNo }}：{{ c.subject }}（{{ c.institution?.name ?? c.region.name }}）</dd>
          </dl>
          <div class="field">
            <label id="outward-kind-label">{{ 'transfers.outward.col.recipientKind' | t }}</label>
            <nz-select name="recipientKind" data-testid="outward-recipient-kind" aria-labelledby="outward-kind-label" [nzPlaceHolder]="'transfers.outward.col.recipientKind' | t" [(ngModel)]="recipientKind">
              @for (k of kinds; track k) {
                <nz-option [nzValue]="k" [nzLabel]="recipientKey(k) | t" />
              }
            </nz-select>
            @if (errors()['recipientKind']; as e) { <p class="error" data-testid="outward-error-recipientKind">{{ e | t }}</p> }
          </div>
          <div class="field">
            <label for="outward-recipient-name">{{ 'transfers.outward.col.recipientName' | t }}</label>
            <input nz-input id="outward-recipient-name" name="recipientName" data-testid="outward-recipient-name" [(ngModel)]="recipientName" />
            @if (errors()['recipientName']; as e) { <p class="error" data-testid="outward-error-recipientName">{{ e | t }}</p> }
          </div>
          <div class="field">
            <label>{{ 'transfers.outward.col.noticeDate' | t }}
              <app-day-picker name="noticeDate" data-testid="outward-notice-date" [max]="today()" [label]="'transfers.outward.col.noticeDate' | t" [(ngModel)]="noticeDate" />
            </label>
            @if (errors()['noticeDate']; as e) { <p class="error" data-testid="outward-error-noticeDate">{{ e | t }}</p> }
          </div>
          <div class="field">
            <label for="outward-amount">{{ 'transfers.col.amount' | t }}</label>
            <input nz-input id="outward-amount" name="amount" inputmode="decimal" data-testid="outward-amount" [(ngModel)]="amount" />
            @if (errors()['amount']; as e) { <p class="error" data-testid="outward-error-amount">{{ e | t }}</p> }
          </div>
          <app-materials-editor testId="outward-materials" [(rows)]="materials" />
          @if (errors()['materials']; as e) { <p class="error" data-testid="outward-error-materials">{{ e | t }}</p> }
          <div class="buttons">
            <button nz-button nzType="primary" type="submit" data-testid="outward-submit" [nzLoading]="sending()">{{ 'transfers.outward.form.submit' | t }}</button>
            <a nz-button [routerLink]="['/enforcement', c.id]">{{ 'transfers.form.cancel' | t }}</a>
          </div>
        </form>
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', './transfers-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutwardForm {
  private readonly http = inject(HttpClient);
  private readonly api = inject(TransfersApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  readonly caseId = input<string>();

  protected readonly kinds = RECIPIENT_KINDS;
  protected readonly recipientKey = recipientKey;
  protected readonly today = computed(() => chinaDateOf(this.now()));
  protected recipientKind: RecipientKind | null = null;
  protected recipientName = '';
  protected noticeDate: string | null = chinaDateOf(this.now());
  protected amount = '';
  protected readonly materials = signal<MaterialDraft[]>([]);
  protected readonly errors = signal<FieldErrors>({});
  protected readonly sending = signal(false);

  protected readonly kase = rxResource({
    params: () => this.caseId() || undefined,
    stream: ({ params }) =>
      this.http.get<CaseDetail>(`/api/enforcement/cases/${encodeURIComponent(params)}`, { context: silentErrors() }).pipe(
        tap((c) => {
          this.amount = c.amountInvolved ?? '';
          this.materials.set([{ kind: 'other', title: `执法案件卷宗（第 ${c.caseNo} 号）：${c.subject}`, ref: c.id }]);
        }),
      ),
  });

  protected async submit(): Promise<void> {
    const c = this.kase.hasValue() ? this.kase.value() : null;
    if (!c || this.sending()) return;
    const draft = { recipientKind: this.recipientKind, recipientName: this.recipientName, noticeDate: this.noticeDate, amount: this.amount, materials: this.materials() };
    const errors = outwardErrors(draft, this.today());
    this.errors.set(errors);
    if (hasErrors(errors)) return;
    this.sending.set(true);
    try {
      const sent = await firstValueFrom(this.api.sendOutward({
        caseId: c.id, recipientKind: this.recipientKind!, recipientName: this.recipientName.trim(), noticeDate: this.noticeDate!,
        amountInvolved: amountOf(this.amount) ?? null, materials: materialsOf(this.materials())!,
      }));
      await this.router.navigate(['..', sent.id], { relativeTo: this.route, queryParams: sent.reportId ? { report: sent.reportId } : {} });
    } catch {
      // The error interceptor shows the API's bilingual message; nothing was sent.
    } finally {
      this.sending.set(false);
    }
  }
}
