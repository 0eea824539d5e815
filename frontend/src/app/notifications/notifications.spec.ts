import { DestroyRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { NotificationItem } from '../core/models';
import { TranslationService } from '../i18n/translation';
import { provideTestApp } from '../testing/fakes';
import { UnreadCount } from './notifications-api';
import { Notifications } from './notifications';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const item = (id: string, readAt: string | null = null): NotificationItem => ({
  id,
  titleZh: `抽查任务 ${id}`,
  titleEn: `Spot check ${id}`,
  bodyZh: '请于本月底前完成现场核查。',
  bodyEn: 'Please finish the on-site check by the end of the month.',
  link: '/local/spot-checks',
  createdAt: '2026-11-20T08:30:00Z',
  readAt,
});

describe('Notifications page', () => {
  let http: HttpTestingController;

  const UNREAD = '/api/notifications?status=unread&page=1&pageSize=20';

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp({ routes: [{ path: 'notifications', component: Notifications }] }) });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** The page at its route, so the URL's query parameters bind to it (status, q, from, to, sort, page). */
  async function render(url = '/notifications') {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await settle();
    return { fixture: harness.fixture, el: harness.routeNativeElement as HTMLElement };
  }

  it('lists unread notifications in the current language', async () => {
    const { fixture, el } = await render();
    http.expectOne(UNREAD).flush({ items: [item('n1')], total: 1 });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="notification-n1"]')!.textContent).toContain('抽查任务 n1');

    TestBed.inject(TranslationService).use('en');
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="notification-n1"]')!.textContent).toContain('Spot check n1');
    expect(el.textContent).toContain('1 in total');
  });

  it('asks for all notifications (no status), kept in the URL', async () => {
    const { fixture, el } = await render();
    http.expectOne(UNREAD).flush({ items: [], total: 0 });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="notifications-empty"]')).not.toBeNull();

    (el.querySelector('[data-testid="filter-all"]') as HTMLButtonElement).click();
    // Not whenStable(): the pending request keeps the app unstable until it is answered.
    await settle();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/notifications?status=all');
    http.expectOne('/api/notifications?page=1&pageSize=20').flush({ items: [item('n2', '2026-11-21T00:00:00Z')], total: 1 });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="notification-n2"]')!.textContent).toContain('已读');
  });

  it('marks one read and refreshes the bell count', async () => {
    const unread = TestBed.inject(UnreadCount);
    unread.watch(TestBed.inject(DestroyRef));
    const { fixture, el } = await render();
    http.expectOne('/api/notifications/unread-count').flush({ count: 1 });
    http.expectOne(UNREAD).flush({ items: [item('n1')], total: 1 });
    await fixture.whenStable();

    (el.querySelector('[data-testid="mark-read-n1"]') as HTMLButtonElement).click();
    await settle();
    const post = http.expectOne('/api/notifications/n1/read');
    expect(post.request.method).toBe('POST');
    expect(post.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    post.flush(null);
    await settle();
    http.expectOne('/api/notifications/unread-count').flush({ count: 0 });
    await fixture.whenStable();

    expect(el.querySelector('[data-testid="mark-read-n1"]')).toBeNull();
    expect(el.querySelector('[data-testid="notification-n1"]')!.textContent).toContain('已读');
    expect(unread.count()).toBe(0);
  });

  it('searches the text, filters the period, orders and pages on the server, all kept in the URL (issue 16)', async () => {
    const { fixture, el } = await render('/notifications?status=read&q=%E6%8A%BD%E6%9F%A5&from=2026-11-01&to=2026-11-30&sort=createdAt&page=2');
    const req = http.expectOne((r) => r.url === '/api/notifications');
    expect(req.request.params.keys().sort()).toEqual(['from', 'page', 'pageSize', 'q', 'sort', 'status', 'to']);
    expect([req.request.params.get('q'), req.request.params.get('status'), req.request.params.get('sort'), req.request.params.get('page')]).toEqual([
      '抽查',
      'read',
      'createdAt',
      '2',
    ]);
    req.flush({ items: [item('n3', '2026-11-21T00:00:00Z')], total: 41 });
    await fixture.whenStable();
    expect(el.querySelector<HTMLInputElement>('[data-testid="list-search"]')!.value).toBe('抽查');
    expect(el.querySelector('[data-testid="notifications-pages"]')!.textContent).toContain('3');

    // A new search goes back to the first page, keeping the other filters.
    const search = el.querySelector<HTMLInputElement>('[data-testid="list-search"]')!;
    search.value = '月报';
    search.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid="list-search-button"]') as HTMLButtonElement).click();
    await settle();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/notifications?status=read&q=%E6%9C%88%E6%8A%A5&from=2026-11-01&to=2026-11-30&sort=createdAt');
    http.expectOne('/api/notifications?q=%E6%9C%88%E6%8A%A5&from=2026-11-01&to=2026-11-30&sort=createdAt&status=read&page=1&pageSize=20').flush({ items: [], total: 0 });
    await fixture.whenStable();
  });

  it('exports exactly the filtered inbox (the same parameters, every page)', async () => {
    const { fixture, el } = await render('/notifications?q=%E6%8A%BD%E6%9F%A5&page=3');
    http.expectOne((r) => r.url === '/api/notifications').flush({ items: [item('n1')], total: 61 });
    await fixture.whenStable();
    (el.querySelector('[data-testid="list-export-xlsx"]') as HTMLButtonElement).click();
    await settle();
    const req = http.expectOne((r) => r.url === '/api/notifications/export.xlsx');
    expect(req.request.urlWithParams).toBe('/api/notifications/export.xlsx?q=%E6%8A%BD%E6%9F%A5&status=unread');
    req.flush(new Blob(['x']));
  });
});
