import { createHash } from 'node:crypto';
import pg from 'pg';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { DashboardProjector } from '../../src/contexts/dashboards/infrastructure/dashboard-projector.js';
import { DeemFindingsConfirmedCommand, MarkDecisionRectificationOverdueCommand } from '../../src/contexts/findings/application/commands.js';
import { CloseDisputeCommand, MarkDisputeLevelOverdueCommand } from '../../src/contexts/disputes/application/commands.js';
import { MarkSpotCheckOverdueCommand } from '../../src/contexts/spot-checks/application/commands.js';
import { MarkInspectionOverdueCommand } from '../../src/contexts/spot-checks/application/agency-inspection.commands.js';
import { MarkDocumentRequestOverdueCommand } from '../../src/contexts/spot-checks/application/document-request.commands.js';
import {
  CreateSelfInspectionTasksCommand,
  EscalateMissingSelfInspectionsCommand,
  MarkCampaignSummaryOverdueCommand,
  OpenCampaignPhaseCommand,
} from '../../src/contexts/campaigns/application/commands.js';
import { ClosePlanYearCommand, MarkPlanOverdueCommand } from '../../src/contexts/annual-plans/application/commands.js';
import {
  MarkRectificationOverdueCommand,
  MarkSelfAssessmentOverdueCommand,
  SendAuditNoticeCommand,
  StartFieldworkCommand,
} from '../../src/contexts/internal-control/application/commands.js';
import { MarkMonthlyReportsOverdueCommand, OpenMonthlyReportsCommand } from '../../src/contexts/monthly-reports/application/commands.js';
import { MarkNoticeOverdueCommand } from '../../src/contexts/notices/application/commands.js';
import { EVENT_MAP } from '../../src/contexts/dashboards/infrastructure/event-map.js';
import { monthlyCycleActor } from '../../src/contexts/monthly-reports/infrastructure/monthly-report.activities.js';
import { previousMonth } from '../../src/contexts/monthly-reports/domain/monthly-report.js';
import { dueAtOf } from '../../src/contexts/monthly-reports/domain/schedule.js';
import { withTestApp, type TestApp } from '../support/app.js';
import { readModelSnapshot } from '../support/dashboards.js';
import { planContent, planSchedule } from '../support/plans.js';
import { actorOf, type TestUser, USERS } from '../support/tokens.js';

// Issue 7, the dashboards' projection (docs/api/dashboards-and-monthly-reports.md §1–§2): real
// commands → outbox → DashboardProjector.drain() → exact counter moves, for every event type of
// EVENT_MAP (§1.4; the last test checks that this file recorded each one); a scenario projected
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

const clock = <R>(cmd: Parameters<Commands['execute']>[0]) => t.app.get(Commands).execute(cmd) as Promise<R>;
const { owner } = withTestApp((app) => (t = app), { campaignCalendar: 'flexible' });
const projector = () => t.app.get(DashboardProjector);
const clerkOf = (id: string, regionPath: string): TestUser => ({ sub: `u-${id}`, username: `${id}.clerk`, roles: ['institution_clerk'], regionPath, orgId: id, orgKind: 'institution' });
const agencyOf = (county: string, suffix = ''): TestUser => ({
  sub: `u-agency-${county}${suffix}`, username: `agency.${county}${suffix}`, roles: ['county_staff'],
  regionPath: `/32/${county.slice(0, 4)}/${county}/`, orgId: `agency-${county}`, orgKind: 'agency',
});

