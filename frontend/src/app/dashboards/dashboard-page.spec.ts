import { jest } from '@jest/globals';
import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NgModel } from '@angular/forms';
import { By } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { CurrentUser } from '../core/current-user';
import { TranslationService } from '../i18n/translation';
import { fakeMe, provideTestApp } from '../testing/fakes';
import { fakeCityDashboard, fakeCountyDashboard, fakeDashboard } from './dashboard-fakes';
import { COMPACT_SCREEN, DashboardPage } from './dashboard-page';
import { recoveryRate } from './dashboard-kpis';
import { GAUGE_HEIGHT_PX, GAUGE_MIN_WIDTH_PX, gaugeView } from './dashboard-charts';
import { CLOCK } from '../core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

@Component({ selector: 'app-items-stub', template: 'items' })
class ItemsStub {}

/** 15 August 2026, noon in China. */
const NOW = new Date('2026-08-15T04:00:00Z');

async function open(url: string) {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      ...provideTestApp({
        routes: [
          { path: 'leader/dashboards', pathMatch: 'full', component: DashboardPage, data: { section: 'leader' } },
          { path: 'leader/dashboards/items', component: ItemsStub },
        ],
      }),
      // In-memory history, so the back button can be pressed.
      provideLocationMocks(),
      { provide: CLOCK, useValue: () => NOW },
    ],
  });
  TestBed.inject(CurrentUser).set(fakeMe(['leader']));
  const http = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  const tick = async () => {
    for (let i = 0; i < 3; i++) await settle();
  };
  await tick();
  // Rendering only: an unanswered request is a pending task, so whenStable waits for the flushes.
  const stable = async () => {
    await tick();
    harness.fixture.detectChanges();
    await tick();
  };
  const el = () => harness.routeNativeElement as HTMLElement;
  const q = <T extends HTMLElement = HTMLElement>(testId: string) => el().querySelector<T>(`[data-testid="${testId}"]`);
  const text = (testId: string) => q(testId)?.textContent?.replace(/\s+/g, ' ').trim();
  const href = (testId: string) => decodeURIComponent(q(testId)?.getAttribute('href') ?? '');
  const click = async (testId: string) => {
    q(testId)!.click();
    await stable();
  };
  const setModel = async (testId: string, value: unknown) => {
    harness.fixture.debugElement.query(By.css(`[data-testid="${testId}"]`)).injector.get(NgModel).viewToModelUpdate(value);
    await stable();
  };
  /** The one dashboard request, by its full URL. */
  const expectDashboard = (url: string): TestRequest => http.expectOne((r) => r.urlWithParams === url);
  return { harness, http, el, q, text, href, click, setModel, stable, expectDashboard, router: TestBed.inject(Router) };
}

