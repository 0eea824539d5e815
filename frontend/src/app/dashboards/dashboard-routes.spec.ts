import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { routes } from '../app.routes';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { PLAN_CLOCK } from '../plans/plans-api';
import { NAV_SECTIONS } from '../shell/navigation';
import { fakeMe, fakeProvinceUser, provideTestApp } from '../testing/fakes';
import { fakeDashboard } from './dashboard-fakes';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Dashboard routes and menu', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  async function navigateAs(me: Me, url: string) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [...provideTestApp({ routes }), { provide: PLAN_CLOCK, useValue: () => new Date('2026-08-15T04:00:00Z') }],
    });
    TestBed.inject(CurrentUser).set(me);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    for (let i = 0; i < 5; i++) await settle();
    return { url: TestBed.inject(Router).url, el: harness.routeNativeElement as HTMLElement, http: TestBed.inject(HttpTestingController), harness };
  }

  it.each<[string, Me]>([
    ['a leader', fakeMe(['leader'])],
    ['the national overseer', fakeProvinceUser(['national_overseer'])],
  ])('opens the dashboard, not the coming-soon page, for %s', async (_, me) => {
    const { url, el, http, harness } = await navigateAs(me, '/leader/dashboards');
    expect(url).toBe('/leader/dashboards');
    http.expectOne('/api/dashboards?period=2026').flush(fakeDashboard());
    for (let i = 0; i < 3; i++) await settle();
    harness.fixture.detectChanges();
    expect(el.querySelector('[data-testid="coming-soon"]')).toBeNull();
    expect(el.querySelector('[data-testid="kpi-findings"]')).not.toBeNull();
  });

  it('opens the list behind a number under the same entry', async () => {
    const { url, http } = await navigateAs(fakeMe(['leader']), '/leader/dashboards/items?period=2026&metric=findings');
    expect(url).toBe('/leader/dashboards/items?period=2026&metric=findings');
    http.expectOne('/api/dashboards/items?period=2026&metric=findings&page=1&size=20').flush({ total: 0, page: 1, size: 20, items: [] });
  });

  it('keeps other roles out', async () => {
    const { url } = await navigateAs(fakeProvinceUser(), '/leader/dashboards');
    expect(url).toBe('/forbidden');
  });
});

describe('Dashboard menu entry', () => {
  it('is an entry of the leader section only (leader and national overseer)', () => {
    const withDashboards = NAV_SECTIONS.filter((s) => s.items.some((i) => i.id === 'dashboards' && i.loadChildren));
    expect(withDashboards.map((s) => [s.id, s.roles])).toEqual([['leader', ['leader', 'national_overseer']]]);
  });
});
