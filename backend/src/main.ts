import { loadConfigOrExit } from './platform/config/config.js';
import { createHttpApp } from './http-app.js';

const config = loadConfigOrExit();
const app = await createHttpApp(config);
await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
console.log(JSON.stringify({ level: 30, msg: 'listening', port: config.port, rssMb: Math.round(process.memoryUsage().rss / 1048576) }));
