// node deploy/stack/cli.ts up|down|status [--profile dev|test] [--root DIR]
// stdout carries only JSON (StackInfo for up, the status/down report otherwise)
// so scripts can do `eval "$(node deploy/stack/cli.ts up ... | jq ...)"`;
// progress and errors go to stderr.
// Exit codes: 0 ok; 1 failure (for status: some service unhealthy); 2 usage.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isProfile } from './config.ts';
import { StackError } from './errors.ts';
import { down, status, up } from './stack.ts';

const USAGE = 'usage: node deploy/stack/cli.ts up|down|status [--profile dev|test] [--root DIR]';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        profile: { type: 'string', short: 'p', default: 'dev' },
        root: { type: 'string', default: fileURLToPath(new URL('../..', import.meta.url)) },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) return fail(USAGE, 0);
  const [command, ...rest] = positionals;
  if (!command || rest.length > 0 || !['up', 'down', 'status'].includes(command)) return fail(USAGE, 2);
  if (!isProfile(values.profile)) return fail(`unknown profile ${values.profile}\n${USAGE}`, 2);
  const opts = { profile: values.profile, root: resolve(values.root) };
  const t0 = Date.now();
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

  if (command === 'up') {
    print(await up(opts));
    process.stderr.write(`[stack:${opts.profile}] up in ${elapsed()}\n`);
    return 0;
  }
  if (command === 'down') {
    print(await down(opts));
    process.stderr.write(`[stack:${opts.profile}] down in ${elapsed()}\n`);
    return 0;
  }
  const report = await status(opts);
  print(report);
  return report.healthy ? 0 : 1;
}

try {
  // Explicit exit: idle keep-alive sockets from fetch must not delay the shell.
  process.exit(await main());
} catch (err) {
  // Expected failures are one readable message; anything else is a bug, so keep its stack.
  if (err instanceof StackError) fail(`error: ${err.message}`, 1);
  const e = err as Error;
  fail(`error: ${e.message}${process.env.FUNDSUP_STACK_DEBUG ? `\n${e.stack}` : ' (set FUNDSUP_STACK_DEBUG=1 for a stack trace)'}`, 1);
}
