import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Me } from '../core/models';
import { openPageByElements } from '../testing/page-harness';
import { InspectionDetailPage } from '../spot-checks/inspection-detail';
import type { Inspection } from '../spot-checks/spot-check-models';
import { fakeAgencyInspection } from '../testing/agency-inspection-fakes';
import { fakeCityBureauUser, fakeCityReviewer, fakeDrafter, fakeMe, fakeProvinceUser } from '../testing/fakes';
import { SPOT_CHECK_NOW } from '../testing/spot-check-fakes';
import { shownValue } from '../testing/controls';

// The record page of an agency's own inspection (issue 13), opened from 日常检查 (local section):
// the inspecting agency's staff record it — interviews (询问笔录) included — and send it; everybody
// else reads it.

const attachment = (id: string, filename: string) => ({ id, filename, contentType: 'application/pdf', sizeBytes: 2048, sha256: 'x', createdAt: '2027-09-15T00:00:00Z' });
const ITEMS = ['服务协议履行情况（医保政策执行、信息系统对接、费用上传）', '分解收费'];

/** A Xuanwu agency colleague of fakeDrafter (agency-320102). */
const xuanwuStaff = (): Me => fakeDrafter();
/** Another county's agency. */
const otherAgency = (): Me =>
  fakeMe(['county_staff'], { organization: { id: 'agency-320104', name: '秦淮区医保经办中心', kind: 'agency' }, regionPath: '/32/3201/320104/' });

async function open(inspection: Inspection, me: Me, section: 'local' | 'province' | 'leader' = 'local', feature: 'inspections' | 'spot-checks' = 'inspections') {
  const base = feature === 'inspections' ? `${section}/inspections` : `${section}/spot-checks`;
  const page = await openPageByElements({
    url: `/${base}/inspection/${inspection.id}`,
    routes: [{ path: `${base}/inspection/:id`, component: InspectionDetailPage, data: { section, feature } }],
    me,
    now: SPOT_CHECK_NOW,
  });
  page.http.expectOne(`/api/inspections/${inspection.id}`).flush(inspection);
  // The 调取资料 block loads the inspection's document requests (document-requests-block.spec.ts);
  // the page is stable only once they are in.
  await page.tick();
  page.http.expectOne(`/api/inspections/${inspection.id}/document-requests`).flush([]);
  await page.stable();
  return page;
}

