/**
 * The verifiable draw of province spot-checks (双随机), algorithm `fundsup-draw/1`.
 * Contract: docs/api/campaigns-and-spot-checks.md, "Spot-checks and the verifiable draw".
 *
 * Pure TypeScript: no I/O, no clock, no ambient random source; every decision is made on integers (all below
 * 2^53, so exact in JavaScript numbers). Only node:crypto's SHA-256 is used.
 *
 * ── VERSIONING ──────────────────────────────────────────────────────────────────────────────────
 * Published records are replayed by anyone, possibly years later, with this code. Changing ANYTHING
 * observable — the canonical JSON, a hash input, the random source, the order in which random
 * numbers are consumed, the strata order, the rounding, the weights, the team rule, the order or
 * content of the result or of the exclusions — REQUIRES A NEW ALGORITHM VERSION (fundsup-draw/2,
 * kept side by side with this one); the known-answer test in test/unit/draw.spec.ts guards it.
 *
 * ── fundsup-draw/1 ─────────────────────────────────────────────────────────────────────────────
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers as
 *   JSON.stringify writes them; undefined-valued object properties omitted.
 * Directories (normalized): providers {id, cityCode, countyCode, kind, level, keySupervision,
 *   priorViolations} and inspectors {id, cityCode, organizationId, linkedInstitutionIds,
 *   inspectedLastYear}, each list sorted by id (code-unit order), the two id lists inside sorted and
 *   deduplicated; duplicate ids are an error. directoriesHash = sha256(canonical(normalized)).
 * Commitment = sha256(canonical {algorithm, spotCheckId, parameters {defaultRatio, ratios, teamSize,
 *   riskWeighted}, directoriesHash, witnessCommitments, beaconRequired, committedAt}); a witness
 *   commitment is sha256(secret as UTF-8). All hashes are lower-case hex of the UTF-8 text.
 * Seed = sha256(commitment ‖ '\n' ‖ secret_1 ‖ '\n' ‖ … ‖ secret_n ‖ '\n' ‖ (beacon ?? '')).
 * Random source: the 32 seed bytes S; block_i = sha256(S ‖ uint64be(i)) for i = 0, 1, …; each block is
 *   eight 32-bit big-endian words consumed in order. below(n) (1 ≤ n ≤ 2^32): take words w until
 *   w < 2^32 − (2^32 mod n), return w mod n (one word at least, also for n = 1).
 * Parameters: a ratio r becomes bp = round(r × 10000) basis points and must be 1000 ≤ bp ≤ 10000;
 *   ratios keys are `${kind}/${level}`; teamSize is an integer 2–5.
 * 1. Strata: providers grouped by (cityCode, kind, level), strata in that tuple's code-unit order,
 *    members in id order. bp = ratios[`${kind}/${level}`] ?? defaultRatio; drawn =
 *    ceil(population × bp / 10000). Weight w = riskWeighted ? 1 + 2·keySupervision +
 *    min(priorViolations, 5) : 1. Per stratum, `drawn` times: r = below(sum of remaining weights),
 *    take the member whose cumulative weight interval (in id order, drawn ones having weight 0)
 *    contains r. Draw order = strata order, then order of drawing.
 * 2. Teams, for each selection in draw order (all loads start at 0). Eligible = inspectors whose
 *    cityCode differs from the provider's, whose linkedInstitutionIds and inspectedLastYear do not
 *    contain the provider. Fewer eligible than teamSize → draw_team_unfillable {providerId}. Then
 *    teamSize times: m = the lowest load among the eligible inspectors not yet in this team;
 *    B = ALL inspectors with load m, in id order; u = below(|B|) repeatedly until B[u] is eligible
 *    and not yet in the team; B[u] joins the team (team order = pick order) and its load += 1.
 * 3. Exclusions: for each city with selections (code-unit order) with inspectors, one
 *    {same_city, cityCode, inspectorIds (id order)}; then for each selection in draw order, for each
 *    inspector of another city in id order, {linked} if linked, then {inspected_last_year} if so.
 * Result {strata [{cityCode, kind, level, population, ratio: bp/10000, drawn}], selections
 *   [{providerId, cityCode, kind, level, team}], exclusions}; resultHash = sha256(canonical(result)).
 */
export { DRAW_ALGORITHM, commitmentOf, secretCommitment, seedOf, commitRecord, completeRecord, verifyDrawRecord } from './record.js';
export type { CommitmentInput, CommitInput } from './record.js';
export { canonicalJson, sha256Hex } from './canonical.js';
export { normalizeDirectories, directoriesHash, runDraw, resultHash, unfillableProviders, validateParameters } from './engine.js';
export type { ValidParameters } from './engine.js';
export { DrawError, type DrawErrorCode } from './errors.js';
export type {
  InstitutionKind, InstitutionLevel, ProviderEntry, InspectorEntry, Directories, DrawParameters, DrawResult,
  DrawStratum, DrawSelection, DrawExclusion, DrawReveal, DrawRecord, Verification, VerificationCheck, VerificationCheckName,
} from './types.js';
export { INSTITUTION_KINDS, INSTITUTION_LEVELS } from './types.js';
