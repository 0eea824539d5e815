import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  campaignCityStateQuery,
  campaignCityWorkflowId,
  campaignStateQuery,
  campaignWorkflowId,
} from '@fundsup/workflows/contracts';
import { chinaDateOf, chinaInstant } from '../../src/platform/calendar/working-days.js';
import { OutboxRelay } from '../../src/platform/outbox/outbox-relay.js';
import type { TestApp } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { createTestWorker, withTimeSkippingApp } from '../support/temporal.js';
import { USERS } from '../support/tokens.js';

// Issue 4 end to end on real PostgreSQL and the time-skipping server, over the statutory calendar
// of next year: assigning the campaign starts its workflow through the outbox, which starts one
// workflow per covered city; those create every in-scope institution's task; the clock opens the
// self-inspection on 1 April; a report submitted through the API reaches its city's workflow; at
// the close on 1 September the missing reports are escalated; the spot-check and summary phases
// follow; the summary deadline passes (overdue flagged) and filing it ends the campaign. The covered
// city and county agencies get their own tasks with the institutions' (the pooling regions' reports,
// issue 13), one of them reports, the others are escalated with the missing institutions.

const YEAR = Number(chinaDateOf(new Date()).slice(0, 4)) + 1;
const HOUR = 3_600_000;

let env: TestWorkflowEnvironment;
let t: TestApp;
const { owner, skipTo } = withTimeSkippingApp((s) => ({ env, t } = s), { campaignCalendar: 'statutory' });

async function phase(id: string): Promise<string> {
  const [row] = await owner<{ phase: string }>(`select phase from campaign where id = $1`, [id]);
  return row.phase;
}

it('runs a year of campaign on the clock: fan-out, phases, submission update, escalation, summary', async () => {
  const created = await t.call(USERS.province, 'POST', '/api/campaigns', {
    year: YEAR, title: `${YEAR}年打击欺诈骗保专项治理`, focusAreas: [{ code: 'pharmacy_card_misuse' }],
    institutionKinds: ['pharmacy', 'clinic', 'hospital'], cityCodes: ['3201', '3205'],
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const [{ n }] = await owner<{ n: string }>(
    `select count(*) as n from organization where kind = 'institution' and substr(region_code, 1, 4) in ('3201', '3205')`);
  const expected = Number(n);
  const [{ agencies }] = await owner<{ agencies: number }>(
    `select count(*)::int as agencies from organization o join region r on r.code = o.region_code
      where o.kind = 'agency' and (o.region_code in ('3201', '3205') or r.parent_code in ('3201', '3205'))`);

  const worker = await createTestWorker(env, t, { cached: true });
  await worker.runUntil(async () => {
    expect((await t.call(USERS.province, 'POST', `/api/campaigns/${id}/assign`)).status).toBe(201);
    const campaign = env.client.workflow.getHandle(campaignWorkflowId(id));
    await eventually('campaign workflow started', () => campaign.describe(), 30_000);
    const nanjing = env.client.workflow.getHandle(campaignCityWorkflowId(id, '3201'));
    await eventually('city workflows started', () => nanjing.describe(), 30_000);
    await eventually('every task created', async () => {
      const [row] = await owner<{ n: string }>(`select count(*) as n from self_inspection where campaign_id = $1`, [id]);
      return Number(row.n) === expected;
    }, 60_000);
    await eventually('nanjing done paging', async () => (await nanjing.query(campaignCityStateQuery)).tasksComplete, 30_000);
    await eventually('every agency task created', async () => {
      const [row] = await owner<{ n: number }>(`select count(*)::int as n from agency_self_inspection where campaign_id = $1`, [id]);
      return row!.n === agencies;
    }, 30_000);
    expect(await phase(id)).toBe('planning');

    await skipTo(new Date(chinaInstant(`${YEAR}-04-01`).getTime() + HOUR));
    await eventually('self-inspection opened', async () => (await phase(id)) === 'self_inspection', 30_000);

    const task = (await t.call(USERS.hospital, 'GET', '/api/self-inspections')).body.items[0];
    await t.call(USERS.hospital, 'PUT', `/api/self-inspections/${task.id}`, { report: '自查完成，未发现问题', refundedAmount: 0, issues: [], attachmentIds: [] });
    expect((await t.call(USERS.hospital, 'POST', `/api/self-inspections/${task.id}/submit`)).status).toBe(201);
    await eventually('submission reached the city workflow', async () => (await nanjing.query(campaignCityStateQuery)).submitted === 1, 30_000);
    const [own] = (await t.call(USERS.xuanwu, 'GET', `/api/agency-self-inspections?campaignId=${id}`)).body.items;
    expect((await t.call(USERS.xuanwu, 'PUT', `/api/agency-self-inspections/${own.id}`, {
      report: '全区自查工作情况', institutionsChecked: 12, problemsFound: 1, problemAmount: 300, refundedAmount: 300, issues: [], attachmentIds: [],
    })).status).toBe(200);
    expect((await t.call(USERS.xuanwu, 'POST', `/api/agency-self-inspections/${own.id}/submit`)).body).toMatchObject({ status: 'submitted', late: false });
    await eventually('outbox drained', async () => (await t.app.get(OutboxRelay).pending()) === 0, 30_000);

    await skipTo(new Date(chinaInstant(`${YEAR}-09-01`).getTime() + HOUR));
    await eventually('spot-check opened', async () => (await phase(id)) === 'spot_check', 30_000);
    await eventually('missing reports escalated', async () => (await nanjing.query(campaignCityStateQuery)).missingAtClose !== null, 30_000);
    const [missing] = await owner<{ n: string }>(`select count(*) as n from self_inspection where campaign_id = $1 and status = 'missing'`, [id]);
    expect(Number(missing.n)).toBe(expected - 1);
    await eventually('missing agency reports escalated by both cities', async () => {
      const [row] = await owner<{ n: number }>(`select count(*)::int as n from agency_self_inspection where campaign_id = $1 and status = 'missing'`, [id]);
      return row!.n === agencies - 1;
    }, 30_000);
    const [unit] = await owner<{ missing_escalated_at: Date | null }>(`select missing_escalated_at from campaign_unit where campaign_id = $1 and owner_org_id = 'bureau-3201'`, [id]);
    expect(unit.missing_escalated_at).not.toBeNull();

    await skipTo(new Date(chinaInstant(`${YEAR}-12-01`).getTime() + HOUR));
    await eventually('summary overdue flagged', async () => {
      const [row] = await owner<{ summary_overdue: boolean; phase: string }>(`select summary_overdue, phase from campaign where id = $1`, [id]);
      return row.phase === 'summary' && row.summary_overdue;
    }, 30_000);

    expect((await t.call(USERS.province, 'POST', `/api/campaigns/${id}/summary`, { comment: '已完成' })).status).toBe(201);
    await eventually('campaign workflow completed', async () => (await campaign.describe()).status.name === 'COMPLETED', 30_000);
    expect((await campaign.query(campaignStateQuery)).summaryFiled).toBe(true);
    expect(await phase(id)).toBe('closed');
  });
});
