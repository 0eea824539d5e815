import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsArray, IsBoolean, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { PageParam, PageSizeParam, SearchableListParams, UuidParam, YearParam } from '../../../platform/http/query-params.js';

// Request shapes of docs/api/campaigns-and-spot-checks.md. The pipe checks types and structure; the
// rules (ratios, witnesses, commitments, checklist, amounts) are the domain's, each with its own
// bilingual error code.

export class ParametersBody {
  @ApiPropertyOptional({ minimum: 0.1, maximum: 1, example: 0.1 }) @IsOptional() @IsNumber() defaultRatio?: number;
  @ApiPropertyOptional({ description: 'per stratum `${kind}/${level}`, each 0.10–1', example: { 'hospital/tertiary': 0.3 } })
  @IsOptional() @IsObject() ratios?: Record<string, number>;
  @ApiPropertyOptional({ minimum: 2, maximum: 5, example: 2 }) @IsOptional() @IsNumber() teamSize?: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() riskWeighted?: boolean;
}

export class WitnessBody {
  @ApiProperty({ example: '张三（市纪委监委驻局纪检监察组）' }) @IsString() name!: string;
}

export class CreateSpotCheckBody {
  @ApiProperty({ example: 2026 }) @IsInt() year!: number;
  @ApiProperty() @IsString() title!: string;
  @UuidParam() campaignId?: string;
  @ApiPropertyOptional({ type: [String], description: 'default: every city of the province' }) @IsOptional() @IsArray() @IsString({ each: true }) cityCodes?: string[];
  @ApiPropertyOptional({ type: [String], enum: ['hospital', 'pharmacy', 'clinic'] }) @IsOptional() @IsArray() @IsString({ each: true }) institutionKinds?: string[];
  @ApiPropertyOptional({ type: ParametersBody }) @IsOptional() @ValidateNested() @Type(() => ParametersBody) parameters?: ParametersBody;
  @ApiPropertyOptional({ example: '2026-10-31', description: 'default: 60 days from today' }) @IsOptional() @IsString() dueDate?: string;
  @ApiProperty({ type: [WitnessBody], description: '1–5 witnesses' }) @IsArray() @ValidateNested({ each: true }) @Type(() => WitnessBody) witnesses!: WitnessBody[];
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() beaconRequired?: boolean;
}

export class CommitBody {
  @ApiProperty({ type: [String], description: "sha256 hex of each witness's secret, in witness order" })
  @IsArray() @IsString({ each: true }) witnessCommitments!: string[];
}

export class DrawBody {
  @ApiProperty({ type: [String], description: "each witness's secret, in witness order" }) @IsArray() @IsString({ each: true }) witnessSecrets!: string[];
  @ApiPropertyOptional({ description: 'public randomness beacon (required when the spot-check says so)' }) @IsOptional() @IsString() beacon?: string;
}

export class ChecklistEntryBody {
  @ApiProperty() @IsString() item!: string;
  @ApiProperty({ enum: ['compliant', 'deficient', 'not_applicable'] }) @IsString() result!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() note?: string | null;
}

export class FindingBody {
  @ApiProperty() @IsOptional() @IsString() type?: string;
  @ApiProperty() @IsOptional() @IsString() description?: string;
  @ApiProperty({ description: 'yuan, ≥ 0, at most 2 decimals' }) @IsNumber() amount!: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() clinicianName?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) attachmentIds?: string[];
}

export class InterviewBody {
  @ApiProperty({ description: '被询问人' }) @IsString() person!: string;
  @ApiProperty({ description: "the person's role, e.g. 住院部主任" }) @IsString() role!: string;
  @ApiProperty({ example: '2026-09-15' }) @IsString() heldOn!: string;
  @ApiProperty({ description: '询问内容（问答）' }) @IsString() content!: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) attachmentIds?: string[];
}

