import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { routes } from '../app.routes';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { sectionsFor } from '../shell/navigation';
import { fakeMe, provideTestApp } from '../testing/fakes';
import { FINDINGS_NOW, fakeAgencyUser, fakeClerk, fakeDecidedDispute, fakeDecision, fakeDispute, fakeFinding, fakeProvinceUser } from '../testing/findings-fakes';
import { openFindingsPage } from '../testing/findings-harness';
import { DecisionDetailPage } from './decision-detail';
import { DecisionList } from './decision-list';
import { DisputeDetailPage } from './dispute-detail';
import { DisputeList } from './dispute-list';
import { FindingDetailPage } from './finding-detail';
import { FindingList } from './finding-list';
import { canSeeDisputes, findingPagesFor } from './findings-access';
import type { Decision, DisputeDetail, Finding } from './findings-api';
import { CLOCK } from '../core/clock';

// Leaders (领导驾驶舱) read the findings, decisions and disputes behind the dashboard's numbers in
// their own section, read-only: no confirm, appeal, review, decide, legal review, rectification or
// dispute action, whatever the record's status — and whatever other role the user also holds.

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The Xuanwu bureau's leader (分管局长). */
const leader = (): Me => fakeMe(['leader'], { organization: { id: 'bureau-320102', name: '南京市玄武区医疗保障局', kind: 'bureau' } });

/**
 * A user who is a leader and also works at the unit that acts on the record (the handling agency of
 * h-1, another user than the decider) — the same user sees the actions in the city/county section,
 * so their absence in the leader section comes from the section, not from the status or the unit.
 */
const actingAgencyLeader = (): Me => ({
  ...fakeMe(['leader', 'county_staff'], { organization: { id: 'agency-320102', name: '玄武区医保经办中心', kind: 'agency' } }),
  userId: 'u-2',
  username: 'lisi',
  displayName: '李四',
});
/** Likewise at the Xuanwu bureau, the first level of fakeDispute(). */
const actingBureauLeader = (): Me => fakeMe(['leader', 'county_staff'], { organization: { id: 'bureau-320102', name: '南京市玄武区医疗保障局', kind: 'bureau' } });

/** Every action control of the finding, decision and dispute pages, by data-testid. */
const FINDING_ACTIONS = ['finding-confirm', 'finding-appeal', 'finding-appeal-form', 'finding-review-form', 'finding-review-submit', 'finding-decide', 'finding-select'];
const DECISION_ACTIONS = [
  'decision-legal-form',
  'decision-legal-approve',
  'decision-legal-refuse',
  'rectification-form',
  'rectification-submit',
  'rectification-confirm-form',
  'rectification-accept',
  'rectification-reject',
  'dispute-file',
  'dispute-form',
];
const DISPUTE_ACTIONS = ['dispute-decide-form', 'dispute-decide-submit', 'dispute-escalate', 'dispute-escalate-form', 'dispute-withdraw', 'dispute-withdraw-form'];

type Section = 'leader' | 'local';

const findingPages = (section: Section) => ({
  [`${section}/findings/list`]: FindingList,
  [`${section}/findings/finding/:id`]: FindingDetailPage,
  [`${section}/findings/decisions`]: DecisionList,
  [`${section}/findings/decision/:id`]: DecisionDetailPage,
  [`${section}/disputes`]: DisputeList,
  [`${section}/disputes/:id`]: DisputeDetailPage,
});

async function openFinding(finding: Finding, me: Me, section: Section = 'leader') {
  const page = await openFindingsPage(me, `/${section}/findings/finding/${finding.id}`, findingPages(section), section);
  page.http.expectOne(`/api/findings/${finding.id}`).flush(finding);
  await page.stable();
  return page;
}

