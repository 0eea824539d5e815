import { createHash } from 'node:crypto';
import { chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { DashboardProjector } from '../../src/contexts/dashboards/infrastructure/dashboard-projector.js';
import { parsePeriod } from '../../src/contexts/dashboards/domain/period.js';
import { withTestApp, type TestApp } from '../support/app.js';
import { coverageFromRecords, readModelSnapshot } from '../support/dashboards.js';
import { USERS, type TestUser } from '../support/tokens.js';

// Issue 13 §4: the dashboard's coverage, each rule against its own basis (docs/api/dashboards-and-monthly-reports.md
// §2.1). Inspections of last year in Xuanwu (all its months over) through the real commands — the city agency's own,
// on site or by data review, and a province spot-check — then dated into last year's months (the recusal of "who
// inspected it the year before" would otherwise refuse the later teams): the rules of the county, the city and the
// province for a year, quarters and months equal counts on the write tables; a data review counts as an inspection
// but not for the on-site rules; the province's sample is a measure per city; the lists behind the rules; the
// projected read model equals the rebuild.

let t: TestApp;
const today = chinaDateOf(new Date());
const LY = Number(today.slice(0, 4)) - 1;
const NJ = USERS.nanjing as TestUser; // the city agency: it may inspect any institution of its city (交叉检查)
const province = USERS.province as TestUser;
const JS_LEADER: TestUser = { sub: 'u-js-lead', username: 'js.leader', roles: ['leader'], regionPath: '/32/', orgId: 'bureau-32', orgKind: 'bureau' };
const NJ_LEADER: TestUser = { sub: 'u-nj-lead', username: 'nj.leader', roles: ['leader'], regionPath: '/32/3201/', orgId: 'bureau-3201', orgKind: 'bureau' };
const XW_LEADER: TestUser = { sub: 'u-xw-lead', username: 'xw.leader', roles: ['leader'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const SECRETS = ['见证人-覆盖-1', 'witness-cov-2', 'witness-cov-3'];
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const { owner } = withTestApp((app) => (t = app));
const projector = () => t.app.get(DashboardProjector);

type Rule = { rule: string; basis: number; required: number; done: number; met: boolean; state: string; unit: string; months?: { month: string; done: number; met: boolean }[] };
async function dashboard(user: TestUser, region: string, period: string) {
  const res = await t.call(user, 'GET', `/api/dashboards?region=${region}&period=${period}`);
  expect([region, period, res.status]).toEqual([region, period, 200]);
  return res.body as { coverage: { rules: Rule[]; provinceSample: { cityCode: string; basis: number; required: number; done: number; met: boolean; state: string }[]; inspected: number } };
}
const ruleOf = (d: Awaited<ReturnType<typeof dashboard>>, name: string) => d.coverage.rules.find((r) => r.rule === name)!;

let inspectors: string[] = [];
/** The city agency schedules, records and sends one inspection of an institution (today), with the first team recusal allows. */
async function inspect(institutionId: string, method: 'on_site' | 'data_review'): Promise<string> {
  for (let a = 0; a < inspectors.length; a++) {
    for (let b = a + 1; b < inspectors.length; b++) {
      const created = await t.call(NJ, 'POST', '/api/inspections', { institutionId, plannedOn: today, teamInspectorIds: [inspectors[a], inspectors[b]], method });
      if (created.status === 400 && created.body.error?.code === 'inspection_inspector_conflict') continue;
      expect([created.status, created.body.error]).toEqual([201, undefined]);
      const id: string = created.body.id;
      const items: string[] = created.body.checklistItems;
      const recorded = await t.call(NJ, 'PUT', `/api/inspections/${id}`, {
        inspectedOn: today, checklist: items.map((item) => ({ item, result: 'compliant', note: null })), findings: [], attachmentIds: [], interviews: [],
      });
      expect([recorded.status, recorded.body.error]).toEqual([200, undefined]);
      expect((await t.call(NJ, 'POST', `/api/inspections/${id}/send`)).status).toBe(200);
      return id;
    }
  }
  throw new Error(`no team without a conflict for ${institutionId}`);
}
/** Dates a sent inspection into another day (behind the domain's back) and lets the projector follow it. */
async function dateTo(id: string, day: string) {
  await owner(`update inspection set inspected_on = $2::date, due_date = $2::date, planned_on = coalesce(planned_on, $2::date) where id = $1`, [id, day]);
  await projector().refresh('inspection', [id]);
}

let xw: { hospitalA: string; key: string; pharmacy: string; clinic: string };

beforeAll(async () => {
  await projector().rebuild();
  inspectors = (await owner<{ id: string }>(`select id from inspector where organization_id = 'agency-3201' and active order by id`)).map((r) => r.id);
  const pick = async (where: string) => {
    const [r] = await owner<{ id: string }>(`select id from organization where kind = 'institution' and region_code = '320102' and ${where} order by id limit 1`);
    expect([where, r]).toEqual([where, expect.anything()]);
    return r!.id;
  };
  xw = {
    hospitalA: await pick(`institution_type = 'hospital' and credit_rating = 'A' and not key_supervision`),
    key: await pick(`key_supervision`),
    pharmacy: await pick(`institution_type = 'pharmacy' and not key_supervision`),
    clinic: await pick(`institution_type = 'clinic' and not key_supervision`),
  };
});

describe("the dashboard's coverage rules", () => {
  it('a data review counts as an inspection, not for the on-site rules (全覆盖, high-credit hospitals); an on-site inspection does', async () => {
    const before = await dashboard(XW_LEADER, '320102', String(LY));
    expect(ruleOf(before, 'full_coverage')).toMatchObject({ basis: expect.any(Number), done: 0, unit: 'institutions' });
    expect(ruleOf(before, 'full_coverage').basis).toBeGreaterThan(3);

    const review = await inspect(xw.hospitalA, 'data_review');
    await projector().drain();
    await dateTo(review, `${LY}-03-10`);
    const afterReview = await dashboard(XW_LEADER, '320102', String(LY));
    expect(afterReview.coverage.inspected).toBe(before.coverage.inspected + 1);
    expect(ruleOf(afterReview, 'full_coverage').done).toBe(ruleOf(before, 'full_coverage').done);
    expect(ruleOf(afterReview, 'high_credit_full').done).toBe(ruleOf(before, 'high_credit_full').done);

    const visit = await inspect(xw.hospitalA, 'on_site');
    await projector().drain();
    await dateTo(visit, `${LY}-05-12`);
    const afterVisit = await dashboard(XW_LEADER, '320102', String(LY));
    expect(afterVisit.coverage.inspected).toBe(afterReview.coverage.inspected); // the same institution
    expect(ruleOf(afterVisit, 'full_coverage').done).toBe(ruleOf(before, 'full_coverage').done + 1);
    expect(ruleOf(afterVisit, 'high_credit_full').done).toBe(ruleOf(before, 'high_credit_full').done + 1);
    // judged on the year to the period's end: not yet by the end of March, counted from May
    expect(ruleOf(await dashboard(XW_LEADER, '320102', `${LY}-Q1`), 'full_coverage').done).toBe(0);
    expect(ruleOf(await dashboard(XW_LEADER, '320102', `${LY}-05`), 'full_coverage').done).toBe(1);
  });

  it('monthly rules month by month (a data review counts), yearly rules on the year to date, key units from their second inspection', async () => {
    const dated: [string, string][] = [
      [await inspect(xw.key, 'on_site'), `${LY}-02-05`],
      [await inspect(xw.key, 'data_review'), `${LY}-08-20`],
      [await inspect(xw.pharmacy, 'on_site'), `${LY}-02-14`],
      [await inspect(xw.pharmacy, 'data_review'), `${LY}-03-03`],
      [await inspect(xw.clinic, 'data_review'), `${LY}-04-08`],
    ];
    await projector().drain();
    for (const [id, day] of dated) await dateTo(id, day);

    const [{ pharmacies, clinics }] = await owner<{ pharmacies: number; clinics: number }>(
      `select count(*) filter (where institution_type = 'pharmacy')::int as pharmacies, count(*) filter (where institution_type = 'clinic')::int as clinics
         from organization where kind = 'institution' and region_code = '320102'`);
    const march = await dashboard(XW_LEADER, '320102', `${LY}-03`);
    expect(ruleOf(march, 'pharmacy_monthly')).toMatchObject({ basis: pharmacies, required: Math.ceil(pharmacies / 10), done: 1, unit: 'institutions', state: 'met' });
    expect(ruleOf(march, 'clinic_monthly')).toMatchObject({ basis: clinics, required: Math.ceil(clinics / 10), done: 0, met: false, state: 'not_met' });
    // to the end of March: the key unit and the pharmacy on site in February (the hospital's March data review not)
    expect(ruleOf(march, 'full_coverage').done).toBe(2);
    expect(ruleOf(march, 'pharmacy_yearly')).toMatchObject({ basis: pharmacies, required: pharmacies, done: 1 });

    const q1 = await dashboard(XW_LEADER, '320102', `${LY}-Q1`);
    const pm = ruleOf(q1, 'pharmacy_monthly');
    expect(pm).toMatchObject({ basis: pharmacies, unit: 'months', required: 3, done: 2, met: false, state: 'not_met' });
    expect(pm.months!.map((m) => [m.month, m.done, m.met])).toEqual([[`${LY}-01`, 0, false], [`${LY}-02`, 1, true], [`${LY}-03`, 1, true]]);
    expect(ruleOf(q1, 'clinic_yearly').done).toBe(0);
    expect(ruleOf(await dashboard(XW_LEADER, '320102', `${LY}-Q2`), 'clinic_yearly').done).toBe(1);

    // key supervision: once by June (in progress at the end of Q2), twice from August; the year is over: met
    expect(ruleOf(await dashboard(XW_LEADER, '320102', `${LY}-Q2`), 'key_twice')).toMatchObject({ done: 0, state: 'in_progress' });
    expect(ruleOf(await dashboard(XW_LEADER, '320102', `${LY}-Q3`), 'key_twice').done).toBe(1);
    const year = await dashboard(XW_LEADER, '320102', String(LY));
    const key = ruleOf(year, 'key_twice');
    expect(key).toMatchObject({ done: 1, state: key.basis === 1 ? 'met' : 'not_met' });
    // not every institution was inspected on site in the year: missed for good
    expect(ruleOf(year, 'full_coverage')).toMatchObject({ met: false, state: 'not_met' });
  });

  it("the province's sample is a separate measure per city: a province spot-check counts, the agencies' inspections do not", async () => {
    const created = await t.call(province, 'POST', '/api/spot-checks', {
      year: LY + 1, title: `${LY + 1}年度覆盖规则测试抽查`, cityCodes: ['3201'], witnesses: [{ name: '王监督' }, { name: '李代表' }, { name: '赵律师' }], parameters: { teamSize: 2 },
    });
    expect([created.status, created.body.error]).toEqual([201, undefined]);
    const id = created.body.id;
    expect((await t.call(province, 'POST', `/api/spot-checks/${id}/commit`, { witnessCommitments: SECRETS.map(sha256) })).status).toBe(200);
    expect((await t.call(province, 'POST', `/api/spot-checks/${id}/draw`, { witnessSecrets: SECRETS })).status).toBe(200);
    const [drawn] = await owner<{ id: string; items: string[] }>(`select id, checklist_items as items from inspection where spot_check_id = $1 order by draw_order limit 1`, [id]);
    const recorded = await t.call(province, 'PUT', `/api/inspections/${drawn!.id}`, {
      inspectedOn: today, checklist: drawn!.items.map((item) => ({ item, result: 'compliant' })), attachmentIds: [], findings: [],
    });
    expect([recorded.status, recorded.body.error]).toEqual([200, undefined]);
    expect((await t.call(province, 'POST', `/api/inspections/${drawn!.id}/send`)).status).toBe(200);
    await projector().drain();
    await dateTo(drawn!.id, `${LY}-06-10`);

    const [{ n: institutions }] = await owner<{ n: number }>(`select count(*)::int as n from organization where kind = 'institution' and region_code like '3201%'`);
    const city = await dashboard(NJ_LEADER, '3201', String(LY));
    expect(city.coverage.provinceSample).toEqual([expect.objectContaining({ cityCode: '3201', basis: institutions, required: Math.ceil(institutions / 10), done: 1, met: institutions <= 10 })]);
    expect((await dashboard(NJ_LEADER, '3201', `${LY}-Q1`)).coverage.provinceSample[0]!.done).toBe(0);
    const prov = await dashboard(JS_LEADER, '32', String(LY));
    expect(prov.coverage.provinceSample).toHaveLength(13);
    expect(prov.coverage.provinceSample.filter((r) => r.done > 0).map((r) => [r.cityCode, r.done])).toEqual([['3201', 1]]);
    expect((await dashboard(XW_LEADER, '320102', String(LY))).coverage.provinceSample).toEqual([]);
  });

  it('every rule of the county, the city and the province, for a year, quarters and months, equals counts on the write tables', async () => {
    const scopes: [TestUser, string, string][] = [[XW_LEADER, '320102', '/32/3201/320102/'], [NJ_LEADER, '3201', '/32/3201/'], [JS_LEADER, '32', '/32/']];
    for (const key of [String(LY), `${LY}-Q1`, `${LY}-Q2`, `${LY}-Q3`, `${LY}-02`, `${LY}-03`, `${LY}-05`, `${LY}-08`]) {
      for (const [user, region, path] of scopes) {
        const d = await dashboard(user, region, key);
        const expected = await coverageFromRecords(t.db, path, parsePeriod(key));
        expect([region, key, d.coverage.rules.map((r) => ({ rule: r.rule, basis: r.basis, required: r.required, done: r.done, unit: r.unit }))])
          .toEqual([region, key, expected.rules]);
        for (const r of d.coverage.rules) expect([region, key, r.rule, r.met]).toEqual([region, key, r.rule, r.done >= r.required]);
        if (region === '3201') {
          const s = expected.sample.get('3201')!;
          expect([key, d.coverage.provinceSample.map((r) => [r.basis, r.done])]).toEqual([key, [[s.basis, s.done]]]);
        }
      }
    }
  });

  it('the lists behind the rules: on-site inspections from January (ytd), inspections of one kind of institution', async () => {
    const items = async (query: string) => {
      const res = await t.call(XW_LEADER, 'GET', `/api/dashboards/items?region=320102&${query}&size=200`);
      expect([query, res.status]).toEqual([query, 200]);
      expect(res.body.items.length).toBe(res.body.total);
      return res.body as { total: number; items: { kind: string; itemId: string; month: string }[] };
    };
    // January to May: the key unit and the pharmacy in February, the hospital in May; the data reviews are not on site
    const onSite = await items(`period=${LY}-05&metric=inspections_on_site&ytd=true`);
    expect(onSite.items.map((i) => i.month)).toEqual([`${LY}-05`, `${LY}-02`, `${LY}-02`]);
    expect((await items(`period=${LY}-05&metric=inspections_on_site`)).total).toBe(1);
    expect((await items(`period=${LY}-Q1&metric=inspections&institutionKind=pharmacy`)).items.map((i) => i.month)).toEqual([`${LY}-03`, `${LY}-02`]);
    expect((await items(`period=${LY}-05&metric=inspections&institutionKind=pharmacy&ytd=true`)).total).toBe(2);
    const sample = await t.call(NJ_LEADER, 'GET', `/api/dashboards/items?region=3201&period=${LY}&metric=inspections_spot_check&ytd=true`);
    expect(sample.body.total).toBe(1);
    for (const [query, field] of [['institutionKind=school', 'institutionKind'], ['ytd=maybe', 'ytd']]) {
      const bad = await t.call(XW_LEADER, 'GET', `/api/dashboards/items?period=${LY}&metric=inspections&${query}`);
      expect({ status: bad.status, code: bad.body.error?.code, field: bad.body.error?.details?.field }).toEqual({ status: 400, code: 'invalid_request', field });
    }
  });

  it('the projected read model (events, then the refreshes of the re-dated inspections) equals the rebuild', async () => {
    await projector().drain();
    const incremental = await readModelSnapshot(t.db);
    expect(incremental.coverage.some((c) => Number(c.first_on_site) > 0 && Number(c.key_second) > 0)).toBe(true);
    await projector().rebuild();
    expect(await readModelSnapshot(t.db)).toEqual(incremental);
  });
});
