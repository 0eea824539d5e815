import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { TPipe } from '../i18n/t-pipe';
import { PlanYearSelect, planYearOf } from '../plans/plan-nav';
import type { IcSection } from './ic-access';
import { type AuditListQuery, IcApi } from './ic-api';
import { AUDIT_STATUS_LABELS, IcStatusTag } from './ic-labels';
import { AUDIT_STATUSES } from '../core/models';
import { pageFromQuery } from '../core/paging';
import { ListToolbar, type StatusOption } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { IcNav } from './ic-nav';
import { CLOCK } from '../core/clock';

export const AUDIT_PAGE_SIZE = 50;

/** 我的内控检查 (the audited agency's own audits) or the audits of a city bureau's / leader's scope. */
@Component({
  selector: 'app-ic-audit-list',
  imports: [RouterLink, NzSpinModule, NzTableModule, NzTagModule, IcNav, IcStatusTag, ListToolbar, PlanYearSelect, TPipe],
  template: `
    <section class="panel">
      <app-ic-nav [section]="section()" [year]="selectedYear()" />
      <header class="toolbar">
        <h1>{{ (mine() ? 'ic.mine.heading' : 'ic.list.heading') | t: { year: selectedYear() } }}</h1>
        <app-plan-year [year]="selectedYear()" (yearChange)="selectYear($event)" />
      </header>
      <app-list-toolbar
        [filters]="listFilters()"
        [showRegion]="!mine()"
        [status]="status()"
        [statusOptions]="statusOptions"
        [exportFetch]="exportFetch"
        [exportName]="'ic.list.heading' | t: { year: selectedYear() }"
        (changed)="filterList($event)"
      />
      @if (audits.error()) {
        <p class="error" data-testid="ic-error">{{ 'ic.loadFailed' | t }}</p>
      } @else {
        <nz-table
          #table
          nzSize="middle"
          nzHideOnSinglePage
          data-testid="ic-audit-table"
          [nzData]="auditPage().items"
          [nzFrontPagination]="false"
          [nzTotal]="auditPage().total"
          [nzLoading]="audits.isLoading()"
          [nzPageSize]="pageSize"
          [nzPageIndex]="pageIndex()"
          (nzPageIndexChange)="filterPage($event)"
          [nzNoResult]="'ic.list.none' | t"
        >
          <thead>
            <tr>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('agency')" (nzSortOrderChange)="sortBy('agency', $event)">{{ 'ic.col.agency' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('selfAssessmentDue')" (nzSortOrderChange)="sortBy('selfAssessmentDue', $event)">
                {{ 'ic.col.selfAssessmentDue' | t }}
              </th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('fieldworkStart')" (nzSortOrderChange)="sortBy('fieldworkStart', $event)">{{ 'ic.col.fieldwork' | t }}</th>
              <th [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'ic.col.status' | t }}</th>
              <th>{{ 'ic.col.findings' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (audit of table.data; track audit.id) {
              <tr data-testid="ic-audit-row" [attr.data-id]="audit.id">
                <td>
                  <a data-testid="ic-audit-open" [routerLink]="['/', section(), 'audits', 'audit', audit.id]">{{ audit.agency.name }}</a>
                  @if (audit.followUpOf) {
                    <nz-tag>{{ 'ic.followUp' | t }}</nz-tag>
                  }
                </td>
                <td>
                  {{ audit.selfAssessmentDue }}
                  @if (audit.selfAssessmentOverdue) {
                    <nz-tag nzColor="red">{{ 'ic.overdue' | t }}</nz-tag>
                  }
                </td>
                <td>{{ audit.fieldworkStart }} ~ {{ audit.fieldworkEnd }}</td>
                <td><app-ic-status [status]="audit.status" /></td>
                <td>
                  {{ 'ic.list.findingsCount' | t: { total: audit.findings.total, open: audit.findings.open } }}
                  @if (audit.findings.overdue) {
                    <nz-tag nzColor="red">{{ 'ic.list.overdueCount' | t: { count: audit.findings.overdue } }}</nz-tag>
                  }
                </td>
              </tr>
            }
          </tbody>
        </nz-table>
      }
    </section>
  `,
  styleUrl: '../shell/feature-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcAuditList extends SearchableList {
  private readonly api = inject(IcApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  readonly year = input<string>();
  readonly status = input<string>();
  readonly page = input<string>();
  readonly section = input<IcSection>('local');
  /** Route data: the agency's own audits. */
  readonly mine = input(false);

  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));
  protected readonly statusOptions: readonly StatusOption[] = AUDIT_STATUSES.map((s) => ({ value: s, label: AUDIT_STATUS_LABELS[s] }));
  protected readonly pageSize = AUDIT_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  private readonly query = computed((): AuditListQuery => ({ year: this.selectedYear(), ...this.listFilters(), status: this.status() || undefined }));
  protected readonly audits = rxResource({
    params: () => ({ ...this.query(), page: this.pageIndex(), pageSize: AUDIT_PAGE_SIZE }),
    stream: ({ params }) => this.api.audits(params),
  });
  protected readonly auditPage = computed(() => (this.audits.hasValue() ? this.audits.value() : { items: [], total: 0 }));
  protected readonly exportFetch = () => this.api.exportAudits(this.query());

  protected selectYear(year: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { year, page: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
