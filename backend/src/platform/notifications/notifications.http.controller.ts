import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SearchableListParams } from '../http/query-params.js';
import { chinaDay, listExportMaxRows, streamListExport, type ExportColumn } from '../http/xlsx-export.js';
import type { ExportSink } from '../database/sql.js';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorCommand, ActorQuery } from '../cqrs/actor-command.js';
import { Commands, Queries } from '../cqrs/commands.js';
import { CurrentActor } from '../auth/decorators.js';
import { UnitOfWork } from '../tenancy/unit-of-work.js';
import type { Actor } from '../../kernel/actor.js';
import { DomainError } from '../../kernel/errors.js';
import { isUuid } from '../database/sql.js';
import { Notifications, type NotificationFilter, type NotificationView } from './notifications.js';

/**
 * The inbox list's parameters (issue 16 §2): `q` searches the text, `status` read or unread
 * (`unread=true`: the bell's unread items), `from`/`to` the day it came, `sort` (createdAt, readAt,
 * title), paging. Always the reader's own organization's inbox.
 */
export class NotificationListQuery extends SearchableListParams {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: unread only (as status=unread)' }) @IsOptional() @IsIn(['true', 'false']) unread?: string;
}

const filterOf = (query: NotificationListQuery): NotificationFilter => ({ ...query, unreadOnly: query.unread === 'true' });

/** The columns of the inbox's Excel export (Chinese headers, English in the second row). */
export const NOTIFICATION_EXPORT_COLUMNS: readonly ExportColumn<NotificationView>[] = [
  { zh: '时间', en: 'Received', width: 18, value: (n) => `${chinaDay(n.createdAt)} ${new Date(new Date(n.createdAt).getTime() + 8 * 3600_000).toISOString().slice(11, 16)}` },
  { zh: '标题', en: 'Title', width: 36, value: (n) => n.titleZh },
  { zh: '内容', en: 'Message', width: 60, value: (n) => n.bodyZh },
  { zh: '英文标题', en: 'Title (English)', width: 36, value: (n) => n.titleEn },
  { zh: '英文内容', en: 'Message (English)', width: 60, value: (n) => n.bodyEn },
  { zh: '已读', en: 'Read', width: 8, value: (n) => (n.readAt ? '是' : '否') },
  { zh: '阅读日期', en: 'Read on', width: 12, value: (n) => chinaDay(n.readAt) },
];

export class ListNotificationsQuery extends ActorQuery<{ items: NotificationView[]; total: number }> {
  constructor(actor: Actor, readonly filter: NotificationFilter = {}) {
    super(actor);
  }
}

/** The reader's inbox under the list's parameters, all of it, for the Excel export. */
export class ExportNotificationsQuery extends ActorQuery<{ rows: number }> {
  constructor(actor: Actor, readonly filter: NotificationFilter, readonly sink: ExportSink<NotificationView>) {
    super(actor);
  }
}
export class UnreadCountQuery extends ActorQuery<{ count: number }> {}

export class MarkNotificationReadCommand extends ActorCommand<void> {
  constructor(actor: Actor, readonly id: string) {
    super(actor);
  }
  auditTarget() {
    return this.id;
  }
  auditPayload() {
    return {};
  }
}

@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}
  execute({ actor, filter }: ListNotificationsQuery) {
    return this.notifications.list(this.uow.em, actor, filter);
  }
}

@QueryHandler(ExportNotificationsQuery)
export class ExportNotificationsHandler implements IQueryHandler<ExportNotificationsQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}
  execute({ actor, filter, sink }: ExportNotificationsQuery) {
    return this.notifications.export(this.uow.em, actor, filter, sink);
  }
}

@QueryHandler(UnreadCountQuery)
export class UnreadCountHandler implements IQueryHandler<UnreadCountQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}
  async execute({ actor }: UnreadCountQuery) {
    return { count: await this.notifications.unreadCount(this.uow.em, actor.organizationId) };
  }
}

@CommandHandler(MarkNotificationReadCommand)
export class MarkNotificationReadHandler implements ICommandHandler<MarkNotificationReadCommand> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, id }: MarkNotificationReadCommand) {
    const rows = isUuid(id)
      ? await this.uow.em.execute<{ id: string }[]>(
          `update notification set read_at = coalesce(read_at, now()) where id = ? and owner_org_id = ? returning id`,
          [id, actor.organizationId],
        )
      : [];
    if (!rows.length) throw DomainError.notFound({ zh: '消息', en: 'notification' }, id);
  }
}

/** The signed-in user's organization inbox. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: NotificationListQuery) {
    return this.queries.execute(new ListNotificationsQuery(actor, filterOf(query)));
  }

  /** The list's rows under the same parameters (without paging), streamed as a workbook. */
  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: NotificationListQuery, @Res() res: Response): Promise<void> {
    const file = { filename: `消息-${chinaDay(new Date().toISOString())}.xlsx`, sheet: '消息', columns: NOTIFICATION_EXPORT_COLUMNS };
    await streamListExport(res, file, listExportMaxRows(this.config), (sink) => this.queries.execute(new ExportNotificationsQuery(actor, filterOf(query), sink)));
  }

  @Get('unread-count')
  unreadCount(@CurrentActor() actor: Actor) {
    return this.queries.execute(new UnreadCountQuery(actor));
  }

  @Post(':id/read')
  @HttpCode(204)
  async read(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.commands.execute(new MarkNotificationReadCommand(actor, id));
  }
}
