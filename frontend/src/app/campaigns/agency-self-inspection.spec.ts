import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NzMessageService } from 'ng-zorro-antd/message';
import type { Me } from '../core/models';
import { openRoutedPage } from '../testing/page-harness';
import { PLAN_NOW, fakeMe, fakeProvinceUser } from '../testing/fakes';
import { AgencySelfInspectionPage, countProblem } from './agency-self-inspection';
import { fakeAgencyTask } from './campaign-fakes';
import type { AgencySelfInspectionTask } from './campaigns-api';

const xuanwuAgency = (): Me =>
  fakeMe(['county_staff'], { organization: { id: 'agency-320102', name: '南京市玄武区医疗保险管理中心', kind: 'agency' } });
const nanjingAgency = (): Me =>
  fakeMe(['city_agency_staff'], { organization: { id: 'agency-3201', name: '南京市医疗保险基金管理中心', kind: 'agency' } });

describe('countProblem', () => {
  it.each<[string, string | null]>([
    ['', null],
    ['0', null],
    ['42', null],
    [' 7 ', null],
    ['-1', 'campaignAgency.countInvalid'],
    ['1.5', 'campaignAgency.countInvalid'],
    ['abc', 'campaignAgency.countInvalid'],
  ])('%j → %s', (text, expected) => {
    expect(countProblem(text)).toBe(expected);
  });
});

describe('The region\'s own self-inspection report (agency)', () => {
  let http: HttpTestingController;

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((n) => (n.innerHTML = ''));
  });

  async function open(task: AgencySelfInspectionTask, me: Me = xuanwuAgency(), section = 'local') {
    const page = await openRoutedPage({
      url: `/${section}/campaigns/c1/agency-tasks/a1`,
      routes: [{ path: `${section}/campaigns/:campaignId/agency-tasks/:id`, component: AgencySelfInspectionPage, data: { section } }],
      me,
      now: PLAN_NOW,
    });
    http = page.http;
    http.expectOne('/api/agency-self-inspections/a1').flush(task);
    await page.stable();
    return page;
  }

  it('shows the region\'s institutions next to the form, and copies their verified figures in', async () => {
    const { q, text, click } = await open(fakeAgencyTask());
    expect(text('agency-report-heading')).toBe('南京市玄武区医疗保险管理中心：本地区自查工作报告');
    expect(text('agency-report-agency')).toContain('县（区）级经办机构');
    expect(text('agency-report-region-verified')).toBe('5');
    expect(q('agency-report-review')!.getAttribute('href')).toBe('/local/campaigns/c1/review');
    // Never saved: empty fields, not zeros nobody typed.
    expect(q<HTMLInputElement>('agency-report-checked')!.value).toBe('');
    await click('agency-report-fill');
    expect(q<HTMLInputElement>('agency-report-checked')!.value).toBe('5');
    expect(q<HTMLInputElement>('agency-report-problems')!.value).toBe('6');
    expect(q<HTMLInputElement>('agency-report-problem-amount')!.value).toBe('9100');
    expect(q<HTMLInputElement>('agency-report-refund')!.value).toBe('4200');
  });

  it('refuses malformed figures, needs a report to submit, then saves and submits after a confirmation', async () => {
    const { q, text, type, click, confirmOk, stable, tick } = await open(fakeAgencyTask());
    const error = jest.spyOn(TestBed.inject(NzMessageService), 'error');
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');
    await type('agency-report-problem-amount', '1.234');
    expect(text('agency-report-problem-amount-error')).toBe('金额须为不小于 0 的数字，最多两位小数。');
    await click('agency-report-save');
    http.expectNone('/api/agency-self-inspections/a1');
    expect(error).toHaveBeenLastCalledWith('请先修正数字和问题列表中的错误。');
    await type('agency-report-problem-amount', '35800.5');
    await click('agency-report-submit');
    expect(q('agency-report-text-error')).not.toBeNull();
    expect(document.querySelector('.ant-modal-confirm')).toBeNull();

    await type('agency-report-text', '组织辖区机构开展自查，逐一核实自查报告。');
    await type('agency-report-checked', '42');
    await type('agency-report-problems', '7');
    await type('agency-report-refund', '21000');
    await click('agency-report-issue-add');
    await type('agency-report-issue-area-0', '内审制度不健全');
    await type('agency-report-issue-description-0', '稽核复核记录不完整');
    await type('agency-report-issue-rectification-0', '已补建复核台账');
    await click('agency-report-submit');
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('报送上级医保部门');
    await confirmOk();

    const put = http.expectOne('/api/agency-self-inspections/a1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      report: '组织辖区机构开展自查，逐一核实自查报告。',
      institutionsChecked: 42, problemsFound: 7, problemAmount: 35800.5, refundedAmount: 21000,
      issues: [{ area: '内审制度不健全', description: '稽核复核记录不完整', rectification: '已补建复核台账' }],
      attachmentIds: [],
    });
    put.flush(fakeAgencyTask({ status: 'draft', ...put.request.body }));
    await tick();
    const post = http.expectOne('/api/agency-self-inspections/a1/submit');
    post.flush(fakeAgencyTask({ status: 'submitted', ...put.request.body, submittedAt: '2027-05-10T02:05:00Z' }));
    await stable();
    expect(success).toHaveBeenCalledWith('本地区自查工作报告已提交');
    expect(q('agency-report-text')).toBeNull();
    expect(text('agency-report-view')).toBe('组织辖区机构开展自查，逐一核实自查报告。');
    expect(text('agency-report-checked-view')).toBe('42');
    expect(text('agency-report-refund-view')).toBe('21,000.00');
    expect(q('agency-report-issues-view')!.textContent).toContain('已补建复核台账');
  });

  it('keeps the backend\'s refusal on the page', async () => {
    const { text, click, confirmOk, stable } = await open(fakeAgencyTask({ status: 'draft', report: '已自查', campaignPhase: 'planning' }));
    expect(text('agency-report-phase-notice')).toContain('自查自纠将于 2027-04-01 开始');
    await click('agency-report-submit');
    await confirmOk();
    http.expectOne('/api/agency-self-inspections/a1/submit').flush(
      { error: { code: 'self_inspection_not_open', message: { zh: '自查自纠阶段尚未开始，可先保存草稿', en: 'not open yet' } } },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(text('agency-report-refusal')).toBe('自查自纠阶段尚未开始，可先保存草稿');
  });

  it('is read-only for another agency (the city reading its county\'s report) and for the province', async () => {
    const draft = fakeAgencyTask({ status: 'draft', report: '草稿内容', institutionsChecked: 3 });
    const city = await open(draft, nanjingAgency());
    expect(city.q('agency-report-text')).toBeNull();
    expect(city.q('agency-report-review')).toBeNull();
    expect(city.text('agency-report-view')).toBe('草稿内容');
    expect(city.q('agency-report-back')!.getAttribute('href')).toBe('/local/campaigns/c1');
    http.verify();
    TestBed.resetTestingModule();
    const province = await open(draft, fakeProvinceUser(), 'province');
    expect(province.q('agency-report-text')).toBeNull();
    expect(province.text('agency-report-checked-view')).toBe('3');
  });
});
