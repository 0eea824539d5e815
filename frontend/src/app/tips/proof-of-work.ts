// The browser's half of the public tip routes' proof of work (backend contexts/tips/infrastructure/
// proof-of-work.ts): the first nonce such that SHA-256(challenge ":" nonce) starts with `bits`
// zero bits, through Web Crypto, in batches so the page stays responsive.

/** Leading zero bits of a digest. */
export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export async function solveProofOfWork(challenge: string, bits: number, digest: (data: Uint8Array<ArrayBuffer>) => Promise<ArrayBuffer> = (d) => crypto.subtle.digest('SHA-256', d)): Promise<string> {
  const encoder = new TextEncoder();
  const BATCH = 256;
  for (let n = 0; ; n += BATCH) {
    const hashes = await Promise.all(Array.from({ length: BATCH }, (_, i) => digest(encoder.encode(`${challenge}:${n + i}`))));
    const hit = hashes.findIndex((h) => leadingZeroBits(new Uint8Array(h)) >= bits);
    if (hit >= 0) return String(n + hit);
  }
}
