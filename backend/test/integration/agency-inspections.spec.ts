import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { MarkInspectionOverdueCommand, SendCoverageDigestsCommand } from '../../src/contexts/spot-checks/application/agency-inspection.commands.js';
import { coverageDigestActor, coverageDigestScheduleOf } from '../../src/contexts/spot-checks/infrastructure/coverage-digest.js';
import { withTestApp, type TestApp } from '../support/app.js';
import { actorOf, type TestUser, USERS } from '../support/tokens.js';

// Issue 13 over HTTP on real PostgreSQL: service agreements say who handles an institution (county or
// city agency); agencies schedule, record and send their own inspections (team of ≥2 with recusal,
// checklist by kind, interviews); findings go to the agreement holder and disputes start at its
// bureau; every handling result is reported; suspension/termination move the agreement; coverage per
// jurisdiction with China-time month and year boundaries; the worklist in one action; bad input
// refused with a bilingual error and nothing written.

let t: TestApp;
const today = chinaDateOf(new Date());
const YEAR = Number(today.slice(0, 4));
const XW = USERS.xuanwu as TestUser;
const NJ = USERS.nanjing as TestUser;
const HOSPITAL = USERS.hospital as TestUser;
const XW_LEGAL: TestUser = { ...XW, sub: 'u-xw-legal2', username: 'xw.reviewer' };

const { owner, count } = withTestApp((app) => (t = app));
const clerkOf = (id: string, regionPath: string): TestUser =>
  ({ sub: `u-${id}`, username: `${id}.clerk`, roles: ['institution_clerk'], regionPath, orgId: id, orgKind: 'institution' });
const agencyUser = (code: string, path: string, roles = ['county_staff']): TestUser =>
  ({ sub: `u-agency-${code}`, username: `agency-${code}.staff`, roles, regionPath: path, orgId: `agency-${code}`, orgKind: 'agency' });

async function inspectorsOf(agencyId: string): Promise<string[]> {
  return (await owner<{ id: string }>(`select id from inspector where organization_id = $1 and active order by id`, [agencyId])).map((r) => r.id);
}

async function scheduleRecordSend(user: TestUser, institutionId: string, team: string[], finding: { amount: number; clinicianName?: string | null } | null) {
  const created = await t.call(user, 'POST', '/api/inspections', { institutionId, plannedOn: today, teamInspectorIds: team, inspectionType: 'routine' });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const items: string[] = created.body.checklistItems;
  const recorded = await t.call(user, 'PUT', `/api/inspections/${id}`, {
    inspectedOn: today,
    checklist: items.map((item, i) => ({ item, result: i === 1 && finding ? 'deficient' : 'compliant', note: null })),
    findings: finding ? [{ type: '串换药品', description: '将非医保药品串换为医保药品结算', amount: finding.amount, clinicianName: finding.clinicianName ?? null, attachmentIds: [] }] : [],
    attachmentIds: [],
    interviews: [{ person: '张主任', role: '医务科主任', heldOn: today, content: '问：串换药品是否知情？答：不知情。', attachmentIds: [] }],
  });
  expect(recorded.status).toBe(200);
  const sent = await t.call(user, 'POST', `/api/inspections/${id}/send`);
  expect(sent.status).toBe(200);
  return { id, view: sent.body };
}

describe('service agreements', () => {
  it('are seeded: tertiary hospitals with the city agency, every other institution with its county agency', async () => {
    expect(await count(`select count(*) from organization where kind = 'institution'`)).toBe(await count(`select count(*) from service_agreement`));
    expect(await count(
      `select count(*) from service_agreement a join organization o on o.id = a.institution_id
        where (o.institution_type = 'hospital' and o.institution_level = 'tertiary') <> (a.agency_id = 'agency-' || substr(o.region_code, 1, 4))`)).toBe(0);
    const mine = await t.call(XW, 'GET', '/api/agreements?pageSize=500');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((a: { agency: { id: string } }) => a.agency.id === 'agency-320102')).toBe(true);
    const own = await t.call(HOSPITAL, 'GET', '/api/agreements/inst-320102-0001');
    expect(own.body).toMatchObject({ status: 'active', agency: { id: 'agency-320102' } });
    expect((await t.call(HOSPITAL, 'GET', '/api/agreements/inst-320508-0001')).status).toBe(404);
    expect((await t.call(XW, 'GET', '/api/agreements?status=bogus')).body.error.code).toBe('agreement_status_invalid');
  });
});

