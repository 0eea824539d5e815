import { canonicalJson, isSha256Hex, sha256Hex } from './canonical.js';
import { normalizeDirectories, resultHash, runDraw, validateParameters } from './engine.js';
import { DrawError } from './errors.js';
import type { Directories, DrawParameters, DrawRecord, DrawResult, Verification, VerificationCheck, VerificationCheckName } from './types.js';

export const DRAW_ALGORITHM = 'fundsup-draw/1' as const;

export interface CommitmentInput {
  algorithm: string;
  spotCheckId: string;
  parameters: DrawParameters;
  directoriesHash: string;
  witnessCommitments: string[];
  beaconRequired: boolean;
  committedAt: string;
}

function parametersOf(p: DrawParameters): DrawParameters {
  return { defaultRatio: p.defaultRatio, ratios: p.ratios, teamSize: p.teamSize, riskWeighted: p.riskWeighted };
}

/** sha256(canonical {algorithm, spotCheckId, parameters, directoriesHash, witnessCommitments, beaconRequired, committedAt}). */
export function commitmentOf(c: CommitmentInput): string {
  return sha256Hex(canonicalJson({
    algorithm: c.algorithm,
    spotCheckId: c.spotCheckId,
    parameters: parametersOf(c.parameters),
    directoriesHash: c.directoriesHash,
    witnessCommitments: c.witnessCommitments,
    beaconRequired: c.beaconRequired,
    committedAt: c.committedAt,
  }));
}

/** What a witness publishes before the draw: the sha256 hex of their secret's UTF-8 bytes. */
export function secretCommitment(secret: string): string {
  return sha256Hex(secret);
}

/** sha256(commitment ‖ '\n' ‖ secret_1 ‖ '\n' ‖ … ‖ secret_n ‖ '\n' ‖ (beacon ?? '')). */
export function seedOf(commitment: string, witnessSecrets: string[], beacon: string | null): string {
  return sha256Hex([commitment, ...witnessSecrets, beacon ?? ''].join('\n'));
}

export interface CommitInput {
  spotCheckId: string;
  parameters: DrawParameters;
  directories: Directories;
  witnessCommitments: string[];
  beaconRequired: boolean;
  committedAt: string;
}

/**
 * The record published at commit time (reveal, seed and result still null): checks the parameters
 * and the witness commitments, freezes the normalized directories and computes the commitment.
 */
export function commitRecord(input: CommitInput): DrawRecord {
  validateParameters(input.parameters);
  const directories = normalizeDirectories(input.directories);
  if (directories.providers.length === 0) throw new DrawError('spot_check_population_empty');
  if (!Array.isArray(input.witnessCommitments) || input.witnessCommitments.length === 0) {
    throw new DrawError('spot_check_commitment_invalid', { reason: 'at least one witness commitment is needed' });
  }
  const witnessCommitments = input.witnessCommitments.map((c, witness) => {
    if (typeof c !== 'string' || !/^[0-9a-fA-F]{64}$/.test(c)) throw new DrawError('spot_check_commitment_invalid', { witness });
    return c.toLowerCase();
  });
  const parameters = parametersOf(input.parameters);
  parameters.ratios = { ...(parameters.ratios ?? {}) };
  const directoriesHash = sha256Hex(canonicalJson(directories));
  const committed = {
    algorithm: DRAW_ALGORITHM,
    spotCheckId: input.spotCheckId,
    parameters,
    directoriesHash,
    witnessCommitments,
    beaconRequired: input.beaconRequired,
    committedAt: input.committedAt,
  };
  return {
    ...committed,
    directories,
    commitment: commitmentOf(committed),
    reveal: null,
    seed: null,
    result: null,
    resultHash: null,
  };
}

/**
 * Reveals and draws: every secret must match its witness's commitment (spot_check_reveal_mismatch,
 * details.witness = index), the beacon must be there when required (spot_check_beacon_required);
 * then the seed is fixed and the draw runs. Returns a new record; the argument is not changed.
 */
