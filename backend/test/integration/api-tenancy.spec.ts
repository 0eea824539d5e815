import pg from 'pg';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery as ownerRows } from '../support/database.js';
import { sendNotice } from '../support/notices.js';
import { USERS } from '../support/tokens.js';

// Tenancy across the HTTP API (guard + RLS together, and the directory's own-subtree condition on the
// recipient lookup, OrganizationDirectory.inScope), with the notice slice — a SQL repository (ADR 0013) — as the tenant-owned record.
// Cross-tenant reads get 404, never the record.

let t: TestApp;
let noticeId: string;

beforeAll(async () => {
  t = await startTestApp();
  const res = await sendNotice(t, USERS.nanjing, { recipientOrgId: 'agency-320102', title: '关于报送年度监管方案的通知', body: '请各区县按期报送。', workingDays: 5 });
  noticeId = res.body.id;
});
afterAll(() => t?.close());

function ownerQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return ownerRows<T>(t.db, sql, params);
}

describe('cross-tenant reads', () => {
  it.each([
    ['the recipient county', USERS.xuanwu, 200],
    ['the sending city', USERS.nanjing, 200],
    ['the province', USERS.province, 200],
    ['the national overseer', USERS.nation, 200],
    ['a sibling county (Gusu)', USERS.gusu, 404],
    ['another city (Suzhou)', USERS.suzhou, 404],
    ['an institution in the same county that is not the recipient', USERS.hospital, 404],
    ['an institution of another county', USERS.pharmacy, 404],
  ])('%s asking for the notice by id gets %s', async (_label, user, status) => {
    const res = await t.call(user, 'GET', `/api/notices/${noticeId}`);
    expect(res.status).toBe(status);
    if (status === 404) {
      expect(res.body.error.code).toBe('not_found');
      expect(JSON.stringify(res.body)).not.toContain('年度监管方案');
    } else {
      expect(res.body.title).toBe('关于报送年度监管方案的通知');
    }
  });

  it('the recipient reads the sender’s name although the sender is above its scope', async () => {
    const res = await t.call(USERS.xuanwu, 'GET', `/api/notices/${noticeId}`);
    expect(res.body).toMatchObject({ senderOrgName: '南京市医疗保险基金管理中心', recipientOrgName: '南京市玄武区医疗保险管理中心' });
  });

  it('lists never include another tenant’s records', async () => {
    const gusu = await t.call(USERS.gusu, 'GET', '/api/notices');
    expect(gusu.body.items).toEqual([]);
    const orgs = await t.call(USERS.gusu, 'GET', '/api/organizations?limit=500');
    expect(orgs.body.items.length).toBeGreaterThan(0);
    expect(orgs.body.items.every((o: { regionPath: string }) => o.regionPath.startsWith('/32/3205/320508/'))).toBe(true);
  });

  it('an institution sees only its own organization in the directory', async () => {
    const res = await t.call(USERS.hospital, 'GET', '/api/organizations');
    expect(res.body.items.map((o: { id: string }) => o.id)).toEqual(['inst-320102-0001']);
  });

  it('a notice to a unit outside the sender’s region is refused as not found and writes nothing', async () => {
    const before = await ownerQuery<{ n: number }>('select count(*)::int as n from notice');
    const res = await sendNotice(t, USERS.suzhou, { recipientOrgId: 'agency-320102', title: '越权通知', body: 'x', workingDays: 3 }, 404);
    const after = await ownerQuery<{ n: number }>('select count(*)::int as n from notice');
    expect(after[0].n).toBe(before[0].n);
    const audit = await ownerQuery<{ result: string; error_code: string }>(
      `select result, error_code from audit_entry where username = 'sz.agency' order by seq desc limit 1`,
    );
    expect(audit[0]).toEqual({ result: 'error', error_code: 'not_found' });
  });

  it('a notice up the chain of command is refused as not found although RLS lets the sender read its authority', async () => {
    // RLS on organization shows a county agency the agencies above it; the directory's inScope must not.
    const before = await ownerQuery<{ n: number }>('select count(*)::int as n from notice');
    const res = await sendNotice(t, USERS.xuanwu, { recipientOrgId: 'agency-3201', title: '越级通知', body: 'x', workingDays: 3 }, 404);
    const after = await ownerQuery<{ n: number }>('select count(*)::int as n from notice');
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('commands', () => {
  it('rejects bad input with a specific bilingual error and changes nothing', async () => {
    const res = await sendNotice(t, USERS.nanjing, { recipientOrgId: 'agency-320102', title: '标题', body: '正文', workingDays: 0 }, 400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message.zh).toContain('workingDays');
    expect(res.body.error.message.en).toContain('workingDays');
  });

  it('refuses a role that may not send notices', async () => {
    const res = await sendNotice(t, USERS.hospital, { recipientOrgId: 'inst-320102-0002', title: '测试', body: 'x', workingDays: 1 }, 403);
    expect(res.body.error.message.zh).toBeTruthy();
  });

  it('records the change, its outbox message and its audit entry together', async () => {
    const outbox = await ownerQuery<{ event_type: string; dispatch: { kind: string; workflowId: string } }>(
      'select event_type, dispatch from outbox_message where aggregate_id = $1 order by occurred_at',
      [noticeId],
    );
    expect(outbox).toEqual([
      { event_type: 'NoticeSent', dispatch: expect.objectContaining({ kind: 'start', workflowId: `notice-${noticeId}` }) },
    ]);
    const audit = await ownerQuery(`select command, target, result from audit_entry where command = 'SendNoticeCommand' and result = 'ok'`);
    expect(audit).toEqual([{ command: 'SendNoticeCommand', target: 'agency-320102', result: 'ok' }]);
  });

  it('notifies the recipient, and only the recipient', async () => {
    const mine = await t.call(USERS.xuanwu, 'GET', '/api/notifications/unread-count');
    expect(mine.body.count).toBe(1);
    const other = await t.call(USERS.gusu, 'GET', '/api/notifications/unread-count');
    expect(other.body.count).toBe(0);
  });

  it('acknowledgement by the recipient signals the workflow through the outbox; a second one conflicts', async () => {
    const res = await t.call(USERS.xuanwu, 'POST', `/api/notices/${noticeId}/acknowledge`);
    expect(res.status).toBe(204);
    const again = await t.call(USERS.xuanwu, 'POST', `/api/notices/${noticeId}/acknowledge`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('notice_already_acknowledged');
    const outbox = await ownerQuery<{ event_type: string; kind: string }>(
      `select event_type, dispatch->>'kind' as kind from outbox_message where aggregate_id = $1 order by occurred_at`,
      [noticeId],
    );
    expect(outbox.map((o) => `${o.event_type}:${o.kind}`)).toEqual(['NoticeSent:start', 'NoticeAcknowledged:signal']);
  });
});

describe('audit trail', () => {
  it('verifies, and detects an edited and a deleted entry', async () => {
    const verify = async () => (await ownerQuery<{ broken_seq: string | null; reason: string }>('select * from audit_verify()'))[0];
    expect(await verify()).toBeUndefined();
    await ownerQuery(`alter table audit_entry disable trigger audit_entry_append_only`);
    await ownerQuery(`update audit_entry set username = 'someone-else' where seq = 2`);
    expect(await verify()).toEqual({ broken_seq: '2', reason: 'entry altered' });
    await ownerQuery(`delete from audit_entry where seq = 2`);
    expect(await verify()).toEqual({ broken_seq: '2', reason: 'missing entry' });
    await ownerQuery(`alter table audit_entry enable trigger audit_entry_append_only`);
  });
});

describe('identity', () => {
  it('401 without a token, with a bilingual message', async () => {
    const res = await t.call(null, 'GET', '/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
  });

  it('/api/me resolves region trail and organization from the token, and registers the user', async () => {
    const res = await t.call(USERS.xuanwu, 'GET', '/api/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: 'xw.staff',
      level: 'county',
      region: { code: '320102', name: '玄武区', level: 'county' },
      regionTrail: [
        { code: '32', name: '江苏省' },
        { code: '3201', name: '南京市' },
        { code: '320102', name: '玄武区' },
      ],
      organization: { id: 'agency-320102', kind: 'agency' },
    });
    const rows = await ownerQuery(`select organization_id from user_account where username = 'xw.staff'`);
    expect(rows).toEqual([{ organization_id: 'agency-320102' }]);
  });

  it('a user re-created in the identity provider (same username, new subject) still signs in', async () => {
    const recreated = { ...USERS.xuanwu, sub: 'u-xw-recreated' };
    const res = await t.call(recreated, 'GET', '/api/me');
    expect(res.status).toBe(200);
    expect(res.body.userId).toBe('u-xw-recreated');
  });
});

describe('attachments', () => {
  async function upload(user: typeof USERS.xuanwu, name: string, content: Buffer) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)]), name);
    const res = await fetch(`${t.baseUrl}/api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await t.keys.token(user)}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('stores evidence with its hash, refuses a disguised file, and hides it from other tenants', async () => {
    const pdf = Buffer.from('%PDF-1.7\n检查记录\n%%EOF');
    const ok = await upload(USERS.xuanwu, '现场检查记录.pdf', pdf);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ filename: '现场检查记录.pdf', contentType: 'application/pdf', sizeBytes: pdf.length });
    expect(ok.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const fake = await upload(USERS.xuanwu, 'evidence.pdf', Buffer.from('MZ this is an executable'));
    expect(fake.status).toBe(400);
    expect(fake.body.error.code).toBe('attachment_type_not_allowed');

    const mine = await fetch(`${t.baseUrl}/api/attachments/${ok.body.id}`, {
      headers: { authorization: `Bearer ${await t.keys.token(USERS.xuanwu)}` },
    });
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(pdf);
    const theirs = await t.call(USERS.gusu, 'GET', `/api/attachments/${ok.body.id}`);
    expect(theirs.status).toBe(404);
  });
});
