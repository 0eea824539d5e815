import { startTestApp, type TestApp } from '../support/app.js';

// The request gate must see every path Express routes into the API: Express (and so Nest) matches
// routes and `app.use` paths case-insensitively, so /API/... and /Api/... reach the same controllers,
// and the 32 MB draw-record parser, as /api/... (issue 15 §4).
describe('request gate: path variants that Express routes to /api', () => {
  describe('without rate limits', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t?.close());

    it.each(['/api/spot-checks/verify', '/API/spot-checks/verify', '/Api/spot-checks/verify', '/api/Spot-Checks/verify', '/api/spot-checks/verify/', '/API/SPOT-CHECKS/VERIFY/'])(
      '%s without a token is refused before its body is read', async (path) => {
        // a 400 (malformed JSON) would mean the body was parsed before its sender was known
        const res = await fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"not json' });
        const body = (await res.json()) as { error?: { code?: string } };
        expect([res.status, body.error?.code]).toEqual([401, 'missing_token']);
      });

    it('a public route in capitals stays public', async () => {
      expect((await fetch(`${t.baseUrl}/API/CONFIG`)).status).toBe(200);
    });
  });

  describe('with rate limits', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ rateLimits: { anonymousPerMinute: 1, anonymousBurst: 2, userPerMinute: 600, userBurst: 300 } });
    });
    afterAll(() => t?.close());

    it('anonymous requests to /API/... count against the address limit', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${t.baseUrl}/API/notices`)).status);
      expect(statuses).toEqual([401, 401, 429, 429]);
    });
  });
});
