import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery, ByIdQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { todoOf, type CountRow, type TodoCount } from '../../../kernel/todo.js';
import { DomainError } from '../../../kernel/errors.js';
import { isoOrNull, isUuid } from '../../../platform/database/sql.js';
import type { NoticeStatus } from '../domain/notice.js';

export interface NoticeView {
  id: string;
  title: string;
  body: string;
  senderOrgId: string;
  senderOrgName: string;
  recipientOrgId: string;
  recipientOrgName: string;
  sentAt: string;
  dueDate: string;
  status: NoticeStatus;
  overdue: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export class ListNoticesQuery extends ActorQuery<{ items: NoticeView[] }> {
  constructor(actor: Actor, readonly box: 'received' | 'sent' | 'all') {
    super(actor);
  }
}

export class GetNoticeQuery extends ByIdQuery<NoticeView> {}

// The read side goes straight to SQL; row-level security scopes it like everything else.
const SELECT = `
  select n.id, n.title, n.body, n.sender_org_id, s.name as sender_org_name, n.recipient_org_id,
         r.name as recipient_org_name, n.sent_at, to_char(n.due_date, 'YYYY-MM-DD') as due_date,
         n.status, n.overdue, n.acknowledged_at, n.acknowledged_by
    from notice n
    join organization s on s.id = n.sender_org_id
    join organization r on r.id = n.recipient_org_id`;

/** A row of SELECT. */
interface NoticeViewRow {
  id: string;
  title: string;
  body: string;
  sender_org_id: string;
  sender_org_name: string;
  recipient_org_id: string;
  recipient_org_name: string;
  sent_at: Date;
  due_date: string;
  status: NoticeStatus;
  overdue: boolean;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

function toView(r: NoticeViewRow): NoticeView {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    senderOrgId: r.sender_org_id,
    // The sender sits at or above the recipient: its name is readable through the chain-of-command policy.
    senderOrgName: r.sender_org_name,
    recipientOrgId: r.recipient_org_id,
    recipientOrgName: r.recipient_org_name,
    sentAt: new Date(r.sent_at).toISOString(),
    dueDate: r.due_date,
    status: r.status,
    overdue: r.overdue,
    acknowledgedAt: isoOrNull(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
  };
}

/** The notices the actor's organization has not acknowledged yet (issue 16 §1), with the nearest due date. */
export class NoticesTodoQuery extends ActorQuery<TodoCount[]> {}

@QueryHandler(NoticesTodoQuery)
export class NoticesTodoHandler implements IQueryHandler<NoticesTodoQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor }: NoticesTodoQuery): Promise<TodoCount[]> {
    const one = async (sql: string, params: unknown[]) => (await this.uow.em.execute<CountRow[]>(sql, params))[0];
    return todoOf('notices_unacknowledged', await one(
      `select count(*)::int as n, to_char(min(due_date), 'YYYY-MM-DD') as due from notice where recipient_org_id = ? and status = 'sent'`, [actor.organizationId]));
  }
}

@QueryHandler(ListNoticesQuery)
export class ListNoticesHandler implements IQueryHandler<ListNoticesQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, box }: ListNoticesQuery) {
    const where = { received: 'where n.recipient_org_id = ?', sent: 'where n.sender_org_id = ?', all: '' }[box];
    const params = box === 'all' ? [] : [actor.organizationId];
    const rows = await this.uow.em.execute<NoticeViewRow[]>(`${SELECT} ${where} order by n.sent_at desc limit 200`, params);
    return { items: rows.map(toView) };
  }
}

@QueryHandler(GetNoticeQuery)
export class GetNoticeHandler implements IQueryHandler<GetNoticeQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ id }: GetNoticeQuery) {
    const rows = isUuid(id)
      ? await this.uow.em.execute<NoticeViewRow[]>(`${SELECT} where n.id = ?`, [id])
      : [];
    if (!rows.length) throw DomainError.notFound({ zh: '通知', en: 'notice' }, id);
    return toView(rows[0]);
  }
}
