import { jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { HttpTestingController } from '@angular/common/http/testing';
import { sectionsFor } from '../shell/navigation';
import { provideTestApp } from '../testing/fakes';
import { emptyLeadDraft, missingLeadFields, newLeadOf } from './lead-form';
import { assignableUnits, leadActionLabel, LeadDetailPage } from './lead-detail';
import { LeadList, leadQueryOf } from './lead-list';
import { type LeadDetail, leadParams } from './leads-api';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const NO = { assess: false, decideDismissal: false, assign: false, investigate: false, close: false, report: false, review: false, requestExtension: false, decideExtension: false };
const lead = (over: Partial<LeadDetail> = {}): LeadDetail => ({
  id: 'l1', ledgerNo: 7, source: 'national_assignment', sourceRef: '医保稽交〔2026〕7号', subject: '串换药品', region: { code: '320102', name: '玄武区' },
  institution: { id: 'inst-320102-0001', name: '南京玄武康宁医院' }, amountInvolved: '120000.00', status: 'reported', dueDate: '2027-01-20', overdue: true,
  holder: { id: 'agency-320102', name: '玄武区医保中心' }, registeredBy: { id: 'bureau-000000', name: '国家医疗保障局' }, assignedBy: { id: 'bureau-32', name: '江苏省医疗保障局' },
  reportedTo: { id: 'bureau-32', name: '江苏省医疗保障局' }, extensionRequested: null, result: 'violation_confirmed', confirmedAmount: '85000.50',
  registeredAt: '2026-12-01T02:00:00.000Z', closedAt: '2026-12-05T02:00:00.000Z', acceptedAt: null, facts: '国家局智能监控发现异常。', valuable: true,
  assessmentReasons: '有核查价值', dismissal: null, extension: null, inspectionId: null, resultSummary: '查实串换', reportedAt: '2026-12-05T03:00:00.000Z',
  assignments: [
    { from: { id: 'bureau-000000', name: '国家医疗保障局' }, to: { id: 'bureau-32', name: '江苏省医疗保障局' }, at: '2026-12-01T03:00:00.000Z', by: 'nhsa.overseer', dueDate: '2027-01-30' },
    { from: { id: 'bureau-32', name: '江苏省医疗保障局' }, to: { id: 'agency-320102', name: '玄武区医保中心' }, at: '2026-12-02T03:00:00.000Z', by: 'js.official', dueDate: '2027-01-20' },
  ],
  can: { ...NO, review: true },
  history: [{ at: '2026-12-01T02:00:00.000Z', action: 'registered', by: 'nhsa.overseer', organizationId: 'bureau-000000', organizationName: '国家医疗保障局', comment: null }],
  ...over,
});

describe('the lead ledger', () => {
  it('is in the menu of bureaus and agencies at every level, the national overseer and leaders included; never for institutions', () => {
    const items = (roles: Parameters<typeof sectionsFor>[0], kind: 'bureau' | 'agency' | 'institution') => sectionsFor(roles, kind).flatMap((s) => s.items.map((i) => `${s.id}/${i.id}`));
    expect(items(['national_overseer'], 'bureau')).toContain('province/leads');
    expect(items(['province_official'], 'bureau')).toContain('province/leads');
    expect(items(['county_staff'], 'agency')).toContain('local/leads');
    expect(items(['city_agency_staff'], 'bureau')).toContain('local/leads');
    expect(items(['leader'], 'bureau')).toContain('leader/leads');
    expect(items(['institution_clerk'], 'institution').some((i) => i.endsWith('/leads'))).toBe(false);
  });

  it('reads its filters from the URL, leaving unknown values out, and sends them on the list convention', () => {
    expect(leadQueryOf({ view: 'held', status: 'reported', source: 'national_assignment', overdue: 'true', page: '2' }))
      .toEqual({ view: 'held', status: 'reported', source: 'national_assignment', overdue: true, page: 2, pageSize: 20 });
    expect(leadQueryOf({ view: 'mine', status: 'bogus', source: 'rumour', overdue: 'x' })).toEqual({ view: undefined, status: undefined, source: undefined, overdue: undefined, page: 1, pageSize: 20 });
    expect(leadParams({ q: '康宁', regionCode: '3201', sort: '-dueDate', status: 'assigned', source: 'tip', view: 'assigned', overdue: true, page: 3, pageSize: 20 }))
      .toEqual({ q: '康宁', regionCode: '3201', sort: '-dueDate', status: 'assigned', source: 'tip', view: 'assigned', overdue: 'true', page: '3', pageSize: '20' });
  });
});

describe('the register form', () => {
  it('asks for the source, region, subject and facts; sends only what was filled, trimmed', () => {
    expect(missingLeadFields(emptyLeadDraft())).toEqual(['leads.form.source', 'leads.form.regionCode', 'leads.form.subject', 'leads.form.facts']);
    const draft = { ...emptyLeadDraft(), source: 'media' as const, regionCode: ' 320102 ', subject: ' 挂床住院 ', facts: '媒体报道', amount: '1200.50', institutionOrgId: '' };
    expect(missingLeadFields(draft)).toEqual([]);
    expect(newLeadOf(draft)).toEqual({ source: 'media', regionCode: '320102', subject: '挂床住院', facts: '媒体报道', amountInvolved: '1200.50' });
  });
});

describe('the lead detail', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  async function render(view: LeadDetail) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(LeadDetailPage);
    fixture.componentRef.setInput('id', view.id);
    fixture.detectChanges();
    await settle();
    http.expectOne(`/api/leads/${view.id}`).flush(view);
    await fixture.whenStable();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    return { fixture, el, has: (id: string) => el.querySelector(`[data-testid="${id}"]`) !== null };
  }

  it('dates the registration and each assignment by their China day (23:30 UTC on 7 Dec is 8 Dec in Beijing)', async () => {
    const late = lead({ registeredAt: '2026-12-07T23:30:00.000Z', assignments: [{ ...lead().assignments[0]!, at: '2026-12-07T16:30:00.000Z' }] });
    const { el } = await render(late);
    expect(el.textContent).toContain('国家医疗保障局 · 2026-12-08');
    expect(el.textContent).not.toContain('2026-12-07');
  });

  it('shows the chain, the result with its amount, and to the unit it is reported to only the review', async () => {
    const { fixture, el, has } = await render(lead());
    expect(el.querySelector('[data-testid="lead-status"]')!.textContent).toContain('已报告待审核');
    expect(el.querySelector('[data-testid="lead-status"]')!.textContent).toContain('逾期');
    expect(el.querySelector('[data-testid="lead-result"]')!.textContent).toContain('85,000.50');
    expect(el.querySelector('[data-testid="lead-chain"]')!.textContent).toContain('江苏省医疗保障局 → 玄武区医保中心');
    expect(el.querySelector('[data-testid="lead-history"]')!.textContent).toContain('国家医疗保障局 nhsa.overseer · 登记');
    expect(['lead-review', 'lead-assess', 'lead-assign', 'lead-close', 'lead-report', 'lead-extension'].map(has)).toEqual([true, false, false, false, false, false]);

    const input = el.querySelector<HTMLInputElement>('#lead-return-reason')!;
    input.value = '核查范围过窄';
    input.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('[data-testid="lead-return"]')!.click();
    await settle();
    const post = http.expectOne('/api/leads/l1/return');
    expect(post.request.body).toEqual({ reason: '核查范围过窄' });
    post.flush(lead({ status: 'investigating', reportedTo: null, result: null, confirmedAmount: null, can: { ...NO } }));
    await settle();
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="lead-status"]')!.textContent).toContain('核查中');
    expect(has('lead-review')).toBe(false);
  });

  it('offers as assignees the units below the holder, and a bureau the agency beside it', () => {
    const unit = (id: string, kind: 'bureau' | 'agency', regionPath: string) => ({ id, name: id, kind, regionPath, regionCode: '', institutionType: null, institutionLevel: null });
    const units = [unit('bureau-32', 'bureau', '/32/'), unit('agency-32', 'agency', '/32/'), unit('bureau-3201', 'bureau', '/32/3201/'), unit('agency-320102', 'agency', '/32/3201/320102/'),
      unit('bureau-3201x', 'bureau', '/32/3201/'), unit('bureau-33', 'bureau', '/33/')];
    expect(assignableUnits(units[0]!, units).map((u) => u.id)).toEqual(['agency-32', 'bureau-3201', 'agency-320102', 'bureau-3201x']);
    expect(assignableUnits(units[1]!, units).map((u) => u.id)).toEqual(['bureau-3201', 'agency-320102', 'bureau-3201x']);
    expect(assignableUnits(units[3]!, units)).toEqual([]);
  });

  it('labels the history in both languages, the backend code when unknown', () => {
    expect(leadActionLabel('accepted_forwarded', true)).toBe('审核认可并上报');
    expect(leadActionLabel('accepted_forwarded', false)).toBe('accepted and reported up');
    expect(leadActionLabel('something_new', true)).toBe('something_new');
  });
});

