import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { firstValueFrom } from 'rxjs';
import { CHECKLIST_AREAS, type ChecklistArea, type ChecklistItem } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { IcApi } from './ic-api';
import { AREA_LABELS } from './ic-labels';
import { IcNav } from './ic-nav';

/** Why the edited checklist cannot be saved, as a message key; null when it can. */
export function checklistIssue(items: readonly ChecklistItem[]): 'ic.checklist.empty' | 'ic.checklist.incomplete' | 'ic.checklist.duplicate' | null {
  if (items.length === 0) return 'ic.checklist.empty';
  if (items.some((i) => !i.code.trim() || !i.text.trim())) return 'ic.checklist.incomplete';
  const codes = items.map((i) => i.code.trim());
  return new Set(codes).size === codes.length ? null : 'ic.checklist.duplicate';
}

/** 检查清单: the province edits the items per area; saving makes a new version (audits keep theirs). */
@Component({
  selector: 'app-ic-checklist',
  imports: [DatePipe, FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzSelectModule, NzSpinModule, IcNav, TPipe],
  template: `
    <section class="panel">
      <app-ic-nav section="province" />
      <header class="toolbar">
        <h1>{{ 'ic.checklist.title' | t }}</h1>
        @if (checklist.hasValue()) {
          <span class="hint" data-testid="ic-checklist-version">{{
            'ic.checklist.version' | t: { version: checklist.value().version, by: checklist.value().createdBy, at: (checklist.value().createdAt | date: 'yyyy-MM-dd' : '+0800') ?? '' }
          }}</span>
        }
        <button nz-button nzType="primary" type="button" data-testid="ic-checklist-save" [nzLoading]="saving()" [disabled]="!dirty()" (click)="save()">
          <nz-icon nzType="save" />{{ 'ic.checklist.save' | t }}
        </button>
      </header>

      @if (checklist.error()) {
        <p class="error" data-testid="ic-error">{{ 'ic.loadFailed' | t }}</p>
      } @else if (checklist.hasValue()) {
        @if (issue(); as issue) {
          <p class="error" data-testid="ic-checklist-issue">{{ issue | t }}</p>
        }
        @for (area of areas; track area) {
          <h2>{{ areaLabels[area] | t }}</h2>
          @for (item of itemsOf(area); track $index) {
            <div class="item form-row" [attr.data-testid]="'ic-checklist-item-' + item.code">
              <label>{{ 'ic.checklist.code' | t }}<input nz-input [ngModel]="item.code" (ngModelChange)="edit(item, { code: $event })" style="width: 100px" /></label>
              <label class="grow">{{ 'ic.checklist.text' | t }}<input nz-input data-testid="ic-checklist-text" [ngModel]="item.text" (ngModelChange)="edit(item, { text: $event })" /></label>
              <label class="grow">{{ 'ic.checklist.guidance' | t }}<input nz-input [ngModel]="item.guidance" (ngModelChange)="edit(item, { guidance: $event })" /></label>
              <button nz-button nzDanger type="button" data-testid="ic-checklist-remove" [attr.aria-label]="'ic.checklist.remove' | t" (click)="remove(item)">
                <nz-icon nzType="delete" />
              </button>
            </div>
          } @empty {
            <p class="hint">{{ 'ic.checklist.noItems' | t }}</p>
          }
        }

        <h2>{{ 'ic.checklist.add' | t }}</h2>
        <div class="form-row" data-testid="ic-checklist-new">
          <label
            >{{ 'ic.checklist.area' | t }}
            <nz-select data-testid="ic-checklist-new-area" [(ngModel)]="newArea" style="width: 160px">
              @for (area of areas; track area) {
                <nz-option [nzValue]="area" [nzLabel]="areaLabels[area] | t" />
              }
            </nz-select>
          </label>
          <label>{{ 'ic.checklist.code' | t }}<input nz-input data-testid="ic-checklist-new-code" [(ngModel)]="newCode" style="width: 100px" /></label>
          <label class="grow">{{ 'ic.checklist.text' | t }}<input nz-input data-testid="ic-checklist-new-text" [(ngModel)]="newText" /></label>
          <label class="grow">{{ 'ic.checklist.guidance' | t }}<input nz-input data-testid="ic-checklist-new-guidance" [(ngModel)]="newGuidance" /></label>
          <button nz-button type="button" data-testid="ic-checklist-add" [disabled]="!newCode.trim() || !newText.trim()" (click)="add()">
            <nz-icon nzType="plus" />{{ 'ic.checklist.addButton' | t }}
          </button>
        </div>
      } @else {
        <div class="loading"><nz-spin nzSimple /></div>
      }
    </section>
  `,
  styleUrl: '../shell/feature-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcChecklistPage {
  private readonly api = inject(IcApi);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);

  protected readonly areas = CHECKLIST_AREAS;
  protected readonly areaLabels = AREA_LABELS;
  protected readonly checklist = rxResource({ stream: () => this.api.checklist() });
  /** The edited copy; reset whenever a version is loaded or saved. */
  protected readonly items = signal<ChecklistItem[]>([]);
  protected readonly dirty = signal(false);
  protected readonly saving = signal(false);
  protected readonly issue = computed(() => (this.dirty() ? checklistIssue(this.items()) : null));

  protected newArea: ChecklistArea = 'management_rules';
  protected newCode = '';
  protected newText = '';
  protected newGuidance = '';

  constructor() {
    effect(() => {
      if (this.checklist.hasValue()) {
        this.items.set(this.checklist.value().items.map((i) => ({ ...i })));
        this.dirty.set(false);
      }
    });
  }

  protected itemsOf(area: ChecklistArea): ChecklistItem[] {
    return this.items().filter((i) => i.area === area);
  }

  protected edit(item: ChecklistItem, change: Partial<ChecklistItem>): void {
    this.items.update((items) => items.map((i) => (i === item ? Object.assign(i, change) : i)));
    this.items.update((items) => [...items]);
    this.dirty.set(true);
  }

  protected remove(item: ChecklistItem): void {
    this.items.update((items) => items.filter((i) => i !== item));
    this.dirty.set(true);
  }

  protected add(): void {
    const item: ChecklistItem = {
      code: this.newCode.trim(),
      area: this.newArea,
      text: this.newText.trim(),
      guidance: this.newGuidance.trim(),
    };
    if (!item.code || !item.text) return;
    this.items.update((items) => [...items, item]);
    this.newCode = this.newText = this.newGuidance = '';
    this.dirty.set(true);
  }

  protected async save(): Promise<void> {
    if (this.saving() || checklistIssue(this.items())) {
      this.dirty.set(true);
      return;
    }
    this.saving.set(true);
    try {
      const items = this.items().map((i) => ({ code: i.code.trim(), area: i.area, text: i.text.trim(), guidance: i.guidance.trim() }));
      const saved = await firstValueFrom(this.api.saveChecklist(items));
      this.checklist.set(saved);
      this.message.success(this.i18n.t('ic.checklist.saved', { version: saved.version }));
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.saving.set(false);
    }
  }
}
