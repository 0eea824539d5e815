import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type ActivatedRouteSnapshot, NavigationEnd, Router, RouterLink } from '@angular/router';
import { NzBreadCrumbModule } from 'ng-zorro-antd/breadcrumb';
import { filter, map } from 'rxjs';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { NAV_SECTIONS } from './navigation';

export interface Crumb {
  readonly label: string;
  /** Null for the page itself and for a menu section (which has no page). */
  readonly link: string | readonly string[] | null;
}

/**
 * The way back from a detail page (issue 16: breadcrumbs were only on the dashboard and the board),
 * read from the route data: 首页 › the menu section › its entry (linked) › the page's own title.
 * Only for pages that show one record (a route with a parameter): the entries' own pages are one
 * click from the menu already.
 */
export function breadcrumbOf(root: ActivatedRouteSnapshot, t: (key: TranslationKey) => string): Crumb[] {
  const chain: ActivatedRouteSnapshot[] = [];
  for (let r: ActivatedRouteSnapshot | null = root; r; r = r.firstChild) chain.push(r);
  if (!chain.some((r) => r.routeConfig?.path?.includes(':'))) return [];
  const [sectionId, featureId] = chain.flatMap((r) => r.url.map((u) => u.path));
  const section = NAV_SECTIONS.find((s) => s.id === sectionId);
  const item = section?.items.find((i) => i.id === featureId);
  if (!section || !item) return [];
  const title = [...chain].reverse().map((r) => r.routeConfig?.title).find((x): x is string => typeof x === 'string');
  return [
    { label: t('nav.home'), link: '/' },
    { label: t(section.titleKey), link: null },
    { label: t(item.labelKey), link: ['/', section.id, item.id] },
    ...(title ? [{ label: t(title as TranslationKey), link: null }] : []),
  ];
}

@Component({
  selector: 'app-page-breadcrumb',
  imports: [RouterLink, NzBreadCrumbModule, TPipe],
  template: `
    @if (crumbs().length) {
      <nav class="page-breadcrumb" data-testid="page-breadcrumb" [attr.aria-label]="'shell.breadcrumb' | t">
        <nz-breadcrumb>
          @for (crumb of crumbs(); track $index; let last = $last) {
            <nz-breadcrumb-item>
              @if (crumb.link && !last) {
                <a [routerLink]="crumb.link" [attr.data-testid]="'page-crumb-' + $index">{{ crumb.label }}</a>
              } @else {
                <span [attr.data-testid]="'page-crumb-' + $index" [attr.aria-current]="last ? 'page' : null">{{ crumb.label }}</span>
              }
            </nz-breadcrumb-item>
          }
        </nz-breadcrumb>
      </nav>
    }
  `,
  styles: `
    .page-breadcrumb {
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageBreadcrumb {
  private readonly router = inject(Router);
  private readonly i18n = inject(TranslationService);
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );

  protected readonly crumbs = computed(() => {
    this.url();
    this.i18n.lang();
    return breadcrumbOf(this.router.routerState.snapshot.root, (key) => this.i18n.t(key));
  });
}
