import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzBreadCrumbModule } from 'ng-zorro-antd/breadcrumb';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzStatisticModule } from 'ng-zorro-antd/statistic';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom, map } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import { type FilingBoard as Board, type FilingBoardRow, PLAN_STATUSES, type PlanStatus } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { sectionReadOnly } from '../core/section-access';
import { BoardChart } from './board-chart';
import { type PlanSection, canOpenCycle } from './plan-access';
import { PlanNav, PlanYearSelect, planYearOf } from './plan-nav';
import { PLAN_STATUS_LABELS, PlanStatusTag } from './plan-status';
import { PlansApi } from './plans-api';
import { CLOCK } from '../core/clock';

export type BoardTotalKey = 'units' | PlanStatus | 'overdue';

interface Crumb {
  /** null = the user's own region (no regionCode in the request). */
  readonly code: string | null;
  readonly name: string;
  /** The drillable rows of that board, to tell a drill-down from a typed-in URL. */
  readonly children: readonly string[];
}

/** Done against planned to date, as a whole percentage (100 when nothing was planned yet and something was done). */
export function progressPercent(planned: number, done: number): number {
  if (planned <= 0) return done > 0 ? 100 : 0;
  return Math.min(100, Math.round((done / planned) * 100));
}

/**
 * 备案进度: how far the units below the user's region are with the year's plans (totals, a stacked
 * bar per region, a table), drilling down region by region. The province opens the cycle here.
 */
@Component({
  selector: 'app-filing-board',
  imports: [
    RouterLink,
    NzBreadCrumbModule,
    NzButtonModule,
    NzIconModule,
    NzModalModule,
    NzProgressModule,
    NzSpinModule,
    NzStatisticModule,
    NzTableModule,
    NzTagModule,
    BoardChart,
    PlanNav,
    PlanStatusTag,
    PlanYearSelect,
    TPipe,
  ],
  templateUrl: './filing-board.html',
  styleUrls: ['../shell/responsive-page.css', './filing-board.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FilingBoard {
  private readonly api = inject(PlansApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  /** `?year=` and `?region=` (a region below the user's), bound by the router. */
  readonly year = input<string>();
  readonly region = input<string>();
  readonly section = input<PlanSection>('province');

  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));
  private readonly regionCode = computed(() => this.region() || null);

  protected readonly board = rxResource({
    params: () => ({ year: this.selectedYear(), regionCode: this.regionCode() }),
    // Keep the region asked for with the answer, for the breadcrumb.
    stream: ({ params }) =>
      this.api.board(params.year, params.regionCode).pipe(map((board) => ({ board, code: params.regionCode }))),
  });
  protected readonly data = computed<Board | null>(() => (this.board.hasValue() ? this.board.value().board : null));
  /**
   * The nation's board: the provinces without any plan are not using the suite yet (尚未接入本系统);
   * they are counted and hidden unless asked for, not listed as 30 empty rows (issue 16).
   */
  protected readonly emptyProvinces = computed<FilingBoardRow[]>(() => {
    const board = this.data();
    return board?.region.level === 'nation' ? board.rows.filter((r) => r.statusCounts.units === 0) : [];
  });
  protected readonly showEmptyProvinces = signal(false);
  protected readonly rows = computed<FilingBoardRow[]>(() => {
    const rows = this.data()?.rows ?? [];
    const hidden = this.showEmptyProvinces() ? [] : this.emptyProvinces();
    return hidden.length ? rows.filter((r) => !hidden.includes(r)) : rows;
  });

  /** From the user's region down to the one shown. */
  protected readonly trail = linkedSignal<{ board: Board; code: string | null } | undefined, Crumb[]>({
    source: () => (this.board.hasValue() ? this.board.value() : undefined),
    computation: (loaded, previous) => {
      const before = previous?.value ?? [];
      if (!loaded) return before;
      const { board, code } = loaded;
      const crumb: Crumb = {
        code,
        name: board.region.name,
        children: board.rows.filter((r) => r.drillable).map((r) => r.regionCode),
      };
      if (code === null) return [crumb];
      const at = before.findIndex((c) => c.code === code);
      if (at >= 0) return [...before.slice(0, at), crumb];
      if (before.at(-1)?.children.includes(code)) return [...before, crumb];
      // Opened from a link: the way up is to the user's own region.
      return [{ code: null, name: this.user.me()?.region.name ?? '', children: [] }, crumb];
    },
  });

  protected readonly totalKeys: readonly BoardTotalKey[] = ['units', ...PLAN_STATUSES, 'overdue'];
  private readonly readOnly = computed(
    () => sectionReadOnly(this.user.roles(), this.section()),
  );
  /** A year nobody opened yet: the province official may open it from the top of the board. */
  protected readonly canOpen = computed(() => {
    const board = this.data();
    return (
      board !== null &&
      this.regionCode() === null &&
      board.totals.units === 0 &&
      !this.readOnly() &&
      canOpenCycle(this.user.roles())
    );
  });
  protected readonly opening = signal(false);

  protected totalLabel(key: BoardTotalKey): TranslationKey {
    if (key === 'units') return 'plans.board.units';
    if (key === 'overdue') return 'plans.overdue';
    return PLAN_STATUS_LABELS[key];
  }

  protected levelLabel(level: FilingBoardRow['level']): string {
    return this.i18n.t(`level.${level}`);
  }

  protected percent(row: FilingBoardRow): number {
    return progressPercent(row.plannedToDate, row.doneToDate);
  }

  protected selectYear(year: number): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { year },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected drill(row: FilingBoardRow): void {
    if (!row.drillable) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { region: row.regionCode },
      queryParamsHandling: 'merge',
    });
  }

  protected goTo(crumb: Crumb): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { region: crumb.code },
      queryParamsHandling: 'merge',
    });
  }

  protected openCycle(): void {
    const year = this.selectedYear();
    this.modal.confirm({
      nzTitle: this.i18n.t('plans.cycle.confirmTitle', { year }),
      nzContent: this.i18n.t('plans.cycle.confirmBody', { year }),
      nzOkText: this.i18n.t('plans.cycle.open'),
      nzCancelText: this.i18n.t('plans.cancel'),
      nzOnOk: () => this.confirmOpenCycle(year),
    });
  }

  private async confirmOpenCycle(year: number): Promise<void> {
    this.opening.set(true);
    try {
      const result = await firstValueFrom(this.api.openCycle(year));
      this.message.success(this.i18n.t('plans.cycle.opened', { year: result.year, plans: result.plans }));
      this.board.reload();
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.opening.set(false);
    }
  }
}
