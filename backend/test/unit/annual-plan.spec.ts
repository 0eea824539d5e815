import { PLAN_TRANSITIONS, type PlanStatus, type PlanTransition } from '@fundsup/workflows/contracts';
import { AnnualPlan } from '../../src/contexts/annual-plans/domain/annual-plan.js';
import { cumulativePlanned, type PlanContent, type ScheduleTask } from '../../src/contexts/annual-plans/domain/plan-content.js';
import { planContent, planSchedule } from '../support/plans.js';
import { planDeadlines } from '../../src/contexts/annual-plans/domain/plan-deadlines.js';
import { PlanningCycle } from '../../src/contexts/annual-plans/domain/planning-cycle.js';
import { annualPlanWorkflowRoutes } from '../../src/contexts/annual-plans/infrastructure/annual-plan-workflow.routes.js';
import { PdfRenderer } from '../../src/platform/documents/pdf-renderer.js';
import { PlanPdf } from '../../src/contexts/annual-plans/infrastructure/plan-pdf.js';
import type { PlanDetail } from '../../src/contexts/annual-plans/application/queries.js';
import { pullEvents } from '../../src/kernel/aggregate.js';
import type { Actor } from '../../src/kernel/actor.js';
import { DomainError } from '../../src/kernel/errors.js';

