import { DomainError, type BilingualMessage } from '../../../kernel/errors.js';

// What a unit's annual supervision plan says (seed 002 一(一)): targets, focus areas, methods,
// steps and responsible persons, and the work schedule (配档表) spreading the year's tasks over
// the months. A draft may be incomplete but never malformed; a submitted plan must be complete.

export type TargetUnit = 'percent' | 'count';

export interface PlanTarget {
  code: string;
  label: string;
  unit: TargetUnit;
  value: number;
}

export interface ResponsiblePerson {
  name: string;
  title: string;
  phone?: string;
}

export interface PlanContent {
  targets: PlanTarget[];
  focusAreas: string[];
  methods: string;
  steps: string;
  responsiblePersons: ResponsiblePerson[];
}

export interface ScheduleTask {
  id: string;
  title: string;
  owner: string;
  targetCode: string;
  /** Planned quantity per month, January first. */
  monthly: number[];
}

/** Seed 003 一(四): the areas a plan may name by code (anything else is free text). */
export const FOCUS_AREAS: Readonly<Record<string, string>> = {
  split_charging: '分解收费、超标准收费、重复收费（二级及以上公立医院）',
  bed_blocking: '挂床住院',
  drug_swapping: '串换药品、耗材和诊疗项目（基层医疗机构）',
  induced_admission: '诱导参保人住院',
  fabricated_services: '虚构医疗服务、伪造医疗文书（民营医院）',
  card_misuse: '盗刷医保卡、倒卖药品（定点药店）',
  non_medical_goods: '药店销售非医保物品',
  agency_internal_control: '经办机构内控制度不健全',
};

export const COUNT_MAX = 1_000_000;
const CODE_RE = /^[A-Za-z0-9_-]{1,40}$/;

function invalid(code: string, text: BilingualMessage, details?: Record<string, unknown>): DomainError {
  return DomainError.validation(code, text, details);
}

function lengthWithin(value: string, min: number, max: number): boolean {
  return value.length >= min && value.length <= max;
}

function validTarget(t: PlanTarget, index: number): PlanTarget {
  const code = t.code.trim();
  const label = t.label.trim();
  if (!CODE_RE.test(code)) {
    throw invalid('plan_target_code_invalid', {
      zh: `第 ${index + 1} 项工作目标的代码应为 1 至 40 个字母、数字、下划线或连字符`,
      en: `target ${index + 1}: the code must be 1 to 40 letters, digits, '_' or '-'`,
    }, { index });
  }
  if (!lengthWithin(label, 1, 200)) {
    throw invalid('plan_target_label_length', {
      zh: `工作目标「${code}」的名称应为 1 至 200 个字符`,
      en: `target '${code}': the label must be 1 to 200 characters`,
    }, { targetCode: code });
  }
  if (t.unit !== 'percent' && t.unit !== 'count') {
    throw invalid('plan_target_unit_invalid', {
      zh: `工作目标「${code}」的计量单位只能是百分比（percent）或数量（count）`,
      en: `target '${code}': the unit must be 'percent' or 'count'`,
    }, { targetCode: code });
  }
  const ok = t.unit === 'percent'
    ? Number.isFinite(t.value) && t.value >= 0 && t.value <= 100
    : Number.isInteger(t.value) && t.value >= 0 && t.value <= COUNT_MAX;
  if (!ok) {
    throw invalid('plan_target_value_range', t.unit === 'percent'
      ? { zh: `工作目标「${code}」是百分比，目标值应在 0 至 100 之间`, en: `target '${code}' is a percentage: the value must be from 0 to 100` }
      : { zh: `工作目标「${code}」是数量，目标值应为 0 至 1000000 的整数`, en: `target '${code}' is a count: the value must be a whole number from 0 to 1,000,000` },
    { targetCode: code, unit: t.unit, value: t.value });
  }
  return { code, label, unit: t.unit, value: t.value };
}

