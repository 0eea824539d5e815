import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

// The audit trail's outside anchor (issue 15 §7). The hash chain shows an edited or deleted entry,
// but someone with the owner's rights could rewrite an entry and recompute every hash after it. A
// signed checkpoint of the chain's head (sequence number and hash), written periodically where the
// database's owner cannot rewrite it (the attachment store's `audit-checkpoints/` prefix; in
// production a bucket with object lock), pins the history up to it: audit-verify checks that the
// entry at each checkpoint's sequence number still has the signed hash.

/** Where the checkpoints live in the attachment store. */
export const CHECKPOINT_PREFIX = 'audit-checkpoints/';

export interface AuditCheckpoint {
  version: 1;
  /** The sequence number of the last entry covered, and its hash (the chain's head then). */
  seq: number;
  hash: string;
  /** When the head was read. */
  at: string;
  /** SHA-256 of the public key (SPKI DER), first 16 hex digits: which key signed. */
  keyId: string;
  /** Ed25519 over checkpointMessage(), base64. */
  signature: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

/** What the checkpoints are kept in: the attachment store's object methods. */
export interface CheckpointStore {
  putObject(key: string, content: Buffer): Promise<void>;
  objectExists(key: string): Promise<boolean>;
  getObject(key: string): Promise<Buffer>;
  listObjects(prefix: string): Promise<string[]>;
}

/** Runs SQL as the database's owner (audit_head is not readable by the application's role). */
export interface OwnerSql {
  execute<T = Record<string, unknown>[]>(sql: string, params?: unknown[]): Promise<T>;
  transactional<T>(work: (tx: OwnerSql) => Promise<T>): Promise<T>;
}

export interface CheckpointKeys {
  privateKey: KeyObject | null;
  publicKey: KeyObject;
}

/** The Ed25519 keys from PEM files (the public one derived from the private one when not given). */
export function loadCheckpointKeys(files: { privateKeyFile: string | null; publicKeyFile: string | null }): CheckpointKeys {
  const privateKey = files.privateKeyFile ? createPrivateKey(readFileSync(files.privateKeyFile)) : null;
  const publicKey = files.publicKeyFile ? createPublicKey(readFileSync(files.publicKeyFile)) : privateKey ? createPublicKey(privateKey) : null;
  if (!publicKey) throw new Error('audit checkpoints: set AUDIT_CHECKPOINT_PRIVATE_KEY_FILE or AUDIT_CHECKPOINT_PUBLIC_KEY_FILE');
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`audit checkpoints need an Ed25519 key, got ${publicKey.asymmetricKeyType}`);
  return { privateKey, publicKey };
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** The signed bytes: a fixed label, then the fields, one a line. */
export function checkpointMessage(c: Pick<AuditCheckpoint, 'seq' | 'hash' | 'at' | 'keyId'>): Buffer {
  return Buffer.from(`fundsup audit checkpoint v1\n${c.seq}\n${c.hash}\n${c.at}\n${c.keyId}\n`, 'utf8');
}

export function signCheckpoint(head: AuditHead, at: Date, keys: CheckpointKeys): AuditCheckpoint {
  if (!keys.privateKey) throw new Error('audit checkpoints: no private key (AUDIT_CHECKPOINT_PRIVATE_KEY_FILE) to sign with');
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: keyIdOf(keys.publicKey) };
  return { version: 1, ...unsigned, signature: sign(null, checkpointMessage(unsigned), keys.privateKey).toString('base64') };
}

