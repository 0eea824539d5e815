import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { addWorkingDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { NJ_BUREAU, type TestUser, USERS } from '../support/tokens.js';

// Issue 16 §1: GET /api/todo — each role's queues with their counts, nearest deadline and link,
// counted in the actor's tenant scope (another province's items never count).

let t: TestApp;
const today = chinaDateOf(new Date());
const YEAR = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

interface Item { kind: string; count: number; nextDeadline: string | null; workingDaysLeft: number | null; link: { path: string; query: Record<string, string> } }

async function todo(user: TestUser): Promise<Item[]> {
  const res = await t.call(user, 'GET', '/api/todo');
  expect(res.status).toBe(200);
  expect(res.body.today).toBe(today);
  return res.body.items;
}
const itemOf = async (user: TestUser, kind: string) => (await todo(user)).find((i) => i.kind === kind);
const countOf = async (user: TestUser, kind: string) => (await itemOf(user, kind))?.count ?? 0;

function owner<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return ownerQuery<T>(t.db, sql, params);
}

/** A user of a seeded organization (the token is all the API needs). */
async function userOf(orgId: string, roles: string[], sub: string): Promise<TestUser> {
  const [o] = await owner<{ region_path: string; kind: 'bureau' | 'agency' | 'institution' }>(`select region_path, kind from organization where id = $1`, [orgId]);
  return { sub, username: sub, roles, regionPath: o!.region_path, orgId, orgKind: o!.kind };
}

/** A finding of the institution, handled by its county's agency. */
async function finding(institution: string, status: 'awaiting_confirmation' | 'confirmed', due: string) {
  await owner(
    `insert into finding (id, region_path, owner_org_id, source, source_id, source_index, handling_agency_id, type, description, amount, status,
                          confirmation_due, confirmed_at, created_at)
     select $1, o.region_path, o.id, 'spot_check', $2, 0, 'agency-' || o.region_code, '测试', '测试问题', 100, $3, $4::date,
            case when $3 = 'confirmed' then now() end, now()
       from organization o where o.id = $5`,
    [randomUUID(), randomUUID(), status, due, institution]);
}

