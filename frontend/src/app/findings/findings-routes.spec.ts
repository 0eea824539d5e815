import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { routes } from '../app.routes';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { navigateAppAs } from '../testing/app-navigation';
import { cardsFor } from '../home/role-cards';
import { NAV_SECTIONS, sectionsFor } from '../shell/navigation';
import { Shell } from '../shell/shell';
import { fakeMe, provideTestApp } from '../testing/fakes';
import {
  FINDINGS_NOW,
  fakeAgencyUser,
  fakeCityBureauUser,
  fakeClerk,
  fakeCountyBureauUser,
  fakeDecision,
  fakeDispute,
  fakeProvinceUser,
} from '../testing/findings-fakes';
import {
  canDecideDispute,
  canFileDispute,
  canReviewLegality,
  findingPagesFor,
  isAgencyUser,
  isBureauUser,
} from './findings-access';

describe('Findings and dispute routes', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  const navigateAs = (me: Me, url: string) => navigateAppAs(me, url, FINDINGS_NOW, 3);

  it.each<[string, string, string, Me]>([
    ['an institution clerk', '/institution/findings', '/institution/findings', fakeClerk()],
    ['an institution clerk', '/institution/findings/finding/f1', '/institution/findings/finding/f1', fakeClerk()],
    ['an institution clerk', '/institution/rectification', '/institution/rectification', fakeClerk()],
    ['an institution clerk', '/institution/rectification/decision/d1', '/institution/rectification/decision/d1', fakeClerk()],
    ['an institution clerk', '/institution/disputes', '/institution/disputes', fakeClerk()],
    ['an institution clerk', '/institution/disputes/ds1', '/institution/disputes/ds1', fakeClerk()],
    ['an agency user', '/local/findings', '/local/findings/list', fakeAgencyUser()],
    ['an agency user', '/local/findings/decide?findingIds=f1', '/local/findings/decide?findingIds=f1', fakeAgencyUser()],
    ['an agency user', '/local/findings/decisions', '/local/findings/decisions', fakeAgencyUser()],
    ['an agency user', '/local/disputes', '/local/disputes', fakeAgencyUser()],
    ['a county bureau user', '/local/findings', '/local/findings/list', fakeCountyBureauUser()],
    ['a county bureau user', '/local/disputes/ds1', '/local/disputes/ds1', fakeCountyBureauUser()],
    ['a city bureau user', '/local/disputes', '/local/disputes', fakeCityBureauUser()],
    ['a province official', '/province/findings', '/province/findings/list', fakeProvinceUser()],
    ['a province official', '/province/disputes', '/province/disputes', fakeProvinceUser()],
    ['the national overseer', '/province/disputes', '/province/disputes', fakeProvinceUser(['national_overseer'])],
    ['the national overseer', '/province/findings/decision/d1', '/province/findings/decision/d1', fakeProvinceUser(['national_overseer'])],
  ])('opens for %s %s (at %s), not the coming-soon page', async (_, url, expected, me) => {
    const { url: landed, el } = await navigateAs(me, url);
    expect(landed).toBe(expected);
    expect(el.querySelector('[data-testid="coming-soon"]')).toBeNull();
  });

  it.each<[string, string, Me]>([
    ['a county bureau user', '/local/findings/decide?findingIds=f1', fakeCountyBureauUser()],
    ['the province', '/province/findings/decide', fakeProvinceUser()],
    ['an institution clerk', '/local/findings', fakeClerk()],
    ['an institution clerk', '/province/disputes', fakeClerk()],
    ['an agency user', '/institution/disputes', fakeAgencyUser()],
    ['a leader', '/province/findings', fakeMe(['leader'])],
  ])('keeps %s out of %s', async (_, url, me) => {
    const { url: landed } = await navigateAs(me, url);
    expect(landed).toBe('/forbidden');
  });

  it("sends an institution's inspection link to its findings to confirm", async () => {
    const { url, http } = await navigateAs(fakeClerk(), '/inspections/in1');
    expect(url).toBe('/institution/findings');
    http.expectOne('/api/findings?status=awaiting_confirmation&page=1&pageSize=20').flush({ items: [], total: 0 });
  });

  it.each<[string, string, Me, string]>([
    ['the institution', '/findings/f1', fakeClerk(), '/institution/findings/finding/f1'],
    ['the agency', '/findings/f1', fakeAgencyUser(), '/local/findings/finding/f1'],
    ['the institution', '/decisions/d1', fakeClerk(), '/institution/rectification/decision/d1'],
    ['the province', '/decisions/d1', fakeProvinceUser(), '/province/findings/decision/d1'],
    ['the agency', '/findings?sourceId=in1', fakeAgencyUser(), '/local/findings/list?sourceId=in1'],
    ['the institution', '/findings?sourceId=in1', fakeClerk(), '/institution/findings?sourceId=in1'],
    ['the institution', '/institution/disputes/ds1', fakeClerk(), '/institution/disputes/ds1'],
  ])('opens a notification link for %s: %s → %s', async (_, link, me, expected) => {
    const { url } = await navigateAs(me, link);
    expect(url).toBe(expected);
  });

  it('shows the findings, rectification and dispute entries in the menu', async () => {
    for (const [me, ids] of [
      [fakeClerk(), ['nav-item-institution-findings', 'nav-item-institution-rectification', 'nav-item-institution-disputes']],
      [fakeAgencyUser(), ['nav-item-local-findings', 'nav-item-local-disputes']],
      [fakeProvinceUser(), ['nav-item-province-findings', 'nav-item-province-disputes']],
    ] as const) {
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({ providers: provideTestApp() });
      TestBed.inject(CurrentUser).set(me);
      const fixture = TestBed.createComponent(Shell);
      await fixture.whenStable();
      const el = fixture.nativeElement as HTMLElement;
      for (const id of ids) expect(el.querySelector(`[data-testid="${id}"]`)).not.toBeNull();
      TestBed.inject(HttpTestingController).match(() => true);
    }
  });
});