async function openDecision(decision: Decision, me: Me, section: Section = 'leader') {
  const page = await openFindingsPage(me, `/${section}/findings/decision/${decision.id}`, findingPages(section), section);
  page.http.expectOne(`/api/decisions/${decision.id}`).flush(decision);
  // a decision in effect shows its recoveries, read-only here (decision-recoveries.spec)
  await page.tick();
  for (const req of page.http.match(`/api/decisions/${decision.id}/recoveries`)) {
    req.flush({ decisionId: decision.id, confirmedAmount: 12800.5, recoveredAmount: 0, remainingAmount: 12800.5, items: [] });
  }
  await page.stable();
  if (section === 'leader') expect(page.q('recovery-form')).toBeNull();
  return page;
}

async function openDispute(dispute: DisputeDetail, me: Me, section: Section = 'leader') {
  const page = await openFindingsPage(me, `/${section}/disputes/${dispute.id}`, findingPages(section), section);
  page.http.expectOne(`/api/disputes/${dispute.id}`).flush(dispute);
  await page.stable();
  return page;
}

/** The action controls present on the page (none is expected in the leader section). */
const actionsOn = (q: (testId: string) => HTMLElement | null, testIds: string[]) => testIds.filter((id) => q(id) !== null);

const appealed = () => fakeFinding({ status: 'appealed', appeal: { reasons: '病情变化所致', attachmentIds: [], at: '2027-10-11T02:00:00Z', review: null } });
const rectification = (overrides: Partial<NonNullable<Decision['rectification']>> = {}) => ({
  due: '2027-11-30',
  report: '已退回违规费用并完善收费审核',
  attachmentIds: [],
  submittedAt: '2027-10-11T02:00:00Z',
  confirmedAt: null,
  overdue: false,
  ...overrides,
});

