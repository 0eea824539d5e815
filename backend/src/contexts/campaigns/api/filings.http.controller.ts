import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, Max } from 'class-validator';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import { chinaDay, listExportMaxRows, streamListExport } from '../../../platform/http/xlsx-export.js';
import { SearchableListParams } from '../../../platform/http/query-params.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { FILING_KINDS, type FilingKind } from '../domain/campaign-filing.js';
import { FILING_EXPORT_COLUMNS } from './filing-exports.js';
import { AcknowledgeCampaignFilingCommand, ReturnCampaignFilingCommand, SendCampaignFilingCommand } from '../application/filing-commands.js';
import { ExportCampaignFilingsQuery, ListCampaignFilingsQuery, type CampaignFilingView, type FilingListResult } from '../application/filing-queries.js';

export class FilingQueryParams extends SearchableListParams {
  @ApiPropertyOptional({ enum: FILING_KINDS }) @IsOptional() @IsIn(FILING_KINDS as unknown as string[]) kind?: string;
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsString() @MaxLength(100) campaignId?: string;
}

export class SendFilingBody {
  @ApiPropertyOptional({ nullable: true, description: '报送说明' }) @IsOptional() @IsString() note?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'uploaded attachments (the plan or summary documents)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) attachmentIds?: string[];
}

export class ReturnFilingBody {
  @ApiProperty({ description: '退回理由' }) @IsString() reason!: string;
}

/**
 * Campaign plans and summaries filed with the national bureau (contexts/campaigns/README.md): the
 * province sends, the national overseer acknowledges or returns; late filing shown to both.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller()
export class CampaignFilingsHttpController {
  constructor(private readonly commands: Commands, private readonly queries: Queries, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('campaign-filings')
  @Roles('national_overseer', 'province_official', 'leader')
  list(@CurrentActor() actor: Actor, @Query() query: FilingQueryParams): Promise<FilingListResult> {
    return this.queries.execute(new ListCampaignFilingsQuery(actor, query));
  }

  /** The list's rows under the same parameters (without paging), streamed as a workbook (报送台账). */
  @Get('campaign-filings/export.xlsx')
  @Roles('national_overseer', 'province_official', 'leader')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: FilingQueryParams, @Res() res: Response): Promise<void> {
    const file = { filename: `专项治理报送台账-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '报送台账', columns: FILING_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportCampaignFilingsQuery(actor, query, sink)));
  }

  @Post('campaigns/:id/filings/:kind')
  @Roles('province_official')
  async send(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('kind') kind: string, @Body() body: SendFilingBody): Promise<CampaignFilingView> {
    if (!(FILING_KINDS as readonly string[]).includes(kind)) {
      throw DomainError.validation('invalid_request', { zh: `报送类型无效：${kind}`, en: `unknown filing kind: ${kind} (plan, summary)` }, { field: 'kind' });
    }
    await this.commands.execute(new SendCampaignFilingCommand(actor, id, kind as FilingKind, body.note ?? null, body.attachmentIds ?? []));
    return this.one(actor, id, kind);
  }

  @Post('campaign-filings/:id/acknowledge')
  @HttpCode(200)
  @Roles('national_overseer')
  async acknowledge(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CampaignFilingView> {
    await this.commands.execute(new AcknowledgeCampaignFilingCommand(actor, id));
    return this.byFiling(actor, id);
  }

  @Post('campaign-filings/:id/return')
  @HttpCode(200)
  @Roles('national_overseer')
  async returnFiling(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ReturnFilingBody): Promise<CampaignFilingView> {
    await this.commands.execute(new ReturnCampaignFilingCommand(actor, id, body.reason));
    return this.byFiling(actor, id);
  }

  private async one(actor: Actor, campaignId: string, kind: string): Promise<CampaignFilingView> {
    const { items } = await this.queries.execute(new ListCampaignFilingsQuery(actor, { campaignId, kind }));
    return items[0]!;
  }

  private async byFiling(actor: Actor, id: string): Promise<CampaignFilingView> {
    const { items } = await this.queries.execute(new ListCampaignFilingsQuery(actor, { filingId: id }));
    return items[0]!;
  }
}
