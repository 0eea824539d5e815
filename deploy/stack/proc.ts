// Process plumbing shared by the services: detached launches, pid files,
// liveness, graceful stops, readiness polling and a cross-process lock.
import { spawn, execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StackError } from './errors.ts';

export { sleep };

const MAX_LOG_BYTES = 20 * 1024 * 1024;

export interface DetachedLaunch {
  command: string;
  args: string[];
  logFile: string;
  pidFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
}

export interface Launched {
  pid: number;
  /** True once the process has exited; only meaningful while this launcher runs. */
  exited: () => boolean;
}

/**
 * Starts a process in its own session so it outlives the launcher and is not
 * hit by the terminal's Ctrl-C; output goes to an append-only log file.
 */
export async function spawnDetached(spec: DetachedLaunch): Promise<Launched> {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  mkdirSync(dirname(spec.pidFile), { recursive: true });
  rotateLog(spec.logFile);
  const fd = openSync(spec.logFile, 'a');
  writeSync(fd, `\n===== ${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`);
  let child: ChildProcess;
  try {
    child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
      uid: spec.uid,
      gid: spec.gid,
    });
    // A spawn failure (missing binary or folder) becomes a one-line StackError, not a stack trace.
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (err) => reject(new StackError(`cannot start ${spec.command} in ${spec.cwd ?? '.'}: ${err.message}`)));
    });
  } finally {
    closeSync(fd);
  }
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  child.unref();
  const pid = child.pid as number;
  writeFileSync(spec.pidFile, `${pid}\n`);
  return { pid, exited: () => exited };
}

function rotateLog(file: string): void {
  try {
    if (statSync(file).size > MAX_LOG_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
}

export function readPidFile(pidFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function removeFile(file: string): void {
  rmSync(file, { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A zombie still answers kill(0) until its parent reaps it.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/**
 * A pid is only ours if its command line mentions `marker` (a path inside our
 * data dir); pid files can outlive a reboot and point at an unrelated process.
 */
export function isOurProcess(pid: number, marker: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(marker);
  } catch {
    return false;
  }
}

/** The live pid recorded in `pidFile`, if it still belongs to us. */
export function runningPid(pidFile: string, marker: string): number | undefined {
  const pid = readPidFile(pidFile);
  return pid !== undefined && isOurProcess(pid, marker) ? pid : undefined;
}

export interface StopSpec {
  pid: number;
  /** Signals to try in order, each followed by a grace period in ms. */
  steps: [NodeJS.Signals, number][];
}

/** Returns true if the process had to be SIGKILLed. */
export async function stopProcess(spec: StopSpec): Promise<boolean> {
  for (const [signal, graceMs] of spec.steps) {
    if (!isAlive(spec.pid)) return false;
    try {
      process.kill(spec.pid, signal);
    } catch {
      return false;
    }
    if (await waitUntil(() => !isAlive(spec.pid), graceMs, 100)) return false;
  }
  // Take the whole session down so no orphaned worker survives.
  try {
    process.kill(-spec.pid, 'SIGKILL');
  } catch {
    try {
      process.kill(spec.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await waitUntil(() => !isAlive(spec.pid), 5_000, 100);
  return true;
}

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

export function tcpOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a short-lived command; never rejects on non-zero exit. */
export function run(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: opts.cwd, env: opts.env, timeout: opts.timeoutMs ?? 0, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 127) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr || (err && code === 127 ? err.message : '')) });
      },
    );
  });
}

export function tailFile(file: string, lines = 25): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Serialises launchers that touch the same directory (parallel test runners,
 * a dev `up` racing a test `up` on the shared cache). mkdir is atomic; a lock
 * whose owner died is taken over.
 */
export async function withLock<T>(
  lockDir: string,
  what: string,
  timeoutMs: number,
  log: (msg: string) => void,
  fn: () => Promise<T>,
): Promise<T> {
  mkdirSync(dirname(lockDir), { recursive: true });
  const ownerFile = `${lockDir}/owner`;
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(ownerFile, `${process.pid}\n`);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readPidFile(ownerFile);
    let ageMs = 0;
    try {
      ageMs = Date.now() - statSync(lockDir).mtimeMs;
    } catch {
      continue;
    }
    // No owner file yet means the holder is between mkdir and write.
    if ((owner !== undefined && !isAlive(owner)) || (owner === undefined && ageMs > 5_000)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new StackError(`timed out waiting for ${what} (held by pid ${owner ?? '?'}; lock ${lockDir})`);
    }
    if (!announced) {
      log(`waiting for ${what} held by pid ${owner ?? '?'}`);
      announced = true;
    }
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Readers never see a half-written file. */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}
