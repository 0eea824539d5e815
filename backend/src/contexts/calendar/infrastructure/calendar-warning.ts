import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { missingNextYear } from '../domain/calendar-year.js';

/**
 * From 1 November, while next year's State Council holiday notice is not entered, the national bureau
 * (which enters it) and the provincial bureaus (told, as their deadlines depend on it, and as they may
 * add their own adjustments) get a notification: once per year and bureau (the dedupe key), whichever
 * process (API or worker) checks first.
 */
@Injectable()
export class CalendarWarning {
  constructor(private readonly notifications: Notifications) {}

  /** Returns the missing year it warned about (null when nothing is missing yet). Runs as the system actor (scope '/'). */
  async check(em: EntityManager, now: Date): Promise<{ year: number | null; delivered: number }> {
    const years = await em.execute<{ year: number }[]>(`select year from calendar_year`);
    const year = missingNextYear(chinaDateOf(now), new Set(years.map((y) => y.year)));
    if (year === null) return { year, delivered: 0 };
    const bureaus = await em.execute<{ id: string; region_path: string; level: 'nation' | 'province' }[]>(
      `select o.id, o.region_path, r.level from organization o join region r on r.code = o.region_code
        where o.kind = 'bureau' and r.level in ('nation', 'province') order by o.id`);
    let delivered = 0;
    const missing = {
      zh: `工作日历尚无 ${year} 年的国务院办公厅节假日安排通知。录入前，${year} 年的工作日只按周末计算，跨年的法定时限可能算错。`,
      en: `The working-day calendar has no State Council holiday notice for ${year} yet. Until it is entered, working days in ${year} count weekends only and legal time limits across the year end may be wrong.`,
    };
    for (const b of bureaus) {
      // The national bureau enters the State Council's notice; a province is told, and may add its own adjustments.
      const national = b.level === 'nation';
      const inserted = await this.notifications.deliver(em, {
        recipientOrgId: b.id, recipientRegionPath: b.region_path,
        titleZh: national ? `请录入 ${year} 年节假日安排` : `${year} 年节假日安排尚未录入`,
        titleEn: national ? `Enter the ${year} holiday calendar` : `The ${year} holiday calendar is not entered yet`,
        bodyZh: national
          ? `${missing.zh}请在“工作日历与法定时限”中录入通知文号、放假日和调休上班日。`
          : `${missing.zh}国务院办公厅的通知由国家医疗保障局录入；本省另行规定的放假日或调休上班日可在“工作日历与法定时限”中录入。`,
        bodyEn: national
          ? `${missing.en} Enter the notice's number, holidays and make-up working days under "Working-day calendar and legal clocks".`
          : `${missing.en} The national bureau enters the State Council's notice; the province's own holidays or make-up working days can be entered under "Working-day calendar and legal clocks".`,
        link: '/settings/calendar',
        dedupeKey: `calendar-missing-${year}-${b.id}`,
      });
      if (inserted) delivered += 1;
    }
    return { year, delivered };
  }
}
