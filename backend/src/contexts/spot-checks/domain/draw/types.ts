// The shapes of the verifiable draw (algorithm fundsup-draw/1), exactly as published in
// docs/api/campaigns-and-spot-checks.md. A DrawRecord is what anyone can download and replay.

export type InstitutionKind = 'hospital' | 'pharmacy' | 'clinic';
export type InstitutionLevel = 'tertiary' | 'secondary' | 'primary' | 'none';

export const INSTITUTION_KINDS: readonly InstitutionKind[] = ['hospital', 'pharmacy', 'clinic'];
export const INSTITUTION_LEVELS: readonly InstitutionLevel[] = ['tertiary', 'secondary', 'primary', 'none'];

export interface ProviderEntry {
  id: string;
  cityCode: string;
  countyCode: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  keySupervision: boolean;
  priorViolations: number;
}

export interface InspectorEntry {
  id: string;
  cityCode: string;
  organizationId: string;
  linkedInstitutionIds: string[];
  inspectedLastYear: string[];
}

/** Providers and inspectors sorted by id, the arrays inside sorted (see normalizeDirectories). */
export interface Directories {
  providers: ProviderEntry[];
  inspectors: InspectorEntry[];
}

/** SpotCheckParameters of the contract. */
export interface DrawParameters {
  defaultRatio: number;
  ratios: Record<string, number>;
  teamSize: number;
  riskWeighted: boolean;
}

export interface DrawStratum {
  cityCode: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  population: number;
  ratio: number;
  drawn: number;
}

export interface DrawSelection {
  providerId: string;
  cityCode: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  team: string[];
}

export type DrawExclusion =
  | { reason: 'same_city'; cityCode: string; inspectorIds: string[] }
  | { reason: 'linked' | 'inspected_last_year'; providerId: string; inspectorId: string };

export interface DrawResult {
  strata: DrawStratum[];
  /** In draw order. */
  selections: DrawSelection[];
  exclusions: DrawExclusion[];
}

export interface DrawReveal {
  witnessSecrets: string[];
  beacon: string | null;
}

export interface DrawRecord {
  algorithm: 'fundsup-draw/1';
  spotCheckId: string;
  parameters: DrawParameters;
  directories: Directories;
  directoriesHash: string;
  witnessCommitments: string[];
  beaconRequired: boolean;
  committedAt: string;
  /** sha256(canonical {algorithm, spotCheckId, parameters, directoriesHash, witnessCommitments, beaconRequired, committedAt}) */
  commitment: string;
  reveal: DrawReveal | null;
  /** sha256(commitment ‖ '\n' ‖ each secret ‖ '\n' ‖ (beacon ?? '')) */
  seed: string | null;
  result: DrawResult | null;
  /** sha256(canonical result) */
  resultHash: string | null;
}

export type VerificationCheckName = 'directories' | 'commitment' | 'reveal' | 'seed' | 'result';

export interface VerificationCheck {
  name: VerificationCheckName;
  ok: boolean;
  detail: string;
}

export interface Verification {
  ok: boolean;
  checks: VerificationCheck[];
}
