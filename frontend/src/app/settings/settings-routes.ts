import { type EnvironmentProviders, inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { provideNzNativeDateAdapter } from 'ng-zorro-antd/core/time';
import { TranslationService } from '../i18n/translation';

/** The date adapter the calendar form's nz-date-pickers need (native Date; weeks start on Monday). */
export function provideCalendarDatePicker(): EnvironmentProviders {
  return provideNzNativeDateAdapter(() => ({ locale: inject(TranslationService).isZh() ? 'zh-CN' : 'en-US', firstDayOfWeek: 1 }));
}

/** /settings/calendar: the working-day calendar and the legal clocks (issue 16). */
export const calendarRoutes: Routes = [
  {
    path: '',
    providers: [provideCalendarDatePicker()],
    loadComponent: () => import('./calendar-settings').then((m) => m.CalendarSettings),
  },
];