describe('the lead list (SearchableList)', () => {
  it('writes its own filters into the URL back to the first page, and a page change alone', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(LeadList);
    fixture.componentRef.setInput('view', 'held');
    fixture.componentRef.setInput('page', '3');
    fixture.detectChanges();
    await settle();
    const el = fixture.nativeElement as HTMLElement;
    const params = () => (navigate.mock.calls.at(-1)![1] as { queryParams: Record<string, unknown> }).queryParams;

    el.querySelector<HTMLElement>('[data-testid="lead-national"]')!.click();
    expect(params()).toEqual({ page: null, source: 'national_assignment' });
    el.querySelector<HTMLInputElement>('[data-testid="lead-overdue-filter"] input')!.click();
    fixture.detectChanges();
    expect(params()).toEqual({ page: null, overdue: 'true' });
    el.querySelector<HTMLElement>('[data-testid="lead-view-all"]')!.click();
    fixture.detectChanges();
    expect(params()).toEqual({ page: null, view: null });
    (fixture.componentInstance as unknown as { filterPage(p: number): void }).filterPage(2);
    expect(params()).toEqual({ page: 2 });
    expect(navigate.mock.calls.every(([commands, extras]) => commands.length === 0 && extras?.queryParamsHandling === 'merge' && extras.replaceUrl)).toBe(true);
    TestBed.inject(HttpTestingController).match(() => true);
  });
});
