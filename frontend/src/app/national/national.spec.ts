import { jest } from '@jest/globals';
import { Component } from '@angular/core';
import { HttpTestingController } from '@angular/common/http/testing';
import type { Me, Role } from '../core/models';
import type { MajorCaseReport } from '../major-cases/major-cases-api';
import { fakeMe } from '../testing/fakes';
import { openIdPage } from '../testing/page-harness';
import { CampaignFilingPanel } from './campaign-filing-panel';
import { byProvince } from './filing-rules';
import type { CampaignFiling } from './national-api';
import { INBOX_SECTIONS } from './inbox-sections';
import { nationalRoutes } from './national-routes';

const NOW = new Date('2026-12-07T04:00:00.000Z');

const overseer = (): Me => fakeMe(['national_overseer'], { regionPath: '/', organization: { id: 'bureau-000000', name: '国家医疗保障局', kind: 'bureau' } } as Partial<Me>);
const province = (roles: Role[] = ['province_official']): Me => fakeMe(roles, { organization: { id: 'bureau-32', name: '江苏省医疗保障局', kind: 'bureau' } });
const NO_ACTIONS = { send: false, acknowledge: false, return: false };
const filing = (over: Partial<CampaignFiling> = {}): CampaignFiling => ({
  id: 'f1', campaignId: 'c1', campaignTitle: '2026年度医保基金使用专项治理', year: 2026, regionPath: '/32/', provinceName: '江苏省医疗保障局', kind: 'plan',
  dueDate: '2026-03-31', status: 'sent', daysLate: 3, late: true, note: '方案见附件', attachmentIds: [], attachments: [], sentAt: '2026-04-03T02:00:00.000Z', sentBy: '李明华',
  sendCount: 1, acknowledgedAt: null, acknowledgedBy: null, returnedAt: null, returnReason: null, actions: NO_ACTIONS, ...over,
});
const report = (over: Partial<MajorCaseReport> = {}): MajorCaseReport => ({
  id: 'r1', reportNo: 3, caseId: 'c1', outwardTransferId: 'o1', bureau: { id: 'bureau-320102', name: '南京市玄武区医疗保障局' }, trigger: 'police',
  openedOn: '2026-12-02', dueDate: '2026-12-09', discovery: 'a', facts: 'b', result: 'c', basis: 'd', status: 'sent', overdue: false,
  submittedAt: null, sentAt: '2026-12-06T02:00:00.000Z', sentBy: '李明华', acknowledgedAt: null, acknowledgedBy: null, can: { submit: false, send: false, acknowledge: true }, ...over,
});

describe('the filings by province', () => {
  it('keep each province\'s latest plan and summary and count what waits and what is late', () => {
    const rows = [
      filing(),
      filing({ id: 'f2', kind: 'summary', dueDate: '2026-11-30', status: 'acknowledged', late: false, daysLate: 0 }),
      filing({ id: 'f3', campaignId: 'c0', dueDate: '2025-03-31', status: 'acknowledged', late: false, daysLate: 0 }),
      filing({ id: null, regionPath: '/33/', provinceName: '浙江省医疗保障局', status: 'not_sent', late: true, daysLate: 250, sentAt: null }),
    ];
    const out = byProvince(rows);
    expect(out.map((p) => [p.regionPath, p.plan?.id, p.summary?.id ?? null, p.waiting, p.late])).toEqual([
      ['/32/', 'f1', 'f2', 1, 1],
      ['/33/', null, null, 0, 1],
    ]);
  });
});

@Component({ selector: 'app-panel-host', imports: [CampaignFilingPanel], template: '<app-campaign-filing-panel campaignId="c1" />' })
class PanelHost {}

@Component({ selector: 'app-fake-section', template: '<p data-testid="fake-section-body">飞行检查</p>' })
class FakeSection {}

