import { rm } from 'node:fs/promises';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { USERS, type TestUser } from '../support/tokens.js';

// Attachments are SQL on the unit of work's connection (ADR 0013): the row carries the uploader's
// region and organization, and row-level security alone decides who reads it (ADR 0004) — the
// subtree above the uploader, and for institutions only their own uploads.

let t: TestApp;
let id: string;
let uploaded: { sha256: string; createdAt: string; sizeBytes: number };
const pdf = Buffer.from('%PDF-1.7\n附件范围测试\n%%EOF');

async function upload(user: TestUser, name: string, content: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), name);
  const res = await fetch(`${t.baseUrl}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${await t.keys.token(user)}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

async function download(user: TestUser, attachmentId: string) {
  const res = await fetch(`${t.baseUrl}/api/attachments/${attachmentId}`, { headers: { authorization: `Bearer ${await t.keys.token(user)}` } });
  return { status: res.status, content: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
}

beforeAll(async () => {
  t = await startTestApp();
  const res = await upload(USERS.hospital, '自查报告.pdf', pdf);
  expect(res.status).toBe(201);
  id = res.body.id;
  uploaded = res.body;
});
afterAll(async () => {
  await rm(t?.config.attachmentsDir ?? '/nonexistent', { recursive: true, force: true });
  await t?.close();
});

it('records the upload in the uploader’s scope, with its hash, size and time', async () => {
  const [row] = await ownerQuery<Record<string, unknown>>(t.db,
    `select region_path, owner_org_id, filename, content_type, size_bytes::int as size_bytes, sha256, storage_key, uploaded_by, created_at
       from attachment where id = $1`, [id]);
  expect(row).toMatchObject({
    region_path: USERS.hospital.regionPath,
    owner_org_id: USERS.hospital.orgId,
    filename: '自查报告.pdf',
    content_type: 'application/pdf',
    size_bytes: pdf.length,
    uploaded_by: USERS.hospital.username,
  });
  expect(row.sha256).toBe(uploaded.sha256);
  expect(row.storage_key).toBe(`${uploaded.sha256.slice(0, 2)}/${uploaded.sha256}`);
  expect((row.created_at as Date).toISOString()).toBe(uploaded.createdAt);
  expect(uploaded.sizeBytes).toBe(pdf.length);
});

it.each([
  ['the uploading institution', USERS.hospital, 200],
  ['its county agency', USERS.xuanwu, 200],
  ['its city', USERS.nanjing, 200],
  ['the province', USERS.province, 200],
  ['another institution of the same county', USERS.clinic, 404],
  ['a sibling county', USERS.gusu, 404],
  ['an institution of another county', USERS.pharmacy, 404],
])('%s downloading it gets %s', async (_label, user, status) => {
  const res = await download(user, id);
  expect(res.status).toBe(status);
  if (status === 200) {
    expect(res.content).toEqual(pdf);
    expect(res.type).toBe('application/pdf');
    expect(res.disposition).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('自查报告.pdf')}`);
  } else {
    expect(res.content.toString()).not.toContain('自查报告');
  }
});

it('an id that is no uuid is not found, not an error', async () => {
  for (const bad of ['x', '-'.repeat(36), `${id}0`]) {
    const res = await t.call(USERS.hospital, 'GET', `/api/attachments/${bad}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  }
});
