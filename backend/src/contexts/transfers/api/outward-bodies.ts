import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SearchableListParams } from '../../../platform/http/query-params.js';
import { RECIPIENT_KINDS } from '../domain/outward.js';
import { TransferMaterialBody } from './transfer-bodies.js';

const DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

export class OutwardTransferBody {
  @ApiProperty({ format: 'uuid', description: 'the enforcement case' }) @IsString() @MaxLength(100) caseId!: string;
  @ApiProperty({ enum: RECIPIENT_KINDS }) @IsIn(RECIPIENT_KINDS as unknown as string[]) recipientKind!: string;
  @ApiProperty() @IsString() @MaxLength(200) recipientName!: string;
  @ApiProperty({ example: '2026-12-07' }) @Matches(DATE) noticeDate!: string;
  @ApiProperty({ type: [TransferMaterialBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => TransferMaterialBody) materials!: TransferMaterialBody[];
  @ApiPropertyOptional({ nullable: true, description: 'yuan, decimal string' }) @IsOptional() @IsString() amountInvolved?: string | null;
}

export class OutwardReceiptBody {
  @ApiProperty({ example: '2026-12-07' }) @Matches(DATE) receiptAt!: string;
}

export class OutwardResultBody {
  @ApiProperty() @IsString() result!: string;
  @ApiProperty({ example: '2026-12-07' }) @Matches(DATE) resultAt!: string;
}

export class OutwardQueryParams extends SearchableListParams {
  @ApiPropertyOptional({ description: 'one recipient kind or several, comma-separated' }) @IsOptional() @IsString() @MaxLength(200) recipientKind?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsString() @MaxLength(100) caseId?: string;
}

export class OpenReportBody {
  @ApiProperty({ format: 'uuid' }) @IsString() @MaxLength(100) caseId!: string;
  @ApiPropertyOptional({ description: 'the day of the closure or transfer (default today)' }) @IsOptional() @Matches(DATE) on?: string;
}

export class SubmitReportBody {
  @ApiProperty({ description: '案件发现经过' }) @IsString() discovery!: string;
  @ApiProperty({ description: '违法违规事实' }) @IsString() facts!: string;
  @ApiProperty({ description: '处理结果' }) @IsString() result!: string;
  @ApiProperty({ description: '处理依据' }) @IsString() basis!: string;
}

export class ReportQueryParams extends SearchableListParams {
  @ApiPropertyOptional({ enum: ['inbox'], description: "inbox: the reports sent by the provinces, and the overdue ones" }) @IsOptional() @IsIn(['inbox']) view?: string;
}
