import pg from 'pg';
import { addCalendarDays, addWorkingDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { verifyDrawRecord, type DrawRecord } from '../../src/contexts/spot-checks/domain/draw/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { type TestUser, USERS } from '../support/tokens.js';

// Issue 18, flight inspections (飞行检查, seed 003 一(三)) over HTTP: the national bureau organizes an
// unannounced inspection of two Jiangsu institutions with a team drawn from other provinces (the
// spot-check draw engine: verifiable record, every Jiangsu inspector set aside), starts it (only now
// does Jiangsu see it and get its notice), records each institution's inspection through the ordinary
// inspection recording, hands the results over (one lead in Jiangsu's ledger per result with findings,
// source flight_inspection, due by that source's limit) and sees the province follow it up to the end.
// Zhejiang, a city and an institution see nothing; bad input changes nothing.

let t: TestApp;
const today = chinaDateOf(new Date());
const NATION = USERS.nation as TestUser;
const JS = USERS.province as TestUser;
const XW = USERS.xuanwu as TestUser;
const NJ = USERS.nanjing as TestUser;
const ZJ = USERS.zhejiang as TestUser;
const HOSPITAL = USERS.hospital as TestUser;

const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);
const count = async (sql: string, params: unknown[] = []) => Number(Object.values((await owner<Record<string, string>>(sql, params))[0]!)[0]);
const listIds = async (user: TestUser, params = '') =>
  ((await t.call(user, 'GET', `/api/flight-inspections?pageSize=100${params}`)).body.items ?? []).map((f: { id: string }) => f.id) as string[];
const inbox = async (user: TestUser) =>
  ((await t.call(user, 'GET', '/api/notifications?pageSize=200')).body.items as { titleZh: string }[]).map((n) => n.titleZh);

const BODY = {
  title: '2026年江苏省定点医疗机构飞行检查', provinceCode: '32', institutionIds: ['inst-320102-0001', 'inst-320102-0002'],
  startDate: today, endDate: addCalendarDays(today, 4), teamSize: 2, witnessSecrets: ['纪检监察组见证人-随机串-4711', 'second-witness-secret-0815'],
};

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

let id: string;

describe('organizing: the national bureau only, with a team from other provinces', () => {
  it('refuses bad input and other users, changing nothing', async () => {
    const before = await count(`select count(*) from flight_inspection`);
    const bad = async (body: Record<string, unknown>, code: string) => {
      const res = await t.call(NATION, 'POST', '/api/flight-inspections', { ...BODY, ...body });
      expect([res.status, res.body.error?.code]).toEqual([400, code]);
      expect(res.body.error.message.zh).toBeTruthy();
      expect(res.body.error.message.en).toBeTruthy();
    };
    await bad({ institutionIds: ['inst-320102-0001', 'inst-330106-0001'] }, 'flight_inspection_institution_outside');
    await bad({ institutionIds: [] }, 'flight_inspection_institutions_invalid');
    await bad({ startDate: addCalendarDays(today, -1) }, 'flight_inspection_dates_invalid');
    await bad({ endDate: addCalendarDays(today, 40) }, 'flight_inspection_dates_invalid');
    await bad({ provinceCode: '99' }, 'flight_inspection_province_invalid');
    await bad({ witnessSecrets: ['short'] }, 'flight_inspection_secrets_invalid');
    await bad({ teamSize: 9 }, 'spot_check_team_size_invalid');
    expect((await t.call(JS, 'POST', '/api/flight-inspections', BODY)).status).toBe(403);
    expect((await t.call(ZJ, 'POST', '/api/flight-inspections', BODY)).status).toBe(403);
    expect(await count(`select count(*) from flight_inspection`)).toBe(before);
  });

  it('draws the team with the verifiable draw: nobody from Jiangsu, every Jiangsu inspector recorded as set aside', async () => {
    const res = await t.call(NATION, 'POST', '/api/flight-inspections', BODY);
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({ status: 'drawn', province: { code: '32', name: '江苏省' }, institutions: 2, actions: { start: true, handOver: false } });
    expect(res.body.team.length).toBeGreaterThanOrEqual(2);
    expect(res.body.team.every((m: { provinceCode: string }) => m.provinceCode !== '32')).toBe(true);
    const jiangsu = await count(`select count(*) from inspector where active and region_path like '/32/%'`);
    expect(res.body.exclusions.sameProvince).toBe(jiangsu);
    // The published record replays: anyone verifies the seed and the result.
    const text = await fetch(`${t.baseUrl}/api/flight-inspections/${id}/record.json`, { headers: { authorization: `Bearer ${await t.keys.token(NATION)}` } }).then((r) => r.text());
    const record = JSON.parse(text) as DrawRecord;
    expect(verifyDrawRecord(record).ok).toBe(true);
    expect(record.resultHash).toBe(res.body.resultHash);
    // No inspection exists before the start.
    expect(await count(`select count(*) from inspection where flight_inspection_id = $1`, [id])).toBe(0);
  });
});

