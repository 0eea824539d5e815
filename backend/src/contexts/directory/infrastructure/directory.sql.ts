import { tenantScopeOf } from '../../../kernel/actor.js';
import type { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Organization, InstitutionLevel, InstitutionType } from '../domain/organization.js';
import type { UserAccount } from '../domain/user-account.js';
import { likePrefix } from '../../../platform/database/sql.js';

// The directory's SQL (ADR 0013): typed rows read on the unit of work's connection, so row-level
// security scopes every statement (ADR 0004). RLS on `organization` also lets bureaus and agencies
// read the chain of command above them; the directory's reads add the actor's own subtree
// (and, for an institution, its own rows) explicitly, as the ORM's tenant filter (now removed) did.

/** A row of `organization` as ORGANIZATION_COLUMNS reads it. */
export interface OrganizationRow {
  id: string;
  name: string;
  kind: Organization['kind'];
  institution_type: InstitutionType | null;
  institution_level: InstitutionLevel | null;
  ownership: 'public' | 'private' | null;
  key_supervision: boolean;
  credit_rating: string | null;
  region_code: string;
  region_path: string;
}

const ORGANIZATION_COLUMNS = `id, name, kind, institution_type, institution_level, ownership, key_supervision, credit_rating,
  region_code, region_path`;

export function toOrganization(r: OrganizationRow): Organization {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    institutionType: r.institution_type ?? null,
    institutionLevel: r.institution_level ?? null,
    ownership: r.ownership ?? null,
    keySupervision: r.key_supervision,
    creditRating: r.credit_rating ?? null,
    regionCode: r.region_code,
    regionPath: r.region_path,
  };
}

/** A row of `user_account` as USER_ACCOUNT_COLUMNS reads it (roles as text[]). */
export interface UserAccountRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  organization_id: string;
  roles: string[];
  region_path: string;
  last_seen_at: Date;
}

const USER_ACCOUNT_COLUMNS = `id, username, display_name, email, organization_id, roles::text[] as roles, region_path, last_seen_at`;

export function toUserAccount(r: UserAccountRow): UserAccount {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email ?? null,
    organizationId: r.organization_id,
    roles: [...r.roles],
    regionPath: r.region_path,
    lastSeenAt: new Date(r.last_seen_at),
  };
}

/** The actor's own subtree (an institution: its own rows), as a condition and its parameters. */
function ownScope(uow: UnitOfWork): { sql: string; params: string[] } {
  const { regionPath, organizationId } = tenantScopeOf(uow.actor);
  return organizationId
    ? { sql: 'region_path like ? and owner_org_id = ?', params: [likePrefix(regionPath), organizationId] }
    : { sql: 'region_path like ?', params: [likePrefix(regionPath)] };
}

/** The organization if it is in the actor's own subtree (never above, never sideways), else null. */
export async function organizationInScope(uow: UnitOfWork, id: string): Promise<Organization | null> {
  const scope = ownScope(uow);
  const rows = await uow.em.execute<OrganizationRow[]>(
    `select ${ORGANIZATION_COLUMNS} from organization where id = ? and ${scope.sql}`,
    [id, ...scope.params],
  );
  return rows.length ? toOrganization(rows[0]) : null;
}

/** The organizations of a kind under a region path (excluding the path's own node), in the actor's subtree. */
export async function organizationsBelow(uow: UnitOfWork, kind: Organization['kind'], regionPath: string): Promise<Organization[]> {
  const scope = ownScope(uow);
  const rows = await uow.em.execute<OrganizationRow[]>(
    `select ${ORGANIZATION_COLUMNS} from organization
      where kind = ? and region_path like ? and region_path <> ? and ${scope.sql}
      order by region_path`,
    [kind, likePrefix(regionPath), regionPath, ...scope.params],
  );
  return rows.map(toOrganization);
}

/** The user account if it is in the actor's own subtree, else null. */
export async function userAccountInScope(uow: UnitOfWork, id: string): Promise<UserAccount | null> {
  const scope = ownScope(uow);
  const rows = await uow.em.execute<UserAccountRow[]>(
    `select ${USER_ACCOUNT_COLUMNS} from user_account where id = ? and ${scope.sql}`,
    [id, ...scope.params],
  );
  return rows.length ? toUserAccount(rows[0]) : null;
}

/** The user accounts of an organization in the actor's own subtree (registered at their first sign-in), by name. */
export async function userAccountsOf(uow: UnitOfWork, organizationId: string): Promise<UserAccount[]> {
  const scope = ownScope(uow);
  const rows = await uow.em.execute<UserAccountRow[]>(
    `select ${USER_ACCOUNT_COLUMNS} from user_account where organization_id = ? and ${scope.sql} order by display_name, id`,
    [organizationId, ...scope.params],
  );
  return rows.map(toUserAccount);
}
