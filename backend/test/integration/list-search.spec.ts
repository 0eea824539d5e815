import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { allListIds, downloadXlsx } from '../support/lists.js';
import { type TestUser, USERS } from '../support/tokens.js';

// Issue 16 §2: the findings', decisions' and disputes' lists searched (institution name or code),
// filtered (region inside and outside the reader's scope, status, period), sorted (asc/desc, ties by
// id), and exported to Excel with exactly the filtered rows — each compared with the same question
// asked of the tables directly (as the owner, with the reader's scope written out).

let t: TestApp;
const province = USERS.province as TestUser;
const nanjing = USERS.nanjing as TestUser;
const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);

/** 1,500 findings (more than one cursor batch) across the province's institutions, repeated amounts, two statuses, 60 days; decisions and disputes on them. */
async function fixtures(db: TestApp['db']): Promise<void> {
  const q = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(db, sql, params);
  await q(`
    with inst as (select array_agg(id order by id) ids from organization where kind = 'institution' and region_path like '/32/%')
    insert into finding (id, region_path, owner_org_id, source, source_id, source_index, handling_agency_id, type, description, amount, status,
                         confirmation_due, confirmed_at, created_at)
    select gen_random_uuid(), o.region_path, o.id, 'spot_check', $1::uuid, g, 'agency-320102', '类型' || (g % 5), '描述 ' || g, (g % 37) * 100,
           case when g % 3 = 0 then 'confirmed' else 'awaiting_confirmation' end, current_date + 5, case when g % 3 = 0 then now() end,
           now() - (g % 60) * interval '1 day'
      from generate_series(1, 1500) g, inst
      join organization o on true
     where o.id = inst.ids[1 + g % cardinality(inst.ids)]`, [randomUUID()]);
  await q(`
    with inst as (select array_agg(id order by id) ids from organization where kind = 'institution' and region_path like '/32/%')
    insert into handling_decision (id, region_path, owner_org_id, agency_id, finding_ids, measures, basis, major, status, decided_by, decided_by_user_id, created_at)
    select gen_random_uuid(), o.region_path, o.id, 'agency-320102', array[gen_random_uuid()], '[{"kind":"talk"}]', '协议第十条', false,
           (array['pending_legal_review','effective','rectifying','rectification_submitted','closed'])[1 + g % 5], '测试', 'u-test',
           now() - (g % 30) * interval '1 day' - g * interval '1 minute'
      from generate_series(1, 120) g, inst
      join organization o on true
     where o.id = inst.ids[1 + g % 7]`);
  await q(`
    insert into dispute (id, region_path, owner_org_id, decision_id, party, reasons, path, current, status, filed_by, filed_by_user_id, created_at, ended_at)
    select gen_random_uuid(), d.region_path, d.owner_org_id, d.id, 'institution', '不服',
           jsonb_build_array(jsonb_build_object('level', 'county', 'bureauId', 'bureau-32', 'regionPath', d.region_path, 'dueDate', '2027-01-10')), 0,
           case when row_number() over (order by d.id) % 4 = 0 then 'withdrawn' else 'open' end, '测试', 'u-test',
           d.created_at + interval '1 hour', case when row_number() over (order by d.id) % 4 = 0 then now() end
      from handling_decision d where d.status = 'effective'`);
}

beforeAll(async () => {
  t = await startTestApp();
  await fixtures(t.db);
});
afterAll(() => t?.close());

const download = (user: TestUser, path: string) => downloadXlsx(t, user, path);
/** All of a list's ids under the parameters, page by page. */
const allIds = (user: TestUser, path: string, params: string) => allListIds(t, user, path, params);

