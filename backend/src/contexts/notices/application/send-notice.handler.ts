import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { addWorkingDays, chinaDateOf, chinaInstant, endOfChinaDay } from '../../../platform/calendar/working-days.js';
import { hasRole } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { OrganizationDirectory } from '../../directory/index.js';
import { Notice } from '../domain/notice.js';
import { Notices } from '../infrastructure/notice.repository.js';
import { SendNoticeCommand } from './commands.js';

export const NOTICE_MAX_WORKING_DAYS = 60;

@CommandHandler(SendNoticeCommand)
export class SendNoticeHandler implements ICommandHandler<SendNoticeCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly notices: Notices,
    private readonly notifications: Notifications,
    private readonly directory: OrganizationDirectory,
  ) {}

  async execute({ actor, input }: SendNoticeCommand): Promise<{ id: string; dueDate: string }> {
    if (!hasRole(actor, 'province_official', 'city_agency_staff', 'county_staff') || actor.organizationKind === 'institution') {
      throw DomainError.forbidden('notice_send_forbidden', {
        zh: '只有医保部门和经办机构的工作人员可以发送通知',
        en: 'only bureau and agency staff may send notices',
      });
    }
    if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > NOTICE_MAX_WORKING_DAYS) {
      throw DomainError.validation('notice_working_days_range', {
        zh: `签收时限应为 1 至 ${NOTICE_MAX_WORKING_DAYS} 个工作日的整数`,
        en: `the acknowledgement period must be a whole number of working days from 1 to ${NOTICE_MAX_WORKING_DAYS}`,
      });
    }
    const em = this.uow.em;
    // The directory hides organizations outside the sender's subtree: such a recipient is "not found".
    const recipient = await this.directory.inScope(input.recipientOrgId);
    if (!recipient) throw DomainError.notFound({ zh: '收文单位', en: 'recipient organization' }, input.recipientOrgId);

    const now = new Date();
    // The recipient's province's calendar additions count (issue 16).
    const dueDate = addWorkingDays(chinaDateOf(now), input.workingDays, recipient.regionPath);
    const remindDay = input.workingDays > 1 ? addWorkingDays(dueDate, -1, recipient.regionPath) : dueDate;
    const notice = Notice.send({
      id: randomUUID(),
      sender: actor,
      recipient: { id: recipient.id, regionPath: recipient.regionPath },
      title: input.title,
      body: input.body,
      sentAt: now,
      dueDate,
      remindAt: chinaInstant(remindDay, 9),
      dueAt: endOfChinaDay(dueDate),
    });
    await this.notices.save(notice);
    await this.notifications.deliver(em, {
      recipientOrgId: recipient.id,
      recipientRegionPath: recipient.regionPath,
      titleZh: `新通知：${notice.title}`,
      titleEn: `New notice: ${notice.title}`,
      bodyZh: `请于 ${dueDate} 前签收。`,
      bodyEn: `Please acknowledge by ${dueDate}.`,
      link: `/notices/${notice.id}`,
      dedupeKey: `notice-sent-${notice.id}`,
    });
    return { id: notice.id, dueDate };
  }
}
