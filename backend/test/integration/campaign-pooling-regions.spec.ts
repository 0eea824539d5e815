import ExcelJS from 'exceljs';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import {
  CreateSelfInspectionTasksCommand,
  EscalateMissingSelfInspectionsCommand,
  OpenCampaignPhaseCommand,
  RemindCampaignPhaseCommand,
} from '../../src/contexts/campaigns/application/commands.js';
import { withTestApp, type TestApp } from '../support/app.js';
import { downloadXlsx, exportColumn } from '../support/lists.js';
import { actorOf, NJ_BUREAU, type TestUser, USERS } from '../support/tokens.js';

// Issue 13 §5: campaign self-inspection by the pooling regions as well as the institutions (seed 003
// 一(二) 「4—8月，各统筹地区开展专项治理自查工作」), over HTTP on real PostgreSQL
// (docs/api/campaigns-and-spot-checks.md): a scope restricted by ownership and level (「二级及以上公立
// 医疗机构」, seed 003 一(四)); the covered city and county agencies' own tasks, fanned out with the
// institutions', reminded and escalated like them; the handling agency's review of its institutions'
// reports (verify, return for correction, refund verified) and its refusals; progress by agency.

let t: TestApp;
const today = chinaDateOf(new Date());
const YEAR = Number(today.slice(0, 4));
const province = USERS.province as TestUser;
const nanjing = USERS.nanjing as TestUser;
const xuanwu = USERS.xuanwu as TestUser;
const gusu = USERS.gusu as TestUser;
const hospital = USERS.hospital as TestUser;
const clinic = USERS.clinic as TestUser;
/** Xuzhou's city agency: the holder of the service agreement of a tertiary hospital of the demo seed (市级统筹). */
const XZ_AGENCY: TestUser = { sub: 'u-xz', username: 'xz.agency', roles: ['city_agency_staff'], regionPath: '/32/3203/', orgId: 'agency-3203', orgKind: 'agency' };
const XW_BUREAU: TestUser = { sub: 'u-xwb', username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const clerkOf = (id: string, regionPath: string): TestUser => ({ sub: `u-${id}`, username: `${id}.clerk`, roles: ['institution_clerk'], regionPath, orgId: id, orgKind: 'institution' });

const clock = <R>(cmd: Parameters<Commands['execute']>[0]) => t.app.get(Commands).execute(cmd) as Promise<R>;
const { owner } = withTestApp((app) => (t = app), { campaignCalendar: 'flexible' });

const openToday = {
  planFiledBy: addCalendarDays(today, -3), selfInspectionStart: addCalendarDays(today, -1), selfInspectionEnd: addCalendarDays(today, 20),
  spotCheckStart: addCalendarDays(today, 21), spotCheckEnd: addCalendarDays(today, 40), summaryDue: addCalendarDays(today, 50),
};
const body = (extra: Record<string, unknown> = {}) => ({
  year: YEAR, title: `${YEAR}年统筹地区专项治理自查`, focusAreas: [{ code: 'public_hospital_charging' }],
  institutionKinds: ['hospital', 'clinic', 'pharmacy'], cityCodes: ['3201', '3203'], calendar: openToday, ...extra,
});
const agencyReport = (extra: Record<string, unknown> = {}) => ({
  report: '组织辖区 42 家定点医药机构开展自查，逐一核实自查报告和退回资金；对本中心内审制度开展自查。',
  institutionsChecked: 42, problemsFound: 7, problemAmount: 35800.5, refundedAmount: 21000,
  issues: [{ area: '内审制度不健全', description: '稽核复核记录不完整', rectification: '已补建复核台账' }], attachmentIds: [], ...extra,
});
const report = { report: '对照治理重点逐项自查', refundedAmount: 1500.5, issues: [{ focus: '二级及以上公立医疗机构：分解收费、超标准收费、重复收费、套用项目收费、不合理诊疗', description: '分解收费 3 例', amount: 2100 }], attachmentIds: [] };

async function inbox(user: TestUser): Promise<{ titleZh: string; link: string | null }[]> {
  return (await t.call(user, 'GET', '/api/notifications')).body.items;
}

async function fanOut(campaignId: string, cityCode: string): Promise<number> {
  let cursor: string | null = null;
  let created = 0;
  for (let i = 0; i < 100; i++) {
    const page: { created: number; cursor: string | null; done: boolean } = await clock(new CreateSelfInspectionTasksCommand(actorOf(province), campaignId, cityCode, cursor, 100));
    created += page.created;
    cursor = page.cursor;
    if (page.done) return created;
  }
  throw new Error('fan-out did not finish');
}


describe('a campaign scope restricted by ownership and level', () => {
  it('refuses an unknown ownership or level, and a minimum level with pharmacies, in both languages; nothing is written', async () => {
    const before = await owner<{ n: number }>(`select count(*)::int as n from campaign`);
    const cases: [Record<string, unknown>, string, string, string][] = [
      [{ ownership: 'state' }, 'campaign_ownership_unknown', '未知的机构性质', 'unknown ownership'],
      [{ minLevel: 'quaternary' }, 'campaign_level_unknown', '未知的机构等级', 'unknown minimum level'],
      [{ minLevel: 'secondary' }, 'campaign_level_not_applicable', '零售药店不分等级', 'pharmacies have no level'],
    ];
    for (const [extra, code, zh, en] of cases) {
      const res = await t.call(province, 'POST', '/api/campaigns', body({ title: `范围校验 ${code}`, ...extra }));
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 400, code });
      expect(res.body.error.message.zh).toContain(zh);
      expect(res.body.error.message.en).toContain(en);
    }
    expect(await owner<{ n: number }>(`select count(*)::int as n from campaign`)).toEqual(before);
  });

  it('fans out tasks only to the institutions of the ownership and level (secondary public hospitals and above), shown on the campaign', async () => {
    const created = await t.call(province, 'POST', '/api/campaigns', body({ title: '二级及以上公立医疗机构专项治理', cityCodes: ['3201'], institutionKinds: ['hospital'], ownership: 'public', minLevel: 'secondary' }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const detail = await t.call(province, 'GET', `/api/campaigns/${id}`);
    expect(detail.body).toMatchObject({ ownership: 'public', minLevel: 'secondary', institutionKinds: ['hospital'] });
    // Lifting a restriction on the draft: null means any.
    const edited = await t.call(province, 'PUT', `/api/campaigns/${id}`, body({ title: '二级及以上公立医疗机构专项治理', cityCodes: ['3201'], institutionKinds: ['hospital'], ownership: null, minLevel: 'secondary' }));
    expect(edited.status).toBe(200);
    expect((await t.call(province, 'GET', `/api/campaigns/${id}`)).body).toMatchObject({ ownership: null, minLevel: 'secondary' });
    await t.call(province, 'PUT', `/api/campaigns/${id}`, body({ title: '二级及以上公立医疗机构专项治理', cityCodes: ['3201'], institutionKinds: ['hospital'], ownership: 'public', minLevel: 'secondary' }));
    expect((await t.call(province, 'POST', `/api/campaigns/${id}/assign`)).status).toBe(201);

    const [{ n: expected }] = await owner<{ n: number }>(
      `select count(*)::int as n from organization where kind = 'institution' and region_code like '3201%' and institution_type = 'hospital'
          and ownership = 'public' and institution_level in ('secondary', 'tertiary')`);
    const [{ n: allHospitals }] = await owner<{ n: number }>(
      `select count(*)::int as n from organization where kind = 'institution' and region_code like '3201%' and institution_type = 'hospital'`);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(allHospitals);
    expect(await fanOut(id, '3201')).toBe(expected);
    const off = await owner<{ n: number }>(
      `select count(*)::int as n from self_inspection s join organization o on o.id = s.owner_org_id
        where s.campaign_id = $1 and (o.ownership <> 'public' or o.institution_level not in ('secondary', 'tertiary'))`, [id]);
    expect(off[0]!.n).toBe(0);
    // The Xuanwu hospital is private: it has no task in this campaign.
    expect((await t.call(hospital, 'GET', `/api/self-inspections?campaignId=${id}`)).body.total).toBe(0);
  });
});

describe('the pooling regions\' own self-inspection and their review of the institutions\' reports', () => {
  let id = '';
  /** Nanjing's agencies (city and counties), and with Xuzhou's: every covered agency. */
  let agencies: { id: string; region_code: string }[] = [];
  let allAgencies: { id: string; region_code: string }[] = [];
  let hospitalTask = '';
  let clinicTask = '';
  let tertiary: { taskId: string; clerk: TestUser } = { taskId: '', clerk: hospital };

  beforeAll(async () => {
    const created = await t.call(province, 'POST', '/api/campaigns', body());
    id = created.body.id;
    expect((await t.call(province, 'POST', `/api/campaigns/${id}/assign`)).status).toBe(201);
    const agenciesOf = (city: string) => owner<{ id: string; region_code: string }>(`select o.id, o.region_code from organization o join region r on r.code = o.region_code
                             where o.kind = 'agency' and (o.region_code = $1 or r.parent_code = $1) order by o.id`, [city]);
    agencies = await agenciesOf('3201');
    allAgencies = [...agencies, ...(await agenciesOf('3203'))];
  });

  it('assigning fans out a task to the city agency and every county agency of the covered city, once', async () => {
    await fanOut(id, '3201');
    await fanOut(id, '3201');
    await fanOut(id, '3203');
    const rows = await owner<{ owner_org_id: string; level: string; status: string; city_code: string }>(
      `select owner_org_id, level, status, city_code from agency_self_inspection where campaign_id = $1 and city_code = '3201' order by owner_org_id`, [id]);
    expect(rows.map((r) => r.owner_org_id)).toEqual(agencies.map((a) => a.id));
    expect(rows.find((r) => r.owner_org_id === 'agency-3201')).toMatchObject({ level: 'city', status: 'pending', city_code: '3201' });
    expect(rows.find((r) => r.owner_org_id === 'agency-320102')).toMatchObject({ level: 'county', status: 'pending' });
    // Suzhou is not covered: its agencies have no task.
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int as n from agency_self_inspection where campaign_id = $1 and city_code not in ('3201', '3203')`, [id]);
    expect(n).toBe(0);
    expect((await t.call(province, 'GET', `/api/campaigns/${id}`)).body.agencyTasks).toEqual({ total: allAgencies.length, submitted: 0, late: 0, missing: 0 });
  });

  it('gives each institution\'s task its handling agency: the holder of its service agreement (tertiary hospitals: the city agency), else its county\'s', async () => {
    const rows = await owner<{ handling_agency_id: string; institution_level: string; institution_type: string; region_code: string; holder: string | null }>(
      `select s.handling_agency_id, o.institution_level, o.institution_type, o.region_code,
              (select sa.agency_id from service_agreement sa where sa.institution_id = o.id) as holder
         from self_inspection s join organization o on o.id = s.owner_org_id where s.campaign_id = $1`, [id]);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.handling_agency_id).toBe(r.holder ?? `agency-${r.region_code}`);
    expect(rows.some((r) => r.institution_level === 'tertiary' && r.handling_agency_id === 'agency-3203')).toBe(true);
    expect(rows.filter((r) => r.institution_level !== 'tertiary').every((r) => r.handling_agency_id === `agency-${r.region_code}`)).toBe(true);
  });

  it('opening the self-inspection tells each agency to file its region\'s report, linked to its task', async () => {
    expect(await clock(new OpenCampaignPhaseCommand(actorOf(province), id, 'self_inspection'))).toBe(true);
    const [own] = await owner<{ id: string }>(`select id from agency_self_inspection where campaign_id = $1 and owner_org_id = 'agency-320102'`, [id]);
    const notice = (await inbox(xuanwu)).find((n) => n.titleZh.startsWith('请开展本地区专项治理自查'));
    expect(notice?.link).toBe(`/local/campaigns/${id}/agency-tasks/${own!.id}`);
  });

  it('the agency saves and submits its region\'s report (checked figures, region figures shown); nobody else may', async () => {
    const list = await t.call(xuanwu, 'GET', `/api/agency-self-inspections?campaignId=${id}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { agency: { id: string } }) => a.agency.id)).toEqual(['agency-320102']);
    const task = list.body.items[0];
    // The city agency reads its counties' reports; the Xuanwu bureau reads its agency's; Gusu and institutions do not.
    expect((await t.call(nanjing, 'GET', `/api/agency-self-inspections?campaignId=${id}`)).body.total).toBe(agencies.length);
    expect((await t.call(province, 'GET', `/api/agency-self-inspections?campaignId=${id}`)).body.total).toBe(allAgencies.length);
    // The list convention (issue 16 §2): the agency's code, the region, the status; the export holds the same rows.
    expect((await t.call(province, 'GET', `/api/agency-self-inspections?campaignId=${id}&q=agency-320102`)).body.items
      .map((a: { agency: { id: string } }) => a.agency.id)).toEqual(['agency-320102']);
    const inNanjing = await t.call(province, 'GET', `/api/agency-self-inspections?campaignId=${id}&regionCode=3201&sort=-agency&pageSize=500`);
    expect(inNanjing.body.total).toBe(agencies.length);
    expect((await t.call(gusu, 'GET', `/api/agency-self-inspections?campaignId=${id}&regionCode=3201`)).body).toEqual({ items: [], total: 0 });
    expect((await t.call(province, 'GET', `/api/agency-self-inspections?campaignId=${id}&sort=report`)).status).toBe(400);
    expect((await t.call(province, 'GET', `/api/agency-self-inspections?campaignId=${id}&status=late`)).status).toBe(400);
    const file = await downloadXlsx(t, province, `/api/agency-self-inspections/export.xlsx?campaignId=${id}&regionCode=3201&sort=-agency`);
    expect(file.rows[0]![0]).toBe('经办机构');
    expect(exportColumn(file, 'Task id')).toEqual(inNanjing.body.items.map((a: { id: string }) => a.id));
    expect((await t.call(XW_BUREAU, 'GET', `/api/agency-self-inspections/${task.id}`)).status).toBe(200);
    expect((await t.call(gusu, 'GET', `/api/agency-self-inspections/${task.id}`)).status).toBe(404);
    expect((await t.call(hospital, 'GET', `/api/agency-self-inspections/${task.id}`)).status).toBe(403);

    const bad = await t.call(xuanwu, 'PUT', `/api/agency-self-inspections/${task.id}`, agencyReport({ problemAmount: 1.234 }));
    expect(bad.body.error).toMatchObject({ code: 'amount_invalid' });
    const badCount = await t.call(xuanwu, 'PUT', `/api/agency-self-inspections/${task.id}`, agencyReport({ institutionsChecked: -1 }));
    expect(badCount.body.error?.code).toBe('count_invalid');
    expect(badCount.body.error.message.en).toContain('institutionsChecked');
    const noIssue = await t.call(xuanwu, 'PUT', `/api/agency-self-inspections/${task.id}`, agencyReport({ issues: [{ area: '内审', description: ' ', rectification: '' }] }));
    expect(noIssue.body.error?.code).toBe('self_inspection_issue_invalid');
    // Another agency, even the city's, and a bureau cannot write the Xuanwu agency's report.
    expect((await t.call(nanjing, 'PUT', `/api/agency-self-inspections/${task.id}`, agencyReport())).status).toBe(403);
    expect((await t.call(XW_BUREAU, 'PUT', `/api/agency-self-inspections/${task.id}`, agencyReport())).status).toBe(403);
    expect((await t.call(xuanwu, 'POST', `/api/agency-self-inspections/${task.id}/submit`)).body.error?.code).toBe('self_inspection_report_required');

    const saved = await t.call(xuanwu, 'PUT', `/api/agency-self-inspections/${task.id}`, agencyReport());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      status: 'draft', institutionsChecked: 42, problemsFound: 7, problemAmount: 35800.5, refundedAmount: 21000,
      issues: [{ area: '内审制度不健全', description: '稽核复核记录不完整', rectification: '已补建复核台账' }],
      agency: { id: 'agency-320102', level: 'county', regionCode: '320102' },
    });
    const [{ n: xuanwuTasks }] = await owner<{ n: number }>(`select count(*)::int as n from self_inspection where campaign_id = $1 and city_code = '3201' and region_path like '/32/3201/320102/%'`, [id]);
    expect(saved.body.regionFigures).toMatchObject({ tasks: xuanwuTasks, submitted: 0, verified: 0 });
    const submitted = await t.call(xuanwu, 'POST', `/api/agency-self-inspections/${task.id}/submit`);
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'submitted', late: false });
    expect((await t.call(xuanwu, 'PUT', `/api/agency-self-inspections/${task.id}`, agencyReport())).body.error?.code).toBe('self_inspection_submitted');
    const [event] = await owner<{ payload: any }>(`select payload from outbox_message where aggregate_id = $1 and event_type = 'AgencySelfInspectionSubmitted'`, [task.id]);
    expect(event!.payload).toMatchObject({ campaignId: id, cityCode: '3201', level: 'county', late: false });
    expect((await t.call(province, 'GET', `/api/campaigns/${id}`)).body.agencyTasks).toMatchObject({ total: allAgencies.length, submitted: 1 });
  });

  it('refuses to review an unsubmitted report, or another region\'s, or one the agency does not handle — nothing written', async () => {
    hospitalTask = (await t.call(hospital, 'GET', `/api/self-inspections?campaignId=${id}`)).body.items[0].id;
    clinicTask = (await t.call(clinic, 'GET', `/api/self-inspections?campaignId=${id}`)).body.items[0].id;
    const nothingWritten = async (taskId: string, reviewStatus: string | null) => {
      const [row] = await owner<{ review_status: string | null; reviewed_at: Date | null; refund_confirmed: boolean | null }>(
        `select review_status, reviewed_at, refund_confirmed from self_inspection where id = $1`, [taskId]);
      expect(row).toEqual({ review_status: reviewStatus, reviewed_at: null, refund_confirmed: null });
      const [{ n }] = await owner<{ n: number }>(
        `select (select count(*) from self_inspection_review where task_id = $1) + (select count(*) from outbox_message where aggregate_id = $2 and event_type = 'SelfInspectionReviewed') as n`, [taskId, taskId]);
      expect(Number(n)).toBe(0);
    };

    const unsubmitted = await t.call(xuanwu, 'POST', `/api/self-inspections/${hospitalTask}/verify`, { refund: { confirmed: true, amount: 100 } });
    expect({ status: unsubmitted.status, code: unsubmitted.body.error?.code }).toEqual({ status: 409, code: 'self_inspection_not_submitted' });
    expect(unsubmitted.body.error.message).toEqual({ zh: '该机构尚未提交自查报告，不能核实或退回', en: 'the institution has not submitted its report: there is nothing to verify or return' });
    expect((await t.call(xuanwu, 'POST', `/api/self-inspections/${hospitalTask}/return`, { comment: '补充' })).body.error?.code).toBe('self_inspection_not_submitted');
    await nothingWritten(hospitalTask, null);

    expect((await t.call(hospital, 'PUT', `/api/self-inspections/${hospitalTask}`, report)).status).toBe(200);
    expect((await t.call(hospital, 'POST', `/api/self-inspections/${hospitalTask}/submit`)).status).toBe(201);
    expect((await owner<{ review_status: string }>(`select review_status from self_inspection where id = $1`, [hospitalTask]))[0]!.review_status).toBe('awaiting');

    // Another region's agency does not even see it; the city agency sees it but does not handle it; a bureau and the institution cannot review.
    const otherRegion = await t.call(gusu, 'POST', `/api/self-inspections/${hospitalTask}/verify`, {});
    expect(otherRegion.status).toBe(404);
    const notHandling = await t.call(nanjing, 'POST', `/api/self-inspections/${hospitalTask}/verify`, {});
    expect({ status: notHandling.status, code: notHandling.body.error?.code }).toEqual({ status: 403, code: 'self_inspection_review_forbidden' });
    expect(notHandling.body.error.message.zh).toContain('只有负责该机构');
    expect(notHandling.body.error.message.en).toContain('only the handling agency');
    expect((await t.call(XW_BUREAU, 'POST', `/api/self-inspections/${hospitalTask}/verify`, {})).status).toBe(403);
    expect((await t.call(hospital, 'POST', `/api/self-inspections/${hospitalTask}/verify`, {})).status).toBe(403);
    expect((await t.call(xuanwu, 'POST', `/api/self-inspections/${hospitalTask}/return`, { comment: '  ' })).body.error?.code).toBe('self_inspection_return_comment_required');
    expect((await t.call(xuanwu, 'POST', `/api/self-inspections/${hospitalTask}/verify`, { refund: { confirmed: true, amount: -5 } })).body.error?.code).toBe('amount_invalid');
    expect((await t.call(xuanwu, 'PUT', `/api/self-inspections/${hospitalTask}/refund`, { confirmed: true, amount: 10 })).body.error?.code).toBe('self_inspection_not_verified');
    await nothingWritten(hospitalTask, 'awaiting');
  });

  it('returns a report for correction: the institution reads the comment, corrects and resubmits, the agency is told', async () => {
    const returned = await t.call(xuanwu, 'POST', `/api/self-inspections/${hospitalTask}/return`, { comment: '请补充退回资金的缴款凭证，并核对分解收费金额' });
    expect(returned.status).toBe(201);
    expect(returned.body.review).toMatchObject({ status: 'returned', comment: '请补充退回资金的缴款凭证，并核对分解收费金额', reviewedBy: 'xw.staff', corrections: 0 });
    expect(returned.body.status).toBe('submitted');
    expect((await t.call(xuanwu, 'POST', `/api/self-inspections/${hospitalTask}/verify`, {})).body.error?.code).toBe('self_inspection_returned');
    const notice = (await inbox(hospital)).find((n) => n.titleZh.startsWith('自查报告被退回修改'));
    expect(notice?.link).toBe(`/institution/self-inspection/${hospitalTask}`);

    const mine = await t.call(hospital, 'GET', `/api/self-inspections/${hospitalTask}`);
    expect(mine.body.review).toMatchObject({ status: 'returned', comment: '请补充退回资金的缴款凭证，并核对分解收费金额' });
    expect(mine.body.handlingAgency).toEqual({ id: 'agency-320102', name: expect.stringContaining('玄武') });
    const corrected = await t.call(hospital, 'PUT', `/api/self-inspections/${hospitalTask}`, { ...report, refundedAmount: 1800 });
    expect(corrected.status).toBe(200);
    const resubmitted = await t.call(hospital, 'POST', `/api/self-inspections/${hospitalTask}/submit`);
    expect(resubmitted.status).toBe(201);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', late: false, refundedAmount: 1800, review: { status: 'awaiting', corrections: 1 } });
    expect(resubmitted.body.review.history.map((h: { action: string }) => h.action)).toEqual(['returned', 'corrected']);
    // The correction is not a second submission: the city workflow counted the report once.
    const events = await owner<{ event_type: string }>(`select event_type from outbox_message where aggregate_id = $1 order by seq`, [hospitalTask]);
    expect(events.map((e) => e.event_type)).toEqual(['SelfInspectionDrafted', 'SelfInspectionSubmitted', 'SelfInspectionReviewed', 'SelfInspectionDrafted', 'SelfInspectionCorrected']);
    expect((await inbox(xuanwu)).find((n) => n.titleZh.startsWith('自查报告已修改后重新提交'))?.link).toBe(`/local/campaigns/${id}/review`);
    expect((await t.call(hospital, 'POST', `/api/self-inspections/${hospitalTask}/submit`)).body.error?.code).toBe('self_inspection_submitted');
  });

  it('verifies a report with the refund verified, or records the refund later; a second verification is refused', async () => {
    const verified = await t.call(xuanwu, 'POST', `/api/self-inspections/${hospitalTask}/verify`, { comment: '凭证齐全', refund: { confirmed: true, amount: 1800 } });
    expect(verified.status).toBe(201);
    expect(verified.body.review).toMatchObject({ status: 'verified', comment: '凭证齐全', refundConfirmed: true, refundVerifiedAmount: 1800 });
    expect(verified.body.review.refundVerifiedAt).not.toBeNull();
    expect((await t.call(xuanwu, 'POST', `/api/self-inspections/${hospitalTask}/verify`, {})).body.error?.code).toBe('self_inspection_verified');
    expect((await t.call(xuanwu, 'POST', `/api/self-inspections/${hospitalTask}/return`, { comment: '再看看' })).body.error?.code).toBe('self_inspection_verified');
    expect((await inbox(hospital)).some((n) => n.titleZh.startsWith('自查报告已核实'))).toBe(true);
    expect((await t.call(hospital, 'PUT', `/api/self-inspections/${hospitalTask}`, report)).body.error?.code).toBe('self_inspection_submitted');

    // The clinic: verified without the refund yet, which is recorded when the money is in.
    await t.call(clinic, 'PUT', `/api/self-inspections/${clinicTask}`, { ...report, refundedAmount: 300 });
    await t.call(clinic, 'POST', `/api/self-inspections/${clinicTask}/submit`);
    const pending = await t.call(xuanwu, 'POST', `/api/self-inspections/${clinicTask}/verify`, { refund: { confirmed: false } });
    expect(pending.body.review).toMatchObject({ status: 'verified', refundConfirmed: false, refundVerifiedAmount: null });
    expect((await t.call(xuanwu, 'PUT', `/api/self-inspections/${clinicTask}/refund`, { confirmed: true })).body.error?.code).toBe('amount_invalid');
    const refund = await t.call(xuanwu, 'PUT', `/api/self-inspections/${clinicTask}/refund`, { confirmed: true, amount: 250.5 });
    expect(refund.status).toBe(200);
    expect(refund.body.review).toMatchObject({ refundConfirmed: true, refundVerifiedAmount: 250.5 });
    expect(refund.body.review.history.map((h: { action: string; refundAmount: number | null }) => [h.action, h.refundAmount])).toEqual([['verified', null], ['refund_verified', 250.5]]);
  });

  it('the city agency reviews the tertiary hospitals it holds; the county agency may not', async () => {
    const [row] = await owner<{ id: string; owner_org_id: string; region_path: string }>(
      `select s.id, s.owner_org_id, s.region_path from self_inspection s where s.campaign_id = $1 and s.handling_agency_id = 'agency-3203' order by s.id limit 1`, [id]);
    tertiary = { taskId: row!.id, clerk: clerkOf(row!.owner_org_id, row!.region_path) };
    await t.call(tertiary.clerk, 'PUT', `/api/self-inspections/${tertiary.taskId}`, report);
    expect((await t.call(tertiary.clerk, 'POST', `/api/self-inspections/${tertiary.taskId}/submit`)).status).toBe(201);
    const county: TestUser = { ...xuanwu, sub: `u-county-${row!.region_path}`, regionPath: row!.region_path, orgId: `agency-${row!.region_path.split('/').filter(Boolean).at(-1)}` };
    expect((await t.call(county, 'POST', `/api/self-inspections/${tertiary.taskId}/verify`, {})).body.error?.code).toBe('self_inspection_review_forbidden');
    expect((await t.call(nanjing, 'POST', `/api/self-inspections/${tertiary.taskId}/verify`, {})).status).toBe(404);
    expect((await t.call(XZ_AGENCY, 'POST', `/api/self-inspections/${tertiary.taskId}/verify`, { refund: { confirmed: true, amount: 1500.5 } })).status).toBe(201);
  });

  it('lists the reports an agency handles, by review state, and shows the agencies and verification in the progress', async () => {
    const mine = await t.call(xuanwu, 'GET', `/api/self-inspections?campaignId=${id}&handledByMe=true&pageSize=200`);
    expect(mine.body.items.every((x: { handlingAgency: { id: string } }) => x.handlingAgency.id === 'agency-320102')).toBe(true);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([hospitalTask, clinicTask]));
    expect(mine.body.items.map((x: { id: string }) => x.id)).not.toContain(tertiary.taskId);
    const verified = await t.call(xuanwu, 'GET', `/api/self-inspections?campaignId=${id}&handledByMe=true&review=verified`);
    expect(verified.body.total).toBe(2);
    const cityVerified = await t.call(XZ_AGENCY, 'GET', `/api/self-inspections?campaignId=${id}&handledByMe=true&review=verified`);
    expect(cityVerified.body.items.map((x: { id: string }) => x.id)).toEqual([tertiary.taskId]);
    const [{ n: heldByNanjing }] = await owner<{ n: number }>(`select count(*)::int as n from self_inspection where campaign_id = $1 and handling_agency_id = 'agency-3201'`, [id]);
    expect((await t.call(nanjing, 'GET', `/api/self-inspections?campaignId=${id}&handledByMe=true`)).body.total).toBe(heldByNanjing);

    const progress = await t.call(province, 'GET', `/api/campaigns/${id}/progress`);
    expect(progress.body.totals).toMatchObject({ submitted: 3, verified: 3, returned: 0, refundVerifiedAmount: 1800 + 250.5 + 1500.5 });
    expect(progress.body.byCity).toMatchObject([{ key: '3201', verified: 2 }, { key: '3203', verified: 1 }]);
    expect(progress.body.agencies.map((a: { agencyId: string }) => a.agencyId).sort()).toEqual(allAgencies.map((a) => a.id).sort());
    expect(progress.body.agencies.find((a: { agencyId: string }) => a.agencyId === 'agency-320102')).toMatchObject({
      level: 'county', status: 'submitted', late: false, handled: { submitted: 2, verified: 2, returned: 0, refundVerifiedAmount: 2050.5 },
    });
    expect(progress.body.agencies.find((a: { agencyId: string }) => a.agencyId === 'agency-3203')).toMatchObject({ level: 'city', status: 'pending', handled: { submitted: 1, verified: 1, refundVerifiedAmount: 1500.5 } });
    // A county agency sees itself only; the city agency its city.
    expect((await t.call(xuanwu, 'GET', `/api/campaigns/${id}/progress`)).body.agencies.map((a: { agencyId: string }) => a.agencyId)).toEqual(['agency-320102']);
    expect((await t.call(nanjing, 'GET', `/api/campaigns/${id}/progress`)).body.agencies).toHaveLength(agencies.length);
  });

  it('reminds the agencies without a report, escalates the missing ones at the close with the institutions, accepts a late one', async () => {
    const [{ open }] = await owner<{ open: number }>(
      `select (select count(*) from self_inspection where campaign_id = $1 and status in ('pending', 'draft'))
            + (select count(*) from agency_self_inspection where campaign_id = $1 and status in ('pending', 'draft')) as open`, [id]);
    expect(await clock<number>(new RemindCampaignPhaseCommand(actorOf(province), id, 'self_inspection', '2026-01-02T01:00:00.000Z'))).toBe(Number(open));
    expect((await inbox(nanjing)).some((n) => n.titleZh.startsWith('本地区自查工作报告即将截止'))).toBe(true);
    expect((await inbox(xuanwu)).some((n) => n.titleZh.startsWith('本地区自查工作报告即将截止'))).toBe(false);

    await clock(new EscalateMissingSelfInspectionsCommand(actorOf(province), id, '3201'));
    const statuses = await owner<{ owner_org_id: string; status: string; escalated_at: Date | null }>(
      `select owner_org_id, status, escalated_at from agency_self_inspection where campaign_id = $1`, [id]);
    expect(statuses.filter((s) => s.status === 'missing')).toHaveLength(agencies.length - 1);
    expect(statuses.find((s) => s.owner_org_id === 'agency-320102')).toMatchObject({ status: 'submitted', escalated_at: null });
    const escalation = (await inbox(NJ_BUREAU)).find((n) => n.titleZh.includes('未按期提交自查报告'));
    expect(escalation?.titleZh).toContain(`${agencies.length - 1} 个经办机构`);
    expect((await inbox(province)).some((n) => n.titleZh.includes(`${agencies.length - 1} 个经办机构`))).toBe(true);

    await owner(`update campaign set self_inspection_end = current_date - 1, self_inspection_start = current_date - 2, plan_filed_by = current_date - 3 where id = $1`, [id]);
    expect(await clock(new OpenCampaignPhaseCommand(actorOf(province), id, 'spot_check'))).toBe(true);
    const [city] = await owner<{ id: string }>(`select id from agency_self_inspection where campaign_id = $1 and owner_org_id = 'agency-3201'`, [id]);
    await t.call(nanjing, 'PUT', `/api/agency-self-inspections/${city!.id}`, agencyReport({ report: '全市自查工作情况（补报）' }));
    const late = await t.call(nanjing, 'POST', `/api/agency-self-inspections/${city!.id}/submit`);
    expect(late.body).toMatchObject({ status: 'submitted', late: true });
    expect((await inbox(NJ_BUREAU)).some((n) => n.titleZh.startsWith('逾期报送的地区自查工作报告'))).toBe(true);

    // Once the spot-check has closed, a report can be verified but no longer returned.
    expect(await clock(new OpenCampaignPhaseCommand(actorOf(province), id, 'summary'))).toBe(true);
    const [other] = await owner<{ id: string; owner_org_id: string; region_path: string; handling_agency_id: string }>(
      `select id, owner_org_id, region_path, handling_agency_id from self_inspection where campaign_id = $1 and status = 'missing' and handling_agency_id = 'agency-320102' limit 1`, [id]);
    expect(other).toBeDefined();
    await owner(`update self_inspection set status = 'submitted', review_status = 'awaiting', report = 'x', submitted_at = now() where id = $1`, [other!.id]);
    expect((await t.call(xuanwu, 'POST', `/api/self-inspections/${other!.id}/return`, { comment: '补充' })).body.error?.code).toBe('self_inspection_closed');
    expect((await t.call(xuanwu, 'POST', `/api/self-inspections/${other!.id}/verify`, {})).status).toBe(201);
  });

  it('reports the pooling regions and the verification in the summary for the national level', async () => {
    const res = await fetch(`${t.baseUrl}/api/campaigns/${id}/summary.xlsx`, { headers: { authorization: `Bearer ${await t.keys.token(province)}` } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet('统筹地区自查')!;
    expect(sheet.rowCount).toBe(allAgencies.length + 1);
    const rows: string[] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String).join('|')));
    expect(rows.find((r) => r.startsWith('南京市玄武区'))).toMatch(/\|县（区）级\|已报送\|/);
    expect(rows.some((r) => r.includes('已报送（逾期）'))).toBe(true);
    const city = book.getWorksheet('自查自纠（按城市）')!;
    expect((city.getRow(1).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['经办机构已核实', '核实退回资金（元）']));
    const info: string[] = [];
    book.getWorksheet('基本情况')!.eachRow((row) => info.push((row.values as unknown[]).slice(1).join('|')));
    expect(info).toContain('机构范围|不限');
  });
});
