import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { CaseDetail, FindingView } from '../core/api-types.generated';
import { CaseDetailPage } from '../enforcement/case-detail';
import { CLOCK } from '../core/clock';
import { CurrentUser } from '../core/current-user';
import type { Me, Role } from '../core/models';
import { sectionsFor } from '../shell/navigation';
import { fakeMe, provideTestApp } from '../testing/fakes';
import { openIdPage } from '../testing/page-harness';
import { amountOf, blankMaterial, materialsOf, outwardErrors, supplementRequestErrors, transferErrors } from './transfer-rules';
import { mayTransferDecision, mayTransferFinding, mayTransferLead, prefillFromFinding } from './transfer-source';
import type { OutwardTransferView, TransferDetail } from './transfers-api';
import { transferTabsFor } from './transfers-nav';
import { transferRoutes } from './transfers-routes';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const NOW = new Date('2026-12-07T04:00:00.000Z'); // 12:00 in China, 2026-12-07

const agency = (roles: Role[] = ['county_staff']): Me => fakeMe(roles, { organization: { id: 'agency-320102', name: '玄武区医保中心', kind: 'agency' } });
const bureau = (roles: Role[] = ['county_staff']): Me => fakeMe(roles, { organization: { id: 'bureau-320102', name: '南京市玄武区医疗保障局', kind: 'bureau' } });

const NO_ACTIONS: TransferDetail['can'] = { decide: false, supplement: false };
const transfer = (over: Partial<TransferDetail> = {}): TransferDetail => ({
  id: 't1', transferNo: 4, sourceKind: 'finding', sourceId: 'f1', subject: '串换药品', region: { code: '320102', name: '玄武区' },
  institution: { id: 'inst-320102-0001', name: '南京玄武康宁医院' }, agency: { id: 'agency-320102', name: '玄武区医保中心' },
  bureau: { id: 'bureau-320102', name: '南京市玄武区医疗保障局' }, amountInvolved: '620000.00', status: 'sent', supplementDueDate: null, caseId: null,
  sentAt: '2026-12-07T02:00:00.000Z', decidedAt: null, facts: '经查，该院串换药品。', sentBy: '玄武经办',
  materials: [{ kind: 'finding', ref: 'f1', title: '问题认定：串换药品' }], supplement: null, returnReasons: null, can: NO_ACTIONS,
  history: [{ at: '2026-12-07T02:00:00.000Z', action: 'sent', by: '玄武经办', organizationId: 'agency-320102', comment: null }],
  result: null,
  ...over,
});
const RESULT: NonNullable<TransferDetail['result']> = {
  caseId: 'c7', caseNo: 12, status: 'closed', decisionSummary: '责令退回医保基金并处罚款', penaltyAmount: '100000.00', recoveryAmount: '620000.00',
  decidedAt: '2026-12-05T02:00:00.000Z', closedAt: '2026-12-06T17:00:00.000Z', canOpenCase: false,
};
const outward = (over: Partial<OutwardTransferView> = {}): OutwardTransferView => ({
  id: 'o1', noticeNo: 2, caseId: 'c1', bureau: { id: 'bureau-320102', name: '南京市玄武区医疗保障局' }, recipientKind: 'police', recipientName: '南京市公安局玄武分局',
  noticeDate: '2026-12-05', materials: [{ kind: 'other', ref: 'c1', title: '卷宗' }], amountInvolved: '620000.00', followUpDue: '2027-01-04', receiptAt: null,
  result: null, resultAt: null, overdue: false, createdBy: '玄武执法', mayRecord: true, status: 'open',
  can: { recordReceipt: true, recordResult: true, printNotice: true }, ...over,
});
const finding = (over: Partial<FindingView> = {}): FindingView => ({
  id: 'f1', source: 'spot_check', sourceId: 'insp-1', institution: { id: 'inst-320102-0001', name: '南京玄武康宁医院', regionCode: '320102', regionName: '玄武区' },
  handlingAgencyId: 'agency-320102', type: '串换药品', description: '将甲药品串换为乙药品结算。', amount: 620000, clinicianName: null, attachmentIds: ['a1'],
  status: 'confirmed', confirmationDue: '2026-12-10', confirmedAt: '2026-12-06T02:00:00.000Z', deemed: false, appeal: null, decisionId: null,
  createdAt: '2026-12-01T02:00:00.000Z', history: [], ...over,
});