describe('agency inspections: bad input changes nothing', () => {
  it('refuses a team of one, an inspector with a conflict, an institution outside the agreements, a negative amount', async () => {
    const team = await inspectorsOf('agency-320102');
    expect(team.length).toBeGreaterThanOrEqual(3);
    const before = await count(`select count(*) from inspection`);
    const one = await t.call(XW, 'POST', '/api/inspections', { institutionId: 'inst-320102-0001', plannedOn: today, teamInspectorIds: [team[0]] });
    expect(one.status).toBe(400);
    expect(one.body.error).toMatchObject({ code: 'inspection_team_size_invalid', details: { size: 1, min: 2 } });
    expect(one.body.error.message.zh).toContain('2');

    await owner(`update inspector set conflict_institution_ids = array['inst-320102-0001'] where id = $1`, [team[2]]);
    const conflict = await t.call(XW, 'POST', '/api/inspections', { institutionId: 'inst-320102-0001', plannedOn: today, teamInspectorIds: [team[0], team[2]] });
    expect(conflict.status).toBe(400);
    expect(conflict.body.error).toMatchObject({ code: 'inspection_inspector_conflict', details: { inspectorId: team[2], reason: 'linked_institution' } });
    expect(conflict.body.error.message.zh).toContain('回避');
    await owner(`update inspector set conflict_institution_ids = '{}' where id = $1`, [team[2]]);

    // Another county's institution is not even visible; a city-held hospital in the county is not the county's.
    expect((await t.call(XW, 'POST', '/api/inspections', { institutionId: 'inst-320508-0001', plannedOn: today, teamInspectorIds: team.slice(0, 2) })).body.error.code)
      .toBe('inspection_institution_unknown');
    const [cityHeld] = await owner<{ id: string; region_code: string; region_path: string }>(
      `select o.id, o.region_code, o.region_path from service_agreement a join organization o on o.id = a.institution_id
        where a.agency_id = 'agency-3201' order by o.id limit 1`);
    expect(cityHeld).toBeDefined();
    const county = agencyUser(cityHeld!.region_code, cityHeld!.region_path);
    const countyTeam = await inspectorsOf(`agency-${cityHeld!.region_code}`);
    const notHeld = await t.call(county, 'POST', '/api/inspections', { institutionId: cityHeld!.id, plannedOn: today, teamInspectorIds: countyTeam.slice(0, 2) });
    expect(notHeld.status).toBe(403);
    expect(notHeld.body.error.code).toBe('inspection_institution_not_held');
    expect(notHeld.body.error.message.en).toContain('service agreement');

    // Bureau staff do not schedule agency inspections (相对独立).
    const bureau: TestUser = { ...XW, sub: 'u-xwb', username: 'xw.bureau', orgId: 'bureau-320102', orgKind: 'bureau' };
    expect((await t.call(bureau, 'POST', '/api/inspections', { institutionId: 'inst-320102-0001', plannedOn: today, teamInspectorIds: team.slice(0, 2) })).body.error.code)
      .toBe('inspection_forbidden');
    expect(await count(`select count(*) from inspection`)).toBe(before);

    // A negative amount: the record is refused and the inspection stays as it was.
    const created = await t.call(XW, 'POST', '/api/inspections', { institutionId: 'inst-320102-0002', plannedOn: today, teamInspectorIds: team.slice(0, 2) });
    expect(created.status).toBe(201);
    const items: string[] = created.body.checklistItems;
    expect(items).toContain('挂床住院');
    const negative = await t.call(XW, 'PUT', `/api/inspections/${created.body.id}`, {
      inspectedOn: today, checklist: items.map((item) => ({ item, result: 'compliant', note: null })),
      findings: [{ type: '挂床住院', description: '挂床 3 人次', amount: -100, clinicianName: null, attachmentIds: [] }], attachmentIds: [],
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.code).toBe('amount_invalid');
    expect(negative.body.error.message.zh).toContain('金额');
    const [row] = await owner<{ status: string; findings: unknown[] }>(`select status, findings from inspection where id = $1`, [created.body.id]);
    expect(row).toMatchObject({ status: 'assigned', findings: [] });
    // Another agency cannot record it.
    expect((await t.call(USERS.gusu as TestUser, 'PUT', `/api/inspections/${created.body.id}`, { inspectedOn: today, checklist: [], findings: [], attachmentIds: [] })).status).toBe(404);
  });

  it('recuses an inspector who inspected the institution last year', async () => {
    const team = await inspectorsOf('agency-320102');
    const { id } = await scheduleRecordSend(XW, 'inst-320102-0002', [team[0]!, team[1]!], null);
    await owner(`update inspection set inspected_on = $2::date, due_date = $2::date, planned_on = $2::date where id = $1`, [id, `${YEAR - 1}-06-10`]);
    const again = await t.call(XW, 'POST', '/api/inspections', { institutionId: 'inst-320102-0002', plannedOn: today, teamInspectorIds: [team[0], team[2]] });
    expect(again.body.error).toMatchObject({ code: 'inspection_inspector_conflict', details: { inspectorId: team[0], reason: 'inspected_last_year' } });
  });
});

describe('who handles: the agreement holder', () => {
  it("a county agency's inspection: findings to the county agency, reported to and disputed at the county bureau", async () => {
    const team = await inspectorsOf('agency-320102');
    const { id, view } = await scheduleRecordSend(XW, 'inst-320102-0001', [team[1]!, team[2]!], { amount: 1200, clinicianName: '李医生' });
    expect(view).toMatchObject({ origin: 'agency', status: 'sent', agency: { id: 'agency-320102' }, inspectionType: 'routine', interviews: [expect.objectContaining({ person: '张主任' })] });
    const [finding] = await owner<{ id: string; source: string; handling_agency_id: string }>(`select id, source, handling_agency_id from finding where source_id = $1`, [id]);
    expect(finding).toMatchObject({ source: 'agency_inspection', handling_agency_id: 'agency-320102' });
    // The hospital sees its result and confirms.
    expect((await t.call(HOSPITAL, 'GET', `/api/inspections/${id}`)).status).toBe(200);
    expect((await t.call(HOSPITAL, 'POST', `/api/findings/${finding!.id}/confirm`, {})).status).toBeLessThan(300);
    // A talk alone is a handling result reported to the same-level bureau (seed 002 一(六)).
    const decision = await t.call(XW, 'POST', '/api/decisions', { findingIds: [finding!.id], measures: [{ kind: 'talk' }], basis: '依据服务协议第十条约谈。' });
    expect(decision.status).toBe(201);
    const [d] = await owner<{ reported_to_bureau_at: Date | null }>(`select reported_to_bureau_at from handling_decision where id = $1`, [decision.body.id]);
    expect(d!.reported_to_bureau_at).not.toBeNull();
    expect(await count(`select count(*) from notification where owner_org_id = 'bureau-320102' and title_zh like '协议处理情况报告%'`)).toBeGreaterThan(0);
    const dispute = await t.call(HOSPITAL, 'POST', '/api/disputes', { decisionId: decision.body.id, party: 'institution', reasons: '约谈依据不足。', attachmentIds: [] });
    expect(dispute.status).toBe(201);
    expect(dispute.body.path[0]).toMatchObject({ level: 'county', bureauId: 'bureau-320102' });
  });

  it("a city-contracted hospital: the city agency handles it and its dispute starts at the city bureau", async () => {
    const [h] = await owner<{ id: string; region_path: string }>(
      `select o.id, o.region_path from service_agreement a join organization o on o.id = a.institution_id where a.agency_id = 'agency-3201' order by o.id limit 1`);
    const team = await inspectorsOf('agency-3201');
    expect(team.length).toBeGreaterThanOrEqual(2);
    const { id } = await scheduleRecordSend(NJ, h!.id, team.slice(0, 2), { amount: 5600 });
    const [finding] = await owner<{ id: string; handling_agency_id: string }>(`select id, handling_agency_id from finding where source_id = $1`, [id]);
    expect(finding!.handling_agency_id).toBe('agency-3201');
    const clerk = clerkOf(h!.id, h!.region_path);
    expect((await t.call(clerk, 'POST', `/api/findings/${finding!.id}/confirm`, {})).status).toBeLessThan(300);
    // The county agency of the hospital's district cannot decide it; the city agency does.
    const county = agencyUser(h!.region_path.split('/').filter(Boolean)[2]!, h!.region_path);
    const refused = await t.call(county, 'POST', '/api/decisions', { findingIds: [finding!.id], measures: [{ kind: 'refuse_payment', amount: 5600 }], basis: '拒付。' });
    expect(refused.body.error.code).toBe('decision_forbidden');
    const decision = await t.call(NJ, 'POST', '/api/decisions', { findingIds: [finding!.id], measures: [{ kind: 'refuse_payment', amount: 5600 }], basis: '依据服务协议拒付。' });
    expect(decision.status).toBe(201);
    expect(await count(`select count(*) from notification where owner_org_id = 'bureau-3201' and link = $1`, [`/decisions/${decision.body.id}`])).toBeGreaterThan(0);
    const dispute = await t.call(clerk, 'POST', '/api/disputes', { decisionId: decision.body.id, party: 'institution', reasons: '金额计算有误。', attachmentIds: [] });
    expect(dispute.status).toBe(201);
    expect(dispute.body.path.map((l: { level: string; bureauId: string }) => [l.level, l.bureauId])).toEqual([['city', 'bureau-3201'], ['province', 'bureau-32']]);
  });

  it('a suspension suspends the agreement, the accepted rectification restores it; a termination ends it', async () => {
    const team = await inspectorsOf('agency-320102');
    const [inst] = await owner<{ id: string; region_path: string }>(
      `select o.id, o.region_path from service_agreement a join organization o on o.id = a.institution_id
        where a.agency_id = 'agency-320102' and o.institution_type = 'pharmacy' order by o.id limit 1`);
    const clerk = clerkOf(inst!.id, inst!.region_path);
    const { id } = await scheduleRecordSend(XW, inst!.id, [team[0]!, team[1]!], { amount: 300 });
    const findings = await owner<{ id: string }>(`select id from finding where source_id = $1`, [id]);
    await t.call(clerk, 'POST', `/api/findings/${findings[0]!.id}/confirm`, {});
    const suspend = await t.call(XW, 'POST', '/api/decisions', {
      findingIds: [findings[0]!.id], measures: [{ kind: 'suspend_settlement', rectificationDue: addCalendarDays(today, 20) }], basis: '暂停结算限期整改。',
    });
    expect(suspend.status).toBe(201);
    expect((await t.call(XW_LEGAL, 'POST', `/api/decisions/${suspend.body.id}/legal-review`, { approved: true, comment: '' })).status).toBeLessThan(300);
    expect((await t.call(clerk, 'GET', `/api/agreements/${inst!.id}`)).body.status).toBe('suspended');
    expect((await t.call(clerk, 'POST', `/api/decisions/${suspend.body.id}/rectification`, { report: '已整改。', attachmentIds: [] })).status).toBeLessThan(300);
    expect((await t.call(XW, 'POST', `/api/decisions/${suspend.body.id}/rectification/confirm`, { accepted: true, comment: '' })).status).toBeLessThan(300);
    const restored = await t.call(XW, 'GET', `/api/agreements/${inst!.id}`);
    expect(restored.body.status).toBe('active');
    expect(restored.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['suspended', 'active']);

    const second = await scheduleRecordSend(XW, inst!.id, [team[1]!, team[2]!], { amount: 900 });
    const [f2] = await owner<{ id: string }>(`select id from finding where source_id = $1`, [second.id]);
    await t.call(clerk, 'POST', `/api/findings/${f2!.id}/confirm`, {});
    const terminate = await t.call(XW, 'POST', '/api/decisions', { findingIds: [f2!.id], measures: [{ kind: 'terminate_agreement' }], basis: '终止协议。' });
    await t.call(XW_LEGAL, 'POST', `/api/decisions/${terminate.body.id}/legal-review`, { approved: true, comment: '' });
    expect((await t.call(XW, 'GET', `/api/agreements/${inst!.id}`)).body.status).toBe('terminated');
    // Disputed: the termination is held, the agreement in force again.
    expect((await t.call(clerk, 'POST', '/api/disputes', { decisionId: terminate.body.id, party: 'institution', reasons: '处理过重。', attachmentIds: [] })).status).toBe(201);
    expect((await t.call(XW, 'GET', `/api/agreements/${inst!.id}`)).body.status).toBe('active');
  });
});

describe('coverage per jurisdiction', () => {
  it('counts sent inspections by their China date: month and year boundaries', async () => {
    const month = today.slice(0, 7);
    const before = await t.call(XW, 'GET', `/api/coverage/jurisdictions?month=${month}`);
    expect(before.status).toBe(200);
    const xw = (body: any) => body.jurisdictions.find((j: { agencyId: string }) => j.agencyId === 'agency-320102');
    const rule = (body: any, name: string) => xw(body).rules.find((r: { rule: string }) => r.rule === name);
    // Xuanwu reads its own jurisdiction, and of the city agency's only the institutions located in Xuanwu.
    expect(before.body.jurisdictions.map((j: { agencyId: string }) => j.agencyId).sort()).toEqual(['agency-3201', 'agency-320102']);
    expect(before.body.jurisdictions.find((j: { agencyId: string }) => j.agencyId === 'agency-3201').institutions).toBe(1);
    const clinics = xw(before.body).kinds.find((k: { kind: string }) => k.kind === 'clinic');

    // A clinic inspected on the first of this month counts for the month; one on the last day of the previous month does not.
    const team = await inspectorsOf('agency-320102');
    // Two more clinics in Xuanwu, held by the county agency.
    const [c1, c2] = [{ id: 'inst-320102-9101' }, { id: 'inst-320102-9102' }];
    for (const c of [c1, c2]) {
      await owner(`insert into organization (id, name, kind, institution_type, institution_level, ownership, region_code, region_path)
                   values ($1, $1, 'institution', 'clinic', 'primary', 'public', '320102', '/32/3201/320102/')`, [c.id]);
      await owner(`insert into service_agreement (id, institution_id, agency_id, number, valid_from, valid_to, status, region_path, owner_org_id, updated_at)
                   values ('agr-' || $1, $1, 'agency-320102', 'T-' || $1, date '2025-01-01', date '2027-12-31', 'active', '/32/3201/320102/', $1, now())`, [c.id]);
    }
    const before2 = await t.call(XW, 'GET', `/api/coverage/jurisdictions?month=${month}`);
    const clinicsBase = xw(before2.body).kinds.find((k: { kind: string }) => k.kind === 'clinic');
    expect(clinicsBase.providers).toBe(clinics.providers + 2);
    const first = await scheduleRecordSend(XW, c1!.id, [team[0]!, team[1]!], null);
    const second = await scheduleRecordSend(XW, c2!.id, [team[0]!, team[1]!], null);
    const firstOfMonth = `${month}-01`;
    const lastOfPrevious = addCalendarDays(firstOfMonth, -1);
    await owner(`update inspection set inspected_on = $2::date where id = $1`, [first.id, firstOfMonth]);
    await owner(`update inspection set inspected_on = $2::date where id = $1`, [second.id, lastOfPrevious]);
    const after = await t.call(XW, 'GET', `/api/coverage/jurisdictions?month=${month}`);
    const clinicsAfter = xw(after.body).kinds.find((k: { kind: string }) => k.kind === 'clinic');
    expect(clinicsAfter.inspectedThisMonth).toBe(clinicsBase.inspectedThisMonth + 1);
    const sameYear = lastOfPrevious.slice(0, 4) === month.slice(0, 4);
    expect(clinicsAfter.inspectedThisYear).toBe(clinicsBase.inspectedThisYear + (sameYear ? 2 : 1));
    expect(rule(after.body, 'clinic_monthly')).toMatchObject({ basis: clinicsBase.providers, required: Math.ceil(clinicsBase.providers / 10), done: clinicsAfter.inspectedThisMonth });
    // The previous month's figures hold the other one.
    const previous = await t.call(XW, 'GET', `/api/coverage/jurisdictions?month=${lastOfPrevious.slice(0, 7)}`);
    expect(xw(previous.body).kinds.find((k: { kind: string }) => k.kind === 'clinic').inspectedThisMonth).toBeGreaterThanOrEqual(1);
    // Last year's 31 December is not this year.
    await owner(`update inspection set inspected_on = $2::date where id = $1`, [second.id, `${YEAR - 1}-12-31`]);
    const moved = await t.call(XW, 'GET', `/api/coverage/jurisdictions?month=${month}`);
    expect(xw(moved.body).kinds.find((k: { kind: string }) => k.kind === 'clinic').inspectedThisYear).toBe(clinicsBase.inspectedThisYear + 1);
    expect(rule(moved.body, 'full_coverage').done).toBe(xw(moved.body).onSiteThisYear);
    // The province reads every jurisdiction and its own sample per city, separately.
    const province = await t.call(USERS.province as TestUser, 'GET', `/api/coverage/jurisdictions?month=${month}`);
    expect(province.body.jurisdictions.some((j: { agencyId: string }) => j.agencyId === 'agency-3201')).toBe(true);
    expect(province.body.provinceSample.length).toBeGreaterThan(1);
    expect((await t.call(XW, 'GET', '/api/coverage/jurisdictions?month=2026-13')).body.error.code).toBe('coverage_period_invalid');
  });
});

describe('worklist', () => {
  it('suggests risk first and schedules in one action with recused teams; overdue is flagged once', async () => {
    const month = today.slice(0, 7);
    const list = await t.call(XW, 'GET', `/api/inspections/worklist?month=${month}`);
    expect(list.status).toBe(200);
    const suggested = list.body.items.filter((i: { suggested: boolean }) => i.suggested);
    expect(suggested.length).toBeGreaterThan(0);
    for (let k = 1; k < suggested.length; k++) expect(suggested[k - 1].risk).toBeGreaterThanOrEqual(suggested[k].risk);
    // inst-320102-0002's inspectors of last year are recused (see above): two of three would be, so it is left out.
    const pick = suggested.filter((i: { institutionId: string }) => i.institutionId !== 'inst-320102-0002').slice(0, 3).map((i: { institutionId: string }) => i.institutionId);
    const scheduled = await t.call(XW, 'POST', '/api/inspections/worklist/schedule', { institutionIds: pick, plannedOn: today });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.ids).toHaveLength(pick.length);
    const teams = await owner<{ team: { inspectorId: string }[]; institution_id: string }>(`select team, institution_id from inspection where id = any($1::uuid[])`, [scheduled.body.ids]);
    for (const r of teams) {
      expect(r.team).toHaveLength(2);
      const linked = await count(`select count(*) from inspector where id = any($1::text[]) and $2 = any(conflict_institution_ids)`, [r.team.map((m) => m.inspectorId), r.institution_id]);
      expect(linked).toBe(0);
    }
    const again = await t.call(XW, 'GET', `/api/inspections/worklist?month=${month}`);
    for (const id of pick) expect(again.body.items.find((i: { institutionId: string }) => i.institutionId === id)).toMatchObject({ scheduled: true, suggested: false });
    // All or nothing: one unknown institution refuses the batch.
    const before = await count(`select count(*) from inspection`);
    expect((await t.call(XW, 'POST', '/api/inspections/worklist/schedule', { institutionIds: [pick[0], 'inst-320508-0001'], plannedOn: today })).body.error.code)
      .toBe('inspection_institution_unknown');
    expect(await count(`select count(*) from inspection`)).toBe(before);

    // Planned yesterday, not sent: the workflow's step flags it once.
    const yesterday = addCalendarDays(today, -1);
    await owner(`update inspection set planned_on = $2::date, due_date = $2::date where id = $1`, [scheduled.body.ids[0], yesterday]);
    const commands = t.app.get(Commands);
    expect(await commands.execute(new MarkInspectionOverdueCommand(actorOf(XW), scheduled.body.ids[0]))).toBe(true);
    expect(await commands.execute(new MarkInspectionOverdueCommand(actorOf(XW), scheduled.body.ids[0]))).toBe(false);
    const overdue = await t.call(XW, 'GET', '/api/inspections?origin=agency&overdue=true');
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toContain(scheduled.body.ids[0]);
  });
});

