import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { CLOCK } from '../core/clock';
import { CurrentUser } from '../core/current-user';
import type { Me, Role } from '../core/models';
import { sectionsFor } from '../shell/navigation';
import { canRunInspection } from '../spot-checks/spot-check-access';
import { fakeMe, provideTestApp } from '../testing/fakes';
import { flightBody, flightDraftError, institutionsOf, secretsOf, type FlightDraft } from './flight-inspection-rules';
import type { FlightInspectionView } from './flight-inspections-api';
import { flightInspectionRoutes } from './flight-inspections-routes';
import { FlightInboxSection } from './flight-inbox-section';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const NOW = new Date('2026-12-07T04:00:00.000Z');
const overseer = (): Me => fakeMe(['national_overseer'], { organization: { id: 'bureau-000000', name: '国家医疗保障局', kind: 'bureau' } });
const province = (): Me => fakeMe(['province_official'], { organization: { id: 'bureau-32', name: '江苏省医疗保障局', kind: 'bureau' } });

const view = (over: Partial<FlightInspectionView> = {}): FlightInspectionView => ({
  id: 'f1', flightNo: 3, title: '江苏飞行检查', province: { code: '32', name: '江苏省' }, institutions: 2, startDate: '2026-12-07', endDate: '2026-12-10',
  status: 'drawn', leads: 0, createdAt: '2026-12-07T02:00:00.000Z', createdBy: '王建国',
  institutionList: [{ id: 'inst-a', name: '康宁医院', regionCode: '320102' }, { id: 'inst-b', name: '梅园社区', regionCode: '320102' }],
  teamSize: 2, team: [{ inspectorId: 'x1', name: '张检查', organizationName: '杭州市医保中心', provinceCode: '33' }], resultHash: 'ab'.repeat(32),
  exclusions: { sameProvince: 432, linked: 1 }, startedAt: null, handedOverAt: null, inspections: [], results: [], followUpComplete: false,
  actions: { start: true, handOver: false }, ...over,
});

const DRAFT: FlightDraft = {
  title: ' 飞检 ', provinceCode: '32', institutionIds: ['inst-a'], startDate: '2026-12-07', endDate: '2026-12-09', teamSize: 3,
  secrets: 'first-secret\n\n second-secret \n', beacon: '',
};

describe('the flight inspection form rules', () => {
  it('asks for the fields, ordered dates and 1–5 distinct secrets of 8+ characters', () => {
    expect(flightDraftError(DRAFT)).toBeNull();
    expect(flightDraftError({ ...DRAFT, title: ' ' })).toBe('flight.form.required');
    expect(flightDraftError({ ...DRAFT, institutionIds: [] })).toBe('flight.form.required');
    expect(flightDraftError({ ...DRAFT, endDate: '2026-12-06' })).toBe('flight.form.datesInvalid');
    expect(flightDraftError({ ...DRAFT, secrets: 'short' })).toBe('flight.form.secretsInvalid');
    expect(flightDraftError({ ...DRAFT, secrets: 'same-secret\nsame-secret' })).toBe('flight.form.secretsInvalid');
    expect(flightDraftError({ ...DRAFT, secrets: Array.from({ length: 6 }, (_, i) => `secret-${i}-xx`).join('\n') })).toBe('flight.form.secretsInvalid');
    expect(secretsOf(DRAFT.secrets)).toEqual(['first-secret', 'second-secret']);
    expect(flightBody(DRAFT)).toEqual({
      title: '飞检', provinceCode: '32', institutionIds: ['inst-a'], startDate: '2026-12-07', endDate: '2026-12-09', teamSize: 3, witnessSecrets: ['first-secret', 'second-secret'],
    });
    expect(flightBody({ ...DRAFT, beacon: ' 2026-12-06 双色球 ' }).beacon).toBe('2026-12-06 双色球');
  });

  it("offers the chosen province's institutions only (the directory filters a region by its exact code)", () => {
    const all = [{ id: 'a', regionPath: '/32/3201/320102/' }, { id: 'b', regionPath: '/33/3301/330106/' }, { id: 'c', regionPath: '/32/3205/320508/' }];
    expect(institutionsOf(all, '32').map((i) => i.id)).toEqual(['a', 'c']);
    expect(institutionsOf(all, '33').map((i) => i.id)).toEqual(['b']);
    expect(institutionsOf(all, '')).toEqual([]);
    expect(institutionsOf(all, '3')).toEqual([]);
  });
});

