import { isRegionPath, levelOfPath, type RegionLevel } from './region-path.js';

export const ROLES = [
  'national_overseer',
  'province_official',
  'city_agency_staff',
  'county_staff',
  'institution_clerk',
  'leader',
  /** 法制审核 of enforcement cases (issue 18), held beside the user's staff role. */
  'legal_reviewer',
] as const;
export type Role = (typeof ROLES)[number];

export type OrganizationKind = 'bureau' | 'agency' | 'institution';

/**
 * Who is acting: resolved once per request from the validated token (or, for workflow activities,
 * carried in the activity input). Every read and write is scoped by it.
 */
export interface Actor {
  /** Keycloak subject, or 'system:<process>' for background processes. */
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly regionPath: string;
  readonly organizationId: string;
  readonly organizationKind: OrganizationKind;
  /** For e-mail notifications; not every identity provider account has one. */
  readonly email?: string;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export function actorLevel(actor: Actor): RegionLevel {
  return levelOfPath(actor.regionPath);
}

/**
 * Institutions see only their own records; everybody else sees their whole region subtree.
 * This is the scope PostgreSQL row-level security receives (UnitOfWork.run sets it per transaction).
 */
export function tenantScopeOf(actor: Actor): { regionPath: string; organizationId: string } {
  if (!isRegionPath(actor.regionPath)) throw new Error(`invalid region path on actor ${actor.username}`);
  return {
    regionPath: actor.regionPath,
    organizationId: actor.organizationKind === 'institution' ? actor.organizationId : '',
  };
}

/** The actor background processes use when they act for the whole suite (outbox relay, seeding). */
export function systemActor(process: string): Actor {
  return {
    userId: `system:${process}`,
    username: `system:${process}`,
    displayName: process,
    roles: [],
    regionPath: '/',
    organizationId: 'bureau-000000',
    organizationKind: 'bureau',
  };
}

/** The actor as plain data, for workflow inputs and event payloads. */
export interface ActorData {
  userId: string;
  username: string;
  displayName: string;
  roles: string[];
  regionPath: string;
  organizationId: string;
  organizationKind: OrganizationKind;
}

export function actorData(actor: Actor): ActorData {
  return { ...actor, roles: [...actor.roles] };
}

export function actorFromData(data: ActorData): Actor {
  if (!isRegionPath(data.regionPath)) throw new Error(`invalid region path in actor data: ${data.regionPath}`);
  return { ...data, roles: data.roles.filter(isRole) };
}
