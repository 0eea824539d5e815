import { createLocalJWKSet, type JWK } from 'jose';
import { createHttpApp } from '../../src/http-app.js';
import type { AppConfig } from '../../src/platform/config/config.js';
import { JsonLogger } from '../../src/platform/logging/logger.js';

// The real HTTP app in a process of its own, for findings-list.bench.ts's export memory benchmark:
// it samples its own memory every 5 ms (RSS; V8 heap + external and array buffers, garbage included)
// and, after a full garbage collection, every 2 s (what it really retains), and answers the
// parent's messages over IPC:
//   'reset' → collect garbage, restart the high-water marks from now;
//   'peak'  → the high-water marks since the last reset, and the process's maxRSS (getrusage).
// Started by the parent with: node --expose-gc --import ./bench/support/ts-hooks.mjs <this file>,
// BENCH_CHILD_CONFIG (the AppConfig, JSON) and BENCH_CHILD_JWKS (the token verification keys).

const config = JSON.parse(process.env.BENCH_CHILD_CONFIG!) as AppConfig;
const jwks = JSON.parse(process.env.BENCH_CHILD_JWKS!) as { keys: JWK[] };
const app = await createHttpApp(config, { tokenKeys: createLocalJWKSet(jwks), logger: new JsonLogger('warn') });
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address() as { port: number };

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc!;
const live = () => { const m = process.memoryUsage(); return { rss: m.rss, live: m.heapUsed + m.external, retained: 0 }; };
const retainedNow = () => { gc(); const m = process.memoryUsage(); return m.heapUsed + m.external; };
let peak = { ...live(), retained: retainedNow() };
const sample = () => { const m = live(); peak = { rss: Math.max(peak.rss, m.rss), live: Math.max(peak.live, m.live), retained: peak.retained }; };
// What the process really holds (not the garbage V8 has not collected yet): after a full collection, every 2 s.
const sampleRetained = () => { peak.retained = Math.max(peak.retained, retainedNow()); };
const timer = setInterval(sample, 5);
const retainedTimer = setInterval(sampleRetained, 2000);

process.on('message', (msg: string) => {
  if (msg === 'reset') {
    peak = { ...live(), retained: retainedNow() };
    process.send!({ kind: 'reset', rssMb: mb(peak.rss), liveMb: mb(peak.live), retainedMb: mb(peak.retained) });
  } else if (msg === 'peak') {
    sample();
    sampleRetained();
    // maxRSS is in kilobytes
    process.send!({ kind: 'peak', rssMb: mb(peak.rss), liveMb: mb(peak.live), retainedMb: mb(peak.retained), maxRssMb: mb(process.resourceUsage().maxRSS * 1024) });
  } else if (msg === 'exit') {
    clearInterval(timer);
    clearInterval(retainedTimer);
    void app.close().finally(() => process.exit(0));
  }
});
process.send!({ kind: 'ready', port });
