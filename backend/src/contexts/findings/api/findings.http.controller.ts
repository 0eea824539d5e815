import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import { DECISION_EXPORT_COLUMNS, FINDING_EXPORT_COLUMNS } from './finding-exports.js';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import {
  AppealFindingCommand,
  ConfirmFindingCommand,
  ConfirmRectificationCommand,
  CreateDecisionCommand,
  LegalReviewCommand,
  ReviewAppealCommand,
  SubmitRectificationCommand,
} from '../application/commands.js';
import {
  ExportDecisionsQuery,
  ExportFindingsQuery,
  GetDecisionQuery,
  GetFindingQuery,
  ListDecisionsQuery,
  ListFindingsQuery,
  type DecisionView,
  type FindingView,
} from '../application/queries.js';
import {
  AppealBody,
  AppealReviewBody,
  DecisionBody,
  DecisionListQuery,
  FindingListQuery,
  LegalReviewBody,
  RectificationBody,
  RectificationReviewBody,
} from './finding-bodies.js';

/** Agency users: the handling agency is checked by the domain (the agency of the institution's county). */
const AGENCY = ['county_staff', 'city_agency_staff'] as const;

/** docs/api/findings-and-disputes.md, "Findings and feedback". Reading is scoped by tenancy alone. */
@ApiTags('findings')
@ApiBearerAuth()
@Controller('findings')
export class FindingsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: FindingListQuery) {
    return this.queries.execute(new ListFindingsQuery(actor, query));
  }

  /** The list's rows under the same parameters (without paging), streamed as a workbook. */
  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: FindingListQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `问题清单-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '问题清单', columns: FINDING_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportFindingsQuery(actor, query, sink)));
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FindingView> {
    return this.queries.execute(new GetFindingQuery(actor, id));
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles('institution_clerk')
  async confirm(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.commands.execute(new ConfirmFindingCommand(actor, id));
    return this.detail(actor, id);
  }

  @Post(':id/appeal')
  @HttpCode(200)
  @Roles('institution_clerk')
  async appeal(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AppealBody) {
    await this.commands.execute(new AppealFindingCommand(actor, id, body.reasons ?? '', body.attachmentIds ?? []));
    return this.detail(actor, id);
  }

  @Post(':id/appeal-review')
  @HttpCode(200)
  @Roles(...AGENCY)
  async review(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AppealReviewBody) {
    await this.commands.execute(new ReviewAppealCommand(actor, id, body.outcome, body.comment));
    return this.detail(actor, id);
  }
}

/** docs/api/findings-and-disputes.md, "Handling decisions". */
@ApiTags('findings')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Roles(...AGENCY)
  async create(@CurrentActor() actor: Actor, @Body() body: DecisionBody): Promise<DecisionView> {
    const { id } = await this.commands.execute(new CreateDecisionCommand(actor, body));
    return this.detail(actor, id);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: DecisionListQuery) {
    return this.queries.execute(new ListDecisionsQuery(actor, query));
  }

  /** The list's rows under the same parameters (without paging), streamed as a workbook. */
  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: DecisionListQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `处理决定清单-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '处理决定', columns: DECISION_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportDecisionsQuery(actor, query, sink)));
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DecisionView> {
    return this.queries.execute(new GetDecisionQuery(actor, id));
  }

  @Post(':id/legal-review')
  @HttpCode(200)
  @Roles(...AGENCY)
  async legalReview(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: LegalReviewBody) {
    await this.commands.execute(new LegalReviewCommand(actor, id, body.approved, body.comment));
    return this.detail(actor, id);
  }

  @Post(':id/rectification')
  @HttpCode(200)
  @Roles('institution_clerk')
  async rectification(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: RectificationBody) {
    await this.commands.execute(new SubmitRectificationCommand(actor, id, body.report, body.attachmentIds));
    return this.detail(actor, id);
  }

  @Post(':id/rectification/confirm')
  @HttpCode(200)
  @Roles(...AGENCY)
  async confirmRectification(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: RectificationReviewBody) {
    await this.commands.execute(new ConfirmRectificationCommand(actor, id, body.accepted, body.comment, body.due ?? body.rectificationDue));
    return this.detail(actor, id);
  }
}