describe('unannounced: the province sees it from its start, nobody else ever', () => {
  it('before the start: Jiangsu, Zhejiang, a city and an institution see nothing', async () => {
    expect(await listIds(NATION)).toContain(id);
    expect(await listIds(JS)).not.toContain(id);
    expect((await t.call(JS, 'GET', `/api/flight-inspections/${id}`)).status).toBe(404);
    expect(await listIds(ZJ)).not.toContain(id);
    expect((await t.call(NJ, 'GET', `/api/flight-inspections/${id}`)).status).toBe(403);
    expect((await t.call(HOSPITAL, 'GET', `/api/flight-inspections/${id}`)).status).toBe(403);
    expect(await inbox(JS)).not.toContain(`飞行检查通知：${BODY.title}`);
    expect((await t.call(JS, 'POST', `/api/flight-inspections/${id}/start`)).status).toBe(403);
  });

  it('started: the inspections exist, Jiangsu reads it and is told; Zhejiang still sees nothing', async () => {
    const res = await t.call(NATION, 'POST', `/api/flight-inspections/${id}/start`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'started', actions: { start: false, handOver: false } });
    expect(res.body.inspections).toHaveLength(2);
    expect((await t.call(NATION, 'POST', `/api/flight-inspections/${id}/start`)).body.error.code).toBe('flight_inspection_started');
    expect(await listIds(JS)).toContain(id);
    const seen = await t.call(JS, 'GET', `/api/flight-inspections/${id}`);
    expect(seen.body).toMatchObject({ id, status: 'started', actions: { start: false, handOver: false } });
    expect(await inbox(JS)).toContain(`飞行检查通知：${BODY.title}`);
    expect(await listIds(ZJ)).not.toContain(id);
    expect((await t.call(ZJ, 'GET', `/api/flight-inspections/${id}`)).status).toBe(404);
    const zjInspections = (await t.call(ZJ, 'GET', '/api/inspections?origin=flight&pageSize=100')).body.items as { id: string }[];
    expect(zjInspections.length).toBe(0);
    // The filter by institution (q) and region finds it; another region does not.
    expect(await listIds(NATION, '&q=inst-320102-0002')).toContain(id);
    expect(await listIds(NATION, '&regionCode=3201')).toContain(id);
    expect(await listIds(NATION, '&regionCode=33')).not.toContain(id);
    expect(await listIds(NATION, '&status=handed_over')).not.toContain(id);
  });
});

