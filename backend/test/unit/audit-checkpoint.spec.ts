import { generateKeyPairSync } from 'node:crypto';
import { auditCheckpointScheduleOf } from '../../src/platform/audit/audit-checkpoint-cycle.js';
import { signatureValid, signCheckpoint } from '../../src/platform/audit/audit-checkpoint.js';

describe('audit checkpoint schedule', () => {
  it('is ten past midnight China time (16:10 UTC), the next one strictly after the instant', () => {
    expect(auditCheckpointScheduleOf(new Date('2026-12-07T15:00:00Z')).publishAt).toBe('2026-12-07T16:10:00.000Z');
    expect(auditCheckpointScheduleOf(new Date('2026-12-07T16:10:00Z')).publishAt).toBe('2026-12-08T16:10:00.000Z');
    expect(auditCheckpointScheduleOf(new Date('2026-12-07T17:00:00Z')).publishAt).toBe('2026-12-08T16:10:00.000Z');
  });
});

describe('checkpoint signature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const c = signCheckpoint({ seq: 42, hash: 'a'.repeat(64) }, new Date('2026-12-07T16:10:00Z'), { privateKey, publicKey });

  it('verifies with the public key', () => {
    expect(signatureValid(c, publicKey)).toBe(true);
  });

  it('fails when any signed field is changed, or with another key', () => {
    expect(signatureValid({ ...c, seq: 41 }, publicKey)).toBe(false);
    expect(signatureValid({ ...c, hash: 'b'.repeat(64) }, publicKey)).toBe(false);
    expect(signatureValid({ ...c, at: '2026-12-08T16:10:00.000Z' }, publicKey)).toBe(false);
    expect(signatureValid(c, generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });
});