const actor = (over: Partial<Actor>): Actor => ({
  userId: over.username ?? 'u',
  username: 'u',
  displayName: over.username ?? 'u',
  roles: [],
  regionPath: '/',
  organizationId: 'x',
  organizationKind: 'agency',
  ...over,
});
const province = actor({ username: 'js.official', roles: ['province_official'], regionPath: '/32/', organizationId: 'bureau-32', organizationKind: 'bureau' });
const nanjing = actor({ username: 'nj.agency', roles: ['city_agency_staff'], regionPath: '/32/3201/', organizationId: 'agency-3201' });
const nanjingBureau = actor({ username: 'nj.bureau', roles: ['city_agency_staff'], regionPath: '/32/3201/', organizationId: 'bureau-3201', organizationKind: 'bureau' });
const suzhou = actor({ username: 'sz.agency', roles: ['city_agency_staff'], regionPath: '/32/3205/', organizationId: 'agency-3205' });
const xuanwu = actor({ username: 'xw.staff', roles: ['county_staff'], regionPath: '/32/3201/320102/', organizationId: 'agency-320102' });
const xuanwuBureau = actor({ username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', organizationId: 'bureau-320102', organizationKind: 'bureau' });
const gusu = actor({ username: 'gs.staff', roles: ['county_staff'], regionPath: '/32/3205/320508/', organizationId: 'agency-320508' });

const XUANWU = { id: 'agency-320102', regionPath: '/32/3201/320102/' };
const NANJING = { id: 'agency-3201', regionPath: '/32/3201/' };
const JAN = new Date('2027-01-10T02:00:00Z');
const JUN = new Date('2027-06-20T02:00:00Z');

const content = planContent;
const schedule = planSchedule;

function open(unit = XUANWU, year = 2027, now = JAN): AnnualPlan {
  return AnnualPlan.open({ id: '00000000-0000-4000-8000-000000000001', unit, year, opener: province, now });
}

/** A plan in the given status, its content complete and its history and events drained. */
function planIn(status: PlanStatus, unit = XUANWU): AnnualPlan {
  const plan = open(unit);
  plan.content = content();
  plan.schedule = schedule();
  plan.status = status;
  if (status === 'filed') plan.filedAt = JAN;
  if (status === 'forwarded') plan.forwardedAt = JAN;
  plan.pullHistory();
  pullEvents(plan);
  return plan;
}

function errorOf(fn: () => unknown): DomainError | string {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e : 'not a domain error';
  }
  return 'no error';
}

function codeOf(fn: () => unknown): string {
  const e = errorOf(fn);
  return e instanceof DomainError ? e.code : e;
}

describe('AnnualPlan: opening', () => {
  it('is owned by the drafting unit and reviewed by the level above', () => {
    const plan = open();
    expect(plan).toMatchObject({
      ownerOrgId: 'agency-320102',
      regionPath: '/32/3201/320102/',
      unitLevel: 'county',
      reviewerRegionPath: '/32/3201/',
      status: 'not_started',
      deadline: '2027-05-15',
    });
    expect(open(NANJING)).toMatchObject({ unitLevel: 'city', reviewerRegionPath: '/32/' });
    expect(plan.pullHistory().map((h) => [h.action, h.byName])).toEqual([['opened', 'js.official']]);
  });

  it('computes its deadlines in China time', () => {
    const d = planDeadlines(2027, JAN);
    expect(d.deadline).toBe('2027-05-15');
    expect(d.remindAt.map((t) => t.toISOString())).toEqual(['2027-04-30T01:00:00.000Z', '2027-05-12T01:00:00.000Z']);
    expect(d.overdueAt.toISOString()).toBe('2027-05-15T16:00:00.000Z');
    expect(d.closeAt.toISOString()).toBe('2027-12-31T16:00:00.000Z');
    // Opened on 10 May: the 30 April reminder is already past and is not sent late.
    expect(planDeadlines(2027, new Date('2027-05-10T02:00:00Z')).remindAt.map((t) => t.toISOString())).toEqual(['2027-05-12T01:00:00.000Z']);
  });

  it('starts the plan workflow keyed by (unit, year), running as the opener', () => {
    const plan = open();
    const [event] = pullEvents(plan);
    expect(event.type).toBe('AnnualPlanOpened');
    expect(annualPlanWorkflowRoutes[event.type](event, 'm1')).toEqual({
      kind: 'start',
      workflowType: 'annualPlanWorkflow',
      workflowId: 'annual-plan-agency-320102-2027',
      args: [{
        planId: plan.id,
        unitOrgId: 'agency-320102',
        year: 2027,
        actor: expect.objectContaining({ username: 'js.official', organizationId: 'bureau-32', roles: ['province_official'] }),
        deadline: { remindAt: ['2027-04-30T01:00:00.000Z', '2027-05-12T01:00:00.000Z'], overdueAt: '2027-05-15T16:00:00.000Z', closeAt: '2027-12-31T16:00:00.000Z' },
        status: 'not_started',
      }],
    });
  });

  it('is only for city and county agencies', () => {
    expect(codeOf(() => open({ id: 'agency-32', regionPath: '/32/' }))).toBe('plan_unit_level');
  });
});

describe('AnnualPlan: state machine', () => {
  const statuses: PlanStatus[] = ['not_started', 'draft', 'submitted', 'forwarded', 'returned', 'filed', 'closed'];
  // A county plan: the city agency (nj.agency) forwards or returns a submitted plan, the city bureau
  // (nj.bureau) files or returns a forwarded one.
  const act: Record<PlanTransition['action'], (p: AnnualPlan) => void> = {
    draft: (p) => p.saveDraft(xuanwu, { content: content(), schedule: schedule(), version: p.editVersion }, JAN),
    submit: (p) => p.submit(xuanwu, p.editVersion, JAN),
    forward: (p) => p.forward(nanjing, '审核通过', JAN),
    file: (p) => p.file(nanjingBureau, '同意备案', JAN),
    return: (p) => p.return(p.status === 'forwarded' ? nanjingBureau : nanjing, '请补充重点领域', JAN),
  };
  const cases = statuses.flatMap((status) =>
    (Object.keys(act) as PlanTransition['action'][]).map((action) => [action, status, PLAN_TRANSITIONS[action].includes(status)] as const),
  );

  it.each(cases)('%s from %s: allowed by the shared table = %s', (action, status, allowed) => {
    const plan = planIn(status);
    const error = errorOf(() => act[action](plan));
    if (action === 'file' && status === 'submitted') {
      // allowed for a city plan; a county plan waits for the city agency's forwarding
      expect(error).toMatchObject({ kind: 'conflict', code: 'plan_not_forwarded', details: { status, action } });
      expect(plan.status).toBe(status);
      expect(pullEvents(plan)).toEqual([]);
    } else if (allowed) {
      expect(error).toBe('no error');
      expect(plan.status).toBe({ draft: 'draft', submit: 'submitted', forward: 'forwarded', file: 'filed', return: 'returned' }[action]);
      expect(plan.pullHistory().map((h) => h.action)).toEqual([action]);
    } else {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'conflict', code: 'plan_transition_invalid', details: { status, action } });
      expect((error as DomainError).text.zh).toContain('不能');
      expect(plan.status).toBe(status);
      expect(plan.pullHistory()).toEqual([]);
      expect(pullEvents(plan)).toEqual([]);
    }
  });

  it('each committed transition updates the workflow with the transition (the relay adds the outbox id as update id)', () => {
    const plan = planIn('not_started');
    act.draft(plan);
    act.submit(plan);
    act.return(plan);
    const events = pullEvents(plan);
    expect(events.map((e) => e.type)).toEqual(['AnnualPlanDrafted', 'AnnualPlanSubmitted', 'AnnualPlanReturned']);
    expect(events.map((e) => annualPlanWorkflowRoutes[e.type](e, 'm1'))).toEqual([
      { kind: 'update', workflowId: 'annual-plan-agency-320102-2027', update: 'planTransition', args: [{ action: 'draft', at: JAN.toISOString(), by: 'xw.staff' }] },
      { kind: 'update', workflowId: 'annual-plan-agency-320102-2027', update: 'planTransition', args: [{ action: 'submit', at: JAN.toISOString(), by: 'xw.staff' }] },
      {
        kind: 'update', workflowId: 'annual-plan-agency-320102-2027', update: 'planTransition',
        args: [{ action: 'return', at: JAN.toISOString(), by: 'nj.agency', comment: '请补充重点领域' }],
      },
    ]);
  });

  it('refuses a stale version', () => {
    const plan = planIn('draft');
    plan.editVersion = 3;
    expect(errorOf(() => plan.submit(xuanwu, 2, JAN))).toMatchObject({ kind: 'conflict', code: 'plan_version_conflict', details: { version: 3 } });
    expect(codeOf(() => plan.saveDraft(xuanwu, { content: content(), schedule: schedule(), version: 4 }, JAN))).toBe('plan_version_conflict');
    expect(plan.status).toBe('draft');
  });

  it('keeps the return comment and the submission time in the plan and its history', () => {
    const plan = planIn('draft');
    plan.submit(xuanwu, plan.editVersion, JAN);
    plan.return(nanjing, '  目标偏低，请调整  ', JUN);
    expect(plan.submittedAt).toEqual(JAN);
    expect(plan.pullHistory().map((h) => [h.action, h.comment])).toEqual([['submit', null], ['return', '目标偏低，请调整']]);
    expect(codeOf(() => planIn('submitted').return(nanjing, '   ', JUN))).toBe('plan_return_comment_required');
    expect(codeOf(() => planIn('forwarded').return(nanjingBureau, '', JUN))).toBe('plan_return_comment_required');
    expect(codeOf(() => planIn('forwarded').file(nanjingBureau, 'x'.repeat(2001), JUN))).toBe('plan_comment_length');
    expect(codeOf(() => planIn('submitted').forward(nanjing, 'x'.repeat(2001), JUN))).toBe('plan_comment_length');
    const filed = planIn('forwarded');
    filed.file(nanjingBureau, undefined, JUN);
    expect(filed.filedAt).toEqual(JUN);
  });

  it('a county plan takes the city agency\'s review and forwarding, then the city bureau\'s filing; a new submission clears the forwarding', () => {
    const plan = planIn('draft');
    plan.submit(xuanwu, plan.editVersion, JAN);
    expect(plan.reviewStep).toBe('city_agency');
    plan.forward(nanjing, '  经审核，目标合理  ', JAN);
    expect(plan).toMatchObject({ status: 'forwarded', forwardedAt: JAN, reviewStep: 'city_bureau' });
    plan.return(nanjingBureau, '请细化配档表', JUN);
    expect(plan).toMatchObject({ status: 'returned', reviewStep: null });
    plan.submit(xuanwu, plan.editVersion, JUN);
    expect(plan).toMatchObject({ status: 'submitted', forwardedAt: null, reviewStep: 'city_agency' });
    plan.forward(nanjing, undefined, JUN);
    plan.file(nanjingBureau, '同意备案', JUN);
    expect(plan).toMatchObject({ status: 'filed', filedAt: JUN, reviewStep: null });
    expect(plan.pullHistory().map((h) => [h.action, h.byName, h.comment])).toEqual([
      ['submit', 'xw.staff', null], ['forward', 'nj.agency', '经审核，目标合理'], ['return', 'nj.bureau', '请细化配档表'],
      ['submit', 'xw.staff', null], ['forward', 'nj.agency', null], ['file', 'nj.bureau', '同意备案'],
    ]);
    const events = pullEvents(plan);
    const forwarded = events.find((e) => e.type === 'AnnualPlanForwarded')!;
    expect(annualPlanWorkflowRoutes[forwarded.type](forwarded, 'm1')).toEqual({
      kind: 'update', workflowId: 'annual-plan-agency-320102-2027', update: 'planTransition',
      args: [{ action: 'forward', at: JAN.toISOString(), by: 'nj.agency', comment: '经审核，目标合理' }],
    });
    // a city plan goes to the province directly
    expect(planIn('submitted', NANJING).reviewStep).toBe('province');
  });
});

