import ExcelJS from 'exceljs';
import pg from 'pg';
import { LEAD_WORKFLOW_TYPE } from '@fundsup/workflows/contracts';
import { Commands, Queries } from '../../src/platform/cqrs/commands.js';
import { addWorkingDays, addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { MarkLeadOverdueCommand, RemindLeadCommand } from '../../src/contexts/leads/application/commands.js';
import { LeadOutcomeQuery, RegisterLeadCommand } from '../../src/contexts/leads/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { actorOf, type TestUser, USERS } from '../support/tokens.js';

// Issue 17, leads and the case ledger (线索台账) over HTTP: a national lead assigned to Jiangsu and down
// to a county (Xuanwu), investigated by an agency inspection, closed, reported, returned by the province
// as unsatisfactory, closed again, accepted up the chain to the national bureau; tenancy (Zhejiang never
// sees Jiangsu's leads, a sibling county neither); two users to dismiss an assigned lead; extensions
// approved by the assigner; the workflow's clock steps (run here as its activities would); the outbox
// messages that drive the lead workflow; the Excel ledger; bad input changes nothing.

let t: TestApp;
const today = chinaDateOf(new Date());
const NATION = USERS.nation as TestUser;
const JS = USERS.province as TestUser;
const XW = USERS.xuanwu as TestUser;
const NJ = USERS.nanjing as TestUser;
const GS = USERS.gusu as TestUser;
const ZJ = USERS.zhejiang as TestUser;
const HZ = USERS.hangzhou as TestUser;
const HOSPITAL = USERS.hospital as TestUser;
const XW_LEGAL: TestUser = { sub: 'u-xwl', username: 'xw.reviewer', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'agency-320102', orgKind: 'agency' };

const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);
const count = async (sql: string, params: unknown[] = []) => Number(Object.values((await owner<Record<string, string>>(sql, params))[0]!)[0]);

async function inbox(user: TestUser): Promise<string[]> {
  const res = await t.call(user, 'GET', '/api/notifications?pageSize=200');
  return res.body.items.map((n: { titleZh: string }) => n.titleZh);
}

async function outbox(leadId: string): Promise<{ event_type: string; dispatch: any }[]> {
  return owner(`select event_type, dispatch from outbox_message where aggregate_id = $1 order by seq`, [leadId]);
}

