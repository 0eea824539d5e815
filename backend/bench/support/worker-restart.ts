// Issue 19: how long a killed worker takes to work again. Starts the built worker (backend/dist) on a
// private task queue against a running stack (the dev stack by default; the outbox relay, the projector
// and the cycles off, so it takes nothing from the stack's own worker), waits until it runs, kills it
// with SIGKILL, starts a new one at once and starts an audit-checkpoint cycle on that queue: the time
// from the kill to the new worker's "worker running" line and to the cycle's first activity completed.
// Prints one JSON line per round. Usage (Node 24, from backend/, after the build):
//   node bench/support/worker-restart.ts [rounds]
// Environment: DATABASE_URL, OIDC_ISSUER_URL, TEMPORAL_ADDRESS (defaults: the dev stack's).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';

const entry = fileURLToPath(new URL('../../dist/worker/main.js', import.meta.url));
const temporalAddress = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const taskQueue = `worker-restart-${randomUUID()}`;

function startWorker(): { child: ChildProcess; running: Promise<number> } {
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:54320/fundsup',
      OIDC_ISSUER_URL: process.env.OIDC_ISSUER_URL ?? 'http://127.0.0.1:8180/realms/fundsup',
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      FUNDSUP_PROCESS: 'worker',
      OUTBOX_RELAY: 'off',
      DASHBOARD_PROJECTOR: 'off',
      MONTHLY_REPORT_CYCLE: 'off',
      COVERAGE_DIGEST_CYCLE: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = new Promise<number>((resolve, reject) => {
    let out = '';
    const seen = (chunk: Buffer): void => {
      out += chunk.toString();
      if (out.includes('"worker running"')) resolve(performance.now());
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before running:\n${out.slice(-2000)}`)));
  });
  return { child, running };
}

async function firstActivityCompleted(client: Client, workflowId: string): Promise<number> {
  for (;;) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    // EVENT_TYPE_ACTIVITY_TASK_COMPLETED = 12
    if (history.events?.some((e) => Number(e.eventType) === 12)) return performance.now();
    await new Promise((r) => setTimeout(r, 50));
  }
}

const rounds = Number(process.argv[2] ?? 3);
const connection = await Connection.connect({ address: temporalAddress });
const client = new Client({ connection });
let current = startWorker();
await current.running;
for (let round = 1; round <= rounds; round++) {
  await new Promise((r) => setTimeout(r, 1000));
  const killedAt = performance.now();
  current.child.kill('SIGKILL');
  current = startWorker();
  const workflowId = `worker-restart-${randomUUID()}`;
  await client.workflow.start('auditCheckpointCycleWorkflow', { taskQueue, workflowId });
  const runningAt = await current.running;
  const activityAt = await firstActivityCompleted(client, workflowId);
  await client.workflow.getHandle(workflowId).terminate('worker-restart measurement');
  process.stdout.write(`${JSON.stringify({
    round,
    killToRunningMs: Math.round(runningAt - killedAt),
    killToFirstActivityCompletedMs: Math.round(activityAt - killedAt),
    loadAverage: (await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' '),
  })}\n`);
}
current.child.kill('SIGKILL');
await connection.close();
