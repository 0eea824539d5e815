import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../kernel/errors.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';

// The tips' secrets (issue 17, reporter protection):
// - Envelope encryption: each sealed record gets its own random 256-bit data key; the data is
//   AES-256-GCM under it and the data key is itself AES-256-GCM under the key-encryption key
//   (TIPS_KEK), which the database never sees. The record's id is the associated data of both,
//   so an envelope copied onto another row does not open. Layout (version 1):
//   [1][wrap iv 12][wrap tag 16][wrapped key 32][iv 12][tag 16][ciphertext].
// - The receipt code: 16 digits from the CSPRNG (GlobaLeaks' receipt), stored only as its scrypt
//   hash under a pepper derived from the KEK — deterministic, so a lookup is one indexed equality,
//   and slow, so the table alone does not give the codes back.
// - Keys derived from the KEK (HMAC with a label) sign the proof-of-work challenges and the public
//   evidence tokens.

const VERSION = 1;
const IV = 12;
const TAG = 16;
const KEY = 32;

export const TIPS_UNAVAILABLE = DomainError.unavailable('tips_unavailable', {
  zh: '举报功能暂不可用：服务器未配置举报加密密钥（TIPS_KEK）',
  en: 'tips are unavailable: the server has no key-encryption key configured (TIPS_KEK)',
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

/** Seals `value` (JSON) for the record `recordId` under a fresh data key wrapped by `kek`. */
export function sealEnvelope(kek: Buffer, recordId: string, value: unknown): Buffer {
  const aad = Buffer.from(`tip:${recordId}`);
  const dataKey = randomBytes(KEY);
  try {
    const wrapped = gcm(kek, dataKey, aad);
    const body = gcm(dataKey, Buffer.from(JSON.stringify(value), 'utf8'), aad);
    return Buffer.concat([Buffer.from([VERSION]), wrapped, body]);
  } finally {
    dataKey.fill(0);
  }
}

/** Opens an envelope of `sealEnvelope`; a wrong key, record or altered byte throws. */
export function openEnvelope<T>(kek: Buffer, recordId: string, envelope: Buffer): T {
  if (envelope[0] !== VERSION) throw new Error('unknown envelope version');
  const aad = Buffer.from(`tip:${recordId}`);
  const wrappedEnd = 1 + IV + TAG + KEY;
  const dataKey = ungcm(kek, envelope.subarray(1, wrappedEnd), aad);
  try {
    return JSON.parse(ungcm(dataKey, envelope.subarray(wrappedEnd), aad).toString('utf8')) as T;
  } finally {
    dataKey.fill(0);
  }
}

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

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.kek = config.tips?.kek ?? null;
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
    return createHmac('sha256', this.key()).update(`fundsup tips ${label}`).digest();
  }

  seal(recordId: string, value: unknown): Buffer {
    return sealEnvelope(this.key(), recordId, value);
  }

  open<T>(recordId: string, envelope: Buffer): T {
    return openEnvelope<T>(this.key(), recordId, envelope);
  }

  /**
   * The stored form of a receipt code: scrypt under the derived pepper. Also computed for what is
   * no code at all (then of a fixed dummy), so a malformed guess costs and answers like a wrong one.
   */
  async receiptHash(raw: unknown): Promise<string | null> {
    const code = normalizeReceipt(raw);
    const pepper = this.derived('receipt pepper');
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
