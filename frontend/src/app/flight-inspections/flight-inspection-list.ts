import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CurrentUser } from '../core/current-user';
import type { ListQuery } from '../core/list-query';
import { pageFromQuery } from '../core/paging';
import { TPipe } from '../i18n/t-pipe';
import { ListToolbar, type StatusOption } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { flightStatusKey } from './flight-inspection-labels';
import { FLIGHT_INSPECTION_STATUSES, FlightInspectionsApi } from './flight-inspections-api';

export const FLIGHT_PAGE_SIZE = 20;
export const FLIGHT_STATUS_OPTIONS: readonly StatusOption[] = FLIGHT_INSPECTION_STATUSES.map((s) => ({ value: s, label: flightStatusKey(s) }));

/**
 * 飞行检查 list: the national overseer's (with the button to organize one) or the province's (those
 * started in it) — searched, filtered by region, status and start date, sorted, paged and exported on
 * the server (the list convention), all in the URL.
 */
@Component({
  selector: 'app-flight-inspection-list',
  imports: [RouterLink, NzButtonModule, NzTableModule, NzTagModule, ListToolbar, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <h1 data-testid="flight-heading">{{ 'flight.list.title' | t }}</h1>
        @if (organizer()) {
          <a nz-button nzType="primary" routerLink="../new" data-testid="flight-new">{{ 'flight.list.new' | t }}</a>
        }
      </header>
      <p class="hint">{{ (organizer() ? 'flight.list.hint' : 'flight.list.provinceHint') | t }}</p>
      <app-list-toolbar
        [filters]="listFilters()"
        [status]="status()"
        [statusOptions]="statusOptions"
        [exportFetch]="exportFetch"
        [exportName]="'flight.list.exportName' | t"
        (changed)="filterList($event)"
      />
      @if (flights.error()) {
        <p class="error" data-testid="flight-error">{{ 'flight.loadFailed' | t }}</p>
      }
      <div class="table-scroll">
        <nz-table
          #table
          nzSize="middle"
          nzHideOnSinglePage
          data-testid="flight-table"
          [nzData]="pageData().items"
          [nzFrontPagination]="false"
          [nzTotal]="pageData().total"
          [nzLoading]="flights.isLoading()"
          [nzPageSize]="pageSize"
          [nzPageIndex]="pageIndex()"
          (nzPageIndexChange)="filterPage($event)"
          [nzNoResult]="'flight.list.none' | t"
        >
          <thead>
            <tr>
              <th>{{ 'flight.col.no' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('title')" (nzSortOrderChange)="sortBy('title', $event)">{{ 'flight.col.title' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('province')" (nzSortOrderChange)="sortBy('province', $event)">{{ 'flight.col.province' | t }}</th>
              <th class="num">{{ 'flight.col.institutions' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('startDate')" (nzSortOrderChange)="sortBy('startDate', $event)">{{ 'flight.col.period' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'flight.col.status' | t }}</th>
              <th class="num">{{ 'flight.col.leads' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (f of table.data; track f.id) {
              <tr data-testid="flight-row" [attr.data-id]="f.id" [attr.data-status]="f.status">
                <td>{{ f.flightNo }}</td>
                <td><a data-testid="flight-link" [routerLink]="['..', 'flight', f.id]">{{ f.title }}</a></td>
                <td>{{ f.province.name }}</td>
                <td class="num">{{ f.institutions }}</td>
                <td>{{ f.startDate }} ~ {{ f.endDate }}</td>
                <td><nz-tag [nzColor]="f.status === 'handed_over' ? 'green' : f.status === 'started' ? 'blue' : 'default'">{{ statusKey(f.status) | t }}</nz-tag></td>
                <td class="num">{{ f.leads }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      </div>
    </section>
  `,
  styles: `
    .hint { color: #595959; }
    .error { color: #a8071a; }
    .num { text-align: right; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FlightInspectionList extends SearchableList {
  private readonly api = inject(FlightInspectionsApi);
  private readonly user = inject(CurrentUser);

  readonly status = input<string>();
  readonly page = input<string>();

  /** The national overseer organizes; the province reads. */
  protected readonly organizer = computed(() => this.user.roles().includes('national_overseer'));
  protected readonly statusOptions = FLIGHT_STATUS_OPTIONS;
  protected readonly statusKey = flightStatusKey;
  protected readonly pageSize = FLIGHT_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));

  private readonly query = computed((): ListQuery => ({
    ...this.listFilters(),
    status: FLIGHT_INSPECTION_STATUSES.includes(this.status() as never) ? this.status() : undefined,
  }));
  protected readonly flights = rxResource({
    params: () => ({ ...this.query(), page: this.pageIndex(), pageSize: FLIGHT_PAGE_SIZE }),
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly pageData = computed(() => (this.flights.hasValue() ? this.flights.value() : { items: [], total: 0 }));
  protected readonly exportFetch = () => this.api.export(this.query());
}
