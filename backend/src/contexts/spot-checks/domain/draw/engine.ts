import { canonicalJson, compareStrings, isSha256Hex, sha256Hex } from './canonical.js';
import { DrawError } from './errors.js';
import { Drbg, Fenwick } from './random.js';
import {
  INSTITUTION_KINDS, INSTITUTION_LEVELS,
  type Directories, type DrawExclusion, type DrawParameters, type DrawResult, type DrawSelection, type DrawStratum,
  type InspectorEntry, type InstitutionKind, type InstitutionLevel, type ProviderEntry,
} from './types.js';

// The draw itself: directories + parameters + seed → result. The algorithm is specified in the
// header of index.ts; every observable detail here is part of fundsup-draw/1.

const MIN_BP = 1000;
const MAX_BP = 10000;
const MAX_PRIOR_VIOLATIONS_WEIGHT = 5;

function invalid(reason: string, details: Record<string, unknown> = {}): never {
  throw new DrawError('draw_directory_invalid', { reason, ...details });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sortedUniqueStrings(v: unknown, what: string, id: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) invalid(`${what} must be an array of strings`, { id });
  const sorted = [...(v as string[])].sort(compareStrings);
  return sorted.filter((x, i) => i === 0 || x !== sorted[i - 1]);
}

function requireString(v: unknown, what: string, id: string): string {
  if (typeof v !== 'string') invalid(`${what} must be a string`, { id });
  return v as string;
}

function provider(v: unknown): ProviderEntry {
  if (!isObject(v) || typeof v.id !== 'string' || v.id === '') invalid('a provider needs a non-empty string id');
  const p = v as Record<string, unknown>;
  const id = p.id as string;
  if (!INSTITUTION_KINDS.includes(p.kind as InstitutionKind)) invalid('unknown institution kind', { id, kind: p.kind });
  if (!INSTITUTION_LEVELS.includes(p.level as InstitutionLevel)) invalid('unknown institution level', { id, level: p.level });
  if (typeof p.keySupervision !== 'boolean') invalid('keySupervision must be a boolean', { id });
  if (!Number.isSafeInteger(p.priorViolations) || (p.priorViolations as number) < 0) {
    invalid('priorViolations must be a non-negative integer', { id });
  }
  return {
    id,
    cityCode: requireString(p.cityCode, 'cityCode', id),
    countyCode: requireString(p.countyCode, 'countyCode', id),
    kind: p.kind as InstitutionKind,
    level: p.level as InstitutionLevel,
    keySupervision: p.keySupervision as boolean,
    priorViolations: p.priorViolations as number,
  };
}

function inspector(v: unknown): InspectorEntry {
  if (!isObject(v) || typeof v.id !== 'string' || v.id === '') invalid('an inspector needs a non-empty string id');
  const x = v as Record<string, unknown>;
  const id = x.id as string;
  return {
    id,
    cityCode: requireString(x.cityCode, 'cityCode', id),
    organizationId: requireString(x.organizationId, 'organizationId', id),
    linkedInstitutionIds: sortedUniqueStrings(x.linkedInstitutionIds, 'linkedInstitutionIds', id),
    inspectedLastYear: sortedUniqueStrings(x.inspectedLastYear, 'inspectedLastYear', id),
  };
}

function sortById<T extends { id: string }>(items: T[], what: string): T[] {
  const sorted = items.sort((a, b) => compareStrings(a.id, b.id));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].id === sorted[i - 1].id) invalid(`duplicate ${what} id`, { id: sorted[i].id });
  }
  return sorted;
}

/**
 * The directories in canonical form: only the published fields, providers and inspectors sorted by
 * id (code-unit order), the id lists inside sorted and deduplicated. Throws draw_directory_invalid
 * on a malformed entry or a duplicate id. Never mutates its argument.
 */
export function normalizeDirectories(d: Directories): Directories {
  if (!isObject(d) || !Array.isArray(d.providers) || !Array.isArray(d.inspectors)) {
    invalid('directories must be { providers: [], inspectors: [] }');
  }
  return {
    providers: sortById(d.providers.map(provider), 'provider'),
    inspectors: sortById(d.inspectors.map(inspector), 'inspector'),
  };
}

