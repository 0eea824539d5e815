import { Client, Connection } from '@temporalio/client';
import { api, BASE_URL, DEMO_ACCOUNTS, eventually, ISSUER, TEMPORAL_ADDRESS, tokenFor } from '../support/stack.js';
import { LEGAL_REVIEWER_ROLE, LEGAL_REVIEWERS } from '../../deploy/keycloak/demo-accounts.ts';

// The API as deployed by ./suite: real Keycloak tokens, real PostgreSQL, the real Temporal dev
// server with the worker process running beside the API.

describe('platform endpoints', () => {
  it('health reports database, Temporal and identity provider up', async () => {
    const res = await api(null, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      checks: { database: { ok: true }, temporal: { ok: true }, identity: { ok: true } },
    });
  });

  it('serves the client config, the OpenAPI document and the web app', async () => {
    expect((await api(null, 'GET', '/api/config')).body.oidc).toEqual({ issuer: ISSUER(), clientId: 'fundsup-web' });
    const doc = await api(null, 'GET', '/api/docs/json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/me', '/api/notices']));
    const page = await fetch(`${BASE_URL()}/province/campaigns`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<app-root');
  });

  it('every response carries a request id, echoed when the client sends one', async () => {
    const res = await fetch(`${BASE_URL()}/api/health`, { headers: { 'x-request-id': 'e2e-trace-1' } });
    expect(res.headers.get('x-request-id')).toBe('e2e-trace-1');
  });
});

describe('identity through the real Keycloak', () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a] as const))('%s signs in and is resolved to role, region and organization', async (username, account) => {
    const res = await api(username, 'GET', '/api/me');
    expect(res.status).toBe(200);
    // A legal reviewer (法制审核, issue 18) holds that realm role beside the staff role.
    const roles = LEGAL_REVIEWERS.includes(username) ? [account.role, LEGAL_REVIEWER_ROLE] : [account.role];
    expect([...res.body.roles].sort()).toEqual([...roles].sort());
    expect(res.body).toMatchObject({
      username,
      regionPath: account.regionPath,
      organization: { id: account.orgId, kind: account.orgKind },
    });
  });

  it('rejects a token whose signature was tampered with', async () => {
    const token = await tokenFor('js.official');
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), region_path: '/' })).toString('base64url');
    const res = await fetch(`${BASE_URL()}/api/me`, { headers: { authorization: `Bearer ${h}.${forged}.${s}` } });
    expect(res.status).toBe(401);
  });
});

describe('a command becomes a workflow on the real Temporal server', () => {
  let temporal: Client;
  let connection: Connection;
  beforeAll(async () => {
    connection = await Connection.connect({ address: TEMPORAL_ADDRESS() });
    temporal = new Client({ connection });
  });
  afterAll(() => connection?.close());

  it('a notice starts its workflow via the outbox, other tenants cannot see it, and acknowledgement completes it', async () => {
    const sent = await api('nj.agency', 'POST', '/api/notices', {
      recipientOrgId: 'agency-320102',
      title: '关于报送2027年度基金监管方案的通知',
      body: '请于期限内签收并按要求报送。',
      workingDays: 5,
    });
    expect(sent.status).toBe(201);
    const handle = temporal.workflow.getHandle(`notice-${sent.body.id}`);
    const running = await eventually('workflow running', async () => (await handle.describe()).status.name === 'RUNNING');
    expect(running).toBe(true);

    expect((await api('gs.staff', 'GET', `/api/notices/${sent.body.id}`)).status).toBe(404);
    expect((await api('xw.hospital', 'GET', `/api/notices/${sent.body.id}`)).status).toBe(404);
    expect((await api('xw.staff', 'GET', `/api/notices/${sent.body.id}`)).body.title).toBe('关于报送2027年度基金监管方案的通知');

    expect((await api('xw.staff', 'POST', `/api/notices/${sent.body.id}/acknowledge`)).status).toBe(204);
    await eventually('workflow completed', async () => (await handle.describe()).status.name === 'COMPLETED');
    expect(await handle.result()).toMatchObject({ acknowledged: true, overdue: false, signalsApplied: 1 });

    const senderInbox = await api('nj.agency', 'GET', '/api/notifications?unread=true');
    expect(senderInbox.body.items.map((n: { titleZh: string }) => n.titleZh)).toContain('通知已签收：关于报送2027年度基金监管方案的通知');
  });
});
