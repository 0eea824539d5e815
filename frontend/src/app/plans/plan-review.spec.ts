import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { NzMessageService } from 'ng-zorro-antd/message';
import { CurrentUser } from '../core/current-user';
import type { Me, PlanDetail } from '../core/models';
import { TranslationService } from '../i18n/translation';
import {
  PLAN_NOW,
  fakeCityBureauUser,
  fakeCityReviewer,
  fakeMeasuredPlan,
  fakePlan,
  fakeProvinceUser,
  provideTestApp,
} from '../testing/fakes';
import { PlanReview } from './plan-review';
import { CLOCK } from '../core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const submitted = (overrides: Partial<PlanDetail> = {}) =>
  fakePlan({
    status: 'submitted',
    submittedAt: '2027-05-08T01:30:00Z',
    version: 4,
    history: [...fakePlan().history, { at: '2027-05-08T01:30:00Z', action: 'submit', by: '黄晓燕', comment: null }],
    ...overrides,
  });

/** Reviewed by the Nanjing agency and forwarded to the Nanjing bureau. */
const forwarded = (overrides: Partial<PlanDetail> = {}) =>
  submitted({
    status: 'forwarded',
    reviewStep: 'city_bureau',
    forwardedAt: '2027-05-09T03:00:00Z',
    version: 5,
    history: [...submitted().history, { at: '2027-05-09T03:00:00Z', action: 'forward', by: '刘静', comment: '目标合理' }],
    ...overrides,
  });

const cityPlan = (overrides: Partial<PlanDetail> = {}) =>
  submitted({
    id: 'p2',
    unit: { id: 'agency-3201', name: '南京市医保经办中心', regionCode: '3201', regionName: '南京市', level: 'city' },
    reviewer: { regionCode: '32', regionName: '江苏省' },
    ...overrides,
  });

