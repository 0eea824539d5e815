import { Client, Connection } from '@temporalio/client';
import { api, BASE_URL, eventually, TEMPORAL_ADDRESS, tokenFor } from '../support/stack.js';

// Issue 3 against the running stack: real Keycloak tokens, the API, the worker and the Temporal
// dev server. The province opens the cycle, Xuanwu (county) drafts and submits, the Nanjing agency
// (nj.agency) returns it once and then forwards it (汇总上报), the Nanjing bureau (nj.bureau) files it;
// the workflow mirrors every transition.

// Next year's cycle, as bureaus open it in the autumn: its 15 May deadline is months away, so no
// reminder or overdue flag can interleave with the steps below whatever day the test runs.
const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) + 1;
let temporal: Client;
let connection: Connection;

beforeAll(async () => {
  connection = await Connection.connect({ address: TEMPORAL_ADDRESS() });
  temporal = new Client({ connection });
});
afterAll(() => connection?.close());

const content = {
  targets: [
    { code: 'provider_coverage', label: '定点医药机构现场检查覆盖率', unit: 'percent', value: 100 },
    { code: 'onsite_checks', label: '现场检查家次', unit: 'count', value: 60 },
  ],
  focusAreas: ['split_charging', 'bed_blocking'],
  methods: '日常稽核与专项检查相结合，智能监控筛查疑点。',
  steps: '一季度部署动员，二三季度集中检查，四季度总结。',
  responsiblePersons: [{ name: '李明', title: '稽核科科长' }],
};
const schedule = [
  { id: 'T1', title: '定点医药机构现场检查', owner: '稽核科', targetCode: 'onsite_checks', monthly: Array(12).fill(5) },
  { id: 'T2', title: '覆盖情况通报', owner: '综合科', targetCode: 'provider_coverage', monthly: [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1] },
];

it('a county plan goes from the opened cycle through return and resubmission to filing, in the database and in its workflow', async () => {
  const opened = await api('js.official', 'POST', '/api/plan-cycles', { year });
  expect(opened.status).toBe(201);
  expect(opened.body.plans).toBe(117);

  const mine = await api('xw.staff', 'GET', `/api/plans?year=${year}`);
  expect(mine.body.items.map((p: { unitId: string }) => p.unitId)).toEqual(['agency-320102']);
  const id: string = mine.body.items[0].id;
  const handle = temporal.workflow.getHandle(`annual-plan-agency-320102-${year}`);
  await eventually('plan workflow running', async () => (await handle.describe()).status.name === 'RUNNING');

  // Gusu never sees Xuanwu's plan.
  expect((await api('gs.staff', 'GET', `/api/plans/${id}`)).status).toBe(404);

  let plan = (await api('xw.staff', 'GET', `/api/plans/${id}`)).body;
  plan = (await api('xw.staff', 'PUT', `/api/plans/${id}/draft`, { content, schedule, version: plan.version })).body;
  expect(plan.status).toBe('draft');
  plan = (await api('xw.staff', 'POST', `/api/plans/${id}/submit`, { version: plan.version })).body;
  expect(plan.status).toBe('submitted');

  // Filing before submission is refused with a reason; the level above returns it with a comment.
  const queue = await api('nj.agency', 'GET', `/api/plans/review-queue?year=${year}`);
  expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(id);
  expect((await api('nj.agency', 'POST', `/api/plans/${id}/return`, { comment: '请补充智能监控工作安排。' })).body.status).toBe('returned');
  const refused = await api('nj.agency', 'POST', `/api/plans/${id}/file`, {});
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('plan_transition_invalid');

  plan = (await api('xw.staff', 'GET', `/api/plans/${id}`)).body;
  plan = (await api('xw.staff', 'POST', `/api/plans/${id}/submit`, { version: plan.version })).body;
  // The agency does not file: it forwards to the city bureau, which files.
  const byAgency = await api('nj.agency', 'POST', `/api/plans/${id}/file`, { comment: '同意备案。' });
  expect([byAgency.status, byAgency.body.error.code]).toEqual([403, 'plan_file_forbidden']);
  expect((await api('nj.bureau', 'POST', `/api/plans/${id}/file`, {})).body.error.code).toBe('plan_not_forwarded');
  expect((await api('nj.agency', 'POST', `/api/plans/${id}/forward`, { comment: '审核通过。' })).body.status).toBe('forwarded');
  expect((await api('nj.bureau', 'POST', `/api/plans/${id}/file`, { comment: '同意备案。' })).body.status).toBe('filed');

  const history = (await api('xw.staff', 'GET', `/api/plans/${id}`)).body.history.map((h: { action: string }) => h.action);
  expect(history).toEqual(['opened', 'draft', 'submit', 'return', 'submit', 'forward', 'file']);
  await eventually('workflow mirrors the filing', async () => {
    const state = await handle.query<{ status: string; submissions: number; returns: number }>('annualPlanState');
    return state.status === 'filed' && state.submissions === 2 && state.returns === 1;
  });

  // The city's board shows it filed; the province's board counts it under Nanjing.
  const cityBoard = await api('nj.agency', 'GET', `/api/plans/board?year=${year}`);
  const xuanwu = cityBoard.body.rows.find((r: { regionCode: string }) => r.regionCode === '320102');
  expect(xuanwu.plan.status).toBe('filed');
  const provinceBoard = await api('js.leader', 'GET', `/api/plans/board?year=${year}`);
  const nanjing = provinceBoard.body.rows.find((r: { regionCode: string }) => r.regionCode === '3201');
  expect(nanjing.statusCounts.filed).toBeGreaterThanOrEqual(1);
  expect(nanjing.drillable).toBe(true);

  // Exports of the filed plan.
  const token = await tokenFor('nj.agency');
  const xlsx = await fetch(`${BASE_URL()}/api/plans/${id}/export.xlsx`, { headers: { authorization: `Bearer ${token}` } });
  expect(xlsx.status).toBe(200);
  expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  const pdf = await fetch(`${BASE_URL()}/api/plans/${id}/export.pdf`, { headers: { authorization: `Bearer ${token}` } });
  expect(pdf.status).toBe(200);
  expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
});
