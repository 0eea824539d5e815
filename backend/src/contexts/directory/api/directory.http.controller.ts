import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import { CurrentActor } from '../../../platform/auth/decorators.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { GetMeQuery, ListOrganizationsQuery, ListRegionsQuery, RegisterUserCommand, type RegionOption } from '../application/directory.js';

function page(raw: string | undefined, fallback: number, max: number, name: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw DomainError.validation('invalid_paging', {
      zh: `参数 ${name} 应为 0 至 ${max} 的整数`,
      en: `${name} must be an integer from 0 to ${max}`,
    });
  }
  return n;
}

@ApiTags('directory')
@ApiBearerAuth()
@Controller()
export class DirectoryHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
  ) {}

  /** Who am I: region, organization, roles. Registers the user on first sight. */
  @Get('me')
  async me(@CurrentActor() actor: Actor) {
    const me = await this.queries.execute(new GetMeQuery(actor));
    if (!me.registered) {
      await this.commands.execute(new RegisterUserCommand(actor, actor.email ?? null));
      me.registered = true;
    }
    return me;
  }

  /** The reader's region and two levels below it: the lists' region filter (issue 16 §2). */
  @Get('regions')
  regions(@CurrentActor() actor: Actor): Promise<RegionOption[]> {
    return this.queries.execute(new ListRegionsQuery(actor));
  }

  @Get('organizations')
  organizations(
    @CurrentActor() actor: Actor,
    @Query('kind') kind?: string,
    @Query('regionCode') regionCode?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ) {
    if (kind && !['bureau', 'agency', 'institution'].includes(kind)) {
      throw DomainError.validation('invalid_kind', {
        zh: '单位类型应为 bureau、agency 或 institution',
        en: 'kind must be bureau, agency or institution',
      });
    }
    return this.queries.execute(
      new ListOrganizationsQuery(actor, {
        kind,
        regionCode,
        limit: page(limit, 50, 500, 'limit'),
        offset: page(offset, 0, 10_000_000, 'offset'),
      }),
    );
  }
}