describe('AnnualPlan: who may do what', () => {
  it('only the drafting unit’s staff draft, submit and report', () => {
    for (const who of [gusu, nanjing, xuanwuBureau, province]) {
      expect(codeOf(() => planIn('draft').submit(who, 1, JAN))).toBe('plan_not_drafting_unit');
    }
    expect(codeOf(() => planIn('filed').reportProgress(gusu, 1, [{ taskId: 'T1', doneQuantity: 1 }], JUN))).toBe('plan_not_drafting_unit');
    // A city plan is drafted by city agency staff of the city agency.
    expect(codeOf(() => planIn('draft', NANJING).submit(nanjing, 1, JAN))).toBe('no error');
    expect(codeOf(() => planIn('draft', NANJING).submit(nanjingBureau, 1, JAN))).toBe('plan_not_drafting_unit');
  });

  it('a county plan: the city agency reviews and forwards (it cannot file), the city bureau files (it cannot forward)', () => {
    expect(codeOf(() => planIn('submitted').forward(nanjing, undefined, JAN))).toBe('no error');
    expect(codeOf(() => planIn('submitted').return(nanjing, '退回', JAN))).toBe('no error');
    expect(errorOf(() => planIn('submitted').file(nanjing, undefined, JAN))).toMatchObject({ kind: 'forbidden', code: 'plan_file_forbidden' });
    expect(errorOf(() => planIn('forwarded').file(nanjing, undefined, JAN))).toMatchObject({ kind: 'forbidden', code: 'plan_file_forbidden' });
    expect(errorOf(() => planIn('forwarded').return(nanjing, '退回', JAN))).toMatchObject({ kind: 'conflict', code: 'plan_already_forwarded' });

    expect(codeOf(() => planIn('forwarded').file(nanjingBureau, undefined, JAN))).toBe('no error');
    expect(codeOf(() => planIn('forwarded').return(nanjingBureau, '退回', JAN))).toBe('no error');
    expect(errorOf(() => planIn('submitted').forward(nanjingBureau, undefined, JAN))).toMatchObject({ kind: 'forbidden', code: 'plan_forward_forbidden' });
    expect(errorOf(() => planIn('submitted').file(nanjingBureau, undefined, JAN))).toMatchObject({ kind: 'conflict', code: 'plan_not_forwarded' });
    expect(errorOf(() => planIn('submitted').return(nanjingBureau, '退回', JAN))).toMatchObject({ kind: 'conflict', code: 'plan_not_forwarded' });

    for (const who of [province, suzhou, xuanwu, gusu, xuanwuBureau]) {
      for (const status of ['submitted', 'forwarded'] as const) {
        expect(codeOf(() => planIn(status).forward(who, undefined, JAN))).toBe('plan_not_reviewer');
        expect(codeOf(() => planIn(status).file(who, undefined, JAN))).toBe('plan_not_reviewer');
        expect(codeOf(() => planIn(status).return(who, '退回', JAN))).toBe('plan_not_reviewer');
      }
    }
    const refused = errorOf(() => planIn('submitted').file(nanjing, undefined, JAN)) as DomainError;
    expect(refused.text.zh).toContain('市医保局备案');
    expect(refused.text.en).toContain('city bureau files');
  });

  it('a city plan: the province files or returns it, with no forwarding step', () => {
    expect(codeOf(() => planIn('submitted', NANJING).file(province, undefined, JAN))).toBe('no error');
    expect(codeOf(() => planIn('submitted', NANJING).return(province, '退回', JAN))).toBe('no error');
    expect(codeOf(() => planIn('submitted', NANJING).file(nanjing, undefined, JAN))).toBe('plan_not_reviewer');
    expect(codeOf(() => planIn('submitted', NANJING).file(nanjingBureau, undefined, JAN))).toBe('plan_not_reviewer');
    expect(errorOf(() => planIn('submitted', NANJING).forward(province, undefined, JAN))).toMatchObject({ kind: 'conflict', code: 'plan_transition_invalid' });
  });
});

