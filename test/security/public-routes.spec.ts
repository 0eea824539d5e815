import { randomInt } from 'node:crypto';
import { BASE_URL } from '../support/stack.ts';
import { fuzz, runningDocument, withResponseSchemas } from './support/schemathesis.ts';
import { report } from './support/report.ts';

// The routes served without sign-in (issue 17: the public tip page and its receipt page; issue 18:
// the provinces' public enforcement pages) as an anonymous client sees them: every operation under
// /api/public/ of the running API's document fuzzed with no token (no 5xx, the documented response
// schemas kept — fuzz.spec.ts sends a bearer token, which is not how the public calls them), and
// receipt guessing refused once a client's minute of lookups is spent (the started API's own limits:
// the request gate's anonymous one and the tips' TIPS_RECEIPT_PER_MINUTE, which ./suite test sets low
// enough for this spec to reach).

const SECONDS = Number(process.env.PUBLIC_FUZZ_SECONDS ?? 45);
/** More guesses than any limit a deployment or the test stack sets: none of them may all be answered. */
const MAX_GUESSES = 400;

describe('the public routes, without a token', () => {
  it(`answers no anonymous request with a 5xx and conforms to the documented schemas (${SECONDS} s over /api/public/)`, async () => {
    const doc = await runningDocument();
    const publicOps = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/public/'))
      .flatMap(([path, item]) => Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
    expect(publicOps.length).toBeGreaterThanOrEqual(7);
    const schemas = withResponseSchemas(Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/public/')).flatMap(([, item]) => Object.values(item)));
    const r = await fuzz({ seconds: SECONDS, schemas: schemas > 0, extra: ['--include-path-regex', '^/api/public/'] });
    report('public-fuzz', { requests: r.requests, operations: publicOps.length, fuzzed: r.operations.size, withResponseSchemas: schemas, '5xx': r.serverErrors.length, schemaViolations: r.schemaFailures.length, seed: Number(r.seed) });
    if (r.serverErrors.length || r.schemaFailures.length) process.stdout.write(`${r.output.slice(-6000)}\n`);
    expect([...new Set(r.serverErrors)].slice(0, 20)).toEqual([]);
    expect(r.schemaFailures).toEqual([]);
    // every public operation was sent requests (a new public page is fuzzed as soon as it is in the document)
    expect(publicOps.filter((op) => !r.operations.has(op))).toEqual([]);
    expect([...r.operations].filter((op) => !op.includes(' /api/public/'))).toEqual([]);
  }, (SECONDS + 120) * 1000);

  it('the public pages per province (issue 18, 执法公示) answer any province without a token, and refuse a malformed one with 400', async () => {
    const doc = await runningDocument();
    const perProvince = Object.keys(doc.paths).filter((path) => path.startsWith('/api/public/') && path.includes('{province}') && doc.paths[path]!.get);
    const wrong: string[] = [];
    for (const path of perProvince) {
      for (const [province, expected] of [['32', 200], ['33', 200], ['3', 400], ['32%27--', 400]] as const) {
        const res = await fetch(`${BASE_URL()}${path.replace('{province}', province)}`);
        if (res.status !== expected || (expected === 200 && !(res.headers.get('content-type') ?? '').includes('json'))) wrong.push(`GET ${path} (${province}) → ${res.status}`);
      }
    }
    report('public-provinces', { paths: perProvince.length });
    expect(wrong).toEqual([]);
  });

  it('refuses receipt guessing at /api/public/tips/receipt: 429 with the seconds to wait, in Chinese and English, and keeps refusing', async () => {
    const guess = async () => {
      const res = await fetch(`${BASE_URL()}/api/public/tips/receipt`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        // a well-formed 16-digit code nobody holds (1 in 10^16 that it is someone's)
        body: JSON.stringify({ receipt: `${randomInt(1e7, 1e8)}${String(randomInt(0, 1e8)).padStart(8, '0')}` }),
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error?: { code: string; message: { zh: string; en: string }; details?: { retryAfterSeconds?: number } } } };
    };
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof guess>> | undefined;
    while (statuses.length < MAX_GUESSES && !refused) {
      const res = await guess();
      statuses.push(res.status);
      if (res.status === 429) refused = res;
      // an unknown code is a 404
      else expect(res.status).toBe(404);
    }
    report('receipt-guessing', { answeredBeforeRefusal: statuses.length - 1 });
    expect(refused).toBeDefined();
    expect(refused!.body.error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } });
    expect(Number(refused!.retryAfter)).toBeGreaterThan(0);
    expect(refused!.body.error!.message.zh).toMatch(/请求过于频繁/);
    expect(refused!.body.error!.message.en).toMatch(/too many requests/);
    // the next guesses of the same minute are refused too (the limit is not one refusal and then open again)
    for (let i = 0; i < 5; i++) expect((await guess()).status).toBe(429);
  });
});
