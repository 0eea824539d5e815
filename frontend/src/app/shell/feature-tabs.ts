import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type IsActiveMatchOptions, RouterLink, RouterLinkActive } from '@angular/router';
import { TPipe } from '../i18n/t-pipe';
import type { TranslationKey } from '../i18n/dictionaries';

/**
 * Links between the pages of one feature the user has in a section (none when there is only
 * one), keeping the selected year when switching pages.
 */
@Component({
  selector: 'app-feature-tabs',
  imports: [RouterLink, RouterLinkActive, TPipe],
  template: `
    @if (pages().length > 1) {
      <nav class="feature-tabs" [attr.data-testid]="testId()" [attr.aria-label]="ariaLabel() | t">
        @for (page of pages(); track page) {
          <a
            [routerLink]="[...route(), page]"
            [queryParams]="year() ? { year: year() } : {}"
            routerLinkActive="active"
            [routerLinkActiveOptions]="activeOptions"
            [attr.data-testid]="testId() + '-' + page"
            >{{ labels()[page] | t }}</a
          >
        }
      </nav>
    }
  `,
  styles: `
    .feature-tabs {
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
      border-bottom-color: #0958d9;
      color: #0958d9;
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FeatureTabs {
  /** The route the pages hang under, e.g. ['/', 'local', 'annual-plans']. */
  readonly route = input.required<string[]>();
  readonly pages = input.required<readonly string[]>();
  readonly labels = input.required<Readonly<Record<string, TranslationKey>>>();
  readonly ariaLabel = input.required<TranslationKey>();
  readonly testId = input.required<string>();
  readonly year = input<number | null>(null);

  /** Active whatever the year (and, on a board, the region) in the query. */
  protected readonly activeOptions: IsActiveMatchOptions = {
    paths: 'subset',
    queryParams: 'ignored',
    matrixParams: 'ignored',
    fragment: 'ignored',
  };
}
