import { Injectable } from '@nestjs/common';
import { UnitOfWork } from './unit-of-work.js';

/**
 * A context's repository: SQL on the unit of work's connection, so row-level security scopes every
 * statement to the actor (ADR 0004, ADR 0013). `q` runs one statement and returns its rows.
 */
@Injectable()
export abstract class SqlRepository {
  constructor(protected readonly uow: UnitOfWork) {}

  q<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.uow.em.execute<T[]>(sql, params);
  }
}
