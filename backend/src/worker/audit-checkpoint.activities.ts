import { MikroORM } from '@mikro-orm/postgresql';
import type { AuditCheckpointActivities } from '@fundsup/workflows/contracts';
import { ormOptions } from '../database.js';
import { AttachmentStore } from '../platform/attachments/attachment-store.js';
import { loadCheckpointKeys, publishAuditCheckpoint } from '../platform/audit/audit-checkpoint.js';
import { auditCheckpointScheduleOf } from '../platform/audit/audit-checkpoint-cycle.js';
import type { AppConfig } from '../platform/config/config.js';

/**
 * The daily checkpoint's steps. Publishing reads the chain's head, which only the database's owner
 * may (DATABASE_URL, as audit-verify does): a short-lived owner connection, once a day.
 */
export function createAuditCheckpointActivities(config: AppConfig): AuditCheckpointActivities {
  return {
    async auditCheckpointSchedule({ at }) {
      return auditCheckpointScheduleOf(new Date(at));
    },
    async publishAuditCheckpoint({ at }) {
      if (!config.auditCheckpoint) throw new Error('no checkpoint key: set AUDIT_CHECKPOINT_PRIVATE_KEY_FILE for the worker');
      const orm = await MikroORM.init(ormOptions(config.databaseUrl));
      try {
        const c = await publishAuditCheckpoint(orm.em.fork(), new AttachmentStore(config), loadCheckpointKeys(config.auditCheckpoint), new Date(at));
        return { seq: c.seq, hash: c.hash, at: c.at };
      } finally {
        await orm.close();
      }
    },
  };
}