export class RecordInspectionBody {
  @ApiProperty({ example: '2026-09-15' }) @IsString() inspectedOn!: string;
  @ApiPropertyOptional({ type: [InterviewBody], description: '询问笔录 (interview records)' })
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => InterviewBody) interviews?: InterviewBody[];
  @ApiProperty({ type: [ChecklistEntryBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ChecklistEntryBody) checklist!: ChecklistEntryBody[];
  @ApiProperty({ type: [FindingBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => FindingBody) findings!: FindingBody[];
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) attachmentIds!: string[];
}

/** The spot-checks' list: the shared parameters (issue 16 §2; `q`: the spot-checks that drew the institution, `regionCode`: those covering the region, the period: created) and the year. */
export class SpotCheckListQuery extends SearchableListParams {
  @YearParam() year?: number;
}

/** The inspections' list: the shared parameters (issue 16 §2; the period: assigned or scheduled; status: assigned, recorded, sent, comma-separated) and its own filters. */
export class InspectionsQuery extends SearchableListParams {
  @UuidParam() spotCheckId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cityCode?: string;
  @ApiPropertyOptional({ enum: ['spot_check', 'agency', 'flight'] }) @IsOptional() @IsString() origin?: string;
  @ApiPropertyOptional({ description: 'the inspecting agency' }) @IsOptional() @IsString() agencyId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() institutionId?: string;
  @ApiPropertyOptional({ enum: ['true'], description: 'only inspections flagged overdue and not sent' }) @IsOptional() @IsString() overdue?: string;
}

export class CoverageQueryParams {
  @YearParam() year?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 12 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(12) month?: number;
}

export class ScheduleInspectionBody {
  @ApiProperty() @IsString() institutionId!: string;
  @ApiPropertyOptional({ enum: ['routine', 'targeted', 'follow_up', 'lead', 'complaint'], default: 'routine' }) @IsOptional() @IsString() inspectionType?: string;
  @ApiPropertyOptional({ enum: ['on_site', 'data_review'], default: 'on_site' }) @IsOptional() @IsString() method?: string;
  @ApiPropertyOptional({ default: true, description: 'false: unannounced (突击检查); the institution is not told beforehand' }) @IsOptional() @IsBoolean() announced?: boolean;
  @ApiProperty({ example: '2026-12-15' }) @IsString() plannedOn!: string;
  @ApiProperty({ type: [String], description: '2–6 inspectors of your agency' }) @IsArray() @IsString({ each: true }) teamInspectorIds!: string[];
  @ApiPropertyOptional({ type: [String], description: 'extra checklist items (a lead or complaint)' }) @IsOptional() @IsArray() @IsString({ each: true }) focusItems?: string[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() basis?: string | null;
}

export class ScheduleFromWorklistBody {
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) institutionIds!: string[];
  @ApiProperty({ example: '2026-12-15' }) @IsString() plannedOn!: string;
  @ApiPropertyOptional({ enum: ['routine', 'targeted', 'follow_up', 'lead', 'complaint'], default: 'routine' }) @IsOptional() @IsString() inspectionType?: string;
  @ApiPropertyOptional({ enum: ['on_site', 'data_review'], default: 'on_site' }) @IsOptional() @IsString() method?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() announced?: boolean;
}

export class WorklistQueryParams {
  @ApiPropertyOptional({ example: '2026-12', description: 'the month (China time); this month by default' }) @IsOptional() @IsString() month?: string;
}

// Document requests (调取资料): the fields are checked by the domain, each with its own code and details.field.
export class RequestDocumentsBody {
  @ApiProperty({ description: 'the documents asked for, 1–2000 characters', example: '2026年10月至11月住院病历（含医嘱、护理记录）；同期药品进销存台账' }) @Allow() items?: unknown;
  @ApiProperty({ example: '2026-12-20', description: 'after today and at most 60 days ahead (China dates)' }) @Allow() dueDate?: unknown;
}

export class AnswerDocumentRequestBody {
  @ApiProperty({ description: '1–2000 characters' }) @Allow() answer?: unknown;
  @ApiPropertyOptional({ type: [String], description: "the institution's own uploads (POST /api/attachments), at most 50" }) @Allow() attachmentIds?: unknown;
}

export class DocumentRequestsQueryParams {
  @ApiPropertyOptional({ enum: ['requested', 'answered'] }) @IsOptional() @IsString() status?: string;
  @PageParam() page?: number;
  @PageSizeParam() pageSize?: number;
}

export class TeamCandidatesParams {
  @ApiProperty({ description: 'the institution to inspect (recusal is judged against it)' }) @IsString() institutionId!: string;
  @YearParam({ description: "the planned year (last year's inspections recuse); this year by default" }) year?: number;
}
