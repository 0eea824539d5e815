import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import type { SpooledUpload } from '../../../platform/attachments/attachment-store.js';
import { EvidenceUploadInterceptor } from '../../../platform/attachments/evidence-upload.interceptor.js';
import { XLSX_CONTENT_TYPE } from '../../../platform/http/xlsx-export.js';
import { DomainError } from '../../../kernel/errors.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import {
  AcceptLeadResultCommand, AssessLeadCommand, AssignLeadCommand, CloseLeadCommand, DecideLeadDismissalCommand, DecideLeadExtensionCommand,
  ImportLeadAlertsCommand, InvestigateLeadCommand, type AlertImportResult, RegisterLeadCommand, ReportLeadCommand, RequestLeadExtensionCommand, ReturnLeadResultCommand,
} from '../application/commands.js';
import { ExportLeadsQuery, GetLeadQuery, ListLeadsQuery, type LeadDetail } from '../application/queries.js';
import type { LeadSource } from '../domain/time-limits.js';
import { LEAD_EXPORT_COLUMNS } from './lead-exports.js';
import { alertTemplate, readAlertFile } from '../infrastructure/alert-file.js';
import {
  AssessLeadBody, AssignLeadBody, CloseLeadBody, CommentBody, DecideBody, ExtensionBody, InvestigateLeadBody, LeadsQueryParams, ReasonBody, RegisterLeadBody,
} from './lead-bodies.js';

/**
 * The ledger of leads (线索台账, contexts/leads/README.md): bureaus and agencies at every level, the
 * national bureau included; institutions never. Reading is scoped by row-level security (the holder
 * and every unit above it); who may act is the domain's rule (the holder: `lead_not_holder`; the
 * assigner: `lead_not_assigner`, `lead_not_reported_to`).
 */
@ApiTags('leads')
@ApiBearerAuth()
@Roles('national_overseer', 'province_official', 'city_agency_staff', 'county_staff', 'leader')
@Controller('leads')
export class LeadsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: LeadsQueryParams) {
    return this.queries.execute(new ListLeadsQuery(actor, query));
  }

  /** The ledger's rows under the same parameters (without paging), streamed as a workbook in the 台账 columns. */
  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: LeadsQueryParams, @Res() res: Response): Promise<void> {
    const file = { filename: `线索台账-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '线索台账', columns: LEAD_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportLeadsQuery(actor, query, sink)));
  }

  /** The smart-monitoring alert import's template (the columns in order, and a sheet of notes). */
  @Get('alert-import/template.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  async alertTemplate(@Res() res: Response): Promise<void> {
    res.setHeader('content-type', XLSX_CONTENT_TYPE);
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('智能监控预警导入模板.xlsx')}`);
    res.send(await alertTemplate());
  }

  /**
   * Smart-monitoring alerts from a file (.xlsx or .csv, multipart field `file`, the attachments' size
   * limit): every row registered as a lead in the actor's ledger in one transaction, or nothing and
   * 400 `alert_import_invalid` with every row's problem in `details.errors`.
   */
  @Post('alert-import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(EvidenceUploadInterceptor)
  async importAlerts(@CurrentActor() actor: Actor, @UploadedFile() file?: Express.Multer.File & SpooledUpload): Promise<AlertImportResult> {
    if (!file) {
      throw DomainError.validation('attachment_missing', { zh: '请在表单字段 file 中上传一个文件', en: 'upload one file in the form field "file"' });
    }
    // multer decodes the name as latin1; browsers send UTF-8 (Chinese file names).
    const filename = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
    const sheet = await readAlertFile(file.path, filename, file.head);
    return this.commands.execute(new ImportLeadAlertsCommand(actor, filename, sheet.header, sheet.rows));
  }

  @Post()
  async register(@CurrentActor() actor: Actor, @Body() body: RegisterLeadBody): Promise<LeadDetail> {
    const { id } = await this.commands.execute(new RegisterLeadCommand({
      actor, source: body.source as LeadSource, sourceRef: body.sourceRef ?? null, regionCode: body.regionCode, institutionOrgId: body.institutionOrgId ?? null,
      subject: body.subject, facts: body.facts, amountInvolved: body.amountInvolved ?? null, dueDate: body.dueDate,
    }));
    return this.detail(actor, id);
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<LeadDetail> {
    return this.queries.execute(new GetLeadQuery(actor, id));
  }

  private async andShow(actor: Actor, id: string, run: Promise<unknown>): Promise<LeadDetail> {
    await run;
    return this.detail(actor, id);
  }

  @Post(':id/assess')
  @HttpCode(200)
  assess(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AssessLeadBody) {
    return this.andShow(actor, id, this.commands.execute(new AssessLeadCommand(actor, id, body.valuable, body.reasons)));
  }

  @Post(':id/dismissal')
  @HttpCode(200)
  decideDismissal(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: DecideBody) {
    return this.andShow(actor, id, this.commands.execute(new DecideLeadDismissalCommand(actor, id, body.approve, body.comment ?? null)));
  }

  @Post(':id/assign')
  @HttpCode(200)
  assign(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AssignLeadBody) {
    return this.andShow(actor, id, this.commands.execute(new AssignLeadCommand(actor, id, body.toOrgId, body.dueDate)));
  }

  @Post(':id/investigate')
  @HttpCode(200)
  investigate(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: InvestigateLeadBody) {
    return this.andShow(actor, id, this.commands.execute(new InvestigateLeadCommand(actor, id, body.inspectionId ?? null)));
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: CloseLeadBody) {
    return this.andShow(actor, id, this.commands.execute(new CloseLeadCommand(actor, id, body.result, body.confirmedAmount ?? null, body.summary)));
  }

  @Post(':id/report')
  @HttpCode(200)
  report(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.andShow(actor, id, this.commands.execute(new ReportLeadCommand(actor, id)));
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: CommentBody) {
    return this.andShow(actor, id, this.commands.execute(new AcceptLeadResultCommand(actor, id, body?.comment ?? null)));
  }

  @Post(':id/return')
  @HttpCode(200)
  returnResult(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ReasonBody) {
    return this.andShow(actor, id, this.commands.execute(new ReturnLeadResultCommand(actor, id, body.reason)));
  }

  @Post(':id/extension')
  @HttpCode(200)
  requestExtension(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ExtensionBody) {
    return this.andShow(actor, id, this.commands.execute(new RequestLeadExtensionCommand(actor, id, body.dueDate, body.reason)));
  }

  @Post(':id/extension/decide')
  @HttpCode(200)
  decideExtension(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: DecideBody) {
    return this.andShow(actor, id, this.commands.execute(new DecideLeadExtensionCommand(actor, id, body.approve, body.comment ?? null)));
  }
}
