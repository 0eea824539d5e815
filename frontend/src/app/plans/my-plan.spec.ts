import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NgControl } from '@angular/forms';
import { By } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { NzMessageService } from 'ng-zorro-antd/message';
import { CurrentUser } from '../core/current-user';
import type { Me, PlanDetail } from '../core/models';
import { TranslationService } from '../i18n/translation';
import { PLAN_NOW, fakeDrafter, fakeMeasuredPlan, fakePlan, fakePlanSummary, provideTestApp } from '../testing/fakes';
import { MyPlan } from './my-plan';
import { PlanYearSelect } from './plan-nav';
import { CLOCK } from '../core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('My plan (drafting unit)', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  /** Opens /local/annual-plans/mine as a drafter, answering the list and then the plan. */
  async function open(plan: PlanDetail | null, me: Me = fakeDrafter(), url = '/local/annual-plans/mine') {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp({
          routes: [{ path: 'local/annual-plans/mine', component: MyPlan, data: { section: 'local' } }],
        }),
        { provide: CLOCK, useValue: () => PLAN_NOW },
      ],
    });
    TestBed.inject(CurrentUser).set(me);
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    /** Renders and lets promises run; not while a resource is loading (it counts as pending). */
    const stable = async () => {
      await settle();
      await harness.fixture.whenStable();
      await settle();
    };
    /** Lets the interceptor and resources send their requests. */
    const tick = async () => {
      for (let i = 0; i < 3; i++) await settle();
    };
    await tick();
    const year = new URL(url, 'http://x').searchParams.get('year') ?? '2027';
    // The unit's own plan: the list searched by the unit's code.
    const list = http.expectOne(`/api/plans?year=${year}&q=${me.organization.id}`);
    expect(list.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    list.flush({
      items: plan
        ? [
            // A city agency also sees its counties' plans: the own one is picked by unit.
            fakePlanSummary({ id: 'other', unitId: 'agency-320104', unitName: '秦淮区医保经办中心' }),
            fakePlanSummary({ status: plan.status }),
          ]
        : [fakePlanSummary({ id: 'other', unitId: 'agency-320104', unitName: '秦淮区医保经办中心' })],
    });
    await tick();
    if (plan) {
      http.expectOne('/api/plans/p1').flush(plan);
      await stable();
    }
    const el = harness.routeNativeElement as HTMLElement;
    const q = <T extends Element = HTMLElement>(testId: string) => el.querySelector<T>(`[data-testid="${testId}"]`);
    const text = (testId: string) => q(testId)?.textContent?.replace(/\s+/g, ' ').trim();
    const click = async (testId: string) => {
      q<HTMLButtonElement>(testId)!.click();
      await stable();
    };
    const type = async (testId: string, value: string) => {
      const input = q<HTMLInputElement>(testId)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
      await stable();
    };
    /** For ng-zorro controls (select, input-number) whose typing is not what is under test. */
    const setControl = async (testId: string, value: unknown) => {
      const control = harness.fixture.debugElement
        .query(By.css(`[data-testid="${testId}"]`))
        .injector.get(NgControl).control!;
      // Dirty first: nz-form-control decides on showing the tip when the status changes.
      control.markAsDirty();
      control.setValue(value);
      await stable();
    };
    const tips = () =>
      [...el.querySelectorAll('.ant-form-item-explain-error')].map((n) => n.textContent!.trim()).filter(Boolean);
    /** The OK button of the confirmation dialog (rendered in the CDK overlay). */
    const confirmOk = async () => {
      const ok = document.querySelector<HTMLButtonElement>('.ant-modal-confirm-btns .ant-btn-primary');
      expect(ok).not.toBeNull();
      ok!.click();
      await stable();
    };
    return { harness, el, q, text, click, type, setControl, tips, confirmOk, stable, tick };
  }

  it('shows the status, the 15 May deadline with its countdown, and the history', async () => {
    const { text, q, el } = await open(fakePlan());
    expect(text('plan-unit')).toBe('玄武区医保经办中心');
    expect(text('plan-reviewer')).toBe('南京市');
    expect(text('plan-deadline')).toBe('2027年5月15日');
    expect(text('plan-status')).toBe('编制中');
    expect(text('plan-countdown')).toBe('距报送截止还有 5 天');
    expect(q('plan-overdue')).toBeNull();
    expect([...el.querySelectorAll('[data-testid="plan-history-item"]')].map((n) => n.getAttribute('data-action'))).toEqual([
      'draft',
      'opened',
    ]);
    // Editable: the editor, the grid and the two actions.
    expect(q('plan-save')).not.toBeNull();
    expect(q('plan-submit')).not.toBeNull();
    expect((q<HTMLInputElement>('schedule-cell-0-1'))!.value).toBe('2');
    expect(text('plan-nav')).toBeUndefined();
  });

  it('flags an overdue plan in red, and shows the return comment of a returned one', async () => {
    const returned = fakePlan({
      status: 'returned',
      overdue: true,
      history: [
        ...fakePlan().history,
        { at: '2027-05-03T02:00:00Z', action: 'submit', by: '黄晓燕', comment: null },
        { at: '2027-05-06T08:00:00Z', action: 'return', by: '刘静', comment: '现场检查家次偏少，请补充。' },
      ],
    });
    const { text, q, el } = await open(returned);
    expect(text('plan-status')).toBe('已退回');
    expect(q('plan-overdue')!.classList).toContain('ant-tag-error');
    expect(text('plan-overdue')).toBe('逾期');
    expect(text('plan-return-notice')).toContain('现场检查家次偏少，请补充。');
    const comments = [...el.querySelectorAll('[data-testid="plan-history-comment"]')].map((n) => n.textContent!.trim());
    expect(comments).toEqual(['现场检查家次偏少，请补充。']);
    // Still the unit's to revise.
    expect(q('plan-submit')).not.toBeNull();
  });

  it('blocks malformed input from a draft, incomplete input from submission, in both languages', async () => {
    const { harness, q, click, type, setControl, tips, text, stable } = await open(
      fakePlan({ status: 'not_started', content: null, schedule: [], history: [], version: 1 }),
    );
    const error = jest.spyOn(TestBed.inject(NzMessageService), 'error');

    await click('plan-submit');
    http.expectNone((r) => r.url.startsWith('/api/plans/p1/'));
    expect(error).toHaveBeenLastCalledWith('方案尚未填写完整，请按提示补充后再提交。');
    expect(tips()).toEqual(['请至少选择或填写一个监管重点', '请填写工作方法', '请填写步骤安排']);
    expect(text('plan-targets-error')).toBe('请至少添加一项监管目标');
    expect(text('plan-persons-error')).toBe('请至少添加一名责任人');

    await click('plan-add-custom-target');
    // nz-input-number itself rounds a count to a whole number; the validators are unit-tested.
    await setControl('plan-target-value-0', 2.5);
    expect(q('plan-target-value-0')!.querySelector('input')!.value).toBe('3');
    await click('plan-add-custom-target');
    await type('plan-target-label-1', '指'.repeat(201));
    await click('plan-add-person');
    await type('plan-person-name-0', '黄晓燕');
    await type('plan-person-title-0', '科长');
    await type('plan-person-phone-0', 'abc');
    await type('plan-methods', '法'.repeat(5001));
    expect(tips()).toEqual([
      '不能超过 200 个字符',
      '请至少选择或填写一个监管重点',
      '不能超过 5000 个字符',
      '请填写步骤安排',
      '请输入有效的联系电话',
    ]);

    // Malformed: not even a draft goes out, and every problem is pointed out.
    await click('plan-save');
    http.expectNone('/api/plans/p1/draft');
    expect(error).toHaveBeenLastCalledWith('有内容填写不正确，请按提示修改后再保存。');
    expect(tips()).toEqual([
      '请输入指标名称',
      '不能超过 200 个字符',
      '请输入目标值',
      '请至少选择或填写一个监管重点',
      '不能超过 5000 个字符',
      '请填写步骤安排',
      '请输入有效的联系电话',
    ]);

    TestBed.inject(TranslationService).use('en');
    await stable();
    expect(tips()).toEqual([
      'Enter the name of the target',
      'At most 200 characters',
      'Enter the target value',
      'Choose or enter at least one focus area',
      'At most 5000 characters',
      'Describe the steps',
      'Enter a valid phone number',
    ]);
    await click('plan-submit');
    http.expectNone((r) => r.url.startsWith('/api/plans/p1/'));
    expect(harness.routeNativeElement).toBeTruthy();
  });

  it('saves a draft with the right body, then shows the saved version', async () => {
    const { el, q, click, type, setControl, text, tips, stable } = await open(
      fakePlan({ status: 'not_started', content: null, schedule: [], history: [], version: 1 }),
    );
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');

    await click('plan-add-target-onsite_checks');
    await setControl('plan-target-value-0', 12);
    await click('plan-add-target-claims_rereview');
    // The regulatory floor is a warning, not a blocker.
    await setControl('plan-target-value-1', 3);
    expect(text('plan-target-minimum')).toBe('按规定不应低于 5');
    await setControl('plan-target-value-1', 6);
    expect(q('plan-target-minimum')).toBeNull();
    await click('plan-add-custom-target');
    await type('plan-target-label-2', ' 约谈定点机构负责人 ');
    await setControl('plan-target-unit-2', 'count');
    await setControl('plan-target-value-2', 4);

    await setControl('plan-focus-areas', ['bed_blocking', ' 门诊统筹基金使用 ']);
    await type('plan-methods', '  日常巡查与专项检查相结合。  ');
    await type('plan-steps', '一季度部署。');
    await click('plan-add-person');
    await type('plan-person-name-0', ' 黄晓燕 ');
    await type('plan-person-title-0', '稽核科科长');

    // New tasks start on the first target nothing covers yet.
    await click('schedule-add-task');
    await type('schedule-title-0', '定点医院现场检查');
    await type('schedule-owner-0', '稽核科');
    for (let month = 1; month <= 12; month++) await type(`schedule-cell-0-${month}`, month <= 6 ? '2' : '');
    expect(text('schedule-total-0')).toBe('12');
    await click('schedule-add-task');
    await type('schedule-title-1', '住院费用复审');
    await type('schedule-owner-1', '审核科');
    await click('schedule-add-task');
    await type('schedule-title-2', '约谈');
    await type('schedule-owner-2', '局长办公室');
    await type('schedule-cell-2-6', '4');
    expect(q('schedule-coverage')!.classList).toContain('complete');
    expect(text('schedule-coverage-summary')).toBe('配档表已覆盖全部监管目标');
    expect(tips()).toEqual([]);

    await click('plan-save');
    const put = http.expectOne('/api/plans/p1/draft');
    expect(put.request.method).toBe('PUT');
    expect(put.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    expect(put.request.body).toEqual({
      content: {
        targets: [
          { code: 'onsite_checks', label: '现场检查家次', unit: 'count', value: 12 },
          { code: 'claims_rereview', label: '住院费用复审比例', unit: 'percent', value: 6 },
          { code: 'custom-1', label: '约谈定点机构负责人', unit: 'count', value: 4 },
        ],
        focusAreas: ['bed_blocking', '门诊统筹基金使用'],
        methods: '日常巡查与专项检查相结合。',
        steps: '一季度部署。',
        responsiblePersons: [{ name: '黄晓燕', title: '稽核科科长' }],
      },
      schedule: [
        { id: 't1', title: '定点医院现场检查', owner: '稽核科', targetCode: 'onsite_checks', monthly: [2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0] },
        { id: 't2', title: '住院费用复审', owner: '审核科', targetCode: 'claims_rereview', monthly: Array(12).fill(0) },
        { id: 't3', title: '约谈', owner: '局长办公室', targetCode: 'custom-1', monthly: [0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0] },
      ],
      version: 1,
    });
    put.flush(fakePlan({ status: 'draft', version: 2, content: put.request.body.content, schedule: put.request.body.schedule }));
    await stable();
    expect(success).toHaveBeenCalledWith('草稿已保存');
    expect(text('plan-status')).toBe('编制中');
    expect(el.querySelectorAll('[data-testid="schedule-row"]')).toHaveLength(3);
    expect(q<HTMLInputElement>('plan-target-label-2')!.value).toBe('约谈定点机构负责人');
  });

  it('checks that every target is covered, highlighting the gaps, and will not submit without', async () => {
    const { q, click, type, text } = await open(fakePlan());
    const error = jest.spyOn(TestBed.inject(NzMessageService), 'error');
    expect(q('schedule-coverage-onsite_checks')!.getAttribute('data-covered')).toBe('true');
    expect(text('schedule-coverage-onsite_checks')).toContain('全年合计 24 / 目标 24');

    // 22 of 24 on-site inspections: short of the target.
    await type('schedule-cell-0-3', '0');
    expect(text('schedule-total-0')).toBe('22');
    const onsite = q('schedule-coverage-onsite_checks')!;
    expect(onsite.getAttribute('data-covered')).toBe('false');
    expect(onsite.classList).toContain('uncovered');
    expect(onsite.textContent).toContain('全年合计 22，未达到目标 24');
    expect(text('schedule-coverage-summary')).toBe('有 1 项监管目标尚未被配档表覆盖');

    // No task at all for the re-review target.
    await click('schedule-remove-1');
    expect(q('schedule-coverage-claims_rereview')!.getAttribute('data-covered')).toBe('false');
    expect(text('schedule-coverage-claims_rereview')).toContain('未安排工作任务');

    await click('plan-submit');
    http.expectNone((r) => r.url.startsWith('/api/plans/p1/'));
    expect(error).toHaveBeenLastCalledWith('配档表尚未覆盖全部监管目标，请补充工作任务后再提交。');

    // A new task starts on the target nothing covers.
    await type('schedule-cell-0-3', '2');
    await click('schedule-add-task');
    expect(text('schedule-target-1')).toBe('住院费用复审比例');
    expect(q('schedule-coverage')!.classList).toContain('complete');

    // Covered, but the task has no title or owner yet: still not submittable.
    await click('plan-submit');
    http.expectNone((r) => r.url.startsWith('/api/plans/p1/'));
    expect(error).toHaveBeenLastCalledWith('方案尚未填写完整，请按提示补充后再提交。');
    expect(text('schedule-issues')).toBe('第 2 行：请输入工作任务');
  });

  it('submits after a confirmation, then shows the plan read-only', async () => {
    const { q, click, confirmOk, text, el, stable } = await open(fakePlan());
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');

    await click('plan-submit');
    http.expectNone('/api/plans/p1/submit');
    // a county plan: to the city agency's fund-audit section, then the city bureau files it
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('提交后将报送南京市医疗保险经办机构（基金稽核科）审核汇总，报南京市医疗保障局备案');
    await confirmOk();

    // Nothing changed since the last save: straight to submit, with the version it was loaded at.
    const post = http.expectOne('/api/plans/p1/submit');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ version: 3 });
    post.flush(
      fakePlan({
        status: 'submitted',
        submittedAt: '2027-05-10T02:05:00Z',
        version: 4,
        history: [...fakePlan().history, { at: '2027-05-10T02:05:00Z', action: 'submit', by: '黄晓燕', comment: null }],
      }),
    );
    await stable();

    expect(success).toHaveBeenCalledWith('方案已提交，等待备案');
    expect(text('plan-status')).toBe('已报送');
    expect(text('plan-awaiting-notice')).toContain('等待南京市医疗保险经办机构（基金稽核科）审核汇总后报南京市医疗保障局备案');
    expect(q('plan-countdown')).toBeNull();
    expect(q('plan-save')).toBeNull();
    expect(q('plan-submit')).toBeNull();
    expect(q('plan-content-view')).not.toBeNull();
    expect(text('schedule-view-total-0')).toBe('24');
    expect(el.querySelector('[data-testid="plan-history-item"]')!.getAttribute('data-action')).toBe('submit');
  });

  it('saves unsaved edits as a draft before submitting, with the new version', async () => {
    const { type, click, confirmOk } = await open(fakePlan());
    await type('schedule-cell-0-1', '3');
    await click('plan-submit');
    await confirmOk();

    const put = http.expectOne('/api/plans/p1/draft');
    expect(put.request.body.version).toBe(3);
    expect(put.request.body.schedule[0].monthly[0]).toBe(3);
    put.flush(fakePlan({ version: 4, schedule: put.request.body.schedule }));
    await settle();
    await settle();
    const post = http.expectOne('/api/plans/p1/submit');
    expect(post.request.body).toEqual({ version: 4 });
    post.flush(fakePlan({ status: 'submitted', version: 5 }));
    await settle();
  });

  it('asks before unsaved edits are dropped by switching the year or leaving', async () => {
    const { harness, type, tick } = await open(fakePlan());
    const page = harness.routeDebugElement!.componentInstance as MyPlan;
    const yearSelect = harness.fixture.debugElement.query(By.directive(PlanYearSelect)).componentInstance as PlanYearSelect;
    expect(page.canLeave()).toBe(true);

    await type('schedule-cell-0-1', '3');
    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(false);
    yearSelect.yearChange.emit(2026);
    await tick();
    expect(confirm).toHaveBeenCalledWith('方案有未保存的修改，离开后将丢失。确定离开吗？');
    expect(TestBed.inject(Router).url).toBe('/local/annual-plans/mine');
    http.expectNone('/api/plans?year=2026&q=agency-320102');

    confirm.mockReturnValue(true);
    yearSelect.yearChange.emit(2026);
    await tick();
    expect(TestBed.inject(Router).url).toBe('/local/annual-plans/mine?year=2026');
    http.expectOne('/api/plans?year=2026&q=agency-320102').flush({ items: [] });
    confirm.mockRestore();
  });

  it('offers to reload after a version conflict', async () => {
    const { click, q, stable, tick } = await open(fakePlan());
    await click('plan-save');
    http.expectOne('/api/plans/p1/draft').flush(
      { error: { code: 'plan_version_conflict', message: { zh: '方案已被修改', en: 'stale' } } },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(q('plan-conflict')).not.toBeNull();
    q<HTMLButtonElement>('plan-reload')!.click();
    await tick();
    http.expectOne('/api/plans?year=2027&q=agency-320102').flush({ items: [fakePlanSummary()] });
    http.expectOne('/api/plans/p1').flush(fakePlan({ version: 4 }));
    await stable();
    expect(q('plan-conflict')).toBeNull();
  });

  it('shows planned against done once filed, and reports a month of progress', async () => {
    const filed = fakePlan({
      status: 'filed',
      filedAt: '2027-05-08T02:00:00Z',
      progress: [
        { taskId: 't1', month: 4, doneQuantity: 1, note: null, attachmentIds: [] },
        { taskId: 't1', month: 5, doneQuantity: 2, note: '按计划', attachmentIds: ['att-1'] },
      ],
    });
    const { q, text, type, click, stable } = await open(filed);
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');

    expect(q('plan-save')).toBeNull();
    expect(text('schedule-view-cell-0-4')).toBe('2/1');
    expect(q('schedule-view-cell-0-4')!.classList).toContain('behind');
    expect(text('schedule-view-cell-0-5')).toBe('2/2');
    expect(q('schedule-view-cell-0-5')!.classList).not.toContain('behind');
    // Not due yet: no red for June.
    expect(q('schedule-view-cell-0-6')!.classList).not.toContain('behind');
    expect(text('schedule-view-total-0')).toBe('24/3');

    // May (the current month) by default, prefilled with what was reported.
    expect(text('progress-month')).toBe('5月');
    expect(text('progress-planned-0')).toBe('2');
    expect(q<HTMLInputElement>('progress-done-0')!.value).toBe('2');
    expect(q<HTMLInputElement>('progress-note-0')!.value).toBe('按计划');
    await type('progress-done-0', '3');
    await type('progress-note-0', ' 超额完成 ');
    await type('progress-done-1', '1');
    await click('progress-save');

    const put = http.expectOne('/api/plans/p1/progress/5');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      entries: [
        { taskId: 't1', doneQuantity: 3, note: '超额完成', attachmentIds: ['att-1'] },
        { taskId: 't2', doneQuantity: 1 },
      ],
    });
    put.flush(
      fakePlan({
        ...filed,
        progress: [
          filed.progress[0]!,
          { taskId: 't1', month: 5, doneQuantity: 3, note: '超额完成', attachmentIds: ['att-1'] },
          { taskId: 't2', month: 5, doneQuantity: 1, note: null, attachmentIds: [] },
        ],
      }),
    );
    await stable();
    expect(success).toHaveBeenCalledWith('5 月进度已保存');
    expect(text('schedule-view-cell-0-5')).toBe('2/3');
    expect(text('schedule-view-total-1')).toBe('12/1');
  });

  it('rejects a fractional done quantity', async () => {
    const { q, type, click } = await open(fakePlan({ status: 'filed' }));
    await type('progress-done-0', '1.5');
    await click('progress-save');
    http.expectNone('/api/plans/p1/progress/5');
    expect(q('progress-error')!.textContent).toContain('数量应为非负整数');
  });

  it('shows the measured targets against the plan, by month beside the schedule, and typed progress of their tasks as supplementary', async () => {
    const plan = fakeMeasuredPlan({
      progress: [{ taskId: 't1', month: 5, doneQuantity: 7, note: null, attachmentIds: [] }],
    });
    const { el, q, text, type, click, stable } = await open(plan);

    // 系统统计（已送达检查）: the value against the target.
    expect(text('plan-measured')).toContain('系统统计（已送达检查）');
    expect(text('plan-measured-value-onsite_checks')).toBe('38 / 120 家次');
    expect(text('plan-measured-value-provider_coverage')).toBe('62.5%（25/40 家），目标 100%');
    expect(text('plan-measured-onsite_checks')).toContain('现场检查家次');
    expect(q('plan-measured-onsite_checks')!.getAttribute('data-reached')).toBe('false');
    // Only the measured targets: not 住院费用复审比例.
    expect(el.querySelectorAll('[data-testid="plan-measured"] li')).toHaveLength(2);

    // The month-by-month row: planned (the target's tasks) / inspections sent; due and behind in red.
    const rows = el.querySelectorAll('[data-testid="schedule-measured-row"]');
    expect([...rows].map((r) => r.getAttribute('data-target-code'))).toEqual(['onsite_checks']);
    expect(rows[0]!.textContent).toContain('系统统计（已送达检查）');
    expect(text('schedule-measured-cell-onsite_checks-3')).toBe('10/9');
    expect(q('schedule-measured-cell-onsite_checks-3')!.classList).toContain('behind');
    expect(text('schedule-measured-cell-onsite_checks-4')).toBe('10/10');
    expect(q('schedule-measured-cell-onsite_checks-4')!.classList).not.toContain('behind');
    expect(q('schedule-measured-cell-onsite_checks-6')!.classList).not.toContain('behind');
    // May is under way (today is 10 May): 6 of 10 is not red until the month is over (issue 16).
    expect(text('schedule-measured-cell-onsite_checks-5')).toBe('10/6');
    expect(q('schedule-measured-cell-onsite_checks-5')!.classList).not.toContain('behind');
    expect(text('schedule-measured-total-onsite_checks')).toBe('120/38');
    // The typed figures stay, marked supplementary for the measured targets' tasks only.
    expect(text('schedule-view-cell-0-5')).toBe('10/7');
    expect(text('schedule-view-supplementary-0')).toBe('填报为补充');
    expect(q('schedule-view-supplementary-1')).toBeNull();
    expect(text('schedule-view-supplementary-2')).toBe('填报为补充');

    // The progress entry stays possible for every task, labelled supplementary where measured.
    expect(text('progress-measured-hint')).toContain('现场检查家次、定点医药机构现场检查覆盖率按本机构已送达的检查自动统计');
    expect(text('progress-supplementary-0')).toBe('填报为补充 · 系统统计本月 6 家次');
    expect(q('progress-supplementary-1')).toBeNull();
    expect(text('progress-supplementary-2')).toBe('填报为补充');
    expect(q<HTMLInputElement>('progress-done-0')!.disabled).toBe(false);
    await type('progress-done-0', '8');
    await click('progress-save');
    const put = http.expectOne('/api/plans/p1/progress/5');
    expect(put.request.body).toEqual({
      entries: [
        { taskId: 't1', doneQuantity: 8 },
        { taskId: 't2', doneQuantity: 0 },
        { taskId: 't3', doneQuantity: 0 },
      ],
    });
    put.flush(plan);
    await stable();

    TestBed.inject(TranslationService).use('en');
    await stable();
    expect(text('plan-measured')).toContain('System figures (inspections sent)');
    expect(text('plan-measured-value-onsite_checks')).toBe('38 / 120 inspections');
    expect(text('plan-measured-value-provider_coverage')).toBe('62.5% (25 of 40 institutions) of 100%');
    expect(text('schedule-view-supplementary-0')).toBe('Entry is supplementary');
    expect(text('progress-supplementary-0')).toBe('Entry is supplementary · system: 6 this month');
    expect(text('progress-measured-hint')).toContain(
      'On-site inspections (providers visited); On-site inspection coverage of designated providers: measured from the inspections',
    );
  });

  it('marks a measured target reached once the inspections sent meet it', async () => {
    const { q, text } = await open(
      fakeMeasuredPlan({
        measured: [{ targetCode: 'provider_coverage', unit: 'percent', target: 100, value: 100, byMonth: null, of: { done: 40, total: 40 } }],
      }),
    );
    expect(text('plan-measured-value-provider_coverage')).toBe('100%（40/40 家），目标 100%');
    expect(q('plan-measured-provider_coverage')!.getAttribute('data-reached')).toBe('true');
    expect(text('plan-measured-provider_coverage')).toContain('已达成');
    // No month-by-month figure for coverage, nor for 现场检查家次 when it is not measured.
    expect(q('schedule-measured-row')).toBeNull();
    expect(q('schedule-view-supplementary-0')).toBeNull();
    expect(text('schedule-view-supplementary-2')).toBe('填报为补充');
    expect(text('progress-supplementary-2')).toBe('填报为补充');
  });

  it('shows nothing new for a filed plan without measured targets', async () => {
    const { el, q, text } = await open(fakeMeasuredPlan({ measured: [] }));
    expect(q('plan-measured')).toBeNull();
    expect(q('schedule-measured-row')).toBeNull();
    expect(el.querySelector('[data-testid^="schedule-view-supplementary-"]')).toBeNull();
    expect(el.querySelector('[data-testid^="progress-supplementary-"]')).toBeNull();
    expect(q('progress-measured-hint')).toBeNull();
    expect(el.textContent).not.toContain('系统统计');
    expect(text('schedule-view-cell-0-5')).toBe('10/–');
    expect(el.querySelectorAll('[data-testid="progress-row"]')).toHaveLength(3);
  });

  it('downloads the Excel export with the bearer token and saves it under the server’s name', async () => {
    const { click } = await open(fakePlan());
    const createObjectURL = jest.fn(() => 'blob:plan');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: HTMLAnchorElement[] = [];
    const anchorClick = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function (this: HTMLAnchorElement) {
        clicked.push(this);
      });

    await click('plan-export-xlsx');
    const get = http.expectOne('/api/plans/p1/export.xlsx');
    expect(get.request.responseType).toBe('blob');
    expect(get.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    get.flush(new Blob(['xlsx']), {
      headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E7%8E%84%E6%AD%A6%E5%8C%BA-2027.xlsx" },
    });
    await settle();
    await settle();
    expect(createObjectURL).toHaveBeenCalled();
    expect(clicked.map((a) => [a.download, a.href])).toEqual([['玄武区-2027.xlsx', 'blob:plan']]);

    await click('plan-export-pdf');
    http.expectOne('/api/plans/p1/export.pdf').flush(new Blob(['pdf']));
    await settle();
    await settle();
    expect(clicked[1]!.download).toBe('玄武区医保经办中心2027年度监管方案.pdf');
    await settle();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:plan');
    anchorClick.mockRestore();
  });

  it('says so when the unit has no plan for the year, and follows ?year=', async () => {
    const { text, q } = await open(null, fakeDrafter(), '/local/annual-plans/mine?year=2026');
    expect(text('plan-none')).toContain('2026 年度的方案编制尚未开启');
    expect(q('plan-save')).toBeNull();
  });
});
