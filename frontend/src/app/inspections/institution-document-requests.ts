import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { firstValueFrom } from 'rxjs';
import { chinaDateOf, daysUntil } from '../core/china-date';
import type { Attachment } from '../core/models';
import { EvidenceUpload } from '../findings/evidence-upload';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { errorText } from '../spot-checks/spot-check-labels';
import { DOCUMENT_REQUEST_TEXT_MAX, type DocumentRequest, type DocumentRequestStatus, isLate } from './document-request-models';
import { DocumentRequestStatusTag } from './document-request-status';
import { DocumentRequestsApi } from './document-requests-api';
import { CLOCK } from '../core/clock';
import { labelTable } from '../i18n/label-table';

type Tab = DocumentRequestStatus | 'all';
const TABS: readonly Tab[] = ['requested', 'answered', 'all'];
const TAB_LABELS: Record<Tab, TranslationKey> = labelTable('documentRequest.tab', ['requested', 'answered', 'all']);

/**
 * 资料调取 (/institution/document-requests): what the inspecting agencies asked the institution for,
 * open ones first by due date, each with its deadline (late ones marked); the clerk answers one at a
 * time with a note and the institution's own uploads as evidence (a late answer is accepted and
 * stays marked).
 */
@Component({
  selector: 'app-institution-document-requests',
  imports: [DatePipe, FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzRadioModule, NzSpinModule, DocumentRequestStatusTag, EvidenceUpload, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <h1>{{ 'documentRequest.portal.heading' | t }}</h1>
      </header>
      <p class="hint">{{ 'documentRequest.portal.intro' | t }}</p>
      <nz-radio-group class="status-tabs" nzButtonStyle="solid" [ngModel]="tab()" (ngModelChange)="setTab($event)" [attr.aria-label]="'documentRequest.col.status' | t">
        @for (t of tabs; track t) {
          <label nz-radio-button [nzValue]="t" [attr.data-testid]="'document-request-tab-' + t">{{ tabLabels[t] | t }}</label>
        }
      </nz-radio-group>

      @if (requests.error()) {
        <p class="error" data-testid="document-requests-error">{{ 'documentRequest.loadFailed' | t }}</p>
      } @else if (requests.hasValue()) {
        @for (r of requests.value().items; track r.id) {
          <div class="finding" data-testid="document-request" [attr.data-id]="r.id" [attr.data-status]="r.status" [class.overdue]="late(r)">
            <div class="request-head">
              <strong data-testid="document-request-agency">{{ r.agency.name }}</strong>
              <app-document-request-status [status]="r.status" [late]="late(r)" />
              <span data-testid="document-request-due">{{ 'documentRequest.due' | t: { date: r.dueDate } }}</span>
              @if (r.status === 'requested' && !late(r)) {
                <span class="hint" data-testid="document-request-days-left">{{ 'documentRequest.daysLeft' | t: { days: daysLeft(r) } }}</span>
              }
              <span class="hint">{{ 'documentRequest.requestedOn' | t: { at: (r.requestedAt | date: 'yyyy-MM-dd' : '+0800') ?? '' } }}</span>
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
            } @else if (answering() === r.id) {
              <div class="answer-form" data-testid="document-answer-form">
                <label class="block"
                  >{{ 'documentRequest.answer.label' | t }}
                  <textarea
                    nz-input
                    rows="4"
                    data-testid="document-answer-input"
                    [attr.maxlength]="textMax"
                    [placeholder]="'documentRequest.answer.placeholder' | t"
                    [ngModel]="answer()"
                    (ngModelChange)="answer.set($event)"
                  ></textarea>
                </label>
                <app-evidence-upload testId="document-answer" [(files)]="files" [(uploading)]="uploading" [disabled]="busy()" />
                @if (late(r)) {
                  <p class="hint" data-testid="document-answer-late">{{ 'documentRequest.answer.lateHint' | t }}</p>
                }
                @if (formError()) {
                  <p class="error" data-testid="document-answer-error">{{ formError() }}</p>
                }
                <div class="actions">
                  <button nz-button type="button" data-testid="document-answer-cancel" [disabled]="busy()" (click)="close()">{{ 'documentRequest.answer.cancel' | t }}</button>
                  <button nz-button nzType="primary" type="button" data-testid="document-answer-submit" [disabled]="uploading() > 0" [nzLoading]="busy()" (click)="submit(r)">
                    <nz-icon nzType="send" />{{ 'documentRequest.answer.submit' | t }}
                  </button>
                </div>
              </div>
            } @else {
              <div class="actions">
                <button nz-button nzType="primary" type="button" data-testid="document-answer-open" (click)="open(r)">
                  <nz-icon nzType="upload" />{{ 'documentRequest.answer.open' | t }}
                </button>
              </div>
            }
          </div>
        } @empty {
          <p class="hint" data-testid="document-requests-none">{{ (tab() === 'requested' ? 'documentRequest.portal.noneOpen' : 'documentRequest.none') | t }}</p>
        }
      } @else {
        <div class="loading"><nz-spin nzSimple /></div>
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', '../spot-checks/spot-checks.css', '../findings/findings.css'],
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

    .answer-form {
      margin-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstitutionDocumentRequests {
  private readonly api = inject(DocumentRequestsApi);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly now = inject(CLOCK);

  protected readonly tabs = TABS;
  protected readonly tabLabels = TAB_LABELS;
  protected readonly textMax = DOCUMENT_REQUEST_TEXT_MAX;
  protected readonly tab = signal<Tab>('requested');
  protected readonly today = computed(() => chinaDateOf(this.now()));

  protected readonly requests = rxResource({
    params: () => ({ status: this.tab() === 'all' ? null : (this.tab() as DocumentRequestStatus) }),
    stream: ({ params }) => this.api.list(params.status),
  });

  /** The request being answered, and its draft. */
  protected readonly answering = signal<string | null>(null);
  protected readonly answer = signal('');
  protected readonly files = signal<Attachment[]>([]);
  protected readonly uploading = signal(0);
  protected readonly formError = signal('');
  protected readonly busy = signal(false);

  protected late(r: DocumentRequest): boolean {
    return isLate(r, this.today());
  }

  protected daysLeft(r: DocumentRequest): number {
    return daysUntil(this.today(), r.dueDate);
  }

  protected setTab(tab: Tab): void {
    this.close();
    this.tab.set(tab);
  }

  protected open(r: DocumentRequest): void {
    this.answering.set(r.id);
    this.answer.set('');
    this.files.set([]);
    this.uploading.set(0);
    this.formError.set('');
  }

  protected close(): void {
    this.answering.set(null);
    this.formError.set('');
  }

  protected async submit(r: DocumentRequest): Promise<void> {
    if (this.busy() || this.uploading() > 0) return;
    const answer = this.answer().trim();
    if (!answer || answer.length > DOCUMENT_REQUEST_TEXT_MAX) {
      this.formError.set(this.i18n.t('documentRequest.answer.required', { max: DOCUMENT_REQUEST_TEXT_MAX }));
      return;
    }
    this.formError.set('');
    this.busy.set(true);
    try {
      const answered = await firstValueFrom(this.api.answer(r.id, { answer, attachmentIds: this.files().map((f) => f.id) }));
      this.answering.set(null);
      // Under 待提交 it leaves the list; elsewhere it shows answered.
      this.requests.update((page) =>
        page && {
          ...page,
          items: this.tab() === 'requested' ? page.items.filter((x) => x.id !== r.id) : page.items.map((x) => (x.id === r.id ? answered : x)),
        },
      );
      this.message.success(this.i18n.t('documentRequest.answer.done'));
    } catch (error) {
      this.formError.set(errorText(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
