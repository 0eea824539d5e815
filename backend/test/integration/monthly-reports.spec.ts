import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { addCalendarDays, chinaDateOf, chinaInstant } from '../../src/platform/calendar/working-days.js';
import { MarkMonthlyReportsOverdueCommand, OpenMonthlyReportsCommand, RemindMonthlyReportsCommand } from '../../src/contexts/monthly-reports/application/commands.js';
import { monthlyCycleActor } from '../../src/contexts/monthly-reports/infrastructure/monthly-report.activities.js';
import { nextMonth, previousMonth } from '../../src/contexts/monthly-reports/domain/monthly-report.js';
import { withTestApp, type TestApp } from '../support/app.js';
import { USERS, type TestUser } from '../support/tokens.js';

// Issue 7 §3 over HTTP (docs/api/dashboards-and-monthly-reports.md): the cycle's steps open every
// county's report with the suite's own figures → the county fills in and submits → the leader signs
// (late after the 10th) → the city agency's fund-audit section receives it (returns it when wrong) and
// compiles and ranks the counties → the city bureau files the compilation (备案) and issues the
// bulletin, or returns it to the agency (seed 002 一(九), DOMAIN.md correction 5) → exports; tenancy
// and validation throughout.

let t: TestApp;
const now = new Date();
const CURRENT = chinaDateOf(now).slice(0, 7);
/** Due on the 11th of next month: always ahead. */
const FUTURE = CURRENT;
/** Two months back: its due instant (the 11th of last month) has passed. */
const PAST = previousMonth(previousMonth(CURRENT));

const bureauUser = (code: string, role: 'county_staff' | 'leader' | 'city_agency_staff', path: string): TestUser => ({
  sub: `u-${role}-${code}`, username: `${code}.${role}`, roles: [role], regionPath: path, orgId: `bureau-${code}`, orgKind: 'bureau',
});
const XW_BUREAU = bureauUser('320102', 'county_staff', '/32/3201/320102/');
const XW_LEADER = bureauUser('320102', 'leader', '/32/3201/320102/');
const GS_BUREAU = bureauUser('320508', 'county_staff', '/32/3205/320508/');
const NJ_BUREAU = bureauUser('3201', 'city_agency_staff', '/32/3201/');
/** nj.agency: the city agency's fund-audit section, which receives and compiles the counties' reports. */
const NJ_AGENCY = USERS.nanjing as TestUser;
const NJ_LEADER = bureauUser('3201', 'leader', '/32/3201/');
const county = (code: string) => ({ staff: bureauUser(code, 'county_staff', `/32/3201/${code}/`), leader: bureauUser(code, 'leader', `/32/3201/${code}/`) });

const { owner } = withTestApp((app) => (t = app));
const clock = <R>(cmd: Parameters<Commands['execute']>[0]) => t.app.get(Commands).execute(cmd) as Promise<R>;
const cycle = monthlyCycleActor('32');

async function reportOf(month: string, regionCode: string): Promise<{ id: string; version: number; manual: any; auto: any; status: string; late: boolean; overdue: boolean }> {
  const [r] = await owner<any>(`select id, version, manual, auto, status, late, overdue from monthly_report where month = $1::date and region_code = $2`, [`${month}-01`, regionCode]);
  return r;
}

async function fileReport(month: string, code: string): Promise<void> {
  const { staff, leader } = county(code);
  const r = await reportOf(month, code);
  expect((await t.call(staff, 'POST', `/api/monthly-reports/${r.id}/submit`)).status).toBe(200);
  expect((await t.call(leader, 'POST', `/api/monthly-reports/${r.id}/sign`)).status).toBe(200);
}

async function download(user: TestUser, path: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${await t.keys.token(user)}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

async function sheets(bytes: Buffer): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  return book.worksheets.map((s) => s.name);
}

/** China instant of a day in the month and a time (hours). */
const at = (day: string, hour = 10) => chinaInstant(day, hour).toISOString();

let jiangsuCounties = 0;
let nanjingCounties: string[] = [];
/** Nanjing counties used besides Xuanwu: one with inspections (ranked by them), one filing on time. */
let busy = '';
let punctual = '';
let busyInstitution = '';

beforeAll(async () => {
  const [n] = await owner<{ n: string }>(`select count(*) as n from region r join organization o on o.id = 'bureau-' || r.code where r.level = 'county' and r.path like '/32/%'`);
  jiangsuCounties = Number(n.n);
  nanjingCounties = (await owner<{ code: string }>(`select code from region where level = 'county' and parent_code = '3201' order by code`)).map((r) => r.code);
  const [b] = await owner<{ county: string; id: string }>(
    `select region_code as county, min(id) as id from organization where kind = 'institution' and region_code like '3201%' and region_code <> '320102'
      group by region_code order by region_code limit 1`);
  busy = b.county;
  busyInstitution = b.id;
  punctual = nanjingCounties.find((c) => c !== '320102' && c !== busy)!;
});

/**
 * A hand-built month for Xuanwu (and a little elsewhere), inserted as rows that satisfy the write
 * tables' constraints, with items on both sides of the month's China-time boundaries.
 */
