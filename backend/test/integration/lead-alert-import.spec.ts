import ExcelJS from 'exceljs';
import pg from 'pg';
import { ALERT_COLUMNS, ALERT_IMPORT_MAX_ROWS } from '../../src/contexts/leads/domain/alert-import.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { buildZip } from '../support/zip-build.js';
import { type TestUser, USERS } from '../support/tokens.js';

// Issue 17, smart-monitoring alerts imported from a file (智能监控预警): POST /api/leads/alert-import
// registers every row as a lead (source smart_monitoring) in the uploader's ledger in one transaction,
// or nothing with every row's problem; the same alert is not registered twice; other types are
// refused; only the roles that keep a ledger may import; the template downloads.

let t: TestApp;
const XW = USERS.xuanwu as TestUser;
const GS = USERS.gusu as TestUser;
const HOSPITAL = USERS.hospital as TestUser;
const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);
const leadCount = async () => Number((await owner<{ n: string }>(`select count(*) as n from lead where source = 'smart_monitoring'`))[0]!.n);

let xwInst: { id: string; name: string }[];
let gsInst: { id: string; name: string };

beforeAll(async () => {
  t = await startTestApp();
  xwInst = await owner(`select id, name from organization where kind = 'institution' and region_path = '/32/3201/320102/' order by id limit 2`);
  [gsInst] = await owner(`select id, name from organization where kind = 'institution' and region_path = '/32/3205/320508/' order by id limit 1`) as [{ id: string; name: string }];
  expect(xwInst).toHaveLength(2);
});
afterAll(() => t?.close());

const row = (alertNo: string, inst = xwInst[0]!, over: Partial<Record<(typeof ALERT_COLUMNS)[number], unknown>> = {}) => {
  const r: Record<string, unknown> = {
    规则编码: 'ZNJK-07', 规则名称: '同一患者同日多次住院', 预警编号: alertNo, 机构编码: inst.id, 机构名称: inst.name,
    '就诊/结算日期': '2026-11-20', 涉及金额: '1234.50', 明细说明: `预警 ${alertNo}：患者同日两次入院`, ...over,
  };
  return ALERT_COLUMNS.map((c) => r[c]);
};

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('预警');
  sheet.addRow([...ALERT_COLUMNS]);
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(user: TestUser, filename: string, content: Buffer): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), filename);
  const res = await fetch(`${t.baseUrl}/api/leads/alert-import`, { method: 'POST', headers: { authorization: `Bearer ${await t.keys.token(user)}` }, body: form });
  return { status: res.status, body: await res.json() };
}

