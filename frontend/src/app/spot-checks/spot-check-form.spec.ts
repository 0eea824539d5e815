import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Me } from '../core/models';
import { openPageByElements } from '../testing/page-harness';
import { fakeProvinceUser } from '../testing/fakes';
import { FAKE_CITIES, SPOT_CHECK_NOW, fakeCampaignOption, fakeSpotCheckSummary } from '../testing/spot-check-fakes';
import { SpotCheckForm, percentRefusal, ratioOf } from './spot-check-form';
import { SpotCheckList } from './spot-check-list';
import { shownValue } from '../testing/controls';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

@Component({ selector: 'app-landed', template: 'landed' })
class Landed {}

async function open(url: string, me: Me = fakeProvinceUser()) {
  return openPageByElements({
    url,
    routes: [
      { path: 'province/spot-checks/list', component: SpotCheckList, data: { section: 'province' } },
      { path: 'province/spot-checks/new', component: SpotCheckForm, data: { section: 'province' } },
      { path: 'province/spot-checks/check/:id', component: Landed },
    ],
    me,
    now: SPOT_CHECK_NOW,
  });
}

describe('Spot-check ratios', () => {
  it('converts percents to ratios and refuses anything below 10%', () => {
    expect(ratioOf(10)).toBe(0.1);
    expect(ratioOf(12.5)).toBe(0.125);
    expect(ratioOf(33.33)).toBe(0.3333);
    expect(percentRefusal(10)).toBeNull();
    expect(percentRefusal(9.99)).toBe('spotCheck.form.ratioMin');
    expect(percentRefusal(0)).toBe('spotCheck.form.ratioMin');
    expect(percentRefusal(100.5)).toBe('spotCheck.form.ratioInvalid');
    expect(percentRefusal(12.345)).toBe('spotCheck.form.ratioInvalid');
    expect(percentRefusal(null)).toBe('spotCheck.form.ratioInvalid');
  });
});

describe('Spot-check list', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the year with status, short commitment, drawn / population and inspections sent', async () => {
    const { http, q, all, stable } = await open('/province/spot-checks/list?year=2027');
    http.expectOne('/api/spot-checks?page=1&pageSize=20&year=2027').flush({
      items: [
        fakeSpotCheckSummary(),
        fakeSpotCheckSummary({ id: 'sc2', title: '草稿抽查', status: 'draft', commitment: null, population: 0, drawn: 0, inspections: { total: 0, recorded: 0, sent: 0, overdue: 0 } }),
      ],
      total: 2,
    });
    await stable();
    const rows = all('spot-check-row');
    expect(rows).toHaveLength(2);
    expect(q('spot-check-status', rows[0])!.textContent!.trim()).toBe('已抽取');
    expect(q('spot-check-row-commitment', rows[0])!.textContent).toContain('c0ffee000000');
    expect(q('spot-check-row-drawn', rows[0])!.textContent).toContain('14 / 120 家');
    expect(q('spot-check-row-inspections', rows[0])!.textContent).toContain('已送达 2 / 14');
    expect(q('spot-check-row-inspections', rows[0])!.textContent).toContain('逾期 1');
    expect(q('spot-check-status', rows[1])!.textContent!.trim()).toBe('待公开承诺');
    expect(rows[1]!.textContent).toContain('未公开');
    expect(q('spot-check-open', rows[0])!.getAttribute('href')).toBe('/province/spot-checks/check/sc1');
    expect(q('spot-check-create')).not.toBeNull();
  });

  it('keeps search, region, status and sort in the URL; sorts, pages and exports on the server with the same filters', async () => {
    const { http, q, stable, tick } = await open('/province/spot-checks/list?year=2027&q=inst-320508-0001&regionCode=3205&status=drawn&sort=-dueDate&page=2');
    http.expectOne('/api/spot-checks?page=2&pageSize=20&year=2027&status=drawn&q=inst-320508-0001&regionCode=3205&sort=-dueDate').flush({ items: [fakeSpotCheckSummary()], total: 21 });
    http.expectOne('/api/regions').flush([{ code: '3205', name: '苏州市', level: 'city', parentCode: '32' }]);
    await stable();
    expect((q('list-search') as HTMLInputElement).value).toBe('inst-320508-0001');
    expect(q('list-region')!.textContent).toContain('苏州市');
    expect(q('list-status')!.textContent).toContain('已抽取');
    expect(document.querySelector('th[nzColumnKey="dueDate"] .ant-table-column-sorter-down.active')).not.toBeNull();

    // Sorting by title: in the URL, back to the first page.
    document.querySelector<HTMLElement>('th[nzColumnKey="title"]')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/province/spot-checks/list?year=2027&q=inst-320508-0001&regionCode=3205&status=drawn&sort=title');
    http.expectOne('/api/spot-checks?page=1&pageSize=20&year=2027&status=drawn&q=inst-320508-0001&regionCode=3205&sort=title').flush({ items: [], total: 0 });
    await stable();

    // The export: the year and the filters, no paging.
    q('list-export-xlsx')!.click();
    await tick();
    const exported = http.expectOne((r) => r.url === '/api/spot-checks/export.xlsx');
    expect(exported.request.params.toString()).toBe('year=2027&status=drawn&q=inst-320508-0001&regionCode=3205&sort=title');
    exported.flush(new Blob(['x']));

    // Another year: its first page, the filters kept.
    await TestBed.inject(Router).navigateByUrl('/province/spot-checks/list?year=2026&status=drawn');
    await tick();
    http.expectOne('/api/spot-checks?page=1&pageSize=20&year=2026&status=drawn').flush({ items: [], total: 0 });
  });

  it('offers no create button to the national overseer', async () => {
    const { http, q, stable } = await open('/province/spot-checks/list', fakeProvinceUser(['national_overseer']));
    http.expectOne('/api/spot-checks?page=1&pageSize=20&year=2027').flush({ items: [], total: 0 });
    await stable();
    expect(q('spot-check-create')).toBeNull();
    expect(q('spot-check-error')).toBeNull();
  });
});