async function buildScenario(month: string): Promise<void> {
  const first = `${month}-01`;
  const next = `${nextMonth(month)}-01`;
  const last = addCalendarDays(next, -1);
  const prev = addCalendarDays(first, -1);
  const year = Number(month.slice(0, 4));
  const spotChecks = [randomUUID(), randomUUID(), randomUUID()];
  for (const id of spotChecks) {
    await owner(
      `insert into spot_check (id, region_path, owner_org_id, year, title, city_codes, institution_kinds, parameters, checklist_items, due_date,
                               witnesses, status, commitment, result_hash, drawn, created_at, created_by)
       values ($1, '/32/', 'bureau-32', $2, $3, '{3201,3205}', '{hospital,clinic,pharmacy}', '{}', '["制度"]', $4, '[]', 'drawn', $5, $6, 2, now(), 'test')`,
      [id, year, `月报测试抽查 ${id.slice(0, 8)}`, last, 'a'.repeat(64), 'b'.repeat(64)]);
  }
  const inspection = async (spotCheck: string, institution: string, status: 'recorded' | 'sent', inspectedOn: string) => {
    await owner(
      `insert into inspection (id, region_path, owner_org_id, spot_check_id, spot_check_title, checklist_items, institution_id, city_code, kind, level,
                               draw_order, team, status, due_date, inspected_on, recorded_at, sent_at, created_at)
       select $1, o.region_path, o.id, $2, '月报测试抽查', '["制度"]', o.id, substr(o.region_code, 1, 4), o.institution_type, coalesce(o.institution_level, 'none'),
              (select count(*) from inspection where spot_check_id = $2), '[]', $3, $4, $5::date, now(), case when $3 = 'sent' then now() end, now()
         from organization o where o.id = $6`,
      [randomUUID(), spotCheck, status, last, inspectedOn, institution]);
  };
  await inspection(spotChecks[0]!, 'inst-320102-0001', 'sent', `${month}-05`);
  await inspection(spotChecks[1]!, 'inst-320102-0001', 'sent', `${month}-20`);
  await inspection(spotChecks[0]!, 'inst-320102-0002', 'sent', last);
  await inspection(spotChecks[1]!, 'inst-320102-0002', 'recorded', `${month}-10`); // not sent
  await inspection(spotChecks[2]!, 'inst-320102-0002', 'sent', next); // next month
  await inspection(spotChecks[0]!, 'inst-320508-0001', 'sent', `${month}-06`); // Gusu
  await inspection(spotChecks[0]!, busyInstitution, 'sent', `${month}-07`);
  await inspection(spotChecks[1]!, busyInstitution, 'sent', `${month}-08`);

  const d = { d1: randomUUID(), d2: randomUUID(), d3: randomUUID(), d4: randomUUID(), d5: randomUUID(), d6: randomUUID(), d7: randomUUID() };
  const decision = async (id: string, createdAt: string, measures: unknown[], status: string, effective: boolean, settlement = 'normal', rectification: unknown = null) => {
    await owner(
      `insert into handling_decision (id, region_path, owner_org_id, agency_id, finding_ids, measures, basis, major, status, decided_by, decided_by_user_id,
                                      effective_at, settlement, rectification, created_at)
       values ($1, '/32/3201/320102/', 'inst-320102-0001', 'agency-320102', $2::uuid[], $3::jsonb, '服务协议', false, $4, '测试', 'u-test', $5, $6, $7::jsonb, $8)`,
      [id, `{${randomUUID()}}`, JSON.stringify(measures), status, effective ? createdAt : null, settlement, rectification ? JSON.stringify(rectification) : null, createdAt]);
  };
  const rect = (due: string) => ({ due, report: null, attachmentIds: [], submittedAt: null, confirmedAt: null, overdue: true });
  await decision(d.d1, at(`${month}-04`), [{ kind: 'refuse_payment', amount: 400 }, { kind: 'talk' }], 'effective', true);
  await decision(d.d2, at(`${month}-06`), [{ kind: 'suspend_settlement', rectificationDue: `${month}-15` }], 'rectifying', true, 'suspended', rect(`${month}-15`));
  await decision(d.d3, at(`${month}-08`), [{ kind: 'terminate_agreement' }], 'effective', true);
  await decision(d.d4, at(`${month}-09`), [{ kind: 'refuse_payment', amount: 1000 }], 'pending_legal_review', false); // not effective: no refusal yet
  await decision(d.d5, at(last, 23.5), [{ kind: 'clinician_refuse_payment', clinicianName: '张医师', amount: 250.25 }], 'effective', true);
  await decision(d.d6, at(next, 0), [{ kind: 'refuse_payment', amount: 5000 }], 'effective', true); // next month
  await decision(d.d7, at(prev), [{ kind: 'suspend_settlement', rectificationDue: prev }], 'rectifying', true, 'suspended', rect(prev)); // still overdue

  const finding = async (amount: number, status: string, createdAt: string, opts: { decisionId?: string; owner?: string } = {}) => {
    const orgId = opts.owner ?? 'inst-320102-0001';
    const confirmed = ['confirmed', 'deemed_confirmed', 'decided'].includes(status);
    await owner(
      `insert into finding (id, region_path, owner_org_id, source, source_id, source_index, handling_agency_id, type, description, amount, status,
                            confirmation_due, confirmed_at, deemed, appeal, decision_id, created_at)
       select $1, o.region_path, o.id, 'spot_check', $2, 0, 'agency-' || o.region_code, '测试', '测试问题', $3, $4, $5::date, $6, $7, $8::jsonb, $9, $10
         from organization o where o.id = $11`,
      [randomUUID(), randomUUID(), amount, status, last, confirmed ? createdAt : null, status === 'deemed_confirmed' || status === 'decided',
        ['appealed', 'appeal_upheld'].includes(status) ? JSON.stringify({ reasons: '申诉', attachmentIds: [], at: createdAt, review: null }) : null,
        opts.decisionId ?? null, createdAt, orgId]);
  };
  await finding(1000.5, 'confirmed', at(`${month}-03`));
  await finding(2000, 'awaiting_confirmation', at(first, 0.1)); // 00:06 China time on the 1st: in the month
  await finding(300, 'deemed_confirmed', at(`${month}-12`));
  await finding(400, 'decided', at(`${month}-13`), { decisionId: d.d1 });
  await finding(500, 'appeal_upheld', at(`${month}-14`));
  await finding(9999, 'confirmed', at(next, 0)); // next month, 00:00 China time
  await finding(7777, 'confirmed', at(prev, 23.9)); // the previous month
  await finding(123, 'confirmed', at(`${month}-03`), { owner: 'inst-320508-0001' }); // Gusu
  await finding(600, 'confirmed', at(`${month}-03`), { owner: busyInstitution });

  const dispute = async (decisionId: string, createdAt: string, status: string) => {
    const id = randomUUID();
    await owner(
      `insert into dispute (id, region_path, owner_org_id, decision_id, party, reasons, path, status, escalation_due, filed_by, filed_by_user_id, created_at, ended_at)
       values ($1, '/32/3201/320102/', 'inst-320102-0001', $2, 'institution', '不服', $3::jsonb, $4, $5, '机构', 'u-hosp', $6, $7)`,
      [id, decisionId, JSON.stringify([{ level: 'county', bureauId: 'bureau-320102', regionPath: '/32/3201/320102/', dueDate: last, receivedAt: createdAt, decision: null, overdue: false }]),
        status, status === 'decided' ? last : null, createdAt, status === 'withdrawn' ? createdAt : null]);
    return id;
  };
  await dispute(d.d1, at(`${month}-16`), 'open');
  const decided = await dispute(d.d3, at(prev), 'decided');
  await owner(
    `insert into dispute_history (id, dispute_id, region_path, owner_org_id, at, action, level, by_user_id, by_name, by_org_id)
     values ($1, $2, '/32/3201/320102/', 'inst-320102-0001', $3, 'decided_upheld', 0, 'u-xwb', '玄武区医保局', 'bureau-320102')`,
    [randomUUID(), decided, at(`${month}-12`)]);
  await dispute(d.d5, at(`${month}-20`), 'withdrawn');

  const campaign = randomUUID();
  await owner(
    `insert into campaign (id, region_path, owner_org_id, year, title, focus_areas, city_codes, institution_kinds, plan_filed_by, self_inspection_start,
                           self_inspection_end, spot_check_start, spot_check_end, summary_due, status, phase, created_at, created_by)
     values ($1, '/32/', 'bureau-32', $2, $3, '[]', '{3201}', '{hospital,clinic}', $4::date - 10, $4, $5, $5::date + 1, $5::date + 20, $5::date + 40,
             'assigned', 'self_inspection', now(), 'test')`,
    [campaign, year, `月报测试专项 ${campaign.slice(0, 8)}`, first, last]);
  const selfInspection = async (institution: string, refunded: number, submittedAt: string) => {
    await owner(
      `insert into self_inspection (id, campaign_id, region_path, owner_org_id, city_code, kind, status, refunded_amount, submitted_at, created_at, updated_at)
       select $1, $2, o.region_path, o.id, '3201', o.institution_type, 'submitted', $3, $4, now(), now() from organization o where o.id = $5`,
      [randomUUID(), campaign, refunded, submittedAt, institution]);
  };
  await selfInspection('inst-320102-0001', 1234.56, at(`${month}-18`));
  await selfInspection('inst-320102-0002', 100, at(next, 9)); // next month

  // The leads ledger (立案: investigation started; 结案: closed with a result) and the tips intake (受理举报: accepted;
  // 举报奖励: reward approved), issue 17: the report reads them through the leads' and tips' contexts.
  const lead = async (holder: { org: string; path: string; code: string }, investigating: string[], closedAt: string | null) => {
    const id = randomUUID();
    await owner(
      `insert into lead (id, region_path, owner_org_id, registered_org_id, registered_region_path, source, region_code, subject, facts, status,
                         result, closed_at, registered_at, registered_by, registered_by_user_id)
       values ($1, $2, $3, $3, $2, 'media', $4, '月报测试线索', '测试', $5, $6, $7, $8, '测试', 'u-test')`,
      [id, holder.path, holder.org, holder.code, closedAt ? 'closed' : 'investigating', closedAt ? 'not_confirmed' : null, closedAt, at(prev)]);
    for (const when of investigating) {
      await owner(
        `insert into lead_history (id, lead_id, region_path, owner_org_id, at, action, by_user_id, by_name, by_org_id) values ($1, $2, $3, $4, $5, 'investigating', 'u-test', '测试', $4)`,
        [randomUUID(), id, holder.path, holder.org, when]);
    }
  };
  const xwAgency = { org: 'agency-320102', path: '/32/3201/320102/', code: '320102' };
  const xwBureau = { org: 'bureau-320102', path: '/32/3201/320102/', code: '320102' };
  await lead(xwAgency, [at(`${month}-02`)], at(`${month}-20`)); // opened and closed in the month
  await lead(xwBureau, [at(first, 0.1), at(`${month}-25`)], null); // returned and investigated again: opened once
  await lead(xwAgency, [at(prev, 23.9)], at(last, 23.5)); // opened the month before, closed on the last evening (China time)
  await lead(xwAgency, [at(`${month}-09`)], at(next, 0)); // opened in the month; closed at 00:00 of next month: not in this month
  await lead(xwAgency, [at(next, 9)], null); // next month
  await lead({ org: 'bureau-3201', path: '/32/3201/', code: '3201' }, [at(`${month}-09`)], at(`${month}-10`)); // the city's ledger: no county's
  await lead({ org: 'bureau-320508', path: '/32/3205/320508/', code: '320508' }, [at(`${month}-09`)], at(`${month}-10`)); // Gusu
  const tip = async (county: string, path: string, status: 'accepted' | 'rejected' | 'received', decidedAt: string | null, approvedAt: string | null) => {
    await owner(
      `insert into tip (id, region_path, owner_org_id, receipt_hash, institution_org_id, facts, anonymous, status, accept_due, decided_at, reward, created_at)
       values ($1, $2, $3, $4, $5, '测试举报', true, $6, $7, $8, $9::jsonb, $10)`,
      [randomUUID(), path, `bureau-${county}`, randomUUID().replace(/-/g, '').padEnd(64, '0'), `inst-${county}-0001`, status, at(`${month}-28`),
        decidedAt, approvedAt ? JSON.stringify({ status: 'approved', approvedAt }) : null, at(prev)]);
  };
  await tip('320102', '/32/3201/320102/', 'accepted', at(`${month}-03`), at(`${month}-21`)); // accepted and rewarded in the month
  await tip('320102', '/32/3201/320102/', 'accepted', at(first, 0.1), null);
  await tip('320102', '/32/3201/320102/', 'accepted', at(prev, 23.9), at(last, 23.5)); // accepted the month before, rewarded in it
  await tip('320102', '/32/3201/320102/', 'rejected', at(`${month}-04`), null); // rejected: not 受理
  await tip('320102', '/32/3201/320102/', 'received', null, null); // undecided
  await tip('320102', '/32/3201/320102/', 'accepted', at(next, 0), null); // next month
  await tip('320508', '/32/3205/320508/', 'accepted', at(`${month}-05`), null); // Gusu
}

