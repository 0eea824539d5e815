import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { api, BASE_URL, tokenFor } from '../support/stack.ts';
import { report } from './support/report.ts';

// Issue 15 §2 against the running stack: every command the API refuses leaves its 'error' entry in
// the audit trail, and text PostgreSQL cannot store (a NUL byte, an unpaired surrogate) is refused
// with a 400 naming the field before any command runs — it used to make the audit insert fail
// while the client got the usual 404, so the refusal went unrecorded. The audit chain verifies after.
// DATABASE_URL: the stack's superuser (row-level security does not hide the audit trail from it).

let db: pg.Client;
let foreignPlanId: string;
let requests = 0;

beforeAll(async () => {
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  // A plan of Nanjing (3201), which Suzhou's city agency (sz.agency, 3205) may not touch. The test
  // stack's seed has no activity: when no earlier layer opened one, an id that names no plan is
  // refused the same way (404: the API does not tell "not yours" from "not there").
  const { rows } = await db.query<{ id: string }>(`select id from annual_plan where region_path like '/32/3201/%' order by year desc, id limit 1`);
  foreignPlanId = rows[0]?.id ?? randomUUID();
});
afterAll(async () => {
  await db?.end();
});

/** The last sequence number of the audit trail: entries after it are the ones a case wrote. */
async function auditHead(): Promise<string> {
  const { rows } = await db.query<{ seq: string }>(`select coalesce(max(seq), 0)::text as seq from audit_entry`);
  return rows[0].seq;
}

async function auditEntries(target: string, after: string): Promise<{ result: string; error_code: string | null; command: string; payload: unknown }[]> {
  const { rows } = await db.query(
    `select result, error_code, command, payload from audit_entry where target = $1 and username = 'sz.agency' and seq > $2::bigint order by seq`,
    [target, after],
  );
  return rows;
}

/** Sends the body as raw JSON text (JSON.stringify cannot write an unpaired surrogate escape the way an attacker can). */
async function rawPost(path: string, json: string) {
  requests++;
  const res = await fetch(`${BASE_URL()}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor('sz.agency')}`, 'content-type': 'application/json' },
    body: json,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('the audit trail of refused commands', () => {
  it('a city agency returning another city’s plan: refused, and audited as an error', async () => {
    const since = await auditHead();
    requests++;
    const res = await api('sz.agency', 'POST', `/api/plans/${foreignPlanId}/return`, { comment: '越权退回' });
    expect([403, 404]).toContain(res.status);
    expect(await auditEntries(foreignPlanId, since)).toEqual([
      expect.objectContaining({ result: 'error', command: 'ReturnPlanCommand', error_code: res.body.error.code, payload: { comment: '越权退回' } }),
    ]);
  });

  it.each([
    ['a NUL byte', '{"comment":"x\\u0000"}'],
    ['an unpaired surrogate', '{"comment":"x\\ud800"}'],
  ])('the same with %s in the comment: 400 naming the field, before anything runs', async (_label, json) => {
    const since = await auditHead();
    const res = await rawPost(`/api/plans/${foreignPlanId}/return`, json);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unstorable_text');
    expect(res.body.error.message.zh).toContain('comment');
    expect(res.body.error.message.en).toContain('comment');
    // nothing ran, so there is nothing to audit (and nothing half-written)
    expect(await auditEntries(foreignPlanId, since)).toEqual([]);
  });

  it('the audit chain still verifies', async () => {
    const { rows } = await db.query<{ broken_seq: string | null; reason: string | null }>('select * from audit_verify()');
    expect(rows).toEqual([]);
    report('audit-on-refusal', { requests, refusedAudited: 1, unstorableRefused: 2 });
  });
});
