import { TestWorkflowEnvironment } from '@temporalio/testing';
import { annualPlanStateQuery, annualPlanWorkflowId } from '@fundsup/workflows/contracts';
import { chinaDateOf, chinaInstant } from '../../src/platform/calendar/working-days.js';
import { OutboxRelay } from '../../src/platform/outbox/outbox-relay.js';
import { createTestWorker, withTimeSkippingApp } from '../support/temporal.js';
import type { TestApp } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { USERS, type TestUser } from '../support/tokens.js';

// The annual plan end to end on real PostgreSQL and Temporal's time-skipping server: the cycle
// opens (one workflow per unit, started through the outbox), the clock reminds before 15 May and
// escalates on 16 May, transitions committed by the backend reach the workflow as updates, and
// the year closes on 1 January. The cycle is for next year, so every deadline lies ahead.

const HOUR = 3_600_000;
const YEAR = Number(chinaDateOf(new Date()).slice(0, 4)) + 1;
const UNITS = 117;
/** sz.bureau: the Suzhou bureau's staff, who file the county plans the Suzhou agency forwards. */
const SZ_BUREAU: TestUser = { sub: 'u-szb', username: 'sz.bureau', roles: ['city_agency_staff'], regionPath: '/32/3205/', orgId: 'bureau-3205', orgKind: 'bureau' };

let env: TestWorkflowEnvironment;
let t: TestApp;
const { owner } = withTimeSkippingApp((s) => ({ env, t } = s));

async function planOf(unitOrgId: string) {
  const [plan] = await owner<{ id: string; status: string; overdue: boolean }>(
    `select id, status, overdue from annual_plan where owner_org_id = $1 and year = $2`,
    [unitOrgId, YEAR],
  );
  return plan;
}

async function inbox(user: TestUser): Promise<string[]> {
  const res = await t.call(user, 'GET', '/api/notifications');
  return res.body.items.map((n: { titleZh: string }) => n.titleZh);
}

/** Skips the test server's clock to the given instant plus an hour. */
async function skipPast(instant: Date): Promise<void> {
  await env.sleep(instant.getTime() - (await env.currentTimeMs()) + HOUR);
}

async function send(user: TestUser, method: string, path: string, body?: Record<string, unknown>) {
  const res = await t.call(user, method, path, body);
  expect(res.status).toBe(200);
  return res.body;
}

const content = {
  targets: [{ code: 'onsite_checks', label: '现场检查家次', unit: 'count', value: 60 }],
  focusAreas: ['card_misuse'],
  methods: '双随机、一公开检查。',
  steps: '上半年检查，下半年整改。',
  responsiblePersons: [{ name: '李娜', title: '基金监管科科长' }],
};
const schedule = [{ id: 'T1', title: '定点药店现场检查', owner: '基金监管科', targetCode: 'onsite_checks', monthly: Array(12).fill(5) }];

