import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { MoneyPipe } from '../core/money';
import { pageFromQuery } from '../core/paging';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { ListToolbar } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { CASE_STATUSES, type CaseQuery, type CaseStatus, EnforcementApi } from './enforcement-api';

export const CASE_PAGE_SIZE = 20;
export const caseStatusKey = (s: CaseStatus) => `enforcement.status.${s}` as TranslationKey;

/** 执法案件: the cases of the reader's bureau and area on the list convention (search, region, status, period, sort, export). */
@Component({
  selector: 'app-case-list',
  imports: [DatePipe, FormsModule, RouterLink, NzButtonModule, NzSelectModule, NzTableModule, NzTagModule, ListToolbar, MoneyPipe, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <h1>{{ 'enforcement.list.title' | t }}</h1>
        <a nz-button nzType="primary" routerLink="../new" data-testid="case-propose">{{ 'enforcement.list.propose' | t }}</a>
      </header>
      <p class="hint">{{ 'enforcement.list.hint' | t }}</p>
      <div class="filters">
        <label for="case-status">{{ 'enforcement.filter.status' | t }}</label>
        <nz-select nzId="case-status" data-testid="case-status-filter" nzAllowClear [nzPlaceHolder]="'enforcement.filter.any' | t" [ngModel]="query().status ?? null" (ngModelChange)="filterOwn({ status: $event })">
          @for (s of statuses; track s) { <nz-option [nzValue]="s" [nzLabel]="statusKey(s) | t" /> }
        </nz-select>
      </div>
      <app-list-toolbar [filters]="listFilters()" [exportFetch]="exportFetch" [exportName]="'enforcement.list.title' | t" (changed)="filterList($event)" />
      <div class="table-wrap">
        <nz-table #table nzSize="middle" data-testid="case-table" [nzData]="pageData().items" [nzLoading]="cases.isLoading()" [nzFrontPagination]="false"
          [nzTotal]="pageData().total" [nzPageSize]="pageSize" [nzPageIndex]="query().page ?? 1" (nzPageIndexChange)="filterPage($event)"
          nzHideOnSinglePage [nzNoResult]="'enforcement.list.none' | t">
          <thead>
            <tr>
              <th nzColumnKey="caseNo" [nzSortFn]="true" [nzSortOrder]="sortOrder('caseNo')" (nzSortOrderChange)="sortBy('caseNo', $event)">{{ 'enforcement.col.no' | t }}</th>
              <th class="col-wide">{{ 'enforcement.col.subject' | t }}</th>
              <th nzColumnKey="institution" [nzSortFn]="true" [nzSortOrder]="sortOrder('institution')" (nzSortOrderChange)="sortBy('institution', $event)">{{ 'enforcement.col.institution' | t }}</th>
              <th nzColumnKey="dueDate" [nzSortFn]="true" [nzSortOrder]="sortOrder('dueDate')" (nzSortOrderChange)="sortBy('dueDate', $event)">{{ 'enforcement.col.due' | t }}</th>
              <th nzColumnKey="status" [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'enforcement.col.status' | t }}</th>
              <th class="num" nzColumnKey="amountInvolved" [nzSortFn]="true" [nzSortOrder]="sortOrder('amountInvolved')" (nzSortOrderChange)="sortBy('amountInvolved', $event)">{{ 'enforcement.col.amount' | t }}</th>
              <th class="num" nzColumnKey="penaltyAmount" [nzSortFn]="true" [nzSortOrder]="sortOrder('penaltyAmount')" (nzSortOrderChange)="sortBy('penaltyAmount', $event)">{{ 'enforcement.col.penalty' | t }}</th>
              <th nzColumnKey="proposedAt" [nzSortFn]="true" [nzSortOrder]="sortOrder('proposedAt')" (nzSortOrderChange)="sortBy('proposedAt', $event)">{{ 'enforcement.col.proposedAt' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (c of table.data; track c.id) {
              <tr data-testid="case-row" [attr.data-id]="c.id" [attr.data-status]="c.status">
                <td>{{ c.caseNo }}</td>
                <td class="col-wide"><a data-testid="case-open" [routerLink]="['..', 'case', c.id]">{{ c.subject }}</a>
                  @if (c.major) { <nz-tag nzColor="warning">{{ 'enforcement.major' | t }}</nz-tag> }</td>
                <td>{{ c.institution?.name ?? '—' }}<div class="hint">{{ c.region.name }}</div></td>
                <td>{{ c.dueDate ?? '—' }} @if (c.overdue) { <nz-tag nzColor="error">{{ 'enforcement.overdue' | t }}</nz-tag> }</td>
                <td>{{ statusKey(c.status) | t }}</td>
                <td class="num money">{{ c.amountInvolved | money }}</td>
                <td class="num money">{{ c.penaltyAmount | money }}</td>
                <td>{{ c.proposedAt | date: 'yyyy-MM-dd' : '+0800' }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      </div>
    </section>
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin: 12px 0; }
    .filters nz-select { min-width: 180px; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseList extends SearchableList {
  private readonly api = inject(EnforcementApi);

  readonly status = input<string>();
  readonly page = input<string>();

  protected readonly statuses = CASE_STATUSES;
  protected readonly statusKey = caseStatusKey;
  protected readonly pageSize = CASE_PAGE_SIZE;

  protected readonly query = computed((): CaseQuery => ({
    ...this.listFilters(),
    status: CASE_STATUSES.includes(this.status() as CaseStatus) ? (this.status() as CaseStatus) : undefined,
    page: pageFromQuery(this.page()),
    pageSize: CASE_PAGE_SIZE,
  }));
  protected readonly cases = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.list(params) });
  protected readonly pageData = computed(() => (this.cases.hasValue() ? this.cases.value() : { items: [], total: 0 }));
  protected readonly exportFetch = () => {
    const { page: _page, pageSize: _size, ...filters } = this.query();
    return this.api.export(filters);
  };
}
