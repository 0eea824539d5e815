import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DRAW_ALGORITHM, DrawError, canonicalJson, commitRecord, commitmentOf, completeRecord, directoriesHash, normalizeDirectories,
  resultHash, runDraw, secretCommitment, seedOf, sha256Hex, unfillableProviders, verifyDrawRecord,
  type Directories, type DrawParameters, type DrawRecord, type DrawResult, type InspectorEntry, type InstitutionKind,
  type InstitutionLevel, type ProviderEntry, type VerificationCheckName,
} from '../../src/contexts/spot-checks/domain/draw/index.js';
import { Prng } from '../../src/seed/prng.js';

// The verifiable draw (fundsup-draw/1): properties over many random directories, the verification
// of edited records, the error codes, and a known answer that catches any accidental change.

const KINDS: InstitutionKind[] = ['hospital', 'pharmacy', 'clinic'];
const LEVELS: InstitutionLevel[] = ['tertiary', 'secondary', 'primary', 'none'];

function shuffle<T>(rng: Prng, items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

interface Case {
  directories: Directories;
  parameters: DrawParameters;
  seed: string;
}

function randomCase(n: number): Case {
  const rng = new Prng(1000 + n);
  const cities = Array.from({ length: 2 + rng.int(5) }, (_, i) => `32${String(i + 1).padStart(2, '0')}`);
  const providers: ProviderEntry[] = Array.from({ length: 1 + rng.int(250) }, (_, i) => {
    const cityCode = rng.pick(cities);
    return {
      id: `p-${(i * 7919) % 100_003}-${i}`,
      cityCode,
      countyCode: `${cityCode}0${1 + rng.int(4)}`,
      kind: rng.pick(KINDS),
      level: rng.pick(LEVELS),
      keySupervision: rng.next() < 0.2,
      priorViolations: rng.next() < 0.7 ? 0 : rng.int(9),
    };
  });
  const inspectors: InspectorEntry[] = [];
  for (const cityCode of cities) {
    for (let k = 0, count = 1 + rng.int(8); k < count; k++) {
      const linked = rng.next() < 0.3 ? Array.from({ length: 1 + rng.int(3) }, () => rng.pick(providers).id) : [];
      const last = rng.next() < 0.3 ? Array.from({ length: 1 + rng.int(4) }, () => rng.pick(providers).id) : [];
      inspectors.push({ id: `i-${cityCode}-${k}`, cityCode, organizationId: `agency-${cityCode}`, linkedInstitutionIds: linked, inspectedLastYear: last });
    }
  }
  const ratios: Record<string, number> = {};
  for (let k = 0, count = rng.int(4); k < count; k++) ratios[`${rng.pick(KINDS)}/${rng.pick(LEVELS)}`] = 0.1 + rng.int(9001) / 10000;
  return {
    directories: { providers: shuffle(rng, providers), inspectors: shuffle(rng, inspectors) },
    parameters: { defaultRatio: rng.pick([0.1, 0.1, 0.15, 0.2, 0.333, 0.5, 1]), ratios, teamSize: 2 + rng.int(3), riskWeighted: rng.next() < 0.7 },
    seed: sha256Hex(`case ${n}`),
  };
}

function basisPoints(p: DrawParameters, kind: string, level: string): number {
  return Math.round((p.ratios[`${kind}/${level}`] ?? p.defaultRatio) * 10000);
}

/** An independent check of every published property of one result: the list of violations (empty when all hold). */
function violations(c: Case, result: DrawResult): string[] {
  const problems: string[] = [];
  const fail = (condition: boolean, what: string) => { if (!condition) problems.push(what); };
  const { providers, inspectors } = c.directories;
  const providerById = new Map(providers.map((p) => [p.id, p]));
  const inspectorById = new Map(inspectors.map((x) => [x.id, x]));
  const keyOf = (s: { cityCode: string; kind: string; level: string }) => `${s.cityCode}|${s.kind}|${s.level}`;

  // Strata: every (city, kind, level) with providers, once, with at least its ratio (≥ 10%).
  const population = new Map<string, number>();
  for (const p of providers) population.set(keyOf(p), (population.get(keyOf(p)) ?? 0) + 1);
  fail(result.strata.length === population.size, `${result.strata.length} strata for ${population.size} groups`);
  const drawnByStratum = new Map<string, number>();
  for (const s of result.strata) {
    const pop = population.get(keyOf(s)) ?? -1;
    const bp = basisPoints(c.parameters, s.kind, s.level);
    fail(s.population === pop, `stratum ${keyOf(s)}: population ${s.population}, expected ${pop}`);
    fail(s.ratio === bp / 10000, `stratum ${keyOf(s)}: ratio ${s.ratio}`);
    fail(s.drawn === Math.ceil((pop * bp) / 10000) && s.drawn * 10000 >= pop * bp && s.drawn * 10 >= pop, `stratum ${keyOf(s)}: drawn ${s.drawn} of ${pop}`);
    drawnByStratum.set(keyOf(s), 0);
  }

  // Selections: distinct providers of the directory, as many per stratum as drawn, every city ≥ 10%.
  fail(new Set(result.selections.map((s) => s.providerId)).size === result.selections.length, 'a provider was drawn twice');
  const perCity = new Map<string, number>();
  for (const s of result.selections) {
    const p = providerById.get(s.providerId);
    if (!p) { problems.push(`unknown provider ${s.providerId}`); continue; }
    fail(keyOf(s) === keyOf(p), `selection ${s.providerId} has the wrong stratum`);
    drawnByStratum.set(keyOf(s), (drawnByStratum.get(keyOf(s)) ?? 0) + 1);
    perCity.set(s.cityCode, (perCity.get(s.cityCode) ?? 0) + 1);
  }
  for (const s of result.strata) fail(drawnByStratum.get(keyOf(s)) === s.drawn, `stratum ${keyOf(s)}: ${drawnByStratum.get(keyOf(s))} selections, ${s.drawn} drawn`);
  const cityPopulation = new Map<string, number>();
  for (const p of providers) cityPopulation.set(p.cityCode, (cityPopulation.get(p.cityCode) ?? 0) + 1);
  for (const [city, pop] of cityPopulation) fail((perCity.get(city) ?? 0) * 10 >= pop, `city ${city}: below 10%`);

  // Teams: exact size, distinct, recusal never violated, and always among the least loaded eligible.
  const load = new Map(inspectors.map((x) => [x.id, 0]));
  const eligible = (x: InspectorEntry, p: ProviderEntry) =>
    x.cityCode !== p.cityCode && !x.linkedInstitutionIds.includes(p.id) && !x.inspectedLastYear.includes(p.id);
  for (const s of result.selections) {
    const p = providerById.get(s.providerId);
    if (!p) continue;
    fail(s.team.length === c.parameters.teamSize && new Set(s.team).size === s.team.length, `team of ${s.providerId}: ${s.team.join(',')}`);
    for (const [k, id] of s.team.entries()) {
      const x = inspectorById.get(id);
      if (!x) { problems.push(`unknown inspector ${id}`); continue; }
      fail(eligible(x, p), `inspector ${id} is not eligible for ${p.id} (same city, linked or inspected last year)`);
      const lowest = Math.min(...inspectors.filter((y) => eligible(y, p) && !s.team.slice(0, k).includes(y.id)).map((y) => load.get(y.id)!));
      fail(load.get(id) === lowest, `inspector ${id} (load ${load.get(id)}) picked for ${p.id} while an eligible one had load ${lowest}`);
      load.set(id, load.get(id)! + 1);
    }
  }

  // Exclusions: same city once per city with selections (and inspectors), every conflict pair logged.
  const expected: unknown[] = [];
  const sortedInspectors = [...inspectors].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const city of [...perCity.keys()].sort()) {
    const ids = sortedInspectors.filter((x) => x.cityCode === city).map((x) => x.id);
    if (ids.length) expected.push({ reason: 'same_city', cityCode: city, inspectorIds: ids });
  }
  for (const s of result.selections) {
    for (const x of sortedInspectors) {
      if (x.cityCode === s.cityCode) continue;
      if (x.linkedInstitutionIds.includes(s.providerId)) expected.push({ reason: 'linked', providerId: s.providerId, inspectorId: x.id });
      if (x.inspectedLastYear.includes(s.providerId)) expected.push({ reason: 'inspected_last_year', providerId: s.providerId, inspectorId: x.id });
    }
  }
  fail(canonicalJson(result.exclusions) === canonicalJson(expected), 'the exclusions differ from the conflicts that applied');
  return problems;
}