/** sha256 of the canonical JSON of the normalized directories. */
export function directoriesHash(d: Directories): string {
  return sha256Hex(canonicalJson(normalizeDirectories(d)));
}

function basisPoints(ratio: unknown, stratum: string): number {
  const bp = typeof ratio === 'number' && Number.isFinite(ratio) ? Math.round(ratio * 10000) : NaN;
  if (!(bp >= MIN_BP && bp <= MAX_BP)) throw new DrawError('spot_check_ratio_invalid', { stratum, min: 0.1 });
  return bp;
}

export interface ValidParameters {
  /** Basis points per stratum key `${kind}/${level}` (every one of the 12 keys). */
  basisPoints: Map<string, number>;
  teamSize: number;
  riskWeighted: boolean;
}

/**
 * Checks the parameters: defaultRatio and every ratio in [0.10, 1] (after rounding to basis points),
 * ratio keys `${kind}/${level}`, teamSize an integer 2–5, riskWeighted a boolean.
 */
export function validateParameters(parameters: DrawParameters): ValidParameters {
  if (!isObject(parameters)) throw new DrawError('spot_check_parameters_invalid', { reason: 'parameters must be an object' });
  const defaultBp = basisPoints(parameters.defaultRatio, 'default');
  const ratios: unknown = parameters.ratios ?? {};
  if (!isObject(ratios)) throw new DrawError('spot_check_parameters_invalid', { reason: 'ratios must be an object' });
  const keys = INSTITUTION_KINDS.flatMap((k) => INSTITUTION_LEVELS.map((l) => `${k}/${l}`));
  for (const key of Object.keys(ratios).sort(compareStrings)) {
    if (!keys.includes(key)) throw new DrawError('spot_check_ratio_invalid', { stratum: key, min: 0.1 });
    basisPoints(ratios[key], key);
  }
  const teamSize = parameters.teamSize;
  if (!Number.isSafeInteger(teamSize) || teamSize < 2 || teamSize > 5) {
    throw new DrawError('spot_check_team_size_invalid', { teamSize, min: 2, max: 5 });
  }
  if (typeof parameters.riskWeighted !== 'boolean') {
    throw new DrawError('spot_check_parameters_invalid', { reason: 'riskWeighted must be a boolean' });
  }
  const bps = new Map<string, number>();
  for (const key of keys) bps.set(key, Object.hasOwn(ratios, key) ? basisPoints(ratios[key], key) : defaultBp);
  return { basisPoints: bps, teamSize, riskWeighted: parameters.riskWeighted };
}

/** ceil(population × bp / 10000) in integers (population × bp < 2^53). */
function drawnCount(population: number, bp: number): number {
  const q = population * bp;
  const rest = q % 10000;
  return (q - rest) / 10000 + (rest === 0 ? 0 : 1);
}

function riskWeight(p: ProviderEntry, riskWeighted: boolean): number {
  if (!riskWeighted) return 1;
  return 1 + (p.keySupervision ? 2 : 0) + Math.min(p.priorViolations, MAX_PRIOR_VIOLATIONS_WEIGHT);
}

interface Conflict {
  inspector: number;
  linked: boolean;
  inspectedLastYear: boolean;
}

/** Per provider id: the inspectors (index in id order) linked to it or that inspected it last year, in id order. */
function conflictIndex(inspectors: InspectorEntry[]): Map<string, Conflict[]> {
  const index = new Map<string, Conflict[]>();
  const entry = (providerId: string, i: number): Conflict => {
    let list = index.get(providerId);
    if (!list) index.set(providerId, (list = []));
    let last = list[list.length - 1];
    if (!last || last.inspector !== i) list.push((last = { inspector: i, linked: false, inspectedLastYear: false }));
    return last;
  };
  inspectors.forEach((x, i) => {
    for (const pid of x.linkedInstitutionIds) entry(pid, i).linked = true;
    for (const pid of x.inspectedLastYear) entry(pid, i).inspectedLastYear = true;
  });
  return index;
}

