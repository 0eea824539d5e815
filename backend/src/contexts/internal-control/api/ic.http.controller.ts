import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import { AUDIT_EXPORT_COLUMNS } from './ic-exports.js';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import {
  AddIcAuditCommand,
  CreateIcPlanCommand,
  DrawIcTeamsCommand,
  IssueFindingsCommand,
  PublishIcPlanCommand,
  RecordIcResultsCommand,
  ReplaceStaffPostsCommand,
  SaveSelfAssessmentCommand,
  ScheduleFollowUpCommand,
  SubmitRectificationCommand,
  UpdateChecklistCommand,
  VerifyFindingCommand,
} from '../application/commands.js';
import {
  ExportIcAuditsQuery,
  GetChecklistQuery,
  GetIcAuditQuery,
  GetIcPlanQuery,
  IcProgrammeFindingsQuery,
  IcProgrammeQuery,
  ListIcAuditsQuery,
  ListIcPlansQuery,
  type AuditDetail,
  type AuditSummary,
} from '../application/queries.js';
import { IcReportPdf } from '../infrastructure/ic-report-pdf.js';
import { programmeWorkbook } from '../infrastructure/ic-workbook.js';
import {
  AddAuditBody,
  CreatePlanBody,
  DrawTeamsBody,
  FindingsBody,
  IcRectificationBody,
  ResultsBody,
  ScheduleBody,
  SelfAssessmentBody,
  StaffPostsBody,
  UpdateChecklistBody,
  IcVerifyBody,
  IcAuditListQuery,
  IcYearQuery,
} from './ic-bodies.js';
import { sendDownload } from '../../../platform/http/download.js';

const READERS = ['province_official', 'city_agency_staff', 'leader', 'national_overseer'] as const;
const AGENCY = ['city_agency_staff', 'county_staff'] as const;

