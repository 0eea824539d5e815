import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import { DISPUTE_EXPORT_COLUMNS } from './dispute-exports.js';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import { DecideDisputeCommand, EscalateDisputeCommand, FileDisputeCommand, WithdrawDisputeCommand } from '../application/commands.js';
import { ExportDisputesQuery, GetDisputeQuery, ListDisputesQuery, type DisputeDetail } from '../application/queries.js';
import { DecideDisputeBody, DisputesQueryParams, EscalateDisputeBody, FileDisputeBody, WithdrawDisputeBody } from './dispute-bodies.js';

/**
 * docs/api/findings-and-disputes.md, "Disputes". Reading is scoped by row-level security; who may
 * act is the domain's rule (the party: `dispute_not_party`; the current level's bureau:
 * `dispute_not_current_level`), so those routes carry no role list of their own.
 */
@ApiTags('disputes')
@ApiBearerAuth()
@Controller('disputes')
export class DisputesHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: DisputesQueryParams) {
    return this.queries.execute(new ListDisputesQuery(actor, query));
  }

  /** The list's rows under the same parameters (without paging), streamed as a workbook. */
  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: DisputesQueryParams, @Res() res: Response): Promise<void> {
    const file = { filename: `争议清单-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '争议清单', columns: DISPUTE_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportDisputesQuery(actor, query, sink)));
  }

  @Post()
  @Roles('institution_clerk')
  async file(@CurrentActor() actor: Actor, @Body() body: FileDisputeBody): Promise<DisputeDetail> {
    const { id } = await this.commands.execute(new FileDisputeCommand(actor, body));
    return this.detail(actor, id);
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DisputeDetail> {
    return this.queries.execute(new GetDisputeQuery(actor, id));
  }

  @Post(':id/decide')
  @HttpCode(200)
  async decide(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: DecideDisputeBody) {
    await this.commands.execute(new DecideDisputeCommand(actor, id, body.outcome, body.reasoning));
    return this.detail(actor, id);
  }

  @Post(':id/escalate')
  @HttpCode(200)
  async escalate(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: EscalateDisputeBody) {
    await this.commands.execute(new EscalateDisputeCommand(actor, id, body.reasons));
    return this.detail(actor, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  async withdraw(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: WithdrawDisputeBody) {
    await this.commands.execute(new WithdrawDisputeCommand(actor, id, body?.reason ?? null));
    return this.detail(actor, id);
  }
}
