import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Me } from '../core/models';
import { openPageByElements } from '../testing/page-harness';
import { fakeCityBureauUser, fakeProvinceUser } from '../testing/fakes';
import { SPOT_CHECK_NOW, fakeInspection, fakeSpotCheckSummary } from '../testing/spot-check-fakes';

const REGIONS = [
  { code: '32', name: '江苏省', level: 'province', parentCode: null },
  { code: '3205', name: '苏州市', level: 'city', parentCode: '32' },
];
import { InspectionDetailPage, parseAmount } from './inspection-detail';
import { InspectionList } from './inspection-list';
import type { Inspection } from './spot-check-models';

const attachment = (id: string, filename: string) => ({ id, filename, contentType: 'application/pdf', sizeBytes: 2048, sha256: 'x', createdAt: '2027-09-10T00:00:00Z' });

async function setup(me: Me, url: string, section: 'province' | 'local') {
  return openPageByElements({
    url,
    routes: [
      { path: `${section}/spot-checks/inspections`, component: InspectionList, data: { section } },
      { path: `${section}/spot-checks/inspection/:id`, component: InspectionDetailPage, data: { section } },
    ],
    me,
    now: SPOT_CHECK_NOW,
  });
}

describe('Inspection amounts', () => {
  it.each<[string, number | null]>([
    ['0', 0],
    ['1200.5', 1200.5],
    [' 1200.50 ', 1200.5],
    ['12.345', null],
    ['-1', null],
    ['1e3', null],
    ['', null],
    ['abc', null],
  ])('parses %p as %p', (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });
});

