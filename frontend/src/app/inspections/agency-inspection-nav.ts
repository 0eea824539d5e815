import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { CurrentUser } from '../core/current-user';
import { FeatureTabs } from '../shell/feature-tabs';
import type { SpotCheckSection } from '../spot-checks/spot-check-access';
import { AGENCY_INSPECTION_PAGE_LABELS, agencyInspectionPagesFor } from './agency-inspection-access';

/** Links between the pages of the agency's own inspections (检查任务清单, 本机构检查, 覆盖率, 服务协议). */
@Component({
  selector: 'app-agency-inspection-nav',
  imports: [FeatureTabs],
  template: `<app-feature-tabs
    [route]="['/', section(), 'inspections']"
    [pages]="pages()"
    [labels]="labels"
    ariaLabel="feature.agencyInspections"
    testId="agency-inspection-nav"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgencyInspectionNav {
  private readonly user = inject(CurrentUser);

  readonly section = input<SpotCheckSection>('local');

  protected readonly labels = AGENCY_INSPECTION_PAGE_LABELS;
  protected readonly pages = computed(() => agencyInspectionPagesFor(this.user.me()));
}