it('opens the cycle, reminds before 15 May, escalates on 16 May, mirrors every transition, and closes the year', async () => {
  const worker = await createTestWorker(env, t, { cached: true });
  await worker.runUntil(async () => {
    expect((await t.call(USERS.province, 'POST', '/api/plan-cycles', { year: YEAR })).body).toEqual({ year: YEAR, plans: UNITS });
    const xuanwu = env.client.workflow.getHandle(annualPlanWorkflowId('agency-320102', YEAR));
    const gusu = env.client.workflow.getHandle(annualPlanWorkflowId('agency-320508', YEAR));
    await eventually('every plan workflow started by the relay', async () => (await t.app.get(OutboxRelay).pending()) === 0, 60_000);
    expect(await xuanwu.query(annualPlanStateQuery)).toEqual({
      status: 'not_started', overdue: false, remindersSent: 0, submissions: 0, returns: 0, closed: false,
    });

    // Gusu goes the whole way before April: draft, submit, return, revise, resubmit, the city agency
    // forwards it (汇总上报), the city bureau files it (备案).
    const id = (await planOf('agency-320508')).id;
    const version = async () => (await send(USERS.gusu, 'GET', `/api/plans/${id}`)).version as number;
    await send(USERS.gusu, 'PUT', `/api/plans/${id}/draft`, { content, schedule, version: await version() });
    await send(USERS.gusu, 'POST', `/api/plans/${id}/submit`, { version: await version() });
    await send(USERS.suzhou, 'POST', `/api/plans/${id}/return`, { comment: '请补充责任人联系电话。' });
    const revised = { ...content, responsiblePersons: [{ name: '李娜', title: '基金监管科科长', phone: '0512-65000000' }] };
    await send(USERS.gusu, 'PUT', `/api/plans/${id}/draft`, { content: revised, schedule, version: await version() });
    await send(USERS.gusu, 'POST', `/api/plans/${id}/submit`, { version: await version() });
    await send(USERS.suzhou, 'POST', `/api/plans/${id}/forward`, { comment: '审核通过，汇总上报' });
    await eventually('the forwarding reached the workflow', async () => (await gusu.query(annualPlanStateQuery)).status === 'forwarded', 30_000);
    await send(SZ_BUREAU, 'POST', `/api/plans/${id}/file`, { comment: '同意备案' });
    await eventually('the transitions reached the workflow', async () => (await gusu.query(annualPlanStateQuery)).status === 'filed', 30_000);
    expect(await gusu.query(annualPlanStateQuery)).toEqual({
      status: 'filed', overdue: false, remindersSent: 0, submissions: 2, returns: 1, closed: false,
    });
    expect((await planOf('agency-320508')).status).toBe('filed');

    const reminder = `报送提醒：${YEAR}年度监管方案`;
    await skipPast(chinaInstant(`${YEAR}-04-30`, 9));
    await eventually('first reminder', async () => (await inbox(USERS.xuanwu)).filter((n) => n === reminder).length === 1, 60_000);
    await skipPast(chinaInstant(`${YEAR}-05-12`, 9));
    await eventually('second reminder', async () => (await inbox(USERS.xuanwu)).filter((n) => n === reminder).length === 2, 60_000);
    expect(await inbox(USERS.gusu)).not.toContain(reminder);

    await skipPast(chinaInstant(`${YEAR}-05-16`));
    await eventually('Xuanwu flagged overdue', async () => (await planOf('agency-320102')).overdue, 60_000);
    expect(await xuanwu.query(annualPlanStateQuery)).toMatchObject({ status: 'not_started', overdue: true, remindersSent: 2 });
    const city = await eventually('the city told', async () => {
      const titles = await inbox(USERS.nanjing);
      return titles.includes(`逾期未报送：南京市玄武区医疗保险管理中心${YEAR}年度监管方案`) && titles;
    }, 60_000);
    expect(city).not.toContain(`逾期未报送：苏州市姑苏区医疗保险管理中心${YEAR}年度监管方案`);
    expect((await planOf('agency-320508')).overdue).toBe(false);
    const view = await t.call(USERS.nanjing, 'GET', `/api/plans/${(await planOf('agency-320102')).id}`);
    expect(view.body.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'overdue']);

    // Awaiting the result lets the server skip to 1 January; the filed plan closes.
    expect(await gusu.result()).toEqual({ status: 'closed', overdue: false, remindersSent: 0, submissions: 2, returns: 1, closed: true });
    await eventually('every plan closed in the database', async () => {
      const [row] = await owner<{ n: number }>(`select count(*)::int as n from annual_plan where year = $1 and status = 'closed'`, [YEAR]);
      return row.n === UNITS;
    }, 120_000);
  });

  // Every step the clock took ran as a command of the official who opened the cycle, and was audited.
  const audit = await owner<{ command: string; username: string; result: string }>(
    `select command, username, result from audit_entry where target = $1 order by seq`,
    [(await planOf('agency-320102')).id],
  );
  expect(audit).toEqual([
    { command: 'RemindPlanDueCommand', username: 'js.official', result: 'ok' },
    { command: 'RemindPlanDueCommand', username: 'js.official', result: 'ok' },
    { command: 'MarkPlanOverdueCommand', username: 'js.official', result: 'ok' },
    { command: 'ClosePlanYearCommand', username: 'js.official', result: 'ok' },
  ]);
}, 300_000);
