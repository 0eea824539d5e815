// Generates the API's response types from the backend's own TypeScript (issue 14, ADR 0014):
//   backend/src/platform/http/api-schemas.generated.ts  JSON Schemas of every route's response, by
//       operationId (<ControllerClass>_<method>, as @nestjs/swagger names them); merged into the
//       OpenAPI document by platform/http/openapi.ts
//   frontend/src/app/core/api-types.generated.ts        the same schemas as TypeScript types, for the frontend
//
// A route's response type is Awaited<ReturnType<Controller['method']>>, read by ts-json-schema-generator
// from a temporary file of aliases. Named interfaces become named schemas; anonymous shapes are named
// <ControllerClass>_<method>. Routes that write the response themselves (@Res: PDF, xlsx, downloads) or
// return nothing get no schema (their content type, when declared by @ApiProduces, is recorded instead).
//
//   node deploy/generate-api-types.ts          write them
//   node deploy/generate-api-types.ts --check  exit 1 if either is stale (run by the deploy project's lint, so by ./suite test)
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = resolve(import.meta.dirname, '..');
const BACKEND = join(ROOT, 'backend');
const SCHEMAS_OUT = join(BACKEND, 'src', 'platform', 'http', 'api-schemas.generated.ts');
const TYPES_OUT = join(ROOT, 'frontend', 'src', 'app', 'core', 'api-types.generated.ts');
const VERBS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);

type Schema = { [key: string]: unknown };

interface Route {
  controller: string;
  method: string;
  file: string;
  verb: string;
  /** Writes the response itself (@Res). */
  raw: boolean;
  produces: string | null;
}

export interface ApiOperation {
  /** The success response's schema name in components.schemas; absent: no JSON body. */
  schema?: string;
  /** Declared content type of a route that writes its own response (@ApiProduces). */
  produces?: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

function decoratorsOf(node: ts.Node): { name: string; args: readonly ts.Expression[] }[] {
  return (ts.canHaveDecorators(node) ? ts.getDecorators(node) ?? [] : []).flatMap((d): { name: string; args: readonly ts.Expression[] }[] => {
    const e = d.expression;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) return [{ name: e.expression.text, args: e.arguments }];
    if (ts.isIdentifier(e)) return [{ name: e.text, args: [] }];
    return [];
  });
}

/** Every route of every exported @Controller class under backend/src. */
function routes(): Route[] {
  const out: Route[] = [];
  for (const file of files(join(BACKEND, 'src')).sort()) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('@Controller(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const cls of source.statements) {
      if (!ts.isClassDeclaration(cls) || !cls.name || !decoratorsOf(cls).some((d) => d.name === 'Controller')) continue;
      if (!cls.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) throw new Error(`${file}: controller ${cls.name.text} is not exported`);
      for (const member of cls.members) {
        if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        const decorators = decoratorsOf(member);
        const verb = decorators.find((d) => VERBS.has(d.name));
        if (!verb) continue;
        const producesArg = decorators.find((d) => d.name === 'ApiProduces')?.args[0];
        out.push({
          controller: cls.name.text,
          method: member.name.text,
          file,
          verb: verb.name,
          raw: member.parameters.some((p) => decoratorsOf(p).some((d) => d.name === 'Res')),
          produces: producesArg && ts.isStringLiteral(producesArg) ? producesArg.text : null,
        });
      }
    }
  }
  return out;
}

const opId = (r: Route) => `${r.controller}_${r.method}`;

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(BACKEND, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  if (!parsed) throw new Error('cannot read backend/tsconfig.json');
  return { ...parsed.options, noEmit: true };
}

