import { Body, Controller, Get, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import { AGENCY_TASK_EXPORT_COLUMNS, TASK_EXPORT_COLUMNS } from './campaign-exports.js';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import {
  AssignCampaignCommand,
  CreateCampaignCommand,
  FileCampaignSummaryCommand,
  RecordSelfInspectionRefundCommand,
  ReturnSelfInspectionCommand,
  SaveAgencySelfInspectionCommand,
  SaveSelfInspectionCommand,
  SubmitAgencySelfInspectionCommand,
  SubmitSelfInspectionCommand,
  UpdateCampaignCommand,
  VerifySelfInspectionCommand,
} from '../application/commands.js';
import {
  CampaignDefaultsQuery,
  CampaignProgressQuery,
  GetAgencySelfInspectionQuery,
  GetCampaignQuery,
  ExportAgencySelfInspectionsQuery,
  ExportSelfInspectionsQuery,
  GetSelfInspectionQuery,
  ListAgencySelfInspectionsQuery,
  ListCampaignsQuery,
  ListSelfInspectionsQuery,
  MissingReportsQuery,
} from '../application/queries.js';
import { CampaignSummaryPdf, summaryWorkbook } from '../infrastructure/campaign-summary.js';
import { CampaignSpotCheckFigures } from '../infrastructure/spot-check-figures.js';
import {
  AgencySelfInspectionBody,
  AgencyTaskListQuery,
  CampaignBody,
  CampaignListQuery,
  DefaultsQuery,
  MissingQuery,
  RefundBody,
  ReturnBody,
  SelfInspectionBody,
  SummaryBody,
  TaskListQuery,
  VerifyBody,
} from './campaign-bodies.js';
import { sendDownload } from '../../../platform/http/download.js';

const READERS = ['province_official', 'city_agency_staff', 'county_staff', 'leader', 'national_overseer'] as const;
const SUMMARY_READERS = ['province_official', 'leader', 'national_overseer'] as const;
/** The handling agencies (city and county): their own region's report and the review of their institutions' reports. */
const AGENCY_STAFF = ['city_agency_staff', 'county_staff'] as const;

/** docs/api/campaigns-and-spot-checks.md: special campaigns (专项治理) and self-inspection tasks. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller()
export class CampaignsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    private readonly pdf: CampaignSummaryPdf,
    private readonly spotChecks: CampaignSpotCheckFigures,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('campaigns/defaults')
  @Roles(...READERS)
  defaults(@CurrentActor() actor: Actor, @Query() q: DefaultsQuery) {
    return this.queries.execute(new CampaignDefaultsQuery(actor, q.year));
  }

  @Get('campaigns')
  @Roles(...READERS)
  list(@CurrentActor() actor: Actor, @Query() q: CampaignListQuery) {
    return this.queries.execute(new ListCampaignsQuery(actor, q.year));
  }

  @Post('campaigns')
  @Roles('province_official')
  create(@CurrentActor() actor: Actor, @Body() body: CampaignBody) {
    return this.commands.execute(new CreateCampaignCommand(actor, body as never));
  }

  @Get('campaigns/:id')
  @Roles(...READERS)
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new GetCampaignQuery(actor, id));
  }

  @Put('campaigns/:id')
  @Roles('province_official')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: CampaignBody) {
    return this.commands.execute(new UpdateCampaignCommand(actor, id, body as never));
  }

  @Post('campaigns/:id/assign')
  @Roles('province_official')
  assign(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.commands.execute(new AssignCampaignCommand(actor, id));
  }

  @Get('campaigns/:id/progress')
  @Roles(...READERS)
  progress(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new CampaignProgressQuery(actor, id));
  }

  @Get('campaigns/:id/missing')
  @Roles(...READERS)
  missing(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() q: MissingQuery) {
    return this.queries.execute(new MissingReportsQuery(actor, id, q.cityCode));
  }

  @Post('campaigns/:id/summary')
  @Roles('province_official')
  fileSummary(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: SummaryBody) {
    return this.commands.execute(new FileCampaignSummaryCommand(actor, id, body.comment ?? null));
  }

  @Get('campaigns/:id/summary.pdf')
  @Roles(...SUMMARY_READERS)
  @ApiProduces('application/pdf')
  async summaryPdf(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    const { detail, progress, figures } = await this.summaryData(actor, id);
    sendDownload(res, await this.pdf.render(detail, progress, figures), 'application/pdf', `${detail.title}工作总结.pdf`);
  }

  @Get('campaigns/:id/summary.xlsx')
  @Roles(...SUMMARY_READERS)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async summaryXlsx(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    const { detail, progress, figures } = await this.summaryData(actor, id);
    sendDownload(res, await summaryWorkbook(detail, progress, figures), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${detail.title}工作总结.xlsx`);
  }

  @Get('self-inspections')
  list_tasks(@CurrentActor() actor: Actor, @Query() q: TaskListQuery) {
    return this.queries.execute(new ListSelfInspectionsQuery(actor, q));
  }

  /** The tasks' list under the same parameters (without paging), streamed as a workbook. */
  @Get('self-inspections/export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportTasks(@CurrentActor() actor: Actor, @Query() q: TaskListQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `自查自纠任务台账-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '自查自纠任务', columns: TASK_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportSelfInspectionsQuery(actor, q, sink)));
  }

  @Get('self-inspections/:id')
  task(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new GetSelfInspectionQuery(actor, id));
  }

  @Put('self-inspections/:id')
  @Roles('institution_clerk')
  async saveTask(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: SelfInspectionBody) {
    await this.commands.execute(new SaveSelfInspectionCommand(actor, id, body));
    return this.task(actor, id);
  }

  @Post('self-inspections/:id/submit')
  @Roles('institution_clerk')
  async submitTask(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.commands.execute(new SubmitSelfInspectionCommand(actor, id));
    return this.task(actor, id);
  }

  @Post('self-inspections/:id/verify')
  @Roles(...AGENCY_STAFF)
  async verifyTask(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: VerifyBody) {
    await this.commands.execute(new VerifySelfInspectionCommand(actor, id, body.comment, body.refund));
    return this.task(actor, id);
  }

  @Post('self-inspections/:id/return')
  @Roles(...AGENCY_STAFF)
  async returnTask(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ReturnBody) {
    await this.commands.execute(new ReturnSelfInspectionCommand(actor, id, body.comment));
    return this.task(actor, id);
  }

  @Put('self-inspections/:id/refund')
  @Roles(...AGENCY_STAFF)
  async recordRefund(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: RefundBody) {
    await this.commands.execute(new RecordSelfInspectionRefundCommand(actor, id, body));
    return this.task(actor, id);
  }

  @Get('agency-self-inspections')
  @Roles(...READERS)
  agencyTasks(@CurrentActor() actor: Actor, @Query() q: AgencyTaskListQuery) {
    return this.queries.execute(new ListAgencySelfInspectionsQuery(actor, q));
  }

  /** The agency tasks' list under the same parameters (without paging), streamed as a workbook. */
  @Get('agency-self-inspections/export.xlsx')
  @Roles(...READERS)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportAgencyTasks(@CurrentActor() actor: Actor, @Query() q: AgencyTaskListQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `经办机构自查任务台账-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '经办机构自查任务', columns: AGENCY_TASK_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportAgencySelfInspectionsQuery(actor, q, sink)));
  }

  @Get('agency-self-inspections/:id')
  @Roles(...READERS)
  agencyTask(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new GetAgencySelfInspectionQuery(actor, id));
  }

  @Put('agency-self-inspections/:id')
  @Roles(...AGENCY_STAFF)
  async saveAgencyTask(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AgencySelfInspectionBody) {
    await this.commands.execute(new SaveAgencySelfInspectionCommand(actor, id, body));
    return this.agencyTask(actor, id);
  }

  @Post('agency-self-inspections/:id/submit')
  @Roles(...AGENCY_STAFF)
  async submitAgencyTask(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.commands.execute(new SubmitAgencySelfInspectionCommand(actor, id));
    return this.agencyTask(actor, id);
  }

  private async summaryData(actor: Actor, id: string) {
    const detail = await this.queries.execute(new GetCampaignQuery(actor, id));
    const progress = await this.queries.execute(new CampaignProgressQuery(actor, id));
    const figures = await this.spotChecks.figures(actor, id);
    return { detail, progress, figures };
  }
}
