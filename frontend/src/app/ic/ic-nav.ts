import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { CurrentUser } from '../core/current-user';
import { FeatureTabs } from '../shell/feature-tabs';
import { IC_PAGE_LABELS, type IcSection, icPagesFor } from './ic-access';

/** Links between the 内控检查 pages the user has in this section (none when there is only one). */
@Component({
  selector: 'app-ic-nav',
  imports: [FeatureTabs],
  template: `<app-feature-tabs
    [route]="['/', section(), 'audits']"
    [pages]="pages()"
    [labels]="labels"
    ariaLabel="feature.audits"
    testId="ic-nav"
    [year]="year()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcNav {
  private readonly user = inject(CurrentUser);

  readonly section = input.required<IcSection>();
  readonly year = input<number | null>(null);

  protected readonly labels = IC_PAGE_LABELS;
  protected readonly pages = computed(() => icPagesFor(this.user.me(), this.section()));
}
