import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError } from '../../../kernel/errors.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';

// The tips' secrets (issue 17, reporter protection):
// - Envelope encryption: each sealed record gets its own random 256-bit data key; the data is
//   AES-256-GCM under it and the data key is itself AES-256-GCM under the key-encryption key
//   (TIPS_KEK), which the database never sees. The record's id is the associated data of both,
//   so an envelope copied onto another row does not open. Layout, version 2:
//   [2][key id 8][wrap iv 12][wrap tag 16][wrapped key 32][iv 12][tag 16][ciphertext] — the key id
//   names the KEK that wrapped the data key (the first 8 bytes of SHA-256 over a label and the key),
//   so a keyring (TIPS_KEK, then TIPS_KEK_PREVIOUS) finds it; version 1 (before key rotation) has no
//   key id: [1][wrap iv][wrap tag][wrapped key][iv][tag][ciphertext], opened by trying each key.
// - Rotation (`cli.js tips-rotate-kek`, infrastructure/tip-key-rotation.ts) re-wraps the data key
//   under the current KEK; the body (the data under the data key) is not touched.
// - The receipt code: 16 digits from the CSPRNG (GlobaLeaks' receipt), stored only as its scrypt
//   hash under a pepper — deterministic, so a lookup is one indexed equality, and slow, so the table
//   alone does not give the codes back. The pepper must outlive a rotation (the codes are never
//   stored, their hashes cannot be recomputed): it is a secret of its own, sealed in `tip_secret`
//   under the KEK and re-wrapped with everything else. Until the first rotation wrote that row, it is
//   what it always was, HMAC(KEK, label), of the oldest key of the ring (the one the codes were
//   hashed under before any rotation) — the row, once written, holds that same value.
// - Keys derived from the current KEK (HMAC with a label) sign the proof-of-work challenges and the
//   public evidence tokens: short-lived (minutes), so a rotation only voids those outstanding.

const VERSION_1 = 1;
const VERSION = 2;
const KEY_ID = 8;
const IV = 12;
const TAG = 16;
const KEY = 32;

export const TIPS_UNAVAILABLE = DomainError.unavailable('tips_unavailable', {
  zh: '举报功能暂不可用：服务器未配置举报加密密钥（TIPS_KEK）',
  en: 'tips are unavailable: the server has no key-encryption key configured (TIPS_KEK)',
});

/** An envelope no configured key opens: TIPS_KEK changed without the rotation, or the previous key removed too early. */
export const TIPS_KEY_MISSING = DomainError.unavailable('tips_key_missing', {
  zh: '无法解密：数据由未配置的举报加密密钥加密（请配置 TIPS_KEK_PREVIOUS 并执行 tips-rotate-kek）',
  en: 'cannot decrypt: sealed under a key-encryption key that is not configured (set TIPS_KEK_PREVIOUS and run tips-rotate-kek)',
});

/** Scrypt cost: N=2^14, r=8 (16 MiB, tens of milliseconds per lookup) — per attempt, for whoever guesses. */
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

function gcm(key: Buffer, data: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  const body = Buffer.concat([c.update(data), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]);
}

function ungcm(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV));
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(IV, IV + TAG));
  return Buffer.concat([d.update(sealed.subarray(IV + TAG)), d.final()]);
}

/** A KEK's id in an envelope: not secret, not reversible — SHA-256 over a label and the key, 8 bytes. */
export const kekId = (kek: Buffer) => createHash('sha256').update('fundsup tips kek id\0').update(kek).digest().subarray(0, KEY_ID);

/** Seals `value` (JSON) for the record `recordId` under a fresh data key wrapped by `kek` (version 2, with the key's id). */
export function sealEnvelope(kek: Buffer, recordId: string, value: unknown): Buffer {
  const aad = Buffer.from(`tip:${recordId}`);
  const dataKey = randomBytes(KEY);
  try {
    const wrapped = gcm(kek, dataKey, aad);
    const body = gcm(dataKey, Buffer.from(JSON.stringify(value), 'utf8'), aad);
    return Buffer.concat([Buffer.from([VERSION]), kekId(kek), wrapped, body]);
  } finally {
    dataKey.fill(0);
  }
}

/** An envelope's parts: which key wrapped it (null: version 1, unknown), the wrapped data key, the body. */
function partsOf(envelope: Buffer): { id: Buffer | null; wrapped: Buffer; body: Buffer } {
  const start = envelope[0] === VERSION ? 1 + KEY_ID : envelope[0] === VERSION_1 ? 1 : -1;
  if (start < 0 || envelope.length < start + IV + TAG + KEY + IV + TAG) throw new Error('unknown envelope version');
  const wrappedEnd = start + IV + TAG + KEY;
  return { id: start > 1 ? envelope.subarray(1, 1 + KEY_ID) : null, wrapped: envelope.subarray(start, wrappedEnd), body: envelope.subarray(wrappedEnd) };
}

/** The data key of an envelope and the key of `keys` that unwrapped it; throws when none does. */
function unwrap(keys: readonly Buffer[], aad: Buffer, parts: ReturnType<typeof partsOf>): { dataKey: Buffer; kek: Buffer } {
  const candidates = parts.id ? keys.filter((k) => kekId(k).equals(parts.id!)) : keys;
  for (const kek of candidates) {
    try {
      return { dataKey: ungcm(kek, parts.wrapped, aad), kek };
    } catch {
      // version 1: not this key (GCM's tag does not verify); try the next
    }
  }
  throw new Error(parts.id ? 'the envelope was sealed under a key that is not configured' : 'no configured key opens the envelope');
}

