import { Component } from '@angular/core';
import { HttpTestingController } from '@angular/common/http/testing';
import type { Me, Role } from '../core/models';
import { sectionsFor } from '../shell/navigation';
import { fakeMe } from '../testing/fakes';
import { openIdPage } from '../testing/page-harness';
import { contentErrors, daysBetween, reportClock } from './major-case-rules';
import type { MajorCaseReport } from './major-cases-api';
import { majorCaseRoutes } from './major-cases-routes';
import { PublicAttentionFlag } from './public-attention-flag';

const NOW = new Date('2026-12-07T04:00:00.000Z'); // 12:00 in China, 2026-12-07

const bureau = (roles: Role[] = ['county_staff']): Me => fakeMe(roles, { organization: { id: 'bureau-320102', name: '南京市玄武区医疗保障局', kind: 'bureau' } });
const report = (over: Partial<MajorCaseReport> = {}): MajorCaseReport => ({
  id: 'r1', reportNo: 3, caseId: 'c1', outwardTransferId: 'o1', bureau: { id: 'bureau-320102', name: '南京市玄武区医疗保障局' }, trigger: 'police',
  openedOn: '2026-12-02', dueDate: '2026-12-09', discovery: null, facts: null, result: null, basis: null, status: 'open', overdue: false,
  submittedAt: null, sentAt: null, sentBy: null, acknowledgedAt: null, acknowledgedBy: null, can: { submit: false, send: false, acknowledge: false }, ...over,
});

describe('the major-case report clock', () => {
  it('counts the days left to the due day, reminds from day 5 and flags overdue while the report is pending', () => {
    expect(daysBetween('2026-12-02', '2026-12-09')).toBe(7);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(reportClock(report(), '2026-12-06')).toEqual({ daysLeft: 3, pending: true, overdue: false, reminder: false });
    expect(reportClock(report(), '2026-12-07')).toEqual({ daysLeft: 2, pending: true, overdue: false, reminder: true });
    expect(reportClock(report({ status: 'submitted' }), '2026-12-09')).toEqual({ daysLeft: 0, pending: true, overdue: false, reminder: true });
    expect(reportClock(report(), '2026-12-10')).toEqual({ daysLeft: -1, pending: true, overdue: true, reminder: false });
    // the backend's flag counts even before the reader's day turns
    expect(reportClock(report({ overdue: true }), '2026-12-03').overdue).toBe(true);
    // sent in time: neither reminder nor overdue
    expect(reportClock(report({ status: 'sent' }), '2026-12-10')).toMatchObject({ pending: false, overdue: false, reminder: false });
  });

  it('requires each part of the report', () => {
    expect(contentErrors({ discovery: '举报', facts: ' ', result: '', basis: '条例' })).toEqual(['facts', 'result']);
    expect(contentErrors({ discovery: 'a', facts: 'b', result: 'c', basis: 'd' })).toEqual([]);
  });
});

describe('the major-case and national menus', () => {
  const items = (roles: Role[], kind: 'bureau' | 'agency' | 'institution') => sectionsFor(roles, kind).flatMap((s) => s.items.map((i) => `${s.id}/${i.id}`));

  it('offer the reports to the bureaus, the province and leaders, never to agencies or institutions; the inbox to the national overseer only', () => {
    expect(items(['county_staff'], 'bureau')).toContain('local/major-cases');
    expect(items(['county_staff'], 'agency')).not.toContain('local/major-cases');
    expect(items(['province_official'], 'bureau')).toContain('province/major-cases');
    expect(items(['leader'], 'bureau')).toContain('leader/major-cases');
    expect(items(['institution_clerk'], 'institution').some((i) => i.endsWith('/major-cases'))).toBe(false);
    expect(items(['national_overseer'], 'bureau')).toContain('leader/national');
    expect(items(['province_official'], 'bureau')).not.toContain('leader/national');
    expect(items(['leader'], 'bureau')).not.toContain('leader/national');
  });
});

@Component({ selector: 'app-flag-host', imports: [PublicAttentionFlag], template: '<app-public-attention-flag caseId="c1" />' })
class FlagHost {}

