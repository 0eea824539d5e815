import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { INSPECTION_EXPORT_COLUMNS, SPOT_CHECK_EXPORT_COLUMNS } from './spot-check-exports.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import {
  CommitSpotCheckCommand,
  CreateSpotCheckCommand,
  DrawSpotCheckCommand,
  RecordInspectionCommand,
  SendInspectionCommand,
} from '../application/commands.js';
import {
  CoverageQuery,
  ExportInspectionsQuery,
  ExportSpotChecksQuery,
  GetInspectionQuery,
  GetSpotCheckQuery,
  GetSpotCheckRecordQuery,
  ListInspectionsQuery,
  ListSpotChecksQuery,
  VerifySpotCheckQuery,
  verifyUploadedRecord,
  type InspectionView,
  type SpotCheckDetail,
} from '../application/queries.js';
import {
  CommitBody,
  CoverageQueryParams,
  CreateSpotCheckBody,
  DrawBody,
  InspectionsQuery,
  RecordInspectionBody,
  SpotCheckListQuery,
  ScheduleFromWorklistBody,
  ScheduleInspectionBody,
  TeamCandidatesParams,
  WorklistQueryParams,
  AnswerDocumentRequestBody,
  DocumentRequestsQueryParams,
  RequestDocumentsBody,
} from './spot-check-bodies.js';
import { ScheduleFromWorklistCommand, ScheduleInspectionCommand } from '../application/agency-inspection.commands.js';
import { AgencyWorklistQuery, JurisdictionCoverageQuery, TeamCandidatesQuery } from '../application/agency-inspection.queries.js';
import {
  AnswerDocumentRequestCommand,
  GetDocumentRequestQuery,
  InspectionDocumentRequestsQuery,
  ListDocumentRequestsQuery,
  RequestDocumentsCommand,
} from '../application/document-request.commands.js';
import type { DocumentRequestView } from '../infrastructure/document-requests.repository.js';

/** Everybody but institutions (the guard's role check; the queries refuse institution actors too). */
const READERS = ['province_official', 'city_agency_staff', 'county_staff', 'leader', 'national_overseer'] as const;

/** Where the uploaded-record verification is served: http-app.ts gives it a larger body limit. */
export const VERIFY_UPLOAD_PATH = '/api/spot-checks/verify';
/** A province's record at benchmark scale (30,000 providers, 2,000 inspectors) is a few MB. */
export const VERIFY_UPLOAD_LIMIT = '32mb';

/** docs/api/campaigns-and-spot-checks.md, "Spot-checks and the verifiable draw". */
@ApiTags('spot-checks')
@ApiBearerAuth()
@Controller('spot-checks')
export class SpotChecksHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles(...READERS)
  list(@CurrentActor() actor: Actor, @Query() query: SpotCheckListQuery) {
    return this.queries.execute(new ListSpotChecksQuery(actor, query));
  }

  /** The list's rows under the same parameters (without paging), streamed as a workbook. */
  @Get('export.xlsx')
  @Roles(...READERS)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: SpotCheckListQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `抽查任务清单-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '抽查任务', columns: SPOT_CHECK_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportSpotChecksQuery(actor, query, sink)));
  }

  @Post()
  @Roles('province_official')
  create(@CurrentActor() actor: Actor, @Body() body: CreateSpotCheckBody): Promise<{ id: string }> {
    return this.commands.execute(new CreateSpotCheckCommand(actor, body));
  }

  /** Replays an uploaded record (a DrawRecord as the body); nothing is stored. */
  @Post('verify')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiBody({ description: 'a DrawRecord, as downloaded from /spot-checks/:id/record.json', schema: { type: 'object' } })
  verifyUploaded(@CurrentActor() actor: Actor, @Body() record: Record<string, unknown>) {
    if (actor.organizationKind === 'institution') {
      throw DomainError.forbidden('spot_check_forbidden', { zh: '抽查信息不向定点医药机构开放', en: 'spot-checks are not open to providers' });
    }
    return verifyUploadedRecord(record);
  }

  @Get(':id')
  @Roles(...READERS)
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SpotCheckDetail> {
    return this.queries.execute(new GetSpotCheckQuery(actor, id));
  }

  @Post(':id/commit')
  @HttpCode(200)
  @Roles('province_official')
  async commit(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: CommitBody) {
    await this.commands.execute(new CommitSpotCheckCommand(actor, id, body.witnessCommitments));
    return this.detail(actor, id);
  }

  @Post(':id/draw')
  @HttpCode(200)
  @Roles('province_official')
  async draw(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: DrawBody) {
    await this.commands.execute(new DrawSpotCheckCommand(actor, id, body.witnessSecrets, body.beacon ?? null));
    return this.detail(actor, id);
  }

  /** The published record, byte for byte as stored. */
  @Get(':id/record.json')
  @Roles(...READERS)
  @ApiProduces('application/json')
  async record(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    const text = await this.queries.execute(new GetSpotCheckRecordQuery(actor, id));
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="spot-check-${id}-record.json"`);
    res.send(Buffer.from(text, 'utf8'));
  }

  @Get(':id/verify')
  @Roles(...READERS)
  verify(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new VerifySpotCheckQuery(actor, id));
  }
}