describe('the transfers menu and tabs', () => {
  const items = (roles: Role[], kind: 'bureau' | 'agency' | 'institution') => sectionsFor(roles, kind).flatMap((s) => s.items.map((i) => `${s.id}/${i.id}`));

  it('is offered to agency and bureau staff, the province, the national overseer and leaders; never to institutions', () => {
    expect(items(['county_staff'], 'agency')).toContain('local/transfers');
    expect(items(['city_agency_staff'], 'bureau')).toContain('local/transfers');
    expect(items(['province_official'], 'bureau')).toContain('province/transfers');
    expect(items(['national_overseer'], 'bureau')).toContain('province/transfers');
    expect(items(['leader'], 'bureau')).toContain('leader/transfers');
    expect(items(['institution_clerk'], 'institution').some((i) => i.endsWith('/transfers'))).toBe(false);
  });

  it('gives the agency its sent transfers, the bureau staff the received ones and the outward transfers, the levels above what is in scope', () => {
    expect(transferTabsFor(agency())).toEqual(['sent', 'all']);
    expect(transferTabsFor(bureau())).toEqual(['received', 'all', 'outward']);
    expect(transferTabsFor(bureau(['province_official']))).toEqual(['all', 'outward']);
    expect(transferTabsFor(fakeMe(['institution_clerk'], { organization: { id: 'i', name: 'i', kind: 'institution' } }))).toEqual([]);
  });
});

describe('the transfer action on a source', () => {
  it('is offered to the handling agency on a confirmed finding, an effective decision and a worked lead with an institution; hidden otherwise', () => {
    expect(mayTransferFinding(agency(), finding())).toBe(true);
    expect(mayTransferFinding(agency(), finding({ status: 'awaiting_confirmation' }))).toBe(false);
    expect(mayTransferFinding(agency(), finding({ status: 'appealed' }))).toBe(false);
    expect(mayTransferFinding(agency(), finding({ handlingAgencyId: 'agency-3201' }))).toBe(false);
    expect(mayTransferFinding(bureau(), finding())).toBe(false);
    expect(mayTransferFinding(null, finding())).toBe(false);
    expect(mayTransferDecision(agency(), { status: 'effective', agencyId: 'agency-320102' })).toBe(true);
    expect(mayTransferDecision(agency(), { status: 'pending_legal_review', agencyId: 'agency-320102' })).toBe(false);
    const lead = { status: 'closed' as const, holder: { id: 'agency-320102', name: '' }, institution: { id: 'inst-320102-0001', name: '' } };
    expect(mayTransferLead(agency(), lead)).toBe(true);
    expect(mayTransferLead(agency(), { ...lead, institution: null })).toBe(false);
    expect(mayTransferLead(agency(), { ...lead, status: 'registered' })).toBe(false);
    expect(mayTransferLead(agency(), { ...lead, holder: { id: 'bureau-320102', name: '' } })).toBe(false);
  });

  it('starts the form from the finding: its institution, facts, amount and the inspection record, finding and evidence as materials', () => {
    const p = prefillFromFinding(finding());
    expect(p.institution.id).toBe('inst-320102-0001');
    expect([p.subject, p.amount]).toEqual(['串换药品', '620000.00']);
    expect(p.materials.map((m) => [m.kind, m.ref])).toEqual([['inspection_record', 'insp-1'], ['finding', 'f1'], ['evidence', 'a1']]);
  });
});

