import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { api } from '../support/stack.js';

// Issue 14, ADR 0014: the API sends what its OpenAPI document says, and nothing else. The response
// schemas are generated from the backend's own return types (deploy/generate-api-types.ts) and the
// frontend's types from the same schemas; this test holds the backend's types to the truth. Every
// GET that answers JSON is called as several roles, with ids taken from the lists the same user
// sees, and each answer is validated against its schema from /api/docs/json — objects are closed
// (additionalProperties: false), so a field the API sends but does not declare fails, as does a
// declared field it does not send, a null where the type has none, a number sent as a string.

/** One user per kind of reader: province, leader, city agency, county agency, hospital, clinic, the national overseer. */
const USERS = ['js.official', 'js.leader', 'nj.agency', 'xw.staff', 'xw.hospital', 'xw.clinic', 'nhsa.overseer'];

/** Query parameters an endpoint cannot do without. */
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const QUERIES: Record<string, (ids: Ids) => Record<string, string> | null> = {
  '/api/campaigns/defaults': () => ({ year: String(year) }),
  '/api/dashboards/items': () => ({ metric: 'findings' }),
  '/api/inspections/team-candidates': (ids) => (ids.institution ? { institutionId: ids.institution } : null),
  '/api/public/tips/institutions': () => ({ q: '康宁' }),
};

type Ids = { institution?: string };
interface Operation { path: string; operationId: string; schemaRef: string }
interface OpenApi {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
  components: { schemas: Record<string, unknown> };
}

let doc: OpenApi;
let ajv: Ajv;
const validators = new Map<string, ValidateFunction>();

function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const get = item['get'];
    if (!get) continue;
    const ok = Object.entries(get.responses).find(([s]) => /^2\d\d$/.test(s))?.[1];
    const ref = ok?.content?.['application/json']?.schema?.$ref;
    if (ref) out.push({ path, operationId: get.operationId, schemaRef: ref });
  }
  return out;
}

function describeErrors(errors: ErrorObject[]): string {
  return errors
    .map((e) => {
      const field = (e.params as { additionalProperty?: string; missingProperty?: string }).additionalProperty
        ?? (e.params as { missingProperty?: string }).missingProperty;
      return `  ${e.instancePath || '/'}${field ? ` field "${field}"` : ''}: ${e.message}`;
    })
    .filter((line, i, all) => all.indexOf(line) === i)
    .slice(0, 20)
    .join('\n');
}

/** Ids the user can read, from the list at `listPath`: `id`, or `<name>.id` / `<name>Id` for a parameter `<name>Id`. */
function idsFrom(body: unknown, param: string): string[] {
  const items = Array.isArray(body) ? body : (body as { items?: unknown[] } | null)?.items;
  if (!Array.isArray(items)) return [];
  const pick = (el: Record<string, unknown>): unknown => {
    if (param === 'id') return el['id'];
    const base = param.replace(/Id$/, '');
    return (el[base] as { id?: unknown } | undefined)?.id ?? el[param];
  };
  return [...new Set(items.map((el) => pick(el as Record<string, unknown>)).filter((v): v is string => typeof v === 'string'))].slice(0, 2);
}

beforeAll(async () => {
  const res = await api(null, 'GET', '/api/docs/json');
  expect(res.status).toBe(200);
  doc = res.body as OpenApi;
  // The request bodies' schemas carry OpenAPI-only keywords (example, nullable): not strict.
  ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  ajv.addSchema({ $id: 'api', components: doc.components });
});

function validator(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) {
    v = ajv.compile({ $ref: `api${ref}` });
    validators.set(ref, v);
  }
  return v;
}

it('the OpenAPI document gives a response schema to every JSON GET', () => {
  const gets = Object.entries(doc.paths).filter(([, item]) => item['get']);
  const ops = operations();
  expect(ops.length).toBeGreaterThan(40);
  // the routes without one write files (PDF, xlsx, downloads) or the health answer themselves
  const without = gets.filter(([path]) => !ops.some((o) => o.path === path)).map(([path]) => path);
  for (const path of without) expect(path).toMatch(/\.(pdf|xlsx|json)$|^\/api\/attachments\/\{id\}$|^\/api\/health$/);
});

it('every JSON GET answers as its schema says, for every role that may read it', async () => {
  const ops = operations();
  const validated = new Map<string, string[]>();
  const failures: string[] = [];
  const failed = new Map<string, string[]>();
  /** Detail routes some user had ids for (the others: their lists are empty in this stack's data, e.g. no notice sent yet). */
  const withIds = new Set<string>();
  for (const user of USERS) {
    const ids: Ids = {};
    const bodies = new Map<string, unknown>();
    const check = async (op: Operation, path: string) => {
      const res = await api(user, 'GET', path);
      if (res.status === 403 || res.status === 404) return null;
      if (res.status !== 200) {
        failures.push(`${user} GET ${path}: status ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        return null;
      }
      const valid = validator(op.schemaRef);
      if (!valid(res.body)) {
        // one entry per route and kind of error, with the users and paths that showed it
        const key = `GET ${op.path} (${op.schemaRef.replace('#/components/schemas/', '')}):\n${describeErrors(valid.errors ?? [])}`;
        failed.set(key, [...(failed.get(key) ?? []), `${user} ${path}`]);
      }
      validated.set(op.operationId, [...(validated.get(op.operationId) ?? []), user]);
      return res.body;
    };
    // lists first (their answers give the ids), parents before children
    const sorted = [...ops].sort((a, b) => a.path.split('{').length - b.path.split('{').length || a.path.length - b.path.length);
    for (const op of sorted) {
      const params = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const query = QUERIES[op.path];
      const q = query ? query(ids) : {};
      if (q === null) continue;
      const qs = Object.keys(q).length ? `?${new URLSearchParams(q)}` : '';
      if (!params.length) {
        const body = await check(op, op.path + qs);
        bodies.set(op.path, body);
        if (op.path === '/api/agreements') ids.institution ??= idsFrom(body, 'institutionId')[0];
        continue;
      }
      // /api/x/{id}/more: the ids of /api/x; one parameter only (the API has no deeper GETs)
      const [param] = params;
      const list = op.path.slice(0, op.path.indexOf(`/{${param}}`));
      const found = idsFrom(bodies.get(list), param!);
      if (found.length) withIds.add(op.operationId);
      for (const id of found) {
        await check(op, op.path.replace(`{${param}}`, encodeURIComponent(id)) + qs);
      }
    }
  }
  for (const [key, where] of failed) failures.push(`${key}\n  seen by: ${where.slice(0, 4).join(', ')}${where.length > 4 ? ` and ${where.length - 4} more` : ''}`);
  expect(failures).toEqual([]);
  // every list answered, and every detail some user had an id for (a sub-resource of a listed item may
  // not exist: the published draw record of a spot-check the demo activity generated without one)
  const never = ops
    .filter((o) => !validated.has(o.operationId) && (!o.path.includes('{') || (withIds.has(o.operationId) && o.path.endsWith('}'))))
    .map((o) => `${o.operationId} (GET ${o.path})`);
  expect(never).toEqual([]);
}, 300_000);
