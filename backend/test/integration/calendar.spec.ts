import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { USERS, type TestUser } from '../support/tokens.js';
import { addCalendarDays, addWorkingDays, calendarChangedAt, chinaDateOf, hasOfficialCalendar } from '../../src/platform/calendar/working-days.js';
import { CalendarCache } from '../../src/contexts/calendar/infrastructure/calendar-cache.js';
import { EnterCalendarYearCommand } from '../../src/contexts/calendar/application/commands.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { UnitOfWork } from '../../src/platform/tenancy/unit-of-work.js';
import type { Actor } from '../../src/kernel/actor.js';

// Issue 16: the working-day calendar is the bureau's (seeded from the package for 2004–2026), a
// year's notice entered through the API is in force at once, administrators are warned from
// 1 November while next year is missing; the legal clocks are read with their source.

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t?.close());

const notice2027 = {
  documentNumber: '国办发明电〔2026〕7号', publishedOn: '2026-11-04',
  days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }, { day: '2027-02-20', kind: 'workday', name: '春节' }],
};

it('is seeded from the package and read at start-up: 2026 official, 2027 missing', async () => {
  const years = await t.call(USERS.xuanwu, 'GET', '/api/calendar/years?pageSize=5');
  expect(years.status).toBe(200);
  expect(years.body.total).toBe(23);
  expect(years.body.items.map((y: { year: number }) => y.year)).toEqual([2026, 2025, 2024, 2023, 2022]);
  expect(years.body.items[0]).toMatchObject({ source: 'package', documentNumber: null, holidays: expect.any(Number), workdays: expect.any(Number) });
  const y2026 = await t.call(USERS.province, 'GET', '/api/calendar/years/2026');
  expect(y2026.body.days).toContainEqual({ day: '2026-02-14', kind: 'workday', name: '春节' });
  for (const bad of ['2027', 'abc', '1e9', '2026.5']) {
    const res = await t.call(USERS.province, 'GET', `/api/calendar/years/${bad}`);
    expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
  }
  expect(hasOfficialCalendar(2026)).toBe(true);
  expect(hasOfficialCalendar(2027)).toBe(false);
  // nobody entered a notice yet: the calendar is the package's seed
  expect(calendarChangedAt()).toBeNull();
  expect((await t.call(USERS.province, 'GET', '/api/calendar/status')).body.changedAt).toBeNull();
  expect(addWorkingDays('2026-12-29', 5)).toBe('2027-01-05');
});

it('warns administrators from 1 November while next year is missing, and only them', async () => {
  const today = chinaDateOf(new Date());
  const expected = today.slice(5) >= '11-01' ? Number(today.slice(0, 4)) + 1 : null;
  const prov = await t.call(USERS.province, 'GET', '/api/calendar/status');
  expect(prov.body).toMatchObject({ canEnter: true, missingYear: expected });
  const nation = await t.call(USERS.nation, 'GET', '/api/calendar/status');
  expect(nation.body).toMatchObject({ canEnter: true, missingYear: expected });
  const county = await t.call(USERS.xuanwu, 'GET', '/api/calendar/status');
  expect(county.body).toMatchObject({ canEnter: false, missingYear: null });
});

it('notifies the national and provincial bureaus from 1 November, once, while next year is missing', async () => {
  const cache = t.app.get(CalendarCache);
  expect(await cache.warn(new Date('2026-10-31T12:00:00Z'))).toEqual({ year: null, delivered: 0 });
  const first = await cache.warn(new Date('2026-11-01T01:00:00Z'));
  expect(first.year).toBe(2027);
  const bureaus = await ownerQuery<{ id: string }>(t.db,
    `select o.id from organization o join region r on r.code = o.region_code where o.kind = 'bureau' and r.level in ('nation', 'province') order by o.id`);
  expect(bureaus.map((b) => b.id)).toEqual(expect.arrayContaining(['bureau-000000', 'bureau-32']));
  expect(first.delivered).toBe(bureaus.length);
  expect(await cache.warn(new Date('2026-11-02T01:00:00Z'))).toEqual({ year: 2027, delivered: 0 });
  const titles = async (user: TestUser) =>
    (await t.call(user, 'GET', '/api/notifications')).body.items.map((n: { titleZh: string; link: string }) => `${n.titleZh} ${n.link}`);
  // The nation is asked to enter it; a province is told (the national bureau enters the State Council's notice).
  expect(await titles(USERS.province)).toContain('2027 年节假日安排尚未录入 /settings/calendar');
  expect(await titles(USERS.province)).not.toContain('请录入 2027 年节假日安排 /settings/calendar');
  expect(await titles(USERS.nation)).toContain('请录入 2027 年节假日安排 /settings/calendar');
  expect(await titles(USERS.xuanwu)).not.toContain('请录入 2027 年节假日安排 /settings/calendar');
});

