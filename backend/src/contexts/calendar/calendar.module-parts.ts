import type { Provider, Type } from '@nestjs/common';
import { CalendarHttpController } from './api/calendar.http.controller.js';
import { CALENDAR_COMMAND_HANDLERS } from './application/commands.js';
import { CALENDAR_QUERY_HANDLERS } from './application/queries.js';
import { CalendarCache } from './infrastructure/calendar-cache.js';
import { CalendarWarning } from './infrastructure/calendar-warning.js';
import { CalendarYears, ProvincialCalendarYears } from './infrastructure/calendar.repository.js';
import { LegalClocks } from './infrastructure/legal-clocks.js';

/** The working-day calendar and the legal clocks: what the app module registers (API and worker alike: both compute deadlines). */
export const CALENDAR_PROVIDERS: Provider[] = [CalendarYears, ProvincialCalendarYears, CalendarCache, CalendarWarning, LegalClocks, ...CALENDAR_COMMAND_HANDLERS, ...CALENDAR_QUERY_HANDLERS];
export const CALENDAR_CONTROLLERS: Type<unknown>[] = [CalendarHttpController];
