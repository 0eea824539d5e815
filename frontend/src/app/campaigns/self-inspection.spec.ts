import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NgModel } from '@angular/forms';
import { By } from '@angular/platform-browser';
import type { NzSelectComponent } from 'ng-zorro-antd/select';
import type { Routes } from '@angular/router';
import { NzMessageService } from 'ng-zorro-antd/message';
import type { Me } from '../core/models';
import { openRoutedPage } from '../testing/page-harness';
import { PLAN_NOW, fakeMe, fakeProvinceUser } from '../testing/fakes';
import { fakeReview, fakeSelfInspectionTask } from './campaign-fakes';
import type { SelfInspectionTask } from './campaigns-api';
import { SelfInspectionList } from './self-inspection-list';
import { SelfInspectionTaskPage, amountProblem } from './self-inspection-task';

const clerk = (): Me =>
  fakeMe(['institution_clerk'], { organization: { id: 'h-1', name: '南京市第一医院', kind: 'institution' } });

const conflict = (code: string, zh: string, en: string) => ({ error: { code, message: { zh, en } } });

describe('amountProblem', () => {
  it.each<[string, boolean, string | null]>([
    ['', false, null],
    ['', true, 'selfInspection.amountRequired'],
    ['0', true, null],
    ['1200', true, null],
    ['1200.5', true, null],
    ['1200.50', true, null],
    [' 3.1 ', true, null],
    ['-1', true, 'selfInspection.amountInvalid'],
    ['1.234', true, 'selfInspection.amountInvalid'],
    ['1e3', true, 'selfInspection.amountInvalid'],
    ['1,200', true, 'selfInspection.amountInvalid'],
    ['1234567890123', true, 'selfInspection.amountInvalid'],
  ])('%j (required: %s) → %s', (text, required, expected) => {
    expect(amountProblem(text, required)).toBe(expected);
  });
});

