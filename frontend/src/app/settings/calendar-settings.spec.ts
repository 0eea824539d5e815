import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { CurrentUser } from '../core/current-user';
import { fakeMe, provideTestApp } from '../testing/fakes';
import type { CalendarStatus, CalendarYearSummary, LegalClock, ProvincialCalendarYear } from './calendar-api';
import { ymd } from './calendar-settings';
import { pageHelpers } from '../testing/page-harness';
import { canMaintainCalendar } from '../shell/navigation';
import { calendarRoutes } from './settings-routes';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const summary = (year: number, extra: Partial<CalendarYearSummary> = {}): CalendarYearSummary => ({
  year, documentNumber: null, publishedOn: null, source: 'package', enteredBy: 'chinese-days 1.5.7', enteredAt: '2026-12-07T00:00:00.000Z',
  holidays: 10, workdays: 5, ...extra,
});
const local2027: ProvincialCalendarYear = {
  provinceCode: '32', year: 2027, documentNumber: '苏政办发〔2026〕12号', publishedOn: '2026-11-20', enteredBy: '省局管理员', enteredAt: '2026-11-20T02:00:00.000Z',
  days: [{ day: '2027-03-15', kind: 'holiday', name: '地方节日' }],
};
const clocks: LegalClock[] = [
  { provinceCode: '*', key: 'finding_confirmation_working_days', value: 5, unit: 'working_days', sourceZh: '系统默认值：建设方案未规定', sourceEn: "the suite's default" },
  { provinceCode: '32', key: 'major_decision_amount', value: 200000, unit: 'yuan', sourceZh: '江苏省规定第五条', sourceEn: 'Jiangsu rules, art. 5' },
];