/** The TypeScript text of each route's response type (Awaited<return type>), or null when it sends no body. */
function responseTypes(all: Route[], options: ts.CompilerOptions, imports: Map<string, string>): Map<string, string | null> {
  const program = ts.createProgram([...new Set(all.map((r) => r.file))], options);
  const checker = program.getTypeChecker();
  const printer = ts.createPrinter({ removeComments: true });
  const out = new Map<string, string | null>();
  const named = new Map<string, Map<string, string>>();
  const flags = ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.IgnoreErrors | ts.NodeBuilderFlags.UseFullyQualifiedType;
  for (const r of all) {
    if (r.raw) { out.set(opId(r), null); continue; }
    const source = program.getSourceFile(r.file)!;
    const cls = source.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === r.controller)!;
    const method = cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === r.method)!;
    const signature = checker.getSignatureFromDeclaration(method)!;
    const type = checker.getAwaitedType(checker.getReturnTypeOfSignature(signature))!;
    if (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Never)) { out.set(opId(r), null); continue; }
    const node = checker.typeToTypeNode(type, undefined, flags)!;
    const text = printer.printNode(ts.EmitHint.Unspecified, node, source)
      // import("/abs/path/file", { with: … }).Name → Name, imported by name in the entry file
      .replace(/import\("([^"]+)"(?:,\s*\{\s*with:\s*\{[^}]*\}\s*\})?\)\.([A-Za-z0-9_$]+)/g, (_m, path: string, name: string) => {
        const known = imports.get(name);
        if (known && known !== path) throw new Error(`two response types are named ${name}: in ${known} and ${path}`);
        imports.set(name, path);
        return name;
      });
    collectNamed(checker, type, named);
    if (text === 'unknown' || text === 'any') throw new Error(`${opId(r)}: the response type is ${text}; give the query or the method a real type`);
    out.set(opId(r), text);
  }
  // ts-json-schema-generator names a schema after its type and merges two types of the same name
  // silently: the API's named types must have unique names (or be the same type).
  const clashes = [...named].filter(([, decls]) => new Set(decls.values()).size > 1);
  if (clashes.length) {
    throw new Error(`response types of the same name, different shapes — rename one of each:\n${clashes
      .map(([name, decls]) => `  ${name}: ${[...decls.keys()].join(', ')}`).join('\n')}`);
  }
  return out;
}

/** Named types (interfaces, aliases, enums, classes) a response type reaches: name → declaring file → printed shape. */
function collectNamed(checker: ts.TypeChecker, root: ts.Type, named: Map<string, Map<string, string>>): void {
  const seen = new Set<ts.Type>();
  const visit = (type: ts.Type): void => {
    if (seen.has(type)) return;
    seen.add(type);
    const symbol = type.aliasSymbol ?? (type.flags & ts.TypeFlags.Object ? type.getSymbol() : undefined);
    const decl = symbol?.declarations?.[0];
    if (symbol && decl && !decl.getSourceFile().isDeclarationFile && !(symbol.flags & ts.SymbolFlags.TypeLiteral) && !(symbol.flags & ts.SymbolFlags.ObjectLiteral)) {
      const file = relative(ROOT, decl.getSourceFile().fileName);
      // aliases of the same literal union are the same type; interfaces and classes are their declaration
      const shape = type.aliasSymbol && type.isUnion()
        ? checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias)
        : file;
      const byFile = named.get(symbol.name) ?? new Map<string, string>();
      byFile.set(`${file}`, shape);
      named.set(symbol.name, byFile);
    }
    for (const t of type.aliasTypeArguments ?? []) visit(t);
    if (type.isUnionOrIntersection()) type.types.forEach(visit);
    if (type.flags & ts.TypeFlags.Object) {
      if (checker.isArrayType(type) || checker.isTupleType(type)) checker.getTypeArguments(type as ts.TypeReference).forEach(visit);
      for (const p of checker.getPropertiesOfType(type)) {
        const d = p.valueDeclaration ?? p.declarations?.[0];
        if (!d) continue;
        const t = checker.getTypeOfSymbolAtLocation(p, d);
        visit(t);
        // A property written with a named alias whose type carries no alias of its own (an alias of
        // (typeof X)[number] resolves to a plain union): the generator names the schema after the
        // alias all the same, so the alias is recorded here too.
        const written = (d as { type?: ts.TypeNode }).type;
        if (written && ts.isTypeReferenceNode(written)) {
          let alias = checker.getSymbolAtLocation(written.typeName);
          if (alias && alias.flags & ts.SymbolFlags.Alias) alias = checker.getAliasedSymbol(alias);
          const aliasDecl = alias?.declarations?.[0];
          if (alias && aliasDecl && ts.isTypeAliasDeclaration(aliasDecl) && !aliasDecl.getSourceFile().isDeclarationFile && t.aliasSymbol !== alias) {
            const byFile = named.get(alias.name) ?? new Map<string, string>();
            byFile.set(relative(ROOT, aliasDecl.getSourceFile().fileName),
              checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias));
            named.set(alias.name, byFile);
          }
        }
      }
      const index = checker.getIndexInfosOfType(type);
      for (const i of index) visit(i.type);
    }
  };
  visit(root);
}