describe('the national inbox and the campaign filing panel', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  async function open(me: Me, url: string) {
    const page = await openIdPage({ url, me, now: NOW, routes: [{ path: 'national', children: nationalRoutes }, { path: 'panel', component: PanelHost }, { path: 'major-case-reports/:id', children: [] }, { path: 'province/leads/list', children: [] }],
      // the further sections (flight inspections) load their own data: one stand-in here
      providers: [{ provide: INBOX_SECTIONS, useValue: [{ id: 'flights', titleKey: 'feature.flightInspections', load: () => Promise.resolve(FakeSection) }] }] });
    http = page.http;
    return page;
  }

  function flushInbox(filings: CampaignFiling[], reports: MajorCaseReport[]) {
    const f = http.expectOne((r) => r.url === '/api/campaign-filings');
    expect(f.request.params.toString()).toBe('sort=-dueDate&pageSize=200');
    f.flush({ items: filings, total: filings.length });
    const m = http.expectOne((r) => r.url === '/api/major-case-reports');
    expect(m.request.params.toString()).toBe('view=inbox&sort=-dueDate&pageSize=100');
    m.flush({ items: reports, total: reports.length });
    const l = http.expectOne((r) => r.url === '/api/leads');
    expect(l.request.params.get('view')).toBe('assigned');
    l.flush({ items: [{ status: 'investigating' }, { status: 'investigating' }, { status: 'closed' }], total: 3 });
  }

  it('show the overseer each province\'s filings with the days late, and acknowledge one', async () => {
    const { el, click, render, tick } = await open(overseer(), '/national');
    flushInbox([filing({ actions: { send: false, acknowledge: true, return: true } })], []);
    await render();
    const row = el().querySelector<HTMLElement>('[data-testid="national-filing-row"]')!;
    expect([row.dataset['kind'], row.dataset['status']]).toEqual(['plan', 'sent']);
    expect(row.textContent).toContain('逾期 3 天');
    expect(el().querySelector('[data-testid="national-province-row"]')!.textContent).toContain('江苏省医疗保障局');
    expect(el().querySelector('[data-testid="national-leads"]')!.textContent).toContain('2');
    expect(el().querySelector('[data-testid="national-section-flights"]')!.textContent).toContain('飞行检查');
    expect(el().querySelector('[data-testid="fake-section-body"]')).not.toBeNull();
    click('national-filing-ack');
    await render();
    http.expectOne({ method: 'POST', url: '/api/campaign-filings/f1/acknowledge' }).flush(filing({ status: 'acknowledged' }));
    await tick();
    http.expectOne((r) => r.url === '/api/campaign-filings').flush({ items: [filing({ status: 'acknowledged' })], total: 1 });
    await render();
    expect(el().querySelector<HTMLElement>('[data-testid="national-filing-row"]')!.dataset['status']).toBe('acknowledged');
    expect(el().querySelector('[data-testid="national-filing-ack"]')).toBeNull();
  });

  it('return a filing only with a reason', async () => {
    const { has, type, click, render, tick } = await open(overseer(), '/national');
    flushInbox([filing({ actions: { send: false, acknowledge: true, return: true } })], []);
    await render();
    click('national-filing-return');
    await render();
    click('national-filing-return-confirm');
    await render();
    expect(has('national-filing-return-error')).toBe(true);
    http.expectNone('/api/campaign-filings/f1/return');
    type('national-filing-return-reason', '缺少工作进度安排');
    click('national-filing-return-confirm');
    await render();
    const post = http.expectOne({ method: 'POST', url: '/api/campaign-filings/f1/return' });
    expect(post.request.body).toEqual({ reason: '缺少工作进度安排' });
    post.flush(filing({ status: 'returned', returnReason: '缺少工作进度安排' }));
    await tick();
    http.expectOne((r) => r.url === '/api/campaign-filings').flush({ items: [filing({ status: 'returned', returnReason: '缺少工作进度安排' })], total: 1 });
  });

  it('acknowledge a major-case report the province sent', async () => {
    const { el, click, render, tick } = await open(overseer(), '/national');
    flushInbox([], [report(), report({ id: 'r2', reportNo: 4, status: 'open', overdue: true, can: { submit: false, send: false, acknowledge: false } })]);
    await render();
    const rows = [...el().querySelectorAll<HTMLElement>('[data-testid="national-report-row"]')];
    expect(rows.map((r) => r.dataset['status'])).toEqual(['sent', 'open']);
    expect(rows[1]!.querySelector('[data-testid="report-overdue"]')).not.toBeNull();
    expect(rows[1]!.querySelector('[data-testid="national-report-ack"]')).toBeNull();
    click('national-report-ack');
    await render();
    http.expectOne({ method: 'POST', url: '/api/major-case-reports/r1/acknowledge' }).flush(report({ status: 'acknowledged' }));
    await tick();
    http.expectOne((r) => r.url === '/api/major-case-reports').flush({ items: [report({ status: 'acknowledged', can: { submit: false, send: false, acknowledge: false } })], total: 1 });
    await render();
    expect(el().querySelector<HTMLElement>('[data-testid="national-report-row"]')!.dataset['status']).toBe('acknowledged');
  });

  it('let the province send its plan from the campaign page, with the note', async () => {
    const { el, has, type, click, render, tick } = await open(province(), '/panel');
    const list = http.expectOne((r) => r.url === '/api/campaign-filings');
    expect(list.request.params.toString()).toBe('campaignId=c1&sort=kind');
    list.flush({ items: [
      filing({ id: null, status: 'not_sent', sentAt: null, sentBy: null, note: null, actions: { send: true, acknowledge: false, return: false } }),
      filing({ id: null, kind: 'summary', dueDate: '2026-11-30', status: 'not_sent', late: false, daysLate: 0, sentAt: null, actions: { send: true, acknowledge: false, return: false } }),
    ], total: 2 });
    await render();
    expect(has('campaign-filing-send-plan')).toBe(true);
    // the summary is sent by the campaign's own 总结上报 form, not twice here
    expect(has('campaign-filing-send-summary')).toBe(false);
    expect(el().querySelector('[data-testid="campaign-filing-late"]')!.textContent).toContain('逾期 3 天');
    type('campaign-filing-note-plan', '方案全文见附件');
    click('campaign-filing-send-plan');
    await render();
    const post = http.expectOne({ method: 'POST', url: '/api/campaigns/c1/filings/plan' });
    expect(post.request.body).toEqual({ note: '方案全文见附件', attachmentIds: [] });
    post.flush(filing());
    await tick();
    http.expectOne((r) => r.url === '/api/campaign-filings').flush({ items: [filing()], total: 1 });
  });

  it('let the province attach the plan\'s documents: uploaded first (the send waits for them), sent as attachmentIds', async () => {
    const { el, click, render, tick } = await open(province(), '/panel');
    http.expectOne((r) => r.url === '/api/campaign-filings').flush({ items: [
      filing({ id: null, status: 'not_sent', sentAt: null, sentBy: null, note: null, actions: { send: true, acknowledge: false, return: false } }),
    ], total: 1 });
    await render();
    const picker = el().querySelector<HTMLInputElement>('[data-testid="campaign-filing-plan-upload"]')!;
    Object.defineProperty(picker, 'files', { value: [new File([new Uint8Array(2048)], '2026年专项治理方案.pdf')], configurable: true });
    picker.dispatchEvent(new Event('change'));
    await tick();
    const upload = http.expectOne({ method: 'POST', url: '/api/attachments' });
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    expect(el().querySelector<HTMLButtonElement>('[data-testid="campaign-filing-send-plan"]')!.disabled).toBe(true);
    upload.flush({ id: 'a1', filename: '2026年专项治理方案.pdf', contentType: 'application/pdf', sizeBytes: 2048, sha256: 'x', createdAt: '2026-12-07T00:00:00Z' });
    await render();
    expect(el().querySelector('[data-testid="campaign-filing-plan-file"]')!.textContent).toContain('2026年专项治理方案.pdf');
    const send = el().querySelector<HTMLButtonElement>('[data-testid="campaign-filing-send-plan"]')!;
    expect(send.disabled).toBe(false);
    click('campaign-filing-send-plan');
    await render();
    const post = http.expectOne({ method: 'POST', url: '/api/campaigns/c1/filings/plan' });
    expect(post.request.body).toEqual({ note: null, attachmentIds: ['a1'] });
    const sent = filing({ attachmentIds: ['a1'], attachments: [{ id: 'a1', filename: '2026年专项治理方案.pdf' }] });
    post.flush(sent);
    await tick();
    http.expectOne((r) => r.url === '/api/campaign-filings').flush({ items: [sent], total: 1 });
    await render();
    expect(el().querySelector('[data-testid="campaign-filing-file-plan-0"]')!.textContent).toContain('2026年专项治理方案.pdf');
  });

  it('let the overseer download a filing\'s documents and export the filings (报送台账) with the bearer token', async () => {
    const { el, click, render } = await open(overseer(), '/national');
    flushInbox([filing({ attachmentIds: ['a1'], attachments: [{ id: 'a1', filename: '方案.pdf' }] })], []);
    await render();
    const createObjectURL = jest.fn(() => 'blob:file');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const saved: string[] = [];
    const anchorClick = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { saved.push(this.download); });
    try {
      const link = el().querySelector<HTMLElement>('[data-testid="national-filing-file-0"]')!;
      expect(link.textContent).toContain('方案.pdf');
      expect(link.getAttribute('aria-label')).toBe('下载附件“方案.pdf”');
      click('national-filing-file-0');
      await render();
      const file = http.expectOne('/api/attachments/a1');
      expect([file.request.method, file.request.responseType, file.request.headers.get('Authorization')]).toEqual(['GET', 'blob', 'Bearer fake-access-token']);
      file.flush(new Blob(['%PDF']));
      await render();

      click('national-filings-export');
      await render();
      const xlsx = http.expectOne((r) => r.url === '/api/campaign-filings/export.xlsx');
      expect([xlsx.request.params.toString(), xlsx.request.responseType]).toEqual(['sort=-dueDate', 'blob']);
      xlsx.flush(new Blob(['xlsx']), { headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E6%8A%A5%E9%80%81.xlsx" } });
      await render();
      expect(saved).toEqual(['方案.pdf', '报送.xlsx']);
    } finally {
      anchorClick.mockRestore();
    }
  });

  it('load nothing for a city or county user (the API refuses them)', async () => {
    const { has, render } = await open(fakeMe(['county_staff']), '/panel');
    await render();
    http.expectNone((r) => r.url === '/api/campaign-filings');
    expect(has('campaign-filings')).toBe(false);
  });
});
