import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CurrentUser } from '../core/current-user';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { type FindingsSection, findingLink, isAgencyUser, isDecidable, isInstitutionUser, rowOpens } from './findings-access';
import { type Finding, type FindingQuery, type FindingStatus, FindingsApi } from './findings-api';
import { FINDING_STATUS_LABELS, FindingStatusTag, FindingsNav, formatAmount } from './findings-labels';
import { pageFromQuery } from '../core/paging';
import { ListToolbar } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';

export const FINDING_PAGE_SIZE = 20;

/** 'to_decide': confirmed and deemed confirmed, the findings a handling agency decides on. */
type Tab = FindingStatus | 'all' | 'to_decide';
const TO_DECIDE: readonly FindingStatus[] = ['confirmed', 'deemed_confirmed'];

/** The status tabs of each kind of user, the first one being the default. */
export function findingTabsFor(kind: 'institution' | 'agency' | 'reader'): readonly Tab[] {
  switch (kind) {
    case 'institution':
      return ['awaiting_confirmation', 'appealed', 'all'];
    case 'agency':
      return ['appealed', 'to_decide', 'awaiting_confirmation', 'decided', 'appeal_upheld', 'all'];
    case 'reader':
      return ['all', 'awaiting_confirmation', 'appealed', 'confirmed', 'deemed_confirmed', 'decided', 'appeal_upheld'];
  }
}

/**
 * 问题线索: the institution's findings awaiting its confirmation (with the countdown to the
 * deadline); the handling agency's queue (appeals to review, confirmed findings to decide on —
 * selected per institution); a read-only list for bureaus, the province and the overseer.
 */
