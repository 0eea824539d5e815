import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Actor } from '../../src/kernel/actor.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { DashboardProjector } from '../../src/contexts/dashboards/infrastructure/dashboard-projector.js';
import { DeemFindingsConfirmedCommand, MarkDecisionRectificationOverdueCommand } from '../../src/contexts/findings/application/commands.js';
import { MarkDisputeLevelOverdueCommand } from '../../src/contexts/disputes/application/commands.js';
import { MarkSpotCheckOverdueCommand } from '../../src/contexts/spot-checks/application/commands.js';
import {
  CreateSelfInspectionTasksCommand,
  EscalateMissingSelfInspectionsCommand,
  OpenCampaignPhaseCommand,
} from '../../src/contexts/campaigns/application/commands.js';
import { MarkPlanOverdueCommand } from '../../src/contexts/annual-plans/application/commands.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { USERS, type TestUser } from '../support/tokens.js';

// Issue 7, the dashboards' projection (docs/api/dashboards-and-monthly-reports.md §1–§2): real
// commands → outbox → DashboardProjector.drain() → exact counter moves; a scenario projected
// incrementally equals a rebuild from the records; the API (periods, scope, children, items, last
// year) and row-level security on the read model.

let t: TestApp;
const today = chinaDateOf(new Date());
const YEAR = Number(today.slice(0, 4));
const MONTH = today.slice(0, 7);
const province = USERS.province as TestUser;
const JS_LEADER: TestUser = { sub: 'u-js-lead', username: 'js.leader', roles: ['leader'], regionPath: '/32/', orgId: 'bureau-32', orgKind: 'bureau' };
const NJ_LEADER: TestUser = { sub: 'u-nj-lead', username: 'nj.leader', roles: ['leader'], regionPath: '/32/3201/', orgId: 'bureau-3201', orgKind: 'bureau' };
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const SECRETS = ['见证人甲-dash-1', 'witness-dash-2', 'witness-dash-3'];
const WITNESSES = [{ name: '王监督' }, { name: '李代表' }, { name: '赵律师' }];

const actorOf = (u: TestUser): Actor => ({
  userId: u.sub, username: u.username, displayName: u.username, roles: u.roles as Actor['roles'],
  regionPath: u.regionPath, organizationId: u.orgId, organizationKind: u.orgKind,
});
const clock = <R>(cmd: Parameters<Commands['execute']>[0]) => t.app.get(Commands).execute(cmd) as Promise<R>;
const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);
const projector = () => t.app.get(DashboardProjector);
const clerkOf = (id: string, regionPath: string): TestUser => ({ sub: `u-${id}`, username: `${id}.clerk`, roles: ['institution_clerk'], regionPath, orgId: id, orgKind: 'institution' });
const agencyOf = (county: string, suffix = ''): TestUser => ({
  sub: `u-agency-${county}${suffix}`, username: `agency.${county}${suffix}`, roles: ['county_staff'],
  regionPath: `/32/${county.slice(0, 4)}/${county}/`, orgId: `agency-${county}`, orgKind: 'agency',
});

/** Province-wide cube totals by metric. */
async function cube(): Promise<Record<string, number>> {
  const rows = await owner<{ metric: string; v: string }>(`select metric, sum(value)::text as v from dash_cube group by metric`);
  return Object.fromEntries(rows.map((r) => [r.metric, Number(r.v)]));
}
/** Runs an action, drains the projector, and returns the metrics that moved (and by how much). */
async function moved(action: () => Promise<unknown>): Promise<Record<string, number>> {
  await projector().drain();
  const before = await cube();
  await action();
  const r = await projector().drain();
  expect(r.unknownEvents).toBe(0);
  const after = await cube();
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const d = Math.round(((after[k] ?? 0) - (before[k] ?? 0)) * 100) / 100;
    if (d !== 0) out[k] = d;
  }
  return out;
}
async function snapshot() {
  const facts = await owner(`select kind, item_id, region_path, owner_org_id, city_code, county_code, institution_id, institution_kind,
      to_char(month, 'YYYY-MM-DD') as month, ref_id, ref_label, ref_status, status, metrics::text as metrics from dash_fact order by kind, item_id`);
  const cubeRows = await owner(`select region_code, to_char(month, 'YYYY-MM-DD') as month, metric, value::text as value, region_path, owner_org_id
      from dash_cube order by region_code, month, metric`);
  return { facts, cube: cubeRows };
}

