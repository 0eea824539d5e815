import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import {
  FilePlanCommand,
  ForwardPlanCommand,
  OpenPlanningCycleCommand,
  ReportProgressCommand,
  ReturnPlanCommand,
  SaveDraftCommand,
  SubmitPlanCommand,
} from '../application/commands.js';
import { ExportPlansQuery, FilingBoardQuery, GetPlanQuery, ListPlansQuery, ReviewQueueQuery, type PlanDetail } from '../application/queries.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import { PLAN_EXPORT_COLUMNS } from './plan-exports.js';
import { planTitle } from '../infrastructure/plan-document.js';
import { PlanPdf } from '../infrastructure/plan-pdf.js';
import { planWorkbook } from '../infrastructure/plan-workbook.js';
import {
  FilePlanBody,
  FilingBoardQueryParams,
  ForwardPlanBody,
  OpenPlanningCycleBody,
  PlanListQuery,
  ReportProgressBody,
  ReturnPlanBody,
  SaveDraftBody,
  SubmitPlanBody,
} from './plan-bodies.js';
import { sendDownload } from '../../../platform/http/download.js';

@ApiTags('annual-plans')
@ApiBearerAuth()
@Controller('plan-cycles')
export class PlanCyclesHttpController {
  constructor(private readonly commands: Commands) {}

  @Post()
  @Roles('province_official')
  open(@CurrentActor() actor: Actor, @Body() body: OpenPlanningCycleBody) {
    return this.commands.execute(new OpenPlanningCycleCommand(actor, body.year));
  }
}

/** docs/api/annual-plans.md. Commands answer with the plan as it is after the change. */
@ApiTags('annual-plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    private readonly pdf: PlanPdf,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: PlanListQuery) {
    return this.queries.execute(new ListPlansQuery(actor, query));
  }

  /** The list's rows under the same parameters (without paging), streamed as a workbook. */
  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportList(@CurrentActor() actor: Actor, @Query() query: PlanListQuery, @Res() res: Response): Promise<void> {
    await this.exportPlans(actor, query, false, res);
  }

  @Get('review-queue')
  @Roles('city_agency_staff', 'province_official')
  reviewQueue(@CurrentActor() actor: Actor, @Query() query: PlanListQuery) {
    return this.queries.execute(new ReviewQueueQuery(actor, query));
  }

  /** The review queue's rows under the same parameters, streamed as a workbook. */
  @Get('review-queue/export.xlsx')
  @Roles('city_agency_staff', 'province_official')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportQueue(@CurrentActor() actor: Actor, @Query() query: PlanListQuery, @Res() res: Response): Promise<void> {
    await this.exportPlans(actor, query, true, res);
  }

  private async exportPlans(actor: Actor, query: PlanListQuery, queue: boolean, res: Response): Promise<void> {
    const title = queue ? '待审核方案' : '年度监管方案';
    const file = { filename: `${title}台账-${chinaDay(new Date().toISOString())}.xlsx`, sheet: title, columns: PLAN_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportPlansQuery(actor, query, queue, sink)));
  }

  @Get('board')
  @Roles('national_overseer', 'province_official', 'city_agency_staff', 'county_staff', 'leader')
  board(@CurrentActor() actor: Actor, @Query() query: FilingBoardQueryParams) {
    return this.queries.execute(new FilingBoardQuery(actor, query.year, query.regionCode));
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PlanDetail> {
    return this.queries.execute(new GetPlanQuery(actor, id));
  }

  @Put(':id/draft')
  @Roles('county_staff', 'city_agency_staff')
  async saveDraft(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: SaveDraftBody) {
    await this.commands.execute(new SaveDraftCommand(actor, id, body));
    return this.get(actor, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('county_staff', 'city_agency_staff')
  async submit(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: SubmitPlanBody) {
    await this.commands.execute(new SubmitPlanCommand(actor, id, body.version));
    return this.get(actor, id);
  }

  /** 汇总上报: the city agency forwards a reviewed county plan to the city bureau. */
  @Post(':id/forward')
  @HttpCode(200)
  @Roles('city_agency_staff')
  async forward(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ForwardPlanBody) {
    await this.commands.execute(new ForwardPlanCommand(actor, id, body.comment));
    return this.get(actor, id);
  }

  /** 备案: the city bureau (a forwarded county plan) or the province (a city plan). */
  @Post(':id/file')
  @HttpCode(200)
  @Roles('city_agency_staff', 'province_official')
  async file(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: FilePlanBody) {
    await this.commands.execute(new FilePlanCommand(actor, id, body.comment));
    return this.get(actor, id);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('city_agency_staff', 'province_official')
  async return(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ReturnPlanBody) {
    await this.commands.execute(new ReturnPlanCommand(actor, id, body.comment));
    return this.get(actor, id);
  }

  @Put(':id/progress/:month')
  @Roles('county_staff', 'city_agency_staff')
  async reportProgress(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('month') month: string, @Body() body: ReportProgressBody) {
    await this.commands.execute(new ReportProgressCommand(actor, id, Number(month), body.entries));
    return this.get(actor, id);
  }

  @Get(':id/export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: '方案 and 配档表 sheets' })
  async exportXlsx(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    const plan = await this.get(actor, id);
    sendDownload(res, await planWorkbook(plan), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${planTitle(plan)}.xlsx`);
  }

  @Get(':id/export.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the plan in the official layout; 503 when the server has no CJK font' })
  async exportPdf(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    const plan = await this.get(actor, id);
    sendDownload(res, await this.pdf.render(plan), 'application/pdf', `${planTitle(plan)}.pdf`);
  }
}