describe('AnnualPlan: validation', () => {
  type Edit = (c: PlanContent, s: ScheduleTask[]) => void;
  const draftCases: [string, Edit][] = [
    ['plan_target_value_range', (c) => (c.targets[0].value = 100.5)],
    ['plan_target_value_range', (c) => (c.targets[0].value = -1)],
    ['plan_target_value_range', (c) => (c.targets[1].value = 12.5)],
    ['plan_target_value_range', (c) => (c.targets[1].value = 1_000_001)],
    ['plan_target_code_invalid', (c) => (c.targets[0].code = 'bad code')],
    ['plan_target_code_duplicate', (c) => (c.targets[1].code = 'provider_coverage')],
    ['plan_target_label_length', (c) => (c.targets[0].label = '  ')],
    ['plan_target_unit_invalid', (c) => ((c.targets[0] as { unit: string }).unit = 'ratio')],
    ['plan_focus_area_length', (c) => c.focusAreas.push('x'.repeat(101))],
    ['plan_focus_area_duplicate', (c) => c.focusAreas.push('split_charging')],
    ['plan_methods_length', (c) => (c.methods = 'x'.repeat(5001))],
    ['plan_steps_length', (c) => (c.steps = 'x'.repeat(5001))],
    ['plan_person_name_length', (c) => (c.responsiblePersons[0].name = '')],
    ['plan_person_title_length', (c) => (c.responsiblePersons[0].title = '')],
    ['plan_person_phone_invalid', (c) => (c.responsiblePersons[0].phone = 'call me')],
    ['plan_task_id_invalid', (_, s) => (s[0].id = 'T 1')],
    ['plan_task_id_duplicate', (_, s) => (s[1].id = 'T1')],
    ['plan_task_title_length', (_, s) => (s[0].title = '')],
    ['plan_task_owner_length', (_, s) => (s[0].owner = 'x'.repeat(101))],
    ['plan_task_target_unknown', (_, s) => (s[0].targetCode = 'nonexistent')],
    ['plan_schedule_months', (_, s) => (s[0].monthly = Array(11).fill(1))],
    ['plan_schedule_months', (_, s) => (s[0].monthly = [...Array(11).fill(1), -1])],
    ['plan_schedule_months', (_, s) => (s[0].monthly = [...Array(11).fill(1), 0.5])],
  ];

  it.each(draftCases)('a draft is refused with %s, bilingually, and nothing changes', (code, edit) => {
    const plan = planIn('draft');
    const [c, s] = [content(), schedule()];
    edit(c, s);
    const error = errorOf(() => plan.saveDraft(xuanwu, { content: c, schedule: s, version: plan.editVersion }, JAN));
    expect(error).toMatchObject({ kind: 'validation', code });
    const { zh, en } = (error as DomainError).text;
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).toMatch(/^[\x20-\x7e’≥–]+$/);
    expect(plan.content).toEqual(content());
    expect(pullEvents(plan)).toEqual([]);
  });

  it('a draft may be incomplete, and is stored trimmed', () => {
    const plan = planIn('not_started');
    plan.content = null;
    plan.saveDraft(xuanwu, {
      content: { targets: [], focusAreas: [], methods: '  ', steps: '', responsiblePersons: [] },
      schedule: [],
      version: plan.editVersion,
    }, JAN);
    expect(plan.status).toBe('draft');
    expect(plan.content).toEqual({ targets: [], focusAreas: [], methods: '', steps: '', responsiblePersons: [] });
  });

  const submitCases: [string, Edit, Record<string, unknown> | null][] = [
    ['plan_targets_missing', (c, s) => { c.targets = []; s.length = 0; }, null],
    ['plan_focus_areas_missing', (c) => (c.focusAreas = []), null],
    ['plan_methods_length', (c) => (c.methods = ''), null],
    ['plan_steps_length', (c) => (c.steps = ' '), null],
    ['plan_persons_missing', (c) => (c.responsiblePersons = []), null],
    ['plan_target_uncovered', (_, s) => s.pop(), { targetCodes: ['provider_coverage'] }],
    ['plan_schedule_below_target', (_, s) => (s[0].monthly[11] = 9), { targetCode: 'onsite_checks', target: 120, scheduled: 119 }],
  ];

  it.each(submitCases)('submission needs a complete plan: %s', (code, edit, details) => {
    const plan = planIn('not_started');
    const [c, s] = [content(), schedule()];
    edit(c, s);
    plan.saveDraft(xuanwu, { content: c, schedule: s, version: plan.editVersion }, JAN);
    const error = errorOf(() => plan.submit(xuanwu, plan.editVersion, JAN));
    expect(error).toMatchObject({ kind: 'validation', code, ...(details ? { details } : {}) });
    expect(plan.status).toBe('draft');
  });

  it('a percent target is covered by any task; a count target needs its yearly total', () => {
    const plan = planIn('draft');
    const s = schedule();
    s[1].monthly = Array(12).fill(0);
    s[0].monthly = [120, ...Array(11).fill(0)];
    plan.saveDraft(xuanwu, { content: content(), schedule: s, version: plan.editVersion }, JAN);
    expect(codeOf(() => plan.submit(xuanwu, plan.editVersion, JAN))).toBe('no error');
  });

  it('keeps the planned quantity of count targets by month', () => {
    expect(cumulativePlanned(content(), schedule())).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    expect(cumulativePlanned(null, [])).toEqual(Array(13).fill(0));
    const plan = planIn('not_started');
    plan.saveDraft(xuanwu, { content: content(), schedule: schedule(), version: plan.editVersion }, JAN);
    expect(plan.plannedCumulative[6]).toBe(60);
  });
});

