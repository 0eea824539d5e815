// The legal clocks (issue 16): the time limits and thresholds that start with a notice, per
// province, with the clause each comes from. `legal_clock` holds them ('*' = every province
// without a row of its own); the values here are what the code used before, for a database
// without the table's rows (never the case after migration 0019) and for unit tests.

export const LEGAL_CLOCK_KEYS = [
  'finding_confirmation_working_days',
  'dispute_level_working_days',
  'dispute_escalation_working_days',
  'major_decision_amount',
] as const;
export type LegalClockKey = (typeof LEGAL_CLOCK_KEYS)[number];

export interface LegalClock {
  key: LegalClockKey;
  value: number;
  unit: 'working_days' | 'yuan';
  /** The province the value is set for, or '*' for the default of every province. */
  provinceCode: string;
  sourceZh: string;
  sourceEn: string;
}

export type LegalClocks = Record<LegalClockKey, LegalClock>;

const DEFAULT_SOURCE = { sourceZh: '系统默认值', sourceEn: "the suite's default" };
export const DEFAULT_LEGAL_CLOCKS: LegalClocks = {
  finding_confirmation_working_days: { key: 'finding_confirmation_working_days', value: 5, unit: 'working_days', provinceCode: '*', ...DEFAULT_SOURCE },
  dispute_level_working_days: { key: 'dispute_level_working_days', value: 20, unit: 'working_days', provinceCode: '*', ...DEFAULT_SOURCE },
  dispute_escalation_working_days: { key: 'dispute_escalation_working_days', value: 15, unit: 'working_days', provinceCode: '*', ...DEFAULT_SOURCE },
  major_decision_amount: { key: 'major_decision_amount', value: 100_000, unit: 'yuan', provinceCode: '*', ...DEFAULT_SOURCE },
};

/** The province's clocks: its own rows over the defaults ('*'), over the built-in values. */
export function clocksOf(provinceCode: string, rows: readonly LegalClock[]): LegalClocks {
  const out: LegalClocks = { ...DEFAULT_LEGAL_CLOCKS };
  for (const r of rows) if (r.provinceCode === '*' && r.key in out) out[r.key] = r;
  for (const r of rows) if (r.provinceCode === provinceCode && r.key in out) out[r.key] = r;
  return out;
}

/** The province code of a region path (/32/3201/… → 32). */
export function provinceOfPath(regionPath: string): string {
  return regionPath.split('/').filter(Boolean)[0] ?? '*';
}

/** "5 个工作日（依据：…）" — the number and its source, as the notice that starts the clock says it. */
export function clockTextZh(c: LegalClock): string {
  return `${c.value.toLocaleString('zh-CN')} ${c.unit === 'yuan' ? '元' : '个工作日'}（依据：${c.sourceZh}）`;
}
export function clockTextEn(c: LegalClock): string {
  return `${c.value.toLocaleString('en')} ${c.unit === 'yuan' ? 'yuan' : 'working days'} (source: ${c.sourceEn})`;
}

/**
 * Which calendar a deadline was computed with, for the notice that states it: a deadline is stored
 * and never moves when the calendar changes later (issue 16). `changedAt` is the calendar's last
 * change (working-days.ts calendarChangedAt), null for the built-in data.
 */
export function calendarNoteZh(changedAt: string | null): string {
  const day = changedAt ? new Date(new Date(changedAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null;
  return `期限按${day ? ` ${day} 更新的` : '系统内置的'}工作日历计算，此后日历调整不改变本期限`;
}
export function calendarNoteEn(changedAt: string | null): string {
  const day = changedAt ? new Date(new Date(changedAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null;
  return `computed with the working-day calendar ${day ? `of ${day}` : 'built into the suite'}; later calendar changes do not move it`;
}
