import type { HttpResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { type IsActiveMatchOptions, RouterLink, RouterLinkActive } from '@angular/router';
import { CurrentUser } from '../core/current-user';
import { TPipe } from '../i18n/t-pipe';
import { fileNameOf } from '../plans/plan-export';
import { IC_PAGE_LABELS, type IcSection, icPagesFor } from './ic-access';

/** Saves a fetched file (authenticated downloads cannot be plain links) through an object URL. */
export function saveDownload(document: Document, response: HttpResponse<Blob>, fallbackName: string): void {
  if (!response.body) return;
  const url = URL.createObjectURL(response.body);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response) ?? fallbackName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Links between the 内控检查 pages the user has in this section (none when there is only one). */
@Component({
  selector: 'app-ic-nav',
  imports: [RouterLink, RouterLinkActive, TPipe],
  template: `
    @if (pages().length > 1) {
      <nav class="ic-nav" data-testid="ic-nav" [attr.aria-label]="'feature.audits' | t">
        @for (page of pages(); track page) {
          <a
            [routerLink]="['/', section(), 'audits', page]"
            [queryParams]="year() ? { year: year() } : {}"
            routerLinkActive="active"
            [routerLinkActiveOptions]="activeOptions"
            [attr.data-testid]="'ic-nav-' + page"
            >{{ labels[page] | t }}</a
          >
        }
      </nav>
    }
  `,
  styles: `
    .ic-nav {
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
export class IcNav {
  private readonly user = inject(CurrentUser);

  readonly section = input.required<IcSection>();
  readonly year = input<number | null>(null);

  protected readonly labels = IC_PAGE_LABELS;
  protected readonly activeOptions: IsActiveMatchOptions = {
    paths: 'subset',
    queryParams: 'ignored',
    matrixParams: 'ignored',
    fragment: 'ignored',
  };
  protected readonly pages = computed(() => icPagesFor(this.user.me(), this.section()));
}