describe('the major-case pages', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  async function open(me: Me, url: string) {
    const page = await openIdPage({ url, me, now: NOW, routes: [{ path: 'm', children: majorCaseRoutes }, { path: 'flag', component: FlagHost }, { path: 'major-case-reports/:id', children: [] }, { path: 'enforcement/:id', children: [] }] });
    http = page.http;
    return page;
  }

  it('list the reports with the list convention\'s filters and each report\'s clock', async () => {
    const { el, render } = await open(bureau(), '/m/list?q=玄武&status=open,submitted&sort=-dueDate&page=2');
    const req = http.expectOne((r) => r.url === '/api/major-case-reports');
    expect(req.request.params.toString()).toBe('q=%E7%8E%84%E6%AD%A6&sort=-dueDate&status=open,submitted&page=2&pageSize=20');
    req.flush({ items: [report(), report({ id: 'r2', reportNo: 4, dueDate: '2026-12-06', overdue: true })], total: 22 });
    await render();
    const rows = [...el().querySelectorAll<HTMLElement>('[data-testid="major-case-row"]')];
    expect(rows.map((r) => r.dataset['id'])).toEqual(['r1', 'r2']);
    expect(rows[0]!.textContent).toContain('移送公安机关');
    expect(rows[0]!.querySelector('[data-testid="report-reminder"]')).not.toBeNull();
    expect(rows[0]!.textContent).toContain('剩余 2 天');
    expect(rows[1]!.querySelector('[data-testid="report-overdue"]')).not.toBeNull();
  });

  it('let the bureau write the report: every part required, then submitted', async () => {
    const { has, type, click, render } = await open(bureau(), '/m/report/r1');
    http.expectOne('/api/major-case-reports/r1').flush(report({ can: { submit: true, send: false, acknowledge: false } }));
    await render();
    type('major-case-discovery', '群众举报');
    click('major-case-submit');
    await render();
    expect(['major-case-error-discovery', 'major-case-error-facts', 'major-case-error-basis'].map(has)).toEqual([false, true, true]);
    http.expectNone('/api/major-case-reports/r1/submit');
    type('major-case-facts', '虚构诊疗项目');
    type('major-case-result', '罚款 120 万元');
    type('major-case-basis', '《医疗保障基金使用监督管理条例》第四十条');
    click('major-case-submit');
    await render();
    const post = http.expectOne({ method: 'POST', url: '/api/major-case-reports/r1/submit' });
    expect(post.request.body).toEqual({ discovery: '群众举报', facts: '虚构诊疗项目', result: '罚款 120 万元', basis: '《医疗保障基金使用监督管理条例》第四十条' });
    post.flush(report({ status: 'submitted', discovery: '群众举报', facts: '虚构诊疗项目', result: '罚款 120 万元', basis: '条例' }));
    await render();
    expect(['major-case-form', 'major-case-content'].map(has)).toEqual([false, true]);
  });

  it('let the province send a submitted report (no acknowledge button for it)', async () => {
    const province = await open(bureau(['province_official']), '/m/report/r1');
    http.expectOne('/api/major-case-reports/r1').flush(report({ status: 'submitted', can: { submit: false, send: true, acknowledge: false } }));
    await province.render();
    expect(province.has('major-case-acknowledge')).toBe(false);
    province.click('major-case-send');
    await province.render();
    http.expectOne({ method: 'POST', url: '/api/major-case-reports/r1/send' }).flush(report({ status: 'sent', sentAt: '2026-12-07T03:00:00.000Z', sentBy: '李明华' }));
    await province.render();
    expect(province.el().querySelector('[data-testid="major-case-status"]')!.textContent).toContain('已报送国家医疗保障局');
    expect(province.has('major-case-send')).toBe(false);
  });

  it('flag a case as likely to draw public attention only after a second click, then link the opened report', async () => {
    const { has, click, render } = await open(bureau(), '/flag');
    await render();
    click('case-public-attention');
    await render();
    http.expectNone('/api/major-case-reports');
    expect(has('case-public-attention-confirm-text')).toBe(true);
    click('case-public-attention-confirm');
    await render();
    const post = http.expectOne({ method: 'POST', url: '/api/major-case-reports' });
    expect(post.request.body).toEqual({ caseId: 'c1' });
    post.flush(report({ id: 'r7', trigger: 'public_attention' }));
    await render();
    expect(has('case-public-attention-report')).toBe(true);
  });
});
