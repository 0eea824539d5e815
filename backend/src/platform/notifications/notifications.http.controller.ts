import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorCommand, ActorQuery } from '../cqrs/actor-command.js';
import { Commands, Queries } from '../cqrs/commands.js';
import { CurrentActor } from '../auth/decorators.js';
import { UnitOfWork } from '../tenancy/unit-of-work.js';
import type { Actor } from '../../kernel/actor.js';
import { DomainError } from '../../kernel/errors.js';
import { isUuid } from '../database/sql.js';
import { Notifications, type NotificationView } from './notifications.js';

export class ListNotificationsQuery extends ActorQuery<{ items: NotificationView[]; total: number }> {
  constructor(actor: Actor, readonly unreadOnly: boolean) {
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
  execute({ actor, unreadOnly }: ListNotificationsQuery) {
    return this.notifications.list(this.uow.em, actor.organizationId, unreadOnly);
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
  constructor(private readonly commands: Commands, private readonly queries: Queries) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query('unread') unread?: string) {
    return this.queries.execute(new ListNotificationsQuery(actor, unread === 'true'));
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
