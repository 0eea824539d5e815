import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString } from 'class-validator';
import { SearchableListParams, UuidParam } from '../../../platform/http/query-params.js';

// Request shapes of docs/api/findings-and-disputes.md, "Disputes". The pipe checks types; the rules
// (who, which status, the windows, required texts) are the domain's, each with its own bilingual code.

export class FileDisputeBody {
  @ApiProperty() @IsString() decisionId!: string;
  @ApiProperty({ enum: ['institution', 'clinician'] }) @IsString() party!: string;
  @ApiPropertyOptional({ nullable: true, description: "required when party is 'clinician': a clinician named in the decision's measures" })
  @IsOptional() @IsString() clinicianName?: string | null;
  @ApiProperty() @IsString() reasons!: string;
  @ApiPropertyOptional({ type: [String], description: "the institution's uploads" }) @IsOptional() @IsArray() @IsString({ each: true }) attachmentIds?: string[];
}

export class DecideDisputeBody {
  @ApiProperty({ enum: ['upheld', 'revised'] }) @IsString() outcome!: string;
  @ApiProperty() @IsString() reasoning!: string;
}

export class EscalateDisputeBody {
  @ApiProperty() @IsString() reasons!: string;
}

export class WithdrawDisputeBody {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() reason?: string | null;
}

/** The shared list parameters (status: open, decided, final, withdrawn, closed; the period on the date filed) and the disputes' own. */
export class DisputesQueryParams extends SearchableListParams {
  @ApiPropertyOptional({ enum: ['county', 'city', 'province'], description: 'the level the dispute is at now' }) @IsOptional() @IsIn(['county', 'city', 'province']) level?: string;
  @UuidParam() decisionId?: string;
}
