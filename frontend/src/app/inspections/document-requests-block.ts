import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { chinaDateOf } from '../core/china-date';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { errorText } from '../spot-checks/spot-check-labels';
import { DOCUMENT_REQUEST_MAX_DAYS, DOCUMENT_REQUEST_TEXT_MAX, type DocumentRequest, isLate } from './document-request-models';
import { DocumentRequestsApi } from './document-requests-api';
import { DocumentRequestStatusTag } from './document-request-status';
import { CLOCK } from '../core/clock';
import { DayPicker } from '../shell/day-picker';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A China calendar day shifted by whole days ('YYYY-MM-DD'). */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * 调取资料 on an inspection's record: the requests made to the institution (items, due date, status,
 * overdue, the answer and how much evidence came with it) and, for the inspecting team until the
 * result is sent, the form to ask for more (items; a due date after today, at most 60 days ahead).
 */
@Component({
  selector: 'app-document-requests',
  imports: [DayPicker, DatePipe, FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzSpinModule, NzTagModule, DocumentRequestStatusTag, TPipe],
  template: `
    <section data-testid="document-requests" [attr.aria-label]="'documentRequest.heading' | t">
      <h2>{{ 'documentRequest.heading' | t }}</h2>
      @if (requests.error()) {
        <p class="error" data-testid="document-requests-error">{{ 'documentRequest.loadFailed' | t }}</p>
      } @else if (requests.hasValue()) {
        @for (r of requests.value(); track r.id) {
          <div class="finding" data-testid="document-request" [attr.data-status]="r.status" [class.overdue]="late(r)">
            <div class="request-head">
              <app-document-request-status [status]="r.status" [late]="late(r)" />
              <span data-testid="document-request-due">{{ 'documentRequest.due' | t: { date: r.dueDate } }}</span>
              <span class="hint">{{ 'documentRequest.requestedBy' | t: { name: r.requestedBy, at: (r.requestedAt | date: 'yyyy-MM-dd HH:mm' : '+0800') ?? '' } }}</span>
            </div>
            <p class="pre-wrap" data-testid="document-request-items">{{ r.items }}</p>
            @if (r.status === 'answered') {
              <div class="answer" data-testid="document-request-answer">
                <span class="hint">{{ 'documentRequest.answeredAt' | t: { at: (r.answeredAt | date: 'yyyy-MM-dd HH:mm' : '+0800') ?? '' } }}</span>
                <p class="pre-wrap">{{ r.answer }}</p>
                <span class="hint" data-testid="document-request-evidence">{{
                  (r.attachmentIds.length ? 'documentRequest.evidenceCount' : 'documentRequest.evidenceNone') | t: { count: r.attachmentIds.length }
                }}</span>
              </div>
            }
          </div>
        } @empty {
          <p class="hint" data-testid="document-requests-none">{{ 'documentRequest.none' | t }}</p>
        }
      } @else {
        <div class="loading"><nz-spin nzSimple /></div>
      }

      @if (canAsk()) {
        <div class="ask" data-testid="document-request-form">
          <label class="block"
            >{{ 'documentRequest.form.items' | t }}
            <textarea
              nz-input
              rows="3"
              data-testid="document-request-items-input"
              [attr.maxlength]="textMax"
              [placeholder]="'documentRequest.form.itemsPlaceholder' | t"
              [ngModel]="items()"
              (ngModelChange)="items.set($event)"
            ></textarea>
          </label>
          <div class="form-row">
            <label
              >{{ 'documentRequest.form.dueDate' | t }}
              <app-day-picker data-testid="document-request-due-input" [min]="earliest()" [max]="latest()" [ngModel]="dueDate()" (ngModelChange)="dueDate.set($event)" />
            </label>
            <button nz-button nzType="primary" type="button" data-testid="document-request-submit" [nzLoading]="busy()" (click)="ask()">
              <nz-icon nzType="send" />{{ 'documentRequest.form.submit' | t }}
            </button>
          </div>
          <p class="hint">{{ 'documentRequest.form.hint' | t: { max: maxDays } }}</p>
          @if (formError()) {
            <p class="error" data-testid="document-request-error">{{ formError() }}</p>
          }
        </div>
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', '../spot-checks/spot-checks.css'],
  styles: `
    .request-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }

    .answer {
      margin-top: 8px;
      padding-left: 12px;
      border-left: 3px solid #d9f7be;
    }

    .ask {
      margin-top: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentRequestsBlock {
  private readonly api = inject(DocumentRequestsApi);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly now = inject(CLOCK);

  readonly inspectionId = input.required<string>();
  /** The inspecting team, until the result is sent (the page decides: canRunInspection). */
  readonly canAsk = input(false);

  protected readonly requests = rxResource({
    params: () => ({ id: this.inspectionId() }),
    stream: ({ params }) => this.api.ofInspection(params.id),
  });

  protected readonly textMax = DOCUMENT_REQUEST_TEXT_MAX;
  protected readonly maxDays = DOCUMENT_REQUEST_MAX_DAYS;
  protected readonly today = computed(() => chinaDateOf(this.now()));
  protected readonly earliest = computed(() => shiftDay(this.today(), 1));
  protected readonly latest = computed(() => shiftDay(this.today(), DOCUMENT_REQUEST_MAX_DAYS));

  protected readonly items = signal('');
  protected readonly dueDate = signal('');
  protected readonly formError = signal('');
  protected readonly busy = signal(false);

  protected late(r: DocumentRequest): boolean {
    return isLate(r, this.today());
  }

  protected async ask(): Promise<void> {
    if (this.busy()) return;
    const items = this.items().trim();
    const dueDate = this.dueDate();
    if (!items || items.length > DOCUMENT_REQUEST_TEXT_MAX) {
      this.formError.set(this.i18n.t('documentRequest.form.itemsRequired', { max: DOCUMENT_REQUEST_TEXT_MAX }));
      return;
    }
    if (!DATE.test(dueDate) || dueDate < this.earliest() || dueDate > this.latest()) {
      this.formError.set(this.i18n.t('documentRequest.form.dueDateInvalid', { earliest: this.earliest(), latest: this.latest() }));
      return;
    }
    this.formError.set('');
    this.busy.set(true);
    try {
      const created = await firstValueFrom(this.api.request(this.inspectionId(), { items, dueDate }));
      this.requests.update((list) => [...(list ?? []), created]);
      this.items.set('');
      this.dueDate.set('');
      this.message.success(this.i18n.t('documentRequest.form.done', { institution: created.institution.name }));
    } catch (error) {
      this.formError.set(errorText(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
