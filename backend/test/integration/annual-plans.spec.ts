import ExcelJS from 'exceljs';
import pg from 'pg';
import { chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { systemActor } from '../../src/kernel/actor.js';
import { MarkPlanOverdueCommand } from '../../src/contexts/annual-plans/application/commands.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery as ownerRows } from '../support/database.js';
import { planContent, planSchedule } from '../support/plans.js';
import { NJ_BUREAU, type TestUser, USERS } from '../support/tokens.js';

// Issue 3 over HTTP (guard + commands + ORM filter + RLS + outbox + audit): the annual plan of a
// county from the opening of the cycle to filing and progress, and of a city up to the province.
// A county plan takes the city's two steps (seed 002 一(一) 上报市医保处基金稽核科汇总后报市局备案): the
// city agency (nj.agency) reviews and forwards it (汇总上报) or returns it; the city bureau (nj.bureau)
// files it (备案) or returns it.
// The cycle is opened for the current year, so that progress can be reported for months that have begun.

let t: TestApp;
const today = chinaDateOf(new Date());
const YEAR = Number(today.slice(0, 4));
const MONTH = Number(today.slice(5, 7));
const UNITS = 117; // 13 city and 104 county handling agencies of Jiangsu in the seed
const plans: Record<string, string> = {};
const queueOf = async (user: TestUser) => (await t.call(user, 'GET', `/api/plans/review-queue?year=${YEAR}`)).body.items.map((p: { id: string }) => p.id);

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

function owner<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return ownerRows<T>(t.db, sql, params);
}

const content = planContent;
const schedule = planSchedule;

