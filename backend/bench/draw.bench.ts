import pg from 'pg';
import {
  commitRecord, completeRecord, runDraw, secretCommitment, sha256Hex, verifyDrawRecord,
  type DrawParameters, type InspectorEntry, type InstitutionKind, type InstitutionLevel, type ProviderEntry,
} from '../src/contexts/spot-checks/domain/draw/index.js';
import { Prng } from '../src/seed/prng.js';
import { createTestDatabase, type TestDatabase } from '../test/support/database.js';
import { report } from './lib.js';

// The verifiable draw at province scale: 100,000 providers over 13 cities and 2,000 inspectors
// (15% linked to an institution, 10% with last year's inspections). Baseline, measured in the same
// run: reading both directories from PostgreSQL into ProviderEntry/InspectorEntry arrays — what the
// backend does before every commit. Then runDraw (team of 2, ratio 0.10, risk-weighted) and the
// full verifyDrawRecord (directories hash, commitment, reveal, seed, replay). Medians; it reports,
// it never fails on speed. Rerun: ./suite bench.

const PROVIDERS = Number(process.env.BENCH_DRAW_PROVIDERS ?? 100_000);
const INSPECTORS = Number(process.env.BENCH_DRAW_INSPECTORS ?? 2_000);
const REPETITIONS = Number(process.env.BENCH_DRAW_REPETITIONS ?? 5);
const CITIES = Array.from({ length: 13 }, (_, i) => `32${String(i + 1).padStart(2, '0')}`);
const PARAMETERS: DrawParameters = { defaultRatio: 0.1, ratios: {}, teamSize: 2, riskWeighted: true };

let db: TestDatabase;
let client: pg.Client;

function generate(): { providers: ProviderEntry[]; inspectors: InspectorEntry[] } {
  const rng = new Prng(20261122);
  const providers: ProviderEntry[] = [];
  for (let i = 0; i < PROVIDERS; i++) {
    const cityCode = rng.pick(CITIES);
    const kind = rng.weighted<InstitutionKind>([['pharmacy', 50], ['clinic', 35], ['hospital', 15]]);
    const level: InstitutionLevel = kind === 'hospital'
      ? rng.weighted<InstitutionLevel>([['tertiary', 10], ['secondary', 30], ['primary', 50], ['none', 10]])
      : kind === 'clinic' ? rng.weighted<InstitutionLevel>([['primary', 40], ['none', 60]]) : 'none';
    providers.push({
      id: `prov-${String(i).padStart(6, '0')}`, cityCode, countyCode: `${cityCode}${String(1 + rng.int(8)).padStart(2, '0')}`,
      kind, level, keySupervision: rng.next() < 0.05, priorViolations: rng.next() < 0.85 ? 0 : 1 + rng.int(7),
    });
  }
  const inspectors: InspectorEntry[] = [];
  for (let i = 0; i < INSPECTORS; i++) {
    const cityCode = CITIES[i % CITIES.length];
    inspectors.push({
      id: `insp-${String(i).padStart(5, '0')}`, cityCode, organizationId: `agency-${cityCode}`,
      linkedInstitutionIds: rng.next() < 0.15 ? Array.from({ length: 1 + rng.int(2) }, () => rng.pick(providers).id) : [],
      inspectedLastYear: rng.next() < 0.1 ? Array.from({ length: 3 + rng.int(8) }, () => rng.pick(providers).id) : [],
    });
  }
  return { providers, inspectors };
}

async function load(data: { providers: ProviderEntry[]; inspectors: InspectorEntry[] }): Promise<void> {
  await client.query(`create table bench_draw_providers (id text primary key, city_code text not null, county_code text not null,
    kind text not null, level text not null, key_supervision boolean not null, prior_violations integer not null)`);
  await client.query(`create table bench_draw_inspectors (id text primary key, city_code text not null, organization_id text not null,
    linked_institution_ids text[] not null, inspected_last_year text[] not null)`);
  for (let i = 0; i < data.providers.length; i += 10_000) {
    await client.query(
      `insert into bench_draw_providers select * from jsonb_to_recordset($1::jsonb)
         as x(id text, "cityCode" text, "countyCode" text, kind text, level text, "keySupervision" boolean, "priorViolations" integer)`,
      [JSON.stringify(data.providers.slice(i, i + 10_000))],
    );
  }
  await client.query(
    `insert into bench_draw_inspectors
       select id, "cityCode", "organizationId",
              array(select jsonb_array_elements_text("linkedInstitutionIds")), array(select jsonb_array_elements_text("inspectedLastYear"))
         from jsonb_to_recordset($1::jsonb) as x(id text, "cityCode" text, "organizationId" text, "linkedInstitutionIds" jsonb, "inspectedLastYear" jsonb)`,
    [JSON.stringify(data.inspectors)],
  );
  await client.query('analyze bench_draw_providers; analyze bench_draw_inspectors');
}

