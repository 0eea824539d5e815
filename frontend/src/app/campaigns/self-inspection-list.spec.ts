import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { openRoutedPage } from '../testing/page-harness';
import { PLAN_NOW, fakeMe } from '../testing/fakes';
import { fakeSelfInspectionTask } from './campaign-fakes';
import { SelfInspectionList } from './self-inspection-list';

// Issue 16 §2 on the institution's own self-inspection tasks: status, period and sort in the URL and
// in the request, pages asked of the server, and the export of the same rows; no region filter.

describe('The institution\'s self-inspection tasks', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  async function open(url: string) {
    const page = await openRoutedPage({
      url,
      routes: [{ path: 'institution/self-inspection', component: SelfInspectionList }],
      me: fakeMe(['institution_clerk'], { organization: { id: 'inst-320102-0001', name: '南京玄武康宁医院', kind: 'institution' } }),
      now: PLAN_NOW,
    });
    http = page.http;
    return page;
  }

  it('asks for the filtered, sorted page of the URL; a new status and a page change go into the URL', async () => {
    const { all, q, stable, tick, setModel, el } = await open('/institution/self-inspection?status=submitted&from=2027-05-01&to=2027-05-31&sort=-review');
    http
      .expectOne('/api/self-inspections?from=2027-05-01&to=2027-05-31&sort=-review&status=submitted&page=1&pageSize=50')
      .flush({ items: Array.from({ length: 50 }, (_, i) => fakeSelfInspectionTask({ id: `t${i}` })), total: 60 });
    await stable();
    expect(all('self-inspection-row')).toHaveLength(50);
    expect(q('list-region')).toBeNull();

    el.querySelector<HTMLElement>('[data-testid="self-inspection-table"] .ant-pagination-next')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/institution/self-inspection?status=submitted&from=2027-05-01&to=2027-05-31&sort=-review&page=2');
    http.expectOne('/api/self-inspections?from=2027-05-01&to=2027-05-31&sort=-review&status=submitted&page=2&pageSize=50').flush({ items: [], total: 60 });
    await stable();

    await setModel('list-status', 'missing');
    expect(TestBed.inject(Router).url).toBe('/institution/self-inspection?status=missing&from=2027-05-01&to=2027-05-31&sort=-review');
    http.expectOne('/api/self-inspections?from=2027-05-01&to=2027-05-31&sort=-review&status=missing&page=1&pageSize=50').flush({ items: [], total: 0 });
    await stable();

    q('list-export-xlsx')!.click();
    await tick();
    const file = http.expectOne((r) => r.url === '/api/self-inspections/export.xlsx');
    expect(file.request.params.toString()).toBe('from=2027-05-01&to=2027-05-31&sort=-review&status=missing');
    file.flush(new Blob(['x']));
    await stable();
  });
});
