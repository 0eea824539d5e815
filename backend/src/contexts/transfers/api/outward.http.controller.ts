import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import {
  AcknowledgeMajorCaseReportCommand, OpenMajorCaseReportCommand, RecordOutwardReceiptCommand, RecordOutwardResultCommand, SendMajorCaseReportCommand,
  SendOutwardTransferCommand, SubmitMajorCaseReportCommand,
} from '../application/outward-commands.js';
import {
  GetMajorCaseReportQuery, GetOutwardTransferQuery, ListMajorCaseReportsQuery, ListOutwardTransfersQuery, type MajorCaseReportView, type OutwardTransferView,
} from '../application/outward-queries.js';
import { OpenReportBody, OutwardQueryParams, OutwardReceiptBody, OutwardResultBody, OutwardTransferBody, ReportQueryParams, SubmitReportBody } from './outward-bodies.js';

/** Outward transfers of a bureau to other departments (移送, contexts/transfers/README.md). */
@ApiTags('transfers')
@ApiBearerAuth()
@Roles('national_overseer', 'province_official', 'city_agency_staff', 'county_staff', 'leader')
@Controller('outward-transfers')
export class OutwardTransfersHttpController {
  constructor(private readonly commands: Commands, private readonly queries: Queries) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: OutwardQueryParams) {
    return this.queries.execute(new ListOutwardTransfersQuery(actor, query));
  }

  @Post()
  async send(@CurrentActor() actor: Actor, @Body() body: OutwardTransferBody): Promise<OutwardTransferView & { reportId: string | null }> {
    const { id, reportId } = await this.commands.execute(new SendOutwardTransferCommand(actor, { ...body, amountInvolved: body.amountInvolved ?? null }));
    return { ...(await this.detail(actor, id)), reportId };
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<OutwardTransferView> {
    return this.queries.execute(new GetOutwardTransferQuery(actor, id));
  }

  @Post(':id/receipt')
  @HttpCode(200)
  async receipt(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: OutwardReceiptBody) {
    await this.commands.execute(new RecordOutwardReceiptCommand(actor, id, body.receiptAt));
    return this.detail(actor, id);
  }

  @Post(':id/result')
  @HttpCode(200)
  async result(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: OutwardResultBody) {
    await this.commands.execute(new RecordOutwardResultCommand(actor, id, body.result, body.resultAt));
    return this.detail(actor, id);
  }
}

/** Major-case reports (重大案件报告): the bureau writes, the province sends, the national bureau acknowledges (its inbox: view=inbox). */
@ApiTags('transfers')
@ApiBearerAuth()
@Roles('national_overseer', 'province_official', 'city_agency_staff', 'county_staff', 'leader')
@Controller('major-case-reports')
export class MajorCaseReportsHttpController {
  constructor(private readonly commands: Commands, private readonly queries: Queries) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ReportQueryParams) {
    return this.queries.execute(new ListMajorCaseReportsQuery(actor, query));
  }

  /** The bureau flags a case as likely to draw public attention. */
  @Post()
  async open(@CurrentActor() actor: Actor, @Body() body: OpenReportBody): Promise<MajorCaseReportView> {
    const { id } = await this.commands.execute(new OpenMajorCaseReportCommand(actor, body.caseId, body.on));
    return this.detail(actor, id);
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<MajorCaseReportView> {
    return this.queries.execute(new GetMajorCaseReportQuery(actor, id));
  }

  @Post(':id/submit')
  @HttpCode(200)
  async submit(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: SubmitReportBody) {
    await this.commands.execute(new SubmitMajorCaseReportCommand(actor, id, body));
    return this.detail(actor, id);
  }

  @Post(':id/send')
  @HttpCode(200)
  async send(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.commands.execute(new SendMajorCaseReportCommand(actor, id));
    return this.detail(actor, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  async acknowledge(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.commands.execute(new AcknowledgeMajorCaseReportCommand(actor, id));
    return this.detail(actor, id);
  }
}
