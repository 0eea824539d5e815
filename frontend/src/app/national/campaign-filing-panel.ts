import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CurrentUser } from '../core/current-user';
import type { Attachment } from '../core/models';
import { EvidenceUpload } from '../findings/evidence-upload';
import { AttachmentLinks } from '../shell/attachment-links';
import { TPipe } from '../i18n/t-pipe';
import { filingKindKey, filingStatusKey } from './filing-rules';
import { type CampaignFiling, type FilingKind, NationalApi } from './national-api';

/**
 * On the campaign's page (the province and the national overseer): the plan's and the summary's filing
 * with the national bureau — due day, status, days late, the documents sent, the return's reason — and the province's send with its
 * note and documents (uploaded through app-evidence-upload; the plan; the summary through the campaign's 总结上报, sent again here after a return).
 */
@Component({
  selector: 'app-campaign-filing-panel',
  imports: [DatePipe, FormsModule, NzButtonModule, NzInputModule, NzTagModule, AttachmentLinks, EvidenceUpload, TPipe],
  template: `
    @if (rows().length) {
      <section class="filings" data-testid="campaign-filings">
        <h2>{{ 'national.filing.panelTitle' | t }}</h2>
        <p class="hint">{{ 'national.filing.panelHint' | t }}</p>
        @for (f of rows(); track f.kind) {
          <div class="filing" data-testid="campaign-filing" [attr.data-kind]="f.kind" [attr.data-status]="f.status">
            <strong>{{ filingKindKey(f.kind) | t }}</strong>
            <span>{{ 'national.filing.due' | t: { due: f.dueDate } }}</span>
            <span data-testid="campaign-filing-status">{{ filingStatusKey(f.status) | t }}</span>
            @if (f.late) { <nz-tag nzColor="error" data-testid="campaign-filing-late">{{ 'national.filing.daysLate' | t: { n: f.daysLate } }}</nz-tag> }
            @if (f.sentAt && f.status !== 'returned') { <span class="meta">{{ 'national.filing.sentAt' | t: { at: (f.sentAt | date: 'yyyy-MM-dd HH:mm' : '+0800') ?? '', by: f.sentBy ?? '' } }}</span> }
            @if (f.acknowledgedAt) { <span class="meta">{{ 'national.filing.acknowledgedAt' | t: { at: (f.acknowledgedAt | date: 'yyyy-MM-dd HH:mm' : '+0800') ?? '', by: f.acknowledgedBy ?? '' } }}</span> }
            @if (f.status !== 'returned') { <app-attachment-links [files]="f.attachments" [testId]="'campaign-filing-file-' + f.kind" /> }
            @if (f.status === 'returned' && f.returnReason) { <span class="returned" data-testid="campaign-filing-returned">{{ 'national.filing.returnedFor' | t: { reason: f.returnReason } }}</span> }
            @if (f.actions.send && (f.kind === 'plan' || f.status === 'returned')) {
              <div class="send">
                <label [for]="'filing-note-' + f.kind">{{ 'national.filing.note' | t }}</label>
                <textarea nz-input rows="2" [id]="'filing-note-' + f.kind" [attr.data-testid]="'campaign-filing-note-' + f.kind" [(ngModel)]="notes[f.kind]"></textarea>
                <span class="label">{{ 'national.filing.documents' | t }}</span>
                <app-evidence-upload [testId]="'campaign-filing-' + f.kind" [disabled]="busy()" [(files)]="files[f.kind]" [(uploading)]="uploading[f.kind]" />
                <button nz-button nzType="primary" type="button" [attr.data-testid]="'campaign-filing-send-' + f.kind" [disabled]="busy() || uploading[f.kind] > 0" (click)="send(f)">
                  {{ (f.status === 'returned' ? 'national.filing.sendAgain' : 'national.filing.send') | t }}
                </button>
              </div>
            }
          </div>
        }
      </section>
    }
  `,
  styles: `
    .filings { margin: 16px 0; }
    .filings h2 { font-size: 16px; margin: 0 0 4px; }
    .hint, .meta { color: #595959; }
    .filing { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; padding: 8px 0; border-bottom: 1px solid #f0f0f0; }
    .returned { color: #a8071a; }
    .send { display: flex; flex-direction: column; gap: 6px; width: 100%; max-width: 640px; }
    .send button { align-self: flex-start; }
    .label { color: #595959; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignFilingPanel {
  private readonly api = inject(NationalApi);
  private readonly user = inject(CurrentUser);
  readonly campaignId = input.required<string>();
  /** The campaign changed (the summary's sending closes it). */
  readonly sent = output<CampaignFiling>();

  protected readonly filingKindKey = filingKindKey;
  protected readonly filingStatusKey = filingStatusKey;
  protected readonly notes: Record<string, string> = { plan: '', summary: '' };
  /** The documents uploaded for each kind's sending (POST /api/attachments), sent as its attachmentIds. */
  protected files: Record<FilingKind, Attachment[]> = { plan: [], summary: [] };
  protected uploading: Record<FilingKind, number> = { plan: 0, summary: 0 };
  protected readonly busy = signal(false);

  /** Only the provincial bureau and the national bureau see filings (the API refuses the others). */
  private readonly reader = computed(() => {
    const me = this.user.me();
    return !!me && (me.roles.includes('national_overseer') || (me.level === 'province' && me.roles.some((r) => r === 'province_official' || r === 'leader')));
  });
  protected readonly filings = rxResource({
    params: () => (this.reader() ? this.campaignId() : undefined),
    stream: ({ params }) => this.api.filings({ campaignId: params, sort: 'kind' }),
  });
  protected readonly rows = computed(() => (this.filings.hasValue() ? this.filings.value().items : []));

  protected async send(f: CampaignFiling): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      const attachmentIds = this.files[f.kind].map((a) => a.id);
      const done = await firstValueFrom(this.api.send(f.campaignId, f.kind, { note: this.notes[f.kind]?.trim() || null, attachmentIds }));
      this.files = { ...this.files, [f.kind]: [] };
      this.filings.reload();
      this.sent.emit(done);
    } catch {
      // The error interceptor shows the API's bilingual message.
    } finally {
      this.busy.set(false);
    }
  }
}
