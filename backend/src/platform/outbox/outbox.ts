import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DomainEvent } from '../../kernel/aggregate.js';
import { WORKFLOW_ROUTES, type WorkflowAction, type WorkflowRoute, type WorkflowRoutes } from './workflow-action.js';

/**
 * A row of `outbox_message` as the outbox writes it. The other columns take their defaults: `seq`
 * (bigserial: the delivery order), `attempts` 0, `last_error` and `projected_at` null.
 */
export interface OutboxMessageRow {
  id: string;
  region_path: string;
  owner_org_id: string;
  aggregate_type: string;
  aggregate_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  dispatch: WorkflowAction | null;
  occurred_at: Date;
  available_at: Date;
  dispatched_at: Date | null;
}

/** The outbox row of one event; `now` is when it was stored. */
export function outboxRowOf(event: DomainEvent, id: string, dispatch: WorkflowAction | null, now: Date): OutboxMessageRow {
  return {
    id,
    // Scoped like the aggregate: row-level security checks these two on insert.
    region_path: event.regionPath,
    owner_org_id: event.ownerOrgId,
    aggregate_type: event.aggregateType,
    aggregate_id: event.aggregateId,
    event_type: event.type,
    payload: event.payload,
    dispatch,
    occurred_at: now,
    available_at: now,
    // Events with nothing to dispatch are kept as the record of what happened.
    dispatched_at: dispatch ? null : now,
  };
}

/** Writes a command's events into the outbox, in the command's own transaction. */
@Injectable()
export class Outbox {
  readonly committed = new EventEmitter();

  constructor(@Inject(WORKFLOW_ROUTES) private readonly routes: WorkflowRoutes) {}

  /**
   * Inserts one row per event on the unit of work's connection (`em` is its transaction), one
   * statement at a time in the events' order: `seq` follows the order the aggregate recorded them,
   * which is the order the relay delivers a workflow's messages in.
   */
  async store(em: EntityManager, events: DomainEvent[]): Promise<void> {
    for (const event of events) {
      const id = randomUUID();
      const route: WorkflowRoute | undefined = this.routes[event.type];
      const r = outboxRowOf(event, id, route ? route(event, id) : null, new Date());
      await em.execute(
        `insert into outbox_message (id, region_path, owner_org_id, aggregate_type, aggregate_id, event_type, payload, dispatch,
           occurred_at, available_at, dispatched_at)
         values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)`,
        [r.id, r.region_path, r.owner_org_id, r.aggregate_type, r.aggregate_id, r.event_type, JSON.stringify(r.payload),
          r.dispatch ? JSON.stringify(r.dispatch) : null, r.occurred_at, r.available_at, r.dispatched_at],
      );
    }
  }

  /** Lets the relay in this process pick new messages up at once instead of at its next poll. */
  kick(): void {
    this.committed.emit('kick');
  }
}