describe('findings', () => {
  let name = '';
  let code = '';
  beforeAll(async () => {
    // The institution with the most findings in the province.
    const [top] = await owner<{ id: string; name: string }>(
      `select o.id, o.name from finding f join organization o on o.id = f.owner_org_id where f.region_path like '/32/%' group by o.id, o.name order by count(*) desc, o.id limit 1`);
    expect(top).toBeDefined();
    ({ id: code, name } = top!);
  });

  it('q: a part of the institution name, or its code', async () => {
    const part = name.slice(2, 6);
    const expected = await owner<{ id: string }>(
      `select f.id from finding f join organization o on o.id = f.owner_org_id where f.region_path like '/32/%' and o.name like $1`, [`%${part}%`]);
    const byName = await allIds(province, '/api/findings', `q=${encodeURIComponent(part)}`);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.sort()).toEqual(expected.map((r) => r.id).sort());

    const byCode = await allIds(province, '/api/findings', `q=${encodeURIComponent(code)}`);
    const expectedByCode = await owner<{ id: string }>(`select id from finding where owner_org_id = $1`, [code]);
    expect(byCode.sort()).toEqual(expectedByCode.map((r) => r.id).sort());
    // A code is matched whole, and LIKE's wildcards in q match themselves.
    expect((await t.call(province, 'GET', `/api/findings?q=${encodeURIComponent(code.slice(0, -1))}`)).body.total)
      .toBe(Number((await owner<{ n: string }>(`select count(*) n from finding f join organization o on o.id = f.owner_org_id where f.region_path like '/32/%' and o.name like $1`, [`%${code.slice(0, -1)}%`]))[0]!.n));
    expect((await t.call(province, 'GET', '/api/findings?q=%25')).body.total).toBe(0);
    expect((await t.call(province, 'GET', '/api/findings?q=_')).body.total).toBe(0);
  });

  it('regionCode: the region and below inside the scope; outside it, nothing', async () => {
    const [{ n }] = await owner<{ n: string }>(`select count(*) n from finding where region_path like '/32/3205/%'`);
    expect(Number(n)).toBeGreaterThan(0);
    expect((await t.call(province, 'GET', '/api/findings?regionCode=3205&pageSize=1')).body.total).toBe(Number(n));
    // Nanjing's agency asking for Suzhou, or for a region that does not exist: nothing.
    expect((await t.call(nanjing, 'GET', '/api/findings?regionCode=3205')).body).toEqual({ items: [], total: 0 });
    expect((await t.call(province, 'GET', '/api/findings?regionCode=999999')).body).toEqual({ items: [], total: 0 });
    // Asking for the province from Nanjing gives Nanjing's own (what it may see of the province).
    const [{ n: nj }] = await owner<{ n: string }>(`select count(*) n from finding where region_path like '/32/3201/%'`);
    expect((await t.call(nanjing, 'GET', '/api/findings?regionCode=32&pageSize=1')).body.total).toBe(Number(nj));
    // Not a region code at all: a 400 naming the parameter.
    const bad = await t.call(province, 'GET', '/api/findings?regionCode=32%27%20or%201=1');
    expect(bad.status).toBe(400);
  });

  it('status and the period (China days, both ends inclusive)', async () => {
    const [{ d }] = await owner<{ d: string }>(
      `select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') d from finding where region_path like '/32/%' order by created_at limit 1`);
    const [{ n }] = await owner<{ n: string }>(
      `select count(*) n from finding where region_path like '/32/%' and status in ('confirmed', 'deemed_confirmed') and (created_at at time zone 'Asia/Shanghai')::date = $1::date`, [d]);
    const res = await t.call(province, 'GET', `/api/findings?status=confirmed,deemed_confirmed&from=${d}&to=${d}&pageSize=1`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(Number(n));
    const [{ n: all }] = await owner<{ n: string }>(`select count(*) n from finding where region_path like '/32/%' and (created_at at time zone 'Asia/Shanghai')::date >= $1::date`, [d]);
    expect((await t.call(province, 'GET', `/api/findings?from=${d}&pageSize=1`)).body.total).toBe(Number(all));
    // No such day: refused as the database refuses it, not a 500.
    expect((await t.call(province, 'GET', '/api/findings?from=2026-02-30')).status).toBe(400);
    expect((await t.call(province, 'GET', '/api/findings?from=yesterday')).status).toBe(400);
  });

  it('sort: ascending and descending, ties broken by the id', async () => {
    const asc = await t.call(province, 'GET', '/api/findings?sort=amount&pageSize=500');
    const desc = await t.call(province, 'GET', '/api/findings?sort=-amount&pageSize=500');
    const expectedAsc = await owner<{ id: string }>(`select id from finding where region_path like '/32/%' order by amount asc, id asc limit 500`);
    const expectedDesc = await owner<{ id: string }>(`select id from finding where region_path like '/32/%' order by amount desc, id desc limit 500`);
    expect(asc.body.items.map((i: { id: string }) => i.id)).toEqual(expectedAsc.map((r) => r.id));
    expect(desc.body.items.map((i: { id: string }) => i.id)).toEqual(expectedDesc.map((r) => r.id));
    // Ties exist (the seed repeats amounts), so the id decides among them.
    const [{ ties }] = await owner<{ ties: string }>(`select count(*) - count(distinct amount) ties from finding where region_path like '/32/%'`);
    expect(Number(ties)).toBeGreaterThan(0);

    const byName = await t.call(province, 'GET', '/api/findings?sort=-institution&pageSize=5');
    const expectedByName = await owner<{ id: string }>(
      `select f.id from finding f left join organization o on o.id = f.owner_org_id where f.region_path like '/32/%' order by o.name desc nulls last, f.id desc limit 5`);
    expect(byName.body.items.map((i: { id: string }) => i.id)).toEqual(expectedByName.map((r) => r.id));

    const unknown = await t.call(province, 'GET', '/api/findings?sort=description');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toEqual({ zh: expect.stringContaining('无法按“description”排序'), en: expect.stringContaining('cannot sort by "description"') });
  });

  it('export.xlsx: exactly the filtered rows, in the list\'s order, Chinese headers then English', async () => {
    const params = `q=${encodeURIComponent(code)}&sort=-amount`;
    const listed = await allIds(province, '/api/findings', params);
    const file = await download(province, `/api/findings/export.xlsx?${params}`);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    expect(file.rows[0]).toContain('机构名称');
    expect(file.rows[1]).toContain('Institution');
    const idColumn = file.rows[1]!.indexOf('Finding id');
    expect(file.rows.slice(2).map((r) => r[idColumn])).toEqual(listed);
    expect(file.rows.slice(2).every((r) => r[file.rows[1]!.indexOf('Institution code')] === code)).toBe(true);

    // The whole province: more than one cursor batch (1,000 rows).
    const whole = await download(province, '/api/findings/export.xlsx?sort=createdAt');
    const [{ n }] = await owner<{ n: string }>(`select count(*) n from finding where region_path like '/32/%'`);
    expect(whole.rows.length - 2).toBe(Number(n));
    expect(new Set(whole.rows.slice(2).map((r) => r[idColumn])).size).toBe(Number(n));

    // Outside the scope: an empty workbook with its headers; a bad sort: the same 400 as the list.
    const none = await download(nanjing, '/api/findings/export.xlsx?regionCode=3205');
    expect(none.status).toBe(200);
    expect(none.rows).toHaveLength(2);
    const bad = await download(province, '/api/findings/export.xlsx?sort=nope');
    expect(bad.status).toBe(400);
  });
});

