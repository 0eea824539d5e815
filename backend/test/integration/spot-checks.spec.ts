import { createHash } from 'node:crypto';
import pg from 'pg';
import { addCalendarDays, addWorkingDays, chinaDateOf, chinaInstant } from '../../src/platform/calendar/working-days.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { MarkSpotCheckOverdueCommand, RemindSpotCheckDueCommand } from '../../src/contexts/spot-checks/application/commands.js';
import { canonicalJson } from '../../src/contexts/spot-checks/domain/draw/index.js';
import { startTestApp, uploadPdf, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { actorOf, NJ_BUREAU, type TestUser, USERS } from '../support/tokens.js';

// Spot-checks over HTTP (docs/api/campaigns-and-spot-checks.md): validation → commit (directories
// frozen, commitment published) → a refused reveal → the draw (≥10% per city, recusal) → the
// published record replayed (stored, tampered, uploaded) → inspections recorded and sent (the
// institution sees its own once sent) → tenancy → coverage → the workflow's clock steps.

let t: TestApp;
const today = chinaDateOf(new Date());
const YEAR = Number(today.slice(0, 4));
const MONTH = Number(today.slice(5, 7));
const province = USERS.province as TestUser;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const SECRETS = ['见证人甲的随机串-7f3a', 'witness-two-91c2', 'witness-three-0d5e'];
const WITNESSES = [{ name: '王监督（省纪委监委驻局纪检监察组）' }, { name: '李代表（人大代表）' }, { name: '赵律师（社会监督员）' }];

let spotCheckId = '';
let population = 0;
let committedRecord = '';
let inspections: { id: string; institution_id: string; city_code: string; region_path: string; kind: string; team: { inspectorId: string }[] }[] = [];
let target: (typeof inspections)[number] | null = null;
let institutionUser: TestUser;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

function owner<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return ownerQuery<T>(t.db, sql, params);
}

const clock = (cmd: Parameters<Commands['execute']>[0]) => t.app.get(Commands).execute(cmd);
const institutionToken = (id: string, regionPath: string): TestUser =>
  ({ sub: `u-${id}`, username: `${id}.clerk`, roles: ['institution_clerk'], regionPath, orgId: id, orgKind: 'institution' });

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [r] = await owner<{ n: number }>(sql, params);
  return Number(r.n);
}

const upload = (user: TestUser, name: string) => uploadPdf(t, user, name);

async function checklistOf(id: string): Promise<{ item: string; result: string; note: string | null }[]> {
  const res = await t.call(province, 'GET', `/api/inspections/${id}`);
  return (res.body.checklistItems as string[]).map((item, i) => ({ item, result: i === 0 ? 'deficient' : 'compliant', note: i === 0 ? '抽查病历 20 份，发现串换项目' : null }));
}

