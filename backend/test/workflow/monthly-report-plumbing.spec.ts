import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { monthlyReportCycleStateQuery, monthlyReportCycleWorkflowId } from '@fundsup/workflows/contracts';
import { MonthlyReportCycleStarter } from '../../src/contexts/monthly-reports/monthly-reports.module-parts.js';
import { firstMonthAt, scheduleOf } from '../../src/contexts/monthly-reports/domain/schedule.js';
import { nextMonth } from '../../src/contexts/monthly-reports/domain/monthly-report.js';
import type { TestApp } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { createTestWorker, withTimeSkippingApp } from '../support/temporal.js';
import type { TestUser } from '../support/tokens.js';

// Issue 7 §3.3 end to end on real PostgreSQL and the time-skipping server: the API starts the
// province's cycle at boot (idempotently); over two consecutive months the real activities open
// every county's report on the 1st, remind only the counties not filed at the reminder instants,
// flag the unfiled ones overdue once at the due instant (the workflow's time), accept a late
// county's report (late) and continue as new into the next month.

const MINUTE = 60_000;
let env: TestWorkflowEnvironment;
let t: TestApp;
const { owner, skipTo } = withTimeSkippingApp((s) => ({ env, t } = s), { monthlyReportCycleEnabled: true });

const user = (code: string, role: 'county_staff' | 'leader', path: string): TestUser => ({
  sub: `u-${role}-${code}`, username: `${code}.${role}`, roles: [role], regionPath: path, orgId: `bureau-${code}`, orgKind: 'bureau',
});
const XUANWU = { code: '320102', staff: user('320102', 'county_staff', '/32/3201/320102/'), leader: user('320102', 'leader', '/32/3201/320102/') };
const GUSU = { code: '320508', staff: user('320508', 'county_staff', '/32/3205/320508/'), leader: user('320508', 'leader', '/32/3205/320508/') };

async function report(month: string, code: string): Promise<{ id: string; status: string; late: boolean; overdue: boolean; overdue_at: Date | null }> {
  const [r] = await owner<any>(`select id, status, late, overdue, overdue_at from monthly_report where month = $1::date and region_code = $2`, [`${month}-01`, code]);
  return r;
}

async function file(month: string, county: typeof XUANWU): Promise<{ late: boolean }> {
  const r = await report(month, county.code);
  expect((await t.call(county.staff, 'PUT', `/api/monthly-reports/${r.id}`, { manual: { publicExposures: 1, remarks: '按时填报' } })).status).toBe(200);
  expect((await t.call(county.staff, 'POST', `/api/monthly-reports/${r.id}/submit`)).status).toBe(200);
  const signed = await t.call(county.leader, 'POST', `/api/monthly-reports/${r.id}/sign`);
  expect(signed.status).toBe(200);
  expect(signed.body.status).toBe('submitted');
  return { late: signed.body.late };
}

const count = async (sql: string, params: unknown[]) => Number((await owner<{ n: string }>(sql, params))[0]!.n);
const reminded = (month: string, reminder: number) => count(
  `select count(*) as n from notification n join monthly_report r on n.dedupe_key = 'monthly-report-remind-' || r.id || '-' || $2
    where r.month = $1::date`, [`${month}-01`, String(reminder)]);
const remindedCounty = (month: string, code: string, reminder: number) => count(
  `select count(*) as n from notification n join monthly_report r on n.dedupe_key = 'monthly-report-remind-' || r.id || '-' || $3
    where r.month = $1::date and r.region_code = $2`, [`${month}-01`, code, String(reminder)]);
const overdue = (month: string) => count(`select count(*) as n from monthly_report where month = $1::date and overdue`, [`${month}-01`]);