describe('decisions and disputes', () => {
  it('decisions: search, status, sort and export agree with the tables', async () => {
    const [top] = await owner<{ id: string }>(
      `select owner_org_id id from handling_decision where region_path like '/32/%' group by owner_org_id order by count(*) desc, owner_org_id limit 1`);
    const expected = await owner<{ id: string }>(
      `select id from handling_decision where owner_org_id = $1 and status <> 'closed' order by created_at asc, id asc`, [top!.id]);
    expect(expected.length).toBeGreaterThan(0);
    const params = `q=${top!.id}&status=pending_legal_review,effective,rectifying,rectification_submitted&sort=createdAt`;
    expect(await allIds(province, '/api/decisions', params)).toEqual(expected.map((r) => r.id));
    const file = await download(province, `/api/decisions/export.xlsx?${params}`);
    expect(file.status).toBe(200);
    expect(file.rows.slice(2).map((r) => r[file.rows[1]!.indexOf('Decision id')])).toEqual(expected.map((r) => r.id));
    expect((await t.call(province, 'GET', '/api/decisions?sort=basis')).status).toBe(400);
    expect((await t.call(province, 'GET', '/api/decisions?status=nope')).status).toBe(400);
  });

  it('disputes: region, period, sort and export agree with the tables', async () => {
    const expected = await owner<{ id: string }>(
      `select id from dispute where region_path like '/32/3201/%' order by created_at desc, id desc`);
    expect(expected.length).toBeGreaterThan(0);
    const params = 'regionCode=3201&from=2000-01-01&to=2030-12-31&sort=-filedAt';
    expect(await allIds(province, '/api/disputes', params)).toEqual(expected.map((r) => r.id));
    const file = await download(province, `/api/disputes/export.xlsx?${params}`);
    expect(file.status).toBe(200);
    expect(file.rows[0]![0]).toBe('机构名称');
    expect(file.rows.slice(2).map((r) => r[file.rows[1]!.indexOf('Dispute id')])).toEqual(expected.map((r) => r.id));
    // Suzhou's agency asking for Nanjing: nothing, listed or exported.
    expect((await t.call(USERS.suzhou as TestUser, 'GET', '/api/disputes?regionCode=3201')).body.total).toBe(0);
    expect((await download(USERS.suzhou as TestUser, '/api/disputes/export.xlsx?regionCode=3201')).rows).toHaveLength(2);
  });
});

describe('the export cap', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp({ listExportMaxRows: 3 });
    await fixtures(small.db);
  });
  afterAll(() => small?.close());

  it('more rows than the configured maximum: a bilingual 400 before any download', async () => {
    const res = await fetch(`${small.baseUrl}/api/findings/export.xlsx`, { headers: { authorization: `Bearer ${await small.keys.token(province)}` } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    const { error } = await res.json() as { error: { code: string; message: { zh: string; en: string } } };
    expect(error.code).toBe('export_too_large');
    expect(error.message.zh).toContain('超过单次导出上限 3 条');
    expect(error.message.en).toContain('more than the 3 one export may hold');
  });
});

describe('GET /api/regions: the region filter\'s options', () => {
  it('the reader\'s region and two levels below, nothing beside it', async () => {
    const js = (await t.call(province, 'GET', '/api/regions')).body as { code: string; level: string; parentCode: string | null }[];
    expect(js[0]).toMatchObject({ code: '32', level: 'province' });
    expect(js.some((r) => r.code === '3201' && r.parentCode === '32')).toBe(true);
    expect(js.some((r) => r.code === '320102' && r.level === 'county')).toBe(true);
    expect(js.every((r) => r.code.startsWith('32'))).toBe(true);
    const nj = (await t.call(nanjing, 'GET', '/api/regions')).body as { code: string }[];
    expect(nj[0]!.code).toBe('3201');
    expect(nj.every((r) => r.code.startsWith('3201'))).toBe(true);
    const nation = (await t.call(USERS.nation as TestUser, 'GET', '/api/regions')).body as { level: string }[];
    expect(nation.some((r) => r.level === 'city')).toBe(true);
    expect(nation.some((r) => r.level === 'county')).toBe(false);
  });
});
