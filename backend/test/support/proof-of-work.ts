import { createHash } from 'node:crypto';

/** A nonce solving a proof-of-work challenge of the public tip routes (contexts/tips/infrastructure/proof-of-work.ts). */
/** The first solving nonce from `from` on (so `solvePow(c, b, n) !== String(n)` says n does not solve). */
export function solvePow(challenge: string, bits: number, from = 0): string {
  for (let n = from; ; n++) {
    const h = createHash('sha256').update(`${challenge}:${n}`).digest();
    let zeros = 0;
    for (const byte of h) {
      if (byte === 0) { zeros += 8; continue; }
      zeros += Math.clz32(byte) - 24;
      break;
    }
    if (zeros >= bits) return String(n);
  }
}
