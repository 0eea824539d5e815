import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { routes } from '../app.routes';
import type { Me } from '../core/models';
import { navigateAppAs } from '../testing/app-navigation';
import { NAV_SECTIONS } from '../shell/navigation';
import { fakeMe, fakeProvinceUser } from '../testing/fakes';
import { fakeDashboard } from './dashboard-fakes';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Dashboard routes and menu', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  const navigateAs = (me: Me, url: string) => navigateAppAs(me, url, new Date('2026-08-15T04:00:00Z'), 5);

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

  it.each<[string, string, string, string, string, Me]>([
    ['a leader', 'finding', 'f-1', '/leader/findings/finding/f-1', '/api/findings/f-1', fakeMe(['leader'])],
    ['a leader', 'decision', 'd-1', '/leader/findings/decision/d-1', '/api/decisions/d-1', fakeMe(['leader'])],
    ['a leader', 'dispute', 'ds-1', '/leader/disputes/ds-1', '/api/disputes/ds-1', fakeMe(['leader'])],
    ['a leader', 'inspection', 'in-1', '/leader/spot-checks/inspection/in-1', '/api/inspections/in-1', fakeMe(['leader'])],
    // The national overseer reads the same records in the province section.
    ['the national overseer', 'finding', 'f-1', '/province/findings/finding/f-1', '/api/findings/f-1', fakeProvinceUser(['national_overseer'])],
    ['the national overseer', 'dispute', 'ds-1', '/province/disputes/ds-1', '/api/disputes/ds-1', fakeProvinceUser(['national_overseer'])],
  ])('takes %s from a %s row of the list to its read-only page', async (_, kind, id, page, api, me) => {
    const { http, el, harness } = await navigateAs(me, '/leader/dashboards/items?period=2026&metric=overdue');
    http.expectOne('/api/dashboards/items?period=2026&metric=overdue&page=1&size=20').flush({
      total: 1,
      page: 1,
      size: 20,
      items: [{ kind, itemId: id, status: 'open', month: '2026-03-01', value: 1, institutionId: 'h-1', institutionName: '南京市第一医院', countyName: '玄武区', cityName: '南京市', refLabel: null }],
    });
    for (let i = 0; i < 3; i++) await settle();
    harness.fixture.detectChanges();
    el.querySelector<HTMLAnchorElement>('[data-testid="dashboard-item-open"]')!.click();
    for (let i = 0; i < 5; i++) await settle();
    expect(TestBed.inject(Router).url).toBe(page);
    // The page asks for the record (a leader may read it: GET carries no role list on the backend).
    expect(http.match(api)).toHaveLength(1);
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
