import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { routes } from '../app.routes';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { navigateAppAs } from '../testing/app-navigation';
import { NAV_SECTIONS } from '../shell/navigation';
import { Shell } from '../shell/shell';
import { fakeCityBureauUser, fakeCityReviewer, fakeDrafter, fakeMe, fakeProvinceUser, provideTestApp } from '../testing/fakes';
import { SPOT_CHECK_NOW } from '../testing/spot-check-fakes';
import { canRunSpotChecks, spotCheckPagesFor } from './spot-check-access';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Spot-check routes and menu', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  const navigateAs = (me: Me, url: string) => navigateAppAs(me, url, SPOT_CHECK_NOW, 1);

  it.each<[string, string, string, Me]>([
    ['a province official', '/province/spot-checks', '/province/spot-checks/list', fakeProvinceUser()],
    ['a province official', '/province/spot-checks/new', '/province/spot-checks/new', fakeProvinceUser()],
    ['a province official', '/province/spot-checks/check/sc1', '/province/spot-checks/check/sc1', fakeProvinceUser()],
    ['a province official', '/province/spot-checks/coverage', '/province/spot-checks/coverage', fakeProvinceUser()],
    ['a province official', '/local/spot-checks', '/forbidden', fakeProvinceUser()],
    ['the national overseer', '/province/spot-checks', '/province/spot-checks/list', fakeProvinceUser(['national_overseer'])],
    ['the national overseer', '/province/spot-checks/new', '/forbidden', fakeProvinceUser(['national_overseer'])],
    ['the national overseer', '/province/spot-checks/verify', '/province/spot-checks/verify', fakeProvinceUser(['national_overseer'])],
    ['a city agency', '/local/spot-checks', '/local/spot-checks/list', fakeCityReviewer()],
    ['a city agency', '/local/spot-checks/new', '/forbidden', fakeCityReviewer()],
    ['a city bureau user', '/local/spot-checks/inspections', '/local/spot-checks/inspections', fakeCityBureauUser()],
    ['a county user', '/local/spot-checks/inspection/in1', '/local/spot-checks/inspection/in1', fakeDrafter()],
    ['a county user', '/province/spot-checks', '/forbidden', fakeDrafter()],
    ['an institution clerk', '/local/spot-checks', '/forbidden', fakeMe(['institution_clerk'])],
    ['an institution clerk', '/province/spot-checks/verify', '/forbidden', fakeMe(['institution_clerk'])],
    ['a leader', '/province/spot-checks', '/forbidden', fakeMe(['leader'])],
  ])('sends %s from %s to %s', async (_, url, expected, me) => {
    const { url: landed, el } = await navigateAs(me, url);
    expect(landed).toBe(expected);
    expect(el.querySelector('[data-testid="coming-soon"]')).toBeNull();
  });

  it('opens the list of the year for the province, with the create button', async () => {
    const { el } = await navigateAs(fakeProvinceUser(), '/province/spot-checks');
    const http = TestBed.inject(HttpTestingController);
    await settle();
    http.expectOne('/api/spot-checks?page=1&pageSize=20&year=2027').flush({ items: [], total: 0 });
    await settle();
    expect(el.textContent).toContain('2027 年度抽查任务');
    expect(el.querySelector('[data-testid="spot-check-create"]')).not.toBeNull();
    const tabs = [...el.querySelectorAll('[data-testid="spot-check-nav"] a')].map((a) => a.textContent!.trim());
    expect(tabs).toEqual(['抽查任务', '现场检查', '覆盖率', '抽取验证']);
  });

  it('shows the 抽查 entry to the province, cities and counties, and loads the feature from it', async () => {
    for (const [me, testId] of [
      [fakeProvinceUser(), 'nav-item-province-spot-checks'],
      [fakeCityReviewer(), 'nav-item-local-spot-checks'],
      [fakeMe(['county_staff']), 'nav-item-local-spot-checks'],
    ] as const) {
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({ providers: provideTestApp() });
      TestBed.inject(CurrentUser).set(me);
      const fixture = TestBed.createComponent(Shell);
      await fixture.whenStable();
      const el = fixture.nativeElement as HTMLElement;
      expect(el.querySelector(`[data-testid="${testId}"]`)).not.toBeNull();
      TestBed.inject(HttpTestingController).match(() => true);
    }
  });
});

describe('Spot-check pages per user', () => {
  it('gives the province and city/county menu entries the feature, not the coming-soon page', () => {
    for (const sectionId of ['province', 'local'] as const) {
      const item = NAV_SECTIONS.find((s) => s.id === sectionId)!.items.find((i) => i.id === 'spot-checks')!;
      expect(item.loadChildren).toBeDefined();
    }
  });

  it.each<[string, Me, 'province' | 'local', string[], boolean]>([
    ['province official', fakeProvinceUser(), 'province', ['list', 'inspections', 'coverage', 'verify'], true],
    ['national overseer', fakeProvinceUser(['national_overseer']), 'province', ['list', 'inspections', 'coverage', 'verify'], false],
    ['province official (local section)', fakeProvinceUser(), 'local', [], false],
    ['city agency', fakeCityReviewer(), 'local', ['list', 'inspections', 'coverage', 'verify'], false],
    ['county', fakeDrafter(), 'local', ['list', 'inspections', 'coverage', 'verify'], false],
    ['clerk', fakeMe(['institution_clerk']), 'local', [], false],
  ])('gives the %s its pages', (_, me, section, pages, runs) => {
    expect(spotCheckPagesFor(me, section)).toEqual(pages);
    expect(canRunSpotChecks(me, section)).toBe(runs);
  });
});
