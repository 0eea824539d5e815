import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Me } from '../core/models';
import {
  fakeCityBureauUser,
  fakeClerk,
  fakeCountyBureauUser,
  fakeDecidedDispute,
  fakeDispute,
  fakePath,
  fakeProvinceUser,
} from '../testing/findings-fakes';
import { openFindingsPage } from '../testing/findings-harness';
import { DisputeDetailPage } from './dispute-detail';
import { DisputeList } from './dispute-list';
import type { DisputeDetail } from './findings-api';

type Section = 'province' | 'local' | 'institution';

async function openDispute(dispute: DisputeDetail, me: Me, section: Section, now?: Date) {
  const pages = { [`${section}/disputes`]: DisputeList, [`${section}/disputes/:id`]: DisputeDetailPage };
  const page = await openFindingsPage(me, `/${section}/disputes/${dispute.id}`, pages, section, now);
  page.http.expectOne(`/api/disputes/${dispute.id}`).flush(dispute);
  await page.stable();
  return page;
}

/** At the province: county upheld, city revised, escalated to the province (open). */
function atProvince(overrides: Partial<DisputeDetail> = {}): DisputeDetail {
  const path = fakePath();
  path[0] = { ...path[0]!, decision: { outcome: 'upheld', reasoning: '县局：维持', at: '2027-10-11T06:00:00Z', by: '周强' } };
  path[1] = { ...path[1]!, dueDate: '2027-11-09', receivedAt: '2027-10-11T08:00:00Z', overdue: true, decision: { outcome: 'revised', reasoning: '市局：核减拒付金额', at: '2027-10-11T09:00:00Z', by: '陈静' } };
  path[2] = { ...path[2]!, dueDate: '2027-11-10', receivedAt: '2027-10-12T01:00:00Z' };
  return fakeDispute({ path, current: 2, currentLevel: 'province', ...overrides });
}

describe('Dispute list', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it("starts a county bureau on the disputes open at its level", async () => {
    const pages = { 'local/disputes': DisputeList };
    const { http, q, all, stable } = await openFindingsPage(fakeCountyBureauUser(), '/local/disputes', pages, 'local');
    http.expectOne('/api/disputes?status=open&level=county&page=1&pageSize=20').flush({ items: [fakeDispute()], total: 1 });
    await stable();
    const rows = all('dispute-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('南京市第一医院');
    expect(rows[0]!.textContent).toContain('县级医保局');
    expect(rows[0]!.textContent).toContain('2027-11-08');
    expect(q('dispute-status', rows[0])!.textContent).toContain('待决定');
    expect(q('dispute-open', rows[0])!.getAttribute('href')).toBe('/local/disputes/ds1');
  });

  it('starts the province on its level, and the institution on all of its disputes', async () => {
    const province = await openFindingsPage(fakeProvinceUser(), '/province/disputes', { 'province/disputes': DisputeList }, 'province');
    province.http.expectOne('/api/disputes?status=open&level=province&page=1&pageSize=20').flush({ items: [], total: 0 });
    await province.stable();
    expect(province.q('dispute-list-hint')!.textContent).toContain('最终决定');
    TestBed.resetTestingModule();

    const institution = await openFindingsPage(fakeClerk(), '/institution/disputes', { 'institution/disputes': DisputeList }, 'institution');
    institution.http.expectOne('/api/disputes?page=1&pageSize=20').flush({ items: [fakeDispute({ status: 'final' })], total: 1 });
    await institution.stable();
    expect(institution.q('dispute-tab-mine')).toBeNull();
    expect(institution.q('dispute-status')!.textContent).toContain('终局');
  });

  it('gives the national overseer the list read-only, without a queue of its own', async () => {
    const { http, q, stable } = await openFindingsPage(fakeProvinceUser(['national_overseer']), '/province/disputes', { 'province/disputes': DisputeList }, 'province');
    http.expectOne('/api/disputes?page=1&pageSize=20').flush({ items: [], total: 0 });
    await stable();
    expect(q('dispute-tab-mine')).toBeNull();
    expect(q('dispute-list-hint')!.textContent).toContain('只读');
  });
});

