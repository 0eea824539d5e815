import { CachedSessionCheck, keycloakIntrospection } from '../src/platform/auth/session-check.js';
import { remoteKeys, TokenVerifier } from '../src/platform/auth/token-verifier.js';
import type { AppConfig } from '../src/platform/config/config.js';
import { API_CLIENT_DEV_SECRET, API_CLIENT_ID, DEMO_PASSWORD, E2E_CLIENT_ID } from '../../deploy/keycloak/demo-accounts.js';
import { load, report, type LoadResult } from './lib.js';

// What the session check (issue 15 §5) adds to the authentication of a request, against the real
// Keycloak of the stack (OIDC_ISSUER_URL; ./suite bench starts it). Baseline, in the same run: the
// verifier without the check (signature with the cached JWKS, issuer, audience, expiry, claims).
// Then with the check as configured (an answer reused for 30 s per session: the steady state of a
// signed-in user) and with every request asking Keycloak (cache 0: what one request in 30 s of
// each session pays). Same token, same process, 8 in flight. It reports, it never fails on speed.

const ISSUER = process.env.OIDC_ISSUER_URL;
const REQUESTS = Number(process.env.BENCH_SESSION_REQUESTS ?? 2_000);
const CONCURRENCY = 8;

async function demoToken(issuer: string): Promise<string> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: E2E_CLIENT_ID, username: 'xw.staff', password: DEMO_PASSWORD, scope: 'openid' }),
  });
  if (!res.ok) throw new Error(`Keycloak refused xw.staff: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

(ISSUER ? it : it.skip)('session check: verify without (baseline) vs with the 30 s cache vs asking Keycloak every time', async () => {
  const issuer = ISSUER!.replace(/\/+$/, '');
  const config = { oidcIssuerUrl: issuer, oidcPublicIssuerUrl: issuer, oidcAudience: API_CLIENT_ID } as AppConfig;
  const keys = remoteKeys(config);
  const introspect = keycloakIntrospection(issuer, {
    clientId: API_CLIENT_ID,
    clientSecret: process.env.OIDC_API_CLIENT_SECRET ?? API_CLIENT_DEV_SECRET,
  });
  const token = await demoToken(issuer);
  const cached = new CachedSessionCheck(introspect, { cacheMs: 30_000 });
  const uncached = new CachedSessionCheck(introspect, { cacheMs: 0 });
  const verifiers = {
    baseline: new TokenVerifier(config, keys),
    cached30s: new TokenVerifier(config, keys, cached),
    askEveryTime: new TokenVerifier(config, keys, uncached),
  };
  // Warm-up: JWKS fetched, JIT, Keycloak's own caches.
  for (const v of Object.values(verifiers)) for (let i = 0; i < 50; i++) await v.verify(token);

  // Three rounds, the variants interleaved, so that warm-up and background load fall on all three.
  const rounds: Record<keyof typeof verifiers, LoadResult[]> = { baseline: [], cached30s: [], askEveryTime: [] };
  for (let round = 0; round < 3; round++) {
    for (const name of Object.keys(verifiers) as (keyof typeof verifiers)[]) {
      rounds[name].push(await load(CONCURRENCY, REQUESTS, async () => void (await verifiers[name].verify(token))));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const summary = (name: keyof typeof verifiers) => ({
    meanMs: median(rounds[name].map((r) => r.mean)),
    p95Ms: median(rounds[name].map((r) => r.p95)),
    requests: rounds[name].reduce((n, r) => n + r.requests, 0),
  });
  const [baseline, withCache, askEveryTime] = [summary('baseline'), summary('cached30s'), summary('askEveryTime')];
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  report('token-session-check', {
    baseline: JSON.stringify(baseline),
    withCache: JSON.stringify(withCache),
    askEveryTime: JSON.stringify(askEveryTime),
    // Concurrent requests of one session share a question, so fewer questions than requests.
    keycloakQuestionsWithCache: cached.questions,
    keycloakQuestionsAskEveryTime: uncached.questions,
    'withCache/baseline (mean)': ratio(withCache.meanMs, baseline.meanMs),
    'withCache/baseline (p95)': ratio(withCache.p95Ms, baseline.p95Ms),
    'askEveryTime/baseline (mean)': ratio(askEveryTime.meanMs, baseline.meanMs),
    'askEveryTime/baseline (p95)': ratio(askEveryTime.p95Ms, baseline.p95Ms),
  });
  // The cache did its job: one question for the whole run (two if it straddled 30 s).
  expect(cached.questions).toBeLessThanOrEqual(2);
}, 300_000);
