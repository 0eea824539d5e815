import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CurrentUser } from '../core/current-user';
import type { MeView } from '../core/api-types.generated';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import type { TransferBox } from './transfers-api';

/** The views of the transfers page: the agency's own, those received by the bureau, every one in scope; and the outward transfers. */
export type TransfersTab = TransferBox | 'all' | 'outward';

/** Which tabs the user has: an agency sends, a bureau receives and transfers outward; the levels above read both. */
export function transferTabsFor(me: MeView | null): TransfersTab[] {
  if (!me) return [];
  if (me.organization.kind === 'agency') return ['sent', 'all'];
  if (me.organization.kind !== 'bureau') return [];
  // A bureau with staff receives; the province, the leaders and the national bureau read what is in scope.
  const staff = me.roles.some((r) => r === 'city_agency_staff' || r === 'county_staff');
  return staff ? ['received', 'all', 'outward'] : ['all', 'outward'];
}

const TAB_LABELS: Record<TransfersTab, TranslationKey> = {
  sent: 'transfers.tab.sent',
  received: 'transfers.tab.received',
  all: 'transfers.tab.all',
  outward: 'transfers.tab.outward',
};

/** The tabs above the transfers' lists, as links (the view is in the URL). */
@Component({
  selector: 'app-transfers-nav',
  imports: [RouterLink, TPipe],
  template: `
    @if (tabs().length > 1) {
      <nav class="tabs" data-testid="transfers-tabs" [attr.aria-label]="'feature.transfers' | t">
        @for (tab of tabs(); track tab) {
          <a
            [attr.data-testid]="'transfers-tab-' + tab"
            [class.current]="tab === current()"
            [attr.aria-current]="tab === current() ? 'page' : null"
            [routerLink]="tab === 'outward' ? ['..', 'outward'] : ['..', 'list']"
            [queryParams]="tab === 'outward' ? {} : { view: tab }"
            >{{ labels[tab] | t }}</a
          >
        }
      </nav>
    }
  `,
  styles: `
    .tabs { display: flex; gap: 4px; margin: 0 0 12px; border-bottom: 1px solid #f0f0f0; flex-wrap: wrap; }
    .tabs a { padding: 6px 14px; color: rgba(0, 0, 0, 0.88); border-bottom: 2px solid transparent; }
    .tabs a.current { color: #0958d9; border-bottom-color: #0958d9; font-weight: 600; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransfersNav {
  private readonly user = inject(CurrentUser);
  readonly current = input.required<TransfersTab>();
  protected readonly tabs = computed(() => transferTabsFor(this.user.me()));
  protected readonly labels = TAB_LABELS;
}
