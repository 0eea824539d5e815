import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CurrentUser } from '../core/current-user';
import { MoneyPipe } from '../core/money';
import { pageFromQuery } from '../core/paging';
import { TPipe } from '../i18n/t-pipe';
import { ListToolbar, type StatusOption } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { transferSourceKey, transferStatusKey } from './transfer-labels';
import { TRANSFER_STATUSES, type TransferBox, type TransferQuery, TransfersApi } from './transfers-api';
import { TransfersNav, type TransfersTab, transferTabsFor } from './transfers-nav';

export const TRANSFER_PAGE_SIZE = 20;

export const TRANSFER_STATUS_OPTIONS: readonly StatusOption[] = TRANSFER_STATUSES.map((s) => ({ value: s, label: transferStatusKey(s) }));

/**
 * 移交台账: the agency's transfers (?view=sent), the bureau's received ones (?view=received), or every
 * transfer in scope — searched, filtered by region, status and the day sent, sorted, paged and
 * exported on the server (the list convention), all in the URL.
 */
@Component({
  selector: 'app-transfer-list',
  imports: [DatePipe, RouterLink, NzTableModule, NzTagModule, ListToolbar, MoneyPipe, TransfersNav, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar"><h1 data-testid="transfers-heading">{{ 'transfers.list.title' | t }}</h1></header>
      <p class="hint">{{ 'transfers.list.hint' | t }}</p>
      <app-transfers-nav [current]="tab()" />
      <app-list-toolbar
        [filters]="listFilters()"
        [status]="status()"
        [statusOptions]="statusOptions"
        [showRegion]="showRegion()"
        [exportFetch]="exportFetch"
        [exportName]="'transfers.list.exportName' | t"
        (changed)="filterList($event)"
      />
      @if (transfers.error()) {
        <p class="error" data-testid="transfers-error">{{ 'transfers.loadFailed' | t }}</p>
      }
      <div class="table-scroll">
        <nz-table
          #table
          nzSize="middle"
          nzHideOnSinglePage
          data-testid="transfer-table"
          [nzData]="pageData().items"
          [nzFrontPagination]="false"
          [nzTotal]="pageData().total"
          [nzLoading]="transfers.isLoading()"
          [nzPageSize]="pageSize"
          [nzPageIndex]="pageIndex()"
          (nzPageIndexChange)="filterPage($event)"
          [nzNoResult]="'transfers.list.none' | t"
        >
          <thead>
            <tr>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('transferNo')" (nzSortOrderChange)="sortBy('transferNo', $event)">{{ 'transfers.col.no' | t }}</th>
              <th>{{ 'transfers.col.subject' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('institution')" (nzSortOrderChange)="sortBy('institution', $event)">{{ 'transfers.col.institution' | t }}</th>
              <th>{{ (view() === 'received' ? 'transfers.col.agency' : 'transfers.col.bureau') | t }}</th>
              <th class="num" [nzSortFn]="true" [nzSortOrder]="sortOrder('amountInvolved')" (nzSortOrderChange)="sortBy('amountInvolved', $event)">{{ 'transfers.col.amount' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'transfers.col.status' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('sentAt')" (nzSortOrderChange)="sortBy('sentAt', $event)">{{ 'transfers.col.sentAt' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (t of table.data; track t.id) {
              <tr data-testid="transfer-row" [attr.data-id]="t.id" [attr.data-status]="t.status">
                <td>{{ t.transferNo }}</td>
                <td><a data-testid="transfer-link" [routerLink]="['..', 'transfer', t.id]">{{ t.subject }}</a><div class="hint">{{ sourceKey(t.sourceKind) | t }}</div></td>
                <td>{{ t.institution.name }}<div class="hint">{{ t.region.name }}</div></td>
                <td>{{ view() === 'received' ? t.agency.name : t.bureau.name }}</td>
                <td class="num money">{{ t.amountInvolved | money }}</td>
                <td>{{ statusKey(t.status) | t }}@if (t.supplementDueDate) { <div class="hint">{{ 'transfers.col.supplementDue' | t }} {{ t.supplementDueDate }}</div> }</td>
                <td>{{ t.sentAt | date: 'yyyy-MM-dd' : '+0800' }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      </div>
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', './transfers-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransferList extends SearchableList {
  private readonly api = inject(TransfersApi);
  private readonly user = inject(CurrentUser);

  /** ?view=sent|received|all (all: every transfer in scope). */
  readonly viewParam = input<string>(undefined, { alias: 'view' });
  readonly status = input<string>();
  readonly page = input<string>();

  /** The tab shown: the asked one if the user has it, else the user's first (the agency's own, the bureau's received). */
  protected readonly tab = computed<TransfersTab>(() => {
    const tabs = transferTabsFor(this.user.me()).filter((t) => t !== 'outward');
    return tabs.find((t) => t === this.viewParam()) ?? tabs[0] ?? 'all';
  });
  protected readonly view = computed<TransferBox | undefined>(() => (this.tab() === 'sent' || this.tab() === 'received' ? (this.tab() as TransferBox) : undefined));
  protected readonly statusOptions = TRANSFER_STATUS_OPTIONS;
  protected readonly statusKey = transferStatusKey;
  protected readonly sourceKey = transferSourceKey;
  protected readonly pageSize = TRANSFER_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly showRegion = computed(() => this.user.me()?.level !== 'county');

  private readonly query = computed((): TransferQuery => ({
    ...this.listFilters(),
    view: this.view(),
    status: TRANSFER_STATUSES.includes(this.status() as never) ? this.status() : undefined,
  }));
  protected readonly transfers = rxResource({
    params: () => ({ ...this.query(), page: this.pageIndex(), pageSize: TRANSFER_PAGE_SIZE }),
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly pageData = computed(() => (this.transfers.hasValue() ? this.transfers.value() : { items: [], total: 0 }));
  protected readonly exportFetch = () => this.api.export(this.query());
}
