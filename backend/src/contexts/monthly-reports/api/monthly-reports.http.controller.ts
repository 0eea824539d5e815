import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import { sendDownload } from '../../../platform/http/download.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { SearchableListParams } from '../../../platform/http/query-params.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import { REPORT_EXPORT_COLUMNS } from './monthly-report-exports.js';
import type { Actor } from '../../../kernel/actor.js';
import {
  CompileCityReportCommand,
  FileCityReportCommand,
  ReturnMonthlyReportCommand,
  SaveMonthlyReportCommand,
  SignMonthlyReportCommand,
  SubmitMonthlyReportCommand,
} from '../application/commands.js';
import {
  ExportMonthlyReportsQuery,
  GetMonthlyReportQuery,
  ListMonthlyReportsQuery,
  ProvinceMonthQuery,
  ReportExportQuery,
  type ReportView,
} from '../application/queries.js';
import { MonthlyReportPdf, provinceWorkbook, reportWorkbook, XLSX_TYPE } from '../infrastructure/monthly-report-documents.js';
import { monthZh } from '../domain/monthly-report.js';

export class MonthQuery {
  @ApiPropertyOptional({ example: '2026-10', description: 'YYYY-MM; default the previous month (China time)' }) @IsOptional() @IsString() month?: string;
}

/**
 * The list's parameters (issue 16 §2): the shared ones — `q` the reporting unit's name or code,
 * `status`, `regionCode`, `from`/`to` the report month, `sort`, paging — with `month` (one month;
 * without it and without a period: the default month) and `level` (county, city).
 */
export class MonthlyReportListQuery extends SearchableListParams {
  @ApiPropertyOptional({ example: '2026-10', description: 'YYYY-MM; without it and without from/to: the previous month (China time)' }) @IsOptional() @IsString() month?: string;
  @ApiPropertyOptional({ description: 'county, city (comma-separated)' }) @IsOptional() @IsString() @MaxLength(20) level?: string;
}

export class SaveBody {
  @ApiProperty({
    description: 'transferredToPolice, publicExposures (integers ≥ 0), otherRecovered (yuan ≥ 0, ≤ 2 decimals), remarks (≤ 2000 chars); absent fields keep their value. casesOpened, casesClosed, tipsReceived and tipsRewarded are computed from the leads ledger and the tips intake (auto): 400 monthly_report_field_computed',
    type: 'object', additionalProperties: true,
  })
  @IsOptional() @IsObject() manual?: Record<string, unknown>;
}

export class ReportReturnBody {
  @ApiProperty({ description: 'required, at most 2000 characters' }) @IsOptional() @IsString() comment?: string;
}

const READERS = ['leader', 'national_overseer', 'province_official', 'city_agency_staff', 'county_staff'] as const;

/** docs/api/dashboards-and-monthly-reports.md §3.2. Reading is scoped by tenancy. */
@ApiTags('monthly-reports')
@ApiBearerAuth()
@Controller('monthly-reports')
export class MonthlyReportsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    private readonly pdf: MonthlyReportPdf,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles(...READERS)
  list(@CurrentActor() actor: Actor, @Query() query: MonthlyReportListQuery) {
    return this.queries.execute(new ListMonthlyReportsQuery(actor, query));
  }

  /** The list's rows under the same parameters (without paging), streamed as a workbook. */
  @Get('export.xlsx')
  @Roles(...READERS)
  @ApiProduces(XLSX_TYPE)
  async export(@CurrentActor() actor: Actor, @Query() query: MonthlyReportListQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `月报表清单-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '月报表', columns: REPORT_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportMonthlyReportsQuery(actor, query, sink)));
  }

  /** The province's workbook of a month: 省汇总 / 市 / 区县. */
  @Get('province.xlsx')
  @Roles('province_official', 'leader', 'national_overseer')
  @ApiProduces(XLSX_TYPE)
  async provinceXlsx(@CurrentActor() actor: Actor, @Query() query: MonthQuery, @Res() res: Response) {
    const data = await this.queries.execute(new ProvinceMonthQuery(actor, query.month));
    sendDownload(res, await provinceWorkbook(data), XLSX_TYPE, `${data.regionName}${monthZh(data.month)}医保基金监管月报汇总.xlsx`);
  }

  /** The city agency (fund-audit section) compiles; the city bureau files the result (`POST /:id/file`). */
  @Post('cities/:cityCode/:month/compile')
  @HttpCode(200)
  @Roles('city_agency_staff')
  async compile(@CurrentActor() actor: Actor, @Param('cityCode') cityCode: string, @Param('month') month: string): Promise<ReportView> {
    const { id } = await this.commands.execute(new CompileCityReportCommand(actor, cityCode, month));
    return this.detail(actor, id);
  }

  @Get(':id')
  @Roles(...READERS)
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReportView> {
    return this.queries.execute(new GetMonthlyReportQuery(actor, id));
  }

  @Put(':id')
  @Roles('county_staff')
  async save(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: SaveBody): Promise<ReportView> {
    await this.commands.execute(new SaveMonthlyReportCommand(actor, id, body.manual));
    return this.detail(actor, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('county_staff')
  async submit(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReportView> {
    await this.commands.execute(new SubmitMonthlyReportCommand(actor, id));
    return this.detail(actor, id);
  }

  @Post(':id/sign')
  @HttpCode(200)
  @Roles('leader')
  async sign(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReportView> {
    await this.commands.execute(new SignMonthlyReportCommand(actor, id));
    return this.detail(actor, id);
  }

  /** 备案: the city bureau files the city agency's compilation and issues the bulletin to the counties. */
  @Post(':id/file')
  @HttpCode(200)
  @Roles('city_agency_staff')
  async file(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReportView> {
    await this.commands.execute(new FileCityReportCommand(actor, id));
    return this.detail(actor, id);
  }

  /** County report: the leader (before sign-off) or the city agency (after submission); city compilation: the city bureau. */
  @Post(':id/return')
  @HttpCode(200)
  @Roles('leader', 'city_agency_staff')
  async return(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ReportReturnBody): Promise<ReportView> {
    await this.commands.execute(new ReturnMonthlyReportCommand(actor, id, body.comment));
    return this.detail(actor, id);
  }

  @Get(':id/export.xlsx')
  @Roles(...READERS)
  @ApiProduces(XLSX_TYPE)
  async xlsx(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    const { report, counties } = await this.queries.execute(new ReportExportQuery(actor, id));
    const book = await reportWorkbook(report, new Map(counties.map((c) => [c.id, c])));
    sendDownload(res, book, XLSX_TYPE, `${fileName(report)}.xlsx`);
  }

  @Get(':id/export.pdf')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  async exportPdf(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    const report = await this.queries.execute(new GetMonthlyReportQuery(actor, id));
    sendDownload(res, await this.pdf.render(report), 'application/pdf', `${fileName(report)}.pdf`);
  }
}

const fileName = (r: ReportView) => `${r.cityName}${r.level === 'county' ? r.regionName : ''}${monthZh(r.month)}医保基金监管月报表${r.level === 'city' ? '（市汇总）' : ''}`;