describe('properties over 200 random directories', () => {
  const cases = Array.from({ length: 200 }, (_, n) => randomCase(n));

  it('meets every ratio, never breaks recusal, balances loads and logs every exclusion', () => {
    let drawnCases = 0;
    let unfillable = 0;
    for (const c of cases) {
      const blocked = unfillableProviders(c.directories, c.parameters.teamSize);
      let result: DrawResult;
      try {
        result = runDraw(c.directories, c.parameters, c.seed);
      } catch (e) {
        // Only a provider that can never get a team may stop the draw.
        expect(e).toBeInstanceOf(DrawError);
        expect((e as DrawError).code).toBe('draw_team_unfillable');
        expect(blocked).toContain((e as DrawError).details!.providerId);
        unfillable += 1;
        continue;
      }
      expect(result.selections.filter((s) => blocked.includes(s.providerId))).toEqual([]);
      expect(violations(c, result)).toEqual([]);
      drawnCases += 1;
    }
    expect(drawnCases).toBeGreaterThan(150);
    expect(drawnCases + unfillable).toBe(200);
  });

  it('is deterministic, independent of the input order, and changes with the seed', () => {
    let differs = 0;
    let compared = 0;
    for (const [n, c] of cases.entries()) {
      if (unfillableProviders(c.directories, c.parameters.teamSize).length) continue;
      const a = canonicalJson(runDraw(c.directories, c.parameters, c.seed));
      const rng = new Prng(n);
      const reordered: Directories = {
        providers: shuffle(rng, c.directories.providers),
        inspectors: shuffle(rng, c.directories.inspectors).map((x) => ({ ...x, linkedInstitutionIds: [...x.linkedInstitutionIds].reverse() })),
      };
      expect(canonicalJson(runDraw(reordered, c.parameters, c.seed))).toBe(a);
      expect(directoriesHash(reordered)).toBe(directoriesHash(c.directories));
      const other = runDraw(c.directories, c.parameters, sha256Hex(`other ${n}`));
      compared += 1;
      if (canonicalJson(other) !== a) differs += 1;
    }
    expect(compared).toBeGreaterThan(150);
    expect(differs).toBeGreaterThanOrEqual(compared - 2);
  });

  it('the property checker itself sees a broken recusal, a short stratum and a skipped low-load inspector', () => {
    const c = cases.find((x) => !unfillableProviders(x.directories, x.parameters.teamSize).length && runDraw(x.directories, x.parameters, x.seed).selections.length > 3)!;
    const clean = runDraw(c.directories, c.parameters, c.seed);
    expect(violations(c, clean)).toEqual([]);
    const sameCity = clone(clean);
    sameCity.selections[0].team[0] = c.directories.inspectors.find((x) => x.cityCode === sameCity.selections[0].cityCode)!.id;
    expect(violations(c, sameCity).join('\n')).toMatch(/not eligible/);
    const short = clone(clean);
    short.selections.pop();
    expect(violations(c, short).join('\n')).toMatch(/selections/);
    const unbalanced = clone(clean);
    unbalanced.selections[1].team = [...unbalanced.selections[0].team];
    expect(violations(c, unbalanced).join('\n')).toMatch(/load|not eligible/);
  });

  it('draws each provider with a frequency that grows with its risk weight', () => {
    // One stratum of 4 providers with weights 1, 3, 6, 8 and 1 draw (ratio 0.1 of 4 → 1): frequencies ∝ weights.
    const providers: ProviderEntry[] = [
      { id: 'a', cityCode: '3201', countyCode: '320102', kind: 'pharmacy', level: 'none', keySupervision: false, priorViolations: 0 },
      { id: 'b', cityCode: '3201', countyCode: '320102', kind: 'pharmacy', level: 'none', keySupervision: true, priorViolations: 0 },
      { id: 'c', cityCode: '3201', countyCode: '320102', kind: 'pharmacy', level: 'none', keySupervision: false, priorViolations: 5 },
      { id: 'd', cityCode: '3201', countyCode: '320102', kind: 'pharmacy', level: 'none', keySupervision: true, priorViolations: 40 },
    ];
    const inspectors = ['x', 'y'].map((id) => ({ id, cityCode: '3202', organizationId: 'o', linkedInstitutionIds: [], inspectedLastYear: [] }));
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    const runs = 3600;
    for (let i = 0; i < runs; i++) {
      const r = runDraw({ providers, inspectors }, { defaultRatio: 0.1, ratios: {}, teamSize: 2, riskWeighted: true }, sha256Hex(`w${i}`));
      counts[r.selections[0].providerId] += 1;
    }
    const expected = { a: 1 / 18, b: 3 / 18, c: 6 / 18, d: 8 / 18 };
    for (const id of Object.keys(expected) as (keyof typeof expected)[]) {
      expect(Math.abs(counts[id] / runs - expected[id])).toBeLessThan(0.03);
    }
  });
});

