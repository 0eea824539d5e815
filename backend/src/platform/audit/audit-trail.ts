import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActorCommand } from '../cqrs/actor-command.js';

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
  async append(em: EntityManager, command: ActorCommand<unknown>, result: 'ok' | 'error', errorCode: string | null) {
    const a = command.actor;
    await em.execute(`select audit_append(?, ?, ?::text[], ?, ?, ?, ?, ?::jsonb, ?, ?)`, [
      a.userId,
      a.username,
      `{${a.roles.join(',')}}`,
      a.regionPath,
      a.organizationId,
      command.constructor.name,
      command.auditTarget(),
      JSON.stringify(command.auditPayload()),
      result,
      errorCode,
    ]);
  }
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
