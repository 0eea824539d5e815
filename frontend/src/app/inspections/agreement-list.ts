import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { TPipe } from '../i18n/t-pipe';
import type { SpotCheckSection } from '../spot-checks/spot-check-access';
import { KIND_LABELS, LEVEL_LABELS } from '../spot-checks/spot-check-labels';
import { INSTITUTION_KINDS, type InstitutionKind } from '../spot-checks/spot-check-models';
import { AgencyInspectionNav } from './agency-inspection-nav';
import { AGREEMENT_STATUS_COLORS, AGREEMENT_STATUS_LABELS } from './agency-inspection-labels';
import { AGREEMENT_STATUSES, type AgreementStatus } from './agency-inspection-models';
import { AgencyInspectionsApi } from './agency-inspections-api';
import { pageFromQuery } from '../core/paging';

export const AGREEMENT_PAGE_SIZE = 20;

/**
 * 服务协议: the service agreements the agency holds (定点服务协议: number, validity, status), read-only —
 * their status follows the handling decisions (suspension of settlement, termination).
 */
@Component({
  selector: 'app-agreement-list',
  imports: [FormsModule, NzButtonModule, NzInputModule, NzSelectModule, NzTableModule, NzTagModule, AgencyInspectionNav, TPipe],
  template: `
    <section class="panel">
      <app-agency-inspection-nav [section]="section()" />
      <header class="toolbar">
        <h1>{{ 'agreement.heading' | t }}</h1>
      </header>
      <p class="hint">{{ 'agreement.intro' | t }}</p>
      <div class="filters" data-testid="agreement-filters">
        <nz-select
          data-testid="agreement-filter-status"
          nzAllowClear
          [nzPlaceHolder]="'agreement.filter.status' | t"
          [attr.aria-label]="'agreement.filter.status' | t"
          [ngModel]="statusFilter() ?? null"
          (ngModelChange)="filter({ status: $event })"
        >
          @for (s of statuses; track s) {
            <nz-option [nzValue]="s" [nzLabel]="statusLabels[s] | t" />
          }
        </nz-select>
        <nz-select
          data-testid="agreement-filter-kind"
          nzAllowClear
          [nzPlaceHolder]="'agreement.filter.kind' | t"
          [attr.aria-label]="'agreement.filter.kind' | t"
          [ngModel]="kindFilter() ?? null"
          (ngModelChange)="filter({ kind: $event })"
        >
          @for (k of kinds; track k) {
            <nz-option [nzValue]="k" [nzLabel]="kindLabels[k] | t" />
          }
        </nz-select>
        <form class="search" (ngSubmit)="filter({ q: search() })">
          <input
            nz-input
            name="q"
            data-testid="agreement-search"
            [placeholder]="'agreement.filter.q' | t"
            [attr.aria-label]="'agreement.filter.q' | t"
            [ngModel]="search()"
            (ngModelChange)="search.set($event)"
          />
          <button nz-button type="submit" data-testid="agreement-search-button">{{ 'agreement.filter.search' | t }}</button>
        </form>
      </div>
      @if (agreements.error()) {
        <p class="error" data-testid="agreement-error">{{ 'spotCheck.loadFailed' | t }}</p>
      } @else {
        <nz-table
          #table
          nzSize="middle"
          [nzData]="pageData().items"
          [nzLoading]="agreements.isLoading()"
          [nzFrontPagination]="false"
          [nzTotal]="pageData().total"
          [nzPageSize]="pageSize"
          [nzPageIndex]="pageIndex()"
          (nzPageIndexChange)="filter({ page: $event })"
          nzHideOnSinglePage
          [nzScroll]="{ x: '960px' }"
          [nzNoResult]="'agreement.none' | t"
        >
          <thead>
            <tr>
              <th nzWidth="180px">{{ 'agreement.col.number' | t }}</th>
              <th>{{ 'inspection.col.institution' | t }}</th>
              <th nzWidth="120px">{{ 'inspection.col.region' | t }}</th>
              <th nzWidth="200px">{{ 'agreement.col.validity' | t }}</th>
              <th nzWidth="110px">{{ 'agreement.col.status' | t }}</th>
              <th>{{ 'agreement.col.agency' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (a of table.data; track a.id) {
              <tr data-testid="agreement-row" [attr.data-institution]="a.institution.id" [attr.data-status]="a.status">
                <td data-testid="agreement-number">{{ a.number }}</td>
                <td>
                  {{ a.institution.name }}
                  <div class="hint">
                    {{ kindLabels[a.institution.kind] | t }}
                    @if (a.institution.level) {
                      · {{ levelLabels[a.institution.level] | t }}
                    }
                    @if (a.institution.creditRating) {
                      · {{ 'worklist.credit' | t: { rating: a.institution.creditRating } }}
                    }
                  </div>
                  @if (a.institution.keySupervision) {
                    <nz-tag nzColor="volcano">{{ 'worklist.keySupervision' | t }}</nz-tag>
                  }
                </td>
                <td>{{ a.institution.regionName }}</td>
                <td>{{ a.validFrom }} ～ {{ a.validTo }}</td>
                <td>
                  <nz-tag data-testid="agreement-status" [nzColor]="statusColors[a.status]">{{ statusLabels[a.status] | t }}</nz-tag>
                </td>
                <td>{{ a.agency.name }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      }
    </section>
  `,
  styles: `
    .search {
      display: flex;
      gap: 8px;
    }

    .search input {
      width: 220px;
    }
  `,
  styleUrls: ['../shell/feature-page.css', '../spot-checks/spot-checks.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgreementList {
  private readonly api = inject(AgencyInspectionsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  readonly status = input<string>();
  readonly kind = input<string>();
  readonly q = input<string>();
  readonly page = input<string>();
  readonly section = input<SpotCheckSection>('local');

  protected readonly pageSize = AGREEMENT_PAGE_SIZE;
  protected readonly statuses = AGREEMENT_STATUSES;
  protected readonly kinds = INSTITUTION_KINDS;
  protected readonly statusLabels = AGREEMENT_STATUS_LABELS;
  protected readonly statusColors = AGREEMENT_STATUS_COLORS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly levelLabels = LEVEL_LABELS;

  protected readonly search = linkedSignal(() => this.q() ?? '');
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly statusFilter = computed(() =>
    (AGREEMENT_STATUSES as readonly string[]).includes(this.status() ?? '') ? (this.status() as AgreementStatus) : undefined,
  );
  protected readonly kindFilter = computed(() =>
    (INSTITUTION_KINDS as readonly string[]).includes(this.kind() ?? '') ? (this.kind() as InstitutionKind) : undefined,
  );

  protected readonly agreements = rxResource({
    params: () => ({ status: this.statusFilter(), kind: this.kindFilter(), q: this.q() || undefined, page: this.pageIndex(), pageSize: AGREEMENT_PAGE_SIZE }),
    stream: ({ params }) => this.api.agreements(params),
  });
  protected readonly pageData = computed(() => (this.agreements.hasValue() ? this.agreements.value() : { items: [], total: 0 }));

  protected filter(change: { status?: string | null; kind?: string | null; q?: string; page?: number }): void {
    const queryParams: Record<string, string | number | null> = { page: change.page && change.page > 1 ? change.page : null };
    if ('status' in change) queryParams['status'] = change.status || null;
    if ('kind' in change) queryParams['kind'] = change.kind || null;
    if ('q' in change) queryParams['q'] = change.q?.trim() || null;
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