/** Opens an envelope of `sealEnvelope` (either version) with one key or a keyring; a wrong key, record or altered byte throws. */
export function openEnvelope<T>(keys: Buffer | readonly Buffer[], recordId: string, envelope: Buffer): T {
  const aad = Buffer.from(`tip:${recordId}`);
  const parts = partsOf(envelope);
  const { dataKey } = unwrap(Buffer.isBuffer(keys) ? [keys] : keys, aad, parts);
  try {
    return JSON.parse(ungcm(dataKey, parts.body, aad).toString('utf8')) as T;
  } finally {
    dataKey.fill(0);
  }
}

/**
 * The envelope with its data key re-wrapped under `keys[0]` (the current KEK), the body unchanged; null
 * when it already is (version 2 under the current key): what a rotation writes back, idempotent.
 */
export function rewrapEnvelope(keys: readonly Buffer[], recordId: string, envelope: Buffer): Buffer | null {
  const current = keys[0];
  if (!current) throw new Error('no current key');
  const parts = partsOf(envelope);
  if (parts.id?.equals(kekId(current))) return null;
  const aad = Buffer.from(`tip:${recordId}`);
  const { dataKey } = unwrap(keys, aad, parts);
  try {
    // the body is checked too: a re-wrapped envelope that would not open is never written
    ungcm(dataKey, parts.body, aad);
    return Buffer.concat([Buffer.from([VERSION]), kekId(current), gcm(current, dataKey, aad), parts.body]);
  } finally {
    dataKey.fill(0);
  }
}

/** HMAC-SHA256 of a label under a key: the derived keys and the pepper before the first rotation. */
export const deriveKey = (kek: Buffer, label: string) => createHmac('sha256', kek).update(`fundsup tips ${label}`).digest();

/** The receipt pepper's row in tip_secret, and the record id its envelope is sealed for. */
export const RECEIPT_PEPPER = { name: 'receipt pepper', recordId: 'secret:receipt pepper' } as const;

/** A new receipt code: 16 decimal digits, each from the CSPRNG (two draws of 8 digits: randomInt's range is below 2^48). */
export function newReceiptCode(): string {
  return `${String(randomInt(0, 1e8)).padStart(8, '0')}${String(randomInt(0, 1e8)).padStart(8, '0')}`;
}

/** A receipt code as typed: spaces and dashes dropped; anything but 16 digits is no code. */
export function normalizeReceipt(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 64) return null;
  const code = raw.replace(/[\s-]/g, '');
  return /^\d{16}$/.test(code) ? code : null;
}

@Injectable()
export class TipCrypto {
  private readonly kek: Buffer | null;
  /** The keyring: the current KEK first, then the previous ones (opening only). */
  readonly keys: readonly Buffer[];
  private pepper: Promise<Buffer> | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Optional() private readonly uow?: UnitOfWork) {
    this.kek = config.tips?.kek ?? null;
    this.keys = this.kek ? [this.kek, ...(config.tips?.previousKeks ?? [])] : [];
  }

  get available(): boolean {
    return this.kek !== null;
  }

  private key(): Buffer {
    if (!this.kek) throw TIPS_UNAVAILABLE;
    return this.kek;
  }

  /** A key for `label` derived from the KEK (HMAC-SHA256). */
  derived(label: string): Buffer {
    return deriveKey(this.key(), label);
  }

  seal(recordId: string, value: unknown): Buffer {
    return sealEnvelope(this.key(), recordId, value);
  }

  open<T>(recordId: string, envelope: Buffer): T {
    this.key();
    try {
      return openEnvelope<T>(this.keys, recordId, envelope);
    } catch {
      throw TIPS_KEY_MISSING;
    }
  }

  /**
   * The receipt codes' pepper: tip_secret's sealed row when a rotation wrote it, else (before the first
   * rotation) HMAC of the oldest key of the ring — the key the codes were hashed under. Read once a process.
   */
  private receiptPepper(): Promise<Buffer> {
    this.key();
    this.pepper ??= (async () => {
      const rows = this.uow ? await this.uow.em.execute<{ envelope: Buffer }[]>(`select envelope from tip_secret where name = ?`, [RECEIPT_PEPPER.name]) : [];
      return rows[0]
        ? Buffer.from(this.open<{ key: string }>(RECEIPT_PEPPER.recordId, rows[0].envelope).key, 'base64')
        : deriveKey(this.keys[this.keys.length - 1]!, RECEIPT_PEPPER.name);
    })().catch((err: unknown) => {
      this.pepper = null;
      throw err;
    });
    return this.pepper;
  }

  /**
   * The stored form of a receipt code: scrypt under the derived pepper. Also computed for what is
   * no code at all (then of a fixed dummy), so a malformed guess costs and answers like a wrong one.
   */
  async receiptHash(raw: unknown): Promise<string | null> {
    const code = normalizeReceipt(raw);
    const pepper = await this.receiptPepper();
    const hash = await new Promise<Buffer>((resolve, reject) =>
      scrypt(code ?? 'not-a-receipt-code', pepper, 32, SCRYPT, (err, out) => (err ? reject(err) : resolve(out))));
    return code ? hash.toString('hex') : null;
  }

  /** `payload.signature` with the derived signing key: a token the server alone can make. */
  sign(label: string, payload: string): string {
    return `${payload}.${createHmac('sha256', this.derived(label)).update(payload).digest('base64url')}`;
  }

  /** The payload of a token `sign` made, or null when it was not made so. */
  verify(label: string, token: unknown): string | null {
    if (typeof token !== 'string' || token.length > 4096) return null;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const payload = token.slice(0, dot);
    const expected = createHmac('sha256', this.derived(label)).update(payload).digest();
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? payload : null;
  }
}

/** SHA-256 of `text` as bytes. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest();