describe('Agency inspection record', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows who inspects, how and when in the header, with the agency’s tabs and back link', async () => {
    const { q, el } = await open(fakeAgencyInspection({ crossInspection: true }), xuanwuStaff());
    expect(q('inspection-facts')!.dataset['origin']).toBe('agency');
    expect(q('inspection-agency')!.textContent).toContain('南京市玄武区医疗保险管理中心');
    expect(q('inspection-agency')!.textContent).toContain('交叉检查');
    expect(q('inspection-type')!.textContent).toContain('日常稽核');
    expect(q('inspection-method')!.textContent).toContain('现场检查');
    expect(q('inspection-announced')!.textContent).toContain('不预先告知');
    expect(q('inspection-planned-on')!.textContent).toContain('2027-09-15');
    expect(q('inspection-basis')!.textContent).toContain('2027年第三季度日常稽核计划');
    expect(el().textContent).toContain('检查组由本机构稽核人员组成');
    // No spot-check to link to.
    expect(el().querySelector('a[href*="/spot-checks/check/"]')).toBeNull();
    expect(q('inspection-back')!.getAttribute('href')).toBe('/local/inspections/list');
    expect(q('agency-inspection-nav')).not.toBeNull();
    expect(q('spot-check-nav')).toBeNull();
  });

  it('lets the inspecting agency record interviews with evidence, which go into the PUT body, then send', async () => {
    const { http, q, all, type, click, pick, stable, tick } = await open(fakeAgencyInspection(), xuanwuStaff());
    expect(q('inspection-interviews-none')).not.toBeNull();
    expect(q('inspection-send')).toBeNull();

    await type(q<HTMLInputElement>('inspection-date')!, '2027-09-15');
    await click(q('inspection-result-0-compliant')!);
    await click(q('inspection-result-1-deficient')!);

    // Two interviews; the first incomplete, the second dated tomorrow.
    await click(q('interview-add')!);
    await click(q('interview-add')!);
    const interviews = () => all('inspection-interview');
    expect(interviews()).toHaveLength(2);
    // A new record is dated with the inspection date.
    expect(shownValue(q('interview-date', interviews()[0])!)).toBe('2027-09-15');
    await type(q<HTMLInputElement>('interview-person', interviews()[0])!, ' 王某 ');
    await type(q<HTMLInputElement>('interview-person', interviews()[1])!, '李某');
    await type(q<HTMLInputElement>('interview-role', interviews()[1])!, '收费处负责人');
    await type(q<HTMLTextAreaElement>('interview-content', interviews()[1])!, '问：是否存在分解收费？\n答：存在，已整改。');
    await type(q<HTMLInputElement>('interview-date', interviews()[1])!, '2027-09-16');
    await click(q('inspection-save')!);
    http.expectNone('/api/inspections/ai1');
    expect(q('inspection-form-error')!.textContent).toContain('请填写每份询问笔录的被询问人、身份和询问内容');
    expect(q('inspection-form-error')!.textContent).toContain('第 2 份询问笔录的询问日期有误');

    await type(q<HTMLInputElement>('interview-role', interviews()[0])!, '住院部主任');
    await type(q<HTMLTextAreaElement>('interview-content', interviews()[0])!, ' 问：住院病人是否在床？\n答：部分请假回家。 ');
    await type(q<HTMLInputElement>('interview-date', interviews()[1])!, '2027-09-14');
    await pick(q<HTMLInputElement>('interview-upload', interviews()[0])!, new File([new Uint8Array(2048)], '询问笔录-王某.pdf'));
    http.expectOne('/api/attachments').flush(attachment('att-iv-1', '询问笔录-王某.pdf'));
    await stable();
    expect(q('interview-file', interviews()[0])!.textContent).toContain('询问笔录-王某.pdf');

    await click(q('finding-add')!);
    const finding = all('inspection-finding')[0]!;
    await type(q<HTMLInputElement>('finding-type', finding)!, '分解收费');
    await type(q<HTMLInputElement>('finding-description', finding)!, '将一次检查拆分为多项收费 8 例');
    await type(q<HTMLInputElement>('finding-amount', finding)!, '960');
    await type(q<HTMLInputElement>('finding-clinician', finding)!, '检验科 赵某');

    await click(q('inspection-save')!);
    const put = http.expectOne('/api/inspections/ai1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      inspectedOn: '2027-09-15',
      interviews: [
        { person: '王某', role: '住院部主任', heldOn: '2027-09-15', content: '问：住院病人是否在床？\n答：部分请假回家。', attachmentIds: ['att-iv-1'] },
        { person: '李某', role: '收费处负责人', heldOn: '2027-09-14', content: '问：是否存在分解收费？\n答：存在，已整改。', attachmentIds: [] },
      ],
      checklist: [
        { item: ITEMS[0], result: 'compliant', note: null },
        { item: ITEMS[1], result: 'deficient', note: null },
      ],
      findings: [{ type: '分解收费', description: '将一次检查拆分为多项收费 8 例', amount: 960, clinicianName: '检验科 赵某', attachmentIds: [] }],
      attachmentIds: [],
    });
    const recorded = fakeAgencyInspection({ ...put.request.body, status: 'recorded' });
    put.flush(recorded);
    await stable();
    expect(q('inspection-status')!.textContent).toContain('已记录');
    expect(q('interview-saved-evidence', interviews()[0])!.textContent).toContain('已保存材料 1 份');

    await click(q('inspection-send')!);
    document.querySelector<HTMLButtonElement>('.ant-modal-confirm-btns .ant-btn-primary')!.click();
    await tick();
    http.expectOne('/api/inspections/ai1/send').flush({ ...recorded, status: 'sent', sentAt: '2027-09-15T08:00:00Z' });
    await stable();
    expect(q('inspection-save')).toBeNull();
    expect(q('interview-add')).toBeNull();
    expect(all('interview-summary').map((s) => s.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      '王某（住院部主任）· 2027-09-15',
      '李某（收费处负责人）· 2027-09-14',
    ]);
    expect(q('interview-text')!.textContent).toContain('部分请假回家');
  });

  it('removes an interview record before saving', async () => {
    const inspection = fakeAgencyInspection({
      status: 'recorded',
      inspectedOn: '2027-09-15',
      checklist: ITEMS.map((item) => ({ item, result: 'compliant' as const, note: null })),
      interviews: [
        { person: '王某', role: '住院部主任', heldOn: '2027-09-15', content: '问答', attachmentIds: ['att-old'] },
        { person: '李某', role: '护士长', heldOn: '2027-09-15', content: '问答二', attachmentIds: [] },
      ],
    });
    const { http, q, all, click } = await open(inspection, xuanwuStaff());
    expect(q('interview-saved-evidence', all('inspection-interview')[0])!.textContent).toContain('已保存材料 1 份');
    await click(q('interview-remove', all('inspection-interview')[1])!);
    await click(q('inspection-save')!);
    const put = http.expectOne('/api/inspections/ai1');
    expect(put.request.body.interviews).toEqual([{ person: '王某', role: '住院部主任', heldOn: '2027-09-15', content: '问答', attachmentIds: ['att-old'] }]);
    put.flush(inspection);
  });

  it.each<[string, () => Me, 'local' | 'province' | 'leader', 'inspections' | 'spot-checks']>([
    ['another county’s agency', otherAgency, 'local', 'spot-checks'],
    ['the city agency', fakeCityReviewer, 'local', 'spot-checks'],
    ['a city bureau user', fakeCityBureauUser, 'local', 'spot-checks'],
    ['the province official', fakeProvinceUser, 'province', 'spot-checks'],
    ['a leader', () => fakeMe(['leader']), 'leader', 'spot-checks'],
    // The inspecting agency's staff, but outside the local section.
    ['the agency’s staff in another section', xuanwuStaff, 'leader', 'spot-checks'],
  ])('is read-only for %s', async (_, me, section, feature) => {
    const inspection = fakeAgencyInspection({
      status: 'recorded',
      inspectedOn: '2027-09-15',
      checklist: ITEMS.map((item) => ({ item, result: 'compliant' as const, note: null })),
      interviews: [{ person: '王某', role: '住院部主任', heldOn: '2027-09-15', content: '问：……\n答：……', attachmentIds: [] }],
    });
    const { q, el } = await open(inspection, me(), section, feature);
    for (const action of ['inspection-save', 'inspection-send', 'inspection-date', 'interview-add', 'interview-person', 'finding-add']) {
      expect(q(action)).toBeNull();
    }
    expect(q('interview-summary')!.textContent).toContain('王某');
    expect(el().textContent).toContain('日常稽核');
  });

  it('opened from 抽查 by the agency’s staff: still theirs to record, with the spot-check tabs', async () => {
    const { q } = await open(fakeAgencyInspection(), xuanwuStaff(), 'local', 'spot-checks');
    expect(q('inspection-save')).not.toBeNull();
    expect(q('spot-check-nav')).not.toBeNull();
    expect(q('inspection-back')!.getAttribute('href')).toBe('/local/spot-checks/inspections');
  });
});