describe('the flight inspections menu and the inspection page', () => {
  const items = (roles: Role[]) => sectionsFor(roles, 'bureau').flatMap((s) => s.items.map((i) => `${s.id}/${i.id}`));

  it('gives the national overseer its entry and the province its read-only one; nobody else', () => {
    expect(items(['national_overseer'])).toContain('leader/flight-inspections');
    expect(items(['national_overseer'])).not.toContain('province/flight-inspections');
    expect(items(['province_official'])).toContain('province/flight-inspections');
    expect(items(['leader']).some((i) => i.endsWith('/flight-inspections'))).toBe(false);
    expect(items(['county_staff']).some((i) => i.endsWith('/flight-inspections'))).toBe(false);
  });

  it("lets only the national overseer record a flight inspection's result", () => {
    const flight = { origin: 'flight' as const, agency: null };
    expect(canRunInspection(overseer(), 'province', flight)).toBe(true);
    expect(canRunInspection(province(), 'province', flight)).toBe(false);
    expect(canRunInspection(overseer(), 'province', { origin: 'spot_check', agency: null })).toBe(false);
  });
});

describe('the flight inspection pages', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  async function open(me: Me, url: string) {
    TestBed.configureTestingModule({
      providers: [...provideTestApp({ routes: [{ path: 'f', children: flightInspectionRoutes }, { path: 'inspections/:id', children: [] }, { path: 'leads/:id', children: [] }] }),
        { provide: CLOCK, useValue: () => NOW }],
    });
    TestBed.inject(CurrentUser).set(me);
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await settle();
    const el = () => harness.routeNativeElement as HTMLElement;
    const q = (id: string) => el().querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const render = async () => {
      await settle();
      harness.fixture.detectChanges();
      await harness.fixture.whenStable();
    };
    return { el, q, render };
  }

  it('list with the list convention\'s parameters; the overseer gets the button to organize, the province not', async () => {
    const { q, el, render } = await open(overseer(), '/f/list?q=康宁&status=started&sort=-startDate&page=2');
    const req = http.expectOne((r) => r.url === '/api/flight-inspections');
    expect(req.request.params.toString()).toBe('q=%E5%BA%B7%E5%AE%81&sort=-startDate&status=started&page=2&pageSize=20');
    req.flush({ items: [view({ status: 'started', leads: 1 })], total: 21 });
    await render();
    expect(q('flight-new')).not.toBeNull();
    const row = el().querySelector<HTMLElement>('[data-testid="flight-row"]')!;
    expect([row.dataset['status'], row.textContent?.includes('检查中'), row.textContent?.includes('江苏省')]).toEqual(['started', true, true]);
    TestBed.resetTestingModule();
    const p = await open(province(), '/f/list');
    http.expectOne((r) => r.url === '/api/flight-inspections').flush({ items: [], total: 0 });
    await p.render();
    expect(p.q('flight-new')).toBeNull();
  });

  it('detail: the drawn team and its recusals; start; then the records and the hand-over once all are recorded', async () => {
    const { q, el, render } = await open(overseer(), '/f/flight/f1');
    http.expectOne('/api/flight-inspections/f1').flush(view());
    await render();
    expect(q('flight-team-hint')!.textContent).toContain('432');
    expect(el().querySelectorAll('[data-testid="flight-team-member"]')).toHaveLength(1);
    expect(q('flight-inspections-none')).not.toBeNull();
    q('flight-start')!.click();
    await settle();
    const inspections = [
      { id: 'i1', institution: { id: 'inst-a', name: '康宁医院', regionCode: '320102' }, status: 'recorded' as const, inspectedOn: '2026-12-07', findings: 2, amount: '6200.50', team: [] },
      { id: 'i2', institution: { id: 'inst-b', name: '梅园社区', regionCode: '320102' }, status: 'assigned' as const, inspectedOn: null, findings: 0, amount: '0.00', team: [] },
    ];
    // 23:30 UTC on 7 December is 07:30 on 8 December in Beijing: the page shows the China day.
    http.expectOne({ method: 'POST', url: '/api/flight-inspections/f1/start' }).flush(view({ status: 'started', startedAt: '2026-12-07T23:30:00.000Z', inspections, actions: { start: false, handOver: false } }));
    await render();
    expect(q('flight-started-at')!.textContent).toBe('2026-12-08');
    expect(q('flight-start')).toBeNull();
    expect(el().querySelectorAll('[data-testid="flight-inspection-row"]')).toHaveLength(2);
    expect(q('flight-inspection-open')!.getAttribute('href')).toBe('/inspections/i1');
    expect((q('flight-hand-over') as HTMLButtonElement).disabled).toBe(true);
  });

  it('detail after the hand-over: each result with its lead and the province\'s follow-up', async () => {
    const { q, el, render } = await open(overseer(), '/f/flight/f1');
    http.expectOne('/api/flight-inspections/f1').flush(view({
      status: 'handed_over', leads: 1, actions: { start: false, handOver: false }, followUpComplete: false,
      results: [
        { inspectionId: 'i1', institution: { id: 'inst-a', name: '康宁医院' }, leadId: 'l1', followUp: { status: 'investigating', result: null, confirmedAmount: null, closedAt: null, acceptedAt: null } },
        { inspectionId: 'i2', institution: { id: 'inst-b', name: '梅园社区' }, leadId: null, followUp: null },
      ],
    }));
    await render();
    const results = [...el().querySelectorAll<HTMLElement>('[data-testid="flight-result"]')];
    expect(results.map((r) => [r.dataset['institution'], r.dataset['followUp']])).toEqual([['inst-a', 'investigating'], ['inst-b', '']]);
    expect(results[0]!.textContent).toContain('核查中');
    expect(results[1]!.textContent).toContain('未发现问题');
    expect(q('flight-result-lead')!.getAttribute('href')).toBe('/leads/l1');
    expect(q('flight-follow-up')!.dataset['complete']).toBe('false');
    expect(q('flight-hand-over')).toBeNull();
  });

  it('detail for the province: no start or hand-over; not found says so', async () => {
    const { q, render } = await open(province(), '/f/flight/f1');
    http.expectOne('/api/flight-inspections/f1').flush(view({ status: 'started', actions: { start: false, handOver: false } }));
    await render();
    expect(q('flight-start')).toBeNull();
    expect(q('flight-hand-over')).toBeNull();
    TestBed.resetTestingModule();
    const missing = await open(province(), '/f/flight/f2');
    http.expectOne('/api/flight-inspections/f2').flush({ error: { code: 'not_found' } }, { status: 404, statusText: 'Not Found' });
    await missing.render();
    expect(missing.q('flight-not-found')).not.toBeNull();
  });
});

describe("the flight inspections' section of the national inbox", () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  it('lists the newest flight inspections with their status and leads, linking to each', async () => {
    TestBed.configureTestingModule({ providers: [...provideTestApp({ routes: [] }), { provide: CLOCK, useValue: () => NOW }] });
    TestBed.inject(CurrentUser).set(overseer());
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(FlightInboxSection);
    fixture.detectChanges();
    await settle();
    const req = http.expectOne((r) => r.url === '/api/flight-inspections');
    expect(req.request.params.toString()).toBe('sort=-startDate&pageSize=10');
    req.flush({ items: [view({ status: 'handed_over', leads: 2 })], total: 1 });
    await settle();
    fixture.detectChanges();
    const item = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('[data-testid="flight-inbox-item"]')!;
    expect(item.dataset['status']).toBe('handed_over');
    expect(item.textContent).toContain('江苏省');
    expect(item.textContent).toContain('已移交');
    expect(item.querySelector('a')!.getAttribute('href')).toBe('/leader/flight-inspections/flight/f1');
  });
});
