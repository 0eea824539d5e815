import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslationService } from '../i18n/translation';
import { provideTestApp } from '../testing/fakes';
import { DashboardCoverageRules, ruleListQuery, ruleProgress } from './dashboard-coverage';
import { fakeDashboard, fakeRules } from './dashboard-fakes';
import type { CoverageRule, ProvinceSampleRow } from './dashboards-api';

@Component({
  selector: 'app-rules-host',
  imports: [DashboardCoverageRules],
  template: `<app-dashboard-coverage-rules [rules]="rules()" [sample]="sample()" [region]="region()" [period]="period()" section="leader" />`,
})
class Host {
  readonly rules = signal<CoverageRule[]>(fakeRules());
  readonly sample = signal<ProvinceSampleRow[]>(fakeDashboard().coverage.provinceSample);
  readonly region = signal('32');
  readonly period = signal('2026');
}

async function render() {
  localStorage.clear();
  TestBed.configureTestingModule({ providers: [...provideTestApp()] });
  const fixture = TestBed.createComponent(Host);
  fixture.detectChanges();
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const q = (testId: string) => el.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const text = (testId: string) => q(testId)?.textContent?.replace(/\s+/g, ' ').trim();
  const href = (testId: string) => decodeURIComponent(q(testId)?.getAttribute('href') ?? '');
  const update = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  return { fixture, host: fixture.componentInstance, el, q, text, href, update };
}

