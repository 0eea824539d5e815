import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { NzMessageService } from 'ng-zorro-antd/message';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { openRoutedPage } from '../testing/page-harness';
import { TranslationService } from '../i18n/translation';
import { fakeProvinceUser, provideTestApp } from '../testing/fakes';
import type { MonthlyReportSection } from './monthly-report-access';
import {
  MR_AFTER_DUE,
  MR_NOW,
  cityAgencyStaff,
  cityBureauStaff,
  cityLeader,
  countyBureauStaff,
  countyLeader,
  fakeAuto,
  fakeManual,
  fakeReport,
} from './monthly-report-fakes';
import { manualDraftOf, manualFieldOf, manualOf, manualProblem } from './monthly-report-form';
import { countdownOf, dueDateOf, monthParamOf, reportMonthOf } from './monthly-report-labels';
import { MonthlyReportPage } from './monthly-report-page';
import type { MonthlyReportDetail } from './monthly-reports-api';
import { CLOCK } from '../core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const apiError = (code: string, zh: string, en: string, details?: Record<string, unknown>) => ({ error: { code, message: { zh, en }, details } });

describe('Monthly report form rules', () => {
  it.each<[Parameters<typeof manualProblem>[0], string, boolean, string | null]>([
    ['transferredToPolice', '', false, null],
    ['transferredToPolice', '', true, 'monthlyReport.form.required'],
    ['transferredToPolice', '0', true, null],
    ['transferredToPolice', ' 12 ', true, null],
    ['publicExposures', '-1', true, 'monthlyReport.form.countInvalid'],
    ['publicExposures', '1.5', true, 'monthlyReport.form.countInvalid'],
    ['publicExposures', '1e3', true, 'monthlyReport.form.countInvalid'],
    ['publicExposures', '1234567890', true, 'monthlyReport.form.countInvalid'],
    ['otherRecovered', '0', true, null],
    ['otherRecovered', '1200.5', true, null],
    ['otherRecovered', '1200.50', true, null],
    ['otherRecovered', '1.234', true, 'monthlyReport.form.amountInvalid'],
    ['otherRecovered', '-3', true, 'monthlyReport.form.amountInvalid'],
    ['otherRecovered', '1,200', true, 'monthlyReport.form.amountInvalid'],
    ['remarks', '', true, null],
    ['remarks', 'x'.repeat(2000), true, null],
    ['remarks', 'x'.repeat(2001), false, 'monthlyReport.form.remarksTooLong'],
  ])('%s, case %#, attempted: %s', (field, text, attempted, expected) => {
    expect(manualProblem(field, text, attempted)).toBe(expected);
  });

  it('turns the saved figures into form text and back', () => {
    const draft = manualDraftOf(fakeManual({ otherRecovered: 1500.5, remarks: ' 说明 ' }));
    expect(draft.otherRecovered).toBe('1500.50');
    expect(draft.publicExposures).toBe('1');
    expect(manualOf(draft)).toEqual(fakeManual({ otherRecovered: 1500.5, remarks: '说明' }));
    // A report never saved: blank fields, not zeros nobody typed.
    expect(manualDraftOf({}).publicExposures).toBe('');
  });

  it('names the manual field of an API error', () => {
    expect(manualFieldOf('otherRecovered')).toBe('otherRecovered');
    expect(manualFieldOf('manual.transferredToPolice')).toBe('transferredToPolice');
    // counted from the ledger since issue 17: no longer a field of the form
    expect(manualFieldOf('manual.casesClosed')).toBeNull();
    expect(manualFieldOf('month')).toBeNull();
    expect(manualFieldOf(undefined)).toBeNull();
  });

  it('takes the previous month in China time and the 10th as the last day', () => {
    // 1 May 2027 07:00 in China is still 30 April in UTC.
    expect(reportMonthOf(new Date('2027-04-30T23:00:00Z'))).toBe('2027-04');
    expect(reportMonthOf(new Date('2027-01-05T02:00:00Z'))).toBe('2026-12');
    expect(monthParamOf('2026-11', MR_NOW)).toBe('2026-11');
    expect(monthParamOf('2027-13', MR_NOW)).toBe('2027-04');
    expect(monthParamOf('2027-09', MR_NOW)).toBe('2027-04');
    expect(dueDateOf('2027-05-10T16:00:00.000Z')).toBe('2027-05-10');
    const draft = { status: 'draft' as const, dueAt: '2027-05-10T16:00:00.000Z', level: 'county' as const };
    expect(countdownOf(draft, MR_NOW)).toEqual({ key: 'monthlyReport.countdown.daysLeft', days: 4, urgency: 'normal' });
    expect(countdownOf(draft, new Date('2027-05-10T15:59:00Z'))).toEqual({ key: 'monthlyReport.countdown.today', days: 0, urgency: 'soon' });
    expect(countdownOf(draft, new Date('2027-05-10T16:00:00Z'))).toEqual({ key: 'monthlyReport.countdown.overdue', days: 1, urgency: 'late' });
    expect(countdownOf(draft, MR_AFTER_DUE)).toEqual({ key: 'monthlyReport.countdown.overdue', days: 2, urgency: 'late' });
    expect(countdownOf({ ...draft, status: 'submitted' }, MR_AFTER_DUE)).toBeNull();
  });
});