describe('Leader section: findings and decisions, read-only', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the region’s findings with the reader’s tabs, links each to the leader’s page, and offers no selection', async () => {
    const { http, q, all, stable } = await openFindingsPage(leader(), '/leader/findings/list', findingPages('leader'), 'leader');
    http.expectOne('/api/findings?page=1&pageSize=20').flush({ items: [fakeFinding({ status: 'confirmed' }), fakeFinding({ id: 'f2' })], total: 2 });
    await stable();
    expect(all('finding-row')).toHaveLength(2);
    expect(q('finding-tab-all')).not.toBeNull();
    expect(q('finding-tab-to_decide')).toBeNull();
    expect(q('finding-list-hint')!.textContent).toContain('只读');
    expect(all('finding-open').map((a) => a.getAttribute('href'))).toEqual(['/leader/findings/finding/f1', '/leader/findings/finding/f2']);
    expect(q('finding-select')).toBeNull();
    expect(q('finding-decide')).toBeNull();
    // The tabs of the section: the findings and the decisions.
    expect([...q('findings-nav')!.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/leader/findings/list', '/leader/findings/decisions']);
  });

  it('lists the decisions and links each to the leader’s page', async () => {
    const { http, all, stable } = await openFindingsPage(leader(), '/leader/findings/decisions', findingPages('leader'), 'leader');
    http.expectOne('/api/decisions?page=1&pageSize=20').flush({ items: [fakeDecision()], total: 1 });
    await stable();
    expect(all('decision-open').map((a) => a.getAttribute('href'))).toEqual(['/leader/findings/decision/d1']);
    expect(all('decision-tab-pending_legal_review')).toHaveLength(1);
  });

  it.each<[string, Finding]>([
    ['awaiting confirmation, before the deadline', fakeFinding()],
    ['appealed', appealed()],
    ['confirmed', fakeFinding({ status: 'confirmed', confirmedAt: '2027-10-11T02:00:00Z' })],
    ['deemed confirmed', fakeFinding({ status: 'deemed_confirmed', confirmedAt: '2027-10-15T16:00:00Z', deemed: true })],
  ])('shows a finding %s without any action', async (_, finding) => {
    const { q, el } = await openFinding(finding, actingAgencyLeader());
    expect(q('finding-heading')!.textContent).toContain('分解收费');
    expect(q('finding-description')!.textContent).toContain('将一次住院拆分为两次结算');
    expect(actionsOn(q, FINDING_ACTIONS)).toEqual([]);
    expect(q('finding-deadline-notice')).toBeNull();
    expect(el().querySelectorAll('button')).toHaveLength(0);
  });

  it('offers the same user the review and the decision in the city/county section (the control)', async () => {
    const review = await openFinding(appealed(), actingAgencyLeader(), 'local');
    expect(review.q('finding-review-form')).not.toBeNull();
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();
    const decide = await openFinding(fakeFinding({ status: 'confirmed' }), actingAgencyLeader(), 'local');
    expect(decide.q('finding-decide')).not.toBeNull();
  });

  it('links a decided finding to the decision in the leader section', async () => {
    const { q } = await openFinding(fakeFinding({ status: 'decided', decisionId: 'd1' }), leader());
    expect(q('finding-decision-link')!.getAttribute('href')).toBe('/leader/findings/decision/d1');
    expect(q('finding-history')!.textContent).toContain('江苏省医疗保障局');
  });

  it.each<[string, Decision]>([
    ['pending its legal review', fakeDecision({ status: 'pending_legal_review', legalReview: null, effectiveAt: null, reportedToBureauAt: null })],
    ['in rectification', fakeDecision({ status: 'rectifying', rectification: rectification({ report: null, submittedAt: null }) })],
    ['with the rectification submitted', fakeDecision({ status: 'rectification_submitted', rectification: rectification() })],
    ['in effect, without a dispute', fakeDecision()],
  ])('shows a decision %s without any action', async (_, decision) => {
    const { q, all, el } = await openDecision(decision, actingAgencyLeader());
    expect(q('decision-heading')!.textContent).toContain('南京市第一医院');
    expect(actionsOn(q, DECISION_ACTIONS)).toEqual([]);
    expect(q('decision-legal-self')).toBeNull();
    expect(all('decision-measure-text')).toHaveLength(3);
    expect([...q('decision-findings')!.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      '/leader/findings/finding/f1',
      '/leader/findings/finding/f2',
    ]);
    expect(el().querySelectorAll('button')).toHaveLength(0);
  });

  it('shows the submitted rectification report to read', async () => {
    const { q } = await openDecision(fakeDecision({ status: 'rectification_submitted', rectification: rectification() }), leader());
    expect(q('rectification-report-text')!.textContent).toContain('已退回违规费用');
  });

  it('offers the same user the legal review and the rectification check in the city/county section (the control)', async () => {
    const legal = await openDecision(fakeDecision({ status: 'pending_legal_review', legalReview: null, effectiveAt: null }), actingAgencyLeader(), 'local');
    expect(legal.q('decision-legal-approve')).not.toBeNull();
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();
    const confirm = await openDecision(fakeDecision({ status: 'rectification_submitted', rectification: rectification() }), actingAgencyLeader(), 'local');
    expect(confirm.q('rectification-accept')).not.toBeNull();
  });

  it('links a disputed decision to the dispute in the leader section', async () => {
    const { q } = await openDecision(fakeDecision({ dispute: { id: 'ds1', level: 'city', status: 'open' } }), leader());
    expect(q('decision-dispute-link')!.getAttribute('href')).toBe('/leader/disputes/ds1');
    expect(q('decision-dispute')!.textContent).toContain('市级');
    expect(q('decision-no-dispute')).toBeNull();
  });
});

