import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { NzButtonModule, type NzButtonSize } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { ATTACHMENT_ACCEPT } from '../core/attachments';
import type { Attachment } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { FileList } from './file-list';

/**
 * The evidence block of a form: what the page shows first (projected, e.g. "3 files saved"), the files
 * uploaded and not saved yet (app-file-list), a hidden file input and the button that opens it. The
 * page keeps the uploading: it gets the input on `pick` and the file id on `remove`.
 *
 * Hooks, from `testId` and the optional `key` (a row's index or code): `<testId>-file-[<key>-]<n>`,
 * `<testId>-file-remove-[<key>-]<n>`, `<testId>-upload[-<key>]` (the input) and
 * `<testId>-upload-button[-<key>]`.
 */
@Component({
  selector: 'app-evidence-picker',
  imports: [FileList, NzButtonModule, NzIconModule, TPipe],
  template: `
    <div [class.evidence-row]="inline()">
      <ng-content />
      <app-file-list [files]="files()" [testId]="ids().file" [removeTestId]="ids().remove" [removeLabel]="removeLabel()" (remove)="remove.emit($event)" />
      <input #picker type="file" multiple hidden [accept]="accept" [attr.data-testid]="ids().upload" [attr.aria-label]="uploadLabel()" (change)="pick.emit(picker)" />
      <button nz-button type="button" [nzSize]="size()" [attr.data-testid]="ids().button" [attr.aria-label]="buttonLabel() ? uploadLabel() : null"
        [nzLoading]="uploading() > 0" [disabled]="disabled()" (click)="picker.click()">
        <nz-icon nzType="upload" />{{ buttonText() | t }}
      </button>
    </div>
  `,
  styleUrl: './evidence-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EvidencePicker {
  readonly files = input.required<readonly Attachment[]>();
  /** Uploads under way: the button spins while there are any. */
  readonly uploading = input(0);
  readonly disabled = input(false);
  readonly testId = input.required<string>();
  /** Tells this block's hooks from its neighbours' when a page has one per row. */
  readonly key = input<string | number | null>(null);
  /** The input's accessible name (already translated). */
  readonly uploadLabel = input.required<string>();
  /** Whether the button carries the input's accessible name too (its text stays `buttonText`). */
  readonly buttonLabel = input(false);
  readonly buttonText = input.required<TranslationKey>();
  readonly removeLabel = input.required<TranslationKey>();
  readonly size = input<NzButtonSize>('default');
  /** Side by side in a flex row (default), or stacked as a table cell wants it. */
  readonly inline = input(true);

  /** The file input, once the user picked files in it. */
  readonly pick = output<HTMLInputElement>();
  /** The id of an unsaved file to take off the list. */
  readonly remove = output<string>();

  protected readonly accept = ATTACHMENT_ACCEPT;
  protected readonly ids = computed(() => {
    const base = this.testId();
    const key = this.key();
    const file = key === null ? '' : `${key}-`;
    const control = key === null ? '' : `-${key}`;
    return {
      file: `${base}-file-${file}`,
      remove: `${base}-file-remove-${file}`,
      upload: `${base}-upload${control}`,
      button: `${base}-upload-button${control}`,
    };
  });
}
