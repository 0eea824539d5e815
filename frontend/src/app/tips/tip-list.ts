import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { MoneyPipe } from '../core/money';
import { pageFromQuery } from '../core/paging';
import { TPipe } from '../i18n/t-pipe';
import { ListToolbar } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { TIP_STATUSES, type TipListItem, type TipQuery, type TipStatus, TipsApi } from './tips-api';
import { tipStatusKey } from './tip-labels';

export const TIP_PAGE_SIZE = 20;

/** 举报受理: the tips of the reader's region — search, region, period, status, sort, export (no reporter field anywhere). */
@Component({
  selector: 'app-tip-list',
  imports: [DatePipe, FormsModule, RouterLink, NzRadioModule, NzTableModule, NzTagModule, ListToolbar, MoneyPipe, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar"><h1>{{ 'tips.list.title' | t }}</h1></header>
      <nz-radio-group class="status-tabs" nzButtonStyle="solid" [ngModel]="tab()" (ngModelChange)="filterOwn({ status: $event === 'all' ? null : $event })" [attr.aria-label]="'tips.col.status' | t">
        <label nz-radio-button nzValue="all" data-testid="tip-tab-all">{{ 'tips.list.all' | t }}</label>
        @for (s of statuses; track s) {
          <label nz-radio-button [nzValue]="s" [attr.data-testid]="'tip-tab-' + s">{{ statusKey(s) | t }}</label>
        }
      </nz-radio-group>
      <app-list-toolbar [filters]="listFilters()" [exportFetch]="exportFetch" [exportName]="'tips.list.title' | t" (changed)="filterList($event)" />
      <div class="table-wrap">
        <nz-table
          #table
          nzSize="middle"
          data-testid="tip-table"
          [nzData]="pageData().items"
          [nzLoading]="tips.isLoading()"
          [nzFrontPagination]="false"
          [nzTotal]="pageData().total"
          [nzPageSize]="pageSize"
          [nzPageIndex]="pageIndex()"
          (nzPageIndexChange)="filterPage($event)"
          nzHideOnSinglePage
          [nzNoResult]="'tips.list.none' | t"
        >
          <thead>
            <tr>
              <th nzColumnKey="institution" [nzSortFn]="true" [nzSortOrder]="sortOrder('institution')" (nzSortOrderChange)="sortBy('institution', $event)">{{ 'tips.col.subject' | t }}</th>
              <th class="col-wide">{{ 'tips.col.facts' | t }}</th>
              <th class="num" nzColumnKey="amount" [nzSortFn]="true" [nzSortOrder]="sortOrder('amount')" (nzSortOrderChange)="sortBy('amount', $event)">{{ 'tips.col.amount' | t }}</th>
              <th>{{ 'tips.col.mode' | t }}</th>
              <th nzColumnKey="status" [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'tips.col.status' | t }}</th>
              <th nzColumnKey="acceptDue" [nzSortFn]="true" [nzSortOrder]="sortOrder('acceptDue')" (nzSortOrderChange)="sortBy('acceptDue', $event)">{{ 'tips.col.acceptDue' | t }}</th>
              <th nzColumnKey="createdAt" [nzSortFn]="true" [nzSortOrder]="sortOrder('createdAt')" (nzSortOrderChange)="sortBy('createdAt', $event)">{{ 'tips.col.receivedOn' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (tip of table.data; track tip.id) {
              <tr data-testid="tip-row" [attr.data-id]="tip.id" [attr.data-status]="tip.status">
                <td><a data-testid="tip-open" [routerLink]="['..', 'tip', tip.id]">{{ subject(tip) }}</a>
                  @if (tip.institution) { <div class="hint">{{ tip.institution.regionName }}</div> }</td>
                <td class="col-wide clamp">{{ tip.facts }}</td>
                <td class="num money">{{ tip.amountInvolved | money }}</td>
                <td>{{ (tip.anonymous ? 'tips.anonymous' : 'tips.realName') | t }}</td>
                <td>{{ statusKey(tip.status) | t }} @if (tip.overdue) { <nz-tag nzColor="error">{{ 'tips.overdue' | t }}</nz-tag> }</td>
                <td>{{ tip.acceptDue | date: 'yyyy-MM-dd' : '+0800' }}</td>
                <td>{{ tip.createdAt | date: 'yyyy-MM-dd' : '+0800' }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      </div>
    </section>
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TipList extends SearchableList {
  private readonly api = inject(TipsApi);

  readonly status = input<string>();
  readonly page = input<string>();

  protected readonly statuses = TIP_STATUSES;
  protected readonly statusKey = tipStatusKey;
  protected readonly pageSize = TIP_PAGE_SIZE;
  protected readonly tab = computed<TipStatus | 'all'>(() => {
    const s = this.status() as TipStatus | undefined;
    return s && TIP_STATUSES.includes(s) ? s : 'all';
  });
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  private readonly query = computed((): TipQuery => ({
    ...this.listFilters(), status: this.tab() === 'all' ? undefined : (this.tab() as TipStatus), page: this.pageIndex(), pageSize: TIP_PAGE_SIZE,
  }));
  protected readonly tips = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.list(params) });
  protected readonly pageData = computed(() => (this.tips.hasValue() ? this.tips.value() : { items: [], total: 0 }));
  protected readonly exportFetch = () => {
    const { page: _page, pageSize: _size, ...filters } = this.query();
    return this.api.export(filters);
  };

  protected subject(tip: TipListItem): string {
    return tip.institution?.name ?? tip.personReported ?? '—';
  }
}
