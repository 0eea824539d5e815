import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { NotificationMailer } from '../../src/platform/notifications/notification-mailer.js';
import { S3Client, type S3Config } from '../../src/platform/attachments/s3-client.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { sendNotice } from '../support/notices.js';
import { USERS } from '../support/tokens.js';
import { eventually } from '../support/eventually.js';

// The shared services against real counterparts: an SMTP server (smtp-server, in process) and an
// S3-compatible object store (moto's server, installed by ./suite test from PyPI).

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function motoServerPath(): string {
  const path = process.env.MOTO_SERVER_PATH ?? fileURLToPath(new URL('../../../.cache/venv-test/bin/moto_server', import.meta.url));
  if (!existsSync(path)) throw new Error(`moto_server not found at ${path}: ./suite test installs it (or set MOTO_SERVER_PATH)`);
  return path;
}

const mails: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let moto: ChildProcess;
let s3: S3Config;
let t: TestApp;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

  const motoPort = await freePort();
  moto = spawn(motoServerPath(), ['-H', '127.0.0.1', '-p', String(motoPort)], { stdio: 'ignore' });
  s3 = { endpoint: `http://127.0.0.1:${motoPort}`, region: 'us-east-1', bucket: 'fundsup-evidence', accessKeyId: 'test', secretAccessKey: 'test' };
  await eventually('moto S3 server up', async () => (await new S3Client(s3).request('PUT', null)).ok, 20_000);

  t = await startTestApp({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, smtpFrom: 'fundsup@example.gov.cn', s3 });
});
afterAll(async () => {
  await t?.close();
  moto?.kill();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

it('e-mails a new inbox item to the users of the recipient organization, once', async () => {
  // The recipient signs in once, so the suite knows their address.
  const me = await fetch(`${t.baseUrl}/api/me`, {
    headers: { authorization: `Bearer ${await t.keys.token(USERS.xuanwu, { claims: { email: 'xw.staff@example.gov.cn' } })}` },
  });
  expect(me.status).toBe(200);
  await sendNotice(t, USERS.nanjing, { recipientOrgId: 'agency-320102', title: '关于开展医保基金专项治理的通知', body: '请按要求开展自查自纠。', workingDays: 10 });

  const mailer = t.app.get(NotificationMailer);
  expect(await mailer.flush()).toBe(1);
  expect(await mailer.flush()).toBe(0);
  expect(mails).toHaveLength(1);
  expect(mails[0].to).toEqual(['xw.staff@example.gov.cn']);
  expect(mails[0].raw).toMatch(/Subject: =\?UTF-8\?/);
});

it('stores evidence in the S3-compatible bucket, content-addressed, and serves it back', async () => {
  const pdf = Buffer.from('%PDF-1.7\n飞行检查现场记录\n%%EOF');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(pdf)]), '现场记录.pdf');
  const res = await fetch(`${t.baseUrl}/api/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await t.keys.token(USERS.xuanwu)}` },
    body: form,
  });
  expect(res.status).toBe(201);
  const { id, sha256 } = (await res.json()) as { id: string; sha256: string };

  const client = new S3Client(s3);
  expect(await client.get(`${sha256.slice(0, 2)}/${sha256}`)).toEqual(pdf);
  expect(existsSync(t.config.attachmentsDir) ? readdirSync(t.config.attachmentsDir) : []).toEqual([]);

  const back = await fetch(`${t.baseUrl}/api/attachments/${id}`, { headers: { authorization: `Bearer ${await t.keys.token(USERS.xuanwu)}` } });
  expect(Buffer.from(await back.arrayBuffer())).toEqual(pdf);
});

it('streams a large upload to the bucket without holding it, and keeps audit checkpoints under their own prefix', async () => {
  // 900 KiB (the test limit is 1 MiB): the spooled file is PUT as a stream with its SHA-256 as payload hash
  const pdf = Buffer.alloc(900 * 1024, 0x41);
  pdf.write('%PDF-1.7\n');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(pdf)]), 'big.pdf');
  const res = await fetch(`${t.baseUrl}/api/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await t.keys.token(USERS.xuanwu)}` },
    body: form,
  });
  expect(res.status).toBe(201);
  const { sha256 } = (await res.json()) as { sha256: string };
  const client = new S3Client(s3);
  expect(await client.get(`${sha256.slice(0, 2)}/${sha256}`)).toEqual(pdf);

  // listing (ListObjectsV2, signed with its query string) and write-once objects
  const { AttachmentStore } = await import('../../src/platform/attachments/attachment-store.js');
  const store = new AttachmentStore(t.config);
  await store.putObject('audit-checkpoints/a.json', Buffer.from('{"a":1}'));
  await store.putObject('audit-checkpoints/b c.json', Buffer.from('{"b":2}'));
  await expect(store.putObject('audit-checkpoints/a.json', Buffer.from('{}'))).rejects.toThrow(/written once/);
  expect((await store.listObjects('audit-checkpoints/')).sort()).toEqual(['audit-checkpoints/a.json', 'audit-checkpoints/b c.json']);
  expect((await store.getObject('audit-checkpoints/b c.json')).toString()).toBe('{"b":2}');
});