describe('Spot-check create form', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function openForm() {
    const page = await open('/province/spot-checks/new?year=2027');
    page.http.expectOne('/api/campaigns?year=2027').flush([fakeCampaignOption()]);
    page.http.expectOne('/api/campaigns/defaults?year=2027').flush({ year: 2027, cities: FAKE_CITIES });
    await page.stable();
    return page;
  }

  it('refuses a stratum below 10% before sending, then sends the body the contract expects', async () => {
    const { http, harness, q, all, type, click } = await openForm();
    // Every city and every kind by default; one ratio row per stratum of those kinds.
    expect(q<HTMLInputElement>('spot-check-default-ratio')!.value).toBe('10');
    expect(all('spot-check-witness-name')).toHaveLength(3);

    await type(q<HTMLInputElement>('spot-check-title')!, ' 2027年双随机抽查 ');
    await type(q<HTMLInputElement>('spot-check-ratio-hospital/tertiary')!, '20');
    await type(q<HTMLInputElement>('spot-check-ratio-pharmacy/none')!, '9.5');
    const witnesses = all('spot-check-witness-name') as HTMLInputElement[];
    await type(witnesses[0]!, '纪检监督员 王五');
    await type(witnesses[1]!, '公证员 李四');

    await click(q('spot-check-save')!);
    http.expectNone('/api/spot-checks');
    expect(q('spot-check-form-error')!.textContent).toContain('零售药店 · 不分级：抽取比例不得低于 10%。');

    // The default ratio cannot go below 10% either.
    await type(q<HTMLInputElement>('spot-check-ratio-pharmacy/none')!, '15');
    await type(q<HTMLInputElement>('spot-check-default-ratio')!, '5');
    await click(q('spot-check-save')!);
    http.expectNone('/api/spot-checks');
    expect(q('spot-check-form-error')!.textContent).toContain('默认比例：抽取比例不得低于 10%。');
    await type(q<HTMLInputElement>('spot-check-default-ratio')!, '12.5');

    // Clinics out of scope: their stratum row goes.
    await click(q('spot-check-kind-clinic')!.querySelector('input')!);
    expect(q('spot-check-ratio-clinic/primary')).toBeNull();
    expect(shownValue(q('spot-check-team-size')!)).toBe('2 人');
    await type(q('spot-check-team-size')!, 3);
    await click(q('spot-check-risk-weighted')!.querySelector('button')!);
    await click(q('spot-check-beacon-required')!.querySelector('button')!);
    await type(q<HTMLInputElement>('spot-check-due')!, '2027-10-15');

    await click(q('spot-check-save')!);
    const post = http.expectOne('/api/spot-checks');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      year: 2027,
      title: '2027年双随机抽查',
      cityCodes: ['3201', '3205'],
      institutionKinds: ['hospital', 'pharmacy'],
      dueDate: '2027-10-15',
      parameters: { defaultRatio: 0.125, ratios: { 'hospital/tertiary': 0.2, 'pharmacy/none': 0.15 }, teamSize: 3, riskWeighted: false },
      witnesses: [{ name: '纪检监督员 王五' }, { name: '公证员 李四' }],
      beaconRequired: true,
    });
    post.flush({ id: 'sc9' });
    await harness.fixture.whenStable();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/province/spot-checks/check/sc9');
  });

  it('shows the server refusal next to the button', async () => {
    const { http, q, all, type, click } = await openForm();
    await type(q<HTMLInputElement>('spot-check-title')!, '抽查');
    await type(all('spot-check-witness-name')[0] as HTMLInputElement, '王五');
    await click(q('spot-check-save')!);
    http.expectOne('/api/spot-checks').flush(
      { error: { code: 'spot_check_ratio_invalid', message: { zh: '抽取比例不得低于10%（hospital/primary）', en: 'Ratio below 10%' }, details: { stratum: 'hospital/primary', min: 0.1 } } },
      { status: 400, statusText: 'Bad Request' },
    );
    await click(q('spot-check-save')!.parentElement!);
    expect(q('spot-check-server-error')!.textContent).toContain('抽取比例不得低于10%（hospital/primary）');
    expect(TestBed.inject(Router).url).toBe('/province/spot-checks/new?year=2027');
  });

  it('takes the cities, kinds and due date from a campaign', async () => {
    const { http, q, all, type, click } = await openForm();
    await type(q('spot-check-campaign')!, 'c1');
    const scope = q('spot-check-campaign-scope')!;
    expect(scope.textContent).toContain('南京市');
    expect(scope.textContent).not.toContain('苏州市');
    expect(scope.textContent).toContain('零售药店、诊所');
    expect(scope.textContent).toContain('2027-10-20');
    expect(q('spot-check-cities')).toBeNull();
    // Only the campaign's kinds have stratum rows.
    expect(q('spot-check-ratio-hospital/tertiary')).toBeNull();
    expect(q('spot-check-ratio-clinic/primary')).not.toBeNull();

    await type(q<HTMLInputElement>('spot-check-title')!, '专项治理抽查');
    for (const [i, name] of ['王五', '李四', '赵六'].entries()) await type(all('spot-check-witness-name')[i] as HTMLInputElement, name);
    await click(q('spot-check-save')!);
    const post = http.expectOne('/api/spot-checks');
    expect(post.request.body).toEqual({
      year: 2027,
      title: '专项治理抽查',
      campaignId: 'c1',
      parameters: { defaultRatio: 0.1, ratios: {}, teamSize: 2, riskWeighted: true },
      witnesses: [{ name: '王五' }, { name: '李四' }, { name: '赵六' }],
      beaconRequired: false,
    });
    post.flush({ id: 'sc10' });
  });

  it('needs a title and at least one witness, at most five', async () => {
    const { http, q, all, click } = await openForm();
    await click(q('spot-check-save')!);
    http.expectNone('/api/spot-checks');
    const errors = q('spot-check-form-error')!.textContent!;
    expect(errors).toContain('请填写任务名称。');
    expect(errors).toContain('请填写 1–5 名见证人。');
    await click(q('spot-check-witness-add')!);
    await click(q('spot-check-witness-add')!);
    expect(all('spot-check-witness-name')).toHaveLength(5);
    expect(q('spot-check-witness-add')).toBeNull();
  });
});
