import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { systemActor } from '../../kernel/actor.js';
import { UnitOfWork } from '../tenancy/unit-of-work.js';
import { Temporal } from '../temporal/temporal.js';
import { Outbox } from './outbox.js';
import { OutboxFollower } from './outbox-follower.js';
import type { WorkflowAction } from './workflow-action.js';

const BATCH = 50;
const MAX_BACKOFF_MS = 60_000;

/**
 * Relays committed outbox messages to Temporal. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several relays (several API instances) never deliver the same row at the same time; a delivery
 * that fails is retried with backoff, and a retried delivery is harmless (see WorkflowAction).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('OutboxRelay');
  private readonly actor = systemActor('outbox-relay');
  private readonly follower = new OutboxFollower(() => this.drain(), (err) => this.log.error(`relay failed: ${String(err)}`));

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly temporal: Temporal,
    private readonly outbox: Outbox,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.outboxRelayEnabled) return;
    this.follower.start(this.outbox, this.config.outboxPollMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.follower.stop();
  }

  /**
   * Delivers everything due now; returns how many messages were delivered. A pass claims at most
   * one message per workflow (the next ones wait for it), so passes repeat while they deliver.
   */
  async drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const n = await this.deliverBatch();
      delivered += n.delivered;
      if (n.delivered === 0 || this.follower.stopping) return delivered;
    }
  }

  private async deliverBatch(): Promise<{ claimed: number; delivered: number }> {
    const { result } = await this.uow.run(this.actor, async (em) => {
      // A message waits while an earlier one for the same workflow is undelivered: a workflow sees
      // its transitions in commit order even when a delivery fails and is retried later.
      const rows = await em.execute<{ id: string; dispatch: WorkflowAction; attempts: number }[]>(
        `select m.id, m.dispatch, m.attempts from outbox_message m
          where m.dispatched_at is null and m.available_at <= now()
            and not exists (select 1 from outbox_message e
                             where e.dispatched_at is null and e.seq < m.seq
                               and e.dispatch->>'workflowId' = m.dispatch->>'workflowId')
          order by m.seq limit ${BATCH} for update skip locked`,
      );
      let delivered = 0;
      const blocked = new Set<string>();
      for (const row of rows) {
        if (blocked.has(row.dispatch.workflowId)) continue;
        try {
          const note = await this.temporal.dispatch(row.dispatch, row.id);
          await em.execute(`update outbox_message set dispatched_at = now(), attempts = attempts + 1, last_error = ? where id = ?`, [note, row.id]);
          delivered += 1;
        } catch (err) {
          blocked.add(row.dispatch.workflowId);
          const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** row.attempts);
          await em.execute(
            `update outbox_message set attempts = attempts + 1, last_error = ?,
               available_at = now() + (? || ' milliseconds')::interval where id = ?`,
            [String(err).slice(0, 2000), String(backoff), row.id],
          );
          this.log.warn(`delivery of ${row.id} failed (attempt ${row.attempts + 1}): ${String(err)}`);
        }
      }
      return { claimed: rows.length, delivered };
    });
    return result;
  }

  /** For health and tests: messages not yet delivered. */
  async pending(): Promise<number> {
    const { result } = await this.uow.run(this.actor, async (em) => {
      const [row] = await em.execute<{ n: string }[]>(`select count(*) as n from outbox_message where dispatched_at is null`);
      return Number(row.n);
    });
    return result;
  }
}
