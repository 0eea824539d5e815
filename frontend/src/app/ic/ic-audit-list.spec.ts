import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { openRoutedPage } from '../testing/page-harness';
import { PLAN_NOW, fakeAuditSummary, fakeCityBureauUser, fakeDrafter } from '../testing/fakes';
import { IcAuditList } from './ic-audit-list';

// Issue 16 §2 on the internal-control audits' list: search, region, status and period in the URL and
// in the request, sorted columns and pages asked of the server, and the export of the same rows.

describe('Internal-control audits list', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  async function open(url: string, mine = false) {
    const page = await openRoutedPage({
      url,
      routes: [{ path: 'local/audits/list', component: IcAuditList, data: { section: 'local', mine } }, { path: 'local/audits/mine', component: IcAuditList, data: { section: 'local', mine: true } }],
      me: mine ? fakeDrafter() : fakeCityBureauUser(),
      now: PLAN_NOW,
    });
    http = page.http;
    return page;
  }

  it('asks the server for the filtered, sorted page the URL names, and shows its rows and total', async () => {
    const { all, q, stable } = await open('/local/audits/list?year=2027&q=%E7%8E%84%E6%AD%A6&regionCode=3201&status=fieldwork&from=2027-03-01&to=2027-03-31&sort=-selfAssessmentDue&page=2');
    http
      .expectOne('/api/ic/audits?year=2027&q=%E7%8E%84%E6%AD%A6&regionCode=3201&from=2027-03-01&to=2027-03-31&sort=-selfAssessmentDue&status=fieldwork&page=2&pageSize=50')
      .flush({ items: [fakeAuditSummary({ id: 'a51' })], total: 51 });
    // The region filter names the region the URL asks for (its options come from GET /api/regions).
    http.expectOne('/api/regions').flush([{ code: '3201', name: '南京市', level: 'city', parentCode: '32' }]);
    await stable();
    expect(all('ic-audit-row').map((r) => r.dataset['id'])).toEqual(['a51']);
    expect((q('list-search') as HTMLInputElement).value).toBe('玄武');
    expect(q('list-region')!.textContent).toContain('南京市');
  });

  it('a new status goes into the URL, back to the first page, and the export takes the same filters', async () => {
    const { harness, q, stable, tick, setModel } = await open('/local/audits/list?year=2027&sort=agency&page=3');
    http.expectOne('/api/ic/audits?year=2027&sort=agency&page=3&pageSize=50').flush({ items: [], total: 120 });
    await stable();
    await setModel('list-status', 'closed');
    expect(TestBed.inject(Router).url).toBe('/local/audits/list?year=2027&sort=agency&status=closed');
    http.expectOne('/api/ic/audits?year=2027&sort=agency&status=closed&page=1&pageSize=50').flush({ items: [fakeAuditSummary()], total: 1 });
    await stable();

    q('list-export-xlsx')!.click();
    await tick();
    const file = http.expectOne((r) => r.url === '/api/ic/audits/export.xlsx');
    expect(file.request.params.toString()).toBe('year=2027&sort=agency&status=closed');
    expect(file.request.responseType).toBe('blob');
    file.flush(new Blob(['x']));
    await stable();
    expect(harness.routeNativeElement).not.toBeNull();
  });

  it('the agency\'s own audits: no region filter (it sees one agency)', async () => {
    const { q, stable } = await open('/local/audits/mine', true);
    http.expectOne('/api/ic/audits?year=2027&page=1&pageSize=50').flush({ items: [fakeAuditSummary()], total: 1 });
    await stable();
    expect(q('list-toolbar')).not.toBeNull();
    expect(q('list-region')).toBeNull();
  });
});
