// The calendar context's public entry: what other contexts may use.
export { LegalClocks } from './infrastructure/legal-clocks.js';
export { calendarNoteEn, calendarNoteZh, clockTextEn, clockTextZh, DEFAULT_LEGAL_CLOCKS, type LegalClock, type LegalClockKey, type LegalClocks as LegalClockSet } from './domain/legal-clock.js';
