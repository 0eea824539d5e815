import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DomainEvent } from '../../kernel/aggregate.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { WORKFLOW_ROUTES, type WorkflowRoute, type WorkflowRoutes } from './workflow-action.js';

/** Writes a command's events into the outbox, in the command's own transaction. */
@Injectable()
export class Outbox {
  readonly committed = new EventEmitter();

  constructor(@Inject(WORKFLOW_ROUTES) private readonly routes: WorkflowRoutes) {}

  async store(em: EntityManager, events: DomainEvent[]): Promise<void> {
    for (const event of events) {
      const id = randomUUID();
      const route: WorkflowRoute | undefined = this.routes[event.type];
      const dispatch = route ? route(event, id) : null;
      const message = Object.assign(new OutboxMessage(), {
        id,
        regionPath: event.regionPath,
        ownerOrgId: event.ownerOrgId,
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        eventType: event.type,
        payload: event.payload,
        dispatch,
        // Events with nothing to dispatch are kept as the record of what happened.
        dispatchedAt: dispatch ? null : new Date(),
      });
      em.persist(message);
    }
  }

  /** Lets the relay in this process pick new messages up at once instead of at its next poll. */
  kick(): void {
    this.committed.emit('kick');
  }
}
