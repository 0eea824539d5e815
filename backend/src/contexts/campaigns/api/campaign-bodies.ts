import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { SearchableListParams, UuidParam, YearParam } from '../../../platform/http/query-params.js';

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
  @ApiPropertyOptional({ enum: ['public', 'private'], nullable: true, description: 'only institutions of this ownership (none: any)' })
  @IsOptional() @IsString() ownership?: string | null;
  @ApiPropertyOptional({ enum: ['tertiary', 'secondary', 'primary'], nullable: true, description: 'only institutions of this level or above (none: any)' })
  @IsOptional() @IsString() minLevel?: string | null;
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

export class AgencyIssueBody {
  @ApiProperty({ description: 'area (seed 003 一(四) for agencies) or free text' }) @IsString() area!: string;
  @ApiProperty() @IsString() description!: string;
  @ApiProperty({ description: 'what the agency did about it' }) @IsString() rectification!: string;
}

export class AgencySelfInspectionBody {
  @ApiProperty({ description: 'how the region self-inspected and what was checked' }) @IsString() report!: string;
  @ApiProperty() @IsInt() institutionsChecked!: number;
  @ApiProperty() @IsInt() problemsFound!: number;
  @ApiProperty({ description: 'yuan, ≤ 2 decimals' }) @IsNumber() problemAmount!: number;
  @ApiProperty({ description: 'yuan refunded in the region, ≤ 2 decimals' }) @IsNumber() refundedAmount!: number;
  @ApiProperty({ type: [AgencyIssueBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => AgencyIssueBody) issues!: AgencyIssueBody[];
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) attachmentIds!: string[];
}

export class RefundBody {
  @ApiProperty({ description: 'the refund reached the fund (退回资金已核实到账)' }) @IsBoolean() confirmed!: boolean;
  @ApiPropertyOptional({ description: 'yuan verified, ≤ 2 decimals; required when confirmed' }) @IsOptional() @IsNumber() amount?: number;
}

export class VerifyBody {
  @ApiPropertyOptional() @IsOptional() @IsString() comment?: string;
  @ApiPropertyOptional({ type: RefundBody, description: 'the refund verified, if known' }) @IsOptional() @IsObject() @ValidateNested() @Type(() => RefundBody) refund?: RefundBody;
}

export class ReturnBody {
  @ApiProperty({ description: 'what the institution must correct or add' }) @IsString() comment!: string;
}

/** The agencies' own tasks' list and its export.xlsx: the shared list parameters (q: the agency) and the campaign. */
export class AgencyTaskListQuery extends SearchableListParams {
  @UuidParam() campaignId?: string;
}

export class CampaignListQuery {
  @YearParam() year?: number;
}

export class DefaultsQuery {
  @YearParam({ required: true }) year!: number;
}

export class MissingQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() cityCode?: string;
}

/** The self-inspection tasks' list and its export.xlsx: the shared list parameters (status: pending, draft, submitted, missing) and the list's own. */
export class TaskListQuery extends SearchableListParams {
  @UuidParam() campaignId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cityCode?: string;
  @ApiPropertyOptional({ enum: ['hospital', 'pharmacy', 'clinic'] }) @IsOptional() @IsString() kind?: string;
  @ApiPropertyOptional({ description: 'review state of submitted reports: awaiting, verified, returned (comma-separated)' }) @IsOptional() @IsString() review?: string;
  @ApiPropertyOptional({ description: 'true: only the institutions the calling agency handles' }) @IsOptional() @IsIn(['true', 'false']) handledByMe?: string;
}
