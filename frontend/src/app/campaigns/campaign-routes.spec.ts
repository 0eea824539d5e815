import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { routes } from '../app.routes';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { navigateAppAs } from '../testing/app-navigation';
import { cardsFor } from '../home/role-cards';
import { sectionsFor } from '../shell/navigation';
import { Shell } from '../shell/shell';
import { PLAN_NOW, fakeCityReviewer, fakeDrafter, fakeMe, fakeProvinceUser, provideTestApp } from '../testing/fakes';
import { fakeAgencyTask, fakeCampaignDefaults, fakeSelfInspectionTask } from './campaign-fakes';
import { canDownloadSummary, canManageCampaigns, isAgencyUser, isInstitutionUser } from './campaign-access';

const clerk = (): Me => fakeMe(['institution_clerk'], { organization: { id: 'h-1', name: '南京市第一医院', kind: 'institution' } });

describe('Campaign routes and menu', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  const navigateAs = (me: Me, url: string) => navigateAppAs(me, url, PLAN_NOW, 3);

  it.each<[string, Me, string]>([
    ['a province official', fakeProvinceUser(), '/province/campaigns'],
    ['the national overseer', fakeProvinceUser(['national_overseer']), '/province/campaigns'],
    ['a city agency', fakeCityReviewer(), '/local/campaigns'],
    ['a county agency', fakeDrafter(), '/local/campaigns'],
    ['a leader', fakeMe(['leader']), '/leader/campaigns'],
  ])('opens the campaign list, not the coming-soon page, for %s', async (_, me, url) => {
    const { url: landed, el, http, harness } = await navigateAs(me, url);
    expect(landed).toBe(url);
    http.expectOne('/api/campaigns?year=2027').flush([]);
    await harness.fixture.whenStable();
    expect(el.querySelector('[data-testid="coming-soon"]')).toBeNull();
    expect(el.querySelector('[data-testid="campaign-table"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="campaign-create"]') !== null).toBe(url === '/province/campaigns' && me.roles.includes('province_official'));
  });

  it('opens the form for the province official only', async () => {
    const { url, el, http, harness } = await navigateAs(fakeProvinceUser(), '/province/campaigns/new?year=2027');
    expect(url).toBe('/province/campaigns/new?year=2027');
    http.expectOne('/api/campaigns/defaults?year=2027').flush(fakeCampaignDefaults());
    await harness.fixture.whenStable();
    expect(el.querySelector('[data-testid="campaign-title"]')).not.toBeNull();
    expect(el.querySelector('nz-date-picker')).not.toBeNull();
  });

  it.each<[string, string, Me]>([
    ['the national overseer', '/province/campaigns/new', fakeProvinceUser(['national_overseer'])],
    ['the national overseer', '/province/campaigns/c1/edit', fakeProvinceUser(['national_overseer'])],
    ['a city agency', '/local/campaigns/new', fakeCityReviewer()],
    ['a leader', '/leader/campaigns/new', fakeMe(['leader'])],
    ['the national overseer', '/leader/campaigns', fakeProvinceUser(['national_overseer'])],
    ['an institution clerk', '/province/campaigns', clerk()],
    ['an institution clerk', '/local/campaigns/c1', clerk()],
    ['a county agency', '/institution/self-inspection', fakeDrafter()],
    ['a province official', '/province/campaigns/c1/review', fakeProvinceUser()],
    ['a leader', '/leader/campaigns/c1/review', fakeMe(['leader'])],
    ['a county bureau', '/local/campaigns/c1/review', fakeMe(['county_staff'], { organization: { id: 'bureau-320102', name: '玄武区医保局', kind: 'bureau' } })],
  ])('keeps %s out of %s', async (_, url, me) => {
    const { url: landed } = await navigateAs(me, url);
    expect(landed).toBe('/forbidden');
  });

  it('opens a campaign and a task read from it', async () => {
    const { url, http } = await navigateAs(fakeCityReviewer(), '/local/campaigns/c1/tasks/t1');
    expect(url).toBe('/local/campaigns/c1/tasks/t1');
    http.expectOne('/api/self-inspections/t1').flush(fakeSelfInspectionTask());
  });

  it('opens an agency its region\'s own report and its review list; the province reads the report', async () => {
    const report = await navigateAs(fakeDrafter(), '/local/campaigns/c1/agency-tasks/a1');
    expect(report.url).toBe('/local/campaigns/c1/agency-tasks/a1');
    report.http.expectOne('/api/agency-self-inspections/a1').flush(fakeAgencyTask());
    await report.harness.fixture.whenStable();
    expect(report.el.querySelector('[data-testid="agency-report-text"]')).not.toBeNull();

    TestBed.resetTestingModule();
    const review = await navigateAs(fakeCityReviewer(), '/local/campaigns/c1/review');
    expect(review.url).toBe('/local/campaigns/c1/review');
    expect(review.http.match((r) => r.url.startsWith('/api/self-inspections') && r.params.get('handledByMe') === 'true')).toHaveLength(1);

    TestBed.resetTestingModule();
    const read = await navigateAs(fakeProvinceUser(), '/province/campaigns/c1/agency-tasks/a1');
    expect(read.url).toBe('/province/campaigns/c1/agency-tasks/a1');
    read.http.expectOne('/api/agency-self-inspections/a1').flush(fakeAgencyTask({ status: 'submitted', report: '全区自查情况' }));
    await read.harness.fixture.whenStable();
    expect(read.el.querySelector('[data-testid="agency-report-text"]')).toBeNull();
  });

  it('opens the institution its self-inspection tasks and one task', async () => {
    const list = await navigateAs(clerk(), '/institution/self-inspection');
    expect(list.url).toBe('/institution/self-inspection');
    list.http.expectOne('/api/self-inspections?page=1&pageSize=50').flush({ items: [fakeSelfInspectionTask()], total: 1 });
    await list.harness.fixture.whenStable();
    expect(list.el.querySelector('[data-testid="self-inspection-row"]')).not.toBeNull();
    expect(list.el.querySelector('[data-testid="coming-soon"]')).toBeNull();

    TestBed.resetTestingModule();
    const task = await navigateAs(clerk(), '/institution/self-inspection/t1');
    task.http.expectOne('/api/self-inspections/t1').flush(fakeSelfInspectionTask());
    await task.harness.fixture.whenStable();
    expect(task.el.querySelector('[data-testid="self-inspection-report"]')).not.toBeNull();
  });

  it('shows the leader the campaigns entry in the menu', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    TestBed.inject(CurrentUser).set(fakeMe(['leader']));
    const fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    const entry = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="nav-item-leader-campaigns"]');
    expect(entry).not.toBeNull();
    expect(entry!.textContent).toContain('专项治理');
  });
});

