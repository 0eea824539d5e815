import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { NzMessageService } from 'ng-zorro-antd/message';
import { CurrentUser } from '../core/current-user';
import type { FilingBoard as Board, Me } from '../core/models';
import {
  PLAN_NOW,
  fakeBoard,
  fakeBoardRow,
  fakeCityReviewer,
  fakeMe,
  fakePlanSummary,
  fakeProvinceUser,
  fakeStatusCounts,
  provideTestApp,
} from '../testing/fakes';
import { FilingBoard, progressPercent } from './filing-board';
import { CLOCK } from '../core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Nanjing's board: its counties, each with its own plan. */
const nanjing = (): Board => ({
  year: 2027,
  region: { code: '3201', name: '南京市', level: 'city' },
  cycleOpened: true,
  totals: fakeStatusCounts({ draft: 1, filed: 1, overdue: 1 }),
  rows: [
    fakeBoardRow({
      regionCode: '320102',
      regionName: '玄武区',
      level: 'county',
      drillable: false,
      statusCounts: fakeStatusCounts({ filed: 1 }),
      plannedToDate: 10,
      doneToDate: 4,
      plan: fakePlanSummary({ status: 'filed' }),
    }),
    fakeBoardRow({
      regionCode: '320104',
      regionName: '秦淮区',
      level: 'county',
      drillable: false,
      statusCounts: fakeStatusCounts({ draft: 1, overdue: 1 }),
      plannedToDate: 0,
      doneToDate: 0,
      plan: fakePlanSummary({ id: 'p-qh', unitName: '秦淮区医保经办中心', status: 'draft', overdue: true }),
    }),
  ],
});

const empty = (): Board => ({ ...fakeBoard(), cycleOpened: false, totals: fakeStatusCounts(), rows: [] });