describe('Coverage rules panel', () => {
  it('shows each rule as its own row against its own basis, with its source, its window and its state', async () => {
    const { el, text, q } = await render();
    const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="coverage-rules"] > li')];
    expect(rows.map((r) => r.dataset['testid'])).toEqual([
      'rule-full_coverage', 'rule-pharmacy_monthly', 'rule-clinic_monthly', 'rule-pharmacy_yearly', 'rule-clinic_yearly', 'rule-key_twice', 'rule-high_credit_full',
    ]);
    expect(text('rule-full_coverage')).toContain('定点医药机构现场检查全覆盖');
    expect(text('rule-full_coverage')).toContain('依据 003 一(一)');
    expect(text('rule-full_coverage')).toContain('统计 2026-01-01 至 2026-12-31');
    expect(text('rule-done-full_coverage')).toBe('120 / 180 家');
    expect(text('rule-basis-full_coverage')).toBe('基数：定点医药机构 180 家');
    expect(text('rule-basis-pharmacy_yearly')).toBe('基数：定点药店 100 家');
    expect(text('rule-basis-clinic_monthly')).toBe('基数：定点诊所 20 家');
    expect(text('rule-basis-key_twice')).toBe('基数：重点监管单位 6 家');
    // A monthly rule over a year: the months met out of the months ended, never a single ratio.
    expect(text('rule-done-pharmacy_monthly')).toBe('6 / 7 个月达标');
    expect(text('rule-state-pharmacy_monthly')).toBe('未达标');
    expect(text('rule-state-clinic_monthly')).toBe('进行中');
    expect(text('rule-state-key_twice')).toBe('达标');
    expect(text('rule-state-full_coverage')).toBe('进行中');
    // No high-credit hospital in the region: nothing to measure, no bar.
    expect(text('rule-done-high_credit_full')).toBe('本地区无此类机构');
    expect(q('rule-high_credit_full')!.querySelector('.bar')).toBeNull();
  });

  it('draws each bar against its own required mark: 100% of the basis, ⌈10%⌉ of it, or every month ended', async () => {
    const { q } = await render();
    const bar = (rule: string) => q(`rule-${rule}`)!.querySelector<HTMLElement>('.bar')!;
    expect(bar('full_coverage').getAttribute('aria-valuenow')).toBe('66.7');
    expect(bar('full_coverage').querySelector<HTMLElement>('.mark')!.style.left).toBe('100%');
    expect(bar('pharmacy_monthly').querySelector<HTMLElement>('.fill')!.style.width).toBe('85.7%');
    expect(ruleProgress({ unit: 'institutions', basis: 57, required: 6, done: 4 })).toEqual({ fill: 7, mark: 10.5 });
    expect(ruleProgress({ unit: 'months', basis: 57, required: 0, done: 0 })).toBeNull();
  });

  it('shows the months of a monthly rule: a month missed, the month under way, the months to come', async () => {
    const { q } = await render();
    const month = (m: string) => [...q(`rule-month-pharmacy_monthly-${m}`)!.querySelectorAll('span')].map((s) => s.textContent!.trim()).join(' ');
    expect(q('rule-months-pharmacy_monthly')!.querySelectorAll('li')).toHaveLength(12);
    expect(month('2026-06')).toBe('6月 4 / 10');
    expect(q('rule-month-pharmacy_monthly-2026-06')!.classList).toContain('below');
    expect(q('rule-month-pharmacy_monthly-2026-05')!.classList).not.toContain('below');
    // August is under way: 3 of 10 so far is not a miss yet.
    expect(q('rule-month-pharmacy_monthly-2026-08')!.classList).toContain('current');
    expect(q('rule-month-pharmacy_monthly-2026-08')!.classList).not.toContain('below');
    expect(month('2026-09')).toBe('9月 未到');
  });

  it('a monthly rule for one month counts institutions against ⌈10%⌉; a quarter with no month ended says so', async () => {
    const r = await render();
    r.host.period.set('2026-08');
    r.host.rules.set([
      { rule: 'pharmacy_monthly', source: '002 一(四)', basis: 57, required: 6, done: 4, met: false, state: 'in_progress', unit: 'institutions',
        judged: { from: '2026-08-01', to: '2026-08-31' }, months: [{ month: '2026-08', required: 6, done: 4, met: false, timing: 'current' }] },
      { rule: 'clinic_monthly', source: '002 一(四)', basis: 9, required: 0, done: 0, met: true, state: 'in_progress', unit: 'months',
        judged: { from: '2026-07-01', to: '2026-09-30' }, months: [] },
    ]);
    await r.update();
    expect(r.text('rule-done-pharmacy_monthly')).toBe('4 / 6 家');
    expect(r.q('rule-months-pharmacy_monthly')).toBeNull();
    expect(r.text('rule-done-clinic_monthly')).toBe('本期尚无已结束的月份');
  });

  it('links a rule to the inspections it counts where such a list exists', async () => {
    const { href, q } = await render();
    expect(href('rule-done-full_coverage')).toBe('/leader/dashboards/items?region=32&period=2026&metric=inspections_on_site&ytd=true');
    expect(href('rule-done-pharmacy_monthly')).toBe('/leader/dashboards/items?region=32&period=2026&metric=inspections&institutionKind=pharmacy');
    expect(href('rule-done-clinic_yearly')).toBe('/leader/dashboards/items?region=32&period=2026&metric=inspections&institutionKind=clinic&ytd=true');
    // The list cannot be narrowed to key-supervision units or high-credit hospitals: no link rather than a wrong one.
    expect(q('rule-done-key_twice')!.tagName).toBe('SPAN');
    expect(ruleListQuery('key_twice')).toBeNull();
    expect(ruleListQuery('high_credit_full')).toBeNull();
  });

  it("shows the province's sample per city as a separate table, each city's number a link to its spot-check inspections", async () => {
    const r = await render();
    const rows = [...r.q('coverage-province-sample')!.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-code'));
    expect(rows).toEqual(['3201', '3205']);
    expect(r.text('coverage-province-sample')).toContain('南京市');
    expect(r.text('sample-state-3201')).toBe('达标');
    expect(r.text('sample-state-3205')).toBe('进行中');
    expect(r.href('sample-done-3205')).toBe('/leader/dashboards/items?region=3205&period=2026&metric=inspections_spot_check&ytd=true');
    // A county has no sample of its own.
    r.host.sample.set([]);
    await r.update();
    expect(r.q('coverage-province-sample')).toBeNull();
  });

  it('speaks English', async () => {
    const r = await render();
    TestBed.inject(TranslationService).use('en');
    await r.update();
    expect(r.text('rule-done-pharmacy_monthly')).toBe('6 / 7 months met');
    expect(r.text('rule-state-pharmacy_monthly')).toBe('Not met');
    expect(r.text('rule-basis-key_twice')).toBe('Basis: 6 key-supervision units');
    expect(r.text('rule-full_coverage')).toContain('Every institution inspected on site within the year');
  });
});
