import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { provideTestApp } from '../testing/fakes';
import { CityMonthlyReport, compileStateOf } from './city-monthly-report';
import type { MonthlyReportSection } from './monthly-report-access';
import {
  APRIL_DUE,
  MR_AFTER_DUE,
  MR_NOW,
  cityAgencyStaff,
  cityBureauStaff,
  cityLeader,
  fakeCityReport,
  fakeCounty,
  fakeSummary,
} from './monthly-report-fakes';
import type { MonthlyReportDetail, MonthlyReportSummary } from './monthly-reports-api';
import { CLOCK } from '../core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const submitted = (code: string, name: string, late = false) =>
  fakeCounty(code, name, { status: 'submitted', late, submittedAt: '2027-05-08T02:00:00Z', signedAt: '2027-05-09T02:00:00Z' });

describe('compileStateOf', () => {
  const draft = { status: 'draft' as const, dueAt: APRIL_DUE };
  const done = { status: 'submitted' as const, dueAt: APRIL_DUE };

  it('waits for every county until the due instant, then allows it', () => {
    expect(compileStateOf([done, draft, draft], MR_NOW)).toEqual({
      ready: false,
      reason: 'monthlyReport.city.notReady',
      params: { count: 2, date: '2027-05-10' },
    });
    expect(compileStateOf([done, done], MR_NOW)).toEqual({ ready: true, reason: null, params: {} });
    expect(compileStateOf([done, draft], new Date(APRIL_DUE))).toEqual({ ready: true, reason: null, params: {} });
    expect(compileStateOf([], MR_AFTER_DUE)).toEqual({ ready: false, reason: 'monthlyReport.city.noReports', params: {} });
  });
});

