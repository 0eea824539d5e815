import { OpenCampaignPhaseCommand } from '../../src/contexts/campaigns/application/commands.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { uploadPdf, withTestApp, type TestApp } from '../support/app.js';
import { downloadXlsx, exportColumn } from '../support/lists.js';
import { actorOf, type TestUser, USERS } from '../support/tokens.js';

// Issue 18, the national bureau's inbox: Jiangsu sends its campaign plan (three days late) and later
// its summary to the national bureau; nhsa.overseer returns the plan with a reason, acknowledges the
// plan sent again and the summary. The province sees its own filings, the overseer every province's,
// Zhejiang none of Jiangsu's, cities, counties and institutions nothing.

const JS = USERS.province as TestUser;
const NATION = USERS.nation as TestUser;
const ZJ = USERS.zhejiang as TestUser;
const today = chinaDateOf(new Date());
const YEAR = Number(today.slice(0, 4));

let t: TestApp;
const { count } = withTestApp((started) => { t = started; }, { campaignCalendar: 'flexible' });

const calendar = {
  planFiledBy: addCalendarDays(today, -3), selfInspectionStart: addCalendarDays(today, -1), selfInspectionEnd: addCalendarDays(today, 20),
  spotCheckStart: addCalendarDays(today, 21), spotCheckEnd: addCalendarDays(today, 40), summaryDue: addCalendarDays(today, 50),
};
const CAMPAIGN = {
  year: YEAR, title: `${YEAR}年报送测试专项治理`, focusAreas: [{ code: 'pharmacy_card_misuse' }], institutionKinds: ['pharmacy'], cityCodes: ['3201'], calendar,
};

let campaignId = '';
let planDoc = '';
const filings = async (user: TestUser, query = '') => t.call(user, 'GET', `/api/campaign-filings?campaignId=${campaignId}${query}`);
const row = async (user: TestUser, kind: 'plan' | 'summary') => (await filings(user, `&kind=${kind}`)).body.items[0];
const nationInbox = async () => (await t.call(NATION, 'GET', '/api/notifications')).body.items.map((n: { titleZh: string }) => n.titleZh) as string[];

