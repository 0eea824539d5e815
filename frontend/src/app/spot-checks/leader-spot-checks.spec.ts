import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Me } from '../core/models';
import { navigateAppAs } from '../testing/app-navigation';
import { fakeDrafter, fakeMe, fakeProvinceUser } from '../testing/fakes';
import { FAKE_CITIES, SPOT_CHECK_NOW, COMMITMENT, fakeCommittedSpotCheck, fakeInspection, fakeSpotCheck, fakeSpotCheckSummary } from '../testing/spot-check-fakes';
import { canRunSpotChecks, spotCheckPagesFor } from './spot-check-access';
import type { Inspection } from './spot-check-models';

// Leaders read the province's spot-checks, the inspections of their region (the dashboard's
// inspection rows link here), the coverage and the draw verification — without creating,
// committing, drawing, recording or sending anything.

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const leader = (): Me => fakeMe(['leader']);
/** A province official who is also a leader: the same user runs spot-checks in the province section only. */
const officialLeader = (): Me => fakeProvinceUser(['province_official', 'leader']);

const INSPECTION_ACTIONS = ['inspection-save', 'inspection-send', 'inspection-date', 'finding-add', 'finding-remove', 'inspection-upload-button', 'finding-upload-button'];
const SPOT_CHECK_ACTIONS = ['spot-check-create', 'witness-secret', 'spot-check-commit', 'spot-check-draw'];

async function navigateAs(me: Me, url: string) {
  const page = await navigateAppAs(me, url, SPOT_CHECK_NOW, 3);
  return { ...page, el: page.current };
}

const recorded = (): Inspection =>
  fakeInspection({
    status: 'recorded',
    inspectedOn: '2027-09-10',
    checklist: [{ item: '聚敛盗刷社保卡', result: 'deficient', note: '代刷' }],
    findings: [{ type: '盗刷社保卡', description: '代刷参保人社保卡', amount: 300, clinicianName: null, attachmentIds: ['a1'] }],
  });

describe('Leader section: spot-checks and inspections, read-only', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  it.each<[string, string]>([
    ['/leader/spot-checks', '/leader/spot-checks/list'],
    ['/leader/spot-checks/check/sc1', '/leader/spot-checks/check/sc1'],
    ['/leader/spot-checks/inspections', '/leader/spot-checks/inspections'],
    ['/leader/spot-checks/inspection/in1', '/leader/spot-checks/inspection/in1'],
    ['/leader/spot-checks/coverage', '/leader/spot-checks/coverage'],
    ['/leader/spot-checks/verify', '/leader/spot-checks/verify'],
    ['/leader/spot-checks/new', '/forbidden'],
    // The dashboard's and the backend's links name the record.
    ['/inspections/in1', '/leader/spot-checks/inspection/in1'],
    ['/spot-checks/sc1', '/leader/spot-checks/check/sc1'],
  ])('takes a leader from %s to %s', async (link, expected) => {
    const { url, q } = await navigateAs(leader(), link);
    expect(url).toBe(expected);
    expect(q('coming-soon')).toBeNull();
  });

  it.each<[string, string, string, Me]>([
    ['the national overseer', '/inspections/in1', '/province/spot-checks/inspection/in1', fakeProvinceUser(['national_overseer'])],
    ['the national overseer', '/leader/spot-checks', '/forbidden', fakeProvinceUser(['national_overseer'])],
    ['a county user', '/leader/spot-checks/list', '/forbidden', fakeDrafter()],
    ['an institution clerk', '/leader/spot-checks/inspection/in1', '/forbidden', fakeMe(['institution_clerk'])],
    // Unchanged: the institution's inspection link opens its findings to confirm.
    ['an institution clerk', '/inspections/in1', '/institution/findings', fakeMe(['institution_clerk'], { organization: { id: 'h-1', name: '南京市第一医院', kind: 'institution' } })],
  ])('sends %s from %s to %s', async (_, link, expected, me) => {
    const { url } = await navigateAs(me, link);
    expect(url).toBe(expected);
  });

  it('lists the year’s spot-checks without the create button', async () => {
    const { http, q, el, stable } = await navigateAs(officialLeader(), '/leader/spot-checks');
    http.expectOne('/api/spot-checks?page=1&pageSize=20&year=2027').flush({ items: [fakeSpotCheckSummary()], total: 1 });
    await stable();
    expect(el().querySelector('[data-testid="spot-check-open"]')!.getAttribute('href')).toBe('/leader/spot-checks/check/sc1');
    expect(q('spot-check-create')).toBeNull();
  });

  it('shows a recorded inspection to read, without save, send or edit controls', async () => {
    const { http, q, el, stable } = await navigateAs(officialLeader(), '/leader/spot-checks/inspection/in1');
    http.expectOne('/api/inspections/in1').flush(recorded());
    await stable();
    expect(q('inspection-heading')!.textContent).toContain('苏州康宁大药房');
    expect(q('inspection-date-value')!.textContent).toContain('2027-09-10');
    expect(el().textContent).toContain('300.00 元');
    expect(INSPECTION_ACTIONS.filter((id) => q(id))).toEqual([]);
    expect(el().querySelector('app-inspection-detail')!.querySelectorAll('button, input, textarea')).toHaveLength(0);
  });

  it('offers the same user the send button in the province section (the control)', async () => {
    const { http, q, stable } = await navigateAs(officialLeader(), '/province/spot-checks/inspection/in1');
    http.expectOne('/api/inspections/in1').flush(recorded());
    await stable();
    expect(q('inspection-send')).not.toBeNull();
  });

  it.each([
    ['a draft', fakeSpotCheck()],
    ['a committed', fakeCommittedSpotCheck()],
  ])('shows %s spot-check without the ceremony’s controls', async (_, check) => {
    const { http, q, stable } = await navigateAs(officialLeader(), '/leader/spot-checks/check/sc1');
    // Resources keep the fixture unstable while their requests are open: flush them all first.
    http.expectOne('/api/spot-checks/sc1').flush(check);
    for (let i = 0; i < 3; i++) await settle();
    http.expectOne('/api/campaigns/defaults?year=2027').flush({ year: 2027, cities: FAKE_CITIES });
    if (check.status !== 'draft') http.expectOne('/api/spot-checks/sc1/record.json').flush({ algorithm: 'fundsup-draw/1', spotCheckId: 'sc1', witnessCommitments: [], commitment: COMMITMENT });
    await stable();
    expect(q('spot-check-step-commit') ?? q('spot-check-step-draw')).not.toBeNull();
    expect(SPOT_CHECK_ACTIONS.filter((id) => q(id))).toEqual([]);
  });
});

describe('Leader section: spot-check access rules', () => {
  it('gives leaders every reading page of their section and no runner rights', () => {
    expect(spotCheckPagesFor(leader(), 'leader')).toEqual(['list', 'inspections', 'coverage', 'verify']);
    expect(canRunSpotChecks(leader(), 'leader')).toBe(false);
    expect(canRunSpotChecks(officialLeader(), 'leader')).toBe(false);
    expect(canRunSpotChecks(officialLeader(), 'province')).toBe(true);
    for (const me of [fakeProvinceUser(), fakeProvinceUser(['national_overseer']), fakeDrafter(), fakeMe(['institution_clerk'])]) {
      expect(spotCheckPagesFor(me, 'leader')).toEqual([]);
    }
  });
});
