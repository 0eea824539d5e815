import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActorCommand } from '../cqrs/actor-command.js';
import { storableText } from '../database/sql.js';

export interface AuditVerification {
  ok: boolean;
  entries: number;
  brokenSeq: number | null;
  reason: string | null;
}

/**
 * Appends to the hash-chained audit trail through audit_append() (SECURITY DEFINER), which the
 * application role may call but whose table it can neither update nor delete from.
 */
@Injectable()
export class AuditTrail {
  async append(em: EntityManager, command: ActorCommand<unknown>, result: 'ok' | 'error', errorCode: string | null, payload?: Record<string, unknown>) {
    const a = command.actor;
    const text = (v: string | null) => (v === null ? null : storableText(v));
    await em.execute(`select audit_append(?, ?, ?::text[], ?, ?, ?, ?, ?::jsonb, ?, ?)`, [
      text(a.userId),
      text(a.username),
      `{${a.roles.join(',')}}`,
      text(a.regionPath),
      text(a.organizationId),
      command.constructor.name,
      text(command.auditTarget()),
      storableJson(payload ?? command.auditPayload()),
      result,
      errorCode,
    ]);
  }
}

/**
 * The payload as jsonb PostgreSQL accepts: every string and key with a NUL or an unpaired surrogate
 * gets U+FFFD in its place, so the entry of a command is never lost to its input (issue 15 §2; the
 * HTTP API refuses such text before a command runs, other callers may not).
 */
export function storableJson(payload: unknown): string {
  return JSON.stringify(payload ?? {}, (_key, value: unknown) => {
    if (typeof value === 'string') return storableText(value);
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), v]));
    }
    return value;
  });
}

/** Run as the owner (migrations' connection): recomputes the whole chain inside PostgreSQL. */
export async function verifyAuditTrail(ownerEm: EntityManager): Promise<AuditVerification> {
  const rows = await ownerEm.execute<{ broken_seq: string | null; reason: string | null }[]>(
    'select * from audit_verify()',
  );
  const [{ count }] = await ownerEm.execute<{ count: string }[]>(
    `select seq as count from audit_head where id = 1`,
  );
  const broken = rows[0];
  return {
    ok: !broken,
    entries: Number(count),
    brokenSeq: broken ? Number(broken.broken_seq) : null,
    reason: broken?.reason ?? null,
  };
}
