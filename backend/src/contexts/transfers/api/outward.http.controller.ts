import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { sendDownload } from '../../../platform/http/download.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import {
  AcknowledgeMajorCaseReportCommand, OpenMajorCaseReportCommand, RecordOutwardReceiptCommand, RecordOutwardResultCommand, SendMajorCaseReportCommand,
  SendOutwardTransferCommand, SubmitMajorCaseReportCommand,
} from '../application/outward-commands.js';
import {
  ExportOutwardTransfersQuery, GetMajorCaseReportQuery, GetOutwardNoticeQuery, GetOutwardTransferQuery, ListMajorCaseReportsQuery, ListOutwardTransfersQuery,
  type MajorCaseReportView, type OutwardTransferView,
} from '../application/outward-queries.js';
import { OutwardNoticePdf } from '../infrastructure/outward-notice-pdf.js';
import { OUTWARD_EXPORT_COLUMNS } from './outward-exports.js';
import { OpenReportBody, OutwardQueryParams, OutwardReceiptBody, OutwardResultBody, OutwardTransferBody, ReportQueryParams, SubmitReportBody } from './outward-bodies.js';

/** Outward transfers of a bureau to other departments (移送, contexts/transfers/README.md). */
@ApiTags('transfers')
@ApiBearerAuth()
@Roles('national_overseer', 'province_official', 'city_agency_staff', 'county_staff', 'leader')
@Controller('outward-transfers')
export class OutwardTransfersHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    private readonly notice: OutwardNoticePdf,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: OutwardQueryParams) {
    return this.queries.execute(new ListOutwardTransfersQuery(actor, query));
  }

  /** The list's rows under the same parameters (without paging), streamed as a workbook (移送台账). */
  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: OutwardQueryParams, @Res() res: Response): Promise<void> {
    const file = { filename: `移送台账-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '移送台账', columns: OUTWARD_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportOutwardTransfersQuery(actor, query, sink)));
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

  /** The written notice (案件移送函): recipient, case, facts, materials, date. */
  @Get(':id/notice.pdf')
  @ApiProduces('application/pdf')
  async noticePdf(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const n = await this.queries.execute(new GetOutwardNoticeQuery(actor, id));
    sendDownload(res, await this.notice.render(n), 'application/pdf', `案件移送函-第${n.transfer.noticeNo}号.pdf`);
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
