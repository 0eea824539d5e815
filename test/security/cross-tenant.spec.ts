import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { BASE_URL, DEMO_ACCOUNTS, tokenFor } from '../support/stack.ts';
import { report } from './support/report.ts';

// Tenant isolation probed from the OpenAPI document of the started API (issue 15): every operation
// with an id in its path, as several roles of both provinces, with ids of records of another tenant
// read from the database (DATABASE_URL, the stack's superuser: row-level security does not hide
// them), must answer 403 or 404 (writes may also refuse the body first: 400); every list (a GET
// without path parameters), also with another tenant's ids in its id-like query parameters, must
// not contain any of them. "Another tenant" is conservative: a record whose region is neither
// above nor below the role's region (a sibling city, the other province), and for an institution
// also a record owned by another institution. A path with an id that the table map below does not
// know fails the test, so that a new endpoint gets probed too.

interface Op { method: string; path: string; params: { name: string; in: string }[]; body?: unknown }
interface Row { id: string; region_path: string; owner_org_id: string; audit_id?: string }
interface Role { username: string; regionPath: string; orgId: string; orgKind: string }

/** The table whose ids a path's `{id}` takes, by path prefix (longest first). */
const TABLES: [string, string][] = [
  ['/api/ic/plans/', 'ic_audit_plan'],
  ['/api/ic/audits/', 'ic_audit'],
  ['/api/agency-self-inspections/', 'agency_self_inspection'],
  ['/api/self-inspections/', 'self_inspection'],
  ['/api/inspection-document-requests/', 'inspection_document_request'],
  ['/api/inspections/', 'inspection'],
  ['/api/notices/', 'notice'],
  ['/api/plans/', 'annual_plan'],
  ['/api/notifications/', 'notification'],
  ['/api/attachments/', 'attachment'],
  ['/api/campaign-filings/', 'campaign_filing'],
  ['/api/campaigns/', 'campaign'],
  ['/api/spot-checks/', 'spot_check'],
  ['/api/flight-inspections/', 'flight_inspection'],
  ['/api/findings/', 'finding'],
  ['/api/decisions/', 'handling_decision'],
  ['/api/disputes/', 'dispute'],
  ['/api/monthly-reports/', 'monthly_report'],
  ['/api/leads/', 'lead'],
  ['/api/tips/', 'tip'],
  ['/api/enforcement/cases/', 'enforcement_case'],
  ['/api/transfers/', 'transfer'],
  ['/api/outward-transfers/', 'outward_transfer'],
  ['/api/major-case-reports/', 'major_case_report'],
];
/** Id-like query parameters of the lists, and what they take. */
const QUERY_IDS: Record<string, string> = {
  campaignId: 'campaign', spotCheckId: 'spot_check', decisionId: 'handling_decision', sourceId: 'inspection',
  institutionId: 'institution', agencyId: 'agency', cityCode: 'city', regionCode: 'region', region: 'region',
  caseId: 'enforcement_case',
};
const ROLES = ['js.official', 'nj.agency', 'xw.staff', 'xw.hospital', 'zj.official', 'hz.agency', 'xh.hospital'];
const PER_PROBE = 3;

const related = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

let db: pg.Client;
let ops: Op[];
const rows = new Map<string, Row[]>();
const institutions = new Set<string>();
const counts: Record<string, number> = { requests: 0, paths: 0, roles: ROLES.length, foreignIds: 0, leaks: 0, unexpected: 0, controls: 0 };
const leaks: string[] = [];
/** The detail routes (GET /api/…/{id}): the control reads a probed id of each as the national overseer. */
const details: string[] = [];
const probed = new Map<string, Set<string>>();
const unexpected: string[] = [];
/** Every organization and region (of both provinces) with its name: what an export's cells may not name. */
const named: (Row & { name: string })[] = [];
/** TABLES the stack's database does not have: a path of the running API mapped to one fails the probe. */
const absentTables = new Set<string>();