function validPerson(p: ResponsiblePerson, index: number): ResponsiblePerson {
  const name = p.name.trim();
  const title = p.title.trim();
  const phone = p.phone?.trim();
  const n = index + 1;
  if (!lengthWithin(name, 1, 50)) {
    throw invalid('plan_person_name_length', { zh: `第 ${n} 位责任人的姓名应为 1 至 50 个字符`, en: `responsible person ${n}: the name must be 1 to 50 characters` }, { index });
  }
  if (!lengthWithin(title, 1, 100)) {
    throw invalid('plan_person_title_length', { zh: `第 ${n} 位责任人的职务应为 1 至 100 个字符`, en: `responsible person ${n}: the title must be 1 to 100 characters` }, { index });
  }
  if (phone && !/^[0-9+\-() ]{3,30}$/.test(phone)) {
    throw invalid('plan_person_phone_invalid', { zh: `第 ${n} 位责任人的电话号码格式不正确`, en: `responsible person ${n}: the phone number is not valid` }, { index });
  }
  return phone ? { name, title, phone } : { name, title };
}

function validTask(t: ScheduleTask, targetCodes: ReadonlySet<string>): ScheduleTask {
  const id = t.id.trim();
  const title = t.title.trim();
  const owner = t.owner.trim();
  if (!CODE_RE.test(id)) {
    throw invalid('plan_task_id_invalid', {
      zh: `工作任务编号「${id}」应为 1 至 40 个字母、数字、下划线或连字符`,
      en: `task id '${id}' must be 1 to 40 letters, digits, '_' or '-'`,
    }, { taskId: id });
  }
  if (!lengthWithin(title, 1, 200)) {
    throw invalid('plan_task_title_length', { zh: `工作任务「${id}」的名称应为 1 至 200 个字符`, en: `task '${id}': the title must be 1 to 200 characters` }, { taskId: id });
  }
  if (!lengthWithin(owner, 1, 100)) {
    throw invalid('plan_task_owner_length', { zh: `工作任务「${id}」的责任人或处室应为 1 至 100 个字符`, en: `task '${id}': the owner must be 1 to 100 characters` }, { taskId: id });
  }
  if (!targetCodes.has(t.targetCode)) {
    throw invalid('plan_task_target_unknown', {
      zh: `工作任务「${id}」对应的工作目标「${t.targetCode}」不在本方案的工作目标中`,
      en: `task '${id}' refers to target '${t.targetCode}', which is not one of the plan's targets`,
    }, { taskId: id, targetCode: t.targetCode });
  }
  if (t.monthly.length !== 12 || !t.monthly.every((q) => Number.isInteger(q) && q >= 0 && q <= COUNT_MAX)) {
    throw invalid('plan_schedule_months', {
      zh: `工作任务「${id}」的月度安排应为 12 个月（1 月至 12 月）的非负整数`,
      en: `task '${id}': the monthly schedule must be exactly 12 whole numbers ≥ 0, January first`,
    }, { taskId: id, months: t.monthly.length });
  }
  return { id, title, owner, targetCode: t.targetCode, monthly: [...t.monthly] };
}

