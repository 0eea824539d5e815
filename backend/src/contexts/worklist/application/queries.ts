import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery } from '../../../platform/cqrs/actor-command.js';
import type { TodoCount } from '../../../kernel/todo.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { PlansTodoQuery } from '../../annual-plans/index.js';
import { CampaignsTodoQuery } from '../../campaigns/index.js';
import { DisputesTodoQuery } from '../../disputes/index.js';
import { FindingsTodoQuery } from '../../findings/index.js';
import { IcTodoQuery } from '../../internal-control/index.js';
import { MonthlyReportsTodoQuery } from '../../monthly-reports/index.js';
import { NoticesTodoQuery } from '../../notices/index.js';
import { DocumentRequestsTodoQuery } from '../../spot-checks/index.js';
import { TipsTodoQuery } from '../../tips/index.js';
import { TransfersTodoQuery } from '../../transfers/index.js';
import { byUrgency, linkOf, workingDaysBetween, type Todo } from '../domain/todo.js';

/** The actor's to-do centre (issue 16 §1): every queue with items waiting for them. */
export class GetTodoQuery extends ActorQuery<Todo> {}

@QueryHandler(GetTodoQuery)
export class GetTodoHandler implements IQueryHandler<GetTodoQuery> {
  constructor(private readonly queryBus: QueryBus) {}

  async execute({ actor }: GetTodoQuery): Promise<Todo> {
    // Each owning context counts its own queue in this unit of work (one transaction, the actor's scope);
    // one after another, as the statements share the transaction's connection.
    const counts: TodoCount[] = [];
    for (const query of [
      new FindingsTodoQuery(actor), new DisputesTodoQuery(actor), new PlansTodoQuery(actor), new CampaignsTodoQuery(actor),
      new DocumentRequestsTodoQuery(actor), new MonthlyReportsTodoQuery(actor), new IcTodoQuery(actor), new NoticesTodoQuery(actor),
      new TipsTodoQuery(actor), new TransfersTodoQuery(actor),
    ]) {
      counts.push(...await this.queryBus.execute(query));
    }
    const today = chinaDateOf(new Date());
    const items = counts.map((c) => ({
      kind: c.kind, count: c.count, nextDeadline: c.nextDeadline,
      workingDaysLeft: c.nextDeadline ? workingDaysBetween(today, c.nextDeadline, actor.regionPath) : null,
      link: linkOf(actor, c),
    }));
    return { today, items: items.sort(byUrgency) };
  }
}

export const WORKLIST_QUERY_HANDLERS = [GetTodoHandler];