interface Stratum {
  cityCode: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  members: ProviderEntry[];
}

function strataOf(providers: ProviderEntry[]): Stratum[] {
  const byKey = new Map<string, Stratum>();
  for (const p of providers) {
    // Unambiguous: kind and level never contain NUL, so the last two NUL-separated parts are theirs.
    const key = `${p.cityCode}\u0000${p.kind}\u0000${p.level}`;
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { cityCode: p.cityCode, kind: p.kind, level: p.level, members: [] }));
    s.members.push(p);
  }
  return [...byKey.values()].sort(
    (a, b) => compareStrings(a.cityCode, b.cityCode) || compareStrings(a.kind, b.kind) || compareStrings(a.level, b.level),
  );
}

/**
 * Inspectors bucketed by load: per load level, a Fenwick tree of 0/1 over inspector positions (id
 * order) for "the u-th inspector with load L", and per-city counts for "how many with load L are
 * not of city c".
 */
class LoadLevels {
  private readonly trees: Fenwick[] = [];
  private readonly cityCounts: Int32Array[] = [];
  readonly load: Int32Array;
  minLevel = 0;

  constructor(private readonly cityOf: Int32Array, private readonly cities: number) {
    const n = cityOf.length;
    this.load = new Int32Array(n);
    this.trees.push(new Fenwick(n, new Uint8Array(n).fill(1)));
    const counts = new Int32Array(cities);
    for (let i = 0; i < n; i++) counts[cityOf[i]] += 1;
    this.cityCounts.push(counts);
  }

  levels(): number {
    return this.trees.length;
  }

  size(level: number): number {
    return this.trees[level].total;
  }

  inCity(level: number, city: number): number {
    return this.cityCounts[level][city];
  }

  at(level: number, u: number): number {
    return this.trees[level].find(u);
  }

  raise(i: number): void {
    const from = this.load[i];
    if (from + 1 === this.trees.length) {
      this.trees.push(new Fenwick(this.cityOf.length));
      this.cityCounts.push(new Int32Array(this.cities));
    }
    this.trees[from].add(i, -1);
    this.cityCounts[from][this.cityOf[i]] -= 1;
    this.trees[from + 1].add(i, 1);
    this.cityCounts[from + 1][this.cityOf[i]] += 1;
    this.load[i] = from + 1;
    while (this.trees[this.minLevel].total === 0) this.minLevel += 1;
  }
}

/**
 * Providers (ids, in id order) that can never get a team of `teamSize`: fewer eligible inspectors
 * (other city, not linked, not inspected last year) than that. Seed-independent, so a caller can
 * refuse to commit a draw that could fail.
 */
export function unfillableProviders(directories: Directories, teamSize: number): string[] {
  const d = normalizeDirectories(directories);
  const perCity = new Map<string, number>();
  for (const x of d.inspectors) perCity.set(x.cityCode, (perCity.get(x.cityCode) ?? 0) + 1);
  const conflicts = conflictIndex(d.inspectors);
  return d.providers
    .filter((p) => {
      const other = (conflicts.get(p.id) ?? []).filter((c) => d.inspectors[c.inspector].cityCode !== p.cityCode).length;
      return d.inspectors.length - (perCity.get(p.cityCode) ?? 0) - other < teamSize;
    })
    .map((p) => p.id);
}