// ---------------------------------------------------------------------------------------------

const SECRETS = ['correct horse battery staple', '见证人二号的随机串 42'];

function smallDirectories(): Directories {
  const providers: ProviderEntry[] = [];
  for (const city of ['3201', '3202', '3203']) {
    for (let i = 0; i < 12; i++) {
      providers.push({
        id: `prov-${city}-${String(i).padStart(2, '0')}`, cityCode: city, countyCode: `${city}0${1 + (i % 3)}`,
        kind: KINDS[i % 3], level: i % 3 === 0 ? LEVELS[i % 4] : 'none', keySupervision: i % 5 === 0, priorViolations: i % 7,
      });
    }
  }
  const inspectors: InspectorEntry[] = [];
  for (const city of ['3201', '3202', '3203']) {
    for (let i = 0; i < 4; i++) {
      inspectors.push({
        id: `insp-${city}-${i}`, cityCode: city, organizationId: `agency-${city}`,
        linkedInstitutionIds: i === 0 ? [`prov-${city === '3201' ? '3202' : '3201'}-00`] : [],
        inspectedLastYear: i === 1 ? [`prov-${city === '3203' ? '3201' : '3203'}-03`, `prov-${city === '3203' ? '3201' : '3203'}-06`] : [],
      });
    }
  }
  return { providers, inspectors };
}

