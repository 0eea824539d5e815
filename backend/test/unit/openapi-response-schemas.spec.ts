import type { OpenAPIObject } from '@nestjs/swagger';
import { withResponseSchemas, type ApiSchemaSet } from '../../src/platform/http/openapi.js';
import { API_SCHEMAS } from '../../src/platform/http/api-schemas.generated.js';
import { REPORT_STATUSES } from '../../src/contexts/transfers/domain/outward.js';

// ADR 0014: the routes' response schemas (generated from their return types by
// deploy/generate-api-types.ts) join the OpenAPI document.

function doc(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/api/things': {
        get: { operationId: 'ThingsController_list', responses: { '200': { description: '' } } },
        post: { operationId: 'ThingsController_create', requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingBody' } } } }, responses: { '201': { description: '' } } },
      },
      '/api/things/{id}/export.pdf': { get: { operationId: 'ThingsController_pdf', responses: { '200': { description: '' } } } },
      '/api/things/{id}/record.json': { get: { operationId: 'ThingsController_record', responses: { '200': { description: '' } } } },
    },
    components: { schemas: { ThingBody: { type: 'object', properties: { name: { type: 'string' } } } } },
  };
}

const set: ApiSchemaSet = {
  schemas: {
    ThingView: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false },
    ThingsController_list: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ThingView' } } } },
  },
  operations: {
    ThingsController_list: { schema: 'ThingsController_list' },
    ThingsController_create: { schema: 'ThingView' },
    ThingsController_pdf: { produces: 'application/pdf' },
    ThingsController_record: { produces: 'application/json' },
  },
};

describe('withResponseSchemas', () => {
  it('adds the schemas beside the request bodies and gives each success response its schema or content type', () => {
    const d = withResponseSchemas(doc(), set);
    expect(Object.keys(d.components!.schemas!).sort()).toEqual(['ThingBody', 'ThingView', 'ThingsController_list']);
    expect(d.paths['/api/things']!.get!.responses['200']).toEqual({
      description: '',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingsController_list' } } },
    });
    expect(d.paths['/api/things']!.post!.responses['201']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingView' } } } });
    expect(d.paths['/api/things/{id}/export.pdf']!.get!.responses['200']).toMatchObject({ content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } });
    // A JSON file download is parsed by clients (and schemathesis): an object, not a binary string.
    expect(d.paths['/api/things/{id}/record.json']!.get!.responses['200']).toMatchObject({ content: { 'application/json': { schema: { type: 'object' } } } });
    expect(d.openapi).toBe('3.1.0');
  });

  it('refuses a response type named like a request body of another shape', () => {
    const clash = { ...set, schemas: { ...set.schemas, ThingBody: { type: 'string' } } };
    expect(() => withResponseSchemas(doc(), clash)).toThrow(/ThingBody has the name of a request body/);
  });

  it('survives a stale set: a route without an entry keeps its bare response, an entry without a route is left out', () => {
    const { ThingsController_pdf: _, ...missing } = set.operations;
    const d = withResponseSchemas(doc(), { ...set, operations: { ...missing, Gone_get: { schema: 'ThingView' } } });
    expect(d.paths['/api/things/{id}/export.pdf']!.get!.responses['200']).toEqual({ description: '' });
    expect(d.paths['/api/things']!.get!.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingsController_list' } } } });
  });
});

describe('the generated response schemas', () => {
  // Two enums of one name (the monthly reports' ReportStatus and the major-case reports') were merged
  // by the generator into the monthly one: the document said a major-case report's status was
  // draft…returned, and every real answer (open, sent, acknowledged) broke its own schema.
  it("give a major-case report's status the statuses it has", () => {
    const view = API_SCHEMAS.schemas['MajorCaseReportView'] as { properties: Record<string, { $ref?: string; enum?: string[] }> };
    const status = view.properties['status']!;
    const resolved = status.$ref ? API_SCHEMAS.schemas[status.$ref.replace('#/components/schemas/', '')] as { enum?: string[] } : status;
    expect([...(resolved.enum ?? [])].sort()).toEqual([...REPORT_STATUSES].sort());
  });

  const refs = (v: unknown): string[] =>
    Array.isArray(v) ? v.flatMap(refs)
      : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => (k === '$ref' && typeof x === 'string' ? [x] : refs(x)))
      : [];

  it('resolve every reference and name only schemas they hold', () => {
    const names = new Set(Object.keys(API_SCHEMAS.schemas));
    const dangling = refs(API_SCHEMAS.schemas).map((r) => r.replace('#/components/schemas/', '')).filter((n) => !names.has(n));
    expect(dangling).toEqual([]);
    const missing = Object.values(API_SCHEMAS.operations).flatMap((o) => (o.schema && !names.has(o.schema) ? [o.schema] : []));
    expect(missing).toEqual([]);
  });

  it('describe objects closed (additionalProperties: false, or a schema for an index signature), so that a field the API does not send is an error', () => {
    const open: string[] = [];
    const walk = (v: unknown, at: string): void => {
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}/${i}`));
      if (!v || typeof v !== 'object') return;
      const s = v as Record<string, unknown>;
      // an index signature (Record<string, number>) is a schema for the other keys: closed too
      if (s['type'] === 'object' && (s['additionalProperties'] === undefined || s['additionalProperties'] === true)) open.push(at);
      for (const [k, x] of Object.entries(s)) walk(x, `${at}/${k}`);
    };
    walk(API_SCHEMAS.schemas, '');
    expect(open).toEqual([]);
  });
});