it('an administrator enters 2027: the count across the New Year changes at once, stored deadlines do not move', async () => {
  const stored = await ownerQuery<{ id: string; due: string }>(t.db, `select id, to_char(confirmation_due, 'YYYY-MM-DD') as due from finding order by id limit 20`);
  expect((await t.call(USERS.xuanwu, 'PUT', '/api/calendar/years/2027', notice2027)).status).toBe(403);
  // The State Council's notice is national: a provincial administrator may not enter it (403, bilingual, nothing written).
  const provincial = await t.call(USERS.province, 'PUT', '/api/calendar/years/2027', notice2027);
  expect([provincial.status, provincial.body.error.code]).toEqual([403, 'calendar_national_forbidden']);
  expect(provincial.body.error.message.zh).toContain('国家医疗保障局');
  expect(provincial.body.error.message.en).toContain('national');
  expect(await ownerQuery(t.db, `select year from calendar_year where year = 2027`)).toEqual([]);
  const bad = await t.call(USERS.nation, 'PUT', '/api/calendar/years/2027', { ...notice2027, days: [{ day: '2027-02-22', kind: 'workday' }] });
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('calendar_workday_not_weekend');
  expect(bad.body.error.message.zh).toContain('调休上班日');

  const res = await t.call(USERS.nation, 'PUT', '/api/calendar/years/2027', notice2027);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ year: 2027, documentNumber: '国办发明电〔2026〕7号', source: 'notice', days: notice2027.days });
  expect(hasOfficialCalendar(2027)).toBe(true);
  expect(addWorkingDays('2026-12-29', 5)).toBe('2027-01-06');
  expect(addWorkingDays('2027-02-19', 1)).toBe('2027-02-20');
  const status = await t.call(USERS.province, 'GET', '/api/calendar/status');
  expect(status.body.missingYear).toBeNull();
  expect(await t.app.get(CalendarCache).warn(new Date('2026-12-15T01:00:00Z'))).toEqual({ year: null, delivered: 0 });
  expect(status.body.changedAt).toBe(res.body.enteredAt);
  expect(calendarChangedAt()).toBe(res.body.enteredAt);
  // deadlines computed before the change are stored and keep their day
  expect(await ownerQuery(t.db, `select id, to_char(confirmation_due, 'YYYY-MM-DD') as due from finding order by id limit 20`)).toEqual(stored);
  const audit = await ownerQuery<{ result: string; error_code: string | null }>(t.db,
    `select result, error_code from audit_entry where target = 'calendar-2027' and result = 'ok'`);
  expect(audit).toEqual([{ result: 'ok', error_code: null }]);
});