describe('the coverage digest on the 1st', () => {
  it("tells each agency last month's result and this month's worklist; in Q4 what is still missing; once per month", async () => {
    const commands = t.app.get(Commands);
    const province = coverageDigestActor('32');
    const march = await commands.execute(new SendCoverageDigestsCommand(province, '32', `${YEAR}-03`));
    expect(march.sent).toBeGreaterThan(0);
    expect(march.sent).toBeLessThanOrEqual(march.agencies);
    const [mine] = await owner<{ title_zh: string; body_zh: string; link: string }>(
      `select title_zh, body_zh, link from notification where owner_org_id = 'agency-320102' and title_zh like $1`, [`${YEAR}-03 检查任务%`]);
    expect(mine!.title_zh).toMatch(/建议检查 \d+ 家/);
    expect(mine!.body_zh).toContain(`上月（${YEAR}-02）覆盖情况`);
    expect(mine!.body_zh).not.toContain('第四季度');
    expect((await commands.execute(new SendCoverageDigestsCommand(province, '32', `${YEAR}-03`))).sent).toBe(0);
    await commands.execute(new SendCoverageDigestsCommand(province, '32', `${YEAR}-11`));
    const [q4] = await owner<{ body_zh: string }>(`select body_zh from notification where owner_org_id = 'agency-320102' and title_zh like $1`, [`${YEAR}-11 检查任务%`]);
    expect(q4!.body_zh).toMatch(/第四季度提示：本年度尚未现场检查的机构 \d+ 家，检查不足两次的重点监管单位 \d+ 家/);
    // The city agency gets its own (its tertiary hospitals).
    expect(await count(`select count(*) from notification where owner_org_id = 'agency-3201' and title_zh like $1`, [`${YEAR}-11 检查任务%`])).toBe(1);
  });

  it('is due on the 1st at 08:00 China time', () => {
    expect(coverageDigestScheduleOf(undefined, new Date('2026-11-30T23:59:59Z'))).toEqual({ month: '2026-12', sendAt: '2026-12-01T00:00:00.000Z', nextMonth: '2027-01' });
    expect(coverageDigestScheduleOf(undefined, new Date('2026-12-01T00:00:00Z')).month).toBe('2027-01');
    expect(coverageDigestScheduleOf('2026-12', new Date('2026-12-20T00:00:00Z'))).toEqual({ month: '2026-12', sendAt: '2026-12-01T00:00:00.000Z', nextMonth: '2027-01' });
  });
});