describe('Self-inspection (institution)', () => {
  let http: HttpTestingController;

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((n) => (n.innerHTML = ''));
  });

  async function boot(url: string, routes: Routes, me: Me) {
    const page = await openRoutedPage({ url, routes, me, now: PLAN_NOW });
    http = page.http;
    return page;
  }

  /** The institution's task page, answered with `task`. */
  async function openTask(task: SelfInspectionTask, me: Me = clerk()) {
    const page = await boot('/institution/self-inspection/t1', [{ path: 'institution/self-inspection/:id', component: SelfInspectionTaskPage, data: { section: 'institution' } }], me);
    http.expectOne('/api/self-inspections/t1').flush(task);
    await page.stable();
    return page;
  }

  it('lists the institution’s tasks with the days left', async () => {
    const { all, stable } = await boot('/institution/self-inspection', [{ path: 'institution/self-inspection', component: SelfInspectionList, data: { section: 'institution' } }], clerk());
    http.expectOne('/api/self-inspections?page=1&pageSize=50').flush({
      items: [
        fakeSelfInspectionTask(),
        fakeSelfInspectionTask({
          id: 't2', campaignTitle: '2026年度专项治理', campaignPhase: 'closed', selfInspectionStart: '2026-04-01', selfInspectionEnd: '2026-08-31',
          status: 'submitted', late: true, submittedAt: '2026-09-10T02:00:00Z', review: fakeReview({ status: 'returned' }),
        }),
      ],
      total: 2,
    });
    await stable();
    const rows = all('self-inspection-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('2027年度定点医药机构专项治理');
    expect(rows[0]!.textContent).toContain('2027-04-01 ~ 2027-08-31');
    expect(rows[0]!.querySelector('[data-testid="campaign-phase"]')!.textContent).toContain('自查自纠');
    expect(rows[0]!.querySelector('[data-testid="self-inspection-status"]')!.textContent).toContain('待填报');
    // 10 May to 31 August.
    expect(rows[0]!.querySelector('[data-testid="self-inspection-countdown"]')!.textContent).toContain('距截止还有 113 天');
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toBe('/institution/self-inspection/t1');
    expect(rows[1]!.querySelector('[data-testid="self-inspection-status"]')!.textContent).toContain('已提交');
    expect(rows[1]!.querySelector('[data-testid="self-inspection-late"]')!.textContent).toContain('逾期提交');
    expect(rows[1]!.querySelector('[data-testid="self-inspection-countdown"]')).toBeNull();
    // Returned by its handling agency: the institution sees it has to correct the report.
    expect(rows[1]!.querySelector('[data-testid="review-status"]')!.textContent).toContain('退回修改');
    expect(rows[0]!.querySelector('[data-testid="review-status"]')!.getAttribute('data-status')).toBe('none');
  });

  it('checks the amounts as they are typed and refuses to save malformed ones', async () => {
    const { q, text, type, click } = await openTask(fakeSelfInspectionTask());
    const error = jest.spyOn(TestBed.inject(NzMessageService), 'error');
    expect(text('self-inspection-status')).toBe('待填报');
    expect(q<HTMLInputElement>('self-inspection-refund')!.value).toBe('');

    await type('self-inspection-refund', '-5');
    expect(text('self-inspection-refund-error')).toBe('金额须为不小于 0 的数字，最多两位小数。');
    await type('self-inspection-refund', '12.345');
    expect(q('self-inspection-refund-error')).not.toBeNull();
    await click('self-inspection-save');
    http.expectNone('/api/self-inspections/t1');
    expect(error).toHaveBeenLastCalledWith('请先修正金额和问题列表中的错误。');

    await type('self-inspection-refund', '12.34');
    expect(q('self-inspection-refund-error')).toBeNull();

    // An issue row needs a description and a well-formed amount.
    await click('self-inspection-issue-add');
    await type('self-inspection-issue-amount-0', '3.999');
    expect(text('self-inspection-issue-amount-error-0')).toBe('金额须为不小于 0 的数字，最多两位小数。');
    await click('self-inspection-save');
    http.expectNone('/api/self-inspections/t1');
    expect(q('self-inspection-issues')!.textContent).toContain('请填写问题描述。');
    await click('self-inspection-issue-remove-0');
    expect(q('self-inspection-issues')).toBeNull();
  });

  it('saves the draft with the report, the amounts, the issues and the evidence', async () => {
    const { harness, q, text, type, click, stable, tick } = await openTask(fakeSelfInspectionTask({ attachmentIds: ['a-0'] }));
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');
    await type('self-inspection-report', '对照治理重点逐项自查。');
    await type('self-inspection-refund', '1200.5');
    await click('self-inspection-issue-add');
    // 治理重点: one of the campaign's own focus areas, picked from a list (issue 16).
    const focus = harness.fixture.debugElement.query(By.css('[data-testid="self-inspection-issue-focus-0"]'));
    expect(focus.nativeElement.tagName).toBe('NZ-SELECT');
    expect((focus.componentInstance as NzSelectComponent).listOfNzOptionComponent.map((o) => o.nzLabel)).toEqual([
      '二级及以上公立医疗机构：分解收费、超标准收费、重复收费、套用项目收费、不合理诊疗',
      '门诊统筹基金使用',
    ]);
    focus.injector.get(NgModel).viewToModelUpdate('门诊统筹基金使用');
    await stable();
    await type('self-inspection-issue-description-0', '串换耗材 3 例');
    await type('self-inspection-issue-amount-0', '860');
    expect(text('self-inspection-evidence-saved')).toBe('已保存 1 个附件');

    const picker = q<HTMLInputElement>('self-inspection-upload')!;
    const file = new File(['%PDF-1.7'], '自查报告.pdf', { type: 'application/pdf' });
    Object.defineProperty(picker, 'files', { value: [file], configurable: true });
    picker.dispatchEvent(new Event('change'));
    await tick();
    const upload = http.expectOne('/api/attachments');
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    upload.flush({ id: 'a-1', filename: '自查报告.pdf', contentType: 'application/pdf', sizeBytes: 2048, sha256: 'x', createdAt: '2027-05-10T02:00:00Z' });
    await stable();
    expect(text('self-inspection-file-0')).toContain('自查报告.pdf');

    await click('self-inspection-save');
    const put = http.expectOne('/api/self-inspections/t1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      report: '对照治理重点逐项自查。',
      refundedAmount: 1200.5,
      issues: [{ focus: '门诊统筹基金使用', description: '串换耗材 3 例', amount: 860 }],
      attachmentIds: ['a-0', 'a-1'],
    });
    put.flush(fakeSelfInspectionTask({ status: 'draft', ...put.request.body }));
    await stable();
    expect(success).toHaveBeenCalledWith('草稿已保存');
    expect(text('self-inspection-status')).toBe('草稿');
    expect(text('self-inspection-evidence-saved')).toBe('已保存 2 个附件');
    expect(q('self-inspection-file-0')).toBeNull();
    expect(q<HTMLInputElement>('self-inspection-refund')!.value).toBe('1200.50');
  });

  it('needs a report to submit', async () => {
    const { q, click } = await openTask(fakeSelfInspectionTask());
    await click('self-inspection-submit');
    expect(q('self-inspection-report-error')).not.toBeNull();
    expect(document.querySelector('.ant-modal-confirm')).toBeNull();
    http.expectNone((r) => r.url.startsWith('/api/self-inspections/t1'));
  });

  it('saves unsaved changes, submits after a confirmation and then shows the report read-only', async () => {
    const { q, text, type, click, confirmOk, stable, tick } = await openTask(fakeSelfInspectionTask({ status: 'draft', report: '初稿', refundedAmount: 10 }));
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');
    await type('self-inspection-report', '对照治理重点逐项自查，未发现问题。');
    await click('self-inspection-submit');
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('提交后不能再修改');
    await confirmOk();

    const put = http.expectOne('/api/self-inspections/t1');
    expect(put.request.body.report).toBe('对照治理重点逐项自查，未发现问题。');
    expect(put.request.body.refundedAmount).toBe(10);
    put.flush(fakeSelfInspectionTask({ status: 'draft', report: put.request.body.report, refundedAmount: 10 }));
    await tick();
    const post = http.expectOne('/api/self-inspections/t1/submit');
    expect(post.request.method).toBe('POST');
    post.flush(
      fakeSelfInspectionTask({ status: 'submitted', report: '对照治理重点逐项自查，未发现问题。', refundedAmount: 10, submittedAt: '2027-05-10T02:05:00Z' }),
    );
    await stable();

    expect(success).toHaveBeenCalledWith('自查报告已提交');
    expect(text('self-inspection-status')).toBe('已提交');
    expect(q('self-inspection-report')).toBeNull();
    expect(q('self-inspection-refund')).toBeNull();
    expect(q('self-inspection-save')).toBeNull();
    expect(q('self-inspection-submit')).toBeNull();
    expect(text('self-inspection-report-view')).toBe('对照治理重点逐项自查，未发现问题。');
    expect(text('self-inspection-refund-view')).toBe('10.00');
    expect(text('self-inspection-submitted-at')).toBe('2027-05-10 10:05');
    expect(q('self-inspection-countdown')).toBeNull();
  });

  it('submits a saved report without saving it again', async () => {
    const { click, confirmOk, stable } = await openTask(fakeSelfInspectionTask({ status: 'draft', report: '已自查', issues: [{ focus: '', description: '挂床', amount: 120.5 }] }));
    await click('self-inspection-submit');
    await confirmOk();
    http.expectOne('/api/self-inspections/t1/submit').flush(fakeSelfInspectionTask({ status: 'submitted', report: '已自查', submittedAt: '2027-05-10T02:05:00Z' }));
    await stable();
  });

  it('shows the server’s refusal when self-inspection is not open yet', async () => {
    const { q, text, click, confirmOk, stable } = await openTask(fakeSelfInspectionTask({ status: 'draft', report: '已自查', campaignPhase: 'planning' }));
    expect(text('self-inspection-phase-notice')).toContain('自查自纠将于 2027-04-01 开始');
    await click('self-inspection-submit');
    await confirmOk();
    http
      .expectOne('/api/self-inspections/t1/submit')
      .flush(conflict('self_inspection_not_open', '自查自纠尚未开始，暂不能提交', 'Self-inspection has not opened yet'), { status: 409, statusText: 'Conflict' });
    await stable();
    expect(text('self-inspection-refusal')).toBe('自查自纠尚未开始，暂不能提交');
    // Still a draft, still editable.
    expect(q('self-inspection-report')).not.toBeNull();
    expect(text('self-inspection-status')).toBe('草稿');
  });

  it('shows the refusal when the phase closed meanwhile, and reloads a task submitted elsewhere', async () => {
    const { text, click, confirmOk, stable, tick } = await openTask(fakeSelfInspectionTask({ status: 'missing', report: '已自查', campaignPhase: 'spot_check' }));
    expect(text('self-inspection-phase-notice')).toContain('现在提交将记为逾期提交');
    expect(text('self-inspection-status')).toContain('未按期报送');
    await click('self-inspection-submit');
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('将记为逾期提交');
    await confirmOk();
    http
      .expectOne('/api/self-inspections/t1/submit')
      .flush(conflict('self_inspection_submitted', '该自查报告已提交', 'Already submitted'), { status: 409, statusText: 'Conflict' });
    await tick();
    http.expectOne('/api/self-inspections/t1').flush(fakeSelfInspectionTask({ status: 'submitted', report: '已自查', late: true, submittedAt: '2027-09-03T02:00:00Z' }));
    await stable();
    expect(text('self-inspection-refusal')).toBe('该自查报告已提交');
    expect(text('self-inspection-late')).toBe('逾期提交');
  });

  it('is read-only once the campaign is past the spot-checks', async () => {
    const { q, text } = await openTask(fakeSelfInspectionTask({ status: 'missing', campaignPhase: 'summary' }));
    expect(text('self-inspection-phase-notice')).toContain('自查自纠已截止');
    expect(q('self-inspection-submit')).toBeNull();
    expect(text('self-inspection-report-view')).toBe('未填写自查情况');
  });

  it('a report returned by the handling agency: the institution reads what to correct, corrects and resubmits', async () => {
    const returned = fakeSelfInspectionTask({
      status: 'submitted', report: '已自查', refundedAmount: 1500.5, submittedAt: '2027-05-02T01:00:00Z',
      review: fakeReview({
        status: 'returned', comment: '请补充退回资金的缴款凭证', reviewedBy: '玄武区经办', reviewedAt: '2027-05-08T02:00:00Z',
        history: [{ at: '2027-05-08T02:00:00Z', action: 'returned', by: '玄武区经办', comment: '请补充退回资金的缴款凭证', refundConfirmed: null, refundAmount: null }],
      }),
    });
    const { q, text, type, click, confirmOk, stable, tick } = await openTask(returned);
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');
    expect(text('self-inspection-handling-agency')).toBe('南京市玄武区医疗保险管理中心');
    expect(text('review-status')).toBe('退回修改');
    expect(text('self-inspection-returned')).toContain('请补充退回资金的缴款凭证');
    expect(text('self-inspection-review-history')).toContain('退回修改 · 玄武区经办');
    // Submitted, yet open again for the correction.
    expect(q('self-inspection-report')).not.toBeNull();
    expect(q('self-inspection-phase-notice')).toBeNull();

    await type('self-inspection-refund', '1800');
    await click('self-inspection-submit');
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('再次报送经办机构核实');
    await confirmOk();
    const put = http.expectOne('/api/self-inspections/t1');
    expect(put.request.body.refundedAmount).toBe(1800);
    put.flush({ ...returned, refundedAmount: 1800 });
    await tick();
    http.expectOne('/api/self-inspections/t1/submit').flush({ ...returned, refundedAmount: 1800, review: fakeReview({ status: 'awaiting', corrections: 1, comment: '请补充退回资金的缴款凭证' }) });
    await stable();
    expect(success).toHaveBeenCalledWith('更正后的自查报告已重新提交');
    expect(text('review-status')).toContain('待核实');
    expect(text('review-corrections')).toBe('已更正 1 次');
    expect(q('self-inspection-report')).toBeNull();
    expect(q('self-inspection-returned')).toBeNull();
  });

  it('shows the agency the verification and the refund verified, and sends its handling agency to the review list', async () => {
    const agency = fakeMe(['county_staff'], { organization: { id: 'agency-320102', name: '南京市玄武区医疗保险管理中心', kind: 'agency' } });
    const { q, text, stable } = await boot(
      '/local/campaigns/c1/tasks/t1',
      [{ path: 'local/campaigns/:campaignId/tasks/:id', component: SelfInspectionTaskPage, data: { section: 'local' } }],
      agency,
    );
    http.expectOne('/api/self-inspections/t1').flush(fakeSelfInspectionTask({
      status: 'submitted', report: '已自查', submittedAt: '2027-05-02T01:00:00Z',
      review: fakeReview({
        status: 'verified', comment: '凭证齐全', refundConfirmed: true, refundVerifiedAmount: 1800,
        history: [{ at: '2027-05-09T02:00:00Z', action: 'verified', by: 'xw.staff', comment: '凭证齐全', refundConfirmed: true, refundAmount: 1800 }],
      }),
    }));
    await stable();
    expect(text('review-status')).toBe('已核实');
    expect(text('self-inspection-refund-verified')).toBe('1,800.00');
    expect(text('self-inspection-review-comment')).toContain('凭证齐全');
    expect(text('self-inspection-review-history')).toContain('核实退回 1,800.00 元');
    expect(q('self-inspection-go-review')!.getAttribute('href')).toBe('/local/campaigns/c1/review');
    expect(q('self-inspection-report')).toBeNull();
  });

  it('lets the province read an institution’s report from the campaign', async () => {
    const { q, text, stable } = await boot(
      '/province/campaigns/c1/tasks/t1',
      [{ path: 'province/campaigns/:campaignId/tasks/:id', component: SelfInspectionTaskPage, data: { section: 'province' } }],
      fakeProvinceUser(),
    );
    http.expectOne('/api/self-inspections/t1').flush(fakeSelfInspectionTask({ status: 'draft', report: '草稿内容' }));
    await stable();
    expect(q('self-inspection-report')).toBeNull();
    expect(q('self-inspection-phase-notice')).toBeNull();
    expect(text('self-inspection-report-view')).toBe('草稿内容');
    expect(q('self-inspection-back')!.getAttribute('href')).toBe('/province/campaigns/c1');
    // Not the handling agency: no way to the review list.
    expect(q('self-inspection-go-review')).toBeNull();
  });
});