export function signatureValid(c: AuditCheckpoint, publicKey: KeyObject): boolean {
  try {
    return c.keyId === keyIdOf(publicKey) && verify(null, checkpointMessage(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export async function readAuditHead(owner: OwnerSql): Promise<AuditHead> {
  const [row] = await owner.execute<{ seq: string; hash: string }[]>('select seq, hash from audit_head where id = 1');
  return { seq: Number(row.seq), hash: row.hash };
}

/** Object key: sortable by time, unique per head. */
export function checkpointKey(c: AuditCheckpoint): string {
  return `${CHECKPOINT_PREFIX}${c.at.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}-${String(c.seq).padStart(12, '0')}.json`;
}

/**
 * Signs the chain's current head and writes it to the store (written once, never overwritten). A
 * retried step (same instant, same head) finds its checkpoint written already and returns it.
 */
export async function publishAuditCheckpoint(owner: OwnerSql, store: CheckpointStore, keys: CheckpointKeys, at = new Date()): Promise<AuditCheckpoint> {
  const checkpoint = signCheckpoint(await readAuditHead(owner), at, keys);
  const key = checkpointKey(checkpoint);
  if (await store.objectExists(key)) return JSON.parse((await store.getObject(key)).toString('utf8')) as AuditCheckpoint;
  await store.putObject(key, Buffer.from(`${JSON.stringify(checkpoint, null, 2)}\n`));
  return checkpoint;
}

export interface CheckpointProblem {
  key: string;
  seq: number | null;
  reason: string;
}

export interface CheckpointReport {
  checked: number;
  /** The newest checkpoint whose signature and hash hold. */
  latest: Pick<AuditCheckpoint, 'seq' | 'hash' | 'at'> | null;
  problems: CheckpointProblem[];
}

/**
 * Checks every checkpoint in the store against the trail: a valid signature by the configured key,
 * and the entry at its sequence number still carrying the signed hash. A rewrite of any entry up to
 * a checkpoint changes that hash (every hash after a rewritten entry changes), so it is reported
 * even when the chain itself verifies.
 */
export async function verifyCheckpoints(owner: OwnerSql, store: CheckpointStore, publicKey: KeyObject): Promise<CheckpointReport> {
  const keys = (await store.listObjects(CHECKPOINT_PREFIX)).filter((k) => k.endsWith('.json')).sort();
  const head = await readAuditHead(owner);
  const entryHash = (seq: number) => owner.transactional(async (tx) => {
    // the owner is subject to FORCE ROW LEVEL SECURITY too: the whole trail, not a scope
    await tx.execute(`select set_config('app.region_path', '/', true), set_config('app.organization_id', '', true)`);
    const [row] = await tx.execute<{ hash: string }[]>('select hash from audit_entry where seq = ?', [seq]);
    return row?.hash as string | undefined;
  });
  const problems: CheckpointProblem[] = [];
  let latest: CheckpointReport['latest'] = null;
  for (const key of keys) {
    let c: AuditCheckpoint;
    try {
      c = JSON.parse((await store.getObject(key)).toString('utf8')) as AuditCheckpoint;
    } catch (err) {
      problems.push({ key, seq: null, reason: `unreadable checkpoint: ${(err as Error).message}` });
      continue;
    }
    if (!signatureValid(c, publicKey)) {
      problems.push({ key, seq: Number(c.seq) || null, reason: 'signature does not verify with the configured public key' });
      continue;
    }
    if (c.seq === 0) {
      // the empty trail: nothing to compare
    } else if (c.seq > head.seq) {
      problems.push({ key, seq: c.seq, reason: `the trail ends at entry ${head.seq}, before this checkpoint's entry ${c.seq}: entries were removed` });
      continue;
    } else {
      const hash = await entryHash(c.seq);
      if (hash === undefined) {
        problems.push({ key, seq: c.seq, reason: `entry ${c.seq} is missing` });
        continue;
      }
      if (hash !== c.hash) {
        problems.push({ key, seq: c.seq, reason: `entry ${c.seq} no longer has the hash signed at ${c.at}: the history up to it was rewritten` });
        continue;
      }
    }
    if (!latest || c.seq >= latest.seq) latest = { seq: c.seq, hash: c.hash, at: c.at };
  }
  return { checked: keys.length, latest, problems };
}
