import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { NgTemplateOutlet } from '@angular/common';
import { filter } from 'rxjs';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzLayoutModule } from 'ng-zorro-antd/layout';
import { NzMenuModule } from 'ng-zorro-antd/menu';
import { AuthService } from '../core/auth';
import { CurrentUser } from '../core/current-user';
import { RuntimeConfigService } from '../core/runtime-config';
import { TPipe } from '../i18n/t-pipe';
import { PageBreadcrumb } from './page-breadcrumb';
import { TranslationService } from '../i18n/translation';
import { UnreadCount } from '../notifications/notifications-api';
import { TodoCentre } from '../home/todo';
import { type VisibleSection, canMaintainCalendar, sectionsFor } from './navigation';
import { regionLabelOf } from './region-label';
import { watchControlNames } from './control-names';

/** Tablet widths, where the menu becomes a drawer. */
export const NARROW_QUERY = '(max-width: 1023.98px)';

/** Calls `changed` now and on every change of a media query; returns the unsubscribe. */
export function watchWidth(query: string, changed: (matches: boolean) => void): () => void {
  const list = typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
  if (!list) return () => undefined;
  const listener = (event: MediaQueryListEvent) => changed(event.matches);
  changed(list.matches);
  list.addEventListener('change', listener);
  return () => list.removeEventListener('change', listener);
}

/** The signed-in layout: header, role-aware level menu, and the routed page. */
@Component({
  selector: 'app-shell',
  imports: [RouterOutlet, RouterLink, NgTemplateOutlet, NzBadgeModule, NzDrawerModule, NzLayoutModule, NzMenuModule, NzIconModule, NzButtonModule, PageBreadcrumb, TPipe],
  templateUrl: './shell.html',
  styleUrl: './shell.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly i18n = inject(TranslationService);
  protected readonly unread = inject(UnreadCount);
  private readonly auth = inject(AuthService);
  private readonly user = inject(CurrentUser);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  protected readonly me = this.user.me;
  protected readonly version = inject(RuntimeConfigService).version;
  /** Driven by nz-sider's breakpoint below 992px, and by the header button. */
  protected readonly collapsed = signal(false);
  /** Below 1024 px (tablets) the menu is a labelled drawer instead of a sider of bare icons (issue 16 item 3). */
  protected readonly narrow = signal(false);
  protected readonly drawerOpen = signal(false);
  protected readonly sections = computed(() => sectionsFor(this.user.roles(), this.me()?.organization.kind ?? null));
  protected readonly calendarAdmin = computed(() => canMaintainCalendar(this.user.roles(), this.me()?.organization.kind ?? null));
  protected readonly regionLabel = computed(() => regionLabelOf(this.me()));

  /** The menu's badges: the to-dos waiting in each entry's queues (issue 16 §1), refreshed on every navigation. */
  protected readonly todo = inject(TodoCentre);
  /** A red with AA contrast for the badge's white figures (ng-zorro's default #ff4d4f has 3.3:1). */
  protected readonly badgeStyle = { backgroundColor: '#cf1322' };

  constructor() {
    this.unread.watch(inject(DestroyRef));
    // the inner inputs of ng-zorro selects take their control's name (issue 16 item 9)
    inject(DestroyRef).onDestroy(watchControlNames(inject(ElementRef<HTMLElement>).nativeElement));
    this.todo.refresh();
    inject(Router)
      .events.pipe(filter((e) => e instanceof NavigationEnd), takeUntilDestroyed())
      .subscribe(() => {
        this.todo.refresh();
        this.drawerOpen.set(false);
      });
    inject(DestroyRef).onDestroy(watchWidth(NARROW_QUERY, (narrow) => {
      this.narrow.set(narrow);
      if (!narrow) this.drawerOpen.set(false);
    }));
  }

  protected sectionTitle(section: VisibleSection): string {
    // The national overseer reads every province: 全国监管（只读）, not 省级监管 (issue 16).
    const title = this.i18n.t(section.readOnly && section.readOnlyTitleKey ? section.readOnlyTitleKey : section.titleKey);
    return section.readOnly ? `${title}（${this.i18n.t('nav.readOnly')}）` : title;
  }

  /** The skip link: focus the page's content (a plain #main-content href would leave the route, `<base href="/">`). */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    const main = (event.currentTarget as HTMLElement).ownerDocument.getElementById('main-content');
    main?.focus();
    main?.scrollIntoView?.({ block: 'start' });
  }

  /** The header's menu button: opens the drawer on a tablet, folds the sider on a desktop. */
  protected menuButton(): void {
    if (!this.narrow()) {
      this.collapsed.update((c) => !c);
      return;
    }
    this.drawerOpen.set(true);
    // Focus moves into the drawer (ng-zorro's focus trap finds nothing tabbable while the drawer slides in).
    afterNextRender(() => this.document.querySelector<HTMLElement>('[data-testid="menu-drawer-close"]')?.focus(), { injector: this.injector });
  }

  protected logout(): void {
    void this.auth.logout();
  }
}
