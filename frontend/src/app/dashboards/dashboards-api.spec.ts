import { firstValueFrom } from 'rxjs';
import { apiUnderTest } from '../testing/api-under-test';
import { DashboardsApi } from './dashboards-api';

describe('DashboardsApi', () => {
  let api: DashboardsApi;

  const send = apiUnderTest(DashboardsApi, (service) => (api = service));

  it('reads a dashboard by region and period, leaving out what is not set', async () => {
    (await send(firstValueFrom(api.dashboard({ region: '3201', period: '2026-Q3' })), '/api/dashboards?region=3201&period=2026-Q3')).flush({});
    (await send(firstValueFrom(api.dashboard({ region: null, period: '2026' })), '/api/dashboards?period=2026')).flush({});
    (await send(firstValueFrom(api.dashboard({})), '/api/dashboards')).flush({});
  });

  it('reads the list behind a number with its filters and page', async () => {
    const url = '/api/dashboards/items?region=320102&period=2026-07&metric=finding_amount&institution=h-1&page=2&size=20';
    (await send(firstValueFrom(api.items({ region: '320102', period: '2026-07', metric: 'finding_amount', institution: 'h-1', page: 2, size: 20 })), url)).flush({
      total: 0,
      page: 2,
      size: 20,
      items: [],
    });
    (await send(firstValueFrom(api.items({ region: null, period: '2026', metric: 'overdue', institution: '' })), '/api/dashboards/items?period=2026&metric=overdue')).flush({});
    // a coverage rule's list: one kind of institution, from January to the period's end
    (await send(firstValueFrom(api.items({ period: '2026-Q2', metric: 'inspections', institutionKind: 'clinic', ytd: true })),
      '/api/dashboards/items?period=2026-Q2&metric=inspections&institutionKind=clinic&ytd=true')).flush({});
    (await send(firstValueFrom(api.items({ period: '2026-Q2', metric: 'inspections', ytd: false })), '/api/dashboards/items?period=2026-Q2&metric=inspections')).flush({});
  });

  it('downloads the workbook as a blob with the authorization header', async () => {
    const download = firstValueFrom(api.exportXlsx({ region: '3201', period: '2026' }));
    const req = await send(download, '/api/dashboards/export.xlsx?region=3201&period=2026');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['xlsx']), { headers: { 'Content-Disposition': 'attachment; filename="dashboard.xlsx"' } });
    const response = await download;
    expect(response.body).toBeInstanceOf(Blob);
    expect(response.headers.get('Content-Disposition')).toContain('dashboard.xlsx');
  });
});
