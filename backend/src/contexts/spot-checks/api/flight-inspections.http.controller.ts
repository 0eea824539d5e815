import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsArray, IsInt, IsOptional, IsString } from 'class-validator';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { SearchableListParams } from '../../../platform/http/query-params.js';
import { chinaDay, listExportMaxRows, streamListExport, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { Actor } from '../../../kernel/actor.js';
import {
  ExportFlightInspectionsQuery, GetFlightInspectionQuery, GetFlightInspectionRecordQuery, HandOverFlightInspectionCommand, ListFlightInspectionsQuery,
  OrganizeFlightInspectionCommand, StartFlightInspectionCommand,
} from '../application/flight-inspection.commands.js';
import type { FlightInspectionSummary, FlightInspectionView } from '../application/flight-inspection.views.js';

export class OrganizeFlightInspectionBody {
  @ApiProperty({ example: '2026年第四季度飞行检查（江苏）' }) @IsString() title!: string;
  @ApiProperty({ example: '32', description: 'the inspected province (two-digit code)' }) @IsString() provinceCode!: string;
  @ApiProperty({ type: [String], description: '1–50 designated institutions of the province' }) @IsArray() @IsString({ each: true }) institutionIds!: string[];
  @ApiProperty({ example: '2026-12-08' }) @IsString() startDate!: string;
  @ApiProperty({ example: '2026-12-12' }) @IsString() endDate!: string;
  @ApiPropertyOptional({ minimum: 2, maximum: 5, default: 2, description: 'inspectors per institution' }) @IsOptional() @IsInt() teamSize?: number;
  @ApiProperty({ type: [String], description: "1–5 witnesses' secrets (8–200 characters): the draw's seed, published in its record" })
  @IsArray() @IsString({ each: true }) witnessSecrets!: string[];
  @ApiPropertyOptional({ description: 'a public randomness beacon mixed into the seed' }) @IsOptional() @IsString() beacon?: string;
}

/**
 * The list's parameters (issue 16 §2): `q` (title, or an inspected institution's name or code), `regionCode`,
 * `status` (drawn, started, handed_over), `from`/`to` (start date), `sort`, paging.
 */
export class FlightInspectionListQuery extends SearchableListParams {}

const STATUS_ZH: Record<FlightInspectionSummary['status'], string> = { drawn: '已组织（未开始）', started: '检查中', handed_over: '已移交' };

/** The columns of the flight inspections' export (Chinese headers, English in the second row). */
export const FLIGHT_INSPECTION_EXPORT_COLUMNS: readonly ExportColumn<FlightInspectionSummary>[] = [
  { zh: '编号', en: 'No.', width: 8, value: (f) => f.flightNo },
  { zh: '名称', en: 'Title', width: 36, value: (f) => f.title },
  { zh: '被检查省份', en: 'Province', width: 14, value: (f) => f.province.name },
  { zh: '被检查机构数', en: 'Institutions', width: 12, value: (f) => f.institutions },
  { zh: '开始日期', en: 'Start', width: 12, value: (f) => f.startDate },
  { zh: '结束日期', en: 'End', width: 12, value: (f) => f.endDate },
  { zh: '状态', en: 'Status', width: 14, value: (f) => STATUS_ZH[f.status] },
  { zh: '移交线索数', en: 'Leads handed over', width: 12, value: (f) => f.leads },
  { zh: '组织人', en: 'Organized by', width: 12, value: (f) => f.createdBy },
  { zh: '飞行检查编号', en: 'Flight inspection id', width: 38, value: (f) => f.id },
];

/**
 * 飞行检查 (contexts/spot-checks/README.md "Flight inspections"): the national bureau organizes, starts
 * and hands over; the inspected province reads them from their start (row-level security).
 */
@ApiTags('spot-checks')
@ApiBearerAuth()
@Controller('flight-inspections')
export class FlightInspectionsHttpController {
  constructor(private readonly commands: Commands, private readonly queries: Queries, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Roles('national_overseer', 'province_official')
  list(@CurrentActor() actor: Actor, @Query() query: FlightInspectionListQuery) {
    return this.queries.execute(new ListFlightInspectionsQuery(actor, query));
  }

  @Get('export.xlsx')
  @Roles('national_overseer', 'province_official')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: FlightInspectionListQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `飞行检查-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '飞行检查', columns: FLIGHT_INSPECTION_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportFlightInspectionsQuery(actor, query, sink)));
  }

  @Post()
  @Roles('national_overseer')
  async organize(@CurrentActor() actor: Actor, @Body() body: OrganizeFlightInspectionBody): Promise<FlightInspectionView> {
    const { id } = await this.commands.execute(new OrganizeFlightInspectionCommand(actor, body));
    return this.get(actor, id);
  }

  @Get(':id')
  @Roles('national_overseer', 'province_official')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FlightInspectionView> {
    return this.queries.execute(new GetFlightInspectionQuery(actor, id));
  }

  /** The draw record (replay it with POST /api/spot-checks/verify). */
  @Get(':id/record.json')
  @Roles('national_overseer', 'province_official')
  @ApiProduces('application/json')
  async record(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    const text = await this.queries.execute(new GetFlightInspectionRecordQuery(actor, id));
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="flight-inspection-${id}-record.json"`);
    res.send(Buffer.from(text, 'utf8'));
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('national_overseer')
  async start(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FlightInspectionView> {
    await this.commands.execute(new StartFlightInspectionCommand(actor, id));
    return this.get(actor, id);
  }

  @Post(':id/hand-over')
  @HttpCode(200)
  @Roles('national_overseer')
  async handOver(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FlightInspectionView> {
    await this.commands.execute(new HandOverFlightInspectionCommand(actor, id));
    return this.get(actor, id);
  }
}

