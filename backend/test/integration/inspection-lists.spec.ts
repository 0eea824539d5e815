import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { allListIds, downloadXlsx, exportColumn } from '../support/lists.js';
import { type TestUser, USERS } from '../support/tokens.js';

// Issue 16 §2 for the inspections' and the spot-checks' lists: searched (institution name or code),
// filtered (region inside and outside the reader's scope, status, period), sorted (asc/desc, ties
// by id, unknown field a bilingual 400), paged, and exported to Excel with exactly the filtered
// rows — each compared with the same question asked of the tables directly (as the owner).

let t: TestApp;
const province = USERS.province as TestUser;
const nanjing = USERS.nanjing as TestUser;
const xuanwu = USERS.xuanwu as TestUser;
const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);
const count = async (sql: string, params: unknown[] = []) => Number((await owner<{ n: string }>(sql, params))[0]!.n);

const HEX = 'a'.repeat(64);
/** Jiangsu's spot-checks: drawn ones (every institution of their cities), one draft; one of Zhejiang's. */
const SPOT_CHECKS = [
  { id: randomUUID(), region: '/32/', owner: 'bureau-32', year: 2026, title: '2026年度第一批省级抽查', cities: ['3201', '3205'], status: 'drawn', days: 50 },
  { id: randomUUID(), region: '/32/', owner: 'bureau-32', year: 2026, title: '2026年度第二批省级抽查', cities: ['3201', '3205'], status: 'drawn', days: 40 },
  { id: randomUUID(), region: '/32/', owner: 'bureau-32', year: 2026, title: '2026年度苏州专项抽查', cities: ['3205'], status: 'drawn', days: 30 },
  { id: randomUUID(), region: '/32/', owner: 'bureau-32', year: 2026, title: '2026年度全省抽查', cities: null, status: 'drawn', days: 20 },
  { id: randomUUID(), region: '/32/', owner: 'bureau-32', year: 2027, title: '2027年度苏州抽查（草案）', cities: ['3205'], status: 'draft', days: 2 },
  { id: randomUUID(), region: '/33/', owner: 'bureau-33', year: 2026, title: '浙江省抽查', cities: ['3301'], status: 'drawn', days: 10 },
  // last year's, so that the province's inspections run to more than one export batch (1,000 rows)
  ...[1, 2, 3, 4].map((n) => ({ id: randomUUID(), region: '/32/', owner: 'bureau-32', year: 2025, title: `2025年度第${n}批全省抽查`, cities: null, status: 'drawn', days: 60 + n })),
];

async function fixtures(): Promise<void> {
  for (const s of SPOT_CHECKS) {
    const cities = s.cities ?? (await owner<{ code: string }>(`select code from region where level = 'city' and parent_code = '32'`)).map((r) => r.code);
    const drawn = s.status === 'drawn';
    await owner(`
      insert into spot_check (id, region_path, owner_org_id, year, title, city_codes, institution_kinds, parameters, checklist_items, due_date, witnesses,
                              status, commitment, committed_at, drawn_at, result_hash, population, drawn, created_at, created_by)
      values ($1, $2, $3, $4, $5, $6::text[], array['hospital','pharmacy','clinic'], '{}', '[]', current_date + 30, '[{"name":"见证人甲"}]',
              $7, $8, $9, $9, $10, $11, $11, now() - $12::int * interval '1 day', 'u-test')`,
      [s.id, s.region, s.owner, s.year, s.title, `{${cities.join(',')}}`, s.status, drawn ? HEX : null, drawn ? new Date() : null,
        drawn ? HEX : null, drawn ? 100 + s.days : 0, s.days]);
    if (!drawn) continue;
    // Every institution of the spot-check's cities: assigned, recorded or sent; created over 30 days; some with findings.
    await owner(`
      insert into inspection (id, region_path, owner_org_id, spot_check_id, spot_check_title, checklist_items, institution_id, city_code, kind, level,
                              draw_order, team, status, due_date, overdue, inspected_on, findings, sent_at, created_at)
      select gen_random_uuid(), o.region_path, o.id, $1::uuid, $2, '[]', o.id, substr(o.region_code, 1, 4), o.institution_type, coalesce(o.institution_level, 'none'),
             row_number() over (order by o.id), '[{"inspectorId":"i-1","name":"稽核员甲","organizationName":"省医保局"}]',
             x.status, current_date + 10, x.n % 7 = 0, case when x.status <> 'assigned' then current_date - (x.n % 9) end,
             case when x.n % 4 = 0 then '[{"type":"超标准收费","description":"d","amount":120.5,"clinicianName":null,"attachmentIds":[]}]'::jsonb else '[]'::jsonb end,
             case when x.status = 'sent' then now() end, now() - ((x.n + $3::int) % 30) * interval '1 day'
        from organization o,
             lateral (select abs(hashtext(o.id || $1::text)) as n) h,
             lateral (select h.n, (array['assigned','recorded','sent'])[1 + h.n % 3] as status) x
       where o.kind = 'institution' and substr(o.region_code, 1, 4) = any($4::text[])`,
      [s.id, s.title, s.days, `{${cities.join(',')}}`]);
  }
  // Xuanwu's agency's own inspections (no spot-check).
  await owner(`
    insert into inspection (id, region_path, owner_org_id, spot_check_id, spot_check_title, checklist_items, institution_id, city_code, kind, level,
                            team, status, due_date, origin, agency_id, inspection_type, method, announced, planned_on, created_at)
    select gen_random_uuid(), o.region_path, o.id, null, '', '[]', o.id, '3201', o.institution_type, coalesce(o.institution_level, 'none'),
           '[]', 'assigned', current_date + 20, 'agency', 'agency-320102', 'routine', 'on_site', true, current_date + 5, now() - interval '3 days'
      from organization o where o.kind = 'institution' and o.region_path = '/32/3201/320102/'`);
}