export function completeRecord(record: DrawRecord, witnessSecrets: string[], beacon: string | null | undefined): DrawRecord {
  const commitments = record.witnessCommitments;
  for (let witness = 0; witness < Math.max(commitments.length, witnessSecrets.length); witness++) {
    const secret = witnessSecrets[witness];
    if (typeof secret !== 'string' || witness >= commitments.length || secretCommitment(secret) !== commitments[witness]) {
      throw new DrawError('spot_check_reveal_mismatch', { witness });
    }
  }
  const revealedBeacon = typeof beacon === 'string' && beacon !== '' ? beacon : null;
  if (record.beaconRequired && revealedBeacon === null) throw new DrawError('spot_check_beacon_required');
  const seed = seedOf(record.commitment, witnessSecrets, revealedBeacon);
  const result = runDraw(record.directories, record.parameters, seed);
  return {
    ...record,
    reveal: { witnessSecrets: [...witnessSecrets], beacon: revealedBeacon },
    seed,
    result,
    resultHash: resultHash(result),
  };
}

// ---------------------------------------------------------------------------------------------
// Verification: never throws; every check is reported, each on its own inputs from the record, so
// an edit shows up in the check that covers the edited part.

type Outcome = { ok: boolean; detail: string };

function describe(e: unknown): string {
  if (e instanceof DrawError) return `${e.code}${e.details ? ` ${JSON.stringify(e.details)}` : ''}`;
  return e instanceof Error ? e.message : String(e);
}

function isRecordLike(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkDirectories(r: Record<string, unknown>): Outcome {
  const d = normalizeDirectories(r.directories as Directories);
  const hash = sha256Hex(canonicalJson(d));
  if (hash !== r.directoriesHash) return { ok: false, detail: `directories hash to ${hash}, the record says ${String(r.directoriesHash)}` };
  return { ok: true, detail: `${d.providers.length} providers, ${d.inspectors.length} inspectors; sha256 ${hash}` };
}

function checkCommitment(r: Record<string, unknown>): Outcome {
  if (r.algorithm !== DRAW_ALGORITHM) return { ok: false, detail: `unsupported algorithm ${JSON.stringify(r.algorithm)} (expected ${DRAW_ALGORITHM})` };
  const commitments = r.witnessCommitments;
  if (!Array.isArray(commitments) || commitments.length === 0) return { ok: false, detail: 'witnessCommitments must be a non-empty array' };
  const bad = commitments.flatMap((c, i) => (isSha256Hex(c) ? [] : [i]));
  if (bad.length) return { ok: false, detail: `witness commitments ${bad.join(', ')} are not sha256 hex digests` };
  if (!isRecordLike(r.parameters)) return { ok: false, detail: 'parameters are missing' };
  const commitment = commitmentOf(r as unknown as CommitmentInput);
  if (commitment !== r.commitment) return { ok: false, detail: `the committed fields hash to ${commitment}, the record says ${String(r.commitment)}` };
  return { ok: true, detail: `commitment ${commitment}` };
}

function revealOf(r: Record<string, unknown>): { witnessSecrets: string[]; beacon: string | null } | string {
  const reveal = r.reveal;
  if (reveal === null || reveal === undefined) return 'not revealed yet (the draw has not run)';
  if (!isRecordLike(reveal)) return 'reveal is malformed';
  const secrets = reveal.witnessSecrets;
  if (!Array.isArray(secrets) || secrets.some((s) => typeof s !== 'string')) return 'reveal.witnessSecrets must be an array of strings';
  const beacon = reveal.beacon ?? null;
  if (beacon !== null && typeof beacon !== 'string') return 'reveal.beacon must be a string or null';
  return { witnessSecrets: secrets as string[], beacon };
}

function checkReveal(r: Record<string, unknown>): Outcome {
  const reveal = revealOf(r);
  if (typeof reveal === 'string') return { ok: false, detail: reveal };
  const commitments = Array.isArray(r.witnessCommitments) ? (r.witnessCommitments as unknown[]) : [];
  const problems: string[] = [];
  if (reveal.witnessSecrets.length !== commitments.length) {
    problems.push(`${reveal.witnessSecrets.length} secrets for ${commitments.length} commitments`);
  }
  const mismatched = reveal.witnessSecrets.flatMap((s, i) => (i < commitments.length && secretCommitment(s) !== commitments[i] ? [i] : []));
  if (mismatched.length) problems.push(`the secrets of witnesses ${mismatched.join(', ')} do not match their commitments`);
  if (r.beaconRequired === true && !reveal.beacon) problems.push('a beacon is required but none was revealed');
  if (problems.length) return { ok: false, detail: problems.join('; ') };
  return {
    ok: true,
    detail: `${reveal.witnessSecrets.length} witness secret(s) match their commitments; ${reveal.beacon ? 'beacon revealed' : 'no beacon'}`,
  };
}

function checkSeed(r: Record<string, unknown>): Outcome {
  const reveal = revealOf(r);
  if (typeof reveal === 'string') return { ok: false, detail: reveal };
  if (typeof r.commitment !== 'string') return { ok: false, detail: 'commitment is missing' };
  const seed = seedOf(r.commitment, reveal.witnessSecrets, reveal.beacon);
  if (seed !== r.seed) return { ok: false, detail: `the commitment and reveal give seed ${seed}, the record says ${String(r.seed)}` };
  return { ok: true, detail: `seed ${seed}` };
}

function firstDifference(replayed: DrawResult, stored: unknown): string {
  if (!isRecordLike(stored)) return 'the stored result is malformed';
  const sel = Array.isArray(stored.selections) ? (stored.selections as unknown[]) : [];
  const n = Math.max(sel.length, replayed.selections.length);
  for (let i = 0; i < n; i++) {
    const a = replayed.selections[i];
    const b = sel[i];
    if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) {
      const show = (s: unknown) => {
        if (!isRecordLike(s)) return 'nothing';
        return `${String(s.providerId)} [${Array.isArray(s.team) ? s.team.join(', ') : '?'}]`;
      };
      return `selection ${i}: the record has ${show(b)}, the replay gives ${show(a)}`;
    }
  }
  if (canonicalJson(replayed.strata) !== canonicalJson(stored.strata ?? null)) return 'the strata differ';
  if (canonicalJson(replayed.exclusions) !== canonicalJson(stored.exclusions ?? null)) return 'the exclusions differ';
  return 'the canonical results differ';
}