/** Suite-wide totals by metric (the nation's rollup rows of every month). */
async function cube(): Promise<Record<string, number>> {
  const rows = await owner<{ metric: string; v: string }>(`select metric, sum(value)::text as v from dash_rollup where region_code = '000000' and period ~ '^\\d{4}-\\d{2}$' group by metric`);
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
/** The read model's row of one item (undefined when the item has no fact). */
async function factOf(kind: string, id: string) {
  const [f] = await owner<{ status: string; ref_label: string | null; ref_status: string | null; month: string; metrics: Record<string, number> }>(
    `select status, ref_label, ref_status, to_char(month, 'YYYY-MM') as month, metrics from dash_fact where kind = $1 and item_id = $2`, [kind, id]);
  return f;
}
const snapshot = () => readModelSnapshot(t.db);

beforeAll(async () => {
  await projector().rebuild();
});

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
    expect(sent).toEqual({ inspections: 1, inspections_on_site: 1, inspections_spot_check: 1, inspections_open: -1, findings: 4, finding_amount: 1540.5, findings_awaiting: 4 });
    findings = (await owner<{ id: string }>(`select id from finding where source_id = $1 order by source_index`, [target.id])).map((r) => r.id);
  });

  it("InspectionScheduled opens an agency's own inspection; InspectionOverdue flags it once its planned day has passed", async () => {
    const xw = USERS.xuanwu as TestUser;
    const team = (await owner<{ id: string }>(`select id from inspector where organization_id = 'agency-320102' order by id limit 2`)).map((r) => r.id);
    let id = '';
    const scheduled = await moved(async () => {
      const res = await t.call(xw, 'POST', '/api/inspections', { institutionId: 'inst-320102-0002', plannedOn: today, teamInspectorIds: team });
      expect(res.status).toBe(201);
      id = res.body.id;
    });
    expect(scheduled).toEqual({ inspections_open: 1 });
    await owner(`update inspection set planned_on = $2::date, due_date = $2::date where id = $1`, [id, addCalendarDays(today, -1)]);
    expect(await moved(() => clock(new MarkInspectionOverdueCommand(actorOf(xw), id)))).toEqual({ inspections_overdue: 1 });
    // its document requests (调取资料) count nothing: asked, answered, and another one overdue
    const clerk = clerkOf('inst-320102-0002', '/32/3201/320102/');
    const asked = await moved(async () => {
      const a = await t.call(xw, 'POST', `/api/inspections/${id}/document-requests`, { items: '近三个月住院病历', dueDate: addCalendarDays(today, 5) });
      expect(a.status).toBe(201);
      expect((await t.call(clerk, 'POST', `/api/inspection-document-requests/${a.body.id}/answer`, { answer: '已提供', attachmentIds: [] })).status).toBeLessThan(300);
      const b = await t.call(xw, 'POST', `/api/inspections/${id}/document-requests`, { items: '药品进销存台账', dueDate: addCalendarDays(today, 1) });
      expect(b.status).toBe(201);
      expect(await clock(new MarkDocumentRequestOverdueCommand(actorOf(xw), b.body.id))).toBe(true);
    });
    expect(asked).toEqual({});
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

  it('DecisionRecoveryRecorded: the amount actually recovered (实际追回) beside the confirmed one (认定追回), in the decision\'s month', async () => {
    const refused = await moved(async () => {
      const res = await t.call(agencyOf(target.county), 'POST', `/api/decisions/${decisionId}/recoveries`, { amount: 1000.01, recoveredOn: today, method: 'deduction' });
      expect([res.status, res.body.error.code]).toEqual([409, 'recovery_exceeds_confirmed']);
    });
    expect(refused).toEqual({});
    const d = await moved(async () => {
      const res = await t.call(agencyOf(target.county), 'POST', `/api/decisions/${decisionId}/recoveries`, { amount: 600, recoveredOn: today, method: 'deduction' });
      expect([res.status, res.body.error]).toEqual([201, undefined]);
      expect(res.body).toMatchObject({ confirmedAmount: 1000, recoveredAmount: 600, remainingAmount: 400 });
    });
    expect(d).toEqual({ actual_recovered_amount: 600 });
    expect((await factOf('decision', decisionId))!.metrics).toMatchObject({ actual_recovered_amount: 600 });
    const board = await t.call(JS_LEADER, 'GET', `/api/dashboards?period=${MONTH}`);
    expect(board.status).toBe(200);
    expect(board.body.totals.actual_recovered_amount).toBe(600);
    expect(board.body.totals.recovered_amount).toBeGreaterThanOrEqual(1000);
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

  it('DisputeWithdrawn (open at the city level), then a new dispute decided and DisputeClosed (the window passed: its outcome stands)', async () => {
    const clerk = clerkOf(target.institution_id, target.region_path);
    const withdrawn = await moved(async () => {
      const res = await t.call(clerk, 'POST', `/api/disputes/${disputeId}/withdraw`, { reason: '已与经办机构沟通一致' });
      expect([res.status, res.body.status]).toEqual([200, 'withdrawn']);
    });
    expect(withdrawn).toEqual({ disputes_open: -1, disputes_open_city: -1, disputes_withdrawn: 1 });
    expect((await factOf('dispute', disputeId))!.status).toBe('withdrawn');

    let second = '';
    expect(await moved(async () => {
      const res = await t.call(clerk, 'POST', '/api/disputes', { decisionId, party: 'institution', reasons: '再次申请', attachmentIds: [] });
      expect(res.status).toBe(201);
      second = res.body.id;
    })).toEqual({ disputes: 1, disputes_open: 1, disputes_open_county: 1 });
    const countyBureau: TestUser = { sub: 'u-cb', username: 'county.bureau', roles: ['county_staff'], regionPath: target.region_path, orgId: `bureau-${target.county}`, orgKind: 'bureau' };
    // decided below the province: still open (the escalation window), no standing outcome yet
    expect(await moved(async () => expect((await t.call(countyBureau, 'POST', `/api/disputes/${second}/decide`, { outcome: 'revised', reasoning: '处理过重，予以变更' })).status).toBe(200)))
      .toEqual({});
    // the escalation window passed (the workflow's timer fires CloseDisputeCommand afterwards)
    await owner(`update dispute set escalation_due = current_date - 1 where id = $1`, [second]);
    const closed = await moved(async () => expect(await clock(new CloseDisputeCommand(actorOf(clerk), second))).toBe(true));
    expect(closed).toEqual({ disputes_open: -1, disputes_open_county: -1, disputes_revised: 1 });
    expect((await factOf('dispute', second))!.status).toBe('closed');
  });

  it('SpotCheckOverdue flags the unsent inspections', async () => {
    const d = await moved(() => clock(new MarkSpotCheckOverdueCommand(actorOf(province), spotCheckId)));
    expect(d).toEqual({ inspections_overdue: inspections.length - 1 });
  });
});

describe('campaign tasks (events added by issue 7 to bulk SQL paths)', () => {
  let campaignId = '';
  let tasks = 0;
  const openToday = {
    planFiledBy: addCalendarDays(today, -3), selfInspectionStart: addCalendarDays(today, -1), selfInspectionEnd: addCalendarDays(today, 20),
    spotCheckStart: addCalendarDays(today, 21), spotCheckEnd: addCalendarDays(today, 40), summaryDue: addCalendarDays(today, 50),
  };
  const campaignBody = (title: string) => ({
    year: YEAR, title, focusAreas: [{ code: 'pharmacy_card_misuse' }], institutionKinds: ['pharmacy', 'clinic', 'hospital'], cityCodes: ['3201'], calendar: openToday,
  });
  const phasesOf = async (id: string) =>
    (await owner<{ p: string; label: string }>(`select distinct ref_status as p, ref_label as label from dash_fact where kind = 'self_inspection' and ref_id = $1`, [id]));
  it('CampaignCreated counts nothing; SelfInspectionTasksCreated counts the city page; CampaignPhaseOpened moves their phase', async () => {
    expect(await moved(async () => {
      const res = await t.call(province, 'POST', '/api/campaigns', campaignBody(`${YEAR}年看板测试专项治理`));
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

  it('SelfInspectionReviewed and AgencySelfInspectionSubmitted move nothing; a correction\'s draft and SelfInspectionCorrected move the refund', async () => {
    const [task] = await owner<{ id: string; owner_org_id: string; region_path: string; handling_agency_id: string }>(
      `select id, owner_org_id, region_path, handling_agency_id from self_inspection where campaign_id = $1 and status = 'submitted'`, [campaignId]);
    const clerk = clerkOf(task!.owner_org_id, task!.region_path);
    const [agency] = await owner<{ region_path: string; level: string }>(
      `select o.region_path, r.level from organization o join region r on r.code = o.region_code where o.id = $1`, [task!.handling_agency_id]);
    const reviewer: TestUser = {
      sub: `u-${task!.handling_agency_id}`, username: `${task!.handling_agency_id}.staff`, roles: [agency!.level === 'city' ? 'city_agency_staff' : 'county_staff'],
      regionPath: agency!.region_path, orgId: task!.handling_agency_id, orgKind: 'agency',
    };
    expect(await moved(async () => expect((await t.call(reviewer, 'POST', `/api/self-inspections/${task!.id}/return`, { comment: '请核对退回金额' })).status).toBe(201)))
      .toEqual({});
    expect(await moved(async () => expect((await t.call(clerk, 'PUT', `/api/self-inspections/${task!.id}`, { report: '已自查（更正）', refundedAmount: 1000, issues: [], attachmentIds: [] })).status).toBe(200)))
      .toEqual({ refunded_amount: -200 });
    expect(await moved(async () => expect((await t.call(clerk, 'POST', `/api/self-inspections/${task!.id}/submit`)).status).toBe(201))).toEqual({});
    expect(await moved(async () => expect((await t.call(reviewer, 'POST', `/api/self-inspections/${task!.id}/verify`, { refund: { confirmed: true, amount: 1000 } })).status).toBe(201)))
      .toEqual({});
    const [own] = await owner<{ id: string }>(`select id from agency_self_inspection where campaign_id = $1 and owner_org_id = $2`, [campaignId, task!.handling_agency_id]);
    expect(await moved(async () => {
      expect((await t.call(reviewer, 'PUT', `/api/agency-self-inspections/${own!.id}`, {
        report: '本地区自查情况', institutionsChecked: 1, problemsFound: 0, problemAmount: 0, refundedAmount: 1000, issues: [], attachmentIds: [],
      })).status).toBe(200);
      expect((await t.call(reviewer, 'POST', `/api/agency-self-inspections/${own!.id}/submit`)).status).toBe(201);
    })).toEqual({});
  });

  it('CampaignUpdated: a draft campaign has no tasks, nothing moves; where tasks exist, the new title relabels their facts', async () => {
    const draft = await moved(async () => {
      const res = await t.call(province, 'POST', '/api/campaigns', campaignBody(`${YEAR}年看板测试草稿专项`));
      expect(res.status).toBe(201);
      const edited = await t.call(province, 'PUT', `/api/campaigns/${res.body.id}`, campaignBody(`${YEAR}年看板测试草稿专项（修订）`));
      expect(edited.status).toBe(200);
    });
    expect(draft).toEqual({});
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int as n from outbox_message where event_type = 'CampaignUpdated' and projected_at is not null`);
    expect(n).toBe(1);

    // The domain edits drafts only and tasks exist once a campaign is assigned, so this event never
    // finds tasks today. The campaign is put back to draft behind the domain's back (owner SQL) to
    // check that the projection follows a title change if the domain ever allows one after assignment.
    expect(await phasesOf(campaignId)).toEqual([{ p: 'self_inspection', label: `${YEAR}年看板测试专项治理` }]);
    await owner(`update campaign set status = 'draft' where id = $1`, [campaignId]);
    try {
      const relabel = await moved(async () => {
        const res = await t.call(province, 'PUT', `/api/campaigns/${campaignId}`, campaignBody(`${YEAR}年看板测试专项治理（更名）`));
        expect([res.status, res.body.error]).toEqual([200, undefined]);
      });
      expect(relabel).toEqual({});
    } finally {
      await owner(`update campaign set status = 'assigned' where id = $1`, [campaignId]);
    }
    expect(await phasesOf(campaignId)).toEqual([{ p: 'self_inspection', label: `${YEAR}年看板测试专项治理（更名）` }]);
  });

  it('CampaignPhaseOpened (spot-check, summary), CampaignSummaryOverdue and CampaignSummaryFiled move the tasks\' phase, not their counts', async () => {
    expect(await moved(() => clock(new OpenCampaignPhaseCommand(actorOf(province), campaignId, 'spot_check')))).toEqual({});
    expect((await phasesOf(campaignId)).map((r) => r.p)).toEqual(['spot_check']);
    expect(await moved(() => clock(new OpenCampaignPhaseCommand(actorOf(province), campaignId, 'summary')))).toEqual({});
    expect((await phasesOf(campaignId)).map((r) => r.p)).toEqual(['summary']);
    expect(await moved(async () => expect(await clock(new MarkCampaignSummaryOverdueCommand(actorOf(province), campaignId))).toBe(true))).toEqual({});
    const filed = await moved(async () => {
      const res = await t.call(province, 'POST', `/api/campaigns/${campaignId}/summary`, { comment: '看板测试总结' });
      expect(res.status).toBe(201);
    });
    expect(filed).toEqual({});
    expect((await phasesOf(campaignId)).map((r) => r.p)).toEqual(['closed']);
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int as n from dash_fact where kind = 'self_inspection' and ref_id = $1`, [campaignId]);
    expect(n).toBe(tasks);
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

  const planOf = async (org: string) => (await owner<{ id: string }>(`select id from annual_plan where owner_org_id = $1 and year = $2`, [org, YEAR]))[0]!.id;
  const versionOf = async (user: TestUser, id: string) => {
    const res = await t.call(user, 'GET', `/api/plans/${id}`);
    expect(res.status).toBe(200);
    return res.body.version as number;
  };

  it('AnnualPlanDrafted, AnnualPlanSubmitted, AnnualPlanReturned, AnnualPlanForwarded (still awaiting filing), AnnualPlanFiled (the overdue flag ends with the filing)', async () => {
    const id = await planOf('agency-320102');
    const drafter = USERS.xuanwu as TestUser;
    const reviewer = USERS.nanjing as TestUser; // the city agency reviews and forwards
    const bureau: TestUser = { sub: 'u-njb', username: 'nj.bureau', roles: ['city_agency_staff'], regionPath: '/32/3201/', orgId: 'bureau-3201', orgKind: 'bureau' };
    const submit = async () => {
      const res = await t.call(drafter, 'POST', `/api/plans/${id}/submit`, { version: await versionOf(drafter, id) });
      expect([res.status, res.body.error]).toEqual([200, undefined]);
    };
    expect(await moved(async () => {
      const res = await t.call(drafter, 'PUT', `/api/plans/${id}/draft`, { content: planContent(), schedule: planSchedule(), version: await versionOf(drafter, id) });
      expect([res.status, res.body.error]).toEqual([200, undefined]);
    })).toEqual({ plans_not_started: -1, plans_draft: 1 });
    // submitted after the deadline: still overdue until filed
    expect(await moved(submit)).toEqual({ plans_draft: -1, plans_submitted: 1 });
    expect(await moved(async () => expect((await t.call(reviewer, 'POST', `/api/plans/${id}/return`, { comment: '请补充检查覆盖率测算依据' })).status).toBe(200)))
      .toEqual({ plans_submitted: -1, plans_returned: 1 });
    expect(await moved(submit)).toEqual({ plans_returned: -1, plans_submitted: 1 });
    // forwarded to the city bureau: still waiting at the level above (plans_submitted = awaiting filing)
    expect(await moved(async () => expect((await t.call(reviewer, 'POST', `/api/plans/${id}/forward`, { comment: '审核通过' })).status).toBe(200))).toEqual({});
    expect((await factOf('plan', id))!).toMatchObject({ status: 'forwarded', metrics: { plans: 1, plans_submitted: 1, plans_overdue: 1 } });
    expect(await moved(async () => expect((await t.call(bureau, 'POST', `/api/plans/${id}/file`, { comment: '同意备案' })).status).toBe(200)))
      .toEqual({ plans_submitted: -1, plans_filed: 1, plans_overdue: -1 });
    expect((await factOf('plan', id))!.status).toBe('filed');
    // progress on the filed plan is no metric
    expect(await moved(async () => {
      const res = await t.call(drafter, 'PUT', `/api/plans/${id}/progress/${Number(MONTH.slice(5))}`, { entries: [{ taskId: 'T1', doneQuantity: 8 }] });
      expect([res.status, res.body.error]).toEqual([200, undefined]);
    })).toEqual({});
  });

  it('AnnualPlanClosed: a filed plan stays filed once closed; an unfiled one (overdue or not) leaves its open counters and is not filed', async () => {
    const filedPlan = await planOf('agency-320102');
    expect(await moved(() => clock(new ClosePlanYearCommand(actorOf(province), filedPlan)))).toEqual({});
    expect(await factOf('plan', filedPlan)).toMatchObject({ status: 'closed' });
    expect((await factOf('plan', filedPlan))!.metrics).toEqual({ plans: 1, plans_filed: 1 });

    const [other, late] = (await owner<{ id: string }>(
      `select id from annual_plan where year = $1 and status = 'not_started' and not overdue and unit_level = 'county' order by owner_org_id limit 2`, [YEAR])).map((r) => r.id);
    expect(await moved(() => clock(new ClosePlanYearCommand(actorOf(province), other!)))).toEqual({ plans_not_started: -1 });
    expect(await moved(() => clock(new MarkPlanOverdueCommand(actorOf(province), late!)))).toEqual({ plans_overdue: 1 });
    expect(await moved(() => clock(new ClosePlanYearCommand(actorOf(province), late!)))).toEqual({ plans_not_started: -1, plans_overdue: -1 });
    expect(await factOf('plan', late!)).toMatchObject({ status: 'closed' });
    expect((await factOf('plan', late!))!.metrics).toEqual({ plans: 1 });
  });
});

const IC_DATES = { noticeDate: `${YEAR}-06-01`, selfAssessmentDue: `${YEAR}-06-12`, fieldworkStart: `${YEAR}-06-15`, fieldworkEnd: `${YEAR}-06-26` };
let icPlanId = '';
const icAuditOf = async (agencyId: string) =>
  (await owner<{ id: string }>(`select id from ic_audit where plan_id = $1 and owner_org_id = $2 and follow_up_of is null`, [icPlanId, agencyId]))[0]!.id;
const checklistAnswers = async (user: TestUser, auditId: string) => {
  const res = await t.call(user, 'GET', `/api/ic/audits/${auditId}`);
  expect(res.status).toBe(200);
  return (res.body.checklist as { code: string }[]).map((i) => ({ itemCode: i.code, answer: 'compliant' }));
};

describe('internal control audits (year metrics, counted from the plan\'s publication)', () => {
  let audits = 0;
  let xuanwu = '';
  const xw = USERS.xuanwu as TestUser;

  it('IcPlanCreated and a draft plan\'s schedule count nothing, even refreshed; IcPlanPublished counts every audit of the plan', async () => {
    const draft = await moved(async () => {
      const res = await t.call(province, 'POST', '/api/ic/plans', { year: YEAR, title: `${YEAR}年度看板测试内控检查计划`, periodStart: `${YEAR}-01-01`, periodEnd: `${YEAR}-12-31` });
      expect(res.status).toBe(201);
      icPlanId = res.body.id;
      for (const a of res.body.uncoveredAgencies as { id: string }[]) {
        const added = await t.call(province, 'POST', `/api/ic/plans/${icPlanId}/audits`, { agencyId: a.id, ...IC_DATES, teamInspectorIds: [] });
        expect([a.id, added.status]).toEqual([a.id, 201]);
      }
      const drawn = await t.call(province, 'POST', `/api/ic/plans/${icPlanId}/draw-teams`, { teamSize: 2 });
      expect(drawn.status).toBe(200);
      expect(drawn.body.uncoveredAgencies).toEqual([]);
      audits = drawn.body.audits.length;
    });
    expect(audits).toBeGreaterThan(100);
    expect(draft).toEqual({});
    // as if an event had touched them: the audits of a draft plan have no facts
    const ids = (await owner<{ id: string }>(`select id from ic_audit where plan_id = $1`, [icPlanId])).map((r) => r.id);
    expect(await moved(() => projector().refresh('ic_audit', ids))).toEqual({});
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int as n from dash_fact where kind = 'ic_audit'`);
    expect(n).toBe(0);

    const published = await moved(async () => expect((await t.call(province, 'POST', `/api/ic/plans/${icPlanId}/publish`, {})).status).toBe(200));
    expect(published).toEqual({ ic_audits: audits, ic_audits_open: audits });
    xuanwu = await icAuditOf('agency-320102');
    expect(await factOf('ic_audit', xuanwu)).toMatchObject({ status: 'scheduled', month: `${YEAR}-01`, ref_status: 'published' });
  });

  it('IcAuditNoticeSent, IcSelfAssessmentOverdue, IcAuditTransitioned (the self-assessment submitted late ends the overdue count), IcFieldworkStarted', async () => {
    const p = actorOf(province);
    expect(await moved(async () => expect(await clock(new SendAuditNoticeCommand(p, xuanwu))).toBe(true))).toEqual({});
    expect((await factOf('ic_audit', xuanwu))!.status).toBe('self_assessment');
    expect(await moved(async () => expect(await clock(new MarkSelfAssessmentOverdueCommand(p, xuanwu))).toBe(true)))
      .toEqual({ ic_self_assessment_overdue: 1 });
    const answers = await checklistAnswers(xw, xuanwu);
    expect(await moved(async () => {
      const res = await t.call(xw, 'PUT', `/api/ic/audits/${xuanwu}/self-assessment`, { answers, submit: true });
      expect([res.status, res.body.error]).toEqual([200, undefined]);
    })).toEqual({ ic_self_assessment_overdue: -1 });
    expect(await moved(async () => expect(await clock(new StartFieldworkCommand(p, xuanwu))).toBe(true))).toEqual({});
    expect((await factOf('ic_audit', xuanwu))!.status).toBe('fieldwork');
  });

  it('IcAuditTransitioned (findings issued), IcRectificationOverdue per finding, verification clears it, the last verification closes the audit', async () => {
    const p = actorOf(province);
    let findings: { id: string }[] = [];
    expect(await moved(async () => {
      const res = await t.call(province, 'POST', `/api/ic/audits/${xuanwu}/findings`, {
        findings: [
          { area: 'payment_records', description: '抽查支付凭证，2 笔无审核记录', rectificationDue: addCalendarDays(today, 30) },
          { area: 'management_rules', description: '未建立内控制度年度评估', rectificationDue: addCalendarDays(today, 30) },
        ],
      });
      expect([res.status, res.body.status]).toEqual([200, 'rectification']);
      findings = res.body.findings;
    })).toEqual({});
    expect(findings).toHaveLength(2);
    for (const f of findings) {
      expect(await moved(async () => expect(await clock(new MarkRectificationOverdueCommand(p, xuanwu, f.id))).toBeTruthy()))
        .toEqual({ ic_rectification_overdue: 1 });
    }
    // a rectification submitted late stays overdue until verified
    for (const f of findings) {
      expect(await moved(async () => expect((await t.call(xw, 'PUT', `/api/ic/audits/${xuanwu}/findings/${f.id}/rectification`, { plan: '已整改', evidenceAttachmentIds: [] })).status).toBe(200)))
        .toEqual({});
    }
    expect((await factOf('ic_audit', xuanwu))!.status).toBe('verification');
    expect(await moved(async () => expect((await t.call(province, 'POST', `/api/ic/audits/${xuanwu}/findings/${findings[0]!.id}/verify`, { accepted: false, comment: '佐证不足' })).status).toBe(200)))
      .toEqual({ ic_rectification_overdue: -1 });
    expect(await moved(async () => expect((await t.call(province, 'POST', `/api/ic/audits/${xuanwu}/findings/${findings[1]!.id}/verify`, { accepted: true })).status).toBe(200)))
      .toEqual({ ic_rectification_overdue: -1 });
    expect(await moved(async () => expect((await t.call(xw, 'PUT', `/api/ic/audits/${xuanwu}/findings/${findings[0]!.id}/rectification`, { plan: '补充佐证', evidenceAttachmentIds: [] })).status).toBe(200)))
      .toEqual({});
    const closed = await moved(async () => {
      const res = await t.call(province, 'POST', `/api/ic/audits/${xuanwu}/findings/${findings[0]!.id}/verify`, { accepted: true });
      expect([res.status, res.body.status]).toEqual([200, 'closed']);
    });
    expect(closed).toEqual({ ic_audits_open: -1, ic_audits_closed: 1 });
  });

  it('IcAuditTransitioned: an audit without findings closes from fieldwork; IcFollowUpScheduled counts the follow-up audit', async () => {
    const p = actorOf(province);
    const nanjing = await icAuditOf('agency-3201');
    expect(await moved(async () => {
      expect(await clock(new SendAuditNoticeCommand(p, nanjing))).toBe(true);
      expect(await clock(new StartFieldworkCommand(p, nanjing))).toBe(true);
    })).toEqual({});
    expect(await moved(async () => expect((await t.call(province, 'POST', `/api/ic/audits/${nanjing}/findings`, { findings: [] })).body.status).toBe('closed')))
      .toEqual({ ic_audits_open: -1, ic_audits_closed: 1 });
    let followUp = '';
    const scheduled = await moved(async () => {
      const res = await t.call(province, 'POST', `/api/ic/audits/${xuanwu}/follow-up`, {
        noticeDate: `${YEAR}-09-01`, selfAssessmentDue: `${YEAR}-09-10`, fieldworkStart: `${YEAR}-09-15`, fieldworkEnd: `${YEAR}-09-20`,
        teamInspectorIds: (await owner<{ id: string }>(`select id from inspector where active and organization_id <> 'agency-320102' order by id limit 2`)).map((r) => r.id),
      });
      expect(res.status).toBe(201);
      followUp = res.body.id;
    });
    expect(scheduled).toEqual({ ic_audits: 1, ic_audits_open: 1 });
    expect(await factOf('ic_audit', followUp)).toMatchObject({ status: 'scheduled', month: `${YEAR}-01` });
  });
});

describe('monthly reports (the county reports count; the city\'s compilation does not)', () => {
  const cycle = monthlyCycleActor('32');
  const bureauUser = (code: string, role: 'county_staff' | 'leader' | 'city_agency_staff'): TestUser => ({
    sub: `u-${role}-${code}`, username: `${code}.${role}`, roles: [role], orgId: `bureau-${code}`, orgKind: 'bureau',
    regionPath: code.length === 4 ? `/32/${code}/` : `/32/${code.slice(0, 4)}/${code}/`,
  });
  const reportOf = async (month: string, regionCode: string) =>
    (await owner<{ id: string }>(`select id from monthly_report where month = $1::date and region_code = $2`, [`${month}-01`, regionCode]))[0]!.id;
  let counties = 0;
  let xuanwu = '';
  const staff = bureauUser('320102', 'county_staff');
  const leader = bureauUser('320102', 'leader');
  /** The city agency (fund-audit section): receives the county reports, returns them, compiles them. */
  const cityAgency = (code: string): TestUser => ({
    sub: `u-city-agency-${code}`, username: `${code}.agency`, roles: ['city_agency_staff'], orgId: `agency-${code}`, orgKind: 'agency', regionPath: `/32/${code}/`,
  });
  const city = cityAgency('3201');
  const ok = (res: { status: number; body: any }) => expect([res.status, res.body.error]).toEqual([200, undefined]);

  it('MonthlyReportOpened (the cycle\'s step): one report per county bureau; MonthlyReportSaved and MonthlyReportSubmitted (awaiting sign-off) move nothing', async () => {
    let opened = 0;
    const d = await moved(async () => {
      const r = await clock<{ opened: number; total: number }>(new OpenMonthlyReportsCommand(cycle, '32', MONTH, new Date()));
      opened = r.opened;
      expect(r.total).toBe(r.opened);
    });
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int as n from organization o join region r on o.id = 'bureau-' || r.code where r.level = 'county' and r.path like '/32/%'`);
    counties = n;
    expect(opened).toBe(counties);
    expect(d).toEqual({ mr_reports: counties });
    xuanwu = await reportOf(MONTH, '320102');
    expect(await factOf('monthly_report', xuanwu)).toMatchObject({ status: 'draft', month: MONTH });
    expect(await moved(async () => ok(await t.call(staff, 'PUT', `/api/monthly-reports/${xuanwu}`, { manual: { transferredToPolice: 2, publicExposures: 5 } })))).toEqual({});
    expect(await moved(async () => ok(await t.call(staff, 'POST', `/api/monthly-reports/${xuanwu}/submit`)))).toEqual({});
    expect((await factOf('monthly_report', xuanwu))!.status).toBe('awaiting_signoff');
  });

  it('MonthlyReportReturned by the leader (nothing counted yet), MonthlyReportSigned on time, MonthlyReportReturned by the city agency', async () => {
    expect(await moved(async () => ok(await t.call(leader, 'POST', `/api/monthly-reports/${xuanwu}/return`, { comment: '立案数有误' })))).toEqual({});
    expect((await factOf('monthly_report', xuanwu))!.status).toBe('draft');
    await moved(async () => ok(await t.call(staff, 'POST', `/api/monthly-reports/${xuanwu}/submit`)));
    expect(await moved(async () => ok(await t.call(leader, 'POST', `/api/monthly-reports/${xuanwu}/sign`)))).toEqual({ mr_submitted: 1 });
    expect(await moved(async () => ok(await t.call(city, 'POST', `/api/monthly-reports/${xuanwu}/return`, { comment: '请核实举报数' })))).toEqual({ mr_submitted: -1 });
  });

  it('MonthlyReportOverdue at the due instant (once); a report signed afterwards is late and no longer overdue; returned, overdue again', async () => {
    const due = dueAtOf(MONTH);
    expect(await moved(async () => {
      const r = await clock<{ flagged: string[] }>(new MarkMonthlyReportsOverdueCommand(cycle, '32', MONTH, new Date(due.getTime() - 60_000)));
      expect(r.flagged).toEqual([]);
    })).toEqual({});
    expect(await moved(async () => {
      const r = await clock<{ flagged: string[] }>(new MarkMonthlyReportsOverdueCommand(cycle, '32', MONTH, new Date(due.getTime() + 60_000)));
      expect(r.flagged).toHaveLength(counties);
    })).toEqual({ mr_overdue: counties });
    expect(await moved(() => clock(new MarkMonthlyReportsOverdueCommand(cycle, '32', MONTH, new Date(due.getTime() + 120_000))))).toEqual({});
    await moved(async () => ok(await t.call(staff, 'POST', `/api/monthly-reports/${xuanwu}/submit`)));
    expect(await moved(async () => ok(await t.call(leader, 'POST', `/api/monthly-reports/${xuanwu}/sign`))))
      .toEqual({ mr_submitted: 1, mr_late: 1, mr_overdue: -1 });
    expect(await moved(async () => ok(await t.call(city, 'POST', `/api/monthly-reports/${xuanwu}/return`, { comment: '请补充说明' }))))
      .toEqual({ mr_submitted: -1, mr_late: -1, mr_overdue: 1 });
  });

  it('MonthlyReportCompiled (the city agency), MonthlyReportCompilationReturned and MonthlyReportFiled (the city bureau): the city\'s report has no fact of its own', async () => {
    const [smallest] = await owner<{ code: string }>(
      `select r.parent_code as code from region r join organization o on o.id = 'bureau-' || r.code
        where r.level = 'county' and r.path like '/32/%' group by r.parent_code order by count(*), r.parent_code limit 1`);
    const codes = (await owner<{ code: string }>(`select code from region where level = 'county' and parent_code = $1 order by code`, [smallest!.code])).map((r) => r.code);
    const filed = await moved(async () => {
      for (const code of codes) {
        const id = await reportOf(MONTH, code);
        ok(await t.call(bureauUser(code, 'county_staff'), 'POST', `/api/monthly-reports/${id}/submit`));
        ok(await t.call(bureauUser(code, 'leader'), 'POST', `/api/monthly-reports/${id}/sign`));
      }
    });
    expect(filed).toEqual({ mr_submitted: codes.length, mr_late: codes.length, mr_overdue: -codes.length });
    let cityReport = '';
    const compile = async () => {
      const res = await t.call(cityAgency(smallest!.code), 'POST', `/api/monthly-reports/cities/${smallest!.code}/${MONTH}/compile`);
      expect([res.status, res.body.status, res.body.level]).toEqual([200, 'compiled', 'city']);
      cityReport = res.body.id;
    };
    const cityBureau = bureauUser(smallest!.code, 'city_agency_staff');
    expect(await moved(compile)).toEqual({});
    expect(await moved(async () => ok(await t.call(cityBureau, 'POST', `/api/monthly-reports/${cityReport}/return`, { comment: '请核对合计数' })))).toEqual({});
    expect(await moved(compile)).toEqual({});
    expect(await moved(async () => ok(await t.call(cityBureau, 'POST', `/api/monthly-reports/${cityReport}/file`)))).toEqual({});
    const events = await owner<{ type: string; projected: boolean }>(
      `select event_type as type, projected_at is not null as projected from outbox_message where aggregate_id = $1 order by seq`, [cityReport]);
    expect(events).toEqual([
      { type: 'MonthlyReportCompiled', projected: true }, { type: 'MonthlyReportCompilationReturned', projected: true },
      { type: 'MonthlyReportCompiled', projected: true }, { type: 'MonthlyReportFiled', projected: true },
    ]);
    expect(await factOf('monthly_report', cityReport)).toBeUndefined();
  });
});

describe('notices (not on the dashboards)', () => {
  it('NoticeSent, NoticeAcknowledged, NoticeMarkedOverdue count nothing', async () => {
    const send = async () => {
      const res = await t.call(USERS.nanjing, 'POST', '/api/notices', { recipientOrgId: 'agency-320102', title: '关于报送月报表的通知', body: '请按期报送。', workingDays: 5 });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    let first = '';
    expect(await moved(async () => { first = await send(); })).toEqual({});
    expect(await moved(async () => expect((await t.call(USERS.xuanwu, 'POST', `/api/notices/${first}/acknowledge`)).status).toBe(204))).toEqual({});
    const second = await send();
    expect(await moved(async () => expect(await clock(new MarkNoticeOverdueCommand(actorOf(USERS.nanjing as TestUser), second))).toBe(true))).toEqual({});
  });
});

describe('incremental projection = rebuild', () => {
  it('the projected read model equals a rebuild from the records, and the comparison can fail', async () => {
    // more internal-control audits of the published plan through their states, and another month's
    // county reports through theirs, so that the comparison covers those facts in several states
    const p = actorOf(province);
    const suzhou = await icAuditOf('agency-3205');
    const gusu = await icAuditOf('agency-320508');
    await clock(new SendAuditNoticeCommand(p, suzhou));
    await clock(new MarkSelfAssessmentOverdueCommand(p, suzhou));
    await clock(new StartFieldworkCommand(p, suzhou));
    const issued = await t.call(province, 'POST', `/api/ic/audits/${suzhou}/findings`, {
      findings: [{ area: 'payment_records', description: '支付审核记录缺失', rectificationDue: addCalendarDays(today, 20) }],
    });
    expect([issued.status, issued.body.status]).toEqual([200, 'rectification']);
    await clock(new MarkRectificationOverdueCommand(p, suzhou, issued.body.findings[0].id));
    await clock(new SendAuditNoticeCommand(p, gusu));
    // a save without a status change records no event and changes no fact
    const saved = await t.call(USERS.gusu, 'PUT', `/api/ic/audits/${gusu}/self-assessment`, { answers: await checklistAnswers(USERS.gusu as TestUser, gusu), submit: false });
    expect(saved.status).toBe(200);

    const cycle = monthlyCycleActor('32');
    const LAST_MONTH = previousMonth(MONTH);
    await clock(new OpenMonthlyReportsCommand(cycle, '32', LAST_MONTH, new Date()));
    const county = (code: string, role: 'county_staff' | 'leader'): TestUser => ({
      sub: `u-${role}-${code}`, username: `${code}.${role}`, roles: [role], regionPath: `/32/${code.slice(0, 4)}/${code}/`, orgId: `bureau-${code}`, orgKind: 'bureau',
    });
    const [gusuReport, xuanwuReport] = await Promise.all(['320508', '320102'].map(async (code) =>
      (await owner<{ id: string }>(`select id from monthly_report where month = $1::date and region_code = $2`, [`${LAST_MONTH}-01`, code]))[0]!.id));
    for (const [user, method, path, body] of [
      [county('320508', 'county_staff'), 'PUT', `/api/monthly-reports/${gusuReport}`, { manual: { publicExposures: 1 } }],
      [county('320508', 'county_staff'), 'POST', `/api/monthly-reports/${gusuReport}/submit`, undefined],
      [county('320508', 'leader'), 'POST', `/api/monthly-reports/${gusuReport}/sign`, undefined],
      [county('320102', 'county_staff'), 'PUT', `/api/monthly-reports/${xuanwuReport}`, { manual: { publicExposures: 2 } }],
      [county('320102', 'county_staff'), 'POST', `/api/monthly-reports/${xuanwuReport}/submit`, undefined],
    ] as const) {
      const res = await t.call(user, method, path, body);
      expect([path, res.status, res.body.error]).toEqual([path, 200, undefined]);
    }

    await projector().drain();
    const incremental = await snapshot();
    expect(incremental.facts.length).toBeGreaterThan(100);
    const statuses = (kind: string) => [...new Set(incremental.facts.filter((f) => f.kind === kind).map((f) => f.status as string))].sort();
    expect(statuses('ic_audit')).toEqual(['closed', 'rectification', 'scheduled', 'self_assessment']);
    expect(statuses('monthly_report')).toEqual(['awaiting_signoff', 'draft', 'submitted']);
    expect(JSON.parse(incremental.facts.find((f) => f.kind === 'ic_audit' && f.item_id === suzhou)!.metrics))
      .toEqual({ ic_audits: 1, ic_audits_open: 1, ic_self_assessment_overdue: 1, ic_rectification_overdue: 1 }); // never self-assessed: flagged for good
    const counts = await projector().rebuild();
    expect(counts.eventsMarked).toBe(0);
    const rebuilt = await snapshot();
    expect(rebuilt).toEqual(incremental);

    // a corrupted cube row, or a stale fact, is not what a rebuild produces
    for (const corrupt of [
      `update dash_rollup set value = value + 1 where metric = 'findings'`,
      `update dash_fact set status = 'scheduled' where kind = 'ic_audit' and item_id = '${suzhou}'`,
      `update dash_fact set metrics = '{"mr_reports": 1}' where kind = 'monthly_report' and item_id = '${gusuReport}'`,
    ]) {
      await owner(corrupt);
      const corrupted = await snapshot();
      expect(corrupted).not.toEqual(incremental);
      await projector().rebuild();
      const again = await snapshot();
      expect(again).not.toEqual(corrupted);
      expect(again).toEqual(incremental);
    }
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
    expect(d.totals.overdue).toBe(d.totals.inspections_overdue + d.totals.rectification_overdue + d.totals.si_missing + d.totals.plans_overdue + d.totals.disputes_overdue
      + d.totals.ic_self_assessment_overdue + d.totals.ic_rectification_overdue + d.totals.mr_overdue);
    const [{ mr }] = await owner<{ mr: number }>(
      `select count(*)::int as mr from monthly_report where level = 'county' and overdue and status <> 'submitted' and extract(year from month) = $1`, [YEAR]);
    expect(mr).toBeGreaterThan(50);
    expect([d.totals.ic_self_assessment_overdue, d.totals.ic_rectification_overdue, d.totals.mr_overdue]).toEqual([1, 1, mr]);
    // one province-level item in this scenario, the provincial agency's internal-control audit (scheduled,
    // open): otherwise the cities add up to the province, metric by metric
    const provinceLevel: Record<string, number> = { ic_audits: 1, ic_audits_open: 1 };
    const [{ n: provinceAudits }] = await owner<{ n: number }>(`select count(*)::int as n from dash_fact where kind = 'ic_audit' and city_code is null`);
    expect(provinceAudits).toBe(1);
    for (const k of Object.keys(d.totals)) {
      expect([k, d.children.reduce((s: number, c: any) => s + c.metrics[k], 0) + (provinceLevel[k] ?? 0)]).toEqual([k, expect.closeTo(d.totals[k], 2)]);
    }
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
    for (const metric of ['findings', 'decisions', 'si_missing', 'ic_audits_open', 'mr_overdue', 'overdue']) {
      const items: any[] = [];
      let total = 0;
      for (let page = 1; page === 1 || items.length < total; page++) {
        const res = await t.call(JS_LEADER, 'GET', `/api/dashboards/items?period=${YEAR}&metric=${metric}&size=200&page=${page}`);
        expect(res.status).toBe(200);
        total = res.body.total;
        if (!res.body.items.length) break;
        items.push(...res.body.items);
      }
      expect([metric, items.length]).toEqual([metric, total]);
      expect([metric, new Set(items.map((i) => `${i.kind}:${i.itemId}`)).size]).toEqual([metric, total]);
      expect([metric, items.reduce((s: number, i: any) => s + i.value, 0)]).toEqual([metric, d.totals[metric]]);
    }
    const f = await t.call(JS_LEADER, 'GET', `/api/dashboards/items?period=${YEAR}&metric=findings`);
    expect(f.body.total).toBe(4);
    expect(f.body.items[0]).toMatchObject({ kind: 'finding', institutionId: target.institution_id, month: MONTH });
    // Each row says what it is and its amount, not "数值 1" (issue 16): the finding's type and amount.
    const shown = await owner<{ id: string; type: string; amount: string }>(`select id::text, type, amount::text from finding where id = any($1::uuid[])`,
      [f.body.items.map((i: { itemId: string }) => i.itemId)]);
    for (const item of f.body.items) {
      const row = shown.find((r) => r.id === item.itemId)!;
      expect({ findingType: item.findingType, amount: item.amount }).toEqual({ findingType: row.type, amount: Number(row.amount) || null });
    }
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
      const leakCube = await c.query(`select count(*)::int as n from dash_rollup where region_path like $1`, [`${mine}%`]);
      expect([leak.rows[0].n, leakCube.rows[0].n]).toEqual([0, 0]);
      await c.query('rollback');
    } finally {
      await c.end();
    }
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int as n from dash_fact where region_path like $1`, [`${mine}%`]);
    expect(n).toBeGreaterThan(0);
  });
});

describe('every event type of the map is driven by this file', () => {
  it('SpotCheckClosed (every inspection sent) counts nothing of its own', async () => {
    const [{ city }] = await owner<{ city: string }>(
      `select substr(region_code, 1, 4) as city from organization where kind = 'institution' and institution_type = 'pharmacy' group by 1 order by count(*), 1 limit 1`);
    const created = await t.call(province, 'POST', '/api/spot-checks', {
      year: YEAR, title: `${YEAR}年度看板测试药店抽查`, cityCodes: [city], institutionKinds: ['pharmacy'], witnesses: WITNESSES, parameters: { teamSize: 2 },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await t.call(province, 'POST', `/api/spot-checks/${id}/commit`, { witnessCommitments: SECRETS.map(sha256) })).status).toBe(200);
    expect((await t.call(province, 'POST', `/api/spot-checks/${id}/draw`, { witnessSecrets: SECRETS })).status).toBe(200);
    const drawn = await owner<{ id: string; items: string[] }>(`select id, checklist_items as items from inspection where spot_check_id = $1 order by draw_order`, [id]);
    expect(drawn.length).toBeGreaterThan(0);
    expect(await moved(async () => {
      for (const i of drawn) {
        const res = await t.call(province, 'PUT', `/api/inspections/${i.id}`, {
          inspectedOn: today, checklist: i.items.map((item) => ({ item, result: 'compliant' })), attachmentIds: [], findings: [],
        });
        expect([res.status, res.body.error]).toEqual([200, undefined]);
      }
      for (const i of drawn.slice(0, -1)) expect((await t.call(province, 'POST', `/api/inspections/${i.id}/send`)).status).toBe(200);
    })).toEqual(drawn.length > 1
      ? { inspections: drawn.length - 1, inspections_on_site: drawn.length - 1, inspections_spot_check: drawn.length - 1, inspections_open: -(drawn.length - 1) }
      : {});
    const [{ open }] = await owner<{ open: number }>(`select count(*)::int as open from outbox_message where event_type = 'SpotCheckClosed' and aggregate_id = $1`, [id]);
    expect(open).toBe(0);
    // the last one sent closes the spot-check in the same transaction: only the inspection counts
    expect(await moved(async () => expect((await t.call(province, 'POST', `/api/inspections/${drawn.at(-1)!.id}/send`)).status).toBe(200)))
      .toEqual({ inspections: 1, inspections_on_site: 1, inspections_spot_check: 1, inspections_open: -1 });
    const [{ closed }] = await owner<{ closed: number }>(
      `select count(*)::int as closed from outbox_message where event_type = 'SpotCheckClosed' and aggregate_id = $1 and projected_at is not null`, [id]);
    expect(closed).toBe(1);
  });

  it('the outbox of this file holds every event type of EVENT_MAP, all projected, none unknown', async () => {
    expect((await projector().drain()).unknownEvents).toBe(0);
    const seen = new Set((await owner<{ t: string }>(`select distinct event_type as t from outbox_message`)).map((r) => r.t));
    // NoticeReminded is mapped but no command records it: the notice workflow's reminder only
    // delivers a notification (RemindNoticeRecipientHandler) and changes no state.
    // The national overseer's answers to a campaign filing are driven by campaign-filings.spec; like the
    // filing itself (driven here through 总结上报) they change no dashboard figure.
    expect(Object.keys(EVENT_MAP).filter((type) => !seen.has(type))).toEqual(['CampaignFilingAcknowledged', 'CampaignFilingReturned', 'NoticeReminded']);
    expect([...seen].filter((type) => !(type in EVENT_MAP))).toEqual([]);
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int as n from outbox_message where projected_at is null`);
    expect(n).toBe(0);
  });
});