async function call(username: string, method: string, path: string, body?: unknown): Promise<{ status: number; text: string; type: string; bytes: Buffer }> {
  for (let attempt = 0; ; attempt++) {
    counts.requests++;
    const res = await fetch(`${BASE_URL()}${path}`, {
      method,
      headers: { authorization: `Bearer ${await tokenFor(username)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    // per-user rate limits: wait as told and ask again
    if (res.status === 429 && attempt < 5) {
      await new Promise((r) => setTimeout(r, 1000 * Math.min(10, Number(res.headers.get('retry-after') ?? 1))));
      continue;
    }
    return { status: res.status, text, type: res.headers.get('content-type') ?? '', bytes };
  }
}

/** A body the operation's schema accepts in form (required properties with plain values). */
function sample(schema: Record<string, any> | undefined, doc: any, depth = 0): unknown {
  if (!schema || depth > 4) return undefined;
  if (schema.$ref) return sample(doc.components.schemas[schema.$ref.split('/').pop()], doc, depth + 1);
  if (schema.enum) return schema.enum[0];
  if (schema.example !== undefined) return schema.example;
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of schema.required ?? []) out[k] = sample(schema.properties?.[k], doc, depth + 1);
      return out;
    }
    case 'array': return [];
    case 'string': return schema.format === 'uuid' ? randomUUID() : schema.format === 'date' ? '2026-12-01' : 'x';
    case 'number': case 'integer': return 1;
    case 'boolean': return false;
    default: return {};
  }
}

function role(username: string): Role {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username)!;
  return { username, regionPath: a.regionPath, orgId: a.orgId, orgKind: a.orgKind };
}

function foreign(r: Role, row: Row): boolean {
  if (!related(row.region_path, r.regionPath)) return true;
  return r.orgKind === 'institution' && row.owner_org_id !== r.orgId && institutions.has(row.owner_org_id);
}

/** Up to PER_PROBE foreign rows: the other province first, then a sibling region, then another institution. */
function pick(r: Role, candidates: Row[]): Row[] {
  const province = r.regionPath.split('/')[1];
  const mine = candidates.filter((row) => foreign(r, row));
  const otherProvince = mine.filter((row) => row.region_path.split('/')[1] !== province);
  const sameProvince = mine.filter((row) => row.region_path.split('/')[1] === province);
  const out = [...otherProvince.slice(0, 1), ...sameProvince.slice(0, PER_PROBE - 1)];
  for (const row of mine) if (out.length < PER_PROBE && !out.includes(row)) out.push(row);
  return out;
}

/**
 * Paths whose id names no tenant's record: the working-day calendar is national (one State Council
 * notice a year, ADR 0004's tables without region_path), so no role has a "foreign" year to probe.
 */
const NATIONAL_PATHS = ['/api/calendar/years/'];
/**
 * The routes served without sign-in: open to everyone by design (a province's public enforcement
 * page shows any province's published, masked decisions), so no tenant's id is "foreign" to them;
 * public-routes.spec.ts fuzzes them without a token.
 */
const PUBLIC_PATHS = ['/api/public/'];

function tableOf(path: string): string {
  if (path.startsWith('/api/agreements/')) return 'institution';
  if (path.startsWith('/api/monthly-reports/cities/')) return 'city';
  if (path.startsWith('/api/calendar/provinces/')) return 'province';
  const hit = TABLES.find(([prefix]) => path.startsWith(prefix));
  if (!hit) throw new Error(`no table is mapped for ${path}: add it to TABLES in test/security/cross-tenant.spec.ts`);
  return hit[1];
}

/** The ids of every record, institution and region outside the role's scope. */
function foreignIdsOf(r: Role): Set<string> {
  const out = new Set<string>();
  for (const table of TABLES.map(([, t]) => t)) for (const row of rows.get(table)!) if (foreign(r, row)) out.add(row.id);
  for (const id of institutions) if (foreign(r, { id, region_path: rows.get('institution')!.find((o) => o.id === id)!.region_path, owner_org_id: id })) out.add(id);
  return out;
}

/**
 * The names of the organizations and regions outside the role's scope (the other province, a
 * sibling city or county, another institution), less any name that an organization or region in
 * scope also bears or contains (two cities have a 鼓楼区).
 */
function foreignNamesOf(r: Role): string[] {
  const inScope = named.filter((n) => !foreign(r, n)).map((n) => n.name);
  return [...new Set(named.filter((n) => foreign(r, n)).map((n) => n.name))].filter((name) => !inScope.some((own) => own.includes(name)));
}

/**
 * Columns that name other tenants by design, by their header: an internal-control audit's 检查组 is
 * drawn from the agencies of other cities (recusal: nobody audits their own city), so the audited
 * agency sees its auditors' agencies — the people assigned to it, not another tenant's records.
 */
const DESIGNED_FOREIGN_COLUMNS = new Set(['检查组']);

/** Every cell's text of every sheet of a workbook, but for the columns of DESIGNED_FOREIGN_COLUMNS. */
async function cells(bytes: Buffer): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  book.eachSheet((sheet) => {
    const skipped = new Set<number>();
    sheet.getRow(1).eachCell((cell, col) => { if (DESIGNED_FOREIGN_COLUMNS.has(cell.text.trim())) skipped.add(col); });
    sheet.eachRow((row) => row.eachCell((cell, col) => { if (!skipped.has(col)) out.push(cell.text); }));
  });
  return out;
}

/** Every string in a JSON document. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

beforeAll(async () => {
  // Records in the second province too (the test stack's earlier layers work in Jiangsu).
  const year = new Date().getFullYear() + 1;
  await call('zj.official', 'POST', '/api/plan-cycles', { year });
  await call('hz.agency', 'POST', '/api/notices', { recipientOrgId: 'agency-330106', title: '关于开展自查自纠的通知（安全测试）', body: '请按期完成。', workingDays: 5 });
  await call('xh.staff', 'POST', '/api/inspections', {
    institutionId: 'inst-330106-0001', plannedOn: `${year - 1}-12-28`, teamInspectorIds: ['insp-330106-01', 'insp-330106-02'],
  });
  await call('zj.official', 'POST', '/api/leads', {
    source: 'self_inspection', regionCode: '330106', institutionOrgId: 'inst-330106-0001', subject: '串换药品（安全测试）', facts: '自查发现疑似串换药品。', amountInvolved: '1000',
  });

  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  for (const [, table] of TABLES) {
    // a table of a later commit than the started stack's (its paths are not in the running API's document either)
    if (!(await db.query(`select to_regclass($1) as t`, [table])).rows[0].t) {
      rows.set(table, []);
      absentTables.add(table);
      continue;
    }
    const extra = table === 'ic_audit' ? ', (select f.id::text from ic_finding f where f.audit_id = t.id limit 1) as audit_id' : '';
    rows.set(table, (await db.query<Row>(`select t.id::text as id, t.region_path, t.owner_org_id${extra} from ${table} t order by t.id`)).rows);
  }
  const orgs = (await db.query<Row & { kind: string; name: string }>(`select id, name, region_path, id as owner_org_id, kind from organization order by id`)).rows;
  named.push(...orgs);
  for (const o of orgs) if (o.kind === 'institution') institutions.add(o.id);
  rows.set('institution', orgs.filter((o) => o.kind === 'institution'));
  rows.set('agency', orgs.filter((o) => o.kind === 'agency'));
  const regions = (await db.query<Row & { level: string; name: string }>(
    `select code as id, name, path as region_path, '' as owner_org_id, level from region where level in ('city', 'county') and path ~ '^/3[23]/' order by code`)).rows;
  named.push(...regions);
  named.push(...(await db.query<Row & { name: string }>(`select code as id, name, path as region_path, '' as owner_org_id from region where level = 'province' and path ~ '^/3[23]/'`)).rows);
  rows.set('city', regions.filter((r) => r.level === 'city'));
  rows.set('region', regions);
  // A province's own calendar additions (issue 16): another province's path is refused.
  rows.set('province', (await db.query<Row>(`select code as id, path as region_path, '' as owner_org_id from region where level = 'province' and code in ('32', '33') order by code`)).rows);

  const docRes = await fetch(`${BASE_URL()}/api/docs/json`);
  expect(docRes.status).toBe(200);
  const doc = (await docRes.json()) as { paths: Record<string, Record<string, any>> };
  ops = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<Record<string, any>>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: schema ? sample(schema, doc) : undefined });
      if (method === 'get' && /^\/api\/[a-z/-]+\/\{id\}$/.test(path)) details.push(path);
    }
  }
  counts.paths = new Set(ops.filter((op) => op.method === 'GET' || op.params.some((p) => p.in === 'path')).map((op) => op.path)).size;
});

afterAll(async () => {
  await db?.end();
  report('cross-tenant', counts);
});

describe('cross-tenant probe generated from the OpenAPI document', () => {
  it('answers 403/404 to every operation with an id of another tenant in its path, for every role', async () => {
    const withIds = ops.filter((op) => op.params.some((p) => p.in === 'path'));
    expect(withIds.length).toBeGreaterThan(50);
    const month = new Date().toISOString().slice(0, 7);
    for (const username of ROLES) {
      const r = role(username);
      for (const op of withIds) {
        if ([...NATIONAL_PATHS, ...PUBLIC_PATHS].some((p) => op.path.startsWith(p))) continue;
        const table = tableOf(op.path);
        if (absentTables.has(table)) {
          unexpected.push(`${op.method} ${op.path}: the running API lists it, but its table ${table} is not in the database`);
          continue;
        }
        const targets = pick(r, rows.get(table)!);
        if (table === 'ic_audit' && op.path.includes('{findingId}')) targets.splice(0, targets.length, ...pick(r, rows.get(table)!.filter((x) => x.audit_id)));
        for (const target of targets) {
          const path = op.path
            .replace('{id}', target.id).replace('{institutionId}', target.id).replace('{cityCode}', target.id)
            .replace('{findingId}', target.audit_id ?? randomUUID()).replace('{month}', month)
            .replace('{province}', target.id).replace('{year}', String(new Date().getFullYear() + 1)).replace('{kind}', 'plan');
          counts.foreignIds++;
          if (op.method === 'GET' && details.includes(op.path)) probed.set(op.path, (probed.get(op.path) ?? new Set()).add(target.id));
          const res = await call(username, op.method, path, op.method === 'GET' ? undefined : (op.body ?? {}));
          const allowed = op.method === 'GET' ? [403, 404] : [400, 403, 404];
          if (res.status < 300) {
            counts.leaks++;
            leaks.push(`${username} ${op.method} ${path} → ${res.status} ${res.text.slice(0, 160)}`);
          } else if (!allowed.includes(res.status)) {
            counts.unexpected++;
            unexpected.push(`${username} ${op.method} ${path} → ${res.status} ${res.text.slice(0, 160)}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(unexpected).toEqual([]);
  });

  it('the control: the national overseer reads the probed records through every detail route (the ids exist and are readable)', async () => {
    expect(details.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const path of details) {
      const ids = [...(probed.get(path) ?? [])];
      if (!ids.length) continue;
      counts.controls = (counts.controls ?? 0) + 1;
      const res = await call('nhsa.overseer', 'GET', path.replace('{id}', ids[0]));
      if (res.status !== 200) missing.push(`${path} ${ids[0]} → ${res.status}`);
    }
    expect(missing).toEqual([]);
    // at least the records every stack has (plans, notices, inspections of both provinces)
    expect(counts.controls).toBeGreaterThanOrEqual(3);
  });

  it('lists no record of another tenant, with or without another tenant’s ids in their filters', async () => {
    const lists = ops.filter((op) => op.method === 'GET' && !op.params.some((p) => p.in === 'path'));
    expect(lists.length).toBeGreaterThan(20);
    const listLeaks: string[] = [];
    for (const username of ROLES) {
      const r = role(username);
      const foreignIds = foreignIdsOf(r);
      const probes: [string, string?][] = [];
      for (const op of lists) {
        probes.push([op.path]);
        for (const p of op.params.filter((x) => x.in === 'query' && QUERY_IDS[x.name])) {
          for (const target of pick(r, rows.get(QUERY_IDS[p.name])!).slice(0, 2)) probes.push([`${op.path}?${p.name}=${encodeURIComponent(target.id)}`, target.id]);
        }
      }
      for (const [path, asked] of probes) {
        const res = await call(username, 'GET', path);
        if (res.status >= 500) {
          counts.unexpected++;
          unexpected.push(`${username} GET ${path} → ${res.status}`);
        }
        if (res.status >= 300 || !res.type.includes('json')) continue;
        // the id the filter was given may be echoed back; any other foreign id is a leak
        const seen = strings(JSON.parse(res.text)).filter((s) => foreignIds.has(s) && s !== asked);
        if (seen.length) {
          counts.leaks++;
          listLeaks.push(`${username} GET ${path} → ${[...new Set(seen)].slice(0, 5).join(', ')}`);
        }
      }
    }
    expect(listLeaks).toEqual([]);
    expect(unexpected).toEqual([]);
  });

  it('exports no row naming an institution, organization or region of another tenant (every …/export.xlsx of the document)', async () => {
    // the list exports (an export of one record, …/{id}/export.xlsx, is probed with the ids above)
    const exports = ops.filter((op) => op.method === 'GET' && op.path.endsWith('/export.xlsx') && !op.params.some((p) => p.in === 'path'));
    expect(exports.length).toBeGreaterThan(10);
    const exportLeaks: string[] = [];
    const uncallable: string[] = [];
    const downloaded = new Map<string, number>(exports.map((op) => [op.path, 0]));
    for (const username of ROLES) {
      const r = role(username);
      const foreignIds = foreignIdsOf(r);
      const foreignNames = foreignNamesOf(r);
      expect(foreignNames.length).toBeGreaterThan(10);
      const own = r.regionPath.split('/').filter(Boolean).pop()!;
      for (const op of exports) {
        // required parameters (the dashboard's region and period): the role's own region, this year
        const required = op.params.filter((p: any) => p.in === 'query' && p.required);
        const fill: Record<string, string> = { region: own, regionCode: own, period: String(new Date().getFullYear()) };
        const missing = required.filter((p) => !fill[p.name]);
        if (missing.length) {
          uncallable.push(`${op.path}: the probe has no value for the required ${missing.map((p) => p.name).join(', ')}`);
          continue;
        }
        const base = required.map((p) => `${p.name}=${encodeURIComponent(fill[p.name])}`);
        const probes: [string, string?][] = [[`${op.path}${base.length ? `?${base.join('&')}` : ''}`]];
        for (const p of op.params.filter((x) => x.in === 'query' && QUERY_IDS[x.name] && !fill[x.name])) {
          for (const target of pick(r, rows.get(QUERY_IDS[p.name])!).slice(0, 1)) {
            probes.push([`${op.path}?${[...base, `${p.name}=${encodeURIComponent(target.id)}`].join('&')}`, target.id]);
          }
        }
        for (const [path, asked] of probes) {
          const res = await call(username, 'GET', path);
          counts.exports = (counts.exports ?? 0) + 1;
          // the plain export either downloads or is refused to the role (403); a foreign filter may also be refused (400/404)
          if (res.status >= 300) {
            if (!(asked ? [400, 403, 404] : [403]).includes(res.status)) uncallable.push(`${username} GET ${path} → ${res.status} ${res.text.slice(0, 160)}`);
            continue;
          }
          if (!res.type.includes('spreadsheetml')) {
            uncallable.push(`${username} GET ${path} → ${res.status} ${res.type}, not a workbook`);
            continue;
          }
          if (!asked) downloaded.set(op.path, downloaded.get(op.path)! + 1);
          const seen = new Set<string>();
          for (const text of await cells(res.bytes)) {
            if (foreignIds.has(text.trim()) && text.trim() !== asked) seen.add(text.trim());
            for (const name of foreignNames) if (text.includes(name)) seen.add(name);
          }
          if (seen.size) {
            counts.leaks++;
            exportLeaks.push(`${username} GET ${path} → ${[...seen].slice(0, 5).join(', ')}`);
          }
        }
      }
    }
    // the control: the national overseer's exports do name what the probe looks for (Zhejiang records
    // are foreign to a Jiangsu official), so a leak would be seen
    const jsNames = foreignNamesOf(role('js.official'));
    let named0 = 0;
    for (const op of exports.filter((x) => !x.params.some((p: any) => p.in === 'query' && p.required))) {
      const res = await call('nhsa.overseer', 'GET', op.path);
      if (res.status === 200 && (await cells(res.bytes)).some((text) => jsNames.some((name) => text.includes(name)))) named0++;
    }
    counts.exportControls = named0;
    expect(named0).toBeGreaterThanOrEqual(3);
    // an export that no role could download was not checked at all
    for (const [path, n] of downloaded) if (!n) uncallable.push(`${path}: no probed role could download it`);
    expect(exportLeaks).toEqual([]);
    expect(uncallable).toEqual([]);
  }, 600_000);
});
