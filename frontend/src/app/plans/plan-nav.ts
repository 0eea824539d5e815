import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { type IsActiveMatchOptions, RouterLink, RouterLinkActive } from '@angular/router';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { chinaDateOf } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import { TPipe } from '../i18n/t-pipe';
import { PLAN_PAGE_LABELS, type PlanSection, planPagesFor } from './plan-access';
import { PLAN_CLOCK } from './plans-api';

/** The plan year in China time ("this year" is the default everywhere). */
export function currentPlanYear(now: Date): number {
  return Number(chinaDateOf(now).slice(0, 4));
}

/** `?year=2027` when valid, else the current year. */
export function planYearOf(param: string | undefined, now: Date): number {
  const year = Number(param);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : currentPlanYear(now);
}

/** Links between the annual-plan pages the user has in this section (none when there is only one). */
@Component({
  selector: 'app-plan-nav',
  imports: [RouterLink, RouterLinkActive, TPipe],
  template: `
    @if (pages().length > 1) {
      <nav class="plan-nav" data-testid="plan-nav" [attr.aria-label]="'feature.annualPlans' | t">
        @for (page of pages(); track page) {
          <a
            [routerLink]="['/', section(), 'annual-plans', page]"
            [queryParams]="year() ? { year: year() } : {}"
            routerLinkActive="active"
            [routerLinkActiveOptions]="activeOptions"
            [attr.data-testid]="'plan-nav-' + page"
            >{{ labels[page] | t }}</a
          >
        }
      </nav>
    }
  `,
  styles: `
    .plan-nav {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      margin-bottom: 16px;
      border-bottom: 1px solid #f0f0f0;
    }

    a {
      padding: 8px 16px;
      border-bottom: 2px solid transparent;
      color: rgba(0, 0, 0, 0.65);
    }

    a.active {
      border-bottom-color: #1677ff;
      color: #1677ff;
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanNav {
  private readonly user = inject(CurrentUser);

  readonly section = input.required<PlanSection>();
  /** Carried over, so switching pages keeps the year. */
  readonly year = input<number | null>(null);

  protected readonly labels = PLAN_PAGE_LABELS;
  /** Active whatever the year (and, on the board, the region) in the query. */
  protected readonly activeOptions: IsActiveMatchOptions = {
    paths: 'subset',
    queryParams: 'ignored',
    matrixParams: 'ignored',
    fragment: 'ignored',
  };
  protected readonly pages = computed(() => planPagesFor(this.user.roles(), this.section()));
}

/** Year picker: next year (planning ahead) down to four years back. */
@Component({
  selector: 'app-plan-year',
  imports: [FormsModule, NzSelectModule, TPipe],
  template: `
    <nz-select
      class="year"
      data-testid="plan-year"
      [attr.aria-label]="'plans.year' | t"
      [ngModel]="year()"
      (ngModelChange)="yearChange.emit($event)"
    >
      @for (y of years(); track y) {
        <nz-option [nzValue]="y" [nzLabel]="'plans.yearOption' | t: { year: y }" />
      }
    </nz-select>
  `,
  styles: `
    .year {
      width: 120px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanYearSelect {
  private readonly now = inject(PLAN_CLOCK);

  readonly year = input.required<number>();
  readonly yearChange = output<number>();

  protected readonly years = computed(() => {
    const current = currentPlanYear(this.now());
    const years = Array.from({ length: 6 }, (_, i) => current + 1 - i);
    return years.includes(this.year()) ? years : [...years, this.year()].sort((a, b) => b - a);
  });
}
