import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Me } from '../core/models';
import { fakeAgencyUser, fakeClerk, fakeFinding, fakeProvinceUser } from '../testing/findings-fakes';
import { attachment, openFindingsPage } from '../testing/findings-harness';
import { FindingDetailPage } from './finding-detail';
import { FindingList, findingTabsFor } from './finding-list';
import type { Finding } from './findings-api';

const institutionPages = { 'institution/findings': FindingList, 'institution/findings/finding/:id': FindingDetailPage };
const localPages = { 'local/findings/list': FindingList, 'local/findings/finding/:id': FindingDetailPage };
const provincePages = { 'province/findings/list': FindingList, 'province/findings/finding/:id': FindingDetailPage };

describe('Institution findings', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the findings awaiting confirmation with the due date and the days left, red from 2 days', async () => {
    const { http, q, all, stable, tick } = await openFindingsPage(fakeClerk(), '/institution/findings', institutionPages, 'institution');
    http
      .expectOne('/api/findings?status=awaiting_confirmation&page=1&pageSize=20')
      .flush({ items: [fakeFinding(), fakeFinding({ id: 'f2', confirmationDue: '2027-10-19' }), fakeFinding({ id: 'f3', confirmationDue: '2027-10-12' })], total: 3 });
    await stable();
    const rows = all('finding-row');
    expect(rows).toHaveLength(3);
    expect(q('finding-status', rows[0])!.textContent).toContain('待确认');
    const countdown = (row: HTMLElement) => q('finding-countdown', row)!;
    expect(countdown(rows[0]!).textContent).toContain('2027-10-14 截止 · 剩 2 天');
    expect(countdown(rows[0]!).classList).toContain('late');
    expect(countdown(rows[1]!).textContent).toContain('剩 7 天');
    expect(countdown(rows[1]!).classList).not.toContain('late');
    expect(countdown(rows[2]!).textContent).toContain('今天到期');
    expect(rows[0]!.textContent).toContain('12,800.50');
    // The institution's own list: no institution column, no selection.
    expect(q('finding-select')).toBeNull();
    expect(q('finding-open', rows[0])!.getAttribute('href')).toBe('/institution/findings/finding/f1');

    // A click anywhere on the row opens the finding.
    rows[1]!.querySelector<HTMLElement>('td.num')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/institution/findings/finding/f2');
    http.expectOne('/api/findings/f2').flush(fakeFinding({ id: 'f2' }));
  });

  it("filters one inspection's findings, until the filter is closed", async () => {
    const { http, q, tick, stable } = await openFindingsPage(fakeClerk(), '/institution/findings?sourceId=in1', institutionPages, 'institution');
    http.expectOne('/api/findings?status=awaiting_confirmation&sourceId=in1&page=1&pageSize=20').flush({ items: [fakeFinding()], total: 1 });
    await stable();
    expect(q('finding-source-filter')!.textContent).toContain('仅看本次检查的问题');
    q('finding-source-filter')!.querySelector<HTMLElement>('.anticon-close')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/institution/findings');
    http.expectOne('/api/findings?status=awaiting_confirmation&page=1&pageSize=20').flush({ items: [], total: 0 });
  });

  it('switches to all findings from the tabs', async () => {
    const { http, q, tick, stable } = await openFindingsPage(fakeClerk(), '/institution/findings', institutionPages, 'institution');
    http.expectOne('/api/findings?status=awaiting_confirmation&page=1&pageSize=20').flush({ items: [], total: 0 });
    await stable();
    // The next request stays pending until flushed, so no whenStable here.
    q('finding-tab-all')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/institution/findings?status=all');
    http.expectOne('/api/findings?page=1&pageSize=20').flush({ items: [fakeFinding({ status: 'confirmed' })], total: 1 });
  });

  async function openFinding(finding: Finding, me: Me = fakeClerk()) {
    const page = await openFindingsPage(me, `/institution/findings/finding/${finding.id}`, institutionPages, 'institution');
    page.http.expectOne(`/api/findings/${finding.id}`).flush(finding);
    await page.stable();
    return page;
  }

  it('confirms a finding after the confirmation dialog', async () => {
    const { http, q, click, modalText, confirmModal, stable } = await openFinding(fakeFinding());
    expect(q('finding-due')!.textContent).toContain('2027-10-14');
    expect(q('finding-deadline-notice')!.textContent).toContain('请于 2027-10-14 前确认或申诉');
    await click(q('finding-confirm')!);
    expect(modalText()).toContain('确认该问题？');
    expect(modalText()).toContain('12,800.50');
    await confirmModal();
    const req = http.expectOne('/api/findings/f1/confirm');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({});
    req.flush(fakeFinding({ status: 'confirmed', confirmedAt: '2027-10-12T02:30:00Z' }));
    await stable();
    expect(q('finding-status')!.textContent).toContain('已确认');
    expect(q('finding-confirm')).toBeNull();
    expect(q('finding-appeal')).toBeNull();
    expect(q('finding-confirmed-at')!.textContent).toContain('2027-10-12 10:30');
  });

  it("names the source of a province spot-check's finding", async () => {
    expect((await openFinding(fakeFinding())).q('finding-source')!.textContent).toContain('抽查现场检查');
  });

  it("names the source of an agency inspection's finding", async () => {
    expect((await openFinding(fakeFinding({ source: 'agency_inspection' }))).q('finding-source')!.textContent).toContain('经办机构检查');
  });

  it('requires reasons for an appeal, uploads evidence and sends both', async () => {
    const { http, q, all, click, type, pick, modalText, confirmModal, stable } = await openFinding(fakeFinding());
    await click(q('finding-appeal')!);
    await click(q('finding-appeal-submit')!);
    expect(q('finding-appeal-error')!.textContent).toContain('请填写申诉理由');
    expect(modalText()).toBe('');
    http.expectNone('/api/findings/f1/appeal');

    await type(q<HTMLTextAreaElement>('finding-appeal-reasons')!, '  两次住院间隔 16 天，病情不同  ');
    await pick(q<HTMLInputElement>('finding-appeal-upload')!, new File([new Uint8Array(2048)], '病历.pdf'));
    http.expectOne('/api/attachments').flush(attachment('att-9', '病历.pdf'));
    await stable();
    // A refused type is not uploaded.
    await pick(q<HTMLInputElement>('finding-appeal-upload')!, new File(['x'], 'notes.txt'));
    http.expectNone('/api/attachments');
    expect(all('finding-appeal-file').map((f) => f.textContent)).toEqual([expect.stringContaining('病历.pdf')]);
    expect(q('finding-appeal-error')).toBeNull();

    await click(q('finding-appeal-submit')!);
    expect(modalText()).toContain('提交申诉？');
    await confirmModal();
    const req = http.expectOne('/api/findings/f1/appeal');
    expect(req.request.body).toEqual({ reasons: '两次住院间隔 16 天，病情不同', attachmentIds: ['att-9'] });
    req.flush(fakeFinding({ status: 'appealed', appeal: { reasons: '两次住院间隔 16 天，病情不同', attachmentIds: ['att-9'], at: '2027-10-12T02:40:00Z', review: null } }));
    await stable();
    expect(q('finding-status')!.textContent).toContain('申诉中');
    expect(q('finding-appeal-record')!.textContent).toContain('等待经办机构复核');
    expect(q('finding-appeal-form')).toBeNull();
  });

  it('shows the backend refusal next to the buttons', async () => {
    const { http, q, click, confirmModal, stable } = await openFinding(fakeFinding());
    await click(q('finding-confirm')!);
    await confirmModal();
    http
      .expectOne('/api/findings/f1/confirm')
      .flush({ error: { code: 'finding_confirmation_closed', message: { zh: '确认期限已过', en: 'Closed' } } }, { status: 409, statusText: 'Conflict' });
    await stable();
    expect(q('finding-server-error')!.textContent).toContain('确认期限已过');
  });

  it('offers no answer once the deadline has passed', async () => {
    const { q } = await openFinding(fakeFinding({ confirmationDue: '2027-10-11' }));
    expect(q('finding-confirm')).toBeNull();
    expect(q('finding-appeal')).toBeNull();
    expect(q('finding-deadline-notice')!.textContent).toContain('将视同确认');
    expect(q('finding-countdown')!.textContent).toContain('已截止');
  });
});

