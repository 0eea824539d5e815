import { jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { sectionsFor } from '../shell/navigation';
import { openCaseDetail } from '../testing/case-detail-harness';
import { provideTestApp } from '../testing/fakes';
import { CASE_STEPS, stepBody } from './case-steps';
import { type CaseDetail, caseParams } from './enforcement-api';
import { PublicEnforcement } from './public-enforcement';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const NO: CaseDetail['can'] = {
  approveFiling: false, assignOfficers: false, addRecord: false, notify: false, recordStatement: false, reviewLegality: false, deliberate: false,
  decide: false, serve: false, publish: false, recordExecution: false, recordRemedy: false, extend: false, close: false,
};
const kase = (over: Partial<CaseDetail> = {}): CaseDetail => ({
  id: 'c1', caseNo: 3, source: 'lead', sourceRef: null, subject: '串换药品', region: { code: '320102', name: '玄武区' },
  institution: { id: 'inst-320102-0001', name: '南京玄武康宁医院' }, bureau: { id: 'bureau-320102', name: '南京市玄武区医疗保障局' },
  amountInvolved: '150000.00', major: true, status: 'notified', dueDate: '2027-03-07', overdue: false, penaltyAmount: null, recoveryAmount: null,
  proposedAt: '2026-12-07T02:00:00.000Z', filedAt: '2026-12-07T03:00:00.000Z', decidedAt: null, publishedAt: null, closedAt: null,
  facts: '经查……', proposedBy: 'xw.bureau',
  investigation: { officers: [{ userId: 'u1', name: '执法员甲' }, { userId: 'u2', name: '执法员乙' }], records: [] },
  notice: { proposedPenalty: '300000.00', proposedRecovery: '150000.00', legalBasis: '条例第三十八条', by: 'xw.bureau', at: '2026-12-07T04:00:00.000Z' },
  statement: { statement: '无异议', defence: null, hearingRequested: false, by: 'xw.bureau', at: '2026-12-07T05:00:00.000Z' },
  legalReview: null, deliberation: null, decision: null, service: null, execution: [], remedy: null, extension: null, officerCandidates: [],
  can: { ...NO, reviewLegality: true },
  timeline: [{ at: '2026-12-07T03:30:00.000Z', action: 'record_interview', by: '执法员甲', organizationId: 'bureau-320102', comment: '询问笔录',
    documents: [{ attachmentId: 'a1', filename: '询问笔录.pdf', sha256: 'ab'.repeat(32) }] }],
  ...over,
});

describe('enforcement cases', () => {
  it('are in the menu of the province, the local bureaus and agencies and the leaders; never for institutions', () => {
    const items = (roles: Parameters<typeof sectionsFor>[0], kind: 'bureau' | 'agency' | 'institution') => sectionsFor(roles, kind).flatMap((s) => s.items.map((i) => `${s.id}/${i.id}`));
    expect(items(['province_official'], 'bureau')).toContain('province/enforcement');
    expect(items(['county_staff'], 'bureau')).toContain('local/enforcement');
    expect(items(['county_staff'], 'agency')).toContain('local/enforcement');
    expect(items(['leader'], 'bureau')).toContain('leader/enforcement');
    expect(items(['institution_clerk'], 'institution').some((i) => i.endsWith('/enforcement'))).toBe(false);
  });

  it('send the list convention\'s parameters', () => {
    expect(caseParams({ q: '康宁', regionCode: '320102', sort: '-caseNo', status: 'closed', page: 2, pageSize: 20 }))
      .toEqual({ q: '康宁', regionCode: '320102', sort: '-caseNo', status: 'closed', page: '2', pageSize: '20' });
  });

  it('turn a step\'s form into its body: officers chosen among the candidates, lines as lists, empty attachments left out, approve on the two-button steps', () => {
    const step = (name: string) => CASE_STEPS.find((s) => s.step === name)!;
    const candidates = [{ userId: 'u1', name: '执法员甲' }, { userId: 'u2', name: '执法员乙' }, { userId: 'u3', name: '执法员丙' }];
    expect(stepBody(step('officers'), { officers: ['u1', 'u3', 'u-unknown'] }, undefined, candidates)).toEqual({ officers: [{ userId: 'u1', name: '执法员甲' }, { userId: 'u3', name: '执法员丙' }] });
    expect(stepBody(step('officers'), { officers: undefined }, undefined, candidates)).toEqual({ officers: [] });
    expect(stepBody(step('statement'), { statement: ' 无异议 ', hearingRequested: undefined })).toEqual({ statement: '无异议', hearingRequested: false });
    expect(stepBody(step('legal-review'), { opinion: '同意' }, false)).toEqual({ opinion: '同意', approve: false });
    expect(stepBody(step('deliberation'), { participants: 'a\nb\nc', minutes: 'm', conclusion: 'c', attachmentIds: 'x1\n' }))
      .toEqual({ participants: ['a', 'b', 'c'], minutes: 'm', conclusion: 'c', attachmentIds: ['x1'] });
    expect(stepBody(step('extension'), { days: '30', reason: '案情复杂' })).toEqual({ days: 30, reason: '案情复杂' });
  });
});

describe('the case detail', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  async function render(view: CaseDetail) {
    const page = await openCaseDetail(view);
    http = page.http;
    return page;
  }

  it('offers the legal reviewer only the legal review, shows the timeline with the documents\' hashes, and sends the review', async () => {
    const { fixture, el, has } = await render(kase());
    expect(el.querySelector('[data-testid="case-status"]')!.textContent).toContain('已告知待陈述申辩');
    expect(el.querySelector('[data-testid="case-status"]')!.textContent).toContain('重大案件');
    expect(el.querySelector('[data-testid="case-officers"]')!.textContent).toContain('执法员甲、执法员乙');
    expect(el.querySelector('[data-testid="case-timeline"]')!.textContent).toContain(`询问笔录.pdf SHA-256 ${'ab'.repeat(32)}`);
    expect(['case-step-legal-review', 'case-step-decision', 'case-step-approve-filing', 'case-step-publication'].map(has)).toEqual([true, false, false, false]);

    const opinion = el.querySelector<HTMLTextAreaElement>('#case-legal-review-opinion')!;
    opinion.value = '事实清楚，程序合法';
    opinion.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('[data-testid="case-legal-review-approve"]')!.click();
    await settle();
    const post = http.expectOne('/api/enforcement/cases/c1/legal-review');
    expect(post.request.body).toEqual({ opinion: '事实清楚，程序合法', approve: true });
    post.flush(kase({ status: 'legal_reviewed', can: { ...NO }, legalReview: { approved: true, opinion: '事实清楚，程序合法', by: 'xw.legal', byUserId: 'u-xwl', at: '2026-12-07T06:00:00.000Z' } }));
    await settle();
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="case-status"]')!.textContent).toContain('已法制审核');
    expect(el.querySelector('[data-testid="case-legal-review"]')!.textContent).toContain('xw.legal');
    expect(has('case-step-legal-review')).toBe(false);
  });
});

