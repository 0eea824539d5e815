import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CurrentUser } from '../core/current-user';
import { MoneyPipe } from '../core/money';
import { pageFromQuery } from '../core/paging';
import { TPipe } from '../i18n/t-pipe';
import { ListToolbar, type StatusOption } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { outwardStatusKey, recipientKey } from './transfer-labels';
import { OUTWARD_STATUSES, type OutwardQuery, RECIPIENT_KINDS, TransfersApi } from './transfers-api';
import { TransfersNav } from './transfers-nav';

export const OUTWARD_PAGE_SIZE = 20;
const STATUS_OPTIONS: readonly StatusOption[] = OUTWARD_STATUSES.map((s) => ({ value: s, label: outwardStatusKey(s) }));

/**
 * 移送台账: the bureau's transfers of enforcement cases to other departments — by status (awaiting the
 * result, done, overdue), recipient kind and case; searched, filtered, sorted and paged on the server.
 */
@Component({
  selector: 'app-outward-list',
  imports: [FormsModule, RouterLink, NzSelectModule, NzTableModule, NzTagModule, ListToolbar, MoneyPipe, TransfersNav, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar"><h1 data-testid="outward-heading">{{ 'transfers.outward.title' | t }}</h1></header>
      <p class="hint">{{ 'transfers.outward.hint' | t }}</p>
      <app-transfers-nav current="outward" />
      <app-list-toolbar
        [filters]="listFilters()"
        [status]="status()"
        [statusOptions]="statusOptions"
        [showRegion]="showRegion()"
        [exportFetch]="exportFetch"
        [exportName]="'transfers.outward.exportName' | t"
        (changed)="filterList($event)"
      />
      <div class="filters">
        <nz-select
          data-testid="outward-recipient-filter"
          nzAllowClear
          [nzPlaceHolder]="'transfers.outward.filter.any' | t"
          [attr.aria-label]="'transfers.outward.filter.recipientKind' | t"
          [ngModel]="kind() ?? null"
          (ngModelChange)="filterOwn({ recipientKind: $event || null })"
        >
          @for (k of kinds; track k) {
            <nz-option [nzValue]="k" [nzLabel]="recipientKey(k) | t" />
          }
        </nz-select>
        @if (caseId()) {
          <nz-tag nzMode="closeable" data-testid="outward-case-filter" (nzOnClose)="filterOwn({ caseId: null })">{{ 'transfers.outward.col.case' | t }} {{ caseId()!.slice(0, 8) }}</nz-tag>
        }
      </div>
      @if (outward.error()) {
        <p class="error" data-testid="outward-error">{{ 'transfers.loadFailed' | t }}</p>
      }
      <div class="table-scroll">
        <nz-table
          #table
          nzSize="middle"
          nzHideOnSinglePage
          data-testid="outward-table"
          [nzData]="pageData().items"
          [nzFrontPagination]="false"
          [nzTotal]="pageData().total"
          [nzLoading]="outward.isLoading()"
          [nzPageSize]="pageSize"
          [nzPageIndex]="pageIndex()"
          (nzPageIndexChange)="filterPage($event)"
          [nzNoResult]="'transfers.outward.none' | t"
        >
          <thead>
            <tr>
              <th>{{ 'transfers.outward.col.no' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('recipientKind')" (nzSortOrderChange)="sortBy('recipientKind', $event)">{{ 'transfers.outward.col.recipientKind' | t }}</th>
              <th>{{ 'transfers.outward.col.recipientName' | t }}</th>
              <th>{{ 'transfers.outward.col.bureau' | t }}</th>
              <th class="num" [nzSortFn]="true" [nzSortOrder]="sortOrder('amountInvolved')" (nzSortOrderChange)="sortBy('amountInvolved', $event)">{{ 'transfers.col.amount' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('noticeDate')" (nzSortOrderChange)="sortBy('noticeDate', $event)">{{ 'transfers.outward.col.noticeDate' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('followUpDue')" (nzSortOrderChange)="sortBy('followUpDue', $event)">{{ 'transfers.outward.col.followUpDue' | t }}</th>
              <th>{{ 'transfers.outward.col.result' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (o of table.data; track o.id) {
              <tr data-testid="outward-row" [attr.data-id]="o.id">
                <td><a data-testid="outward-link" [routerLink]="['..', 'outward', o.id]">{{ o.noticeNo }}</a></td>
                <td>{{ recipientKey(o.recipientKind) | t }}</td>
                <td>{{ o.recipientName }}</td>
                <td>{{ o.bureau.name }}</td>
                <td class="num money">{{ o.amountInvolved | money }}</td>
                <td>{{ o.noticeDate }}</td>
                <td>{{ o.followUpDue }} @if (o.overdue) { <nz-tag nzColor="error">{{ 'transfers.outward.detail.overdue' | t }}</nz-tag> }</td>
                <td data-testid="outward-status" [attr.data-status]="o.status">{{ outwardStatusKey(o.status) | t }}</td>
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
export class OutwardList extends SearchableList {
  private readonly api = inject(TransfersApi);
  private readonly user = inject(CurrentUser);

  readonly status = input<string>();
  readonly recipientKind = input<string>();
  readonly caseId = input<string>();
  readonly page = input<string>();

  protected readonly kinds = RECIPIENT_KINDS;
  protected readonly recipientKey = recipientKey;
  protected readonly outwardStatusKey = outwardStatusKey;
  protected readonly statusOptions = STATUS_OPTIONS;
  protected readonly pageSize = OUTWARD_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly showRegion = computed(() => this.user.me()?.level !== 'county');
  protected readonly kind = computed(() => (RECIPIENT_KINDS.includes(this.recipientKind() as never) ? this.recipientKind() : undefined));

  protected readonly query = computed((): OutwardQuery => ({
    ...this.listFilters(),
    status: OUTWARD_STATUSES.includes(this.status() as never) ? this.status() : undefined,
    recipientKind: this.kind(),
    caseId: this.caseId() || undefined,
  }));
  protected readonly outward = rxResource({
    params: () => ({ ...this.query(), page: this.pageIndex(), pageSize: OUTWARD_PAGE_SIZE }),
    stream: ({ params }) => this.api.outwardList(params),
  });
  protected readonly pageData = computed(() => (this.outward.hasValue() ? this.outward.value() : { items: [], total: 0 }));

  protected readonly exportFetch = () => this.api.outwardExport(this.query());
}
