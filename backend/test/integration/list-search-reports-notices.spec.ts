import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import pg from 'pg';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { Notifications } from '../../src/platform/notifications/notifications.js';
import { chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { OpenMonthlyReportsCommand } from '../../src/contexts/monthly-reports/application/commands.js';
import { monthlyCycleActor } from '../../src/contexts/monthly-reports/infrastructure/monthly-report.activities.js';
import { previousMonth } from '../../src/contexts/monthly-reports/domain/monthly-report.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { allListIds, downloadXlsx } from '../support/lists.js';
import { NJ_BUREAU, type TestUser, USERS } from '../support/tokens.js';

// Issue 16 "Done means" for the monthly reports', notices' and notifications' lists: searched (the
// reporting unit's name or code; a notice's title or units; a notification's text), filtered (region,
// status, period), sorted (a bad field a 400), paged, exported with exactly the filtered rows — each
// compared with the same question asked of the tables directly (as the owner). An organization's
// inbox lists only its own notifications. The monthly report carries 实际追回 (the decision
// recoveries of the month) beside 认定追回.

let t: TestApp;
const province = USERS.province as TestUser;
const nanjing = USERS.nanjing as TestUser;
const xuanwu = USERS.xuanwu as TestUser;
const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);
const CURRENT = chinaDateOf(new Date()).slice(0, 7);
const PAST = previousMonth(previousMonth(CURRENT));
const EARLIER = previousMonth(PAST);
const XW_COUNTY_BUREAU: TestUser = {
  sub: 'u-county_staff-320102', username: '320102.county_staff', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau',
};

const download = (user: TestUser, path: string) => downloadXlsx(t, user, path);
/** All of a list's ids under the parameters, page by page. */
const allIds = (user: TestUser, path: string, params: string) => allListIds(t, user, path, params);

const sorted = (ids: string[]) => [...ids].sort();
/** The last column of an export's data rows (the id), without the two header rows. */
const exportedIds = (rows: string[][]) => rows.slice(2).map((r) => r.at(-1)!);

let decisionId = '';

beforeAll(async () => {
  t = await startTestApp();
  // Recoveries under a Xuanwu decision: two in PAST (one on its last day), one on the first of the next month.
  decisionId = randomUUID();
  await owner(
    `insert into handling_decision (id, region_path, owner_org_id, agency_id, finding_ids, measures, basis, major, status, decided_by, decided_by_user_id, created_at)
     select $1, o.region_path, o.id, 'agency-320102', array[gen_random_uuid()], '[{"kind":"talk"}]', '协议第十条', false, 'effective', '测试', 'u-test', now() - interval '90 days'
       from organization o where o.id = 'inst-320102-0001'`, [decisionId]);
  const nextFirst = `${previousMonth(CURRENT)}-01`;
  const lastOfPast = (await owner<{ d: string }>(`select to_char($1::date - 1, 'YYYY-MM-DD') d`, [nextFirst]))[0]!.d;
  for (const [amount, on] of [[1200.5, `${PAST}-03`], [300.25, lastOfPast], [999, nextFirst]] as const) {
    await owner(
      `insert into decision_recovery (id, decision_id, region_path, owner_org_id, agency_id, amount, recovered_on, method, recorded_by, recorded_by_user_id, recorded_at)
       select gen_random_uuid(), d.id, d.region_path, d.owner_org_id, d.agency_id, $2, $3::date, 'deduction', '测试', 'u-test', now()
         from handling_decision d where d.id = $1`, [decisionId, amount, on]);
  }
  const cycle = monthlyCycleActor('32');
  for (const month of [EARLIER, PAST]) await t.app.get(Commands).execute(new OpenMonthlyReportsCommand(cycle, '32', month, new Date()));
  // A few reports further along, so the status filter has something to tell apart.
  await owner(`update monthly_report set status = 'awaiting_signoff', submitted_at = now(), submitted_by = '测试'
                where month = $1::date and level = 'county' and region_code in (select code from region where parent_code = '3205')`, [`${PAST}-01`]);
  // Notices: from the province and from Nanjing's agency, some acknowledged, over several days.
  await owner(`
    insert into notice (id, region_path, owner_org_id, sender_org_id, sender_region_path, recipient_org_id, title, body, sent_at, due_date, remind_at, due_at,
                        status, overdue, acknowledged_at, acknowledged_by)
    select gen_random_uuid(), r.region_path, r.id, s.id, s.region_path, r.id,
           case when g % 3 = 0 then '关于报送月报表的通知 ' || g else '关于开展专项检查的通知 ' || g end, '正文', now() - (g % 20) * interval '1 day',
           current_date + 5, now() + interval '1 day', now() + interval '5 days',
           case when g % 4 = 0 then 'acknowledged' else 'sent' end, g % 7 = 0, case when g % 4 = 0 then now() end, case when g % 4 = 0 then '测试' end
      from generate_series(1, 60) g
      join organization s on s.id = case when g % 2 = 0 then 'bureau-32' else 'agency-3201' end
      join organization r on r.id = (array['agency-320102', 'agency-320104', 'agency-3201', 'agency-320508'])[1 + g % 4]
     where not (s.id = 'agency-3201' and r.id in ('agency-3201', 'agency-320508'))`);
  // Notifications: Xuanwu's agency and Gusu's, read and unread, over several days.
  await owner(`
    insert into notification (id, region_path, owner_org_id, title_zh, title_en, body_zh, body_en, dedupe_key, created_at, read_at)
    select gen_random_uuid(), o.region_path, o.id, case when g % 3 = 0 then '问题待确认' else '月报表待报送' end,
           case when g % 3 = 0 then 'Findings to confirm' else 'Monthly report due' end, '消息正文 ' || g, 'Message body ' || g,
           'list-test-' || g, now() - (g % 15) * interval '1 day', case when g % 2 = 0 then now() end
      from generate_series(1, 1300) g
      join organization o on o.id = case when g % 5 = 0 then 'agency-320508' else 'agency-320102' end`);
});
afterAll(() => t?.close());