describe('AnnualPlan: progress', () => {
  const report = (plan: AnnualPlan, month: number, entries = [{ taskId: 'T1', doneQuantity: 12 }], now = JUN) =>
    plan.reportProgress(xuanwu, month, entries, now);

  it('is reported on filed plans, for months that have begun, for the plan’s tasks', () => {
    const plan = planIn('filed');
    expect(report(plan, 6, [{ taskId: 'T1', doneQuantity: 12 }, { taskId: 'T2', doneQuantity: 1, note: ' 已通报 ' } as never])).toEqual([
      { taskId: 'T1', doneQuantity: 12, note: null, attachmentIds: [], counted: true },
      { taskId: 'T2', doneQuantity: 1, note: '已通报', attachmentIds: [], counted: false },
    ]);
    expect(pullEvents(plan).map((e) => e.type)).toEqual(['AnnualPlanProgressReported']);
    for (const status of ['not_started', 'draft', 'submitted', 'forwarded', 'returned', 'closed'] as const) {
      expect(errorOf(() => report(planIn(status), 6))).toMatchObject({ code: 'plan_progress_not_filed', details: { status } });
    }
  });

  it.each([
    ['plan_progress_month_range', 0, [{ taskId: 'T1', doneQuantity: 1 }]],
    ['plan_progress_month_range', 13, [{ taskId: 'T1', doneQuantity: 1 }]],
    ['plan_progress_month_range', 1.5, [{ taskId: 'T1', doneQuantity: 1 }]],
    ['plan_progress_month_future', 7, [{ taskId: 'T1', doneQuantity: 1 }]],
    ['plan_progress_entries_missing', 6, []],
    ['plan_progress_task_unknown', 6, [{ taskId: 'T9', doneQuantity: 1 }]],
    ['plan_progress_task_duplicate', 6, [{ taskId: 'T1', doneQuantity: 1 }, { taskId: 'T1', doneQuantity: 2 }]],
    ['plan_progress_quantity_invalid', 6, [{ taskId: 'T1', doneQuantity: -1 }]],
    ['plan_progress_quantity_invalid', 6, [{ taskId: 'T1', doneQuantity: Number.NaN }]],
    ['plan_progress_note_length', 6, [{ taskId: 'T1', doneQuantity: 1, note: 'x'.repeat(2001) }]],
  ])('%s (month %s)', (code, month, entries) => {
    expect(codeOf(() => report(planIn('filed'), month, entries))).toBe(code);
  });

  it('the current month counts in China time; a past year is open in full, a future one not at all', () => {
    // 31 May 17:00 UTC is already 1 June in China.
    expect(codeOf(() => report(planIn('filed'), 6, undefined, new Date('2027-05-31T17:00:00Z')))).toBe('no error');
    expect(codeOf(() => report(planIn('filed'), 6, undefined, new Date('2027-05-31T15:00:00Z')))).toBe('plan_progress_month_future');
    expect(codeOf(() => report(planIn('filed'), 12, undefined, new Date('2028-02-01T00:00:00Z')))).toBe('no error');
    expect(codeOf(() => report(planIn('filed'), 1, undefined, new Date('2026-12-01T00:00:00Z')))).toBe('plan_progress_month_future');
  });
});

