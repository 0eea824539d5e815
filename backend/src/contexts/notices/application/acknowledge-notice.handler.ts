import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import type { Notice } from '../domain/notice.js';
import { Notices } from '../infrastructure/notice.repository.js';
import { AcknowledgeNoticeCommand, MarkNoticeOverdueCommand, RemindNoticeRecipientCommand } from './commands.js';

interface Text { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string }

/** The steps of a notice after it is sent: the notice by its id, and the inbox items about it. */
@Injectable()
abstract class NoticeStep {
  constructor(
    private readonly uow: UnitOfWork,
    protected readonly notices: Notices,
    private readonly notifications: Notifications,
  ) {}

  /** An inbox item about the notice for its sender or its recipient, linked to the notice, once per `kind`. */
  protected tell(notice: Notice, to: 'sender' | 'recipient', kind: string, text: Text): Promise<boolean> {
    const [recipientOrgId, recipientRegionPath] = to === 'sender' ? [notice.senderOrgId, notice.senderRegionPath] : [notice.recipientOrgId, notice.regionPath];
    return this.notifications.deliver(this.uow.em, {
      recipientOrgId, recipientRegionPath, ...text, link: `/notices/${notice.id}`, dedupeKey: `notice-${kind}-${notice.id}`,
    });
  }
}

@CommandHandler(AcknowledgeNoticeCommand)
export class AcknowledgeNoticeHandler extends NoticeStep implements ICommandHandler<AcknowledgeNoticeCommand> {
  async execute({ actor, noticeId }: AcknowledgeNoticeCommand): Promise<void> {
    const notice = await this.notices.load(noticeId);
    notice.acknowledge(actor, new Date());
    await this.notices.save(notice);
    await this.tell(notice, 'sender', 'ack', {
      titleZh: `通知已签收：${notice.title}`, titleEn: `Notice acknowledged: ${notice.title}`,
      bodyZh: `${actor.displayName} 已签收。`, bodyEn: `Acknowledged by ${actor.displayName}.`,
    });
  }
}

@CommandHandler(RemindNoticeRecipientCommand)
export class RemindNoticeRecipientHandler extends NoticeStep implements ICommandHandler<RemindNoticeRecipientCommand> {
  async execute({ noticeId }: RemindNoticeRecipientCommand): Promise<boolean> {
    const notice = await this.notices.load(noticeId);
    if (!notice.needsReminder()) return false;
    return this.tell(notice, 'recipient', 'remind', {
      titleZh: `签收提醒：${notice.title}`, titleEn: `Reminder to acknowledge: ${notice.title}`,
      bodyZh: `此通知须于 ${notice.dueDate} 前签收。`, bodyEn: `This notice must be acknowledged by ${notice.dueDate}.`,
    });
  }
}

@CommandHandler(MarkNoticeOverdueCommand)
export class MarkNoticeOverdueHandler extends NoticeStep implements ICommandHandler<MarkNoticeOverdueCommand> {
  async execute({ noticeId }: MarkNoticeOverdueCommand): Promise<boolean> {
    const notice = await this.notices.load(noticeId);
    if (!notice.markOverdue()) return false;
    await this.notices.save(notice);
    await this.tell(notice, 'sender', 'overdue', {
      titleZh: `逾期未签收：${notice.title}`, titleEn: `Overdue, not acknowledged: ${notice.title}`,
      bodyZh: `收文单位未在 ${notice.dueDate} 前签收。`, bodyEn: `The recipient did not acknowledge by ${notice.dueDate}.`,
    });
    return true;
  }
}
