import { type EnvironmentProviders, inject } from '@angular/core';
import { provideNzNativeDateAdapter } from 'ng-zorro-antd/core/time';
import type { TranslationKey } from '../i18n/dictionaries';
import { TranslationService } from '../i18n/translation';
import { CALENDAR_FIELDS, type CalendarPolicy, type CampaignCalendar } from './campaigns-api';
import { labelTable } from '../i18n/label-table';

// The campaign calendar rule (docs/api/campaigns-and-spot-checks.md), checked before sending so the
// official sees every problem at once. The backend decides; its refusal is shown as well.

export type CalendarField = keyof CampaignCalendar;
export type CalendarDates = Record<CalendarField, Date | null>;

export const CALENDAR_LABELS: Record<CalendarField, TranslationKey> = labelTable('campaign.calendar', [
  'planFiledBy',
  'selfInspectionStart',
  'selfInspectionEnd',
  'spotCheckStart',
  'spotCheckEnd',
  'summaryDue',
]);

/** Each field must be after the previous one: strictly across phases, same day allowed within one. */
const STRICT_AFTER_PREVIOUS: Record<CalendarField, boolean> = {
  planFiledBy: false,
  selfInspectionStart: true,
  selfInspectionEnd: false,
  spotCheckStart: true,
  spotCheckEnd: false,
  summaryDue: true,
};

/** The statutory windows (month-day, inclusive) of seed 003: the official may only tighten them. */
const STATUTORY_WINDOWS: Record<CalendarField, readonly [min: string, max: string]> = {
  planFiledBy: ['01-01', '03-31'],
  selfInspectionStart: ['04-01', '08-31'],
  selfInspectionEnd: ['04-01', '08-31'],
  spotCheckStart: ['09-01', '10-31'],
  spotCheckEnd: ['09-01', '10-31'],
  summaryDue: ['01-01', '11-30'],
};

export interface CalendarIssue {
  readonly field: CalendarField;
  readonly key: TranslationKey;
  /** Message parameters; `previous` is a field whose label is to be shown. */
  readonly params: { previous?: CalendarField; min?: string; max?: string };
}

/** 'YYYY-MM-DD' of a date picked in the browser (the picker works in local time). */
export function isoDateOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A 'YYYY-MM-DD' as a local date for the picker. */
export function pickerDateOf(iso: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

export function calendarDatesOf(calendar: CampaignCalendar): CalendarDates {
  return Object.fromEntries(CALENDAR_FIELDS.map((f) => [f, pickerDateOf(calendar[f])])) as CalendarDates;
}

export function emptyCalendar(): CalendarDates {
  return Object.fromEntries(CALENDAR_FIELDS.map((f) => [f, null])) as CalendarDates;
}

/** The calendar to send; null while a date is missing. */
export function calendarOf(dates: CalendarDates): CampaignCalendar | null {
  if (CALENDAR_FIELDS.some((f) => !dates[f])) return null;
  return Object.fromEntries(CALENDAR_FIELDS.map((f) => [f, isoDateOf(dates[f]!)])) as unknown as CampaignCalendar;
}

/**
 * Every problem with the calendar: missing dates, phases out of order, dates outside the policy, and
 * (given today's China date) a self-inspection already over — such a campaign could never be assigned.
 */
export function calendarIssues(dates: CalendarDates, year: number, policy: CalendarPolicy, today?: string): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const iso = (field: CalendarField) => (dates[field] ? isoDateOf(dates[field]!) : null);
  CALENDAR_FIELDS.forEach((field, index) => {
    const value = iso(field);
    if (!value) {
      issues.push({ field, key: 'campaign.calendar.required', params: {} });
      return;
    }
    const previous = CALENDAR_FIELDS[index - 1];
    const before = previous ? iso(previous) : null;
    if (previous && before) {
      const strict = STRICT_AFTER_PREVIOUS[field];
      if (strict ? value <= before : value < before) {
        issues.push({ field, key: strict ? 'campaign.calendar.after' : 'campaign.calendar.notBefore', params: { previous } });
      }
    }
    if (policy === 'statutory') {
      const [min, max] = STATUTORY_WINDOWS[field].map((md) => `${year}-${md}`) as [string, string];
      if (value < min || value > max) issues.push({ field, key: 'campaign.calendar.outsidePolicy', params: { min, max } });
    }
    if (field === 'selfInspectionEnd' && today && value < today) issues.push({ field, key: 'campaign.calendar.past', params: { min: today } });
  });
  return issues;
}

/**
 * The date adapter nz-date-picker needs (native Date, Intl), for the routes with the calendar form:
 * weeks start on Monday, month names in the language of the moment the form was opened.
 */
export function provideCampaignDatePicker(): EnvironmentProviders {
  return provideNzNativeDateAdapter(() => ({ locale: inject(TranslationService).isZh() ? 'zh-CN' : 'en-US', firstDayOfWeek: 1 }));
}