describe('City monthly report page', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  /** The city page of April 2027 with `items` listed; `city` answers the city report's GET when listed. */
  async function open(
    items: MonthlyReportSummary[],
    me: Me = cityAgencyStaff(),
    now = MR_NOW,
    section: MonthlyReportSection = 'local',
    city?: MonthlyReportDetail,
  ) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp({ routes: [{ path: `${section}/monthly-reports/city/:cityCode`, component: CityMonthlyReport, data: { section } }] }),
        { provide: CLOCK, useValue: () => now },
      ],
    });
    TestBed.inject(CurrentUser).set(me);
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/${section}/monthly-reports/city/3201?month=2027-04`);
    const tick = async () => {
      for (let i = 0; i < 3; i++) await settle();
    };
    const stable = async () => {
      await tick();
      await harness.fixture.whenStable();
    };
    await tick();
    http.expectOne('/api/monthly-reports?month=2027-04&pageSize=500').flush({ month: '2027-04', items });
    if (city) {
      await tick();
      http.expectOne(`/api/monthly-reports/${city.id}`).flush(city);
    }
    await stable();
    const el = harness.routeNativeElement as HTMLElement;
    const q = <T extends HTMLElement = HTMLElement>(testId: string) => el.querySelector<T>(`[data-testid="${testId}"]`);
    const all = (testId: string) => [...el.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
    const text = (testId: string) => q(testId)?.textContent?.replace(/\s+/g, ' ').trim();
    const click = async (testId: string) => {
      q(testId)!.click();
      await stable();
    };
    return { el, q, all, text, click, stable, tick };
  }

  it('shows the city agency each county’s standing and keeps compile disabled, with the reason, until all are in', async () => {
    const { q, all, text } = await open([
      submitted('320102', '玄武区'),
      fakeCounty('320104', '秦淮区', { status: 'awaiting_signoff' }),
      fakeCounty('320105', '建邺区'),
      // Another city's report is not on Nanjing's board.
      fakeCounty('320508', '姑苏区', { cityCode: '3205', cityName: '苏州市' }),
    ]);
    expect(text('city-report-heading')).toBe('南京市 2027年4月 月报表汇总');
    const rows = all('city-board-row');
    expect(rows.map((r) => r.getAttribute('data-region'))).toEqual(['320102', '320104', '320105']);
    expect(rows.map((r) => r.querySelector('[data-testid="report-standing"]')!.textContent!.trim())).toEqual(['按时上报', '未到期', '未到期']);
    expect(rows[0].querySelector('a')!.getAttribute('href')).toBe('/local/monthly-reports/report/mr-320102');
    expect(text('city-count-total')).toBe('3');
    expect(text('city-count-pending')).toBe('2');
    expect(q<HTMLButtonElement>('city-compile')!.disabled).toBe(true);
    expect(text('city-compile-reason')).toContain('尚有 2 个区县未上报');
    expect(text('city-compile-reason')).toContain('2027-05-10 24时');
    expect(text('city-not-compiled')).toBe('本月尚未汇总。');
    q<HTMLButtonElement>('city-compile')!.click();
    http.expectNone('/api/monthly-reports/cities/3201/2027-04/compile');
  });

  it('compiles once every county is in and renders the ranking with rank numbers', async () => {
    const { q, all, text, click, tick, stable } = await open([submitted('320102', '玄武区'), submitted('320104', '秦淮区', true)]);
    expect(q<HTMLButtonElement>('city-compile')!.disabled).toBe(false);
    expect(text('city-compile')).toBe('汇总');
    await click('city-compile');
    const post = http.expectOne('/api/monthly-reports/cities/3201/2027-04/compile');
    expect(post.request.method).toBe('POST');
    post.flush(fakeCityReport());
    await tick();
    // The list is reloaded (the city report is on it now) and the city report read once.
    http.expectOne('/api/monthly-reports?month=2027-04&pageSize=500').flush({
      month: '2027-04',
      items: [submitted('320102', '玄武区'), submitted('320104', '秦淮区', true), fakeSummary({ id: 'mr-3201', level: 'city', regionCode: '3201', regionName: '南京市', status: 'compiled' })],
    });
    await tick();
    http.match('/api/monthly-reports/mr-3201').forEach((r) => r.flush(fakeCityReport()));
    await stable();

    const ranking = all('city-ranking-row');
    expect(ranking.map((r) => r.querySelector('[data-testid="city-ranking-rank"]')!.textContent!.trim())).toEqual(['1', '2', '3']);
    expect(ranking.map((r) => r.querySelector('[data-testid="city-ranking-name"]')!.textContent!.trim())).toEqual(['玄武区', '秦淮区', '建邺区']);
    expect(ranking.map((r) => r.querySelector('[data-testid="report-standing"]')!.textContent!.trim())).toEqual(['按时上报', '逾期上报', '未报']);
    expect(ranking[0].textContent).toContain('30,100.00');
    expect(ranking[0].querySelector('a')!.getAttribute('href')).toBe('/local/monthly-reports/report/mr-320102');
    // A county that did not report: no figures of its own.
    expect(ranking[2].textContent).toContain('—');
    expect(text('city-compiled-summary')).toContain('按时上报 1 个，逾期上报 1 个，未报 1 个');
    expect(text('city-compiled-missing')).toBe('未报：建邺区');
    expect(text('city-compiled-at')).toBe('汇总时间 2027-05-11 10:00 · 刘静');
    expect(text('city-status')).toContain('已汇总待备案');
    expect(text('city-not-filed')).toBe('待市医保局备案');
    // filing is the city bureau's step, not the agency's
    expect(q('city-file-bar')).toBeNull();
    expect(text('city-bulletin')).toContain('关于2027年4月医保基金监管月报表报送情况的通报');
    // The totals are the city report's own figures.
    expect(q('city-totals')!.querySelector('[data-testid="figure-inspections"]')!.textContent!.replace(/\s+/g, '')).toBe('检查家次20');
    expect(q('monthly-report-export-xlsx')).not.toBeNull();
    expect(q('monthly-report-export-pdf')).not.toBeNull();
    expect(text('city-compile')).toBe('重新汇总');
  });

  it('allows compiling after the due instant with counties missing, and shows the API’s refusal', async () => {
    const { q, text, click, stable } = await open([submitted('320102', '玄武区'), fakeCounty('320105', '建邺区', { overdue: true })], cityAgencyStaff(), MR_AFTER_DUE);
    expect(text('city-count-missing')).toBe('1');
    expect(q<HTMLButtonElement>('city-compile')!.disabled).toBe(false);
    await click('city-compile');
    http.expectOne('/api/monthly-reports/cities/3201/2027-04/compile').flush(
      { error: { code: 'monthly_report_not_ready', message: { zh: '尚未到汇总时间', en: 'Not yet' } } },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(text('city-compile-refusal')).toBe('尚未到汇总时间');
  });

  const cityRow = (status: MonthlyReportSummary['status']) =>
    fakeSummary({ id: 'mr-3201', level: 'city', regionCode: '3201', regionName: '南京市', ownerOrgId: 'bureau-3201', status });

  it('the city bureau cannot compile: before the agency has, it is told it waits for the compilation', async () => {
    const { q, text } = await open([submitted('320102', '玄武区'), submitted('320104', '秦淮区')], cityBureauStaff());
    expect(q('city-compile-bar')).toBeNull();
    expect(q('city-compile')).toBeNull();
    expect(q('city-file-bar')).toBeNull();
    expect(text('city-awaiting-compile')).toContain('市医保经办机构（基金稽核科）尚未汇总');
  });

  it('the city bureau files the compilation, which issues the bulletin', async () => {
    const { q, text, click, tick, stable } = await open([submitted('320102', '玄武区'), cityRow('compiled')], cityBureauStaff(), MR_NOW, 'local', fakeCityReport());
    expect(q('city-compile')).toBeNull();
    expect(text('city-file')).toBe('备案并下发通报');
    await click('city-file');
    const post = http.expectOne('/api/monthly-reports/mr-3201/file');
    expect(post.request.method).toBe('POST');
    post.flush(
      fakeCityReport({
        status: 'filed',
        filedAt: '2027-05-12T07:00:00Z',
        filedBy: '冯涛',
        actions: [],
        compiled: { ...fakeCityReport().compiled!, filedAt: '2027-05-12T07:00:00Z', filedBy: '冯涛' },
      }),
    );
    await tick();
    http.expectOne('/api/monthly-reports?month=2027-04&pageSize=500').flush({ month: '2027-04', items: [submitted('320102', '玄武区'), cityRow('filed')] });
    await stable();
    expect(text('city-status')).toContain('已备案');
    expect(text('city-filed-at')).toBe('备案时间 2027-05-12 15:00 · 冯涛');
    expect(q('city-file-bar')).toBeNull();
    expect(q('city-return-form')).toBeNull();
  });

  it('the city bureau returns the compilation to the agency only with a comment, and shows a refusal', async () => {
    const { q, text, click, stable } = await open([submitted('320102', '玄武区'), cityRow('compiled')], cityBureauStaff(), MR_NOW, 'local', fakeCityReport());
    await click('city-return');
    expect(text('city-return-missing')).toBe('请填写退回意见');
    http.expectNone('/api/monthly-reports/mr-3201/return');
    const area = q<HTMLTextAreaElement>('city-return-comment')!;
    area.value = '  请核对立案数合计  ';
    area.dispatchEvent(new Event('input'));
    await stable();
    expect(q('city-return-missing')).toBeNull();
    await click('city-return');
    const post = http.expectOne('/api/monthly-reports/mr-3201/return');
    expect(post.request.body).toEqual({ comment: '请核对立案数合计' });
    post.flush(
      { error: { code: 'monthly_report_status', message: { zh: '月报表当前状态（已备案）不能退回', en: 'the monthly report is filed: cannot return it' } } },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(text('city-compile-refusal')).toBe('月报表当前状态（已备案）不能退回');
  });

  it('the city agency sees the bureau’s return with its comment and compiles again; once filed it cannot', async () => {
    const returned = fakeCityReport({ status: 'returned', returnedComment: '请核对立案数合计', actions: ['compile'] });
    const agency = await open([submitted('320102', '玄武区'), submitted('320104', '秦淮区'), cityRow('returned')], cityAgencyStaff(), MR_NOW, 'local', returned);
    expect(agency.text('city-returned')).toContain('市医保局已退回本月汇总');
    expect(agency.text('city-returned')).toContain('请核对立案数合计');
    expect(agency.text('city-compile')).toBe('重新汇总');
    expect(agency.q<HTMLButtonElement>('city-compile')!.disabled).toBe(false);
    expect(agency.text('city-status')).toContain('汇总被退回');
    http.verify();
    TestBed.resetTestingModule();

    const filed = fakeCityReport({ status: 'filed', filedAt: '2027-05-12T07:00:00Z', filedBy: '冯涛', actions: [] });
    const after = await open([submitted('320102', '玄武区'), cityRow('filed')], cityAgencyStaff(), MR_NOW, 'local', filed);
    expect(after.q('city-compile')).toBeNull();
    expect(after.text('city-compile-closed')).toContain('不能重新汇总');
    expect(after.q('city-ranking')).not.toBeNull();
  });

  it('shows a compiled month read-only to the city’s leader, without the compile button', async () => {
    const { q, all } = await open(
      [submitted('320102', '玄武区'), fakeSummary({ id: 'mr-3201', level: 'city', regionCode: '3201', regionName: '南京市', status: 'compiled' })],
      cityLeader(),
      MR_NOW,
      'leader',
      fakeCityReport(),
    );
    expect(q('city-compile-bar')).toBeNull();
    expect(q('city-file-bar')).toBeNull();
    expect(all('city-ranking-row')).toHaveLength(3);
  });
});
