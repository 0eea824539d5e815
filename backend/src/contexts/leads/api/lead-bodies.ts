import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SearchableListParams } from '../../../platform/http/query-params.js';
import { LEAD_RESULTS } from '../domain/lead.js';
import { LEAD_SOURCES } from '../domain/time-limits.js';

// Request shapes of the leads API (contexts/leads/README.md). The pipe checks types; the rules (who,
// which status, the dates, the amounts) are the domain's, each with its own bilingual code.

const DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

export class RegisterLeadBody {
  @ApiProperty({ enum: LEAD_SOURCES }) @IsIn(LEAD_SOURCES as unknown as string[]) source!: string;
  @ApiPropertyOptional({ nullable: true, description: 'the assigning document number, a tip id, …' }) @IsOptional() @IsString() @MaxLength(200) sourceRef?: string | null;
  @ApiProperty({ description: 'the region the lead concerns (GB/T 2260 code), within your area', example: '320102' }) @Matches(/^[0-9]{2,12}$/) regionCode!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) institutionOrgId?: string | null;
  @ApiProperty() @IsString() subject!: string;
  @ApiProperty() @IsString() facts!: string;
  @ApiPropertyOptional({ nullable: true, description: 'yuan, decimal string', example: '12000.50' }) @IsOptional() @IsString() amountInvolved?: string | null;
  @ApiPropertyOptional({ description: "YYYY-MM-DD; absent: the source's time limit" }) @IsOptional() @Matches(DATE) dueDate?: string;
}

export class AssessLeadBody {
  @ApiProperty() @IsBoolean() valuable!: boolean;
  @ApiProperty() @IsString() reasons!: string;
}

export class DecideBody {
  @ApiProperty() @IsBoolean() approve!: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() comment?: string | null;
}

export class AssignLeadBody {
  @ApiProperty({ description: 'a bureau or agency within your area' }) @IsString() @MaxLength(100) toOrgId!: string;
  @ApiPropertyOptional({ description: "YYYY-MM-DD; absent: the source's time limit" }) @IsOptional() @Matches(DATE) dueDate?: string;
}

export class InvestigateLeadBody {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'an agency inspection (线索核查) of an agency within your area; required when the lead names an institution' })
  @IsOptional() @IsString() inspectionId?: string | null;
}

export class CloseLeadBody {
  @ApiProperty({ enum: LEAD_RESULTS }) @IsIn(LEAD_RESULTS as unknown as string[]) result!: string;
  @ApiPropertyOptional({ nullable: true, description: 'yuan, decimal string; only for violation_confirmed' }) @IsOptional() @IsString() confirmedAmount?: string | null;
  @ApiProperty() @IsString() summary!: string;
}

export class CommentBody {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() comment?: string | null;
}

export class ReasonBody {
  @ApiProperty() @IsString() reason!: string;
}

export class ExtensionBody {
  @ApiProperty({ example: '2026-12-31' }) @Matches(DATE) dueDate!: string;
  @ApiProperty() @IsString() reason!: string;
}

/** The shared list parameters (status; the period on the registration date; the region of the holder) and the ledger's own. */
export class LeadsQueryParams extends SearchableListParams {
  @ApiPropertyOptional({ description: 'one source or several, comma-separated' }) @IsOptional() @IsString() @MaxLength(300) source?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: string;
  @ApiPropertyOptional({ description: 'open leads due on or before this day' }) @IsOptional() @Matches(DATE) dueBy?: string;
  @ApiPropertyOptional({ enum: ['held', 'assigned'], description: "held: the leads your unit holds; assigned: those it assigned down" }) @IsOptional() @IsIn(['held', 'assigned']) view?: string;
}