const PARAMETERS: DrawParameters = { defaultRatio: 0.1, ratios: { 'hospital/tertiary': 0.5, 'pharmacy/none': 0.25 }, teamSize: 2, riskWeighted: true };

function committed(beaconRequired = true): DrawRecord {
  return commitRecord({
    spotCheckId: 'sc-known-answer',
    parameters: PARAMETERS,
    directories: smallDirectories(),
    witnessCommitments: SECRETS.map(secretCommitment),
    beaconRequired,
    committedAt: '2026-11-22T02:00:00.000Z',
  });
}

function drawn(): DrawRecord {
  return completeRecord(committed(), SECRETS, 'beacon-2026-11-23-round-123456');
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function failing(record: unknown): VerificationCheckName[] {
  return verifyDrawRecord(record).checks.filter((c) => !c.ok).map((c) => c.name);
}

describe('known answer (fundsup-draw/1 must never change silently)', () => {
  it('gives the same commitment, seed and result hash as when the algorithm was published', () => {
    const record = drawn();
    expect(record.algorithm).toBe(DRAW_ALGORITHM);
    expect(record.directoriesHash).toBe('06ab7404e72ea03ae2bf8bf65085b7cd26851e9b30ab847d8e1df8d570707079');
    expect(record.commitment).toBe('e454b8c3f92f56f70b0952cfedeb538e2a13f541740dceda75e5640fab277a6d');
    expect(record.seed).toBe('f43ea3bac4294daf6033e690cf8862de5c8c16afacbefaa0a02df19a4a9c714d');
    expect(record.resultHash).toBe('dfd1a1df1eaa826cf01409d7734ac38220f9406b31f9f886b724a68351c7a416');
    expect(record.result!.selections.slice(0, 3)).toEqual([
      { providerId: 'prov-3201-05', cityCode: '3201', kind: 'clinic', level: 'none', team: ['insp-3203-1', 'insp-3202-1'] },
      { providerId: 'prov-3201-03', cityCode: '3201', kind: 'hospital', level: 'none', team: ['insp-3202-0', 'insp-3203-0'] },
      { providerId: 'prov-3201-06', cityCode: '3201', kind: 'hospital', level: 'primary', team: ['insp-3202-2', 'insp-3203-2'] },
    ]);
    expect([record.result!.strata.length, record.result!.selections.length, record.result!.exclusions.length]).toEqual([18, 18, 12]);
  });

  it('hashes and seeds as documented', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: true, u: undefined })).toBe('{"a":true,"b":[1,{"c":"x","d":null}]}');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(secretCommitment('abc')).toBe(sha256Hex('abc'));
    expect(seedOf('c', ['s1', 's2'], 'b')).toBe(sha256Hex('c\ns1\ns2\nb'));
    expect(seedOf('c', ['s1'], null)).toBe(sha256Hex('c\ns1\n'));
    const r = committed();
    expect(r.commitment).toBe(commitmentOf(r));
    expect(r.directoriesHash).toBe(sha256Hex(canonicalJson(normalizeDirectories(r.directories))));
  });

  it('canonical JSON writes strings and numbers exactly as JSON.stringify does', () => {
    const strings = ['plain', 'quote " and \\ backslash', 'tab\t newline\n nul\u0000', '中文 医保基金', 'emoji 😀', 'lone \ud800 surrogate', '\u2028\u2029', ''];
    for (const v of strings) expect(canonicalJson(v)).toBe(JSON.stringify(v));
    for (const v of [0, -0, 1, 0.1, 0.3333, 1e21, 123456789, -5.5]) expect(canonicalJson(v)).toBe(JSON.stringify(v));
    expect(canonicalJson({ 'é': 1, z: 2, A: 3, '10': 4, '9': 5, 'a"b': 6 })).toBe('{"10":4,"9":5,"A":3,"a\\"b":6,"z":2,"é":1}');
  });

  it('canonical JSON refuses what JSON cannot represent faithfully', () => {
    expect(() => canonicalJson([1, undefined])).toThrow();
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: [Infinity] })).toThrow();
    expect(() => canonicalJson(undefined)).toThrow();
    expect(() => canonicalJson({ a: 1n })).toThrow();
  });
});

