import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import {
  addListFilters, Conditions, exportListRows, likeContains, listPage, paging, sortOrder, statusList,
  type ExportSink, type ListParams, type SortFields,
} from '../database/sql.js';

export interface NotificationInput {
  recipientOrgId: string;
  recipientRegionPath: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link?: string;
  dedupeKey: string;
}

export interface NotificationView {
  id: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** `notification_deliver(…)`: false when an item with the same dedupe key already exists. */
interface DeliveredRow {
  inserted: boolean;
}

/** A `count(*)` (a bigint, which the driver returns as a string). */
interface CountRow {
  n: string;
}

/** A row of `notification` as the inbox lists it. */
export interface NotificationViewRow {
  id: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

/**
 * The inbox list's filters (issue 16 §2): `q` the text (title or body, either language, contains),
 * `status` read or unread (`unreadOnly` the bell's shorthand), `from`/`to` the day it came,
 * `regionCode`, `sort`, paging. Always the reader's own organization's inbox.
 */
export interface NotificationFilter extends ListParams { status?: string; unreadOnly?: boolean; page?: number; pageSize?: number }
/** Whose inbox: the organization, and its region path (the scope of `regionCode`). */
export interface InboxOwner { organizationId: string; regionPath: string }

export const NOTIFICATION_STATUSES = ['read', 'unread'] as const;
/** The sortable columns of the inbox list (`sort=field` or `-field`). */
export const NOTIFICATION_SORT: SortFields = { createdAt: 'created_at', readAt: 'read_at', title: 'title_zh' };
const NOTIFICATION_SELECT = 'select id, title_zh, title_en, body_zh, body_en, link, created_at, read_at from notification';
const NOTIFICATION_ORDER = 'created_at desc, id desc';

function toNotificationView(r: NotificationViewRow): NotificationView {
  return {
    id: r.id,
    // Items written before the text was tidied on delivery read the same.
    titleZh: tidyNotificationText(r.title_zh),
    titleEn: tidyNotificationText(r.title_en),
    bodyZh: tidyNotificationText(r.body_zh),
    bodyEn: tidyNotificationText(r.body_en),
    link: r.link,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

/** The inbox list's conditions: the owner's items, narrowed by the filter (null: empty by construction). */
async function inboxConditions(em: Pick<EntityManager, 'execute'>, owner: InboxOwner, filter: NotificationFilter): Promise<Conditions | null> {
  const where = new Conditions();
  where.add('owner_org_id = ?', owner.organizationId);
  const statuses = statusList(filter.status, NOTIFICATION_STATUSES);
  const wanted = filter.unreadOnly ? ['unread'] : statuses;
  if (wanted.length === 1) where.add(wanted[0] === 'unread' ? 'read_at is null' : 'read_at is not null');
  const q = filter.q?.trim();
  if (q) {
    const like = likeContains(q);
    where.add('(title_zh like ? or title_en ilike ? or body_zh like ? or body_en ilike ?)', like, like, like, like);
  }
  const found = await addListFilters(em, where, { ...filter, q: undefined },
    { institutionName: 'title_zh', institutionCode: 'owner_org_id', regionPath: 'region_path', date: 'created_at' }, owner.regionPath);
  return found ? where : null;
}

/** An inbox item not e-mailed yet, with the e-mail addresses of its organization's users ('' for none). */
export interface PendingEmailRow {
  id: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  recipients: string;
}

/**
 * A notification's text as read: the handlers compose sentences from parts that may already end in a
 * full stop (a reviewer's comment「数据有误。」followed by「。请修改后重新提交」, a calendar note), so
 * a doubled stop is collapsed here, once for every sender (issue 16: no "。。" in notifications).
 * Chinese: 。 after 。！？ is dropped, ；。 becomes 。; English: a doubled "." (not an ellipsis).
 */
export function tidyNotificationText(text: string): string {
  return text
    .replace(/([。！？])。+/g, '$1')
    .replace(/；。/g, '。')
    .replace(/(?<!\.)([.!?])\.(?!\.)/g, '$1');
}

/**
 * The notification inbox. Items are written in the caller's transaction (so a reminder exists
 * exactly when the step that sent it committed) and are deduplicated by key.
 */
@Injectable()
export class Notifications {
  private readonly log = new Logger('Notifications');
  private readonly mailer: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.mailer = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  }

  /**
   * Returns false when an item with the same key already exists. The recipient may be above the
   * actor (escalation to the level above) but never beside it: see notification_deliver().
   */
  async deliver(em: EntityManager, n: NotificationInput): Promise<boolean> {
    const [row] = await em.execute<DeliveredRow[]>(
      `select notification_deliver(?, ?, ?, ?, ?, ?, ?, ?, ?) as inserted`,
      [randomUUID(), n.recipientRegionPath, n.recipientOrgId, tidyNotificationText(n.titleZh), tidyNotificationText(n.titleEn),
        tidyNotificationText(n.bodyZh), tidyNotificationText(n.bodyEn), n.link ?? null, n.dedupeKey],
    );
    return row.inserted;
  }

  /** deliver() to an organization looked up by the caller: false when there is none (nothing to tell). */
  async deliverTo(
    em: EntityManager, recipient: { id: string; regionPath: string } | null | undefined, n: Omit<NotificationInput, 'recipientOrgId' | 'recipientRegionPath'>,
  ): Promise<boolean> {
    return recipient ? this.deliver(em, { recipientOrgId: recipient.id, recipientRegionPath: recipient.regionPath, ...n }) : false;
  }

  async unreadCount(em: EntityManager, orgId: string): Promise<number> {
    const [row] = await em.execute<CountRow[]>(
      `select count(*) as n from notification where owner_org_id = ? and read_at is null`,
      [orgId],
    );
    return Number(row.n);
  }

  /** A page of the owner's inbox under the filter, newest first by default. */
  async list(em: EntityManager, owner: InboxOwner, filter: NotificationFilter = {}): Promise<{ items: NotificationView[]; total: number }> {
    const order = sortOrder(filter.sort, NOTIFICATION_SORT, 'id', NOTIFICATION_ORDER);
    const where = await inboxConditions(em, owner, filter);
    if (!where) return { items: [], total: 0 };
    const { rows, total } = await listPage<NotificationViewRow>(em, { count: 'from notification', select: NOTIFICATION_SELECT, order }, where, paging(filter.page, filter.pageSize));
    return { items: rows.map(toNotificationView), total };
  }

  /** The owner's inbox under the filter (without paging), all of it, to the export's sink in batches. */
  async export(em: EntityManager, owner: InboxOwner, filter: NotificationFilter, sink: ExportSink<NotificationView>): Promise<{ rows: number }> {
    const order = sortOrder(filter.sort, NOTIFICATION_SORT, 'id', NOTIFICATION_ORDER);
    const where = await inboxConditions(em, owner, filter);
    return exportListRows<NotificationViewRow, NotificationView>(em, where, { count: 'from notification', select: NOTIFICATION_SELECT, order }, sink, (rows) => rows.map(toNotificationView));
  }

  /**
   * When SMTP is configured, e-mails inbox items that have not been e-mailed yet to the users of
   * the recipient organization. Runs after commit (never for an item whose transaction rolled back).
   */
  async emailPending(em: EntityManager): Promise<number> {
    if (!this.mailer) return 0;
    const rows = await em.execute<PendingEmailRow[]>(
      `select n.id, n.title_zh, n.title_en, n.body_zh, n.body_en,
              coalesce(string_agg(u.email, ',') filter (where u.email is not null), '') as recipients
         from notification n left join user_account u on u.organization_id = n.owner_org_id
        where n.emailed_at is null and n.created_at > now() - interval '1 day'
        group by n.id order by n.created_at limit 50`,
    );
    let sent = 0;
    for (const r of rows) {
      if (r.recipients) {
        try {
          await this.mailer.sendMail({
            from: this.config.smtpFrom,
            to: r.recipients,
            subject: `${r.title_zh} / ${r.title_en}`,
            text: `${r.body_zh}\n\n${r.body_en}`,
          });
          sent += 1;
        } catch (err) {
          this.log.warn(`e-mail for notification ${r.id} failed: ${String(err)}`);
          continue;
        }
      }
      await em.execute(`update notification set emailed_at = now() where id = ?`, [r.id]);
    }
    return sent;
  }
}
