import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { TPipe } from '../i18n/t-pipe';

/**
 * 保存 and 提交 of a self-inspection report (the institution's and the agency's own). The page gives
 * the host its layout (`class="actions sticky"`, so it sticks to the bottom of the page's panel) and
 * its data-testid; the buttons are `<testId>-save` and `<testId>-submit`.
 */
@Component({
  selector: 'app-draft-actions',
  imports: [NzButtonModule, NzIconModule, TPipe],
  template: `
    <button nz-button type="button" [attr.data-testid]="testId() + '-save'" [nzLoading]="busy() === 'save'" [disabled]="disabled()" (click)="saveDraft.emit()">
      <nz-icon nzType="save" />{{ 'selfInspection.save' | t }}
    </button>
    <button nz-button nzType="primary" type="button" [attr.data-testid]="testId() + '-submit'" [nzLoading]="busy() === 'submit'" [disabled]="disabled()" (click)="submitDraft.emit()">
      <nz-icon nzType="send" />{{ 'selfInspection.submit.action' | t }}
    </button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DraftActions {
  readonly testId = input.required<string>();
  /** What is under way: 'save', 'submit' or nothing. */
  readonly busy = input<string | null>(null);
  readonly disabled = input(false);
  readonly saveDraft = output();
  readonly submitDraft = output();
}
