import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { fakeCityReviewer, fakeProvinceUser, provideTestApp } from '../testing/fakes';
import { fakeJurisdictionCoverage } from '../testing/agency-inspection-fakes';
import { SPOT_CHECK_NOW, fakeCoverage } from '../testing/spot-check-fakes';
import { CoveragePage, coverageMonthOf, monthParam } from './coverage-page';
import { CLOCK } from '../core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Coverage month', () => {
  it('defaults to this month, or December of a past year', () => {
    expect(coverageMonthOf(undefined, 2027, SPOT_CHECK_NOW)).toBe(9);
    expect(coverageMonthOf(undefined, 2026, SPOT_CHECK_NOW)).toBe(12);
    expect(coverageMonthOf('3', 2027, SPOT_CHECK_NOW)).toBe(3);
    expect(coverageMonthOf('13', 2027, SPOT_CHECK_NOW)).toBe(9);
  });

  it('asks the jurisdictions for the month of the period chosen', () => {
    expect(monthParam(2027, 3)).toBe('2027-03');
    expect(monthParam(2026, 12)).toBe('2026-12');
  });
});

describe('Coverage page', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function open(url: string, me: Me = fakeProvinceUser(), section: 'province' | 'local' = 'province') {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp({ routes: [{ path: `${section}/spot-checks/coverage`, component: CoveragePage, data: { section } }] }),
        { provide: CLOCK, useValue: () => SPOT_CHECK_NOW },
      ],
    });
    TestBed.inject(CurrentUser).set(me);
    const http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    const tick = async () => {
      for (let i = 0; i < 4; i++) await settle();
    };
    await tick();
    const stable = async () => {
      await tick();
      await harness.fixture.whenStable();
      await tick();
    };
    const el = harness.routeNativeElement as HTMLElement;
    const q = (testId: string, root: ParentNode = el) => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    const all = (testId: string) => [...el.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
    return { http, el, q, all, stable, tick };
  }

  it('renders the shares by city and kind against the 10% line, with the monthly rule tags', async () => {
    const { http, el, q, all, stable } = await open('/province/spot-checks/coverage');
    http.expectOne('/api/coverage/jurisdictions?month=2027-09').flush(fakeJurisdictionCoverage());
    http.expectOne('/api/coverage?year=2027&month=9').flush(fakeCoverage());
    await stable();
    expect(el.textContent).toContain('2027 年 9 月检查覆盖率');

    const rows = all('coverage-row');
    expect(rows).toHaveLength(5);
    const nanjingPharmacy = rows.find((r) => r.dataset['city'] === '3201' && r.dataset['kind'] === 'pharmacy')!;
    expect(nanjingPharmacy.textContent).toContain('零售药店');
    expect(nanjingPharmacy.textContent).toContain('60 · 30%');
    expect(q('coverage-month-share', nanjingPharmacy)!.textContent).toContain('10 · 5%');
    expect(q('coverage-rule', nanjingPharmacy)!.getAttribute('data-met')).toBe('false');
    expect(q('coverage-rule', nanjingPharmacy)!.textContent).toContain('未达标');
    expect(nanjingPharmacy.querySelector('.share-bar .fill.low')).not.toBeNull();
    const nanjingHospital = rows.find((r) => r.dataset['kind'] === 'hospital')!;
    expect(q('coverage-rule', nanjingHospital)).toBeNull();
    const suzhouClinic = rows.find((r) => r.dataset['city'] === '3205' && r.dataset['kind'] === 'clinic')!;
    expect(q('coverage-rule', suzhouClinic)!.textContent).toContain('达标');

    // Per city: not yet inspected, key-supervision units inspected twice.
    expect(all('coverage-not-yet').map((c) => c.textContent!.trim())).toEqual(['200', '169']);
    expect(all('coverage-key').map((c) => c.textContent!.trim())).toEqual(['3 / 8', '5 / 5']);
    expect(q('coverage-card-missed')!.textContent).toContain('1');
    expect(q('coverage-card-not-yet')!.textContent).toContain('369');
    expect(q('coverage-card-key')!.textContent).toContain('8 / 13');

    // The chart: one bar per city for pharmacies, and the 10% reference line.
    const chart = q('coverage-chart')!;
    expect(chart.querySelector('svg')).not.toBeNull();
    expect(chart.getAttribute('aria-label')).toContain('零售药店');
    const bars = [...chart.querySelectorAll('path.bar')].map((b) => b.getAttribute('aria-label'));
    expect(bars).toEqual(['南京市 5', '苏州市 12']);
    expect(chart.querySelector('.ref-line')).not.toBeNull();
    expect(chart.textContent).toContain('10% 基准');
  });

  it('reloads for another month from the URL', async () => {
    const { http, el, stable, tick } = await open('/province/spot-checks/coverage?year=2027&month=3');
    http.expectOne('/api/coverage/jurisdictions?month=2027-03').flush(fakeJurisdictionCoverage({ month: 3 }));
    http.expectOne('/api/coverage?year=2027&month=3').flush(fakeCoverage({ month: 3 }));
    await stable();
    await TestBed.inject(Router).navigateByUrl('/province/spot-checks/coverage?year=2026&month=12');
    await tick();
    http.expectOne('/api/coverage/jurisdictions?month=2026-12').flush(fakeJurisdictionCoverage({ year: 2026, month: 12, jurisdictions: [], provinceSample: [] }));
    http.expectOne('/api/coverage?year=2026&month=12').flush(fakeCoverage({ year: 2026, month: 12, byCity: [] }));
    await stable();
    expect(el.textContent).toContain('2026 年 12 月检查覆盖率');
    expect(el.textContent).toContain('暂无数据');
  });

  it('renders the subtree of a city user', async () => {
    const { http, all, stable } = await open('/local/spot-checks/coverage', fakeCityReviewer(), 'local');
    http.expectOne('/api/coverage/jurisdictions?month=2027-09').flush(fakeJurisdictionCoverage());
    http.expectOne('/api/coverage?year=2027&month=9').flush(fakeCoverage({ byCity: fakeCoverage().byCity.slice(0, 1) }));
    await stable();
    expect(all('coverage-row')).toHaveLength(3);
  });

  it('shows every jurisdiction’s rules against their own basis, and the province’s sample per city', async () => {
    const { http, q, all, stable } = await open('/province/spot-checks/coverage');
    http.expectOne('/api/coverage/jurisdictions?month=2027-09').flush(fakeJurisdictionCoverage());
    http.expectOne('/api/coverage?year=2027&month=9').flush(fakeCoverage());
    await stable();

    const head = [...q('jurisdiction-table')!.querySelectorAll('th')].map((th) => th.textContent!.trim());
    expect(head).toEqual([
      '经办机构（辖区）',
      '定点机构数',
      '全覆盖',
      '药店月度10%',
      '诊所月度10%',
      '药店年度全覆盖',
      '诊所年度全覆盖',
      '重点监管单位≥2次',
      '信用较高医院≥1次全面检查',
    ]);
    const rows = all('jurisdiction-row');
    expect(rows.map((r) => r.dataset['agency'])).toEqual(['agency-3201', 'agency-320102']);
    const xuanwu = rows[1]!;
    expect(q('jurisdiction-name', xuanwu)!.textContent).toContain('南京市玄武区医疗保险管理中心');
    const cell = (rule: string) => xuanwu.querySelector<HTMLElement>(`[data-testid="jurisdiction-rule"][data-rule="${rule}"]`)!;
    // done / required, each against its own basis, met or not.
    expect(cell('full_coverage').textContent).toContain('25 / 40');
    expect(cell('full_coverage').textContent).toContain('未达标');
    expect(cell('full_coverage').dataset['met']).toBe('false');
    expect(cell('pharmacy_monthly').textContent).toContain('2 / 2');
    expect(cell('pharmacy_monthly').textContent).toContain('达标');
    expect(cell('pharmacy_monthly').dataset['met']).toBe('true');
    expect(cell('pharmacy_monthly').querySelector('[title]')!.getAttribute('title')).toBe('基数 20 · 002 一(四)');
    expect(cell('clinic_monthly').textContent).toContain('1 / 2');
    expect(cell('key_twice').textContent).toContain('1 / 3');
    // No high-credit hospital in the jurisdiction: nothing to count.
    expect(cell('high_credit_full').textContent).toContain('无此类机构');
    expect(q('jurisdiction-missed')!.textContent).toContain('未达标 5 项');

    const sample = all('province-sample-row');
    expect(sample.map((r) => r.dataset['city'])).toEqual(['3201', '3205']);
    expect(sample[0]!.textContent).toContain('12.5%');
    expect(q('province-sample-rule', sample[0])!.dataset['met']).toBe('true');
    expect(q('province-sample-rule', sample[1])!.textContent).toContain('未达标');
  });
});
