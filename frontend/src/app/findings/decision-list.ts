import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { CurrentUser } from '../core/current-user';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { type FindingsSection, decisionLink, isAgencyUser, isInstitutionUser, rowOpens } from './findings-access';
import { DECISION_STATUSES, type Decision, type DecisionStatus, FindingsApi } from './findings-api';
import { DECISION_STATUS_LABELS, DecisionStatusTag, FindingsNav, SETTLEMENT_LABELS, measureText } from './findings-labels';
import { pageFromQuery } from '../core/paging';
import { ListToolbar } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';

export const DECISION_PAGE_SIZE = 20;

type Tab = DecisionStatus | 'all';

/** The status tabs of each kind of user, the first one being the default. */
export function decisionTabsFor(kind: 'institution' | 'agency' | 'reader'): readonly Tab[] {
  switch (kind) {
    case 'institution':
      return ['all', 'rectifying', 'rectification_submitted', 'effective', 'closed'];
    case 'agency':
      // The agency's staff open on what waits for them: the legal reviews (issue 16 §1), not 全部.
      return ['pending_legal_review', 'all', 'rectification_submitted', 'rectifying', 'effective', 'closed'];
    case 'reader':
      return ['all', ...DECISION_STATUSES];
  }
}

/**
 * 处理决定: the handling decisions of the caller's scope — the institution's own (with the
 * rectification tasks), the agency's (legal reviews and rectification to confirm), and those
 * reported to bureaus.
 */
@Component({
  selector: 'app-decision-list',
  imports: [DatePipe, FormsModule, RouterLink, NzRadioModule, NzTableModule, DecisionStatusTag, FindingsNav, ListToolbar, TPipe],
  template: `
    <section class="panel">
      @if (section() !== 'institution') {
        <app-findings-nav [section]="section()" />
      }
      <header class="toolbar">
        <h1>{{ (isInstitution() ? 'rectification.list.heading' : 'decision.list.heading') | t }}</h1>
      </header>
      @if (isInstitution()) {
        <p class="hint" data-testid="decision-list-hint">{{ 'rectification.list.hint' | t }}</p>
      }
      <nz-radio-group class="status-tabs" nzButtonStyle="solid" [ngModel]="tab()" (ngModelChange)="filterOwn({ status: $event === tabs()[0] ? null : $event })" [attr.aria-label]="'decision.col.status' | t">
        @for (t of tabs(); track t) {
          <label nz-radio-button [nzValue]="t" [attr.data-testid]="'decision-tab-' + t">{{ tabLabel(t) | t }}</label>
        }
      </nz-radio-group>
      <app-list-toolbar
        [filters]="listFilters()"
        [showRegion]="!isInstitution()"
        [exportFetch]="exportFetch"
        [exportName]="'decision.list.heading' | t"
        (changed)="filterList($event)"
      />
      @if (decisions.error()) {
        <p class="error" data-testid="decision-error">{{ 'finding.loadFailed' | t }}</p>
      } @else {
        <div class="table-wrap">
          <nz-table
            #table
            nzSize="middle"
            data-testid="decision-table"
            [nzData]="pageData().items"
            [nzLoading]="decisions.isLoading()"
            [nzFrontPagination]="false"
            [nzTotal]="pageData().total"
            [nzPageSize]="pageSize"
            [nzPageIndex]="pageIndex()"
            (nzPageIndexChange)="filterPage($event)"
            nzHideOnSinglePage
            [nzNoResult]="'decision.list.none' | t"
          >
            <thead>
              <tr>
                @if (!isInstitution()) {
                  <th nzColumnKey="institution" [nzSortFn]="true" [nzSortOrder]="sortOrder('institution')" (nzSortOrderChange)="sortBy('institution', $event)">{{ 'finding.col.institution' | t }}</th>
                }
                <th class="col-wide">{{ 'decision.measures' | t }}</th>
                <th nzColumnKey="effectiveAt" [nzSortFn]="true" [nzSortOrder]="sortOrder('effectiveAt')" (nzSortOrderChange)="sortBy('effectiveAt', $event)">{{ 'decision.col.effectiveAt' | t }}</th>
                <th>{{ 'decision.col.settlement' | t }}</th>
                <th>{{ 'decision.col.rectificationDue' | t }}</th>
                <th nzWidth="200px" nzColumnKey="status" [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'decision.col.status' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (decision of table.data; track decision.id) {
                <tr data-testid="decision-row" class="clickable" (click)="openRow($event, decision)" [attr.data-id]="decision.id" [attr.data-status]="decision.status">
                  @if (!isInstitution()) {
                    <td>
                      {{ decision.institution.name }}
                      <div class="hint">{{ decision.institution.regionName }}</div>
                    </td>
                  }
                  <td class="col-wide">
                    <a data-testid="decision-open" [routerLink]="link(decision)">{{ measures(decision) }}</a>
                  </td>
                  <td class="nowrap">{{ decision.effectiveAt ? (decision.effectiveAt | date: 'yyyy-MM-dd' : '+0800') : '—' }}</td>
                  <td>{{ settlementLabels[decision.settlement] | t }}</td>
                  <td class="nowrap">{{ decision.rectification?.due ?? '—' }}</td>
                  <td>
                    <app-decision-status [status]="decision.status" [major]="decision.major" [rectificationOverdue]="decision.rectification?.overdue ?? false" />
                  </td>
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
export class DecisionList extends SearchableList {
  private readonly api = inject(FindingsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly router = inject(Router);

  readonly status = input<string>();
  readonly page = input<string>();
  readonly section = input<FindingsSection>('institution');

  protected readonly pageSize = DECISION_PAGE_SIZE;
  protected readonly settlementLabels = SETTLEMENT_LABELS;

  protected readonly isInstitution = computed(() => isInstitutionUser(this.user.me(), this.section()));
  protected readonly tabs = computed(() =>
    decisionTabsFor(this.isInstitution() ? 'institution' : isAgencyUser(this.user.me(), this.section()) ? 'agency' : 'reader'),
  );
  protected readonly tab = computed<Tab>(() => {
    const wanted = this.status() as Tab | undefined;
    return wanted && this.tabs().includes(wanted) ? wanted : this.tabs()[0]!;
  });
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));

  protected readonly decisions = rxResource({
    params: () => ({ ...this.listFilters(), status: this.tab() === 'all' ? undefined : (this.tab() as DecisionStatus), page: this.pageIndex(), pageSize: DECISION_PAGE_SIZE }),
    stream: ({ params }) => this.api.decisions(params),
  });
  protected readonly pageData = computed(() => (this.decisions.hasValue() ? this.decisions.value() : { items: [], total: 0 }));

  /** The export: the list's filters and tab, every page. */
  protected readonly exportFetch = () =>
    this.api.exportDecisions({ ...this.listFilters(), status: this.tab() === 'all' ? undefined : (this.tab() as DecisionStatus) });

  protected tabLabel(tab: Tab): TranslationKey {
    return tab === 'all' ? 'finding.tab.all' : DECISION_STATUS_LABELS[tab];
  }

  protected measures(decision: Decision): string {
    return decision.measures.map((m) => measureText(m, this.i18n)).join('；') || this.i18n.t('decision.noMeasures');
  }

  protected link(decision: Decision): string[] {
    return decisionLink(this.section(), decision.id);
  }

  protected openRow(event: Event, decision: Decision): void {
    if (rowOpens(event)) void this.router.navigate(this.link(decision));
  }
}
