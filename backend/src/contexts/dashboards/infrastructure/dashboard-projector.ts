import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { systemActor } from '../../../kernel/actor.js';
import { Outbox } from '../../../platform/outbox/outbox.js';
import { OutboxFollower } from '../../../platform/outbox/outbox-follower.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { FACT_KINDS, type FactKind } from '../domain/metrics.js';
import { availableKinds, flushPending, PROJECTOR_LOCK, rebuildAll, refreshItems, refreshPopulation, type RebuildCounts } from './fact-sql.js';
import { EVENT_MAP, resolveRefs, type OutboxEvent, type Ref } from './event-map.js';

const BATCH = 500;

export interface DrainResult { events: number; items: number; unknownEvents: number }

/**
 * The dashboards' projector (docs/api/dashboards-and-monthly-reports.md §1.1): claims the outbox rows
 * not projected yet in commit order, recomputes the facts of the items their events touch from the
 * items' current rows, moves dash_rollup by the difference and marks the rows projected — one
 * transaction per batch of 500. It runs in the API process like the outbox relay (its own poll timer,
 * and a kick when a command commits here) as the system actor (scope '/'): row-level security
 * stays on, with the whole province in scope. Batches and the rebuild take one advisory lock, so
 * two API instances (or a rebuild) never interleave their deltas.
 */
@Injectable()
export class DashboardProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('DashboardProjector');
  private readonly actor = systemActor('dashboard-projector');
  private readonly follower = new OutboxFollower(() => this.drain(), (err) => this.log.error(`projection failed: ${String(err)}`));
  private readonly loggedUnknown = new Set<string>();
  /** Events of a type the projector does not know, since the process started. */
  unknownEvents = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.projectorEnabled === false) return;
    // The directory has no events: its counts are refreshed when the projector starts.
    this.follower.start(this.outbox, Math.max(this.config.outboxPollMs, 1000),
      () => this.population().catch((err) => this.log.error(`population refresh failed: ${String(err)}`)));
  }

  onApplicationShutdown(): Promise<void> {
    return this.follower.stop();
  }

  /** Projects everything unprojected now. */
  async drain(): Promise<DrainResult> {
    const total: DrainResult = { events: 0, items: 0, unknownEvents: 0 };
    for (;;) {
      const r = await this.projectBatch();
      total.events += r.events;
      total.items += r.items;
      total.unknownEvents += r.unknownEvents;
      if (r.events < BATCH || this.follower.stopping) break;
    }
    // Caught up: the coverage and campaign rows the batches touched, once.
    await this.uow.run(this.actor, async (em) => {
      const [{ any }] = await em.execute<{ any: boolean }[]>(`select exists (select 1 from dash_pending) as any`);
      if (!any) return;
      await em.execute(`select pg_advisory_xact_lock(?)`, [PROJECTOR_LOCK]);
      await flushPending(em);
    });
    return total;
  }

  private async projectBatch(): Promise<DrainResult> {
    const { result } = await this.uow.run(this.actor, async (em) => {
      await em.execute(`select pg_advisory_xact_lock(?)`, [PROJECTOR_LOCK]);
      const rows = await em.execute<{ id: string; event_type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown> | null }[]>(
        `select id, event_type, aggregate_type, aggregate_id, payload from outbox_message
          where projected_at is null order by seq limit ${BATCH} for update skip locked`);
      if (!rows.length) return { events: 0, items: 0, unknownEvents: 0 };
      const refs: Ref[] = [];
      let unknown = 0;
      for (const row of rows) {
        const event: OutboxEvent = { eventType: row.event_type, aggregateType: row.aggregate_type, aggregateId: row.aggregate_id, payload: row.payload ?? {} };
        const map = EVENT_MAP[event.eventType];
        if (!map) {
          unknown += 1;
          if (!this.loggedUnknown.has(event.eventType)) {
            this.loggedUnknown.add(event.eventType);
            this.log.warn(`unknown event type ${event.eventType} (${event.aggregateType}): marked projected, not counted`);
          }
          continue;
        }
        refs.push(...map(event));
      }
      const items = await resolveRefs(em, refs);
      const kinds = new Set(await availableKinds(em));
      let n = 0;
      for (const kind of FACT_KINDS) {
        const ids = items.get(kind);
        if (!ids?.size || !kinds.has(kind)) continue;
        await refreshItems(em, kind, [...ids]);
        n += ids.size;
      }
      await em.execute(`update outbox_message set projected_at = now() where id = any(?::uuid[])`, [`{${rows.map((r) => r.id).join(',')}}`]);
      return { events: rows.length, items: n, unknownEvents: unknown };
    });
    this.unknownEvents += result.unknownEvents;
    return result;
  }

  /** Recomputes the facts of some items now (tests, repairs). */
  async refresh(kind: FactKind, ids: string[]): Promise<number> {
    const { result } = await this.uow.run(this.actor, async (em) => {
      await em.execute(`select pg_advisory_xact_lock(?)`, [PROJECTOR_LOCK]);
      const n = await refreshItems(em, kind, ids);
      await flushPending(em);
      return n;
    });
    return result;
  }

  /** The whole read model from the records (the CLI's rebuild-dashboards does the same on the owner's connection). */
  async rebuild(): Promise<RebuildCounts & { ms: number }> {
    const started = performance.now();
    const { result } = await this.uow.run(this.actor, async (em) => {
      await em.execute(`select pg_advisory_xact_lock(?)`, [PROJECTOR_LOCK]);
      return rebuildAll(em, { truncate: false });
    });
    return { ...result, ms: Math.round(performance.now() - started) };
  }

  async population(): Promise<number> {
    const { result } = await this.uow.run(this.actor, async (em) => {
      await em.execute(`select pg_advisory_xact_lock(?)`, [PROJECTOR_LOCK]);
      return refreshPopulation(em);
    });
    return result;
  }
}
