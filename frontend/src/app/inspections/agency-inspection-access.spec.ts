import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { routes } from '../app.routes';
import type { Me } from '../core/models';
import { navigateAppAs } from '../testing/app-navigation';
import { sectionsFor } from '../shell/navigation';
import { canRunInspection, isAgencyStaff } from '../spot-checks/spot-check-access';
import { fakeAgencyInspection, fakeAgreement, fakeWorklist } from '../testing/agency-inspection-fakes';
import { fakeCityBureauUser, fakeCityReviewer, fakeDrafter, fakeMe, fakeProvinceUser } from '../testing/fakes';
import { SPOT_CHECK_NOW, fakeInspection } from '../testing/spot-check-fakes';
import { agencyInspectionPagesFor } from './agency-inspection-access';

// Who sees which of the agencies' inspection pages (issue 13): the 日常检查 entry and its pages are
// the handling agencies' staff's (county and city); the coverage page is everybody's in the local,
// province and leader sections (read-only); recording is the inspecting agency's.

const countyBureau = (): Me => fakeMe(['county_staff']);
const clerk = (): Me => fakeMe(['institution_clerk'], { organization: { id: 'inst-320102-0001', name: '南京玄武康宁医院', kind: 'institution' } });
const leader = (): Me => fakeMe(['leader']);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Agency inspection pages per user', () => {
  it.each<[string, Me, string[], boolean]>([
    ['county agency staff', fakeDrafter(), ['worklist', 'list', 'coverage', 'agreements'], true],
    ['city agency staff', fakeCityReviewer(), ['worklist', 'list', 'coverage', 'agreements'], true],
    ['county bureau staff', countyBureau(), [], false],
    ['city bureau staff', fakeCityBureauUser(), [], false],
    ['province official', fakeProvinceUser(), [], false],
    ['leader', leader(), [], false],
    ['institution clerk', clerk(), [], false],
  ])('gives %s its pages and the 日常检查 menu entry', (_, me, pages, entry) => {
    expect(agencyInspectionPagesFor(me)).toEqual(pages);
    expect(isAgencyStaff(me)).toBe(entry);
    const local = sectionsFor(me.roles, me.organization.kind).find((s) => s.id === 'local');
    expect(local?.items.some((i) => i.id === 'inspections') ?? false).toBe(entry);
  });

  it('lets only the inspecting agency’s staff record its inspection, in the local section; spot-checks stay the province’s', () => {
    const agency = fakeAgencyInspection();
    const spotCheck = fakeInspection();
    expect(canRunInspection(fakeDrafter(), 'local', agency)).toBe(true);
    expect(canRunInspection(fakeDrafter(), 'province', agency)).toBe(false);
    expect(canRunInspection(fakeDrafter(['county_staff', 'leader']), 'leader', agency)).toBe(false);
    expect(canRunInspection(fakeCityReviewer(), 'local', agency)).toBe(false);
    expect(canRunInspection(countyBureau(), 'local', agency)).toBe(false);
    expect(canRunInspection(fakeProvinceUser(), 'province', agency)).toBe(false);
    expect(canRunInspection(fakeProvinceUser(), 'province', spotCheck)).toBe(true);
    expect(canRunInspection(fakeDrafter(), 'local', spotCheck)).toBe(false);
    expect(canRunInspection(null, 'local', agency)).toBe(false);
  });
});

