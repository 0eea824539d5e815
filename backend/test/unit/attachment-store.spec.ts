import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachmentStore } from '../../src/platform/attachments/attachment-store.js';
import type { AppConfig } from '../../src/platform/config/config.js';
import { DomainError } from '../../src/kernel/errors.js';

let store: AttachmentStore;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'att-'));
  store = new AttachmentStore({ attachmentsDir: dir, attachmentMaxBytes: 1024 } as AppConfig);
});

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

it('accepts files whose content matches their extension', () => {
  expect(store.check('a.pdf', Buffer.from('%PDF-1.4 x'))).toBe('application/pdf');
  expect(store.check('照片.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  expect(store.check('报表.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).toBe('application/zip');
});

it('refuses empty, oversized, unknown and disguised files with specific codes', () => {
  expect(code(() => store.check('a.pdf', Buffer.alloc(0)))).toBe('attachment_empty');
  expect(code(() => store.check('a.pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(2000)])))).toBe('attachment_too_large');
  expect(code(() => store.check('run.exe', Buffer.from('MZ')))).toBe('attachment_type_not_allowed');
  expect(code(() => store.check('a.pdf', Buffer.from('<html>')))).toBe('attachment_type_not_allowed');
});

it('stores by content hash and detects a changed file on read', async () => {
  const a = await store.put('a.pdf', Buffer.from('%PDF-1.4 same'));
  const b = await store.put('b.pdf', Buffer.from('%PDF-1.4 same'));
  expect(a.storageKey).toBe(b.storageKey);
  expect((await store.get(a.storageKey, a.sha256)).toString()).toBe('%PDF-1.4 same');
  await expect(store.get(a.storageKey, '0'.repeat(64))).rejects.toThrow(/does not match/);
});
