import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { Component, type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NgModel } from '@angular/forms';
import { By } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { NzMessageService } from 'ng-zorro-antd/message';
import type { Me } from '../core/models';
import { openRoutedPage } from '../testing/page-harness';
import { TranslationService } from '../i18n/translation';
import { PLAN_NOW, fakeCityReviewer, fakeProvinceUser } from '../testing/fakes';
import { provideCampaignDatePicker } from './campaign-calendar';
import { fakeCalendar, fakeCampaignDefaults, fakeCampaignDetail, fakeCampaignSummary } from './campaign-fakes';
import { CampaignForm } from './campaign-form';
import { CampaignList } from './campaign-list';

@Component({ selector: 'app-stub', template: 'detail' })
class Stub {}

/** Opens a campaign page at `url` (routes as in campaign-routes.ts, province section unless told). */
async function open(component: Type<unknown>, url: string, me: Me = fakeProvinceUser(), section = 'province') {
  const { http, harness, el, q, text, click, type, tick, stable } = await openRoutedPage({
    url,
    routes: [
      { path: `${section}/campaigns`, pathMatch: 'full', component, data: { section } },
      { path: `${section}/campaigns/new`, providers: [provideCampaignDatePicker()], component, data: { section } },
      { path: `${section}/campaigns/:id/edit`, providers: [provideCampaignDatePicker()], component, data: { section } },
      { path: `${section}/campaigns/:id`, component: Stub },
    ],
    me,
    now: PLAN_NOW,
    followNavigation: true,
  });
  /** For ng-zorro controls (select, date picker) whose own UI is not what is under test. */
  const setModel = async (testId: string, value: unknown) => {
    const model = harness.fixture.debugElement.query(By.css(`[data-testid="${testId}"]`)).injector.get(NgModel);
    model.viewToModelUpdate(value);
    await stable();
  };
  return { harness, http, el, q, text, click, type, setModel, stable, tick };
}

describe('Campaign list', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the year’s campaigns with status, phase and report counts', async () => {
    const { http, el, q, stable } = await open(CampaignList, '/province/campaigns');
    http.expectOne('/api/campaigns?year=2027').flush([
      fakeCampaignSummary(),
      fakeCampaignSummary({ id: 'c2', title: '药店专项', status: 'draft', phase: 'draft', assignedAt: null, tasks: { total: 0, submitted: 0, late: 0, missing: 0, verified: 0 } }),
    ]);
    await stable();

    const rows = el.querySelectorAll('[data-testid="campaign-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('2027年度定点医药机构专项治理');
    expect(rows[0]!.querySelector('[data-testid="campaign-status"]')!.textContent).toContain('已下发');
    expect(rows[0]!.querySelector('[data-testid="campaign-phase"]')!.textContent).toContain('自查自纠');
    expect(rows[0]!.querySelector('[data-testid="campaign-task-counts"]')!.textContent).toContain('已报送 40 / 120');
    expect(rows[0]!.textContent).toContain('逾期提交 2');
    expect(rows[0]!.textContent).toContain('未报送 5');
    expect(rows[0]!.textContent).toContain('门诊统筹基金使用');
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toBe('/province/campaigns/c1');
    expect(rows[1]!.querySelector('[data-testid="campaign-status"]')!.textContent).toContain('草稿');
    expect(rows[1]!.querySelector('[data-testid="campaign-phase"]')).toBeNull();
    expect(q('campaign-create')!.getAttribute('href')).toBe('/province/campaigns/new?year=2027');
    expect(q('campaign-readonly')).toBeNull();
  });

  it('is read-only for a city user, and follows the year in the URL', async () => {
    const { http, q, stable } = await open(CampaignList, '/local/campaigns?year=2026', fakeCityReviewer(), 'local');
    http.expectOne('/api/campaigns?year=2026').flush([]);
    await stable();
    expect(q('campaign-create')).toBeNull();
    expect(q('campaign-readonly')).not.toBeNull();
    expect(q('campaign-table')!.textContent).toContain('本年度尚无专项治理');
  });

  it('keeps the national overseer read-only in the province section', async () => {
    const { http, q, stable } = await open(CampaignList, '/province/campaigns', fakeProvinceUser(['national_overseer']));
    http.expectOne('/api/campaigns?year=2027').flush([fakeCampaignSummary()]);
    await stable();
    expect(q('campaign-create')).toBeNull();
  });
});