describe('Monthly report page', () => {
  let http: HttpTestingController;

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((n) => (n.innerHTML = ''));
  });

  async function open(report: MonthlyReportDetail, me: Me, section: MonthlyReportSection = 'local', now = MR_NOW) {
    const page = await openRoutedPage({
      url: `/${section}/monthly-reports/report/${report.id}`,
      routes: [{ path: `${section}/monthly-reports/report/:id`, component: MonthlyReportPage, data: { section } }],
      me,
      now,
    });
    http = page.http;
    http.expectOne(`/api/monthly-reports/${report.id}`).flush(report);
    await page.stable();
    return page;
  }

  it('shows the suite’s figures grouped, with the measures in words, read-only', async () => {
    const { q, text } = await open(fakeReport(), countyBureauStaff());
    expect(text('monthly-report-heading')).toBe('玄武区 2027年4月 医保基金监管月报表');
    expect(text('figure-inspections')).toBe('检查家次12');
    expect(text('figure-findingAmount')).toBe('涉及金额48,200.50');
    expect(text('figure-measure-talk')).toBe('约谈2');
    expect(text('figure-measure-refuse_payment')).toBe('拒付1');
    expect(q('figure-measure-terminate_agreement')).toBeNull();
    expect(text('figure-rectificationOverdue')).toBe('整改逾期1');
    // 实际追回 right after 认定追回 (issue 16), computed by the suite: read-only like the rest.
    expect(text('figure-recoveredAmount')).toBe('认定追回金额30,100.00');
    expect(text('figure-actualRecoveredAmount')).toBe('实际追回金额18,000.50');
    const findingRows = [...q('figures-findings')!.querySelectorAll('[data-testid^="figure-"]')].map((e) => e.getAttribute('data-testid'));
    expect(findingRows.indexOf('figure-actualRecoveredAmount')).toBe(findingRows.indexOf('figure-recoveredAmount') + 1);
    expect(q('monthly-report-auto')!.querySelector('input')).toBeNull();
    // 立案/结案 from the leads ledger, 受理举报/举报奖励 from the tips intake (issue 17): read-only, with their source, not in the form
    expect(text('figure-casesOpened')).toBe('立案（件）2');
    expect(text('figure-casesClosed')).toBe('结案（件）1');
    expect(text('figure-tipsReceived')).toBe('受理举报（件）4');
    expect(text('figure-tipsRewarded')).toBe('举报奖励（件）1');
    expect(text('figures-source-ledger')).toContain('线索台账');
    expect(text('figures-source-ledger')).toContain('举报受理');
    for (const field of ['casesOpened', 'casesClosed', 'tipsReceived', 'tipsRewarded']) expect(q(`monthly-report-field-${field}`)).toBeNull();
    expect(text('monthly-report-countdown')).toBe('距截止还有 4 天');
    expect(text('monthly-report-due')).toBe('2027-05-10 24时前');
  });

  it('says so when there were no measures', async () => {
    const { q, text } = await open(fakeReport({ auto: fakeAuto({ measures: {} }) }), countyBureauStaff());
    expect(text('figure-no-measures')).toBe('本月无处理措施');
    expect(q('figure-measure-talk')).toBeNull();
  });

  it('checks the figures before saving and marks each field', async () => {
    const { q, text, type, click } = await open(fakeReport({ manual: fakeManual({ transferredToPolice: 2 }) }), countyBureauStaff());
    const error = jest.spyOn(TestBed.inject(NzMessageService), 'error');
    await type('monthly-report-field-transferredToPolice', '');
    await type('monthly-report-field-otherRecovered', '12.345');
    await type('monthly-report-field-publicExposures', '-2');
    // Malformed values show at once; a blank only once saving was tried.
    expect(text('monthly-report-error-otherRecovered')).toBe('金额不能为负数，最多两位小数');
    expect(text('monthly-report-error-publicExposures')).toBe('请填写不小于 0 的整数');
    expect(q('monthly-report-error-transferredToPolice')).toBeNull();
    await click('monthly-report-save');
    expect(text('monthly-report-error-transferredToPolice')).toBe('请填写；没有请填 0');
    expect(q<HTMLInputElement>('monthly-report-field-transferredToPolice')!.getAttribute('aria-invalid')).toBe('true');
    expect(error).toHaveBeenCalledWith('请先修正标红的项目。');
    http.expectNone('/api/monthly-reports/mr-320102');
  });

  it('saves the figures (PUT) and shows the refreshed report', async () => {
    const { q, type, click, text } = await open(fakeReport(), countyBureauStaff());
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');
    await type('monthly-report-field-transferredToPolice', '5');
    await type('monthly-report-field-otherRecovered', '2000.5');
    await type('monthly-report-field-remarks', '  本月开展打击欺诈骗保宣传。 ');
    await click('monthly-report-save');
    const put = http.expectOne('/api/monthly-reports/mr-320102');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      manual: fakeManual({ transferredToPolice: 5, otherRecovered: 2000.5, remarks: '本月开展打击欺诈骗保宣传。' }),
    });
    put.flush(fakeReport({ manual: put.request.body.manual, auto: fakeAuto({ inspections: 13 }) }));
    await click('monthly-report-heading');
    expect(success).toHaveBeenCalledWith('已保存');
    expect(text('figure-inspections')).toBe('检查家次13');
    expect(q<HTMLInputElement>('monthly-report-field-otherRecovered')!.value).toBe('2000.50');
  });

  it('shows the API’s field error at the field, in the current language', async () => {
    const { q, text, type, click, stable } = await open(fakeReport(), countyBureauStaff());
    await click('monthly-report-save');
    http
      .expectOne('/api/monthly-reports/mr-320102')
      .flush(apiError('invalid_amount', '其他追回金额最多两位小数', 'Other recovered: at most 2 decimals', { field: 'manual.otherRecovered' }), {
        status: 400,
        statusText: 'Bad Request',
      });
    await stable();
    expect(text('monthly-report-error-otherRecovered')).toBe('其他追回金额最多两位小数');
    expect(q('monthly-report-refusal')).toBeNull();
    TestBed.inject(TranslationService).use('en');
    await stable();
    expect(text('monthly-report-error-otherRecovered')).toBe('Other recovered: at most 2 decimals');
    // Editing the field clears the server's complaint.
    await type('monthly-report-field-otherRecovered', '10');
    expect(q('monthly-report-error-otherRecovered')).toBeNull();
  });

  it('saves unsaved changes, then submits for sign-off after a confirmation', async () => {
    const { q, text, type, click, confirmOk, stable, tick } = await open(fakeReport(), countyBureauStaff());
    await type('monthly-report-field-publicExposures', '3');
    await click('monthly-report-submit');
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('提交后不能再修改');
    await confirmOk();
    const put = http.expectOne('/api/monthly-reports/mr-320102');
    expect(put.request.body.manual.publicExposures).toBe(3);
    put.flush(fakeReport({ manual: put.request.body.manual }));
    await tick();
    const post = http.expectOne('/api/monthly-reports/mr-320102/submit');
    expect(post.request.method).toBe('POST');
    post.flush(fakeReport({ status: 'awaiting_signoff', manual: put.request.body.manual, submittedAt: '2027-05-06T03:00:00Z', submittedBy: '钱海燕' }));
    await stable();
    expect(text('monthly-report-status')).toBe('待审签');
    expect(q('monthly-report-form')).toBeNull();
    expect(q('monthly-report-submit')).toBeNull();
    expect(text('monthly-report-awaiting')).toContain('已提交分管局长审签');
    expect(text('monthly-report-submitted')).toBe('2027-05-06 11:00 · 钱海燕');
    expect(text('figure-publicExposures')).toBe('曝光典型案例（例）3');
    // The staff cannot sign off their own report.
    expect(q('monthly-report-sign')).toBeNull();
  });

  it('submits a saved report without saving it again, and warns when past due', async () => {
    const { text, click, confirmOk, stable } = await open(fakeReport({ overdue: true }), countyBureauStaff(), 'local', MR_AFTER_DUE);
    expect(text('monthly-report-past-due')).toContain('已超过报送期限（2027-05-10）');
    expect(text('monthly-report-overdue')).toBe('逾期未报');
    expect(text('monthly-report-countdown')).toBe('已逾期 2 天');
    await click('monthly-report-submit');
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('将记为逾期上报');
    await confirmOk();
    http.expectOne('/api/monthly-reports/mr-320102/submit').flush(fakeReport({ status: 'awaiting_signoff', overdue: true }));
    await stable();
  });

  it('lets the bureau’s leader sign it off', async () => {
    const { q, text, click, confirmOk, stable } = await open(fakeReport({ status: 'awaiting_signoff' }), countyLeader(), 'leader');
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');
    expect(q('monthly-report-form')).toBeNull();
    await click('monthly-report-sign');
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('审签后月报表即上报市医保经办机构（基金稽核科）');
    await confirmOk();
    const sign = http.expectOne('/api/monthly-reports/mr-320102/sign');
    expect(sign.request.method).toBe('POST');
    sign.flush(fakeReport({ status: 'submitted', signedAt: '2027-05-07T01:00:00Z', signedBy: '周文斌' }));
    await stable();
    expect(success).toHaveBeenCalledWith('已审签上报');
    expect(text('monthly-report-status')).toBe('已上报');
    expect(text('monthly-report-signed')).toBe('2027-05-07 09:00 · 周文斌');
    expect(q('monthly-report-sign')).toBeNull();
    expect(q('monthly-report-return')).toBeNull();
  });

  it('lets the leader return it with a comment, which is required', async () => {
    const { q, text, type, click, stable } = await open(fakeReport({ status: 'awaiting_signoff' }), countyLeader(), 'leader');
    await click('monthly-report-return');
    await click('monthly-report-return-confirm');
    expect(text('monthly-report-return-error')).toBe('请填写退回意见');
    http.expectNone('/api/monthly-reports/mr-320102/return');
    await type('monthly-report-return-comment', '立案数与台账不一致');
    await click('monthly-report-return-confirm');
    const back = http.expectOne('/api/monthly-reports/mr-320102/return');
    expect(back.request.body).toEqual({ comment: '立案数与台账不一致' });
    back.flush(fakeReport({ status: 'draft', returnedComment: '立案数与台账不一致' }));
    await stable();
    expect(text('monthly-report-status')).toBe('草稿');
    expect(q('monthly-report-return-box')).toBeNull();
    // The leader does not fill in the figures.
    expect(q('monthly-report-form')).toBeNull();
    expect(text('monthly-report-returned')).toContain('立案数与台账不一致');
  });

  it('offers no sign-off to a leader of another bureau, and none in the city section', async () => {
    const other = await open(fakeReport({ status: 'awaiting_signoff' }), cityLeader(), 'leader');
    expect(other.q('monthly-report-sign')).toBeNull();
    expect(other.q('monthly-report-return')).toBeNull();
    TestBed.resetTestingModule();
    const staff = await open(fakeReport({ status: 'awaiting_signoff' }), countyBureauStaff());
    expect(staff.q('monthly-report-sign')).toBeNull();
  });

  it('offers only what the backend will accept from the reader now', async () => {
    const leader = await open(fakeReport({ status: 'awaiting_signoff', actions: [] }), countyLeader(), 'leader');
    expect(leader.q('monthly-report-sign')).toBeNull();
    expect(leader.q('monthly-report-return')).toBeNull();
    TestBed.resetTestingModule();
    const staff = await open(fakeReport({ actions: [] }), countyBureauStaff());
    expect(staff.q('monthly-report-form')).toBeNull();
    expect(staff.text('figure-casesOpened')).toBe('立案（件）2');
  });

  it('lets the city agency (which receives the reports) return a submitted county report, and shows its refusal; the city bureau cannot', async () => {
    const bureau = await open(fakeReport({ status: 'submitted', signedAt: '2027-05-07T01:00:00Z', actions: [] }), cityBureauStaff());
    expect(bureau.q('monthly-report-return')).toBeNull();
    http.verify();
    TestBed.resetTestingModule();
    const { text, type, click, stable, tick } = await open(fakeReport({ status: 'submitted', signedAt: '2027-05-07T01:00:00Z' }), cityAgencyStaff());
    await click('monthly-report-return');
    await type('monthly-report-return-comment', '请补充备注');
    await click('monthly-report-return-confirm');
    http
      .expectOne('/api/monthly-reports/mr-320102/return')
      .flush(apiError('monthly_report_compiled', '本市已汇总，不能退回', 'Already compiled'), { status: 409, statusText: 'Conflict' });
    await tick();
    http.expectOne('/api/monthly-reports/mr-320102').flush(fakeReport({ status: 'submitted' }));
    await stable();
    expect(text('monthly-report-refusal')).toBe('本市已汇总，不能退回');
  });

  it('is read-only for the province and for the county bureau once submitted', async () => {
    const province = await open(fakeReport({ status: 'submitted', manual: fakeManual({ remarks: '无' }) }), fakeProvinceUser(), 'province');
    expect(province.q('monthly-report-form')).toBeNull();
    expect(province.q('monthly-report-return')).toBeNull();
    expect(province.text('monthly-report-remarks')).toBe('无');
    expect(province.text('figure-otherRecovered')).toBe('其他追回金额（元）1,500.50');
    expect(province.q('monthly-report-countdown')).toBeNull();
    expect(province.q('monthly-report-back')!.getAttribute('href')).toBe('/province/monthly-reports?month=2027-04');
    TestBed.resetTestingModule();
    const county = await open(fakeReport({ status: 'submitted', late: true }), countyBureauStaff());
    expect(county.q('monthly-report-form')).toBeNull();
    expect(county.text('monthly-report-late')).toBe('逾期上报');
  });

  it('says so when the report is not visible', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp({ routes: [{ path: 'local/monthly-reports/report/:id', component: MonthlyReportPage, data: { section: 'local' } }] }),
        { provide: CLOCK, useValue: () => MR_NOW },
      ],
    });
    TestBed.inject(CurrentUser).set(countyBureauStaff());
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/local/monthly-reports/report/x');
    await settle();
    await settle();
    http.expectOne('/api/monthly-reports/x').flush(apiError('not_found', '不存在', 'Not found'), { status: 404, statusText: 'Not Found' });
    await settle();
    await harness.fixture.whenStable();
    expect((harness.routeNativeElement as HTMLElement).querySelector('[data-testid="monthly-report-not-found"]')).not.toBeNull();
  });
});
