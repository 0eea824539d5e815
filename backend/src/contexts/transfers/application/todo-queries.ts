import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { hasRole, type Actor } from '../../../kernel/actor.js';
import { levelOfPath } from '../../../kernel/region-path.js';
import { todoOfOne, type CountOneRow, type TodoCount } from '../../../kernel/todo.js';
import { ActorQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';

/** A returned transfer stays on the agency's list this many calendar days (unless it transferred the source again). */
export const RETURNED_TODO_DAYS = 30;

/**
 * The transfers' and major-case reports' to-dos (worklist, issue 18): the bureau's transfers received
 * and not yet answered and its major-case reports to write; the agency's transfers awaiting its
 * supplement (by the bureau's deadline) or returned; the province's reports to check and send; the
 * national overseer's reports to acknowledge.
 */
export class TransfersTodoQuery extends ActorQuery<TodoCount[]> {}

const STAFF = ['county_staff', 'city_agency_staff', 'province_official'] as const;

@QueryHandler(TransfersTodoQuery)
export class TransfersTodoHandler implements IQueryHandler<TransfersTodoQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  private async one(sql: string, params: unknown[]): Promise<CountOneRow | undefined> {
    return (await this.uow.em.execute<CountOneRow[]>(sql, params))[0];
  }

  async execute({ actor }: TransfersTodoQuery): Promise<TodoCount[]> {
    const todos: TodoCount[] = [];
    if (hasRole(actor, 'national_overseer')) {
      todos.push(...todoOfOne('major_case_reports_to_acknowledge', await this.one(
        `select count(*)::int as n, null as due, min(id::text) as one from major_case_report where status = 'sent'`, [])));
    }
    if (actor.organizationKind === 'bureau' && hasRole(actor, ...STAFF)) {
      todos.push(...todoOfOne('transfers_to_answer', await this.one(
        `select count(*)::int as n, null as due, min(id::text) as one from transfer where to_org_id = ? and status = 'sent'`, [actor.organizationId])));
      todos.push(...todoOfOne('major_case_reports_to_write', await this.one(
        `select count(*)::int as n, to_char(min(due_date), 'YYYY-MM-DD') as due, min(id::text) as one
           from major_case_report where owner_org_id = ? and status = 'open'`, [actor.organizationId])));
      if (hasRole(actor, 'province_official') && levelOfPath(actor.regionPath) === 'province') {
        todos.push(...todoOfOne('major_case_reports_to_send', await this.one(
          `select count(*)::int as n, to_char(min(due_date), 'YYYY-MM-DD') as due, min(id::text) as one
             from major_case_report where starts_with(region_path, ?) and status = 'submitted'`, [actor.regionPath])));
      }
    }
    if (actor.organizationKind === 'agency') {
      todos.push(...todoOfOne('transfers_to_supplement', await this.one(
        `select count(*)::int as n, min(supplement->>'dueDate') as due, min(id::text) as one
           from transfer where owner_org_id = ? and status = 'supplement_requested'`, [actor.organizationId])));
      // Returned: until the agency transfers the same source again, for RETURNED_TODO_DAYS after the return.
      todos.push(...todoOfOne('transfers_returned', await this.one(
        `select count(*)::int as n, null as due, min(t.id::text) as one from transfer t
          where t.owner_org_id = ? and t.status = 'returned' and t.decided_at > now() - make_interval(days => ?)
            and not exists (select 1 from transfer n where n.owner_org_id = t.owner_org_id and n.source_kind = t.source_kind
                              and n.source_id = t.source_id and n.sent_at > t.sent_at)`, [actor.organizationId, RETURNED_TODO_DAYS])));
    }
    return todos;
  }
}
