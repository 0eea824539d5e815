import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString } from 'class-validator';
import { SearchableListParams } from '../../../platform/http/query-params.js';

// Request shapes of docs/api/findings-and-disputes.md. The pipe checks types and structure; the
// rules (deadlines, reasons, measures, amounts, attachments) are the domain's, each with its own
// bilingual error code.

export class AppealBody {
  @ApiProperty({ description: 'required, at most 2000 characters' }) @IsOptional() @IsString() reasons?: string;
  @ApiProperty({ type: [String], description: "the institution's own uploads" }) @IsOptional() @IsArray() @IsString({ each: true }) attachmentIds?: string[];
}

export class AppealReviewBody {
  @ApiProperty({ enum: ['upheld', 'rejected'] }) @IsString() outcome!: string;
  @ApiProperty() @IsString() comment!: string;
}

/** The shared list parameters (q, regionCode, status, from/to on the date raised, sort, paging) and the findings' own. */
export class FindingListQuery extends SearchableListParams {
  @ApiPropertyOptional() @IsOptional() @IsString() institutionId?: string;
  @ApiPropertyOptional({ description: 'the inspection' }) @IsOptional() @IsString() sourceId?: string;
  @ApiPropertyOptional({ description: "the reader's queue: the institution's findings to answer; the agency's appeals to review and findings to decide on" })
  @IsOptional() @Transform(({ value }) => value === true || value === 'true' || value === '1') @IsBoolean() queue?: boolean;
}

export class DecisionBody {
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) findingIds!: string[];
  @ApiProperty({ description: 'Measure[]: { kind, amount?, clinicianName?, rectificationDue? }', type: 'array', items: { type: 'object' } })
  @IsArray() @IsObject({ each: true }) measures!: Record<string, unknown>[];
  @ApiProperty({ description: 'agreement clause and reasoning' }) @IsString() basis!: string;
}

/** The shared list parameters (the period on the date decided) and the decisions' own. */
export class DecisionListQuery extends SearchableListParams {
  @ApiPropertyOptional() @IsOptional() @IsString() institutionId?: string;
}

export class LegalReviewBody {
  @ApiProperty() @IsBoolean() approved!: boolean;
  @ApiPropertyOptional({ description: 'required when refusing' }) @IsOptional() @IsString() comment?: string;
}

export class RectificationBody {
  @ApiProperty() @IsString() report!: string;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) attachmentIds!: string[];
}

export class RectificationReviewBody {
  @ApiProperty() @IsBoolean() accepted!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() comment?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'when not accepted: the new rectification deadline (after today)' })
  @IsOptional() @IsString() due?: string;
  @ApiPropertyOptional({ description: 'the same as `due` (the name the measures use)' }) @IsOptional() @IsString() rectificationDue?: string;
}
