import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { USERS, type TestUser } from '../support/tokens.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { ReturnPlanCommand } from '../../src/contexts/annual-plans/application/commands.js';
import type { Actor } from '../../src/kernel/actor.js';

// Issue 15 items 2 and 3: input PostgreSQL cannot store or a column cannot hold is refused with a
// bilingual 400 that names the field, before anything runs — never a 500 — and a refused command
// always leaves its audit entry.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** A request whose body is sent as given (JSON.stringify would not produce a 10,000-deep text or a raw lone surrogate escape). */
async function raw(user: TestUser, method: string, path: string, body?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${await t.keys.token(user)}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${t.baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

function expect400(res: { status: number; body: any }, field: string) {
  expect(res.status).toBe(400);
  expect(res.body.error.message.zh).toContain(field);
  expect(res.body.error.message.en).toContain(field);
}

const actorOf = (u: TestUser): Actor => ({
  userId: u.sub, username: u.username, displayName: u.username, roles: u.roles as Actor['roles'],
  regionPath: u.regionPath, organizationId: u.orgId, organizationKind: u.orgKind,
});

async function auditCount(): Promise<number> {
  const [{ n }] = await ownerQuery<{ n: string }>(t.db, `select count(*) as n from audit_entry`);
  return Number(n);
}

describe('query parameters a column cannot hold', () => {
  it.each([
    ['an empty uuid', USERS.hospital, '/api/self-inspections?campaignId=', 'campaignId'],
    ['an invalid uuid', USERS.hospital, '/api/self-inspections?campaignId=not-a-uuid', 'campaignId'],
    ['an agency task list with an invalid uuid', USERS.nanjing, '/api/agency-self-inspections?campaignId=x', 'campaignId'],
    ['a year beyond int4', USERS.province, '/api/campaigns?year=3000000000', 'year'],
    ['a page of 1e300', USERS.province, '/api/inspections?page=1e300', 'page'],
    ['a page size of a million', USERS.province, '/api/inspections?pageSize=1000000', 'pageSize'],
    ['a negative page', USERS.province, '/api/inspections?page=-1', 'page'],
    ['a spot-check year beyond int4', USERS.province, '/api/spot-checks?year=3000000000', 'year'],
    ['a NUL byte in a query value', USERS.province, '/api/findings?status=a%00b', 'status'],
  ])('%s → 400 naming the field', async (_label, user, path, field) => {
    const res = await raw(user, 'GET', path);
    expect400(res, field);
  });
});

describe('response headers (issue 15 §6)', () => {
  it('no X-Powered-By; nosniff and a referrer policy on API responses', async () => {
    const res = await raw(USERS.province, 'GET', '/api/me');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});

describe('request bodies PostgreSQL cannot store', () => {
  const notice = (title: string) => JSON.stringify({ recipientOrgId: 'agency-320102', title, body: 'b', workingDays: 5 });

  it('a NUL byte in a text field → 400 naming it, nothing written, nothing run', async () => {
    const before = await auditCount();
    const res = await raw(USERS.nanjing, 'POST', '/api/notices', notice('x\u0000'));
    expect400(res, 'title');
    expect(await auditCount()).toBe(before);
  });

  it('a lone surrogate (escaped in the JSON text) → 400 naming the field', async () => {
    const res = await raw(USERS.nanjing, 'POST', '/api/notices', notice('x').replace('"title":"x"', '"title":"x\\ud800"'));
    expect400(res, 'title');
  });

  it('a nested field is named by its path', async () => {
    const res = await raw(USERS.province, 'POST', '/api/spot-checks', JSON.stringify({ year: 2026, title: 't', witnesses: [{ name: 'a\u0000' }] }));
    expect400(res, 'witnesses[0].name');
  });

  it('a NUL byte in a key → 400', async () => {
    const res = await raw(USERS.nanjing, 'POST', '/api/notices', '{"recipientOrgId":"agency-320102","title":"t","body":"b","workingDays":5,"x\\u0000":1}');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unstorable_text');
  });

  it('JSON nested 10,000 deep → 400', async () => {
    const deep = '{"title":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}';
    const res = await raw(USERS.nanjing, 'POST', '/api/notices', deep);
    expect400(res, 'title');
    expect(res.body.error.code).toBe('input_too_deep');
  });

  it.each([
    ['malformed JSON', '{"title":'],
    ['a JSON scalar instead of an object', '"x"'],
    ['a number beyond double precision', '{"recipientOrgId":"agency-320102","title":"t","body":"b","workingDays":1e400}'],
  ])('%s → 400 with a bilingual message, not a 500', async (_label, text) => {
    const res = await raw(USERS.nanjing, 'POST', '/api/notices', text);
    expect(res.status).toBe(400);
    expect(res.body.error.message.zh).toBeTruthy();
    expect(res.body.error.message.en).toBeTruthy();
  });

  it('a __proto__ key → 400', async () => {
    const res = await raw(USERS.nanjing, 'POST', '/api/notices', '{"recipientOrgId":"agency-320102","title":"t","body":"b","workingDays":5,"__proto__":{"isAdmin":true}}');
    expect400(res, '__proto__');
    expect(res.body.error.code).toBe('forbidden_key');
  });

  it('a NUL byte in a path parameter → 400', async () => {
    const res = await raw(USERS.suzhou, 'POST', `/api/plans/a%00b/return`, JSON.stringify({ comment: 'x' }));
    expect(res.status).toBe(400);
  });

  it('a date outside the configured window (year 9999) → 400 naming the field', async () => {
    const res = await raw(USERS.province, 'POST', '/api/spot-checks', JSON.stringify({ year: 2026, title: 't', dueDate: '9999-12-31', witnesses: [{ name: 'a' }] }));
    expect400(res, 'dueDate');
    expect(res.body.error.code).toBe('date_out_of_range');
  });

  it('a spot-check due more than a year ahead (inside the global window) → 400 naming dueDate', async () => {
    const due = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const year = new Date().getUTCFullYear();
    const res = await raw(USERS.province, 'POST', '/api/spot-checks', JSON.stringify({ year, title: 't', dueDate: due, witnesses: [{ name: '张三' }] }));
    expect400(res, 'dueDate');
    expect(res.body.error).toMatchObject({ code: 'spot_check_due_invalid', details: { field: 'dueDate' } });
  });

  it('an impossible calendar date → 400 naming the field (the domain’s own error)', async () => {
    const res = await raw(USERS.province, 'POST', '/api/spot-checks', JSON.stringify({ year: 2026, title: 't', dueDate: '2026-02-30', witnesses: [{ name: 'a' }] }));
    expect400(res, 'dueDate');
    expect(res.body.error.code).toBe('spot_check_due_invalid');
  });
});

describe('the audit trail of a refused command (issue 15 item 2)', () => {
  it('a city agency returning another city’s plan with a NUL comment: 400 before anything runs', async () => {
    const res = await raw(USERS.suzhou, 'POST', `/api/plans/${randomUUID()}/return`, JSON.stringify({ comment: 'x\u0000' }));
    expect400(res, 'comment');
  });

  it('a refused command whose input PostgreSQL cannot store still leaves its error entry (behind the HTTP check)', async () => {
    const commands = t.app.get(Commands);
    const id = randomUUID();
    await expect(commands.execute(new ReturnPlanCommand(actorOf(USERS.suzhou), id, 'x\u0000 \ud800'))).rejects.toMatchObject({ code: 'not_found' });
    const rows = await ownerQuery<{ result: string; error_code: string; target: string; payload: any }>(
      t.db, `select result, error_code, target, payload from audit_entry where target = $1`, [id]);
    expect(rows).toEqual([expect.objectContaining({ result: 'error', error_code: 'not_found', target: id })]);
    expect(JSON.stringify(rows[0].payload)).toContain('x\ufffd \ufffd');
    const [verify] = await ownerQuery<{ broken_seq: string | null }>(t.db, `select * from audit_verify()`);
    expect(verify).toBeUndefined();
  });

  it('a command that fails on text the database refuses is audited as an error, not lost', async () => {
    const commands = t.app.get(Commands);
    const id = randomUUID();
    // the target itself carries the NUL (e.g. from a source other than the HTTP API)
    await expect(commands.execute(new ReturnPlanCommand(actorOf(USERS.suzhou), `${id}\u0000`, 'x'))).rejects.toBeTruthy();
    const rows = await ownerQuery<{ result: string }>(t.db, `select result from audit_entry where target = $1`, [`${id}\ufffd`]);
    expect(rows).toEqual([{ result: 'error' }]);
  });
});

describe('path parameters that are no id', () => {
  // Found by the security layer's fuzzing (schemathesis): GET /api/calendar/years/z%14 answered 500.
  it.each([
    ['a calendar year with a control character', '/api/calendar/years/z%14'],
    ['a calendar year that is no number', '/api/calendar/years/abc'],
  ])('%s → 4xx, never 500', async (_label, path) => {
    const res = await raw(USERS.province, 'GET', path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
  it('entering a calendar year that is no number → 400, never 500', async () => {
    const body = JSON.stringify({ documentNumber: '国办发明电〔2026〕1号', publishedOn: '2026-11-01', days: [] });
    for (const year of ['z%14', 'abc', '1e3', '99999']) {
      const res = await raw(USERS.province, 'PUT', `/api/calendar/years/${year}`, body);
      expect([400, 403, 404]).toContain(res.status);
    }
  });
});
