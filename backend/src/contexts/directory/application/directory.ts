import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorCommand, ActorQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor, OrganizationKind, Role } from '../../../kernel/actor.js';
import { ancestry, codeOfPath, levelOfPath, type RegionLevel } from '../../../kernel/region-path.js';
import { DomainError } from '../../../kernel/errors.js';
import { organizationInScope, userAccountInScope } from '../infrastructure/directory.sql.js';
import { likePrefix } from '../../../platform/database/sql.js';

export interface MeView {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  level: RegionLevel | 'institution';
  regionPath: string;
  region: { code: string; name: string; level: RegionLevel };
  regionTrail: { code: string; name: string }[];
  organization: { id: string; name: string; kind: OrganizationKind };
  registered: boolean;
}

export class GetMeQuery extends ActorQuery<MeView> {}

/** Records (or refreshes) the signed-in user against their organization. */
export class RegisterUserCommand extends ActorCommand<void> {
  constructor(actor: Actor, readonly email: string | null) {
    super(actor);
  }
  auditTarget() {
    return this.actor.userId;
  }
  auditPayload() {
    return { organizationId: this.actor.organizationId, roles: this.actor.roles };
  }
}

export class ListOrganizationsQuery extends ActorQuery<{ items: OrganizationView[]; total: number }> {
  constructor(actor: Actor, readonly filter: { kind?: string; regionCode?: string; limit: number; offset: number }) {
    super(actor);
  }
}

/** A region of the reader's scope, for the lists' region filter. */
export interface RegionOption { code: string; name: string; level: RegionLevel | 'nation'; parentCode: string | null }

/** The reader's region and the two levels below it (the nation: provinces and cities), by code: the lists' region filter (issue 16 §2). */
export class ListRegionsQuery extends ActorQuery<RegionOption[]> {}

export interface OrganizationView {
  id: string;
  name: string;
  kind: OrganizationKind;
  institutionType: string | null;
  institutionLevel: string | null;
  regionCode: string;
  regionPath: string;
}

@QueryHandler(GetMeQuery)
export class GetMeHandler implements IQueryHandler<GetMeQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor }: GetMeQuery): Promise<MeView> {
    const em = this.uow.em;
    const org = await organizationInScope(this.uow, actor.organizationId);
    if (!org) {
      throw DomainError.forbidden('organization_unknown', {
        zh: `您的账号所属单位（${actor.organizationId}）不在本系统的单位名录中，请联系管理员`,
        en: `your account's organization (${actor.organizationId}) is not in the suite's directory; contact the administrator`,
      });
    }
    const codes = ancestry(actor.regionPath).map(codeOfPath).reverse();
    const regions = await em.execute<{ code: string; name: string }[]>(
      `select code, name from region where code = any(?::text[])`,
      [`{${codes.join(',')}}`],
    );
    const names = new Map(regions.map((r) => [r.code, r.name]));
    const code = codeOfPath(actor.regionPath);
    const account = await userAccountInScope(this.uow, actor.userId);
    return {
      userId: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      roles: [...actor.roles],
      level: actor.organizationKind === 'institution' ? 'institution' : levelOfPath(actor.regionPath),
      regionPath: actor.regionPath,
      region: { code, name: names.get(code) ?? code, level: levelOfPath(actor.regionPath) },
      regionTrail: codes.filter((c) => c !== '000000').map((c) => ({ code: c, name: names.get(c) ?? c })),
      organization: { id: org.id, name: org.name, kind: org.kind },
      registered: account !== null && account.organizationId === actor.organizationId &&
        account.roles.join(',') === [...actor.roles].sort().join(','),
    };
  }
}

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, email }: RegisterUserCommand): Promise<void> {
    await this.uow.em.execute(
      `insert into user_account (id, username, display_name, email, organization_id, roles, region_path, owner_org_id, last_seen_at)
       values (?, ?, ?, ?, ?, ?::text[], ?, ?, now())
       on conflict (id) do update set username = excluded.username, display_name = excluded.display_name,
         email = excluded.email, organization_id = excluded.organization_id, roles = excluded.roles,
         region_path = excluded.region_path, owner_org_id = excluded.owner_org_id, last_seen_at = now()`,
      [actor.userId, actor.username, actor.displayName, email, actor.organizationId, `{${[...actor.roles].sort().join(',')}}`,
        actor.regionPath, actor.organizationId],
    );
  }
}

/** A row of the organization list (total: count(*) over (), a bigint the driver returns as text). */
interface OrganizationListRow {
  id: string;
  name: string;
  kind: OrganizationKind;
  institution_type: string | null;
  institution_level: string | null;
  region_code: string;
  region_path: string;
  total: string;
}

@QueryHandler(ListOrganizationsQuery)
export class ListOrganizationsHandler implements IQueryHandler<ListOrganizationsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter }: ListOrganizationsQuery) {
    // The directory lists the actor's own subtree (RLS also lets everybody read the authorities
    // above them, which a directory of "my units" must not show); an institution lists itself.
    const where: string[] = actor.organizationKind === 'institution' ? ['id = ?'] : ['region_path like ?'];
    const params: unknown[] = [actor.organizationKind === 'institution' ? actor.organizationId : likePrefix(actor.regionPath)];
    if (filter.kind) {
      where.push('kind = ?');
      params.push(filter.kind);
    }
    if (filter.regionCode) {
      where.push('region_code = ?');
      params.push(filter.regionCode);
    }
    const sql = `select id, name, kind, institution_type, institution_level, region_code, region_path,
                        count(*) over () as total
                   from organization where ${where.join(' and ')}
                  order by region_path, kind, id limit ? offset ?`;
    const rows = await this.uow.em.execute<OrganizationListRow[]>(sql, [...params, filter.limit, filter.offset]);
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        institutionType: r.institution_type ?? null,
        institutionLevel: r.institution_level ?? null,
        regionCode: r.region_code,
        regionPath: r.region_path,
      })),
    };
  }
}

@QueryHandler(ListRegionsQuery)
export class ListRegionsHandler implements IQueryHandler<ListRegionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor }: ListRegionsQuery): Promise<RegionOption[]> {
    // Regions are reference data (no tenant column): the scope is the actor's own subtree, two levels deep.
    const depth = actor.regionPath.split('/').filter(Boolean).length;
    const rows = await this.uow.em.execute<{ code: string; name: string; level: RegionOption['level']; parent_code: string | null }[]>(
      `select code, name, level, parent_code from region
        where path like ? and array_length(string_to_array(trim(both '/' from path), '/'), 1) <= ?
        order by path`,
      [likePrefix(actor.regionPath), depth + 2]);
    return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code ?? null }));
  }
}