describe('Agency findings queue', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('starts on the appeals, and selects confirmed findings of one institution for a decision', async () => {
    const { http, q, all, click, tick, stable } = await openFindingsPage(fakeAgencyUser(), '/local/findings/list', localPages, 'local');
    http.expectOne('/api/findings?status=appealed&page=1&pageSize=20').flush({ items: [fakeFinding({ status: 'appealed' })], total: 1 });
    await stable();
    expect(all('finding-row')).toHaveLength(1);
    expect(q('finding-select')).toBeNull();

    q('finding-tab-to_decide')!.click();
    await tick();
    const other = { id: 'h-2', name: '玄武区中医院', regionCode: '320102', regionName: '玄武区' };
    // Confirmed and deemed confirmed, in one query.
    http.expectOne('/api/findings?status=confirmed,deemed_confirmed&page=1&pageSize=20').flush({
      items: [
        fakeFinding({ status: 'confirmed' }),
        fakeFinding({ id: 'f2', status: 'confirmed', amount: 1000 }),
        fakeFinding({ id: 'f3', status: 'confirmed', institution: other }),
        fakeFinding({ id: 'f4', status: 'confirmed', handlingAgencyId: 'agency-320104' }),
      ],
      total: 4,
    });
    await stable();
    const rows = all('finding-row');
    // Not this agency's finding: nothing to select.
    expect(q('finding-select', rows[3])).toBeNull();
    await click(q('finding-select', rows[0])!.querySelector('input')!);
    await click(q('finding-select', rows[1])!.querySelector('input')!);
    // Another institution cannot join the selection.
    expect(q('finding-select', rows[2])!.querySelector('input')!.disabled).toBe(true);
    expect(q('finding-selection')!.textContent).toContain('已选 2 项（南京市第一医院）');
    expect(q('finding-selection')!.textContent).toContain('13,800.50');
    expect(q('finding-decide')!.getAttribute('href')).toBe('/local/findings/decide?findingIds=f1,f2');
  });

  it('reviews an appeal with an outcome and a comment', async () => {
    const appealed = fakeFinding({ status: 'appealed', appeal: { reasons: '病情变化', attachmentIds: [], at: '2027-10-11T02:00:00Z', review: null } });
    const { http, q, click, type, confirmModal, stable } = await openFindingsPage(fakeAgencyUser(), '/local/findings/finding/f1', localPages, 'local');
    http.expectOne('/api/findings/f1').flush(appealed);
    await stable();
    expect(q('finding-confirm')).toBeNull();
    await click(q('finding-review-submit')!);
    expect(q('finding-review-error')!.textContent).toContain('请选择复核结论');
    await click(q('finding-review-rejected')!);
    await type(q<HTMLTextAreaElement>('finding-review-comment')!, '病历不支持病情变化');
    await click(q('finding-review-submit')!);
    await confirmModal();
    const req = http.expectOne('/api/findings/f1/appeal-review');
    expect(req.request.body).toEqual({ outcome: 'rejected', comment: '病历不支持病情变化' });
    req.flush({ ...appealed, status: 'confirmed', appeal: { ...appealed.appeal!, review: { outcome: 'rejected', comment: '病历不支持病情变化', at: '2027-10-12T03:00:00Z', by: '张三' } } });
    await stable();
    expect(q('finding-review-form')).toBeNull();
    expect(q('finding-appeal-review')!.textContent).toContain('申诉不成立');
    expect(q('finding-decide')!.getAttribute('href')).toBe('/local/findings/decide?findingIds=f1');
  });
});

