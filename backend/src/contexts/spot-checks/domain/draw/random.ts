import { createHash } from 'node:crypto';

const TWO_32 = 4294967296;

/**
 * SHA-256 in counter mode over the 32 seed bytes: block_i = sha256(seed ‖ uint64be(i)), i = 0, 1, …;
 * each block gives eight 32-bit big-endian words, consumed in order.
 */
export class Drbg {
  private readonly input: Buffer;
  private block: Buffer = Buffer.alloc(0);
  private word = 8;
  private counter = 0n;

  constructor(seedHex: string) {
    this.input = Buffer.alloc(40);
    Buffer.from(seedHex, 'hex').copy(this.input, 0);
  }

  nextWord(): number {
    if (this.word === 8) {
      this.input.writeBigUInt64BE(this.counter, 32);
      this.counter += 1n;
      this.block = createHash('sha256').update(this.input).digest();
      this.word = 0;
    }
    const w = this.block.readUInt32BE(this.word * 4);
    this.word += 1;
    return w;
  }

  /**
   * A uniform integer in [0, n), 1 ≤ n ≤ 2^32: draws words w until w < 2^32 − (2^32 mod n) and
   * returns w mod n (at least one word is always consumed, also for n = 1).
   */
  below(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`Drbg.below: ${n}`);
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const w = this.nextWord();
      if (w < limit) return w % n;
    }
  }
}

/** A Fenwick (binary indexed) tree over non-negative integer weights, 0-based positions. */
export class Fenwick {
  private readonly tree: Float64Array;
  private readonly top: number;
  total = 0;

  constructor(readonly size: number, weights?: ArrayLike<number>) {
    this.tree = new Float64Array(size + 1);
    let top = 1;
    while (top * 2 <= size) top *= 2;
    this.top = top;
    if (weights) {
      // Linear-time construction.
      for (let i = 1; i <= size; i++) {
        this.tree[i] += weights[i - 1];
        this.total += weights[i - 1];
        const parent = i + (i & -i);
        if (parent <= size) this.tree[parent] += this.tree[i];
      }
    }
  }

  add(position: number, delta: number): void {
    this.total += delta;
    for (let i = position + 1; i <= this.size; i += i & -i) this.tree[i] += delta;
  }

  /** The position p whose cumulative range [prefix(p), prefix(p) + weight(p)) contains r, 0 ≤ r < total. */
  find(r: number): number {
    let pos = 0;
    let rest = r;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size && this.tree[next] <= rest) {
        pos = next;
        rest -= this.tree[next];
      }
    }
    return pos;
  }
}