describe("annual plan targets measured from the inspections sent", () => {
  it("现场检查家次 and 现场检查覆盖率 advance from the agency's sent inspections; other targets keep typed progress", async () => {
    expect((await t.call(USERS.province as TestUser, 'POST', '/api/plan-cycles', { year: YEAR })).status).toBe(201);
    const [plan] = await owner<{ id: string }>(`select id from annual_plan where owner_org_id = 'agency-320102' and year = $1`, [YEAR]);
    const { body: before } = await t.call(XW, 'GET', `/api/plans/${plan!.id}`);
    expect(before.measured).toEqual([]);
    const saved = await t.call(XW, 'PUT', `/api/plans/${plan!.id}/draft`, {
      version: before.version,
      content: {
        targets: [
          { code: 'provider_coverage', label: '定点医药机构现场检查覆盖率', unit: 'percent', value: 100 },
          { code: 'onsite_checks', label: '现场检查家次', unit: 'count', value: 40 },
          { code: 'claims_rereview', label: '住院费用复审比例', unit: 'percent', value: 5 },
        ],
        focusAreas: ['split_charging'], methods: '日常稽核', steps: '按月推进', responsiblePersons: [{ name: '张伟', title: '稽核科科长', phone: '025-84600000' }],
      },
      schedule: [
        { id: 'T1', title: '现场检查', owner: '稽核科', targetCode: 'onsite_checks', monthly: Array(12).fill(4) },
        { id: 'T2', title: '覆盖通报', owner: '稽核科', targetCode: 'provider_coverage', monthly: Array(12).fill(1) },
        { id: 'T3', title: '复审', owner: '审核科', targetCode: 'claims_rereview', monthly: Array(12).fill(1) },
      ],
    });
    expect([saved.status, saved.body.error]).toEqual([200, undefined]);
    const { body } = await t.call(XW, 'GET', `/api/plans/${plan!.id}`);
    const [sent] = await owner<{ n: string }>(
      `select count(*) as n from inspection where origin = 'agency' and agency_id = 'agency-320102' and status = 'sent' and method = 'on_site'
          and inspected_on >= make_date($1, 1, 1) and inspected_on < make_date($1 + 1, 1, 1)`, [YEAR]);
    const [held] = await owner<{ total: string; done: string }>(
      `select count(*) as total, count(*) filter (where exists (select 1 from inspection i where i.institution_id = a.institution_id and i.status = 'sent'
                and (i.origin = 'spot_check' or i.method = 'on_site') and i.inspected_on >= make_date($1, 1, 1) and i.inspected_on < make_date($1 + 1, 1, 1))) as done
         from service_agreement a where a.agency_id = 'agency-320102' and a.status <> 'terminated'`, [YEAR]);
    expect(Number(sent!.n)).toBeGreaterThan(0);
    const checks = body.measured.find((m: { targetCode: string }) => m.targetCode === 'onsite_checks');
    expect(checks).toMatchObject({ unit: 'count', target: 40, value: Number(sent!.n) });
    expect(checks.byMonth.reduce((a: number, b: number) => a + b, 0)).toBe(Number(sent!.n));
    expect(body.measured.find((m: { targetCode: string }) => m.targetCode === 'provider_coverage'))
      .toMatchObject({ unit: 'percent', target: 100, of: { done: Number(held!.done), total: Number(held!.total) } });
    expect(body.measured.map((m: { targetCode: string }) => m.targetCode).sort()).toEqual(['onsite_checks', 'provider_coverage']);
  });
});