describe('Plan review (reviewing level)', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  async function open(plan: PlanDetail, me: Me, section: 'local' | 'province' = 'local') {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp({
          routes: [{ path: `${section}/annual-plans/plan/:id`, component: PlanReview, data: { section } }],
        }),
        { provide: CLOCK, useValue: () => PLAN_NOW },
      ],
    });
    TestBed.inject(CurrentUser).set(me);
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/${section}/annual-plans/plan/${plan.id}?from=review`);
    await settle();
    await settle();
    http.expectOne(`/api/plans/${plan.id}`).flush(plan);
    const stable = async () => {
      await settle();
      await harness.fixture.whenStable();
      await settle();
    };
    await stable();
    const el = harness.routeNativeElement as HTMLElement;
    const q = <T extends Element = HTMLElement>(testId: string) =>
      document.querySelector<T>(`[data-testid="${testId}"]`);
    const text = (testId: string) => q(testId)?.textContent?.replace(/\s+/g, ' ').trim();
    const click = async (testId: string) => {
      q<HTMLButtonElement>(testId)!.click();
      await stable();
    };
    /** OK of the open 备案 / 退回 dialog. */
    const ok = async () => {
      document.querySelector<HTMLButtonElement>('.ant-modal-footer .ant-btn-primary')!.click();
      await stable();
    };
    return { harness, el, q, text, click, ok, stable };
  }

  it('shows a submitted county plan read-only to its city agency, with 汇总上报 and 退回 (not 备案)', async () => {
    const { el, q, text } = await open(submitted(), fakeCityReviewer());
    expect(text('plan-title')).toBe('玄武区医保经办中心 2027 年度监管方案');
    expect(text('plan-status')).toBe('已报送');
    expect(text('plan-review-step')).toBe('待市医保经办机构（基金稽核科）审核汇总');
    expect(text('plan-forward')).toBe('审核通过，汇总上报');
    expect(q('plan-file')).toBeNull();
    expect(q('plan-return')).not.toBeNull();
    // The same plan and schedule views as the unit, without anything to edit.
    expect(q('plan-content-view')).not.toBeNull();
    expect(el.querySelectorAll('[data-testid="schedule-view-row"]')).toHaveLength(2);
    expect(q('plan-save')).toBeNull();
    expect(el.querySelector('input, textarea')).toBeNull();
    expect(el.querySelector('[data-testid="plan-back"]')!.getAttribute('href')).toBe('/local/annual-plans/review?year=2027');
    expect(text('plan-nav')).toContain('方案审核');
  });

  it('returns a plan only with a comment, then shows it returned', async () => {
    const { click, ok, q, text, stable } = await open(submitted(), fakeCityReviewer());
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');

    await click('plan-return');
    expect(document.querySelector('.ant-modal-title')!.textContent).toContain('退回年度监管方案');
    await ok();
    http.expectNone('/api/plans/p1/return');
    expect(document.querySelector('.ant-modal-body .ant-form-item-explain-error')!.textContent!.trim()).toBe('请填写退回意见');

    const comment = q<HTMLTextAreaElement>('plan-return-comment')!;
    comment.value = '  现场检查家次偏少，请补充。 ';
    comment.dispatchEvent(new Event('input'));
    await stable();
    await ok();
    const post = http.expectOne('/api/plans/p1/return');
    expect(post.request.method).toBe('POST');
    expect(post.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    expect(post.request.body).toEqual({ comment: '现场检查家次偏少，请补充。' });
    post.flush(
      submitted({
        status: 'returned',
        version: 5,
        history: [
          ...submitted().history,
          { at: '2027-05-10T02:10:00Z', action: 'return', by: '刘静', comment: '现场检查家次偏少，请补充。' },
        ],
      }),
    );
    await stable();

    expect(success).toHaveBeenCalledWith('方案已退回');
    expect(text('plan-status')).toBe('已退回');
    expect(q('plan-file')).toBeNull();
    expect(q('plan-return')).toBeNull();
    expect(text('plan-history-comment')).toBe('现场检查家次偏少，请补充。');
  });

  it('the city agency forwards a county plan with an optional review comment', async () => {
    const { click, ok, text, q, stable } = await open(submitted(), fakeCityReviewer());
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');
    await click('plan-forward');
    expect(document.querySelector('.ant-modal-title')!.textContent).toContain('汇总上报年度监管方案');
    const comment = q<HTMLTextAreaElement>('plan-forward-comment')!;
    comment.value = ' 目标合理 ';
    comment.dispatchEvent(new Event('input'));
    await stable();
    await ok();
    const post = http.expectOne('/api/plans/p1/forward');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ comment: '目标合理' });
    post.flush(forwarded());
    await stable();
    expect(success).toHaveBeenCalledWith('方案已汇总上报市医保局');
    expect(text('plan-status')).toBe('已汇总上报');
    expect(text('plan-review-step')).toBe('待市医保局备案');
    expect(q('plan-forwarded-at')!.textContent).toBe('2027-05-09 11:00');
    // filing is the bureau's step
    expect(q('plan-review-bar')).toBeNull();
  });

  it('the city bureau files a forwarded county plan with an optional comment; it cannot act before the forwarding', async () => {
    const early = await open(submitted(), fakeCityBureauUser());
    expect(early.q('plan-review-bar')).toBeNull();
    expect(early.text('plan-review-step')).toBe('待市医保经办机构（基金稽核科）审核汇总');
    http.verify();
    TestBed.resetTestingModule();

    const { click, ok, text, q } = await open(forwarded(), fakeCityBureauUser());
    expect(q('plan-forward')).toBeNull();
    expect(q('plan-return')).not.toBeNull();
    await click('plan-file');
    expect(q('plan-file-comment')).not.toBeNull();
    await ok();
    const post = http.expectOne('/api/plans/p1/file');
    expect(post.request.body).toEqual({});
    post.flush(forwarded({ status: 'filed', reviewStep: null, filedAt: '2027-05-10T02:10:00Z', version: 6 }));
    await settle();
    await settle();
    expect(text('plan-status')).toBe('已备案');
    expect(q('plan-file')).toBeNull();
  });

  it('reloads the plan when someone else decided first (409)', async () => {
    const { click, ok, text } = await open(forwarded(), fakeCityBureauUser());
    await click('plan-file');
    await ok();
    http.expectOne('/api/plans/p1/file').flush(
      { error: { code: 'plan_transition_invalid', message: { zh: '方案状态已变化', en: 'changed' }, details: { status: 'filed' } } },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    await settle();
    http.expectOne('/api/plans/p1').flush(forwarded({ status: 'filed', reviewStep: null, version: 6 }));
    await settle();
    await settle();
    expect(text('plan-status')).toBe('已备案');
  });

  it('lets the province review city plans, not county plans', async () => {
    const { q } = await open(cityPlan(), fakeProvinceUser(), 'province');
    expect(q('plan-file')).not.toBeNull();
    expect(q('plan-forward')).toBeNull();
    TestBed.resetTestingModule();
    http.verify();
    const county = await open(submitted(), fakeProvinceUser(), 'province');
    expect(county.q('plan-file')).toBeNull();
  });

  it('shows the national overseer the plan without any action', async () => {
    const { q, text } = await open(cityPlan(), fakeProvinceUser(['national_overseer']), 'province');
    expect(text('plan-status')).toBe('已报送');
    expect(text('plan-review-step')).toBe('待省级医保部门备案');
    expect(q('plan-file')).toBeNull();
    expect(q('plan-return')).toBeNull();
    expect(q('plan-export-xlsx')).not.toBeNull();
  });

  it('shows a filed plan with planned against done, in English too', async () => {
    const { q, text, stable } = await open(
      submitted({ status: 'filed', progress: [{ taskId: 't2', month: 1, doneQuantity: 1, note: null, attachmentIds: [] }] }),
      fakeCityReviewer(),
    );
    expect(text('schedule-view-cell-1-1')).toBe('1/1');
    expect(q('plan-file')).toBeNull();
    TestBed.inject(TranslationService).use('en');
    await stable();
    expect(text('plan-status')).toBe('Filed');
    expect(text('plan-title')).toBe('玄武区医保经办中心: annual supervision plan 2027');
  });

  it('shows the reviewer the measured targets of a filed plan beside its schedule, in English too', async () => {
    const { el, q, text, stable } = await open(fakeMeasuredPlan(), fakeCityReviewer());
    expect(text('plan-measured-value-onsite_checks')).toBe('38 / 120 家次');
    expect(text('plan-measured-value-provider_coverage')).toBe('62.5%（25/40 家），目标 100%');
    expect(el.querySelectorAll('[data-testid="schedule-measured-row"]')).toHaveLength(1);
    expect(text('schedule-measured-cell-onsite_checks-1')).toBe('10/5');
    expect(text('schedule-measured-total-onsite_checks')).toBe('120/38');
    expect(text('schedule-view-supplementary-0')).toBe('填报为补充');
    // Nothing to enter on the reviewer's page.
    expect(q('progress-report')).toBeNull();
    TestBed.inject(TranslationService).use('en');
    await stable();
    expect(text('plan-measured-value-onsite_checks')).toBe('38 / 120 inspections');
    expect(q('schedule-measured-row')!.textContent).toContain('System figures (inspections sent)');
  });

  it('shows nothing new for a plan without measured targets, nor before the plan is filed', async () => {
    const { el, q } = await open(fakeMeasuredPlan({ measured: [] }), fakeCityReviewer());
    expect(q('plan-measured')).toBeNull();
    expect(q('schedule-measured-row')).toBeNull();
    expect(el.querySelector('[data-testid^="schedule-view-supplementary-"]')).toBeNull();
    expect(el.querySelectorAll('[data-testid="schedule-view-row"]')).toHaveLength(3);
    TestBed.resetTestingModule();

    const pending = await open(fakeMeasuredPlan({ status: 'submitted', filedAt: null }), fakeCityReviewer());
    expect(pending.q('plan-forward')).not.toBeNull();
    expect(pending.q('plan-measured')).toBeNull();
    expect(pending.q('schedule-measured-row')).toBeNull();
  });
});