describe('Inspection list', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('queries with the filters and page of the URL and lists team and status', async () => {
    const { http, q, all, stable, tick } = await setup(fakeProvinceUser(), '/province/spot-checks/inspections?spotCheckId=sc1&regionCode=3205&status=recorded&page=2', 'province');
    http.expectOne('/api/spot-checks?page=1&pageSize=100&year=2027').flush({ items: [fakeSpotCheckSummary()], total: 1 });
    http.expectOne('/api/regions').flush(REGIONS);
    http
      .expectOne('/api/inspections?page=2&pageSize=20&spotCheckId=sc1&status=recorded&regionCode=3205')
      .flush({ items: [fakeInspection({ status: 'recorded', inspectedOn: '2027-09-10' }), fakeInspection({ id: 'in2', overdue: true })], total: 22 });
    await stable();
    const rows = all('inspection-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('苏州康宁大药房');
    expect(rows[0]!.textContent).toContain('李明、王芳');
    expect(rows[0]!.textContent).toContain('2027-09-10');
    expect(q('inspection-status', rows[0])!.textContent).toContain('已记录');
    expect(rows[0]!.textContent).toContain('剩 46 天');
    expect(q('inspection-overdue', rows[1])).not.toBeNull();
    expect(q('inspection-open', rows[0])!.getAttribute('href')).toBe('/province/spot-checks/inspection/in1');

    // Page 1 again from the pager.
    const first = [...document.querySelectorAll<HTMLElement>('.ant-pagination-item')].find((li) => li.textContent!.trim() === '1')!;
    first.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/province/spot-checks/inspections?spotCheckId=sc1&regionCode=3205&status=recorded');
    http.expectOne('/api/inspections?page=1&pageSize=20&spotCheckId=sc1&status=recorded&regionCode=3205').flush({ items: [], total: 22 });
  });

  it('keeps search, status, period and sort in the URL; a sorted column and the export ask the server with the same filters', async () => {
    const url = '/province/spot-checks/inspections?q=%E5%BA%B7%E5%AE%81&status=sent&from=2027-01-01&to=2027-06-30&sort=-inspectedOn&page=3';
    const { http, q, stable, tick } = await setup(fakeProvinceUser(), url, 'province');
    http.expectOne('/api/spot-checks?page=1&pageSize=100&year=2027').flush({ items: [], total: 0 });
    http
      .expectOne('/api/inspections?page=3&pageSize=20&status=sent&q=%E5%BA%B7%E5%AE%81&from=2027-01-01&to=2027-06-30&sort=-inspectedOn')
      .flush({ items: [fakeInspection({ status: 'sent' })], total: 41 });
    await stable();
    expect((q('list-search') as HTMLInputElement).value).toBe('康宁');
    expect(q('list-status')!.textContent).toContain('已送达机构');
    const inspected = document.querySelector<HTMLElement>('th[nzColumnKey="inspectedOn"]')!;
    expect(inspected.querySelector('.ant-table-column-sorter-down.active')).not.toBeNull();

    // Sorting by institution: in the URL, back to the first page, the other filters kept.
    document.querySelector<HTMLElement>('th[nzColumnKey="institution"]')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/province/spot-checks/inspections?q=%E5%BA%B7%E5%AE%81&status=sent&from=2027-01-01&to=2027-06-30&sort=institution');
    http.expectOne('/api/inspections?page=1&pageSize=20&status=sent&q=%E5%BA%B7%E5%AE%81&from=2027-01-01&to=2027-06-30&sort=institution').flush({ items: [], total: 0 });
    await stable();

    // The export: the same filters and order, no paging.
    q('list-export-xlsx')!.click();
    await tick();
    const exported = http.expectOne((r) => r.url === '/api/inspections/export.xlsx');
    expect(exported.request.params.keys().sort()).toEqual(['from', 'q', 'sort', 'status', 'to']);
    expect(exported.request.params.get('sort')).toBe('institution');
    exported.flush(new Blob(['x']));
  });

  it('a new search goes back to the first page; clearing the filters empties the URL', async () => {
    const { http, q, stable, tick } = await setup(fakeProvinceUser(), '/province/spot-checks/inspections?status=assigned&page=4', 'province');
    http.expectOne('/api/spot-checks?page=1&pageSize=100&year=2027').flush({ items: [], total: 0 });
    http.expectOne('/api/inspections?page=4&pageSize=20&status=assigned').flush({ items: [], total: 100 });
    await stable();
    const input = q('list-search') as HTMLInputElement;
    input.value = 'inst-320508-0001';
    input.dispatchEvent(new Event('input'));
    q('list-search-button')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/province/spot-checks/inspections?status=assigned&q=inst-320508-0001');
    http.expectOne('/api/inspections?page=1&pageSize=20&status=assigned&q=inst-320508-0001').flush({ items: [], total: 0 });
    await stable();
    q('list-reset')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/province/spot-checks/inspections');
    http.expectOne('/api/inspections?page=1&pageSize=20').flush({ items: [], total: 0 });
  });
});

