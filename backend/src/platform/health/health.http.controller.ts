import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Public } from '../auth/decorators.js';
import { Temporal } from '../temporal/temporal.js';

interface Check {
  ok: boolean;
  ms: number;
  error?: string;
}

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const t = performance.now();
  try {
    const r = await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3 s')), 3000).unref()),
    ]);
    if (r === false) throw new Error('unhealthy');
    return { ok: true, ms: Math.round(performance.now() - t) };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - t), error: err instanceof Error ? err.message : String(err) };
  }
}

@ApiTags('platform')
@Controller()
export class HealthHttpController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orm: MikroORM,
    private readonly temporal: Temporal,
  ) {}

  /** Liveness of the three things every request may need; 503 when any is down. */
  @Public()
  @Get('health')
  async health(@Res() res: Response) {
    const [database, temporal, identity] = await Promise.all([
      timed(() => this.orm.em.fork().execute('select 1')),
      timed(() => this.temporal.healthy()),
      timed(async () => {
        const r = await fetch(`${this.config.oidcIssuerUrl}/.well-known/openid-configuration`);
        if (!r.ok) throw new Error(`identity provider answered ${r.status}`);
      }),
    ]);
    const ok = database.ok && temporal.ok && identity.ok;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', checks: { database, temporal, identity } });
  }

  /** What the browser app needs before it can sign in. */
  @Public()
  @Get('config')
  clientConfig() {
    return {
      oidc: { issuer: this.config.oidcPublicIssuerUrl, clientId: this.config.oidcWebClientId },
      version: process.env.npm_package_version ?? '0.1.0',
    };
  }
}