beforeAll(async () => {
  t = await startTestApp();
  await fixtures();
});
afterAll(() => t?.close());

describe('GET /api/inspections', () => {
  let name = '';
  let code = '';
  beforeAll(async () => {
    const [top] = await owner<{ id: string; name: string }>(
      `select o.id, o.name from inspection i join organization o on o.id = i.institution_id where i.region_path like '/32/%' group by o.id, o.name order by count(*) desc, o.id limit 1`);
    ({ id: code, name } = top!);
    expect(await count(`select count(*) n from inspection where region_path like '/32/%'`)).toBeGreaterThan(1000);
  });

  it('q: a part of the institution name, or its code', async () => {
    const part = name.slice(2, 6);
    const expected = await owner<{ id: string }>(
      `select i.id from inspection i join organization o on o.id = i.institution_id where i.region_path like '/32/%' and o.name like $1`, [`%${part}%`]);
    const byName = await allListIds(t, province, '/api/inspections', `q=${encodeURIComponent(part)}`);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.sort()).toEqual(expected.map((r) => r.id).sort());
    const byCode = await allListIds(t, province, '/api/inspections', `q=${encodeURIComponent(code)}`);
    expect(byCode.sort()).toEqual((await owner<{ id: string }>(`select id from inspection where institution_id = $1`, [code])).map((r) => r.id).sort());
    expect((await t.call(province, 'GET', '/api/inspections?q=%25')).body.total).toBe(0);
  });

  it('regionCode: the region and below inside the scope; outside it, nothing', async () => {
    const suzhou = await count(`select count(*) n from inspection where region_path like '/32/3205/%'`);
    expect(suzhou).toBeGreaterThan(0);
    expect((await t.call(province, 'GET', '/api/inspections?regionCode=3205&pageSize=1')).body.total).toBe(suzhou);
    expect((await t.call(nanjing, 'GET', '/api/inspections?regionCode=3205')).body).toEqual({ items: [], total: 0 });
    expect((await t.call(xuanwu, 'GET', '/api/inspections?regionCode=320106')).body).toEqual({ items: [], total: 0 });
    expect((await t.call(province, 'GET', '/api/inspections?regionCode=999999')).body).toEqual({ items: [], total: 0 });
    // Asking for the province from Nanjing: Nanjing's own.
    expect((await t.call(nanjing, 'GET', '/api/inspections?regionCode=32&pageSize=1')).body.total)
      .toBe(await count(`select count(*) n from inspection where region_path like '/32/3201/%'`));
    expect((await t.call(province, 'GET', '/api/inspections?regionCode=abc')).status).toBe(400);
  });

  it('status (one or several) and the period (the day assigned, China days, both ends inclusive)', async () => {
    const [{ d }] = await owner<{ d: string }>(
      `select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') d from inspection where region_path like '/32/%' group by 1 order by count(*) desc, 1 limit 1`);
    const expected = await count(
      `select count(*) n from inspection where region_path like '/32/%' and status in ('recorded', 'sent') and (created_at at time zone 'Asia/Shanghai')::date = $1::date`, [d]);
    expect(expected).toBeGreaterThan(0);
    const res = await t.call(province, 'GET', `/api/inspections?status=recorded,sent&from=${d}&to=${d}&pageSize=1`);
    expect([res.status, res.body.total]).toEqual([200, expected]);
    expect((await t.call(province, 'GET', '/api/inspections?status=assigned&pageSize=1')).body.total)
      .toBe(await count(`select count(*) n from inspection where region_path like '/32/%' and status = 'assigned'`));
    const bad = await t.call(province, 'GET', '/api/inspections?status=done');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toEqual({ zh: '状态无效：done', en: 'unknown status: done' });
    expect((await t.call(province, 'GET', '/api/inspections?from=2026-02-30')).status).toBe(400);
  });

  it('the subtree and the period are one index\'s conditions (migration 0022)', async () => {
    const c = new pg.Client({ connectionString: t.db.ownerUrl });
    await c.connect();
    try {
      await c.query('set enable_seqscan = off');
      const plan = (await c.query(`explain select count(*) from inspection i where i.region_path like '/32/3205/%'
        and i.created_at >= ('2026-01-01'::date::timestamp at time zone 'Asia/Shanghai') and i.created_at < (('2026-01-31'::date + 1)::timestamp at time zone 'Asia/Shanghai')`))
        .rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain('inspection_scope_created_idx');
      expect(plan).toMatch(/Index Cond: .*region_path.*created_at/s);
    } finally {
      await c.end();
    }
  });

  it('sort: ascending and descending, ties (and missing dates) broken by the id', async () => {
    const asc = await t.call(province, 'GET', '/api/inspections?sort=inspectedOn&pageSize=500');
    const desc = await t.call(province, 'GET', '/api/inspections?sort=-inspectedOn&pageSize=500');
    const expectedAsc = await owner<{ id: string }>(`select id from inspection where region_path like '/32/%' order by inspected_on asc nulls first, id asc limit 500`);
    const expectedDesc = await owner<{ id: string }>(`select id from inspection where region_path like '/32/%' order by inspected_on desc nulls last, id desc limit 500`);
    expect(asc.body.items.map((i: { id: string }) => i.id)).toEqual(expectedAsc.map((r) => r.id));
    expect(desc.body.items.map((i: { id: string }) => i.id)).toEqual(expectedDesc.map((r) => r.id));
    const byName = await t.call(province, 'GET', '/api/inspections?sort=-institution&pageSize=7');
    const expectedByName = await owner<{ id: string }>(
      `select i.id from inspection i join organization o on o.id = i.institution_id where i.region_path like '/32/%' order by o.name desc nulls last, i.id desc limit 7`);
    expect(byName.body.items.map((i: { id: string }) => i.id)).toEqual(expectedByName.map((r) => r.id));
    const page2 = await t.call(province, 'GET', '/api/inspections?sort=-institution&pageSize=3&page=2');
    expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual(expectedByName.slice(3, 6).map((r) => r.id));

    const unknown = await t.call(province, 'GET', '/api/inspections?sort=team');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toEqual({ zh: expect.stringContaining('无法按“team”排序'), en: expect.stringContaining('cannot sort by "team"') });
  });

  it('its own filters still narrow: the agency\'s own inspections, one spot-check\'s', async () => {
    const own = await t.call(xuanwu, 'GET', '/api/inspections?origin=agency&agencyId=agency-320102&q=' + encodeURIComponent(code));
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(await count(`select count(*) n from inspection where origin = 'agency' and agency_id = 'agency-320102' and institution_id = $1`, [code]));
    const one = SPOT_CHECKS[2]!;
    expect((await t.call(province, 'GET', `/api/inspections?spotCheckId=${one.id}&regionCode=3201`)).body.total).toBe(0);
  });

  it('export.xlsx: exactly the filtered rows in the list\'s order; more than one cursor batch; nothing outside the scope', async () => {
    const params = `regionCode=3205&status=recorded,sent&sort=-inspectedOn`;
    const listed = await allListIds(t, province, '/api/inspections', params);
    expect(listed.length).toBeGreaterThan(0);
    const file = await downloadXlsx(t, province, `/api/inspections/export.xlsx?${params}`);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    expect(file.rows[0]).toEqual(expect.arrayContaining(['机构名称', '机构编码', '检查来源', '抽查任务', '问题金额（元）', '状态']));
    expect(exportColumn(file, 'Inspection id')).toEqual(listed);
    expect(new Set(exportColumn(file, 'Status'))).toEqual(new Set(['已记录', '已送达机构']));
    // The amounts: each inspection's findings summed, as the table holds them.
    const [{ total }] = await owner<{ total: string }>(
      `select coalesce(sum((f->>'amount')::numeric), 0)::text total from inspection i, jsonb_array_elements(i.findings) f
        where i.region_path like '/32/3205/%' and i.status in ('recorded', 'sent')`);
    expect(exportColumn(file, 'Findings amount (yuan)').reduce((s, v) => s + Number(v), 0)).toBeCloseTo(Number(total), 2);

    const whole = await downloadXlsx(t, province, '/api/inspections/export.xlsx?sort=createdAt');
    const n = await count(`select count(*) n from inspection where region_path like '/32/%'`);
    expect(whole.rows.length - 2).toBe(n);
    expect(new Set(exportColumn(whole, 'Inspection id')).size).toBe(n);

    const none = await downloadXlsx(t, nanjing, '/api/inspections/export.xlsx?regionCode=3205');
    expect([none.status, none.rows.length]).toEqual([200, 2]);
    const bad = await downloadXlsx(t, province, '/api/inspections/export.xlsx?sort=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message.zh).toContain('无法按“nope”排序');
  }, 120_000);

  it('an institution: its own inspections once sent, searched or not', async () => {
    const hospital = USERS.hospital as TestUser;
    const sent = await count(`select count(*) n from inspection where institution_id = $1 and status = 'sent'`, [hospital.orgId]);
    expect((await t.call(hospital, 'GET', '/api/inspections?pageSize=1')).body.total).toBe(sent);
    expect((await t.call(hospital, 'GET', `/api/inspections?q=${encodeURIComponent(code)}&pageSize=1`)).body.total).toBe(code === hospital.orgId ? sent : 0);
  });
});