describe('Inspection record', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function openInspection(inspection: Inspection, me: Me = fakeProvinceUser(), section: 'province' | 'local' = 'province') {
    const page = await setup(me, `/${section}/spot-checks/inspection/${inspection.id}`, section);
    page.http.expectOne(`/api/inspections/${inspection.id}`).flush(inspection);
    await page.stable();
    return page;
  }

  it('validates amounts, uploads evidence, saves the record with the right body, then sends it', async () => {
    const { http, q, all, type, click, stable, tick, el } = await openInspection(fakeInspection());
    expect(all('inspection-team-member').map((m) => m.textContent!.trim())).toEqual(['李明（南京市医疗保障局）', '王芳（无锡市医保经办中心）']);
    // Nothing to send before the record is saved.
    expect(q('inspection-send')).toBeNull();

    await click(q('inspection-save')!);
    http.expectNone('/api/inspections/in1');
    expect(q('inspection-form-error')!.textContent).toContain('请填写检查日期');
    expect(q('inspection-form-error')!.textContent).toContain('请对每一个检查事项作出结论');

    await type(q<HTMLInputElement>('inspection-date')!, '2027-09-10');
    await click(q('inspection-result-0-compliant')!);
    await click(q('inspection-result-1-deficient')!);
    await type(q<HTMLInputElement>('inspection-note-1')!, ' 货架陈列日用品 ');

    await click(q('finding-add')!);
    await click(q('finding-add')!);
    const findings = () => all('inspection-finding');
    await type(q<HTMLInputElement>('finding-type', findings()[0])!, '诱导购买生活用品');
    await type(q<HTMLInputElement>('finding-description', findings()[0])!, '以医保卡结算洗发水等生活用品');
    await type(q<HTMLInputElement>('finding-amount', findings()[0])!, '12.345');
    await type(q<HTMLInputElement>('finding-clinician', findings()[0])!, '  ');
    await type(q<HTMLInputElement>('finding-type', findings()[1])!, '盗刷、聚敛社保卡');
    await type(q<HTMLInputElement>('finding-description', findings()[1])!, '代刷参保人社保卡');
    await type(q<HTMLInputElement>('finding-amount', findings()[1])!, '-5');
    await type(q<HTMLInputElement>('finding-clinician', findings()[1])!, '店员 周某');

    await click(q('inspection-save')!);
    http.expectNone('/api/inspections/in1');
    expect(q('inspection-form-error')!.textContent).toContain('第 1、2 个问题的金额有误');
    expect(all('finding-amount-error')).toHaveLength(2);
    await type(q<HTMLInputElement>('finding-amount', findings()[0])!, '1200.50');
    await type(q<HTMLInputElement>('finding-amount', findings()[1])!, '0');
    expect(q('inspection-total')!.textContent).toContain('1,200.50 元');

    // Evidence for the first finding, and for the inspection as a whole.
    const pick = async (picker: HTMLInputElement, file: File) => {
      Object.defineProperty(picker, 'files', { value: [file], configurable: true });
      picker.dispatchEvent(new Event('change'));
      await tick();
    };
    await pick(q<HTMLInputElement>('finding-upload', findings()[0])!, new File([new Uint8Array(2048)], '结算单.pdf'));
    http.expectOne('/api/attachments').flush(attachment('att-1', '结算单.pdf'));
    await stable();
    await pick(q<HTMLInputElement>('inspection-upload')!, new File([new Uint8Array(2048)], '现场照片.jpg'));
    http.expectOne('/api/attachments').flush(attachment('att-2', '现场照片.jpg'));
    await stable();
    // A refused type is not sent.
    await pick(q<HTMLInputElement>('inspection-upload')!, new File(['x'], 'notes.txt'));
    http.expectNone('/api/attachments');
    expect(q('finding-file', findings()[0])!.textContent).toContain('结算单.pdf');
    expect(q('inspection-file')!.textContent).toContain('现场照片.jpg');

    await click(q('inspection-save')!);
    const put = http.expectOne('/api/inspections/in1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      inspectedOn: '2027-09-10',
      interviews: [],
      checklist: [
        { item: '聚敛盗刷社保卡', result: 'compliant', note: null },
        { item: '诱导参保人购买化妆品、生活用品', result: 'deficient', note: '货架陈列日用品' },
      ],
      findings: [
        { type: '诱导购买生活用品', description: '以医保卡结算洗发水等生活用品', amount: 1200.5, clinicianName: null, attachmentIds: ['att-1'] },
        { type: '盗刷、聚敛社保卡', description: '代刷参保人社保卡', amount: 0, clinicianName: '店员 周某', attachmentIds: [] },
      ],
      attachmentIds: ['att-2'],
    });
    const recorded = fakeInspection({ ...put.request.body, status: 'recorded' });
    put.flush(recorded);
    await stable();
    expect(q('inspection-status')!.textContent).toContain('已记录');
    expect(q('finding-saved-evidence', findings()[0])!.textContent).toContain('已保存材料 1 份');

    // An unsaved change blocks sending until saved.
    await type(q<HTMLInputElement>('inspection-note-0')!, '无');
    expect(q<HTMLButtonElement>('inspection-send')!.disabled).toBe(true);
    expect(q('inspection-save-first')).not.toBeNull();
    await type(q<HTMLInputElement>('inspection-note-0')!, '');
    await click(q('inspection-save')!);
    http.expectOne('/api/inspections/in1').flush(recorded);
    await stable();

    expect(q<HTMLButtonElement>('inspection-send')!.disabled).toBe(false);
    await click(q('inspection-send')!);
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('将检查结果送达机构？');
    expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('苏州康宁大药房');
    document.querySelector<HTMLButtonElement>('.ant-modal-confirm-btns .ant-btn-primary')!.click();
    await tick();
    const send = http.expectOne('/api/inspections/in1/send');
    expect(send.request.method).toBe('POST');
    send.flush({ ...recorded, status: 'sent', sentAt: '2027-09-11T02:00:00Z' });
    await stable();
    expect(q('inspection-status')!.textContent).toContain('已送达机构');
    expect(q('inspection-sent-at')!.textContent).toContain('2027-09-11 10:00');
    expect(q('inspection-save')).toBeNull();
    expect(q('inspection-send')).toBeNull();
    expect(el().textContent).toContain('1,200.50 元');
  });

  // Issue 13: the API sends the items to answer as checklistItems and the answers as checklist,
  // empty until the inspection is recorded; the form is built from checklistItems.
  const HOSPITAL_ITEMS = ['分解住院', '过度诊疗、过度检查', '串换药品、耗材和诊疗项目', '虚构医药服务项目'];

  it('lets the team answer every item of a new inspection, whose API checklist is still empty', async () => {
    const { http, q, all, type, click, stable, el } = await openInspection(fakeInspection({ status: 'assigned', checklistItems: HOSPITAL_ITEMS, checklist: [] }));
    const rows = all('inspection-checklist-item');
    expect(rows.map((r) => q('inspection-checklist-label', r)!.textContent!.trim())).toEqual(HOSPITAL_ITEMS.map((item, i) => `${i + 1}. ${item}`));
    expect(q('inspection-result-3-deficient')).not.toBeNull();
    // Nothing is answered yet.
    expect(rows.some((r) => r.querySelector('.ant-radio-wrapper-checked'))).toBe(false);
    expect(el().textContent).not.toContain('本次检查无检查事项');

    await type(q<HTMLInputElement>('inspection-date')!, '2027-09-10');
    await click(q('inspection-result-0-compliant')!);
    await click(q('inspection-result-1-compliant')!);
    await click(q('inspection-save')!);
    http.expectNone('/api/inspections/in1');
    expect(q('inspection-form-error')!.textContent).toContain('请对每一个检查事项作出结论');

    await click(q('inspection-result-2-deficient')!);
    await type(q<HTMLInputElement>('inspection-note-2')!, '将自费耗材串换为医保耗材结算');
    await click(q('inspection-result-3-not_applicable')!);
    await click(q('inspection-save')!);
    const put = http.expectOne('/api/inspections/in1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      inspectedOn: '2027-09-10',
      interviews: [],
      checklist: [
        { item: '分解住院', result: 'compliant', note: null },
        { item: '过度诊疗、过度检查', result: 'compliant', note: null },
        { item: '串换药品、耗材和诊疗项目', result: 'deficient', note: '将自费耗材串换为医保耗材结算' },
        { item: '虚构医药服务项目', result: 'not_applicable', note: null },
      ],
      findings: [],
      attachmentIds: [],
    });
    put.flush(fakeInspection({ ...put.request.body, status: 'recorded', checklistItems: HOSPITAL_ITEMS }));
    await stable();
    expect(q('inspection-status')!.textContent).toContain('已记录');
    expect(all('inspection-checklist-item')).toHaveLength(4);
    expect(q('inspection-send')).not.toBeNull();
  });

  it('shows a recorded inspection’s results against the items, in the order of the checklist items', async () => {
    const inspection = fakeInspection({
      status: 'recorded',
      inspectedOn: '2027-09-10',
      checklistItems: HOSPITAL_ITEMS,
      checklist: [
        { item: '虚构医药服务项目', result: 'compliant', note: null },
        { item: '分解住院', result: 'deficient', note: '14 天内再入院 6 例' },
        { item: '串换药品、耗材和诊疗项目', result: 'not_applicable', note: null },
        { item: '过度诊疗、过度检查', result: 'compliant', note: null },
      ],
    });
    const { http, q, all, click } = await openInspection(inspection);
    const rows = all('inspection-checklist-item');
    expect(rows.map((r) => q('inspection-checklist-label', r)!.textContent!.trim())).toEqual(HOSPITAL_ITEMS.map((item, i) => `${i + 1}. ${item}`));
    expect(q<HTMLInputElement>('inspection-note-0')!.value).toBe('14 天内再入院 6 例');
    expect(q('inspection-result-0-deficient')!.classList).toContain('ant-radio-wrapper-checked');
    await click(q('inspection-save')!);
    const put = http.expectOne('/api/inspections/in1');
    expect(put.request.body.checklist).toEqual([
      { item: '分解住院', result: 'deficient', note: '14 天内再入院 6 例' },
      { item: '过度诊疗、过度检查', result: 'compliant', note: null },
      { item: '串换药品、耗材和诊疗项目', result: 'not_applicable', note: null },
      { item: '虚构医药服务项目', result: 'compliant', note: null },
    ]);
    put.flush(inspection);
  });

  it('shows the backend refusal of a save', async () => {
    const inspection = fakeInspection({
      status: 'recorded',
      inspectedOn: '2027-09-10',
      checklist: [
        { item: '聚敛盗刷社保卡', result: 'compliant', note: null },
        { item: '诱导参保人购买化妆品、生活用品', result: 'compliant', note: null },
      ],
    });
    const { http, q, click, stable } = await openInspection(inspection);
    await click(q('inspection-save')!);
    http
      .expectOne('/api/inspections/in1')
      .flush({ error: { code: 'amount_invalid', message: { zh: '金额格式不正确', en: 'Invalid amount' } } }, { status: 400, statusText: 'Bad Request' });
    await stable();
    expect(q('inspection-server-error')!.textContent).toContain('金额格式不正确');
  });

  it('refuses a date after today', async () => {
    const { http, q, type, click } = await openInspection(fakeInspection({ status: 'recorded', inspectedOn: '2027-09-10' }));
    await type(q<HTMLInputElement>('inspection-date')!, '2027-09-16');
    await click(q('inspection-save')!);
    http.expectNone('/api/inspections/in1');
    expect(q('inspection-form-error')!.textContent).toContain('检查日期不能晚于今天');
  });

  it('is read-only for a city bureau user', async () => {
    const inspection = fakeInspection({
      status: 'recorded',
      inspectedOn: '2027-09-10',
      checklist: [{ item: '聚敛盗刷社保卡', result: 'deficient', note: '代刷' }],
      findings: [{ type: '盗刷社保卡', description: '代刷参保人社保卡', amount: 300, clinicianName: null, attachmentIds: ['a1'] }],
    });
    const { q, el } = await openInspection(inspection, fakeCityBureauUser(), 'local');
    expect(q('inspection-save')).toBeNull();
    expect(q('inspection-send')).toBeNull();
    expect(q('inspection-date')).toBeNull();
    expect(q('inspection-date-value')!.textContent).toContain('2027-09-10');
    expect(el().textContent).toContain('存在问题');
    expect(el().textContent).toContain('300.00 元');
    expect(q('finding-amount')).toBeNull();
  });
});