describe('interview records (询问笔录)', () => {
  it("keep their evidence: the agency's own uploads are accepted, unknown ones refused", async () => {
    const team = await inspectorsOf('agency-320102');
    const created = await t.call(XW, 'POST', '/api/inspections', { institutionId: 'inst-320102-0001', plannedOn: today, teamInspectorIds: [team[1], team[2]] });
    expect(created.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.7\n询问笔录\n%%EOF'))]), 'interview.pdf');
    const up = await fetch(`${t.baseUrl}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${await t.keys.token(XW)}` }, body: form });
    expect(up.status).toBe(201);
    const { id: fileId } = (await up.json()) as { id: string };
    const body = (attachmentIds: string[]) => ({
      inspectedOn: today, checklist: (created.body.checklistItems as string[]).map((item) => ({ item, result: 'compliant', note: null })),
      findings: [], attachmentIds: [],
      interviews: [{ person: '李护士长', role: '住院部护士长', heldOn: today, content: '问：病房在床情况？答：均在床。', attachmentIds }],
    });
    const unknown = await t.call(XW, 'PUT', `/api/inspections/${created.body.id}`, body(['00000000-0000-4000-8000-000000000000']));
    expect(unknown.body.error.code).toBe('attachment_unknown');
    const saved = await t.call(XW, 'PUT', `/api/inspections/${created.body.id}`, body([fileId]));
    expect([saved.status, saved.body.error]).toEqual([200, undefined]);
    expect(saved.body.interviews).toEqual([expect.objectContaining({ person: '李护士长', attachmentIds: [fileId] })]);
  });
});