async function detail(user: TestUser, id: string) {
  const res = await t.call(user, 'GET', `/api/plans/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function draft(user: TestUser, id: string, body: Record<string, unknown> = {}) {
  const { version } = await detail(user, id);
  return t.call(user, 'PUT', `/api/plans/${id}/draft`, { content: content(), schedule: schedule(), version, ...body });
}

async function submit(user: TestUser, id: string) {
  const { version } = await detail(user, id);
  return t.call(user, 'POST', `/api/plans/${id}/submit`, { version });
}

async function inboxTitles(user: TestUser): Promise<string[]> {
  const res = await t.call(user, 'GET', '/api/notifications');
  return res.body.items.map((n: { titleZh: string }) => n.titleZh);
}

async function snapshot(id: string) {
  const [plan] = await owner(`select status, version, overdue, content, submitted_at, filed_at from annual_plan where id = $1`, [id]);
  const [counts] = await owner<{ history: number; outbox: number }>(
    `select (select count(*)::int from annual_plan_history where plan_id = $1) as history,
            (select count(*)::int from outbox_message where aggregate_id = $1::text) as outbox`,
    [id],
  );
  return { plan, ...counts };
}

async function lastAudit(username: string) {
  const [row] = await owner<{ command: string; result: string; error_code: string | null }>(
    `select command, result, error_code from audit_entry where username = $1 order by seq desc limit 1`,
    [username],
  );
  return row;
}

describe('opening the planning cycle', () => {
  it('only a province official opens it', async () => {
    const res = await t.call(USERS.nanjing, 'POST', '/api/plan-cycles', { year: YEAR });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('role_required');
  });

  it('opens one not-started plan per city and county agency, and a workflow start for each', async () => {
    const res = await t.call(USERS.province, 'POST', '/api/plan-cycles', { year: YEAR });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ year: YEAR, plans: UNITS });
    const rows = await owner<{ id: string; owner_org_id: string; status: string; unit_level: string }>(
      `select id, owner_org_id, status, unit_level from annual_plan where year = $1`,
      [YEAR],
    );
    expect(rows).toHaveLength(UNITS);
    expect(rows.every((r) => r.status === 'not_started')).toBe(true);
    expect(rows.filter((r) => r.unit_level === 'city')).toHaveLength(13);
    for (const r of rows) plans[r.owner_org_id] = r.id;

    const [start] = await owner<{ dispatch: { kind: string; workflowId: string; args: [{ deadline: { overdueAt: string }; actor: { username: string } }] } }>(
      `select dispatch from outbox_message where aggregate_id = $1`,
      [plans['agency-320102']],
    );
    expect(start.dispatch).toMatchObject({
      kind: 'start',
      workflowId: `annual-plan-agency-320102-${YEAR}`,
      args: [{ deadline: { overdueAt: new Date(Date.UTC(YEAR, 4, 15, 16)).toISOString() }, actor: { username: 'js.official' } }],
    });
    expect(await inboxTitles(USERS.xuanwu)).toEqual([`请编报${YEAR}年度医疗保障基金监管方案`]);
  });

  it('is idempotent: opening again creates no plan and starts nothing', async () => {
    const res = await t.call(USERS.province, 'POST', '/api/plan-cycles', { year: YEAR });
    expect(res.body).toEqual({ year: YEAR, plans: UNITS });
    const [counts] = await owner<{ plans: number; starts: number }>(
      `select (select count(*)::int from annual_plan) as plans,
              (select count(*)::int from outbox_message where event_type = 'AnnualPlanOpened') as starts`,
    );
    expect(counts).toEqual({ plans: UNITS, starts: UNITS });
  });

  it('refuses a year that is neither this one nor the next, bilingually', async () => {
    const res = await t.call(USERS.province, 'POST', '/api/plan-cycles', { year: YEAR - 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('plan_cycle_year_range');
    expect(res.body.error.message.zh).toContain(String(YEAR));
    expect(res.body.error.message.en).toContain(String(YEAR));
  });
});

describe('tenancy', () => {
  it.each([
    ['the county itself (Xuanwu)', USERS.xuanwu, 200],
    ['its city (Nanjing)', USERS.nanjing, 200],
    ['the province', USERS.province, 200],
    ['the national overseer', USERS.nation, 200],
    ['a sibling county (Gusu)', USERS.gusu, 404],
    ['another city (Suzhou)', USERS.suzhou, 404],
    ['an institution in the same county', USERS.hospital, 404],
  ])('%s asking for Xuanwu’s plan by id gets %s', async (_label, user, status) => {
    const res = await t.call(user, 'GET', `/api/plans/${plans['agency-320102']}`);
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(res.body).toMatchObject({
        unit: { id: 'agency-320102', name: '南京市玄武区医疗保险管理中心', regionCode: '320102', regionName: '玄武区', level: 'county' },
        reviewer: { regionCode: '3201', regionName: '南京市' },
        status: 'not_started',
        deadline: `${YEAR}-05-15`,
        content: null,
        schedule: [],
        version: 1,
      });
    } else {
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('lists what each reader may see', async () => {
    // One page of up to 500 (the list is paged: 50 a page by default, issue 16 §2).
    const ids = async (user: TestUser) =>
      (await t.call(user, 'GET', `/api/plans?year=${YEAR}&pageSize=500`)).body.items.map((p: { unitId: string }) => p.unitId) as string[];
    expect(await ids(USERS.xuanwu)).toEqual(['agency-320102']);
    const nanjing = await ids(USERS.nanjing);
    expect(nanjing).toHaveLength(12);
    expect(nanjing.every((id) => id.startsWith('agency-3201'))).toBe(true);
    expect(await ids(USERS.province)).toHaveLength(UNITS);
    expect(await ids(USERS.gusu)).toEqual(['agency-320508']);
    expect(await ids(USERS.hospital)).toEqual([]);
  });

  it('the board never shows another branch, and institutions get none', async () => {
    const gusu = await t.call(USERS.gusu, 'GET', `/api/plans/board?year=${YEAR}`);
    expect(gusu.status).toBe(200);
    expect(gusu.body.rows.map((r: { regionCode: string }) => r.regionCode)).toEqual(['320508']);
    expect(JSON.stringify(gusu.body)).not.toContain('玄武');
    const outside = await t.call(USERS.gusu, 'GET', `/api/plans/board?year=${YEAR}&regionCode=3201`);
    expect(outside.status).toBe(404);
    const institution = await t.call(USERS.hospital, 'GET', `/api/plans/board?year=${YEAR}`);
    expect(institution.status).toBe(403);
  });

  it('exports are scoped like the plan', async () => {
    const res = await t.call(USERS.gusu, 'GET', `/api/plans/${plans['agency-320102']}/export.xlsx`);
    expect(res.status).toBe(404);
  });
});

describe('a county plan from draft to filing', () => {
  it('the county drafts; a second unit’s staff cannot', async () => {
    const id = plans['agency-320102'];
    const res = await draft(USERS.xuanwu, id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', version: 2, content: content(), schedule: schedule() });
    const sibling = await draft(USERS.nanjing, id);
    expect(sibling.status).toBe(403);
    expect(sibling.body.error.code).toBe('plan_not_drafting_unit');
  });

  it('a stale version is refused with 409 and changes nothing', async () => {
    const id = plans['agency-320102'];
    const before = await snapshot(id);
    const res = await t.call(USERS.xuanwu, 'PUT', `/api/plans/${id}/draft`, { content: { ...content(), methods: '改' }, schedule: schedule(), version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'plan_version_conflict', details: { version: 2 } });
    expect(await snapshot(id)).toEqual(before);
  });

  it('the county submits; its city agency is notified and sees it in its review queue (the bureau does not, yet)', async () => {
    const id = plans['agency-320102'];
    const res = await submit(USERS.xuanwu, id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', reviewStep: 'city_agency', forwardedAt: null });
    expect(res.body.submittedAt).toEqual(expect.any(String));
    expect(await inboxTitles(USERS.nanjing)).toContain(`待审核汇总：南京市玄武区医疗保险管理中心${YEAR}年度监管方案`);
    expect((await inboxTitles(NJ_BUREAU)).some((x) => x.includes('玄武区'))).toBe(false);
    expect(await queueOf(USERS.nanjing)).toEqual([id]);
    expect(await queueOf(NJ_BUREAU)).toEqual([]);
    expect((await t.call(USERS.province, 'GET', `/api/plans/review-queue?year=${YEAR}`)).body.items).toEqual([]);
    expect((await t.call(USERS.xuanwu, 'GET', `/api/plans/review-queue?year=${YEAR}`)).status).toBe(403);
  });

  it('invalid transitions are refused with the reason and change nothing (plan, history, outbox)', async () => {
    const id = plans['agency-320102'];
    const before = await snapshot(id);
    const again = await submit(USERS.xuanwu, id);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'plan_transition_invalid', details: { status: 'submitted', action: 'submit' } });
    expect(again.body.error.message.zh).toContain('已报送');
    expect(again.body.error.message.en).toContain("'submitted'");
    const edit = await draft(USERS.xuanwu, id);
    expect(edit.status).toBe(409);
    expect(await snapshot(id)).toEqual(before);
    expect(await lastAudit('xw.staff')).toEqual({ command: 'SaveDraftCommand', result: 'error', error_code: 'plan_transition_invalid' });
  });

  it('only the reviewing level acts; the city agency cannot file, the bureau cannot forward nor file before the agency forwards', async () => {
    const id = plans['agency-320102'];
    const before = await snapshot(id);
    const province = await t.call(USERS.province, 'POST', `/api/plans/${id}/file`, {});
    expect(province.status).toBe(403);
    expect(province.body.error.code).toBe('plan_not_reviewer');
    const suzhou = await t.call(USERS.suzhou, 'POST', `/api/plans/${id}/file`, {});
    expect(suzhou.status).toBe(404);
    expect((await t.call(USERS.xuanwu, 'POST', `/api/plans/${id}/forward`, {})).status).toBe(403);

    const byAgency = await t.call(USERS.nanjing, 'POST', `/api/plans/${id}/file`, { comment: '同意备案' });
    expect([byAgency.status, byAgency.body.error.code]).toEqual([403, 'plan_file_forbidden']);
    expect(byAgency.body.error.message.zh).toContain('由市医保局备案');
    expect(byAgency.body.error.message.en).toContain('the agency cannot');
    const early = await t.call(NJ_BUREAU, 'POST', `/api/plans/${id}/file`, {});
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'plan_not_forwarded', details: { status: 'submitted', action: 'file' } });
    expect(early.body.error.message.zh).toContain('尚未经市医保经办机构审核汇总上报');
    expect((await t.call(NJ_BUREAU, 'POST', `/api/plans/${id}/return`, { comment: '退回' })).body.error.code).toBe('plan_not_forwarded');
    const bureauForward = await t.call(NJ_BUREAU, 'POST', `/api/plans/${id}/forward`, {});
    expect([bureauForward.status, bureauForward.body.error.code]).toEqual([403, 'plan_forward_forbidden']);
    const longComment = await t.call(USERS.nanjing, 'POST', `/api/plans/${id}/forward`, { comment: 'x'.repeat(2001) });
    expect([longComment.status, longComment.body.error.code, longComment.body.error.details.field]).toEqual([400, 'plan_comment_length', 'comment']);
    expect(await snapshot(id)).toEqual(before);
    expect(await lastAudit('nj.bureau')).toEqual({ command: 'ForwardPlanCommand', result: 'error', error_code: 'plan_forward_forbidden' });
  });

  it('a return needs a comment', async () => {
    const id = plans['agency-320102'];
    const blank = await t.call(USERS.nanjing, 'POST', `/api/plans/${id}/return`, { comment: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.code).toBe('plan_return_comment_required');
    const missing = await t.call(USERS.nanjing, 'POST', `/api/plans/${id}/return`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid_request');
  });

  it('returned by the agency, revised, resubmitted, forwarded, returned by the bureau, resubmitted, forwarded and filed: the whole history is kept', async () => {
    const id = plans['agency-320102'];
    const returned = await t.call(USERS.nanjing, 'POST', `/api/plans/${id}/return`, { comment: '现场检查家次偏低，请调整后重新报送。' });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    expect(await inboxTitles(USERS.xuanwu)).toContain(`方案被退回：${YEAR}年度监管方案`);

    const revised = await draft(USERS.xuanwu, id, {
      content: { ...content(), targets: [content().targets[0], { ...content().targets[1], value: 150 }] },
      schedule: [{ ...schedule()[0], monthly: Array(12).fill(13) }, schedule()[1]],
    });
    expect(revised.status).toBe(200);
    expect((await submit(USERS.xuanwu, id)).body.status).toBe('submitted');

    // 汇总上报: the agency forwards it to the city bureau
    const forwarded = await t.call(USERS.nanjing, 'POST', `/api/plans/${id}/forward`, { comment: '经审核，目标与上年检查情况相符' });
    expect(forwarded.status).toBe(200);
    expect(forwarded.body).toMatchObject({ status: 'forwarded', reviewStep: 'city_bureau', forwardedAt: expect.any(String), filedAt: null });
    expect(await inboxTitles(NJ_BUREAU)).toContain(`待备案：南京市玄武区医疗保险管理中心${YEAR}年度监管方案`);
    expect(await inboxTitles(USERS.xuanwu)).toContain(`方案已汇总上报：${YEAR}年度监管方案`);
    expect(await queueOf(USERS.nanjing)).toEqual([]);
    expect(await queueOf(NJ_BUREAU)).toEqual([id]);
    const board = (await t.call(NJ_BUREAU, 'GET', `/api/plans/board?year=${YEAR}`)).body;
    expect(board.rows.find((r: { regionCode: string }) => r.regionCode === '320102'))
      .toMatchObject({ statusCounts: { forwarded: 1, submitted: 0 }, plan: { status: 'forwarded', reviewStep: 'city_bureau' } });
    expect(board.totals.forwarded).toBe(1);
    const late = await t.call(USERS.nanjing, 'POST', `/api/plans/${id}/return`, { comment: '再看看' });
    expect([late.status, late.body.error.code]).toEqual([409, 'plan_already_forwarded']);
    expect((await t.call(USERS.xuanwu, 'PUT', `/api/plans/${id}/draft`, { content: content(), schedule: schedule(), version: forwarded.body.version })).body.error)
      .toMatchObject({ code: 'plan_transition_invalid', details: { status: 'forwarded' } });

    // the bureau returns it: back to the county, the agency told
    const bureauReturn = await t.call(NJ_BUREAU, 'POST', `/api/plans/${id}/return`, { comment: '请补充重点领域的检查安排。' });
    expect(bureauReturn.body).toMatchObject({ status: 'returned', reviewStep: null });
    expect((await inboxTitles(USERS.nanjing)).filter((x) => x.startsWith('方案被退回：南京市玄武区'))).toHaveLength(1);
    expect((await submit(USERS.xuanwu, id)).body).toMatchObject({ status: 'submitted', forwardedAt: null, reviewStep: 'city_agency' });
    expect((await t.call(USERS.nanjing, 'POST', `/api/plans/${id}/forward`, {})).status).toBe(200);
    const filed = await t.call(NJ_BUREAU, 'POST', `/api/plans/${id}/file`, { comment: '同意备案' });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ status: 'filed', filedAt: expect.any(String), reviewStep: null });
    expect(filed.body.history.map((h: { action: string; by: string; comment: string | null }) => [h.action, h.by, h.comment])).toEqual([
      ['opened', 'js.official', null],
      ['draft', 'xw.staff', null],
      ['submit', 'xw.staff', null],
      ['return', 'nj.agency', '现场检查家次偏低，请调整后重新报送。'],
      ['draft', 'xw.staff', null],
      ['submit', 'xw.staff', null],
      ['forward', 'nj.agency', '经审核，目标与上年检查情况相符'],
      ['return', 'nj.bureau', '请补充重点领域的检查安排。'],
      ['submit', 'xw.staff', null],
      ['forward', 'nj.agency', null],
      ['file', 'nj.bureau', '同意备案'],
    ]);
    expect(await inboxTitles(USERS.xuanwu)).toContain(`方案已备案：${YEAR}年度监管方案`);
    expect(await inboxTitles(USERS.nanjing)).toContain(`方案已备案：南京市玄武区医疗保险管理中心${YEAR}年度监管方案`);

    const outbox = await owner<{ event_type: string; kind: string; update: string | null; action: string | null }>(
      `select event_type, dispatch->>'kind' as kind, dispatch->>'update' as update, dispatch->'args'->0->>'action' as action
         from outbox_message where aggregate_id = $1 order by seq`,
      [id],
    );
    expect(outbox.map((o) => [o.event_type, o.kind, o.update, o.action])).toEqual([
      ['AnnualPlanOpened', 'start', null, null],
      ['AnnualPlanDrafted', 'update', 'planTransition', 'draft'],
      ['AnnualPlanSubmitted', 'update', 'planTransition', 'submit'],
      ['AnnualPlanReturned', 'update', 'planTransition', 'return'],
      ['AnnualPlanDrafted', 'update', 'planTransition', 'draft'],
      ['AnnualPlanSubmitted', 'update', 'planTransition', 'submit'],
      ['AnnualPlanForwarded', 'update', 'planTransition', 'forward'],
      ['AnnualPlanReturned', 'update', 'planTransition', 'return'],
      ['AnnualPlanSubmitted', 'update', 'planTransition', 'submit'],
      ['AnnualPlanForwarded', 'update', 'planTransition', 'forward'],
      ['AnnualPlanFiled', 'update', 'planTransition', 'file'],
    ]);
    const audit = await owner<{ command: string; username: string }>(
      `select command, username from audit_entry where target = $1 and result = 'ok' order by seq`,
      [id],
    );
    expect(audit.map((a) => `${a.command}:${a.username}`)).toEqual([
      'SaveDraftCommand:xw.staff', 'SubmitPlanCommand:xw.staff', 'ReturnPlanCommand:nj.agency',
      'SaveDraftCommand:xw.staff', 'SubmitPlanCommand:xw.staff', 'ForwardPlanCommand:nj.agency', 'ReturnPlanCommand:nj.bureau',
      'SubmitPlanCommand:xw.staff', 'ForwardPlanCommand:nj.agency', 'FilePlanCommand:nj.bureau',
    ]);
    const filedAgain = await t.call(NJ_BUREAU, 'POST', `/api/plans/${id}/file`, {});
    expect(filedAgain.status).toBe(409);
    expect(filedAgain.body.error.details.status).toBe('filed');
  });
});

describe('validation', () => {
  const gusuPlan = () => plans['agency-320508'];

  it.each([
    ['a percent target above 100', 'plan_target_value_range', { content: { ...content(), targets: [{ ...content().targets[0], value: 120 }, content().targets[1]] } }],
    ['a fractional count target', 'plan_target_value_range', { content: { ...content(), targets: [content().targets[0], { ...content().targets[1], value: 10.5 }] } }],
    ['eleven months', 'plan_schedule_months', { schedule: [{ ...schedule()[0], monthly: Array(11).fill(10) }, schedule()[1]] }],
    ['a negative month', 'plan_schedule_months', { schedule: [{ ...schedule()[0], monthly: [...Array(11).fill(10), -1] }, schedule()[1]] }],
    ['a task for an unknown target', 'plan_task_target_unknown', { schedule: [{ ...schedule()[0], targetCode: 'nope' }] }],
    ['methods over 5000 characters', 'plan_methods_length', { content: { ...content(), methods: 'x'.repeat(5001) } }],
  ])('a draft with %s is refused: %s', async (_label, code, body) => {
    const res = await draft(USERS.gusu, gusuPlan(), body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.error.message.en).toMatch(/[a-z]/);
  });

  it('malformed bodies are refused by the request pipe, bilingually', async () => {
    const res = await t.call(USERS.gusu, 'PUT', `/api/plans/${gusuPlan()}/draft`, { content: { ...content(), targets: [{ code: 'x', label: 'y', unit: 'ratio', value: '5' }] }, schedule: [], version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toEqual({ zh: expect.stringContaining('content'), en: expect.stringContaining('content') });
  });

  it.each([
    ['a target without a task', 'plan_target_uncovered', { schedule: [schedule()[0]] }],
    ['a count target the schedule does not reach', 'plan_schedule_below_target', { schedule: [{ ...schedule()[0], monthly: Array(12).fill(9) }, schedule()[1]] }],
    ['no responsible person', 'plan_persons_missing', { content: { ...content(), responsiblePersons: [] } }],
  ])('submitting with %s is refused: %s', async (_label, code, body) => {
    expect((await draft(USERS.gusu, gusuPlan(), body)).status).toBe(200);
    const res = await submit(USERS.gusu, gusuPlan());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect((await detail(USERS.gusu, gusuPlan())).status).toBe('draft');
  });
});

describe('a city plan goes to the province', () => {
  it('Nanjing drafts and submits; the province files it; Nanjing cannot file its own', async () => {
    const id = plans['agency-3201'];
    expect((await draft(USERS.nanjing, id)).status).toBe(200);
    expect((await submit(USERS.nanjing, id)).status).toBe(200);
    expect(await inboxTitles(USERS.province)).toContain(`待备案：南京市医疗保险基金管理中心${YEAR}年度监管方案`);
    const own = await t.call(USERS.nanjing, 'POST', `/api/plans/${id}/file`, {});
    expect(own.status).toBe(403);
    // a city plan has no forwarding step; the city bureau has no say in it
    expect((await t.call(NJ_BUREAU, 'POST', `/api/plans/${id}/file`, {})).body.error.code).toBe('plan_not_reviewer');
    expect((await t.call(USERS.province, 'POST', `/api/plans/${id}/forward`, {})).status).toBe(403); // the route is the city agency's
    expect(await queueOf(NJ_BUREAU)).toEqual([]);
    const queue = await t.call(USERS.province, 'GET', `/api/plans/review-queue?year=${YEAR}`);
    expect(queue.body.items[0]).toMatchObject({ reviewStep: 'province' });
    expect(queue.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    const filed = await t.call(USERS.province, 'POST', `/api/plans/${id}/file`, {});
    expect(filed.body.status).toBe('filed');
  });
});

describe('progress', () => {
  it('the county reports its filed plan month by month', async () => {
    const id = plans['agency-320102'];
    const res = await t.call(USERS.xuanwu, 'PUT', `/api/plans/${id}/progress/${MONTH}`, {
      entries: [{ taskId: 'T1', doneQuantity: 9, note: '已完成 9 家' }, { taskId: 'T2', doneQuantity: 1 }],
    });
    expect(res.status).toBe(200);
    // Reporting the month again replaces that task's figure.
    const again = await t.call(USERS.xuanwu, 'PUT', `/api/plans/${id}/progress/${MONTH}`, { entries: [{ taskId: 'T1', doneQuantity: 11 }] });
    expect(again.body.progress).toEqual([
      { taskId: 'T1', month: MONTH, doneQuantity: 11, note: null, attachmentIds: [] },
      { taskId: 'T2', month: MONTH, doneQuantity: 1, note: null, attachmentIds: [] },
    ]);
  });

  it('refuses bad months, unknown tasks, unfiled plans and other units', async () => {
    const id = plans['agency-320102'];
    const month13 = await t.call(USERS.xuanwu, 'PUT', `/api/plans/${id}/progress/13`, { entries: [{ taskId: 'T1', doneQuantity: 1 }] });
    expect(month13.body.error.code).toBe('plan_progress_month_range');
    if (MONTH < 12) {
      const future = await t.call(USERS.xuanwu, 'PUT', `/api/plans/${id}/progress/${MONTH + 1}`, { entries: [{ taskId: 'T1', doneQuantity: 1 }] });
      expect(future.body.error.code).toBe('plan_progress_month_future');
    }
    const unknown = await t.call(USERS.xuanwu, 'PUT', `/api/plans/${id}/progress/${MONTH}`, { entries: [{ taskId: 'T9', doneQuantity: 1 }] });
    expect(unknown.body.error.code).toBe('plan_progress_task_unknown');
    const negative = await t.call(USERS.xuanwu, 'PUT', `/api/plans/${id}/progress/${MONTH}`, { entries: [{ taskId: 'T1', doneQuantity: -2 }] });
    expect(negative.body.error.code).toBe('plan_progress_quantity_invalid');
    const attachment = await t.call(USERS.xuanwu, 'PUT', `/api/plans/${id}/progress/${MONTH}`, {
      entries: [{ taskId: 'T1', doneQuantity: 1, attachmentIds: ['00000000-0000-4000-8000-000000000009'] }],
    });
    expect(attachment.body.error.code).toBe('plan_progress_attachment_unknown');
    const unfiled = await t.call(USERS.gusu, 'PUT', `/api/plans/${plans['agency-320508']}/progress/${MONTH}`, { entries: [{ taskId: 'T1', doneQuantity: 1 }] });
    expect(unfiled.status).toBe(409);
    expect(unfiled.body.error).toMatchObject({ code: 'plan_progress_not_filed', details: { status: 'draft' } });
    const city = await t.call(USERS.nanjing, 'PUT', `/api/plans/${id}/progress/${MONTH}`, { entries: [{ taskId: 'T1', doneQuantity: 1 }] });
    expect(city.body.error.code).toBe('plan_not_drafting_unit');
  });

  it('attaches the unit’s own evidence', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.7\n检查记录\n%%EOF'))]), '检查记录.pdf');
    const upload = await fetch(`${t.baseUrl}/api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await t.keys.token(USERS.xuanwu)}` },
      body: form,
    });
    const { id: attachmentId } = (await upload.json()) as { id: string };
    const res = await t.call(USERS.xuanwu, 'PUT', `/api/plans/${plans['agency-320102']}/progress/${MONTH}`, {
      entries: [{ taskId: 'T2', doneQuantity: 1, attachmentIds: [attachmentId] }],
    });
    expect(res.status).toBe(200);
    expect(res.body.progress.find((p: { taskId: string }) => p.taskId === 'T2').attachmentIds).toEqual([attachmentId]);
  });
});

describe('filing board', () => {
  // Xuanwu's revised schedule plans 13 inspections a month (count target); it reported 11 this month.
  const plannedXuanwu = 13 * MONTH;
  // Nanjing's own plan plans 10 a month and reported nothing.
  const plannedNanjing = 10 * MONTH;

  it('the province sees every city, with counts per status, overdue and planned vs done', async () => {
    const res = await t.call(USERS.province, 'GET', `/api/plans/board?year=${YEAR}`);
    expect(res.status).toBe(200);
    const board = res.body;
    expect(board.region).toEqual({ code: '32', name: '江苏省', level: 'province' });
    expect(board.totals).toEqual({ not_started: UNITS - 3, draft: 1, submitted: 0, forwarded: 0, returned: 0, filed: 2, closed: 0, overdue: 0, units: UNITS });
    expect(board.rows).toHaveLength(13);
    const nanjing = board.rows.find((r: { regionCode: string }) => r.regionCode === '3201');
    expect(nanjing).toMatchObject({
      regionName: '南京市',
      level: 'city',
      drillable: true,
      statusCounts: { not_started: 10, draft: 0, submitted: 0, forwarded: 0, returned: 0, filed: 2, closed: 0, overdue: 0, units: 12 },
      plannedToDate: plannedXuanwu + plannedNanjing,
      doneToDate: 11,
      plan: { unitId: 'agency-3201', status: 'filed', level: 'city', plannedToDate: plannedNanjing, doneToDate: 0 },
    });
    const suzhou = board.rows.find((r: { regionCode: string }) => r.regionCode === '3205');
    expect(suzhou.statusCounts).toMatchObject({ draft: 1, units: 11 });
  });

  it('drills down to a city: its own unit first, then its counties', async () => {
    const res = await t.call(USERS.province, 'GET', `/api/plans/board?year=${YEAR}&regionCode=3201`);
    expect(res.body.region).toEqual({ code: '3201', name: '南京市', level: 'city' });
    expect(res.body.rows).toHaveLength(12);
    expect(res.body.rows[0]).toMatchObject({ regionCode: '3201', level: 'city', drillable: false, statusCounts: { filed: 1, units: 1 } });
    const xuanwu = res.body.rows.find((r: { regionCode: string }) => r.regionCode === '320102');
    expect(xuanwu).toMatchObject({
      regionName: '玄武区',
      level: 'county',
      drillable: false,
      statusCounts: { filed: 1, units: 1 },
      plannedToDate: plannedXuanwu,
      doneToDate: 11,
      plan: { id: plans['agency-320102'], status: 'filed', plannedToDate: plannedXuanwu, doneToDate: 11 },
    });
    expect(res.body.totals.units).toBe(12);
    const own = await t.call(USERS.nanjing, 'GET', `/api/plans/board?year=${YEAR}`);
    expect(own.body).toEqual(res.body);
  });

  it('a county sees its own row; the nation sees provinces', async () => {
    const xuanwu = await t.call(USERS.xuanwu, 'GET', `/api/plans/board?year=${YEAR}`);
    expect(xuanwu.body.rows).toEqual([expect.objectContaining({ regionCode: '320102', plan: expect.objectContaining({ status: 'filed' }) })]);
    const nation = await t.call(USERS.nation, 'GET', `/api/plans/board?year=${YEAR}`);
    expect(nation.body.region.level).toBe('nation');
    const jiangsu = nation.body.rows.find((r: { regionCode: string }) => r.regionCode === '32');
    expect(jiangsu).toMatchObject({ level: 'province', drillable: true, plan: null, statusCounts: { units: UNITS } });
    expect(nation.body.rows.find((r: { regionCode: string }) => r.regionCode === '11')).toMatchObject({ drillable: false, statusCounts: { units: 0 } });
  });

  it('tells a region with no plan of its own whether its province opened the year (issue 16)', async () => {
    // Jiangsu opens the coming year; Xuanwu has no plan of it (as a unit created after the opening).
    expect((await t.call(USERS.province, 'POST', '/api/plan-cycles', { year: YEAR + 1 })).status).toBe(201);
    const dropXuanwu = `with p as (select id from annual_plan where year = $1 and region_path = '/32/3201/320102/'),
      h as (delete from annual_plan_history where plan_id in (select id from p)),
      g as (delete from annual_plan_progress where plan_id in (select id from p))
      delete from annual_plan where id in (select id from p)`;
    await ownerRows(t.db, dropXuanwu, [YEAR + 1]);
    try {
      const xuanwu = (await t.call(USERS.xuanwu, 'GET', `/api/plans/board?year=${YEAR + 1}`)).body;
      expect(xuanwu).toMatchObject({ cycleOpened: true, totals: { units: 0 } });
      // Zhejiang opened nothing that year: its county is told planning was not opened.
      expect((await t.call(USERS.xihu, 'GET', `/api/plans/board?year=${YEAR + 1}`)).body).toMatchObject({ cycleOpened: false, totals: { units: 0 } });
      expect((await t.call(USERS.xuanwu, 'GET', `/api/plans/board?year=${YEAR}`)).body).toMatchObject({ cycleOpened: true, totals: { units: 1 } });
    } finally {
      // The other tests know one year only.
      await ownerRows(t.db, `with p as (select id from annual_plan where year = $1),
        h as (delete from annual_plan_history where plan_id in (select id from p)),
        g as (delete from annual_plan_progress where plan_id in (select id from p))
        delete from annual_plan where id in (select id from p)`, [YEAR + 1]);
    }
  });
});

describe('exports', () => {
  async function download(user: TestUser, path: string) {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${await t.keys.token(user)}` } });
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
  }

  it('the Excel workbook has the plan sheet and the schedule sheet with planned and done by month', async () => {
    const res = await download(USERS.nanjing, `/api/plans/${plans['agency-320102']}/export.xlsx`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('spreadsheetml');
    expect(decodeURIComponent(res.disposition!)).toContain(`南京市玄武区医疗保险管理中心${YEAR}年度医疗保障基金监管方案.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(res.body).buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['方案', '配档表']);
    const plan = book.getWorksheet('方案')!;
    expect(plan.getCell('A1').value).toBe(`南京市玄武区医疗保险管理中心${YEAR}年度医疗保障基金监管方案`);
    const column = (plan.getColumn(1).values as unknown[]).map(String);
    for (const section of ['一、工作目标', '二、重点领域', '三、工作方法', '四、步骤安排', '五、责任人']) expect(column).toContain(section);
    expect(column).toContain('1. 分解收费、超标准收费、重复收费（二级及以上公立医院）');
    expect(column).toContain('张伟');

    const grid = book.getWorksheet('配档表')!;
    expect((grid.getRow(1).values as unknown[]).slice(1)).toEqual([
      '序号', '工作任务', '责任人（处室）', '对应工作目标', '类别',
      '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '全年合计',
    ]);
    expect((grid.getRow(2).values as unknown[]).slice(1)).toEqual([1, '定点医药机构现场检查', '稽核科', '现场检查家次', '计划', ...Array(12).fill(13), 156]);
    const done = grid.getRow(3);
    expect(done.getCell(5).value).toBe('完成');
    expect(done.getCell(5 + MONTH).value).toBe(11);
    expect(done.getCell(18).value).toBe(11);
  });

  it('the PDF is a PDF', async () => {
    const res = await download(USERS.xuanwu, `/api/plans/${plans['agency-320102']}/export.pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.body.subarray(0, 4).toString()).toBe('%PDF');
    const notStarted = await download(USERS.province, `/api/plans/${plans['agency-320104']}/export.pdf`);
    expect(notStarted.body.subarray(0, 4).toString()).toBe('%PDF');
  });
});

describe('the clock and the clerk', () => {
  it('the plan flagged overdue while the clerk edits does not void the clerk’s save', async () => {
    const id = plans['agency-320104'];
    const clerk: TestUser = { sub: 'u-qh', username: 'qh.staff', roles: ['county_staff'], regionPath: '/32/3201/320104/', orgId: 'agency-320104', orgKind: 'agency' };
    const { version } = await detail(clerk, id);
    const flagged = await t.app.get(Commands).execute(new MarkPlanOverdueCommand(systemActor('test-clock'), id));
    expect(flagged).toBe(true);
    const saved = await t.call(clerk, 'PUT', `/api/plans/${id}/draft`, { content: content(), schedule: schedule(), version });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', overdue: true });
  });
});
