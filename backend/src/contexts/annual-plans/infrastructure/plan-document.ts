import { FOCUS_AREAS } from '../domain/plan-content.js';
import { STATUS_ZH } from '../domain/annual-plan.js';
import type { PlanDetail } from '../application/queries.js';

// What both exports (Excel, PDF) print of a plan, in the official wording.

export const MONTHS_ZH = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

export function planTitle(plan: PlanDetail): string {
  return `${plan.unit.name}${plan.year}年度医疗保障基金监管方案`;
}

export function focusAreaLabel(area: string): string {
  return FOCUS_AREAS[area] ?? area;
}

export function targetValueText(t: { unit: 'percent' | 'count'; value: number }): string {
  return t.unit === 'percent' ? `${t.value}%` : String(t.value);
}

/** An instant as China wall-clock time, 'YYYY-MM-DD HH:mm'. */
export function chinaDateTime(isoInstant: string | null): string {
  if (!isoInstant) return '';
  return new Date(Date.parse(isoInstant) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function headerFacts(plan: PlanDetail): [string, string][] {
  return [
    ['编制单位', plan.unit.name],
    ['年度', `${plan.year}年`],
    ['报送备案至', plan.unit.level === 'county'
      ? `${plan.reviewer.regionName}医疗保险经办机构（基金稽核科）审核汇总，报${plan.reviewer.regionName}医疗保障局备案`
      : `${plan.reviewer.regionName}医疗保障部门`],
    ['状态', `${STATUS_ZH[plan.status]}${plan.overdue ? '（逾期）' : ''}`],
    ['报送截止日期', plan.deadline],
    ['报送时间', chinaDateTime(plan.submittedAt)],
    ...(plan.unit.level === 'county' ? [['汇总上报时间', chinaDateTime(plan.forwardedAt)] as [string, string]] : []),
    ['备案时间', chinaDateTime(plan.filedAt)],
  ];
}

/** Reported done quantity per task and month (absent where nothing was reported). */
export function doneByTask(plan: PlanDetail): Map<string, (number | null)[]> {
  const out = new Map<string, (number | null)[]>();
  for (const task of plan.schedule) out.set(task.id, Array.from({ length: 12 }, () => null));
  for (const p of plan.progress) {
    const months = out.get(p.taskId);
    if (months) months[p.month - 1] = p.doneQuantity;
  }
  return out;
}

export function targetLabel(plan: PlanDetail, code: string): string {
  return plan.content?.targets.find((t) => t.code === code)?.label ?? code;
}

export const sum = (values: (number | null)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
