import { tokenFor } from '../support/stack.ts';
import { fuzz, withResponseSchemas, runningDocument } from './support/schemathesis.ts';
import { report } from './support/report.ts';

// An OpenAPI fuzzing run bounded in time (issue 15): schemathesis (PyPI, pinned with hashes by
// deploy/stack/tools.ts, installed by ./suite test) generates requests from /api/docs/json — valid
// and invalid ones, examples, boundary values, stateful sequences following the links — for every
// operation, as a province official (the role that reaches most of the API), for FUZZ_SECONDS.
// Required: no 5xx at all; and, where the document declares a success response's schema, every
// such response conforms to it. The seed is printed so a failing run can be replayed
// (SCHEMATHESIS_SEED=<n>), and each failure comes with a curl command. The public operations are
// fuzzed without a token too (public-routes.spec.ts).

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 100);
const USER = process.env.FUZZ_USER ?? 'js.official';

describe('OpenAPI fuzzing (schemathesis)', () => {
  it(`answers no request with a 5xx, and conforms to the documented response schemas (${SECONDS} s)`, async () => {
    const doc = await runningDocument();
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const schemas = withResponseSchemas(operations);
    const r = await fuzz({ seconds: SECONDS, schemas: schemas > 0, extra: ['-H', `Authorization: Bearer ${await tokenFor(USER)}`] });
    report('fuzz', { requests: r.requests, operations: operations.length, withResponseSchemas: schemas, '5xx': r.serverErrors.length, schemaViolations: r.schemaFailures.length, seed: Number(r.seed) });
    if (r.serverErrors.length || r.schemaFailures.length) process.stdout.write(`${r.output.slice(-6000)}\n`);
    expect(r.requests).toBeGreaterThan(500);
    expect([...new Set(r.serverErrors)].slice(0, 20)).toEqual([]);
    expect(r.schemaFailures).toEqual([]);
  }, (SECONDS + 120) * 1000);
});
