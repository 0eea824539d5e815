import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { SearchableListParams } from '../../../platform/http/query-params.js';
import { chinaDay, listExportMaxRows, streamListExport, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import type { Actor } from '../../../kernel/actor.js';
import { AcknowledgeNoticeCommand, SendNoticeCommand } from '../application/commands.js';
import { ExportNoticesQuery, GetNoticeQuery, ListNoticesQuery, type NoticeView } from '../application/queries.js';
import { NOTICE_MAX_WORKING_DAYS } from '../application/send-notice.handler.js';

export class SendNoticeBody {
  @ApiProperty({ example: 'agency-320102' })
  @IsString()
  @MinLength(1)
  recipientOrgId!: string;

  @ApiProperty({ example: '关于报送2027年度监管方案的通知' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body!: string;

  @ApiProperty({ minimum: 1, maximum: NOTICE_MAX_WORKING_DAYS, description: 'acknowledgement period in working days' })
  @IsInt()
  @Min(1)
  @Max(NOTICE_MAX_WORKING_DAYS)
  workingDays!: number;
}

/**
 * The list's parameters (issue 16 §2): `box` (received, sent, all — the default), `q` the title or
 * the issuing or receiving unit (name contains, code equals), `status` (sent = not acknowledged yet,
 * acknowledged, overdue), `regionCode`, `from`/`to` the issue date, `sort`, paging.
 */
export class NoticeListQuery extends SearchableListParams {
  @ApiPropertyOptional({ enum: ['received', 'sent', 'all'], default: 'all' }) @IsOptional() @IsIn(['received', 'sent', 'all']) box?: 'received' | 'sent' | 'all';
}

/** The columns of the notices' Excel export (Chinese headers, English in the second row). */
export const NOTICE_EXPORT_COLUMNS: readonly ExportColumn<NoticeView>[] = [
  { zh: '标题', en: 'Title', width: 40, value: (n) => n.title },
  { zh: '发文单位', en: 'Issued by', width: 28, value: (n) => n.senderOrgName },
  { zh: '发文单位编码', en: 'Issuer code', width: 18, value: (n) => n.senderOrgId },
  { zh: '接收单位', en: 'Recipient', width: 28, value: (n) => n.recipientOrgName },
  { zh: '接收单位编码', en: 'Recipient code', width: 18, value: (n) => n.recipientOrgId },
  { zh: '发文日期', en: 'Issued on', width: 12, value: (n) => chinaDay(n.sentAt) },
  { zh: '签收期限', en: 'Acknowledge by', width: 12, value: (n) => n.dueDate },
  { zh: '状态', en: 'Status', width: 10, value: (n) => (n.status === 'acknowledged' ? '已签收' : '待签收') },
  { zh: '逾期', en: 'Overdue', width: 8, value: (n) => (n.overdue ? '是' : '否') },
  { zh: '签收日期', en: 'Acknowledged on', width: 12, value: (n) => chinaDay(n.acknowledgedAt) },
  { zh: '签收人', en: 'Acknowledged by', width: 12, value: (n) => n.acknowledgedBy },
  { zh: '通知编号', en: 'Notice id', width: 38, value: (n) => n.id },
];

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Roles('province_official', 'city_agency_staff', 'county_staff')
  send(@CurrentActor() actor: Actor, @Body() body: SendNoticeBody) {
    return this.commands.execute(new SendNoticeCommand(actor, body));
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: NoticeListQuery) {
    return this.queries.execute(new ListNoticesQuery(actor, query));
  }

  /** The list's rows under the same parameters (without paging), streamed as a workbook. */
  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: NoticeListQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `通知清单-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '通知', columns: NOTICE_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportNoticesQuery(actor, query, sink)));
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new GetNoticeQuery(actor, id));
  }

  @Post(':id/acknowledge')
  @HttpCode(204)
  async acknowledge(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.commands.execute(new AcknowledgeNoticeCommand(actor, id));
  }
}
