import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf } from '../core/china-date';
import { CLOCK } from '../core/clock';
import { CurrentUser } from '../core/current-user';
import { pageFromQuery } from '../core/paging';
import { TPipe } from '../i18n/t-pipe';
import { ListToolbar, type StatusOption } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { type MajorCaseReport, MajorCasesApi, REPORT_STATUSES, type ReportQuery } from './major-cases-api';
import { reportClock, statusKey, triggerKey } from './major-case-rules';
import { ReportClockTag } from './report-clock-tag';

export const REPORT_PAGE_SIZE = 20;
const STATUS_OPTIONS: readonly StatusOption[] = REPORT_STATUSES.map((s) => ({ value: s, label: statusKey(s) }));

/** 重大案件报告: the bureau's reports to write, the province's to check and send, their clocks; server-side list. */
@Component({
  selector: 'app-major-case-list',
  imports: [RouterLink, NzTableModule, NzTagModule, ListToolbar, ReportClockTag, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar"><h1 data-testid="major-cases-heading">{{ 'majorCases.title' | t }}</h1></header>
      <p class="hint">{{ 'majorCases.hint' | t }}</p>
      <app-list-toolbar
        [filters]="listFilters()"
        [status]="status()"
        [statusOptions]="statusOptions"
        [showRegion]="showRegion()"
        (changed)="filterList($event)"
      />
      @if (reports.error()) {
        <p class="error" data-testid="major-cases-error">{{ 'majorCases.loadFailed' | t }}</p>
      }
      <div class="table-scroll">
        <nz-table
          #table
          nzSize="middle"
          nzHideOnSinglePage
          data-testid="major-cases-table"
          [nzData]="pageData().items"
          [nzFrontPagination]="false"
          [nzTotal]="pageData().total"
          [nzLoading]="reports.isLoading()"
          [nzPageSize]="pageSize"
          [nzPageIndex]="pageIndex()"
          (nzPageIndexChange)="filterPage($event)"
          [nzNoResult]="'majorCases.none' | t"
        >
          <thead>
            <tr>
              <th>{{ 'majorCases.col.no' | t }}</th>
              <th>{{ 'majorCases.col.bureau' | t }}</th>
              <th>{{ 'majorCases.col.trigger' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('openedOn')" (nzSortOrderChange)="sortBy('openedOn', $event)">{{ 'majorCases.col.openedOn' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('dueDate')" (nzSortOrderChange)="sortBy('dueDate', $event)">{{ 'majorCases.col.dueDate' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'majorCases.col.status' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (r of table.data; track r.id) {
              <tr data-testid="major-case-row" [attr.data-id]="r.id">
                <td><a data-testid="major-case-link" [routerLink]="['..', 'report', r.id]">{{ r.reportNo }}</a></td>
                <td>{{ r.bureau.name }}</td>
                <td>{{ triggerKey(r.trigger) | t }}</td>
                <td>{{ r.openedOn }}</td>
                <td>{{ r.dueDate }} <app-report-clock-tag [clock]="clockOf(r)" /></td>
                <td>{{ statusKey(r.status) | t }}</td>
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
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MajorCaseList extends SearchableList {
  private readonly api = inject(MajorCasesApi);
  private readonly user = inject(CurrentUser);
  private readonly now = inject(CLOCK);

  readonly status = input<string>();
  readonly page = input<string>();

  protected readonly statusKey = statusKey;
  protected readonly triggerKey = triggerKey;
  protected readonly statusOptions = STATUS_OPTIONS;
  protected readonly pageSize = REPORT_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly showRegion = computed(() => this.user.me()?.level !== 'county');
  private readonly today = computed(() => chinaDateOf(this.now()));

  protected readonly query = computed((): ReportQuery => ({
    ...this.listFilters(),
    status: (this.status() ?? '').split(',').every((s) => REPORT_STATUSES.includes(s as never)) ? this.status() || undefined : undefined,
  }));
  protected readonly reports = rxResource({
    params: () => ({ ...this.query(), page: this.pageIndex(), pageSize: REPORT_PAGE_SIZE }),
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly pageData = computed(() => (this.reports.hasValue() ? this.reports.value() : { items: [], total: 0 }));

  protected clockOf(r: MajorCaseReport) {
    return reportClock(r, this.today());
  }
}
