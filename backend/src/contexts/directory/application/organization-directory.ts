import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Organization } from '../domain/organization.js';
import { organizationInScope, organizationsBelow, userAccountsOf } from '../infrastructure/directory.sql.js';

/** A person of an organization as other contexts see them: the identity provider's subject and the name shown. */
export interface PersonRef { userId: string; name: string }

/** An organization as other contexts see it. */
export interface OrganizationRef { id: string; name: string; kind: 'bureau' | 'agency' | 'institution'; regionCode: string; regionPath: string }

const ref = (o: Organization): OrganizationRef => ({ id: o.id, name: o.name, kind: o.kind, regionCode: o.regionCode, regionPath: o.regionPath });

/**
 * The directory's read contract for the other contexts (contexts/directory/index.ts): organizations
 * in the reader's own subtree only (never above, never sideways — row-level security plus the
 * directory's own subtree condition, directory.sql.ts), in the current unit of work.
 */
@Injectable()
export class OrganizationDirectory {
  constructor(private readonly uow: UnitOfWork) {}

  /** The organization if it is in the reader's subtree, else null. */
  async inScope(id: string): Promise<OrganizationRef | null> {
    const o = await organizationInScope(this.uow, id);
    return o ? ref(o) : null;
  }

  /** The handling agencies below a province (its cities' and counties', not the provincial agency), by region path. */
  async agenciesBelow(provincePath: string): Promise<OrganizationRef[]> {
    return (await organizationsBelow(this.uow, 'agency', provincePath)).map(ref);
  }

  /** The people of an organization in the reader's subtree who have signed in at least once (user accounts), by name. */
  async peopleOf(organizationId: string): Promise<PersonRef[]> {
    return (await userAccountsOf(this.uow, organizationId)).map((u) => ({ userId: u.id, name: u.displayName }));
  }
}
