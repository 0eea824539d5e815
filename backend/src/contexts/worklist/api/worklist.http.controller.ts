import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../kernel/actor.js';
import { CurrentActor } from '../../../platform/auth/decorators.js';
import { Queries } from '../../../platform/cqrs/commands.js';
import { GetTodoQuery } from '../application/queries.js';

/** The to-do centre (issue 16 §1): the home page's cards and the menu's badges. */
@ApiTags('worklist')
@ApiBearerAuth()
@Controller()
export class WorklistHttpController {
  constructor(private readonly queries: Queries) {}

  @Get('todo')
  todo(@CurrentActor() actor: Actor) {
    return this.queries.execute(new GetTodoQuery(actor));
  }
}
