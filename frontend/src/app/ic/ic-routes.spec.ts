import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { routes } from '../app.routes';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { navigateAppAs } from '../testing/app-navigation';
import { sectionsFor } from '../shell/navigation';
import { Shell } from '../shell/shell';
import {
  PLAN_NOW,
  fakeCityBureauUser,
  fakeCityReviewer,
  fakeDrafter,
  fakeMe,
  fakeProvinceUser,
  provideTestApp,
} from '../testing/fakes';
import { icPagesFor } from './ic-access';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** county_staff of a county bureau (not an agency): has no audits. */
const countyBureau = (): Me => fakeMe(['county_staff']);
/** js.agency: staff of the provincial agency (省医保中心), audited like the city and county agencies (seed 003 五(三)). */
const provincialAgency = (): Me =>
  fakeMe(['city_agency_staff'], {
    level: 'province',
    regionPath: '/32/',
    region: { code: '32', name: '江苏省', level: 'province' },
    regionTrail: [{ code: '32', name: '江苏省' }],
    organization: { id: 'agency-32', name: '江苏省医疗保险基金管理中心', kind: 'agency' },
  });

describe('Internal control audit routes and menu', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  const navigateAs = (me: Me, url: string) => navigateAppAs(me, url, PLAN_NOW, 1);

  it.each([
    '/province/audits',
    '/province/audits/plan',
    '/local/audits',
    '/local/audits/mine',
    '/local/audits/audit/a1',
    '/leader/audits',
  ])('keeps an institution clerk out of %s', async (url) => {
    const { url: landed, el } = await navigateAs(fakeMe(['institution_clerk']), url);
    expect(landed).toBe('/forbidden');
    expect(el.querySelector('[data-testid="ic-audit-row"]')).toBeNull();
  });

  it.each<[string, Me, string, string]>([
    ['a county bureau user', countyBureau(), '/local/audits', '/forbidden'],
    ['a county bureau user', countyBureau(), '/local/audits/mine', '/forbidden'],
    ['a county bureau user', countyBureau(), '/local/audits/audit/a1', '/forbidden'],
    ['a county agency', fakeDrafter(), '/local/audits', '/local/audits/mine'],
    ['a county agency', fakeDrafter(), '/local/audits/programme', '/forbidden'],
    ['a city agency', fakeCityReviewer(), '/local/audits', '/local/audits/mine'],
    ['a city agency', fakeCityReviewer(), '/local/audits/audit/a1', '/local/audits/audit/a1'],
    ['the provincial agency', provincialAgency(), '/local/audits', '/local/audits/mine'],
    ['the provincial agency', provincialAgency(), '/local/audits/audit/a1', '/local/audits/audit/a1'],
    ['the provincial agency', provincialAgency(), '/province/audits/plan', '/forbidden'],
    ['a city bureau user', fakeCityBureauUser(), '/local/audits', '/local/audits/programme'],
    ['a city bureau user', fakeCityBureauUser(), '/local/audits/list', '/local/audits/list'],
    ['a city bureau user', fakeCityBureauUser(), '/local/audits/mine', '/forbidden'],
    ['a province official', fakeProvinceUser(), '/province/audits', '/province/audits/programme'],
    ['a province official', fakeProvinceUser(), '/province/audits/checklist', '/province/audits/checklist'],
    ['a province official', fakeProvinceUser(), '/local/audits/mine', '/forbidden'],
    ['the national overseer', fakeProvinceUser(['national_overseer']), '/province/audits/plan', '/province/audits/plan'],
    ['the national overseer', fakeProvinceUser(['national_overseer']), '/province/audits/checklist', '/forbidden'],
    ['a leader', fakeMe(['leader']), '/leader/audits', '/leader/audits/programme'],
    ['a leader', fakeMe(['leader']), '/province/audits/plan', '/forbidden'],
  ])('sends %s from %s to %s', async (_, me, url, expected) => {
    const { url: landed } = await navigateAs(me, url);
    expect(landed).toBe(expected);
  });

  it('opens the agency its own audits, without the province pages', async () => {
    const { el } = await navigateAs(fakeDrafter(), '/local/audits/mine');
    const http = TestBed.inject(HttpTestingController);
    await settle();
    http.expectOne('/api/ic/audits?year=2027&page=1&pageSize=50').flush({ items: [], total: 0 });
    await settle();
    expect(el.textContent).toContain('2027 年度我的内控检查');
    expect(el.querySelector('[data-testid="ic-nav"]')).toBeNull();
  });

  it('shows the 内控检查 menu entry to agencies, not to county bureaus or clerks', async () => {
    for (const [me, present] of [
      [fakeDrafter(), true],
      [fakeCityBureauUser(), true],
      [countyBureau(), false],
      [fakeMe(['institution_clerk']), false],
    ] as const) {
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({ providers: provideTestApp() });
      TestBed.inject(CurrentUser).set(me);
      const fixture = TestBed.createComponent(Shell);
      await fixture.whenStable();
      const el = fixture.nativeElement as HTMLElement;
      expect(el.querySelector('[data-testid="nav-item-local-audits"]') !== null).toBe(present);
      TestBed.inject(HttpTestingController).match(() => true);
    }
  });
});

describe('Internal control audit pages per user', () => {
  it.each<[string, Me, 'province' | 'local' | 'leader', string[]]>([
    ['province official', fakeProvinceUser(), 'province', ['programme', 'plan', 'checklist']],
    ['national overseer', fakeProvinceUser(['national_overseer']), 'province', ['programme', 'plan']],
    ['county agency', fakeDrafter(), 'local', ['mine']],
    ['city agency', fakeCityReviewer(), 'local', ['mine']],
    ['provincial agency', provincialAgency(), 'local', ['mine']],
    ['provincial agency', provincialAgency(), 'province', []],
    ['city bureau', fakeCityBureauUser(), 'local', ['programme', 'list']],
    ['county bureau', countyBureau(), 'local', []],
    ['clerk', fakeMe(['institution_clerk']), 'local', []],
    ['leader', fakeMe(['leader']), 'leader', ['programme', 'list']],
  ])('gives the %s its pages', (_, me, section, pages) => {
    expect(icPagesFor(me, section)).toEqual(pages);
  });

  it('lists the menu entries by organization kind', () => {
    const entries = (me: Me) =>
      sectionsFor(me.roles, me.organization.kind).flatMap((s) => s.items.filter((i) => i.id === 'audits').map((i) => `${s.id}:${i.id}`));
    expect(entries(fakeProvinceUser())).toEqual(['province:audits']);
    expect(entries(fakeDrafter())).toEqual(['local:audits']);
    expect(entries(provincialAgency())).toEqual(['local:audits']);
    expect(entries(countyBureau())).toEqual([]);
    expect(entries(fakeMe(['leader']))).toEqual(['leader:audits']);
    expect(entries(fakeMe(['institution_clerk']))).toEqual([]);
  });
});
