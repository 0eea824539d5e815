import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { icAuditStateQuery, icAuditWorkflowId, icPlanWorkflowId } from '@fundsup/workflows/contracts';
import { chinaDateOf, chinaInstant } from '../../src/platform/calendar/working-days.js';
import { OutboxRelay } from '../../src/platform/outbox/outbox-relay.js';
import type { TestApp } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { createTestWorker, withTimeSkippingApp } from '../support/temporal.js';
import { USERS } from '../support/tokens.js';

// Issue 6 end to end on real PostgreSQL and the time-skipping server: publishing the plan starts
// the plan workflow through the outbox, which starts one audit workflow per agency; the clock sends
// the notice, flags the missed self-assessment, starts fieldwork; findings issued through the API
// reach the audit's workflow as an update, and a missed rectification deadline escalates.

const YEAR = Number(chinaDateOf(new Date()).slice(0, 4)) + 1;
const HOUR = 3_600_000;
const dates = { noticeDate: `${YEAR}-03-02`, selfAssessmentDue: `${YEAR}-03-13`, fieldworkStart: `${YEAR}-03-16`, fieldworkEnd: `${YEAR}-03-27` };

let env: TestWorkflowEnvironment;
let t: TestApp;
const { owner, skipTo } = withTimeSkippingApp((s) => ({ env, t } = s));

it('publishing starts every audit; notice, missed self-assessment, fieldwork, findings and a missed rectification deadline follow the clock', async () => {
  const plan = await t.call(USERS.province, 'POST', '/api/ic/plans', {
    year: YEAR, title: `${YEAR}年度内控检查计划`, periodStart: `${YEAR}-01-01`, periodEnd: `${YEAR}-12-31`,
  });
  expect(plan.status).toBe(201);
  const planId: string = plan.body.id;
  for (const a of plan.body.uncoveredAgencies) {
    expect((await t.call(USERS.province, 'POST', `/api/ic/plans/${planId}/audits`, { agencyId: a.id, ...dates, teamInspectorIds: [] })).status).toBe(201);
  }
  const drawn = await t.call(USERS.province, 'POST', `/api/ic/plans/${planId}/draw-teams`, { teamSize: 2 });
  const xuanwuAudit: string = drawn.body.audits.find((a: { agency: { id: string } }) => a.agency.id === 'agency-320102').id;

  const worker = await createTestWorker(env, t, { cached: true });
  await worker.runUntil(async () => {
    expect((await t.call(USERS.province, 'POST', `/api/ic/plans/${planId}/publish`, {})).status).toBe(200);
    await eventually('plan workflow started', () => env.client.workflow.getHandle(icPlanWorkflowId(planId)).describe(), 30_000);
    const audit = env.client.workflow.getHandle(icAuditWorkflowId(xuanwuAudit));
    await eventually('audit workflows started by the plan', () => audit.describe(), 60_000);
    await eventually('outbox drained', async () => (await t.app.get(OutboxRelay).pending()) === 0, 60_000);

    await skipTo(new Date(chinaInstant(dates.noticeDate, 9).getTime() + HOUR));
    await eventually('notice sent', async () => (await audit.query(icAuditStateQuery)).status === 'self_assessment', 30_000);
    const [afterNotice] = await owner<{ status: string }>(`select status from ic_audit where id = $1`, [xuanwuAudit]);
    expect(afterNotice.status).toBe('self_assessment');

    await skipTo(new Date(chinaInstant(dates.fieldworkStart, 9).getTime() + HOUR));
    await eventually('fieldwork started', async () => (await audit.query(icAuditStateQuery)).status === 'fieldwork', 30_000);
    const state = await audit.query(icAuditStateQuery);
    expect(state.selfAssessmentOverdue).toBe(true);
    const detail = (await t.call(USERS.province, 'GET', `/api/ic/audits/${xuanwuAudit}`)).body;
    expect(detail).toMatchObject({ status: 'fieldwork', selfAssessmentOverdue: true });

    const issued = await t.call(USERS.province, 'POST', `/api/ic/audits/${xuanwuAudit}/findings`, {
      findings: [{ area: 'payment_records', description: '部分支付无审核记录', rectificationDue: `${YEAR}-04-30` }],
    });
    expect(issued.status).toBe(200);
    await eventually('findings reached the workflow', async () => (await audit.query(icAuditStateQuery)).status === 'rectification', 30_000);

    await skipTo(new Date(chinaInstant(`${YEAR}-05-01`, 9).getTime()));
    await eventually('rectification overdue', async () => (await audit.query(icAuditStateQuery)).findings.every((f) => f.overdue), 30_000);
    const findings = (await t.call(USERS.province, 'GET', `/api/ic/audits/${xuanwuAudit}`)).body.findings;
    expect(findings.map((f: { overdue: boolean }) => f.overdue)).toEqual([true]);
  });
}, 300_000);
