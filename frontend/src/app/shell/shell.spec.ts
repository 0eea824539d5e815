import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { routes } from '../app.routes';
import { CurrentUser } from '../core/current-user';
import { ROLES, type Role } from '../core/models';
import { FakeAuth, fakeMe, provideTestApp } from '../testing/fakes';
import { TranslationService } from '../i18n/translation';
import { APP_ICONS } from '../core/icons';
import { NAV_SECTIONS, canSendNotices, sectionsFor } from './navigation';
import { Shell } from './shell';

/** Lets timers (the poll's first tick) and the interceptor's token promise run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function renderShell(roles: Role[], auth = new FakeAuth()) {
  localStorage.clear();
  TestBed.configureTestingModule({ providers: provideTestApp({ auth }) });
  TestBed.inject(CurrentUser).set(fakeMe(roles));
  const fixture = TestBed.createComponent(Shell);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const http = TestBed.inject(HttpTestingController);
  return {
    fixture,
    el,
    http,
    auth,
    sectionIds: () =>
      [...el.querySelectorAll('[data-testid^="nav-section-"]')].map((n) =>
        n.getAttribute('data-testid')!.replace('nav-section-', ''),
      ),
    text: (testId: string) => el.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? null,
  };
}

describe('Shell role-aware menu', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  it('shows a province official only the province section, with full access', async () => {
    const { sectionIds, el } = await renderShell(['province_official']);

    expect(sectionIds()).toEqual(['province']);
    const section = el.querySelector('[data-testid="nav-section-province"]')!;
    expect(section.getAttribute('data-readonly')).toBe('false');
    expect(section.textContent).toContain('省级监管');
    expect(section.textContent).not.toContain('只读');
    for (const item of ['annual-plans', 'campaigns', 'spot-checks', 'findings', 'disputes', 'audits']) {
      expect(el.querySelector(`[data-testid="nav-item-province-${item}"]`)).not.toBeNull();
    }
    // Not the city/county, institution or leader sections, nor their entries.
    expect(el.querySelector('[data-testid^="nav-item-local-"]')).toBeNull();
    expect(el.querySelector('[data-testid^="nav-item-institution-"]')).toBeNull();
    expect(el.querySelector('[data-testid="nav-item-leader-dashboards"]')).toBeNull();
    expect(el.textContent).not.toContain('领导驾驶舱');
    expect(el.textContent).not.toContain('自查自纠');
  });

  it('shows an institution clerk only the institution section', async () => {
    const { sectionIds, el } = await renderShell(['institution_clerk']);

    expect(sectionIds()).toEqual(['institution']);
    for (const item of ['findings', 'self-inspection', 'rectification', 'disputes']) {
      expect(el.querySelector(`[data-testid="nav-item-institution-${item}"]`)).not.toBeNull();
    }
    expect(el.textContent).toContain('自查自纠');
    expect(el.textContent).not.toContain('省级监管');
    expect(el.textContent).not.toContain('专项治理');
    expect(el.textContent).not.toContain('内控检查');
    expect(el.textContent).not.toContain('领导驾驶舱');
  });

  it('shows a leader only the cockpit section', async () => {
    const { sectionIds, el } = await renderShell(['leader']);

    expect(sectionIds()).toEqual(['leader']);
    expect(el.querySelector('[data-testid="nav-item-leader-dashboards"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="nav-item-leader-monthly-reports"]')).not.toBeNull();
    // The read-only pages behind the dashboard's numbers.
    for (const item of ['spot-checks', 'findings', 'disputes']) {
      expect(el.querySelector(`[data-testid="nav-item-leader-${item}"]`)).not.toBeNull();
    }
    expect(el.querySelector('[data-testid^="nav-item-province-"]')).toBeNull();
    expect(el.querySelector('[data-testid^="nav-item-local-"]')).toBeNull();
    expect(el.querySelector('[data-testid^="nav-item-institution-"]')).toBeNull();
  });

  it('gives a national overseer the province section read-only plus the cockpit', async () => {
    const { sectionIds, el } = await renderShell(['national_overseer']);

    expect(sectionIds()).toEqual(['province', 'leader']);
    const province = el.querySelector('[data-testid="nav-section-province"]')!;
    expect(province.getAttribute('data-readonly')).toBe('true');
    expect(province.textContent).toContain('只读');
    // The nation reads every province: its section says so (issue 16).
    expect(province.querySelector('.ant-menu-submenu-title')!.textContent!.trim()).toBe('全国监管（只读）');
    expect(province.textContent).not.toContain('省级监管');
    expect(el.querySelector('[data-testid="nav-section-leader"]')!.getAttribute('data-readonly')).toBe('false');
    // The overseer reads findings and spot-checks in the province section, not twice.
    expect(el.querySelector('[data-testid="nav-item-province-findings"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="nav-item-leader-findings"]')).toBeNull();
    expect(el.querySelector('[data-testid="nav-item-leader-spot-checks"]')).toBeNull();
  });

  it('always offers home and notifications', async () => {
    const { el } = await renderShell(['county_staff']);
    expect(el.querySelector('[data-testid="nav-home"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="nav-notifications"]')).not.toBeNull();
  });

  it.each(ROLES)('offers %s the notices (通知签收), right before the notifications', async (role) => {
    const { el } = await renderShell([role]);
    const entry = el.querySelector('[data-testid="nav-notices"]')!;
    expect(entry.textContent!.trim()).toBe('通知签收');
    expect(entry.querySelector('a')!.getAttribute('href')).toBe('/notices');
    expect(entry.nextElementSibling!.getAttribute('data-testid')).toBe('nav-notifications');
  });
});

describe('the working-day calendar entry (issue 16)', () => {
  it.each<[Role, boolean]>([
    ['province_official', true],
    ['national_overseer', true],
    ['city_agency_staff', false],
    ['county_staff', false],
    ['institution_clerk', false],
    ['leader', false],
  ])('%s at a bureau → %s', async (role, shown) => {
    const { el } = await renderShell([role]);
    const entry = el.querySelector('[data-testid="nav-calendar"]');
    expect(entry !== null).toBe(shown);
    if (entry) {
      expect(entry.textContent!.trim()).toBe('工作日历与法定时限');
      expect(entry.querySelector('a')!.getAttribute('href')).toBe('/settings/calendar');
    }
  });
});

describe('canSendNotices', () => {
  it.each<[Role, boolean]>([
    ['province_official', true],
    ['city_agency_staff', true],
    ['county_staff', true],
    ['institution_clerk', false],
    ['leader', false],
    ['national_overseer', false],
  ])('%s → %s', (role, expected) => {
    expect(canSendNotices([role])).toBe(expected);
  });
});

describe('sectionsFor', () => {
  it.each<[Role[], string[]]>([
    [['province_official'], ['province']],
    [['national_overseer'], ['province', 'leader']],
    [['city_agency_staff'], ['local']],
    [['county_staff'], ['local']],
    [['institution_clerk'], ['institution']],
    [['leader'], ['leader']],
    [['province_official', 'leader'], ['province', 'leader']],
    [[], []],
  ])('sectionsFor(%j) → %j', (roles, expected) => {
    expect(sectionsFor(roles).map((s) => s.id)).toEqual(expected);
  });
});

describe('Shell header', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  it('shows region, organization and the polled unread count', async () => {
    const { fixture, http, text } = await renderShell(['city_agency_staff']);
    await settle();
    const poll = http.expectOne('/api/notifications/unread-count');
    expect(poll.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    poll.flush({ count: 7 });
    await fixture.whenStable();

    expect(text('header-region')).toBe('江苏省 / 南京市 / 玄武区');
    expect(text('header-org')).toBe('南京市玄武区医疗保障局');
    expect(text('unread-count')).toBe('7');
  });

  it('carries to-do badges on the menu entries with to-dos (issue 16 §1), refreshed on navigation', async () => {
    const { fixture, http, el } = await renderShell(['city_agency_staff']);
    const badge = (id: string) => el.querySelector(`[data-testid="nav-badge-${id}"]`)?.getAttribute('data-count') ?? null;
    await settle();
    const todo = (count: number) => ({
      today: '2027-05-10',
      items: [
        { kind: 'decisions_to_review', count, nextDeadline: null, workingDaysLeft: null, link: { path: '/local/findings/decisions', query: { status: 'pending_legal_review' } } },
        { kind: 'appeals_to_review', count: 2, nextDeadline: null, workingDaysLeft: null, link: { path: '/local/findings/list', query: { status: 'appealed' } } },
        { kind: 'plans_to_review', count: 1, nextDeadline: null, workingDaysLeft: null, link: { path: '/local/annual-plans/review', query: { year: '2028' } } },
        { kind: 'notices_unacknowledged', count: 4, nextDeadline: '2027-05-12', workingDaysLeft: 2, link: { path: '/notices', query: {} } },
      ],
    });
    http.expectOne('/api/todo').flush(todo(3));
    await fixture.whenStable();
    expect(badge('local-findings')).toBe('5');
    expect(badge('local-annual-plans')).toBe('1');
    expect(badge('notices')).toBe('4');
    expect(badge('local-disputes')).toBeNull();
    expect(el.querySelector('[data-testid="nav-badge-local-findings"]')!.getAttribute('title')).toBe('5 项待办');

    const router = TestBed.inject(Router);
    router.resetConfig([{ path: '**', children: [] }]);
    await router.navigateByUrl('/somewhere');
    await settle();
    http.expectOne('/api/todo').flush(todo(0));
    await fixture.whenStable();
    expect(badge('local-findings')).toBe('2');
  });

  it('switches the language without a reload', async () => {
    const { fixture, text } = await renderShell(['leader']);
    expect(text('app-title')).toBe('医保基金监管平台');
    expect(text('lang-switch')).toBe('English');

    (fixture.nativeElement.querySelector('[data-testid="lang-switch"]') as HTMLButtonElement).click();
    await fixture.whenStable();

    expect(TestBed.inject(TranslationService).lang()).toBe('en');
    expect(text('app-title')).toBe('Medical Insurance Fund Supervision');
    expect(text('lang-switch')).toBe('中文');
    expect(text('nav-section-leader')).toContain('Leadership cockpit');
  });

  it('signs out through the auth service', async () => {
    const auth = new FakeAuth();
    const { fixture } = await renderShell(['leader'], auth);
    (fixture.nativeElement.querySelector('[data-testid="logout"]') as HTMLButtonElement).click();
    expect(auth.logouts).toBe(1);
  });
});

describe('Section routes', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  async function navigateAs(roles: Role[], url: string) {
    TestBed.configureTestingModule({ providers: provideTestApp({ routes }) });
    TestBed.inject(CurrentUser).set(fakeMe(roles));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    return { router: TestBed.inject(Router), el: harness.routeNativeElement as HTMLElement };
  }

  it('opens the honest coming-soon page for a menu entry without its feature', async () => {
    // Every entry of the menu is built since issue 7; the placeholder is kept for the next ones.
    TestBed.configureTestingModule({
      providers: provideTestApp({
        routes: [
          {
            path: 'province/next',
            data: { feature: 'feature.monthlyReports', section: 'province' },
            loadComponent: () => import('../placeholders/coming-soon').then((m) => m.ComingSoon),
          },
        ],
      }),
    });
    TestBed.inject(CurrentUser).set(fakeMe(['province_official']));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/province/next');
    const el = harness.routeNativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="coming-soon"]')?.textContent).toContain('“月报表”尚在建设中');
  });

  it("sends a user away from another level's section", async () => {
    const { router } = await navigateAs(['institution_clerk'], '/province/campaigns');
    expect(router.url).toBe('/forbidden');
  });

  it('keeps an institution clerk out of the send-notice form', async () => {
    const { router, el } = await navigateAs(['institution_clerk'], '/notices/new');
    expect(router.url).toBe('/forbidden');
    expect(el.querySelector('[data-testid="notice-form"]')).toBeNull();
  });

  it.each<Role>(['province_official', 'city_agency_staff', 'county_staff'])(
    'opens the send-notice form for %s',
    async (role) => {
      const { router, el } = await navigateAs([role], '/notices/new');
      expect(router.url).toBe('/notices/new');
      expect(el.querySelector('[data-testid="notice-form-submit"]')).not.toBeNull();
    },
  );

  it('opens a notice from a notification link (/notices/<id>)', async () => {
    const { router, el } = await navigateAs(['institution_clerk'], '/notices/3f0c9a52-5d1e-4a8e-9a51-0b6f1c2d7e90');
    expect(router.url).toBe('/notices/3f0c9a52-5d1e-4a8e-9a51-0b6f1c2d7e90');
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.inject(HttpTestingController).expectOne('/api/notices/3f0c9a52-5d1e-4a8e-9a51-0b6f1c2d7e90');
    expect(el.querySelector('[data-testid="notice-back"]')).not.toBeNull();
  });
});

describe('Shell landmarks (issue 16, accessibility)', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  it('puts the routed page in one main landmark and a skip link first that focuses it, in the chosen language', async () => {
    const { el, fixture } = await renderShell(['province_official']);

    const mains = el.querySelectorAll('main');
    expect(mains.length).toBe(1);
    const main = mains[0] as HTMLElement;
    expect(main.id).toBe('main-content');
    expect(main.getAttribute('tabindex')).toBe('-1');
    expect(main.querySelector('router-outlet')).not.toBeNull();
    // the menu and the header are outside it
    expect(main.querySelector('[data-testid="nav"]')).toBeNull();
    expect(main.querySelector('[data-testid="logout"]')).toBeNull();

    // the skip link is the first focusable element of the shell
    const first = el.querySelector('a[href], button');
    const skip = el.querySelector('[data-testid="skip-link"]') as HTMLAnchorElement;
    expect(first).toBe(skip);
    expect(skip.getAttribute('href')).toBe('#main-content');
    expect(skip.textContent?.trim()).toBe('跳到主要内容');

    document.body.appendChild(el); // focus needs the element in the document
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    skip.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true); // no navigation to /#main-content (base href "/")
    expect(document.activeElement).toBe(main);
    el.remove();

    TestBed.inject(TranslationService).use('en');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(skip.textContent?.trim()).toBe('Skip to main content');
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('the tablet menu drawer (issue 16 item 3)', () => {
  const desktopWidth = window.innerWidth;
  const setWidth = (width: number) => Object.defineProperty(window, 'innerWidth', { configurable: true, value: width });
  afterEach(() => {
    setWidth(desktopWidth);
    TestBed.inject(HttpTestingController).match(() => true);
  });

  /** The drawer's content while it is open (its overlay stays in the document, closed). */
  const drawer = () => document.querySelector<HTMLElement>('.ant-drawer.ant-drawer-open [data-testid="menu-drawer"]');

  it('keeps the sider on a desktop (1024 px) whose header button folds it', async () => {
    setWidth(1024);
    const { el } = await renderShell(['leader']);
    expect(el.querySelector('nz-sider [data-testid="nav"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="menu-trigger"]')!.getAttribute('aria-label')).toBe('展开或收起菜单');
    expect(document.querySelector('[data-testid="menu-drawer"]')).toBeNull();
  });

  it('at 768 px opens a labelled drawer from a labelled header button: focus inside, Escape closes, navigation closes', async () => {
    setWidth(768);
    TestBed.configureTestingModule({ providers: provideTestApp({ routes: [{ path: '**', children: [] }] }) });
    TestBed.inject(CurrentUser).set(fakeMe(['leader']));
    const fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
    const stable = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
      await settle();
    };

    // no icon-only sider: the menu lives in the drawer
    expect(el.querySelector('nz-sider')).toBeNull();
    const open = el.querySelector<HTMLButtonElement>('[data-testid="menu-trigger"]')!;
    expect(open.getAttribute('aria-label')).toBe('打开菜单');
    expect(open.getAttribute('aria-haspopup')).toBe('dialog');
    expect(open.getAttribute('aria-expanded')).toBe('false');
    expect(drawer()).toBeNull();

    open.click();
    await stable();
    expect(open.getAttribute('aria-expanded')).toBe('true');
    expect(drawer()).not.toBeNull();
    expect(drawer()!.getAttribute('aria-label')).toBe('主导航');
    // labels, not bare icons
    const findings = drawer()!.querySelector('[data-testid="nav-item-leader-findings"]')!;
    expect(findings.textContent!.trim()).not.toBe('');
    expect(drawer()!.querySelector('[data-testid="nav-home"]')!.textContent!.trim()).toBe('首页');
    expect(drawer()!.querySelector('.ant-menu-inline-collapsed')).toBeNull();
    // focus moved into the drawer
    const overlay = drawer()!.closest('.ant-drawer')!;
    expect(overlay.contains(document.activeElement)).toBe(true);
    expect(document.querySelector('[data-testid="menu-drawer-close"]')!.getAttribute('aria-label')).toBe('关闭菜单');

    // Escape closes it
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', keyCode: 27, bubbles: true } as KeyboardEventInit));
    await stable();
    expect(open.getAttribute('aria-expanded')).toBe('false');
    expect(drawer()).toBeNull();

    // a menu entry navigates and closes it
    open.click();
    await stable();
    expect(open.getAttribute('aria-expanded')).toBe('true');
    drawer()!.querySelector<HTMLAnchorElement>('[data-testid="nav-item-leader-findings"] a')!.click();
    await stable();
    expect(TestBed.inject(Router).url).toBe('/leader/findings');
    expect(open.getAttribute('aria-expanded')).toBe('false');
    expect(drawer()).toBeNull();
    el.remove();
  });
});

describe('menu icons', () => {
  // An icon missing from APP_ICONS is fetched over HTTP at run time (a 404 in the suite, a page that never settles in tests).
  it('registers every icon of the menu and the header', () => {
    const registered = new Set(APP_ICONS.map((icon) => `${icon.name}-${icon.theme}`));
    const used = [...NAV_SECTIONS.flatMap((s) => [s.icon, ...s.items.map((i) => i.icon)]), 'menu', 'menu-fold', 'menu-unfold', 'close', 'home', 'bell', 'file-done', 'calendar'];
    expect(used.filter((name) => !registered.has(`${name}-outline`))).toEqual([]);
  });
});