describe('Findings menu entries and access', () => {
  it('gives the entries the feature, and marks the home cards ready', () => {
    const entries = (me: Me) =>
      sectionsFor(me.roles, me.organization.kind).flatMap((s) =>
        s.items.filter((i) => ['findings', 'rectification', 'disputes'].includes(i.id)).map((i) => `${s.id}:${i.id}:${i.loadChildren ? 'built' : 'soon'}`),
      );
    expect(entries(fakeClerk())).toEqual(['institution:findings:built', 'institution:rectification:built', 'institution:disputes:built']);
    expect(entries(fakeAgencyUser())).toEqual(['local:findings:built', 'local:disputes:built']);
    expect(entries(fakeProvinceUser())).toEqual(['province:findings:built', 'province:disputes:built']);
    for (const section of NAV_SECTIONS) {
      for (const item of section.items.filter((i) => ['findings', 'rectification', 'disputes'].includes(i.id))) expect(item.loadChildren).toBeDefined();
    }
    expect(cardsFor(['institution_clerk']).every((c) => c.ready)).toBe(true);
    expect(cardsFor(['county_staff']).find((c) => c.path === '/local/findings')!.ready).toBe(true);
    expect(cardsFor(['province_official']).find((c) => c.path === '/province/disputes')!.ready).toBe(true);
  });

  it('tells agencies from bureaus', () => {
    expect(isAgencyUser(fakeAgencyUser(), 'local')).toBe(true);
    expect(isAgencyUser(fakeCountyBureauUser(), 'local')).toBe(false);
    expect(isBureauUser(fakeCountyBureauUser(), 'local')).toBe(true);
    expect(isBureauUser(fakeCityBureauUser(), 'local')).toBe(true);
    expect(isBureauUser(fakeProvinceUser(), 'province')).toBe(true);
    expect(isBureauUser(fakeProvinceUser(['national_overseer']), 'province')).toBe(false);
    expect(findingPagesFor(fakeClerk(), 'local')).toEqual([]);
    expect(findingPagesFor(fakeProvinceUser(['national_overseer']), 'province')).toEqual(['list', 'decisions']);
  });

  it('decides who acts on decisions and disputes', () => {
    const pending = fakeDecision({ status: 'pending_legal_review' });
    expect(canReviewLegality(fakeAgencyUser(), 'local', pending)).toBe(false);
    expect(canReviewLegality({ ...fakeAgencyUser(), userId: 'u-2', username: 'lisi', displayName: '李四' }, 'local', pending)).toBe(true);
    expect(canReviewLegality({ ...fakeAgencyUser(), userId: 'u-2', username: 'lisi', displayName: '李四', organization: { id: 'agency-320104', name: '秦淮', kind: 'agency' } }, 'local', pending)).toBe(false);
    expect(canFileDispute(fakeClerk(), 'institution', fakeDecision())).toBe(true);
    expect(canFileDispute(fakeClerk(), 'institution', fakeDecision({ status: 'closed' }))).toBe(false);
    expect(canFileDispute(fakeClerk(), 'institution', fakeDecision({ dispute: { id: 'ds1', level: 'county', status: 'final' } }))).toBe(false);
    expect(canFileDispute(fakeClerk(), 'institution', fakeDecision({ dispute: { id: 'ds1', level: 'county', status: 'withdrawn' } }))).toBe(true);
    expect(canDecideDispute(fakeCountyBureauUser(), 'local', fakeDispute())).toBe(true);
    expect(canDecideDispute(fakeCityBureauUser(), 'local', fakeDispute())).toBe(false);
    expect(canDecideDispute(fakeCountyBureauUser(), 'local', fakeDispute({ status: 'withdrawn' }))).toBe(false);
  });
});
