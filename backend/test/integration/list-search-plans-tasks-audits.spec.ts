import pg from 'pg';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { allListIds, downloadXlsx, exportColumn } from '../support/lists.js';
import { type TestUser, USERS } from '../support/tokens.js';

// Issue 16 §2 on the annual plans' lists (all plans, the review queue), the self-inspection tasks
// and the internal-control audits: searched (the unit's or institution's name or code), filtered
// (region inside and outside the reader's scope, status, period), sorted (asc/desc, ties by id),
// paged, and exported with exactly the filtered rows — each compared with the same question asked
// of the tables directly (as the owner, with the reader's scope written out).

let t: TestApp;
const province = USERS.province as TestUser;
const nanjing = USERS.nanjing as TestUser;
const suzhou = USERS.suzhou as TestUser;
const hospital = USERS.hospital as TestUser;
const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const count = async (sql: string, params: unknown[] = []) => Number((await owner<{ n: string }>(sql, params))[0]!.n);

/**
 * The demo seed has no plans, campaigns or audits: 2026's plans of every city and county agency of
 * Jiangsu (statuses and submission days spread by a hash, so the filters and sorts have ties), four
 * campaigns' self-inspection tasks of every institution (more than one export batch), and two years'
 * audits of every agency.
 */
async function fixtures(db: TestApp['db']): Promise<void> {
  const q = (sql: string) => ownerQuery(db, sql);
  const h = (col: string, n: number) => `(abs(hashtext(${col})) % ${n})`;
  await q(`
    insert into annual_plan (id, region_path, owner_org_id, year, unit_level, reviewer_region_path, status, overdue, deadline, planned_cumulative, opened_at, submitted_at)
    select gen_random_uuid(), a.region_path, a.id, 2026, case when a.region_path ~ '^/32/[0-9]+/$' then 'city' else 'county' end,
           regexp_replace(a.region_path, '[0-9]+/$', ''), s.status, ${h('a.id', 7)} = 0, date '2026-01-31', '[]'::jsonb, timestamptz '2026-01-01 09:00+08',
           case when s.status in ('submitted', 'filed', 'returned') then timestamptz '2026-03-01 10:00+08' + ${h('a.id', 5)} * interval '1 day' end
      from organization a
      cross join lateral (select (array['not_started', 'draft', 'submitted', 'filed', 'returned', 'submitted'])[1 + ${h("a.id || 'x'", 6)}] as status) s
     where a.kind = 'agency' and a.region_path like '/32/_%/'`);
  await q(`
    insert into campaign (id, region_path, owner_org_id, year, title, focus_areas, city_codes, institution_kinds, plan_filed_by, self_inspection_start,
                          self_inspection_end, spot_check_start, spot_check_end, summary_due, status, phase, assigned_at, created_at, created_by)
    select gen_random_uuid(), '/32/', 'bureau-32', 2026, '专项治理 ' || g, '[]'::jsonb,
           (select array_agg(code) from region where parent_code = '32'), array['hospital', 'pharmacy', 'clinic'],
           date '2026-03-31', date '2026-04-01', date '2026-08-31', date '2026-09-01', date '2026-10-31', date '2026-11-30',
           'assigned', 'self_inspection', now(), now() - g * interval '1 day', 'u-js'
      from generate_series(1, 4) g`);
  await q(`
    insert into self_inspection (id, campaign_id, region_path, owner_org_id, city_code, kind, status, refunded_amount, submitted_at, created_at, updated_at, handling_agency_id, review_status)
    select gen_random_uuid(), c.id, o.region_path, o.id, substr(o.region_code, 1, 4), coalesce(o.institution_type, 'hospital'), s.status,
           case when s.status = 'submitted' then ${h("o.id || c.id", 5)} * 100 else 0 end,
           case when s.status = 'submitted' then timestamptz '2026-06-01 09:00+08' + ${h("c.id || o.id", 4)} * interval '1 day' end,
           now(), now(), null, case when s.status = 'submitted' then 'awaiting' end
      from campaign c cross join organization o
      cross join lateral (select (array['pending', 'draft', 'submitted', 'missing', 'submitted'])[1 + ${h("o.id || c.id || 's'", 5)}] as status) s
     where o.kind = 'institution' and o.region_path like '/32/%'`);
  await q(`
    insert into ic_audit_plan (id, region_path, owner_org_id, year, title, period_start, period_end, status, created_at, created_by, published_at)
    select gen_random_uuid(), '/32/', 'bureau-32', y, y || '年度内控检查', make_date(y, 1, 1), make_date(y, 12, 31), 'published', now(), 'u-js', now()
      from generate_series(2025, 2026) y`);
  await q(`
    insert into ic_audit (id, region_path, owner_org_id, plan_id, province_path, status, notice_date, self_assessment_due, fieldwork_start, fieldwork_end,
                          team, checklist_version, created_at)
    select gen_random_uuid(), a.region_path, a.id, p.id, '/32/', (array['scheduled', 'self_assessment', 'fieldwork', 'rectification', 'closed'])[1 + ${h("a.id || p.id", 5)}],
           make_date(p.year, 3, 1) + ${h("p.id || a.id", 4)}, make_date(p.year, 4, 1), make_date(p.year, 5, 1), make_date(p.year, 5, 10), '[]'::jsonb, 1,
           now() - ${h('a.id', 100)} * interval '1 minute'
      from ic_audit_plan p cross join organization a
     where a.kind = 'agency' and a.region_path like '/32/%'`);
}