beforeAll(async () => {
  t = await startTestApp({ campaignCalendar: 'flexible' });
  await projector().rebuild();
});
afterAll(() => t?.close());

let spotCheckId = '';
let inspections: { id: string; institution_id: string; region_path: string; county: string }[] = [];
let target: (typeof inspections)[number];
let findings: string[] = [];
let decisionId = '';
let suspensionId = '';
let disputeId = '';

describe('events → counters (each event type driven by its real command)', () => {
  it('SpotCheckCreated / SpotCheckCommitted count nothing; SpotCheckDrawn opens one inspection per selection', async () => {
    const none = await moved(async () => {
      const res = await t.call(province, 'POST', '/api/spot-checks', { year: YEAR, title: `${YEAR}年度看板测试抽查`, witnesses: WITNESSES, parameters: { teamSize: 2 } });
      expect(res.status).toBe(201);
      spotCheckId = res.body.id;
      expect((await t.call(province, 'POST', `/api/spot-checks/${spotCheckId}/commit`, { witnessCommitments: SECRETS.map(sha256) })).status).toBe(200);
    });
    expect(none).toEqual({});
    let drawn = 0;
    const d = await moved(async () => {
      const res = await t.call(province, 'POST', `/api/spot-checks/${spotCheckId}/draw`, { witnessSecrets: SECRETS });
      expect(res.status).toBe(200);
      drawn = res.body.drawn;
    });
    expect(drawn).toBeGreaterThan(10);
    expect(d).toEqual({ inspections_open: drawn });
    inspections = await owner(`select id, institution_id, region_path, split_part(region_path, '/', 4) as county from inspection where spot_check_id = $1 order by draw_order`, [spotCheckId]);
    target = inspections[0]!;
  });

  it('InspectionRecorded moves the inspection to the month inspected; InspectionSent + FindingsRaised count it and its findings', async () => {
    const [{ items }] = await owner<{ items: string[] }>(`select checklist_items as items from inspection where id = $1`, [target.id]);
    const rec = await moved(async () => {
      const res = await t.call(province, 'PUT', `/api/inspections/${target.id}`, {
        inspectedOn: today, checklist: items.map((item) => ({ item, result: 'deficient' })), attachmentIds: [],
        findings: [
          { type: '串换药品', description: '串换', amount: 1000, attachmentIds: [] },
          { type: '重复收费', description: '重复', amount: 200.5, attachmentIds: [] },
          { type: '分解收费', description: '分解', amount: 300, attachmentIds: [] },
          { type: '虚记项目', description: '虚记', amount: 40, attachmentIds: [] },
        ],
      });
      expect([res.status, res.body.error]).toEqual([200, undefined]);
    });
    expect(rec).toEqual({});
    const [fact] = await owner<{ month: string }>(`select to_char(month, 'YYYY-MM') as month from dash_fact where kind = 'inspection' and item_id = $1`, [target.id]);
    expect(fact!.month).toBe(MONTH);
    const sent = await moved(async () => {
      expect((await t.call(province, 'POST', `/api/inspections/${target.id}/send`)).status).toBe(200);
    });
    expect(sent).toEqual({ inspections: 1, inspections_open: -1, findings: 4, finding_amount: 1540.5, findings_awaiting: 4 });
    findings = (await owner<{ id: string }>(`select id from finding where source_id = $1 order by source_index`, [target.id])).map((r) => r.id);
  });

  it('FindingConfirmed, FindingAppealed, FindingAppealReviewed', async () => {
    const clerk = clerkOf(target.institution_id, target.region_path);
    expect(await moved(async () => expect((await t.call(clerk, 'POST', `/api/findings/${findings[0]}/confirm`)).status).toBe(200)))
      .toEqual({ findings_confirmed: 1, recovered_amount: 1000, findings_awaiting: -1 });
    expect(await moved(async () => expect((await t.call(clerk, 'POST', `/api/findings/${findings[1]}/appeal`, { reasons: '收费合规', attachmentIds: [] })).status).toBe(200)))
      .toEqual({ findings_appealed: 1, findings_awaiting: -1 });
    expect(await moved(async () => expect((await t.call(agencyOf(target.county), 'POST', `/api/findings/${findings[1]}/appeal-review`, { outcome: 'upheld', comment: '申诉成立' })).status).toBe(200)))
      .toEqual({ findings_withdrawn: 1 });
  });

  it('FindingsDeemedConfirmed (the feedback deadline passed)', async () => {
    const d = await moved(() => clock(new DeemFindingsConfirmedCommand(actorOf(province), target.id, new Date(Date.now() + 30 * 86_400_000))));
    expect(d).toEqual({ findings_deemed: 2, findings_confirmed: 2, recovered_amount: 340, findings_awaiting: -2 });
  });

  it('DecisionCreated: a minor decision in effect at once (its findings decided: still confirmed)', async () => {
    const d = await moved(async () => {
      const res = await t.call(agencyOf(target.county), 'POST', '/api/decisions', {
        findingIds: [findings[0]], measures: [{ kind: 'talk' }, { kind: 'refuse_payment', amount: 5000 }], basis: '服务协议第三十条',
      });
      expect(res.status).toBe(201);
      decisionId = res.body.id;
    });
    expect(d).toEqual({ decisions: 1, measure_talk: 1, measure_refuse_payment: 1, refused_amount: 5000 });
    const [f] = await owner<{ status: string }>(`select status from dash_fact where kind = 'finding' and item_id = $1`, [findings[0]]);
    expect(f!.status).toBe('decided');
  });

  it('DecisionCreated (major, pending legal review) then DecisionTransitioned (approved: settlement suspended)', async () => {
    const created = await moved(async () => {
      const res = await t.call(agencyOf(target.county), 'POST', '/api/decisions', {
        findingIds: [findings[2]], measures: [{ kind: 'suspend_settlement', rectificationDue: addCalendarDays(today, 30) }], basis: '服务协议第三十二条',
      });
      expect(res.status).toBe(201);
      suspensionId = res.body.id;
    });
    expect(created).toEqual({ decisions: 1, decisions_major: 1, measure_suspend_settlement: 1 });
    const approved = await moved(async () => {
      const res = await t.call(agencyOf(target.county, '-legal'), 'POST', `/api/decisions/${suspensionId}/legal-review`, { approved: true, comment: '同意' });
      expect(res.status).toBe(200);
    });
    expect(approved).toEqual({ settlement_suspended: 1 });
  });

  it('DecisionRectificationOverdue', async () => {
    const d = await moved(() => clock(new MarkDecisionRectificationOverdueCommand(actorOf(agencyOf(target.county)), suspensionId, new Date(Date.now() + 40 * 86_400_000))));
    expect(d).toEqual({ rectification_overdue: 1 });
  });

  it('DisputeFiled, DisputeLevelOverdue, DisputeDecided, DisputeEscalated', async () => {
    const clerk = clerkOf(target.institution_id, target.region_path);
    const filed = await moved(async () => {
      const res = await t.call(clerk, 'POST', '/api/disputes', { decisionId, party: 'institution', reasons: '处理过重', attachmentIds: [] });
      expect(res.status).toBe(201);
      disputeId = res.body.id;
    });
    expect(filed).toEqual({ disputes: 1, disputes_open: 1, disputes_open_county: 1 });
    const countyBureau: TestUser = { sub: 'u-cb', username: 'county.bureau', roles: ['county_staff'], regionPath: target.region_path, orgId: `bureau-${target.county}`, orgKind: 'bureau' };
    expect(await moved(() => clock(new MarkDisputeLevelOverdueCommand(actorOf(countyBureau), disputeId, 0)))).toEqual({ disputes_overdue: 1 });
    expect(await moved(async () => expect((await t.call(countyBureau, 'POST', `/api/disputes/${disputeId}/decide`, { outcome: 'upheld', reasoning: '事实清楚' })).status).toBe(200)))
      .toEqual({ disputes_overdue: -1 });
    expect(await moved(async () => expect((await t.call(clerk, 'POST', `/api/disputes/${disputeId}/escalate`, { reasons: '不服' })).status).toBe(200)))
      .toEqual({ disputes_open_county: -1, disputes_open_city: 1 });
  });

  it('SpotCheckOverdue flags the unsent inspections', async () => {
    const d = await moved(() => clock(new MarkSpotCheckOverdueCommand(actorOf(province), spotCheckId)));
    expect(d).toEqual({ inspections_overdue: inspections.length - 1 });
  });
});