describe('AnnualPlan: the clock', () => {
  it('reminds and flags overdue only plans that never reached the level above; the flag is set once', () => {
    for (const status of ['not_started', 'draft'] as const) {
      const plan = planIn(status);
      expect(plan.needsReminder()).toBe(true);
      expect(plan.markOverdue(province, JUN)).toBe(true);
      expect(plan.markOverdue(province, JUN)).toBe(false);
      expect(plan.overdue).toBe(true);
      expect(plan.pullHistory().map((h) => h.action)).toEqual(['overdue']);
      expect(pullEvents(plan).map((e) => [e.type, annualPlanWorkflowRoutes[e.type]])).toEqual([['AnnualPlanMarkedOverdue', undefined]]);
    }
    for (const status of ['submitted', 'forwarded', 'returned', 'filed', 'closed'] as const) {
      const plan = planIn(status);
      expect(plan.needsReminder()).toBe(false);
      expect(plan.markOverdue(province, JUN)).toBe(false);
    }
  });

  it('an overdue plan can still be submitted late, and stays flagged', () => {
    const plan = planIn('draft');
    plan.markOverdue(province, JUN);
    plan.submit(xuanwu, plan.editVersion, JUN);
    expect(plan).toMatchObject({ status: 'submitted', overdue: true });
  });

  it('closes the year once, filed or not; a closed plan accepts no transition', () => {
    const plan = planIn('filed');
    expect(plan.close(province, JUN)).toBe(true);
    expect(plan.close(province, JUN)).toBe(false);
    expect(plan.status).toBe('closed');
    expect(pullEvents(plan).map((e) => [e.type, e.payload])).toEqual([['AnnualPlanClosed', { filed: true }]]);
    expect(codeOf(() => plan.saveDraft(xuanwu, { content: content(), schedule: schedule(), version: plan.editVersion }, JUN))).toBe('plan_transition_invalid');
    const unfiled = planIn('draft');
    unfiled.close(province, JUN);
    expect(pullEvents(unfiled)[0].payload).toEqual({ filed: false });
  });
});

