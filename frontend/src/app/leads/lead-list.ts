import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { ListFilters } from '../core/list-query';
import { MoneyPipe } from '../core/money';
import { pageFromQuery } from '../core/paging';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { ListToolbar } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { LEAD_SOURCES, LEAD_STATUSES, type LeadQuery, type LeadSource, type LeadStatus, type LeadViewFilter, LeadsApi } from './leads-api';
import { leadResultKey, leadSourceKey, leadStatusKey } from './lead-labels';
import { AlertImport } from './alert-import';

export const LEAD_PAGE_SIZE = 20;
const VIEWS: readonly (LeadViewFilter | 'all')[] = ['all', 'held', 'assigned'];

/** The ledger's query from the page's URL parameters (unknown values are left out). */
export function leadQueryOf(p: { view?: string; status?: string; source?: string; overdue?: string; page?: string }): Omit<LeadQuery, keyof ListFilters> {
  return {
    view: p.view === 'held' || p.view === 'assigned' ? p.view : undefined,
    status: LEAD_STATUSES.includes(p.status as LeadStatus) ? (p.status as LeadStatus) : undefined,
    source: LEAD_SOURCES.includes(p.source as LeadSource) ? (p.source as LeadSource) : undefined,
    overdue: p.overdue === 'true' ? true : undefined,
    page: pageFromQuery(p.page),
    pageSize: LEAD_PAGE_SIZE,
  };
}

/**
 * 线索台账: the leads of the reader's unit and area — held, assigned down (still overseen) or all —
 * with source, status, overdue, region, period and search filters, sorting and the Excel ledger; the
 * national overseer's view of the leads it assigned is the source filter 国家局交办.
 */
