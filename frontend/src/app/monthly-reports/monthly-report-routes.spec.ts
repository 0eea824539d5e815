import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { routes } from '../app.routes';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { navigateAppAs } from '../testing/app-navigation';
import { cardsFor } from '../home/role-cards';
import { type NavItem, canSeeItem, sectionsFor } from '../shell/navigation';
import { Shell } from '../shell/shell';
import { fakeCityReviewer, fakeDrafter, fakeMe, fakeProvinceUser, provideTestApp } from '../testing/fakes';
import { canCompileCity, canEditReport, canFileCity, canReturnReport, canSignReport } from './monthly-report-access';
import {
  MR_NOW,
  cityAgencyStaff,
  cityBureauStaff,
  cityLeader,
  countyBureauStaff,
  countyLeader,
  fakeCityReport,
  fakeCounty,
  fakeReport,
  fakeSummary,
  provinceLeader,
} from './monthly-report-fakes';
import { provinceCountsOf } from './province-monthly-reports';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The whole month (the province overview, the city page) and the list's first page. */
const APRIL = '/api/monthly-reports?month=2027-04&pageSize=500';
const APRIL_PAGE = '/api/monthly-reports?month=2027-04&page=1&pageSize=50';
/** The province overview's county table. */
const PROVINCE_COUNTIES = '/api/monthly-reports?month=2027-04&level=county&page=1&pageSize=50';