describe('recording like any inspection, then handing over to the province', () => {
  let inspections: { id: string; institution: { id: string } }[];
  const checklistOf = async (inspectionId: string) =>
    ((await t.call(NATION, 'GET', `/api/inspections/${inspectionId}`)).body.checklistItems as string[]).map((item) => ({ item, result: 'compliant' }));

  it('only the national bureau records; the result is never sent to the institution directly', async () => {
    inspections = (await t.call(NATION, 'GET', `/api/flight-inspections/${id}`)).body.inspections;
    const first = inspections.find((i) => i.institution.id === 'inst-320102-0001');
    const second = inspections.find((i) => i.institution.id === 'inst-320102-0002');
    expect((await t.call(NATION, 'POST', `/api/flight-inspections/${id}/hand-over`)).body.error.code).toBe('flight_inspection_unrecorded');
    const checklist = await checklistOf(first!.id);
    const body = {
      inspectedOn: today, checklist, attachmentIds: [],
      findings: [{ type: '串换药品', description: '将自费药品串换为医保目录内药品结算', amount: 5000.5 }, { type: '虚记费用', description: '虚记护理费', amount: 1200 }],
    };
    const refused = await t.call(JS, 'PUT', `/api/inspections/${first!.id}`, body);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'flight_inspection_forbidden']);
    const recorded = await t.call(NATION, 'PUT', `/api/inspections/${first!.id}`, body);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ origin: 'flight', status: 'recorded' });
    // Sending to the institution is the province's and the agencies' route (the domain refuses a flight inspection too: unit test).
    expect((await t.call(NATION, 'POST', `/api/inspections/${first!.id}/send`)).status).toBe(403);
    expect((await t.call(JS, 'POST', `/api/inspections/${first!.id}/send`)).body.error.code).toBe('flight_inspection_forbidden');
    expect((await t.call(NATION, 'PUT', `/api/inspections/${second!.id}`, { inspectedOn: today, checklist: await checklistOf(second!.id), findings: [], attachmentIds: [] })).status).toBe(200);
    // The institution does not read a flight inspection's result (never sent to it).
    expect((await t.call(HOSPITAL, 'GET', `/api/inspections/${first!.id}`)).status).toBeGreaterThanOrEqual(403);
  });

  it('hands over: one lead in Jiangsu ledger for the result with findings, due by the flight-inspection limit', async () => {
    const before = await count(`select count(*) from lead`);
    expect((await t.call(JS, 'POST', `/api/flight-inspections/${id}/hand-over`)).status).toBe(403);
    const res = await t.call(NATION, 'POST', `/api/flight-inspections/${id}/hand-over`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'handed_over', leads: 1, followUpComplete: false });
    expect(await count(`select count(*) from lead`)).toBe(before + 1);
    const withLead = res.body.results.find((r: { leadId: string | null }) => r.leadId);
    const without = res.body.results.find((r: { leadId: string | null }) => !r.leadId);
    expect(withLead.institution.id).toBe('inst-320102-0001');
    expect(without.institution.id).toBe('inst-320102-0002');
    expect(withLead.followUp).toMatchObject({ status: 'assigned', result: null });
    const lead = await t.call(JS, 'GET', `/api/leads/${withLead.leadId}`);
    expect(lead.body).toMatchObject({
      source: 'flight_inspection', status: 'assigned', holder: { id: 'bureau-32' }, assignedBy: { id: 'bureau-000000' },
      amountInvolved: '6200.50', dueDate: addWorkingDays(today, 60),
    });
    expect(lead.body.sourceRef).toContain(`/${withLead.inspectionId}`);
    expect((await t.call(ZJ, 'GET', `/api/leads/${withLead.leadId}`)).status).toBe(404);
    expect((await t.call(NATION, 'POST', `/api/flight-inspections/${id}/hand-over`)).body.error.code).toBe('flight_inspection_not_started');
  });

  it('the overseer sees the province follow the lead up to the end (后续查处)', async () => {
    const leadId = (await t.call(NATION, 'GET', `/api/flight-inspections/${id}`)).body.results.find((r: { leadId: string | null }) => r.leadId).leadId as string;
    await t.call(JS, 'POST', `/api/leads/${leadId}/assess`, { valuable: true, reasons: '飞行检查查实问题，须后续查处' });
    expect((await t.call(JS, 'POST', `/api/leads/${leadId}/assign`, { toOrgId: 'agency-320102' })).status).toBe(200);
    const team = (await owner<{ id: string }>(`select id from inspector where organization_id = 'agency-320102' and active order by id`)).map((r) => r.id);
    const inspection = await t.call(XW, 'POST', '/api/inspections', { institutionId: 'inst-320102-0001', plannedOn: today, teamInspectorIds: team.slice(0, 2), inspectionType: 'lead' });
    expect((await t.call(XW, 'POST', `/api/leads/${leadId}/investigate`, { inspectionId: inspection.body.id })).status).toBe(200);
    let view = (await t.call(NATION, 'GET', `/api/flight-inspections/${id}`)).body;
    expect(view.results.find((r: { leadId: string | null }) => r.leadId).followUp.status).toBe('investigating');
    await t.call(XW, 'POST', `/api/leads/${leadId}/close`, { result: 'violation_confirmed', confirmedAmount: '6200.50', summary: '查实串换药品、虚记费用，追回 6200.50 元' });
    await t.call(XW, 'POST', `/api/leads/${leadId}/report`);
    await t.call(JS, 'POST', `/api/leads/${leadId}/accept`, { comment: '同意' });
    expect((await t.call(NATION, 'POST', `/api/leads/${leadId}/accept`, {})).body.status).toBe('accepted');
    view = (await t.call(NATION, 'GET', `/api/flight-inspections/${id}`)).body;
    expect(view.followUpComplete).toBe(true);
    expect(view.results.find((r: { leadId: string | null }) => r.leadId).followUp).toMatchObject({ status: 'accepted', result: 'violation_confirmed', confirmedAmount: '6200.50' });
    // Zhejiang still sees nothing of it.
    expect(await listIds(ZJ)).not.toContain(id);
  });
});