describe('Agency inspection routes', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  async function navigateAs(me: Me, url: string) {
    const page = await navigateAppAs(me, url, SPOT_CHECK_NOW, 4);
    return { ...page, el: page.current };
  }

  it.each<[string, string, string, () => Me]>([
    ['county agency staff', '/local/inspections', '/local/inspections/worklist', fakeDrafter],
    ['county agency staff', '/local/inspections/list', '/local/inspections/list', fakeDrafter],
    ['county agency staff', '/local/inspections/inspection/ai1', '/local/inspections/inspection/ai1', fakeDrafter],
    ['county agency staff', '/local/inspections/coverage', '/local/inspections/coverage', fakeDrafter],
    ['county agency staff', '/local/inspections/agreements', '/local/inspections/agreements', fakeDrafter],
    ['city agency staff', '/local/inspections', '/local/inspections/worklist', fakeCityReviewer],
    ['county bureau staff', '/local/inspections', '/forbidden', countyBureau],
    ['city bureau staff', '/local/inspections/worklist', '/forbidden', fakeCityBureauUser],
    ['a leader', '/local/inspections/worklist', '/forbidden', leader],
    ['an institution clerk', '/local/inspections/agreements', '/forbidden', clerk],
    // Coverage stays open in the three sections, read-only.
    ['county bureau staff', '/local/spot-checks/coverage', '/local/spot-checks/coverage', countyBureau],
    ['a province official', '/province/spot-checks/coverage', '/province/spot-checks/coverage', fakeProvinceUser],
    ['a leader', '/leader/spot-checks/coverage', '/leader/spot-checks/coverage', leader],
  ])('sends %s from %s to %s', async (_, url, expected, me) => {
    const { url: landed, el } = await navigateAs(me(), url);
    expect(landed).toBe(expected);
    expect(el().querySelector('[data-testid="coming-soon"]')).toBeNull();
  });

  it('opens the worklist with the agency’s tabs', async () => {
    const { http, el, stable } = await navigateAs(fakeDrafter(), '/local/inspections');
    http.expectOne('/api/inspections/worklist?month=2027-09').flush(fakeWorklist());
    await stable();
    const tabs = [...el().querySelectorAll('[data-testid="agency-inspection-nav"] a')].map((a) => a.textContent!.trim());
    expect(tabs).toEqual(['检查任务清单', '本机构检查', '覆盖率', '服务协议']);
    expect(el().querySelectorAll('[data-testid="worklist-row"]')).toHaveLength(4);
  });

  it('lists the agency’s own inspections, filtered in the URL', async () => {
    const { http, el, stable } = await navigateAs(fakeDrafter(), '/local/inspections/list?status=assigned&overdue=true');
    const req = http.expectOne((r) => r.url === '/api/inspections');
    expect(req.request.params.toString()).toBe('page=1&pageSize=20&status=assigned&origin=agency&agencyId=agency-320102&overdue=true');
    req.flush({ items: [fakeAgencyInspection({ overdue: true })], total: 1 });
    await stable();
    const row = el().querySelector<HTMLElement>('[data-testid="agency-inspection-row"]')!;
    expect(row.textContent).toContain('南京玄武康宁医院');
    expect(row.textContent).toContain('日常稽核');
    expect(row.textContent).toContain('不预先告知');
    expect(row.querySelector('[data-testid="agency-inspection-planned-on"]')!.textContent).toContain('2027-09-15');
    expect(row.querySelector('[data-testid="inspection-overdue"]')).not.toBeNull();
    expect(row.querySelector('[data-testid="agency-inspection-open"]')!.getAttribute('href')).toBe('/local/inspections/inspection/ai1');
  });

  it('searches, sorts and exports the agency’s own inspections with the filters of the URL', async () => {
    const { http, el, stable } = await navigateAs(fakeDrafter(), '/local/inspections/list?q=%E5%BA%B7%E5%AE%81&status=recorded&from=2027-09-01&to=2027-09-30&sort=plannedOn');
    const req = http.expectOne((r) => r.url === '/api/inspections');
    expect(req.request.params.toString()).toBe(
      'page=1&pageSize=20&status=recorded&origin=agency&agencyId=agency-320102&q=%E5%BA%B7%E5%AE%81&from=2027-09-01&to=2027-09-30&sort=plannedOn',
    );
    req.flush({ items: [fakeAgencyInspection()], total: 1 });
    await stable();
    expect(el().querySelector<HTMLInputElement>('[data-testid="list-search"]')!.value).toBe('康宁');
    expect(el().querySelector('th[nzColumnKey="plannedOn"] .ant-table-column-sorter-up.active')).not.toBeNull();

    // Descending on a second click: in the URL and the request (a pending request keeps the page from being stable: a plain tick).
    el().querySelector<HTMLElement>('th[nzColumnKey="plannedOn"]')!.click();
    await tick();
    const sorted = http.expectOne((r) => r.url === '/api/inspections');
    expect(sorted.request.params.get('sort')).toBe('-plannedOn');
    sorted.flush({ items: [], total: 0 });
    await stable();

    // The export: the agency's own, with the same filters, no paging.
    el().querySelector<HTMLElement>('[data-testid="list-export-xlsx"]')!.click();
    await tick();
    const exported = http.expectOne((r) => r.url === '/api/inspections/export.xlsx');
    expect(exported.request.params.toString()).toBe('status=recorded&origin=agency&agencyId=agency-320102&q=%E5%BA%B7%E5%AE%81&from=2027-09-01&to=2027-09-30&sort=-plannedOn');
    exported.flush(new Blob(['x']));
  });

  it('lists the agency’s service agreements, read-only', async () => {
    const { http, el, stable } = await navigateAs(fakeDrafter(), '/local/inspections/agreements?status=suspended&q=康宁');
    const req = http.expectOne((r) => r.url === '/api/agreements');
    expect(req.request.params.get('status')).toBe('suspended');
    expect(req.request.params.get('q')).toBe('康宁');
    req.flush({ items: [fakeAgreement({ status: 'suspended' })], total: 1 });
    await stable();
    const row = el().querySelector<HTMLElement>('[data-testid="agreement-row"]')!;
    expect(row.querySelector('[data-testid="agreement-number"]')!.textContent).toContain('NJ320102-2027-0001');
    expect(row.querySelector('[data-testid="agreement-status"]')!.textContent).toContain('暂停结算');
    expect(row.textContent).toContain('2027-01-01 ～ 2029-12-31');
    expect(row.textContent).toContain('重点监管');
    expect(el().querySelector('button[data-testid^="agreement-"]:not([data-testid="agreement-search-button"])')).toBeNull();
  });
});