describe('Monthly report routes', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  const navigateAs = (me: Me, url: string) => navigateAppAs(me, url, MR_NOW, 3);

  it('gives the province the overview of every city and county, with the province workbook', async () => {
    const { url, http, stable, q, el } = await navigateAs(fakeProvinceUser(), '/province/monthly-reports');
    expect(url).toBe('/province/monthly-reports');
    http.expectOne(APRIL).flush({
      month: '2027-04',
      items: [
        fakeCounty('320102', '玄武区', { status: 'submitted' }),
        fakeCounty('320104', '秦淮区', { status: 'awaiting_signoff' }),
        fakeSummary({ id: 'mr-3201', level: 'city', regionCode: '3201', regionName: '南京市', status: 'compiled' }),
        fakeCounty('320508', '姑苏区', { cityCode: '3205', cityName: '苏州市' }),
      ],
    });
    // The county table: the month's county reports, searched and paged by the server.
    http.expectOne(PROVINCE_COUNTIES).flush({
      month: '2027-04',
      dueAt: null,
      items: [
        fakeCounty('320102', '玄武区', { status: 'submitted' }),
        fakeCounty('320104', '秦淮区', { status: 'awaiting_signoff' }),
        fakeCounty('320508', '姑苏区', { cityCode: '3205', cityName: '苏州市' }),
      ],
      total: 3,
    });
    await stable();
    expect(q('coming-soon')).toBeNull();
    expect(q('province-count-counties')!.textContent!.trim()).toBe('3');
    expect(q('province-count-compiled')!.textContent!.trim()).toBe('1 / 2');
    expect(q('province-count-filed')!.textContent!.trim()).toBe('0 / 2');
    expect(q('province-city-compiled')!.textContent).toContain('已汇总待备案');
    expect([...el.querySelectorAll('[data-testid="province-city-row"]')].map((r) => r.getAttribute('data-city'))).toEqual(['3201', '3205']);
    expect(el.querySelectorAll('[data-testid="province-county-row"]')).toHaveLength(3);
    expect(q('province-city-open')!.getAttribute('href')).toBe('/province/monthly-reports/city/3201?month=2027-04');
    expect(q('monthly-report-export-pdf')).toBeNull();
    q('monthly-report-export-xlsx')!.click();
    await settle();
    http.expectOne('/api/monthly-reports/province.xlsx?month=2027-04');

    // Searching the counties keeps the month and the overview; the export takes the same filters.
    const search = q('list-search') as HTMLInputElement;
    search.value = '玄武';
    search.dispatchEvent(new Event('input'));
    q('list-search-button')!.click();
    await settle();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/province/monthly-reports?q=%E7%8E%84%E6%AD%A6');
    http.expectOne('/api/monthly-reports?q=%E7%8E%84%E6%AD%A6&month=2027-04&level=county&page=1&pageSize=50').flush({
      month: '2027-04',
      dueAt: null,
      items: [fakeCounty('320102', '玄武区', { status: 'submitted' })],
      total: 1,
    });
    await stable();
    expect(el.querySelectorAll('[data-testid="province-county-row"]')).toHaveLength(1);
    expect(q('province-count-counties')!.textContent!.trim()).toBe('3');
    q('list-export-xlsx')!.click();
    await settle();
    http.expectOne('/api/monthly-reports/export.xlsx?q=%E7%8E%84%E6%AD%A6&month=2027-04&level=county');
  });

  it.each<[string, Me, string]>([
    ['the national overseer', fakeProvinceUser(['national_overseer']), '/province/monthly-reports'],
    ['a provincial leader', provinceLeader(), '/leader/monthly-reports'],
  ])('gives %s the province overview', async (_, me, url) => {
    const { url: landed, http, stable, q } = await navigateAs(me, url);
    expect(landed).toBe(url);
    http.expectOne(APRIL).flush({ month: '2027-04', items: [] });
    http.expectOne(PROVINCE_COUNTIES).flush({ month: '2027-04', dueAt: null, items: [], total: 0 });
    await stable();
    expect(q('province-counts')).not.toBeNull();
  });

  it('lists a county bureau its own report, with a link to fill it in', async () => {
    const { url, http, stable, q } = await navigateAs(countyBureauStaff(), '/local/monthly-reports');
    expect(url).toBe('/local/monthly-reports');
    http.expectOne(APRIL_PAGE).flush({ month: '2027-04', items: [fakeSummary()], total: 1 });
    await stable();
    expect(q('monthly-report-heading')!.textContent).toContain('2027年4月');
    expect(q('monthly-report-to-fill')).not.toBeNull();
    expect(q('monthly-report-city-board')).toBeNull();
    expect(q('monthly-report-open')!.getAttribute('href')).toBe('/local/monthly-reports/report/mr-320102');
    expect(q('monthly-report-countdown')!.textContent!.trim()).toBe('距截止还有 4 天');
  });

  it('searches the reporting units, filters status and period, sorts and pages on the server, and exports the filtered rows (issue 16)', async () => {
    const { http, stable, q, el } = await navigateAs(
      cityAgencyStaff(),
      '/local/monthly-reports?month=2027-03&q=%E7%8E%84%E6%AD%A6&status=submitted&sort=-submittedAt&page=2',
    );
    const req = http.expectOne((r) => r.url === '/api/monthly-reports');
    expect(req.request.urlWithParams).toBe('/api/monthly-reports?q=%E7%8E%84%E6%AD%A6&sort=-submittedAt&month=2027-03&status=submitted&page=2&pageSize=50');
    req.flush({ month: '2027-03', dueAt: null, items: [fakeSummary({ month: '2027-03', status: 'submitted' })], total: 51 });
    await stable();
    expect((q('list-search') as HTMLInputElement).value).toBe('玄武');
    const submittedHeader = el.querySelector<HTMLElement>('th[nzColumnKey="submittedAt"]')!;
    expect(submittedHeader.getAttribute('aria-sort') ?? submittedHeader.querySelector('.ant-table-column-sorter-down.active')).toBeTruthy();

    q('list-export-xlsx')!.click();
    await settle();
    const xlsx = http.expectOne((r) => r.url === '/api/monthly-reports/export.xlsx');
    expect(xlsx.request.urlWithParams).toBe('/api/monthly-reports/export.xlsx?q=%E7%8E%84%E6%AD%A6&sort=-submittedAt&month=2027-03&status=submitted');
    xlsx.flush(new Blob(['x']));

    // A period replaces the month; the heading says so.
    TestBed.resetTestingModule();
    const period = await navigateAs(cityAgencyStaff(), '/local/monthly-reports?month=2027-03&from=2027-01-01&to=2027-03-31');
    const byPeriod = period.http.expectOne((r) => r.url === '/api/monthly-reports');
    expect(byPeriod.request.params.has('month')).toBe(false);
    expect([byPeriod.request.params.get('from'), byPeriod.request.params.get('to')]).toEqual(['2027-01-01', '2027-03-31']);
    byPeriod.flush({ month: null, dueAt: null, items: [], total: 0 });
    await period.stable();
    expect(period.q('monthly-report-heading')!.textContent).toContain('2027-01-01 – 2027-03-31');
  });

  it('gives the city agency (which compiles) and the city bureau (which files) their board, and the county leader the reports to sign', async () => {
    for (const me of [cityAgencyStaff(), cityBureauStaff()]) {
      TestBed.resetTestingModule();
      const city = await navigateAs(me, '/local/monthly-reports?month=2027-03');
      city.http.expectOne('/api/monthly-reports?month=2027-03&page=1&pageSize=50').flush({ month: '2027-03', items: [fakeSummary({ month: '2027-03' })], total: 1 });
      await city.stable();
      expect(city.q('monthly-report-city-board')!.getAttribute('href')).toBe('/local/monthly-reports/city/3201?month=2027-03');
      expect(city.q('monthly-report-to-fill')).toBeNull();
    }

    TestBed.resetTestingModule();
    const leader = await navigateAs(countyLeader(), '/leader/monthly-reports');
    leader.http.expectOne(APRIL_PAGE).flush({ month: '2027-04', items: [fakeSummary({ status: 'awaiting_signoff' })], total: 1 });
    await leader.stable();
    expect(leader.q('monthly-report-to-sign')!.textContent).toContain('有 1 份月报表待您审签');
    expect(leader.q('monthly-report-open')!.getAttribute('href')).toBe('/leader/monthly-reports/report/mr-320102');
  });

  it('opens a report and a city page from the leader section', async () => {
    const report = await navigateAs(countyLeader(), '/leader/monthly-reports/report/mr-320102');
    expect(report.url).toBe('/leader/monthly-reports/report/mr-320102');
    report.http.expectOne('/api/monthly-reports/mr-320102').flush(fakeReport({ status: 'awaiting_signoff' }));
    await report.stable();
    expect(report.q('monthly-report-sign')).not.toBeNull();

    TestBed.resetTestingModule();
    const city = await navigateAs(cityLeader(), '/leader/monthly-reports/city/3201?month=2027-04');
    city.http.expectOne(APRIL).flush({ month: '2027-04', items: [fakeSummary({ id: 'mr-3201', level: 'city', regionCode: '3201', status: 'compiled' })] });
    for (let i = 0; i < 3; i++) await settle();
    city.http.expectOne('/api/monthly-reports/mr-3201').flush(fakeCityReport());
    await city.stable();
    expect(city.q('city-ranking')).not.toBeNull();
    expect(city.q('city-compile-bar')).toBeNull();
  });

  it.each<[string, Me, string, string]>([
    ['a county bureau', countyBureauStaff(), '/monthly-reports/mr-1', '/local/monthly-reports/report/mr-1'],
    ['a county leader', countyLeader(), '/monthly-reports/mr-1', '/leader/monthly-reports/report/mr-1'],
    ['the province', fakeProvinceUser(), '/monthly-reports/mr-1', '/province/monthly-reports/report/mr-1'],
    ['a city bureau', cityBureauStaff(), '/monthly-reports?month=2027-03', '/local/monthly-reports?month=2027-03'],
    ['a city agency', cityAgencyStaff(), '/monthly-reports?month=2027-03', '/local/monthly-reports?month=2027-03'],
  ])('opens the notification link for %s in its section', async (_, me, link, expected) => {
    const { url } = await navigateAs(me, link);
    expect(url).toBe(expected);
  });

  it.each<[string, string, Me]>([
    ['a county agency', '/local/monthly-reports', fakeDrafter()],
    ['a city agency', '/province/monthly-reports', fakeCityReviewer()],
    ['the national overseer', '/leader/monthly-reports', fakeProvinceUser(['national_overseer'])],
    ['an institution clerk', '/province/monthly-reports', fakeMe(['institution_clerk'], { organization: { id: 'h-1', name: '医院', kind: 'institution' } })],
    ['a county bureau', '/province/monthly-reports', countyBureauStaff()],
  ])('keeps %s out of %s', async (_, url, me) => {
    const { url: landed } = await navigateAs(me, url);
    expect(landed).toBe('/forbidden');
  });
});

