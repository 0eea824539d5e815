import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { SHA256_ABC } from '../testing/spot-check-fakes';
import { sha256Hex, sha256HexSync, utf8 } from './sha256';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256 (witness commitments)', () => {
  it('matches the FIPS test vectors', () => {
    expect(sha256HexSync('abc')).toBe(SHA256_ABC);
    expect(sha256HexSync('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexSync('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it.each(['纪检监督员的密钥', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), '🎲 beacon 2027-09-03 ' + 'é'.repeat(300)])(
    'agrees with node:crypto on sample %# (UTF-8, block boundaries)',
    (text) => {
      expect(sha256HexSync(text)).toBe(nodeSha256(text));
    },
  );

  it('encodes UTF-8 like TextEncoder', () => {
    expect([...utf8('a€𝄞')]).toEqual([0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9d, 0x84, 0x9e]);
  });

  it('uses Web Crypto when present and falls back to the pure implementation without it', async () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    try {
      const digest = jest.fn(async (_algorithm: string, data: Uint8Array): Promise<ArrayBuffer> => {
        const bytes = createHash('sha256').update(Buffer.from(data)).digest();
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      });
      Object.defineProperty(globalThis, 'crypto', { configurable: true, value: { subtle: { digest } } });
      expect(await sha256Hex('abc')).toBe(SHA256_ABC);
      expect(digest).toHaveBeenCalledWith('SHA-256', expect.anything());

      Object.defineProperty(globalThis, 'crypto', { configurable: true, value: {} });
      expect(await sha256Hex('abc')).toBe(SHA256_ABC);
    } finally {
      if (original) Object.defineProperty(globalThis, 'crypto', original);
    }
  });
});