it('two months of the cycle: open, reminders to the unfiled, overdue once at the due instant, a late county, continue-as-new', async () => {
  const [n] = await owner<{ n: string }>(`select count(*) as n from region r join organization o on o.id = 'bureau-' || r.code where r.level = 'county'`);
  const counties = Number(n.n);
  const start = new Date(await env.currentTimeMs());
  const month1 = firstMonthAt(start);
  const month2 = nextMonth(month1);
  const s1 = scheduleOf(month1, start);
  const workflowId = monthlyReportCycleWorkflowId('32');

  const worker = await createTestWorker(env, t, { cached: true });
  await worker.runUntil(async () => {
    // Started at boot; a second start (another API instance booting) finds the running cycle.
    const starter = t.app.get(MonthlyReportCycleStarter);
    expect(await starter.started).toEqual(['32', '33']);
    const firstRun = (await env.client.workflow.getHandle(workflowId).describe()).runId;
    expect(await starter.startAll()).toEqual(['32', '33']);
    expect((await env.client.workflow.getHandle(workflowId).describe()).runId).toBe(firstRun);
    const state = () => env.client.workflow.getHandle(workflowId).query(monthlyReportCycleStateQuery);
    await eventually('schedule asked', async () => (await state()).schedule !== null, 30_000);
    expect((await state()).schedule).toEqual(s1);

    // ---- month 1: opened on the 1st (00:30 China time)
    await skipTo(Date.parse(s1.openAt) + MINUTE);
    await eventually('month 1 opened', async () => (await count(`select count(*) as n from monthly_report where month = $1::date`, [`${month1}-01`])) === counties, 60_000);
    expect(await count(`select count(*) as n from notification where dedupe_key like 'monthly-report-open-%'`, [])).toBe(counties);
    // Xuanwu files before the reminders.
    expect(await file(month1, XUANWU)).toEqual({ late: false });
    for (const [i, at] of s1.reminders.entries()) {
      await skipTo(Date.parse(at) + MINUTE);
      await eventually(`month 1 reminder ${i}`, async () => (await reminded(month1, i)) === counties - 1, 60_000);
      expect(await remindedCounty(month1, XUANWU.code, i)).toBe(0);
      expect(await remindedCounty(month1, GUSU.code, i)).toBe(1);
    }
    await skipTo(Date.parse(s1.dueAt) + MINUTE);
    await eventually('month 1 overdue flagged', async () => (await overdue(month1)) === counties - 1, 60_000);
    expect((await report(month1, XUANWU.code)).overdue).toBe(false);
    const gusu1 = await report(month1, GUSU.code);
    // Flagged at the workflow's time of the step: the due instant, not the wall clock.
    expect(new Date(gusu1.overdue_at!).getTime()).toBeGreaterThanOrEqual(Date.parse(s1.dueAt));
    expect(new Date(gusu1.overdue_at!).getTime()).toBeLessThan(Date.parse(s1.dueAt) + 5 * MINUTE);
    expect(await count(`select count(*) as n from notification where owner_org_id = 'bureau-3205' and dedupe_key = $1`, [`monthly-report-overdue-city-3205-${month1}`])).toBe(1);
    expect(await count(`select count(*) as n from notification where owner_org_id = 'agency-3205' and dedupe_key = $1`, [`monthly-report-overdue-city-agency-3205-${month1}`])).toBe(1);
    // The late county: accepted, and late; the city agency (which receives the reports) is told.
    expect(await file(month1, GUSU)).toEqual({ late: true });
    expect(await count(`select count(*) as n from notification where owner_org_id = 'agency-3205' and title_zh like '%逾期上报%'`, [])).toBe(1);

    // ---- month 2, a new run (continue-as-new)
    const s2 = scheduleOf(month2, new Date(Date.parse(s1.dueAt)));
    await eventually('continued as new', async () => (await state()).month === month2, 30_000);
    expect((await env.client.workflow.getHandle(workflowId).describe()).runId).not.toBe(firstRun);
    await skipTo(Date.parse(s2.openAt) + MINUTE);
    await eventually('month 2 opened', async () => (await count(`select count(*) as n from monthly_report where month = $1::date`, [`${month2}-01`])) === counties, 60_000);
    // This time Gusu files early, Xuanwu is late.
    expect(await file(month2, GUSU)).toEqual({ late: false });
    await skipTo(Date.parse(s2.reminders[0]!) + MINUTE);
    await eventually('month 2 first reminder', async () => (await reminded(month2, 0)) === counties - 1, 60_000);
    expect(await remindedCounty(month2, GUSU.code, 0)).toBe(0);
    expect(await remindedCounty(month2, XUANWU.code, 0)).toBe(1);
    await skipTo(Date.parse(s2.dueAt) + MINUTE);
    await eventually('month 2 overdue flagged', async () => (await overdue(month2)) === counties - 1, 60_000);
    expect(await file(month2, XUANWU)).toEqual({ late: true });
    await eventually('month 3 scheduled', async () => (await state()).month === nextMonth(month2), 30_000);
    // Overdue flagged once per report: one event each, even across the cycle's runs.
    expect(await count(`select count(*) as n from outbox_message m join monthly_report r on r.id::text = m.aggregate_id
                         where m.event_type = 'MonthlyReportOverdue' and r.month = $1::date`, [`${month1}-01`])).toBe(counties - 1);
    await env.client.workflow.getHandle(workflowId).terminate('test over');
  });
});
