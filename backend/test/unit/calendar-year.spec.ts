import { describe, expect, it } from '@jest/globals';
import type { Actor } from '../../src/kernel/actor.js';
import { enterCalendarYear, enterProvincialYear, missingNextYear } from '../../src/contexts/calendar/domain/calendar-year.js';
import { calendarNoteEn, calendarNoteZh, clocksOf, clockTextEn, clockTextZh, DEFAULT_LEGAL_CLOCKS, provinceOfPath, type LegalClock } from '../../src/contexts/calendar/domain/legal-clock.js';

const province: Actor = { userId: 'u', username: 'js', displayName: '省局管理员', roles: ['province_official'], regionPath: '/32/', organizationId: 'bureau-32', organizationKind: 'bureau' };
const nation: Actor = { ...province, displayName: '国家局管理员', roles: ['national_overseer'], regionPath: '/', organizationId: 'bureau-000000' };
const county: Actor = { ...province, roles: ['county_staff'], regionPath: '/32/3201/320102/', organizationId: 'agency-320102', organizationKind: 'agency' };
const now = new Date('2026-12-07T08:00:00Z');
const notice = {
  documentNumber: '国办发明电〔2026〕7号', publishedOn: '2026-11-04',
  days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }, { day: '2027-02-20', kind: 'workday', name: '春节' }],
};
const code = (f: () => unknown) => { try { f(); return null; } catch (e) { return (e as { code: string }).code; } };

describe('entering a year of the calendar', () => {
  it('keeps the notice, its number and its days, sorted', () => {
    const y = enterCalendarYear(nation, 2027, { ...notice, days: [...notice.days].reverse() }, now);
    expect(y).toMatchObject({ year: 2027, documentNumber: '国办发明电〔2026〕7号', publishedOn: '2026-11-04', source: 'notice', enteredBy: '国家局管理员' });
    expect(y.days.map((d) => d.day)).toEqual(['2027-01-01', '2027-02-20']);
  });

  it('refuses whom and what it must', () => {
    expect(code(() => enterCalendarYear(county, 2027, notice, now))).toBe('calendar_national_forbidden');
    // the State Council's notice is national: a provincial administrator may not enter it (issue 16)
    expect(code(() => enterCalendarYear(province, 2027, notice, now))).toBe('calendar_national_forbidden');
    expect(code(() => enterCalendarYear(nation, 2027, { ...notice, documentNumber: '2027年放假安排' }, now))).toBe('calendar_document_number_invalid');
    expect(code(() => enterCalendarYear(nation, 2027, { ...notice, publishedOn: '2026-12-31' }, now))).toBe('calendar_published_on_invalid');
    expect(code(() => enterCalendarYear(nation, 2027, { ...notice, days: [{ day: '2028-01-03', kind: 'holiday' }] }, now))).toBe('calendar_day_invalid');
    expect(code(() => enterCalendarYear(nation, 2027, { ...notice, days: [{ day: '2027-02-30', kind: 'holiday' }] }, now))).toBe('calendar_day_invalid');
    expect(code(() => enterCalendarYear(nation, 2027, { ...notice, days: [notice.days[0]!, notice.days[0]!] }, now))).toBe('calendar_day_duplicate');
    expect(code(() => enterCalendarYear(nation, 2027, { ...notice, days: [{ day: '2027-02-22', kind: 'workday' }] }, now))).toBe('calendar_workday_not_weekend');
    expect(code(() => enterCalendarYear(nation, 2027, { ...notice, days: [{ day: '2027-02-20', kind: 'rest' }] }, now))).toBe('calendar_day_kind_invalid');
    expect(code(() => enterCalendarYear(nation, 2027, { ...notice, days: [] }, now))).toBe('calendar_days_invalid');
  });

  it("a province's additions: its own administrator only, its own province only, checked like the notice", () => {
    const local = { documentNumber: '苏政办发〔2026〕12号', publishedOn: '2026-11-20', days: [{ day: '2027-03-15', kind: 'holiday', name: '地方节日' }] };
    expect(enterProvincialYear(province, '32', 2027, local, now)).toMatchObject({ provinceCode: '32', year: 2027, documentNumber: '苏政办发〔2026〕12号', enteredBy: '省局管理员', days: local.days });
    expect(code(() => enterProvincialYear(province, '33', 2027, local, now))).toBe('calendar_province_forbidden');
    expect(code(() => enterProvincialYear(nation, '32', 2027, local, now))).toBe('calendar_province_forbidden');
    expect(code(() => enterProvincialYear(county, '32', 2027, local, now))).toBe('calendar_province_forbidden');
    expect(code(() => enterProvincialYear(province, '32', 2027, { ...local, documentNumber: '' }, now))).toBe('calendar_document_number_invalid');
    expect(code(() => enterProvincialYear(province, '32', 2027, { ...local, days: [{ day: '2027-03-16', kind: 'workday' }] }, now))).toBe('calendar_workday_not_weekend');
  });

  it("takes a notice published today in China while it is still yesterday in UTC (found by the browser test)", () => {
    const lateEvening = new Date('2026-12-07T19:30:00Z'); // 8 December, 03:30 in China
    expect(enterCalendarYear(nation, 2027, { ...notice, publishedOn: '2026-12-08' }, lateEvening).publishedOn).toBe('2026-12-08');
    expect(code(() => enterCalendarYear(nation, 2027, { ...notice, publishedOn: '2026-12-09' }, lateEvening))).toBe('calendar_published_on_invalid');
  });

  it('warns from 1 November while next year is missing', () => {
    const years = new Set([2025, 2026]);
    expect(missingNextYear('2026-10-31', years)).toBeNull();
    expect(missingNextYear('2026-11-01', years)).toBe(2027);
    expect(missingNextYear('2026-12-31', years)).toBe(2027);
    expect(missingNextYear('2026-12-07', new Set([2026, 2027]))).toBeNull();
  });
});

