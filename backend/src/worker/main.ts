import { loadConfigOrExit } from '../platform/config/config.js';
import { createWorker } from './worker.js';

process.env.FUNDSUP_PROCESS ??= 'worker';
const config = loadConfigOrExit();
const { worker, context, connection } = await createWorker(config);
console.log(JSON.stringify({ level: 30, service: 'worker', msg: 'worker running', taskQueue: config.temporalTaskQueue }));
// worker.run() resolves after SIGINT/SIGTERM (the SDK installs the handlers) once in-flight tasks finish.
await worker.run();
await connection.close();
await context.close();
