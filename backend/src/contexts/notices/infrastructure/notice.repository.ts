import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DomainError } from '../../../kernel/errors.js';
import { isUuid } from '../../../platform/database/sql.js';
import { Notice, type NoticeStatus } from '../domain/notice.js';

/** A row of `notice` as NOTICE_COLUMNS reads it (due_date as YYYY-MM-DD text). */
export interface NoticeRow {
  id: string;
  region_path: string;
  owner_org_id: string;
  sender_org_id: string;
  sender_region_path: string;
  recipient_org_id: string;
  title: string;
  body: string;
  sent_at: Date;
  due_date: string;
  remind_at: Date;
  due_at: Date;
  status: NoticeStatus;
  overdue: boolean;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  version: number;
}

const NOTICE_COLUMNS = `id, region_path, owner_org_id, sender_org_id, sender_region_path, recipient_org_id, title, body, sent_at,
  to_char(due_date, 'YYYY-MM-DD') as due_date, remind_at, due_at, status, overdue, acknowledged_at, acknowledged_by, version`;

function toNotice(r: NoticeRow): Notice {
  return Notice.restore({
    id: r.id,
    regionPath: r.region_path,
    ownerOrgId: r.owner_org_id,
    senderOrgId: r.sender_org_id,
    senderRegionPath: r.sender_region_path,
    recipientOrgId: r.recipient_org_id,
    title: r.title,
    body: r.body,
    sentAt: new Date(r.sent_at),
    dueDate: r.due_date,
    remindAt: new Date(r.remind_at),
    dueAt: new Date(r.due_at),
    status: r.status,
    overdue: r.overdue,
    acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
    acknowledgedBy: r.acknowledged_by,
    version: Number(r.version),
  });
}

/**
 * Notices in the current unit of work, with SQL on its connection: row-level security scopes every
 * statement (ADR 0004, ADR 0013). Loaded and saved notices are tracked, so the events they record
 * reach the outbox when the unit commits.
 */
@Injectable()
export class Notices {
  constructor(private readonly uow: UnitOfWork) {}

  /** The notice, locked for the rest of the transaction; not found outside the actor's scope. */
  async load(id: string): Promise<Notice> {
    const [row] = isUuid(id)
      ? await this.uow.em.execute<NoticeRow[]>(`select ${NOTICE_COLUMNS} from notice where id = ? for update`, [id])
      : [];
    if (!row) throw DomainError.notFound({ zh: '通知', en: 'notice' }, id);
    return this.uow.track(toNotice(row));
  }

  /** Inserts a new notice or updates a stored one (optimistic lock on version). */
  async save(n: Notice): Promise<void> {
    this.uow.track(n);
    if (n.isNew) {
      await this.uow.em.execute(
        `insert into notice (id, region_path, owner_org_id, sender_org_id, sender_region_path, recipient_org_id, title, body, sent_at,
           due_date, remind_at, due_at, status, overdue, acknowledged_at, acknowledged_by, version)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?, ?, ?, ?, ?, ?, 1)`,
        [n.id, n.regionPath, n.ownerOrgId, n.senderOrgId, n.senderRegionPath, n.recipientOrgId, n.title, n.body, n.sentAt,
          n.dueDate, n.remindAt, n.dueAt, n.status, n.overdue, n.acknowledgedAt, n.acknowledgedBy],
      );
      n.version = 1;
      return;
    }
    const rows = await this.uow.em.execute<{ version: number }[]>(
      `update notice set status = ?, overdue = ?, acknowledged_at = ?, acknowledged_by = ?, version = version + 1
        where id = ? and version = ? returning version`,
      [n.status, n.overdue, n.acknowledgedAt, n.acknowledgedBy, n.id, n.version],
    );
    if (!rows.length) {
      throw DomainError.conflict('notice_changed', { zh: '通知已被他人修改，请刷新后重试', en: 'the notice was changed meanwhile: reload and retry' });
    }
    n.version = Number(rows[0]!.version);
  }
}
