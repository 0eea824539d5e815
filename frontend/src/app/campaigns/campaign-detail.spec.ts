import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { NzMessageService } from 'ng-zorro-antd/message';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { openRoutedPage } from '../testing/page-harness';
import { PLAN_NOW, fakeCityReviewer, fakeMe, fakeProvinceUser, provideTestApp } from '../testing/fakes';
import { CampaignDetailPage } from './campaign-detail';
import { fakeAgencyRow, fakeCampaignDetail, fakeProgress, fakeProgressRow, fakeReview, fakeSelfInspectionTask } from './campaign-fakes';
import type { CampaignDetail } from './campaigns-api';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const TASKS = '/api/self-inspections?campaignId=c1&page=1&pageSize=50';

describe('Campaign detail', () => {
  let http: HttpTestingController;

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((n) => (n.innerHTML = ''));
  });

  /** Opens /<section>/campaigns/c1 and answers the campaign (and, once assigned, progress and tasks). */
  async function open(campaign: CampaignDetail, me: Me = fakeProvinceUser(), section = 'province') {
    const page = await openRoutedPage({
      url: `/${section}/campaigns/c1`,
      routes: [{ path: `${section}/campaigns/:id`, component: CampaignDetailPage, data: { section } }],
      me,
      now: PLAN_NOW,
    });
    http = page.http;
    http.expectOne('/api/campaigns/c1').flush(campaign);
    await page.tick();
    // The national filings panel (national/campaign-filing-panel.ts) asks for the campaign's filings
    // for the provincial and national bureaus; its own spec covers it (none here).
    for (const req of http.match((r) => r.url === '/api/campaign-filings')) req.flush({ items: [], total: 0 });
    return page;
  }

  it('renders the phase timeline, the progress by city and kind, and the tasks', async () => {
    const { q, all, text, stable } = await open(fakeCampaignDetail());
    http.expectOne('/api/campaigns/c1/progress').flush(fakeProgress());
    http.expectOne(TASKS).flush({ items: [fakeSelfInspectionTask(), fakeSelfInspectionTask({ id: 't2', status: 'submitted', late: true, submittedAt: '2027-09-02T01:00:00Z' })], total: 2 });
    await stable();

    expect(text('campaign-heading')).toBe('2027年度定点医药机构专项治理');
    expect(text('campaign-phase')).toBe('自查自纠');
    expect(text('campaign-status')).toBe('已下发');
    expect(text('campaign-focus-areas')).toContain('门诊统筹基金使用');
    expect(text('campaign-cities-text')).toBe('南京市、苏州市');
    // Phase openings recorded by the workflow read as words, not codes.
    expect(text('campaign-history')).toContain('进入新阶段：自查自纠');
    expect(text('campaign-history')).not.toContain('phase_');

    // 方案备案 done, 自查自纠 current, with their dates.
    expect(q('campaign-step-planning')!.className).toContain('ant-steps-item-finish');
    expect(q('campaign-step-self_inspection')!.className).toContain('ant-steps-item-process');
    expect(q('campaign-step-self_inspection')!.textContent).toContain('2027-04-01 ~ 2027-08-31');
    expect(q('campaign-step-summary')!.className).toContain('ant-steps-item-wait');
    expect(q('campaign-step-summary')!.textContent).toContain('2027-11-30 前');

    const total = (key: string) => q(`campaign-total-${key}`)!.querySelector('.ant-statistic-content')!.textContent!.trim();
    expect(total('tasks')).toBe('120');
    expect(total('missing')).toBe('5');
    expect(total('refundedAmount')).toBe('133,000.50');
    expect(q('campaign-total-missing')!.classList).toContain('alert');

    const cityRows = all('campaign-progress-row');
    expect(cityRows.map((r) => r.getAttribute('data-key'))).toEqual(['3201', '3205']);
    // 南京: 70 tasks = 28 on time + 2 late + 3 missing + 37 pending.
    const cells = [...cityRows[0]!.querySelectorAll('td')].map((td) => td.textContent!.trim());
    expect(cells.slice(0, 7)).toEqual(['南京市', '70', '28', '2', '3', '37', '20']);
    expect(cells[7]).toBe('125,000.50');
    // Verified by the handling agencies, and the refunds they verified.
    expect(cells[8]).toBe('98,000.00');
    expect(total('verified')).toBe('25');
    expect(total('refundVerifiedAmount')).toBe('101,000.00');
    expect(text('campaign-scope')).toBe('不限');

    // The pooling regions: each covered agency's own report and its review of the institutions it handles.
    const agencies = all('campaign-agency-row');
    expect(agencies.map((r) => r.getAttribute('data-agency'))).toEqual(['agency-3201', 'agency-320102']);
    expect(agencies[1]!.querySelector('a')!.getAttribute('href')).toBe('/province/campaigns/c1/agency-tasks/a1');
    expect(agencies[1]!.textContent).toContain('县（区）级经办机构');
    expect(agencies[1]!.textContent).toContain('草稿');
    expect(agencies[1]!.querySelector('[data-testid="campaign-agency-verified"]')!.textContent!.trim()).toBe('5');
    expect(agencies[0]!.textContent).toContain('已提交');
    // The province is no agency: no own report or review list here.
    expect(q('campaign-own-agency')).toBeNull();
    expect(q('campaign-progress-table')).not.toBeNull();
    expect(q('campaign-progress-chart')!.querySelector('svg')).not.toBeNull();
    expect(text('campaign-progress-chart-legend')).toContain('按期报送');
    expect(q('campaign-kind-chart')!.textContent).toContain('零售药店');
    expect(all('campaign-kind-row').map((r) => r.querySelector('td')!.textContent!.trim())).toEqual(['医院', '零售药店']);

    const tasks = all('campaign-task-row');
    expect(tasks).toHaveLength(2);
    expect(tasks[0]!.querySelector('a')!.getAttribute('href')).toBe('/province/campaigns/c1/tasks/t1');
    expect(tasks[1]!.textContent).toContain('逾期提交');
    expect(text('campaign-task-total')).toBe('共 2 项');

    // The province files; it gets the summary report, not the edit and assign buttons.
    expect(q('campaign-summary-pdf')).not.toBeNull();
    expect(q('campaign-assign')).toBeNull();
    expect(q('campaign-edit')).toBeNull();
    expect(q('campaign-summary-form')).toBeNull();
  });

  it('shows a restricted scope, and a county agency its own report and its review list', async () => {
    const agency = fakeMe(['county_staff'], { organization: { id: 'agency-320102', name: '南京市玄武区医疗保险管理中心', kind: 'agency' } });
    const { q, text, stable } = await open(fakeCampaignDetail({ ownership: 'public', minLevel: 'secondary' }), agency, 'local');
    http.expectOne('/api/campaigns/c1/progress').flush({ ...fakeProgress(), agencies: [fakeAgencyRow()] });
    http.expectOne(TASKS).flush({
      items: [fakeSelfInspectionTask({ status: 'submitted', submittedAt: '2027-05-02T01:00:00Z', review: fakeReview({ status: 'returned', corrections: 1 }) })],
      total: 1,
    });
    await stable();
    expect(text('campaign-scope')).toBe('二级及以上、公立');
    expect(q('campaign-own-agency')).not.toBeNull();
    expect(q('campaign-own-agency-report')!.getAttribute('href')).toBe('/local/campaigns/c1/agency-tasks/a1');
    expect(q('campaign-own-agency-review')!.getAttribute('href')).toBe('/local/campaigns/c1/review');
    // 8 reported − 5 verified − 1 returned.
    expect(text('campaign-own-agency-review')).toContain('待核实 2');
    expect(text('campaign-task-table')).toContain('退回修改');
    expect(text('campaign-task-table')).toContain('已更正 1 次');
  });

  it('assigns a draft after a confirmation', async () => {
    const draft = fakeCampaignDetail({ status: 'draft', phase: 'draft', assignedAt: null, tasks: { total: 0, submitted: 0, late: 0, missing: 0, verified: 0 } });
    const { q, text, click, confirmOk, stable, tick } = await open(draft);
    await stable();
    // No tasks before assignment: nothing else is asked for.
    http.expectNone('/api/campaigns/c1/progress');
    expect(text('campaign-phase')).toBe('未下发');
    expect(q('campaign-draft-notice')).not.toBeNull();
    expect(q('campaign-edit')!.getAttribute('href')).toBe('/province/campaigns/c1/edit');
    expect(q('campaign-summary-pdf')).toBeNull();
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');

    await click('campaign-assign');
    http.expectNone('/api/campaigns/c1/assign');
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('下发“2027年度定点医药机构专项治理”后方案即报备案');
    await confirmOk();
    const post = http.expectOne('/api/campaigns/c1/assign');
    expect(post.request.method).toBe('POST');
    post.flush({ id: 'c1' });
    await tick();
    expect(success).toHaveBeenCalledWith('已下发，自查自纠任务正在生成');

    // The page shows the assigned campaign.
    http.expectOne('/api/campaigns/c1').flush(fakeCampaignDetail({ phase: 'planning' }));
    await tick();
    http.expectOne('/api/campaigns/c1/progress').flush(fakeProgress());
    http.expectOne(TASKS).flush({ items: [], total: 0 });
    await stable();
    expect(text('campaign-phase')).toBe('方案备案');
    expect(q('campaign-assign')).toBeNull();
  });

  it('lists the missing reports of a city and filters the tasks', async () => {
    const { q, all, setModel, stable, tick } = await open(fakeCampaignDetail({ phase: 'spot_check' }));
    http.expectOne('/api/campaigns/c1/progress').flush(fakeProgress());
    http.expectOne(TASKS).flush({ items: [fakeSelfInspectionTask()], total: 120 });
    await stable();
    expect(q('campaign-missing-table')).toBeNull();

    q('campaign-show-missing')!.click();
    await tick();
    http.expectOne('/api/campaigns/c1/missing?cityCode=3201').flush([
      { institutionId: 'h-2', name: '南京市第二医院', regionCode: '320104', regionName: '秦淮区', kind: 'hospital' },
      { institutionId: 'p-1', name: '老百姓大药房', regionCode: '320102', regionName: '玄武区', kind: 'pharmacy' },
    ]);
    await stable();
    const missing = all('campaign-missing-row');
    expect(missing).toHaveLength(2);
    expect(missing[1]!.textContent).toContain('老百姓大药房');
    expect(missing[1]!.textContent).toContain('零售药店');

    await setModel('list-status', 'missing');
    http.expectOne('/api/self-inspections?campaignId=c1&status=missing&page=1&pageSize=50').flush({ items: [], total: 0 });
    await setModel('campaign-filter-city', '3205');
    http.expectOne('/api/self-inspections?campaignId=c1&cityCode=3205&status=missing&page=1&pageSize=50').flush({ items: [], total: 0 });
    await setModel('campaign-filter-kind', 'pharmacy');
    http.expectOne('/api/self-inspections?campaignId=c1&cityCode=3205&status=missing&kind=pharmacy&page=1&pageSize=50').flush({ items: [], total: 0 });
    await setModel('list-status', null);
    http.expectOne('/api/self-inspections?campaignId=c1&cityCode=3205&kind=pharmacy&page=1&pageSize=50').flush({ items: [], total: 0 });
    await stable();
  });

  it('pages through the tasks', async () => {
    const { el, stable, tick } = await open(fakeCampaignDetail());
    http.expectOne('/api/campaigns/c1/progress').flush(fakeProgress());
    http.expectOne(TASKS).flush({ items: Array.from({ length: 50 }, (_, i) => fakeSelfInspectionTask({ id: `t${i}` })), total: 120 });
    await stable();
    const next = el.querySelector<HTMLElement>('[data-testid="campaign-task-table"] .ant-pagination-next')!;
    next.click();
    await tick();
    http.expectOne('/api/self-inspections?campaignId=c1&page=2&pageSize=50').flush({ items: [], total: 120 });
    await stable();
  });

  it('files the summary in the summary phase', async () => {
    const { q, click, confirmOk, stable, tick } = await open(fakeCampaignDetail({ phase: 'summary' }));
    http.expectOne('/api/campaigns/c1/progress').flush(fakeProgress());
    http.expectOne(TASKS).flush({ items: [], total: 0 });
    await stable();
    const comment = q<HTMLTextAreaElement>('campaign-summary-comment')!;
    comment.value = '全省共退回 13.3 万元';
    comment.dispatchEvent(new Event('input'));
    await click('campaign-file-summary');
    await confirmOk();
    const post = http.expectOne('/api/campaigns/c1/summary');
    expect(post.request.body).toEqual({ comment: '全省共退回 13.3 万元' });
    post.flush({ id: 'c1' });
    await tick();
    http.expectOne('/api/campaigns/c1').flush(fakeCampaignDetail({ status: 'closed', phase: 'closed', summaryFiledAt: '2027-11-20T02:00:00Z' }));
    await tick();
    http.expectOne('/api/campaigns/c1/progress').flush(fakeProgress());
    // The task list stays as it is (same campaign, same filters).
    http.expectNone((r) => r.url === '/api/self-inspections');
    await stable();
    expect(q('campaign-summary-form')).toBeNull();
    expect(q('campaign-step-summary')!.className).toContain('ant-steps-item-finish');
  });

  it('downloads the summary report', async () => {
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:x'), revokeObjectURL: jest.fn() });
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { click, tick } = await open(fakeCampaignDetail(), fakeMe(['leader']), 'leader');
    http.expectOne('/api/campaigns/c1/progress').flush(fakeProgress());
    http.expectOne(TASKS).flush({ items: [], total: 0 });
    await tick();
    await click('campaign-summary-xlsx');
    const get = http.expectOne('/api/campaigns/c1/summary.xlsx');
    expect(get.request.responseType).toBe('blob');
    get.flush(new Blob(['xlsx']));
    await tick();
    expect(clicked).toHaveBeenCalled();
    clicked.mockRestore();
  });

  it('shows a city user its own city, read-only, with its missing reports at hand', async () => {
    const { q, all, stable, tick } = await open(fakeCampaignDetail(), fakeCityReviewer(), 'local');
    const nanjing = fakeProgressRow();
    http.expectOne('/api/campaigns/c1/progress').flush({ ...fakeProgress(), byCity: [nanjing], totals: nanjing });
    http.expectOne(TASKS).flush({ items: [], total: 0 });
    await tick();
    http.expectOne('/api/campaigns/c1/missing?cityCode=3201').flush([]);
    await stable();
    expect(all('campaign-progress-row')).toHaveLength(1);
    expect(q('campaign-missing-table')!.textContent).toContain('该地市没有未报送的机构');
    expect(q('campaign-assign')).toBeNull();
    expect(q('campaign-summary-pdf')).toBeNull();
    expect(q('campaign-summary-form')).toBeNull();
  });

  it('says so when the campaign is not there', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [...provideTestApp({ routes: [{ path: 'province/campaigns/:id', component: CampaignDetailPage, data: { section: 'province' } }] })],
    });
    TestBed.inject(CurrentUser).set(fakeProvinceUser());
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/province/campaigns/zz');
    for (let i = 0; i < 3; i++) await settle();
    http.expectOne('/api/campaigns/zz').flush({ error: { code: 'not_found', message: { zh: '不存在', en: 'not found' } } }, { status: 404, statusText: 'Not Found' });
    await harness.fixture.whenStable();
    expect((harness.routeNativeElement as HTMLElement).querySelector('[data-testid="campaign-not-found"]')).not.toBeNull();
  });
});
