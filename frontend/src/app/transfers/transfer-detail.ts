import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf } from '../core/china-date';
import { CLOCK } from '../core/clock';
import { saveDownload } from '../core/download';
import { MoneyPipe } from '../core/money';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { DayPicker } from '../shell/day-picker';
import { HistoryTimeline } from '../shell/history-timeline';
import { caseStatusKey } from '../enforcement/case-list';
import { MaterialList, MaterialsEditor } from './materials-editor';
import { type FieldErrors, type MaterialDraft, hasErrors, materialsOf, supplementRequestErrors } from './transfer-rules';
import { sourceLink, transferActionKey, transferSourceKey, transferStatusKey } from './transfer-labels';
import { type TransferDetail, TransfersApi } from './transfers-api';

/**
 * 移交详情: the transfer, its materials and history, the transfer letter (PDF), and what the reader may
 * do now (the API's `can`): the bureau accepts (and lands on the case it opened), asks for a supplement
 * with a deadline, or returns it with reasons; the agency supplements when asked. Once accepted, the result
 * of the case the bureau opened (its number, status, decision, amounts, dates: the API's `result`) for
 * every reader of the transfer, with a link to the case for those who may open it (the bureaus).
 */
@Component({
  selector: 'app-transfer-detail',
  imports: [FormsModule, RouterLink, NzAlertModule, NzButtonModule, NzIconModule, NzInputModule, NzTagModule, DayPicker, HistoryTimeline, MaterialList, MaterialsEditor, MoneyPipe, TPipe],
  template: `
    <section class="panel">
      <p><a routerLink="../../list">{{ 'transfers.detail.back' | t }}</a></p>
      @if (transfer.error()) {
        <p class="error" data-testid="transfer-not-found">{{ 'transfers.detail.notFound' | t }}</p>
      } @else if (view(); as v) {
        <header class="toolbar">
          <h1 data-testid="transfer-heading">{{ 'transfers.detail.title' | t }} {{ v.transferNo }}：{{ v.subject }}</h1>
          <button nz-button type="button" data-testid="transfer-letter" (click)="downloadLetter(v)"><nz-icon nzType="file-pdf" />{{ 'transfers.detail.letter' | t }}</button>
        </header>
        <dl class="facts" data-testid="transfer-facts">
          <dt>{{ 'transfers.col.status' | t }}</dt>
          <dd data-testid="transfer-status" [attr.data-status]="v.status"><nz-tag [nzColor]="statusColor(v.status)">{{ statusKey(v.status) | t }}</nz-tag></dd>
          <dt>{{ 'transfers.detail.source' | t }}</dt>
          <dd>{{ sourceKey(v.sourceKind) | t }} · <a data-testid="transfer-source-link" [routerLink]="sourceLink(v.sourceKind, v.sourceId)">{{ 'transfers.detail.openSource' | t }}</a></dd>
          <dt>{{ 'transfers.col.institution' | t }}</dt><dd>{{ v.institution.name }}（{{ v.region.name }}）</dd>
          <dt>{{ 'transfers.col.agency' | t }}</dt><dd>{{ v.agency.name }} · {{ 'transfers.detail.sentBy' | t }} {{ v.sentBy }}</dd>
          <dt>{{ 'transfers.col.bureau' | t }}</dt><dd>{{ v.bureau.name }}</dd>
          <dt>{{ 'transfers.col.amount' | t }}</dt><dd class="money" data-testid="transfer-amount">{{ v.amountInvolved | money: 'exact' }}</dd>
          <dt>{{ 'transfers.detail.facts' | t }}</dt><dd class="pre">{{ v.facts }}</dd>
          @if (v.supplement; as s) {
            <dt>{{ 'transfers.detail.supplement' | t }}</dt>
            <dd data-testid="transfer-supplement">{{ s.reason }}（{{ 'transfers.col.supplementDue' | t }} {{ s.dueDate }}，{{ s.by }}）</dd>
          }
          @if (v.returnReasons) {
            <dt>{{ 'transfers.detail.returnReasons' | t }}</dt><dd class="pre" data-testid="transfer-return-reasons">{{ v.returnReasons }}</dd>
          }
        </dl>

        @if (v.result; as r) {
          <section data-testid="transfer-result" [attr.data-status]="r.status">
            <h2>{{ 'transfers.result.heading' | t }}</h2>
            <dl class="facts">
              <dt>{{ 'transfers.result.caseNo' | t }}</dt>
              <dd data-testid="transfer-result-case-no">{{ 'transfers.result.caseNoValue' | t: { no: r.caseNo } }}
                @if (r.canOpenCase) { · <a data-testid="transfer-case-link" [routerLink]="['/enforcement', r.caseId]">{{ 'transfers.detail.openCase' | t }}</a> }
              </dd>
              <dt>{{ 'transfers.result.status' | t }}</dt>
              <dd data-testid="transfer-result-status"><nz-tag [nzColor]="r.status === 'closed' ? 'success' : 'processing'">{{ caseStatusKey(r.status) | t }}</nz-tag></dd>
              @if (r.decidedAt) {
                <dt>{{ 'transfers.result.decision' | t }}</dt><dd class="pre" data-testid="transfer-result-decision">{{ r.decisionSummary }}</dd>
                <dt>{{ 'transfers.result.penalty' | t }}</dt><dd class="money" data-testid="transfer-result-penalty">{{ r.penaltyAmount | money: 'exact' }}</dd>
                <dt>{{ 'transfers.result.recovery' | t }}</dt><dd class="money" data-testid="transfer-result-recovery">{{ r.recoveryAmount | money: 'exact' }}</dd>
                <dt>{{ 'transfers.result.decidedOn' | t }}</dt><dd data-testid="transfer-result-decided-on">{{ day(r.decidedAt) }}</dd>
              } @else {
                <dt>{{ 'transfers.result.decision' | t }}</dt><dd data-testid="transfer-result-pending">{{ 'transfers.result.pending' | t }}</dd>
              }
              @if (r.closedAt) {
                <dt>{{ 'transfers.result.closedOn' | t }}</dt><dd data-testid="transfer-result-closed-on">{{ day(r.closedAt) }}</dd>
              }
            </dl>
          </section>
        } @else if (v.caseId) {
          <p data-testid="transfer-result-unavailable">{{ 'transfers.result.unavailable' | t }}</p>
        }

        <h2>{{ 'transfers.materials.heading' | t }}</h2>
        <app-material-list testId="transfer-material-list" [materials]="v.materials" />

        @if (v.can.decide) {
          <section class="action" data-testid="transfer-decide">
            <h2>{{ 'transfers.detail.accept' | t }}</h2>
            <label for="transfer-accept-comment">{{ 'transfers.detail.acceptComment' | t }}</label>
            <textarea nz-input id="transfer-accept-comment" rows="2" data-testid="transfer-accept-comment" [(ngModel)]="acceptComment"></textarea>
            <button nz-button nzType="primary" type="button" data-testid="transfer-accept" [disabled]="busy()" (click)="accept()">{{ 'transfers.detail.accept' | t }}</button>

            <h2>{{ 'transfers.detail.requestSupplement' | t }}</h2>
            <label for="transfer-supplement-reason">{{ 'transfers.detail.supplementReason' | t }}</label>
            <textarea nz-input id="transfer-supplement-reason" rows="3" data-testid="transfer-supplement-reason" [(ngModel)]="supplementReason"></textarea>
            @if (errors()['reason']; as e) { <p class="error" data-testid="transfer-error-reason">{{ e | t }}</p> }
            <label>{{ 'transfers.detail.supplementDue' | t }}
              <app-day-picker data-testid="transfer-supplement-due" [min]="tomorrow()" [label]="'transfers.detail.supplementDue' | t" [(ngModel)]="supplementDue" />
            </label>
            @if (errors()['dueDate']; as e) { <p class="error" data-testid="transfer-error-due">{{ e | t }}</p> }
            <button nz-button type="button" data-testid="transfer-request-supplement" [disabled]="busy()" (click)="requestSupplement()">{{ 'transfers.detail.requestSupplement' | t }}</button>

            <h2>{{ 'transfers.detail.return' | t }}</h2>
            <label for="transfer-return-reasons">{{ 'transfers.detail.returnReasonsField' | t }}</label>
            <textarea nz-input id="transfer-return-reasons" rows="3" data-testid="transfer-return-reasons-field" [(ngModel)]="returnReasons"></textarea>
            @if (errors()['reasons']; as e) { <p class="error" data-testid="transfer-error-reasons">{{ e | t }}</p> }
            <button nz-button nzDanger type="button" data-testid="transfer-return" [disabled]="busy()" (click)="returnIt()">{{ 'transfers.detail.return' | t }}</button>
          </section>
        }

        @if (v.can.supplement) {
          <section class="action" data-testid="transfer-supplement-form">
            <h2>{{ 'transfers.detail.supplementHeading' | t }}</h2>
            <label for="transfer-supplement-note">{{ 'transfers.detail.supplementNote' | t }}</label>
            <textarea nz-input id="transfer-supplement-note" rows="3" data-testid="transfer-supplement-note" [(ngModel)]="supplementNote"></textarea>
            @if (errors()['note']; as e) { <p class="error" data-testid="transfer-error-note">{{ e | t }}</p> }
            <app-materials-editor testId="transfer-supplement-materials" [(rows)]="moreMaterials" />
            @if (errors()['materials']; as e) { <p class="error" data-testid="transfer-error-supplement-materials">{{ e | t }}</p> }
            <button nz-button nzType="primary" type="button" data-testid="transfer-supplement-submit" [disabled]="busy()" (click)="supplement()">{{ 'transfers.detail.supplementSubmit' | t }}</button>
          </section>
        }

        <h2>{{ 'transfers.detail.history' | t }}</h2>
        <app-history-timeline testId="transfer-history" [entries]="v.history" [label]="actionLabel" />
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', './transfers-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransferDetailPage {
  private readonly api = inject(TransfersApi);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(TranslationService);
  private readonly now = inject(CLOCK);
  readonly id = input.required<string>();

  protected readonly statusKey = transferStatusKey;
  protected readonly caseStatusKey = caseStatusKey;
  /** The China day of an instant (the result's dates). */
  protected readonly day = (iso: string) => chinaDateOf(new Date(iso));
  protected readonly sourceKey = transferSourceKey;
  protected readonly sourceLink = sourceLink;
  protected readonly actionLabel = (action: string) => this.i18n.t(transferActionKey(action));

  protected acceptComment = '';
  protected supplementReason = '';
  protected supplementDue: string | null = null;
  protected returnReasons = '';
  protected supplementNote = '';
  protected readonly moreMaterials = signal<MaterialDraft[]>([]);
  protected readonly errors = signal<FieldErrors>({});
  protected readonly busy = signal(false);

  private readonly changed = signal<TransferDetail | null>(null);
  protected readonly transfer = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.get(params) });
  protected readonly view = computed(() => this.changed() ?? (this.transfer.hasValue() ? this.transfer.value() : null));
  private readonly today = () => chinaDateOf(this.now());
  protected readonly tomorrow = computed(() => chinaDateOf(new Date(this.now().getTime() + 86_400_000)));

  protected statusColor(status: string): string {
    return status === 'accepted' ? 'success' : status === 'returned' ? 'error' : status === 'supplement_requested' ? 'warning' : 'processing';
  }

  protected async downloadLetter(v: TransferDetail): Promise<void> {
    try {
      saveDownload(this.document, await firstValueFrom(this.api.letter(v.id)), `案件移交函-第${v.transferNo}号.pdf`);
    } catch {
      // The error interceptor says why.
    }
  }

  /** Runs an action; the page shows the transfer as it is after it. */
  private async act(errors: FieldErrors, run: () => Promise<TransferDetail>): Promise<TransferDetail | null> {
    this.errors.set(errors);
    if (hasErrors(errors) || this.busy()) return null;
    this.busy.set(true);
    try {
      const after = await run();
      this.changed.set(after);
      return after;
    } catch {
      // The error interceptor shows the API's bilingual message; the transfer is as it was.
      return null;
    } finally {
      this.busy.set(false);
    }
  }

  protected async accept(): Promise<void> {
    const after = await this.act({}, () => firstValueFrom(this.api.accept(this.id(), this.acceptComment.trim() || null)));
    if (after?.caseId) await this.router.navigate(['/enforcement', after.caseId]);
  }

  protected async requestSupplement(): Promise<void> {
    const errors = supplementRequestErrors(this.supplementReason, this.supplementDue, this.today());
    await this.act(errors, () => firstValueFrom(this.api.requestSupplement(this.id(), this.supplementReason.trim(), this.supplementDue!)));
  }

  protected async returnIt(): Promise<void> {
    const errors: FieldErrors = this.returnReasons.trim() ? {} : { reasons: 'transfers.error.reasons' };
    await this.act(errors, () => firstValueFrom(this.api.returnTransfer(this.id(), this.returnReasons.trim())));
  }

  protected async supplement(): Promise<void> {
    const materials = materialsOf(this.moreMaterials());
    const errors: FieldErrors = {};
    if (!this.supplementNote.trim()) errors['note'] = 'transfers.error.note';
    if (materials === null) errors['materials'] = 'transfers.error.materials';
    const after = await this.act(errors, () => firstValueFrom(this.api.supplement(this.id(), this.supplementNote.trim(), materials ?? [])));
    if (after) {
      this.supplementNote = '';
      this.moreMaterials.set([]);
    }
  }
}
