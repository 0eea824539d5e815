import { recordEvent } from '../../../kernel/aggregate.js';
import { DomainError } from '../../../kernel/errors.js';
import { actorData, type Actor } from '../../../kernel/actor.js';

export type NoticeStatus = 'sent' | 'acknowledged';

export const NOTICE_EVENTS = {
  sent: 'NoticeSent',
  acknowledged: 'NoticeAcknowledged',
  reminded: 'NoticeReminded',
  overdue: 'NoticeMarkedOverdue',
} as const;

/** Everything a notice holds: what the repository reads and writes (infrastructure/notice.repository.ts). */
export interface NoticeState {
  id: string;
  /** The recipient's region: the notice belongs to the recipient's tenant. */
  regionPath: string;
  /** The recipient organization. */
  ownerOrgId: string;
  senderOrgId: string;
  senderRegionPath: string;
  recipientOrgId: string;
  title: string;
  body: string;
  sentAt: Date;
  /** YYYY-MM-DD, China time. */
  dueDate: string;
  remindAt: Date;
  dueAt: Date;
  status: NoticeStatus;
  overdue: boolean;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  /** Optimistic lock, 0 until first stored. */
  version: number;
}

/**
 * A notice (通知) from a bureau or agency to a unit within its region, to be acknowledged (签收)
 * by a due date counted in working days. The row is owned by the recipient (so the recipient and
 * every level above it see it) and remembers the sender. Plain TypeScript (ADR 0013): persisted by
 * the notices repository with SQL, under row-level security.
 */
export class Notice implements NoticeState {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  senderOrgId!: string;
  senderRegionPath!: string;
  recipientOrgId!: string;
  title!: string;
  body!: string;
  sentAt!: Date;
  dueDate!: string;
  remindAt!: Date;
  dueAt!: Date;
  status: NoticeStatus = 'sent';
  overdue = false;
  acknowledgedAt: Date | null = null;
  acknowledgedBy: string | null = null;
  version = 0;

  private constructor(state?: NoticeState) {
    if (state) Object.assign(this, state);
  }

  /** A stored notice, as the repository read it. */
  static restore(state: NoticeState): Notice {
    return new Notice(state);
  }

  /** Whether the notice has not been stored yet. */
  get isNew(): boolean {
    return this.version === 0;
  }

  static send(input: Pick<NoticeState, 'id' | 'title' | 'body' | 'sentAt' | 'dueDate' | 'remindAt' | 'dueAt'> & {
    sender: Actor;
    recipient: { id: string; regionPath: string };
  }): Notice {
    const title = input.title.trim();
    const body = input.body.trim();
    if (title.length < 2 || title.length > 200) {
      throw DomainError.validation('notice_title_length', {
        zh: '通知标题应为 2 至 200 个字符',
        en: 'the notice title must be 2 to 200 characters',
      });
    }
    if (body.length === 0 || body.length > 20_000) {
      throw DomainError.validation('notice_body_length', {
        zh: '通知正文不能为空，且不超过 20000 个字符',
        en: 'the notice body must not be empty and at most 20000 characters',
      });
    }
    if (input.recipient.id === input.sender.organizationId || !input.recipient.regionPath.startsWith(input.sender.regionPath)) {
      throw DomainError.validation('notice_recipient_outside', {
        zh: '只能向本级以下的单位发送通知',
        en: 'notices go only to units within your own region, other than your own organization',
      });
    }
    const notice = new Notice({
      id: input.id,
      regionPath: input.recipient.regionPath,
      ownerOrgId: input.recipient.id,
      senderOrgId: input.sender.organizationId,
      senderRegionPath: input.sender.regionPath,
      recipientOrgId: input.recipient.id,
      title,
      body,
      sentAt: input.sentAt,
      dueDate: input.dueDate,
      remindAt: input.remindAt,
      dueAt: input.dueAt,
      status: 'sent',
      overdue: false,
      acknowledgedAt: null,
      acknowledgedBy: null,
      version: 0,
    });
    notice.record(NOTICE_EVENTS.sent, { sender: actorData(input.sender), dueDate: input.dueDate, remindAt: input.remindAt.toISOString(), dueAt: input.dueAt.toISOString() });
    return notice;
  }

  acknowledge(by: Actor, at: Date): void {
    if (by.organizationId !== this.recipientOrgId) {
      throw DomainError.forbidden('notice_not_recipient', {
        zh: '只有收文单位可以签收此通知',
        en: 'only the receiving organization may acknowledge this notice',
      });
    }
    if (this.status === 'acknowledged') {
      throw DomainError.conflict('notice_already_acknowledged', {
        zh: '此通知已签收，无需重复签收',
        en: 'this notice has already been acknowledged',
      });
    }
    this.status = 'acknowledged';
    this.acknowledgedAt = at;
    this.acknowledgedBy = by.username;
    this.record(NOTICE_EVENTS.acknowledged, { acknowledgedAt: at.toISOString(), late: this.overdue });
  }

  /** Called by the workflow when the reminder time comes; true when a reminder is due. */
  needsReminder(): boolean {
    return this.status === 'sent';
  }

  markOverdue(): boolean {
    if (this.status !== 'sent' || this.overdue) return false;
    this.overdue = true;
    this.record(NOTICE_EVENTS.overdue, { dueDate: this.dueDate });
    return true;
  }

  private record(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, {
      type,
      aggregateType: 'Notice',
      aggregateId: this.id,
      regionPath: this.regionPath,
      ownerOrgId: this.ownerOrgId,
      payload,
    });
  }
}
