import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery, ByIdQuery, ExportQuery, ListQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { todoOf, type CountRow, type TodoCount } from '../../../kernel/todo.js';
import { DomainError } from '../../../kernel/errors.js';
import {
  addListFilters, Conditions, exportListOf, isoOrNull, isUuid, likeContains, listPageOf, statusList,
  type ListParams, type ListStatement, type SortFields,
} from '../../../platform/database/sql.js';
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

export type NoticeBox = 'received' | 'sent' | 'all';
/**
 * The list's filters (issue 16 §2): `q` the title, or the issuing or receiving unit (name contains,
 * code equals); `status` sent (not acknowledged yet), acknowledged, overdue; `regionCode` the
 * notice's region (the recipient's) and below; `from`/`to` the issue date; `sort`; paging.
 */
export interface NoticeFilter extends ListParams { box?: NoticeBox; status?: string; page?: number; pageSize?: number }

export class ListNoticesQuery extends ListQuery<NoticeFilter, NoticeView> {}

/** The filtered notices (the list's parameters, without paging), all of them, for the Excel export. */
export class ExportNoticesQuery extends ExportQuery<NoticeFilter, NoticeView> {}

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

export const NOTICE_LIST_STATUSES = ['sent', 'acknowledged', 'overdue'] as const;

/** The sortable columns of the notices' list (`sort=field` or `-field`). */
export const NOTICE_SORT: SortFields = {
  title: 'n.title', sender: 's.name', recipient: 'r.name', sentAt: 'n.sent_at', dueDate: 'n.due_date', status: 'n.status', acknowledgedAt: 'n.acknowledged_at',
};
const NOTICE_ORDER = 'n.sent_at desc, n.id desc';
const NOTICE_COUNT = 'from notice n join organization s on s.id = n.sender_org_id join organization r on r.id = n.recipient_org_id';

/** The list's conditions (null: empty by construction). */
async function noticeConditions(uow: UnitOfWork, actor: Actor, filter: NoticeFilter): Promise<Conditions | null> {
  const where = new Conditions();
  if (filter.box === 'received') where.add('n.recipient_org_id = ?', actor.organizationId);
  if (filter.box === 'sent') where.add('n.sender_org_id = ?', actor.organizationId);
  const q = filter.q?.trim();
  if (q) {
    const like = likeContains(q);
    where.add('(n.title like ? or s.name like ? or r.name like ? or n.sender_org_id = ? or n.recipient_org_id = ?)', like, like, like, q, q);
  }
  const statuses = statusList(filter.status, NOTICE_LIST_STATUSES);
  if (statuses.length) {
    const one = { sent: "n.status = 'sent'", acknowledged: "n.status = 'acknowledged'", overdue: 'n.overdue' };
    where.add(`(${statuses.map((x) => one[x]).join(' or ')})`);
  }
  // q is the notices' own (title or units): the shared filters add the region and the period.
  const found = await addListFilters(uow.em, where, { ...filter, q: undefined },
    { institutionName: 'r.name', institutionCode: 'n.recipient_org_id', regionPath: 'n.region_path', date: 'n.sent_at' }, actor.regionPath);
  return found ? where : null;
}

/** The notices' list, for its page and its export. */
const noticeList = (uow: UnitOfWork, actor: Actor): ListStatement<NoticeFilter> => ({
  conditions: (filter) => noticeConditions(uow, actor, filter),
  count: () => NOTICE_COUNT, select: SELECT, sort: NOTICE_SORT, idColumn: 'n.id', defaultOrder: NOTICE_ORDER,
});

@QueryHandler(ListNoticesQuery)
export class ListNoticesHandler implements IQueryHandler<ListNoticesQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter }: ListNoticesQuery) {
    const { rows, total } = await listPageOf<NoticeViewRow, NoticeFilter>(this.uow.em, noticeList(this.uow, actor), filter);
    return { items: rows.map(toView), total };
  }
}

@QueryHandler(ExportNoticesQuery)
export class ExportNoticesHandler implements IQueryHandler<ExportNoticesQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter, sink }: ExportNoticesQuery) {
    return exportListOf(this.uow.em, noticeList(this.uow, actor), filter, sink, (rows: NoticeViewRow[]) => rows.map(toView));
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
