import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { CurrentActor } from '../../../platform/auth/decorators.js';
import { Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import { GetAgreementQuery, ListAgreementsQuery, type AgreementView } from '../application/queries.js';
import { PageParam, PageSizeParam } from '../../../platform/http/query-params.js';

export class AgreementsQueryParams {
  @ApiPropertyOptional({ description: "the holding agency (agency staff: their own by default)" }) @IsOptional() @IsString() agencyId?: string;
  @ApiPropertyOptional({ enum: ['active', 'suspended', 'terminated'] }) @IsOptional() @IsString() status?: string;
  @ApiPropertyOptional({ enum: ['hospital', 'pharmacy', 'clinic'] }) @IsOptional() @IsString() kind?: string;
  @ApiPropertyOptional({ description: 'part of the institution name or agreement number' }) @IsOptional() @IsString() q?: string;
  @PageParam() page?: number;
  @PageSizeParam() pageSize?: number;
}

/** docs/api/agency-inspections.md, "Service agreements". Read-only here: statuses follow the handling decisions. */
@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsHttpController {
  constructor(private readonly queries: Queries) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: AgreementsQueryParams) {
    return this.queries.execute(new ListAgreementsQuery(actor, query));
  }

  @Get(':institutionId')
  detail(@CurrentActor() actor: Actor, @Param('institutionId') institutionId: string): Promise<AgreementView> {
    return this.queries.execute(new GetAgreementQuery(actor, institutionId));
  }
}
