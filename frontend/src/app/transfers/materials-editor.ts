import { ChangeDetectionStrategy, Component, inject, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { type MaterialDraft, blankMaterial } from './transfer-rules';
import { MATERIAL_KINDS, type MaterialKind, type TransferMaterial } from './transfers-api';

export const materialKey = (kind: string) => `transfers.material.${kind}` as TranslationKey;

/** The list of materials of a transfer (移交材料): kind, title and reference per row; rows added and removed. */
@Component({
  selector: 'app-materials-editor',
  imports: [FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzSelectModule, TPipe],
  template: `
    <fieldset class="materials" [attr.data-testid]="testId()">
      <legend>{{ 'transfers.materials.heading' | t }}</legend>
      @for (m of rows(); track $index; let i = $index) {
        <div class="row" [attr.data-testid]="testId() + '-row'">
          <nz-select
            class="kind"
            [attr.aria-label]="'transfers.materials.kind' | t"
            [nzPlaceHolder]="'transfers.materials.kind' | t"
            [attr.data-testid]="testId() + '-kind-' + i"
            [ngModel]="m.kind"
            (ngModelChange)="update(i, { kind: $event })"
          >
            @for (k of kinds; track k) {
              <nz-option [nzValue]="k" [nzLabel]="label(k)" />
            }
          </nz-select>
          <input nz-input [attr.aria-label]="'transfers.materials.title' | t" [placeholder]="'transfers.materials.title' | t" [attr.data-testid]="testId() + '-title-' + i" [ngModel]="m.title" (ngModelChange)="update(i, { title: $event })" />
          <input nz-input [attr.aria-label]="'transfers.materials.ref' | t" [placeholder]="'transfers.materials.ref' | t" [attr.data-testid]="testId() + '-ref-' + i" [ngModel]="m.ref" (ngModelChange)="update(i, { ref: $event })" />
          <button nz-button type="button" nzType="text" nzDanger [attr.aria-label]="'transfers.materials.remove' | t" [attr.data-testid]="testId() + '-remove-' + i" (click)="remove(i)">
            <nz-icon nzType="delete" />
          </button>
        </div>
      } @empty {
        <p class="hint">{{ 'transfers.materials.none' | t }}</p>
      }
      <button nz-button type="button" nzType="dashed" [attr.data-testid]="testId() + '-add'" (click)="add()"><nz-icon nzType="plus" />{{ 'transfers.materials.add' | t }}</button>
    </fieldset>
  `,
  styles: `
    .materials { border: 0; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 8px; width: 100%; }
    legend { font-weight: 600; margin-bottom: 4px; font-size: 14px; }
    .row { display: grid; grid-template-columns: 160px 1fr 200px auto; gap: 8px; align-items: center; }
    .hint { color: #595959; margin: 0; }
    @media (max-width: 767.98px) { .row { grid-template-columns: 1fr; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MaterialsEditor {
  private readonly i18n = inject(TranslationService);
  readonly rows = model.required<MaterialDraft[]>();
  readonly testId = input('transfer-materials');
  protected readonly kinds = MATERIAL_KINDS;

  protected label(kind: MaterialKind): string {
    return this.i18n.t(materialKey(kind));
  }

  protected update(index: number, change: Partial<MaterialDraft>): void {
    this.rows.update((rows) => rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  }

  protected add(): void {
    this.rows.update((rows) => [...rows, blankMaterial()]);
  }

  protected remove(index: number): void {
    this.rows.update((rows) => rows.filter((_, i) => i !== index));
  }
}

/** A transfer's materials as a numbered list: kind · title (reference). */
@Component({
  selector: 'app-material-list',
  imports: [TPipe],
  template: `
    <ol [attr.data-testid]="testId()">
      @for (m of materials(); track $index) {
        <li>{{ kindKey(m.kind) | t }} · {{ m.title }}（{{ m.ref }}）</li>
      }
    </ol>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MaterialList {
  readonly materials = input.required<readonly TransferMaterial[]>();
  readonly testId = input.required<string>();
  protected readonly kindKey = materialKey;
}
