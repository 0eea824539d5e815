import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { TranslationService } from '../i18n/translation';
import { provideTestApp } from '../testing/fakes';
import { openCaseDetail } from '../testing/case-detail-harness';
import { caseActionKey } from './case-steps';
import type { CaseDetail, PublicDecisionPage } from './enforcement-api';
import { PublicEnforcement } from './public-enforcement';

// Found by the browser test of the enforcement pages (test/browser/enforcement.spec.ts): the case's full
// record showed the backend's action codes (proposed, filed, officers_assigned) to a zh-CN reader, and
// the public page dated a decision taken before 08:00 China time on the day before (its UTC day).

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const NO = Object.fromEntries(['approveFiling', 'assignOfficers', 'addRecord', 'notify', 'recordStatement', 'reviewLegality', 'deliberate', 'decide', 'serve',
  'publish', 'recordExecution', 'recordRemedy', 'extend', 'close'].map((k) => [k, false])) as CaseDetail['can'];

const kase: CaseDetail = {
  id: 'c1', caseNo: 4, source: 'other', sourceRef: null, subject: '串换诊疗项目', region: { code: '320102', name: '玄武区' },
  institution: { id: 'inst-320102-0001', name: '南京玄武康宁医院' }, bureau: { id: 'bureau-320102', name: '南京市玄武区医疗保障局' },
  amountInvolved: '320000.00', major: true, status: 'investigating', dueDate: '2027-03-08', overdue: false, penaltyAmount: null, recoveryAmount: null,
  proposedAt: '2026-12-07T22:24:00.000Z', filedAt: '2026-12-07T22:24:30.000Z', decidedAt: null, publishedAt: null, closedAt: null,
  facts: '经查……', proposedBy: '钱海燕', investigation: { officers: [], records: [] }, notice: null, statement: null, legalReview: null, deliberation: null,
  decision: null, service: null, execution: [], remedy: null, extension: null, officerCandidates: [], can: NO,
  timeline: [
    { at: '2026-12-07T22:24:00.000Z', action: 'proposed', by: '钱海燕', organizationId: 'bureau-320102', comment: '提请立案：串换诊疗项目', documents: [] },
    { at: '2026-12-07T22:24:30.000Z', action: 'filed', by: '周文斌', organizationId: 'bureau-320102', comment: null, documents: [] },
    { at: '2026-12-07T22:25:00.000Z', action: 'record_interview', by: '钱海燕', organizationId: 'bureau-320102', comment: '询问笔录', documents: [] },
    { at: '2026-12-07T22:26:00.000Z', action: 'something_new', by: '周文斌', organizationId: 'bureau-320102', comment: null, documents: [] },
  ],
} as CaseDetail;

describe('the case\'s full record (全过程记录)', () => {
  it('names each action in the reader\'s language; an action the dictionaries do not know is shown as written', async () => {
    const { fixture } = await openCaseDetail(kase);
    const timeline = () => (fixture.nativeElement as HTMLElement).querySelector('[data-testid="case-timeline"]')!.textContent!;
    expect(timeline()).toContain('钱海燕 · 提请立案');
    expect(timeline()).toContain('周文斌 · 批准立案');
    expect(timeline()).toContain('钱海燕 · 询问笔录');
    expect(timeline()).toContain('周文斌 · something_new');
    expect(timeline()).not.toMatch(/· (proposed|filed|record_interview)\b/);

    TestBed.inject(TranslationService).use('en');
    fixture.detectChanges();
    expect(timeline()).toContain('周文斌 · filed');
    expect(timeline()).toContain('钱海燕 · interview record');
  });

  it('has a label in both languages for every action the backend writes', () => {
    for (const action of ['proposed', 'rejected', 'filed', 'officers_assigned', 'record_evidence', 'record_inquiry', 'record_inspection', 'notified', 'statement',
      'legal_review_approved', 'legal_review_refused', 'deliberated', 'decided', 'served', 'published', 'execution', 'reconsideration', 'litigation', 'extended', 'closed', 'overdue']) {
      expect(caseActionKey(action)).toBe(`enforcement.action.${action}`);
    }
    expect(caseActionKey('unknown')).toBeNull();
  });
});

describe('the public enforcement page', () => {
  it('dates a decision by its day in China (taken at 06:24 China time on 8 December: 2026-12-08, not the UTC day)', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PublicEnforcement);
    fixture.componentRef.setInput('province', '32');
    fixture.detectChanges();
    await settle();
    const page: PublicDecisionPage = {
      items: [{ caseNo: 4, subject: '串换诊疗项目', region: { code: '320102', name: '玄武区' }, party: '南京玄武康宁医院', facts: '经查……', legalBasis: '条例第三十八条',
        decision: '罚款', penaltyAmount: '150000.00', recoveryAmount: '80000.00', decidedAt: '2026-12-07T22:24:00.000Z', publishedAt: '2026-12-07T22:30:00.000Z',
        bureau: '南京市玄武区医疗保障局' }],
      total: 1,
    } as PublicDecisionPage;
    http.expectOne((r) => r.url === '/api/public/enforcement/32').flush(page);
    await fixture.whenStable();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="public-decided-on"]')!.textContent!.trim()).toBe('2026-12-08');
  });

  it('says the decisions cannot be read when the API refuses (a 429), never that there are none', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PublicEnforcement);
    fixture.componentRef.setInput('province', '32');
    fixture.detectChanges();
    await settle();
    http.expectOne((r) => r.url === '/api/public/enforcement/32').flush({ error: { code: 'rate_limited' } }, { status: 429, statusText: 'Too Many Requests' });
    await fixture.whenStable();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="public-failed"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="public-none"]')).toBeNull();
  });
});
