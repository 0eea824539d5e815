import { randomBytes } from 'node:crypto';
import { kekId, openEnvelope, rewrapEnvelope, sealEnvelope } from '../../src/contexts/tips/infrastructure/tip-crypto.js';
import { sealVersion1 } from '../support/tip-envelope-v1.js';

// Key rotation of the tips' envelope encryption (issue 17): envelopes name their KEK (version 2); the
// envelopes sealed before (version 1, no key id) still open; re-wrapping moves the data key under the
// current KEK without touching the data, is a no-op the second time, and never yields an envelope that
// does not open; a key that is not in the ring is refused.

const OLD = randomBytes(32);
const NEW = randomBytes(32);
const REPORTER = { name: '王五', phone: '13800000000', idNumber: null };

describe('tips KEK rotation', () => {
  it('a version-1 envelope (no key id) opens with its key alone or in a ring, and not with another key', () => {
    const v1 = sealVersion1(OLD, 'tip-1', REPORTER);
    expect(openEnvelope(OLD, 'tip-1', v1)).toEqual(REPORTER);
    expect(openEnvelope([NEW, OLD], 'tip-1', v1)).toEqual(REPORTER);
    expect(() => openEnvelope([NEW], 'tip-1', v1)).toThrow('no configured key opens the envelope');
    expect(() => openEnvelope([NEW, OLD], 'tip-2', v1)).toThrow();
  });

  it('a new envelope names its key: opened by that key of the ring, refused when the key is not configured', () => {
    const v2 = sealEnvelope(OLD, 'tip-1', REPORTER);
    expect(v2[0]).toBe(2);
    expect(v2.subarray(1, 9).equals(kekId(OLD))).toBe(true);
    expect(openEnvelope([NEW, OLD], 'tip-1', v2)).toEqual(REPORTER);
    expect(() => openEnvelope([NEW], 'tip-1', v2)).toThrow('not configured');
    // the id is not a way around the tag: a forged id of the right key over another key's wrap fails
    const forged = Buffer.from(sealEnvelope(NEW, 'tip-1', REPORTER));
    kekId(OLD).copy(forged, 1);
    expect(() => openEnvelope([NEW, OLD], 'tip-1', forged)).toThrow();
  });

  it('re-wrapping puts the data key under the current key (data untouched); then the new key alone opens it; the second time changes nothing', () => {
    for (const sealed of [sealVersion1(OLD, 'tip-1', REPORTER), sealEnvelope(OLD, 'tip-1', REPORTER)]) {
      const rewrapped = rewrapEnvelope([NEW, OLD], 'tip-1', sealed)!;
      expect(rewrapped).not.toBeNull();
      expect(rewrapped.subarray(1, 9).equals(kekId(NEW))).toBe(true);
      expect(openEnvelope(NEW, 'tip-1', rewrapped)).toEqual(REPORTER);
      expect(() => openEnvelope(OLD, 'tip-1', rewrapped)).toThrow();
      // the body (data under the data key) is the same bytes: only the wrap changed
      expect(rewrapped.subarray(rewrapped.length - 40).equals(sealed.subarray(sealed.length - 40))).toBe(true);
      expect(rewrapEnvelope([NEW, OLD], 'tip-1', rewrapped)).toBeNull();
      expect(rewrapEnvelope([NEW], 'tip-1', rewrapped)).toBeNull();
    }
  });

  it('refuses to re-wrap what no configured key opens, or an altered envelope, and an unknown version', () => {
    const sealed = sealEnvelope(OLD, 'tip-1', REPORTER);
    expect(() => rewrapEnvelope([NEW], 'tip-1', sealed)).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1]! ^= 1;
    expect(() => rewrapEnvelope([NEW, OLD], 'tip-1', altered)).toThrow();
    expect(() => openEnvelope([OLD], 'tip-1', Buffer.concat([Buffer.from([3]), sealed.subarray(1)]))).toThrow('unknown envelope version');
  });
});