it('a rolled-back entry changes nothing in force: the new calendar applies only after the commit (review finding)', async () => {
  const province: Actor = {
    userId: 'u-nhsa', username: 'nhsa.overseer', displayName: '国家医保局', roles: ['national_overseer'],
    regionPath: '/', organizationId: 'bureau-000000', organizationKind: 'bureau',
  };
  const notice2028 = { documentNumber: '国办发明电〔2027〕3号', publishedOn: '2026-11-04', days: [{ day: '2028-01-03', kind: 'holiday', name: '元旦' }] };
  const before = { official: hasOfficialCalendar(2028), count: addWorkingDays('2027-12-31', 1), changedAt: calendarChangedAt() };
  expect(before.count).toBe('2028-01-03');
  // the command's handler runs and succeeds, then the transaction around it rolls back
  await expect(t.app.get(UnitOfWork).run(province, async () => {
    await t.app.get(CommandBus).execute(new EnterCalendarYearCommand(province, 2028, notice2028));
    expect(hasOfficialCalendar(2028)).toBe(false);
    throw new Error('rolled back');
  })).rejects.toThrow('rolled back');
  expect({ official: hasOfficialCalendar(2028), count: addWorkingDays('2027-12-31', 1), changedAt: calendarChangedAt() }).toEqual(before);
  expect(await ownerQuery(t.db, `select year from calendar_year where year = 2028`)).toEqual([]);
  // committed through the command bus, it is in force once the command returns
  await t.app.get(Commands).execute(new EnterCalendarYearCommand(province, 2028, notice2028));
  expect(hasOfficialCalendar(2028)).toBe(true);
  expect(addWorkingDays('2027-12-31', 1)).toBe('2028-01-04');
  await ownerQuery(t.db, `delete from calendar_year where year = 2028`);
  await t.app.get(CalendarCache).reload();
});

it('another process picks a change up (the cache compares the latest entry)', async () => {
  const cache = t.app.get(CalendarCache);
  expect(await cache.refreshIfChanged()).toBe(false);
  await ownerQuery(t.db, `update calendar_year set entered_at = now() where year = 2027`);
  await ownerQuery(t.db, `delete from calendar_day where day = '2027-01-01'`);
  expect(await cache.refreshIfChanged()).toBe(true);
  expect(addWorkingDays('2026-12-29', 5)).toBe('2027-01-05');
});

it("a province adds its own days under its own document: they count for its deadlines only; nobody else may enter them", async () => {
  // 2027-03-15 is a Monday: a local holiday in Jiangsu (a 民族自治地方-style adjustment), plus a local make-up Saturday.
  const local = {
    documentNumber: '苏政办发〔2026〕12号', publishedOn: '2026-11-20',
    days: [{ day: '2027-03-15', kind: 'holiday', name: '地方节日' }, { day: '2027-03-20', kind: 'workday', name: '地方调休' }],
  };
  expect(addWorkingDays('2027-03-12', 1, '/32/3201/320102/')).toBe('2027-03-15');
  // Not another province's, not the national administrator's, not a county's: 403 bilingual, nothing written.
  for (const [user, path] of [[USERS.zhejiang, '/api/calendar/provinces/32/years/2027'], [USERS.province, '/api/calendar/provinces/33/years/2027'],
    [USERS.nation, '/api/calendar/provinces/32/years/2027']] as const) {
    const refused = await t.call(user, 'PUT', path, local);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'calendar_province_forbidden']);
    expect(refused.body.error.message.zh).toBeTruthy();
    expect(refused.body.error.message.en).toBeTruthy();
  }
  expect((await t.call(USERS.xuanwu, 'PUT', '/api/calendar/provinces/32/years/2027', local)).status).toBe(403);
  expect(await ownerQuery(t.db, `select year from calendar_local_year`)).toEqual([]);
  const bad = await t.call(USERS.province, 'PUT', '/api/calendar/provinces/32/years/2027', { ...local, documentNumber: '地方通知' });
  expect([bad.status, bad.body.error.code]).toEqual([400, 'calendar_document_number_invalid']);

  const before = { national: calendarChangedAt(), zj: calendarChangedAt('/33/') };
  const res = await t.call(USERS.province, 'PUT', '/api/calendar/provinces/32/years/2027', local);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ provinceCode: '32', year: 2027, documentNumber: '苏政办发〔2026〕12号', days: local.days });
  // Jiangsu's deadlines count it at once; Zhejiang's and the national count do not move.
  expect(addWorkingDays('2027-03-12', 1, '/32/3201/320102/')).toBe('2027-03-16');
  expect(addWorkingDays('2027-03-19', 1, '32')).toBe('2027-03-20');
  expect(addWorkingDays('2027-03-12', 1, '/33/3301/')).toBe('2027-03-15');
  expect(addWorkingDays('2027-03-12', 1)).toBe('2027-03-15');
  expect(calendarChangedAt('/32/3201/')).toBe(res.body.enteredAt);
  expect({ national: calendarChangedAt(), zj: calendarChangedAt('/33/') }).toEqual(before);

  // Read by the province and below (the page shows it with its document number) and by the nation; not by another province.
  for (const user of [USERS.province, USERS.xuanwu, USERS.hospital, USERS.nation]) {
    const listed = await t.call(user, 'GET', '/api/calendar/provinces/32/years');
    expect([listed.status, listed.body.items.map((y: { documentNumber: string }) => y.documentNumber)]).toEqual([200, ['苏政办发〔2026〕12号']]);
  }
  const foreign = await t.call(USERS.zhejiang, 'GET', '/api/calendar/provinces/32/years');
  expect([foreign.status, foreign.body.error.code]).toEqual([403, 'calendar_province_read_forbidden']);
  expect((await t.call(USERS.zhejiang, 'GET', '/api/calendar/provinces/33/years')).body).toEqual({ items: [], total: 0 });
  expect((await t.call(USERS.province, 'GET', '/api/calendar/status')).body).toMatchObject({ canEnter: true, canEnterNational: false, province: '32' });
  expect((await t.call(USERS.nation, 'GET', '/api/calendar/status')).body).toMatchObject({ canEnter: true, canEnterNational: true, province: null });

  // Another process picks the province's change up; a restart reads it.
  const cache = t.app.get(CalendarCache);
  expect(await cache.refreshIfChanged()).toBe(false);
  await ownerQuery(t.db, `update calendar_local_year set entered_at = now() where province_code = '32'`);
  await ownerQuery(t.db, `delete from calendar_local_day where day = '2027-03-15'`);
  expect(await cache.refreshIfChanged()).toBe(true);
  expect(addWorkingDays('2027-03-12', 1, '/32/')).toBe('2027-03-15');
  await cache.reload();
  expect(addWorkingDays('2027-03-19', 1, '/32/')).toBe('2027-03-20');
});

