import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MONTHLY_REPORT_CYCLE_WORKFLOW_TYPE, monthlyReportCycleWorkflowId } from '@fundsup/workflows/contracts';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { ProvinceCycleStarter } from '../../../platform/temporal/province-cycle-starter.js';
import { Temporal } from '../../../platform/temporal/temporal.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';

/**
 * Starts the monthly report cycle (one workflow per seeded province, id `monthly-reports-<province>`)
 * when the API boots (MONTHLY_REPORT_CYCLE=off: not from this instance). No domain event marks "the
 * suite is running" (the cycle opens the reports itself), so this is a bootstrap start — the same
 * idempotent start the relay uses (ProvinceCycleStarter), never delaying the API's start.
 */
@Injectable()
export class MonthlyReportCycleStarter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly starter: ProvinceCycleStarter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, uow: UnitOfWork, temporal: Temporal) {
    this.starter = new ProvinceCycleStarter('monthly report cycle', MONTHLY_REPORT_CYCLE_WORKFLOW_TYPE, monthlyReportCycleWorkflowId, uow, temporal);
  }

  /** Resolves once the cycles are started (tests wait on it). */
  get started(): Promise<string[]> | null {
    return this.starter.started;
  }

  onApplicationBootstrap(): void {
    if (this.config.outboxRelayEnabled && this.config.monthlyReportCycleEnabled) this.starter.start();
  }

  onApplicationShutdown(): void {
    this.starter.stop();
  }

  startAll(): Promise<string[]> {
    return this.starter.startAll();
  }
}