describe('the cycle opens every county report with the figures the suite already has', () => {
  it('opens one draft per county bureau of the province, idempotently, and tells each bureau', async () => {
    await buildScenario(PAST);
    const first = await clock<{ opened: number; total: number }>(new OpenMonthlyReportsCommand(cycle, '32', PAST, now));
    expect(first).toEqual({ opened: jiangsuCounties, total: jiangsuCounties });
    expect(await clock(new OpenMonthlyReportsCommand(cycle, '32', PAST, now))).toEqual({ opened: 0, total: jiangsuCounties });
    expect(await clock(new OpenMonthlyReportsCommand(cycle, '32', FUTURE, now))).toEqual({ opened: jiangsuCounties, total: jiangsuCounties });
    const [events] = await owner<{ n: string }>(`select count(*) as n from outbox_message where event_type = 'MonthlyReportOpened'`);
    expect(Number(events.n)).toBe(2 * jiangsuCounties);
    const [row] = await owner<{ owner_org_id: string; region_path: string; status: string; due_at: Date }>(
      `select owner_org_id, region_path, status, due_at from monthly_report where region_code = '320102' and month = $1::date`, [`${PAST}-01`]);
    expect(row).toMatchObject({ owner_org_id: 'bureau-320102', region_path: '/32/3201/320102/', status: 'draft' });
    expect(new Date(row.due_at).toISOString()).toBe(chinaInstant(`${nextMonth(PAST)}-11`).toISOString());
    const inbox = await t.call(XW_BUREAU, 'GET', '/api/notifications');
    expect(inbox.body.items.filter((n: { titleZh: string }) => n.titleZh.includes('请填报')).length).toBe(2);
  });

  it("assembles Xuanwu's month exactly as the hand-built records add up (China-time month bounds)", async () => {
    const r = await reportOf(PAST, '320102');
    expect(r.auto).toEqual({
      inspections: 3, institutionsInspected: 2,
      findings: 5, findingAmount: 4200.5, recoveredAmount: 1700.5, actualRecoveredAmount: 0,
      refusedAmount: 650.25, refundedAmount: 1234.56,
      decisions: 5, measures: { refuse_payment: 2, talk: 1, suspend_settlement: 1, terminate_agreement: 1, clinician_refuse_payment: 1 },
      settlementSuspended: 1, agreementsTerminated: 1,
      disputesFiled: 2, disputesDecided: 1, rectificationOverdue: 2,
      casesOpened: 3, casesClosed: 2, tipsReceived: 2, tipsRewarded: 2,
    });
    const gusu = await reportOf(PAST, '320508');
    expect(gusu.auto).toMatchObject({ inspections: 1, institutionsInspected: 1, findings: 1, findingAmount: 123, decisions: 0, casesOpened: 1, casesClosed: 1, tipsReceived: 1, tipsRewarded: 0 });
    const other = await reportOf(PAST, busy);
    expect(other.auto).toMatchObject({ inspections: 2, institutionsInspected: 1, findings: 1, recoveredAmount: 600 });
  });
});

