import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { sendDownload } from '../../../platform/http/download.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { CASE_STEPS, CaseStepCommand, ProposeCaseCommand, type CaseStep } from '../application/commands.js';
import { ExportCasesQuery, GetCaseQuery, ListCasesQuery, type CaseDetail } from '../application/queries.js';
import { CaseStepBody, CasesQueryParams, ProposeCaseBody } from './enforcement-bodies.js';
import { CaseDossierPdf } from '../infrastructure/case-dossier-pdf.js';
import { CASE_EXPORT_COLUMNS } from './enforcement-exports.js';

/**
 * Administrative enforcement cases (行政执法, contexts/enforcement/README.md): bureaus and agencies
 * read the cases of their region subtree (row-level security); institutions never. Who may act is
 * the domain's rule (the bureau's staff, its leader, the assigned officers, a legal reviewer who did
 * not investigate).
 */
@ApiTags('enforcement')
@ApiBearerAuth()
@Roles('national_overseer', 'province_official', 'city_agency_staff', 'county_staff', 'leader', 'legal_reviewer')
@Controller('enforcement/cases')
export class EnforcementHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dossier: CaseDossierPdf,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: CasesQueryParams) {
    return this.queries.execute(new ListCasesQuery(actor, query));
  }

  /** The case register under the same parameters (without paging), as a workbook. */
  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: CasesQueryParams, @Res() res: Response): Promise<void> {
    const file = { filename: `执法案件台账-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '执法案件台账', columns: CASE_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportCasesQuery(actor, query, sink)));
  }

  /** 提请立案: a case proposed at the actor's bureau, awaiting a leader's approval. */
  @Post()
  async propose(@CurrentActor() actor: Actor, @Body() body: ProposeCaseBody): Promise<CaseDetail> {
    const { id } = await this.commands.execute(new ProposeCaseCommand(actor, body));
    return this.detail(actor, id);
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CaseDetail> {
    return this.queries.execute(new GetCaseQuery(actor, id));
  }

  /** The case file (卷宗): the whole-process record as a PDF with a table of contents; for the case's readers only. */
  @Get(':id/dossier.pdf')
  @ApiProduces('application/pdf')
  async dossierPdf(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const c = await this.detail(actor, id);
    sendDownload(res, await this.dossier.render(c), 'application/pdf', `行政执法案件卷宗-第${c.caseNo}号.pdf`);
  }

  /** One step of the procedure (approve-filing, officers, records, notice, statement, legal-review, …); answers the case. */
  @Post(':id/:step')
  @HttpCode(200)
  @ApiParam({ name: 'step', enum: CASE_STEPS })
  async step(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('step') step: string, @Body() body: CaseStepBody): Promise<CaseDetail> {
    if (!(CASE_STEPS as readonly string[]).includes(step)) {
      throw DomainError.validation('case_step_unknown', { zh: `未知的办案步骤：${step}`, en: `unknown case step: ${step} (one of ${CASE_STEPS.join(', ')})` }, { field: 'step' });
    }
    await this.commands.execute(new CaseStepCommand(actor, id, step as CaseStep, { ...body }));
    return this.detail(actor, id);
  }
}