describe('spot-checks: creation', () => {
  it('validates and writes nothing on a refusal', async () => {
    const base = { year: YEAR, title: `${YEAR}年度全省定点医药机构“双随机”抽查`, witnesses: WITNESSES };
    const ratio = await t.call(province, 'POST', '/api/spot-checks', { ...base, parameters: { defaultRatio: 0.05 } });
    expect(ratio.status).toBe(400);
    expect(ratio.body.error).toMatchObject({ code: 'spot_check_ratio_invalid', details: { stratum: 'default', min: 0.1 } });
    expect(ratio.body.error.message.zh).toContain('10%');
    const stratum = await t.call(province, 'POST', '/api/spot-checks', { ...base, parameters: { ratios: { 'hospital/tertiary': 0.05 } } });
    expect(stratum.body.error).toMatchObject({ code: 'spot_check_ratio_invalid', details: { stratum: 'hospital/tertiary', min: 0.1 } });
    expect((await t.call(province, 'POST', '/api/spot-checks', { ...base, parameters: { ratios: { 'hospital/huge': 0.5 } } })).body.error.code).toBe('spot_check_ratio_invalid');
    expect((await t.call(province, 'POST', '/api/spot-checks', { ...base, parameters: { teamSize: 6 } })).body.error.code).toBe('spot_check_team_size_invalid');
    expect((await t.call(province, 'POST', '/api/spot-checks', { ...base, parameters: { teamSize: 1 } })).body.error.code).toBe('spot_check_team_size_invalid');
    expect((await t.call(province, 'POST', '/api/spot-checks', { ...base, witnesses: [] })).body.error.code).toBe('spot_check_witnesses_invalid');
    expect((await t.call(province, 'POST', '/api/spot-checks', { ...base, witnesses: [{ name: 'a' }, { name: 'a' }] })).body.error.code).toBe('spot_check_witnesses_invalid');
    expect((await t.call(province, 'POST', '/api/spot-checks', { ...base, cityCodes: ['3301'] })).body.error.code).toBe('spot_check_city_unknown');
    expect((await t.call(province, 'POST', '/api/spot-checks', { ...base, institutionKinds: ['dentist'] })).body.error.code).toBe('spot_check_kinds_invalid');
    expect((await t.call(province, 'POST', '/api/spot-checks', { ...base, dueDate: '2020-01-01' })).body.error.code).toBe('spot_check_due_invalid');
    expect((await t.call(province, 'POST', '/api/spot-checks', { ...base, campaignId: '00000000-0000-4000-8000-000000000000' })).body.error.code).toBe('spot_check_campaign_unknown');
    expect((await t.call(USERS.nanjing, 'POST', '/api/spot-checks', base)).status).toBe(403);
    expect((await t.call(NJ_BUREAU, 'POST', '/api/spot-checks', base)).status).toBe(403);
    expect(await count(`select count(*)::int as n from spot_check`)).toBe(0);
  });

  it('creates a standalone spot-check: every city, all three kinds, due in 60 days, the four default items', async () => {
    const res = await t.call(province, 'POST', '/api/spot-checks', {
      year: YEAR, title: `${YEAR}年度全省定点医药机构“双随机”抽查`, witnesses: WITNESSES, parameters: { teamSize: 2, ratios: { 'hospital/tertiary': 0.3 } },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['id']);
    spotCheckId = res.body.id;
    const detail = (await t.call(province, 'GET', `/api/spot-checks/${spotCheckId}`)).body;
    expect(detail).toMatchObject({
      year: YEAR, status: 'draft', campaignId: null, campaignTitle: null, institutionKinds: ['hospital', 'pharmacy', 'clinic'],
      parameters: { defaultRatio: 0.1, ratios: { 'hospital/tertiary': 0.3 }, teamSize: 2, riskWeighted: true },
      dueDate: addCalendarDays(today, 60), witnesses: WITNESSES, beaconRequired: false, commitment: null, population: 0, drawn: 0,
      inspections: { total: 0, recorded: 0, sent: 0, overdue: 0 }, strata: [], history: [expect.objectContaining({ action: 'created' })],
    });
    expect(detail.cityCodes).toHaveLength(13);
    expect(detail.checklistItems).toHaveLength(4);
    expect((await t.call(USERS.hospital, 'GET', `/api/spot-checks/${spotCheckId}`)).status).toBe(403);
    expect((await t.call(USERS.hospital, 'GET', '/api/spot-checks')).status).toBe(403);
  });
});

describe('spot-checks: commit and draw', () => {
  it('refuses malformed commitments and a draw before the commit', async () => {
    const few = await t.call(province, 'POST', `/api/spot-checks/${spotCheckId}/commit`, { witnessCommitments: SECRETS.slice(0, 2).map(sha256) });
    expect(few.status).toBe(400);
    expect(few.body.error.code).toBe('spot_check_commitment_invalid');
    const bad = await t.call(province, 'POST', `/api/spot-checks/${spotCheckId}/commit`, { witnessCommitments: [sha256(SECRETS[0]), 'xyz', sha256(SECRETS[2])] });
    expect(bad.body.error).toMatchObject({ code: 'spot_check_commitment_invalid', details: { witness: 1 } });
    const early = await t.call(province, 'POST', `/api/spot-checks/${spotCheckId}/draw`, { witnessSecrets: SECRETS });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('spot_check_not_committed');
    expect((await t.call(USERS.nanjing, 'POST', `/api/spot-checks/${spotCheckId}/commit`, { witnessCommitments: SECRETS.map(sha256) })).status).toBe(403);
    expect((await t.call(province, 'GET', `/api/spot-checks/${spotCheckId}/record.json`)).status).toBe(404);
  });

  it('commits: freezes the directories and publishes the commitment', async () => {
    const res = await t.call(province, 'POST', `/api/spot-checks/${spotCheckId}/commit`, { witnessCommitments: SECRETS.map(sha256) });
    expect(res.status).toBe(200);
    population = await count(`select count(*)::int as n from organization where kind = 'institution' and region_path like '/32/%'`);
    expect(population).toBeGreaterThanOrEqual(300);
    expect(res.body).toMatchObject({ status: 'committed', population, drawn: 0, drawnAt: null, resultHash: null });
    expect(res.body.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['created', 'committed']);

    const [stored] = await owner<{ record: string }>(`select record from spot_check_record where spot_check_id = $1`, [spotCheckId]);
    committedRecord = stored.record;
    const record = JSON.parse(committedRecord);
    expect(record).toMatchObject({ algorithm: 'fundsup-draw/1', spotCheckId, commitment: res.body.commitment, witnessCommitments: SECRETS.map(sha256), reveal: null, seed: null, result: null });
    expect(record.directories.providers).toHaveLength(population);
    expect(record.directories.inspectors).toHaveLength(await count(`select count(*)::int as n from inspector where active and region_path like '/32/%'`));
    expect(record.directories.providers[0]).toEqual({
      id: expect.any(String), cityCode: expect.stringMatching(/^32\d{2}$/), countyCode: expect.stringMatching(/^32\d{4}$/),
      kind: expect.any(String), level: expect.any(String), keySupervision: expect.any(Boolean), priorViolations: 0,
    });

    // The download is the stored text, byte for byte.
    const download = await fetch(`${t.baseUrl}/api/spot-checks/${spotCheckId}/record.json`, { headers: { authorization: `Bearer ${await t.keys.token(USERS.nanjing)}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^application\/json/);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
    expect(await download.text()).toBe(committedRecord);

    const verify = await t.call(USERS.nanjing, 'GET', `/api/spot-checks/${spotCheckId}/verify`);
    expect(verify.status).toBe(200);
    expect(verify.body.checks.find((c: { name: string }) => c.name === 'commitment').ok).toBe(true);

    const again = await t.call(province, 'POST', `/api/spot-checks/${spotCheckId}/commit`, { witnessCommitments: SECRETS.map(sha256) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('spot_check_not_draft');
  });

  it('refuses a reveal that does not match a commitment and changes nothing', async () => {
    const wrong = await t.call(province, 'POST', `/api/spot-checks/${spotCheckId}/draw`, { witnessSecrets: [SECRETS[0], 'not-the-secret', SECRETS[2]] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'spot_check_reveal_mismatch', details: { witness: 1 } });
    expect(wrong.body.error.message.zh).toContain('李代表');
    const missing = await t.call(province, 'POST', `/api/spot-checks/${spotCheckId}/draw`, { witnessSecrets: SECRETS.slice(0, 2) });
    expect(missing.body.error).toMatchObject({ code: 'spot_check_reveal_mismatch', details: { witness: 2 } });
    const [s] = await owner<{ status: string; drawn_at: unknown }>(`select status, drawn_at from spot_check where id = $1`, [spotCheckId]);
    expect(s).toEqual({ status: 'committed', drawn_at: null });
    expect(await count(`select count(*)::int as n from inspection`)).toBe(0);
    const [stored] = await owner<{ record: string }>(`select record from spot_check_record where spot_check_id = $1`, [spotCheckId]);
    expect(stored.record).toBe(committedRecord);
    expect(await count(`select count(*)::int as n from outbox_message where event_type = 'SpotCheckDrawn'`)).toBe(0);
    // the refused secrets are not in the audit trail
    const audit = await owner<{ payload: unknown }>(`select payload from audit_entry where command = 'DrawSpotCheckCommand'`);
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain('not-the-secret');
  });

  it('draws: ≥10% of every city, one inspection per selection, teams obeying recusal, the workflow started', async () => {
    const res = await t.call(province, 'POST', `/api/spot-checks/${spotCheckId}/draw`, { witnessSecrets: SECRETS });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.status).toBe('drawn');
    expect(d.resultHash).toMatch(/^[0-9a-f]{64}$/);
    expect(d.drawn).toBeGreaterThanOrEqual(Math.ceil(population / 10));
    expect(d.inspections).toEqual({ total: d.drawn, recorded: 0, sent: 0, overdue: 0 });
    expect(d.strata.length).toBeGreaterThan(13);
    expect(d.strata[0]).toEqual({ cityCode: expect.any(String), cityName: expect.any(String), kind: expect.any(String), level: expect.any(String),
      population: expect.any(Number), ratio: expect.any(Number), drawn: expect.any(Number) });
    expect(d.strata.find((s: { cityCode: string }) => s.cityCode === '3201').cityName).toBe('南京市');
    expect(d.strata.filter((s: { kind: string; level: string }) => s.kind === 'hospital' && s.level === 'tertiary').every((s: { ratio: number }) => s.ratio === 0.3)).toBe(true);
    expect(d.exclusions.sameCity).toBeGreaterThan(0);

    inspections = await owner(`select id, institution_id, city_code, region_path, kind, team from inspection where spot_check_id = $1 order by draw_order`, [spotCheckId]);
    expect(inspections).toHaveLength(d.drawn);
    // every city gets at least 10% of its providers in scope
    const perCity = await owner<{ city: string; providers: number }>(
      `select substr(region_code, 1, 4) as city, count(*)::int as providers from organization where kind = 'institution' and region_path like '/32/%' group by 1`);
    for (const c of perCity) {
      const drawn = inspections.filter((i) => i.city_code === c.city).length;
      expect(drawn * 10).toBeGreaterThanOrEqual(c.providers);
    }
    // teams: teamSize distinct inspectors, none of the provider's city, none linked to it
    const directory = new Map((await owner<{ id: string; region_path: string; conflict_institution_ids: string[] }>(
      `select id, region_path, conflict_institution_ids from inspector`)).map((x) => [x.id, x]));
    const linkedPairs = [...directory.values()].filter((x) => x.conflict_institution_ids.length).length;
    expect(linkedPairs).toBeGreaterThan(0);
    for (const i of inspections) {
      expect(i.team).toHaveLength(2);
      expect(new Set(i.team.map((m) => m.inspectorId)).size).toBe(2);
      for (const m of i.team) {
        const x = directory.get(m.inspectorId)!;
        expect(x).toBeDefined();
        expect(x.region_path.split('/')[2]).not.toBe(i.city_code);
        expect(x.conflict_institution_ids).not.toContain(i.institution_id);
      }
      expect(i.region_path.split('/')[2]).toBe(i.city_code);
    }
    // names as drawn, with the employer's name
    const one = await t.call(province, 'GET', `/api/inspections/${inspections[0].id}`);
    expect(one.body).toMatchObject({ status: 'assigned', spotCheckId, dueDate: addCalendarDays(today, 60), overdue: false, inspectedOn: null, checklist: [], findings: [], sentAt: null });
    expect(one.body.team[0]).toEqual({ inspectorId: inspections[0].team[0].inspectorId, name: expect.any(String), organizationName: expect.stringMatching(/医疗保(障局|险基金管理中心|险管理中心)$/) });
    expect(one.body.checklistItems).toHaveLength(4);

    const [msg] = await owner<{ dispatch: any }>(`select dispatch from outbox_message where event_type = 'SpotCheckDrawn' and aggregate_id = $1`, [spotCheckId]);
    const due = addCalendarDays(today, 60);
    expect(msg.dispatch).toEqual({
      kind: 'start', workflowType: 'spotCheckWorkflow', workflowId: `spot-check-${spotCheckId}`,
      args: [{
        spotCheckId, actor: expect.objectContaining({ userId: 'u-js', organizationId: 'bureau-32' }), inspections: d.drawn,
        remindAt: chinaInstant(addWorkingDays(due, -3), 9).toISOString(), dueAt: chinaInstant(addCalendarDays(due, 1)).toISOString(),
      }],
    });
    const again = await t.call(province, 'POST', `/api/spot-checks/${spotCheckId}/draw`, { witnessSecrets: SECRETS });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('spot_check_not_committed');
  });
});

describe('spot-checks: the published record', () => {
  it('verifies the stored record', async () => {
    const res = await t.call(NJ_BUREAU, 'GET', `/api/spot-checks/${spotCheckId}/verify`);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['directories', true], ['commitment', true], ['reveal', true], ['seed', true], ['result', true],
    ]);
    const record = JSON.parse((await owner<{ record: string }>(`select record from spot_check_record where spot_check_id = $1`, [spotCheckId]))[0].record);
    expect(record.reveal).toEqual({ witnessSecrets: SECRETS, beacon: null });
    expect(record.result.selections).toHaveLength(inspections.length);
    expect((await t.call(USERS.hospital, 'GET', `/api/spot-checks/${spotCheckId}/verify`)).status).toBe(403);
    expect((await t.call(USERS.hospital, 'GET', `/api/spot-checks/${spotCheckId}/record.json`)).status).toBe(403);
  });

  it('reports the failing check when the stored text was tampered with', async () => {
    const [{ record }] = await owner<{ record: string }>(`select record from spot_check_record where spot_check_id = $1`, [spotCheckId]);
    const parsed = JSON.parse(record);
    const p = parsed.directories.providers.find((x: { kind: string }) => x.kind === 'pharmacy');
    // a pharmacy turned into a clinic in the frozen directory, everything else untouched
    const tampered = record.replace(canonicalJson(p), canonicalJson({ ...p, kind: 'clinic' }));
    expect(tampered).not.toBe(record);
    await owner(`update spot_check_record set record = $1 where spot_check_id = $2`, [tampered, spotCheckId]);
    try {
      const res = await t.call(province, 'GET', `/api/spot-checks/${spotCheckId}/verify`);
      expect(res.body.ok).toBe(false);
      const failed = res.body.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { name: string }) => c.name);
      expect(failed).toContain('directories');
      expect(res.body.checks.find((c: { name: string }) => c.name === 'directories').detail).toMatch(/hash/);
    } finally {
      await owner(`update spot_check_record set record = $1 where spot_check_id = $2`, [record, spotCheckId]);
    }
    expect((await t.call(province, 'GET', `/api/spot-checks/${spotCheckId}/verify`)).body.ok).toBe(true);
  });

  it('replays an uploaded record without storing anything', async () => {
    const text = await (await fetch(`${t.baseUrl}/api/spot-checks/${spotCheckId}/record.json`, { headers: { authorization: `Bearer ${await t.keys.token(USERS.gusu)}` } })).text();
    const before = await count(`select count(*)::int as n from audit_entry`);
    const ok = await t.call(USERS.gusu, 'POST', '/api/spot-checks/verify', JSON.parse(text));
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    const edited = JSON.parse(text);
    edited.result.selections[0].team.reverse();
    const notOk = await t.call(USERS.gusu, 'POST', '/api/spot-checks/verify', edited);
    expect(notOk.status).toBe(200);
    expect(notOk.body.ok).toBe(false);
    expect(notOk.body.checks.find((c: { name: string }) => c.name === 'result').ok).toBe(false);
    const garbage = await t.call(USERS.gusu, 'POST', '/api/spot-checks/verify', { hello: 'world' });
    expect(garbage.status).toBe(200);
    expect(garbage.body.ok).toBe(false);
    expect(await count(`select count(*)::int as n from audit_entry`)).toBe(before);
    expect((await t.call(USERS.pharmacy, 'POST', '/api/spot-checks/verify', edited)).status).toBe(403);
  });

  it('accepts a record of several MB for verification', async () => {
    const text = await (await fetch(`${t.baseUrl}/api/spot-checks/${spotCheckId}/record.json`, { headers: { authorization: `Bearer ${await t.keys.token(province)}` } })).text();
    const big = JSON.parse(text);
    big.padding = 'x'.repeat(3 * 1024 * 1024);
    const res = await t.call(province, 'POST', '/api/spot-checks/verify', big);
    expect(res.status).toBe(200);
    expect(res.body.checks).toHaveLength(5);
  });
});

describe('inspections', () => {
  it('the institution sees nothing before the result is sent', async () => {
    target = inspections.find((i) => i.institution_id === 'inst-320102-0001') ?? inspections.find((i) => i.city_code === '3201') ?? inspections[0];
    institutionUser = institutionToken(target.institution_id, target.region_path);
    const list = await t.call(institutionUser, 'GET', '/api/inspections');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [], total: 0 });
    expect((await t.call(institutionUser, 'GET', `/api/inspections/${target.id}`)).status).toBe(404);
  });

  it('validates the recorded result', async () => {
    const checklist = await checklistOf(target!.id);
    const body = { inspectedOn: today, checklist, findings: [{ type: '串换药品', description: '将自费药品串换为医保药品', amount: 1280.5, clinicianName: '某医师', attachmentIds: [] }], attachmentIds: [] };
    const put = (b: Record<string, unknown>) => t.call(province, 'PUT', `/api/inspections/${target!.id}`, { ...body, ...b });
    expect((await put({ inspectedOn: addCalendarDays(today, 1) })).body.error.code).toBe('inspection_date_future');
    expect((await put({ inspectedOn: '2026-02-30' })).body.error.code).toBe('inspection_date_invalid');
    expect((await put({ checklist: [...checklist.slice(1), { item: '别的项目', result: 'compliant' }] })).body.error.code).toBe('inspection_checklist_item_unknown');
    expect((await put({ checklist: checklist.map((c) => ({ ...c, result: 'ok' })) })).body.error.code).toBe('inspection_checklist_result_invalid');
    expect((await put({ checklist: checklist.slice(1) })).body.error.code).toBe('inspection_checklist_incomplete');
    expect((await put({ findings: [{ type: '串换药品', description: 'x', amount: 1.234 }] })).body.error.code).toBe('amount_invalid');
    expect((await put({ findings: [{ type: '串换药品', description: 'x', amount: -1 }] })).body.error.code).toBe('amount_invalid');
    expect((await put({ findings: [{ type: '', description: 'x', amount: 1 }] })).body.error.code).toBe('inspection_finding_invalid');
    expect((await put({ findings: [{ type: '串换药品', amount: 1 }] })).body.error.code).toBe('inspection_finding_invalid');
    expect((await put({ attachmentIds: ['00000000-0000-4000-8000-000000000000'] })).body.error.code).toBe('attachment_unknown');
    const missing = await put({ findings: [{ type: '串换药品', description: 'x', amount: 1, attachmentIds: ['00000000-0000-4000-8000-00000000000f'] }] });
    expect(missing.body.error).toMatchObject({ code: 'attachment_unknown', details: { attachmentIds: ['00000000-0000-4000-8000-00000000000f'] } });
    expect((await t.call(USERS.nanjing, 'PUT', `/api/inspections/${target!.id}`, body)).status).toBe(403);
    const early = await t.call(province, 'POST', `/api/inspections/${target!.id}/send`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('inspection_not_recorded');
    expect((await t.call(province, 'GET', `/api/inspections/${target!.id}`)).body.status).toBe('assigned');
  });

  it('records, then sends: the institution is notified and sees its own inspection, nobody else’s', async () => {
    const evidence = await upload(province, '现场检查记录.pdf');
    const checklist = await checklistOf(target!.id);
    const recorded = await t.call(province, 'PUT', `/api/inspections/${target!.id}`, {
      inspectedOn: today, checklist,
      findings: [{ type: '串换药品', description: '将自费药品串换为医保药品', amount: 1280.5, clinicianName: '某医师', attachmentIds: [evidence] }],
      attachmentIds: [evidence],
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({
      status: 'recorded', inspectedOn: today, checklist, attachmentIds: [evidence], sentAt: null,
      findings: [{ type: '串换药品', description: '将自费药品串换为医保药品', amount: 1280.5, clinicianName: '某医师', attachmentIds: [evidence] }],
      institution: { id: target!.institution_id, cityCode: target!.city_code },
    });
    expect((await t.call(institutionUser, 'GET', `/api/inspections/${target!.id}`)).status).toBe(404);

    const sent = await t.call(province, 'POST', `/api/inspections/${target!.id}/send`);
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('sent');
    expect(sent.body.sentAt).not.toBeNull();
    const mine = await t.call(institutionUser, 'GET', '/api/inspections');
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0]).toMatchObject({ id: target!.id, spotCheckTitle: expect.stringContaining('双随机'), status: 'sent', findings: [expect.objectContaining({ amount: 1280.5 })] });
    expect((await t.call(institutionUser, 'GET', `/api/inspections/${target!.id}`)).status).toBe(200);
    const inbox = await t.call(institutionUser, 'GET', '/api/notifications');
    expect(inbox.body.items.map((n: { titleZh: string }) => n.titleZh)).toContain('抽查结果送达：发现 1 个问题');
    // another institution: not found
    const other = target!.institution_id === USERS.clinic.orgId ? USERS.hospital : USERS.clinic;
    expect((await t.call(other, 'GET', `/api/inspections/${target!.id}`)).status).toBe(404);
    expect((await t.call(USERS.pharmacy, 'GET', `/api/inspections/${target!.id}`)).status).toBe(404);
    expect((await t.call(USERS.pharmacy, 'GET', '/api/inspections')).body.items.every((i: { institution: { id: string } }) => i.institution.id === USERS.pharmacy.orgId)).toBe(true);

    const [msg] = await owner<{ dispatch: any }>(`select dispatch from outbox_message where event_type = 'InspectionSent' and aggregate_id = $1`, [target!.id]);
    expect(msg.dispatch).toEqual({
      kind: 'update', workflowId: `spot-check-${spotCheckId}`, update: 'spotCheckTransition',
      args: [{ action: 'inspection_sent', inspectionId: target!.id, at: sent.body.sentAt }],
    });
    const locked = await t.call(province, 'PUT', `/api/inspections/${target!.id}`, { inspectedOn: today, checklist, findings: [], attachmentIds: [] });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('inspection_sent');
    expect((await t.call(province, 'POST', `/api/inspections/${target!.id}/send`)).body.error.code).toBe('inspection_sent');
  });

  it('tenancy: a city sees its own inspections, a county never another county’s', async () => {
    const nanjing = await t.call(USERS.nanjing, 'GET', `/api/inspections?spotCheckId=${spotCheckId}&pageSize=500`);
    expect(nanjing.status).toBe(200);
    const expected = inspections.filter((i) => i.city_code === '3201').length;
    expect(nanjing.body.total).toBe(expected);
    expect(nanjing.body.items.every((i: { institution: { cityCode: string } }) => i.institution.cityCode === '3201')).toBe(true);
    const paged = await t.call(USERS.nanjing, 'GET', `/api/inspections?spotCheckId=${spotCheckId}&page=2&pageSize=2`);
    expect(paged.body.total).toBe(expected);
    expect(paged.body.items).toHaveLength(Math.max(0, Math.min(2, expected - 2)));
    const byCity = await t.call(province, 'GET', `/api/inspections?spotCheckId=${spotCheckId}&cityCode=3205&pageSize=500`);
    expect(byCity.body.total).toBe(inspections.filter((i) => i.city_code === '3205').length);

    const gusu = await t.call(USERS.gusu, 'GET', '/api/inspections?pageSize=500');
    expect(gusu.body.items.every((i: { institution: { regionCode: string } }) => i.institution.regionCode === '320508')).toBe(true);
    expect(gusu.body.total).toBe(inspections.filter((i) => i.region_path === '/32/3205/320508/').length);
    const outside = inspections.find((i) => !i.region_path.startsWith('/32/3205/320508/'))!;
    expect((await t.call(USERS.gusu, 'GET', `/api/inspections/${outside.id}`)).status).toBe(404);
    const xuanwu = inspections.find((i) => i.region_path === '/32/3201/320102/');
    if (xuanwu) expect((await t.call(USERS.gusu, 'GET', `/api/inspections/${xuanwu.id}`)).status).toBe(404);
    const suzhouOne = inspections.find((i) => i.city_code === '3205')!;
    expect((await t.call(USERS.nanjing, 'GET', `/api/inspections/${suzhouOne.id}`)).status).toBe(404);

    // the spot-check itself is read down the chain of command, counts in the reader's scope
    const list = await t.call(USERS.nanjing, 'GET', `/api/spot-checks?year=${YEAR}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id: spotCheckId, status: 'drawn', inspections: { total: expected } });
    const nation = await t.call(USERS.nation, 'GET', `/api/spot-checks/${spotCheckId}`);
    expect(nation.body.inspections.total).toBe(inspections.length);
  });
});

describe('coverage', () => {
  it('counts the recorded inspections of the year and the month, in the reader’s scope', async () => {
    // a second inspection, of a pharmacy or clinic in another city, recorded and sent
    const second = inspections.find((i) => i.city_code !== target!.city_code && i.kind !== 'hospital')!;
    const checklist = await checklistOf(second.id);
    expect((await t.call(province, 'PUT', `/api/inspections/${second.id}`, { inspectedOn: today, checklist, findings: [], attachmentIds: [] })).status).toBe(200);
    const done = [target!, second];

    const res = await t.call(province, 'GET', `/api/coverage?year=${YEAR}&month=${MONTH}`);
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(YEAR);
    expect(res.body.month).toBe(MONTH);
    expect(res.body.byCity).toHaveLength(13);
    const providers = await owner<{ city: string; kind: string; n: number; key: number }>(
      `select substr(region_code, 1, 4) as city, institution_type as kind, count(*)::int as n, count(*) filter (where key_supervision)::int as key
         from organization where kind = 'institution' and region_path like '/32/%' group by 1, 2`);
    const kindOf = new Map(inspections.map((i) => [i.id, i.kind]));
    for (const c of res.body.byCity) {
      for (const k of c.kinds) {
        const n = providers.find((p) => p.city === c.cityCode && p.kind === k.kind)?.n ?? 0;
        const inspected = done.filter((i) => i.city_code === c.cityCode && kindOf.get(i.id) === k.kind).length;
        expect(k).toEqual({
          kind: k.kind, providers: n, inspectedThisYear: inspected, shareThisYear: n ? Math.round((inspected / n) * 10000) / 10000 : 0,
          inspectedThisMonth: inspected, shareThisMonth: n ? Math.round((inspected / n) * 10000) / 10000 : 0,
          monthlyRuleMet: k.kind === 'hospital' ? null : inspected * 10 >= n,
        });
      }
      const pc = providers.filter((p) => p.city === c.cityCode && p.kind !== 'hospital').reduce((s, p) => s + p.n, 0);
      const inspectedPc = done.filter((i) => i.city_code === c.cityCode && kindOf.get(i.id) !== 'hospital').length;
      expect(c.notYetInspected).toBe(pc - inspectedPc);
      expect(c.keySupervision.units).toBe(providers.filter((p) => p.city === c.cityCode).reduce((s, p) => s + p.key, 0));
      expect(c.keySupervision.inspectedTwice).toBe(0);
    }
    expect(res.body.byCity.find((c: { cityCode: string }) => c.cityCode === '3201').cityName).toBe('南京市');

    const nanjing = await t.call(USERS.nanjing, 'GET', `/api/coverage?year=${YEAR}&month=${MONTH}`);
    expect(nanjing.body.byCity.map((c: { cityCode: string }) => c.cityCode)).toEqual(['3201']);
    const other = MONTH === 1 ? 2 : MONTH - 1;
    const otherMonth = await t.call(province, 'GET', `/api/coverage?year=${YEAR}&month=${other}`);
    const total = (r: { byCity: { kinds: { inspectedThisMonth: number; inspectedThisYear: number }[] }[] }, f: 'inspectedThisMonth' | 'inspectedThisYear') =>
      r.byCity.flatMap((c) => c.kinds).reduce((s, k) => s + k[f], 0);
    expect(total(otherMonth.body, 'inspectedThisMonth')).toBe(0);
    expect(total(otherMonth.body, 'inspectedThisYear')).toBe(2);
    expect((await t.call(province, 'GET', `/api/coverage?year=${YEAR - 1}&month=${MONTH}`)).body.byCity.every(
      (c: { kinds: { inspectedThisYear: number }[] }) => c.kinds.every((k) => k.inspectedThisYear === 0))).toBe(true);
    expect((await t.call(province, 'GET', `/api/coverage?year=${YEAR}&month=13`)).status).toBe(400);
  });
});

describe('the spot-check workflow’s clock', () => {
  it('reminds once and flags overdue once, telling the provincial bureau', async () => {
    const p = actorOf(province);
    expect(await clock(new RemindSpotCheckDueCommand(p, spotCheckId))).toBe(true);
    expect(await clock(new RemindSpotCheckDueCommand(p, spotCheckId))).toBe(false);
    expect(await clock(new MarkSpotCheckOverdueCommand(p, spotCheckId))).toBe(true);
    expect(await clock(new MarkSpotCheckOverdueCommand(p, spotCheckId))).toBe(false);
    const unsent = inspections.length - 1;
    const d = (await t.call(province, 'GET', `/api/spot-checks/${spotCheckId}`)).body;
    expect(d.inspections).toEqual({ total: inspections.length, recorded: 2, sent: 1, overdue: unsent });
    expect(d.history.map((h: { action: string }) => h.action)).toEqual(['created', 'committed', 'drawn', 'reminded', 'overdue']);
    expect((await t.call(province, 'GET', `/api/inspections/${target!.id}`)).body.overdue).toBe(false);
    const titles = (await t.call(province, 'GET', '/api/notifications')).body.items.map((n: { titleZh: string }) => n.titleZh);
    expect(titles).toContain(`抽查即将到期：${unsent} 家机构的检查结果尚未送达`);
    expect(titles).toContain(`抽查逾期：${unsent} 家机构的检查结果未按期送达`);
  });
});

describe('a campaign’s spot-check, beacon required, sent to the end', () => {
  let id = '';

  // Next year's campaign: this year's statutory self-inspection (April–August) may already be over, and
  // a campaign whose self-inspection is over is refused at save (issue 16).
  const CY = YEAR + 1;

  it('takes the campaign’s cities, kinds, due date and focus items', async () => {
    const campaign = await t.call(province, 'POST', '/api/campaigns', {
      year: CY, title: `${CY}年定点零售药店专项治理`, focusAreas: [{ code: 'pharmacy_card_misuse' }], cityCodes: ['3205'], institutionKinds: ['pharmacy'],
    });
    expect(campaign.status).toBe(201);
    const res = await t.call(province, 'POST', '/api/spot-checks', {
      year: CY, title: '药店专项抽查', campaignId: campaign.body.id, witnesses: [{ name: '见证人' }], beaconRequired: true, cityCodes: ['3201'],
      parameters: { defaultRatio: 0.5, teamSize: 3 },
    });
    expect(res.status).toBe(201);
    id = res.body.id;
    const d = (await t.call(province, 'GET', `/api/spot-checks/${id}`)).body;
    expect(d).toMatchObject({ campaignId: campaign.body.id, campaignTitle: `${CY}年定点零售药店专项治理`, cityCodes: ['3205'], institutionKinds: ['pharmacy'], dueDate: `${CY}-10-31`, beaconRequired: true });
    expect(d.checklistItems).toHaveLength(1);
    expect(d.checklistItems[0]).toContain('定点零售药店');
  });

  it('requires the beacon, then draws only the campaign’s scope and closes when every result is sent', async () => {
    expect((await t.call(province, 'POST', `/api/spot-checks/${id}/commit`, { witnessCommitments: [sha256('s')] })).status).toBe(200);
    const noBeacon = await t.call(province, 'POST', `/api/spot-checks/${id}/draw`, { witnessSecrets: ['s'] });
    expect(noBeacon.status).toBe(400);
    expect(noBeacon.body.error.code).toBe('spot_check_beacon_required');
    const drawn = await t.call(province, 'POST', `/api/spot-checks/${id}/draw`, { witnessSecrets: ['s'], beacon: '2026-09-01 福彩3D 123' });
    expect(drawn.status).toBe(200);
    const pop = await count(`select count(*)::int as n from organization where kind = 'institution' and institution_type = 'pharmacy' and region_code like '3205%'`);
    expect(drawn.body.population).toBe(pop);
    expect(drawn.body.drawn).toBeGreaterThanOrEqual(Math.ceil(pop / 2));
    const rows = await owner<{ id: string; city_code: string; kind: string; team: unknown[] }>(`select id, city_code, kind, team from inspection where spot_check_id = $1`, [id]);
    expect(rows.every((r) => r.city_code === '3205' && r.kind === 'pharmacy' && r.team.length === 3)).toBe(true);
    expect((await t.call(province, 'GET', `/api/spot-checks/${id}/verify`)).body.ok).toBe(true);
    for (const r of rows) {
      const view = (await t.call(province, 'GET', `/api/inspections/${r.id}`)).body;
      expect(view.checklistItems).toEqual(drawn.body.checklistItems);
      const put = await t.call(province, 'PUT', `/api/inspections/${r.id}`, {
        inspectedOn: today, checklist: view.checklistItems.map((item: string) => ({ item, result: 'compliant' })), findings: [], attachmentIds: [],
      });
      expect(put.status).toBe(200);
      expect((await t.call(province, 'POST', `/api/inspections/${r.id}/send`)).status).toBe(200);
    }
    const d = (await t.call(province, 'GET', `/api/spot-checks/${id}`)).body;
    expect(d.status).toBe('closed');
    expect(d.inspections).toEqual({ total: rows.length, recorded: rows.length, sent: rows.length, overdue: 0 });
    expect(d.history.at(-1).action).toBe('closed');
    expect(await clock(new MarkSpotCheckOverdueCommand(actorOf(province), id))).toBe(false);
    expect(await clock(new RemindSpotCheckDueCommand(actorOf(province), id))).toBe(false);
  });
});

describe('next year’s directories', () => {
  it('carry last year’s teams and the violations found', async () => {
    const res = await t.call(province, 'POST', '/api/spot-checks', { year: YEAR + 1, title: `${YEAR + 1}年度抽查`, witnesses: [{ name: '见证人' }] });
    expect(res.status).toBe(201);
    expect((await t.call(province, 'POST', `/api/spot-checks/${res.body.id}/commit`, { witnessCommitments: [sha256('n')] })).status).toBe(200);
    const record = JSON.parse((await owner<{ record: string }>(`select record from spot_check_record where spot_check_id = $1`, [res.body.id]))[0].record);
    const withFinding = record.directories.providers.find((p: { id: string }) => p.id === target!.institution_id);
    expect(withFinding.priorViolations).toBe(1);
    expect(record.directories.providers.filter((p: { priorViolations: number }) => p.priorViolations > 0)).toHaveLength(1);
    for (const m of target!.team) {
      const x = record.directories.inspectors.find((i: { id: string }) => i.id === m.inspectorId);
      expect(x.inspectedLastYear).toContain(target!.institution_id);
    }
    // exactly the (inspector, institution) pairs of this year's inspections, of both spot-checks
    const pairs = await owner<{ pair: string }>(
      `select distinct (m->>'inspectorId') || ' ' || i.institution_id as pair
         from inspection i join spot_check s on s.id = i.spot_check_id, jsonb_array_elements(i.team) m where s.year = $1`, [YEAR]);
    const carried = record.directories.inspectors.flatMap((i: { id: string; inspectedLastYear: string[] }) => i.inspectedLastYear.map((p) => `${i.id} ${p}`));
    expect(carried.sort()).toEqual(pairs.map((r) => r.pair).sort());
  });
});

describe('a draw that cannot staff its teams', () => {
  it('refuses with draw_team_unfillable and changes nothing', async () => {
    const res = await t.call(province, 'POST', '/api/spot-checks', {
      year: YEAR, title: '南京药店抽查（检查人员不足）', cityCodes: ['3201'], institutionKinds: ['pharmacy'], witnesses: [{ name: '见证人' }], parameters: { teamSize: 5 },
    });
    expect(res.status).toBe(201);
    // only four active inspectors outside Nanjing when the directories are frozen
    const keep = (await owner<{ id: string }>(`select id from inspector where active and region_path not like '/32/3201/%' order by id limit 4`)).map((r) => r.id);
    const deactivated = (await owner<{ id: string }>(`update inspector set active = false where active and not (id = any($1)) returning id`, [keep])).map((r) => r.id);
    try {
      expect((await t.call(province, 'POST', `/api/spot-checks/${res.body.id}/commit`, { witnessCommitments: [sha256('u')] })).status).toBe(200);
    } finally {
      await owner(`update inspector set active = true where id = any($1)`, [deactivated]);
    }
    const before = await count(`select count(*)::int as n from inspection`);
    const draw = await t.call(province, 'POST', `/api/spot-checks/${res.body.id}/draw`, { witnessSecrets: ['u'] });
    expect(draw.status).toBe(409);
    expect(draw.body.error).toMatchObject({ code: 'draw_team_unfillable', details: { providerId: expect.stringMatching(/^inst-3201/) } });
    expect(draw.body.error.message.zh).toContain('检查人员不足');
    expect(await count(`select count(*)::int as n from inspection`)).toBe(before);
    expect((await t.call(province, 'GET', `/api/spot-checks/${res.body.id}`)).body.status).toBe('committed');
  });
});