/** Runs fundsup-draw/1. Pure and deterministic: the same arguments give the same canonical result. */
export function runDraw(directories: Directories, parameters: DrawParameters, seed: string): DrawResult {
  if (!isSha256Hex(seed)) throw new DrawError('draw_seed_invalid');
  const params = validateParameters(parameters);
  const { providers, inspectors } = normalizeDirectories(directories);
  if (providers.length === 0) throw new DrawError('spot_check_population_empty');
  const random = new Drbg(seed);

  // 1. Strata in (cityCode, kind, level) order; weighted sampling without replacement in each.
  const strata: DrawStratum[] = [];
  const chosen: ProviderEntry[] = [];
  for (const s of strataOf(providers)) {
    const bp = params.basisPoints.get(`${s.kind}/${s.level}`)!;
    const population = s.members.length;
    const drawn = drawnCount(population, bp);
    strata.push({ cityCode: s.cityCode, kind: s.kind, level: s.level, population, ratio: bp / 10000, drawn });
    const weights = s.members.map((p) => riskWeight(p, params.riskWeighted));
    const tree = new Fenwick(population, weights);
    for (let k = 0; k < drawn; k++) {
      const at = tree.find(random.below(tree.total));
      chosen.push(s.members[at]);
      tree.add(at, -weights[at]);
    }
  }

  // 2. Teams, in draw order: each member uniformly among the eligible inspectors with the lowest load.
  const cityIds = new Map<string, number>();
  const cityId = (code: string): number => {
    let id = cityIds.get(code);
    if (id === undefined) cityIds.set(code, (id = cityIds.size));
    return id;
  };
  for (const x of inspectors) cityId(x.cityCode);
  for (const p of chosen) cityId(p.cityCode);
  const cityOf = Int32Array.from(inspectors, (x) => cityIds.get(x.cityCode)!);
  const cityTotals = new Int32Array(cityIds.size);
  for (const c of cityOf) cityTotals[c] += 1;
  const conflicts = conflictIndex(inspectors);
  const levels = new LoadLevels(cityOf, cityIds.size);
  const blocked = new Uint8Array(inspectors.length);

  const selections: DrawSelection[] = [];
  const pairExclusions: DrawExclusion[] = [];
  for (const p of chosen) {
    const city = cityIds.get(p.cityCode)!;
    const conflicted = (conflicts.get(p.id) ?? []).filter((c) => cityOf[c.inspector] !== city);
    if (inspectors.length - cityTotals[city] - conflicted.length < params.teamSize) {
      throw new DrawError('draw_team_unfillable', { providerId: p.id });
    }
    for (const c of conflicted) {
      blocked[c.inspector] = 1;
      if (c.linked) pairExclusions.push({ reason: 'linked', providerId: p.id, inspectorId: inspectors[c.inspector].id });
      if (c.inspectedLastYear) pairExclusions.push({ reason: 'inspected_last_year', providerId: p.id, inspectorId: inspectors[c.inspector].id });
    }
    const team: number[] = [];
    for (let t = 0; t < params.teamSize; t++) {
      // The lowest load among the eligible inspectors not yet in the team.
      let level = levels.minLevel;
      for (;; level++) {
        let eligible = levels.size(level) - levels.inCity(level, city);
        for (const c of conflicted) if (levels.load[c.inspector] === level) eligible -= 1;
        for (const i of team) if (levels.load[i] === level) eligible -= 1;
        if (eligible > 0) break;
        if (level + 1 >= levels.levels()) throw new Error('fundsup-draw/1: no eligible inspector found (internal error)');
      }
      // Uniform among every inspector with that load (id order), redrawn until eligible.
      let pick: number;
      do pick = levels.at(level, random.below(levels.size(level)));
      while (cityOf[pick] === city || blocked[pick] === 1);
      team.push(pick);
      blocked[pick] = 1;
      levels.raise(pick);
    }
    for (const c of conflicted) blocked[c.inspector] = 0;
    for (const i of team) blocked[i] = 0;
    selections.push({ providerId: p.id, cityCode: p.cityCode, kind: p.kind, level: p.level, team: team.map((i) => inspectors[i].id) });
  }

  // 3. Exclusions: same city once per city with selections, then the pairs in draw order.
  const selectedCities = [...new Set(chosen.map((p) => p.cityCode))].sort(compareStrings);
  const exclusions: DrawExclusion[] = [];
  for (const cityCode of selectedCities) {
    const inspectorIds = inspectors.filter((x) => x.cityCode === cityCode).map((x) => x.id);
    if (inspectorIds.length > 0) exclusions.push({ reason: 'same_city', cityCode, inspectorIds });
  }
  exclusions.push(...pairExclusions);
  return { strata, selections, exclusions };
}

/** sha256 of the canonical JSON of a result. */
export function resultHash(result: DrawResult): string {
  return sha256Hex(canonicalJson(result));
}
