import pg from 'pg';
import { actorData } from '../../src/kernel/actor.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import {
  CreateSelfInspectionTasksCommand,
  EscalateMissingSelfInspectionsCommand,
  MarkCampaignSummaryOverdueCommand,
  OpenCampaignPhaseCommand,
  RemindCampaignPhaseCommand,
} from '../../src/contexts/campaigns/application/commands.js';
import { campaignInstants, defaultCalendar } from '../../src/contexts/campaigns/domain/campaign.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { actorOf, NJ_BUREAU, type TestUser, USERS } from '../support/tokens.js';

// Issue 4, special campaigns over HTTP (docs/api/campaigns-and-spot-checks.md): create (validation,
// calendar policy) → assign (the outbox event that starts the workflow) → the clock's steps, run
// here as the workflow's activities would → tasks fanned out per city → self-inspection reports
// (on time, late, refused) → missing reports escalated → progress → summary; tenancy throughout.

let t: TestApp;
const today = chinaDateOf(new Date());
const YEAR = Number(today.slice(0, 4));
const province = USERS.province as TestUser;

const clock = <R>(cmd: Parameters<Commands['execute']>[0]) => t.app.get(Commands).execute(cmd) as Promise<R>;
const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);

/** A calendar whose self-inspection is open today (flexible policy: demo and training). */
const openToday = {
  planFiledBy: addCalendarDays(today, -3), selfInspectionStart: addCalendarDays(today, -1), selfInspectionEnd: addCalendarDays(today, 20),
  spotCheckStart: addCalendarDays(today, 21), spotCheckEnd: addCalendarDays(today, 40), summaryDue: addCalendarDays(today, 50),
};
const body = (extra: Record<string, unknown> = {}) => ({
  year: YEAR, title: `${YEAR}年定点医药机构专项治理`, focusAreas: [{ code: 'pharmacy_card_misuse' }, { text: '门诊统筹违规结算' }],
  institutionKinds: ['pharmacy', 'clinic', 'hospital'], cityCodes: ['3201', '3205'], calendar: openToday, ...extra,
});

async function inbox(user: TestUser): Promise<string[]> {
  const res = await t.call(user, 'GET', '/api/notifications');
  return res.body.items.map((n: { titleZh: string }) => n.titleZh);
}

/** Runs the city fan-out as the city workflow would: pages until done. */
async function fanOut(campaignId: string, cityCode: string, limit = 25): Promise<number> {
  let cursor: string | null = null;
  let created = 0;
  for (let i = 0; i < 1000; i++) {
    const page: { created: number; cursor: string | null; done: boolean } = await clock(new CreateSelfInspectionTasksCommand(actorOf(province), campaignId, cityCode, cursor, limit));
    created += page.created;
    cursor = page.cursor;
    if (page.done) return created;
  }
  throw new Error('fan-out did not finish');
}