describe('Leader section: disputes, read-only', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists every dispute of the region read-only, without a queue of its own', async () => {
    const { http, q, all, stable } = await openFindingsPage(actingBureauLeader(), '/leader/disputes', findingPages('leader'), 'leader');
    http.expectOne('/api/disputes?page=1&pageSize=20').flush({ items: [fakeDispute()], total: 1 });
    await stable();
    expect(q('dispute-tab-mine')).toBeNull();
    expect(q('dispute-list-hint')!.textContent).toContain('只读');
    expect(all('dispute-row')).toHaveLength(1);
  });

  it('shows an open dispute with its history and the decision, and no decision form for the level’s bureau', async () => {
    const { q, el } = await openDispute(fakeDispute(), actingBureauLeader());
    expect(q('dispute-history')!.textContent).toContain('提出争议申请');
    expect(q('dispute-decision-link')!.getAttribute('href')).toBe('/leader/findings/decision/d1');
    expect(actionsOn(q, DISPUTE_ACTIONS)).toEqual([]);
    expect(el().querySelectorAll('button')).toHaveLength(0);
  });

  it('shows a decided dispute without escalation or withdrawal', async () => {
    const { q } = await openDispute(fakeDecidedDispute(), leader());
    expect(q('dispute-level-county')!.textContent).toContain('拆分结算缺乏病情依据');
    expect(actionsOn(q, DISPUTE_ACTIONS)).toEqual([]);
    // The institution's own hint about its escalation window is not a leader's business.
    expect(q('dispute-escalation-closed')).toBeNull();
  });

  it('offers the same user the decision of its level in the city/county section (the control)', async () => {
    const { q } = await openDispute(fakeDispute(), actingBureauLeader(), 'local');
    expect(q('dispute-decide-form')).not.toBeNull();
  });
});

describe('Leader section: routes and links', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  async function navigateAs(me: Me, url: string) {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [...provideTestApp({ routes }), { provide: CLOCK, useValue: () => FINDINGS_NOW }] });
    TestBed.inject(CurrentUser).set(me);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    for (let i = 0; i < 3; i++) await settle();
    const http = TestBed.inject(HttpTestingController);
    const el = () => harness.routeNativeElement as HTMLElement;
    const stable = async () => {
      for (let i = 0; i < 3; i++) await settle();
      await harness.fixture.whenStable();
    };
    return { url: TestBed.inject(Router).url, el, http, stable };
  }

  it.each<[string, string]>([
    ['/leader/findings', '/leader/findings/list'],
    ['/leader/findings/list', '/leader/findings/list'],
    ['/leader/findings/finding/f1', '/leader/findings/finding/f1'],
    ['/leader/findings/decisions', '/leader/findings/decisions'],
    ['/leader/findings/decision/d1', '/leader/findings/decision/d1'],
    ['/leader/disputes', '/leader/disputes'],
    ['/leader/disputes/ds1', '/leader/disputes/ds1'],
    // The backend's and the dashboard's links name the record; a leader reads it in the leader section.
    ['/findings/f1', '/leader/findings/finding/f1'],
    ['/decisions/d1', '/leader/findings/decision/d1'],
    ['/disputes/ds1', '/leader/disputes/ds1'],
    ['/findings?sourceId=in1', '/leader/findings/list?sourceId=in1'],
  ])('takes a leader from %s to %s', async (link, expected) => {
    const { url, el } = await navigateAs(leader(), link);
    expect(url).toBe(expected);
    expect(el().querySelector('[data-testid="coming-soon"]')).toBeNull();
  });

  it('keeps a leader from the agency’s decision form', async () => {
    const { url } = await navigateAs(leader(), '/leader/findings/decide?findingIds=f1');
    expect(url).toBe('/forbidden');
  });

  it('opens the finding detail from its link, without an action button', async () => {
    const { url, http, el, stable } = await navigateAs(leader(), '/findings/f1');
    expect(url).toBe('/leader/findings/finding/f1');
    http.expectOne('/api/findings/f1').flush(appealed());
    await stable();
    expect(el().querySelector('[data-testid="finding-heading"]')).not.toBeNull();
    expect(FINDING_ACTIONS.filter((id) => el().querySelector(`[data-testid="${id}"]`))).toEqual([]);
    // The shell around it has its own (menu, language, logout); the page has none.
    expect(el().querySelector('app-finding-detail')!.querySelectorAll('button')).toHaveLength(0);
  });

  it('opens the decision detail from its link, without an action button', async () => {
    const { url, http, el, stable } = await navigateAs(leader(), '/decisions/d1');
    expect(url).toBe('/leader/findings/decision/d1');
    http.expectOne('/api/decisions/d1').flush(fakeDecision({ status: 'pending_legal_review', legalReview: null, effectiveAt: null }));
    await stable();
    expect(el().querySelector('[data-testid="decision-heading"]')).not.toBeNull();
    expect(DECISION_ACTIONS.filter((id) => el().querySelector(`[data-testid="${id}"]`))).toEqual([]);
    expect(el().querySelector('app-decision-detail')!.querySelectorAll('button')).toHaveLength(0);
  });

  it.each<[string, string, string, Me]>([
    // The national overseer keeps the province section (read-only there as before).
    ['the national overseer', '/findings/f1', '/province/findings/finding/f1', fakeProvinceUser(['national_overseer'])],
    ['the national overseer', '/disputes/ds1', '/province/disputes/ds1', fakeProvinceUser(['national_overseer'])],
    ['the national overseer', '/leader/findings', '/forbidden', fakeProvinceUser(['national_overseer'])],
    ['an institution clerk', '/findings/f1', '/institution/findings/finding/f1', fakeClerk()],
    ['an institution clerk', '/decisions/d1', '/institution/rectification/decision/d1', fakeClerk()],
    ['an institution clerk', '/disputes/ds1', '/institution/disputes/ds1', fakeClerk()],
    ['an institution clerk', '/leader/findings/finding/f1', '/forbidden', fakeClerk()],
    ['an institution clerk', '/leader/disputes/ds1', '/forbidden', fakeClerk()],
    ['an agency user', '/disputes/ds1', '/local/disputes/ds1', fakeAgencyUser()],
    ['an agency user', '/leader/findings/decision/d1', '/forbidden', fakeAgencyUser()],
    ['a province official', '/leader/disputes', '/forbidden', fakeProvinceUser()],
    // A user without a section that has the record goes home, as before.
    ['a user without roles', '/findings/f1', '/', fakeMe([])],
    ['a user without roles', '/disputes/ds1', '/', fakeMe([])],
  ])('sends %s from %s to %s', async (_, link, expected, me) => {
    const { url } = await navigateAs(me, link);
    expect(url).toBe(expected);
  });
});