describe('verification', () => {
  it('a clean record verifies; a committed record verifies its commitment only', () => {
    const v = verifyDrawRecord(drawn());
    expect(v.ok).toBe(true);
    expect(v.checks.map((c) => c.name)).toEqual(['directories', 'commitment', 'reveal', 'seed', 'result']);
    expect(v.checks.every((c) => c.ok && c.detail.length > 0)).toBe(true);
    expect(failing(committed())).toEqual(['reveal', 'seed', 'result']);
    // A record survives a JSON round trip (what is downloaded and uploaded).
    expect(verifyDrawRecord(clone(drawn())).ok).toBe(true);
  });

  it('detects each edit in the check that covers it', () => {
    const base = drawn();
    const edit = (fn: (r: DrawRecord) => void): VerificationCheckName[] => {
      const r = clone(base);
      fn(r);
      return failing(r);
    };
    expect(edit((r) => { r.directories.providers[5].kind = r.directories.providers[5].kind === 'clinic' ? 'pharmacy' : 'clinic'; })).toContain('directories');
    expect(edit((r) => { r.directories.inspectors[0].linkedInstitutionIds = []; })).toContain('directories');
    expect(edit((r) => { r.parameters.ratios['hospital/tertiary'] = 0.6; })).toContain('commitment');
    expect(edit((r) => { r.parameters.defaultRatio = 0.2; })).toEqual(expect.arrayContaining(['commitment', 'result']));
    expect(edit((r) => { r.witnessCommitments[1] = sha256Hex('another secret'); })).toEqual(['commitment', 'reveal']);
    expect(edit((r) => { r.reveal!.witnessSecrets[0] = 'a different secret'; })).toEqual(['reveal', 'seed']);
    expect(edit((r) => { r.reveal!.beacon = 'beacon-2026-11-23-round-123457'; })).toEqual(['seed']);
    expect(edit((r) => { r.reveal!.beacon = null; })).toEqual(['reveal', 'seed']);
    expect(edit((r) => { r.seed = sha256Hex('a chosen seed'); })).toEqual(['seed', 'result']);
    expect(edit((r) => {
      const s = r.result!.selections[0];
      const other = r.directories.providers.find((p) => p.kind === s.kind && p.level === s.level && p.cityCode === s.cityCode
        && !r.result!.selections.some((x) => x.providerId === p.id))!;
      s.providerId = other.id;
    })).toEqual(['result']);
    expect(edit((r) => {
      const [a, b] = r.result!.selections;
      [a.team, b.team] = [b.team, a.team];
    })).toEqual(['result']);
    expect(edit((r) => { r.result!.selections[2].team.reverse(); })).toEqual(['result']);
    expect(edit((r) => { r.result!.exclusions.pop(); })).toEqual(['result']);
    expect(edit((r) => { r.resultHash = sha256Hex('x'); })).toEqual(['result']);
    expect(edit((r) => { (r as { algorithm: string }).algorithm = 'fundsup-draw/2'; })).toEqual(['commitment']);
  });

  it('never throws on garbage, reporting every check', () => {
    for (const garbage of [null, 42, 'record', [], {}, { reveal: 5, directories: 'x', parameters: [] }, { ...drawn(), result: { selections: 3 } }]) {
      const v = verifyDrawRecord(garbage);
      expect(v.ok).toBe(false);
      expect(v.checks).toHaveLength(5);
      for (const c of v.checks) expect(typeof c.detail).toBe('string');
    }
    const duplicated = clone(drawn());
    duplicated.directories.providers.push({ ...duplicated.directories.providers[0] });
    const v = verifyDrawRecord(duplicated);
    expect(v.checks[0]).toMatchObject({ name: 'directories', ok: false });
    expect(v.checks[0].detail).toContain('draw_directory_invalid');
  });
});