describe('campaign calendar rules', () => {
  let statutory: TestApp;
  beforeAll(async () => {
    statutory = await startTestApp({ campaignCalendar: 'statutory' });
  });
  afterAll(() => statutory?.close());

  it('fills in the policy calendar and lets the official tighten it, never widen or drop a phase', async () => {
    const defaults = await statutory.call(province, 'GET', `/api/campaigns/defaults?year=${YEAR + 1}`);
    expect(defaults.status).toBe(200);
    expect(defaults.body.calendar).toEqual(defaultCalendar(YEAR + 1));
    expect(defaults.body.calendarPolicy).toBe('statutory');
    expect(defaults.body.cities).toHaveLength(13);
    expect(defaults.body.focusOptions.map((o: { code: string }) => o.code)).toContain('public_hospital_charging');

    const base = { year: YEAR + 1, title: '默认日历', focusAreas: [{ code: 'public_hospital_charging' }], institutionKinds: ['hospital'] };
    const created = await statutory.call(province, 'POST', '/api/campaigns', base);
    expect(created.status).toBe(201);
    const got = await statutory.call(province, 'GET', `/api/campaigns/${created.body.id}`);
    expect(got.body).toMatchObject({ calendar: defaultCalendar(YEAR + 1), status: 'draft', phase: 'draft', cityCodes: expect.arrayContaining(['3201', '3213']) });
    expect(got.body.cityCodes).toHaveLength(13);

    const tightened = await statutory.call(province, 'POST', '/api/campaigns', { ...base, title: '压缩日历', calendar: { selfInspectionStart: `${YEAR + 1}-04-15`, selfInspectionEnd: `${YEAR + 1}-07-31`, summaryDue: `${YEAR + 1}-11-15` } });
    expect(tightened.status).toBe(201);

    const widened = await statutory.call(province, 'POST', '/api/campaigns', { ...base, title: '放宽日历', calendar: { selfInspectionEnd: `${YEAR + 1}-09-10` } });
    expect(widened.status).toBe(400);
    expect(widened.body.error?.code).toBe('campaign_calendar_order');
    const late = await statutory.call(province, 'POST', '/api/campaigns', { ...base, title: '推迟总结', calendar: { summaryDue: `${YEAR + 1}-12-15` } });
    expect(late.body.error).toMatchObject({ code: 'campaign_calendar_outside_policy', details: { field: 'summaryDue', limit: `${YEAR + 1}-11-30` } });
    expect(late.body.error.message.zh).toContain('总结上报截止日');
    const early = await statutory.call(province, 'POST', '/api/campaigns', { ...base, title: '提前自查', calendar: { planFiledBy: `${YEAR + 1}-02-28`, selfInspectionStart: `${YEAR + 1}-03-01` } });
    expect(early.body.error?.code).toBe('campaign_calendar_outside_policy');
    const dropped = await statutory.call(province, 'POST', '/api/campaigns', { ...base, title: '省略抽查', calendar: { spotCheckStart: `${YEAR + 1}-10-31`, spotCheckEnd: `${YEAR + 1}-10-30` } });
    expect(dropped.body.error?.code).toBe('campaign_calendar_order');
    const [{ n }] = await statutory.call(province, 'GET', `/api/campaigns?year=${YEAR + 1}`).then((r) => [{ n: r.body.length }]);
    expect(n).toBe(2);
  });

  it('refuses at save, not only at 下发, a calendar whose self-inspection is over (issue 16)', async () => {
    // Last year's statutory calendar is past whatever today is.
    const past = { year: YEAR - 1, title: '去年的日历', focusAreas: [{ code: 'public_hospital_charging' }], institutionKinds: ['hospital'] };
    const created = await statutory.call(province, 'POST', '/api/campaigns', past);
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: 'campaign_calendar_past', details: { field: 'selfInspectionEnd', limit: today } });
    expect(created.body.error.message.zh).toContain('自查结束日');
    expect(created.body.error.message.en).toContain('selfInspectionEnd');
    // A saved draft cannot be moved into the past either.
    const draft = await statutory.call(province, 'POST', '/api/campaigns', { ...past, year: YEAR + 1, title: '明年的日历' });
    expect(draft.status).toBe(201);
    const moved = await statutory.call(province, 'PUT', `/api/campaigns/${draft.body.id}`, past);
    expect({ status: moved.status, code: moved.body.error?.code }).toEqual({ status: 400, code: 'campaign_calendar_past' });
  });

  it('checks focus areas, cities, kinds and the title, with bilingual messages', async () => {
    const base = { year: YEAR + 1, title: '校验', focusAreas: [{ code: 'public_hospital_charging' }], institutionKinds: ['hospital'] };
    const cases: [Record<string, unknown>, string][] = [
      [{ focusAreas: [] }, 'campaign_focus_count'],
      [{ focusAreas: [{ code: 'a' }, { code: 'b' }, { code: 'c' }] }, 'campaign_focus_count'],
      [{ focusAreas: [{ code: 'nonsense' }] }, 'campaign_focus_unknown'],
      [{ cityCodes: ['3301'] }, 'campaign_city_unknown'],
      [{ institutionKinds: [] }, 'campaign_kinds_required'],
      [{ institutionKinds: ['bank'] }, 'campaign_kinds_required'],
      [{ title: '  ' }, 'campaign_title_required'],
      [{ calendar: { spotCheckEnd: '2027-02-30' } }, 'campaign_date_invalid'],
      [{ ownership: 'state' }, 'campaign_ownership_unknown'],
      [{ minLevel: 'quaternary' }, 'campaign_level_unknown'],
    ];
    for (const [extra, code] of cases) {
      const res = await statutory.call(province, 'POST', '/api/campaigns', { ...base, ...extra });
      expect({ code: res.body.error?.code, status: res.status }).toEqual({ code, status: 400 });
      expect(res.body.error.message.zh).toBeTruthy();
      expect(res.body.error.message.en).toBeTruthy();
    }
    expect((await statutory.call(USERS.nanjing, 'POST', '/api/campaigns', base)).status).toBe(403);
    expect((await statutory.call(USERS.hospital, 'GET', '/api/campaigns')).status).toBe(403);
  });
});