describe('PlanningCycle', () => {
  const units = [XUANWU, NANJING];

  it('is opened by a province official, for this year or the next', () => {
    expect(codeOf(() => PlanningCycle.of(nanjing, 2027, JAN, []))).toBe('plan_cycle_forbidden');
    expect(codeOf(() => PlanningCycle.of(province, 2026, JAN, []))).toBe('plan_cycle_year_range');
    expect(codeOf(() => PlanningCycle.of(province, 2029, JAN, []))).toBe('plan_cycle_year_range');
    expect(codeOf(() => PlanningCycle.of(province, 2028, JAN, []))).toBe('no error');
  });

  it('gives each unit one plan per year: opening again opens only what is missing', () => {
    const cycle = PlanningCycle.of(province, 2027, JAN, ['agency-3201']);
    const opened = cycle.openMissing(units, JAN);
    expect(opened.map((p) => p.ownerOrgId)).toEqual(['agency-320102']);
    expect(cycle.plans).toBe(2);
    expect(cycle.openMissing(units, JAN)).toEqual([]);
    expect(errorOf(() => cycle.open(XUANWU, JAN))).toMatchObject({ kind: 'conflict', code: 'plan_already_exists' });
  });
});

describe('PDF export', () => {
  it('refuses (503) rather than print boxes when the CJK font is missing', async () => {
    const pdf = new PlanPdf(new PdfRenderer({ pdfFontPath: '/nonexistent/font.ttc', pdfFontName: 'WenQuanYiMicroHei' }));
    await expect(pdf.render({} as PlanDetail)).rejects.toMatchObject({ kind: 'unavailable', code: 'plan_pdf_font_missing' });
  });
});
