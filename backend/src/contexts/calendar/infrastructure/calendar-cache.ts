import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { systemActor } from '../../../kernel/actor.js';
import { calendarChangedAt, useCalendar } from '../../../platform/calendar/working-days.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { calendarStamp, readCalendar } from './calendar.repository.js';

const CHECK_MS = 60_000;

/**
 * Keeps the calendar in force (platform/calendar/working-days.ts) equal to the tables: read when the
 * process starts (API and worker alike), again right after this process enters a year, and whenever
 * another process did (a cheap check of the latest entry's instant every minute).
 */
@Injectable()
export class CalendarCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('CalendarCache');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly uow: UnitOfWork) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.refreshIfChanged().catch((err) => this.log.warn(`calendar check failed: ${String(err)}`)), CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Reads the whole calendar and puts it in force. */
  async reload(): Promise<void> {
    const { result } = await this.uow.run(systemActor('calendar'), (em) => readCalendar(em));
    useCalendar(result);
  }

  async refreshIfChanged(): Promise<boolean> {
    const { result: stamp } = await this.uow.run(systemActor('calendar'), (em) => calendarStamp(em));
    if (stamp === calendarChangedAt()) return false;
    await this.reload();
    return true;
  }
}