describe('Filing board', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  async function open(me: Me = fakeProvinceUser(), section: 'province' | 'local' = 'province', query = '') {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp({
          routes: [{ path: `${section}/annual-plans/board`, component: FilingBoard, data: { section } }],
        }),
        { provide: CLOCK, useValue: () => PLAN_NOW },
      ],
    });
    TestBed.inject(CurrentUser).set(me);
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/${section}/annual-plans/board${query}`);
    const tick = async () => {
      for (let i = 0; i < 3; i++) await settle();
    };
    await tick();
    const el = harness.routeNativeElement as HTMLElement;
    const q = (testId: string) => el.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    const text = (testId: string, root: ParentNode = el) =>
      root.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
    const rows = () => [...el.querySelectorAll<HTMLElement>('[data-testid="board-row"]')];
    const stable = async () => {
      await tick();
      await harness.fixture.whenStable();
    };
    return { harness, el, q, text, rows, tick, stable };
  }

  it('shows the totals per status, the chart and a row per city', async () => {
    const { q, text, rows, stable } = await open();
    const get = http.expectOne('/api/plans/board?year=2027');
    expect(get.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    get.flush(fakeBoard());
    await stable();

    expect(text('board-region')).toBe('江苏省');
    const total = (key: string) => q(`board-total-${key}`)!.querySelector('.ant-statistic-content')!.textContent!.trim();
    expect(total('units')).toBe('23');
    expect(total('filed')).toBe('11');
    expect(total('submitted')).toBe('4');
    expect(total('not_started')).toBe('2');
    expect(total('closed')).toBe('0');
    expect(total('overdue')).toBe('3');
    expect(q('board-total-overdue')!.classList).toContain('alert');
    expect(text('board-total-overdue')).toContain('逾期');

    expect(q('board-chart')!.querySelector('svg')).not.toBeNull();
    expect(q('open-cycle')).toBeNull();

    const [nj, sz] = rows();
    expect(rows()).toHaveLength(2);
    expect(text('board-drill', nj)).toBe('南京市');
    expect(text('plan-status', nj)).toBe('已备案');
    expect(text('board-row-filed', nj)).toBe('已备案 7 / 12 逾期 1 个');
    expect(text('board-row-progress', nj)).toBe('完成 90 / 计划 120');
    expect(nj!.querySelector('[data-testid="board-open-plan"]')!.getAttribute('href')).toBe(
      '/province/annual-plans/plan/p-3201?from=board',
    );
    // Suzhou's city agency has no plan row of its own here.
    expect(sz!.querySelector('[data-testid="plan-status"]')).toBeNull();
    expect(text('board-row-progress', sz)).toBe('完成 100 / 计划 100');
    expect(q('board-breadcrumb')).toBeNull();
  });

  it('drills down into a city and back up through the breadcrumb', async () => {
    const { q, text, rows, tick, stable } = await open();
    http.expectOne('/api/plans/board?year=2027').flush(fakeBoard());
    await stable();

    q('board-drill')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/province/annual-plans/board?region=3201');
    http.expectOne('/api/plans/board?year=2027&regionCode=3201').flush(nanjing());
    await stable();

    expect(text('board-region')).toBe('南京市');
    expect(text('board-crumb-0')).toBe('江苏省');
    expect(text('board-crumb-1')).toBe('南京市');
    expect(rows().map((r) => r.dataset['region'])).toEqual(['320102', '320104']);
    // County rows have nothing below: no drill-down, but their plan opens.
    expect(q('board-drill')).toBeNull();
    expect(text('plan-overdue', rows()[1])).toBe('逾期');
    expect(rows()[1]!.querySelector('[data-testid="board-open-plan"]')!.getAttribute('href')).toBe(
      '/province/annual-plans/plan/p-qh?from=board',
    );

    q('board-crumb-0')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/province/annual-plans/board');
    http.expectOne('/api/plans/board?year=2027').flush(fakeBoard());
    await stable();
    expect(q('board-breadcrumb')).toBeNull();
    expect(rows()).toHaveLength(2);
  });

  it('shows the city’s two steps: a county plan forwarded by the city agency awaits the bureau’s filing', async () => {
    const { q, text, rows, stable } = await open(fakeProvinceUser(), 'province', '?region=3201');
    const board = nanjing();
    board.totals = fakeStatusCounts({ draft: 1, filed: 1, forwarded: 1, submitted: 1, overdue: 1 });
    board.rows.push(
      fakeBoardRow({
        regionCode: '320105', regionName: '建邺区', level: 'county', drillable: false, statusCounts: fakeStatusCounts({ forwarded: 1 }),
        plan: fakePlanSummary({ id: 'p-jy', unitName: '建邺区医保经办中心', status: 'forwarded', submittedAt: '2027-05-06T01:00:00Z', forwardedAt: '2027-05-08T01:00:00Z' }),
      }),
      fakeBoardRow({
        regionCode: '320106', regionName: '鼓楼区', level: 'county', drillable: false, statusCounts: fakeStatusCounts({ submitted: 1 }),
        plan: fakePlanSummary({ id: 'p-gl', unitName: '鼓楼区医保经办中心', status: 'submitted', submittedAt: '2027-05-09T01:00:00Z' }),
      }),
    );
    http.expectOne('/api/plans/board?year=2027&regionCode=3201').flush(board);
    await stable();
    const total = (key: string) => q(`board-total-${key}`)!.querySelector('.ant-statistic-content')!.textContent!.trim();
    expect(total('submitted')).toBe('1');
    expect(total('forwarded')).toBe('1');
    expect(text('board-total-forwarded')).toContain('已汇总上报');
    expect(text('plan-status', rows()[2])).toBe('已汇总上报');
    expect(text('plan-status', rows()[3])).toBe('已报送');
  });

  it('opened on a region from a link, offers the way back to the user’s own region', async () => {
    const { text, tick } = await open(fakeProvinceUser(), 'province', '?year=2026&region=3201');
    http.expectOne('/api/plans/board?year=2026&regionCode=3201').flush({ ...nanjing(), year: 2026 });
    await tick();
    expect(text('board-crumb-0')).toBe('江苏省');
    expect(text('board-crumb-1')).toBe('南京市');
  });

  it('lets the province official open the planning cycle of a year nobody opened', async () => {
    const { q, text, rows, tick, stable } = await open();
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');
    http.expectOne('/api/plans/board?year=2027').flush(empty());
    await stable();
    expect(text('board-empty')).toContain('2027 年度尚未开启方案编制');

    q('open-cycle')!.click();
    await stable();
    http.expectNone('/api/plan-cycles');
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('开启 2027 年度方案编制？');
    document.querySelector<HTMLButtonElement>('.ant-modal-confirm-btns .ant-btn-primary')!.click();
    await tick();

    const post = http.expectOne('/api/plan-cycles');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ year: 2027 });
    post.flush({ year: 2027, plans: 109 }, { status: 201, statusText: 'Created' });
    await tick();
    expect(success).toHaveBeenCalledWith('已开启 2027 年度方案编制，共 109 个单位');

    // Refreshed.
    http.expectOne('/api/plans/board?year=2027').flush(fakeBoard());
    await stable();
    expect(q('open-cycle')).toBeNull();
    expect(rows()).toHaveLength(2);
  });

  it.each<[string, Me, 'province' | 'local']>([
    ['the national overseer', fakeProvinceUser(['national_overseer']), 'province'],
    ['city agency staff', fakeCityReviewer(), 'local'],
  ])('offers %s no way to open a cycle', async (_, me, section) => {
    const { q, text, stable } = await open(me, section);
    http.expectOne('/api/plans/board?year=2027').flush(empty());
    await stable();
    expect(text('board-empty')).toContain('尚未开启');
    expect(q('open-cycle')).toBeNull();
  });

  it('tells a county the province opened the year when the county simply has no plan of it (issue 16)', async () => {
    const { q, text, stable } = await open(fakeMe(['county_staff']), 'local');
    http.expectOne('/api/plans/board?year=2027').flush({ ...empty(), region: { code: '320102', name: '玄武区', level: 'county' }, cycleOpened: true });
    await stable();
    expect(text('board-empty-text')).toBe('省级已开启 2027 年度方案编制，本地区没有需报送 2027 年度方案的单位。');
    expect(text('board-empty')).not.toContain('尚未开启');
    expect(q('open-cycle')).toBeNull();
  });

  it('shows the nation the provinces with plans, the ones not on the system counted behind a toggle (issue 16)', async () => {
    const { q, text, rows, stable } = await open(fakeProvinceUser(['national_overseer']), 'province');
    const empty = (code: string, name: string) => fakeBoardRow({ regionCode: code, regionName: name, level: 'province', drillable: false, statusCounts: fakeStatusCounts(), plannedToDate: 0, doneToDate: 0 });
    http.expectOne('/api/plans/board?year=2027').flush(fakeBoard({
      region: { code: '000000', name: '全国', level: 'nation' },
      rows: [fakeBoardRow({ regionCode: '32', regionName: '江苏省', level: 'province' }), empty('11', '北京市'), empty('12', '天津市')],
    }));
    await stable();
    expect(rows().map((r) => r.getAttribute('data-region'))).toEqual(['32']);
    expect(text('board-empty-provinces')).toContain('另有 2 个省份尚未接入本系统，没有方案数据。');
    q('board-toggle-empty')!.click();
    await stable();
    expect(rows()).toHaveLength(3);
    expect(text('board-toggle-empty')).toBe('隐藏这些省份');
  });

  it('turns planned and done into a percentage', () => {
    expect(progressPercent(120, 90)).toBe(75);
    expect(progressPercent(0, 0)).toBe(0);
    expect(progressPercent(0, 3)).toBe(100);
    expect(progressPercent(10, 25)).toBe(100);
  });
});