/** Schemas of the routes' responses: { schemas, operations }. */
function generate(): { schemas: Record<string, Schema>; operations: Record<string, ApiOperation> } {
  const all = routes();
  const options = compilerOptions();
  const tmp = mkdtempSync(join(BACKEND, '.api-types-'));
  try {
    const entry = join(tmp, 'entry.ts');
    const imports = new Map<string, string>();
    const types = responseTypes(all, options, imports);
    const withBody = all.filter((r) => types.get(opId(r)));
    writeFileSync(entry, [
      ...[...imports].map(([name, path]) => `import type { ${name} } from '${relative(tmp, path)}.js';\n`),
      ...withBody.map((r) => `export type ${opId(r)} = ${types.get(opId(r))};\n`),
    ].join(''));
    const program = ts.createProgram([entry], options);
    const generator = createGenerator({
      tsProgram: program,
      path: entry,
      type: '*',
      expose: 'export',
      topRef: true,
      jsDoc: 'extended',
      additionalProperties: false,
      encodeRefs: false,
      sortProps: true,
      skipTypeCheck: true,
      functions: 'fail',
    });
    let schema: { definitions?: Record<string, Schema> };
    try {
      schema = generator.createSchema('*') as typeof schema;
    } catch (err) {
      // Say where: the generator's own message names only the kind of node it could not read.
      const failing = withBody.map(opId).filter((id) => { try { generator.createSchema(id); return false; } catch { return true; } });
      process.stderr.write(`the response types of ${failing.join(', ')} cannot be read:\n`);
      const node = (err as { node?: ts.Node }).node;
      if (node) {
        const sf = node.getSourceFile();
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
        throw new Error(`${(err as Error).message} at ${relative(ROOT, sf.fileName)}:${line + 1}: ${node.getText().slice(0, 200)}`);
      }
      throw err;
    }
    const definitions = schema.definitions ?? {};
    const operations: Record<string, ApiOperation> = {};
    for (const r of all) {
      const id = opId(r);
      if (!withBody.includes(r)) {
        operations[id] = r.produces ? { produces: r.produces } : {};
        continue;
      }
      const def = definitions[id];
      if (!def) throw new Error(`no schema generated for ${id}`);
      // An alias of one named type: the operation refers to that type directly.
      const ref = Object.keys(def).length === 1 && typeof def['$ref'] === 'string' ? (def['$ref'] as string).replace('#/definitions/', '') : null;
      if (ref) delete definitions[id];
      operations[id] = { schema: safeName(ref ?? id) };
    }
    return { schemas: normalize(definitions), operations };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Generic instantiations (Page<FindingView>) get names that are TypeScript identifiers (Page_FindingView). */
function safeName(name: string): string {
  return name.replace(/<|,\s*/g, '_').replace(/[>\s]/g, '').replace(/[^A-Za-z0-9_]/g, '_');
}

function normalize(definitions: Record<string, Schema>): Record<string, Schema> {
  const renamed = new Map(Object.keys(definitions).map((n) => [n, safeName(n)]));
  const seen = new Set<string>();
  for (const n of renamed.values()) {
    if (seen.has(n)) throw new Error(`two response types are both named ${n}`);
    seen.add(n);
  }
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [
        k,
        k === '$ref' && typeof x === 'string' ? `#/components/schemas/${renamed.get(x.replace('#/definitions/', '')) ?? x}` : rewrite(x),
      ]));
    }
    return v;
  };
  return Object.fromEntries(
    Object.entries(definitions).map(([n, s]) => [renamed.get(n)!, rewrite(s) as Schema]).sort(([a], [b]) => (a! < b! ? -1 : 1)),
  );
}

// ---- TypeScript for the frontend, from the JSON Schemas (the subset ts-json-schema-generator writes) ----

const refName = (ref: string) => ref.replace('#/components/schemas/', '');
const literal = (v: unknown) => (typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(v));
const key = (k: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));
const doc = (s: Schema, indent: string) =>
  typeof s['description'] === 'string' ? `${indent}/** ${(s['description'] as string).replace(/\*\//g, '* /').replace(/\n/g, `\n${indent} * `)} */\n` : '';