describe('Working-day calendar page', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp({ routes: [{ path: 'settings/calendar', children: calendarRoutes }] }) });
    TestBed.inject(CurrentUser).set(fakeMe(['province_official'], { organization: { id: 'bureau-32', name: '江苏省医疗保障局', kind: 'bureau' } }));
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  async function render(status: CalendarStatus, url = '/settings/calendar') {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    const fixture = harness.fixture;
    await settle();
    http.expectOne('/api/calendar/status').flush(status);
    const years = http.expectOne((r) => r.url === '/api/calendar/years');
    expect(years.request.params.get('page')).toBe(url.includes('page=2') ? '2' : '1');
    years.flush({ items: [summary(2026), summary(2025, { source: 'notice', documentNumber: '国办发明电〔2024〕12号', publishedOn: '2024-11-12', enteredBy: '省局管理员' })], total: 23 });
    http.expectOne((r) => r.url === '/api/legal-clocks').flush({ items: clocks, total: clocks.length });
    if (status.province) {
      await settle();
      http.expectOne(`/api/calendar/provinces/${status.province}/years`).flush({ items: [local2027], total: 1 });
    }
    await fixture.whenStable();
    const el = harness.routeNativeElement as HTMLElement;
    const { setModel } = pageHelpers(harness);
    const text = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    const all = (id: string) => [...el.querySelectorAll(`[data-testid="${id}"]`)].map((n) => n.textContent!.replace(/\s+/g, ' ').trim());
    const click = async (id: string) => {
      (el.querySelector(`[data-testid="${id}"]`) as HTMLElement).click();
      await settle();
      await fixture.whenStable();
    };
    return { fixture, el, text, all, click, setModel };
  }

  it('warns while next year is missing, lists the years and the legal clocks with their source', async () => {
    const { text, all } = await render({ changedAt: null, missingYear: 2027, canEnter: true, canEnterNational: true, province: null });
    expect(text('calendar-missing')).toContain('尚未录入 2027 年的节假日安排');
    expect(text('calendar-changed')).toBe('当前日历来自系统内置数据，尚未由管理员更新。');
    expect(all('calendar-year-number')).toEqual(['（未录入文号）', '国办发明电〔2024〕12号']);
    expect(all('calendar-clock-value')).toEqual(['5 个工作日', '200,000.00 元']);
    expect(all('calendar-clock-source')).toEqual(['系统默认值：建设方案未规定', '江苏省规定第五条']);
  });

  it('says when the calendar changed and that earlier deadlines keep their dates; no warning once the year is in', async () => {
    const { text, el } = await render({ changedAt: '2026-12-07T08:30:00.000Z', missingYear: null, canEnter: true, canEnterNational: true, province: null });
    expect(el.querySelector('[data-testid="calendar-missing"]')).toBeNull();
    expect(text('calendar-changed')).toBe('工作日历最近更新于 2026-12-07 16:30。此前已计算的期限保持原日期不变，此后计算的期限使用新日历。');
  });

  it('corrects an entered year: loads it into the form and saves it with its document number', async () => {
    const { fixture, el, click, setModel } = await render({ changedAt: null, missingYear: 2027, canEnter: true, canEnterNational: true, province: null });
    await click('calendar-edit-2026');
    http.expectOne('/api/calendar/years/2026').flush({
      year: 2026, documentNumber: null, publishedOn: null, source: 'package', enteredBy: 'chinese-days 1.5.7', enteredAt: '2026-12-07T00:00:00.000Z',
      days: [{ day: '2026-01-01', kind: 'holiday', name: '元旦' }, { day: '2026-02-14', kind: 'workday', name: '春节' }],
    });
    await settle();
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid="calendar-day-row"]')).toHaveLength(2);

    // without a number and a publication date the form says what is missing and sends nothing
    await click('calendar-submit');
    expect(el.querySelector('[data-testid="calendar-incomplete"]')?.textContent).toContain('请填写年度、通知文号、发布日期');
    http.expectNone((r) => r.method === 'PUT');

    const number = el.querySelector<HTMLInputElement>('[data-testid="calendar-number"]')!;
    number.value = ' 国办发明电〔2025〕7号 ';
    number.dispatchEvent(new Event('input'));
    await setModel('calendar-published', new Date(2025, 10, 4));
    await click('calendar-submit');
    const put = http.expectOne('/api/calendar/years/2026');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      documentNumber: '国办发明电〔2025〕7号', publishedOn: '2025-11-04',
      days: [{ day: '2026-01-01', kind: 'holiday', name: '元旦' }, { day: '2026-02-14', kind: 'workday', name: '春节' }],
    });
    put.flush({ year: 2026 });
    for (let i = 0; i < 3; i++) await settle();
    http.expectOne('/api/calendar/status').flush({ changedAt: '2026-12-07T08:30:00.000Z', missingYear: 2027, canEnter: true, canEnterNational: true, province: null });
    http.expectOne((r) => r.url === '/api/calendar/years').flush({ items: [], total: 23 });
    await fixture.whenStable();
  });

  it('reads the page of years from the address', async () => {
    const { all } = await render({ changedAt: null, missingYear: null, canEnter: true, canEnterNational: true, province: null }, '/settings/calendar?page=2');
    expect(all('calendar-year-row')).toHaveLength(2);
  });

  it("a provincial administrator: the national years read-only, the province's additions with their document number, the form enters them", async () => {
    const { fixture, el, text, all, click, setModel } = await render({ changedAt: null, missingYear: 2027, canEnter: true, canEnterNational: false, province: '32' });
    expect(text('calendar-missing')).toContain('尚未录入 2027 年的节假日安排');
    expect(el.querySelector('[data-testid="calendar-edit-2026"]')).toBeNull();
    expect(all('calendar-local-number')).toEqual(['苏政办发〔2026〕12号']);
    expect(text('calendar-local-days')).toBe('2027-03-15 放假（地方节日）');
    expect(el.querySelector('[data-testid="calendar-form"]')?.getAttribute('aria-label')).toBe('录入本省补充调整');

    await click('calendar-local-edit-2027');
    const number = el.querySelector<HTMLInputElement>('[data-testid="calendar-number"]')!;
    expect(number.value).toBe('苏政办发〔2026〕12号');
    number.value = '苏政办发〔2026〕13号';
    number.dispatchEvent(new Event('input'));
    await setModel('calendar-published', new Date(2026, 10, 21));
    await click('calendar-submit');
    const put = http.expectOne('/api/calendar/provinces/32/years/2027');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ documentNumber: '苏政办发〔2026〕13号', publishedOn: '2026-11-21', days: [{ day: '2027-03-15', kind: 'holiday', name: '地方节日' }] });
    http.expectNone('/api/calendar/years/2027');
    put.flush(local2027);
    for (let i = 0; i < 3; i++) await settle();
    http.expectOne('/api/calendar/provinces/32/years').flush({ items: [local2027], total: 1 });
    http.expectOne('/api/calendar/status').flush({ changedAt: '2026-12-07T08:30:00.000Z', missingYear: 2027, canEnter: true, canEnterNational: false, province: '32' });
    await fixture.whenStable();
  });

  it('shows no form to readers who may not enter a year', async () => {
    const { el } = await render({ changedAt: null, missingYear: null, canEnter: false, canEnterNational: false, province: null });
    expect(el.querySelector('[data-testid="calendar-form"]')).toBeNull();
    expect(el.querySelector('[data-testid="calendar-edit-2026"]')).toBeNull();
  });
});

describe('who maintains the calendar', () => {
  it('national and provincial bureau administrators only', () => {
    expect(canMaintainCalendar(['province_official'], 'bureau')).toBe(true);
    expect(canMaintainCalendar(['national_overseer'], 'bureau')).toBe(true);
    expect(canMaintainCalendar(['province_official'], 'agency')).toBe(false);
    expect(canMaintainCalendar(['county_staff', 'leader'], 'bureau')).toBe(false);
    expect(ymd(new Date(2027, 0, 1))).toBe('2027-01-01');
  });
});
