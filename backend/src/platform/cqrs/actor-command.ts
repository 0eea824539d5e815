import { Command, Query } from '@nestjs/cqrs';
import type { Actor } from '../../kernel/actor.js';
import type { ExportSink } from '../database/sql.js';

/** A command always names who issues it: tenancy, permissions and the audit trail depend on it. */
export abstract class ActorCommand<TResult> extends Command<TResult> {
  constructor(readonly actor: Actor) {
    super();
  }
  /** What the audit trail records as the command's target, e.g. the aggregate id. */
  abstract auditTarget(): string | null;
  /** What the audit trail records of the input (no file contents, no secrets). */
  abstract auditPayload(): Record<string, unknown>;
}

/**
 * A command on one aggregate by its id: the id is what the audit trail records as the target, and
 * nothing of the input unless the command says more (override auditPayload). Subclasses keep the id
 * under their own name (`planId`, `findingId`, ...).
 */
export abstract class TargetedCommand<TResult> extends ActorCommand<TResult> {
  readonly #target: string;

  constructor(actor: Actor, target: string) {
    super(actor);
    this.#target = target;
  }
  auditTarget(): string | null {
    return this.#target;
  }
  auditPayload(): Record<string, unknown> {
    return {};
  }
}

export abstract class ActorQuery<TResult> extends Query<TResult> {
  constructor(readonly actor: Actor) {
    super();
  }
}

/** A query for one record by its id (as the request gave it: the handler checks it). */
export abstract class ByIdQuery<TResult> extends ActorQuery<TResult> {
  constructor(actor: Actor, readonly id: string) {
    super(actor);
  }
}

/** A searchable list's page: the list's parameters (`filter`), answered with the page's items and the list's total (listPageOf). */
export abstract class ListQuery<TFilter, TItem> extends ActorQuery<{ items: TItem[]; total: number }> {
  constructor(actor: Actor, readonly filter: TFilter) {
    super(actor);
  }
}

/** A list's export: the list's parameters without paging; every filtered row goes to `sink` batch by batch (exportListOf). */
export abstract class ExportQuery<TFilter, TView> extends ActorQuery<{ rows: number }> {
  constructor(actor: Actor, readonly filter: TFilter, readonly sink: ExportSink<TView>) {
    super(actor);
  }
}
