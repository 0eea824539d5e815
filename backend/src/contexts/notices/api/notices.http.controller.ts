import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import type { Actor } from '../../../kernel/actor.js';
import { AcknowledgeNoticeCommand, SendNoticeCommand } from '../application/commands.js';
import { GetNoticeQuery, ListNoticesQuery } from '../application/queries.js';
import { NOTICE_MAX_WORKING_DAYS } from '../application/send-notice.handler.js';

export class SendNoticeBody {
  @ApiProperty({ example: 'agency-320102' })
  @IsString()
  @MinLength(1)
  recipientOrgId!: string;

  @ApiProperty({ example: '关于报送2027年度监管方案的通知' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body!: string;

  @ApiProperty({ minimum: 1, maximum: NOTICE_MAX_WORKING_DAYS, description: 'acknowledgement period in working days' })
  @IsInt()
  @Min(1)
  @Max(NOTICE_MAX_WORKING_DAYS)
  workingDays!: number;
}

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
  ) {}

  @Post()
  @Roles('province_official', 'city_agency_staff', 'county_staff')
  send(@CurrentActor() actor: Actor, @Body() body: SendNoticeBody) {
    return this.commands.execute(new SendNoticeCommand(actor, body));
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query('box') box?: string) {
    const b = (['received', 'sent', 'all'] as const).find((x) => x === box) ?? 'all';
    return this.queries.execute(new ListNoticesQuery(actor, b));
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new GetNoticeQuery(actor, id));
  }

  @Post(':id/acknowledge')
  @HttpCode(204)
  async acknowledge(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.commands.execute(new AcknowledgeNoticeCommand(actor, id));
  }
}