describe('smart-monitoring alert import', () => {
  it('registers every row as a lead in the uploader\'s ledger, and the same alerts again are not registered twice', async () => {
    const before = await leadCount();
    const file = await xlsx([row('A-001'), row('A-002', xwInst[1]!, { 涉及金额: '' })]);
    const first = await upload(XW, '预警.xlsx', file);
    expect(first.status).toBe(200);
    expect(first.body.registered.map((r: any) => [r.row, r.sourceRef])).toEqual([[2, 'ZNJK-07/A-001'], [3, 'ZNJK-07/A-002']]);
    expect(first.body.alreadyInLedger).toEqual([]);
    expect(await leadCount()).toBe(before + 2);
    const [lead] = await owner<any>(`select source, source_ref, owner_org_id, registered_org_id, institution_org_id, region_code, subject, amount_involved::text as amount, status, due_date
                                       from lead where id = $1`, [first.body.registered[0].leadId]);
    expect(lead).toMatchObject({ source: 'smart_monitoring', source_ref: 'ZNJK-07/A-001', owner_org_id: XW.orgId, registered_org_id: XW.orgId,
      institution_org_id: xwInst[0]!.id, region_code: '320102', subject: '同一患者同日多次住院', amount: '1234.50', status: 'registered' });
    expect(lead.due_date).not.toBeNull();
    // The ledger lists them, and each lead's workflow was asked for (LeadRegistered in the outbox).
    const list = await t.call(XW, 'GET', '/api/leads?source=smart_monitoring&pageSize=50');
    expect(list.body.items.map((l: any) => l.id)).toEqual(expect.arrayContaining(first.body.registered.map((r: any) => r.leadId)));
    expect(Number((await owner<{ n: string }>(`select count(*) as n from outbox_message where aggregate_id = any($1::text[]) and event_type = 'LeadRegistered'`,
      [first.body.registered.map((r: any) => r.leadId)]))[0]!.n)).toBe(2);

    // The same file with one new alert: the two known are named, only the new one is registered.
    const again = await upload(XW, '预警-二.xlsx', await xlsx([row('A-001'), row('A-003'), row('A-002', xwInst[1]!)]));
    expect(again.status).toBe(200);
    expect(again.body.registered.map((r: any) => r.row)).toEqual([3]);
    expect(again.body.alreadyInLedger.map((r: any) => [r.row, r.sourceRef, r.leadId])).toEqual([
      [2, 'ZNJK-07/A-001', first.body.registered[0].leadId], [4, 'ZNJK-07/A-002', first.body.registered[1].leadId],
    ]);
    expect(await leadCount()).toBe(before + 3);
  });

  it('registers nothing when one row is wrong, and names every problem by row and column in both languages', async () => {
    const before = await leadCount();
    const res = await upload(XW, '预警.xlsx', await xlsx([
      row('B-001'),
      row('B-002', gsInst),                                   // outside Xuanwu: not readable, so not found
      row('B-003', xwInst[0]!, { 机构名称: '不存在的医院' }),    // name does not match the code
      row('B-004', { id: 'inst-999999-9999', name: '无' }),     // no such institution
    ]));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('alert_import_invalid');
    expect(res.body.error.message.zh).toContain('未导入任何预警');
    expect(res.body.error.details.errors.map((e: any) => [e.row, e.column, e.code])).toEqual([
      [3, '机构编码', 'alert_institution_unknown'],
      [4, '机构名称', 'alert_institution_name_mismatch'],
      [5, '机构编码', 'alert_institution_unknown'],
    ]);
    for (const e of res.body.error.details.errors) {
      expect(e.message.zh).toMatch(/^第 \d+ 行/);
      expect(e.message.en).toMatch(/^row \d+/);
    }
    // A cell's format: the checker's errors, same shape; still nothing registered.
    const bad = await upload(XW, '预警.xlsx', await xlsx([row('B-005', xwInst[0]!, { '就诊/结算日期': '2026-13-01', 涉及金额: '-1' })]));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => [e.row, e.column])).toEqual([[2, '就诊/结算日期'], [2, '涉及金额']]);
    expect(await leadCount()).toBe(before);
  });

  it('reads a CSV; refuses another type, a renamed file and a missing file; 403 for an institution', async () => {
    const csv = Buffer.from(`${ALERT_COLUMNS.join(',')}\r\n${row('C-001').join(',')}\r\n`, 'utf8');
    const ok = await upload(XW, '预警.csv', csv);
    expect(ok.status).toBe(200);
    expect(ok.body.registered).toHaveLength(1);
    const before = await leadCount();
    const pdf = await upload(XW, '预警.pdf', Buffer.from('%PDF-1.7\n'));
    expect([pdf.status, pdf.body.error.code]).toEqual([400, 'alert_import_type']);
    expect(pdf.body.error.message.zh).toMatch(/xlsx/);
    const renamed = await upload(XW, '预警.xlsx', csv);
    expect([renamed.status, renamed.body.error.code]).toEqual([400, 'alert_import_type']);
    const none = await fetch(`${t.baseUrl}/api/leads/alert-import`, { method: 'POST', headers: { authorization: `Bearer ${await t.keys.token(XW)}` }, body: new FormData() });
    expect(none.status).toBe(400);
    const hospital = await upload(HOSPITAL, '预警.csv', Buffer.from(`${ALERT_COLUMNS.join(',')}\r\n${row('C-002').join(',')}\r\n`));
    expect(hospital.status).toBe(403);
    expect(await leadCount()).toBe(before);
  });

  it('refuses a CSV with one alert more than the limit behind a blank line, and an empty file, registering nothing', async () => {
    const before = await leadCount();
    const lines = Array.from({ length: ALERT_IMPORT_MAX_ROWS + 1 }, (_, i) => row(`D-${i}`).join(','));
    const csv = [ALERT_COLUMNS.join(','), ...lines.slice(0, ALERT_IMPORT_MAX_ROWS), ',,,,,,,', lines[ALERT_IMPORT_MAX_ROWS]!].join('\r\n');
    const over = await upload(XW, '预警.csv', Buffer.from(csv, 'utf8'));
    expect([over.status, over.body.error.code]).toEqual([400, 'alert_import_too_many_rows']);
    const empty = await upload(XW, '预警.csv', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(await leadCount()).toBe(before);
  });

  it('refuses a workbook that expands past the bound when unzipped (a zip bomb), registering nothing', async () => {
    const before = await leadCount();
    // 65 MB of one letter as the shared strings: well under the upload limit zipped (~65 KB)
    const bomb = buildZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/sharedStrings.xml', data: Buffer.alloc(65 * 1024 * 1024, 0x41) }]);
    const res = await upload(XW, '预警.xlsx', bomb);
    expect([res.status, res.body.error.code]).toEqual([400, 'alert_import_too_large']);
    expect(res.body.error.message).toEqual({ zh: expect.stringContaining('64 MB'), en: expect.stringContaining('64 MB') });
    expect(await leadCount()).toBe(before);
  });

  it('the same alert in another unit\'s ledger is that unit\'s: Gusu registers its own', async () => {
    const mine = await upload(GS, '预警.xlsx', await xlsx([row('A-001', gsInst)]));
    expect(mine.status).toBe(200);
    expect(mine.body.registered).toHaveLength(1);
    expect(mine.body.alreadyInLedger).toEqual([]);
  });

  it('the template downloads with the columns as its header', async () => {
    const res = await fetch(`${t.baseUrl}/api/leads/alert-import/template.xlsx`, { headers: { authorization: `Bearer ${await t.keys.token(XW)}` } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect((book.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual([...ALERT_COLUMNS]);
    const hospital = await fetch(`${t.baseUrl}/api/leads/alert-import/template.xlsx`, { headers: { authorization: `Bearer ${await t.keys.token(HOSPITAL)}` } });
    expect(hospital.status).toBe(403);
  });
});
