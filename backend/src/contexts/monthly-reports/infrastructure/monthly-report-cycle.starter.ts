import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MONTHLY_REPORT_CYCLE_WORKFLOW_TYPE, monthlyReportCycleWorkflowId } from '@fundsup/workflows/contracts';
import { systemActor } from '../../../kernel/actor.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { Temporal } from '../../../platform/temporal/temporal.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';

const RETRY_MS = 30_000;

/**
 * Starts the monthly report cycle (one workflow per seeded province, id `monthly-reports-<province>`)
 * when the API boots. No domain event marks "the suite is running" (the cycle opens the reports
 * itself), so this is a bootstrap start instead of an outbox route: the same idempotent start the
 * relay uses (workflow id = business key, conflict policy USE_EXISTING, see Temporal.dispatch), so
 * every boot of every instance finds the running cycle instead of starting a second one. Runs in
 * the background and retries until Temporal answers; it never delays the API's start.
 */
@Injectable()
export class MonthlyReportCycleStarter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('MonthlyReportCycle');
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Resolves once the cycles are started (tests wait on it). */
  started: Promise<string[]> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly temporal: Temporal,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.outboxRelayEnabled || !this.config.monthlyReportCycleEnabled) return;
    this.started = new Promise((resolve) => {
      const attempt = () => {
        if (this.stopped) return;
        this.startAll().then(resolve, (err) => {
          this.log.warn(`could not start the monthly report cycle yet (retrying in ${RETRY_MS / 1000} s): ${String(err)}`);
          this.timer = setTimeout(attempt, RETRY_MS);
          this.timer.unref();
        });
      };
      attempt();
    });
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** The provinces the suite is seeded for: those with a bureau in the directory. */
  private async provinces(): Promise<string[]> {
    const { result } = await this.uow.run(systemActor('monthly-report-cycle'), (em) =>
      em.execute<{ code: string }[]>(`select r.code from region r join organization o on o.id = 'bureau-' || r.code and o.kind = 'bureau' where r.level = 'province' order by r.code`));
    return result.map((r) => r.code);
  }

  async startAll(): Promise<string[]> {
    const provinces = await this.provinces();
    for (const provinceCode of provinces) {
      await this.temporal.dispatch(
        { kind: 'start', workflowType: MONTHLY_REPORT_CYCLE_WORKFLOW_TYPE, workflowId: monthlyReportCycleWorkflowId(provinceCode), args: [{ provinceCode }] },
        `monthly-report-cycle-${provinceCode}`,
      );
    }
    if (provinces.length) this.log.log(`monthly report cycle running for ${provinces.join(', ')}`);
    return provinces;
  }
}
