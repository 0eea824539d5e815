import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig, type AppConfig } from '../config/config.js';
import { AttachmentStore } from '../attachments/attachment-store.js';
import { verifyAuditTrail, type AuditVerification } from './audit-trail.js';
import {
  loadCheckpointKeys,
  publishAuditCheckpoint,
  verifyCheckpoints,
  type AuditCheckpoint,
  type CheckpointReport,
  type CheckpointStore,
} from './audit-checkpoint.js';

export interface AuditVerifyResult extends AuditVerification {
  /** null when no checkpoint key is configured (the chain alone is checked). */
  checkpoints: CheckpointReport | null;
}

type Checkpointing = Pick<AppConfig, 'auditCheckpoint'>;

/** The chain, then every signed checkpoint against it; ok only when both hold. */
export async function auditVerify(owner: EntityManager, config: Checkpointing, store: CheckpointStore): Promise<AuditVerifyResult> {
  const chain = await verifyAuditTrail(owner);
  if (!config.auditCheckpoint) return { ...chain, checkpoints: null };
  const { publicKey } = loadCheckpointKeys(config.auditCheckpoint);
  const checkpoints = await verifyCheckpoints(owner, store, publicKey);
  return { ...chain, ok: chain.ok && checkpoints.problems.length === 0, checkpoints };
}

export async function auditCheckpointNow(owner: EntityManager, config: Checkpointing, store: CheckpointStore): Promise<AuditCheckpoint> {
  if (!config.auditCheckpoint) throw new Error('no checkpoint key: set AUDIT_CHECKPOINT_PRIVATE_KEY_FILE (README "Configuration")');
  return publishAuditCheckpoint(owner, store, loadCheckpointKeys(config.auditCheckpoint));
}

/** The attachment store and checkpoint keys of the application's environment (the CLI's). */
export function checkpointSetupFromEnv(): { config: Checkpointing; store: AttachmentStore } {
  const config = loadConfig();
  return { config, store: new AttachmentStore(config) };
}

/** Human lines for audit-verify, after its JSON. */
export function describe(result: AuditVerifyResult): string[] {
  const lines = [result.brokenSeq === null
    ? `chain: ${result.entries} entries, every hash verifies`
    : `chain: BROKEN at entry ${result.brokenSeq} (${result.reason})`];
  const c = result.checkpoints;
  if (!c) {
    lines.push('checkpoints: no key configured (AUDIT_CHECKPOINT_PUBLIC_KEY_FILE): a rewrite of the whole chain would go unnoticed');
  } else {
    lines.push(`checkpoints: ${c.checked} checked${c.latest ? `, latest signed at ${c.latest.at}: entry ${c.latest.seq} ${c.latest.hash}` : ''}`);
    for (const p of c.problems) lines.push(`  ✗ ${p.key}: ${p.reason}`);
  }
  return lines;
}