it('lists the legal clocks with their source, a province its own over the defaults', async () => {
  const all = await t.call(USERS.province, 'GET', '/api/legal-clocks');
  expect(all.status).toBe(200);
  expect(all.body.total).toBe(4);
  expect(all.body.items.map((c: { key: string; value: number }) => [c.key, c.value])).toEqual([
    ['finding_confirmation_working_days', 5], ['dispute_level_working_days', 20], ['dispute_escalation_working_days', 15], ['major_decision_amount', 100000],
  ]);
  expect(all.body.items[0].sourceZh).toContain('建设方案');
});

it("a province's own clocks set the finding deadline (the notice quotes the number and its source) and the review threshold", async () => {
  await ownerQuery(t.db, `insert into legal_clock (province_code, key, value, unit, source_zh, source_en)
    values ('32', 'finding_confirmation_working_days', 7, 'working_days', '江苏省定点医疗机构服务协议第三十条', 'Jiangsu service agreement, art. 30')`);
  const listed = await t.call(USERS.province, 'GET', '/api/legal-clocks?province=32');
  expect(listed.body.items.filter((c: { provinceCode: string }) => c.provinceCode === '32')).toHaveLength(1);

  // an inspection of the Xuanwu hospital, recorded and sent by the province (rows as the draw writes them)
  const today = chinaDateOf(new Date());
  const item = '医保基金使用内部管理制度';
  const spotCheckId = randomUUID();
  await ownerQuery(t.db,
    `insert into spot_check (id, region_path, owner_org_id, year, title, city_codes, institution_kinds, parameters, checklist_items, due_date,
                             witnesses, status, commitment, result_hash, drawn, created_at, created_by)
     values ($1, '/32/', 'bureau-32', $2, '工作日历测试抽查', '{3201}', '{hospital,clinic}', '{}', $3, $4, '[]', 'drawn', $5, $6, 1, now(), 'test')`,
    [spotCheckId, Number(today.slice(0, 4)), JSON.stringify([item]), addCalendarDays(today, 30), 'a'.repeat(64), 'b'.repeat(64)]);
  const id = randomUUID();
  await ownerQuery(t.db,
    `insert into inspection (id, region_path, owner_org_id, spot_check_id, spot_check_title, checklist_items, institution_id, city_code, kind, level,
                             draw_order, team, status, due_date, created_at)
     select $1, o.region_path, o.id, $2, '工作日历测试抽查', $3, o.id, substr(o.region_code, 1, 4), o.institution_type, coalesce(o.institution_level, 'none'),
            0, '[]', 'assigned', $4, now()
       from organization o where o.id = $5`,
    [id, spotCheckId, JSON.stringify([item]), addCalendarDays(today, 30), USERS.hospital.orgId]);
  const put = await t.call(USERS.province, 'PUT', `/api/inspections/${id}`, {
    inspectedOn: today, checklist: [{ item, result: 'deficient' }], attachmentIds: [],
    findings: [{ type: '重复收费', description: '同一项目重复收费', amount: 300, attachmentIds: [] }],
  });
  expect(put.status).toBe(200);
  const sent = await t.call(USERS.province, 'POST', `/api/inspections/${id}/send`);
  expect(sent.status).toBe(200);
  const due = addWorkingDays(chinaDateOf(new Date(sent.body.sentAt)), 7);
  const [row] = await ownerQuery<{ due: string }>(t.db, `select to_char(confirmation_due, 'YYYY-MM-DD') as due from finding where source_id = $1`, [id]);
  expect(row!.due).toBe(due);
  const [note] = await ownerQuery<{ body_zh: string; body_en: string }>(t.db, `select body_zh, body_en from notification where dedupe_key = $1`, [`finding-feedback-${id}`]);
  expect(note!.body_zh).toContain(`请于 ${due} 前`);
  expect(note!.body_zh).toContain('确认时限：7 个工作日（依据：江苏省定点医疗机构服务协议第三十条）');
  expect(note!.body_en).toContain('Time limit: 7 working days (source: Jiangsu service agreement, art. 30)');
  // and says which calendar computed it (the one entered above): a later change does not move it
  const changedOn = chinaDateOf(new Date(calendarChangedAt()!));
  expect(note!.body_zh).toContain(`期限按 ${changedOn} 更新的工作日历计算，此后日历调整不改变本期限`);
  expect(note!.body_en).toContain(`computed with the working-day calendar of ${changedOn}; later calendar changes do not move it`);

  // the default threshold names the agencies' second-person review 复核, never enforcement's 法制审核 (migration 0036)
  const [fallback] = await ownerQuery<{ source_zh: string; source_en: string }>(t.db,
    `select source_zh, source_en from legal_clock where province_code = '*' and key = 'major_decision_amount'`);
  expect(fallback!.source_zh).toContain('（重大处理决定须经复核的金额线）');
  expect(fallback!.source_zh).not.toContain('法制审核');
  expect(fallback!.source_en).toContain('second-person review');
  // the province's review threshold: 200 yuan in Jiangsu makes a 300 yuan refusal a major decision
  await ownerQuery(t.db, `insert into legal_clock (province_code, key, value, unit, source_zh, source_en)
    values ('32', 'major_decision_amount', 200, 'yuan', '江苏省重大行政执行决定法制审核办法第六条', 'Jiangsu legal review rules, art. 6')`);
  const [{ id: findingId }] = await ownerQuery<{ id: string }>(t.db, `select id from finding where source_id = $1`, [id]);
  expect((await t.call(USERS.hospital, 'POST', `/api/findings/${findingId}/confirm`)).status).toBe(200);
  const decided = await t.call(USERS.xuanwu, 'POST', '/api/decisions', { findingIds: [findingId], measures: [{ kind: 'refuse_payment', amount: 300 }], basis: '服务协议第三十二条' });
  expect(decided.status).toBe(201);
  const [decision] = await ownerQuery<{ major: boolean; status: string }>(t.db, `select major, status from handling_decision where id = $1`, [decided.body.id]);
  expect(decision).toEqual({ major: true, status: 'pending_legal_review' });
  const finding = await t.call(USERS.hospital, 'GET', `/api/findings/${findingId}`);
  expect(finding.body.history.at(-1).comment).toBe('重大处理决定，待复核（复核金额线：200 元（依据：江苏省重大行政执行决定法制审核办法第六条））');
});
