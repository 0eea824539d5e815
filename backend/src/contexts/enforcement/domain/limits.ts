// The enforcement case's configured limits, each with its stated source (issue 18).

/**
 * Closure limit: 90 calendar days from 立案. Source: 《医疗保障行政处罚程序暂行规定》（国家医保局令第4号）
 * 第四十九条 — a case is decided within ninety days of filing; a complex case may be extended with the
 * approval of the bureau's responsible person (here: a leader approves the extension).
 * Override: ENFORCEMENT_CLOSURE_DAYS.
 */
export const DEFAULT_CLOSURE_DAYS = 90;
export const CLOSURE_SOURCE = '《医疗保障行政处罚程序暂行规定》第四十九条：自立案之日起九十日内作出处理决定；案情复杂的，经负责人批准可以延长';

/**
 * Major case threshold (yuan): cases whose amount involved or proposed penalty reaches it need
 * collective deliberation (集体讨论) before the decision (seed 004 五; 重大执法决定法制审核和集体讨论).
 * The amount is the province's to set; the default is a placeholder stated as such.
 * Override: ENFORCEMENT_MAJOR_THRESHOLD.
 */
export const DEFAULT_MAJOR_THRESHOLD = '100000.00';
export const MAJOR_SOURCE = '重大执法决定须集体讨论（省级医保部门确定的金额线；本部署默认 10 万元，可由 ENFORCEMENT_MAJOR_THRESHOLD 调整）';

/** Days before the closure deadline on which the case workflow reminds the bureau. */
export const CASE_REMIND_DAYS_BEFORE = [15, 5, 1] as const;

export interface EnforcementLimits { closureDays: number; majorThreshold: string }

export function enforcementLimits(config?: { closureDays?: number; majorThreshold?: string }): EnforcementLimits {
  const days = config?.closureDays;
  const threshold = config?.majorThreshold;
  return {
    closureDays: typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_CLOSURE_DAYS,
    majorThreshold: threshold && /^\d{1,14}(\.\d{1,2})?$/.test(threshold) ? Number(threshold).toFixed(2) : DEFAULT_MAJOR_THRESHOLD,
  };
}