function firstDuplicate(values: string[]): string | undefined {
  const seen = new Set<string>();
  return values.find((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

/** A draft: every part present is well formed and the schedule refers to the plan's own targets. */
export function validDraft(content: PlanContent, schedule: ScheduleTask[]): { content: PlanContent; schedule: ScheduleTask[] } {
  const targets = content.targets.map(validTarget);
  const dupTarget = firstDuplicate(targets.map((t) => t.code));
  if (dupTarget !== undefined) {
    throw invalid('plan_target_code_duplicate', { zh: `工作目标代码「${dupTarget}」重复`, en: `target code '${dupTarget}' appears more than once` }, { targetCode: dupTarget });
  }
  const focusAreas = content.focusAreas.map((f) => f.trim());
  const badArea = focusAreas.findIndex((f) => !lengthWithin(f, 1, 100));
  if (badArea >= 0) {
    throw invalid('plan_focus_area_length', { zh: `第 ${badArea + 1} 个重点领域应为 1 至 100 个字符`, en: `focus area ${badArea + 1} must be 1 to 100 characters` }, { index: badArea });
  }
  const dupArea = firstDuplicate(focusAreas);
  if (dupArea !== undefined) {
    throw invalid('plan_focus_area_duplicate', { zh: `重点领域「${FOCUS_AREAS[dupArea] ?? dupArea}」重复`, en: `focus area '${dupArea}' appears more than once` }, { focusArea: dupArea });
  }
  const methods = content.methods.trim();
  const steps = content.steps.trim();
  if (methods.length > 5000) throw methodsLength();
  if (steps.length > 5000) throw stepsLength();
  const responsiblePersons = content.responsiblePersons.map(validPerson);

  const codes = new Set(targets.map((t) => t.code));
  const tasks = schedule.map((t) => validTask(t, codes));
  const dupTask = firstDuplicate(tasks.map((t) => t.id));
  if (dupTask !== undefined) {
    throw invalid('plan_task_id_duplicate', { zh: `工作任务编号「${dupTask}」重复`, en: `task id '${dupTask}' appears more than once` }, { taskId: dupTask });
  }
  return { content: { targets, focusAreas, methods, steps, responsiblePersons }, schedule: tasks };
}

function methodsLength(): DomainError {
  return invalid('plan_methods_length', { zh: '工作方法应为 1 至 5000 个字符', en: 'the methods must be 1 to 5000 characters' });
}

function stepsLength(): DomainError {
  return invalid('plan_steps_length', { zh: '步骤安排应为 1 至 5000 个字符', en: 'the steps must be 1 to 5000 characters' });
}

/** What submission needs on top of a valid draft: every section filled, every target scheduled. */
export function assertComplete(content: PlanContent | null, schedule: ScheduleTask[]): void {
  if (!content) {
    throw invalid('plan_content_missing', { zh: '方案内容尚未填写，不能报送', en: 'the plan has no content yet and cannot be submitted' });
  }
  if (!content.targets.length) {
    throw invalid('plan_targets_missing', { zh: '请至少填写一项工作目标', en: 'the plan needs at least one target' });
  }
  if (!content.focusAreas.length) {
    throw invalid('plan_focus_areas_missing', { zh: '请至少填写一个重点领域', en: 'the plan needs at least one focus area' });
  }
  if (!content.methods) throw methodsLength();
  if (!content.steps) throw stepsLength();
  if (!content.responsiblePersons.length) {
    throw invalid('plan_persons_missing', { zh: '请至少填写一位责任人', en: 'the plan needs at least one responsible person' });
  }
  const uncovered = content.targets.filter((t) => !schedule.some((task) => task.targetCode === t.code));
  if (uncovered.length) {
    throw invalid('plan_target_uncovered', {
      zh: `工作推进配档表未安排以下工作目标的任务：${uncovered.map((t) => t.label).join('、')}`,
      en: `the schedule has no task for these targets: ${uncovered.map((t) => t.code).join(', ')}`,
    }, { targetCodes: uncovered.map((t) => t.code) });
  }
  for (const target of content.targets.filter((t) => t.unit === 'count')) {
    const scheduled = schedule
      .filter((task) => task.targetCode === target.code)
      .reduce((sum, task) => sum + task.monthly.reduce((a, b) => a + b, 0), 0);
    if (scheduled < target.value) {
      throw invalid('plan_schedule_below_target', {
        zh: `工作目标「${target.label}」为 ${target.value}，但配档表全年只安排了 ${scheduled}`,
        en: `target '${target.code}' is ${target.value}, but the schedule plans only ${scheduled} for the year`,
      }, { targetCode: target.code, target: target.value, scheduled });
    }
  }
}

/**
 * Planned quantity of the count-target tasks by the end of each month: index m is January to
 * month m (index 0 is before January). Percent targets have no quantity to add up.
 */
export function cumulativePlanned(content: PlanContent | null, schedule: ScheduleTask[]): number[] {
  const counted = new Set((content?.targets ?? []).filter((t) => t.unit === 'count').map((t) => t.code));
  const out = [0];
  for (let m = 0; m < 12; m++) {
    const month = schedule.filter((t) => counted.has(t.targetCode)).reduce((sum, t) => sum + t.monthly[m], 0);
    out.push(out[m] + month);
  }
  return out;
}
