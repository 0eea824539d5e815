import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/database.js';
import { AttachmentStore } from '../../src/platform/attachments/attachment-store.js';
import { CHECKPOINT_PREFIX, publishAuditCheckpoint, loadCheckpointKeys } from '../../src/platform/audit/audit-checkpoint.js';
import { auditVerify } from '../../src/platform/audit/audit-verify-command.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { USERS } from '../support/tokens.js';

// Issue 15 §7: the hash chain alone cannot show a history rewritten by someone with the owner's
// rights who recomputes every hash; a signed checkpoint of the chain's head, kept outside the
// database, does.

function keyFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'audit-key-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privateKeyFile = join(dir, 'private.pem');
  const publicKeyFile = join(dir, 'public.pem');
  writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return { privateKeyFile, publicKeyFile };
}

let t: TestApp;
let orm: MikroORM;
let store: AttachmentStore;
const signing = keyFiles();
/** What an auditor holds: the public key only. */
const auditor = { auditCheckpoint: { privateKeyFile: null, publicKeyFile: signing.publicKeyFile } };

const notice = (title: string) => t.call(USERS.nanjing, 'POST', '/api/notices', { recipientOrgId: 'agency-320102', title, body: '请按期报送。', workingDays: 5 });

/** What an owner who wants to hide entry `seq` does: edit it, then recompute every hash after it and the head. */
async function rewriteHistory(seq: number) {
  await ownerQuery(t.db, `
    do $$
    declare e audit_entry; prev text := repeat('0', 64); h text;
    begin
      set local session_replication_role = replica;  -- the append-only trigger does not fire
      update audit_entry set payload = payload || '{"title":"（已篡改）"}'::jsonb where seq = ${seq};
      for e in select * from audit_entry order by seq loop
        h := encode(sha256(convert_to(prev || '|' || audit_canonical(e), 'UTF8')), 'hex');
        update audit_entry set prev_hash = prev, hash = h where seq = e.seq;
        prev := h;
      end loop;
      update audit_head set hash = prev where id = 1;
    end $$`);
}

beforeAll(async () => {
  t = await startTestApp();
  orm = await openOrm(t.db.ownerUrl);
  store = new AttachmentStore(t.config);
  for (const title of ['第一份通知', '第二份通知', '第三份通知']) expect((await notice(title)).status).toBe(201);
});
afterAll(async () => {
  await orm?.close();
  await t?.close();
});

it('a checkpoint signs the head; audit-verify checks it with the public key alone', async () => {
  const c = await publishAuditCheckpoint(orm.em.fork(), store, loadCheckpointKeys({ privateKeyFile: signing.privateKeyFile, publicKeyFile: null }));
  const [head] = await ownerQuery<{ seq: string; hash: string }>(t.db, 'select seq, hash from audit_head');
  expect(c).toMatchObject({ seq: Number(head.seq), hash: head.hash });
  expect(c.seq).toBeGreaterThanOrEqual(3);
  expect(await store.listObjects(CHECKPOINT_PREFIX)).toHaveLength(1);

  // more entries after the checkpoint are fine
  expect((await notice('第四份通知')).status).toBe(201);
  const result = await auditVerify(orm.em.fork(), auditor, store);
  expect(result.ok).toBe(true);
  expect(result.checkpoints).toMatchObject({ checked: 1, problems: [], latest: { seq: c.seq, hash: c.hash } });
});

it('a checkpoint signed by another key does not count', async () => {
  const forger = keyFiles();
  const forged = await publishAuditCheckpoint(orm.em.fork(), store, loadCheckpointKeys({ privateKeyFile: forger.privateKeyFile, publicKeyFile: null }),
    new Date(Date.now() + 1_000));
  const result = await auditVerify(orm.em.fork(), auditor, store);
  expect(result.ok).toBe(false);
  expect(result.checkpoints!.problems).toEqual([expect.objectContaining({ seq: forged.seq, reason: expect.stringContaining('signature') })]);
  // remove the forged one again for the next test (the test's folder, not a real store)
  const { rmSync } = await import('node:fs');
  const keys = await store.listObjects(CHECKPOINT_PREFIX);
  rmSync(join(t.config.attachmentsDir, keys.sort()[keys.length - 1]));
});

it('history rewritten before a checkpoint, every hash recomputed, is detected although the chain verifies', async () => {
  await rewriteHistory(2);
  const result = await auditVerify(orm.em.fork(), auditor, store);
  // the chain itself is consistent again: this is what the checkpoint is for
  expect(result.brokenSeq).toBeNull();
  expect(result.ok).toBe(false);
  expect(result.checkpoints!.problems).toEqual([
    expect.objectContaining({ reason: expect.stringMatching(/no longer has the hash signed at .*rewritten/) }),
  ]);
});
