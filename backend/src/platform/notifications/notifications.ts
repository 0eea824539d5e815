import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

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

/** A row of `notification` as the inbox lists it, with the size of the whole list. */
export interface NotificationViewRow {
  id: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
  /** count(*) over (): a bigint, as a string. */
  total: string;
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

  async unreadCount(em: EntityManager, orgId: string): Promise<number> {
    const [row] = await em.execute<CountRow[]>(
      `select count(*) as n from notification where owner_org_id = ? and read_at is null`,
      [orgId],
    );
    return Number(row.n);
  }

  async list(em: EntityManager, orgId: string, unreadOnly: boolean, limit = 50): Promise<{ items: NotificationView[]; total: number }> {
    const filter = unreadOnly ? 'and read_at is null' : '';
    const rows = await em.execute<NotificationViewRow[]>(
      `select id, title_zh, title_en, body_zh, body_en, link, created_at, read_at, count(*) over () as total
         from notification where owner_org_id = ? ${filter} order by created_at desc limit ?`,
      [orgId, limit],
    );
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        id: r.id,
        // Items written before the text was tidied on delivery read the same.
        titleZh: tidyNotificationText(r.title_zh),
        titleEn: tidyNotificationText(r.title_en),
        bodyZh: tidyNotificationText(r.body_zh),
        bodyEn: tidyNotificationText(r.body_en),
        link: r.link,
        createdAt: new Date(r.created_at).toISOString(),
        readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      })),
    };
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
