import pg from 'pg';
import { addCalendarDays, addWorkingDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import {
  MarkRectificationOverdueCommand,
  MarkSelfAssessmentOverdueCommand,
  SendAuditNoticeCommand,
  StartFieldworkCommand,
} from '../../src/contexts/internal-control/application/commands.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { actorOf, NJ_BUREAU, type TestUser, USERS } from '../support/tokens.js';

// Issue 6 over HTTP (docs/api/internal-control-audits.md): plan → audits → publish (coverage of
// every agency) → the clock's steps (run here as the activities would) → self-assessment → staff
// posts → fieldwork → findings (with the segregation-of-duties detector's) → rectification →
// verification (rejected, resubmitted, verified) → closed → follow-up; tenancy throughout. The
// provincial agency (省医保中心, seed 003 五(三) 辖区内经办机构; DOMAIN.md correction 8) is audited like
// the city and county agencies, and its staff answer its self-assessment.

let t: TestApp;
const today = chinaDateOf(new Date());
const YEAR = Number(today.slice(0, 4));
const AGENCIES = 118; // the provincial agency, 13 city and 104 county agencies of Jiangsu in the seed
/** js.agency: staff of the provincial agency (江苏省医疗保险基金管理中心). */
const JS_AGENCY: TestUser = { sub: 'u-jsa', username: 'js.agency', roles: ['city_agency_staff'], regionPath: '/32/', orgId: 'agency-32', orgKind: 'agency' };
const dates = { noticeDate: `${YEAR}-06-01`, selfAssessmentDue: `${YEAR}-06-12`, fieldworkStart: `${YEAR}-06-15`, fieldworkEnd: `${YEAR}-06-26` };
const due = addCalendarDays(today, 30);

let planId = '';
let xuanwuAudit = '';
let nanjingAudit = '';
let provinceAgencyAudit = '';
let inspectors: { id: string; organization_id: string }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  inspectors = await owner(`select id, organization_id from inspector where active order by id`);
});
afterAll(() => t?.close());

function owner<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return ownerQuery<T>(t.db, sql, params);
}

const province = USERS.province as TestUser;
const clock = (cmd: Parameters<Commands['execute']>[0]) => t.app.get(Commands).execute(cmd);
const teamFor = (agencyId: string, n = 2) => inspectors.filter((i) => i.organization_id !== agencyId).slice(0, n).map((i) => i.id);

