import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { SearchableListParams, YearParam } from '../../../platform/http/query-params.js';

// Request shapes of docs/api/internal-control-audits.md. The pipe checks types and structure; the
// rules (areas, dates, teams, transitions) are the domain's, each with its own bilingual error.

export class ChecklistItemBody {
  @ApiProperty({ example: 'PR-01' }) @IsString() code!: string;
  @ApiProperty({ enum: ['management_rules', 'systems', 'segregation_of_duties', 'violations_handled', 'payment_records'] }) @IsString() area!: string;
  @ApiProperty() @IsString() text!: string;
  @ApiProperty() @IsString() guidance!: string;
}

export class UpdateChecklistBody {
  @ApiProperty({ type: [ChecklistItemBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ChecklistItemBody) items!: ChecklistItemBody[];
}

export class CreatePlanBody {
  @ApiProperty() @IsInt() year!: number;
  @ApiProperty() @IsString() title!: string;
  @ApiProperty({ example: '2026-03-01' }) @IsString() periodStart!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsString() periodEnd!: string;
}

export class ScheduleBody {
  @ApiProperty() @IsString() noticeDate!: string;
  @ApiProperty() @IsString() selfAssessmentDue!: string;
  @ApiProperty() @IsString() fieldworkStart!: string;
  @ApiProperty() @IsString() fieldworkEnd!: string;
  @ApiProperty({ type: [String], description: '≥2 inspectors; empty to draw the team later (plan audits only)' })
  @IsArray() @IsString({ each: true }) teamInspectorIds!: string[];
}

export class AddAuditBody extends ScheduleBody {
  @ApiProperty({ example: 'agency-320102' }) @IsString() agencyId!: string;
}

export class DrawTeamsBody {
  @ApiProperty({ minimum: 2 }) @IsInt() teamSize!: number;
}

export class EmptyBody {}

export class IcYearQuery {
  @YearParam() year?: number;
}

/** The audits' list and its export.xlsx: the shared list parameters (q: the audited agency) and the year. */
export class IcAuditListQuery extends SearchableListParams {
  @YearParam({ description: 'the audit plan year; the current year in China by default' }) year?: number;
}

export class AnswerBody {
  @ApiProperty() @IsString() itemCode!: string;
  @ApiProperty({ enum: ['compliant', 'deficient', 'not_applicable'] }) @IsString() answer!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() note?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) attachmentIds?: string[];
}

export class SelfAssessmentBody {
  @ApiProperty({ type: [AnswerBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => AnswerBody) answers!: AnswerBody[];
  @ApiProperty() @IsBoolean() submit!: boolean;
}

export class StaffBody {
  @ApiProperty() @IsString() personId!: string;
  @ApiProperty() @IsString() personName!: string;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) posts!: string[];
}

export class StaffPostsBody {
  @ApiProperty({ type: [StaffBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => StaffBody) staff!: StaffBody[];
}

export class ResultBody {
  @ApiProperty() @IsString() itemCode!: string;
  @ApiProperty({ enum: ['compliant', 'deficient', 'not_applicable'] }) @IsString() result!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() note?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) attachmentIds?: string[];
}

export class ResultsBody {
  @ApiProperty({ type: [ResultBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ResultBody) results!: ResultBody[];
}

export class IcFindingBody {
  @ApiProperty() @IsString() area!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() itemCode?: string;
  @ApiProperty() @IsString() description!: string;
  @ApiProperty() @IsString() rectificationDue!: string;
}

export class FindingsBody {
  @ApiProperty({ type: [IcFindingBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => IcFindingBody) findings!: IcFindingBody[];
}

export class IcRectificationBody {
  @ApiProperty() @IsString() plan!: string;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) evidenceAttachmentIds!: string[];
}

export class IcVerifyBody {
  @ApiProperty() @IsBoolean() accepted!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() comment?: string;
}
