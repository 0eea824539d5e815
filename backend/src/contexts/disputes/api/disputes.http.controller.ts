import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import { DecideDisputeCommand, EscalateDisputeCommand, FileDisputeCommand, WithdrawDisputeCommand } from '../application/commands.js';
import { GetDisputeQuery, ListDisputesQuery, type DisputeDetail } from '../application/queries.js';
import { DecideDisputeBody, DisputesQueryParams, EscalateDisputeBody, FileDisputeBody, WithdrawDisputeBody } from './dispute-bodies.js';

/**
 * docs/api/findings-and-disputes.md, "Disputes". Reading is scoped by row-level security; who may
 * act is the domain's rule (the party: `dispute_not_party`; the current level's bureau:
 * `dispute_not_current_level`), so those routes carry no role list of their own.
 */
@ApiTags('disputes')
@ApiBearerAuth()
@Controller('disputes')
export class DisputesHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: DisputesQueryParams) {
    return this.queries.execute(new ListDisputesQuery(actor, query));
  }

  @Post()
  @Roles('institution_clerk')
  async file(@CurrentActor() actor: Actor, @Body() body: FileDisputeBody): Promise<DisputeDetail> {
    const { id } = await this.commands.execute(new FileDisputeCommand(actor, body));
    return this.detail(actor, id);
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DisputeDetail> {
    return this.queries.execute(new GetDisputeQuery(actor, id));
  }

  @Post(':id/decide')
  @HttpCode(200)
  async decide(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: DecideDisputeBody) {
    await this.commands.execute(new DecideDisputeCommand(actor, id, body.outcome, body.reasoning));
    return this.detail(actor, id);
  }

  @Post(':id/escalate')
  @HttpCode(200)
  async escalate(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: EscalateDisputeBody) {
    await this.commands.execute(new EscalateDisputeCommand(actor, id, body.reasons));
    return this.detail(actor, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  async withdraw(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: WithdrawDisputeBody) {
    await this.commands.execute(new WithdrawDisputeCommand(actor, id, body?.reason ?? null));
    return this.detail(actor, id);
  }
}
