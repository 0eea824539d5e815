import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// ADR 0013, point 2: a typed row interface per table or query, no `Record<string, any>` rows. The
// contexts' SQL rows say what the driver returns (issue 14), their event payloads are read as
// `unknown` with narrowing. This keeps it so: it fails on any use of the type `any` in
// backend/src/contexts (a row type, a parameter, a cast, a type argument), found by TypeScript's own
// parser, so that SQL's `= any(?::text[])` and comments do not count. The rest of the backend is
// not checked here.

const CONTEXTS = fileURLToPath(new URL('../../src/contexts/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** Each use of the type `any` in a TypeScript source: `line: text`. */
function anyTypes(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${line + 1}: ${text.split('\n')[line]!.trim()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no `any` in the contexts (ADR 0013: typed rows)', () => {
  it('finds the type any wherever it is written, and nothing else', () => {
    const sample = [
      'type Row = Record<string, any>;',
      'const rows = await em.execute<any[]>(`select id from finding where id = any(?::uuid[])`);',
      'function f(x: any) { return x as any; }',
      '// any row, = any(?::text[])',
      "const sql = 'select 1 where kind = any(?::text[])';",
      'const ok: Record<string, unknown> = {};',
    ].join('\n');
    expect(anyTypes('sample.ts', sample)).toEqual([
      '1: type Row = Record<string, any>;',
      '2: const rows = await em.execute<any[]>(`select id from finding where id = any(?::uuid[])`);',
      '3: function f(x: any) { return x as any; }',
      '3: function f(x: any) { return x as any; }',
    ]);
  });

  it('backend/src/contexts declares no any', () => {
    const files = sourceFiles(CONTEXTS);
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap((f) => anyTypes(f, readFileSync(f, 'utf8')).map((hit) => `${relative(CONTEXTS, f)}:${hit}`));
    expect(offending).toEqual([]);
  });
});