/** The baseline: both directories from PostgreSQL into the draw's entry shapes. */
async function readDirectories(): Promise<{ providers: ProviderEntry[]; inspectors: InspectorEntry[] }> {
  const p = await client.query(
    'select id, city_code, county_code, kind, level, key_supervision, prior_violations from bench_draw_providers order by id',
  );
  const x = await client.query('select id, city_code, organization_id, linked_institution_ids, inspected_last_year from bench_draw_inspectors order by id');
  return {
    providers: p.rows.map((r) => ({
      id: r.id, cityCode: r.city_code, countyCode: r.county_code, kind: r.kind, level: r.level,
      keySupervision: r.key_supervision, priorViolations: r.prior_violations,
    })),
    inspectors: x.rows.map((r) => ({
      id: r.id, cityCode: r.city_code, organizationId: r.organization_id,
      linkedInstitutionIds: r.linked_institution_ids, inspectedLastYear: r.inspected_last_year,
    })),
  };
}

async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const v = s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  return Math.round(v * 10) / 10;
}

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
}, 600_000);
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

it('draw: read directories from PostgreSQL (baseline) vs runDraw vs verifyDrawRecord', async () => {
  await load(generate());
  const read: number[] = [];
  const draw: number[] = [];
  let directories = await readDirectories(); // warm-up: JIT, buffers
  runDraw(directories, PARAMETERS, sha256Hex('warm-up'));
  for (let i = 0; i < REPETITIONS; i++) {
    const r = await timed(readDirectories);
    read.push(r.ms);
    directories = r.value;
    draw.push((await timed(() => runDraw(directories, PARAMETERS, sha256Hex(`bench ${i}`)))).ms);
  }
  expect(directories.providers).toHaveLength(PROVIDERS);
  expect(directories.inspectors).toHaveLength(INSPECTORS);

  const secrets = ['witness one', 'witness two', 'witness three'];
  const commit = await timed(() => commitRecord({
    spotCheckId: 'bench', parameters: PARAMETERS, directories, witnessCommitments: secrets.map(secretCommitment),
    beaconRequired: true, committedAt: new Date().toISOString(),
  }));
  const complete = await timed(() => completeRecord(commit.value, secrets, 'bench-beacon'));
  const record = complete.value;
  const verify: number[] = [];
  for (let i = 0; i < Math.max(3, REPETITIONS - 2); i++) {
    const v = await timed(() => verifyDrawRecord(record));
    expect(v.value.ok).toBe(true);
    verify.push(v.ms);
  }
  const result = record.result!;
  const exclusions = { sameCity: 0, linked: 0, inspectedLastYear: 0 };
  for (const e of result.exclusions) {
    if (e.reason === 'same_city') exclusions.sameCity += e.inspectorIds.length;
    else if (e.reason === 'linked') exclusions.linked += 1;
    else exclusions.inspectedLastYear += 1;
  }
  const recordBytes = Buffer.byteLength(JSON.stringify(record));
  report('draw', {
    setup: `${PROVIDERS} providers in ${CITIES.length} cities, ${INSPECTORS} inspectors; teamSize 2, ratio 0.10, risk-weighted; medians of ${REPETITIONS}`,
    strata: result.strata.length,
    selections: result.selections.length,
    exclusions: JSON.stringify(exclusions),
    recordBytes,
    readDirectoriesMs: median(read),
    runDrawMs: median(draw),
    commitRecordMs: Math.round(commit.ms * 10) / 10,
    completeRecordMs: Math.round(complete.ms * 10) / 10,
    verifyDrawRecordMs: median(verify),
    drawToReadRatio: Math.round((median(draw) / median(read)) * 100) / 100,
    verifyToReadRatio: Math.round((median(verify) / median(read)) * 100) / 100,
  });
}, 900_000);