describe('reading is scoped to the region', () => {
  it('a county sees its own report, a city its counties, the province all', async () => {
    const own = await t.call(XW_BUREAU, 'GET', `/api/monthly-reports?month=${PAST}`);
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: { regionCode: string }) => i.regionCode)).toEqual(['320102']);
    expect(own.body.dueAt).toBe(chinaInstant(`${nextMonth(PAST)}-11`).toISOString());
    const city = await t.call(NJ_BUREAU, 'GET', `/api/monthly-reports?month=${PAST}`);
    expect(city.body.items.map((i: { regionCode: string }) => i.regionCode)).toEqual(nanjingCounties);
    const agency = await t.call(NJ_AGENCY, 'GET', `/api/monthly-reports?month=${PAST}`);
    expect(agency.body.items.map((i: { regionCode: string }) => i.regionCode)).toEqual(nanjingCounties);
    const province = await t.call(USERS.province, 'GET', `/api/monthly-reports?month=${PAST}&pageSize=500`);
    expect(province.body.items).toHaveLength(jiangsuCounties);
    expect((await t.call(XW_BUREAU, 'GET', '/api/monthly-reports?month=2026-13')).body.error).toMatchObject({ code: 'invalid_month', details: { field: 'month' } });
    expect((await t.call(USERS.hospital, 'GET', `/api/monthly-reports?month=${PAST}`)).status).toBe(403);
  });

  it("xw.bureau cannot read Gusu's report; gs.staff cannot submit Xuanwu's; the county agency cannot act for the bureau", async () => {
    const gusu = await reportOf(PAST, '320508');
    const xuanwu = await reportOf(PAST, '320102');
    expect((await t.call(XW_BUREAU, 'GET', `/api/monthly-reports/${gusu.id}`)).status).toBe(404);
    expect((await t.call(XW_BUREAU, 'PUT', `/api/monthly-reports/${gusu.id}`, { manual: { casesOpened: 1 } })).status).toBe(404);
    expect((await t.call(USERS.gusu, 'POST', `/api/monthly-reports/${xuanwu.id}/submit`)).status).toBe(404);
    expect((await t.call(GS_BUREAU, 'POST', `/api/monthly-reports/${xuanwu.id}/submit`)).status).toBe(404);
    const agency = await t.call(USERS.xuanwu, 'POST', `/api/monthly-reports/${xuanwu.id}/submit`);
    expect(agency.status).toBe(403);
    expect(agency.body.error.code).toBe('monthly_report_forbidden');
    expect((await reportOf(PAST, '320102')).status).toBe('draft');
  });
});