describe('Campaign form', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('prefills the calendar from the defaults and sends the new campaign, restricted to public institutions of secondary level and above', async () => {
    const page = await open(CampaignForm, '/province/campaigns/new?year=2027');
    const { http, q, text, type, click, setModel, stable } = page;
    http.expectOne('/api/campaigns/defaults?year=2027').flush(fakeCampaignDefaults());
    await stable();
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');

    expect(text('campaign-policy')).toContain('法定时限');
    expect(q<HTMLInputElement>('campaign-date-selfInspectionStart')!.querySelector('input')!.value).toBe('2027-04-01');
    expect(q('campaign-calendar-issues')).toBeNull();

    await type('campaign-title', '  2027年度专项治理  ');
    await setModel('campaign-focus', ['public_hospital_charging', '门诊统筹基金使用']);
    await setModel('campaign-date-selfInspectionEnd', new Date(2027, 5, 30));
    // Pharmacies are left out; 「二级及以上公立医疗机构」.
    q('campaign-kind-pharmacy')!.querySelector('input')!.click();
    await stable();
    expect(text('campaign-scope-hint')).toContain('二级及以上公立医疗机构');
    await setModel('campaign-ownership', 'public');
    await setModel('campaign-min-level', 'secondary');
    await click('campaign-save');

    const post = http.expectOne('/api/campaigns');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      year: 2027,
      title: '2027年度专项治理',
      focusAreas: [{ code: 'public_hospital_charging' }, { text: '门诊统筹基金使用' }],
      cityCodes: ['3201', '3205'],
      institutionKinds: ['hospital', 'clinic'],
      ownership: 'public',
      minLevel: 'secondary',
      calendar: { ...fakeCalendar(), selfInspectionEnd: '2027-06-30' },
    });
    post.flush({ id: 'c9' });
    await stable();
    expect(success).toHaveBeenCalledWith('专项治理已保存');
    expect(TestBed.inject(Router).url).toBe('/province/campaigns/c9');
  });

  it('checks the form and the calendar order before sending', async () => {
    const { http, q, text, click, setModel, stable } = await open(CampaignForm, '/province/campaigns/new?year=2027');
    http.expectOne('/api/campaigns/defaults?year=2027').flush(fakeCampaignDefaults());
    await stable();

    // Out of order: shown at once, next to the calendar.
    await setModel('campaign-date-spotCheckStart', new Date(2027, 7, 31));
    expect(text('campaign-calendar-issues')).toContain('“抽查复查开始”须晚于“自查自纠结束”');
    expect(text('campaign-calendar-issues')).toContain('“抽查复查开始”须在 2027-09-01 至 2027-10-31 之间（法定时限）');

    await click('campaign-save');
    http.expectNone('/api/campaigns');
    const problems = text('campaign-problems')!;
    expect(problems).toContain('请填写名称');
    expect(problems).toContain('请选择或填写 1–2 项治理重点');
    expect(problems).toContain('须晚于“自查自纠结束”');
    expect(q('campaign-date-spotCheckStart')!.classList).toContain('ant-picker-status-error');

    // Too many focus areas and no kinds.
    await setModel('campaign-focus', ['public_hospital_charging', 'pharmacy_card_misuse', 'x']);
    for (const kind of ['hospital', 'pharmacy', 'clinic']) q(`campaign-kind-${kind}`)!.querySelector('input')!.click();
    await stable();
    expect(text('campaign-problems')).toContain('请至少选择一种机构类型');
  });

  it('flags a self-inspection already over before saving, not only at 下发 (issue 16)', async () => {
    // Today is 2027-05-10: last year's calendar cannot be assigned any more.
    const { http, q, text, type, click, setModel, stable } = await open(CampaignForm, '/province/campaigns/new?year=2026');
    http.expectOne('/api/campaigns/defaults?year=2026').flush(fakeCampaignDefaults({ year: 2026, calendarPolicy: 'flexible' }));
    await stable();
    expect(text('campaign-calendar-issues')).toContain('“自查自纠结束”已过，方案将无法下发：请选择 2027-05-10 或以后的日期');
    await type('campaign-title', '2026年度专项治理');
    await setModel('campaign-focus', ['pharmacy_card_misuse']);
    await click('campaign-save');
    http.expectNone('/api/campaigns');
    expect(q('campaign-date-selfInspectionEnd')!.classList).toContain('ant-picker-status-error');
    // Today is accepted.
    await setModel('campaign-date-selfInspectionEnd', new Date(2027, 4, 10));
    await setModel('campaign-date-spotCheckStart', new Date(2027, 4, 11));
    await setModel('campaign-date-spotCheckEnd', new Date(2027, 5, 30));
    await setModel('campaign-date-summaryDue', new Date(2027, 6, 31));
    expect(q('campaign-problems')).toBeNull();
  });

  it('shows the server’s validation error, in the current language, on the field it names', async () => {
    const { http, q, text, type, click, setModel, stable } = await open(CampaignForm, '/province/campaigns/new?year=2027');
    http.expectOne('/api/campaigns/defaults?year=2027').flush(fakeCampaignDefaults({ calendarPolicy: 'flexible' }));
    await stable();
    expect(q('campaign-policy')!.getAttribute('data-policy')).toBe('flexible');

    await type('campaign-title', '2027年度专项治理');
    await setModel('campaign-focus', ['pharmacy_card_misuse']);
    // Flexible: a summary in December is fine here; the backend still has the last word.
    await setModel('campaign-date-summaryDue', new Date(2027, 11, 20));
    expect(q('campaign-calendar-issues')).toBeNull();
    await click('campaign-save');

    const post = http.expectOne('/api/campaigns');
    expect(post.request.body.calendar.summaryDue).toBe('2027-12-20');
    post.flush(
      {
        error: {
          code: 'campaign_calendar_outside_policy',
          message: { zh: '总结报送日期超出法定时限（2027-11-30）', en: 'The summary is due after the statutory limit (2027-11-30)' },
          details: { field: 'summaryDue', limit: '2027-11-30' },
        },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    expect(text('campaign-server-error')).toBe('总结报送日期超出法定时限（2027-11-30）');
    expect(q('campaign-date-summaryDue')!.classList).toContain('ant-picker-status-error');
    expect(TestBed.inject(Router).url).toBe('/province/campaigns/new?year=2027');

    TestBed.inject(TranslationService).use('en');
    await stable();
    expect(text('campaign-server-error')).toBe('The summary is due after the statutory limit (2027-11-30)');

    // Editing clears it.
    await setModel('campaign-date-summaryDue', new Date(2027, 10, 20));
    expect(q('campaign-server-error')).toBeNull();
  });

  it('takes the next year’s default calendar when the year changes', async () => {
    const { http, harness, q, type, stable, tick } = await open(CampaignForm, '/province/campaigns/new?year=2027');
    http.expectOne('/api/campaigns/defaults?year=2027').flush(fakeCampaignDefaults());
    await stable();
    await type('campaign-title', '专项治理');
    const year = harness.fixture.debugElement.query(By.css('[data-testid="plan-year"]')).injector.get(NgModel);
    year.viewToModelUpdate(2028);
    // Not stable(): a loading resource counts as pending work.
    await tick();
    http.expectOne('/api/campaigns/defaults?year=2028').flush(fakeCampaignDefaults({ year: 2028 }));
    await stable();
    expect(q('campaign-date-planFiledBy')!.querySelector('input')!.value).toBe('2028-03-31');
    expect(q<HTMLInputElement>('campaign-title')!.value).toBe('专项治理');
  });

  it('edits a draft with a PUT', async () => {
    const { http, q, type, click, stable, tick } = await open(CampaignForm, '/province/campaigns/c1/edit?year=2026');
    http.expectOne('/api/campaigns/c1').flush(fakeCampaignDetail({ status: 'draft', phase: 'draft', cityCodes: ['3205'] }));
    await tick();
    // The defaults of the campaign's year, whatever the URL says.
    http.expectOne('/api/campaigns/defaults?year=2027').flush(fakeCampaignDefaults());
    await stable();
    expect(q<HTMLInputElement>('campaign-title')!.value).toBe('2027年度定点医药机构专项治理');
    await type('campaign-title', '2027年度专项治理（修订）');
    await click('campaign-save');
    const put = http.expectOne('/api/campaigns/c1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      year: 2027,
      title: '2027年度专项治理（修订）',
      focusAreas: [{ code: 'public_hospital_charging' }, { text: '门诊统筹基金使用' }],
      cityCodes: ['3205'],
      institutionKinds: ['hospital', 'pharmacy'],
      ownership: null,
      minLevel: null,
      calendar: fakeCalendar(),
    });
    put.flush({ id: 'c1' });
    await stable();
  });

  it('refuses a minimum level while pharmacies are in scope, and shows the backend\'s refusal of a scope', async () => {
    const { http, text, type, click, setModel, stable } = await open(CampaignForm, '/province/campaigns/new?year=2027');
    http.expectOne('/api/campaigns/defaults?year=2027').flush(fakeCampaignDefaults());
    await stable();
    await type('campaign-title', '二级及以上医疗机构专项治理');
    await setModel('campaign-focus', ['public_hospital_charging']);
    await setModel('campaign-min-level', 'secondary');
    await click('campaign-save');
    // All three kinds are ticked by default: retail pharmacies have no level.
    expect(text('campaign-problems')).toContain('零售药店不分等级');
    http.expectNone('/api/campaigns');

    await setModel('campaign-min-level', null);
    await setModel('campaign-ownership', 'public');
    await click('campaign-save');
    http.expectOne('/api/campaigns').flush(
      { error: { code: 'campaign_ownership_unknown', message: { zh: '未知的机构性质：state', en: 'unknown ownership: state' } } },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    expect(text('campaign-server-error')).toContain('未知的机构性质');
  });

  it('refuses to edit an assigned campaign', async () => {
    const { http, q, stable, tick } = await open(CampaignForm, '/province/campaigns/c1/edit');
    http.expectOne('/api/campaigns/c1').flush(fakeCampaignDetail());
    await tick();
    http.expectOne('/api/campaigns/defaults?year=2027').flush(fakeCampaignDefaults());
    await stable();
    expect(q('campaign-not-draft')).not.toBeNull();
    expect(q('campaign-save')).toBeNull();
  });
});
