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
import { fakeItem, fakeItemsPage } from './dashboard-fakes';
import type { DashboardItem } from './dashboards-api';
import { DashboardItemsPage } from './dashboard-items';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

@Component({ selector: 'app-dashboard-stub', template: 'dashboard' })
class DashboardStub {}

async function open(url: string) {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: provideTestApp({
      routes: [
        { path: 'leader/dashboards', pathMatch: 'full', component: DashboardStub },
        { path: 'leader/dashboards/items', component: DashboardItemsPage, data: { section: 'leader' } },
      ],
    }),
  });
  TestBed.inject(CurrentUser).set(fakeMe(['leader']));
  const http = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  const stable = async () => {
    for (let i = 0; i < 3; i++) await settle();
    harness.fixture.detectChanges();
    for (let i = 0; i < 3; i++) await settle();
  };
  await stable();
  const el = () => harness.routeNativeElement as HTMLElement;
  const q = <T extends HTMLElement = HTMLElement>(testId: string) => el().querySelector<T>(`[data-testid="${testId}"]`);
  const text = (testId: string) => q(testId)?.textContent?.replace(/\s+/g, ' ').trim();
  const rows = () => [...el().querySelectorAll<HTMLTableRowElement>('[data-testid="dashboard-item-row"]')];
  const cells = (row: HTMLTableRowElement) => [...row.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim());
  const expectItems = (url: string): TestRequest => http.expectOne((r) => r.urlWithParams === url);
  const setModel = async (testId: string, value: unknown) => {
    harness.fixture.debugElement.query(By.css(`[data-testid="${testId}"]`)).injector.get(NgModel).viewToModelUpdate(value);
    await stable();
  };
  return { harness, http, el, q, text, rows, cells, expectItems, setModel, stable, router: TestBed.inject(Router) };
}

