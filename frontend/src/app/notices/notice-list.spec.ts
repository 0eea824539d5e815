import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { CurrentUser } from '../core/current-user';
import type { Role } from '../core/models';
import { TranslationService } from '../i18n/translation';
import { NOTICE_NOW, fakeMe, fakeNotice, provideTestApp } from '../testing/fakes';
import { NoticeList } from './notice-list';
import { NOTICE_CLOCK } from './notices-api';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Notice list', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  async function open(roles: Role[], url = '/notices') {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp({ routes: [{ path: 'notices', component: NoticeList }] }),
        { provide: NOTICE_CLOCK, useValue: () => NOTICE_NOW },
      ],
    });
    TestBed.inject(CurrentUser).set(fakeMe(roles));
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await settle();
    const el = harness.routeNativeElement as HTMLElement;
    const rows = () => [...el.querySelectorAll<HTMLElement>('[data-testid="notice-row"]')];
    const cell = (row: HTMLElement, testId: string) =>
      row.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
    return { harness, el, rows, cell, stable: () => harness.fixture.whenStable() };
  }

  it('shows received notices with their status, overdue in red, and the days left', async () => {
    const { el, rows, cell, stable } = await open(['county_staff']);
    http.expectOne('/api/notices?box=received&page=1&pageSize=20').flush({
      items: [
        fakeNotice({ id: 'pending', dueDate: '2026-11-23' }),
        fakeNotice({ id: 'flagged', dueDate: '2026-11-18', overdue: true }),
        fakeNotice({ id: 'past-due', dueDate: '2026-11-19' }),
        fakeNotice({ id: 'done', status: 'acknowledged', acknowledgedAt: '2026-11-17T02:00:00Z', acknowledgedBy: 'lisi' }),
        fakeNotice({
          id: 'late',
          status: 'acknowledged',
          dueDate: '2026-11-18',
          overdue: true,
          acknowledgedAt: '2026-11-19T02:00:00Z',
          acknowledgedBy: 'lisi',
        }),
      ],
    });
    await stable();

    const byId = Object.fromEntries(rows().map((row) => [row.dataset['id']!, row] as const));
    expect(Object.keys(byId)).toEqual(['pending', 'flagged', 'past-due', 'done', 'late']);
    const status = (id: string) => byId[id]!.querySelector<HTMLElement>('[data-testid="notice-status"]')!;

    expect(status('pending').textContent!.trim()).toBe('待签收');
    expect(cell(byId['pending']!, 'notice-countdown')).toBe('剩 3 天');
    expect(status('flagged').textContent!.trim()).toBe('逾期未签收');
    expect(status('flagged').classList).toContain('ant-tag-error');
    expect(cell(byId['flagged']!, 'notice-countdown')).toBe('已逾期 2 天');
    // The backend flags overdue notices shortly after the due day ends; the page does not wait.
    expect(status('past-due').textContent!.trim()).toBe('逾期未签收');
    expect(status('past-due').classList).toContain('ant-tag-error');
    expect(cell(byId['past-due']!, 'notice-countdown')).toBe('已逾期 1 天');
    expect(status('done').textContent!.trim()).toBe('已签收');
    expect(status('done').classList).not.toContain('ant-tag-error');
    expect(byId['done']!.querySelector('[data-testid="notice-countdown"]')).toBeNull();
    expect(status('late').textContent!.trim()).toBe('已签收（逾期）');
    expect(byId['late']!.querySelector('[data-testid="notice-countdown"]')).toBeNull();

    // Received: the counterpart is the sender; the title opens the notice.
    expect(el.querySelector('thead')!.textContent).toContain('发文单位');
    expect(cell(byId['pending']!, 'notice-counterpart')).toBe('南京市医疗保障局');
    expect(byId['pending']!.querySelector('a[data-testid="notice-link"]')!.getAttribute('href')).toBe('/notices/pending');

    TestBed.inject(TranslationService).use('en');
    await stable();
    expect(status('flagged').textContent!.trim()).toBe('Overdue');
    expect(status('late').textContent!.trim()).toBe('Acknowledged (late)');
    expect(cell(byId['pending']!, 'notice-countdown')).toBe('3 days left');
  });

  it('lets a sending role switch to the sent box, kept in the URL', async () => {
    const { el, rows, cell, stable } = await open(['city_agency_staff']);
    http.expectOne('/api/notices?box=received&page=1&pageSize=20').flush({ items: [] });
    await stable();
    expect(el.textContent).toContain('暂无收到的通知');
    expect(el.querySelector('[data-testid="notice-new"]')!.getAttribute('href')).toBe('/notices/new');

    (el.querySelector('[data-testid="notice-tab-sent"]') as HTMLElement).click();
    await settle();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/notices?box=sent');
    http.expectOne('/api/notices?box=sent&page=1&pageSize=20').flush({
      items: [fakeNotice({ id: 's1', senderOrgId: 'org-1', recipientOrgId: 'h-1', recipientOrgName: '南京市第一医院' })],
    });
    await stable();

    expect(el.querySelector('thead')!.textContent).toContain('收文单位');
    expect(rows()).toHaveLength(1);
    expect(cell(rows()[0]!, 'notice-counterpart')).toBe('南京市第一医院');
  });

  it('opens the sent box straight from ?box=sent', async () => {
    const { el, stable } = await open(['province_official'], '/notices?box=sent');
    http.expectOne('/api/notices?box=sent&page=1&pageSize=20').flush({ items: [] });
    await stable();
    expect(el.textContent).toContain('暂无发出的通知');
    expect(el.querySelector('[data-testid="notice-tab-sent"]')!.closest('.ant-tabs-tab')!.classList).toContain(
      'ant-tabs-tab-active',
    );
  });

  it('shows an institution clerk only the received box, with nothing to send', async () => {
    const { el, rows, stable } = await open(['institution_clerk'], '/notices?box=sent');
    // A typed-in ?box=sent falls back to the received box.
    http.expectOne('/api/notices?box=received&page=1&pageSize=20').flush({ items: [fakeNotice()] });
    await stable();

    expect(rows()).toHaveLength(1);
    expect(el.querySelector('[data-testid="notice-tabs"]')).toBeNull();
    expect(el.querySelector('[data-testid="notice-tab-sent"]')).toBeNull();
    expect(el.querySelector('[data-testid="notice-new"]')).toBeNull();
    expect(el.textContent).not.toContain('发通知');
  });

  it('says so when the list cannot be loaded', async () => {
    const { el, stable } = await open(['leader']);
    http.expectOne('/api/notices?box=received&page=1&pageSize=20').flush('down', { status: 503, statusText: 'Unavailable' });
    await stable();
    expect(el.querySelector('[data-testid="notices-error"]')!.textContent).toContain('通知加载失败');
  });

  it('searches, filters by status and period, sorts and pages on the server, and exports the filtered rows (issue 16)', async () => {
    const { el, stable } = await open(['city_agency_staff'], '/notices?q=%E6%9C%88%E6%8A%A5&status=overdue&from=2026-11-01&to=2026-11-30&sort=-dueDate&page=2');
    const req = http.expectOne((r) => r.url === '/api/notices');
    expect(req.request.urlWithParams).toBe(
      '/api/notices?box=received&q=%E6%9C%88%E6%8A%A5&from=2026-11-01&to=2026-11-30&sort=-dueDate&status=overdue&page=2&pageSize=20',
    );
    req.flush({ items: [fakeNotice()], total: 45 });
    await stable();
    expect(el.querySelector('.total')!.textContent).toContain('共 45 条');
    // The due date column shows the server's order.
    const dueHeader = el.querySelector<HTMLElement>('th[nzColumnKey="dueDate"]')!;
    expect(dueHeader.getAttribute('aria-sort') ?? dueHeader.querySelector('.ant-table-column-sorter-down.active')).toBeTruthy();

    (el.querySelector('[data-testid="list-export-xlsx"]') as HTMLButtonElement).click();
    await settle();
    const xlsx = http.expectOne((r) => r.url === '/api/notices/export.xlsx');
    expect(xlsx.request.urlWithParams).toBe('/api/notices/export.xlsx?box=received&q=%E6%9C%88%E6%8A%A5&from=2026-11-01&to=2026-11-30&sort=-dueDate&status=overdue');
    xlsx.flush(new Blob(['x']));

    // Sorting by the sender goes back to the first page.
    (el.querySelector('th[nzColumnKey="counterpart"]') as HTMLElement).click();
    await settle();
    await settle();
    expect(TestBed.inject(Router).url).toContain('sort=sender');
    expect(TestBed.inject(Router).url).not.toContain('page=');
    http.expectOne((r) => r.url === '/api/notices' && r.params.get('sort') === 'sender' && r.params.get('page') === '1').flush({ items: [], total: 0 });
  });
});