describe('campaign tasks (events added by issue 7 to bulk SQL paths)', () => {
  let campaignId = '';
  let tasks = 0;
  it('CampaignCreated counts nothing; SelfInspectionTasksCreated counts the city page; CampaignPhaseOpened moves their phase', async () => {
    const openToday = {
      planFiledBy: addCalendarDays(today, -3), selfInspectionStart: addCalendarDays(today, -1), selfInspectionEnd: addCalendarDays(today, 20),
      spotCheckStart: addCalendarDays(today, 21), spotCheckEnd: addCalendarDays(today, 40), summaryDue: addCalendarDays(today, 50),
    };
    expect(await moved(async () => {
      const res = await t.call(province, 'POST', '/api/campaigns', {
        year: YEAR, title: `${YEAR}年看板测试专项治理`, focusAreas: [{ code: 'pharmacy_card_misuse' }], institutionKinds: ['pharmacy', 'clinic', 'hospital'],
        cityCodes: ['3201'], calendar: openToday,
      });
      expect(res.status).toBe(201);
      campaignId = res.body.id;
      expect((await t.call(province, 'POST', `/api/campaigns/${campaignId}/assign`)).status).toBe(201);
    })).toEqual({});
    const created = await moved(async () => {
      const r = await clock<{ created: number }>(new CreateSelfInspectionTasksCommand(actorOf(province), campaignId, '3201', null, 5000));
      tasks = r.created;
    });
    expect(tasks).toBeGreaterThan(0);
    expect(created).toEqual({ si_tasks: tasks });
    expect(await moved(() => clock(new OpenCampaignPhaseCommand(actorOf(province), campaignId, 'self_inspection')))).toEqual({});
    const phases = await owner<{ p: string }>(`select distinct ref_status as p from dash_fact where kind = 'self_inspection' and ref_id = $1`, [campaignId]);
    expect(phases).toEqual([{ p: 'self_inspection' }]);
  });

  it('SelfInspectionDrafted, SelfInspectionSubmitted, SelfInspectionsMarkedMissing', async () => {
    const [task] = await owner<{ id: string; owner_org_id: string; region_path: string }>(
      `select id, owner_org_id, region_path from self_inspection where campaign_id = $1 order by id limit 1`, [campaignId]);
    const clerk = clerkOf(task!.owner_org_id, task!.region_path);
    expect(await moved(async () => expect((await t.call(clerk, 'PUT', `/api/self-inspections/${task!.id}`, { report: '已自查', refundedAmount: 1200, issues: [], attachmentIds: [] })).status).toBe(200)))
      .toEqual({});
    const [f] = await owner<{ status: string }>(`select status from dash_fact where kind = 'self_inspection' and item_id = $1`, [task!.id]);
    expect(f!.status).toBe('draft');
    expect(await moved(async () => expect((await t.call(clerk, 'POST', `/api/self-inspections/${task!.id}/submit`)).status).toBe(201)))
      .toEqual({ si_submitted: 1, refunded_amount: 1200 });
    expect(await moved(() => clock(new EscalateMissingSelfInspectionsCommand(actorOf(province), campaignId, '3201')))).toEqual({ si_missing: tasks - 1 });
  });
});

