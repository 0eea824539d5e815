import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { ATTACHMENT_ACCEPT, AttachmentsApi, attachmentRefusal } from '../core/attachments';
import type { Attachment, Finding } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { AuditChange } from './ic-audit-change';
import { IcApi } from './ic-api';
import { AREA_LABELS, FINDING_STATUS_LABELS } from './ic-labels';

interface RectificationDraft {
  plan: string;
  files: Attachment[];
  uploading: number;
}

/**
 * One issued finding: what was found, the rectification and the team's verdict. The audited agency
 * rectifies it (plan and evidence) while it is open or was rejected; the team verifies a submitted
 * rectification. Refusals go to the findings section's error line through `error`.
 */
@Component({
  selector: 'app-ic-finding',
  imports: [FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzTagModule, TPipe],
  templateUrl: './ic-finding.html',
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcFinding {
  private readonly api = inject(IcApi);
  private readonly attachments = inject(AttachmentsApi);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);

  readonly auditId = input.required<string>();
  readonly finding = input.required<Finding>();
  /** The checklist item the finding is about, as "PR-1 text". */
  readonly itemText = input('');
  readonly canRectify = input(false);
  readonly canVerify = input(false);
  /** The change being sent, if any. */
  readonly busy = input<string | null>(null);
  readonly change = output<AuditChange>();
  /** A refusal to show ('' clears it). */
  readonly error = output<string>();

  protected readonly areaLabels = AREA_LABELS;
  protected readonly findingLabels = FINDING_STATUS_LABELS;
  protected readonly accept = ATTACHMENT_ACCEPT;

  protected readonly rectification = linkedSignal<RectificationDraft>(() => ({ plan: this.finding().rectification?.plan ?? '', files: [], uploading: 0 }));
  protected readonly verifyComment = linkedSignal(() => (this.finding() ? '' : ''));

  protected setRectification(change: Partial<RectificationDraft>): void {
    this.rectification.update((draft) => ({ ...draft, ...change }));
  }

  /** Uploads the picked evidence files, one by one, and keeps their ids for the rectification. */
  protected async pick(picker: HTMLInputElement): Promise<void> {
    const files = [...(picker.files ?? [])];
    picker.value = '';
    for (const file of files) {
      const refusal = attachmentRefusal(file);
      if (refusal) {
        this.message.error(this.i18n.t(refusal, { filename: file.name, max: 20 }));
        continue;
      }
      this.setRectification({ uploading: this.rectification().uploading + 1 });
      try {
        const attachment = await firstValueFrom(this.attachments.upload(file));
        this.setRectification({ files: [...this.rectification().files, attachment] });
      } catch {
        // The error interceptor has told the user.
      } finally {
        this.setRectification({ uploading: this.rectification().uploading - 1 });
      }
    }
  }

  protected removeFile(attachmentId: string): void {
    this.setRectification({ files: this.rectification().files.filter((f) => f.id !== attachmentId) });
  }

  protected submitRectification(): void {
    const finding = this.finding();
    const draft = this.rectification();
    if (!draft.plan.trim()) {
      this.error.emit(this.i18n.t('ic.rect.planRequired'));
      return;
    }
    this.error.emit('');
    const ids = [...new Set([...(finding.rectification?.evidenceAttachmentIds ?? []), ...draft.files.map((f) => f.id)])];
    this.change.emit({
      action: `rect-${finding.id}`,
      request: this.api.submitRectification(this.auditId(), finding.id, draft.plan.trim(), ids),
      success: 'ic.rect.submitted',
    });
  }

  protected verify(accepted: boolean): void {
    const finding = this.finding();
    const comment = this.verifyComment().trim();
    if (!accepted && !comment) {
      this.error.emit(this.i18n.t('ic.verify.commentRequired'));
      return;
    }
    this.error.emit('');
    this.change.emit({
      action: `verify-${finding.id}`,
      request: this.api.verify(this.auditId(), finding.id, accepted, comment),
      success: accepted ? 'ic.verify.accepted' : 'ic.verify.rejected',
    });
  }
}
