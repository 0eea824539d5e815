import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { Actor } from '../../../kernel/actor.js';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import { PageParam, PageSizeParam } from '../../../platform/http/query-params.js';
import { EnterCalendarYearCommand, EnterProvincialCalendarYearCommand } from '../application/commands.js';
import { GetCalendarStatusQuery, GetCalendarYearQuery, ListCalendarYearsQuery, ListLegalClocksQuery, ListProvincialCalendarYearsQuery } from '../application/queries.js';

export class CalendarDayBody {
  @ApiProperty({ example: '2027-01-01' }) @IsString() day!: string;
  @ApiProperty({ enum: ['holiday', 'workday'] }) @IsIn(['holiday', 'workday']) kind!: 'holiday' | 'workday';
  @ApiPropertyOptional({ example: '元旦' }) @IsOptional() @IsString() @MaxLength(20) name?: string;
}

export class CalendarYearBody {
  @ApiProperty({ example: '国办发明电〔2026〕7号' }) @IsString() @MaxLength(40) documentNumber!: string;
  @ApiProperty({ example: '2026-11-04' }) @IsString() publishedOn!: string;
  @ApiProperty({ type: [CalendarDayBody] }) @IsArray() @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => CalendarDayBody) days!: CalendarDayBody[];
}

export class CalendarListParams {
  @PageParam() page?: number;
  @PageSizeParam() pageSize?: number;
}

export class LegalClockParams {
  @ApiPropertyOptional({ description: "a province code: its own clocks and the defaults ('*')" }) @IsOptional() @IsString() province?: string;
  @PageParam() page?: number;
  @PageSizeParam() pageSize?: number;
}

/** The working-day calendar the bureau maintains and the legal clocks (issue 16). */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller()
export class CalendarHttpController {
  constructor(private readonly commands: Commands, private readonly queries: Queries) {}

  @Get('calendar/years')
  list(@CurrentActor() actor: Actor, @Query() query: CalendarListParams) {
    return this.queries.execute(new ListCalendarYearsQuery(actor, query));
  }

  @Get('calendar/status')
  status(@CurrentActor() actor: Actor) {
    return this.queries.execute(new GetCalendarStatusQuery(actor));
  }

  @Get('calendar/years/:year')
  get(@CurrentActor() actor: Actor, @Param('year') year: string) {
    return this.queries.execute(new GetCalendarYearQuery(actor, year));
  }

  /** The State Council's national notice: the national administrator only (a province gets 403). */
  @Put('calendar/years/:year')
  @Roles('national_overseer', 'province_official')
  enter(@CurrentActor() actor: Actor, @Param('year') year: string, @Body() body: CalendarYearBody) {
    return this.commands.execute(new EnterCalendarYearCommand(actor, Number(year), body));
  }

  /** A province's own additions (its document and days), applying to its deadlines only. */
  @Get('calendar/provinces/:province/years')
  provincial(@CurrentActor() actor: Actor, @Param('province') province: string) {
    return this.queries.execute(new ListProvincialCalendarYearsQuery(actor, province));
  }

  @Put('calendar/provinces/:province/years/:year')
  @Roles('national_overseer', 'province_official')
  enterProvincial(@CurrentActor() actor: Actor, @Param('province') province: string, @Param('year') year: string, @Body() body: CalendarYearBody) {
    return this.commands.execute(new EnterProvincialCalendarYearCommand(actor, province, Number(year), body));
  }

  @Get('legal-clocks')
  clocks(@CurrentActor() actor: Actor, @Query() query: LegalClockParams) {
    return this.queries.execute(new ListLegalClocksQuery(actor, query));
  }
}
