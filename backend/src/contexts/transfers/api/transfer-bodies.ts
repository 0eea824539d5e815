import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SearchableListParams } from '../../../platform/http/query-params.js';
import { MATERIAL_KINDS, TRANSFER_SOURCES } from '../domain/transfer.js';

// Request shapes of the transfers API (contexts/transfers/README.md). The pipe checks types; the rules
// are the domain's, each with its own bilingual code.

const DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

export class TransferMaterialBody {
  @ApiProperty({ enum: MATERIAL_KINDS }) @IsIn(MATERIAL_KINDS as unknown as string[]) kind!: string;
  @ApiProperty({ description: 'the record\'s id or document number' }) @IsString() @MaxLength(200) ref!: string;
  @ApiProperty() @IsString() @MaxLength(200) title!: string;
}

export class SendTransferBody {
  @ApiProperty({ enum: TRANSFER_SOURCES }) @IsIn(TRANSFER_SOURCES as unknown as string[]) sourceKind!: string;
  @ApiProperty({ description: 'the finding\'s, decision\'s or lead\'s id' }) @IsString() @MaxLength(100) sourceId!: string;
  @ApiProperty() @IsString() @MaxLength(100) institutionOrgId!: string;
  @ApiProperty() @IsString() subject!: string;
  @ApiProperty() @IsString() facts!: string;
  @ApiPropertyOptional({ nullable: true, description: 'yuan, decimal string', example: '620000.00' }) @IsOptional() @IsString() amountInvolved?: string | null;
  @ApiProperty({ type: [TransferMaterialBody] }) @IsArray() @ValidateNested({ each: true }) @Type(() => TransferMaterialBody) materials!: TransferMaterialBody[];
}

export class TransferCommentBody {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() comment?: string | null;
}

export class TransferSupplementRequestBody {
  @ApiProperty() @IsString() reason!: string;
  @ApiProperty({ example: '2026-12-31' }) @Matches(DATE) dueDate!: string;
}

export class TransferSupplementBody {
  @ApiProperty() @IsString() note!: string;
  @ApiPropertyOptional({ type: [TransferMaterialBody] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => TransferMaterialBody) materials?: TransferMaterialBody[];
}

export class TransferReturnBody {
  @ApiProperty() @IsString() reasons!: string;
}

export class TransfersQueryParams extends SearchableListParams {
  @ApiPropertyOptional({ enum: ['sent', 'received'], description: 'sent: your agency\'s transfers; received: those to your bureau' }) @IsOptional() @IsIn(['sent', 'received']) view?: string;
}