describe('campaign filings with the national bureau', () => {
  beforeAll(async () => {
    const created = await t.call(JS, 'POST', '/api/campaigns', CAMPAIGN);
    expect(created.status).toBe(201);
    campaignId = created.body.id;
  });

  it('has nothing to file while the campaign is a draft', async () => {
    expect((await filings(JS)).body).toEqual({ items: [], total: 0 });
    const early = await t.call(JS, 'POST', `/api/campaigns/${campaignId}/filings/plan`, {});
    expect([early.status, early.body.error?.code]).toEqual([409, 'filing_plan_draft']);
    expect((await t.call(JS, 'POST', `/api/campaigns/${campaignId}/assign`)).status).toBe(201);
  });

  it('shows the plan due and late (not sent three days after its due day) and the summary not due yet', async () => {
    const { body } = await filings(JS, '&sort=kind');
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({ id: null, kind: 'plan', status: 'not_sent', dueDate: calendar.planFiledBy, daysLate: 3, late: true, provinceName: '江苏省医疗保障局', actions: { send: true, acknowledge: false, return: false } });
    expect(body.items[1]).toMatchObject({ kind: 'summary', status: 'not_sent', dueDate: calendar.summaryDue, daysLate: 0, late: false, actions: { send: false } });
    expect((await filings(JS, '&status=late')).body.items.map((r: { kind: string }) => r.kind)).toEqual(['plan']);
    const nation = await row(NATION, 'plan');
    expect(nation).toMatchObject({ status: 'not_sent', daysLate: 3, actions: { send: false, acknowledge: false } });
  });

  it('keeps the filings from Zhejiang, the cities, the counties and the institutions', async () => {
    expect((await filings(ZJ)).body).toEqual({ items: [], total: 0 });
    for (const user of [USERS.nanjing, USERS.xuanwu, USERS.hospital] as TestUser[]) expect((await filings(user)).status).toBe(403);
    expect((await t.call(ZJ, 'POST', `/api/campaigns/${campaignId}/filings/plan`, {})).status).toBe(404);
    expect((await t.call(NATION, 'POST', `/api/campaigns/${campaignId}/filings/plan`, {})).status).toBe(403);
    expect((await t.call(USERS.nanjing as TestUser, 'POST', `/api/campaigns/${campaignId}/filings/plan`, {})).status).toBe(403);
  });

  it('sends the plan with its documents, once; bad input changes nothing', async () => {
    const before = await count('select count(*) from campaign_filing');
    const badKind = await t.call(JS, 'POST', `/api/campaigns/${campaignId}/filings/budget`, {});
    expect([badKind.status, badKind.body.error?.code]).toEqual([400, 'invalid_request']);
    const ghost = await t.call(JS, 'POST', `/api/campaigns/${campaignId}/filings/plan`, { attachmentIds: ['3f1f0c1e-0000-4000-8000-000000000000'] });
    expect([ghost.status, ghost.body.error?.code]).toEqual([400, 'attachment_unknown']);
    const summary = await t.call(JS, 'POST', `/api/campaigns/${campaignId}/filings/summary`, {});
    expect([summary.status, summary.body.error?.code]).toEqual([409, 'filing_summary_not_ready']);
    expect(await count('select count(*) from campaign_filing')).toBe(before);

    const doc = await uploadPdf(t, JS, '专项治理方案.pdf');
    planDoc = doc;
    const sent = await t.call(JS, 'POST', `/api/campaigns/${campaignId}/filings/plan`, { note: '方案全文见附件', attachmentIds: [doc] });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'plan', status: 'sent', daysLate: 3, late: true, note: '方案全文见附件', attachmentIds: [doc], sendCount: 1, sentBy: 'js.official', actions: { send: false } });
    const again = await t.call(JS, 'POST', `/api/campaigns/${campaignId}/filings/plan`, {});
    expect([again.status, again.body.error?.code]).toEqual([409, 'filing_already_sent']);
    expect(await nationInbox()).toContain(`收到专项治理方案：${CAMPAIGN.title}`);
  });

  it('is exported under the list\'s parameters (报送台账); its documents download for the overseer; it waits on the overseer\'s to-do list', async () => {
    const file = await downloadXlsx(t, NATION, `/api/campaign-filings/export.xlsx?campaignId=${campaignId}&sort=kind`);
    expect([file.status, file.type]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(exportColumn(file, 'Filing')).toEqual(['专项治理方案', '专项治理总结']);
    expect(exportColumn(file, 'Status')).toEqual(['已报送', '未报送']);
    expect(exportColumn(file, 'Province')).toEqual(['江苏省医疗保障局', '江苏省医疗保障局']);
    expect(exportColumn(file, 'Attachments')).toEqual(['1', '0']);
    expect((await row(NATION, 'plan')).attachments).toEqual([{ id: planDoc, filename: '专项治理方案.pdf' }]);
    expect((await row(NATION, 'summary')).attachments).toEqual([]);
    expect(exportColumn(file, 'Days late')).toEqual(['3', '0']);
    const filtered = await downloadXlsx(t, JS, `/api/campaign-filings/export.xlsx?campaignId=${campaignId}&status=not_sent`);
    expect(exportColumn(filtered, 'Filing')).toEqual(['专项治理总结']);
    expect((await downloadXlsx(t, ZJ, `/api/campaign-filings/export.xlsx?campaignId=${campaignId}`)).rows).toHaveLength(2);
    expect((await downloadXlsx(t, USERS.nanjing as TestUser, '/api/campaign-filings/export.xlsx')).status).toBe(403);
    const badSort = await downloadXlsx(t, NATION, '/api/campaign-filings/export.xlsx?sort=nope');
    expect(badSort.status).toBe(400);

    const download = await fetch(`${t.baseUrl}/api/attachments/${planDoc}`, { headers: { authorization: `Bearer ${await t.keys.token(NATION)}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toContain('专项治理方案.pdf');

    const waiting = await count(`select count(*) from campaign_filing where status = 'sent'`);
    const todo = (await t.call(NATION, 'GET', '/api/todo')).body.items.find((i: { kind: string }) => i.kind === 'campaign_filings_to_acknowledge');
    expect(todo).toMatchObject({ count: waiting, nextDeadline: null, link: { path: '/leader/national', query: {} } });
    expect(waiting).toBeGreaterThan(0);
    for (const user of [JS, ZJ]) {
      expect((await t.call(user, 'GET', '/api/todo')).body.items.map((i: { kind: string }) => i.kind)).not.toContain('campaign_filings_to_acknowledge');
    }
  });

  it('is returned by the national overseer with a reason, sent again, and acknowledged', async () => {
    const plan = await row(NATION, 'plan');
    expect(plan.actions).toEqual({ send: false, acknowledge: true, return: true });
    expect((await t.call(JS, 'POST', `/api/campaign-filings/${plan.id}/acknowledge`)).status).toBe(403);
    expect((await t.call(ZJ, 'POST', `/api/campaign-filings/${plan.id}/return`, { reason: 'x' })).status).toBe(403);
    const noReason = await t.call(NATION, 'POST', `/api/campaign-filings/${plan.id}/return`, { reason: ' ' });
    expect([noReason.status, noReason.body.error?.code]).toEqual([400, 'filing_reason_required']);
    expect(noReason.body.error.message.zh).toContain('退回理由');
    const returned = await t.call(NATION, 'POST', `/api/campaign-filings/${plan.id}/return`, { reason: '缺少工作进度安排' });
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '缺少工作进度安排', late: true, actions: { acknowledge: false } });
    expect((await row(JS, 'plan')).actions.send).toBe(true);

    const resent = await t.call(JS, 'POST', `/api/campaigns/${campaignId}/filings/plan`, { note: '已补充进度安排' });
    expect(resent.body).toMatchObject({ id: plan.id, status: 'sent', sendCount: 2, note: '已补充进度安排' });
    const ack = await t.call(NATION, 'POST', `/api/campaign-filings/${plan.id}/acknowledge`);
    expect([ack.status, ack.body.status, ack.body.acknowledgedBy]).toEqual([200, 'acknowledged', 'nhsa.overseer']);
    const twice = await t.call(NATION, 'POST', `/api/campaign-filings/${plan.id}/acknowledge`);
    expect([twice.status, twice.body.error?.code]).toEqual([409, 'filing_not_sent']);
    expect((await row(JS, 'plan')).status).toBe('acknowledged');
    expect((await t.call(NATION, 'GET', '/api/campaign-filings/00000000-0000-4000-8000-000000000000/acknowledge')).status).toBe(404);
    expect((await t.call(NATION, 'POST', '/api/campaign-filings/not-a-uuid/acknowledge')).status).toBe(404);
  });

  it('sends the summary when the province files it (总结上报), on time', async () => {
    await t.app.get(Commands).execute(new OpenCampaignPhaseCommand(actorOf(JS), campaignId, 'summary'));
    expect((await row(JS, 'summary')).actions.send).toBe(true);
    const filed = await t.call(JS, 'POST', `/api/campaigns/${campaignId}/summary`, { comment: '全省工作总结' });
    expect(filed.status).toBe(201);
    const summary = await row(NATION, 'summary');
    expect(summary).toMatchObject({ status: 'sent', note: '全省工作总结', daysLate: 0, late: false, actions: { acknowledge: true } });
    expect((await t.call(NATION, 'GET', `/api/campaigns/${campaignId}`)).body.status).toBe('closed');
    expect((await t.call(NATION, 'POST', `/api/campaign-filings/${summary.id}/acknowledge`)).body.status).toBe('acknowledged');
    const national = await t.call(NATION, 'GET', `/api/campaign-filings?regionCode=32&status=acknowledged&campaignId=${campaignId}`);
    expect(national.body.total).toBe(2);
    expect((await t.call(NATION, 'GET', `/api/campaign-filings?regionCode=33&campaignId=${campaignId}`)).body.total).toBe(0);
  });
});
