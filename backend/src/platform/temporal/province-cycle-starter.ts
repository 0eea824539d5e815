import { Logger } from '@nestjs/common';
import { systemActor } from '../../kernel/actor.js';
import type { UnitOfWork } from '../tenancy/unit-of-work.js';
import type { Temporal } from './temporal.js';

const RETRY_MS = 30_000;

/**
 * Starts one long-running cycle workflow per seeded province when the API boots (the monthly-report
 * cycle, the coverage digest): no domain event marks "the suite is running", so this is a bootstrap
 * start instead of an outbox route — the same idempotent start the relay uses (workflow id = business
 * key, USE_EXISTING), so every boot of every instance finds the running cycle. Runs in the background
 * and retries until Temporal answers; it never delays the API's start.
 */
export class ProvinceCycleStarter {
  private readonly log: Logger;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Resolves once the cycles are started (tests wait on it). */
  started: Promise<string[]> | null = null;

  constructor(
    private readonly name: string,
    private readonly workflowType: string,
    private readonly workflowIdOf: (provinceCode: string) => string,
    private readonly uow: UnitOfWork,
    private readonly temporal: Temporal,
  ) {
    this.log = new Logger(name);
  }

  start(): void {
    this.started = new Promise((resolve) => {
      const attempt = () => {
        if (this.stopped) return;
        this.startAll().then(resolve, (err) => {
          this.log.warn(`could not start the ${this.name} yet (retrying in ${RETRY_MS / 1000} s): ${String(err)}`);
          this.timer = setTimeout(attempt, RETRY_MS);
          this.timer.unref();
        });
      };
      attempt();
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** The provinces the suite is seeded for: those with a bureau in the directory. */
  private async provinces(): Promise<string[]> {
    const { result } = await this.uow.run(systemActor(this.name), (em) =>
      em.execute<{ code: string }[]>(`select r.code from region r join organization o on o.id = 'bureau-' || r.code and o.kind = 'bureau' where r.level = 'province' order by r.code`));
    return result.map((r) => r.code);
  }

  async startAll(): Promise<string[]> {
    const provinces = await this.provinces();
    for (const provinceCode of provinces) {
      await this.temporal.dispatch(
        { kind: 'start', workflowType: this.workflowType, workflowId: this.workflowIdOf(provinceCode), args: [{ provinceCode }] },
        this.workflowIdOf(provinceCode),
      );
    }
    if (provinces.length) this.log.log(`${this.name} running for ${provinces.join(', ')}`);
    return provinces;
  }
}