describe('the forms\' checks', () => {
  const full = { subject: '串换药品', facts: '经查', amount: '620,000.5', materials: [{ kind: 'finding' as const, title: '问题认定', ref: 'f1' }, blankMaterial()] };

  it('take a transfer with a subject, facts, a yuan amount and at least one complete material; blank rows are dropped', () => {
    expect(transferErrors(full)).toEqual({});
    expect(amountOf('620,000.5')).toBe('620000.5');
    expect(amountOf('')).toBeNull();
    expect(materialsOf(full.materials)).toEqual([{ kind: 'finding', title: '问题认定', ref: 'f1' }]);
  });

  it('name each bad field of a transfer', () => {
    expect(transferErrors({ subject: ' ', facts: '', amount: '-5', materials: [blankMaterial()] })).toEqual({
      subject: 'transfers.error.subject', facts: 'transfers.error.facts', amount: 'transfers.error.amount', materials: 'transfers.error.materials',
    });
    expect(transferErrors({ ...full, amount: '1.234', materials: [{ kind: 'evidence', title: '照片', ref: '' }] })).toEqual({
      amount: 'transfers.error.amount', materials: 'transfers.error.materials',
    });
  });

  it('ask a supplement for a reason and a deadline after today; an outward transfer for a recipient and a notice not in the future', () => {
    expect(supplementRequestErrors('补充询问笔录', '2026-12-08', '2026-12-07')).toEqual({});
    expect(supplementRequestErrors('', '2026-12-07', '2026-12-07')).toEqual({ reason: 'transfers.error.reason', dueDate: 'transfers.error.dueDate' });
    const draft = { recipientKind: 'police', recipientName: '玄武分局', noticeDate: '2026-12-07', amount: '', materials: [{ kind: 'other' as const, title: '卷宗', ref: 'c1' }] };
    expect(outwardErrors(draft, '2026-12-07')).toEqual({});
    expect(outwardErrors({ ...draft, recipientKind: null, recipientName: '', noticeDate: '2026-12-08', materials: [] }, '2026-12-07')).toEqual({
      recipientKind: 'transfers.error.recipientKind', recipientName: 'transfers.error.recipientName', noticeDate: 'transfers.error.noticeDate', materials: 'transfers.error.materials',
    });
  });
});

