import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { ActorCommand } from '../../../platform/cqrs/actor-command.js';
import { useCalendar } from '../../../platform/calendar/working-days.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { enterCalendarYear, type CalendarYear, type CalendarYearInput } from '../domain/calendar-year.js';
import { CalendarYears, readCalendar } from '../infrastructure/calendar.repository.js';

/** An administrator enters (or corrects) a year's State Council holiday notice. */
export class EnterCalendarYearCommand extends ActorCommand<CalendarYear> {
  constructor(actor: Actor, readonly year: number, readonly input: CalendarYearInput) { super(actor); }
  auditTarget() { return `calendar-${this.year}`; }
  auditPayload() { return { year: this.year, documentNumber: this.input.documentNumber, publishedOn: this.input.publishedOn, days: this.input.days?.length ?? 0 }; }
}

/**
 * Stores the year and puts the new calendar in force in this process once the transaction has
 * committed (other processes follow within a minute, CalendarCache). Deadlines already computed are stored dates and instants
 * and do not move: only deadlines computed from now on use the new calendar.
 */
@CommandHandler(EnterCalendarYearCommand)
export class EnterCalendarYearHandler implements ICommandHandler<EnterCalendarYearCommand> {
  constructor(private readonly uow: UnitOfWork, private readonly years: CalendarYears) {}

  async execute({ actor, year, input }: EnterCalendarYearCommand): Promise<CalendarYear> {
    const entered = enterCalendarYear(actor, year, input, new Date());
    await this.years.save(entered);
    // Read back in the same transaction (what the database will hold), put in force only once it
    // has committed: a rolled-back entry must not change the working days this process counts.
    const calendar = await readCalendar(this.uow.em);
    this.uow.afterCommit(() => useCalendar(calendar));
    return entered;
  }
}

export const CALENDAR_COMMAND_HANDLERS = [EnterCalendarYearHandler];