describe('a campaign from assignment to summary', () => {
  let id = '';
  let inScope = { nanjing: 0, suzhou: 0 };

  beforeAll(async () => {
    t = await startTestApp({ campaignCalendar: 'flexible' });
    const rows = await owner<{ city: string; n: string }>(
      `select substr(region_code, 1, 4) as city, count(*) as n from organization where kind = 'institution' and substr(region_code, 1, 4) in ('3201', '3205') group by 1`);
    inScope = { nanjing: Number(rows.find((r) => r.city === '3201')!.n), suzhou: Number(rows.find((r) => r.city === '3205')!.n) };
  });
  afterAll(() => t?.close());

  it('creates a draft and refuses a duplicate title', async () => {
    const res = await t.call(province, 'POST', '/api/campaigns', body());
    expect(res.status).toBe(201);
    id = res.body.id;
    const dup = await t.call(province, 'POST', '/api/campaigns', body());
    expect(dup.status).toBe(409);
    expect(dup.body.error?.code).toBe('campaign_exists');
    const edited = await t.call(province, 'PUT', `/api/campaigns/${id}`, body({ focusAreas: [{ code: 'pharmacy_card_misuse' }] }));
    expect(edited.status).toBe(200);
  });

  it('assigns: files the plan, records the workflow start with the phase instants, and is refused twice', async () => {
    const res = await t.call(province, 'POST', `/api/campaigns/${id}/assign`);
    expect(res.status).toBe(201);
    const [event] = await owner<{ payload: any; event_type: string }>(`select event_type, payload from outbox_message where aggregate_id = $1 and event_type = 'CampaignAssigned'`, [id]);
    expect(event.payload.input).toMatchObject({ campaignId: id, cityCodes: ['3201', '3205'], actor: actorData(actorOf(province)) });
    const instants = event.payload.input.instants;
    expect(instants).toMatchObject({ selfInspectionOpensAt: campaignInstants(openToday, new Date()).selfInspectionOpensAt, summaryDueAt: campaignInstants(openToday, new Date()).summaryDueAt });
    // Reminders 5 and 1 working days before each close, none in the past.
    expect(instants.reminders.length).toBeGreaterThanOrEqual(4);
    expect(instants.reminders.every((r: { at: string }) => Date.parse(r.at) > Date.now() - 60_000)).toBe(true);
    const again = await t.call(province, 'POST', `/api/campaigns/${id}/assign`);
    expect(again.body.error?.code).toBe('campaign_not_draft');
    expect((await t.call(province, 'PUT', `/api/campaigns/${id}`, body())).body.error?.code).toBe('campaign_not_draft');
    const detail = await t.call(province, 'GET', `/api/campaigns/${id}`);
    // The plan was due with the national level three days ago: filed late, and recorded as such.
    expect(detail.body).toMatchObject({ status: 'assigned', phase: 'planning', planFiledLate: true });
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['created', 'updated', 'assigned']);
  });

  it('fans out one task per in-scope institution of the covered cities, idempotently, with the city and county units', async () => {
    expect(await fanOut(id, '3201')).toBe(inScope.nanjing);
    expect(await fanOut(id, '3205', 1000)).toBe(inScope.suzhou);
    expect(await fanOut(id, '3201')).toBe(0);
    const [{ n }] = await owner<{ n: string }>(`select count(*) as n from self_inspection where campaign_id = $1`, [id]);
    expect(Number(n)).toBe(inScope.nanjing + inScope.suzhou);
    const units = await owner<{ owner_org_id: string }>(`select owner_org_id from campaign_unit where campaign_id = $1 order by 1`, [id]);
    expect(units.map((u) => u.owner_org_id)).toEqual(expect.arrayContaining(['bureau-3201', 'bureau-320102', 'bureau-3205', 'bureau-320508']));
    await expect(clock(new CreateSelfInspectionTasksCommand(actorOf(province), id, '3202', null, 10))).rejects.toMatchObject({ code: 'campaign_city_not_covered' });
  });

  it('lets an institution save a draft but not submit before the phase opens', async () => {
    const mine = await t.call(USERS.hospital, 'GET', '/api/self-inspections');
    expect(mine.body.total).toBe(1);
    const task = mine.body.items[0];
    expect(task).toMatchObject({ campaignId: id, status: 'pending', campaignPhase: 'planning', institution: { id: 'inst-320102-0001' } });
    // What an issue is filed under: the campaign's own focus areas (issue 16), as edited above.
    expect(task.campaignFocusAreas).toEqual([{ code: 'pharmacy_card_misuse', text: expect.stringContaining('定点零售药店') }]);
    // Free text is refused on the backend too, naming the allowed areas, and changes nothing.
    const area = task.campaignFocusAreas[0].text as string;
    const free = await t.call(USERS.hospital, 'PUT', `/api/self-inspections/${task.id}`, { report: '已完成自查', refundedAmount: 1200.5, issues: [{ focus: '串换药品', description: '串换药品 3 例', amount: 860 }], attachmentIds: [] });
    expect(free.status).toBe(400);
    expect(free.body.error).toMatchObject({ code: 'self_inspection_focus_invalid', details: { allowed: [area] } });
    expect(free.body.error.message.zh).toContain(area);
    expect(free.body.error.message.en).toContain(area);
    expect((await t.call(USERS.hospital, 'GET', `/api/self-inspections/${task.id}`)).body).toMatchObject({ status: 'pending', issues: [] });
    const saved = await t.call(USERS.hospital, 'PUT', `/api/self-inspections/${task.id}`, { report: '已完成自查', refundedAmount: 1200.5, issues: [{ focus: area, description: '串换药品 3 例', amount: 860 }], attachmentIds: [] });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', refundedAmount: 1200.5 });
    const refused = await t.call(USERS.hospital, 'POST', `/api/self-inspections/${task.id}/submit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('self_inspection_not_open');
  });

  it('opens the self-inspection phase (institutions and units notified) and accepts reports on time', async () => {
    expect(await clock(new OpenCampaignPhaseCommand(actorOf(province), id, 'self_inspection'))).toBe(true);
    expect(await clock(new OpenCampaignPhaseCommand(actorOf(province), id, 'self_inspection'))).toBe(false);
    expect((await inbox(USERS.hospital)).some((x) => x.startsWith('专项治理自查自纠开始'))).toBe(true);
    expect((await inbox(NJ_BUREAU)).some((x) => x.startsWith('专项治理自查自纠开始'))).toBe(true);

    const task = (await t.call(USERS.hospital, 'GET', '/api/self-inspections')).body.items[0];
    const bad = await t.call(USERS.hospital, 'PUT', `/api/self-inspections/${task.id}`, { report: 'x', refundedAmount: 1.234, issues: [], attachmentIds: [] });
    expect(bad.body.error).toMatchObject({ code: 'amount_invalid' });
    const neg = await t.call(USERS.hospital, 'PUT', `/api/self-inspections/${task.id}`, { report: 'x', refundedAmount: -1, issues: [], attachmentIds: [] });
    expect(neg.body.error?.code).toBe('amount_invalid');
    const ghost = await t.call(USERS.hospital, 'PUT', `/api/self-inspections/${task.id}`, { report: 'x', refundedAmount: 0, issues: [], attachmentIds: ['3f1f0c1e-0000-4000-8000-000000000000'] });
    expect(ghost.body.error?.code).toBe('attachment_unknown');
    expect((await t.call(USERS.hospital, 'GET', `/api/self-inspections/${task.id}`)).body).toMatchObject({ report: '已完成自查', refundedAmount: 1200.5 });

    const ok = await t.call(USERS.hospital, 'POST', `/api/self-inspections/${task.id}/submit`);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'submitted', late: false });
    const [event] = await owner<{ payload: any }>(`select payload from outbox_message where aggregate_id = $1 and event_type = 'SelfInspectionSubmitted'`, [task.id]);
    expect(event.payload).toMatchObject({ campaignId: id, cityCode: '3201', submission: { taskId: task.id, late: false } });
    expect((await t.call(USERS.hospital, 'POST', `/api/self-inspections/${task.id}/submit`)).body.error?.code).toBe('self_inspection_submitted');
    expect((await t.call(USERS.hospital, 'PUT', `/api/self-inspections/${task.id}`, { report: 'y', refundedAmount: 0, issues: [], attachmentIds: [] })).body.error?.code).toBe('self_inspection_submitted');
  });

  it('keeps every institution to its own task and every region to its own subtree', async () => {
    const hospitalTask = (await t.call(USERS.hospital, 'GET', '/api/self-inspections')).body.items[0];
    expect((await t.call(USERS.clinic, 'GET', `/api/self-inspections/${hospitalTask.id}`)).status).toBe(404);
    expect((await t.call(USERS.pharmacy, 'GET', `/api/self-inspections/${hospitalTask.id}`)).status).toBe(404);
    expect((await t.call(USERS.gusu, 'GET', `/api/self-inspections/${hospitalTask.id}`)).status).toBe(404);
    expect((await t.call(USERS.clinic, 'PUT', `/api/self-inspections/${hospitalTask.id}`, { report: 'x', refundedAmount: 0, issues: [], attachmentIds: [] })).status).toBe(404);
    expect((await t.call(USERS.xuanwu, 'GET', `/api/self-inspections/${hospitalTask.id}`)).status).toBe(200);
    // A county user may read but not write an institution's report.
    expect((await t.call(USERS.xuanwu, 'PUT', `/api/self-inspections/${hospitalTask.id}`, { report: 'x', refundedAmount: 0, issues: [], attachmentIds: [] })).status).toBe(403);

    const gusuList = await t.call(USERS.gusu, 'GET', `/api/self-inspections?campaignId=${id}&pageSize=200`);
    expect(gusuList.body.items.every((x: { institution: { regionCode: string } }) => x.institution.regionCode === '320508')).toBe(true);
    const nanjingProgress = await t.call(USERS.nanjing, 'GET', `/api/campaigns/${id}/progress`);
    expect(nanjingProgress.body.byCity.map((c: { key: string }) => c.key)).toEqual(['3201']);
    expect(nanjingProgress.body.totals.tasks).toBe(inScope.nanjing);
    const provinceProgress = await t.call(province, 'GET', `/api/campaigns/${id}/progress`);
    expect(provinceProgress.body.totals).toMatchObject({ tasks: inScope.nanjing + inScope.suzhou, submitted: 1, refundedAmount: 1200.5, issuesFound: 1, issueAmount: 860 });
    expect(provinceProgress.body.byKind.find((k: { key: string }) => k.key === 'hospital').submitted).toBe(1);
    // Institutions read the campaign only through their own tasks.
    expect((await t.call(USERS.hospital, 'GET', `/api/campaigns/${id}`)).status).toBe(403);
  });

  it('reminds the institutions and agencies without a report, escalates the missing ones at the close, and flags late reports', async () => {
    const reminded = await clock<number>(new RemindCampaignPhaseCommand(actorOf(province), id, 'self_inspection', '2026-01-01T01:00:00.000Z'));
    // Every covered city and county agency owes its region's report too (none filed here).
    const [{ agencies }] = await owner<{ agencies: number }>(`select count(*)::int as agencies from agency_self_inspection where campaign_id = $1`, [id]);
    expect(agencies).toBeGreaterThan(2);
    expect(reminded).toBe(inScope.nanjing + inScope.suzhou - 1 + agencies);
    expect((await inbox(USERS.clinic)).some((x) => x.startsWith('自查报告即将截止'))).toBe(true);
    expect((await inbox(USERS.hospital)).some((x) => x.startsWith('自查报告即将截止'))).toBe(false);

    const escalated = await clock<{ missing: number }>(new EscalateMissingSelfInspectionsCommand(actorOf(province), id, '3201'));
    expect(escalated.missing).toBe(inScope.nanjing - 1);
    expect((await inbox(NJ_BUREAU)).some((x) => x.includes('未按期提交自查报告'))).toBe(true);
    expect((await inbox(province)).some((x) => x.includes('未按期提交自查报告'))).toBe(true);
    // Suzhou's bureau hears nothing about Nanjing.
    expect((await inbox({ ...NJ_BUREAU, sub: 'u-szb', orgId: 'bureau-3205', regionPath: '/32/3205/' })).some((x) => x.includes('南京'))).toBe(false);
    const missing = await t.call(province, 'GET', `/api/campaigns/${id}/missing?cityCode=3201`);
    expect(missing.body).toHaveLength(inScope.nanjing - 1);

    // The phase moves on; the clinic's report is late but accepted, and the city bureau is told.
    await owner(`update campaign set self_inspection_end = current_date - 1, self_inspection_start = current_date - 2, plan_filed_by = current_date - 3 where id = $1`, [id]);
    expect(await clock(new OpenCampaignPhaseCommand(actorOf(province), id, 'spot_check'))).toBe(true);
    const clinicTask = (await t.call(USERS.clinic, 'GET', '/api/self-inspections')).body.items[0];
    expect(clinicTask.status).toBe('missing');
    await t.call(USERS.clinic, 'PUT', `/api/self-inspections/${clinicTask.id}`, { report: '补报自查情况', refundedAmount: 0, issues: [], attachmentIds: [] });
    const late = await t.call(USERS.clinic, 'POST', `/api/self-inspections/${clinicTask.id}/submit`);
    expect(late.body).toMatchObject({ status: 'submitted', late: true });
    expect((await inbox(NJ_BUREAU)).some((x) => x.startsWith('逾期提交的自查报告'))).toBe(true);
  });

  it('refuses reports after the spot-check closes, then the summary: overdue flag once, filing closes the campaign', async () => {
    const early = await t.call(province, 'POST', `/api/campaigns/${id}/summary`, {});
    expect(early.body.error?.code).toBe('campaign_phase_closed');
    expect(await clock(new OpenCampaignPhaseCommand(actorOf(province), id, 'summary'))).toBe(true);
    const pharmacyTask = (await t.call(USERS.pharmacy, 'GET', '/api/self-inspections')).body.items[0];
    const refused = await t.call(USERS.pharmacy, 'POST', `/api/self-inspections/${pharmacyTask.id}/submit`);
    expect(refused.body.error?.code).toBe('self_inspection_closed');

    expect(await clock(new MarkCampaignSummaryOverdueCommand(actorOf(province), id))).toBe(true);
    expect(await clock(new MarkCampaignSummaryOverdueCommand(actorOf(province), id))).toBe(false);
    expect((await t.call(USERS.nanjing, 'POST', `/api/campaigns/${id}/summary`, {})).status).toBe(403);
    const filed = await t.call(province, 'POST', `/api/campaigns/${id}/summary`, { comment: '继续保持高压态势' });
    expect(filed.status).toBe(201);
    const detail = await t.call(province, 'GET', `/api/campaigns/${id}`);
    expect(detail.body).toMatchObject({ status: 'closed', phase: 'closed', summaryOverdue: true, summaryComment: '继续保持高压态势' });
    const [event] = await owner<{ payload: any }>(`select payload from outbox_message where aggregate_id = $1 and event_type = 'CampaignSummaryFiled'`, [id]);
    expect(event.payload.transition.action).toBe('summary_filed');
    expect((await t.call(province, 'POST', `/api/campaigns/${id}/summary`, {})).body.error?.code).toBe('campaign_summary_filed');
  });

  it('exports the summary as PDF and Excel built from the data', async () => {
    for (const [path, type, magic] of [['summary.pdf', 'application/pdf', '%PDF'], ['summary.xlsx', 'spreadsheetml', 'PK']] as const) {
      const res = await fetch(`${t.baseUrl}/api/campaigns/${id}/${path}`, { headers: { authorization: `Bearer ${await t.keys.token(province)}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
    const denied = await fetch(`${t.baseUrl}/api/campaigns/${id}/summary.pdf`, { headers: { authorization: `Bearer ${await t.keys.token(USERS.xuanwu)}` } });
    expect(denied.status).toBe(403);
  });
});
