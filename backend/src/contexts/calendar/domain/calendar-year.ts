import { hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { chinaDateOf, type CalendarDay } from '../../../platform/calendar/working-days.js';

// The State Council's yearly holiday notice (国务院办公厅关于某年部分节假日安排的通知) as the bureau
// enters it (issue 16): the year, the document number, its publication date, and the holidays and
// make-up working days it sets. Plain: the repository stores it, the calendar in force
// (platform/calendar/working-days.ts) is rebuilt from the stored years.

/** 国办发明电〔2025〕7号 and the like: a issuer's abbreviation, the year in 〔〕 (or [ ]), a number and 号. */
const DOCUMENT_NUMBER = /^\S{2,12}[〔[]\d{4}[〕\]]\d{1,4}号$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NAME_MAX = 20;
const DAYS_MAX = 60;

export interface CalendarYearInput {
  documentNumber: string;
  publishedOn: string;
  days: { day: string; kind: string; name?: string | null }[];
}

export interface CalendarYear {
  year: number;
  documentNumber: string | null;
  publishedOn: string | null;
  source: 'package' | 'notice';
  enteredBy: string;
  enteredAt: string;
  days: CalendarDay[];
}

/** A province's own additions to the national calendar, under its own document (issue 16). */
export interface ProvincialCalendarYear {
  provinceCode: string;
  year: number;
  documentNumber: string;
  publishedOn: string;
  enteredBy: string;
  enteredAt: string;
  days: CalendarDay[];
}

/** The national administrator: enters the State Council's notice (national, every province counts it). */
export function canEnterNationalCalendar(actor: Actor): boolean {
  return hasRole(actor, 'national_overseer') && actor.organizationKind === 'bureau' && actor.regionPath === '/';
}

/** The province whose additions the actor may enter (a provincial bureau administrator's own), else null. */
export function provinceCalendarOf(actor: Actor): string | null {
  const m = /^\/(\d{2})\/$/.exec(actor.regionPath);
  return m && hasRole(actor, 'province_official') && actor.organizationKind === 'bureau' ? m[1]! : null;
}

/** Whether the actor may enter any part of the calendar (and so is the one warned). */
export function canEnterCalendar(actor: Actor): boolean {
  return canEnterNationalCalendar(actor) || provinceCalendarOf(actor) !== null;
}

function validDate(day: unknown): day is string {
  if (typeof day !== 'string' || !DATE.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

function weekend(day: string): boolean {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 || w === 6;
}

const invalid = (code: string, zh: string, en: string, details?: Record<string, unknown>) => DomainError.validation(code, { zh, en }, details);

/** A year's national notice entered by the national administrator: checked whole, or refused with the first fault. */
export function enterCalendarYear(actor: Actor, year: number, input: CalendarYearInput, now: Date): CalendarYear {
  if (!canEnterNationalCalendar(actor)) {
    throw DomainError.forbidden('calendar_national_forbidden', {
      zh: '国务院办公厅的节假日安排是全国统一的，只有国家医疗保障局的管理人员可以录入；省级管理人员可录入本省的补充调整',
      en: "the State Council's holiday notice is national: only the national bureau's administrators may enter it; a province enters its own additions",
    });
  }
  return { year, ...validNotice(year, input, now), source: 'notice', enteredBy: actor.displayName, enteredAt: now.toISOString() };
}

/** A province's own additions for a year, entered by that province's administrator: checked whole, or refused. */
export function enterProvincialYear(actor: Actor, provinceCode: string, year: number, input: CalendarYearInput, now: Date): ProvincialCalendarYear {
  const own = provinceCalendarOf(actor);
  if (own === null || own !== provinceCode) {
    throw DomainError.forbidden('calendar_province_forbidden', {
      zh: `只有${/^\d{2}$/.test(provinceCode) ? `该省（${provinceCode}）` : '本省'}医疗保障局的管理人员可以录入该省的工作日历补充调整`,
      en: `only the bureau administrators of province ${provinceCode} may enter its calendar additions`,
    });
  }
  return { provinceCode, year, ...validNotice(year, input, now), enteredBy: actor.displayName, enteredAt: now.toISOString() };
}

/** A notice's number, publication date and days, checked whole (national and provincial alike). */
function validNotice(year: number, input: CalendarYearInput, now: Date): { documentNumber: string; publishedOn: string; days: CalendarDay[] } {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid('calendar_year_invalid', `年份无效：${year}`, `invalid year ${year}`, { field: 'year' });
  const documentNumber = typeof input.documentNumber === 'string' ? input.documentNumber.trim() : '';
  if (!DOCUMENT_NUMBER.test(documentNumber)) {
    throw invalid('calendar_document_number_invalid', '请填写通知的文号，例如：国办发明电〔2025〕7号',
      'enter the notice\'s document number, e.g. 国办发明电〔2025〕7号', { field: 'documentNumber' });
  }
  if (!validDate(input.publishedOn) || Number(input.publishedOn.slice(0, 4)) > year || input.publishedOn > chinaDateOf(now)) {
    throw invalid('calendar_published_on_invalid', '发布日期应为不晚于今天、不晚于所属年度的日期', 'the publication date must be a date not after today nor after the year', { field: 'publishedOn' });
  }
  if (!Array.isArray(input.days) || input.days.length === 0 || input.days.length > DAYS_MAX) {
    throw invalid('calendar_days_invalid', `请录入该年度的放假日和调休上班日（1 至 ${DAYS_MAX} 天）`, `enter the year's holidays and make-up working days (1 to ${DAYS_MAX})`, { field: 'days' });
  }
  const seen = new Set<string>();
  const days: CalendarDay[] = [];
  for (const d of input.days) {
    if (!validDate(d?.day) || Number(d.day.slice(0, 4)) !== year) {
      throw invalid('calendar_day_invalid', `日期无效或不在 ${year} 年内：${String(d?.day)}`, `not a date in ${year}: ${String(d?.day)}`, { field: 'days', day: d?.day });
    }
    if (seen.has(d.day)) throw invalid('calendar_day_duplicate', `日期重复：${d.day}`, `the day ${d.day} is entered twice`, { field: 'days', day: d.day });
    seen.add(d.day);
    if (d.kind !== 'holiday' && d.kind !== 'workday') {
      throw invalid('calendar_day_kind_invalid', '类型应为放假（holiday）或调休上班（workday）', "kind must be 'holiday' or 'workday'", { field: 'days', day: d.day });
    }
    if (d.kind === 'workday' && !weekend(d.day)) {
      throw invalid('calendar_workday_not_weekend', `调休上班日应为周六或周日：${d.day}`, `a make-up working day falls on a weekend: ${d.day} does not`, { field: 'days', day: d.day });
    }
    const name = typeof d.name === 'string' && d.name.trim() ? d.name.trim().slice(0, NAME_MAX) : null;
    days.push({ day: d.day, kind: d.kind, name });
  }
  days.sort((a, b) => a.day.localeCompare(b.day));
  return { documentNumber, publishedOn: input.publishedOn, days };
}

/** From 1 November (China date), administrators are warned while next year's notice is missing. */
export function missingNextYear(today: string, years: ReadonlySet<number>): number | null {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '11-01' && !years.has(year + 1) ? year + 1 : null;
}
