import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNumber, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';

// Request shapes of docs/api/campaigns-and-spot-checks.md. The pipe checks types and structure; the
// rules (focus areas, calendar, phases) are the domain's, each with its own bilingual error.

export class FocusAreaBody {
  @ApiPropertyOptional({ example: 'pharmacy_card_misuse' }) @IsOptional() @IsString() code?: string | null;
  @ApiPropertyOptional({ description: 'free text when no code' }) @IsOptional() @IsString() text?: string | null;
}

export class CalendarBody {
  @ApiPropertyOptional({ example: '2027-03-31' }) @IsOptional() @IsString() planFiledBy?: string;
  @ApiPropertyOptional({ example: '2027-04-01' }) @IsOptional() @IsString() selfInspectionStart?: string;
  @ApiPropertyOptional({ example: '2027-08-31' }) @IsOptional() @IsString() selfInspectionEnd?: string;
  @ApiPropertyOptional({ example: '2027-09-01' }) @IsOptional() @IsString() spotCheckStart?: string;
  @ApiPropertyOptional({ example: '2027-10-31' }) @IsOptional() @IsString() spotCheckEnd?: string;
  @ApiPropertyOptional({ example: '2027-11-30' }) @IsOptional() @IsString() summaryDue?: string;
}

export class CampaignBody {
  @ApiProperty({ example: 2027 }) @IsInt() year!: number;
  @ApiProperty() @IsString() title!: string;
  @ApiProperty({ type: [FocusAreaBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => FocusAreaBody) focusAreas!: FocusAreaBody[];
  @ApiPropertyOptional({ type: [String], description: 'default: every city of the province' }) @IsOptional() @IsArray() @IsString({ each: true }) cityCodes?: string[];
  @ApiProperty({ type: [String], enum: ['hospital', 'pharmacy', 'clinic'] }) @IsArray() @IsString({ each: true }) institutionKinds!: string[];
  @ApiPropertyOptional({ type: CalendarBody }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CalendarBody) calendar?: CalendarBody;
}

export class SummaryBody {
  @ApiPropertyOptional() @IsOptional() @IsString() comment?: string;
}

export class IssueBody {
  @ApiProperty() @IsString() focus!: string;
  @ApiProperty() @IsString() description!: string;
  @ApiProperty({ description: 'yuan, ≤ 2 decimals' }) @IsNumber() amount!: number;
}

export class SelfInspectionBody {
  @ApiProperty() @IsString() report!: string;
  @ApiProperty({ description: 'yuan, ≤ 2 decimals' }) @IsNumber() refundedAmount!: number;
  @ApiProperty({ type: [IssueBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => IssueBody) issues!: IssueBody[];
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) attachmentIds!: string[];
}

export class CampaignListQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() year?: number;
}

export class DefaultsQuery {
  @ApiProperty() @Type(() => Number) @IsInt() year!: number;
}

export class MissingQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() cityCode?: string;
}

export class TaskListQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() campaignId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cityCode?: string;
  @ApiPropertyOptional({ enum: ['pending', 'draft', 'submitted', 'missing'] }) @IsOptional() @IsString() status?: string;
  @ApiPropertyOptional({ enum: ['hospital', 'pharmacy', 'clinic'] }) @IsOptional() @IsString() kind?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() page?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() pageSize?: number;
}
