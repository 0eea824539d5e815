import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { chinaDateOf } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import { FeatureTabs } from '../shell/feature-tabs';
import { TPipe } from '../i18n/t-pipe';
import { PLAN_PAGE_LABELS, type PlanSection, planPagesFor } from './plan-access';
import { CLOCK } from '../core/clock';

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
  imports: [FeatureTabs],
  template: `<app-feature-tabs
    [route]="['/', section(), 'annual-plans']"
    [pages]="pages()"
    [labels]="labels"
    ariaLabel="feature.annualPlans"
    testId="plan-nav"
    [year]="year()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanNav {
  private readonly user = inject(CurrentUser);

  readonly section = input.required<PlanSection>();
  /** Carried over, so switching pages keeps the year. */
  readonly year = input<number | null>(null);

  protected readonly labels = PLAN_PAGE_LABELS;
  protected readonly pages = computed(() => planPagesFor(this.user.roles(), this.section(), this.user.me()?.organization.kind));
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
  private readonly now = inject(CLOCK);

  readonly year = input.required<number>();
  readonly yearChange = output<number>();

  protected readonly years = computed(() => {
    const current = currentPlanYear(this.now());
    const years = Array.from({ length: 6 }, (_, i) => current + 1 - i);
    return years.includes(this.year()) ? years : [...years, this.year()].sort((a, b) => b - a);
  });
}
