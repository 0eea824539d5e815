import { fakePlan } from '../testing/fakes';
import {
  coverageOf,
  draftBlocked,
  draftRequestOf,
  errorKeysOf,
  formCoverage,
  nextCustomCode,
  nextTaskId,
  personForm,
  planForm,
  standardTargetForm,
  targetForm,
  taskForm,
} from './plan-form';
import { STANDARD_TARGETS } from './plans-api';

describe('plan form rules', () => {
  it('checks that every target is covered, and that count targets add up over the year', () => {
    const targets = [
      { code: 'onsite_checks', label: '现场检查家次', unit: 'count' as const, value: 24 },
      { code: 'claims_rereview', label: '住院费用复审比例', unit: 'percent' as const, value: 5 },
      { code: 'custom-1', label: '约谈', unit: 'count' as const, value: 3 },
    ];
    const coverage = coverageOf(targets, [
      { targetCode: 'onsite_checks', monthly: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1] },
      { targetCode: 'onsite_checks', monthly: [null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      { targetCode: 'claims_rereview', monthly: Array(12).fill(0) },
    ]);
    expect(coverage.map((c) => [c.target.code, c.tasks, c.total, c.reason])).toEqual([
      ['onsite_checks', 2, 23, 'short'],
      // A percent target only needs a task working towards it.
      ['claims_rereview', 1, 0, 'ok'],
      ['custom-1', 0, 0, 'noTask'],
    ]);
    expect(coverage.map((c) => c.covered)).toEqual([false, true, false]);

    const reached = coverageOf(targets.slice(0, 1), [{ targetCode: 'onsite_checks', monthly: Array(12).fill(2) }]);
    expect(reached[0]).toMatchObject({ total: 24, covered: true, reason: 'ok' });
  });

  it('numbers custom targets and tasks one above the highest in use', () => {
    expect(nextCustomCode([])).toBe('custom-1');
    expect(nextCustomCode(['onsite_checks', 'custom-2', 'custom-7'])).toBe('custom-8');
    expect(nextTaskId([])).toBe('t1');
    expect(nextTaskId(['t1', 't9', 'imported-3'])).toBe('t10');
  });

  it('lets a draft be incomplete but never malformed', () => {
    const form = planForm({ content: null, schedule: [] });
    // Empty: only completeness errors, so a draft can be saved, but not submitted.
    expect(form.valid).toBe(false);
    expect(draftBlocked(form)).toBe(false);
    expect(errorKeysOf(form)).toEqual(
      expect.arrayContaining([
        'plans.form.targetsRequired',
        'plans.form.focusAreasRequired',
        'plans.form.methodsRequired',
        'plans.form.stepsRequired',
        'plans.form.personsRequired',
      ]),
    );

    form.controls.methods.setValue('法'.repeat(5001));
    expect(errorKeysOf(form.controls.methods)).toEqual(['plans.form.textTooLong']);
    expect(draftBlocked(form)).toBe(true);
    form.controls.methods.setValue('法'.repeat(5000));
    expect(draftBlocked(form)).toBe(false);

    const person = personForm({ name: '张三', title: '科长', phone: 'call me' });
    form.controls.responsiblePersons.push(person);
    expect(errorKeysOf(person)).toEqual(['plans.form.phoneInvalid']);
    person.controls.phone.setValue('025-8300 0000');
    expect(person.valid).toBe(true);
  });

  it('checks target values against their unit, also when a custom unit changes', () => {
    const percent = standardTargetForm(STANDARD_TARGETS.find((t) => t.code === 'claims_rereview')!);
    expect(percent.getRawValue()).toEqual({ code: 'claims_rereview', label: '住院费用复审比例', unit: 'percent', value: 5 });
    percent.controls.value.setValue(100.5);
    expect(errorKeysOf(percent)).toEqual(['plans.form.percentRange']);
    percent.controls.value.setValue(12.5);
    expect(percent.valid).toBe(true);

    const custom = targetForm({ code: 'custom-1', label: '约谈', unit: 'percent', value: 12.5 });
    expect(custom.valid).toBe(true);
    custom.controls.unit.setValue('count');
    expect(errorKeysOf(custom)).toEqual(['plans.form.countRange']);
    custom.controls.value.setValue(1_000_001);
    expect(errorKeysOf(custom)).toEqual(['plans.form.countRange']);
    custom.controls.value.setValue(null);
    expect(errorKeysOf(custom)).toEqual(['plans.form.targetValueRequired']);
  });

  it('checks tasks: a target of the plan, whole non-negative quantities', () => {
    const form = planForm(fakePlan());
    expect(form.valid).toBe(true);
    const task = taskForm({ id: 't3', targetCode: 'records_per_hospital' });
    form.controls.schedule.push(task);
    task.controls.targetCode.updateValueAndValidity();
    expect(errorKeysOf(task)).toEqual([
      'plans.form.taskTitleRequired',
      'plans.form.taskOwnerRequired',
      'plans.form.taskTargetUnknown',
    ]);
    task.controls.monthly.at(0).setValue(1.5);
    task.controls.monthly.at(1).setValue(-1);
    expect(errorKeysOf(task.controls.monthly)).toEqual(['plans.form.quantityInvalid', 'plans.form.quantityInvalid']);
    expect(draftBlocked(form)).toBe(true);
  });

  it('builds the PUT …/draft body: trimmed, empty cells as 0, blank people dropped', () => {
    const form = planForm(fakePlan());
    form.controls.methods.setValue('  日常巡查。 \n');
    form.controls.focusAreas.setValue(['bed_blocking', ' 门诊统筹 ', '', 'bed_blocking']);
    form.controls.responsiblePersons.push(personForm({ name: ' 李四 ', title: '副科长' }));
    form.controls.responsiblePersons.push(personForm());
    form.controls.schedule.at(0).controls.monthly.at(11).setValue(null);
    form.controls.schedule.at(1).controls.title.setValue(' 住院费用复审 ');

    const body = draftRequestOf(form, 3);
    expect(body.version).toBe(3);
    expect(body.content.methods).toBe('日常巡查。');
    expect(body.content.focusAreas).toEqual(['bed_blocking', '门诊统筹']);
    expect(body.content.responsiblePersons).toEqual([
      { name: '黄晓燕', title: '稽核科科长', phone: '025-83000000' },
      { name: '李四', title: '副科长' },
    ]);
    expect(body.content.targets).toEqual(fakePlan().content!.targets);
    expect(body.schedule[0]).toEqual({
      id: 't1',
      title: '定点医院现场检查',
      owner: '稽核科',
      targetCode: 'onsite_checks',
      monthly: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0],
    });
    expect(body.schedule[1]!.title).toBe('住院费用复审');
    expect(formCoverage(form).map((c) => c.reason)).toEqual(['short', 'ok']);
  });
});