describe('Campaign access', () => {
  it('lists the campaign entries per role, and marks them ready on the home page', () => {
    const entries = (me: Me) =>
      sectionsFor(me.roles, me.organization.kind).flatMap((s) =>
        s.items.filter((i) => i.id === 'campaigns' || i.id === 'self-inspection').map((i) => `${s.id}:${i.id}:${i.loadChildren ? 'built' : 'soon'}`),
      );
    expect(entries(fakeProvinceUser())).toEqual(['province:campaigns:built']);
    expect(entries(fakeProvinceUser(['national_overseer']))).toEqual(['province:campaigns:built']);
    expect(entries(fakeCityReviewer())).toEqual(['local:campaigns:built']);
    expect(entries(fakeDrafter())).toEqual(['local:campaigns:built']);
    expect(entries(fakeMe(['leader']))).toEqual(['leader:campaigns:built']);
    expect(entries(clerk())).toEqual(['institution:self-inspection:built']);
    expect(cardsFor(['institution_clerk']).find((c) => c.path === '/institution/self-inspection')!.ready).toBe(true);
    expect(cardsFor(['province_official']).find((c) => c.path === '/province/campaigns')!.ready).toBe(true);
  });

  it('lets only the province official manage, in the province section', () => {
    expect(canManageCampaigns(fakeProvinceUser(), 'province')).toBe(true);
    expect(canManageCampaigns(fakeProvinceUser(), 'leader')).toBe(false);
    expect(canManageCampaigns(fakeProvinceUser(['national_overseer']), 'province')).toBe(false);
    expect(canManageCampaigns(fakeCityReviewer(), 'local')).toBe(false);
  });

  it('gives the summary report to the province, the overseer and leaders', () => {
    expect(canDownloadSummary(fakeProvinceUser(), 'province')).toBe(true);
    expect(canDownloadSummary(fakeProvinceUser(['national_overseer']), 'province')).toBe(true);
    expect(canDownloadSummary(fakeMe(['leader']), 'leader')).toBe(true);
    expect(canDownloadSummary(fakeCityReviewer(), 'local')).toBe(false);
  });

  it('lets a city or county agency (not a bureau) file its region\'s report and review, from the local section', () => {
    expect(isAgencyUser(fakeDrafter(), 'local')).toBe(true);
    expect(isAgencyUser(fakeCityReviewer(), 'local')).toBe(true);
    expect(isAgencyUser(fakeCityReviewer(), 'leader')).toBe(false);
    expect(isAgencyUser(fakeMe(['county_staff'], { organization: { id: 'bureau-320102', name: '玄武区医保局', kind: 'bureau' } }), 'local')).toBe(false);
    expect(isAgencyUser(fakeProvinceUser(), 'local')).toBe(false);
  });

  it('lets the institution fill in its task from the institution section only', () => {
    expect(isInstitutionUser(clerk(), 'institution')).toBe(true);
    expect(isInstitutionUser(fakeProvinceUser(), 'institution')).toBe(false);
    expect(isInstitutionUser(clerk(), 'province')).toBe(false);
  });
});
