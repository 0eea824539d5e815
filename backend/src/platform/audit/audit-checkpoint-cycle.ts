import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  AUDIT_CHECKPOINT_CYCLE_WORKFLOW_ID,
  AUDIT_CHECKPOINT_CYCLE_WORKFLOW_TYPE,
  type AuditCheckpointSchedule,
} from '@fundsup/workflows/contracts';
import { chinaDateOf, chinaInstant } from '../calendar/working-days.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Temporal } from '../temporal/temporal.js';

const RETRY_MS = 30_000;
/** Ten past midnight, China time: the day's checkpoint. */
const PUBLISH_MINUTES = 10;

/** The next checkpoint instant strictly after `at`. */
export function auditCheckpointScheduleOf(at: Date): AuditCheckpointSchedule {
  let next = new Date(chinaInstant(chinaDateOf(at), 0).getTime() + PUBLISH_MINUTES * 60_000);
  // China has kept one offset all year since 1991: a day is 24 hours.
  if (next <= at) next = new Date(next.getTime() + 86_400_000);
  return { publishAt: next.toISOString() };
}

/**
 * Starts the audit checkpoint cycle (one workflow for the suite, USE_EXISTING) when the API boots with
 * checkpoint keys configured and its relay on (AUDIT_CHECKPOINT_CYCLE=off: not from this instance).
 * Retries in the background until Temporal answers.
 */
@Injectable()
export class AuditCheckpointCycleStarter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('audit checkpoint cycle');
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly temporal: Temporal) {}

  onApplicationBootstrap(): void {
    if (!this.config.outboxRelayEnabled || !this.config.auditCheckpoint || process.env.AUDIT_CHECKPOINT_CYCLE === 'off') return;
    const attempt = () => {
      if (this.stopped) return;
      this.temporal.dispatch(
        { kind: 'start', workflowType: AUDIT_CHECKPOINT_CYCLE_WORKFLOW_TYPE, workflowId: AUDIT_CHECKPOINT_CYCLE_WORKFLOW_ID, args: [] },
        AUDIT_CHECKPOINT_CYCLE_WORKFLOW_ID,
      ).then(() => this.log.log('audit checkpoint cycle running'), (err) => {
        this.log.warn(`could not start the audit checkpoint cycle yet (retrying in ${RETRY_MS / 1000} s): ${String(err)}`);
        this.timer = setTimeout(attempt, RETRY_MS);
        this.timer.unref();
      });
    };
    attempt();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
