import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { ActorCommand } from '../../../platform/cqrs/actor-command.js';
import { useCalendar, useProvincialCalendar } from '../../../platform/calendar/working-days.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { enterCalendarYear, enterProvincialYear, type CalendarYear, type CalendarYearInput, type ProvincialCalendarYear } from '../domain/calendar-year.js';
import { CalendarYears, ProvincialCalendarYears, readCalendar } from '../infrastructure/calendar.repository.js';

/** The national administrator enters (or corrects) a year's State Council holiday notice. */
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

/** A provincial administrator enters (or corrects) the province's own additions for a year (its own document). */
export class EnterProvincialCalendarYearCommand extends ActorCommand<ProvincialCalendarYear> {
  constructor(actor: Actor, readonly provinceCode: string, readonly year: number, readonly input: CalendarYearInput) { super(actor); }
  auditTarget() { return `calendar-${this.provinceCode}-${this.year}`; }
  auditPayload() { return { province: this.provinceCode, year: this.year, documentNumber: this.input.documentNumber, publishedOn: this.input.publishedOn, days: this.input.days?.length ?? 0 }; }
}

/**
 * Stores the province's additions; once committed, this process counts them for the province's
 * deadlines (other processes within a minute). Other provinces' deadlines never use them.
 */
@CommandHandler(EnterProvincialCalendarYearCommand)
export class EnterProvincialCalendarYearHandler implements ICommandHandler<EnterProvincialCalendarYearCommand> {
  constructor(private readonly uow: UnitOfWork, private readonly years: ProvincialCalendarYears) {}

  async execute({ actor, provinceCode, year, input }: EnterProvincialCalendarYearCommand): Promise<ProvincialCalendarYear> {
    const entered = enterProvincialYear(actor, provinceCode, year, input, new Date());
    await this.years.save(entered, actor.organizationId);
    const all = await this.years.list(provinceCode);
    const changedAt = all.reduce<string | null>((max, y) => (max === null || y.enteredAt > max ? y.enteredAt : max), null);
    this.uow.afterCommit(() => useProvincialCalendar({ province: provinceCode, days: all.flatMap((y) => y.days), changedAt }));
    return entered;
  }
}

export const CALENDAR_COMMAND_HANDLERS = [EnterCalendarYearHandler, EnterProvincialCalendarYearHandler];