@Component({
  selector: 'app-finding-list',
  imports: [FormsModule, RouterLink, NzButtonModule, NzCheckboxModule, NzIconModule, NzRadioModule, NzTableModule, NzTagModule, FindingStatusTag, FindingsNav, ListToolbar, TPipe],
  template: `
    <section class="panel">
      @if (section() !== 'institution') {
        <app-findings-nav [section]="section()" />
      }
      <header class="toolbar">
        <h1>{{ heading() | t }}</h1>
      </header>
      @if (hint(); as hint) {
        <p class="hint" data-testid="finding-list-hint">{{ hint | t }}</p>
      }
      @if (sourceId()) {
        <p data-testid="finding-source-filter">
          <nz-tag nzMode="closeable" (nzOnClose)="filterOwn({ sourceId: null })">{{ 'finding.filter.oneInspection' | t }}</nz-tag>
        </p>
      }
      <nz-radio-group class="status-tabs" nzButtonStyle="solid" [ngModel]="tab()" (ngModelChange)="filterOwn({ status: $event === tabs()[0] ? null : $event })" [attr.aria-label]="'finding.col.status' | t">
        @for (t of tabs(); track t) {
          <label nz-radio-button [nzValue]="t" [attr.data-testid]="'finding-tab-' + t">{{ tabLabel(t) | t }}</label>
        }
      </nz-radio-group>
      <app-list-toolbar
        [filters]="listFilters()"
        [showRegion]="section() !== 'institution'"
        [exportFetch]="exportFetch"
        [exportName]="'finding.list.heading' | t"
        (changed)="filterList($event)"
      />

      @if (isAgency() && selected().length) {
        <div class="selection-bar" data-testid="finding-selection">
          <span>{{ 'finding.selection.count' | t: { count: selected().length, institution: selected()[0]!.institution.name } }}</span>
          <span class="hint">{{ 'finding.selection.total' | t: { amount: amount(selectedTotal()) } }}</span>
          <button nz-button type="button" data-testid="finding-selection-clear" (click)="clearSelection()">{{ 'finding.selection.clear' | t }}</button>
          <a nz-button nzType="primary" data-testid="finding-decide" [routerLink]="['/', section(), 'findings', 'decide']" [queryParams]="{ findingIds: selectedIds() }">
            <nz-icon nzType="file-done" />{{ 'finding.selection.decide' | t }}
          </a>
        </div>
      }

      @if (findings.error()) {
        <p class="error" data-testid="finding-error">{{ 'finding.loadFailed' | t }}</p>
      } @else {
        <div class="table-wrap">
          <nz-table
            #table
            nzSize="middle"
            data-testid="finding-table"
            [nzData]="pageData().items"
            [nzLoading]="findings.isLoading()"
            [nzFrontPagination]="false"
            [nzTotal]="pageData().total"
            [nzPageSize]="pageSize"
            [nzPageIndex]="pageIndex()"
            (nzPageIndexChange)="filterPage($event)"
            nzHideOnSinglePage
            [nzNoResult]="'finding.list.none' | t"
          >
            <thead>
              <tr>
                @if (isAgency()) {
                  <th nzWidth="48px"><span class="visually-hidden">{{ 'finding.selection.select' | t }}</span></th>
                }
                @if (section() !== 'institution') {
                  <th nzColumnKey="institution" [nzSortFn]="true" [nzSortOrder]="sortOrder('institution')" (nzSortOrderChange)="sortBy('institution', $event)">{{ 'finding.col.institution' | t }}</th>
                }
                <th nzColumnKey="type" [nzSortFn]="true" [nzSortOrder]="sortOrder('type')" (nzSortOrderChange)="sortBy('type', $event)">{{ 'finding.col.type' | t }}</th>
                <th class="col-wide">{{ 'finding.col.description' | t }}</th>
                <th class="num" nzColumnKey="amount" [nzSortFn]="true" [nzSortOrder]="sortOrder('amount')" (nzSortOrderChange)="sortBy('amount', $event)">{{ 'finding.col.amount' | t }}</th>
                <th>{{ 'finding.col.clinician' | t }}</th>
                <th nzWidth="230px" nzColumnKey="confirmationDue" [nzSortFn]="true" [nzSortOrder]="sortOrder('confirmationDue')" (nzSortOrderChange)="sortBy('confirmationDue', $event)">{{ 'finding.col.status' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (finding of table.data; track finding.id) {
                <tr data-testid="finding-row" class="clickable" (click)="openRow($event, finding)" [attr.data-id]="finding.id" [attr.data-status]="finding.status">
                  @if (isAgency()) {
                    <td (click)="$event.stopPropagation()">
                      @if (decidable(finding)) {
                        <label
                          nz-checkbox
                          data-testid="finding-select"
                          [nzDisabled]="!selectable(finding)"
                          [ngModel]="isSelected(finding)"
                          (ngModelChange)="toggle(finding, $event)"
                          [attr.aria-label]="'finding.selection.select' | t"
                        ></label>
                      }
                    </td>
                  }
                  @if (section() !== 'institution') {
                    <td>
                      {{ finding.institution.name }}
                      <div class="hint">{{ finding.institution.regionName }}</div>
                    </td>
                  }
                  <td>
                    <a data-testid="finding-open" [routerLink]="link(finding)">{{ finding.type }}</a>
                  </td>
                  <td class="col-wide clamp">{{ finding.description }}</td>
                  <td class="num">{{ amount(finding.amount) }}</td>
                  <td>{{ finding.clinicianName ?? '—' }}</td>
                  <td><app-finding-status [status]="finding.status" [due]="finding.confirmationDue" /></td>
                </tr>
              }
            </tbody>
          </nz-table>
        </div>
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', './findings.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FindingList extends SearchableList {
  private readonly api = inject(FindingsApi);
  private readonly user = inject(CurrentUser);
  private readonly router = inject(Router);

  // Query parameters, so a filtered list survives going to a finding and back.
  readonly status = input<string>();
  readonly page = input<string>();
  /** One inspection's findings (the backend's notification links: /findings?sourceId=…). */
  readonly sourceId = input<string>();
  readonly section = input<FindingsSection>('institution');

  protected readonly pageSize = FINDING_PAGE_SIZE;
  protected readonly amount = formatAmount;

  protected readonly isInstitution = computed(() => isInstitutionUser(this.user.me(), this.section()));
  protected readonly isAgency = computed(() => isAgencyUser(this.user.me(), this.section()));
  protected readonly tabs = computed(() => findingTabsFor(this.isInstitution() ? 'institution' : this.isAgency() ? 'agency' : 'reader'));
  protected readonly tab = computed<Tab>(() => {
    const wanted = this.status() as Tab | undefined;
    return wanted && this.tabs().includes(wanted) ? wanted : this.tabs()[0]!;
  });
  protected readonly heading = computed<TranslationKey>(() =>
    this.isInstitution() ? 'finding.list.institutionHeading' : this.isAgency() ? 'finding.list.agencyHeading' : 'finding.list.heading',
  );
  protected readonly hint = computed<TranslationKey | null>(() =>
    this.isInstitution() ? 'finding.list.institutionHint' : this.isAgency() ? 'finding.list.agencyHint' : 'finding.list.readOnly',
  );
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));

  protected readonly findings = rxResource({
    params: (): FindingQuery => {
      const tab = this.tab();
      const status = tab === 'all' ? undefined : tab === 'to_decide' ? TO_DECIDE : tab;
      return { ...this.listFilters(), status, sourceId: this.sourceId() || undefined, page: this.pageIndex(), pageSize: FINDING_PAGE_SIZE };
    },
    stream: ({ params }) => this.api.findings(params),
  });
  protected readonly pageData = computed(() => (this.findings.hasValue() ? this.findings.value() : { items: [], total: 0 }));

  /** The agency's selection for a decision: findings of one institution, kept across tabs and pages. */
  private readonly selection = signal<readonly Finding[]>([]);
  protected readonly selected = this.selection.asReadonly();
  protected readonly selectedIds = computed(() => this.selection().map((f) => f.id).join(','));
  protected readonly selectedTotal = computed(() => this.selection().reduce((sum, f) => sum + f.amount, 0));

  /** The export: the list's filters and tab, every page. */
  protected readonly exportFetch = () => {
    const tab = this.tab();
    const status = tab === 'all' ? undefined : tab === 'to_decide' ? TO_DECIDE : tab;
    return this.api.exportFindings({ ...this.listFilters(), status, sourceId: this.sourceId() || undefined });
  };

  protected tabLabel(tab: Tab): TranslationKey {
    return tab === 'all' ? 'finding.tab.all' : tab === 'to_decide' ? 'finding.tab.toDecide' : FINDING_STATUS_LABELS[tab];
  }

  protected link(finding: Finding): string[] {
    return findingLink(this.section(), finding.id);
  }

  protected decidable(finding: Finding): boolean {
    return isDecidable(finding) && finding.handlingAgencyId === this.user.me()?.organization.id;
  }

  protected isSelected(finding: Finding): boolean {
    return this.selection().some((f) => f.id === finding.id);
  }

  /** Only findings of the institution already selected may join the selection. */
  protected selectable(finding: Finding): boolean {
    const first = this.selection()[0];
    return !first || first.institution.id === finding.institution.id;
  }

  protected toggle(finding: Finding, on: boolean): void {
    this.selection.update((list) => (on ? (this.isSelected(finding) || !this.selectable(finding) ? list : [...list, finding]) : list.filter((f) => f.id !== finding.id)));
  }

  protected clearSelection(): void {
    this.selection.set([]);
  }

  /** Changes the filters in the URL; a status change goes back to the first page. */
  protected openRow(event: Event, finding: Finding): void {
    if (rowOpens(event)) void this.router.navigate(this.link(finding));
  }
}