function tsType(s: Schema | boolean, indent = ''): string {
  if (s === true) return 'unknown';
  if (s === false) return 'never';
  if (typeof s['$ref'] === 'string') return refName(s['$ref'] as string);
  if ('const' in s) return literal(s['const']);
  if (Array.isArray(s['enum'])) return (s['enum'] as unknown[]).map(literal).join(' | ');
  if (Array.isArray(s['anyOf'])) return union((s['anyOf'] as Schema[]).map((x) => tsType(x, indent)));
  if (Array.isArray(s['type'])) {
    const { type, ...rest } = s;
    return union((type as string[]).map((t) => tsType({ ...rest, type: t }, indent)));
  }
  switch (s['type']) {
    case 'string': return 'string';
    case 'number': case 'integer': return 'number';
    case 'boolean': return 'boolean';
    case 'null': return 'null';
    case 'array': {
      if (Array.isArray(s['items'])) return `[${(s['items'] as Schema[]).map((x) => tsType(x, indent)).join(', ')}]`;
      const item = s['items'] ? tsType(s['items'] as Schema, indent) : 'unknown';
      return topLevelUnion(item) ? `(${item})[]` : `${item}[]`;
    }
    case 'object': return objectType(s, indent);
    case undefined: if (Object.keys(s).filter((k) => k !== 'description').length === 0) return 'unknown';
  }
  throw new Error(`cannot write a TypeScript type for the schema ${JSON.stringify(s).slice(0, 200)}`);
}

const union = (parts: string[]) => [...new Set(parts)].join(' | ');

/** Whether a type's text has a | outside brackets (needs parentheses before []). */
function topLevelUnion(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if ('{[(<'.includes(c)) depth++;
    else if ('}])>'.includes(c)) depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

function objectType(s: Schema, indent: string): string {
  const props = (s['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set((s['required'] ?? []) as string[]);
  const inner = `${indent}  `;
  const lines = Object.entries(props).map(([k, v]) => `${doc(v, inner)}${inner}${key(k)}${required.has(k) ? '' : '?'}: ${tsType(v, inner)};`);
  const extra = s['additionalProperties'];
  if (extra && typeof extra === 'object') lines.push(`${inner}[key: string]: ${tsType(extra as Schema, inner)};`);
  else if (extra === undefined || extra === true) if (!lines.length) return 'Record<string, unknown>';
  return lines.length ? `{\n${lines.join('\n')}\n${indent}}` : 'Record<string, never>';
}

function frontendTypes(schemas: Record<string, Schema>, operations: Record<string, ApiOperation>): string {
  const out = [
    '// Generated by `node deploy/generate-api-types.ts` from the backend\'s response types (ADR 0014): do not edit.',
    '// The same schemas are the OpenAPI document\'s components.schemas (/api/docs/json).',
    '/* eslint-disable */',
    '',
  ];
  for (const [name, s] of Object.entries(schemas)) {
    const isInterface = s['type'] === 'object' && s['properties'] && !s['anyOf'];
    out.push(`${doc(s, '')}${isInterface ? `export interface ${name} ${tsType(s)}` : `export type ${name} = ${tsType(s)};`}`, '');
  }
  out.push('/** Every route\'s success response, by operationId (<ControllerClass>_<method>); `void` when it sends no JSON. */');
  out.push('export interface ApiResponses {');
  for (const [id, op] of Object.entries(operations).sort(([a], [b]) => (a < b ? -1 : 1))) out.push(`  ${id}: ${op.schema ?? 'void'};`);
  out.push('}', '');
  return out.join('\n');
}

function backendSchemas(schemas: Record<string, Schema>, operations: Record<string, ApiOperation>): string {
  return [
    '// Generated by `node deploy/generate-api-types.ts` from the route methods\' return types (ADR 0014): do not edit.',
    '// Merged into the OpenAPI document by ./openapi.ts.',
    "import type { ApiSchemaSet } from './openapi.js';",
    '',
    `export const API_SCHEMAS: ApiSchemaSet = ${JSON.stringify({ schemas, operations: Object.fromEntries(Object.entries(operations).sort(([a], [b]) => (a < b ? -1 : 1))) }, null, 2)};`,
    '',
  ].join('\n');
}

export function main(): number {
  const check = process.argv.includes('--check');
  const { schemas, operations } = generate();
  const outputs = new Map([
    [SCHEMAS_OUT, backendSchemas(schemas, operations)],
    [TYPES_OUT, frontendTypes(schemas, operations)],
  ]);
  const stale = [...outputs].filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text).map(([path]) => relative(ROOT, path));
  if (check) {
    if (stale.length) {
      process.stderr.write(`generated API types are stale: ${stale.join(', ')} — run node deploy/generate-api-types.ts\n`);
      return 1;
    }
    return 0;
  }
  for (const [path, text] of outputs) writeFileSync(path, text);
  process.stdout.write(`${Object.keys(schemas).length} schemas, ${Object.keys(operations).length} operations; wrote ${outputs.size} files${stale.length ? ` (${stale.length} changed)` : ''}\n`);
  return 0;
}

process.exit(main());
