import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  COVERAGE_DIGEST_CYCLE_WORKFLOW_TYPE,
  coverageDigestCycleWorkflowId,
  type CoverageDigestActivities,
  type CoverageDigestSchedule,
} from '@fundsup/workflows/contracts';
import type { Actor } from '../../../kernel/actor.js';
import { regionPathOf } from '../../../kernel/region-path.js';
import { chinaDateOf, chinaInstant } from '../../../platform/calendar/working-days.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import type { Commands } from '../../../platform/cqrs/commands.js';
import { ProvinceCycleStarter } from '../../../platform/temporal/province-cycle-starter.js';
import { Temporal } from '../../../platform/temporal/temporal.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { SendCoverageDigestsCommand } from '../application/agency-inspection.commands.js';

/** The hour of the 1st (China time) the digest goes out. */
const SEND_HOUR = 8;

export function monthAfter(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** When a month's digest is due; without a month, the next one not yet due at `at`. */
export function coverageDigestScheduleOf(month: string | undefined, at: Date): CoverageDigestSchedule {
  let m = month ?? chinaDateOf(at).slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw new Error(`not a month: ${m}`);
  if (!month && chinaInstant(`${m}-01`, SEND_HOUR) <= at) m = monthAfter(m);
  return { month: m, sendAt: chinaInstant(`${m}-01`, SEND_HOUR).toISOString(), nextMonth: monthAfter(m) };
}

export function coverageDigestActor(provinceCode: string): Actor {
  return {
    userId: 'system:coverage-digest', username: 'system:coverage-digest', displayName: '医保基金监管平台（检查覆盖）',
    roles: [], regionPath: regionPathOf(provinceCode), organizationId: `bureau-${provinceCode}`, organizationKind: 'bureau',
  };
}

export function createCoverageDigestActivities(commands: Commands): CoverageDigestActivities {
  return {
    async coverageDigestSchedule({ month, at }) {
      return coverageDigestScheduleOf(month, new Date(at));
    },
    sendCoverageDigests({ provinceCode, month, at }) {
      return commands.execute(new SendCoverageDigestsCommand(coverageDigestActor(provinceCode), provinceCode, month, new Date(at)));
    },
  };
}

/** Starts the coverage digest cycle of every seeded province at boot (COVERAGE_DIGEST_CYCLE=off: not here). */
@Injectable()
export class CoverageDigestCycleStarter implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly starter: ProvinceCycleStarter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, uow: UnitOfWork, temporal: Temporal) {
    this.starter = new ProvinceCycleStarter('coverage digest cycle', COVERAGE_DIGEST_CYCLE_WORKFLOW_TYPE, coverageDigestCycleWorkflowId, uow, temporal);
  }

  onApplicationBootstrap(): void {
    if (this.config.outboxRelayEnabled && this.config.coverageDigestCycleEnabled) this.starter.start();
  }

  onApplicationShutdown(): void {
    this.starter.stop();
  }
}
