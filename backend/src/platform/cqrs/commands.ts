import { Injectable, Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { UnitOfWork } from '../tenancy/unit-of-work.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { Outbox } from '../outbox/outbox.js';
import { DomainError } from '../../kernel/errors.js';
import { isDataException } from '../database/sql.js';
import type { ActorCommand, ActorQuery } from './actor-command.js';

/**
 * The only way commands run: one tenant-scoped transaction that holds the aggregate change, its
 * outbox rows and its audit entry, so none of them exists without the others. A failed command
 * leaves nothing but an 'error' audit entry, written in a transaction of its own.
 */
@Injectable()
export class Commands {
  private readonly log = new Logger('Commands');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly commandBus: CommandBus,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async execute<R>(command: ActorCommand<R>): Promise<R> {
    try {
      const { result } = await this.uow.run(
        command.actor,
        () => this.commandBus.execute(command) as Promise<R>,
        async (em, events) => {
          await this.outbox.store(em, events);
          await this.audit.append(em, command, 'ok', null);
        },
      );
      // Reactions to the events go through the outbox (workflows, the dashboards' projector), never
      // in-process: nothing would survive a crash between the commit and an in-memory handler.
      this.outbox.kick();
      return result;
    } catch (err) {
      const code = err instanceof DomainError ? err.code : isDataException(err) ? 'invalid_value' : 'internal_error';
      await this.auditFailure(command, code);
      throw err;
    }
  }

  /**
   * The 'error' entry of a failed or refused command, in a transaction of its own. Its text is made
   * storable (AuditTrail); should the entry still fail (its payload, e.g. too large), it is written
   * again without the payload, naming why, so that no refused command goes unrecorded.
   */
  private async auditFailure(command: ActorCommand<unknown>, code: string): Promise<void> {
    const name = command.constructor.name;
    let reason: string;
    try {
      await this.uow.run(command.actor, (em) => this.audit.append(em, command, 'error', code));
      return;
    } catch (auditErr) {
      reason = auditErr instanceof Error ? auditErr.message : String(auditErr);
      this.log.error(`could not audit failed ${name} with its payload, retrying without it: ${reason}`);
    }
    try {
      await this.uow.run(command.actor, (em) =>
        this.audit.append(em, command, 'error', code, { payloadNotRecorded: reason.slice(0, 200) }));
    } catch (again) {
      this.log.error(`could not audit failed ${name}: ${String(again)}`);
    }
  }
}

/** Queries run read-only in the actor's scope; the read side may query SQL directly. */
@Injectable()
export class Queries {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly queryBus: QueryBus,
  ) {}

  async execute<R>(query: ActorQuery<R>): Promise<R> {
    const { result } = await this.uow.run(query.actor, () => this.queryBus.execute(query) as Promise<R>);
    return result;
  }
}
