import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../../kernel/actor.js';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import {
  AcceptTipCommand, ApproveTipRewardCommand, AskTipQuestionCommand, ProposeTipRewardCommand, ReadTipReporterCommand,
  RecordTipRewardPaymentCommand, RejectTipCommand, type ReporterReading,
} from '../application/commands.js';
import { ExportTipsQuery, GetTipQuery, ListTipsQuery, type TipView } from '../application/queries.js';
import { TIP_EXPORT_COLUMNS } from './tip-exports.js';
import { ReporterReadingBody, RewardPaymentBody, TipAcceptBody, TipListQuery, TipQuestionBody, TipRejectBody } from './tip-bodies.js';

const INTAKE = ['county_staff', 'city_agency_staff', 'province_official'] as const;

/** docs/api/tips.md, "Intake". Reading is scoped by tenancy; the reporter only through the audited reading. */
@ApiTags('tips')
@ApiBearerAuth()
@Controller('tips')
export class TipsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: TipListQuery) {
    return this.queries.execute(new ListTipsQuery(actor, query));
  }

  /** The list's rows under the same parameters, streamed as a workbook: no reporter field. */
  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: TipListQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `举报登记-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '举报登记', columns: TIP_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportTipsQuery(actor, query, sink)));
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<TipView> {
    return this.queries.execute(new GetTipQuery(actor, id));
  }

  /** Accepts the tip: a lead is registered in the bureau's ledger (source 'tip'). */
  @Post(':id/accept')
  @HttpCode(200)
  @Roles(...INTAKE)
  async accept(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: TipAcceptBody) {
    await this.commands.execute(new AcceptTipCommand(actor, id, body.comment ?? null));
    return this.detail(actor, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(...INTAKE)
  async reject(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: TipRejectBody) {
    await this.commands.execute(new RejectTipCommand(actor, id, body.reason));
    return this.detail(actor, id);
  }

  @Post(':id/questions')
  @HttpCode(200)
  @Roles(...INTAKE)
  async ask(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: TipQuestionBody) {
    await this.commands.execute(new AskTipQuestionCommand(actor, id, body.question));
    return this.detail(actor, id);
  }

  /** Reads the reporter (and a claimed reward's payee) with a stated reason, recorded in the audit trail. */
  @Post(':id/reporter')
  @HttpCode(200)
  readReporter(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ReporterReadingBody): Promise<ReporterReading> {
    return this.commands.execute(new ReadTipReporterCommand(actor, id, body.reason));
  }

  @Post(':id/reward/propose')
  @HttpCode(200)
  @Roles(...INTAKE)
  async propose(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.commands.execute(new ProposeTipRewardCommand(actor, id));
    return this.detail(actor, id);
  }

  @Post(':id/reward/approve')
  @HttpCode(200)
  @Roles('leader')
  async approve(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.commands.execute(new ApproveTipRewardCommand(actor, id));
    return this.detail(actor, id);
  }

  @Post(':id/reward/payment')
  @HttpCode(200)
  @Roles(...INTAKE)
  async payment(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: RewardPaymentBody) {
    await this.commands.execute(new RecordTipRewardPaymentCommand(actor, id, body.paidOn, body.reference));
    return this.detail(actor, id);
  }
}