describe('Read-only findings', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists every finding for the province, without actions', async () => {
    const { http, q, all, stable, el } = await openFindingsPage(fakeProvinceUser(), '/province/findings/list', provincePages, 'province');
    http.expectOne('/api/findings?page=1&pageSize=20').flush({ items: [fakeFinding({ status: 'confirmed' })], total: 1 });
    await stable();
    expect(all('finding-row')).toHaveLength(1);
    expect(el().textContent).toContain('南京市第一医院');
    expect(q('finding-list-hint')!.textContent).toContain('只读');
    expect(q('finding-select')).toBeNull();
  });

  it('shows a finding without confirm, appeal or review buttons', async () => {
    const { http, q, stable } = await openFindingsPage(fakeProvinceUser(['national_overseer']), '/province/findings/finding/f1', provincePages, 'province');
    http.expectOne('/api/findings/f1').flush(fakeFinding({ status: 'appealed', appeal: { reasons: 'x', attachmentIds: [], at: '2027-10-11T02:00:00Z', review: null } }));
    await stable();
    expect(q('finding-confirm')).toBeNull();
    expect(q('finding-review-form')).toBeNull();
    expect(q('finding-decide')).toBeNull();
  });

  it('keeps search, region, period and sort in the URL: a link reproduces the view, the export takes the same filters', async () => {
    const url = '/province/findings/list?q=%E4%BB%81%E5%92%8C&regionCode=3201&from=2026-01-01&to=2026-06-30&sort=-amount';
    const { http, q, stable, tick } = await openFindingsPage(fakeProvinceUser(), url, provincePages, 'province');
    const filters = 'q=%E4%BB%81%E5%92%8C&regionCode=3201&from=2026-01-01&to=2026-06-30&sort=-amount';
    http.expectOne(`/api/findings?${filters}&page=1&pageSize=20`).flush({ items: [fakeFinding({ status: 'confirmed' })], total: 1 });
    // The region named in the URL: its options, to show its name.
    http.expectOne('/api/regions').flush([{ code: '32', name: '江苏省', level: 'province', parentCode: null }, { code: '3201', name: '南京市', level: 'city', parentCode: '32' }]);
    await stable();
    expect((q('list-search') as HTMLInputElement).value).toBe('仁和');
    expect(q('list-region')!.textContent).toContain('南京市');
    // The amount column shows the descending order the URL asks for.
    const amountHeader = document.querySelector<HTMLElement>('th[nzColumnKey="amount"]')!;
    expect(amountHeader.getAttribute('aria-sort') ?? amountHeader.querySelector('.ant-table-column-sorter-down.active')).toBeTruthy();

    // Sorting by institution: the URL says so (back to page 1), the other column's clearing does not undo it.
    document.querySelector<HTMLElement>('th[nzColumnKey="institution"]')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toContain('sort=institution');
    http.expectOne((r) => r.url === '/api/findings' && r.params.get('sort') === 'institution' && r.params.get('q') === '仁和').flush({ items: [], total: 0 });
    await stable();

    // Export: the same filters, no paging.
    q('list-export-xlsx')!.click();
    await tick();
    const exported = http.expectOne((r) => r.url === '/api/findings/export.xlsx');
    expect(exported.request.params.keys().sort()).toEqual(['from', 'q', 'regionCode', 'sort', 'to']);
    expect(exported.request.params.get('sort')).toBe('institution');
    exported.flush(new Blob(['x']));
  });

  it('a new search replaces the text in the URL and returns to the first page', async () => {
    const { http, q, stable, tick } = await openFindingsPage(fakeProvinceUser(), '/province/findings/list?page=3', provincePages, 'province');
    http.expectOne('/api/findings?page=3&pageSize=20').flush({ items: [], total: 100 });
    await stable();
    const input = q('list-search') as HTMLInputElement;
    input.value = 'inst-320102-0001';
    input.dispatchEvent(new Event('input'));
    q('list-search-button')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/province/findings/list?q=inst-320102-0001');
    http.expectOne('/api/findings?q=inst-320102-0001&page=1&pageSize=20').flush({ items: [], total: 0 });
  });
});

describe('Finding tabs', () => {
  it('gives each kind of user its tabs', () => {
    expect(findingTabsFor('institution')[0]).toBe('awaiting_confirmation');
    expect(findingTabsFor('agency').slice(0, 2)).toEqual(['appealed', 'to_decide']);
    expect(findingTabsFor('reader')[0]).toBe('all');
  });
});
