import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsNumber, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { SearchableListParams } from '../../../platform/http/query-params.js';

// Request shapes of the tips (docs/api/tips.md). The pipe checks types; the rules are the domain's,
// whose bilingual errors name the field and never repeat a reporter's value.

export class ReporterBody {
  @ApiPropertyOptional({ description: 'real name, 1–50 characters' }) @IsOptional() @IsString() name?: string;
  @ApiPropertyOptional({ description: 'phone, 5–20 digits' }) @IsOptional() @IsString() phone?: string;
  @ApiPropertyOptional({ description: 'ID number (18 characters), optional' }) @IsOptional() @IsString() idNumber?: string;
}

/** A tip from the public page, with its solved proof of work. */
export class SubmitTipBody {
  @ApiProperty({ description: 'the challenge of GET /public/tips/challenge' }) @IsString() @MaxLength(4096) challenge!: string;
  @ApiProperty({ description: 'a nonce such that SHA-256(challenge ":" nonce) starts with the challenge\'s zero bits' }) @IsString() @MaxLength(64) nonce!: string;
  @ApiProperty({ description: 'true: no reporter details are given' }) @IsBoolean() anonymous!: boolean;
  @ApiPropertyOptional({ type: ReporterBody, description: 'required unless anonymous; encrypted at rest' }) @IsOptional() @IsObject() reporter?: ReporterBody;
  @ApiPropertyOptional({ description: 'the designated institution reported (GET /public/tips/institutions)' }) @IsOptional() @IsString() @MaxLength(64) institutionOrgId?: string;
  @ApiPropertyOptional({ description: 'the person reported (when not, or not only, an institution)' }) @IsOptional() @IsString() personReported?: string;
  @ApiPropertyOptional({ description: 'the region of a person reported without an institution (GB/T 2260 code)' }) @IsOptional() @IsString() @MaxLength(12) regionCode?: string;
  @ApiProperty({ description: 'what happened, 10–5000 characters' }) @IsString() facts!: string;
  @ApiPropertyOptional({ description: 'when (YYYY-MM-DD), not after today' }) @IsOptional() @IsString() happenedOn?: string;
  @ApiPropertyOptional({ description: 'amount involved, yuan' }) @IsOptional() @IsNumber() amountInvolved?: number;
  @ApiPropertyOptional({ type: [String], description: 'tokens of POST /public/tips/evidence (at most 10)' }) @IsOptional() @IsArray() @IsString({ each: true }) evidence?: string[];
}

export class ReceiptBody {
  @ApiProperty({ description: 'the 16-digit receipt code' }) @IsString() @MaxLength(64) receipt!: string;
}

export class ReceiptAnswerBody extends ReceiptBody {
  @ApiProperty() @IsString() @MaxLength(64) questionId!: string;
  @ApiProperty({ description: '1–5000 characters' }) @IsString() answer!: string;
}

export class PayeeBody {
  @ApiProperty() @IsString() name!: string;
  @ApiProperty({ description: 'bank account or other payment account' }) @IsString() account!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() bank?: string;
}

export class RewardClaimBody extends ReceiptBody {
  @ApiProperty({ type: PayeeBody, description: 'where to pay the reward; encrypted at rest' }) @IsObject() payee!: PayeeBody;
}

export class InstitutionLookupQuery {
  @ApiProperty({ description: 'institution name contains (2+ characters) or code equals' }) @IsString() @MaxLength(50) q!: string;
}

/** The shared list parameters (the period on the date received); statuses received, accepted, rejected. */
export class TipListQuery extends SearchableListParams {}

export class TipAcceptBody {
  @ApiPropertyOptional({ description: 'optional comment' }) @IsOptional() @IsString() comment?: string;
}

export class TipRejectBody {
  @ApiProperty({ description: 'why it is not accepted (shown to the reporter), 2–1000 characters' }) @IsString() reason!: string;
}

export class TipQuestionBody {
  @ApiProperty({ description: '2–1000 characters; the reporter answers on the receipt page' }) @IsString() question!: string;
}

export class ReporterReadingBody {
  @ApiProperty({ description: 'the stated reason, 4–500 characters, recorded in the audit trail' }) @IsString() reason!: string;
}

export class RewardPaymentBody {
  @ApiProperty({ example: '2026-12-01' }) @IsString() paidOn!: string;
  @ApiProperty({ description: 'payment voucher or transfer reference' }) @IsString() reference!: string;
}
