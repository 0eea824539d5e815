// Generates the parts of the documentation that must not drift from the code (issue 14):
//   docs/architecture-map.md           the backend's units and who imports whom, from dependency-cruiser's graph
//   docs/events.md                     every domain event: its context, the workflow it drives, whether dashboards count it
//   backend/src/contexts/*/README.md   per context: its commands, queries, events, workflows, readers (generated part)
//
//   node deploy/generate-docs.ts          write them
//   node deploy/generate-docs.ts --check  exit 1 if any is stale (run by the deploy project's lint, so by ./suite test)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CONTEXTS = join(ROOT, 'backend', 'src', 'contexts');

interface Module { source: string; dependencies: { resolved: string; dynamic: boolean; dependencyTypes: string[] }[] }

function graph(): Module[] {
  const bin = join(ROOT, 'node_modules', '.bin', 'depcruise');
  const out = execFileSync(bin, ['backend/src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
  return (JSON.parse(out.toString()) as { modules: Module[] }).modules;
}

/** The unit a backend file belongs to: a context, the platform, the kernel, the seed, the worker, or the composition root. */
function unitOf(path: string): string | null {
  const m = /^backend\/src\/(?:contexts\/([^/]+)|(platform|kernel|seed|worker)\/)/.exec(path);
  if (m) return m[1] ? `contexts/${m[1]}` : m[2]!;
  return path.startsWith('backend/src/') ? 'app' : null;
}

function files(dir: string, ext = '.ts'): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

const read = (p: string) => readFileSync(p, 'utf8');
const rel = (p: string) => relative(ROOT, p);

/** The event constants of a context: { NAME_EVENTS: { key: 'EventType' } } with each key's doc comment. */
function eventsOf(context: string): { constant: string; type: string; doc: string; file: string }[] {
  const found: { constant: string; type: string; doc: string; file: string }[] = [];
  for (const file of files(join(CONTEXTS, context))) {
    const text = read(file);
    for (const m of text.matchAll(/export const ([A-Z_]+_EVENTS) = \{([\s\S]*?)\} as const;/g)) {
      const body = m[2]!;
      for (const e of body.matchAll(/(?:\/\*\*\s*([\s\S]*?)\s*\*\/\s*)?[a-zA-Z]+: '([A-Za-z]+)'/g)) {
        found.push({ constant: m[1]!, type: e[2]!, doc: (e[1] ?? '').replace(/\s*\n\s*\*\s*/g, ' ').trim(), file: rel(file) });
      }
    }
  }
  return found;
}

/** Classes of a context that extend a command or query base: { name, kind }. */
function messagesOf(context: string): { name: string; kind: 'command' | 'query' }[] {
  const out: { name: string; kind: 'command' | 'query' }[] = [];
  for (const file of files(join(CONTEXTS, context))) {
    for (const m of read(file).matchAll(/export class ([A-Za-z]+) extends ([A-Za-z]+)/g)) {
      const [name, base] = [m[1]!, m[2]!];
      if (/Command$/.test(name) && /Command/.test(base)) out.push({ name, kind: 'command' });
      else if (/Query$/.test(name) && /Query/.test(base)) out.push({ name, kind: 'query' });
    }
  }
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** Event type → what it asks of Temporal, from the contexts' *-workflow.routes.ts (by reading the code). */
function workflowRoutes(): Map<string, string> {
  const routes = new Map<string, string>();
  for (const file of files(CONTEXTS).filter((f) => f.endsWith('workflow.routes.ts'))) {
    const text = read(file);
    const keys = [...text.matchAll(/^\s*\[([A-Z_]+_EVENTS)\.([a-zA-Z]+)\]:/gm)];
    keys.forEach((m, i) => {
      const type = typeFromConstant(m[1]!, m[2]!);
      if (!type) return;
      const body = text.slice(m.index!, keys[i + 1]?.index ?? text.length);
      const start = /kind: 'start', workflowType: ([A-Z_]+)/.exec(body) ?? /\bstartWorkflow\(([A-Z_]+)/.exec(body);
      routes.set(type, start ? `starts \`${start[1]}\`` : /kind: 'signal'/.test(body) ? 'signals its workflow' : 'updates its workflow');
    });
  }
  return routes;
}

const constantTable = new Map<string, string>();
function typeFromConstant(constant: string, key: string): string | null {
  if (!constantTable.size) {
    for (const file of files(CONTEXTS)) {
      for (const m of read(file).matchAll(/export const ([A-Z_]+_EVENTS) = \{([\s\S]*?)\} as const;/g)) {
        for (const e of m[2]!.matchAll(/([a-zA-Z]+): '([A-Za-z]+)'/g)) constantTable.set(`${m[1]}.${e[1]}`, e[2]!);
      }
    }
  }
  return constantTable.get(`${constant}.${key}`) ?? null;
}

function projected(): Set<string> {
  const text = read(join(CONTEXTS, 'dashboards', 'infrastructure', 'event-map.ts'));
  const counted = new Set<string>();
  for (const m of text.matchAll(/([A-Z][A-Za-z]+): (?!none\b)/g)) counted.add(m[1]!);
  for (const m of text.matchAll(/([A-Z][A-Za-z]+): none\b/g)) counted.delete(m[1]!);
  return counted;
}

function architectureMap(modules: Module[]): string {
  const edges = new Map<string, number>();
  for (const m of modules) {
    const from = unitOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = unitOf(d.resolved);
      if (!to || to === from) continue;
      const key = `${from}|${to}`;
      edges.set(key, (edges.get(key) ?? 0) + 1);
    }
  }
  const id = (u: string) => u.replace(/[^a-z]/g, '_');
  const units = [...new Set([...edges.keys()].flatMap((k) => k.split('|')))].sort();
  const lines = [
    '# Architecture map (generated)',
    '',
    'Generated by `node deploy/generate-docs.ts` from dependency-cruiser\'s graph of `backend/src`; `./suite test`',
    'fails when it is stale. An arrow is "imports" (the number: how many import statements). Contexts reach each',
    "other only through their `index.ts` (ADR 0012); `app` is the composition root (`app.module.ts`, `database.ts`,",
    '`cli.ts`, `main.ts`), `seed` the demo and benchmark data generator.',
    '',
    '```mermaid',
    'graph LR',
    ...units.map((u) => `  ${id(u)}["${u}"]`),
    ...[...edges.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => {
      const [from, to] = k.split('|') as [string, string];
      return `  ${id(from)} -->|${n}| ${id(to)}`;
    }),
    '```',
    '',
    '| from | to | imports |',
    '|---|---|---|',
    ...[...edges.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `| ${k.split('|')[0]} | ${k.split('|')[1]} | ${n} |`),
    '',
  ];
  return lines.join('\n');
}

function eventsDoc(): string {
  const routes = workflowRoutes();
  const counted = projected();
  const lines = [
    '# Domain events (generated)',
    '',
    'Every event type the contexts record (their `*_EVENTS` constants), generated by `node deploy/generate-docs.ts`;',
    '`./suite test` fails when it is stale. Events are written to the outbox in the command\'s transaction (ADR 0005);',
    'the relay turns some into workflow starts or updates (the contexts\' `*-workflow.routes.ts`), and the dashboards\'',
    'projector counts those in its event map (ADR 0010). Payloads are the aggregates\' own (see each context\'s domain).',
    '',
    '| context | event | meaning | Temporal | dashboards |',
    '|---|---|---|---|---|',
  ];
  for (const context of readdirSync(CONTEXTS).sort()) {
    for (const e of eventsOf(context)) {
      lines.push(`| ${context} | \`${e.type}\` | ${e.doc.replace(/\|/g, '\\|') || '—'} | ${routes.get(e.type) ?? '—'} | ${counted.has(e.type) ? 'counted' : '—'} |`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

const BEGIN = '<!-- generated: begin (node deploy/generate-docs.ts) -->';
const END = '<!-- generated: end -->';

function contextReadme(context: string, modules: Module[], existing: string | null): string {
  const readers = new Set<string>();
  for (const m of modules) {
    const from = unitOf(m.source);
    if (!from || from === `contexts/${context}`) continue;
    if (m.dependencies.some((d) => d.resolved.startsWith(`backend/src/contexts/${context}/`))) readers.add(from);
  }
  const messages = messagesOf(context);
  const events = eventsOf(context);
  const routes = workflowRoutes();
  const generated = [
    BEGIN,
    '## Commands',
    ...(messages.filter((m) => m.kind === 'command').map((m) => `- \`${m.name}\``)),
    messages.some((m) => m.kind === 'command') ? '' : '_none_\n',
    '## Queries',
    ...(messages.filter((m) => m.kind === 'query').map((m) => `- \`${m.name}\``)),
    messages.some((m) => m.kind === 'query') ? '' : '_none_\n',
    '## Events',
    ...events.map((e) => `- \`${e.type}\`${e.doc ? ` — ${e.doc}` : ''}${routes.has(e.type) ? ` (${routes.get(e.type)})` : ''}`),
    events.length ? '' : '_none_\n',
    '## Imported by',
    ...[...readers].sort().map((r) => `- ${r}`),
    readers.size ? '' : '_nobody (registered by the app module only)_\n',
    END,
  ].join('\n');
  const intro = existing && existing.includes(BEGIN)
    ? existing.slice(0, existing.indexOf(BEGIN)).trimEnd()
    : `# Context: ${context}\n\n_What it owns and why: to be written by the context's owner._`;
  return `${intro}\n\n${generated}\n`;
}

function main(): number {
  const check = process.argv.includes('--check');
  const modules = graph();
  const outputs = new Map<string, string>([
    [join(ROOT, 'docs', 'architecture-map.md'), architectureMap(modules)],
    [join(ROOT, 'docs', 'events.md'), eventsDoc()],
  ]);
  for (const context of readdirSync(CONTEXTS).filter((c) => statSync(join(CONTEXTS, c)).isDirectory()).sort()) {
    const path = join(CONTEXTS, context, 'README.md');
    outputs.set(path, contextReadme(context, modules, existsSync(path) ? read(path) : null));
  }
  const stale = [...outputs].filter(([path, text]) => !existsSync(path) || read(path) !== text).map(([path]) => rel(path));
  if (check) {
    if (stale.length) {
      process.stderr.write(`generated docs are stale: ${stale.join(', ')} — run node deploy/generate-docs.ts\n`);
      return 1;
    }
    return 0;
  }
  for (const [path, text] of outputs) writeFileSync(path, text);
  process.stdout.write(`wrote ${outputs.size} files${stale.length ? ` (${stale.length} changed)` : ''}\n`);
  return 0;
}

process.exit(main());