describe('Monthly report menu and access', () => {
  const entries = (me: Me) =>
    sectionsFor(me.roles, me.organization.kind).flatMap((s) =>
      s.items.filter((i) => i.id === 'monthly-reports').map((i) => `${s.id}:${i.loadChildren ? 'built' : 'soon'}`),
    );

  it('shows the entry to the bureaus, the city agency (which compiles), the province and leaders, not to the county agencies', () => {
    expect(entries(fakeProvinceUser())).toEqual(['province:built']);
    expect(entries(fakeProvinceUser(['national_overseer']))).toEqual(['province:built']);
    expect(entries(countyBureauStaff())).toEqual(['local:built']);
    expect(entries(cityBureauStaff())).toEqual(['local:built']);
    expect(entries(fakeDrafter())).toEqual([]);
    expect(entries(fakeCityReviewer())).toEqual(['local:built']);
    expect(entries(cityAgencyStaff())).toEqual(['local:built']);
    expect(entries(countyLeader())).toEqual(['leader:built']);
    expect(cardsFor(countyBureauStaff().roles, 'bureau').some((c) => c.path === '/local/monthly-reports' && c.ready)).toBe(true);
    expect(cardsFor(fakeDrafter().roles, 'agency').some((c) => c.path === '/local/monthly-reports')).toBe(false);
  });

  it('keeps bureau-only entries from agencies, and from users whose organization is unknown', () => {
    const item: NavItem = { id: 'x', labelKey: 'feature.monthlyReports', icon: 'bar-chart', bureauOnlyRoles: ['county_staff'] };
    expect(canSeeItem(['county_staff'], item, 'bureau')).toBe(true);
    expect(canSeeItem(['county_staff'], item, 'agency')).toBe(false);
    expect(canSeeItem(['county_staff'], item, null)).toBe(false);
    // Only the listed roles are limited.
    expect(canSeeItem(['city_agency_staff'], item, 'agency')).toBe(true);
    // A user with a second, unlimited role still gets it.
    expect(canSeeItem(['county_staff', 'city_agency_staff'], item, 'agency')).toBe(true);
    // The agency rule is unchanged.
    const agencyItem: NavItem = { ...item, bureauOnlyRoles: undefined, agencyOnlyRoles: ['county_staff'] };
    expect(canSeeItem(['county_staff'], agencyItem, 'agency')).toBe(true);
    expect(canSeeItem(['county_staff'], agencyItem, 'bureau')).toBe(false);
  });

  it('shows the menu entry in the shell to a county bureau and not to its agency', async () => {
    for (const [me, present] of [
      [countyBureauStaff(), true],
      [fakeDrafter(), false],
    ] as const) {
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({ providers: provideTestApp() });
      TestBed.inject(CurrentUser).set(me);
      const fixture = TestBed.createComponent(Shell);
      await fixture.whenStable();
      const entry = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="nav-item-local-monthly-reports"]');
      expect(entry !== null).toBe(present);
      TestBed.inject(HttpTestingController).match(() => true);
    }
  });

  it('offers each action only to its owner', () => {
    const draft = fakeSummary();
    const awaiting = fakeSummary({ status: 'awaiting_signoff' });
    const done = fakeSummary({ status: 'submitted' });
    expect(canEditReport(countyBureauStaff(), draft, 'local')).toBe(true);
    expect(canEditReport(countyBureauStaff(), awaiting, 'local')).toBe(false);
    expect(canEditReport(countyBureauStaff(), fakeCounty('320104', '秦淮区'), 'local')).toBe(false);
    expect(canEditReport(fakeDrafter(), draft, 'local')).toBe(false);
    expect(canEditReport(countyLeader(), draft, 'leader')).toBe(false);
    expect(canSignReport(countyLeader(), awaiting, 'leader')).toBe(true);
    expect(canSignReport(countyLeader(), draft, 'leader')).toBe(false);
    expect(canSignReport(cityLeader(), awaiting, 'leader')).toBe(false);
    expect(canReturnReport(countyLeader(), awaiting, 'leader')).toBe(true);
    // the counties' reports go to the city agency's fund-audit section: it returns them, and compiles
    expect(canReturnReport(cityAgencyStaff(), done, 'local')).toBe(true);
    expect(canReturnReport(cityAgencyStaff(), awaiting, 'local')).toBe(false);
    expect(canReturnReport(cityBureauStaff(), done, 'local')).toBe(false);
    expect(canCompileCity(cityAgencyStaff(), '3201', 'local')).toBe(true);
    expect(canCompileCity(cityAgencyStaff(), '3205', 'local')).toBe(false);
    expect(canCompileCity(cityAgencyStaff(), '3201', 'leader')).toBe(false);
    expect(canCompileCity(cityBureauStaff(), '3201', 'local')).toBe(false);
    // the city bureau files (备案) the compilation
    expect(canFileCity(cityBureauStaff(), '3201', 'local')).toBe(true);
    expect(canFileCity(cityBureauStaff(), '3205', 'local')).toBe(false);
    expect(canFileCity(cityAgencyStaff(), '3201', 'local')).toBe(false);
    expect(canFileCity(cityLeader(), '3201', 'leader')).toBe(false);
  });

  it('counts the province’s month by status and standing', () => {
    const { counts, cities } = provinceCountsOf(
      [
        fakeCounty('320102', '玄武区', { status: 'submitted' }),
        fakeCounty('320104', '秦淮区', { status: 'submitted', late: true }),
        fakeCounty('320105', '建邺区', { status: 'draft', overdue: true }),
        fakeSummary({ id: 'mr-3201', level: 'city', regionCode: '3201', status: 'compiled' }),
      ],
      new Date('2027-05-12T02:00:00Z'),
    );
    expect(counts).toEqual({ counties: 3, draft: 1, awaitingSignoff: 0, submitted: 2, late: 1, missing: 1, cities: 1, compiled: 1, filed: 0 });
    const filed = provinceCountsOf([fakeSummary({ id: 'mr-3201', level: 'city', regionCode: '3201', status: 'filed' })], new Date('2027-05-12T02:00:00Z'));
    expect(filed.counts).toMatchObject({ compiled: 1, filed: 1 });
    expect(cities[0]).toMatchObject({ cityCode: '3201', counties: 3, submitted: 2, late: 1, missing: 1 });
  });
});