async function audit(user: TestUser, id: string) {
  const res = await t.call(user, 'GET', `/api/ic/audits/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function inbox(user: TestUser): Promise<string[]> {
  const res = await t.call(user, 'GET', '/api/notifications');
  return res.body.items.map((n: { titleZh: string }) => n.titleZh);
}

describe('internal control audits', () => {
  it('serves the default checklist (12 items over the five areas, no payment without a review record)', async () => {
    const res = await t.call(USERS.xuanwu, 'GET', '/api/ic/checklist');
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(res.body.items).toHaveLength(12);
    expect(new Set(res.body.items.map((i: { area: string }) => i.area)).size).toBe(5);
    expect(res.body.items).toContainEqual(expect.objectContaining({ area: 'payment_records', text: expect.stringContaining('无审核记录不得支付') }));
    expect((await t.call(USERS.hospital, 'GET', '/api/ic/checklist')).status).toBe(403);
  });

  it('creates the plan (province only)', async () => {
    const body = { year: YEAR, title: `${YEAR}年度医保经办机构内部控制检查计划`, periodStart: `${YEAR}-01-01`, periodEnd: `${YEAR}-12-31` };
    expect((await t.call(USERS.nanjing, 'POST', '/api/ic/plans', body)).status).toBe(403);
    const res = await t.call(province, 'POST', '/api/ic/plans', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ year: YEAR, status: 'draft', audits: [] });
    expect(res.body.uncoveredAgencies).toHaveLength(AGENCIES);
    planId = res.body.id;
    const again = await t.call(province, 'POST', '/api/ic/plans', body);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ic_plan_exists');
  });

  it('validates audits: team size, team members from the audited agency, dates, agency', async () => {
    const add = (body: Record<string, unknown>) => t.call(province, 'POST', `/api/ic/plans/${planId}/audits`, { agencyId: 'agency-3201', ...dates, teamInspectorIds: teamFor('agency-3201'), ...body });
    const own = inspectors.find((i) => i.organization_id === 'agency-3201')!;
    expect(own).toBeDefined();
    const conflict = await add({ teamInspectorIds: [own.id, teamFor('agency-3201')[0]] });
    expect(conflict.status).toBe(400);
    expect(conflict.body.error.code).toBe('ic_team_conflict');
    expect(conflict.body.error.message.zh).toContain('不得检查本单位');
    expect(conflict.body.error.details.inspectorIds).toEqual([own.id]);
    expect((await add({ teamInspectorIds: [teamFor('agency-3201')[0]] })).body.error.code).toBe('ic_team_too_small');
    expect((await add({ teamInspectorIds: ['insp-nope', teamFor('agency-3201')[0]] })).body.error.code).toBe('ic_team_inspector_unknown');
    expect((await add({ fieldworkStart: `${YEAR}-06-10` })).body.error.code).toBe('ic_dates_order');
    expect((await add({ fieldworkEnd: `${YEAR + 1}-01-10` })).body.error.code).toBe('ic_dates_outside_period');
    for (const agencyId of ['bureau-3201', 'bureau-32', 'inst-320102-0001', 'agency-99']) {
      const invalid = await add({ agencyId });
      expect([invalid.status, invalid.body.error.code]).toEqual([400, 'ic_audit_agency_invalid']);
      expect(invalid.body.error.message.zh).toContain('省医保中心');
      expect(invalid.body.error.message.en).toContain('provincial agency');
    }
    expect(await owner(`select id from ic_audit where plan_id = $1`, [planId])).toEqual([]);
    expect((await t.call(USERS.nanjing, 'POST', `/api/ic/plans/${planId}/audits`, { agencyId: 'agency-320102', ...dates, teamInspectorIds: teamFor('agency-320102') })).status).toBe(403);

    const ok = await add({});
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ planId, followUpOf: null, status: 'scheduled', checklistVersion: 1, agency: { id: 'agency-3201', level: 'city', regionCode: '3201' } });
    expect(ok.body.team).toHaveLength(2);
    nanjingAudit = ok.body.id;
    expect((await add({})).body.error.code).toBe('ic_audit_duplicate');
    const xw = await t.call(province, 'POST', `/api/ic/plans/${planId}/audits`, { agencyId: 'agency-320102', ...dates, teamInspectorIds: teamFor('agency-320102', 3) });
    expect(xw.status).toBe(201);
    expect(xw.body.agency).toMatchObject({ id: 'agency-320102', level: 'county', regionName: '玄武区' });
    xuanwuAudit = xw.body.id;
    // the provincial agency is audited like the others (its own staff excluded from its team)
    const js = await t.call(province, 'POST', `/api/ic/plans/${planId}/audits`, { agencyId: 'agency-32', ...dates, teamInspectorIds: teamFor('agency-32') });
    expect(js.status).toBe(201);
    expect(js.body.agency).toMatchObject({ id: 'agency-32', level: 'province', regionCode: '32' });
    provinceAgencyAudit = js.body.id;
  });

  it('refuses to publish while agencies are uncovered, then publishes with drawn teams and starts the plan workflow', async () => {
    const refused = await t.call(province, 'POST', `/api/ic/plans/${planId}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ic_plan_uncovered');
    expect(refused.body.error.details.agencies).toHaveLength(AGENCIES - 3);
    expect(refused.body.error.details.agencies).toContainEqual({ id: 'agency-320508', name: expect.any(String), regionCode: '320508' });

    const plan = (await t.call(province, 'GET', `/api/ic/plans/${planId}`)).body;
    for (const a of plan.uncoveredAgencies) {
      const res = await t.call(province, 'POST', `/api/ic/plans/${planId}/audits`, { agencyId: a.id, ...dates, teamInspectorIds: [] });
      expect(res.status).toBe(201);
    }
    const noTeam = await t.call(province, 'POST', `/api/ic/plans/${planId}/publish`, {});
    expect(noTeam.body.error.code).toBe('ic_plan_team_missing');
    const drawn = await t.call(province, 'POST', `/api/ic/plans/${planId}/draw-teams`, { teamSize: 2 });
    expect(drawn.status).toBe(200);
    expect(drawn.body.uncoveredAgencies).toEqual([]);
    expect(drawn.body.audits).toHaveLength(AGENCIES);
    for (const a of drawn.body.audits) {
      expect(a.team.length).toBeGreaterThanOrEqual(2);
    }
    const teamOf = new Map(drawn.body.audits.map((a: { id: string; team: { inspectorId: string }[] }) => [a.id, a.team.map((m) => m.inspectorId)]));
    const orgOf = new Map(inspectors.map((i) => [i.id, i.organization_id]));
    for (const a of drawn.body.audits) {
      for (const m of teamOf.get(a.id) as string[]) expect(orgOf.get(m)).not.toBe(a.agency.id);
    }

    const published = await t.call(province, 'POST', `/api/ic/plans/${planId}/publish`, {});
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const [msg] = await owner<{ dispatch: any }>(`select dispatch from outbox_message where event_type = 'IcPlanPublished' and aggregate_id = $1`, [planId]);
    expect(msg.dispatch).toMatchObject({ kind: 'start', workflowType: 'icPlanWorkflow', workflowId: `ic-plan-${planId}` });
    const input = msg.dispatch.args[0];
    expect(input.planId).toBe(planId);
    expect(input.actor.organizationId).toBe('bureau-32');
    expect(input.audits).toHaveLength(AGENCIES);
    expect(input.audits.find((a: { auditId: string }) => a.auditId === xuanwuAudit)).toEqual({
      auditId: xuanwuAudit,
      actor: expect.objectContaining({ userId: 'u-js' }),
      noticeAt: `${YEAR}-06-01T01:00:00.000Z`,
      selfAssessmentDueAt: `${YEAR}-06-12T15:59:59.999Z`,
      fieldworkStartAt: `${YEAR}-06-15T01:00:00.000Z`,
    });
    expect((await t.call(province, 'POST', `/api/ic/plans/${planId}/publish`, {})).body.error.code).toBe('ic_plan_published');
  });

  it('a plan without the provincial agency is not complete: it is listed as uncovered until audited', async () => {
    // (checked on a copy: a second plan of another year, never published)
    const body = { year: YEAR + 1, title: `${YEAR + 1}年度内控检查计划`, periodStart: `${YEAR + 1}-01-01`, periodEnd: `${YEAR + 1}-12-31` };
    const other = await t.call(province, 'POST', '/api/ic/plans', body);
    expect(other.status).toBe(201);
    expect(other.body.uncoveredAgencies).toContainEqual({ id: 'agency-32', name: '江苏省医疗保险基金管理中心', regionCode: '32' });
    const refused = await t.call(province, 'POST', `/api/ic/plans/${other.body.id}/publish`, {});
    expect(refused.body.error.details.agencies).toContainEqual(expect.objectContaining({ id: 'agency-32' }));
    // a city bureau's view lists its own city's agencies only, not the provincial one above it
    const city = await t.call(NJ_BUREAU, 'GET', `/api/ic/plans/${other.body.id}`);
    expect(city.body.uncoveredAgencies.map((a: { id: string }) => a.id)).not.toContain('agency-32');
    expect(city.body.uncoveredAgencies.every((a: { id: string }) => a.id.startsWith('agency-3201'))).toBe(true);
  });

  it('tenancy: an agency sees only its own audits; the city bureau reads its subtree read-only; the province sees all', async () => {
    // One page of up to 500 (the list is paged: 50 a page by default, issue 16 §2).
    const list = async (u: TestUser) => (await t.call(u, 'GET', `/api/ic/audits?year=${YEAR}&pageSize=500`)).body.items.map((a: { agency: { id: string } }) => a.agency.id);
    // the provincial agency, at the province's path, sees only its own audit (not the agencies below it)
    expect(await list(JS_AGENCY)).toEqual(['agency-32']);
    expect((await t.call(JS_AGENCY, 'GET', `/api/ic/audits/${xuanwuAudit}`)).status).toBe(404);
    expect(await list(USERS.xuanwu)).toEqual(['agency-320102']);
    expect(await list(USERS.nanjing)).toEqual(['agency-3201']);
    expect((await t.call(USERS.nanjing, 'GET', `/api/ic/audits/${xuanwuAudit}`)).status).toBe(404);
    expect((await t.call(USERS.nanjing, 'GET', `/api/ic/audits/${nanjingAudit}`)).status).toBe(200);
    expect((await t.call(USERS.gusu, 'GET', `/api/ic/audits/${xuanwuAudit}`)).status).toBe(404);
    expect(await list(USERS.gusu)).toEqual(['agency-320508']);
    const bureau = await list(NJ_BUREAU);
    expect(bureau).toContain('agency-320102');
    expect(bureau).toContain('agency-3201');
    expect(bureau.every((id: string) => id.startsWith('agency-3201'))).toBe(true);
    expect(bureau).not.toContain('agency-32');
    expect((await t.call(NJ_BUREAU, 'GET', `/api/ic/audits/${xuanwuAudit}`)).status).toBe(200);
    expect((await list(province)).length).toBe(AGENCIES);
    expect((await t.call(USERS.hospital, 'GET', `/api/ic/audits/${xuanwuAudit}`)).status).toBe(404);
    // the city bureau reads the plan (its subtree's audits only)
    const plan = await t.call(NJ_BUREAU, 'GET', `/api/ic/plans/${planId}`);
    expect(plan.status).toBe(200);
    expect(plan.body.audits.every((a: { agency: { id: string } }) => a.agency.id.startsWith('agency-3201'))).toBe(true);
    expect((await t.call(USERS.xuanwu, 'GET', `/api/ic/plans/${planId}`)).status).toBe(403);
  });

  it('the provincial agency is notified and its own staff answer its self-assessment; nobody else may', async () => {
    expect(await clock(new SendAuditNoticeCommand(actorOf(province), provinceAgencyAudit))).toBe(true);
    expect(await inbox(JS_AGENCY)).toContain('内控检查通知：请开展自查');
    const detail = await audit(JS_AGENCY, provinceAgencyAudit);
    expect(detail).toMatchObject({ status: 'self_assessment', agency: { id: 'agency-32', level: 'province' } });
    const answers = (detail.checklist as { code: string }[]).map((i) => ({ itemCode: i.code, answer: 'compliant' }));
    // the province's bureau runs the audit, it does not answer for the agency; a city agency cannot see it
    const byBureau = await t.call(province, 'PUT', `/api/ic/audits/${provinceAgencyAudit}/self-assessment`, { answers, submit: true });
    expect(byBureau.status).toBe(403);
    expect((await t.call(USERS.nanjing, 'PUT', `/api/ic/audits/${provinceAgencyAudit}/self-assessment`, { answers, submit: true })).status).toBe(404);
    expect((await audit(JS_AGENCY, provinceAgencyAudit)).selfAssessment).toEqual([]);
    const submitted = await t.call(JS_AGENCY, 'PUT', `/api/ic/audits/${provinceAgencyAudit}/self-assessment`, { answers, submit: true });
    expect(submitted.status).toBe(200);
    expect(submitted.body.selfAssessment).toHaveLength(answers.length);
    expect(submitted.body.selfAssessmentSubmittedAt).not.toBeNull();
    expect((await audit(province, provinceAgencyAudit)).selfAssessmentSubmittedAt).not.toBeNull();
  });

  it('notice → self-assessment → staff posts → fieldwork → findings with the SoD detector\'s own', async () => {
    const p = actorOf(province);
    expect(await clock(new SendAuditNoticeCommand(p, xuanwuAudit))).toBe(true);
    expect(await clock(new SendAuditNoticeCommand(p, xuanwuAudit))).toBe(false);
    expect((await audit(USERS.xuanwu, xuanwuAudit)).status).toBe('self_assessment');
    expect(await inbox(USERS.xuanwu)).toContain('内控检查通知：请开展自查');

    const checklist = (await audit(USERS.xuanwu, xuanwuAudit)).checklist as { code: string }[];
    const incomplete = await t.call(USERS.xuanwu, 'PUT', `/api/ic/audits/${xuanwuAudit}/self-assessment`, { answers: [{ itemCode: checklist[0].code, answer: 'compliant' }], submit: true });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.code).toBe('ic_self_assessment_incomplete');
    expect((await t.call(NJ_BUREAU, 'PUT', `/api/ic/audits/${xuanwuAudit}/self-assessment`, { answers: [], submit: false })).status).toBe(403);
    expect((await t.call(USERS.nanjing, 'PUT', `/api/ic/audits/${xuanwuAudit}/self-assessment`, { answers: [], submit: false })).status).toBe(404);
    const answers = checklist.map((i) => ({ itemCode: i.code, answer: i.code === 'PR-01' ? 'deficient' : 'compliant', ...(i.code === 'PR-01' ? { note: '个别支付凭证缺少审核签字' } : {}) }));
    const submitted = await t.call(USERS.xuanwu, 'PUT', `/api/ic/audits/${xuanwuAudit}/self-assessment`, { answers, submit: true });
    expect(submitted.status).toBe(200);
    expect(submitted.body.selfAssessment).toHaveLength(12);
    expect(submitted.body.selfAssessmentSubmittedAt).not.toBeNull();

    const staff = [
      { personId: 'E001', personName: '王芳', posts: ['payment_review', 'payment_approval', 'claims_review', 'audit_supervision'] },
      { personId: 'E002', personName: '李强', posts: ['registration'] },
      { personId: 'E003', personName: '赵敏', posts: ['settlement', 'fund_accounting'] },
    ];
    expect((await t.call(NJ_BUREAU, 'PUT', `/api/ic/audits/${xuanwuAudit}/staff-posts`, { staff })).status).toBe(403);
    const bad = await t.call(USERS.xuanwu, 'PUT', `/api/ic/audits/${xuanwuAudit}/staff-posts`, { staff: [{ personId: 'E9', personName: 'x', posts: ['cook'] }] });
    expect(bad.body.error.code).toBe('ic_staff_post_unknown');
    const posts = await t.call(USERS.xuanwu, 'PUT', `/api/ic/audits/${xuanwuAudit}/staff-posts`, { staff });
    expect(posts.status).toBe(200);
    expect(posts.body.staffPosts).toEqual(staff);

    const early = await t.call(province, 'PUT', `/api/ic/audits/${xuanwuAudit}/results`, { results: [] });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ic_transition_invalid');
    expect(early.body.error.details.status).toBe('self_assessment');
    expect(early.body.error.message.zh).toContain('自查阶段');

    expect(await clock(new StartFieldworkCommand(p, xuanwuAudit))).toBe(true);
    expect((await t.call(NJ_BUREAU, 'PUT', `/api/ic/audits/${xuanwuAudit}/results`, { results: [] })).status).toBe(403);
    const results = await t.call(province, 'PUT', `/api/ic/audits/${xuanwuAudit}/results`, {
      results: checklist.map((i) => ({ itemCode: i.code, result: ['PR-01', 'SD-01'].includes(i.code) ? 'deficient' : 'compliant' })),
    });
    expect(results.status).toBe(200);
    expect(results.body.status).toBe('fieldwork');

    const issued = await t.call(province, 'POST', `/api/ic/audits/${xuanwuAudit}/findings`, {
      findings: [{ area: 'payment_records', itemCode: 'PR-01', description: '抽查 50 笔支付，3 笔无审核记录即支付', rectificationDue: due }],
    });
    expect(issued.status).toBe(200);
    expect(issued.body.status).toBe('rectification');
    const findings = issued.body.findings;
    expect(findings).toHaveLength(3);
    expect(findings[0]).toMatchObject({ area: 'payment_records', itemCode: 'PR-01', source: 'fieldwork', status: 'open', rectificationDue: due, overdue: false, rectification: null, verification: null });
    const sod = findings.filter((f: { source: string }) => f.source === 'segregation_of_duties');
    expect(sod).toHaveLength(2);
    expect(sod.every((f: { area: string; description: string }) => f.area === 'segregation_of_duties' && f.description.includes('王芳'))).toBe(true);
    expect(sod.map((f: { description: string }) => f.description).join()).toContain('审核与审批支付');
    expect(sod.map((f: { description: string }) => f.description).join()).toContain('审核与稽核监督');

    const updates = await owner<{ dispatch: any }>(
      `select dispatch from outbox_message where aggregate_id = $1 and event_type = 'IcAuditTransitioned' order by seq`, [xuanwuAudit]);
    expect(updates.map((u) => u.dispatch.args[0].action)).toEqual(['self_assessment_submitted', 'findings_issued']);
    expect(updates[1].dispatch).toMatchObject({ kind: 'update', workflowId: `ic-audit-${xuanwuAudit}`, update: 'icAuditTransition' });
    expect(updates[1].dispatch.args[0].findings).toHaveLength(3);
    expect(await inbox(USERS.xuanwu)).toContain('内控检查发现 3 个问题，请按期整改');
  });

  it('rectification → verification rejected (due + 10 working days) → resubmitted → verified → closed', async () => {
    let d = await audit(USERS.xuanwu, xuanwuAudit);
    const [first, ...rest] = d.findings as { id: string; rectificationDue: string }[];

    // overdue escalation (the workflow's clock) reaches the provincial bureau
    expect(await clock(new MarkRectificationOverdueCommand(actorOf(province), xuanwuAudit, first.id))).toBe(true);
    expect((await audit(province, xuanwuAudit)).findings[0].overdue).toBe(true);
    expect((await inbox(province)).some((s) => s.startsWith('整改逾期：'))).toBe(true);

    const empty = await t.call(USERS.xuanwu, 'PUT', `/api/ic/audits/${xuanwuAudit}/findings/${first.id}/rectification`, { plan: ' ', evidenceAttachmentIds: [] });
    expect(empty.body.error.code).toBe('ic_rectification_plan_required');
    for (const f of [first, ...rest]) {
      const res = await t.call(USERS.xuanwu, 'PUT', `/api/ic/audits/${xuanwuAudit}/findings/${f.id}/rectification`, { plan: '已补齐审核记录并调整岗位分工', evidenceAttachmentIds: [] });
      expect(res.status).toBe(200);
    }
    d = await audit(province, xuanwuAudit);
    expect(d.status).toBe('verification');
    expect(d.findings.every((f: { status: string }) => f.status === 'rectification_submitted')).toBe(true);

    const noComment = await t.call(province, 'POST', `/api/ic/audits/${xuanwuAudit}/findings/${first.id}/verify`, { accepted: false });
    expect(noComment.body.error.code).toBe('ic_verification_comment');
    const rejected = await t.call(province, 'POST', `/api/ic/audits/${xuanwuAudit}/findings/${first.id}/verify`, { accepted: false, comment: '佐证材料不足' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rectification');
    expect(rejected.body.findings[0]).toMatchObject({ status: 'rejected', rectificationDue: addWorkingDays(first.rectificationDue, 10), overdue: false, verification: { accepted: false, comment: '佐证材料不足' } });
    for (const f of rest) {
      const ok = await t.call(province, 'POST', `/api/ic/audits/${xuanwuAudit}/findings/${f.id}/verify`, { accepted: true });
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('rectification');
    }
    const twice = await t.call(province, 'POST', `/api/ic/audits/${xuanwuAudit}/findings/${rest[0].id}/verify`, { accepted: true });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ic_transition_invalid');

    const again = await t.call(USERS.xuanwu, 'PUT', `/api/ic/audits/${xuanwuAudit}/findings/${first.id}/rectification`, { plan: '补充提交全部审核记录扫描件', evidenceAttachmentIds: [] });
    expect(again.body.status).toBe('verification');
    const closed = await t.call(province, 'POST', `/api/ic/audits/${xuanwuAudit}/findings/${first.id}/verify`, { accepted: true, comment: '整改到位' });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.history.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(['finding_rejected', 'finding_verified', 'rectification_submitted']));

    const updates = await owner<{ dispatch: any }>(
      `select dispatch from outbox_message where aggregate_id = $1 and event_type = 'IcAuditTransitioned' order by seq`, [xuanwuAudit]);
    const rejectUpdate = updates.map((u) => u.dispatch.args[0]).find((a) => a.action === 'finding_verified' && !a.accepted);
    expect(rejectUpdate.newRectificationDueAt).toBe(new Date(`${addWorkingDays(first.rectificationDue, 10)}T15:59:59.999Z`).toISOString());
  });

  it('an audit without findings closes from fieldwork; the self-assessment overdue flag reaches the province', async () => {
    const p = actorOf(province);
    await clock(new SendAuditNoticeCommand(p, nanjingAudit));
    expect(await clock(new MarkSelfAssessmentOverdueCommand(p, nanjingAudit))).toBe(true);
    expect((await inbox(province)).some((s) => s.startsWith('自查逾期未提交：'))).toBe(true);
    await clock(new StartFieldworkCommand(p, nanjingAudit));
    const res = await t.call(province, 'POST', `/api/ic/audits/${nanjingAudit}/findings`, { findings: [] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', selfAssessmentOverdue: true, findings: [] });
  });

  it('schedules a follow-up audit on a closed audit only, with its own workflow', async () => {
    const open = (await t.call(province, 'GET', `/api/ic/audits?year=${YEAR}`)).body.items.find((a: { status: string }) => a.status === 'scheduled');
    const body = { ...dates, noticeDate: `${YEAR}-09-01`, selfAssessmentDue: `${YEAR}-09-10`, fieldworkStart: `${YEAR}-09-15`, fieldworkEnd: `${YEAR}-09-20`, teamInspectorIds: teamFor('agency-320102') };
    const refused = await t.call(province, 'POST', `/api/ic/audits/${open.id}/follow-up`, body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ic_transition_invalid');
    expect((await t.call(USERS.xuanwu, 'POST', `/api/ic/audits/${xuanwuAudit}/follow-up`, body)).status).toBe(403);

    const res = await t.call(province, 'POST', `/api/ic/audits/${xuanwuAudit}/follow-up`, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ followUpOf: xuanwuAudit, status: 'scheduled', planId, agency: { id: 'agency-320102' } });
    const [msg] = await owner<{ dispatch: any }>(`select dispatch from outbox_message where aggregate_id = $1 and event_type = 'IcFollowUpScheduled'`, [res.body.id]);
    expect(msg.dispatch).toMatchObject({ kind: 'start', workflowType: 'icAuditWorkflow', workflowId: `ic-audit-${res.body.id}` });
    expect(msg.dispatch.args[0]).toMatchObject({ auditId: res.body.id, noticeAt: `${YEAR}-09-01T01:00:00.000Z` });
    expect((await t.call(USERS.xuanwu, 'GET', `/api/ic/audits?year=${YEAR}`)).body.items).toHaveLength(2);
  });

  it('summarizes the programme and exports it; the report prints', async () => {
    const res = await t.call(province, 'GET', `/api/ic/programme?year=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.body.agencies).toMatchObject({ total: AGENCIES, audited: 1, overdue: 1 });
    expect(res.body.findingsByArea.segregation_of_duties).toEqual({ total: 2, open: 0 });
    expect(res.body.findingsByArea.payment_records).toEqual({ total: 1, open: 0 });
    expect(res.body.rectification).toEqual({ open: 0, submitted: 0, verified: 3, overdue: 0 });
    expect((await t.call(USERS.xuanwu, 'GET', `/api/ic/programme?year=${YEAR}`)).status).toBe(403);
    const bureau = await t.call(NJ_BUREAU, 'GET', `/api/ic/programme?year=${YEAR}`);
    expect(bureau.status).toBe(200);
    expect(bureau.body.agencies.total).toBeLessThan(AGENCIES);

    const xlsx = await fetch(`${t.baseUrl}/api/ic/programme/export.xlsx?year=${YEAR}`, { headers: { authorization: `Bearer ${await t.keys.token(province)}` } });
    expect(xlsx.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['审计计划', '发现问题']);
    expect(book.getWorksheet('审计计划')!.rowCount).toBe(AGENCIES + 2);
    expect(book.getWorksheet('发现问题')!.rowCount).toBe(4);

    const pdf = await fetch(`${t.baseUrl}/api/ic/audits/${xuanwuAudit}/report.pdf`, { headers: { authorization: `Bearer ${await t.keys.token(USERS.xuanwu)}` } });
    expect([200, 503]).toContain(pdf.status);
    if (pdf.status === 200) expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
  });

  it('versions the checklist; earlier audits keep theirs', async () => {
    const current = (await t.call(province, 'GET', '/api/ic/checklist')).body;
    const items = [...current.items, { code: 'MR-04', area: 'management_rules', text: '建立内控风险评估机制', guidance: '查阅风险评估报告' }];
    expect((await t.call(USERS.nanjing, 'PUT', '/api/ic/checklist', { items })).status).toBe(403);
    const dup = await t.call(province, 'PUT', '/api/ic/checklist', { items: [...items, items[0]] });
    expect(dup.body.error.code).toBe('ic_checklist_code_duplicate');
    const res = await t.call(province, 'PUT', '/api/ic/checklist', { items });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, createdBy: 'js.official' });
    expect(res.body.items).toHaveLength(13);
    expect((await audit(USERS.xuanwu, xuanwuAudit)).checklist).toHaveLength(12);
  });

  it('the RLS policy hides other agencies\' audits from an agency even in raw SQL', async () => {
    const c = new pg.Client({ connectionString: t.db.appUrl });
    await c.connect();
    try {
      await c.query('begin');
      await c.query(`select set_config('app.region_path', '/32/3201/', true), set_config('app.organization_id', '', true),
                            set_config('app.actor_org', 'agency-3201', true), set_config('app.actor_org_kind', 'agency', true)`);
      const { rows } = await c.query<{ owner_org_id: string }>(`select distinct owner_org_id from ic_audit`);
      expect(rows.map((r) => r.owner_org_id)).toEqual(['agency-3201']);
      const findings = await c.query(`select count(*)::int as n from ic_finding`);
      expect(findings.rows[0].n).toBe(0);
      await c.query('rollback');
    } finally {
      await c.end();
    }
  });
});