describe('the county fills in, submits; the leader signs', () => {
  it('refuses invalid manual figures with the field and both languages, writing nothing', async () => {
    const r = await reportOf(PAST, '320102');
    const cases: [unknown, string, string][] = [
      [{ publicExposures: -1 }, 'manual.publicExposures', 'monthly_report_field_invalid'],
      [{ transferredToPolice: 1.5 }, 'manual.transferredToPolice', 'monthly_report_field_invalid'],
      [{ transferredToPolice: '3' }, 'manual.transferredToPolice', 'monthly_report_field_invalid'],
      // computed from the leads ledger and the tips intake since issue 17: not typed
      [{ casesOpened: 3 }, 'manual.casesOpened', 'monthly_report_field_computed'],
      [{ casesClosed: 0 }, 'manual.casesClosed', 'monthly_report_field_computed'],
      [{ tipsReceived: 4 }, 'manual.tipsReceived', 'monthly_report_field_computed'],
      [{ tipsRewarded: 1 }, 'manual.tipsRewarded', 'monthly_report_field_computed'],
      [{ otherRecovered: 12.345 }, 'manual.otherRecovered', 'monthly_report_field_invalid'],
      [{ otherRecovered: -1 }, 'manual.otherRecovered', 'monthly_report_field_invalid'],
      [{ remarks: 'x'.repeat(2001) }, 'manual.remarks', 'monthly_report_field_invalid'],
      [{ publicExposures: 2, bonus: 1 }, 'manual.bonus', 'monthly_report_field_unknown'],
    ];
    for (const [manual, field, code] of cases) {
      const res = await t.call(XW_BUREAU, 'PUT', `/api/monthly-reports/${r.id}`, { manual });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code, details: { field } });
      expect(res.body.error.message.zh).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.body.error.message.en).toMatch(/[a-z]/);
    }
    const after = await reportOf(PAST, '320102');
    expect(after.version).toBe(r.version);
    expect(after.manual).toEqual(r.manual);
    const [saved] = await owner<{ n: string }>(`select count(*) as n from outbox_message where event_type = 'MonthlyReportSaved'`);
    expect(Number(saved.n)).toBe(0);
  });

  it('saves the manual part (absent fields kept) and refreshes auto', async () => {
    const r = await reportOf(PAST, '320102');
    const res = await t.call(XW_BUREAU, 'PUT', `/api/monthly-reports/${r.id}`, {
      manual: { transferredToPolice: 1, otherRecovered: 5000.5, remarks: '  本月开展打击欺诈骗保专项行动  ' },
    });
    expect(res.status).toBe(200);
    expect(res.body.manual).toEqual({ transferredToPolice: 1, otherRecovered: 5000.5, publicExposures: 0, remarks: '本月开展打击欺诈骗保专项行动' });
    expect(res.body.actions).toEqual(['save', 'submit']);
    // The ledger moved since the opening: a lead closed and a tip accepted this month in Xuanwu show on the next save.
    await owner(
      `insert into lead (id, region_path, owner_org_id, registered_org_id, registered_region_path, source, region_code, subject, facts, status,
                         result, closed_at, registered_at, registered_by, registered_by_user_id)
       values ($1, '/32/3201/320102/', 'agency-320102', 'agency-320102', '/32/3201/320102/', 'other', '320102', '月报测试线索', '测试', 'closed', 'transferred', $2, $2, '测试', 'u-test')`,
      [randomUUID(), at(`${PAST}-26`)]);
    const again = await t.call(XW_BUREAU, 'PUT', `/api/monthly-reports/${r.id}`, { manual: { publicExposures: 4 } });
    expect(again.body.manual).toMatchObject({ transferredToPolice: 1, publicExposures: 4, otherRecovered: 5000.5 });
    expect(again.body.auto).toMatchObject({ inspections: 3, casesOpened: 3, casesClosed: 3, tipsReceived: 2, tipsRewarded: 2 });
  });

  it('the cycle reminds only the counties not submitted, once per reminder; overdue is flagged once', async () => {
    // Gusu files before the reminder (late already: the month is past due).
    const gusu = await reportOf(PAST, '320508');
    expect((await t.call(GS_BUREAU, 'POST', `/api/monthly-reports/${gusu.id}/submit`)).status).toBe(200);
    expect((await t.call(bureauUser('320508', 'leader', '/32/3205/320508/'), 'POST', `/api/monthly-reports/${gusu.id}/sign`)).status).toBe(200);
    const first = await clock<{ reminded: string[] }>(new RemindMonthlyReportsCommand(cycle, '32', PAST, 0, now));
    expect(first.reminded).toHaveLength(jiangsuCounties - 1);
    expect(first.reminded).not.toContain('bureau-320508');
    expect(first.reminded).toContain('bureau-320102');
    expect((await clock<{ reminded: string[] }>(new RemindMonthlyReportsCommand(cycle, '32', PAST, 0, now))).reminded).toEqual([]);

    const flagged = await clock<{ flagged: string[] }>(new MarkMonthlyReportsOverdueCommand(cycle, '32', PAST, now));
    expect(flagged.flagged).toHaveLength(jiangsuCounties - 1);
    expect((await clock<{ flagged: string[] }>(new MarkMonthlyReportsOverdueCommand(cycle, '32', PAST, now))).flagged).toEqual([]);
    // Not before the due instant: the current month is not flagged.
    expect((await clock<{ flagged: string[] }>(new MarkMonthlyReportsOverdueCommand(cycle, '32', FUTURE, now))).flagged).toEqual([]);
    expect((await reportOf(PAST, '320102')).overdue).toBe(true);
    expect((await reportOf(PAST, '320508')).overdue).toBe(false);
    const [events] = await owner<{ n: string }>(`select count(*) as n from outbox_message where event_type = 'MonthlyReportOverdue'`);
    expect(Number(events.n)).toBe(jiangsuCounties - 1);
    // the city agency (which receives and compiles) and the city bureau are told, once each
    for (const city of [NJ_AGENCY, NJ_BUREAU]) {
      const overdueNote = (await t.call(city, 'GET', '/api/notifications')).body.items.filter((n: { titleZh: string }) => n.titleZh.includes('逾期未报'));
      expect(overdueNote).toHaveLength(1);
      expect(overdueNote[0].bodyZh).toContain('玄武区');
    }
  });

  it('submit → awaiting sign-off; only the same bureau’s leader signs; a sign after the due instant is late and the city agency is told', async () => {
    const r = await reportOf(PAST, '320102');
    const submitted = await t.call(XW_BUREAU, 'POST', `/api/monthly-reports/${r.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'awaiting_signoff', actions: [] });
    expect((await t.call(XW_BUREAU, 'PUT', `/api/monthly-reports/${r.id}`, { manual: { publicExposures: 9 } })).body.error.code).toBe('monthly_report_status');
    expect((await t.call(XW_BUREAU, 'POST', `/api/monthly-reports/${r.id}/sign`)).status).toBe(403); // staff, not leader
    const cityLeader = await t.call(NJ_LEADER, 'POST', `/api/monthly-reports/${r.id}/sign`);
    expect(cityLeader.status).toBe(403);
    expect(cityLeader.body.error.code).toBe('monthly_report_sign_forbidden');
    expect((await t.call(county(busy).leader, 'POST', `/api/monthly-reports/${r.id}/sign`)).status).toBe(404); // another county's leader
    const leaderView = await t.call(XW_LEADER, 'GET', `/api/monthly-reports/${r.id}`);
    expect(leaderView.body.actions).toEqual(['sign', 'return']);
    const signed = await t.call(XW_LEADER, 'POST', `/api/monthly-reports/${r.id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'submitted', late: true, overdue: true, signedBy: XW_LEADER.username });
    // the month's list names who submitted and who signed, as the list page shows them (it sent neither)
    const listed = (await t.call(NJ_AGENCY, 'GET', `/api/monthly-reports?month=${PAST}`)).body.items.find((i: { id: string }) => i.id === r.id);
    expect(listed).toMatchObject({ submittedBy: XW_BUREAU.username, signedBy: XW_LEADER.username });
    expect((await t.call(XW_LEADER, 'POST', `/api/monthly-reports/${r.id}/sign`)).body.error.code).toBe('monthly_report_status');
    // the report goes to the city agency's fund-audit section
    const city = await t.call(NJ_AGENCY, 'GET', '/api/notifications');
    expect(city.body.items.some((n: { titleZh: string }) => n.titleZh.includes('逾期上报'))).toBe(true);
    expect(leaderView.body.actions).toEqual(['sign', 'return']);
    expect((await t.call(NJ_AGENCY, 'GET', `/api/monthly-reports/${r.id}`)).body.actions).toEqual(['return']);
    expect((await t.call(NJ_BUREAU, 'GET', `/api/monthly-reports/${r.id}`)).body.actions).toEqual([]);
    const [ev] = await owner<{ payload: any }>(`select payload from outbox_message where event_type = 'MonthlyReportSigned' and aggregate_id = $1`, [r.id]);
    expect(ev.payload).toMatchObject({ late: true, month: PAST, status: 'submitted' });
  });

  it('the city agency (which receives the reports) returns a submitted report with a comment; the county files it again', async () => {
    const r = await reportOf(PAST, '320102');
    const noComment = await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/${r.id}/return`, { comment: '  ' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error).toMatchObject({ code: 'monthly_report_comment_required', details: { field: 'comment' } });
    // the city bureau does not receive the counties' reports: it files the agency's compilation
    const byBureau = await t.call(NJ_BUREAU, 'POST', `/api/monthly-reports/${r.id}/return`, { comment: '请核实' });
    expect([byBureau.status, byBureau.body.error.code]).toEqual([403, 'monthly_report_return_forbidden']);
    expect(byBureau.body.error.message.zh).toContain('基金稽核科');
    expect((await t.call(USERS.suzhou, 'POST', `/api/monthly-reports/${r.id}/return`, { comment: '请核实' })).status).toBe(404); // another city's agency
    expect(await reportOf(PAST, '320102')).toMatchObject({ status: 'submitted', version: r.version });
    const returned = await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/${r.id}/return`, { comment: '立案数与系统不符，请核实' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'draft', returnedComment: '立案数与系统不符，请核实', late: false });
    expect((await t.call(XW_BUREAU, 'GET', '/api/notifications')).body.items.some((n: { titleZh: string }) => n.titleZh.includes('被退回'))).toBe(true);
    await fileReport(PAST, '320102');
    expect(await reportOf(PAST, '320102')).toMatchObject({ status: 'submitted', late: true });
  });
});

