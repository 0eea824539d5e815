import { createHash } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { decisionWorkflowId, disputeWorkflowId, findingFeedbackWorkflowId } from '@fundsup/workflows/contracts';
import { addCalendarDays, chinaDateOf, chinaInstant } from '../../src/platform/calendar/working-days.js';
import type { TestApp } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { createTestWorker, withTimeSkippingApp } from '../support/temporal.js';
import { USERS, type TestUser } from '../support/tokens.js';

// Issue 5 end to end on real PostgreSQL and the time-skipping server: sending an inspection's
// results starts the feedback workflow through the outbox, which deems the unanswered finding
// confirmed at its deadline; a major decision waits for the legal review, then its rectification
// deadline passes and is flagged; the institution disputes it, and the county bureau's time limit
// passes and is flagged to the level above.

const HOUR = 3_600_000;
const LEGAL: TestUser = { sub: 'u-xwl', username: 'xw.reviewer', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'agency-320102', orgKind: 'agency' };

let env: TestWorkflowEnvironment;
let t: TestApp;
const { owner, skipTo } = withTimeSkippingApp((s) => ({ env, t } = s));

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

it('feedback deadline, legal review, rectification overdue and a dispute level overdue follow the clock', async () => {
  const today = chinaDateOf(new Date(await env.currentTimeMs()));
  const created = await t.call(USERS.province, 'POST', '/api/spot-checks', {
    year: Number(today.slice(0, 4)), title: '南京市定点医院全覆盖检查', cityCodes: ['3201'], institutionKinds: ['hospital'],
    parameters: { defaultRatio: 1 }, dueDate: addCalendarDays(today, 30), witnesses: [{ name: '见证人' }],
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  expect((await t.call(USERS.province, 'POST', `/api/spot-checks/${id}/commit`, { witnessCommitments: [sha('s1')] })).status).toBeLessThan(300);
  expect((await t.call(USERS.province, 'POST', `/api/spot-checks/${id}/draw`, { witnessSecrets: ['s1'] })).status).toBeLessThan(300);
  const list = await t.call(USERS.province, 'GET', `/api/inspections?spotCheckId=${id}&pageSize=200`);
  const inspection = list.body.items.find((i: { institution: { id: string } }) => i.institution.id === 'inst-320102-0001');
  const detail = (await t.call(USERS.province, 'GET', `/api/inspections/${inspection.id}`)).body;
  expect((await t.call(USERS.province, 'PUT', `/api/inspections/${inspection.id}`, {
    inspectedOn: today, checklist: detail.checklistItems.map((item: string) => ({ item, result: 'deficient', note: null })),
    findings: [
      { type: '串换药品', description: '串换药品 12 例', amount: 8600, clinicianName: null, attachmentIds: [] },
      { type: '挂床住院', description: '挂床住院 3 例', amount: 12000, clinicianName: null, attachmentIds: [] },
    ],
    attachmentIds: [],
  })).status).toBe(200);

  const worker = await createTestWorker(env, t, { cached: true });
  await worker.runUntil(async () => {
    expect((await t.call(USERS.province, 'POST', `/api/inspections/${inspection.id}/send`)).status).toBeLessThan(300);
    await eventually('feedback workflow started', () => env.client.workflow.getHandle(findingFeedbackWorkflowId(inspection.id)).describe(), 30_000);
    const findings = (await t.call(USERS.hospital, 'GET', `/api/findings?sourceId=${inspection.id}`)).body.items as { id: string; confirmationDue: string }[];
    expect(findings).toHaveLength(2);
    // One answered in time, the other left to the deadline.
    expect((await t.call(USERS.hospital, 'POST', `/api/findings/${findings[0]!.id}/confirm`)).status).toBeLessThan(300);
    await skipTo(new Date(chinaInstant(findings[1]!.confirmationDue).getTime() + 24 * HOUR + HOUR));
    await eventually('unanswered finding deemed confirmed', async () => {
      const [row] = await owner<{ status: string; deemed: boolean }>(`select status, deemed from finding where id = $1`, [findings[1]!.id]);
      return row.status === 'deemed_confirmed' && row.deemed;
    }, 30_000);
    const [answered] = await owner<{ status: string }>(`select status from finding where id = $1`, [findings[0]!.id]);
    expect(answered.status).toBe('confirmed');

    // A major decision (suspension with a rectification deadline) waits for the legal review.
    const now = chinaDateOf(new Date(await env.currentTimeMs()));
    const due = addCalendarDays(now, 10);
    const decision = await t.call(USERS.xuanwu, 'POST', '/api/decisions', {
      findingIds: findings.map((f) => f.id), measures: [{ kind: 'suspend_settlement', rectificationDue: due }], basis: '服务协议第三十八条',
    });
    expect(decision.status).toBe(201);
    expect(decision.body.status).toBe('pending_legal_review');
    await eventually('decision workflow started', () => env.client.workflow.getHandle(decisionWorkflowId(decision.body.id)).describe(), 30_000);
    expect((await t.call(LEGAL, 'POST', `/api/decisions/${decision.body.id}/legal-review`, { approved: true, comment: '事实清楚，依据充分' })).status).toBeLessThan(300);
    await skipTo(new Date(chinaInstant(due).getTime() + 24 * HOUR + HOUR));
    await eventually('rectification overdue flagged', async () => {
      const [row] = await owner<{ rectification: { overdue: boolean } | null; status: string }>(`select rectification, status from handling_decision where id = $1`, [decision.body.id]);
      return row.status === 'rectifying' && row.rectification?.overdue === true;
    }, 30_000);

    // The institution disputes it; the county bureau lets its time limit pass.
    const dispute = await t.call(USERS.hospital, 'POST', '/api/disputes', { decisionId: decision.body.id, party: 'institution', reasons: '整改期限过短', attachmentIds: [] });
    expect(dispute.status).toBe(201);
    const handle = env.client.workflow.getHandle(disputeWorkflowId(dispute.body.id));
    await eventually('dispute workflow started', () => handle.describe(), 30_000);
    const levelDue: string = dispute.body.path[0].dueDate;
    await skipTo(new Date(chinaInstant(levelDue).getTime() + 24 * HOUR + HOUR));
    await eventually('county level flagged overdue', async () => {
      const [row] = await owner<{ path: { overdue: boolean }[] }>(`select path from dispute where id = $1`, [dispute.body.id]);
      return row.path[0]!.overdue === true;
    }, 30_000);
    const [note] = await owner<{ n: string }>(`select count(*) as n from notification where owner_org_id = 'bureau-3201' and title_zh like '%争议%'`);
    expect(Number(note.n)).toBeGreaterThan(0);
  });
});
