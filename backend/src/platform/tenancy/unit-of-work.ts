import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { tenantScopeOf, type Actor } from '../../kernel/actor.js';
import { pullEvents, type DomainEvent } from '../../kernel/aggregate.js';

interface UnitOfWorkState {
  actor: Actor;
  em: EntityManager;
  aggregates: Set<object>;
  /** Run once the transaction has committed, in the order registered (never after a rollback). */
  afterCommit: (() => void)[];
}

const current = new AsyncLocalStorage<UnitOfWorkState>();

/**
 * One transaction per command or query, opened in the actor's tenant scope. The scope is given to
 * PostgreSQL with set_config(..., true) — the SET LOCAL of a parameterized statement — so row-level
 * security applies to every statement of the transaction: it is the tenant guarantee (ADR 0004).
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly orm: MikroORM) {}

  get em(): EntityManager {
    return this.state().em;
  }

  get actor(): Actor {
    return this.state().actor;
  }

  /**
   * Something to do in this process only once the unit has committed (e.g. put a new calendar in
   * force): nothing of an uncommitted or rolled-back transaction may be seen outside it.
   */
  afterCommit(fn: () => void): void {
    this.state().afterCommit.push(fn);
  }

  /** Aggregates whose recorded events must reach the outbox when the unit commits. */
  track<T extends object>(aggregate: T): T {
    this.state().aggregates.add(aggregate);
    return aggregate;
  }

  async run<T>(
    actor: Actor,
    work: (em: EntityManager) => Promise<T>,
    beforeCommit?: (em: EntityManager, events: DomainEvent[]) => Promise<void>,
  ): Promise<{ result: T; events: DomainEvent[] }> {
    const scope = tenantScopeOf(actor);
    const em = this.orm.em.fork({ clear: true });
    const afterCommit: (() => void)[] = [];
    const out = await em.transactional(async (tx) => {
      // app.actor_org / app.actor_org_kind: who acts, for policies narrower than the region scope
      // (an agency reads only its own internal-control audits, not those of the agencies below it).
      await tx.execute(
        `select set_config('app.region_path', ?, true), set_config('app.organization_id', ?, true),
                set_config('app.actor_org', ?, true), set_config('app.actor_org_kind', ?, true)`,
        [scope.regionPath, scope.organizationId, actor.organizationId, actor.organizationKind],
      );
      const state: UnitOfWorkState = { actor, em: tx, aggregates: new Set(), afterCommit };
      const result = await current.run(state, () => work(tx));
      // Every statement ran as it was issued (SQL on this connection; the ORM maps no entity, so
      // there is nothing to flush): the tracked aggregates' events go to the outbox last.
      const events = [...state.aggregates].flatMap((a) => pullEvents(a));
      if (beforeCommit) await beforeCommit(tx, events);
      return { result, events };
    });
    for (const fn of afterCommit) fn();
    return out;
  }

  private state(): UnitOfWorkState {
    const s = current.getStore();
    if (!s) throw new Error('no unit of work: run commands through Commands and queries through Queries');
    return s;
  }
}