/** docs/api/campaigns-and-spot-checks.md, "Inspections". */
@ApiTags('spot-checks')
@ApiBearerAuth()
@Controller('inspections')
export class InspectionsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: InspectionsQuery) {
    return this.queries.execute(new ListInspectionsQuery(actor, query));
  }

  /** The list's rows under the same parameters (without paging), streamed as a workbook. */
  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: InspectionsQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `检查台账-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '检查台账', columns: INSPECTION_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportInspectionsQuery(actor, query, sink)));
  }

  /** An agency schedules one of its own inspections (docs/api/agency-inspections.md). */
  @Post()
  @Roles('county_staff', 'city_agency_staff')
  async schedule(@CurrentActor() actor: Actor, @Body() body: ScheduleInspectionBody): Promise<InspectionView> {
    const { id } = await this.commands.execute(new ScheduleInspectionCommand(actor, body));
    return this.detail(actor, id);
  }

  /** The agency's worklist of the month: institutions due under the coverage rules, suggested ones first. */
  @Get('worklist')
  @Roles('county_staff', 'city_agency_staff')
  worklist(@CurrentActor() actor: Actor, @Query() query: WorklistQueryParams) {
    return this.queries.execute(new AgencyWorklistQuery(actor, query.month));
  }

  /** The agency's inspectors for a hand-picked team, each marked eligible or recused (and why). */
  @Get('team-candidates')
  @Roles('county_staff', 'city_agency_staff')
  teamCandidates(@CurrentActor() actor: Actor, @Query() query: TeamCandidatesParams) {
    return this.queries.execute(new TeamCandidatesQuery(actor, query.institutionId, query.year));
  }

  /** Worklist items turned into scheduled inspections in one action (teams drawn with recusal). */
  @Post('worklist/schedule')
  @Roles('county_staff', 'city_agency_staff')
  scheduleWorklist(@CurrentActor() actor: Actor, @Body() body: ScheduleFromWorklistBody) {
    return this.commands.execute(new ScheduleFromWorklistCommand(actor, body));
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<InspectionView> {
    return this.queries.execute(new GetInspectionQuery(actor, id));
  }

  /** The inspection's document requests (调取资料), oldest first: readers of the inspection. */
  @Get(':id/document-requests')
  documentRequests(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DocumentRequestView[]> {
    return this.queries.execute(new InspectionDocumentRequestsQuery(actor, id));
  }

  /** The inspecting team asks the institution for documents with a deadline (until the result is sent). */
  @Post(':id/document-requests')
  @Roles('province_official', 'county_staff', 'city_agency_staff')
  async requestDocuments(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: RequestDocumentsBody): Promise<DocumentRequestView> {
    const { id: requestId } = await this.commands.execute(new RequestDocumentsCommand(actor, id, body));
    return this.queries.execute(new GetDocumentRequestQuery(actor, requestId));
  }

  @Put(':id')
  // The national overseer records its flight inspections' results (origin 'flight'; the domain checks who runs which).
  @Roles('province_official', 'county_staff', 'city_agency_staff', 'national_overseer')
  async record(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: RecordInspectionBody) {
    await this.commands.execute(new RecordInspectionCommand(actor, id, body));
    return this.detail(actor, id);
  }

  @Post(':id/send')
  @HttpCode(200)
  @Roles('province_official', 'county_staff', 'city_agency_staff')
  async send(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.commands.execute(new SendInspectionCommand(actor, id));
    return this.detail(actor, id);
  }
}

/** docs/api/agency-inspections.md, "Document requests": the institution's list and answer, the agencies' list. */
@ApiTags('spot-checks')
@ApiBearerAuth()
@Controller('inspection-document-requests')
export class DocumentRequestsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
  ) {}

  /** The institution: its own requests; everybody else: those of their region. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: DocumentRequestsQueryParams) {
    return this.queries.execute(new ListDocumentRequestsQuery(actor, query));
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DocumentRequestView> {
    return this.queries.execute(new GetDocumentRequestQuery(actor, id));
  }

  /** The institution's clerk answers, with its own uploads as evidence (late answers are accepted and stay flagged). */
  @Post(':id/answer')
  @HttpCode(200)
  @Roles('institution_clerk')
  async answer(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AnswerDocumentRequestBody): Promise<DocumentRequestView> {
    await this.commands.execute(new AnswerDocumentRequestCommand(actor, id, body));
    return this.detail(actor, id);
  }
}

/** docs/api/campaigns-and-spot-checks.md, "Coverage". */
@ApiTags('spot-checks')
@ApiBearerAuth()
@Controller('coverage')
export class CoverageHttpController {
  constructor(private readonly queries: Queries) {}

  @Get()
  coverage(@CurrentActor() actor: Actor, @Query() query: CoverageQueryParams) {
    return this.queries.execute(new CoverageQuery(actor, query.year, query.month));
  }

  /** Coverage per jurisdiction (each agency's agreement holders), every rule against its own basis, and the province's sample per city. */
  @Get('jurisdictions')
  jurisdictions(@CurrentActor() actor: Actor, @Query() query: WorklistQueryParams) {
    return this.queries.execute(new JurisdictionCoverageQuery(actor, query.month));
  }
}