describe('the transfers pages', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  async function open(me: Me, url: string) {
    const page = await openIdPage({ url, me, now: NOW, routes: [{ path: 't', children: transferRoutes }, { path: 'enforcement/:id', children: [] }] });
    http = page.http;
    return page;
  }

  it('list the agency\'s sent transfers by default and send the list convention\'s filters', async () => {
    const { el, render } = await open(agency(), '/t/list?q=康宁&status=accepted&sort=-sentAt&page=2');
    const req = http.expectOne((r) => r.url === '/api/transfers');
    expect(req.request.params.toString()).toBe('q=%E5%BA%B7%E5%AE%81&sort=-sentAt&view=sent&status=accepted&page=2&pageSize=20');
    req.flush({ items: [transfer({ status: 'accepted', caseId: 'c1' })], total: 21 });
    await render();
    const row = el().querySelector<HTMLElement>('[data-testid="transfer-row"]')!;
    expect(row.dataset['status']).toBe('accepted');
    expect(row.textContent).toContain('已受理立案');
    expect(row.textContent).toContain('620,000');
    expect(el().querySelector('[data-testid="transfers-tab-sent"]')!.getAttribute('aria-current')).toBe('page');
  });

  it('list the bureau\'s received transfers; a view the user does not have falls back to its own', async () => {
    await open(bureau(), '/t/list?view=sent');
    const req = http.expectOne((r) => r.url === '/api/transfers');
    expect(req.request.params.get('view')).toBe('received');
    req.flush({ items: [], total: 0 });
  });

  it('list every transfer in scope on the 辖区 tab (no view sent)', async () => {
    const { el, render } = await open(agency(), '/t/list?view=all');
    const req = http.expectOne((r) => r.url === '/api/transfers');
    expect(req.request.params.has('view')).toBe(false);
    req.flush({ items: [], total: 0 });
    await render();
    expect(el().querySelector('[data-testid="transfers-tab-all"]')!.getAttribute('aria-current')).toBe('page');
  });

  it('send a transfer from a finding: checked first, then posted with the source and materials, and open it', async () => {
    const { el, type, click, render } = await open(agency(), '/t/new?sourceKind=finding&sourceId=f1');
    http.expectOne('/api/findings/f1').flush(finding());
    await render();
    expect(el().querySelector('[data-testid="transfer-form-institution"]')!.textContent).toContain('南京玄武康宁医院');
    expect(el().querySelector<HTMLInputElement>('[data-testid="transfer-amount"]')!.value).toBe('620000.00');

    type('transfer-subject', ' ');
    type('transfer-amount', 'abc');
    click('transfer-submit');
    await render();
    expect(el().querySelector('[data-testid="transfer-error-subject"]')!.textContent).toContain('请填写案由');
    expect(el().querySelector('[data-testid="transfer-error-amount"]')).not.toBeNull();
    http.expectNone('/api/transfers');

    type('transfer-subject', '串换药品（移交）');
    type('transfer-amount', '620000');
    click('transfer-submit');
    await render();
    const post = http.expectOne({ method: 'POST', url: '/api/transfers' });
    expect(post.request.body).toMatchObject({
      sourceKind: 'finding', sourceId: 'f1', institutionOrgId: 'inst-320102-0001', subject: '串换药品（移交）', facts: '将甲药品串换为乙药品结算。', amountInvolved: '620000',
    });
    expect(post.request.body.materials.map((m: { kind: string }) => m.kind)).toEqual(['inspection_record', 'finding', 'evidence']);
    post.flush(transfer({ id: 't9' }));
    await settle();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/t/transfer/t9');
    http.expectOne('/api/transfers/t9').flush(transfer({ id: 't9' }));
    await render();
    expect(el().querySelector('[data-testid="transfer-heading"]')!.textContent).toContain('串换药品');
  });

  it('say so when there is no source to transfer from', async () => {
    const { has, render } = await open(agency(), '/t/new');
    await render();
    expect(has('transfer-form-no-source')).toBe(true);
  });

  it('offer the receiving bureau accept, supplement and return; the supplement needs a deadline after today; accepting lands on the case', async () => {
    const { has, type, click, render, el } = await open(bureau(), '/t/transfer/t1');
    http.expectOne('/api/transfers/t1').flush(transfer({ can: { decide: true, supplement: false } }));
    await render();
    expect(['transfer-decide', 'transfer-supplement-form', 'transfer-letter'].map(has)).toEqual([true, false, true]);
    expect(el().querySelector('[data-testid="transfer-history"]')!.textContent).toContain('玄武经办 · 移交');

    type('transfer-supplement-reason', '请补充询问笔录');
    click('transfer-request-supplement');
    await render();
    expect(has('transfer-error-due')).toBe(true);
    http.expectNone('/api/transfers/t1/supplement-request');

    click('transfer-accept');
    await render();
    const accept = http.expectOne({ method: 'POST', url: '/api/transfers/t1/accept' });
    expect(accept.request.body).toEqual({ comment: null });
    accept.flush(transfer({ status: 'accepted', caseId: 'c7', can: NO_ACTIONS }));
    await render();
    expect(TestBed.inject(Router).url).toBe('/enforcement/c7');
  });

  it('show the agency the result of the case opened from its transfer (number, status, decision, amounts, days) without a link to the case', async () => {
    const { has, el, render } = await open(agency(), '/t/transfer/t1');
    http.expectOne('/api/transfers/t1').flush(transfer({ status: 'accepted', caseId: 'c7', result: RESULT }));
    await render();
    const text = (id: string) => el().querySelector(`[data-testid="${id}"]`)!.textContent!.trim();
    expect(text('transfer-result-case-no')).toBe('第 12 号');
    expect(text('transfer-result-status')).toBe('已结案');
    expect(text('transfer-result-decision')).toBe('责令退回医保基金并处罚款');
    expect([text('transfer-result-penalty'), text('transfer-result-recovery')]).toEqual(['100,000.00 元', '620,000.00 元']);
    // the China days: 2026-12-06T17:00Z is the 7th in China
    expect([text('transfer-result-decided-on'), text('transfer-result-closed-on')]).toEqual(['2026-12-05', '2026-12-07']);
    expect(['transfer-case-link', 'transfer-result-pending', 'transfer-result-unavailable'].map(has)).toEqual([false, false, false]);
  });

  it('show the bureau a case not yet decided, with the link to the case', async () => {
    const first = await open(bureau(), '/t/transfer/t1');
    http.expectOne('/api/transfers/t1').flush(transfer({
      status: 'accepted', caseId: 'c7', result: { ...RESULT, status: 'proposed', decisionSummary: null, penaltyAmount: null, recoveryAmount: null, decidedAt: null, closedAt: null, canOpenCase: true },
    }));
    await first.render();
    expect(['transfer-result', 'transfer-result-pending', 'transfer-case-link', 'transfer-result-decision', 'transfer-result-closed-on'].map(first.has)).toEqual([true, true, true, false, false]);
    expect(first.el().querySelector('[data-testid="transfer-result-status"]')!.textContent).toContain('待立案');
    first.click('transfer-case-link');
    await first.render();
    expect(TestBed.inject(Router).url).toBe('/enforcement/c7');
  });

  it('say so when a case was opened but its result is outside the reader\'s scope', async () => {
    const { has, render } = await open(agency(), '/t/transfer/t1');
    http.expectOne('/api/transfers/t1').flush(transfer({ status: 'accepted', caseId: 'c7', result: null }));
    await render();
    expect(['transfer-result', 'transfer-result-unavailable', 'transfer-case-link'].map(has)).toEqual([false, true, false]);
  });

  it('offer the sending agency only the supplement when asked, and nothing when there is nothing to do', async () => {
    const { has, type, click, render } = await open(agency(), '/t/transfer/t1');
    http.expectOne('/api/transfers/t1').flush(transfer({
      status: 'supplement_requested', can: { decide: false, supplement: true },
      supplement: { reason: '请补充询问笔录', dueDate: '2026-12-20', by: '玄武执法', at: '2026-12-07T03:00:00.000Z' },
    }));
    await render();
    expect(['transfer-decide', 'transfer-supplement-form', 'transfer-supplement'].map(has)).toEqual([false, true, true]);
    click('transfer-supplement-submit');
    await render();
    expect(has('transfer-error-note')).toBe(true);
    http.expectNone('/api/transfers/t1/supplement');
    type('transfer-supplement-note', '已补充询问笔录');
    click('transfer-supplement-materials-add');
    await render();
    type('transfer-supplement-materials-title-0', '询问笔录');
    type('transfer-supplement-materials-ref-0', '笔录-1');
    click('transfer-supplement-submit');
    await render();
    // A half-filled row (no kind) is refused before anything is sent.
    expect(has('transfer-error-supplement-materials')).toBe(true);
    click('transfer-supplement-materials-remove-0');
    await render();
    click('transfer-supplement-submit');
    await render();
    const post = http.expectOne({ method: 'POST', url: '/api/transfers/t1/supplement' });
    expect(post.request.body).toEqual({ note: '已补充询问笔录', materials: [] });
    post.flush(transfer({ status: 'sent', can: NO_ACTIONS }));
    await render();
    expect(['transfer-decide', 'transfer-supplement-form'].map(has)).toEqual([false, false]);
  });

  it('record an outward transfer\'s result for the bureau that sent it, with the police note; readers above get no forms', async () => {
    const { has, type, click, render, el } = await open(bureau(), '/t/outward/o1');
    http.expectOne('/api/outward-transfers/o1').flush(outward());
    await render();
    expect(['outward-police-note', 'outward-receipt-form', 'outward-result-form'].map(has)).toEqual([true, true, true]);
    click('outward-result-submit');
    await render();
    expect(has('outward-error-result')).toBe(true);
    http.expectNone('/api/outward-transfers/o1/result');
    type('outward-result-text', '已立案侦查');
    click('outward-result-submit');
    await render();
    const post = http.expectOne({ method: 'POST', url: '/api/outward-transfers/o1/result' });
    expect(post.request.body).toEqual({ result: '已立案侦查', resultAt: '2026-12-07' });
    post.flush(outward({ result: '已立案侦查', resultAt: '2026-12-07', receiptAt: '2026-12-07', status: 'done', can: { recordReceipt: false, recordResult: true, printNotice: true } }));
    await render();
    // The receipt is in; the result may still be corrected.
    expect(['outward-receipt-form', 'outward-result-form'].map(has)).toEqual([false, true]);
    expect(el().querySelector('[data-testid="outward-result-form"] h2')!.textContent).toContain('更正处理结果');
    expect(el().querySelector('[data-testid="outward-result"]')!.textContent).toContain('已立案侦查');
  });

  it('show an outward transfer read-only to a reader who may not record', async () => {
    const { has, render } = await open(bureau(['province_official']), '/t/outward/o1');
    http.expectOne('/api/outward-transfers/o1').flush(outward({ recipientKind: 'market', mayRecord: false, can: { recordReceipt: false, recordResult: false, printNotice: true } }));
    await render();
    expect(['outward-police-note', 'outward-receipt-form', 'outward-result-form', 'outward-notice'].map(has)).toEqual([false, false, false, true]);
  });

  it('send an outward transfer of a case: the recipient is checked first, then posted', async () => {
    const { has, type, click, render, el } = await open(bureau(), '/t/outward/new?caseId=c1');
    http.expectOne('/api/enforcement/cases/c1').flush({ id: 'c1', caseNo: 3, subject: '串换药品', region: { code: '320102', name: '玄武区' }, institution: null, amountInvolved: '620000.00' });
    await render();
    expect(has('outward-police-note')).toBe(true);
    click('outward-submit');
    await render();
    expect(['outward-error-recipientKind', 'outward-error-recipientName'].map(has)).toEqual([true, true]);
    http.expectNone('/api/outward-transfers');
    expect(el().querySelector<HTMLInputElement>('[data-testid="outward-amount"]')!.value).toBe('620000.00');
  });

  it('list the outward transfers by status, recipient kind and case', async () => {
    const { el, render, click } = await open(bureau(), '/t/outward?status=overdue&recipientKind=police&caseId=c1');
    const req = http.expectOne((r) => r.url === '/api/outward-transfers');
    expect(req.request.params.toString()).toBe('status=overdue&recipientKind=police&caseId=c1&page=1&pageSize=20');
    req.flush({ items: [outward({ overdue: true })], total: 1 });
    await render();
    expect(el().querySelector<HTMLElement>('[data-testid="outward-status"]')!.dataset['status']).toBe('open');
    expect(el().querySelector('[data-testid="outward-row"]')!.textContent).toContain('逾期未反馈');
    click('list-export-xlsx');
    await render();
    const file = http.expectOne((r) => r.url === '/api/outward-transfers/export.xlsx');
    expect(file.request.params.toString()).toBe('status=overdue&recipientKind=police&caseId=c1');
    file.flush(new Blob(['x']));
  });
});

