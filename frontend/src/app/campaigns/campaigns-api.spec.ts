import { firstValueFrom } from 'rxjs';
import { apiUnderTest } from '../testing/api-under-test';
import { fakeCalendar } from './campaign-fakes';
import { CampaignsApi } from './campaigns-api';

describe('CampaignsApi', () => {
  let api: CampaignsApi;

  const send = apiUnderTest(CampaignsApi, (service) => (api = service));

  it('reads the defaults, the list, one campaign, its progress and missing reports', async () => {
    (await send(firstValueFrom(api.defaults(2027)), '/api/campaigns/defaults?year=2027', 'GET')).flush({});
    (await send(firstValueFrom(api.list(2027)), '/api/campaigns?year=2027', 'GET')).flush([]);
    (await send(firstValueFrom(api.get('c 1')), '/api/campaigns/c%201', 'GET')).flush({});
    (await send(firstValueFrom(api.progress('c1')), '/api/campaigns/c1/progress', 'GET')).flush({});
    (await send(firstValueFrom(api.missing('c1', '3201')), '/api/campaigns/c1/missing?cityCode=3201', 'GET')).flush([]);
    (await send(firstValueFrom(api.missing('c1', null)), '/api/campaigns/c1/missing', 'GET')).flush([]);
  });

  it('creates, updates and assigns a campaign and files its summary', async () => {
    const body = {
      year: 2027,
      title: 'T',
      focusAreas: [{ code: 'pharmacy_card_misuse' as const }, { text: '门诊统筹' }],
      cityCodes: ['3201'],
      institutionKinds: ['pharmacy' as const],
      ownership: null,
      minLevel: null,
      calendar: fakeCalendar(),
    };
    const create = await send(firstValueFrom(api.create(body)), '/api/campaigns', 'POST');
    expect(create.request.body).toEqual(body);
    create.flush({ id: 'c1' });

    const update = await send(firstValueFrom(api.update('c1', body)), '/api/campaigns/c1', 'PUT');
    expect(update.request.body).toEqual(body);
    update.flush({ id: 'c1' });

    const assign = await send(firstValueFrom(api.assign('c1')), '/api/campaigns/c1/assign', 'POST');
    expect(assign.request.body).toEqual({});
    assign.flush({ id: 'c1' });

    const summary = await send(firstValueFrom(api.fileSummary('c1', '已完成')), '/api/campaigns/c1/summary', 'POST');
    expect(summary.request.body).toEqual({ comment: '已完成' });
    summary.flush({ id: 'c1' });
    const bare = await send(firstValueFrom(api.fileSummary('c1', '')), '/api/campaigns/c1/summary', 'POST');
    expect(bare.request.body).toEqual({});
    bare.flush({ id: 'c1' });
  });

  it('downloads the summary report as a blob', async () => {
    for (const format of ['pdf', 'xlsx'] as const) {
      const req = await send(firstValueFrom(api.summaryFile('c1', format)), `/api/campaigns/c1/summary.${format}`, 'GET');
      expect(req.request.responseType).toBe('blob');
      req.flush(new Blob(['x']));
    }
  });

  it('lists, reads, saves and submits self-inspection tasks', async () => {
    (
      await send(
        firstValueFrom(api.tasks({ campaignId: 'c1', cityCode: '3201', status: 'missing', kind: 'pharmacy', page: 2, pageSize: 50 })),
        '/api/self-inspections?campaignId=c1&cityCode=3201&status=missing&kind=pharmacy&page=2&pageSize=50',
        'GET',
      )
    ).flush({ items: [], total: 0 });
    // Filters that are not set are left out of the URL.
    (await send(firstValueFrom(api.tasks({ campaignId: 'c1', cityCode: undefined, page: 1, pageSize: 50 })), '/api/self-inspections?campaignId=c1&page=1&pageSize=50', 'GET')).flush({
      items: [],
      total: 0,
    });
    (await send(firstValueFrom(api.task('t1')), '/api/self-inspections/t1', 'GET')).flush({});

    const request = { report: '已自查', refundedAmount: 1200.5, issues: [{ focus: '串换药品', description: 'x', amount: 10 }], attachmentIds: ['a1'] };
    const put = await send(firstValueFrom(api.saveTask('t1', request)), '/api/self-inspections/t1', 'PUT');
    expect(put.request.body).toEqual(request);
    put.flush({});
    const submit = await send(firstValueFrom(api.submitTask('t1')), '/api/self-inspections/t1/submit', 'POST');
    expect(submit.request.body).toEqual({});
    submit.flush({});
  });
});
