import { firstValueFrom } from 'rxjs';
import { apiUnderTest } from '../testing/api-under-test';
import { fakeDecision, fakeDispute } from '../testing/findings-fakes';
import { FindingsApi } from './findings-api';

describe('FindingsApi', () => {
  let api: FindingsApi;

  const send = apiUnderTest(FindingsApi, (service) => (api = service));

  it('reads findings with their filters, and one finding', async () => {
    (await send(firstValueFrom(api.findings({ page: 1, pageSize: 20 })), '/api/findings?page=1&pageSize=20', 'GET')).flush({ items: [], total: 0 });
    (
      await send(
        firstValueFrom(api.findings({ status: 'appealed', institutionId: 'h-1', page: 2, pageSize: 20 })),
        '/api/findings?status=appealed&institutionId=h-1&page=2&pageSize=20',
        'GET',
      )
    ).flush({ items: [], total: 0 });
    (
      await send(
        firstValueFrom(api.findings({ status: ['confirmed', 'deemed_confirmed'], sourceId: 'in1', page: 1, pageSize: 20 })),
        '/api/findings?status=confirmed,deemed_confirmed&sourceId=in1&page=1&pageSize=20',
        'GET',
      )
    ).flush({ items: [], total: 0 });
    (await send(firstValueFrom(api.finding('f 1')), '/api/findings/f%201', 'GET')).flush({});
  });

  it('confirms, appeals and reviews an appeal with the contract bodies', async () => {
    const confirm = await send(firstValueFrom(api.confirm('f1')), '/api/findings/f1/confirm', 'POST');
    expect(confirm.request.body).toEqual({});
    confirm.flush({});
    const appeal = await send(firstValueFrom(api.appeal('f1', '有病历为证', ['att-1'])), '/api/findings/f1/appeal', 'POST');
    expect(appeal.request.body).toEqual({ reasons: '有病历为证', attachmentIds: ['att-1'] });
    appeal.flush({});
    const review = await send(firstValueFrom(api.reviewAppeal('f1', 'rejected', '理由不成立')), '/api/findings/f1/appeal-review', 'POST');
    expect(review.request.body).toEqual({ outcome: 'rejected', comment: '理由不成立' });
    review.flush({});
  });

  it('lists decisions by status and page, and accepts a bare array too', async () => {
    const page = firstValueFrom(api.decisions({ status: 'rectifying', page: 2, pageSize: 20 }));
    (await send(page, '/api/decisions?status=rectifying&page=2&pageSize=20', 'GET')).flush({ items: [fakeDecision()], total: 51 });
    expect((await page).total).toBe(51);
    const bare = firstValueFrom(api.decisions({ page: 1, pageSize: 20 }));
    (await send(bare, '/api/decisions?page=1&pageSize=20', 'GET')).flush([fakeDecision()]);
    expect(await bare).toEqual({ items: [fakeDecision()], total: 1 });
    (await send(firstValueFrom(api.decision('d1')), '/api/decisions/d1', 'GET')).flush(fakeDecision());
  });

  it('creates a decision, reviews its legality, and handles the rectification', async () => {
    const body = { findingIds: ['f1'], measures: [{ kind: 'talk' as const }], basis: '协议第十条' };
    const create = await send(firstValueFrom(api.createDecision(body)), '/api/decisions', 'POST');
    expect(create.request.body).toEqual(body);
    create.flush(fakeDecision());

    const legal = await send(firstValueFrom(api.legalReview('d1', false, '依据不足')), '/api/decisions/d1/legal-review', 'POST');
    expect(legal.request.body).toEqual({ approved: false, comment: '依据不足' });
    legal.flush(fakeDecision());

    const rectify = await send(firstValueFrom(api.submitRectification('d1', '已整改', ['att-2'])), '/api/decisions/d1/rectification', 'POST');
    expect(rectify.request.body).toEqual({ report: '已整改', attachmentIds: ['att-2'] });
    rectify.flush(fakeDecision());

    const accept = await send(firstValueFrom(api.confirmRectification('d1', true, '')), '/api/decisions/d1/rectification/confirm', 'POST');
    expect(accept.request.body).toEqual({ accepted: true, comment: '' });
    accept.flush(fakeDecision());
    const reject = await send(firstValueFrom(api.confirmRectification('d1', false, '未退回资金', '2027-12-31')), '/api/decisions/d1/rectification/confirm', 'POST');
    expect(reject.request.body).toEqual({ accepted: false, comment: '未退回资金', due: '2027-12-31' });
    reject.flush(fakeDecision());
  });

  it('files, lists, decides, escalates and withdraws disputes', async () => {
    const body = { decisionId: 'd1', party: 'clinician' as const, clinicianName: '王明', reasons: '不服', attachmentIds: [] };
    const file = await send(firstValueFrom(api.fileDispute(body)), '/api/disputes', 'POST');
    expect(file.request.body).toEqual(body);
    file.flush(fakeDispute());

    (await send(firstValueFrom(api.disputes({ page: 1, pageSize: 20 })), '/api/disputes?page=1&pageSize=20', 'GET')).flush({ items: [], total: 0 });
    (
      await send(firstValueFrom(api.disputes({ status: 'open', level: 'city', decisionId: 'd1', page: 1, pageSize: 20 })), '/api/disputes?status=open&level=city&decisionId=d1&page=1&pageSize=20', 'GET')
    ).flush({ items: [], total: 0 });
    (await send(firstValueFrom(api.dispute('ds1')), '/api/disputes/ds1', 'GET')).flush(fakeDispute());

    const decide = await send(firstValueFrom(api.decideDispute('ds1', 'revised', '拒付金额应核减')), '/api/disputes/ds1/decide', 'POST');
    expect(decide.request.body).toEqual({ outcome: 'revised', reasoning: '拒付金额应核减' });
    decide.flush(fakeDispute());
    const escalate = await send(firstValueFrom(api.escalateDispute('ds1', '不服县局决定')), '/api/disputes/ds1/escalate', 'POST');
    expect(escalate.request.body).toEqual({ reasons: '不服县局决定' });
    escalate.flush(fakeDispute());
    const withdraw = await send(firstValueFrom(api.withdrawDispute('ds1', '')), '/api/disputes/ds1/withdraw', 'POST');
    expect(withdraw.request.body).toEqual({});
    withdraw.flush(fakeDispute());
  });
});