describe('GET /api/spot-checks', () => {
  const jiangsu = SPOT_CHECKS.filter((s) => s.region === '/32/');
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

  it('pages of {items, total}, newest year first; Zhejiang\'s never', async () => {
    const res = await t.call(province, 'GET', '/api/spot-checks');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(jiangsu.length);
    expect(ids(res)).toEqual(
      (await owner<{ id: string }>(`select id from spot_check where region_path = '/32/' order by year desc, created_at desc, id desc`)).map((r) => r.id));
    expect(ids(await t.call(province, 'GET', '/api/spot-checks?year=2027'))).toEqual([jiangsu[4]!.id]);
    const second = await t.call(province, 'GET', '/api/spot-checks?pageSize=2&page=2');
    expect([second.body.total, second.body.items.length]).toEqual([jiangsu.length, 2]);
  });

  it('q: the spot-checks that drew the institution (name or code)', async () => {
    const [nj] = await owner<{ id: string; name: string }>(`select id, name from organization where kind = 'institution' and region_code like '3201%' order by id limit 1`);
    const expected = jiangsu.filter((s) => s.status === 'drawn' && (s.cities === null || s.cities.includes('3201'))).map((s) => s.id).sort();
    expect(ids(await t.call(province, 'GET', `/api/spot-checks?q=${nj!.id}`)).sort()).toEqual(expected);
    expect(ids(await t.call(province, 'GET', `/api/spot-checks?q=${encodeURIComponent(nj!.name)}`)).sort()).toEqual(expected);
    // Suzhou's agency cannot find a spot-check through a Nanjing institution it may not see.
    expect((await t.call(USERS.suzhou as TestUser, 'GET', `/api/spot-checks?q=${nj!.id}`)).body.total).toBe(0);
  });

  it('regionCode: the spot-checks covering the region (a city, a county in it, the province); outside the scope, nothing', async () => {
    const covering = (city: string) => jiangsu.filter((s) => s.cities === null || s.cities.includes(city)).map((s) => s.id).sort();
    expect(ids(await t.call(province, 'GET', '/api/spot-checks?regionCode=3201')).sort()).toEqual(covering('3201'));
    expect(ids(await t.call(province, 'GET', '/api/spot-checks?regionCode=320102')).sort()).toEqual(covering('3201'));
    expect(ids(await t.call(province, 'GET', '/api/spot-checks?regionCode=3205')).sort()).toEqual(covering('3205'));
    expect((await t.call(province, 'GET', '/api/spot-checks?regionCode=32')).body.total).toBe(jiangsu.length);
    expect(ids(await t.call(nanjing, 'GET', '/api/spot-checks?regionCode=32')).sort()).toEqual(covering('3201'));
    expect((await t.call(nanjing, 'GET', '/api/spot-checks?regionCode=3205')).body).toEqual({ items: [], total: 0 });
    expect((await t.call(province, 'GET', '/api/spot-checks?regionCode=3301')).body).toEqual({ items: [], total: 0 });
  });

  it('status and the period (the day created)', async () => {
    expect(ids(await t.call(province, 'GET', '/api/spot-checks?status=draft'))).toEqual([jiangsu[4]!.id]);
    expect((await t.call(province, 'GET', '/api/spot-checks?status=drawn,closed')).body.total).toBe(jiangsu.filter((s) => s.status === 'drawn').length);
    const [{ d }] = await owner<{ d: string }>(`select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') d from spot_check where id = $1`, [jiangsu[1]!.id]);
    expect(ids(await t.call(province, 'GET', `/api/spot-checks?from=${d}&to=${d}`))).toEqual([jiangsu[1]!.id]);
    const bad = await t.call(province, 'GET', '/api/spot-checks?status=open');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toEqual({ zh: '状态无效：open', en: 'unknown status: open' });
  });

  it('sort: by field both ways, ties by id; an unknown field a bilingual 400', async () => {
    const expected = await owner<{ id: string }>(`select id from spot_check where region_path = '/32/' order by title asc, id asc`);
    expect(ids(await t.call(province, 'GET', '/api/spot-checks?sort=title'))).toEqual(expected.map((r) => r.id));
    // year: several share 2026 and 2025, so the id decides among them.
    const byYear = await owner<{ id: string }>(`select id from spot_check where region_path = '/32/' order by year desc, id desc`);
    expect(ids(await t.call(province, 'GET', '/api/spot-checks?sort=-year'))).toEqual(byYear.map((r) => r.id));
    const bad = await t.call(province, 'GET', '/api/spot-checks?sort=witnesses');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toEqual({ zh: expect.stringContaining('无法按“witnesses”排序'), en: expect.stringContaining('cannot sort by "witnesses"') });
  });

  it('export.xlsx: exactly the filtered spot-checks in the list\'s order, with their counts', async () => {
    const params = 'regionCode=3205&sort=-population';
    const listed = await t.call(province, 'GET', `/api/spot-checks?${params}`);
    const file = await downloadXlsx(t, province, `/api/spot-checks/export.xlsx?${params}`);
    expect(file.status).toBe(200);
    expect(file.rows[0]).toEqual(expect.arrayContaining(['年度', '抽查任务', '状态', '抽中机构数', '检查数', '完成期限']));
    expect(exportColumn(file, 'Spot-check id')).toEqual(ids(listed));
    expect(exportColumn(file, 'Inspections')).toEqual(listed.body.items.map((s: { inspections: { total: number } }) => String(s.inspections.total)));
    expect((await downloadXlsx(t, nanjing, '/api/spot-checks/export.xlsx?regionCode=3205')).rows).toHaveLength(2);
    expect((await downloadXlsx(t, province, '/api/spot-checks/export.xlsx?status=nope')).status).toBe(400);
    // Institutions read no spot-check, listed or exported.
    expect((await downloadXlsx(t, USERS.hospital as TestUser, '/api/spot-checks/export.xlsx')).status).toBe(403);
  });
});