const eventsOf = async (type: string, id: string) =>
  Number((await owner<{ n: string }>(`select count(*) as n from outbox_message where event_type = $1 and aggregate_id = $2`, [type, id]))[0]!.n);
const titles = async (user: TestUser) => (await t.call(user, 'GET', '/api/notifications')).body.items.map((n: { titleZh: string }) => n.titleZh) as string[];

describe('the city agency compiles its counties\' reports; the city bureau files the compilation and issues the bulletin', () => {
  it('a county cannot compile; the city bureau no longer compiles; before the due instant the agency must wait for every county', async () => {
    expect((await t.call(XW_BUREAU, 'POST', `/api/monthly-reports/cities/3201/${FUTURE}/compile`)).status).toBe(403);
    const bureau = await t.call(NJ_BUREAU, 'POST', `/api/monthly-reports/cities/3201/${FUTURE}/compile`);
    expect(bureau.status).toBe(403);
    expect(bureau.body.error.code).toBe('monthly_report_compile_forbidden');
    expect(bureau.body.error.message.zh).toContain('市医保经办机构（基金稽核科）汇总');
    expect(bureau.body.error.message.en).toContain("city agency's fund-audit section compiles");
    expect((await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/cities/3205/${FUTURE}/compile`)).status).toBe(403);
    expect((await t.call(USERS.suzhou, 'POST', `/api/monthly-reports/cities/3201/${FUTURE}/compile`)).status).toBe(403);
    const badMonth = await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/cities/3201/2026-1/compile`);
    expect([badMonth.status, badMonth.body.error.code, badMonth.body.error.details.field]).toEqual([400, 'invalid_month', 'month']);
    expect((await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/cities/32011/${FUTURE}/compile`)).body.error.code).toBe('invalid_city');

    await fileReport(FUTURE, '320102');
    const refused = await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/cities/3201/${FUTURE}/compile`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('monthly_report_compile_incomplete');
    expect(refused.body.error.details.pending.map((p: { regionCode: string }) => p.regionCode)).toEqual(nanjingCounties.filter((c) => c !== '320102'));
    const [cityRow] = await owner<{ n: string }>(`select count(*) as n from monthly_report where level = 'city'`);
    expect(Number(cityRow.n)).toBe(0);
    const [compiledEvents] = await owner<{ n: string }>(`select count(*) as n from outbox_message where event_type = 'MonthlyReportCompiled'`);
    expect(Number(compiledEvents.n)).toBe(0);

    for (const code of nanjingCounties.filter((c) => c !== '320102')) await fileReport(FUTURE, code);
    const compiled = await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/cities/3201/${FUTURE}/compile`);
    expect(compiled.status).toBe(200);
    expect(compiled.body).toMatchObject({ level: 'city', status: 'compiled', filedAt: null, filedBy: null, actions: ['compile'] });
    expect(compiled.body.compiled).toMatchObject({ onTime: nanjingCounties.length, late: 0, missing: [], afterDue: false, compiledBy: NJ_AGENCY.username });
    expect((await t.call(NJ_BUREAU, 'GET', `/api/monthly-reports/${compiled.body.id}`)).body.actions).toEqual(['file', 'return']);
    // 汇总后报市局: the bureau is asked to file; the counties get no bulletin before it does
    expect(await titles(NJ_BUREAU)).toContain(`待备案：南京市${FUTURE.slice(0, 4)}年${Number(FUTURE.slice(5))}月监管月报汇总`);
    expect((await titles(XW_BUREAU)).some((x) => x.includes('通报'))).toBe(false);
  });

  it('the city agency cannot file; the bureau returns the compilation with a comment, the agency compiles again, the bureau files and issues the bulletin', async () => {
    const [{ id }] = await owner<{ id: string }>(`select id from monthly_report where level = 'city' and month = $1::date`, [`${FUTURE}-01`]);
    const byAgency = await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/${id}/file`);
    expect([byAgency.status, byAgency.body.error.code]).toEqual([403, 'monthly_report_file_forbidden']);
    expect(byAgency.body.error.message.zh).toContain('由市医保局备案');
    expect(byAgency.body.error.message.en).toContain('the city agency cannot file');
    expect((await t.call(bureauUser('3205', 'city_agency_staff', '/32/3205/'), 'POST', `/api/monthly-reports/${id}/file`)).status).toBe(404); // another city's bureau
    expect((await t.call(XW_BUREAU, 'POST', `/api/monthly-reports/${id}/file`)).status).toBe(403);
    expect((await t.call(NJ_LEADER, 'POST', `/api/monthly-reports/${id}/file`)).status).toBe(403);
    const xuanwu = await reportOf(FUTURE, '320102');
    expect((await t.call(NJ_BUREAU, 'POST', `/api/monthly-reports/${xuanwu.id}/file`)).body.error.code).toBe('monthly_report_not_city');
    expect(await owner(`select status, filed_at from monthly_report where id = $1`, [id])).toEqual([{ status: 'compiled', filed_at: null }]);
    expect(await eventsOf('MonthlyReportFiled', id)).toBe(0);

    const noComment = await t.call(NJ_BUREAU, 'POST', `/api/monthly-reports/${id}/return`, { comment: ' ' });
    expect([noComment.status, noComment.body.error.code, noComment.body.error.details.field]).toEqual([400, 'monthly_report_comment_required', 'comment']);
    expect(noComment.body.error.message.en).toMatch(/comment is required/);
    expect((await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/${id}/return`, { comment: '自己退回' })).body.error.code).toBe('monthly_report_return_forbidden');
    const returned = await t.call(NJ_BUREAU, 'POST', `/api/monthly-reports/${id}/return`, { comment: '请核对各区县立案数合计' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', returnedComment: '请核对各区县立案数合计', actions: [] });
    expect(await eventsOf('MonthlyReportCompilationReturned', id)).toBe(1);
    expect((await titles(NJ_AGENCY)).some((x) => x.includes('汇总被市医保局退回'))).toBe(true);
    expect((await t.call(NJ_BUREAU, 'POST', `/api/monthly-reports/${id}/file`)).body.error).toMatchObject({ code: 'monthly_report_status', details: { status: 'returned' } });
    expect((await t.call(NJ_AGENCY, 'GET', `/api/monthly-reports/${id}`)).body.actions).toEqual(['compile']);

    const again = await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/cities/3201/${FUTURE}/compile`);
    expect(again.body).toMatchObject({ id, status: 'compiled' });
    const filed = await t.call(NJ_BUREAU, 'POST', `/api/monthly-reports/${id}/file`);
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ status: 'filed', filedBy: NJ_BUREAU.username, actions: [] });
    expect(filed.body.filedAt).not.toBeNull();
    expect(filed.body.compiled.filedBy).toBe(NJ_BUREAU.username);
    expect(filed.body.compiled.bulletin).toContain(chinaDateOf(new Date()));
    expect(await eventsOf('MonthlyReportFiled', id)).toBe(1);
    // the bulletin reaches every county; the agency hears of the filing
    for (const code of nanjingCounties) {
      expect((await titles(county(code).staff)).some((x) => x.includes('通报'))).toBe(true);
    }
    expect((await titles(NJ_AGENCY)).some((x) => x.includes('汇总已备案'))).toBe(true);
    // filed: no compiling, filing or returning again
    const recompile = await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/cities/3201/${FUTURE}/compile`);
    expect([recompile.status, recompile.body.error.code]).toEqual([409, 'monthly_report_status']);
    expect((await t.call(NJ_BUREAU, 'POST', `/api/monthly-reports/${id}/file`)).status).toBe(409);
    expect((await t.call(NJ_BUREAU, 'POST', `/api/monthly-reports/${id}/return`, { comment: '再退回' })).status).toBe(409);
    expect(await owner(`select status, version from monthly_report where id = $1`, [id])).toEqual([{ status: 'filed', version: 4 }]);
  });

  it('after the due instant the city compiles with the missing listed, ranked on time > late > missing, then inspections, then recovered', async () => {
    // One county files on time (its due instant moved ahead for the test, as if never flagged), one late with 2 inspections.
    await owner(`update monthly_report set due_at = now() + interval '1 day', overdue = false, overdue_at = null where region_code = $1 and month = $2::date`, [punctual, `${PAST}-01`]);
    await fileReport(PAST, punctual);
    await fileReport(PAST, busy);
    const res = await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/cities/3201/${PAST}/compile`);
    expect(res.status).toBe(200);
    const c = res.body.compiled;
    const missing = nanjingCounties.filter((k) => ![punctual, busy, '320102'].includes(k));
    expect(c.counties.map((k: { regionCode: string }) => k.regionCode)).toEqual([punctual, '320102', busy, ...missing]);
    expect(c.counties.map((k: { standing: string }) => k.standing)).toEqual(['on_time', 'late', 'late', ...missing.map(() => 'missing')]);
    expect(c.counties.map((k: { rank: number }) => k.rank)).toEqual(nanjingCounties.map((_, i) => i + 1));
    expect(c).toMatchObject({ onTime: 1, late: 2, afterDue: true });
    expect(c.missing).toHaveLength(missing.length);
    expect(c.bulletin).toContain(`未报送 ${missing.length} 个`);
    expect(c.bulletin).toContain('南京市医疗保障局');
    expect(res.body).toMatchObject({ level: 'city', status: 'compiled', regionCode: '3201' });
    // Totals over the filed reports only: Xuanwu 3 + the busy county 2 inspections.
    expect(res.body.auto).toMatchObject({ inspections: 5, recoveredAmount: 2300.5 });
    expect(res.body.manual).toMatchObject({ transferredToPolice: 1, otherRecovered: 5000.5 });
    // the ledger's figures add up over the filed reports like the others (all Xuanwu's; the other two counties have none)
    expect(res.body.auto).toMatchObject({ casesOpened: 3, casesClosed: 3, tipsReceived: 2, tipsRewarded: 2 });
    expect(c.bulletin).toContain('立案 3 件，结案 3 件，移送公安 1 件；受理举报 2 件，举报奖励 2 件');
    const again = await t.call(NJ_AGENCY, 'POST', `/api/monthly-reports/cities/3201/${PAST}/compile`);
    expect(again.body.id).toBe(res.body.id);
    expect(again.body.version).toBe(2);
    // The city report is the city's: Xuanwu does not see it, the province does.
    expect((await t.call(XW_BUREAU, 'GET', `/api/monthly-reports/${res.body.id}`)).status).toBe(404);
    expect((await t.call(USERS.province, 'GET', `/api/monthly-reports/${res.body.id}`)).status).toBe(200);
    const filed = await t.call(NJ_BUREAU, 'POST', `/api/monthly-reports/${res.body.id}/file`);
    expect(filed.body).toMatchObject({ status: 'filed', compiled: { counties: c.counties, missing: c.missing } });
    expect(filed.body.compiled.bulletin).toContain(`未报送 ${missing.length} 个`);
  });
});

