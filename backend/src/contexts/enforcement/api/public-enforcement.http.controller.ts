import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { Public } from '../../../platform/auth/decorators.js';
import { Queries } from '../../../platform/cqrs/commands.js';
import { PublicDecisionsQuery } from '../application/queries.js';
import { PublicDecisionsParams } from './enforcement-bodies.js';

/**
 * The public enforcement page (执法公示), one per province, no sign-in: the province's published
 * decisions, personal data masked. Its actor's scope is the province's region path, so row-level
 * security keeps every other province out; the query keeps everything unpublished out.
 */
export function publicEnforcementActor(provinceCode: string): Actor {
  return {
    userId: 'public:enforcement', username: 'public', displayName: '执法公示', roles: [], regionPath: `/${provinceCode}/`,
    organizationId: `bureau-${provinceCode}`, organizationKind: 'bureau',
  };
}

@ApiTags('enforcement')
@Public()
@Controller('public/enforcement')
export class PublicEnforcementHttpController {
  constructor(private readonly queries: Queries) {}

  /** The published decisions of a province (two-digit code, e.g. 32), newest first. */
  @Get(':province')
  decisions(@Param('province') province: string, @Query() query: PublicDecisionsParams) {
    if (!/^[1-9]\d$/.test(province)) {
      throw DomainError.validation('province_invalid', { zh: `省级行政区划代码应为两位数字：${province}`, en: `the province must be a two-digit code: ${province}` }, { field: 'province' });
    }
    return this.queries.execute(new PublicDecisionsQuery(publicEnforcementActor(province), query));
  }
}