describe('Leader section: access rules', () => {
  it('gives leaders the findings and dispute pages of their section, and nobody else', () => {
    expect(findingPagesFor(leader(), 'leader')).toEqual(['list', 'decisions']);
    expect(canSeeDisputes(leader(), 'leader')).toBe(true);
    for (const me of [fakeClerk(), fakeAgencyUser(), fakeProvinceUser(), fakeProvinceUser(['national_overseer'])]) {
      expect(findingPagesFor(me, 'leader')).toEqual([]);
      expect(canSeeDisputes(me, 'leader')).toBe(false);
    }
    // Leaders still have nothing in the other sections.
    expect(findingPagesFor(leader(), 'province')).toEqual([]);
    expect(canSeeDisputes(leader(), 'local')).toBe(false);
  });

  it('puts the entries in the leader section for leaders only (the overseer has the province’s)', () => {
    const leaderItems = (me: Me) => sectionsFor(me.roles, me.organization.kind).find((s) => s.id === 'leader')?.items.map((i) => i.id) ?? [];
    expect(leaderItems(leader())).toEqual(expect.arrayContaining(['findings', 'disputes', 'spot-checks']));
    // the overseer's leader section: its dashboards, its inbox (issue 18) and its flight inspections — none of the leaders' pages
    expect(leaderItems(fakeProvinceUser(['national_overseer']))).toEqual(['dashboards', 'national', 'flight-inspections']);
  });
});