describe('the 移送 action on an enforcement case', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  async function caseLinks(me: Me, status: string) {
    TestBed.configureTestingModule({ providers: [...provideTestApp({ routes: [{ path: 'local/enforcement/case/:id', component: CaseDetailPage }] }), { provide: CLOCK, useValue: () => NOW }] });
    TestBed.inject(CurrentUser).set(me);
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/local/enforcement/case/c1');
    await settle();
    http.expectOne('/api/enforcement/cases/c1').flush({
      id: 'c1', caseNo: 3, subject: '串换药品', status, major: true, overdue: false, publishedAt: null, bureau: { id: 'bureau-320102', name: '南京市玄武区医疗保障局' },
      institution: { id: 'inst-320102-0001', name: '南京玄武康宁医院' }, region: { code: '320102', name: '玄武区' }, dueDate: null, amountInvolved: '620000.00', facts: '经查',
      investigation: { officers: [], records: [] }, notice: null, statement: null, legalReview: null, deliberation: null, decision: null, service: null, can: {}, timeline: [],
    } as unknown as CaseDetail);
    await harness.fixture.whenStable();
    harness.fixture.detectChanges();
    return (harness.routeNativeElement as HTMLElement).querySelector<HTMLAnchorElement>('[data-testid="case-outward"]')?.getAttribute('href') ?? null;
  }

  it('is offered to the case\'s own bureau once the case is filed, linking the outward form with the case', async () => {
    expect(await caseLinks(bureau(), 'investigating')).toBe('/local/transfers/outward/new?caseId=c1');
  });

  it('is not offered on a case still proposed, nor to another unit', async () => {
    expect(await caseLinks(bureau(), 'proposed')).toBeNull();
  });

  it('is not offered to the agency reading the case', async () => {
    expect(await caseLinks(agency(), 'investigating')).toBeNull();
  });
});