async function download(user: TestUser, path: string): Promise<{ status: number; rows: string[][] }> {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${await t.keys.token(user)}` } });
  const buf = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, rows: [] };
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return { status: res.status, rows };
}

const ids = async (user: TestUser, params = '') =>
  ((await t.call(user, 'GET', `/api/leads?pageSize=500${params}`)).body.items ?? []).map((l: { id: string }) => l.id) as string[];

const NATIONAL = {
  source: 'national_assignment', sourceRef: '医保稽交〔2026〕7号', regionCode: '320102', institutionOrgId: 'inst-320102-0001',
  subject: '虚构医疗服务、串换药品', facts: '国家局智能监控发现该院 2026 年上半年存在大量串换药品结算记录。', amountInvolved: '120000.00',
};

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('registration: bad input changes nothing', () => {
  it('refuses an unknown source, a region outside the unit, a negative amount, an institution outside the region, an institution user', async () => {
    const before = await count(`select count(*) from lead`);
    const bad = async (user: TestUser, body: Record<string, unknown>, status: number, code: string) => {
      const res = await t.call(user, 'POST', '/api/leads', { ...NATIONAL, ...body });
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
      return res;
    };
    expect((await t.call(NATION, 'POST', '/api/leads', { ...NATIONAL, source: 'rumour' })).status).toBe(400);
    const outside = await bad(ZJ, { source: 'self_inspection', institutionOrgId: null }, 400, 'lead_region_outside');
    expect(outside.body.error.message.zh).toContain('辖区');
    expect(outside.body.error.message.en).toContain('outside');
    await bad(NATION, { amountInvolved: '-5' }, 400, 'lead_amount_invalid');
    await bad(NATION, { amountInvolved: '1.234' }, 400, 'lead_amount_invalid');
    await bad(NATION, { regionCode: '320508' }, 400, 'lead_institution_outside');
    await bad(NATION, { regionCode: '999999' }, 400, 'lead_region_unknown');
    await bad(NATION, { subject: '   ' }, 400, 'lead_subject_required');
    await bad(NATION, { dueDate: addCalendarDays(today, -1) }, 400, 'lead_due_date_past');
    await bad(NATION, { source: 'tip', sourceRef: null }, 400, 'lead_source_ref_required');
    expect((await t.call(HOSPITAL, 'POST', '/api/leads', NATIONAL)).status).toBe(403);
    expect(await count(`select count(*) from lead`)).toBe(before);
  });
});

describe('a national lead assigned to Jiangsu and down to Xuanwu', () => {
  let id = '';
  let inspectionId = '';

  it('is registered in the national ledger with the source time limit and starts its workflow', async () => {
    const res = await t.call(NATION, 'POST', '/api/leads', NATIONAL);
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({
      status: 'registered', source: 'national_assignment', holder: { id: 'bureau-000000' }, registeredBy: { id: 'bureau-000000' },
      institution: { id: 'inst-320102-0001' }, region: { code: '320102' }, amountInvolved: '120000.00', dueDate: addWorkingDays(today, 60), overdue: false,
    });
    expect(res.body.can).toMatchObject({ assess: true, assign: false });
    const [start] = await outbox(id);
    expect(start!.event_type).toBe('LeadRegistered');
    expect(start!.dispatch).toMatchObject({ kind: 'start', workflowType: LEAD_WORKFLOW_TYPE, workflowId: `lead-${id}` });
    expect(start!.dispatch.args[0].clock.dueDate).toBe(addWorkingDays(today, 60));
  });

  it('is assessed valuable and assigned to the province with a due date; the province holds it, the nation keeps it in view', async () => {
    expect((await t.call(NATION, 'POST', `/api/leads/${id}/assign`, { toOrgId: 'bureau-32' })).body.error.code).toBe('lead_status_conflict');
    const reasonless = await t.call(NATION, 'POST', `/api/leads/${id}/assess`, { valuable: true, reasons: ' ' });
    expect(reasonless.body.error.code).toBe('lead_reasons_required');
    expect((await t.call(NATION, 'POST', `/api/leads/${id}/assess`, { valuable: true, reasons: '数据异常明显，具备核查价值' })).body.status).toBe('assessed');
    const due = addCalendarDays(today, 40);
    const assigned = await t.call(NATION, 'POST', `/api/leads/${id}/assign`, { toOrgId: 'bureau-32', dueDate: due });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', holder: { id: 'bureau-32' }, assignedBy: { id: 'bureau-000000' }, dueDate: due });
    const update = (await outbox(id)).find((m) => m.event_type === 'LeadAssigned')!;
    expect(update.dispatch).toMatchObject({ kind: 'update', workflowId: `lead-${id}`, update: 'leadTransition' });
    expect(update.dispatch.args[0]).toMatchObject({ action: 'clock', clock: { dueDate: due } });
    expect(await ids(JS, '&view=held')).toContain(id);
    expect(await ids(NATION, '&view=assigned')).toContain(id);
    expect(await ids(NATION, '&view=held')).not.toContain(id);
    expect(await inbox(JS)).toContain(`交办线索：${NATIONAL.subject}`);
  });

  it('is never seen from Zhejiang, nor by an institution', async () => {
    expect(await ids(ZJ)).not.toContain(id);
    expect(await ids(HZ)).not.toContain(id);
    expect((await t.call(ZJ, 'GET', `/api/leads/${id}`)).status).toBe(404);
    expect((await t.call(ZJ, 'POST', `/api/leads/${id}/assign`, { toOrgId: 'agency-330106' })).status).toBe(404);
    expect((await t.call(HOSPITAL, 'GET', `/api/leads/${id}`)).status).toBe(403);
    const file = await download(ZJ, '/api/leads/export.xlsx');
    expect(file.status).toBe(200);
    expect(file.rows.slice(2).some((r) => r.includes(id))).toBe(false);
  });

  it('the province re-assigns it down to the Xuanwu agency, not sideways', async () => {
    expect((await t.call(JS, 'POST', `/api/leads/${id}/assign`, { toOrgId: 'agency-330106' })).body.error.code).toBe('lead_assignee_invalid');
    expect((await t.call(JS, 'POST', `/api/leads/${id}/assign`, { toOrgId: 'bureau-000000' })).body.error.code).toBe('lead_assignee_invalid');
    expect((await t.call(NATION, 'POST', `/api/leads/${id}/assign`, { toOrgId: 'bureau-33' })).body.error.code).toBe('lead_not_holder');
    const res = await t.call(JS, 'POST', `/api/leads/${id}/assign`, { toOrgId: 'agency-320102', dueDate: addCalendarDays(today, 30) });
    expect(res.body).toMatchObject({ status: 'assigned', holder: { id: 'agency-320102' }, assignedBy: { id: 'bureau-32' } });
    expect(res.body.assignments.map((a: { to: { id: string } }) => a.to.id)).toEqual(['bureau-32', 'agency-320102']);
    expect(await ids(XW, '&view=held')).toContain(id);
    expect(await ids(NJ)).toContain(id);
    expect(await ids(GS)).not.toContain(id);
    expect((await t.call(GS, 'GET', `/api/leads/${id}`)).status).toBe(404);
    // The whole history follows the lead: Xuanwu reads the national registration.
    const detail = await t.call(XW, 'GET', `/api/leads/${id}`);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['registered', 'assessed_valuable', 'assigned', 'assigned']);
    expect(detail.body.can).toMatchObject({ investigate: true, assign: false, close: false, requestExtension: true });
  });

  it('is investigated by an agency inspection of the institution', async () => {
    const team = (await owner<{ id: string }>(`select id from inspector where organization_id = 'agency-320102' and active order by id`)).map((r) => r.id);
    const created = await t.call(XW, 'POST', '/api/inspections', { institutionId: 'inst-320102-0001', plannedOn: today, teamInspectorIds: team.slice(0, 2), inspectionType: 'lead' });
    expect(created.status).toBe(201);
    inspectionId = created.body.id;
    expect((await t.call(XW, 'POST', `/api/leads/${id}/investigate`, { inspectionId: '00000000-0000-0000-0000-000000000000' })).body.error.code).toBe('lead_inspection_invalid');
    expect((await t.call(XW, 'POST', `/api/leads/${id}/investigate`, {})).body.error.code).toBe('lead_inspection_required');
    expect((await t.call(XW, 'POST', `/api/leads/${id}/close`, { result: 'not_confirmed', summary: '未发现' })).body.error.code).toBe('lead_status_conflict');
    const res = await t.call(XW, 'POST', `/api/leads/${id}/investigate`, { inspectionId });
    expect(res.body).toMatchObject({ status: 'investigating', inspectionId });
  });

  it('is closed with a result and reported to the province, which sends it back as unsatisfactory', async () => {
    const noAmount = await t.call(XW, 'POST', `/api/leads/${id}/close`, { result: 'violation_confirmed', summary: '查实串换药品' });
    expect(noAmount.body.error.code).toBe('lead_confirmed_amount_required');
    const closed = await t.call(XW, 'POST', `/api/leads/${id}/close`, { result: 'not_confirmed', summary: '抽查病历 20 份，未发现串换' });
    expect(closed.body).toMatchObject({ status: 'closed', result: 'not_confirmed', confirmedAmount: null });
    expect((await outbox(id)).filter((m) => m.event_type === 'LeadClosed').at(-1)!.dispatch.args[0]).toMatchObject({ action: 'clock', clock: { dueAt: null } });
    const reported = await t.call(XW, 'POST', `/api/leads/${id}/report`);
    expect(reported.body).toMatchObject({ status: 'reported', reportedTo: { id: 'bureau-32' } });
    expect(await inbox(JS)).toContain(`交办线索办理结果报告：${NATIONAL.subject}`);
    // Only the unit it is reported to reviews it.
    expect((await t.call(NATION, 'POST', `/api/leads/${id}/accept`, {})).body.error.code).toBe('lead_not_reported_to');
    expect((await t.call(XW, 'POST', `/api/leads/${id}/accept`, {})).body.error.code).toBe('lead_not_reported_to');
    expect((await t.call(JS, 'POST', `/api/leads/${id}/return`, { reason: '' })).body.error.code).toBe('lead_return_reason_required');
    const returned = await t.call(JS, 'POST', `/api/leads/${id}/return`, { reason: '核查范围过窄，仅抽查 20 份病历，请扩大至全部串换疑点记录' });
    expect(returned.body).toMatchObject({ status: 'investigating', result: null, reportedTo: null, closedAt: null });
    expect(await inbox(XW)).toContain(`线索办理结果被退回：${NATIONAL.subject}`);
    const clock = (await outbox(id)).filter((m) => m.event_type === 'LeadResultReturned').at(-1)!.dispatch.args[0];
    expect(clock).toMatchObject({ action: 'clock', clock: { dueDate: addCalendarDays(today, 30) } });
  });

  it('closed again with the confirmed amount, accepted by the province, then by the nation: done, with its outcome', async () => {
    await t.call(XW, 'POST', `/api/leads/${id}/close`, { result: 'violation_confirmed', confirmedAmount: '85000.50', summary: '全面核查，查实串换药品 85000.50 元' });
    await t.call(XW, 'POST', `/api/leads/${id}/report`);
    const province = await t.call(JS, 'POST', `/api/leads/${id}/accept`, { comment: '同意' });
    expect(province.body).toMatchObject({ status: 'reported', reportedTo: { id: 'bureau-000000' } });
    expect(await inbox(NATION)).toContain(`交办线索办理结果报告：${NATIONAL.subject}`);
    expect((await t.call(JS, 'POST', `/api/leads/${id}/accept`, {})).body.error.code).toBe('lead_not_reported_to');
    const nation = await t.call(NATION, 'POST', `/api/leads/${id}/accept`, {});
    expect(nation.body).toMatchObject({ status: 'accepted', result: 'violation_confirmed', confirmedAmount: '85000.50' });
    expect((await outbox(id)).at(-1)!.dispatch.args[0]).toMatchObject({ action: 'ended' });
    const outcome = await t.app.get(Queries).execute(new LeadOutcomeQuery(actorOf(JS), id));
    expect(outcome).toMatchObject({ id, status: 'accepted', result: 'violation_confirmed', confirmedAmount: '85000.50' });
    expect(outcome.acceptedAt).not.toBeNull();
    await expect(t.app.get(Queries).execute(new LeadOutcomeQuery(actorOf(ZJ), id))).rejects.toMatchObject({ code: 'not_found' });
    const history = (await t.call(NATION, 'GET', `/api/leads/${id}`)).body.history.map((h: { action: string }) => h.action);
    expect(history).toEqual(['registered', 'assessed_valuable', 'assigned', 'assigned', 'investigating', 'closed_not_confirmed', 'reported', 'returned',
      'closed_violation_confirmed', 'reported', 'accepted_forwarded', 'accepted']);
  });

  it('the national ledger lists it with its status; the export has the 台账 columns', async () => {
    const list = await t.call(NATION, 'GET', '/api/leads?source=national_assignment&status=accepted');
    expect(list.body.items.map((l: { id: string }) => l.id)).toContain(id);
    expect((await t.call(NATION, 'GET', '/api/leads?status=bogus')).status).toBe(400);
    expect((await t.call(NATION, 'GET', '/api/leads?sort=-nothing')).status).toBe(400);
    const file = await download(JS, '/api/leads/export.xlsx?source=national_assignment');
    expect(file.status).toBe(200);
    expect(file.rows[0]!.slice(0, 3)).toEqual(['序号', '台账编号', '线索来源']);
    for (const h of ['登记日期', '被举报/涉及机构', '主要问题', '承办单位', '办理期限', '办理状态', '办理结果', '涉及金额（元）']) expect(file.rows[0]).toContain(h);
    const row = file.rows.slice(2).find((r) => r.includes(id))!;
    expect(row).toContain('国家局交办');
    expect(row).toContain('已审核办结');
    expect(row).toContain('查实违规');
  });
});

describe('two users to dismiss an assigned lead; extensions; the clock', () => {
  let id = '';

  beforeAll(async () => {
    const res = await t.call(JS, 'POST', '/api/leads', { ...NATIONAL, source: 'provincial_assignment', sourceRef: '苏医保稽〔2026〕3号', amountInvolved: null });
    id = res.body.id;
    await t.call(JS, 'POST', `/api/leads/${id}/assess`, { valuable: true, reasons: '有核查价值' });
    await t.call(JS, 'POST', `/api/leads/${id}/assign`, { toOrgId: 'agency-320102', dueDate: addCalendarDays(today, 10) });
  });

  it('an extension is asked by the holder and decided by the assigner only', async () => {
    expect((await t.call(XW, 'POST', `/api/leads/${id}/extension`, { dueDate: addCalendarDays(today, 5), reason: '需调取更多病历' })).body.error.code).toBe('lead_extension_not_later');
    const asked = await t.call(XW, 'POST', `/api/leads/${id}/extension`, { dueDate: addCalendarDays(today, 25), reason: '需调取更多病历' });
    expect(asked.body.extension).toMatchObject({ dueDate: addCalendarDays(today, 25) });
    expect(await inbox(JS)).toContain(`线索延期申请：${NATIONAL.subject}`);
    expect((await t.call(XW, 'POST', `/api/leads/${id}/extension/decide`, { approve: true })).body.error.code).toBe('lead_not_assigner');
    expect((await t.call(NATION, 'POST', `/api/leads/${id}/extension/decide`, { approve: true })).body.error.code).toBe('lead_not_assigner');
    const approved = await t.call(JS, 'POST', `/api/leads/${id}/extension/decide`, { approve: true, comment: '同意延期' });
    expect(approved.body).toMatchObject({ dueDate: addCalendarDays(today, 25), extension: null });
    expect((await outbox(id)).filter((m) => m.event_type === 'LeadExtensionDecided').at(-1)!.dispatch.args[0])
      .toMatchObject({ action: 'clock', clock: { dueDate: addCalendarDays(today, 25) } });
  });

  it('the clock: a reminder and the overdue flag for the current due day only, once, told to the assigner', async () => {
    const commands = t.app.get(Commands);
    const due = addCalendarDays(today, 25);
    const registrant = actorOf(JS);
    expect(await commands.execute(new MarkLeadOverdueCommand(registrant, id, addCalendarDays(today, 10)))).toBe(false);
    expect(await commands.execute(new RemindLeadCommand(registrant, id, addCalendarDays(today, 10)))).toBe(false);
    expect(await commands.execute(new RemindLeadCommand(registrant, id, due))).toBe(true);
    expect(await inbox(XW)).toContain(`线索即将到期：${NATIONAL.subject}`);
    expect(await commands.execute(new MarkLeadOverdueCommand(registrant, id, due))).toBe(true);
    expect(await commands.execute(new MarkLeadOverdueCommand(registrant, id, due))).toBe(false);
    expect((await t.call(XW, 'GET', `/api/leads/${id}`)).body.overdue).toBe(true);
    expect((await inbox(JS)).filter((s) => s === `线索逾期未办结：${NATIONAL.subject}`)).toHaveLength(1);
    expect(await ids(JS, '&overdue=true')).toContain(id);
  });

  it('"not valuable" on an assigned lead needs a second user', async () => {
    const proposed = await t.call(XW, 'POST', `/api/leads/${id}/assess`, { valuable: false, reasons: '举报内容与事实明显不符' });
    expect(proposed.body).toMatchObject({ status: 'dismissal_proposed', dismissal: { reasons: '举报内容与事实明显不符' } });
    const self = await t.call(XW, 'POST', `/api/leads/${id}/dismissal`, { approve: true });
    expect([self.status, self.body.error.code]).toEqual([403, 'lead_second_user_required']);
    expect(self.body.error.message.zh).toContain('另一名');
    expect((await t.call(GS, 'POST', `/api/leads/${id}/dismissal`, { approve: true })).status).toBe(404);
    const rejected = await t.call(XW_LEGAL, 'POST', `/api/leads/${id}/dismissal`, { approve: false, comment: '需进一步核查' });
    expect(rejected.body).toMatchObject({ status: 'assigned', dismissal: null });
    await t.call(XW, 'POST', `/api/leads/${id}/assess`, { valuable: false, reasons: '举报内容与事实明显不符' });
    const approved = await t.call(XW_LEGAL, 'POST', `/api/leads/${id}/dismissal`, { approve: true });
    expect(approved.body).toMatchObject({ status: 'dismissed', valuable: false });
    expect((await outbox(id)).at(-1)!.dispatch.args[0]).toMatchObject({ action: 'ended' });
    expect(await inbox(JS)).toContain(`交办线索经研判无价值：${NATIONAL.subject}`);
  });

  it('an own lead (not assigned) is dismissed by one user and closes without a report', async () => {
    const own = await t.call(XW, 'POST', '/api/leads', { ...NATIONAL, source: 'smart_monitoring', sourceRef: null });
    expect(own.body.dueDate).toBe(addWorkingDays(today, 30));
    const dismissed = await t.call(XW, 'POST', `/api/leads/${own.body.id}/assess`, { valuable: false, reasons: '预警系规则误报' });
    expect(dismissed.body.status).toBe('dismissed');
  });

  it('a lead naming no institution is investigated without an inspection; an own lead closes without a report', async () => {
    const own = await t.call(XW, 'POST', '/api/leads', { ...NATIONAL, source: 'media', sourceRef: null, institutionOrgId: null, subject: '媒体报道：冒名就医' });
    await t.call(XW, 'POST', `/api/leads/${own.body.id}/assess`, { valuable: true, reasons: '需核实' });
    const investigating = await t.call(XW, 'POST', `/api/leads/${own.body.id}/investigate`, {});
    expect(investigating.body).toMatchObject({ status: 'investigating', inspectionId: null });
    const closed = await t.call(XW, 'POST', `/api/leads/${own.body.id}/close`, { result: 'transferred', summary: '移交公安机关' });
    expect(closed.body).toMatchObject({ status: 'closed', can: { report: false } });
    expect((await t.call(XW, 'POST', `/api/leads/${own.body.id}/report`)).body.error.code).toBe('lead_not_assigned');
    expect((await outbox(own.body.id)).at(-1)!.dispatch.args[0]).toMatchObject({ action: 'ended' });
  });
});

describe('the contract for tips', () => {
  it('RegisterLeadCommand registers a tip lead in the ledger of the actor unit; the reporter is not part of it', async () => {
    const { id } = await t.app.get(Commands).execute(new RegisterLeadCommand({
      actor: actorOf(XW), source: 'tip', sourceRef: 'tip-0001', regionCode: '320102', institutionOrgId: 'inst-320102-0001',
      subject: '举报：挂床住院', facts: '举报称该院存在挂床住院。', amountInvolved: null,
    }));
    const lead = await t.call(XW, 'GET', `/api/leads/${id}`);
    expect(lead.body).toMatchObject({ source: 'tip', sourceRef: 'tip-0001', holder: { id: 'agency-320102' }, dueDate: addWorkingDays(today, 30) });
    expect(await t.app.get(Queries).execute(new LeadOutcomeQuery(actorOf(XW), id)))
      .toEqual({ id, status: 'registered', result: null, confirmedAmount: null, closedAt: null, acceptedAt: null });
  });
});
