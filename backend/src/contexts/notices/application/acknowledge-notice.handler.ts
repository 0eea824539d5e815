import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { Notices } from '../infrastructure/notice.repository.js';
import { AcknowledgeNoticeCommand, MarkNoticeOverdueCommand, RemindNoticeRecipientCommand } from './commands.js';

@CommandHandler(AcknowledgeNoticeCommand)
export class AcknowledgeNoticeHandler implements ICommandHandler<AcknowledgeNoticeCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly notices: Notices,
    private readonly notifications: Notifications,
  ) {}

  async execute({ actor, noticeId }: AcknowledgeNoticeCommand): Promise<void> {
    const notice = await this.notices.load(noticeId);
    notice.acknowledge(actor, new Date());
    await this.notices.save(notice);
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: notice.senderOrgId,
      recipientRegionPath: notice.senderRegionPath,
      titleZh: `通知已签收：${notice.title}`,
      titleEn: `Notice acknowledged: ${notice.title}`,
      bodyZh: `${actor.displayName} 已签收。`,
      bodyEn: `Acknowledged by ${actor.displayName}.`,
      link: `/notices/${notice.id}`,
      dedupeKey: `notice-ack-${notice.id}`,
    });
  }
}

@CommandHandler(RemindNoticeRecipientCommand)
export class RemindNoticeRecipientHandler implements ICommandHandler<RemindNoticeRecipientCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly notices: Notices,
    private readonly notifications: Notifications,
  ) {}

  async execute({ noticeId }: RemindNoticeRecipientCommand): Promise<boolean> {
    const notice = await this.notices.load(noticeId);
    if (!notice.needsReminder()) return false;
    return this.notifications.deliver(this.uow.em, {
      recipientOrgId: notice.recipientOrgId,
      recipientRegionPath: notice.regionPath,
      titleZh: `签收提醒：${notice.title}`,
      titleEn: `Reminder to acknowledge: ${notice.title}`,
      bodyZh: `此通知须于 ${notice.dueDate} 前签收。`,
      bodyEn: `This notice must be acknowledged by ${notice.dueDate}.`,
      link: `/notices/${notice.id}`,
      dedupeKey: `notice-remind-${notice.id}`,
    });
  }
}

@CommandHandler(MarkNoticeOverdueCommand)
export class MarkNoticeOverdueHandler implements ICommandHandler<MarkNoticeOverdueCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly notices: Notices,
    private readonly notifications: Notifications,
  ) {}

  async execute({ noticeId }: MarkNoticeOverdueCommand): Promise<boolean> {
    const notice = await this.notices.load(noticeId);
    if (!notice.markOverdue()) return false;
    await this.notices.save(notice);
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: notice.senderOrgId,
      recipientRegionPath: notice.senderRegionPath,
      titleZh: `逾期未签收：${notice.title}`,
      titleEn: `Overdue, not acknowledged: ${notice.title}`,
      bodyZh: `收文单位未在 ${notice.dueDate} 前签收。`,
      bodyEn: `The recipient did not acknowledge by ${notice.dueDate}.`,
      link: `/notices/${notice.id}`,
      dedupeKey: `notice-overdue-${notice.id}`,
    });
    return true;
  }
}