describe('exports', () => {
  it('Excel: county one sheet, city 市汇总/区县明细/通报排名, province 省汇总/市/区县; PDF of a county and a city report', async () => {
    const xuanwu = await reportOf(PAST, '320102');
    const [city] = await owner<{ id: string }>(`select id from monthly_report where level = 'city' and month = $1::date`, [`${PAST}-01`]);
    const countyBook = await download(XW_BUREAU, `/api/monthly-reports/${xuanwu.id}/export.xlsx`);
    expect(countyBook.status).toBe(200);
    expect(countyBook.type).toContain('spreadsheetml');
    expect(await sheets(countyBook.bytes)).toEqual(['月报表']);
    const cityBook = await download(NJ_BUREAU, `/api/monthly-reports/${city!.id}/export.xlsx`);
    expect(await sheets(cityBook.bytes)).toEqual(['市汇总', '区县明细', '通报排名']);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(cityBook.bytes as never);
    expect(book.getWorksheet('区县明细')!.rowCount).toBe(nanjingCounties.length + 1);
    const province = await download(USERS.province, `/api/monthly-reports/province.xlsx?month=${PAST}`);
    expect(province.status).toBe(200);
    expect(await sheets(province.bytes)).toEqual(['省汇总', '市', '区县']);
    const provinceBook = new ExcelJS.Workbook();
    await provinceBook.xlsx.load(province.bytes as never);
    const cityRows = provinceBook.getWorksheet('市')!;
    expect((cityRows.getRow(1).values as string[]).slice(7, 9)).toEqual(['市经办机构已汇总', '市医保局已备案']);
    const nanjingRow = cityRows.getColumn(1).values.findIndex((v) => v === '南京市');
    expect((cityRows.getRow(nanjingRow).values as string[]).slice(7, 9)).toEqual(['是', '是']);
    expect((await download(NJ_BUREAU, `/api/monthly-reports/province.xlsx?month=${PAST}`)).status).toBe(403);
    for (const [user, id] of [[XW_BUREAU, xuanwu.id], [NJ_BUREAU, city!.id]] as const) {
      const pdf = await download(user, `/api/monthly-reports/${id}/export.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.type).toContain('application/pdf');
      expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    }
    expect((await download(GS_BUREAU, `/api/monthly-reports/${xuanwu.id}/export.pdf`)).status).toBe(404);
  });
});