describe('annual plans', () => {
  it('AnnualPlanOpened (the year opened: one event per plan) and AnnualPlanMarkedOverdue', async () => {
    let plans = 0;
    const opened = await moved(async () => {
      const res = await t.call(province, 'POST', '/api/plan-cycles', { year: YEAR });
      expect(res.status).toBe(201);
      plans = res.body.plans;
    });
    expect(plans).toBeGreaterThan(13);
    expect(opened).toEqual({ plans, plans_not_started: plans });
    const [plan] = await owner<{ id: string }>(`select id from annual_plan where owner_org_id = 'agency-320102' and year = $1`, [YEAR]);
    expect(await moved(() => clock(new MarkPlanOverdueCommand(actorOf(province), plan!.id)))).toEqual({ plans_overdue: 1 });
  });
});

describe('incremental projection = rebuild', () => {
  it('the projected read model equals a rebuild from the records, and the comparison can fail', async () => {
    await projector().drain();
    const incremental = await snapshot();
    expect(incremental.facts.length).toBeGreaterThan(100);
    const counts = await projector().rebuild();
    expect(counts.eventsMarked).toBe(0);
    const rebuilt = await snapshot();
    expect(rebuilt).toEqual(incremental);

    // a corrupted cube row is not what a rebuild produces
    await owner(`update dash_cube set value = value + 1 where metric = 'findings'`);
    const corrupted = await snapshot();
    await projector().rebuild();
    const again = await snapshot();
    expect(again).not.toEqual(corrupted);
    expect(again).toEqual(incremental);
  });

  it('is idempotent: replaying every event changes nothing', async () => {
    const before = await snapshot();
    await owner(`update outbox_message set projected_at = null`);
    const r = await projector().drain();
    expect(r.events).toBeGreaterThan(10);
    expect(await snapshot()).toEqual(before);
  });
});