describe('team candidates for a hand-picked team', () => {
  it("lists the agency's active inspectors, the recused ones marked with the reason", async () => {
    const team = await inspectorsOf('agency-320102');
    await owner(`update inspector set conflict_institution_ids = array['inst-320102-0001'] where id = $1`, [team[0]]);
    const res = await t.call(XW, 'GET', '/api/inspections/team-candidates?institutionId=inst-320102-0001');
    expect(res.status).toBe(200);
    expect(res.body.map((c: { inspectorId: string }) => c.inspectorId).sort()).toEqual([...team].sort());
    expect(res.body.find((c: { inspectorId: string }) => c.inspectorId === team[0])).toMatchObject({ eligible: false, reason: 'linked_institution' });
    await owner(`update inspector set conflict_institution_ids = '{}' where id = $1`, [team[0]]);
    // bureaus do not form inspection teams; the institution id is required
    const bureau: TestUser = { ...XW, sub: 'u-xwb2', username: 'xw.bureau', orgId: 'bureau-320102', orgKind: 'bureau' };
    expect((await t.call(bureau, 'GET', '/api/inspections/team-candidates?institutionId=inst-320102-0001')).body.error.code).toBe('inspection_forbidden');
    expect((await t.call(XW, 'GET', '/api/inspections/team-candidates')).status).toBe(400);
  });
});