@Component({
  selector: 'app-lead-list',
  imports: [DatePipe, FormsModule, RouterLink, NzButtonModule, NzCheckboxModule, NzRadioModule, NzSelectModule, NzTableModule, NzTagModule, AlertImport, ListToolbar, MoneyPipe, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <h1>{{ 'leads.list.title' | t }}</h1>
        <span class="actions">
          <app-alert-import (imported)="leads.reload()" />
          <a nz-button nzType="primary" routerLink="../new" data-testid="lead-register">{{ 'leads.list.register' | t }}</a>
        </span>
      </header>
      <p class="hint">{{ 'leads.list.hint' | t }}</p>
      <nz-radio-group class="status-tabs" nzButtonStyle="solid" [ngModel]="query().view ?? 'all'" (ngModelChange)="filterOwn({ view: $event === 'all' ? null : $event })" [attr.aria-label]="'leads.view.all' | t">
        @for (v of views; track v) {
          <label nz-radio-button [nzValue]="v" [attr.data-testid]="'lead-view-' + v">{{ viewKey(v) | t }}</label>
        }
      </nz-radio-group>
      <div class="filters">
        <label for="lead-status">{{ 'leads.filter.status' | t }}</label>
        <nz-select nzId="lead-status" data-testid="lead-status-filter" nzAllowClear [nzPlaceHolder]="'leads.filter.any' | t" [ngModel]="query().status ?? null" (ngModelChange)="filterOwn({ status: $event })">
          @for (s of statuses; track s) { <nz-option [nzValue]="s" [nzLabel]="statusKey(s) | t" /> }
        </nz-select>
        <label for="lead-source">{{ 'leads.filter.source' | t }}</label>
        <nz-select nzId="lead-source" data-testid="lead-source-filter" nzAllowClear [nzPlaceHolder]="'leads.filter.any' | t" [ngModel]="query().source ?? null" (ngModelChange)="filterOwn({ source: $event })">
          @for (s of sources; track s) { <nz-option [nzValue]="s" [nzLabel]="sourceKey(s) | t" /> }
        </nz-select>
        <label nz-checkbox data-testid="lead-overdue-filter" [ngModel]="query().overdue === true" (ngModelChange)="filterOwn({ overdue: $event ? 'true' : null })">{{ 'leads.filter.overdue' | t }}</label>
        <button nz-button type="button" data-testid="lead-national" (click)="filterOwn({ source: 'national_assignment' })">{{ 'leads.view.national' | t }}</button>
      </div>
      <app-list-toolbar [filters]="listFilters()" [exportFetch]="exportFetch" [exportName]="'leads.list.title' | t" (changed)="filterList($event)" />
      <div class="table-wrap">
        <nz-table
          #table
          nzSize="middle"
          data-testid="lead-table"
          [nzData]="pageData().items"
          [nzLoading]="leads.isLoading()"
          [nzFrontPagination]="false"
          [nzTotal]="pageData().total"
          [nzPageSize]="pageSize"
          [nzPageIndex]="query().page ?? 1"
          (nzPageIndexChange)="filterPage($event)"
          nzHideOnSinglePage
          [nzNoResult]="'leads.list.none' | t"
        >
          <thead>
            <tr>
              <th nzColumnKey="ledgerNo" [nzSortFn]="true" [nzSortOrder]="sortOrder('ledgerNo')" (nzSortOrderChange)="sortBy('ledgerNo', $event)">{{ 'leads.col.no' | t }}</th>
              <th nzColumnKey="source" [nzSortFn]="true" [nzSortOrder]="sortOrder('source')" (nzSortOrderChange)="sortBy('source', $event)">{{ 'leads.col.source' | t }}</th>
              <th class="col-wide">{{ 'leads.col.subject' | t }}</th>
              <th nzColumnKey="institution" [nzSortFn]="true" [nzSortOrder]="sortOrder('institution')" (nzSortOrderChange)="sortBy('institution', $event)">{{ 'leads.col.institution' | t }}</th>
              <th nzColumnKey="holder" [nzSortFn]="true" [nzSortOrder]="sortOrder('holder')" (nzSortOrderChange)="sortBy('holder', $event)">{{ 'leads.col.holder' | t }}</th>
              <th nzColumnKey="dueDate" [nzSortFn]="true" [nzSortOrder]="sortOrder('dueDate')" (nzSortOrderChange)="sortBy('dueDate', $event)">{{ 'leads.col.due' | t }}</th>
              <th nzColumnKey="status" [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'leads.col.status' | t }}</th>
              <th class="num" nzColumnKey="amountInvolved" [nzSortFn]="true" [nzSortOrder]="sortOrder('amountInvolved')" (nzSortOrderChange)="sortBy('amountInvolved', $event)">{{ 'leads.col.amount' | t }}</th>
              <th nzColumnKey="registeredAt" [nzSortFn]="true" [nzSortOrder]="sortOrder('registeredAt')" (nzSortOrderChange)="sortBy('registeredAt', $event)">{{ 'leads.col.registeredAt' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (lead of table.data; track lead.id) {
              <tr data-testid="lead-row" [attr.data-id]="lead.id" [attr.data-status]="lead.status">
                <td>{{ lead.ledgerNo }}</td>
                <td>{{ sourceKey(lead.source) | t }}</td>
                <td class="col-wide"><a data-testid="lead-open" [routerLink]="['..', 'lead', lead.id]">{{ lead.subject }}</a></td>
                <td>{{ lead.institution?.name ?? '—' }}<div class="hint">{{ lead.region.name }}</div></td>
                <td>{{ lead.holder.name }}@if (lead.assignedBy) { <div class="hint">{{ 'leads.col.assignedBy' | t }}：{{ lead.assignedBy.name }}</div> }</td>
                <td>{{ lead.dueDate ?? '—' }} @if (lead.overdue) { <nz-tag nzColor="error" data-testid="lead-overdue">{{ 'leads.overdue' | t }}</nz-tag> }</td>
                <td>{{ statusKey(lead.status) | t }}@if (lead.result) { <div class="hint">{{ resultKey(lead.result) | t }}</div> }</td>
                <td class="num money">{{ lead.amountInvolved | money }}</td>
                <td>{{ lead.registeredAt | date: 'yyyy-MM-dd' : '+0800' }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      </div>
    </section>
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin: 12px 0; }
    .filters nz-select { min-width: 160px; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LeadList extends SearchableList {
  private readonly api = inject(LeadsApi);

  readonly view = input<string>();
  readonly status = input<string>();
  readonly source = input<string>();
  readonly overdue = input<string>();
  readonly page = input<string>();

  protected readonly views = VIEWS;
  protected readonly statuses = LEAD_STATUSES;
  protected readonly sources = LEAD_SOURCES;
  protected readonly statusKey = leadStatusKey;
  protected readonly sourceKey = leadSourceKey;
  protected readonly resultKey = leadResultKey;
  protected readonly pageSize = LEAD_PAGE_SIZE;
  protected readonly viewKey = (v: LeadViewFilter | 'all') => `leads.view.${v}` as TranslationKey;

  protected readonly query = computed((): LeadQuery => ({
    ...this.listFilters(),
    ...leadQueryOf({ view: this.view(), status: this.status(), source: this.source(), overdue: this.overdue(), page: this.page() }),
  }));
  protected readonly leads = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.list(params) });
  protected readonly pageData = computed(() => (this.leads.hasValue() ? this.leads.value() : { items: [], total: 0 }));
  protected readonly exportFetch = () => {
    const { page: _page, pageSize: _size, ...filters } = this.query();
    return this.api.export(filters);
  };
}