beforeAll(async () => {
  t = await startTestApp();
  await fixtures(t.db);
});
afterAll(() => t?.close());

describe('annual plans: GET /api/plans and /api/plans/review-queue', () => {
  const Y = 'year=2026';
  const inProvince = `p.year = 2026 and p.region_path like '/32/%'`;

  it('q: a part of the unit\'s name, or its code; LIKE\'s wildcards match themselves', async () => {
    const [unit] = await owner<{ id: string; name: string }>(
      `select o.id, o.name from annual_plan p join organization o on o.id = p.owner_org_id where ${inProvince} and p.unit_level = 'county' order by o.id limit 1`);
    const part = unit!.name.slice(0, 3);
    const expected = await owner<{ id: string }>(
      `select p.id from annual_plan p join organization o on o.id = p.owner_org_id where ${inProvince} and o.name like $1 order by p.region_path, p.id`, [`%${part}%`]);
    expect(expected.length).toBeGreaterThan(0);
    expect(await allListIds(t, province, '/api/plans', `${Y}&q=${encodeURIComponent(part)}`)).toEqual(ids(expected));
    const byCode = await t.call(province, 'GET', `/api/plans?${Y}&q=${unit!.id}`);
    expect(byCode.body.items.map((p: { unitId: string }) => p.unitId)).toEqual([unit!.id]);
    expect((await t.call(province, 'GET', `/api/plans?${Y}&q=%25`)).body).toEqual({ items: [], total: 0 });
  });

  it('regionCode: the region and below; outside the scope or unknown, nothing', async () => {
    const n = await count(`select count(*) n from annual_plan p where p.year = 2026 and p.region_path like '/32/3205/%'`);
    expect(n).toBeGreaterThan(0);
    expect((await t.call(province, 'GET', `/api/plans?${Y}&regionCode=3205&pageSize=1`)).body.total).toBe(n);
    expect((await t.call(nanjing, 'GET', `/api/plans?${Y}&regionCode=3205`)).body).toEqual({ items: [], total: 0 });
    expect((await t.call(province, 'GET', `/api/plans?${Y}&regionCode=999999`)).body).toEqual({ items: [], total: 0 });
    // Nanjing's own scope is what it sees of the province.
    const nj = await count(`select count(*) n from annual_plan p where p.year = 2026 and p.region_path like '/32/3201/%'`);
    expect((await t.call(nanjing, 'GET', `/api/plans?${Y}&regionCode=32&pageSize=1`)).body.total).toBe(nj);
  });

  it('status and the period (the submission day, China days, both ends inclusive); paging', async () => {
    const expected = await owner<{ id: string }>(
      `select p.id from annual_plan p where ${inProvince} and p.status in ('filed', 'submitted')
          and (p.submitted_at at time zone 'Asia/Shanghai')::date between '2026-03-02' and '2026-03-03' order by p.region_path, p.id`);
    expect(expected.length).toBeGreaterThan(1);
    const params = `${Y}&status=filed,submitted&from=2026-03-02&to=2026-03-03`;
    expect(await allListIds(t, province, '/api/plans', params)).toEqual(ids(expected));
    const page2 = await t.call(province, 'GET', `/api/plans?${params}&pageSize=1&page=2`);
    expect(page2.body).toMatchObject({ total: expected.length, items: [{ id: expected[1]!.id }] });
    const bad = await t.call(province, 'GET', `/api/plans?${Y}&status=approved`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message.zh).toContain('状态无效');
  });

  it('sort: ascending and descending, ties broken by the id; an unknown field is a bilingual 400', async () => {
    const asc = await t.call(province, 'GET', `/api/plans?${Y}&sort=submittedAt&pageSize=500`);
    const desc = await t.call(province, 'GET', `/api/plans?${Y}&sort=-submittedAt&pageSize=500`);
    expect(ids(asc.body.items)).toEqual(ids(await owner(`select p.id from annual_plan p where ${inProvince} order by p.submitted_at asc nulls first, p.id asc`)));
    expect(ids(desc.body.items)).toEqual(ids(await owner(`select p.id from annual_plan p where ${inProvince} order by p.submitted_at desc nulls last, p.id desc`)));
    expect(await count(`select count(*) - count(distinct submitted_at) n from annual_plan p where ${inProvince} and submitted_at is not null`)).toBeGreaterThan(0);
    const byUnit = await t.call(province, 'GET', `/api/plans?${Y}&sort=-unit&pageSize=5`);
    expect(ids(byUnit.body.items)).toEqual(ids(await owner(
      `select p.id from annual_plan p join organization o on o.id = p.owner_org_id where ${inProvince} order by o.name desc nulls last, p.id desc limit 5`)));
    const unknown = await t.call(province, 'GET', `/api/plans?${Y}&sort=content`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toEqual({ zh: expect.stringContaining('无法按“content”排序'), en: expect.stringContaining('cannot sort by "content"') });
  });

  it('export.xlsx: exactly the filtered rows in the list\'s order, Chinese headers then English', async () => {
    const params = `${Y}&regionCode=3201&sort=-unit`;
    const listed = await allListIds(t, province, '/api/plans', params);
    expect(listed.length).toBeGreaterThan(1);
    const file = await downloadXlsx(t, province, `/api/plans/export.xlsx?${params}`);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    expect(file.rows[0]![0]).toBe('编制单位');
    expect(file.rows[1]![0]).toBe('Unit');
    expect(exportColumn(file, 'Plan id')).toEqual(listed);
    expect(exportColumn(file, 'Year').every((y) => y === '2026')).toBe(true);
    expect((await downloadXlsx(t, nanjing, `/api/plans/export.xlsx?${Y}&regionCode=3205`)).rows).toHaveLength(2);
    expect((await downloadXlsx(t, province, `/api/plans/export.xlsx?${Y}&sort=nope`)).status).toBe(400);
  });

  it('the review queue: the same parameters on the plans waiting for the reader, and its export', async () => {
    // The province files submitted city plans; Nanjing's agency reviews its submitted county plans.
    const queue = `p.year = 2026 and p.reviewer_region_path = '/32/3201/' and p.unit_level = 'county' and p.status = 'submitted'`;
    const expected = await owner<{ id: string }>(`select p.id from annual_plan p where ${queue} order by coalesce(p.forwarded_at, p.submitted_at), p.region_path, p.id`);
    expect(expected.length).toBeGreaterThan(0);
    expect(await allListIds(t, nanjing, '/api/plans/review-queue', Y)).toEqual(ids(expected));
    const [first] = await owner<{ owner_org_id: string }>(`select p.owner_org_id from annual_plan p where ${queue} order by p.owner_org_id limit 1`);
    const mine = await t.call(nanjing, 'GET', `/api/plans/review-queue?${Y}&q=${first!.owner_org_id}`);
    expect(mine.body.items.map((p: { unitId: string }) => p.unitId)).toEqual([first!.owner_org_id]);
    expect((await t.call(nanjing, 'GET', `/api/plans/review-queue?${Y}&status=filed`)).body.total).toBe(0);
    const file = await downloadXlsx(t, nanjing, `/api/plans/review-queue/export.xlsx?${Y}`);
    expect(exportColumn(file, 'Plan id')).toEqual(ids(expected));
    // A county agency has no queue: empty, listed or exported; an institution may not ask.
    expect((await t.call(USERS.xuanwu as TestUser, 'GET', `/api/plans/review-queue?${Y}`)).status).toBe(403);
    expect((await t.call(hospital, 'GET', `/api/plans/review-queue/export.xlsx?${Y}`)).status).toBe(403);
  });
});

describe('self-inspection tasks: GET /api/self-inspections', () => {
  it('q, region (in and out of scope), status, review and the period agree with the tables', async () => {
    const [inst] = await owner<{ id: string; name: string }>(
      `select o.id, o.name from self_inspection s join organization o on o.id = s.owner_org_id where s.region_path like '/32/%' group by o.id, o.name order by count(*) desc, o.id limit 1`);
    const part = inst!.name.slice(0, 4);
    const byName = await owner<{ id: string }>(
      `select s.id from self_inspection s join organization o on o.id = s.owner_org_id where s.region_path like '/32/%' and o.name like $1`, [`%${part}%`]);
    expect(byName.length).toBeGreaterThan(0);
    expect((await allListIds(t, province, '/api/self-inspections', `q=${encodeURIComponent(part)}`)).sort()).toEqual(ids(byName).sort());
    expect((await allListIds(t, province, '/api/self-inspections', `q=${inst!.id}`)).sort())
      .toEqual(ids(await owner(`select id from self_inspection where owner_org_id = $1`, [inst!.id])).sort());

    expect((await t.call(province, 'GET', '/api/self-inspections?regionCode=3205&pageSize=1')).body.total)
      .toBe(await count(`select count(*) n from self_inspection where region_path like '/32/3205/%'`));
    expect((await t.call(nanjing, 'GET', '/api/self-inspections?regionCode=3205')).body).toEqual({ items: [], total: 0 });
    // The institution sees its own tasks only, whatever region it asks for.
    expect((await t.call(hospital, 'GET', '/api/self-inspections?regionCode=32&pageSize=1')).body.total)
      .toBe(await count(`select count(*) n from self_inspection where owner_org_id = $1`, [hospital.orgId]));

    const n = await count(`select count(*) n from self_inspection where region_path like '/32/%' and status in ('submitted', 'missing')
                            and (submitted_at at time zone 'Asia/Shanghai')::date between '2026-06-02' and '2026-06-03'`);
    expect(n).toBeGreaterThan(0);
    expect((await t.call(province, 'GET', '/api/self-inspections?status=submitted,missing&from=2026-06-02&to=2026-06-03&pageSize=1')).body.total).toBe(n);
    expect((await t.call(province, 'GET', '/api/self-inspections?status=late')).status).toBe(400);
    expect((await t.call(province, 'GET', '/api/self-inspections?review=maybe')).status).toBe(400);
  });

  it('sort with ties by the id; a bad sort is a 400', async () => {
    const desc = await t.call(province, 'GET', '/api/self-inspections?sort=-refundedAmount&pageSize=500');
    expect(ids(desc.body.items)).toEqual(ids(await owner(
      `select id from self_inspection where region_path like '/32/%' order by refunded_amount desc nulls last, id desc limit 500`)));
    const asc = await t.call(province, 'GET', '/api/self-inspections?sort=submittedAt&pageSize=500');
    expect(ids(asc.body.items)).toEqual(ids(await owner(
      `select id from self_inspection where region_path like '/32/%' order by submitted_at asc nulls first, id asc limit 500`)));
    expect((await t.call(province, 'GET', '/api/self-inspections?sort=report')).status).toBe(400);
  });

  it('export.xlsx: the filtered rows (more than one cursor batch), in the list\'s order', async () => {
    const all = await count(`select count(*) n from self_inspection where region_path like '/32/%'`);
    expect(all).toBeGreaterThan(1000);
    const whole = await downloadXlsx(t, province, '/api/self-inspections/export.xlsx?sort=institution');
    expect(whole.rows[0]![0]).toBe('机构名称');
    expect(new Set(exportColumn(whole, 'Task id')).size).toBe(all);

    const params = 'regionCode=3201&status=submitted&sort=-refundedAmount';
    const listed = await allListIds(t, province, '/api/self-inspections', params);
    expect(listed.length).toBeGreaterThan(0);
    const file = await downloadXlsx(t, province, `/api/self-inspections/export.xlsx?${params}`);
    expect(exportColumn(file, 'Task id')).toEqual(listed);
    expect(exportColumn(file, 'Status').every((s) => s === '已提交')).toBe(true);
    expect((await downloadXlsx(t, suzhou, '/api/self-inspections/export.xlsx?regionCode=3201')).rows).toHaveLength(2);
  });
});

describe('internal-control audits: GET /api/ic/audits', () => {
  const inProvince = `a.region_path like '/32/%'`;
  const ofYear = (y: number) => `exists (select 1 from ic_audit_plan p where p.id = a.plan_id and p.year = ${y})`;

  it('q, region, status and the period (the notice day) agree with the tables', async () => {
    const [agency] = await owner<{ id: string; name: string }>(
      `select o.id, o.name from ic_audit a join organization o on o.id = a.owner_org_id where ${inProvince} and ${ofYear(2026)} order by o.id limit 1`);
    expect(agency).toBeDefined();
    const byCode = await t.call(province, 'GET', `/api/ic/audits?year=2026&q=${agency!.id}`);
    expect(byCode.body.items.length).toBeGreaterThan(0);
    expect(byCode.body.items.every((a: { agency: { id: string } }) => a.agency.id === agency!.id)).toBe(true);
    const part = agency!.name.slice(0, 3);
    expect((await allListIds(t, province, '/api/ic/audits', `year=2026&q=${encodeURIComponent(part)}`)).sort()).toEqual(ids(await owner(
      `select a.id from ic_audit a join organization o on o.id = a.owner_org_id where ${inProvince} and ${ofYear(2026)} and o.name like $1`, [`%${part}%`])).sort());

    expect((await t.call(province, 'GET', '/api/ic/audits?year=2026&regionCode=3205')).body.total)
      .toBe(await count(`select count(*) n from ic_audit a where ${ofYear(2026)} and a.region_path like '/32/3205/%'`));
    expect((await t.call(nanjing, 'GET', '/api/ic/audits?year=2026&regionCode=3205')).body).toEqual({ items: [], total: 0 });

    const [{ d }] = await owner<{ d: string }>(`select to_char(min(a.notice_date), 'YYYY-MM-DD') d from ic_audit a where ${inProvince} and ${ofYear(2025)}`);
    const expected = await owner<{ id: string }>(
      `select a.id from ic_audit a where ${inProvince} and ${ofYear(2025)} and a.status in ('closed', 'rectification') and a.notice_date = $1::date
        order by a.region_path, a.created_at, a.id`, [d]);
    expect(expected.length).toBeGreaterThan(0);
    expect(await allListIds(t, province, '/api/ic/audits', `year=2025&status=closed,rectification&from=${d}&to=${d}`)).toEqual(ids(expected));
    expect((await t.call(province, 'GET', '/api/ic/audits?status=open')).status).toBe(400);
  });

  it('an agency sees its own audits only; sort with ties by the id; export equals the list', async () => {
    const own = await t.call(nanjing, 'GET', '/api/ic/audits?year=2026&regionCode=32');
    expect(own.body.items.every((a: { agency: { id: string } }) => a.agency.id === nanjing.orgId)).toBe(true);

    const sorted = await t.call(province, 'GET', '/api/ic/audits?year=2026&sort=-noticeDate&pageSize=500');
    expect(ids(sorted.body.items)).toEqual(ids(await owner(
      `select a.id from ic_audit a where ${inProvince} and ${ofYear(2026)} order by a.notice_date desc nulls last, a.id desc`)));
    expect(await count(`select count(*) - count(distinct notice_date) n from ic_audit a where ${inProvince} and ${ofYear(2026)}`)).toBeGreaterThan(0);
    expect((await t.call(province, 'GET', '/api/ic/audits?sort=team')).status).toBe(400);

    const params = 'year=2026&sort=agency';
    const listed = await allListIds(t, province, '/api/ic/audits', params);
    expect(listed.length).toBeGreaterThan(1);
    const file = await downloadXlsx(t, province, `/api/ic/audits/export.xlsx?${params}`);
    expect(file.rows[0]![0]).toBe('经办机构');
    expect(exportColumn(file, 'Audit id')).toEqual(listed);
    expect((await downloadXlsx(t, nanjing, '/api/ic/audits/export.xlsx?year=2026&regionCode=3205')).rows).toHaveLength(2);
    // The programme's workbook still lists every audit of the year.
    const programme = await downloadXlsx(t, province, '/api/ic/programme/export.xlsx?year=2026');
    expect(programme.status).toBe(200);
  });
});
