import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PATH_METADATA } from '@nestjs/common/constants.js';

// The OpenAPI document names a schema after its class: two request or response classes with the same
// name become one schema, and one of the endpoints documents the other's body (issue 15 §6: VerifyBody,
// RectificationBody, FindingBody, ReturnBody of two contexts each). This fails on any class name used
// twice among the classes the controllers' routes take or return, and the classes those nest.

// @nestjs/swagger's metadata keys (DECORATORS in its dist/constants, not exported by the package).
const DECORATORS = {
  API_MODEL_PROPERTIES: 'swagger/apiModelProperties',
  API_MODEL_PROPERTIES_ARRAY: 'swagger/apiModelPropertiesArray',
  API_RESPONSE: 'swagger/apiResponse',
};
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const BUILT_IN = new Set<unknown>([Object, String, Number, Boolean, Array, Date, Promise, Function, Buffer, Map, Set]);

type Ctor = abstract new (...args: never[]) => unknown;

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? controllerFiles(join(dir, e.name)) : e.name.endsWith('.controller.ts') ? [join(dir, e.name)] : []);
}

const isClass = (v: unknown): v is Ctor => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v));

/** The classes a property's `type` names: a class, an array of one, or a thunk returning either. */
function typesOf(type: unknown): Ctor[] {
  if (Array.isArray(type)) return type.flatMap(typesOf);
  if (isClass(type)) return [type];
  if (typeof type === 'function' && !BUILT_IN.has(type) && type.length === 0) {
    try {
      return typesOf((type as () => unknown)());
    } catch {
      return [];
    }
  }
  return [];
}

async function routeClasses(): Promise<Map<string, Map<Ctor, string>>> {
  const byName = new Map<string, Map<Ctor, string>>();
  const seen = new Set<Ctor>();
  const visit = (cls: Ctor, where: string) => {
    if (BUILT_IN.has(cls) || seen.has(cls)) return;
    seen.add(cls);
    const uses = byName.get(cls.name) ?? new Map<Ctor, string>();
    uses.set(cls, where);
    byName.set(cls.name, uses);
    for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      const props: string[] = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, proto) ?? [];
      for (const p of props) {
        const meta = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, proto, p.replace(/^:/, '')) as { type?: unknown } | undefined;
        for (const t of typesOf(meta?.type)) visit(t, `${where} → ${cls.name}.${p.replace(/^:/, '')}`);
      }
    }
  };
  for (const file of controllerFiles(SRC)) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const exported of Object.values(mod)) {
      if (!isClass(exported) || Reflect.getMetadata(PATH_METADATA, exported) === undefined) continue;
      const proto = exported.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor' || typeof proto[name] !== 'function') continue;
        const where = `${relative(SRC, file)} ${exported.name}.${name}`;
        const params: unknown[] = Reflect.getMetadata('design:paramtypes', proto, name) ?? [];
        for (const p of params) if (isClass(p)) visit(p, where);
        const responses = (Reflect.getMetadata(DECORATORS.API_RESPONSE, proto[name] as object) ?? {}) as Record<string, { type?: unknown }>;
        for (const r of Object.values(responses)) for (const t of typesOf(r?.type)) visit(t, where);
      }
    }
  }
  return byName;
}

describe('OpenAPI schema names', () => {
  it('no two classes the routes take, return or nest share a name', async () => {
    const byName = await routeClasses();
    expect(byName.size).toBeGreaterThan(50);
    const duplicates = [...byName.entries()].filter(([, uses]) => uses.size > 1).map(([name, uses]) => `${name}: ${[...uses.values()].join(' | ')}`);
    expect(duplicates).toEqual([]);
  });

  it('finds nested classes (the check would see a duplicate inside a body)', async () => {
    const byName = await routeClasses();
    // CampaignBody nests FocusAreaBody and CalendarBody through @ApiProperty({ type })
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['CampaignBody', 'FocusAreaBody', 'CalendarBody', 'IcFindingBody', 'FindingBody']));
  });
});