/** docs/api/internal-control-audits.md. Commands answer with the resource as it is after the change. */
@ApiTags('internal-control')
@ApiBearerAuth()
@Controller('ic')
export class IcHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    private readonly pdf: IcReportPdf,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('checklist')
  checklist(@CurrentActor() actor: Actor) {
    return this.queries.execute(new GetChecklistQuery(actor));
  }

  @Put('checklist')
  @Roles('province_official')
  async updateChecklist(@CurrentActor() actor: Actor, @Body() body: UpdateChecklistBody) {
    await this.commands.execute(new UpdateChecklistCommand(actor, body.items as never));
    return this.checklist(actor);
  }

  @Post('plans')
  @Roles('province_official')
  async createPlan(@CurrentActor() actor: Actor, @Body() body: CreatePlanBody) {
    const { id } = await this.commands.execute(new CreateIcPlanCommand(actor, body));
    return this.plan(actor, id);
  }

  @Get('plans')
  @Roles(...READERS)
  plans(@CurrentActor() actor: Actor, @Query() query: IcYearQuery) {
    return this.queries.execute(new ListIcPlansQuery(actor, query.year));
  }

  @Get('plans/:id')
  @Roles(...READERS)
  plan(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new GetIcPlanQuery(actor, id));
  }

  @Post('plans/:id/audits')
  @Roles('province_official')
  async addAudit(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AddAuditBody): Promise<AuditSummary> {
    const { id: auditId } = await this.commands.execute(new AddIcAuditCommand(actor, id, body));
    return this.summary(actor, auditId);
  }

  @Post('plans/:id/draw-teams')
  @HttpCode(200)
  @Roles('province_official')
  async drawTeams(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: DrawTeamsBody) {
    await this.commands.execute(new DrawIcTeamsCommand(actor, id, body.teamSize));
    return this.plan(actor, id);
  }

  @Post('plans/:id/publish')
  @HttpCode(200)
  @Roles('province_official')
  async publish(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.commands.execute(new PublishIcPlanCommand(actor, id));
    return this.plan(actor, id);
  }

  @Get('audits')
  audits(@CurrentActor() actor: Actor, @Query() query: IcAuditListQuery) {
    return this.queries.execute(new ListIcAuditsQuery(actor, query));
  }

  /** The audits' list under the same parameters (without paging), streamed as a workbook. */
  @Get('audits/export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportAudits(@CurrentActor() actor: Actor, @Query() query: IcAuditListQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `内控检查台账-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '内控检查', columns: AUDIT_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportIcAuditsQuery(actor, query, sink)));
  }

  @Get('audits/:id')
  audit(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AuditDetail> {
    return this.queries.execute(new GetIcAuditQuery(actor, id));
  }

  @Put('audits/:id/self-assessment')
  @Roles(...AGENCY)
  async selfAssessment(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: SelfAssessmentBody) {
    await this.commands.execute(new SaveSelfAssessmentCommand(actor, id, body.answers, body.submit));
    return this.audit(actor, id);
  }

  @Put('audits/:id/staff-posts')
  @Roles(...AGENCY, 'province_official')
  async staffPosts(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: StaffPostsBody) {
    await this.commands.execute(new ReplaceStaffPostsCommand(actor, id, body.staff));
    return this.audit(actor, id);
  }

  @Put('audits/:id/results')
  @Roles('province_official')
  async results(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ResultsBody) {
    await this.commands.execute(new RecordIcResultsCommand(actor, id, body.results));
    return this.audit(actor, id);
  }

  @Post('audits/:id/findings')
  @HttpCode(200)
  @Roles('province_official')
  async findings(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: FindingsBody) {
    await this.commands.execute(new IssueFindingsCommand(actor, id, body.findings));
    return this.audit(actor, id);
  }

  @Put('audits/:id/findings/:findingId/rectification')
  @Roles(...AGENCY)
  async rectification(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('findingId') findingId: string, @Body() body: IcRectificationBody) {
    await this.commands.execute(new SubmitRectificationCommand(actor, id, findingId, body));
    return this.audit(actor, id);
  }

  @Post('audits/:id/findings/:findingId/verify')
  @HttpCode(200)
  @Roles('province_official')
  async verify(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('findingId') findingId: string, @Body() body: IcVerifyBody) {
    await this.commands.execute(new VerifyFindingCommand(actor, id, findingId, body.accepted, body.comment));
    return this.audit(actor, id);
  }

  @Post('audits/:id/follow-up')
  @Roles('province_official')
  async followUp(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ScheduleBody): Promise<AuditSummary> {
    const { id: auditId } = await this.commands.execute(new ScheduleFollowUpCommand(actor, id, body));
    return this.summary(actor, auditId);
  }

  @Get('programme')
  @Roles(...READERS)
  programme(@CurrentActor() actor: Actor, @Query() query: IcYearQuery) {
    return this.queries.execute(new IcProgrammeQuery(actor, query.year));
  }

  @Get('programme/export.xlsx')
  @Roles(...READERS)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportProgramme(@CurrentActor() actor: Actor, @Query() query: IcYearQuery, @Res() res: Response) {
    // Every audit of the year in scope (the programme's first sheet), through the list's export query.
    const audits: AuditSummary[] = [];
    await this.queries.execute(new ExportIcAuditsQuery(actor, { year: query.year }, { maxRows: Number.MAX_SAFE_INTEGER, batch: async (rows) => { audits.push(...rows); } }));
    const findings = await this.queries.execute(new IcProgrammeFindingsQuery(actor, query.year));
    const programme = await this.programme(actor, query);
    sendDownload(res, await programmeWorkbook(programme.year, audits, findings), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      `${programme.year}年度经办机构内控检查.xlsx`);
  }

  @Get('audits/:id/report.pdf')
  @ApiProduces('application/pdf')
  async report(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    const audit = await this.audit(actor, id);
    sendDownload(res, await this.pdf.render(audit), 'application/pdf', `${audit.agency.name}内控检查报告.pdf`);
  }

  private async summary(actor: Actor, id: string): Promise<AuditSummary> {
    const d = await this.audit(actor, id);
    const open = d.findings.filter((f) => f.status !== 'verified');
    return {
      id: d.id, planId: d.planId, followUpOf: d.followUpOf, agency: d.agency, status: d.status,
      noticeDate: d.noticeDate, selfAssessmentDue: d.selfAssessmentDue, fieldworkStart: d.fieldworkStart, fieldworkEnd: d.fieldworkEnd,
      team: d.team, checklistVersion: d.checklistVersion, selfAssessmentOverdue: d.selfAssessmentOverdue,
      findings: { total: d.findings.length, open: open.length, overdue: open.filter((f) => f.overdue).length },
    };
  }
}