describe('GET /api/todo', () => {
  it('needs a login', async () => {
    expect((await t.call(null, 'GET', '/api/todo')).status).toBe(401);
  });

  it('a notice to acknowledge: counted for the recipient with its due date, gone once acknowledged; another province’s never counted', async () => {
    const before = await countOf(USERS.xuanwu, 'notices_unacknowledged');
    const zhejiangBefore = await countOf(USERS.xihu, 'notices_unacknowledged');
    const sent = await t.call(USERS.province, 'POST', '/api/notices', { recipientOrgId: 'agency-320102', title: '关于报送材料的通知', body: '请按期报送。', workingDays: 5 });
    expect(sent.status).toBe(201);
    const item = await itemOf(USERS.xuanwu, 'notices_unacknowledged');
    expect(item).toEqual({
      kind: 'notices_unacknowledged', count: before + 1, nextDeadline: expect.any(String), workingDaysLeft: expect.any(Number), link: { path: '/notices', query: {} },
    });
    expect(item!.nextDeadline! <= sent.body.dueDate).toBe(true);
    if (before === 0) expect([item!.nextDeadline, item!.workingDaysLeft]).toEqual([sent.body.dueDate, 5]);
    // Zhejiang's agency and the sender are not the recipient.
    expect(await countOf(USERS.xihu, 'notices_unacknowledged')).toBe(zhejiangBefore);
    const zj = await t.call(USERS.zhejiang, 'POST', '/api/notices', { recipientOrgId: 'agency-330106', title: '浙江通知', body: '请按期报送。', workingDays: 3 });
    expect(zj.status).toBe(201);
    expect(await countOf(USERS.xihu, 'notices_unacknowledged')).toBe(zhejiangBefore + 1);
    expect(await countOf(USERS.xuanwu, 'notices_unacknowledged')).toBe(before + 1);
    expect((await t.call(USERS.xuanwu, 'POST', `/api/notices/${sent.body.id}/acknowledge`)).status).toBeLessThan(300);
    expect(await countOf(USERS.xuanwu, 'notices_unacknowledged')).toBe(before);
  });

  it('plans to review: the city agency’s queue opens on the year a county submitted for — next year too', async () => {
    expect((await t.call(USERS.province, 'POST', '/api/plan-cycles', { year: YEAR + 1 })).status).toBe(201);
    const [plan] = await owner<{ id: string }>(`select id from annual_plan where owner_org_id = 'agency-320102' and year = $1`, [YEAR + 1]);
    expect(await itemOf(USERS.nanjing, 'plans_to_review')).toBeUndefined();
    const { version } = (await t.call(USERS.xuanwu, 'GET', `/api/plans/${plan!.id}`)).body;
    const content = {
      targets: [{ code: 'onsite_checks', label: '现场检查家次', unit: 'count', value: 120 }],
      focusAreas: ['split_charging'], methods: '日常稽核与专项检查相结合。', steps: '一季度部署，四季度总结。',
      responsiblePersons: [{ name: '张伟', title: '稽核科科长', phone: '025-84600000' }],
    };
    const schedule = [{ id: 'T1', title: '现场检查', owner: '稽核科', targetCode: 'onsite_checks', monthly: Array(12).fill(10) }];
    const saved = await t.call(USERS.xuanwu, 'PUT', `/api/plans/${plan!.id}/draft`, { content, schedule, version });
    expect(saved.status).toBe(200);
    expect((await t.call(USERS.xuanwu, 'POST', `/api/plans/${plan!.id}/submit`, { version: saved.body.version })).status).toBe(200);
    const [waiting] = await owner<{ year: number; n: number }>(
      `select year, count(*)::int as n from annual_plan where reviewer_region_path = '/32/3201/' and unit_level = 'county' and status = 'submitted' group by year order by year limit 1`);
    const [all] = await owner<{ n: number }>(`select count(*)::int as n from annual_plan where reviewer_region_path = '/32/3201/' and unit_level = 'county' and status = 'submitted'`);
    expect(await itemOf(USERS.nanjing, 'plans_to_review')).toEqual({
      kind: 'plans_to_review', count: all!.n, nextDeadline: null, workingDaysLeft: null,
      link: { path: '/local/annual-plans/review', query: { year: String(waiting!.year) } },
    });
    expect(waiting!.year).toBe(YEAR + 1);
    // The city bureau files only what the agency forwarded; Suzhou and Zhejiang have nothing of Nanjing's.
    expect(await itemOf(NJ_BUREAU, 'plans_to_review')).toBeUndefined();
    expect(await itemOf(USERS.suzhou, 'plans_to_review')).toBeUndefined();
    expect(await itemOf(USERS.hangzhou, 'plans_to_review')).toBeUndefined();
  });

  it('findings to confirm: the institution’s own, the nearest 5-working-day deadline; Zhejiang’s hospital its own only', async () => {
    const near = addWorkingDays(today, 2);
    const far = addWorkingDays(today, 5);
    const before = await countOf(USERS.hospital, 'findings_to_confirm');
    const zjBefore = await countOf(USERS.xihuHospital, 'findings_to_confirm');
    await finding('inst-320102-0001', 'awaiting_confirmation', far);
    await finding('inst-320102-0001', 'awaiting_confirmation', near);
    await finding('inst-320102-0001', 'confirmed', near); // answered: not a to-do
    await finding('inst-320102-0002', 'awaiting_confirmation', today); // the clinic's
    await finding('inst-330106-0001', 'awaiting_confirmation', today); // Zhejiang's
    const item = await itemOf(USERS.hospital, 'findings_to_confirm');
    expect(item).toEqual({
      kind: 'findings_to_confirm', count: before + 2, nextDeadline: before ? expect.any(String) : near, workingDaysLeft: before ? expect.any(Number) : 2,
      link: { path: '/institution/findings', query: { status: 'awaiting_confirmation' } },
    });
    expect(await itemOf(USERS.xihuHospital, 'findings_to_confirm')).toMatchObject({ count: zjBefore + 1, nextDeadline: today, workingDaysLeft: 0 });
    // The handling agency has no confirmation to give: the confirmed finding is its decision to take.
    expect(await itemOf(USERS.xuanwu, 'findings_to_confirm')).toBeUndefined();
    expect(await itemOf(USERS.xuanwu, 'findings_to_decide')).toMatchObject({ link: { path: '/local/findings/list', query: { status: 'to_decide' } } });
    expect(await itemOf(USERS.gusu, 'findings_to_decide')).toBeUndefined();
  });

  it('decisions to legal-review: the agency’s pending ones, not the decider’s own; disputes before a bureau at its level', async () => {
    const decision = randomUUID();
    await owner(
      `insert into handling_decision (id, region_path, owner_org_id, agency_id, finding_ids, measures, basis, major, status, decided_by, decided_by_user_id, created_at)
       values ($1, '/32/3201/320102/', 'inst-320102-0001', 'agency-320102', $2::uuid[], '[]'::jsonb, '服务协议', false, 'pending_legal_review', '测试', 'u-todo-decider', now())`,
      [decision, `{${randomUUID()}}`]);
    expect(await itemOf(USERS.xuanwu, 'decisions_to_review')).toMatchObject({
      count: 1, nextDeadline: null, link: { path: '/local/findings/decisions', query: { status: 'pending_legal_review' } },
    });
    const decider = { ...USERS.xuanwu, sub: 'u-todo-decider', username: 'u-todo-decider' };
    expect(await itemOf(decider, 'decisions_to_review')).toBeUndefined();
    expect(await itemOf(USERS.gusu, 'decisions_to_review')).toBeUndefined();

    const due = addWorkingDays(today, 20);
    await owner(
      `insert into dispute (id, region_path, owner_org_id, decision_id, party, reasons, path, status, filed_by, filed_by_user_id, created_at)
       values ($1, '/32/3201/320102/', 'inst-320102-0001', $2, 'institution', '不服', $3::jsonb, 'open', '机构', 'u-hosp', now())`,
      [randomUUID(), decision, JSON.stringify([
        { level: 'county', bureauId: 'bureau-320102', regionPath: '/32/3201/320102/', dueDate: due, receivedAt: new Date().toISOString(), decision: null, overdue: false },
        { level: 'city', bureauId: 'bureau-3201', regionPath: '/32/3201/', dueDate: null, receivedAt: null, decision: null, overdue: false },
      ])]);
    const countyBureau = await userOf('bureau-320102', ['county_staff'], 'u-todo-xwb');
    expect(await itemOf(countyBureau, 'disputes_to_decide')).toEqual({
      kind: 'disputes_to_decide', count: 1, nextDeadline: due, workingDaysLeft: 20, link: { path: '/local/disputes', query: { show: 'mine' } },
    });
    // The city bureau's turn has not come; the agency of the same county decides none.
    expect(await itemOf(NJ_BUREAU, 'disputes_to_decide')).toBeUndefined();
    expect(await itemOf(USERS.xuanwu, 'disputes_to_decide')).toBeUndefined();
  });

  it('self-inspections due: the institution’s unsubmitted tasks of an assigned campaign, by its self-inspection end; the province’s summaries once due', async () => {
    const campaign = randomUUID();
    const end = addWorkingDays(today, 3);
    await owner(
      `insert into campaign (id, region_path, owner_org_id, year, title, focus_areas, city_codes, institution_kinds, plan_filed_by, self_inspection_start,
                             self_inspection_end, spot_check_start, spot_check_end, summary_due, status, phase, created_at, created_by)
       values ($1, '/32/', 'bureau-32', $2, $3, '[]', '{3201}', '{hospital,clinic}', $4::date - 10, $4::date - 5, $4, $4::date + 1, $4::date + 20, $4::date + 40,
               'assigned', 'self_inspection', now(), 'test')`,
      [campaign, YEAR, `待办测试专项 ${campaign.slice(0, 8)}`, end]);
    const task = (institution: string, status: string) => owner(
      `insert into self_inspection (id, campaign_id, region_path, owner_org_id, city_code, kind, status, submitted_at, created_at, updated_at)
       select $1, $2, o.region_path, o.id, '3201', o.institution_type, $3, case when $3 = 'submitted' then now() end, now(), now() from organization o where o.id = $4`,
      [randomUUID(), campaign, status, institution]);
    const before = await countOf(USERS.hospital, 'self_inspections_due');
    await task('inst-320102-0001', 'draft');
    await task('inst-320102-0002', 'submitted');
    expect(await itemOf(USERS.hospital, 'self_inspections_due')).toMatchObject({ count: before + 1, link: { path: '/institution/self-inspection' } });
    if (!before) expect(await itemOf(USERS.hospital, 'self_inspections_due')).toMatchObject({ nextDeadline: end, workingDaysLeft: 3 });
    expect(await itemOf(USERS.clinic, 'self_inspections_due')).toBeUndefined();
    // Not the province's summary yet: the campaign is in its self-inspection phase.
    expect(await itemOf(USERS.province, 'campaign_summaries_due')).toBeUndefined();
    await owner(`update campaign set phase = 'summary' where id = $1`, [campaign]);
    const [due] = await owner<{ n: number; due: string }>(
      `select count(*)::int as n, to_char(min(summary_due), 'YYYY-MM-DD') as due from campaign where owner_org_id = 'bureau-32' and phase = 'summary' and summary_filed_at is null`);
    expect(await itemOf(USERS.province, 'campaign_summaries_due')).toMatchObject({ count: due!.n, nextDeadline: due!.due, link: { path: '/province/campaigns', query: {} } });
    expect(await itemOf(USERS.zhejiang, 'campaign_summaries_due')).toBeUndefined();
  });

  it('monthly reports: the county bureau’s drafts to file, its leader’s to sign — by their due day; nobody else’s', async () => {
    const report = (org: string, region: string, path: string, month: string, status: string, due: string) => owner(
      `insert into monthly_report (id, region_path, owner_org_id, level, region_code, city_code, month, status, due_at, created_at, updated_at)
       values ($1, $2, $3, 'county', $4, left($4, 4), $5::date, $6, $7::timestamptz, now(), now())`,
      [randomUUID(), path, org, region, month, status, due]);
    const staff = await userOf('bureau-320102', ['county_staff'], 'u-todo-xwb-mr');
    const leader = await userOf('bureau-320102', ['leader'], 'u-todo-xw-leader');
    const [before] = await owner<{ drafts: number; signing: number }>(
      `select count(*) filter (where status = 'draft')::int as drafts, count(*) filter (where status = 'awaiting_signoff')::int as signing
         from monthly_report where owner_org_id = 'bureau-320102' and level = 'county'`);
    await report('bureau-320102', '320102', '/32/3201/320102/', '2020-01-01', 'draft', '2020-02-10T16:00:00Z'); // 11 February 00:00 China time
    await report('bureau-320102', '320102', '/32/3201/320102/', '2020-02-01', 'awaiting_signoff', '2020-03-10T16:00:00Z');
    await report('bureau-320508', '320508', '/32/3205/320508/', '2020-01-01', 'draft', '2020-02-10T16:00:00Z'); // Gusu's
    const filing = await itemOf(staff, 'monthly_reports_to_file');
    expect(filing).toMatchObject({ count: before!.drafts + 1, link: { path: '/local/monthly-reports', query: {} } });
    if (!before!.drafts) expect(filing).toMatchObject({ nextDeadline: '2020-02-11', workingDaysLeft: expect.any(Number) });
    expect(filing!.workingDaysLeft!).toBeLessThan(0);
    expect(await itemOf(staff, 'monthly_reports_to_sign')).toBeUndefined();
    expect(await itemOf(leader, 'monthly_reports_to_sign')).toMatchObject({ count: before!.signing + 1, link: { path: '/leader/monthly-reports', query: {} } });
    expect(await itemOf(leader, 'monthly_reports_to_file')).toBeUndefined();
    // The county's agency files no monthly report.
    expect(await itemOf(USERS.xuanwu, 'monthly_reports_to_file')).toBeUndefined();
  });

  it('self-inspections to review: the handling agency’s submitted reports awaiting its review, by the spot-check end; one campaign opens its review page', async () => {
    const campaignOf = async (end: string) => {
      const id = randomUUID();
      await owner(
        `insert into campaign (id, region_path, owner_org_id, year, title, focus_areas, city_codes, institution_kinds, plan_filed_by, self_inspection_start,
                               self_inspection_end, spot_check_start, spot_check_end, summary_due, status, phase, created_at, created_by)
         values ($1, '/32/', 'bureau-32', $2, $3, '[]', '{3201}', '{hospital,clinic}', $4::date - 30, $4::date - 20, $4::date - 10, $4::date - 9, $4, $4::date + 20,
                 'assigned', 'spot_check', now(), 'test')`,
        [id, YEAR, `核实待办测试 ${id.slice(0, 8)}`, end]);
      return id;
    };
    const task = (campaign: string, institution: string, agency: string, review: string | null) => owner(
      `insert into self_inspection (id, campaign_id, region_path, owner_org_id, city_code, kind, status, submitted_at, handling_agency_id, review_status, created_at, updated_at)
       select $1, $2, o.region_path, o.id, '3201', o.institution_type, 'submitted', now(), $4, $3, now(), now() from organization o where o.id = $5`,
      [randomUUID(), campaign, review, agency, institution]);
    const before = await itemOf(USERS.xuanwu, 'self_inspections_to_review');
    const first = await campaignOf(addWorkingDays(today, 8));
    await task(first, 'inst-320102-0001', 'agency-320102', 'awaiting');
    await task(first, 'inst-320102-0002', 'agency-320102', 'verified');
    const one = await itemOf(USERS.xuanwu, 'self_inspections_to_review');
    expect(one).toMatchObject({ count: (before?.count ?? 0) + 1 });
    if (!before) expect(one).toMatchObject({ nextDeadline: addWorkingDays(today, 8), workingDaysLeft: 8, link: { path: `/local/campaigns/${first}/review`, query: {} } });
    // a second campaign waiting: the queue opens on the campaigns list, the nearest deadline first
    const second = await campaignOf(addWorkingDays(today, 2));
    await task(second, 'inst-320102-0002', 'agency-320102', 'awaiting');
    expect(await itemOf(USERS.xuanwu, 'self_inspections_to_review')).toMatchObject({
      count: (before?.count ?? 0) + 2, nextDeadline: addWorkingDays(today, 2), workingDaysLeft: 2, link: { path: '/local/campaigns', query: {} },
    });
    // not another agency's, not the institution's, not Zhejiang's
    expect(await itemOf(USERS.gusu, 'self_inspections_to_review')).toBeUndefined();
    expect(await itemOf(USERS.hospital, 'self_inspections_to_review')).toBeUndefined();
    expect(await itemOf(USERS.xihu, 'self_inspections_to_review')).toBeUndefined();
    // reviewed: gone from the queue
    await owner(`update self_inspection set review_status = 'verified' where campaign_id in ($1, $2)`, [first, second]);
    expect((await itemOf(USERS.xuanwu, 'self_inspections_to_review'))?.count ?? 0).toBe(before?.count ?? 0);
  });

  it('city monthly reports: the city agency’s submitted county reports to compile, the city bureau’s compilation to file; nobody else’s', async () => {
    const report = (level: 'county' | 'city', org: string, region: string, path: string, month: string, status: string, due: string) => owner(
      `insert into monthly_report (id, region_path, owner_org_id, level, region_code, city_code, month, status, due_at, compiled, signed_at, submitted_at, created_at, updated_at)
       values ($1, $2, $3, $8, $4, left($4, 4), $5::date, $6, $7::timestamptz, case when $8 = 'city' then '{}'::jsonb end,
               case when $6 = 'submitted' then now() end, case when $6 = 'submitted' then now() end, now(), now())`,
      [randomUUID(), path, org, region, month, status, due, level]);
    const [before] = await owner<{ compile: number; file: number }>(
      `select (select count(*) from monthly_report k where k.level = 'county' and k.city_code = '3201' and k.status = 'submitted'
                 and not exists (select 1 from monthly_report c where c.level = 'city' and c.region_code = '3201' and c.month = k.month and c.status in ('compiled', 'filed')))::int as compile,
              (select count(*) from monthly_report where level = 'city' and region_code = '3201' and status = 'compiled')::int as file`);
    // 2019-03: two counties submitted, not compiled yet → the agency's; 2019-04: submitted and compiled → the bureau's to file
    await report('county', 'bureau-320102', '320102', '/32/3201/320102/', '2019-03-01', 'submitted', '2019-04-10T16:00:00Z');
    await report('county', 'bureau-320104', '320104', '/32/3201/320104/', '2019-03-01', 'submitted', '2019-04-10T16:00:00Z');
    await report('county', 'bureau-320102', '320102', '/32/3201/320102/', '2019-04-01', 'submitted', '2019-05-10T16:00:00Z');
    await report('city', 'bureau-3201', '3201', '/32/3201/', '2019-04-01', 'compiled', '2019-05-10T16:00:00Z');
    await report('county', 'bureau-320508', '320508', '/32/3205/320508/', '2019-03-01', 'submitted', '2019-04-10T16:00:00Z'); // Suzhou's
    const compile = await itemOf(USERS.nanjing, 'monthly_reports_to_compile');
    expect(compile).toMatchObject({ count: before!.compile + 2, link: { path: '/local/monthly-reports', query: { status: 'submitted' } } });
    if (!before!.compile) expect(compile).toMatchObject({ nextDeadline: '2019-04-11', workingDaysLeft: expect.any(Number) });
    expect(compile!.workingDaysLeft!).toBeLessThan(0);
    const file = await itemOf(NJ_BUREAU, 'city_reports_to_file');
    expect(file).toMatchObject({ count: before!.file + 1, link: { path: '/local/monthly-reports', query: { status: 'compiled' } } });
    if (!before!.file) expect(file).toMatchObject({ nextDeadline: '2019-05-11' });
    expect(await itemOf(NJ_BUREAU, 'monthly_reports_to_compile')).toBeUndefined();
    expect(await itemOf(USERS.nanjing, 'city_reports_to_file')).toBeUndefined();
    expect((await itemOf(USERS.suzhou, 'monthly_reports_to_compile'))?.count ?? 0).toBeGreaterThanOrEqual(1);
    expect(await itemOf(USERS.xuanwu, 'monthly_reports_to_compile')).toBeUndefined();
    expect(await itemOf(USERS.hangzhou, 'monthly_reports_to_compile')).toBeUndefined();
    // a returned compilation goes back to the agency's queue; a filed one leaves both
    await owner(`update monthly_report set status = 'returned' where level = 'city' and region_code = '3201' and month = '2019-04-01'`);
    expect((await itemOf(USERS.nanjing, 'monthly_reports_to_compile'))!.count).toBe(before!.compile + 3);
    expect((await itemOf(NJ_BUREAU, 'city_reports_to_file'))?.count ?? 0).toBe(before!.file);
    await owner(`update monthly_report set status = 'filed', filed_at = now(), filed_by = 'test' where level = 'city' and region_code = '3201' and month = '2019-04-01'`);
    expect((await itemOf(USERS.nanjing, 'monthly_reports_to_compile'))!.count).toBe(before!.compile + 2);
  });

  it('document requests to answer: the institution’s open ones, by their due date; answered ones and other institutions’ not', async () => {
    const spotCheck = randomUUID();
    await owner(
      `insert into spot_check (id, region_path, owner_org_id, year, title, city_codes, institution_kinds, parameters, checklist_items, due_date,
                               witnesses, status, commitment, result_hash, drawn, created_at, created_by)
       values ($1, '/32/', 'bureau-32', $2, '待办测试抽查', '{3201}', '{hospital,clinic}', '{}', '[]', $3, '[]', 'drawn', $4, $5, 1, now(), 'test')`,
      [spotCheck, YEAR, addWorkingDays(today, 20), 'a'.repeat(64), 'b'.repeat(64)]);
    const inspection = randomUUID();
    await owner(
      `insert into inspection (id, region_path, owner_org_id, spot_check_id, spot_check_title, checklist_items, institution_id, city_code, kind, level,
                               draw_order, team, status, due_date, created_at)
       select $1, o.region_path, o.id, $2, '待办测试抽查', '[]', o.id, substr(o.region_code, 1, 4), o.institution_type, coalesce(o.institution_level, 'none'),
              0, '[]', 'assigned', $3, now()
         from organization o where o.id = 'inst-320102-0001'`,
      [inspection, spotCheck, addWorkingDays(today, 20)]);
    const request = (status: 'requested' | 'answered', due: string) => owner(
      `insert into inspection_document_request (id, inspection_id, region_path, owner_org_id, agency_id, items, due_date, status, requested_at, requested_by, answer, answered_at)
       values ($1, $2, '/32/3201/320102/', 'inst-320102-0001', 'agency-320102', '门诊收费明细', $3, $4, now(), 'test',
               case when $4 = 'answered' then '已提供' end, case when $4 = 'answered' then now() end)`,
      [randomUUID(), inspection, due, status]);
    const before = await countOf(USERS.hospital, 'document_requests_to_answer');
    const due = addWorkingDays(today, 3);
    await request('requested', due);
    await request('answered', today);
    const item = await itemOf(USERS.hospital, 'document_requests_to_answer');
    expect(item).toMatchObject({ count: before + 1, link: { path: '/institution/document-requests', query: {} } });
    if (!before) expect(item).toMatchObject({ nextDeadline: due, workingDaysLeft: 3 });
    expect(await itemOf(USERS.clinic, 'document_requests_to_answer')).toBeUndefined();
    expect(await itemOf(USERS.xuanwu, 'document_requests_to_answer')).toBeUndefined();
  });

  it('internal-control self-assessments due: the audited agency’s, by the self-assessment due date; not once submitted', async () => {
    const plan = randomUUID();
    await owner(
      `insert into ic_audit_plan (id, region_path, owner_org_id, year, title, period_start, period_end, status, created_at, created_by, published_at)
       values ($1, '/32/', 'bureau-32', 2019, '待办测试内控检查计划', '2019-01-01', '2019-12-31', 'published', now(), 'test', now())`, [plan]);
    const audit = (org: string, path: string, submitted: boolean) => owner(
      `insert into ic_audit (id, region_path, owner_org_id, plan_id, province_path, status, notice_date, self_assessment_due, fieldwork_start, fieldwork_end,
                             checklist_version, self_assessment_submitted_at, created_at)
       values ($1, $2, $3, $4, '/32/', 'self_assessment', $5::date, $6::date, $6::date + 10, $6::date + 20, 1, $7, now())`,
      [randomUUID(), path, org, plan, today, addWorkingDays(today, 10), submitted ? new Date().toISOString() : null]);
    const before = await countOf(USERS.xuanwu, 'ic_self_assessments_due');
    await audit('agency-320102', '/32/3201/320102/', false);
    await audit('agency-320508', '/32/3205/320508/', true); // Gusu's, submitted already
    const item = await itemOf(USERS.xuanwu, 'ic_self_assessments_due');
    expect(item).toMatchObject({ count: before + 1, link: { path: '/local/audits', query: {} } });
    if (!before) expect(item).toMatchObject({ nextDeadline: addWorkingDays(today, 10), workingDaysLeft: 10 });
    expect(await itemOf(USERS.gusu, 'ic_self_assessments_due')).toBeUndefined();
    expect(await itemOf(USERS.province, 'ic_self_assessments_due')).toBeUndefined();
  });

  it('each role gets its own kinds only, every count positive, nearest deadlines first; Zhejiang never sees Jiangsu’s', async () => {
    const institutionKinds = ['findings_to_confirm', 'rectifications_due', 'self_inspections_due', 'document_requests_to_answer', 'notices_unacknowledged'];
    for (const user of [USERS.hospital, USERS.clinic, USERS.pharmacy, USERS.xihuHospital]) {
      for (const i of await todo(user)) {
        expect(institutionKinds).toContain(i.kind);
        expect(i.link.path.startsWith('/institution/') || i.link.path === '/notices').toBe(true);
      }
    }
    for (const user of Object.values(USERS)) {
      const items = await todo(user);
      expect(items.every((i) => i.count > 0)).toBe(true);
      const deadlines = items.map((i) => i.nextDeadline).filter((d): d is string => d !== null);
      expect(deadlines).toEqual([...deadlines].sort());
    }
    // What Jiangsu's queues hold does not reach Zhejiang's province: its counts are those of /33/ rows only.
    const zj = await todo(USERS.zhejiang);
    const [open] = await owner<{ n: number }>(`select count(*)::int as n from dispute where status = 'open' and path -> current ->> 'bureauId' = 'bureau-33'`);
    expect(zj.find((i) => i.kind === 'disputes_to_decide')?.count ?? 0).toBe(open!.n);
    const [plans] = await owner<{ n: number }>(`select count(*)::int as n from annual_plan where reviewer_region_path = '/33/' and unit_level = 'city' and status = 'submitted'`);
    expect(zj.find((i) => i.kind === 'plans_to_review')?.count ?? 0).toBe(plans!.n);
  });
});