describe('Dashboard items (the list behind a number)', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for the region, period, metric and institution of the link and lists the items', async () => {
    const page = await open('/leader/dashboards/items?region=320102&period=2026&metric=findings&institution=h-1');
    page
      .expectItems('/api/dashboards/items?region=320102&period=2026&metric=findings&institution=h-1&page=1&size=20')
      .flush(fakeItemsPage([fakeItem(), fakeItem({ itemId: 'f-2', status: 'awaiting_confirmation', month: '2026-02-01', refLabel: null, countyName: null })], 2));
    await page.stable();

    expect(page.q('dashboard-items-table')).not.toBeNull();
    expect(page.rows()).toHaveLength(2);
    // Each finding with its amount and type, not "1" (issue 16).
    expect(page.cells(page.rows()[0]!)).toEqual(['问题线索', '已确认', '2026-03', '35,600.00 元', '串换药品', '南京市第一医院', '玄武区', '南京市', '2026年第一批抽查']);
    expect(page.cells(page.rows()[1]!)).toEqual(['问题线索', '待确认', '2026-02', '35,600.00 元', '串换药品', '南京市第一医院', '—', '南京市', '—']);
    expect(page.text('dashboard-items-total')).toBe('共 2 条');
    expect(page.text('dashboard-items-period')).toBe('2026年');
    expect(page.text('dashboard-items-institution')).toContain('仅南京市第一医院');
    expect(page.el().querySelector('h1')!.textContent).toContain('问题线索明细');
    // Back to the dashboard it came from.
    expect(decodeURIComponent(page.q('dashboard-items-back')!.getAttribute('href')!)).toBe('/leader/dashboards?region=320102&period=2026');
  });

  it('shows amounts as amounts, labels statuses per kind, and links the records it can open', async () => {
    const page = await open('/leader/dashboards/items?region=32&period=2026-Q1&metric=refused_amount');
    page.expectItems('/api/dashboards/items?region=32&period=2026-Q1&metric=refused_amount&page=1&size=20').flush(
      fakeItemsPage([
        fakeItem({ kind: 'decision', itemId: 'd-1', status: 'effective', value: 1200.5 }),
        fakeItem({ kind: 'plan', itemId: 'p 1', status: 'filed', value: 1, institutionName: null }),
        fakeItem({ kind: 'monthly_report', itemId: 'm-1', status: 'some_new_status', value: 1 }),
      ]),
    );
    await page.stable();
    const [decision, plan, report] = page.rows();
    expect(page.cells(decision!).slice(0, 4)).toEqual(['处理决定', '已生效', '2026-03', '1,200.50 元']);
    expect(decision!.querySelector('a')!.getAttribute('href')).toBe('/decisions/d-1');
    expect(page.cells(plan!).slice(0, 2)).toEqual(['年度方案', '已备案']);
    expect(plan!.querySelector('a')!.getAttribute('href')).toBe('/plans/p%201');
    // A status the page has no label for is shown as it is.
    expect(page.cells(report!).slice(0, 2)).toEqual(['月报表', 'some_new_status']);
    expect(page.text('dashboard-items-period')).toBe('2026年第1季度');
  });

  it('behind a count, shows each finding’s type and amount, not "数值 1" (issue 16)', async () => {
    const page = await open('/leader/dashboards/items?region=32&period=2026&metric=findings');
    page.expectItems('/api/dashboards/items?region=32&period=2026&metric=findings&page=1&size=20').flush(
      fakeItemsPage([fakeItem(), fakeItem({ kind: 'plan', itemId: 'p-1', status: 'filed', findingType: null, amount: null })]),
    );
    await page.stable();
    const [finding, plan] = page.rows();
    expect(page.text('dashboard-items-table')).not.toContain('数值');
    expect(page.text('dashboard-items-table')).toContain('问题类型');
    expect(page.cells(finding!).slice(3, 5)).toEqual(['35,600.00 元', '串换药品']);
    expect(page.cells(plan!).slice(3, 5)).toEqual(['—', '—']);
  });

  it('links every kind of record that has a page, through the resource links, and leaves the others as text', async () => {
    const page = await open('/leader/dashboards/items?region=3201&period=2026&metric=overdue');
    page.expectItems('/api/dashboards/items?region=3201&period=2026&metric=overdue&page=1&size=20').flush(
      fakeItemsPage([
        fakeItem({ kind: 'finding', itemId: 'f-1' }),
        fakeItem({ kind: 'decision', itemId: 'd-1', status: 'rectifying' }),
        fakeItem({ kind: 'dispute', itemId: 'ds-1', status: 'open' }),
        fakeItem({ kind: 'inspection', itemId: 'in-1', status: 'assigned' }),
        fakeItem({ kind: 'monthly_report', itemId: 'm-1', status: 'overdue' }),
        fakeItem({ kind: 'plan', itemId: 'p-1', status: 'draft' }),
        fakeItem({ kind: 'ic_audit', itemId: 'a-1', status: 'self_assessment' }),
        fakeItem({ kind: 'self_inspection', itemId: 't-1', status: 'missing' }),
        // A kind the page does not know (nor one that looks like an object's own property) has no link.
        fakeItem({ kind: 'constructor' as DashboardItem['kind'], itemId: 'x-1', status: 'x' }),
      ]),
    );
    await page.stable();
    const links = page.rows().map((row) => [row.getAttribute('data-kind'), row.querySelector('[data-testid="dashboard-item-open"]')?.getAttribute('href') ?? null]);
    expect(links).toEqual([
      ['finding', '/findings/f-1'],
      ['decision', '/decisions/d-1'],
      ['dispute', '/disputes/ds-1'],
      ['inspection', '/inspections/in-1'],
      ['monthly_report', '/monthly-reports/m-1'],
      ['plan', '/plans/p-1'],
      ['ic_audit', '/ic/audits/a-1'],
      ['self_inspection', null],
      ['constructor', null],
    ]);
    // The link carries the kind's name; an unlinked row shows it as text.
    expect(page.rows()[0]!.querySelector('[data-testid="dashboard-item-open"]')!.textContent!.trim()).toBe('问题线索');
    expect(page.cells(page.rows()[7]!)[0]).toBe('自查自纠');
  });

  it('pages through the URL and switches the metric from the first page', async () => {
    const page = await open('/leader/dashboards/items?region=3201&period=2026&metric=overdue&page=2');
    page.expectItems('/api/dashboards/items?region=3201&period=2026&metric=overdue&page=2&size=20').flush(
      fakeItemsPage(Array.from({ length: 5 }, (_, i) => fakeItem({ itemId: `f-${i}` })), 25, 2),
    );
    await page.stable();
    expect(page.rows()).toHaveLength(5);

    await page.setModel('dashboard-items-metric', 'disputes_open');
    expect(page.router.url).toBe('/leader/dashboards/items?region=3201&period=2026&metric=disputes_open');
    page.expectItems('/api/dashboards/items?region=3201&period=2026&metric=disputes_open&page=1&size=20').flush(fakeItemsPage([]));
    await page.stable();
    expect(page.text('dashboard-items-table')).toContain('没有符合条件的记录');
  });

  it('shows the backend’s message for an unknown metric (400), in either language', async () => {
    const page = await open('/leader/dashboards/items?period=2026&metric=nonsense');
    page.expectItems('/api/dashboards/items?period=2026&metric=nonsense&page=1&size=20').flush(
      { error: { code: 'invalid_metric', field: 'metric', message: { zh: '未知的统计指标', en: 'Unknown metric' } } },
      { status: 400, statusText: 'Bad Request' },
    );
    await page.stable();
    expect(page.text('dashboard-items-error')).toContain('未知的统计指标');
    expect(page.q('dashboard-items-table')).toBeNull();
    TestBed.inject(TranslationService).use('en');
    await page.stable();
    expect(page.text('dashboard-items-error')).toContain('Unknown metric');
  });

  it("a coverage rule's list: inspections of one kind of institution from January; each filter shown and dropped on its own", async () => {
    const page = await open('/leader/dashboards/items?region=3201&period=2026-05&metric=inspections&institutionKind=pharmacy&ytd=true');
    page
      .expectItems('/api/dashboards/items?region=3201&period=2026-05&metric=inspections&institutionKind=pharmacy&ytd=true&page=1&size=20')
      .flush(fakeItemsPage([fakeItem({ kind: 'inspection', itemId: 'i-1', status: 'sent', month: '2026-02-01' })]));
    await page.stable();
    expect(page.text('dashboard-items-kind')).toBe('仅零售药店');
    expect(page.text('dashboard-items-ytd')).toBe('本年 1 月至统计期末累计');
    expect(page.el().querySelector('h1')!.textContent).toContain('检查（已送达）明细');
    expect(page.cells(page.rows()[0]!)[0]).toBe('检查');
    // Back to the dashboard: the filters are the list's, not the dashboard's.
    expect(decodeURIComponent(page.q('dashboard-items-back')!.getAttribute('href')!)).toBe('/leader/dashboards?region=3201&period=2026-05');

    page.q('dashboard-items-ytd')!.querySelector<HTMLElement>('.ant-tag-close-icon')!.click();
    await page.stable();
    expect(page.router.url).toBe('/leader/dashboards/items?region=3201&period=2026-05&metric=inspections&institutionKind=pharmacy');
    page.expectItems('/api/dashboards/items?region=3201&period=2026-05&metric=inspections&institutionKind=pharmacy&page=1&size=20').flush(fakeItemsPage([]));
    await page.stable();
    expect(page.q('dashboard-items-ytd')).toBeNull();

    page.q('dashboard-items-kind')!.querySelector<HTMLElement>('.ant-tag-close-icon')!.click();
    await page.stable();
    expect(page.router.url).toBe('/leader/dashboards/items?region=3201&period=2026-05&metric=inspections');
    page.expectItems('/api/dashboards/items?region=3201&period=2026-05&metric=inspections&page=1&size=20').flush(fakeItemsPage([]));
  });

  it('asks nothing without a metric', async () => {
    const page = await open('/leader/dashboards/items?period=2026');
    page.http.expectNone((r) => r.url.startsWith('/api/dashboards/items'));
    expect(page.q('dashboard-items-no-metric')).not.toBeNull();
  });
});
