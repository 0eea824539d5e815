import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { TranslationService } from '../i18n/translation';
import { fakeMe, provideTestApp } from '../testing/fakes';
import { Home } from './home';
import type { Todo, TodoItem } from './todo';
import { badgeFor, deadlineLabel } from './todo';

/** Loads the profile the way the app initializer does, answering /api/me with `me`. */
async function loadMe(me: Me): Promise<void> {
  const http = TestBed.inject(HttpTestingController);
  const loading = TestBed.inject(CurrentUser).load();
  // The auth interceptor awaits the token before the request reaches the backend.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const req = http.expectOne('/api/me');
  expect(req.request.method).toBe('GET');
  expect(req.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
  req.flush(me);
  await loading;
}

async function renderHome(me: Me, todo: Todo = { today: '2027-05-10', items: [] }) {
  localStorage.clear();
  TestBed.configureTestingModule({ providers: provideTestApp() });
  await loadMe(me);
  const fixture = TestBed.createComponent(Home);
  // The to-do centre (GET /api/todo, issue 16 §1), once the auth interceptor has the token.
  await new Promise((resolve) => setTimeout(resolve, 0));
  TestBed.inject(HttpTestingController).expectOne('/api/todo').flush(todo);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const text = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
  return { fixture, el, text };
}

describe('Home', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows role, region trail and organization from /api/me', async () => {
    const { text, el } = await renderHome(fakeMe(['county_staff']));

    expect(text('home-role')).toBe('区县医保部门');
    expect(text('home-region')).toBe('江苏省 / 南京市 / 玄武区');
    expect(text('home-org')).toBe('南京市玄武区医疗保障局 医疗保障局');
    expect(el.querySelector('h1')!.textContent).toContain('您好，张三');
  });

  it('shows an institution clerk the institution tasks, all of them built', async () => {
    const { el, text } = await renderHome(
      fakeMe(['institution_clerk'], {
        regionTrail: [
          { code: '32', name: '江苏省' },
          { code: '3201', name: '南京市' },
          { code: '320102', name: '玄武区' },
        ],
        organization: { id: 'h-1', name: '南京市第一医院', kind: 'institution' },
      }),
    );

    expect(text('home-role')).toBe('定点医药机构经办人');
    expect(text('home-org')).toBe('南京市第一医院 定点医药机构');
    const cards = [...el.querySelectorAll('[data-testid^="home-card-"]')].map((c) => c.getAttribute('href'));
    expect(cards).toEqual([
      '/institution/findings',
      '/institution/self-inspection',
      '/institution/rectification',
      '/institution/disputes',
      '/institution/document-requests',
    ]);
    // 自查自纠, the findings, rectification and dispute pages and 资料调取 are built: no 建设中 tag.
    expect(el.querySelectorAll('nz-card nz-tag').length).toBe(0);
    expect(el.textContent).not.toContain('专项治理');
  });

  it('shows a province official campaigns, spot checks, final dispute decisions and audits', async () => {
    const { el } = await renderHome(
      fakeMe(['province_official'], {
        level: 'province',
        regionPath: '/32/',
        region: { code: '32', name: '江苏省', level: 'province' },
        regionTrail: [{ code: '32', name: '江苏省' }],
        organization: { id: 'b-32', name: '江苏省医疗保障局', kind: 'bureau' },
      }),
    );
    const hrefs = [...el.querySelectorAll('[data-testid^="home-card-"]')].map((c) => c.getAttribute('href'));
    expect(hrefs).toEqual(
      expect.arrayContaining(['/province/campaigns', '/province/spot-checks', '/province/disputes', '/province/audits']),
    );
    expect(el.textContent).toContain('终审');
    expect(el.querySelector('[data-testid="home-region"]')!.textContent!.trim()).toBe('江苏省');
  });

  it('falls back to the region name for national users, and renders in English', async () => {
    const { fixture, text } = await renderHome(
      fakeMe(['national_overseer', 'leader'], {
        level: 'nation',
        regionPath: '/',
        region: { code: '000000', name: '全国', level: 'nation' },
        regionTrail: [],
        organization: { id: 'nhsa', name: '国家医疗保障局', kind: 'bureau' },
      }),
    );
    expect(text('home-region')).toBe('全国');
    expect(text('home-role')).toBe('国家级监督员、领导');

    TestBed.inject(TranslationService).use('en');
    await fixture.whenStable();
    expect(text('home-role')).toBe('National overseer, Leader');
    expect(text('home-org')).toBe('国家医疗保障局 Healthcare security bureau');
  });

  it('shows the to-do cards: count, nearest deadline with the working days left or overdue, each a link into its queue with its filters', async () => {
    const item = (kind: TodoItem['kind'], count: number, nextDeadline: string | null, workingDaysLeft: number | null, path: string, query: Record<string, string> = {}): TodoItem =>
      ({ kind, count, nextDeadline, workingDaysLeft, link: { path, query } });
    const { el, text, fixture } = await renderHome(fakeMe(['county_staff'], { organization: { id: 'agency-320102', name: '玄武区医保中心', kind: 'agency' } }), {
      today: '2027-05-10',
      items: [
        item('findings_to_decide', 1, '2027-05-07', -1, '/local/findings/list', { status: 'to_decide' }),
        item('notices_unacknowledged', 2, '2027-05-10', 0, '/notices'),
        item('decisions_to_review', 3, '2027-05-14', 4, '/local/findings/decisions', { status: 'pending_legal_review' }),
        item('appeals_to_review', 5, null, null, '/local/findings/list', { status: 'appealed' }),
      ],
    });
    const cards = [...el.querySelectorAll<HTMLAnchorElement>('[data-testid^="todo-"][href]')];
    expect(cards.map((c) => c.getAttribute('href'))).toEqual([
      '/local/findings/list?status=to_decide', '/notices', '/local/findings/decisions?status=pending_legal_review', '/local/findings/list?status=appealed',
    ]);
    expect(text('todo-decisions_to_review')).toContain('待复核的处理决定');
    expect(el.querySelector('[data-testid="todo-decisions_to_review"] [data-testid="todo-count"]')!.getAttribute('data-count')).toBe('3');
    expect(text('todo-decisions_to_review')).toContain('最近截止：2027-05-14');
    expect(text('todo-decisions_to_review')).toContain('还剩 4 个工作日');
    expect(text('todo-notices_unacknowledged')).toContain('今天截止');
    expect(text('todo-findings_to_decide')).toContain('已逾期 1 个工作日');
    expect(el.querySelector('[data-testid="todo-appeals_to_review"] [data-testid="todo-deadline"]')).toBeNull();

    TestBed.inject(TranslationService).use('en');
    await fixture.whenStable();
    expect(text('todo-decisions_to_review')).toContain('Decisions awaiting second review');
    expect(text('todo-decisions_to_review')).toContain('4 working days left');
    expect(text('todo-findings_to_decide')).toContain('Overdue by 1 working days');
  });

  it('the city agency’s and the handling agency’s new queues (issue 16): county reports to compile, self-inspection reports to review — cards, links and the menu badges', async () => {
    const item = (kind: TodoItem['kind'], count: number, nextDeadline: string | null, workingDaysLeft: number | null, path: string, query: Record<string, string> = {}): TodoItem =>
      ({ kind, count, nextDeadline, workingDaysLeft, link: { path, query } });
    const items = [
      item('self_inspections_to_review', 2, '2027-05-12', 2, '/local/campaigns/c-1/review'),
      item('monthly_reports_to_compile', 4, '2027-05-11', 1, '/local/monthly-reports', { status: 'submitted' }),
      item('city_reports_to_file', 1, '2027-05-11', 1, '/local/monthly-reports', { status: 'compiled' }),
    ];
    const { el, text } = await renderHome(fakeMe(['city_agency_staff'], { organization: { id: 'agency-3201', name: '南京市医保中心', kind: 'agency' } }), { today: '2027-05-10', items });
    const cards = [...el.querySelectorAll<HTMLAnchorElement>('[data-testid^="todo-"][href]')];
    expect(cards.map((c) => c.getAttribute('href'))).toEqual([
      '/local/campaigns/c-1/review', '/local/monthly-reports?status=submitted', '/local/monthly-reports?status=compiled',
    ]);
    expect(text('todo-self_inspections_to_review')).toContain('待核实的自查报告');
    expect(text('todo-monthly_reports_to_compile')).toContain('待审核汇总的区县月报表');
    expect(text('todo-city_reports_to_file')).toContain('待备案的月报汇总');
    expect(badgeFor(items, '/local/monthly-reports')).toBe(5);
    expect(badgeFor(items, '/local/campaigns')).toBe(2);
  });

  it('says when there is nothing to do', async () => {
    const { text } = await renderHome(fakeMe(['county_staff']));
    expect(text('todo-none')).toBe('暂无待办事项。');
  });
});

describe('to-do helpers', () => {
  const item = (path: string, count: number): TodoItem => ({ kind: 'appeals_to_review', count, nextDeadline: null, workingDaysLeft: null, link: { path, query: {} } });

  it('sums into a menu entry the to-dos whose queue lives under its path, and no others', () => {
    const items = [item('/local/findings/list', 2), item('/local/findings/decisions', 3), item('/local/findings-archive', 7), item('/notices', 1)];
    expect(badgeFor(items, '/local/findings')).toBe(5);
    expect(badgeFor(items, '/notices')).toBe(1);
    expect(badgeFor(items, '/local/disputes')).toBe(0);
  });

  it('words the deadline: days left, due today, overdue, none', () => {
    expect(deadlineLabel({ workingDaysLeft: 3 })).toEqual({ key: 'todo.daysLeft', days: 3 });
    expect(deadlineLabel({ workingDaysLeft: 0 })).toEqual({ key: 'todo.dueToday', days: 0 });
    expect(deadlineLabel({ workingDaysLeft: -2 })).toEqual({ key: 'todo.overdue', days: 2 });
    expect(deadlineLabel({ workingDaysLeft: null })).toBeNull();
  });
});
