import type { HttpResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, type EnvironmentProviders, computed, effect, inject, input, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { provideNzNativeDateAdapter } from 'ng-zorro-antd/core/time';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { Observable } from 'rxjs';
import { type ListFilters, dateOf, dayOf } from '../core/list-query';
import { type RegionOption, RegionsApi } from '../core/regions';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { type ExportFormat, ExportButtons } from './export-buttons';

/**
 * The date adapter of the toolbar's period picker (native Date; weeks from Monday), provided
 * at the root because every list has the toolbar (routes with their own keep theirs).
 */
export function provideListDatePicker(): EnvironmentProviders {
  // No TranslationService here: at the root it would depend on itself (through NzI18nService); the
  // picker's words come from ng-zorro's i18n, which the TranslationService switches.
  return provideNzNativeDateAdapter({ firstDayOfWeek: 1 });
}

/** A status the toolbar offers (lists whose status is not already their tabs). */
export interface StatusOption {
  readonly value: string;
  readonly label: TranslationKey;
}

/** A change of the toolbar's filters: a cleared filter is ''. */
export type ListFilterChange = ListFilters & { status?: string };

const XLSX: readonly ExportFormat[] = [{ format: 'xlsx', label: 'list.export.xlsx', icon: 'file-excel', testId: 'list-export-xlsx' }];

/**
 * The lists' shared toolbar (issue 16 §2): search by institution name or code, the region (the
 * user's own and below, from GET /api/regions), the status when the list has no tabs for it, the
 * period, and the Excel export of exactly the filtered rows. It holds no state of its own beyond
 * the search text being typed: the page keeps the filters in the URL and passes them in.
 */
@Component({
  selector: 'app-list-toolbar',
  imports: [FormsModule, NzButtonModule, NzDatePickerModule, NzIconModule, NzInputModule, NzSelectModule, ExportButtons, TPipe],
  template: `
    <form class="list-toolbar" role="search" data-testid="list-toolbar" (submit)="search($event)">
      <input
        nz-input
        class="list-search"
        name="q"
        type="search"
        data-testid="list-search"
        [placeholder]="'list.search.placeholder' | t"
        [attr.aria-label]="'list.search.label' | t"
        [ngModel]="text()"
        (ngModelChange)="text.set($event)"
      />
      <button nz-button nzType="primary" type="submit" data-testid="list-search-button"><nz-icon nzType="search" />{{ 'list.search.button' | t }}</button>
      @if (showRegion()) {
        <nz-select
          class="list-region"
          name="regionCode"
          data-testid="list-region"
          nzShowSearch
          nzAllowClear
          [nzLoading]="regions.isLoading()"
          (nzOpenChange)="$event && regionsWanted.set(true)"
          [nzPlaceHolder]="'list.region.all' | t"
          [attr.aria-label]="'list.region.label' | t"
          [ngModel]="filters().regionCode ?? null"
          (ngModelChange)="changed.emit({ regionCode: $event ?? '' })"
        >
          @for (r of regionOptions(); track r.code) {
            <nz-option [nzValue]="r.code" [nzLabel]="r.label" />
          }
        </nz-select>
      }
      @if (statusOptions().length) {
        <nz-select
          class="list-status"
          name="status"
          data-testid="list-status"
          nzAllowClear
          [nzPlaceHolder]="'list.status.all' | t"
          [attr.aria-label]="'list.status.label' | t"
          [ngModel]="status() ?? null"
          (ngModelChange)="changed.emit({ status: $event ?? '' })"
        >
          @for (s of statusOptions(); track s.value) {
            <nz-option [nzValue]="s.value" [nzLabel]="s.label | t" />
          }
        </nz-select>
      }
      <nz-range-picker
        name="period"
        data-testid="list-period"
        [nzPlaceHolder]="[('list.period.start' | t), ('list.period.end' | t)]"
        [attr.aria-label]="'list.period.label' | t"
        [ngModel]="period()"
        (ngModelChange)="periodChanged($event)"
      />
      @if (filtered()) {
        <button nz-button nzType="link" type="button" data-testid="list-reset" (click)="reset()">{{ 'list.reset' | t }}</button>
      }
      @if (exportFetch(); as fetch) {
        <app-export-buttons class="list-export" [formats]="xlsx" [fetch]="fetch" [baseName]="exportName()" [attr.title]="'list.export.hint' | t" />
      }
    </form>
  `,
  styles: `
    .list-toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
      margin: 0 0 12px;
    }
    .list-search {
      width: 260px;
      max-width: 100%;
    }
    .list-region,
    .list-status {
      min-width: 160px;
    }
    .list-export {
      margin-left: auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListToolbar {
  private readonly regionsApi = inject(RegionsApi);

  /** The filters in force (from the URL). */
  readonly filters = input.required<ListFilters>();
  /** The status in force, when the toolbar offers the statuses. */
  readonly status = input<string | undefined>(undefined);
  readonly statusOptions = input<readonly StatusOption[]>([]);
  readonly showRegion = input(true);
  /** The export's request (null: no export button). */
  readonly exportFetch = input<((format: string) => Observable<HttpResponse<Blob>> | null) | null>(null);
  readonly exportName = input('export');

  readonly changed = output<ListFilterChange>();

  protected readonly xlsx = XLSX;
  /** The search text as typed; sent on Enter or the button, then kept in step with the URL. */
  protected readonly text = signal('');

  /** The regions are fetched when the select is first opened, or when the URL names one (to show its name). */
  protected readonly regionsWanted = signal(false);
  protected readonly regions = rxResource({
    params: () => (this.showRegion() && (this.regionsWanted() || this.filters().regionCode) ? true : undefined),
    stream: () => this.regionsApi.regions(),
  });
  /** The regions indented by level under their parents, in code order. */
  protected readonly regionOptions = computed(() => {
    const list: RegionOption[] = this.regions.hasValue() ? this.regions.value() : [];
    const depth = new Map<string, number>();
    return list.map((r) => {
      const d = r.parentCode !== null && depth.has(r.parentCode) ? depth.get(r.parentCode)! + 1 : 0;
      depth.set(r.code, d);
      return { code: r.code, label: `${'\u3000'.repeat(d)}${r.name}` };
    });
  });
  protected readonly period = computed(() => {
    const f = this.filters();
    const from = dateOf(f.from);
    const to = dateOf(f.to);
    return from && to ? [from, to] : [];
  });
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return Boolean(f.q || f.regionCode || f.from || f.to || (this.statusOptions().length && this.status()));
  });

  constructor() {
    effect(() => this.text.set(this.filters().q ?? ''));
  }

  protected search(event: Event): void {
    event.preventDefault();
    this.changed.emit({ q: this.text().trim() });
  }

  protected periodChanged(range: (Date | null)[] | null): void {
    const [from, to] = range ?? [];
    this.changed.emit(from && to ? { from: dayOf(from), to: dayOf(to) } : { from: '', to: '' });
  }

  protected reset(): void {
    this.text.set('');
    this.changed.emit({ q: '', regionCode: '', from: '', to: '', ...(this.statusOptions().length ? { status: '' } : {}) });
  }
}
