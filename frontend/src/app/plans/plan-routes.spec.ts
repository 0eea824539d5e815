import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { routes } from '../app.routes';
import { CurrentUser } from '../core/current-user';
import type { Me, Role } from '../core/models';
import { navigateAppAs } from '../testing/app-navigation';
import { Home } from '../home/home';
import { Shell } from '../shell/shell';
import { sectionsFor } from '../shell/navigation';
import {
  PLAN_NOW,
  fakeCityBureauUser,
  fakeCityReviewer,
  fakeDrafter,
  fakeMe,
  fakeProvinceUser,
  provideTestApp,
} from '../testing/fakes';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Annual plan routes and menu', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  const navigateAs = (me: Me, url: string) => navigateAppAs(me, url, PLAN_NOW, 1);

  it.each([
    '/local/annual-plans',
    '/local/annual-plans/mine',
    '/local/annual-plans/review',
    '/local/annual-plans/board',
    '/local/annual-plans/plan/p1',
    '/province/annual-plans/board',
    '/province/annual-plans/review',
    '/leader/annual-plans/board',
  ])('keeps an institution clerk out of %s', async (url) => {
    const { url: landed, el } = await navigateAs(fakeMe(['institution_clerk']), url);
    expect(landed).toBe('/forbidden');
    expect(el.querySelector('[data-testid="review-table"]')).toBeNull();
    expect(el.querySelector('[data-testid="board-row"]')).toBeNull();
  });

  it.each<[string, Me, string, string]>([
    ['county staff', fakeDrafter(), '/local/annual-plans', '/local/annual-plans/mine'],
    ['county staff', fakeDrafter(), '/local/annual-plans/review', '/forbidden'],
    ['county staff', fakeDrafter(), '/local/annual-plans/board', '/forbidden'],
    ['city agency staff', fakeCityReviewer(), '/local/annual-plans', '/local/annual-plans/mine'],
    ['city agency staff', fakeCityReviewer(), '/local/annual-plans/review', '/local/annual-plans/review'],
    ['city agency staff', fakeCityReviewer(), '/local/annual-plans/board', '/local/annual-plans/board'],
    // A bureau drafts no plan: the city bureau lands on the plans it files, not an empty 本单位方案 (issue 16).
    ['a city bureau', fakeCityBureauUser(), '/local/annual-plans', '/local/annual-plans/review'],
    ['a city bureau', fakeCityBureauUser(), '/local/annual-plans/mine', '/forbidden'],
    ['a province official', fakeProvinceUser(), '/province/annual-plans', '/province/annual-plans/board'],
    ['a province official', fakeProvinceUser(), '/province/annual-plans/review', '/province/annual-plans/review'],
    ['a province official', fakeProvinceUser(), '/local/annual-plans/mine', '/forbidden'],
    ['the national overseer', fakeProvinceUser(['national_overseer']), '/province/annual-plans', '/province/annual-plans/board'],
    ['the national overseer', fakeProvinceUser(['national_overseer']), '/province/annual-plans/review', '/forbidden'],
    ['the national overseer', fakeProvinceUser(['national_overseer']), '/leader/annual-plans', '/forbidden'],
    ['a leader', fakeMe(['leader']), '/leader/annual-plans', '/leader/annual-plans/board'],
    ['a leader', fakeMe(['leader']), '/province/annual-plans/board', '/forbidden'],
  ])('sends %s from %s to %s', async (_, me, url, expected) => {
    const { url: landed } = await navigateAs(me, url);
    expect(landed).toBe(expected);
  });

  it('opens the review queue for city agency staff, with the plan pages in a sub-menu', async () => {
    const { el } = await navigateAs(fakeCityReviewer(), '/local/annual-plans/review');
    const http = TestBed.inject(HttpTestingController);
    await settle();
    // No plans waiting (the to-do centre): the queue opens on the current planning year.
    http.match('/api/todo').forEach((r) => r.flush({ today: '2027-05-10', items: [] }));
    await settle();
    http.expectOne('/api/plans/review-queue?year=2027&page=1&pageSize=20').flush({ items: [], total: 0 });
    await settle();
    expect(el.querySelector('[data-testid="review-table"]')).not.toBeNull();
    const nav = [...el.querySelectorAll('[data-testid^="plan-nav-"]')].map((a) => a.textContent!.trim());
    expect(nav).toEqual(['本单位方案', '方案审核', '备案进度', '方案台账']);
  });

  it("keeps a handling agency out of the bureaus' monthly reports", async () => {
    const { url, el } = await navigateAs(fakeDrafter(), '/local/monthly-reports');
    expect(url).toBe('/forbidden');
    expect(el.querySelector('[data-testid="coming-soon"]')).toBeNull();
  });

  it('shows the leader the plan board entry in the menu, and the clerk none', async () => {
    for (const [me, present] of [
      [fakeMe(['leader']), true],
      [fakeProvinceUser(['national_overseer']), false],
      [fakeMe(['institution_clerk']), false],
    ] as const) {
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({ providers: provideTestApp() });
      TestBed.inject(CurrentUser).set(me);
      const fixture = TestBed.createComponent(Shell);
      await fixture.whenStable();
      const el = fixture.nativeElement as HTMLElement;
      expect(el.querySelector('[data-testid="nav-item-leader-annual-plans"]') !== null).toBe(present);
      if (me.roles.includes('institution_clerk')) expect(el.textContent).not.toContain('年度监管方案');
      TestBed.inject(HttpTestingController).match(() => true);
    }
  });

  it('no longer marks the annual plans as coming soon on the home page', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp() });
    TestBed.inject(CurrentUser).set(fakeDrafter());
    const fixture = TestBed.createComponent(Home);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const card = el.querySelector('[data-testid="home-card-/local/annual-plans"]')!;
    expect(card.textContent).toContain('5月15日前报送');
    expect(card.querySelector('nz-tag')).toBeNull();
    // The monthly report is the county bureau's, not the agency's (issue 7).
    expect(el.querySelector('[data-testid="home-card-/local/monthly-reports"]')).toBeNull();
    // 抽查 is built now (spot-checks/), so its card has no tag either.
    expect(el.querySelector('[data-testid="home-card-/local/spot-checks"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="home-card-/local/spot-checks"] nz-tag')).toBeNull();
  });
});

describe('Annual plan menu entries', () => {
  it.each<[Role[], string[]]>([
    [['county_staff'], ['local:annual-plans']],
    [['city_agency_staff'], ['local:annual-plans']],
    [['province_official'], ['province:annual-plans']],
    [['national_overseer'], ['province:annual-plans']],
    [['leader'], ['leader:annual-plans']],
    [['institution_clerk'], []],
  ])('gives %j the plan menu entries %j', (roles, expected) => {
    const entries = sectionsFor(roles).flatMap((s) => s.items.filter((i) => i.id === 'annual-plans').map((i) => `${s.id}:${i.id}`));
    expect(entries).toEqual(expected);
  });
});