describe('monthly reports', () => {
  it('实际追回: the decision recoveries of the month, beside 认定追回, in the report and the list', async () => {
    const [r] = await owner<{ id: string; auto: Record<string, number> }>(
      `select id, auto from monthly_report where month = $1::date and region_code = '320102'`, [`${PAST}-01`]);
    expect(r!.auto.actualRecoveredAmount).toBe(1500.75);
    const detail = await t.call(XW_COUNTY_BUREAU, 'GET', `/api/monthly-reports/${r!.id}`);
    expect(detail.body.auto.actualRecoveredAmount).toBe(1500.75);
    expect(detail.body.actualRecoveredAmount).toBe(1500.75);
    // The earlier month had none.
    const earlier = await t.call(XW_COUNTY_BUREAU, 'GET', `/api/monthly-reports?month=${EARLIER}`);
    expect(earlier.body.items.map((i: { actualRecoveredAmount: number }) => i.actualRecoveredAmount)).toEqual([0]);
  });

  it('q: the reporting unit by name or by code; regionCode; status; month or period', async () => {
    const name = (await owner<{ name: string }>(`select name from organization where id = 'bureau-320102'`))[0]!.name;
    const byName = await allIds(province, '/api/monthly-reports', `month=${PAST}&q=${encodeURIComponent(name)}`);
    const expected = await owner<{ id: string }>(
      `select r.id from monthly_report r join organization o on o.id = r.owner_org_id where r.month = $1::date and o.name like $2`, [`${PAST}-01`, `%${name}%`]);
    expect(byName.length).toBeGreaterThan(0);
    expect(sorted(byName)).toEqual(sorted(expected.map((e) => e.id)));
    const byCode = await allIds(province, '/api/monthly-reports', `month=${PAST}&q=bureau-320102`);
    expect(byCode).toHaveLength(1);

    const suzhou = await allIds(province, '/api/monthly-reports', `month=${PAST}&regionCode=3205`);
    const expectedSuzhou = await owner<{ id: string }>(`select id from monthly_report where month = $1::date and region_path like '/32/3205/%'`, [`${PAST}-01`]);
    expect(sorted(suzhou)).toEqual(sorted(expectedSuzhou.map((e) => e.id)));
    expect((await t.call(nanjing, 'GET', `/api/monthly-reports?month=${PAST}&regionCode=3205`)).body.total).toBe(0);

    const awaiting = await t.call(province, 'GET', `/api/monthly-reports?month=${PAST}&status=awaiting_signoff&pageSize=1`);
    expect(awaiting.body.total).toBe(expectedSuzhou.length);
    expect(awaiting.body.items[0].status).toBe('awaiting_signoff');

    // The period spans both months; without month or period, the default month (none opened there).
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int n from monthly_report where month in ($1::date, $2::date)`, [`${EARLIER}-01`, `${PAST}-01`]);
    const period = await t.call(province, 'GET', `/api/monthly-reports?from=${EARLIER}-01&to=${PAST}-28&pageSize=1`);
    expect([period.body.total, period.body.month]).toEqual([n, null]);
    expect((await t.call(province, 'GET', `/api/monthly-reports?from=${PAST}-01&pageSize=1`)).body.total).toBe(n / 2);
  });

  it('sort, paging, a bad sort or status is a 400', async () => {
    const desc = await t.call(province, 'GET', `/api/monthly-reports?month=${PAST}&sort=-region&pageSize=5&page=2`);
    const expected = await owner<{ id: string }>(`select id from monthly_report where month = $1::date order by region_code desc, id desc limit 5 offset 5`, [`${PAST}-01`]);
    expect(desc.body.items.map((i: { id: string }) => i.id)).toEqual(expected.map((e) => e.id));
    const bad = await t.call(province, 'GET', `/api/monthly-reports?sort=password`);
    expect([bad.status, bad.body.error.details.field]).toEqual([400, 'sort']);
    expect(bad.body.error.message.zh).toContain('无法按');
    expect((await t.call(province, 'GET', `/api/monthly-reports?status=lost`)).status).toBe(400);
    expect((await t.call(province, 'GET', `/api/monthly-reports?level=town`)).status).toBe(400);
  });

  it('export.xlsx: exactly the filtered rows; the province workbook moved to province.xlsx', async () => {
    const params = `month=${PAST}&regionCode=3201&sort=region`;
    const ids = await allIds(province, '/api/monthly-reports', params);
    const book = await download(province, `/api/monthly-reports/export.xlsx?${params}`);
    expect(book.status).toBe(200);
    expect(book.rows[0]).toContain('实际追回金额（元）');
    expect(exportedIds(book.rows)).toEqual(ids);
    const xw = book.rows.find((row) => row[2] === '320102');
    expect(xw?.[book.rows[0]!.indexOf('实际追回金额（元）')]).toBe('1500.75');
    expect((await download(province, `/api/monthly-reports/export.xlsx?sort=nope`)).status).toBe(400);
    expect((await download(province, `/api/monthly-reports/province.xlsx?month=${PAST}`)).status).toBe(200);
  });
});

describe('notices', () => {
  it('q: the title or a unit; status; period; box; scope by row-level security', async () => {
    const byTitle = await allIds(province, '/api/notices', `q=${encodeURIComponent('月报表')}`);
    const expected = await owner<{ id: string }>(`select id from notice where region_path like '/32/%' and title like '%月报表%'`);
    expect(byTitle.length).toBeGreaterThan(0);
    expect(sorted(byTitle)).toEqual(sorted(expected.map((e) => e.id)));
    const sender = (await owner<{ name: string }>(`select name from organization where id = 'agency-3201'`))[0]!.name;
    const bySender = await allIds(province, '/api/notices', `q=${encodeURIComponent(sender)}`);
    const expectedSender = await owner<{ id: string }>(
      `select n.id from notice n join organization s on s.id = n.sender_org_id join organization r on r.id = n.recipient_org_id
        where n.region_path like '/32/%' and (s.name like $1 or r.name like $1)`, [`%${sender}%`]);
    expect(sorted(bySender)).toEqual(sorted(expectedSender.map((e) => e.id)));

    const acknowledged = await allIds(xuanwu, '/api/notices', 'box=received&status=acknowledged');
    const expectedAck = await owner<{ id: string }>(`select id from notice where recipient_org_id = 'agency-320102' and status = 'acknowledged'`);
    expect(sorted(acknowledged)).toEqual(sorted(expectedAck.map((e) => e.id)));
    const overdue = await allIds(province, '/api/notices', 'status=overdue');
    expect(sorted(overdue)).toEqual(sorted((await owner<{ id: string }>(`select id from notice where region_path like '/32/%' and overdue`)).map((e) => e.id)));

    const [{ d }] = await owner<{ d: string }>(`select to_char(max(sent_at) at time zone 'Asia/Shanghai' - interval '3 days', 'YYYY-MM-DD') d from notice`);
    const recent = await allIds(province, '/api/notices', `from=${d}`);
    const expectedRecent = await owner<{ id: string }>(`select id from notice where region_path like '/32/%' and (sent_at at time zone 'Asia/Shanghai')::date >= $1::date`, [d]);
    expect(sorted(recent)).toEqual(sorted(expectedRecent.map((e) => e.id)));
    // Gusu's agency sees none of Xuanwu's notices, even when it asks for them by region.
    const gusu = await t.call(USERS.gusu as TestUser, 'GET', '/api/notices?q=agency-320102');
    expect(gusu.body).toEqual({ items: [], total: 0 });
  });

  it('sort, paging, a bad sort or box is a 400, and the export holds exactly the filtered rows', async () => {
    const asc = await t.call(province, 'GET', '/api/notices?sort=dueDate&pageSize=7&page=2');
    const expected = await owner<{ id: string }>(`select id from notice where region_path like '/32/%' order by due_date asc, id asc limit 7 offset 7`);
    expect(asc.body.items.map((i: { id: string }) => i.id)).toEqual(expected.map((e) => e.id));
    expect((await t.call(province, 'GET', '/api/notices?sort=body')).status).toBe(400);
    expect((await t.call(province, 'GET', '/api/notices?box=everything')).status).toBe(400);
    const params = `status=sent&q=${encodeURIComponent('专项检查')}&sort=-sentAt`;
    const ids = await allIds(province, '/api/notices', params);
    const book = await download(province, `/api/notices/export.xlsx?${params}`);
    expect(book.status).toBe(200);
    expect(book.rows[0]![0]).toBe('标题');
    expect(exportedIds(book.rows)).toEqual(ids);
  });
});

describe('notifications', () => {
  it("lists only the reader's own organization's inbox, whatever it asks", async () => {
    const own = await allIds(xuanwu, '/api/notifications', 'q=');
    const expected = await owner<{ id: string }>(`select id from notification where owner_org_id = 'agency-320102'`);
    expect(sorted(own)).toEqual(sorted(expected.map((e) => e.id)));
    const gusuIds = new Set((await owner<{ id: string }>(`select id from notification where owner_org_id = 'agency-320508'`)).map((e) => e.id));
    expect(gusuIds.size).toBeGreaterThan(0);
    expect(own.some((id) => gusuIds.has(id))).toBe(false);
    // Asking for Gusu's region from Xuanwu, or the province's: nothing of Gusu's.
    expect((await t.call(xuanwu, 'GET', '/api/notifications?regionCode=320508')).body).toEqual({ items: [], total: 0 });
    const above = await allIds(xuanwu, '/api/notifications', 'regionCode=32');
    expect(above.some((id) => gusuIds.has(id))).toBe(false);
    // Nor through the export.
    const book = await download(xuanwu, '/api/notifications/export.xlsx');
    expect(book.rows.length - 2).toBe(expected.length);
  });

  it('q searches the text (either language); status read/unread and unread=true; the period; sort', async () => {
    const byText = await allIds(xuanwu, '/api/notifications', `q=${encodeURIComponent('问题待确认')}`);
    const expected = await owner<{ id: string }>(`select id from notification where owner_org_id = 'agency-320102' and title_zh like '%问题待确认%'`);
    expect(byText.length).toBeGreaterThan(0);
    expect(sorted(byText)).toEqual(sorted(expected.map((e) => e.id)));
    expect(sorted(await allIds(xuanwu, '/api/notifications', 'q=findings%20TO'))).toEqual(sorted(expected.map((e) => e.id)));

    const [{ unread }] = await owner<{ unread: number }>(`select count(*)::int unread from notification where owner_org_id = 'agency-320102' and read_at is null`);
    expect((await t.call(xuanwu, 'GET', '/api/notifications?status=unread&pageSize=1')).body.total).toBe(unread);
    expect((await t.call(xuanwu, 'GET', '/api/notifications?unread=true&pageSize=1')).body.total).toBe(unread);
    expect((await t.call(xuanwu, 'GET', '/api/notifications?status=read&pageSize=1')).body.total).toBe(expectedAll() - unread);

    const [{ d }] = await owner<{ d: string }>(`select to_char(now() at time zone 'Asia/Shanghai' - interval '2 days', 'YYYY-MM-DD') d`);
    const [{ n }] = await owner<{ n: number }>(
      `select count(*)::int n from notification where owner_org_id = 'agency-320102' and (created_at at time zone 'Asia/Shanghai')::date >= $1::date`, [d]);
    expect((await t.call(xuanwu, 'GET', `/api/notifications?from=${d}&pageSize=1`)).body.total).toBe(n);

    const page = await t.call(xuanwu, 'GET', '/api/notifications?sort=createdAt&pageSize=10&page=3');
    const expectedPage = await owner<{ id: string }>(`select id from notification where owner_org_id = 'agency-320102' order by created_at asc, id asc limit 10 offset 20`);
    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual(expectedPage.map((e) => e.id));
    expect((await t.call(xuanwu, 'GET', '/api/notifications?sort=owner')).status).toBe(400);
    expect((await t.call(xuanwu, 'GET', '/api/notifications?status=archived')).status).toBe(400);
  });

  it('export.xlsx: exactly the filtered rows, in more than one cursor batch', async () => {
    const ids = await allIds(xuanwu, '/api/notifications', 'status=unread&sort=-createdAt');
    expect(ids.length).toBeGreaterThan(0);
    const bodies = (await owner<{ id: string; body_zh: string }>(`select id, body_zh from notification where id = any($1::uuid[])`, [ids]));
    const bodyOf = new Map(bodies.map((b) => [b.id, b.body_zh]));
    const book = await download(xuanwu, '/api/notifications/export.xlsx?status=unread&sort=-createdAt');
    expect(book.status).toBe(200);
    expect(book.rows[0]!.slice(0, 3)).toEqual(['时间', '标题', '内容']);
    expect(book.rows.slice(2).map((r) => r[2])).toEqual(ids.map((id) => bodyOf.get(id)));
    const all = await download(xuanwu, '/api/notifications/export.xlsx');
    expect(all.rows.length - 2).toBe(expectedAll());
    expect(expectedAll()).toBeGreaterThan(1000);
  });
});

let allCount = 0;
const expectedAll = () => allCount;
beforeAll(async () => {
  allCount = (await owner<{ n: number }>(`select count(*)::int n from notification where owner_org_id = 'agency-320102'`))[0]!.n;
});

describe('"。。" at the source (issue 16 item 7)', () => {
  it('a return comment that ends in 。 is quoted once: the text handed to the inbox has no doubled stop', async () => {
    const leader: TestUser = { ...XW_COUNTY_BUREAU, sub: 'u-leader-320102', username: '320102.leader', roles: ['leader'] };
    const [r] = await owner<{ id: string }>(`select id from monthly_report where month = $1::date and region_code = '320102'`, [`${PAST}-01`]);
    expect((await t.call(XW_COUNTY_BUREAU, 'POST', `/api/monthly-reports/${r!.id}/submit`)).status).toBe(200);
    const deliver = jest.spyOn(t.app.get(Notifications), 'deliver');
    try {
      expect((await t.call(leader, 'POST', `/api/monthly-reports/${r!.id}/return`, { comment: '立案数有误。' })).status).toBe(200);
      const sent = deliver.mock.calls.map(([, n]) => n).find((n) => n.titleZh.includes('被退回'));
      expect(sent?.bodyZh).toBe('退回意见：立案数有误。请修改后重新提交。');
      expect(sent?.bodyEn).toBe('Comment: 立案数有误。 Please revise and submit again.');
    } finally {
      deliver.mockRestore();
    }
  });
});

// NJ_BUREAU is the city bureau: it reads the monthly reports of Nanjing's counties.
it('the city bureau reads its counties\' reports, searched', async () => {
  const res = await t.call(NJ_BUREAU, 'GET', `/api/monthly-reports?month=${PAST}&q=bureau-320508`);
  expect(res.body.total).toBe(0);
});
