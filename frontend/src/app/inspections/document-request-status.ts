import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import type { DocumentRequestStatus } from './document-request-models';
import { labelTable } from '../i18n/label-table';

export const DOCUMENT_REQUEST_STATUS_LABELS: Record<DocumentRequestStatus, TranslationKey> = labelTable('documentRequest.status', ['requested', 'answered']);

/** A document request's status, and 逾期 when it is (or was: a late answer stays flagged). */
@Component({
  selector: 'app-document-request-status',
  imports: [NzTagModule, TPipe],
  template: `
    <nz-tag data-testid="document-request-status" [attr.data-status]="status()" [nzColor]="status() === 'answered' ? 'green' : 'blue'">{{
      labels[status()] | t
    }}</nz-tag>
    @if (late()) {
      <nz-tag nzColor="red" data-testid="document-request-overdue">{{ (status() === 'answered' ? 'documentRequest.answeredLate' : 'documentRequest.overdue') | t }}</nz-tag>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentRequestStatusTag {
  readonly status = input.required<DocumentRequestStatus>();
  readonly late = input(false);
  protected readonly labels = DOCUMENT_REQUEST_STATUS_LABELS;
}
