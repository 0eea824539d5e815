import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { PLAN_NOW, fakeCityBureauUser, fakeCityReviewer, fakePlanSummary, fakeProvinceUser, provideTestApp } from '../testing/fakes';
import { ReviewQueue } from './review-queue';
import { CLOCK } from '../core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Review queue', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  /** The to-do centre's answer: plans waiting for the user in `year`, or none. */
  const todo = (year: number | null) => ({
    today: '2027-05-10',
    items: year ? [{ kind: 'plans_to_review', count: 2, nextDeadline: null, workingDaysLeft: null, link: { path: '/local/annual-plans/review', query: { year: String(year) } } }] : [],
  });

  async function open(url = '/local/annual-plans/review', me: Me = fakeCityReviewer(), waitingYear: number | null = null) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp({
          routes: [{ path: 'local/annual-plans/review', component: ReviewQueue, data: { section: 'local' } }],
        }),
        { provide: CLOCK, useValue: () => PLAN_NOW },
      ],
    });
    TestBed.inject(CurrentUser).set(me);
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await settle();
    // Without a year in the address, the queue first asks which year has plans waiting (GET /api/todo).
    if (!url.includes('year=')) http.expectOne('/api/todo').flush(todo(waitingYear));
    await settle();
    await settle();
    const el = harness.routeNativeElement as HTMLElement;
    return { harness, el, stable: () => harness.fixture.whenStable() };
  }

  it('lists the city agency the county plans submitted to it in the server\'s order (oldest first), each opening the plan', async () => {
    const { el, stable } = await open();
    const get = http.expectOne('/api/plans/review-queue?year=2027&page=1&pageSize=20');
    expect(get.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    get.flush({
      items: [
        fakePlanSummary({ id: 'p1', status: 'submitted', submittedAt: '2027-05-02T01:00:00Z', overdue: true }),
        fakePlanSummary({ id: 'p2', unitName: '秦淮区医保经办中心', regionName: '秦淮区', status: 'submitted', submittedAt: '2027-05-09T01:00:00Z' }),
      ],
      total: 2,
    });
    await stable();

    expect(el.querySelector('[data-testid="review-heading"]')!.textContent!.trim()).toBe('2027 年度待审核汇总的区县方案');
    const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="review-row"]')];
    expect(rows.map((r) => r.dataset['id'])).toEqual(['p1', 'p2']);
    expect(rows[0]!.querySelector('[data-testid="plan-status"]')!.textContent!.trim()).toBe('已报送');
    expect(rows[0]!.querySelector('[data-testid="plan-overdue"]')).not.toBeNull();
    expect(rows[1]!.querySelector('[data-testid="plan-overdue"]')).toBeNull();
    expect(rows[0]!.querySelector('[data-testid="review-link"]')!.getAttribute('href')).toBe(
      '/local/annual-plans/plan/p1?from=review',
    );
    expect(el.querySelector('[data-testid="plan-nav-review"]')!.classList).toContain('active');
  });

  it('lists the city bureau the plans its agency forwarded, oldest forwarding first, as awaiting filing', async () => {
    const { el, stable } = await open('/local/annual-plans/review', fakeCityBureauUser());
    http.expectOne('/api/plans/review-queue?year=2027&page=1&pageSize=20').flush({
      items: [
        fakePlanSummary({ id: 'p1', status: 'forwarded', submittedAt: '2027-05-05T01:00:00Z', forwardedAt: '2027-05-06T01:00:00Z' }),
        fakePlanSummary({ id: 'p2', status: 'forwarded', submittedAt: '2027-05-01T01:00:00Z', forwardedAt: '2027-05-09T01:00:00Z' }),
      ],
      total: 2,
    });
    await stable();
    expect(el.querySelector('[data-testid="review-heading"]')!.textContent!.trim()).toBe('2027 年度待备案方案');
    const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="review-row"]')];
    expect(rows.map((r) => r.dataset['id'])).toEqual(['p1', 'p2']);
    expect(rows[0]!.querySelector('[data-testid="plan-status"]')!.textContent!.trim()).toBe('已汇总上报');
  });

  it('opens on the year with plans waiting — next year, just submitted — rather than the current year (issue 16 §1)', async () => {
    const { el, stable } = await open('/local/annual-plans/review', fakeCityReviewer(), 2028);
    http.expectOne('/api/plans/review-queue?year=2028&page=1&pageSize=20').flush({ items: [fakePlanSummary({ id: 'p9', year: 2028, status: 'submitted', submittedAt: '2027-05-09T01:00:00Z' })], total: 1 });
    await stable();
    expect(el.querySelector('[data-testid="review-heading"]')!.textContent!.trim()).toBe('2028 年度待审核汇总的区县方案');
    expect([...el.querySelectorAll<HTMLElement>('[data-testid="review-row"]')].map((r) => r.dataset['id'])).toEqual(['p9']);
  });

  it('asks the to-do centre nothing when the address names the year', async () => {
    await open('/local/annual-plans/review?year=2027');
    http.expectNone('/api/todo');
    http.expectOne('/api/plans/review-queue?year=2027&page=1&pageSize=20').flush({ items: [], total: 0 });
  });

  it('follows the chosen year in the URL', async () => {
    const { el, stable } = await open('/local/annual-plans/review?year=2026');
    http.expectOne('/api/plans/review-queue?year=2026&page=1&pageSize=20').flush({ items: [], total: 0 });
    await stable();
    expect(el.textContent).toContain('暂无待审核的区县方案');
    await TestBed.inject(Router).navigateByUrl('/local/annual-plans/review?year=2027');
    await settle();
    await settle();
    http.expectOne('/api/plans/review-queue?year=2027&page=1&pageSize=20').flush({ items: [], total: 0 });
  });

  it('searches, sorts and pages on the server with the filters in the URL, and exports exactly the filtered rows (issue 16 §2)', async () => {
    const { el, stable } = await open('/local/annual-plans/review?year=2027&q=%E7%8E%84%E6%AD%A6&sort=-submittedAt&page=2');
    http.expectOne('/api/plans/review-queue?year=2027&q=%E7%8E%84%E6%AD%A6&sort=-submittedAt&page=2&pageSize=20').flush({
      items: [fakePlanSummary({ id: 'p21', status: 'submitted', submittedAt: '2027-05-02T01:00:00Z' })],
      total: 21,
    });
    await stable();
    expect((el.querySelector('[data-testid="list-search"]') as HTMLInputElement).value).toBe('玄武');
    expect([...el.querySelectorAll<HTMLElement>('[data-testid="review-row"]')].map((r) => r.dataset['id'])).toEqual(['p21']);

    // A new search goes back to the first page and keeps the sort.
    const search = el.querySelector('[data-testid="list-search"]') as HTMLInputElement;
    search.value = 'agency-320104';
    search.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid="list-search-button"]') as HTMLButtonElement).click();
    await settle();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/local/annual-plans/review?year=2027&q=agency-320104&sort=-submittedAt');
    http.expectOne('/api/plans/review-queue?year=2027&q=agency-320104&sort=-submittedAt&page=1&pageSize=20').flush({ items: [], total: 0 });
    await stable();

    (el.querySelector('[data-testid="list-export-xlsx"]') as HTMLButtonElement).click();
    await settle();
    const file = http.expectOne((r) => r.url === '/api/plans/review-queue/export.xlsx');
    expect(file.request.params.toString()).toBe('year=2027&q=agency-320104&sort=-submittedAt');
    file.flush(new Blob(['x']), { headers: { 'content-disposition': "attachment; filename*=UTF-8''a.xlsx" } });
  });

  it('方案台账 (ledger): every plan of the year by status, no to-do question, no review button, exported from /api/plans', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp({ routes: [{ path: 'province/annual-plans/list', component: ReviewQueue, data: { section: 'province', ledger: true } }] }),
        { provide: CLOCK, useValue: () => PLAN_NOW },
      ],
    });
    TestBed.inject(CurrentUser).set(fakeProvinceUser());
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/province/annual-plans/list?status=filed,submitted&sort=unit');
    await settle();
    await settle();
    http.expectNone('/api/todo');
    http.expectOne('/api/plans?year=2027&sort=unit&status=filed,submitted&page=1&pageSize=20').flush({
      items: [fakePlanSummary({ id: 'p1', status: 'filed' })],
      total: 1,
    });
    await harness.fixture.whenStable();
    const el = harness.routeNativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="review-heading"]')!.textContent!.trim()).toBe('2027 年度监管方案台账');
    const row = el.querySelector<HTMLElement>('[data-testid="review-row"]')!;
    expect(row.querySelector('[data-testid="review-link"]')!.getAttribute('href')).toBe('/province/annual-plans/plan/p1?from=list');
    expect(row.querySelector('.col-action a')).toBeNull();
    expect(el.querySelector('[data-testid="list-status"]')).not.toBeNull();

    (el.querySelector('[data-testid="list-export-xlsx"]') as HTMLButtonElement).click();
    await settle();
    const file = http.expectOne((r) => r.url === '/api/plans/export.xlsx');
    expect(file.request.params.toString()).toBe('year=2027&sort=unit&status=filed,submitted');
    file.flush(new Blob(['x']));
  });
});
