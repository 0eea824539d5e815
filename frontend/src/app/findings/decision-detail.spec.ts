import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Me } from '../core/models';
import { fakeAgencyUser, fakeCityBureauUser, fakeClerk, fakeDecision, fakeDispute, fakeSecondAgencyUser } from '../testing/findings-fakes';
import { attachment, openFindingsPage } from '../testing/findings-harness';
import { DecisionDetailPage } from './decision-detail';
import { DecisionList } from './decision-list';
import type { Decision } from './findings-api';
import { shownValue } from '../testing/controls';

const institutionPages = {
  'institution/rectification': DecisionList,
  'institution/rectification/decision/:id': DecisionDetailPage,
  'institution/disputes/:id': DecisionList,
};
const localPages = { 'local/findings/decisions': DecisionList, 'local/findings/decision/:id': DecisionDetailPage };

async function openDecision(decision: Decision, me: Me, section: 'institution' | 'local') {
  const url = section === 'institution' ? `/institution/rectification/decision/${decision.id}` : `/local/findings/decision/${decision.id}`;
  const page = await openFindingsPage(me, url, section === 'institution' ? institutionPages : localPages, section);
  page.http.expectOne(`/api/decisions/${decision.id}`).flush(decision);
  // a decision in effect shows its recoveries (decision-recoveries.spec): answered with none
  await page.tick();
  for (const req of page.http.match(`/api/decisions/${decision.id}/recoveries`)) {
    req.flush({ decisionId: decision.id, confirmedAmount: 12800.5, recoveredAmount: 0, remainingAmount: 12800.5, items: [] });
  }
  await page.stable();
  return page;
}

describe('Decision list', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it("lists the institution's decisions with the measures in words", async () => {
    const { http, q, all, stable } = await openFindingsPage(fakeClerk(), '/institution/rectification', institutionPages, 'institution');
    http.expectOne('/api/decisions?page=1&pageSize=20').flush({ items: [fakeDecision(), fakeDecision({ id: 'd2', status: 'rectifying', rectification: { due: '2027-11-30', report: null, attachmentIds: [], submittedAt: null, confirmedAt: null, overdue: true } })], total: 2 });
    await stable();
    const rows = all('decision-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('拒付违规费用 12,800.50 元；暂停医保结算，限 2027-11-30 前完成整改；直接约谈医务人员 王明');
    expect(q('decision-status', rows[0])!.textContent).toContain('已生效');
    expect(q('decision-major', rows[0])).not.toBeNull();
    expect(q('decision-overdue', rows[1])).not.toBeNull();
    expect(rows[0]!.textContent).toContain('暂停结算');
    expect(q('decision-open', rows[0])!.getAttribute('href')).toBe('/institution/rectification/decision/d1');
  });

  it('opens the agency list on the decisions awaiting legal review (待审核), not 全部 (issue 16 §1), and filters by status', async () => {
    const { http, q, tick, stable } = await openFindingsPage(fakeAgencyUser(), '/local/findings/decisions', localPages, 'local');
    http.expectOne('/api/decisions?status=pending_legal_review&page=1&pageSize=20').flush({ items: [], total: 0 });
    await stable();
    expect(q('decision-tab-pending_legal_review')!.className).toContain('ant-radio-button-wrapper-checked');
    q('decision-tab-all')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/local/findings/decisions?status=all');
    http.expectOne('/api/decisions?page=1&pageSize=20').flush({ items: [], total: 0 });
    await stable();
    q('decision-tab-pending_legal_review')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/local/findings/decisions');
    http.expectOne('/api/decisions?status=pending_legal_review&page=1&pageSize=20').flush({ items: [], total: 0 });
  });
});

