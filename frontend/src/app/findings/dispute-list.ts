import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { CurrentUser } from '../core/current-user';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { type FindingsSection, bureauLevelOf, disputeLink, isInstitutionUser, rowOpens } from './findings-access';
import { type Dispute, type DisputeQuery, type DisputeStatus, FindingsApi } from './findings-api';
import { DISPUTE_LEVEL_LABELS, DISPUTE_PARTY_LABELS, DISPUTE_STATUS_LABELS, DisputeStatusTag } from './findings-labels';
import { pageFromQuery } from '../core/paging';
import { ListToolbar } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';

export const DISPUTE_PAGE_SIZE = 20;

type Tab = 'mine' | 'all' | DisputeStatus;
const STATUS_TABS: readonly Tab[] = ['all', 'open', 'decided', 'final', 'closed', 'withdrawn'];

/**
 * 争议处理: the disputes of the caller's scope (GET /disputes is scoped by the backend), by status.
 * A bureau starts on those waiting for its own decision; the institution sees the disputes it filed.
 */
@Component({
  selector: 'app-dispute-list',
  imports: [FormsModule, RouterLink, NzRadioModule, NzTableModule, DisputeStatusTag, ListToolbar, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <h1>{{ heading() | t }}</h1>
      </header>
      <p class="hint" data-testid="dispute-list-hint">{{ hint() | t }}</p>
      <nz-radio-group class="status-tabs" nzButtonStyle="solid" [ngModel]="tab()" (ngModelChange)="filterOwn({ show: $event === tabs()[0] ? null : $event })" [attr.aria-label]="'dispute.col.status' | t">
        @for (t of tabs(); track t) {
          <label nz-radio-button [nzValue]="t" [attr.data-testid]="'dispute-tab-' + t">{{ tabLabel(t) | t }}</label>
        }
      </nz-radio-group>
      <app-list-toolbar
        [filters]="listFilters()"
        [showRegion]="!isInstitution()"
        [exportFetch]="exportFetch"
        [exportName]="heading() | t"
        (changed)="filterList($event)"
      />
      @if (disputes.error()) {
        <p class="error" data-testid="dispute-error">{{ 'finding.loadFailed' | t }}</p>
      } @else {
        <div class="table-wrap">
          <nz-table
            #table
            nzSize="middle"
            data-testid="dispute-table"
            [nzData]="pageData().items"
            [nzLoading]="disputes.isLoading()"
            [nzFrontPagination]="false"
            [nzTotal]="pageData().total"
            [nzPageSize]="pageSize"
            [nzPageIndex]="pageIndex()"
            (nzPageIndexChange)="filterPage($event)"
            nzHideOnSinglePage
            [nzNoResult]="'dispute.list.none' | t"
          >
            <thead>
              <tr>
                @if (!isInstitution()) {
                  <th nzColumnKey="institution" [nzSortFn]="true" [nzSortOrder]="sortOrder('institution')" (nzSortOrderChange)="sortBy('institution', $event)">{{ 'finding.col.institution' | t }}</th>
                }
                <th>{{ 'dispute.col.party' | t }}</th>
                <th class="col-wide">{{ 'dispute.col.reasons' | t }}</th>
                <th nzColumnKey="level" [nzSortFn]="true" [nzSortOrder]="sortOrder('level')" (nzSortOrderChange)="sortBy('level', $event)">{{ 'dispute.col.level' | t }}</th>
                <th>{{ 'dispute.col.due' | t }}</th>
                <th nzWidth="180px" nzColumnKey="status" [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'dispute.col.status' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (dispute of table.data; track dispute.id) {
                <tr data-testid="dispute-row" class="clickable" (click)="openRow($event, dispute)" [attr.data-id]="dispute.id" [attr.data-status]="dispute.status">
                  @if (!isInstitution()) {
                    <td>
                      {{ dispute.institution.name }}
                      <div class="hint">{{ dispute.institution.regionName }}</div>
                    </td>
                  }
                  <td>
                    <a data-testid="dispute-open" [routerLink]="link(dispute)">{{ partyLabels[dispute.party] | t }}</a>
                    @if (dispute.clinicianName) {
                      <div class="hint">{{ dispute.clinicianName }}</div>
                    }
                  </td>
                  <td class="col-wide clamp">{{ dispute.reasons }}</td>
                  <td>
                    {{ levelLabels[dispute.currentLevel] | t }}
                    @if (dispute.path[dispute.current]?.bureauName; as bureau) {
                      <div class="hint">{{ bureau }}</div>
                    }
                  </td>
                  <td class="nowrap">{{ dispute.path[dispute.current]?.dueDate ?? '—' }}</td>
                  <td><app-dispute-status [status]="dispute.status" [overdue]="dispute.path[dispute.current]?.overdue ?? false" /></td>
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
export class DisputeList extends SearchableList {
  private readonly api = inject(FindingsApi);
  private readonly user = inject(CurrentUser);
  private readonly router = inject(Router);

  // Query parameters, so a filtered list survives going to a dispute and back.
  readonly show = input<string>();
  readonly page = input<string>();
  readonly section = input<FindingsSection>('institution');

  protected readonly pageSize = DISPUTE_PAGE_SIZE;
  protected readonly partyLabels = DISPUTE_PARTY_LABELS;
  protected readonly levelLabels = DISPUTE_LEVEL_LABELS;

  protected readonly isInstitution = computed(() => isInstitutionUser(this.user.me(), this.section()));
  /** The level a bureau user decides at; its disputes waiting there come first. */
  private readonly bureauLevel = computed(() => bureauLevelOf(this.user.me(), this.section()));
  protected readonly tabs = computed<readonly Tab[]>(() => (this.bureauLevel() ? ['mine', ...STATUS_TABS] : STATUS_TABS));
  protected readonly tab = computed<Tab>(() => {
    const wanted = this.show() as Tab | undefined;
    return wanted && this.tabs().includes(wanted) ? wanted : this.tabs()[0]!;
  });
  protected readonly heading = computed<TranslationKey>(() => (this.isInstitution() ? 'dispute.list.institutionHeading' : 'dispute.list.heading'));
  protected readonly hint = computed<TranslationKey>(() =>
    this.isInstitution() ? 'dispute.list.institutionHint' : this.bureauLevel() ? (this.section() === 'province' ? 'dispute.list.provinceHint' : 'dispute.list.bureauHint') : 'dispute.list.readOnly',
  );
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));

  /** 'mine': open at the user's level — GET /disputes is scoped to the bureaus on each path. */
  protected readonly disputes = rxResource({
    params: (): DisputeQuery => ({ ...this.tabQuery(), page: this.pageIndex(), pageSize: DISPUTE_PAGE_SIZE }),
    stream: ({ params }) => this.api.disputes(params),
  });

  /** The tab's status (and level) with the shared filters: the list's and the export's query. */
  private tabQuery(): Omit<DisputeQuery, 'page' | 'pageSize'> {
    const tab = this.tab();
    const filters = this.listFilters();
    if (tab === 'mine') return { ...filters, status: 'open', level: this.bureauLevel() ?? undefined };
    return tab === 'all' ? filters : { ...filters, status: tab };
  }

  /** The export: the list's filters and tab, every page. */
  protected readonly exportFetch = () => this.api.exportDisputes(this.tabQuery());
  protected readonly pageData = computed(() => (this.disputes.hasValue() ? this.disputes.value() : { items: [], total: 0 }));

  protected tabLabel(tab: Tab): TranslationKey {
    return tab === 'mine' ? 'dispute.tab.mine' : tab === 'all' ? 'finding.tab.all' : DISPUTE_STATUS_LABELS[tab];
  }

  protected link(dispute: Dispute): string[] {
    return disputeLink(this.section(), dispute.id);
  }

  protected openRow(event: Event, dispute: Dispute): void {
    if (rowOpens(event)) void this.router.navigate(this.link(dispute));
  }
}
