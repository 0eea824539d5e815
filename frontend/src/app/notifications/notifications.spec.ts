import { DestroyRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
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

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(Notifications);
    fixture.detectChanges();
    await settle();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('lists unread notifications in the current language', async () => {
    const { fixture, el } = await render();
    http.expectOne('/api/notifications?unread=true').flush({ items: [item('n1')], total: 1 });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="notification-n1"]')!.textContent).toContain('抽查任务 n1');

    TestBed.inject(TranslationService).use('en');
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="notification-n1"]')!.textContent).toContain('Spot check n1');
    expect(el.textContent).toContain('1 in total');
  });

  it('asks for all notifications with unread=false', async () => {
    const { fixture, el } = await render();
    http.expectOne('/api/notifications?unread=true').flush({ items: [], total: 0 });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="notifications-empty"]')).not.toBeNull();

    (el.querySelector('[data-testid="filter-all"]') as HTMLButtonElement).click();
    // Not whenStable(): the pending request keeps the app unstable until it is answered.
    await settle();
    http.expectOne('/api/notifications?unread=false').flush({ items: [item('n2', '2026-11-21T00:00:00Z')], total: 1 });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="notification-n2"]')!.textContent).toContain('已读');
  });

  it('marks one read and refreshes the bell count', async () => {
    const unread = TestBed.inject(UnreadCount);
    unread.watch(TestBed.inject(DestroyRef));
    const { fixture, el } = await render();
    http.expectOne('/api/notifications/unread-count').flush({ count: 1 });
    http.expectOne('/api/notifications?unread=true').flush({ items: [item('n1')], total: 1 });
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
});
