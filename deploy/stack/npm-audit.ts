// `npm audit` in the test command (issue 14): high and critical advisories fail the run unless the
// allow-list (deploy/npm-audit-allow.json) names the advisory with a reason and a date to look again.
// When the registry's advisory service cannot be reached (some mirrors refuse the bulk POST with 405),
// the run says "not checked" and why, loudly, instead of pretending a pass.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface AllowedAdvisory {
  /** The package the advisory is about. */
  package: string;
  /** The advisory's URL (GHSA) as npm audit reports it. */
  advisory: string;
  /** Why it does not apply or cannot be fixed yet. */
  reason: string;
  /** ISO date after which the entry no longer counts (look again). */
  until: string;
}

export type AuditVerdict =
  | { kind: 'ok'; checked: number; allowed: string[] }
  | { kind: 'failed'; findings: string[]; allowed: string[] }
  | { kind: 'unchecked'; reason: string };

interface AuditReport {
  vulnerabilities?: Record<string, { severity: string; via: (string | { url?: string; title?: string; severity?: string })[] }>;
  metadata?: { dependencies?: { total?: number } };
  message?: string;
  statusCode?: number;
  error?: { summary?: string };
}

const SERIOUS = new Set(['high', 'critical']);

/** Judges an `npm audit --json` report against the allow-list, on `today` (YYYY-MM-DD). */
export function judgeAudit(raw: string, allow: AllowedAdvisory[], today: string): AuditVerdict {
  let report: AuditReport;
  try {
    report = JSON.parse(raw) as AuditReport;
  } catch {
    return { kind: 'unchecked', reason: 'npm audit printed no JSON report' };
  }
  if (!report.vulnerabilities) {
    const why = report.message ?? report.error?.summary ?? 'no report';
    return { kind: 'unchecked', reason: `advisory service unreachable (${why})` };
  }
  const findings: string[] = [];
  const allowed: string[] = [];
  for (const [name, v] of Object.entries(report.vulnerabilities)) {
    if (!SERIOUS.has(v.severity)) continue;
    // An entry's own advisories (objects); strings only point to the dependency that carries it.
    const advisories = v.via.filter((x): x is { url?: string; title?: string; severity?: string } => typeof x === 'object');
    for (const a of advisories) {
      if (a.severity && !SERIOUS.has(a.severity)) continue;
      const entry = allow.find((e) => e.package === name && e.advisory === a.url && e.until >= today);
      const line = `${name}: ${a.title ?? 'advisory'} (${a.severity ?? v.severity}) ${a.url ?? ''}`.trim();
      (entry ? allowed : findings).push(entry ? `${line} — allowed: ${entry.reason} (until ${entry.until})` : line);
    }
  }
  if (findings.length) return { kind: 'failed', findings, allowed };
  return { kind: 'ok', checked: report.metadata?.dependencies?.total ?? 0, allowed };
}

/** Runs `npm audit --json` in `root` and judges it with the allow-list file. */
export function runNpmAudit(root: string, allowFile: string, today = new Date().toISOString().slice(0, 10)): AuditVerdict {
  const allow = JSON.parse(readFileSync(allowFile, 'utf8')) as AllowedAdvisory[];
  const r = spawnSync('npm', ['audit', '--json', '--audit-level=high'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.error) return { kind: 'unchecked', reason: `npm audit could not run (${r.error.message})` };
  return judgeAudit(r.stdout, allow, today);
}