describe('errors', () => {
  const code = (fn: () => unknown): { code: string; details?: Record<string, unknown> } => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(DrawError);
      return { code: (e as DrawError).code, details: (e as DrawError).details };
    }
    throw new Error('expected a DrawError');
  };
  const seed = sha256Hex('errors');

  it('a provider no team can be formed for stops the draw (draw_team_unfillable)', () => {
    const d = smallDirectories();
    // Only one inspector outside 3201: no team of 2 for any provider of 3201.
    const oneCity = { ...d, inspectors: d.inspectors.filter((x) => x.cityCode === '3201' || x.id === 'insp-3202-0') };
    const e = code(() => runDraw(oneCity, PARAMETERS, seed));
    expect(e.code).toBe('draw_team_unfillable');
    expect(e.details!.providerId).toMatch(/^prov-3201-/);
    expect(unfillableProviders(oneCity, 2)).toContain(e.details!.providerId);
    // Linked and inspected-last-year inspectors count as ineligible too.
    const target = d.providers[0];
    const conflicted = {
      providers: [target],
      inspectors: [
        { id: 'a', cityCode: '3299', organizationId: 'o', linkedInstitutionIds: [target.id], inspectedLastYear: [] },
        { id: 'b', cityCode: '3299', organizationId: 'o', linkedInstitutionIds: [], inspectedLastYear: [target.id] },
        { id: 'c', cityCode: '3299', organizationId: 'o', linkedInstitutionIds: [], inspectedLastYear: [] },
      ],
    };
    expect(code(() => runDraw(conflicted, PARAMETERS, seed))).toEqual({ code: 'draw_team_unfillable', details: { providerId: target.id } });
  });

  it('an empty population, a ratio below 10%, a bad team size, duplicates', () => {
    expect(code(() => runDraw({ providers: [], inspectors: smallDirectories().inspectors }, PARAMETERS, seed)).code).toBe('spot_check_population_empty');
    expect(code(() => commitRecord({ ...committedInput(), directories: { providers: [], inspectors: [] } })).code).toBe('spot_check_population_empty');
    expect(code(() => runDraw(smallDirectories(), { ...PARAMETERS, defaultRatio: 0.05 }, seed))).toEqual({
      code: 'spot_check_ratio_invalid', details: { stratum: 'default', min: 0.1 },
    });
    expect(code(() => runDraw(smallDirectories(), { ...PARAMETERS, ratios: { 'clinic/none': 0.05 } }, seed))).toEqual({
      code: 'spot_check_ratio_invalid', details: { stratum: 'clinic/none', min: 0.1 },
    });
    expect(code(() => runDraw(smallDirectories(), { ...PARAMETERS, defaultRatio: 1.5 }, seed)).code).toBe('spot_check_ratio_invalid');
    expect(code(() => runDraw(smallDirectories(), { ...PARAMETERS, ratios: { 'clinic/great': 0.5 } }, seed)).code).toBe('spot_check_ratio_invalid');
    expect(code(() => runDraw(smallDirectories(), { ...PARAMETERS, teamSize: 1 }, seed)).code).toBe('spot_check_team_size_invalid');
    expect(code(() => runDraw(smallDirectories(), PARAMETERS, 'not a seed')).code).toBe('draw_seed_invalid');
    const d = smallDirectories();
    d.providers.push({ ...d.providers[3] });
    expect(code(() => normalizeDirectories(d))).toEqual({ code: 'draw_directory_invalid', details: { reason: 'duplicate provider id', id: d.providers[3].id } });
  });

  it('the reveal must match the commitments and bring the beacon when required', () => {
    const r = committed(true);
    expect(code(() => completeRecord(r, [SECRETS[0], 'wrong'], 'beacon'))).toEqual({ code: 'spot_check_reveal_mismatch', details: { witness: 1 } });
    expect(code(() => completeRecord(r, [SECRETS[0]], 'beacon'))).toEqual({ code: 'spot_check_reveal_mismatch', details: { witness: 1 } });
    expect(code(() => completeRecord(r, SECRETS, null)).code).toBe('spot_check_beacon_required');
    expect(code(() => completeRecord(r, SECRETS, '')).code).toBe('spot_check_beacon_required');
    const noBeacon = completeRecord(committed(false), SECRETS, undefined);
    expect(noBeacon.reveal).toEqual({ witnessSecrets: SECRETS, beacon: null });
    expect(verifyDrawRecord(noBeacon).ok).toBe(true);
    expect(code(() => commitRecord({ ...committedInput(), witnessCommitments: ['abc'] }))).toEqual({
      code: 'spot_check_commitment_invalid', details: { witness: 0 },
    });
  });
});

function committedInput() {
  return {
    spotCheckId: 'sc', parameters: PARAMETERS, directories: smallDirectories(),
    witnessCommitments: SECRETS.map(secretCommitment), beaconRequired: false, committedAt: '2026-11-22T02:00:00.000Z',
  };
}

it('the draw module has no ambient randomness, clock or I/O', () => {
  const dir = fileURLToPath(new URL('../../src/contexts/spot-checks/domain/draw', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  expect(files.length).toBeGreaterThanOrEqual(5);
  for (const f of files) {
    const source = readFileSync(join(dir, f), 'utf8');
    expect(source).not.toMatch(/Math\.random|Date\.now|new Date|performance\.now|node:fs|process\.|crypto\.random|randomBytes|randomUUID/);
    for (const m of source.matchAll(/from '([^']+)'/g)) expect(m[1]).toMatch(/^(\.\/|\.\.\/\.\.\/\.\.\/\.\.\/kernel\/errors\.js$|node:crypto$)/);
  }
});