describe('Dashboard page', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for the current year by default and shows each KPI with last year and the change', async () => {
    const page = await open('/leader/dashboards');
    page.expectDashboard('/api/dashboards?period=2026').flush(fakeDashboard());
    await page.stable();

    expect(page.text('kpi-findings')).toBe('20');
    expect(page.text('kpi-change-findings')).toContain('↑');
    expect(page.text('kpi-change-findings')).toContain('同比上升 25%');
    // Amounts scaled to 万元 (issue 16), the exact figure in the tooltip, on one line.
    expect(page.text('kpi-finding_amount')).toBe('123.46 万元');
    expect(page.q('kpi-finding_amount')!.getAttribute('title')).toBe('1,234,567.80 元');
    // the link's name starts with the figure it shows (axe: label-content-name-mismatch)
    expect(page.q('kpi-finding_amount')!.getAttribute('aria-label')).toMatch(/^123\.46 万元 查看/);
    expect(page.q('kpi-finding_amount')!.classList).toContain('money');
    expect(page.q('kpi-findings')!.classList).not.toContain('money');
    expect(page.text('kpi-change-finding_amount')).toContain('与去年同期持平');
    expect(page.text('kpi-change-recovered_amount')).toContain('同比下降 20%');
    // Nothing last year: no percentage to show, said as it is.
    expect(page.text('kpi-change-inspections')).toContain('去年同期为 0');
    expect(page.text('kpi-change-inspections')).not.toContain('%');
    expect(page.text('kpi-change-refunded_amount')).toContain('与去年同期持平');
    // A rise of overdue items is bad news.
    expect(page.q('kpi-overdue')!.closest('.kpi')!.classList).toContain('alarm');
    expect(page.q('kpi-findings')!.closest('.kpi')!.classList).not.toContain('alarm');
    // Coverage: 全覆盖 on the year to date (120 of 180 on site), the rules met, and the period's share against last year's.
    expect(page.text('kpi-coverage')).toBe('66.7%');
    expect(page.text('kpi-coverage-rules')).toBe('覆盖规则达标 2 / 7 项');
    // A rule missed for good (a month of pharmacies under 10%) is bad news.
    expect(page.q('kpi-coverage')!.closest('.kpi')!.classList).toContain('alarm');
    expect(page.text('kpi-coverage-last-year')).toBe('本期检查覆盖 8.9%，去年同期 5.0%');
    expect(page.text('dashboard-compare')).toBe('同比：去年同期（2025年）');
    expect(page.text('dashboard-breadcrumb')).toContain('江苏省');
    expect(page.q('dashboard-period-kind')).not.toBeNull();
  });

  it('shows 实际追回 beside 认定追回, with the rate between them (issue 16)', async () => {
    const page = await open('/leader/dashboards');
    const d = fakeDashboard();
    page.expectDashboard('/api/dashboards?period=2026').flush({
      ...d, totals: { ...d.totals, actual_recovered_amount: 625000 }, totalsLastYear: { ...d.totalsLastYear, actual_recovered_amount: 0 },
    });
    await page.stable();
    const labels = [...page.el().querySelectorAll('.kpi-label')].map((l) => l.textContent!.trim());
    expect(labels.indexOf('实际追回金额')).toBe(labels.indexOf('认定追回金额') + 1);
    expect(page.text('kpi-recovered_amount')).toBe('100.00 万元');
    expect(page.text('kpi-actual_recovered_amount')).toBe('62.50 万元');
    expect(page.q('kpi-actual_recovered_amount')!.getAttribute('title')).toBe('625,000.00 元');
    expect(page.text('kpi-recovery-rate')).toBe('实际追回率 62.5%（实际追回 ÷ 认定追回）');
    expect(page.href('kpi-actual_recovered_amount')).toBe('/leader/dashboards/items?region=32&period=2026&metric=actual_recovered_amount');
    TestBed.inject(TranslationService).use('en');
    await page.stable();
    expect(page.text('kpi-recovery-rate')).toBe('Recovery rate 62.5% (actually recovered ÷ confirmed)');
  });

  it('links every number to the list behind it, with region, period and metric', async () => {
    const page = await open('/leader/dashboards?period=2026');
    page.expectDashboard('/api/dashboards?period=2026').flush(fakeDashboard());
    await page.stable();

    for (const metric of ['findings', 'finding_amount', 'recovered_amount', 'refused_amount', 'refunded_amount', 'decisions', 'disputes_open', 'overdue', 'inspections']) {
      expect(page.href(`kpi-${metric}`)).toBe(`/leader/dashboards/items?region=32&period=2026&metric=${metric}`);
    }
    expect(page.href('kpi-coverage')).toBe('/leader/dashboards/items?region=32&period=2026&metric=inspections_on_site&ytd=true');
    // A city's numbers open the city's list.
    expect(page.href('child-metric-3205-findings')).toBe('/leader/dashboards/items?region=3205&period=2026&metric=findings');
    expect(page.text('child-metric-3205-finding_amount')).toBe('120.01 万元');
    expect(page.href('child-metric-3201-overdue')).toBe('/leader/dashboards/items?region=3201&period=2026&metric=overdue');
    // The section numbers too.
    expect(page.href('metric-plans_overdue')).toBe('/leader/dashboards/items?region=32&period=2026&metric=plans_overdue');
    expect(page.href('metric-measure_talk')).toBe('/leader/dashboards/items?region=32&period=2026&metric=measure_talk');
    expect(page.text('metric-disputes_open_city')).toBe('2');
    // Overdue by unit: the units with something overdue, most first.
    const overdue = [...page.el().querySelectorAll('[data-testid="dashboard-overdue"] tbody tr')].map((r) => r.getAttribute('data-code'));
    expect(overdue).toEqual(['3205', '3201']);
    expect(page.href('overdue-3205')).toBe('/leader/dashboards/items?region=3205&period=2026&metric=overdue');

    await page.click('kpi-findings');
    expect(page.router.url).toBe('/leader/dashboards/items?region=32&period=2026&metric=findings');
  });

  it('drills down city by city with the region in the URL, and walks back up by breadcrumb and back button', async () => {
    const page = await open('/leader/dashboards?period=2026-Q2');
    page.expectDashboard('/api/dashboards?period=2026-Q2').flush(fakeDashboard());
    await page.stable();
    // As the app does at startup: the router follows the browser's back and forward buttons.
    page.router.initialNavigation();
    await page.stable();

    await page.click('dashboard-child-3201');
    expect(page.router.url).toBe('/leader/dashboards?period=2026-Q2&region=3201');
    page.expectDashboard('/api/dashboards?region=3201&period=2026-Q2').flush(fakeCityDashboard());
    await page.stable();
    expect(page.text('dashboard-breadcrumb')).toContain('江苏省');
    expect(page.text('dashboard-breadcrumb')).toContain('南京市');
    expect(page.q('dashboard-crumb-3201')!.tagName).toBe('SPAN');

    await page.click('dashboard-child-320102');
    expect(page.router.url).toBe('/leader/dashboards?period=2026-Q2&region=320102');
    page.expectDashboard('/api/dashboards?region=320102&period=2026-Q2').flush(fakeCountyDashboard());
    await page.stable();
    // Institutions are not drillable: the name opens the institution's findings.
    expect(page.href('dashboard-child-h-1')).toBe('/leader/dashboards/items?region=320102&period=2026&metric=findings&institution=h-1');
    expect(page.href('child-metric-h-1-recovered_amount')).toBe('/leader/dashboards/items?region=320102&period=2026&metric=recovered_amount&institution=h-1');

    // Up by the breadcrumb.
    await page.click('dashboard-crumb-32');
    expect(page.router.url).toBe('/leader/dashboards?period=2026-Q2&region=32');
    page.expectDashboard('/api/dashboards?region=32&period=2026-Q2').flush(fakeDashboard());
    await page.stable();

    // And back through the history.
    TestBed.inject(Location).back();
    await page.stable();
    expect(page.router.url).toBe('/leader/dashboards?period=2026-Q2&region=320102');
    page.expectDashboard('/api/dashboards?region=320102&period=2026-Q2').flush(fakeCountyDashboard());
  });

  it('changes the period in the URL: kind, quarter and year, keeping the region', async () => {
    const page = await open('/leader/dashboards?region=3201');
    page.expectDashboard('/api/dashboards?region=3201&period=2026').flush(fakeCityDashboard());
    await page.stable();

    await page.setModel('dashboard-period-kind', 'quarter');
    expect(page.router.url).toBe('/leader/dashboards?region=3201&period=2026-Q3');
    page.expectDashboard('/api/dashboards?region=3201&period=2026-Q3').flush(
      fakeDashboard({
        period: { kind: 'quarter', key: '2026-Q3', from: '2026-07-01', to: '2026-09-30' },
        compare: { kind: 'quarter', key: '2025-Q3', from: '2025-07-01', to: '2025-09-30' },
      }),
    );
    await page.stable();
    expect(page.text('dashboard-compare')).toBe('同比：去年同期（2025年第3季度）');
    expect(page.text('dashboard-period')).toContain('2026-07-01 至 2026-09-30');

    await page.setModel('dashboard-period-quarter', 1);
    expect(page.router.url).toBe('/leader/dashboards?region=3201&period=2026-Q1');
    page.expectDashboard('/api/dashboards?region=3201&period=2026-Q1').flush(fakeCityDashboard());
    await page.stable();

    await page.setModel('dashboard-period-year', 2025);
    expect(page.router.url).toBe('/leader/dashboards?region=3201&period=2025-Q1');
    page.expectDashboard('/api/dashboards?region=3201&period=2025-Q1').flush(fakeCityDashboard());
    await page.stable();

    await page.setModel('dashboard-period-kind', 'month');
    expect(page.router.url).toBe('/leader/dashboards?region=3201&period=2025-01');
    page.expectDashboard('/api/dashboards?region=3201&period=2025-01').flush(fakeCityDashboard());
    await page.stable();
    expect(page.q('dashboard-period-month')).not.toBeNull();
    expect(page.q('dashboard-period-quarter')).toBeNull();
  });

  it('shows the backend’s bilingual message for a region outside the user’s subtree (404)', async () => {
    const page = await open('/leader/dashboards?region=3205&period=2026');
    page.expectDashboard('/api/dashboards?region=3205&period=2026').flush(
      { error: { code: 'region_not_found', message: { zh: '区划不存在或不在您的辖区内', en: 'The region does not exist or is outside your area' } } },
      { status: 404, statusText: 'Not Found' },
    );
    await page.stable();
    expect(page.text('dashboard-error')).toContain('区划不存在或不在您的辖区内');
    expect(page.q('dashboard-kpis')).toBeNull();
    TestBed.inject(TranslationService).use('en');
    await page.stable();
    expect(page.text('dashboard-error')).toContain('The region does not exist or is outside your area');

    // The way out: the user's own region, same period.
    await page.click('dashboard-error-home');
    expect(page.router.url).toBe('/leader/dashboards?period=2026');
    page.expectDashboard('/api/dashboards?period=2026').flush(fakeDashboard());
    await page.stable();
    expect(page.q('dashboard-error')).toBeNull();
    expect(page.text('kpi-findings')).toBe('20');
  });

  it('passes a malformed period to the backend and shows its 400 with the field message', async () => {
    const page = await open('/leader/dashboards?period=2026-7');
    page.expectDashboard('/api/dashboards?period=2026-7').flush(
      { error: { code: 'invalid_period', field: 'period', message: { zh: '统计期间格式不正确', en: 'The period is not valid' } } },
      { status: 400, statusText: 'Bad Request' },
    );
    await page.stable();
    expect(page.text('dashboard-error')).toContain('统计期间格式不正确');
    // The pickers still work (they show the current year) and lead to a valid period.
    await page.setModel('dashboard-period-kind', 'month');
    expect(page.router.url).toBe('/leader/dashboards?period=2026-08');
    page.expectDashboard('/api/dashboards?period=2026-08').flush(fakeDashboard());
  });

  it('shows a coverage the rule judged missed (its period over) as 未达标 in red', async () => {
    const page = await open('/leader/dashboards?period=2025');
    const d = fakeDashboard();
    const rules = d.coverage.rules.map((r) => (r.rule === 'full_coverage' ? { ...r, state: 'not_met' as const } : r));
    page.expectDashboard('/api/dashboards?period=2025').flush({ ...d, coverage: { ...d.coverage, rules } });
    await page.stable();
    expect(page.q('chart-coverage-gauge-pending')).toBeNull();
    expect(page.q('chart-coverage-gauge')!.querySelector('nz-tag')!.textContent!.trim()).toBe('未达标');
    expect(page.q('chart-coverage-gauge')!.querySelector('nz-tag')!.className).toContain('ant-tag-error');
    // the gauge is one named image, its drawn bars hidden from assistive technology (axe: svg-img-alt)
    expect(page.q('chart-coverage-gauge')!.querySelector('[role="img"]')!.getAttribute('aria-label')).toBeTruthy();
    expect(page.q('chart-coverage-gauge')!.querySelector('ngx-charts-linear-gauge')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('draws the charts from the dashboard, sized by their container', async () => {
    const page = await open('/leader/dashboards?period=2026');
    page.expectDashboard('/api/dashboards?period=2026').flush(fakeDashboard());
    await page.stable();
    for (const chart of ['chart-by-child', 'chart-treemap', 'chart-finding-status', 'chart-measures', 'chart-trend', 'chart-disputes', 'chart-campaigns']) {
      const el = page.q(chart);
      expect({ chart, svg: el?.querySelector('svg') !== null && el !== null }).toEqual({ chart, svg: true });
      expect(el!.style.width).toBe('');
    }
    // Gauges against their own rule: 全覆盖 120 of 180 against 100% (no single 10% line any more), plans 8/10 filed.
    expect(page.q('chart-coverage-gauge')!.getAttribute('data-met')).toBe('false');
    expect(page.text('chart-coverage-gauge-value')).toBe('66.7%');
    expect(page.text('chart-coverage-gauge')).toContain('2026-01-01 至 2026-12-31');
    // The year is not over (the rule says in_progress): below the target is neutral, not red 未达标 (issue 16).
    expect(page.text('chart-coverage-gauge-pending')).toBe('进行中');
    expect(page.text('chart-coverage-gauge')).not.toContain('未达标');
    expect(page.text('chart-filing-gauge-value')).toBe('80.0%');
    expect(page.q('chart-pharmacy-gauge')).toBeNull();
    // Each rule its own row, the province's sample per city below them.
    expect([...page.el().querySelectorAll('[data-testid="coverage-rules"] > li')].map((li) => li.getAttribute('data-state'))).toEqual([
      'in_progress', 'not_met', 'in_progress', 'in_progress', 'in_progress', 'met', 'met',
    ]);
    expect(page.href('rule-done-pharmacy_monthly')).toBe('/leader/dashboards/items?region=32&period=2026&metric=inspections&institutionKind=pharmacy');
    expect(page.text('sample-state-3205')).toBe('进行中');
    expect(page.text('campaign-phase-c1')).toBe('自查自纠');

    // The bar chart follows the chosen metric.
    await page.setModel('dashboard-chart-metric', 'finding_amount');
    const labels = [...page.q('chart-by-child')!.querySelectorAll('path.bar')].map((p) => p.getAttribute('aria-label'));
    expect(labels).toEqual(['南京市 34,500.5', '苏州市 1,200,067.3']);

    // A bar is a way down too.
    page.q('chart-by-child')!.querySelectorAll('path.bar')[1]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await page.stable();
    expect(page.router.url).toBe('/leader/dashboards?period=2026&region=3205');
    page.expectDashboard('/api/dashboards?region=3205&period=2026').flush(fakeCityDashboard());
    await page.stable();

    // A bar of the disputes chart opens the list behind it.
    const disputes = [...page.q('chart-disputes')!.querySelectorAll<SVGPathElement>('path.bar')];
    expect(disputes.map((p) => p.getAttribute('aria-label'))).toEqual(['区县级处理中 1', '市级处理中 2', '省级处理中 0', '维持原决定 0', '变更原决定 0', '撤回 0']);
    disputes[1]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await page.stable();
    expect(page.router.url).toBe('/leader/dashboards/items?region=3201&period=2026&metric=disputes_open_city');
  });

  it('reads on a tablet: amounts scaled and on one line, names unbroken, the table scrolls, gauges sized (issue 16)', async () => {
    const page = await open('/leader/dashboards?period=2026');
    page.expectDashboard('/api/dashboards?period=2026').flush(fakeDashboard());
    await page.stable();

    // Every amount on the board is a no-wrap money element with its unit; counts are not.
    for (const metric of ['finding_amount', 'recovered_amount', 'refused_amount', 'refunded_amount']) {
      expect(page.q(`kpi-${metric}`)!.classList).toContain('money');
      expect(page.text(`kpi-${metric}`)).toMatch(/ (元|万元|亿元)$/);
    }
    expect(page.q('child-metric-3205-finding_amount')!.closest('td')!.classList).toContain('money');
    expect(page.q('child-metric-3205-finding_amount')!.closest('td')!.getAttribute('title')).toBe('1,200,067.30 元');
    expect(page.q('child-metric-3205-findings')!.closest('td')!.classList).not.toContain('money');
    expect(page.q('metric-finding_amount')!.classList).toContain('money');
    expect(page.text('metric-finding_amount')).toBe('123.46 万元');

    // The units table: the name column stays (fixed left, never one character a line), the rest scrolls sideways.
    const table = page.q('dashboard-children')!;
    expect(table.querySelector('.ant-table-scroll-horizontal, .ant-table-has-fix-left, .ant-table-ping-right, .ant-table-content')).not.toBeNull();
    const names = [...table.querySelectorAll('tbody tr[data-code] td:first-child')];
    expect(names.length).toBeGreaterThan(0);
    for (const cell of names) expect(cell.classList).toContain('name-col');

    // Gauges get explicit dimensions, never below a readable minimum (they drew flat lines on a tablet).
    const gauge = page.q('chart-filing-gauge')!.querySelector('.chart')!;
    const [width, height] = gauge.getAttribute('data-view')!.split('x').map(Number);
    expect(width).toBeGreaterThanOrEqual(GAUGE_MIN_WIDTH_PX);
    expect(height).toBe(GAUGE_HEIGHT_PX);

    // In English the Western scale.
    TestBed.inject(TranslationService).use('en');
    await page.stable();
    expect(page.text('kpi-finding_amount')).toBe('1.23m yuan');
    TestBed.inject(TranslationService).use('zh-CN');
  });

  it.each([
    [true, false],
    [false, true],
  ])('collapses the secondary panels on a tablet (tablet: %s → open: %s), open on a wide screen', async (tablet, opened) => {
    TestBed.overrideProvider(COMPACT_SCREEN, { useValue: tablet });
    const page = await open('/leader/dashboards?period=2026');
    page.expectDashboard('/api/dashboards?period=2026').flush(fakeDashboard());
    await page.stable();
    expect(page.q<HTMLDetailsElement>('dashboard-rules-more')!.open).toBe(opened);
    expect(page.q<HTMLDetailsElement>('dashboard-campaigns-more')!.open).toBe(opened);
    // Collapsed, not gone: the rules are there to open.
    expect(page.q('coverage-rules')).not.toBeNull();
  });

  it('downloads the workbook of the region and period shown', async () => {
    const page = await open('/leader/dashboards?region=3201&period=2026');
    page.expectDashboard('/api/dashboards?region=3201&period=2026').flush(fakeCityDashboard());
    await page.stable();
    const createObjectURL = jest.fn(() => 'blob:dashboard');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const saved: string[] = [];
    const anchorClick = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });

    await page.click('dashboard-export');
    const req = page.http.expectOne('/api/dashboards/export.xlsx?region=3201&period=2026');
    expect(req.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    req.flush(new Blob(['xlsx']));
    await page.stable();
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(saved).toEqual(['南京市驾驶舱-2026.xlsx']);
    anchorClick.mockRestore();
  });
});

describe('gaugeView', () => {
  it('takes the container width, never below the minimum, with a fixed height', () => {
    expect(gaugeView(0)).toEqual([GAUGE_MIN_WIDTH_PX, GAUGE_HEIGHT_PX]);
    expect(gaugeView(120.7)).toEqual([GAUGE_MIN_WIDTH_PX, GAUGE_HEIGHT_PX]);
    expect(gaugeView(431.6)).toEqual([431, GAUGE_HEIGHT_PX]);
  });
});

describe('recoveryRate', () => {
  it('is 实际追回 ÷ 认定追回, or — when nothing was confirmed', () => {
    expect(recoveryRate(0, 0)).toBe('—');
    expect(recoveryRate(1, 3)).toBe('33.3%');
  });
});
