import type { EntityManager } from '@mikro-orm/postgresql';
import { deriveKey, RECEIPT_PEPPER, rewrapEnvelope, sealEnvelope } from './tip-crypto.js';

// Rotation of the tips' key-encryption key (contexts/tips/README.md "Key rotation"): `cli.js
// tips-rotate-kek`, on the owner's connection, with TIPS_KEK = the new key and TIPS_KEK_PREVIOUS = the
// old one(s). First the receipt pepper (tip_secret): written, sealed under the new key, with the value
// the codes were hashed under (HMAC of the oldest key) when no rotation wrote it yet, else re-wrapped.
// Then every tip's reporter and payee envelopes, in batches by id, each batch its own transaction:
// a stopped run is resumed by running it again, and what is already under the current key is left
// as it is (idempotent). Only the wrapped data keys change; the sealed data is not touched.

export interface TipKeyRotation {
  pepper: 'written' | 'rewrapped' | 'current';
  tips: number;
  envelopesRewrapped: number;
  envelopesCurrent: number;
  batches: number;
}

const LOCK = `select pg_advisory_xact_lock(hashtextextended('fundsup tips-rotate-kek', 0))`;
/** The owner is subject to the forced row-level security too: the whole suite in scope. */
const WHOLE_SUITE = `select set_config('app.region_path', '/', true), set_config('app.organization_id', '', true)`;

export async function rotateTipKeys(em: EntityManager, keys: readonly Buffer[], options: { batchSize?: number; log?: (line: string) => void } = {}): Promise<TipKeyRotation> {
  const current = keys[0];
  if (!current) throw new Error('TIPS_KEK is not set: the new key-encryption key is needed');
  const batchSize = options.batchSize ?? 200;
  const result: TipKeyRotation = { pepper: 'current', tips: 0, envelopesRewrapped: 0, envelopesCurrent: 0, batches: 0 };

  result.pepper = await em.fork().transactional(async (tx) => {
    await tx.execute(LOCK);
    const [row] = await tx.execute<{ envelope: Buffer }[]>(`select envelope from tip_secret where name = ? for update`, [RECEIPT_PEPPER.name]);
    if (!row) {
      const pepper = deriveKey(keys[keys.length - 1]!, RECEIPT_PEPPER.name);
      await tx.execute(`insert into tip_secret (name, envelope) values (?, ?)`,
        [RECEIPT_PEPPER.name, sealEnvelope(current, RECEIPT_PEPPER.recordId, { key: pepper.toString('base64') })]);
      return 'written' as const;
    }
    const next = rewrapEnvelope(keys, RECEIPT_PEPPER.recordId, row.envelope);
    if (!next) return 'current' as const;
    await tx.execute(`update tip_secret set envelope = ? where name = ?`, [next, RECEIPT_PEPPER.name]);
    return 'rewrapped' as const;
  });
  options.log?.(`receipt pepper: ${result.pepper}`);

  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await em.fork().transactional(async (tx) => {
      await tx.execute(LOCK);
      await tx.execute(WHOLE_SUITE);
      const batch = await tx.execute<{ id: string; reporter_envelope: Buffer | null; payee_envelope: Buffer | null }[]>(
        `select id::text as id, reporter_envelope, payee_envelope from tip where id > ?::uuid order by id limit ? for update`, [after, batchSize]);
      for (const r of batch) {
        const next = [
          r.reporter_envelope ? rewrapEnvelope(keys, r.id, r.reporter_envelope) : null,
          r.payee_envelope ? rewrapEnvelope(keys, `${r.id}:payee`, r.payee_envelope) : null,
        ];
        const present = [r.reporter_envelope, r.payee_envelope].filter(Boolean).length;
        const changed = next.filter(Boolean).length;
        result.envelopesRewrapped += changed;
        result.envelopesCurrent += present - changed;
        if (changed) {
          await tx.execute(`update tip set reporter_envelope = coalesce(?, reporter_envelope), payee_envelope = coalesce(?, payee_envelope) where id = ?::uuid`,
            [next[0], next[1], r.id]);
        }
      }
      return batch;
    });
    if (!rows.length) break;
    result.batches += 1;
    result.tips += rows.length;
    after = rows[rows.length - 1]!.id;
    options.log?.(`batch ${result.batches}: ${result.tips} tips so far, up to ${after}`);
  }
  return result;
}