describe('Dispute detail', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('renders the path with each level, the decision under dispute and the history', async () => {
    const { q, all } = await openDispute(atProvince(), fakeClerk(), 'institution');
    const levels = all('dispute-level');
    expect(levels.map((l) => l.getAttribute('data-level'))).toEqual(['county', 'city', 'province']);
    expect(levels.map((l) => l.querySelector('.ant-steps-item-title')!.textContent!.trim())).toEqual([
      expect.stringContaining('县级医保局'),
      expect.stringContaining('市级医保局'),
      expect.stringContaining('省级医保局'),
    ]);
    expect(levels.map((l) => l.classList.contains('ant-steps-item-finish'))).toEqual([true, true, false]);
    expect(levels[2]!.classList).toContain('ant-steps-item-process');
    expect(q('dispute-level-county')!.textContent).toContain('维持原决定');
    expect(q('dispute-level-county')!.textContent).toContain('县局：维持');
    expect(q('dispute-level-city')!.textContent).toContain('变更原决定');
    expect(q('dispute-level-city')!.textContent).toContain('市局：核减拒付金额');
    expect(q('dispute-level-city')!.textContent).toContain('期限 2027-11-09');
    expect(q('dispute-level-overdue', q('dispute-level-city')!)).not.toBeNull();
    expect(q('dispute-level-province')!.textContent).toContain('期限 2027-11-10');
    expect(q('dispute-level-province')!.textContent).toContain('待本级作出决定');

    expect(all('dispute-decision-measure').map((m) => m.textContent!.trim())).toContain('拒付违规费用 12,800.50 元');
    expect(q('dispute-decision-link')!.getAttribute('href')).toBe('/institution/rectification/decision/d1');
    expect(q('dispute-history')!.textContent).toContain('提出争议申请');
    // Open at the province: nothing to escalate, nobody here to decide.
    expect(q('dispute-escalate')).toBeNull();
    expect(q('dispute-decide-form')).toBeNull();
    expect(q('dispute-final')).toBeNull();
  });

  it('offers the escalation only while the window is open, with its deadline', async () => {
    const open = await openDispute(fakeDecidedDispute(), fakeClerk(), 'institution');
    expect(open.q('dispute-status')!.textContent).toContain('已决定');
    expect(open.q('dispute-escalate-deadline')!.textContent).toContain('2027-10-29');
    expect(open.q('dispute-escalate')).not.toBeNull();
    TestBed.resetTestingModule();

    // The last day is still open (inclusive).
    const lastDay = await openDispute(fakeDecidedDispute(), fakeClerk(), 'institution', new Date('2027-10-29T15:00:00Z'));
    expect(lastDay.q('dispute-escalate')).not.toBeNull();
    TestBed.resetTestingModule();

    const closed = await openDispute(fakeDecidedDispute(), fakeClerk(), 'institution', new Date('2027-10-29T16:00:00Z'));
    expect(closed.q('dispute-escalate')).toBeNull();
    expect(closed.q('dispute-escalation-closed')).not.toBeNull();
    TestBed.resetTestingModule();

    // Not for a bureau, and never past the province.
    const bureau = await openDispute(fakeDecidedDispute(), fakeCountyBureauUser(), 'local');
    expect(bureau.q('dispute-escalate')).toBeNull();
    TestBed.resetTestingModule();
    const top = await openDispute(atProvince({ status: 'decided', escalationDue: '2027-10-29' }), fakeClerk(), 'institution');
    expect(top.q('dispute-escalate')).toBeNull();
  });

  it('escalates with reasons to the next level', async () => {
    const { http, q, click, type, confirmModal, modalText, stable } = await openDispute(fakeDecidedDispute(), fakeClerk(), 'institution');
    await click(q('dispute-escalate')!);
    await click(q('dispute-escalate-submit')!);
    expect(q('dispute-escalate-error')).not.toBeNull();
    http.expectNone('/api/disputes/ds1/escalate');
    await type(q<HTMLTextAreaElement>('dispute-escalate-reasons')!, '县局未审查病历');
    await click(q('dispute-escalate-submit')!);
    expect(modalText()).toContain('市级医保局');
    await confirmModal();
    const req = http.expectOne('/api/disputes/ds1/escalate');
    expect(req.request.body).toEqual({ reasons: '县局未审查病历' });
    const escalated = fakeDecidedDispute({ status: 'open', current: 1, currentLevel: 'city', escalationDue: null });
    escalated.path[1] = { ...escalated.path[1]!, dueDate: '2027-11-09', receivedAt: '2027-10-12T03:00:00Z' };
    req.flush(escalated);
    await stable();
    expect(q('dispute-escalate')).toBeNull();
    expect(q('dispute-status')!.textContent).toContain('待决定');
    expect(q('dispute-level-city')!.textContent).toContain('待本级作出决定');
  });

  it("sends the current level's bureau decision with outcome and reasoning", async () => {
    const { http, q, click, type, confirmModal, modalText, stable } = await openDispute(fakeDispute(), fakeCountyBureauUser(), 'local');
    expect(q('dispute-decide-final-hint')).toBeNull();
    await click(q('dispute-decide-submit')!);
    expect(q('dispute-decide-error')!.textContent).toContain('请选择维持或变更');
    expect(q('dispute-decide-error')!.textContent).toContain('请填写决定理由');
    await click(q('dispute-decide-outcome-revised')!);
    await type(q<HTMLTextAreaElement>('dispute-decide-reasoning')!, ' 拒付金额应按实际核减 ');
    await click(q('dispute-decide-submit')!);
    expect(modalText()).toContain('变更原处理决定？');
    await confirmModal();
    const req = http.expectOne('/api/disputes/ds1/decide');
    expect(req.request.body).toEqual({ outcome: 'revised', reasoning: '拒付金额应按实际核减' });
    req.flush(fakeDecidedDispute());
    await stable();
    expect(q('dispute-decide-form')).toBeNull();
    expect(q('dispute-status')!.textContent).toContain('已决定');
  });

  it('only lets the bureau of the current level decide', async () => {
    const city = await openDispute(fakeDispute(), fakeCityBureauUser(), 'local');
    expect(city.q('dispute-decide-form')).toBeNull();
    TestBed.resetTestingModule();
    const overseer = await openDispute(atProvince(), fakeProvinceUser(['national_overseer']), 'province');
    expect(overseer.q('dispute-decide-form')).toBeNull();
  });

  it('tells the province its decision is final, and shows the final state', async () => {
    const { http, q, click, type, confirmModal, modalText, stable } = await openDispute(atProvince(), fakeProvinceUser(), 'province');
    expect(q('dispute-decide-final-hint')!.textContent).toContain('最终决定');
    await click(q('dispute-decide-outcome-upheld')!);
    await type(q<HTMLTextAreaElement>('dispute-decide-reasoning')!, '原处理决定依据充分');
    await click(q('dispute-decide-submit')!);
    expect(modalText()).toContain('本决定为最终决定');
    await confirmModal();
    const req = http.expectOne('/api/disputes/ds1/decide');
    expect(req.request.body).toEqual({ outcome: 'upheld', reasoning: '原处理决定依据充分' });
    const final = atProvince({ status: 'final', outcome: 'upheld', endedAt: '2027-10-12T03:00:00Z' });
    final.path[2] = { ...final.path[2]!, decision: { outcome: 'upheld', reasoning: '原处理决定依据充分', at: '2027-10-12T03:00:00Z', by: '江苏省医疗保障局' } };
    // An answer without the decision summary keeps the one shown.
    const { decision: _decision, ...withoutDecision } = final;
    req.flush(withoutDecision);
    await stable();
    expect(q('dispute-final')!.textContent).toContain('最终决定（维持原决定）');
    expect(q('dispute-status')!.textContent).toContain('终局');
    expect(q('dispute-decide-form')).toBeNull();
    expect(q('dispute-decision')).not.toBeNull();
  });

  it('lets the institution withdraw an open dispute', async () => {
    const { http, q, click, confirmModal, stable } = await openDispute(fakeDispute(), fakeClerk(), 'institution');
    await click(q('dispute-withdraw')!);
    await click(q('dispute-withdraw-submit')!);
    await confirmModal();
    const req = http.expectOne('/api/disputes/ds1/withdraw');
    expect(req.request.body).toEqual({});
    req.flush(fakeDispute({ status: 'withdrawn' }));
    await stable();
    expect(q('dispute-withdrawn')).not.toBeNull();
    expect(q('dispute-withdraw')).toBeNull();
  });
});
