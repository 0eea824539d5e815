import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { formatFileSize } from '../core/attachments';
import type { Attachment } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';

/**
 * Files uploaded for a form and not saved yet: name, size and a remove button per file. Nothing is
 * rendered while the list is empty. The picker and the upload button stay with the page.
 */
@Component({
  selector: 'app-file-list',
  imports: [NzButtonModule, NzIconModule, TPipe],
  template: `
    @if (files().length) {
      @let removeId = removeTestId();
      <ul class="files">
        @for (file of files(); track file.id; let n = $index) {
          <li [attr.data-testid]="testId() + n">
            <nz-icon nzType="paper-clip" />
            <span class="filename" [title]="file.filename">{{ file.filename }}</span>
            <span class="size">{{ fileSize(file.sizeBytes) }}</span>
            <button
              nz-button
              nzType="text"
              nzSize="small"
              type="button"
              [attr.data-testid]="removeId === null ? null : removeId + n"
              [attr.aria-label]="removeLabel() | t: { filename: file.filename }"
              (click)="remove.emit(file.id)"
            >
              <nz-icon nzType="delete" />
            </button>
          </li>
        }
      </ul>
    }
  `,
  styleUrls: ['./evidence-list.css', './file-list.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FileList {
  readonly files = input.required<readonly Attachment[]>();
  /** Each file's data-testid is this prefix followed by its index. */
  readonly testId = input.required<string>();
  /** Each remove button's data-testid prefix (followed by the index); none when null. */
  readonly removeTestId = input<string | null>(null);
  /** The remove buttons' accessible name, a key taking `{filename}`. */
  readonly removeLabel = input.required<TranslationKey>();
  /** The id of the file to take off the list. */
  readonly remove = output<string>();

  protected readonly fileSize = formatFileSize;
}