describe('legal clocks', () => {
  const rows: LegalClock[] = [
    { provinceCode: '*', key: 'finding_confirmation_working_days', value: 5, unit: 'working_days', sourceZh: '默认', sourceEn: 'default' },
    { provinceCode: '33', key: 'finding_confirmation_working_days', value: 7, unit: 'working_days', sourceZh: '浙江省服务协议第十二条', sourceEn: 'Zhejiang agreement art. 12' },
  ];
  it("a province's own row over the default, the built-in values for keys without rows", () => {
    expect(provinceOfPath('/33/3301/330106/')).toBe('33');
    expect(clocksOf('33', rows).finding_confirmation_working_days.value).toBe(7);
    expect(clocksOf('32', rows).finding_confirmation_working_days.sourceZh).toBe('默认');
    expect(clocksOf('32', rows).dispute_level_working_days).toEqual(DEFAULT_LEGAL_CLOCKS.dispute_level_working_days);
  });
  it('is quoted with its number and source', () => {
    const c = clocksOf('33', rows).finding_confirmation_working_days;
    expect(clockTextZh(c)).toBe('7 个工作日（依据：浙江省服务协议第十二条）');
    expect(clockTextEn(c)).toBe('7 working days (source: Zhejiang agreement art. 12)');
    expect(clockTextZh(DEFAULT_LEGAL_CLOCKS.major_decision_amount)).toBe('100,000 元（依据：系统默认值）');
  });
  it('the calendar a deadline was computed with, by its China date', () => {
    expect(calendarNoteZh(null)).toBe('期限按系统内置的工作日历计算，此后日历调整不改变本期限');
    expect(calendarNoteZh('2026-12-07T17:00:00.000Z')).toBe('期限按 2026-12-08 更新的工作日历计算，此后日历调整不改变本期限');
    expect(calendarNoteEn('2026-12-07T08:00:00.000Z')).toBe('computed with the working-day calendar of 2026-12-07; later calendar changes do not move it');
  });
});