describe('the case file (卷宗)', () => {
  it('is downloaded from the case detail as the case\'s dossier PDF', async () => {
    const { http, fixture } = await openCaseDetail(kase());
    const button = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-testid="case-dossier-pdf"]')!;
    expect(button.textContent).toContain('案件卷宗（PDF）');
    const created = jest.fn(() => 'blob:dossier');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    const saved: string[] = [];
    const anchorClick = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { saved.push(this.download); });
    button.click();
    await settle();
    const req = http.expectOne('/api/enforcement/cases/c1/dossier.pdf');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['%PDF'], { type: 'application/pdf' }));
    await settle();
    await settle();
    expect(created).toHaveBeenCalled();
    expect(saved).toEqual(['行政执法案件卷宗-第3号.pdf']);
    anchorClick.mockRestore();
    http.verify();
  });
});

describe('naming the officers', () => {
  it('offers the people of the case\'s bureau in a select (no user ids to type) and sends the chosen ones', async () => {
    const candidates = [{ userId: 'u-qhy', name: '钱海燕' }, { userId: 'u-zwb', name: '周文斌' }];
    const { http, fixture, el } = await openCaseDetail(kase({ status: 'investigating', notice: null, statement: null, investigation: { officers: [], records: [] },
      officerCandidates: candidates, can: { ...NO, assignOfficers: true } }));
    const select = el.querySelector('[data-testid="case-officers-officers"]')!;
    expect(select.tagName).toBe('NZ-SELECT');
    expect(el.querySelector('textarea[data-testid="case-officers-officers"]')).toBeNull();
    // the component's model holds the chosen user ids, as the select sets them
    (fixture.componentInstance as unknown as { values: Record<string, unknown> }).values['officers.officers'] = ['u-zwb', 'u-qhy'];
    el.querySelector<HTMLButtonElement>('[data-testid="case-officers-submit"]')!.click();
    await settle();
    const post = http.expectOne('/api/enforcement/cases/c1/officers');
    expect(post.request.body).toEqual({ officers: [{ userId: 'u-zwb', name: '周文斌' }, { userId: 'u-qhy', name: '钱海燕' }] });
    post.flush(kase({ status: 'investigating', investigation: { officers: [candidates[1]!, candidates[0]!], records: [] }, officerCandidates: candidates, can: { ...NO, assignOfficers: true } }));
    http.match(() => true);
  });
});

describe('the public enforcement page', () => {
  it('reads the province\'s published decisions without a token and shows them as the API masked them', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PublicEnforcement);
    fixture.componentRef.setInput('province', '32');
    fixture.detectChanges();
    await settle();
    const req = http.expectOne((r) => r.url === '/api/public/enforcement/32');
    expect(req.request.params.get('page')).toBe('1');
    req.flush({ items: [{ caseNo: 3, subject: '串换药品', region: { code: '320102', name: '玄武区' }, party: '南京玄武康宁医院', facts: '医师王**串换药品', legalBasis: '条例第三十八条',
      decision: '罚款', penaltyAmount: '300000.00', recoveryAmount: '150000.00', decidedAt: '2026-12-07T06:00:00.000Z', publishedAt: '2026-12-07T07:00:00.000Z', bureau: '南京市玄武区医疗保障局' }], total: 1 });
    await fixture.whenStable();
    fixture.detectChanges();
    const text = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="public-decision"]')!.textContent!;
    expect(text).toContain('医师王**');
    expect(text).toContain('300,000.00');
    http.verify();
  });
});