describe('GET /api/dashboards', () => {
  it('parses periods with bilingual 400s and refuses a region outside the actor\'s subtree', async () => {
    for (const p of ['2026-13', '26', '2026-Q5', '2026-7', 'abc']) {
      const res = await t.call(JS_LEADER, 'GET', `/api/dashboards?period=${p}`);
      expect({ p, status: res.status, code: res.body.error?.code, field: res.body.error?.details?.field }).toEqual({ p, status: 400, code: 'invalid_period', field: 'period' });
      expect(res.body.error.message.zh).toContain('统计期间');
    }
    const out = await t.call(NJ_LEADER, 'GET', '/api/dashboards?region=3205');
    expect({ status: out.status, code: out.body.error?.code }).toEqual({ status: 404, code: 'region_not_found' });
    expect((await t.call(clerkOf('inst-320102-0001', '/32/3201/320102/'), 'GET', '/api/dashboards')).status).toBe(403);
  });

  it('the province: totals, cities as children (zeros included), months, coverage', async () => {
    const res = await t.call(JS_LEADER, 'GET', `/api/dashboards?period=${YEAR}`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.region).toEqual({ code: '32', name: '江苏省', level: 'province', path: '/32/' });
    expect(d.childLevel).toBe('city');
    expect(d.children).toHaveLength(13);
    const all = await cube();
    expect(d.totals.findings).toBe(all.findings);
    expect(d.totals.inspections).toBe(1);
    expect(d.totals.overdue).toBe(d.totals.inspections_overdue + d.totals.rectification_overdue + d.totals.si_missing + d.totals.plans_overdue + d.totals.disputes_overdue);
    // no province-level item in this scenario: the cities add up to the province, metric by metric
    for (const k of Object.keys(d.totals)) expect([k, d.children.reduce((s: number, c: any) => s + c.metrics[k], 0)]).toEqual([k, expect.closeTo(d.totals[k], 2)]);
    expect(d.byMonth).toHaveLength(12);
    expect(d.byMonth.find((m: any) => m.month === MONTH).findings).toBe(4);
    expect(d.coverage.inspected).toBe(1);
    expect(d.coverage.institutions).toBeGreaterThan(100);
    expect(d.period).toEqual({ kind: 'year', key: String(YEAR), from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
    expect(d.compare.key).toBe(String(YEAR - 1));
    expect(d.totalsLastYear.findings).toBe(0);
  });

  it('a city leader: its totals are the sum of its counties; a county\'s children are its institutions', async () => {
    const city = target.county.slice(0, 4);
    const leader: TestUser = { ...NJ_LEADER, regionPath: `/32/${city}/`, orgId: `bureau-${city}` };
    const d = (await t.call(leader, 'GET', `/api/dashboards?period=${MONTH}`)).body;
    expect(d.childLevel).toBe('county');
    for (const k of ['findings', 'finding_amount', 'decisions', 'disputes', 'inspections', 'inspections_overdue', 'si_tasks']) {
      expect(d.children.reduce((s: number, c: any) => s + c.metrics[k], 0)).toBeCloseTo(d.totals[k], 2);
    }
    expect(d.totals.findings).toBe(4);
    const county = (await t.call(leader, 'GET', `/api/dashboards?region=${target.county}&period=${MONTH}`)).body;
    expect(county.childLevel).toBe('institution');
    expect(county.breadcrumbs.map((b: any) => b.code)).toEqual([city, target.county]);
    const row = county.children.find((c: any) => c.code === target.institution_id);
    expect(row).toMatchObject({ level: 'institution', drillable: false, coverage: { institutions: 1, inspected: 1, ratio: 1 } });
    expect(row.metrics.findings).toBe(4);
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int as n from organization where kind = 'institution' and region_code = $1`, [target.county]);
    expect(county.children).toHaveLength(n);
  });

  it('the items behind a number match the number; unknown metric → 400', async () => {
    const d = (await t.call(JS_LEADER, 'GET', `/api/dashboards?period=${YEAR}`)).body;
    for (const metric of ['findings', 'decisions', 'si_missing', 'overdue']) {
      const res = await t.call(JS_LEADER, 'GET', `/api/dashboards/items?period=${YEAR}&metric=${metric}&size=200`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBeLessThanOrEqual(200);
      expect([metric, res.body.items.reduce((s: number, i: any) => s + i.value, 0)]).toEqual([metric, d.totals[metric]]);
    }
    const f = await t.call(JS_LEADER, 'GET', `/api/dashboards/items?period=${YEAR}&metric=findings`);
    expect(f.body.total).toBe(4);
    expect(f.body.items[0]).toMatchObject({ kind: 'finding', institutionId: target.institution_id, month: MONTH });
    const bad = await t.call(JS_LEADER, 'GET', `/api/dashboards/items?metric=nope`);
    expect({ status: bad.status, code: bad.body.error?.code }).toEqual({ status: 400, code: 'invalid_metric' });
  });

  it('compares with last year: a finding moved to last year shows in totalsLastYear', async () => {
    await owner(`update finding set created_at = created_at - interval '1 year' where id = $1`, [findings[3]]);
    await projector().refresh('finding', [findings[3]!]);
    const d = (await t.call(JS_LEADER, 'GET', `/api/dashboards?period=${MONTH}`)).body;
    expect(d.totals.findings).toBe(3);
    expect(d.totalsLastYear.findings).toBe(1);
    expect(d.byMonth[0].lastYearFindings).toBe(1);
    await owner(`update finding set created_at = created_at + interval '1 year' where id = $1`, [findings[3]]);
    await projector().refresh('finding', [findings[3]!]);
  });

  it('exports the workbook', async () => {
    const res = await fetch(`${t.baseUrl}/api/dashboards/export.xlsx?period=${YEAR}`, { headers: { authorization: `Bearer ${await t.keys.token(JS_LEADER)}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });

  it('row-level security: a city scope sees nothing of another city in the read model, whatever it asks', async () => {
    const other = target.county.startsWith('3205') ? '/32/3201/' : '/32/3205/';
    const mine = `/32/${target.county.slice(0, 4)}/`;
    const c = new pg.Client({ connectionString: t.db.appUrl });
    await c.connect();
    try {
      await c.query('begin');
      await c.query(`select set_config('app.region_path', $1, true), set_config('app.organization_id', '', true)`, [other]);
      const leak = await c.query(`select count(*)::int as n from dash_fact where region_path like $1`, [`${mine}%`]);
      const leakCube = await c.query(`select count(*)::int as n from dash_cube where region_path like $1`, [`${mine}%`]);
      expect([leak.rows[0].n, leakCube.rows[0].n]).toEqual([0, 0]);
      await c.query('rollback');
    } finally {
      await c.end();
    }
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int as n from dash_fact where region_path like $1`, [`${mine}%`]);
    expect(n).toBeGreaterThan(0);
  });
});
