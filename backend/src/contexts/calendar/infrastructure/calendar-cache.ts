import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { systemActor } from '../../../kernel/actor.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { calendarStampInForce, useCalendar } from '../../../platform/calendar/working-days.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { calendarStamp, readCalendar } from './calendar.repository.js';
import { CalendarWarning } from './calendar-warning.js';

const CHECK_MS = 60_000;
const WARN_MS = 3600_000;

/**
 * Keeps the calendar in force (platform/calendar/working-days.ts) equal to the tables: read when the
 * process starts (API and worker alike), again right after this process enters a year, and whenever
 * another process did (a cheap check of the latest entry's instant every minute). Every hour (and at
 * start-up) where background jobs run it also warns the administrators when next year is missing from 1 November (CalendarWarning).
 */
@Injectable()
export class CalendarCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('CalendarCache');
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly uow: UnitOfWork, private readonly warning: CalendarWarning, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    this.timers = [setInterval(() => void this.refreshIfChanged().catch((err) => this.log.warn(`calendar check failed: ${String(err)}`)), CHECK_MS)];
    // The warning is a background job: it runs where the others do (not in tests nor the CLI).
    if (this.config.outboxRelayEnabled) {
      const warn = () => void this.warn(new Date()).catch((err) => this.log.warn(`calendar warning failed: ${String(err)}`));
      warn();
      this.timers.push(setInterval(warn, WARN_MS));
    }
    for (const t of this.timers) t.unref();
  }

  onApplicationShutdown(): void {
    for (const t of this.timers) clearInterval(t);
  }

  /** Warns the national and provincial bureaus when next year's notice is missing (from 1 November). */
  async warn(now: Date): Promise<{ year: number | null; delivered: number }> {
    return (await this.uow.run(systemActor('calendar'), (em) => this.warning.check(em, now))).result;
  }

  /** Reads the whole calendar and puts it in force. */
  async reload(): Promise<void> {
    const { result } = await this.uow.run(systemActor('calendar'), (em) => readCalendar(em));
    useCalendar(result);
  }

  async refreshIfChanged(): Promise<boolean> {
    const { result: stamp } = await this.uow.run(systemActor('calendar'), (em) => calendarStamp(em));
    if (stamp === calendarStampInForce()) return false;
    await this.reload();
    return true;
  }
}
