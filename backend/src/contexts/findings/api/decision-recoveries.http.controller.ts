import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsArray, IsNumber, IsOptional, IsString } from 'class-validator';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import { GetDecisionRecoveriesQuery, RecordRecoveryCommand, type DecisionRecoveriesView } from '../application/recoveries.js';

/** An amount actually recovered: the pipe checks the types; the rules (remaining amount, date, method) are the domain's. */
export class RecoveryBody {
  @ApiProperty({ example: 1200.5, description: 'yuan, > 0, at most 2 decimals, at most what remains of the confirmed amount' }) @IsNumber() amount!: number;
  @ApiProperty({ example: '2026-12-01', description: 'the day deducted or repaid: not in the future, not before the decision took effect' })
  @IsString() recoveredOn!: string;
  @ApiProperty({ enum: ['deduction', 'repayment'], description: '扣减 (deducted from settlement) or 退回 (repaid by the institution)' }) @IsString() method!: string;
  @ApiPropertyOptional({ type: [String], description: "evidence: the agency's own uploads" }) @IsOptional() @IsArray() @IsString({ each: true }) attachmentIds?: string[];
}

/** docs/api/findings-and-disputes.md, "Handling decisions": the amounts actually recovered (issue 16). */
@ApiTags('findings')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionRecoveriesHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
  ) {}

  @Get(':id/recoveries')
  list(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DecisionRecoveriesView> {
    return this.queries.execute(new GetDecisionRecoveriesQuery(actor, id));
  }

  /** The handling agency records a deduction or repayment; answers the decision's recoveries. */
  @Post(':id/recoveries')
  @Roles('county_staff', 'city_agency_staff')
  async record(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: RecoveryBody): Promise<DecisionRecoveriesView> {
    await this.commands.execute(new RecordRecoveryCommand(actor, id, body));
    return this.list(actor, id);
  }
}