function checkResult(r: Record<string, unknown>): Outcome {
  if (!isSha256Hex(r.seed)) return { ok: false, detail: 'no seed: the draw has not run' };
  if (r.result === null || r.result === undefined) return { ok: false, detail: 'no result: the draw has not run' };
  const replayed = runDraw(r.directories as Directories, r.parameters as DrawParameters, r.seed);
  const replayedJson = canonicalJson(replayed);
  let storedJson: string;
  try {
    storedJson = canonicalJson(r.result);
  } catch (e) {
    return { ok: false, detail: `the stored result is not canonical JSON: ${describe(e)}` };
  }
  if (replayedJson !== storedJson) return { ok: false, detail: `the replay differs from the stored result: ${firstDifference(replayed, r.result)}` };
  const hash = sha256Hex(replayedJson);
  if (hash !== r.resultHash) return { ok: false, detail: `the result hashes to ${hash}, the record says ${String(r.resultHash)}` };
  return { ok: true, detail: `${replayed.selections.length} selections in ${replayed.strata.length} strata reproduced byte for byte; sha256 ${hash}` };
}

const CHECKS: [VerificationCheckName, (r: Record<string, unknown>) => Outcome][] = [
  ['directories', checkDirectories],
  ['commitment', checkCommitment],
  ['reveal', checkReveal],
  ['seed', checkSeed],
  ['result', checkResult],
];

/** Replays a published record: directories hash, commitment, reveal, seed and the draw itself. */
export function verifyDrawRecord(record: DrawRecord | unknown): Verification {
  const r = isRecordLike(record) ? record : {};
  const checks: VerificationCheck[] = CHECKS.map(([name, run]) => {
    if (!isRecordLike(record)) return { name, ok: false, detail: 'the record is not a JSON object' };
    try {
      return { name, ...run(r) };
    } catch (e) {
      return { name, ok: false, detail: describe(e) };
    }
  });
  return { ok: checks.every((c) => c.ok), checks };
}
