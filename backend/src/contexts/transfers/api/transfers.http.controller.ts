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
  AcceptTransferCommand, RequestTransferSupplementCommand, ReturnTransferCommand, SendTransferCommand, SupplementTransferCommand,
} from '../application/commands.js';
import { ExportTransfersQuery, GetTransferQuery, ListTransfersQuery, type TransferDetail } from '../application/queries.js';
import { TransferLetterPdf } from '../infrastructure/transfer-letter-pdf.js';
import { TRANSFER_EXPORT_COLUMNS } from './transfer-exports.js';
import {
  SendTransferBody, TransferCommentBody, TransferReturnBody, TransferSupplementBody, TransferSupplementRequestBody, TransfersQueryParams,
} from './transfer-bodies.js';

/**
 * Transfers from an agency to the bureau of its region (移交, contexts/transfers/README.md): agencies
 * send and supplement, the bureau accepts, asks for more or returns; every unit above reads them
 * (row-level security); institutions never.
 */
@ApiTags('transfers')
@ApiBearerAuth()
@Roles('national_overseer', 'province_official', 'city_agency_staff', 'county_staff', 'leader')
@Controller('transfers')
export class TransfersHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    private readonly letter: TransferLetterPdf,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: TransfersQueryParams) {
    return this.queries.execute(new ListTransfersQuery(actor, query));
  }

  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: TransfersQueryParams, @Res() res: Response): Promise<void> {
    const file = { filename: `移交台账-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '移交台账', columns: TRANSFER_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportTransfersQuery(actor, query, sink)));
  }

  @Post()
  async send(@CurrentActor() actor: Actor, @Body() body: SendTransferBody): Promise<TransferDetail> {
    const { id } = await this.commands.execute(new SendTransferCommand(actor, {
      sourceKind: body.sourceKind, sourceId: body.sourceId, institutionOrgId: body.institutionOrgId, subject: body.subject, facts: body.facts,
      amountInvolved: body.amountInvolved ?? null, materials: body.materials,
    }));
    return this.detail(actor, id);
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<TransferDetail> {
    return this.queries.execute(new GetTransferQuery(actor, id));
  }

  /** The transfer letter (案件移交函) with the list of materials. */
  @Get(':id/letter.pdf')
  @ApiProduces('application/pdf')
  async letterPdf(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const t = await this.detail(actor, id);
    sendDownload(res, await this.letter.render(t), 'application/pdf', `案件移交函-第${t.transferNo}号.pdf`);
  }

  private async andShow(actor: Actor, id: string, run: Promise<unknown>): Promise<TransferDetail> {
    await run;
    return this.detail(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: TransferCommentBody) {
    return this.andShow(actor, id, this.commands.execute(new AcceptTransferCommand(actor, id, body?.comment ?? null)));
  }

  @Post(':id/supplement-request')
  @HttpCode(200)
  requestSupplement(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: TransferSupplementRequestBody) {
    return this.andShow(actor, id, this.commands.execute(new RequestTransferSupplementCommand(actor, id, body.reason, body.dueDate)));
  }

  @Post(':id/supplement')
  @HttpCode(200)
  supplement(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: TransferSupplementBody) {
    return this.andShow(actor, id, this.commands.execute(new SupplementTransferCommand(actor, id, body.note, body.materials)));
  }

  @Post(':id/return')
  @HttpCode(200)
  returnTransfer(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: TransferReturnBody) {
    return this.andShow(actor, id, this.commands.execute(new ReturnTransferCommand(actor, id, body.reasons)));
  }
}
