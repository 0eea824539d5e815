import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../kernel/errors.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { sha256, TipCrypto } from './tip-crypto.js';

// A CAPTCHA-free proof of work for the public tip routes (hashcash): the server issues a signed
// challenge that expires; the browser finds a nonce such that SHA-256(challenge ":" nonce) starts
// with `bits` zero bits; the server checks the signature, the expiry, the hash and that the
// challenge was not used before (this process's memory, until it expires). No third party.

const LIFETIME_MS = 10 * 60_000;

export interface PowChallenge { challenge: string; bits: number; expiresAt: string }

/** The number of leading zero bits of `hash`. */
export function leadingZeroBits(hash: Buffer): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) { bits += 8; continue; }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

const INVALID = DomainError.validation('proof_of_work_invalid', {
  zh: '安全校验未通过或已过期，请重新提交',
  en: 'the security check failed or expired: submit again',
}, { field: 'proofOfWork' });

@Injectable()
export class ProofOfWork {
  private readonly used = new Map<string, number>();
  readonly bits: number;

  constructor(private readonly crypto: TipCrypto, @Inject(APP_CONFIG) config: AppConfig) {
    this.bits = config.tips?.powBits ?? 18;
  }

  issue(): PowChallenge {
    const expires = Date.now() + LIFETIME_MS;
    const challenge = this.crypto.sign('pow', `${expires}~${this.bits}~${randomBytes(12).toString('base64url')}`);
    return { challenge, bits: this.bits, expiresAt: new Date(expires).toISOString() };
  }

  /** Spends a solved challenge; throws the bilingual 400 otherwise. */
  check(challenge: unknown, nonce: unknown): void {
    const payload = this.crypto.verify('pow', challenge);
    if (!payload || typeof nonce !== 'string' || nonce.length > 64) throw INVALID;
    const [expires, bits] = payload.split('~').map(Number) as [number, number];
    const t = Date.now();
    if (!(expires > t) || this.used.has(challenge as string)) throw INVALID;
    if (leadingZeroBits(sha256(`${challenge as string}:${nonce}`)) < bits) throw INVALID;
    for (const [c, exp] of this.used) if (exp <= t) this.used.delete(c);
    this.used.set(challenge as string, expires);
  }
}
