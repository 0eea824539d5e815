import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { PageParam, PageSizeParam, SearchableListParams } from '../../../platform/http/query-params.js';
import { CASE_SOURCES } from '../domain/enforcement-case.js';

// Request shapes of the enforcement API (contexts/enforcement/README.md). The pipe checks types; the
// rules (who, which status, how many officers, the amounts) are the domain's, each with its own
// bilingual code.

export class ProposeCaseBody {
  @ApiPropertyOptional({ enum: CASE_SOURCES }) @IsOptional() @IsIn(CASE_SOURCES as unknown as string[]) source?: string;
  @ApiPropertyOptional({ nullable: true, description: 'the lead, inspection or document the case comes from' }) @IsOptional() @IsString() @MaxLength(200) sourceRef?: string | null;
  @ApiProperty({ description: 'the region the case concerns (GB/T 2260 code), within your area', example: '320102' }) @Matches(/^[0-9]{2,12}$/) regionCode!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) institutionOrgId?: string | null;
  @ApiProperty() @IsString() subject!: string;
  @ApiProperty() @IsString() facts!: string;
  @ApiPropertyOptional({ nullable: true, description: 'yuan, decimal string', example: '12000.50' }) @IsOptional() @IsString() amountInvolved?: string | null;
}

export class CaseOfficerBody {
  @ApiProperty() @IsString() @MaxLength(200) userId!: string;
  @ApiProperty() @IsString() @MaxLength(100) name!: string;
}

/** The body of a step (POST /enforcement/cases/:id/<step>): the fields that step reads (README). */
export class CaseStepBody {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() approve?: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() comment?: string | null;
  @ApiPropertyOptional({ type: [CaseOfficerBody] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => CaseOfficerBody) officers?: CaseOfficerBody[];
  @ApiPropertyOptional({ description: 'interview, evidence, inquiry, inspection (records); reconsideration, litigation (remedy)' }) @IsOptional() @IsString() @MaxLength(40) kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() summary?: string;
  @ApiPropertyOptional({ type: [String], description: 'attachments (POST /attachments) with their SHA-256 hashes' }) @IsOptional() @IsArray() @IsString({ each: true }) attachmentIds?: string[];
  @ApiPropertyOptional({ nullable: true, description: 'yuan' }) @IsOptional() @IsString() proposedPenalty?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'yuan' }) @IsOptional() @IsString() proposedRecovery?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() legalBasis?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() statement?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() defence?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() hearingRequested?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() opinion?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) participants?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() minutes?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() conclusion?: string;
  @ApiPropertyOptional({ description: 'yuan' }) @IsOptional() @IsString() penaltyAmount?: string;
  @ApiPropertyOptional({ description: 'yuan' }) @IsOptional() @IsString() recoveryAmount?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) method?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) recipient?: string;
  @ApiPropertyOptional({ description: 'YYYY-MM-DD' }) @IsOptional() @IsString() servedOn?: string;
  @ApiPropertyOptional({ description: 'yuan' }) @IsOptional() @IsString() paidAmount?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() note?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() outcome?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() days?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() reason?: string;
}

export class CasesQueryParams extends SearchableListParams {}

export class PublicDecisionsParams {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @PageParam() page?: number;
  @PageSizeParam() pageSize?: number;
}