describe('Decision detail', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const pending = () => fakeDecision({ status: 'pending_legal_review', legalReview: null, effectiveAt: null, reportedToBureauAt: null, settlement: 'normal' });

  it('shows measures, basis, settlement, legal review and the report to the bureau', async () => {
    const { q, all } = await openDecision(fakeDecision(), fakeClerk(), 'institution');
    expect(all('decision-measure-text').map((m) => m.textContent!.trim())).toEqual([
      '拒付违规费用 12,800.50 元',
      '暂停医保结算，限 2027-11-30 前完成整改',
      '直接约谈医务人员 王明',
    ]);
    expect(q('decision-basis-text')!.textContent).toContain('第三十二条');
    expect(q('decision-settlement')!.textContent).toContain('暂停结算');
    expect(q('decision-legal-review')!.textContent).toContain('复核通过');
    expect(q('decision-legal-review')!.textContent).toContain('依据充分');
    expect(q('decision-reported')!.textContent).toContain('已报送（2027-10-10 11:05）');
    expect(q('decision-legal-form')).toBeNull();
  });

  it('hides the legal review buttons from the user who decided', async () => {
    const { q } = await openDecision(pending(), fakeAgencyUser(), 'local');
    expect(q('decision-status')!.textContent).toContain('待复核');
    expect(q('decision-legal-approve')).toBeNull();
    expect(q('decision-legal-refuse')).toBeNull();
    expect(q('decision-legal-self')).not.toBeNull();
  });

  it('lets a second user of the agency approve, or refuse with a comment', async () => {
    const { http, q, click, type, confirmModal, modalText, stable } = await openDecision(pending(), fakeSecondAgencyUser(), 'local');
    expect(q('decision-legal-self')).toBeNull();
    await click(q('decision-legal-refuse')!);
    expect(q('decision-legal-error')).not.toBeNull();
    expect(modalText()).toBe('');

    await type(q<HTMLTextAreaElement>('decision-legal-comment')!, '金额计算有误');
    await click(q('decision-legal-refuse')!);
    expect(modalText()).toContain('复核不予通过？');
    await confirmModal();
    const req = http.expectOne('/api/decisions/d1/legal-review');
    expect(req.request.body).toEqual({ approved: false, comment: '金额计算有误' });
    // refused: the decision never took effect
    req.flush(fakeDecision({ status: 'closed', effectiveAt: null, legalReview: { by: '李四', approved: false, comment: '金额计算有误', at: '2027-10-12T03:00:00Z' } }));
    await stable();
    expect(q('decision-legal-form')).toBeNull();
    expect(q('decision-legal-review')!.textContent).toContain('不予通过');
  });

  it('approves without a comment', async () => {
    const { http, q, click, confirmModal } = await openDecision(pending(), fakeSecondAgencyUser(), 'local');
    await click(q('decision-legal-approve')!);
    await confirmModal();
    const req = http.expectOne('/api/decisions/d1/legal-review');
    expect(req.request.body).toEqual({ approved: true, comment: '' });
    req.flush(fakeDecision());
  });

  it('is read-only for a bureau reading the decision', async () => {
    const { q } = await openDecision(pending(), fakeCityBureauUser(), 'local');
    expect(q('decision-legal-form')).toBeNull();
    expect(q('decision-legal-self')).toBeNull();
    expect(q('rectification-form')).toBeNull();
    expect(q('dispute-file')).toBeNull();
  });

  it("takes the institution's rectification report with evidence", async () => {
    const rectifying = fakeDecision({ status: 'rectifying', rectification: { due: '2027-11-30', report: null, attachmentIds: [], submittedAt: null, confirmedAt: null, overdue: false } });
    const { http, q, click, type, pick, confirmModal, stable } = await openDecision(rectifying, fakeClerk(), 'institution');
    expect(q('rectification-due')!.textContent).toContain('2027-11-30');
    await click(q('rectification-submit')!);
    expect(q('rectification-error')).not.toBeNull();
    http.expectNone('/api/decisions/d1/rectification');

    await type(q<HTMLTextAreaElement>('rectification-report')!, '已退回违规资金并完善收费审核');
    await pick(q<HTMLInputElement>('rectification-upload')!, new File([new Uint8Array(100)], '退款凭证.pdf'));
    http.expectOne('/api/attachments').flush(attachment('att-r', '退款凭证.pdf'));
    await stable();
    await click(q('rectification-submit')!);
    await confirmModal();
    const req = http.expectOne('/api/decisions/d1/rectification');
    expect(req.request.body).toEqual({ report: '已退回违规资金并完善收费审核', attachmentIds: ['att-r'] });
    req.flush({ ...rectifying, status: 'rectification_submitted', rectification: { ...rectifying.rectification!, report: '已退回违规资金并完善收费审核', attachmentIds: ['att-r'], submittedAt: '2027-10-12T03:00:00Z' } });
    await stable();
    expect(q('rectification-form')).toBeNull();
    expect(q('decision-status')!.textContent).toContain('整改待确认');
    expect(q('rectification-report-text')!.textContent).toContain('已退回违规资金');
  });

  it('lets the agency reject the rectification with a new due date and a comment', async () => {
    const submitted = fakeDecision({
      status: 'rectification_submitted',
      rectification: { due: '2027-11-30', report: '已整改', attachmentIds: ['att-r'], submittedAt: '2027-10-11T03:00:00Z', confirmedAt: null, overdue: false },
    });
    const { http, q, click, type, confirmModal, modalText } = await openDecision(submitted, fakeSecondAgencyUser(), 'local');
    await click(q('rectification-reject')!);
    expect(q('rectification-confirm-error')!.textContent).toContain('须确定新的整改期限');
    expect(q('rectification-confirm-error')!.textContent).toContain('须填写确认意见');
    await type(q<HTMLInputElement>('rectification-new-due')!, '2027-12-31');
    await type(q<HTMLInputElement>('rectification-comment')!, '资金尚未退回');
    await click(q('rectification-reject')!);
    expect(modalText()).toContain('2027-12-31');
    await confirmModal();
    const req = http.expectOne('/api/decisions/d1/rectification/confirm');
    expect(req.request.body).toEqual({ accepted: false, comment: '资金尚未退回', due: '2027-12-31' });
    req.flush({ ...submitted, status: 'rectifying' });
  });

  it('lets the agency accept the rectification', async () => {
    const submitted = fakeDecision({
      status: 'rectification_submitted',
      rectification: { due: '2027-11-30', report: '已整改', attachmentIds: [], submittedAt: '2027-10-11T03:00:00Z', confirmedAt: null, overdue: false },
    });
    const { http, q, click, confirmModal, stable } = await openDecision(submitted, fakeAgencyUser(), 'local');
    await click(q('rectification-accept')!);
    await confirmModal();
    const req = http.expectOne('/api/decisions/d1/rectification/confirm');
    expect(req.request.body).toEqual({ accepted: true, comment: '' });
    req.flush({ ...submitted, status: 'closed', settlement: 'restored' });
    await stable();
    expect(q('decision-settlement')!.textContent).toContain('已恢复结算');
    expect(q('rectification-confirm-form')).toBeNull();
  });

  it('files a dispute on an effective decision and opens it', async () => {
    const { http, q, click, type, confirmModal, tick, stable } = await openDecision(fakeDecision(), fakeClerk(), 'institution');
    expect(q('dispute-form')).toBeNull();
    await click(q('dispute-file')!);
    await click(q('dispute-submit')!);
    expect(q('dispute-form-error')!.textContent).toContain('请填写争议理由');
    http.expectNone('/api/disputes');

    await click(q('dispute-party-clinician')!);
    // The clinician is one named in the measures.
    expect(shownValue(q('dispute-clinician')!)).toBe('王明');
    await type(q<HTMLTextAreaElement>('dispute-reasons')!, '约谈缺乏事实依据');
    await click(q('dispute-submit')!);
    await confirmModal();
    const req = http.expectOne('/api/disputes');
    expect(req.request.body).toEqual({ decisionId: 'd1', party: 'clinician', clinicianName: '王明', reasons: '约谈缺乏事实依据', attachmentIds: [] });
    req.flush(fakeDispute({ id: 'ds7' }));
    await tick();
    expect(TestBed.inject(Router).url).toBe('/institution/disputes/ds7');
    http.expectOne('/api/decisions?page=1&pageSize=20').flush({ items: [], total: 0 });
    await stable();
  });

  it('links to the dispute instead of offering a second one', async () => {
    const { q } = await openDecision(fakeDecision({ dispute: { id: 'ds1', level: 'city', status: 'open' } }), fakeClerk(), 'institution');
    expect(q('dispute-file')).toBeNull();
    expect(q('decision-dispute-link')!.getAttribute('href')).toBe('/institution/disputes/ds1');
    expect(q('decision-dispute')!.textContent).toContain('争议处理中（市级医保局）');
  });

  it('offers no dispute on a decision not in effect', async () => {
    const { q } = await openDecision(pending(), fakeClerk(), 'institution');
    expect(q('dispute-file')).toBeNull();
  });
});
