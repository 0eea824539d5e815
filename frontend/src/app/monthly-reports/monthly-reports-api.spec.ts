import { firstValueFrom } from 'rxjs';
import { apiUnderTest } from '../testing/api-under-test';
import { fakeManual, fakeReport, fakeSummary } from './monthly-report-fakes';
import { MonthlyReportsApi } from './monthly-reports-api';

describe('MonthlyReportsApi', () => {
  let api: MonthlyReportsApi;

  const send = apiUnderTest(MonthlyReportsApi, (service) => (api = service));

  it('lists a month and reads one report, with months as YYYY-MM whatever the API sends', async () => {
    const list = firstValueFrom(api.list('2027-04'));
    (await send(list, '/api/monthly-reports?month=2027-04&pageSize=500', 'GET')).flush({
      month: '2027-04-01',
      items: [fakeSummary({ month: '2027-04-01' })],
    });
    const listed = await list;
    expect(listed.month).toBe('2027-04');
    expect(listed.items.map((r) => r.month)).toEqual(['2027-04']);

    const one = firstValueFrom(api.get('mr 1'));
    (await send(one, '/api/monthly-reports/mr%201', 'GET')).flush(fakeReport({ month: '2027-04-01' }));
    expect((await one).month).toBe('2027-04');
  });

  it('saves the manual figures and runs the transitions', async () => {
    const manual = fakeManual({ remarks: '无' });
    const save = await send(firstValueFrom(api.save('mr-1', manual)), '/api/monthly-reports/mr-1', 'PUT');
    expect(save.request.body).toEqual({ manual });
    save.flush(fakeReport());

    const submit = await send(firstValueFrom(api.submit('mr-1')), '/api/monthly-reports/mr-1/submit', 'POST');
    expect(submit.request.body).toEqual({});
    submit.flush(fakeReport({ status: 'awaiting_signoff' }));

    const sign = await send(firstValueFrom(api.sign('mr-1')), '/api/monthly-reports/mr-1/sign', 'POST');
    expect(sign.request.body).toEqual({});
    sign.flush(fakeReport({ status: 'submitted' }));

    const back = await send(firstValueFrom(api.return('mr-1', '数据有误')), '/api/monthly-reports/mr-1/return', 'POST');
    expect(back.request.body).toEqual({ comment: '数据有误' });
    back.flush(fakeReport());

    const compile = await send(firstValueFrom(api.compile('3201', '2027-04')), '/api/monthly-reports/cities/3201/2027-04/compile', 'POST');
    expect(compile.request.body).toEqual({});
    compile.flush(fakeReport({ level: 'city' }));
  });

  it('downloads a report and the province workbook as blobs', async () => {
    const xlsx = await send(firstValueFrom(api.export('mr-1', 'xlsx')), '/api/monthly-reports/mr-1/export.xlsx', 'GET');
    expect(xlsx.request.responseType).toBe('blob');
    xlsx.flush(new Blob(['x']));
    const pdf = await send(firstValueFrom(api.export('mr-1', 'pdf')), '/api/monthly-reports/mr-1/export.pdf', 'GET');
    pdf.flush(new Blob(['x']));
    const province = await send(firstValueFrom(api.exportProvince('2027-04')), '/api/monthly-reports/province.xlsx?month=2027-04', 'GET');
    expect(province.request.responseType).toBe('blob');
    province.flush(new Blob(['x']));
  });
});
