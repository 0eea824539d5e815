import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../src/database.js';
import type { Actor } from '../../src/kernel/actor.js';
import { DomainError } from '../../src/kernel/errors.js';
import { UnitOfWork } from '../../src/platform/tenancy/unit-of-work.js';
import { OrganizationDirectory } from '../../src/contexts/directory/index.js';
import { AnnualPlan } from '../../src/contexts/annual-plans/domain/annual-plan.js';
import type { PlanContent, ScheduleTask } from '../../src/contexts/annual-plans/domain/plan-content.js';
import { PlanProgress } from '../../src/contexts/annual-plans/domain/plan-progress.js';
import { AnnualPlans } from '../../src/contexts/annual-plans/infrastructure/annual-plan.repository.js';
import { createTestDatabase, ownerQuery, type TestDatabase } from '../support/database.js';
import { actorOf, USERS } from '../support/tokens.js';

// The annual plans' repository on its own (ADR 0013): a plan goes through SQL on the unit of work's
// connection and comes back the same (jsonb, the date deadline, timestamps, both versions); the
// history and progress rows carry the plan's tenancy; a stale copy is refused by the row's version;
// events of saved plans reach the unit's events; row-level security hides another county's plan.
// The app's own role connects, so RLS applies.

let db: TestDatabase;
let orm: MikroORM;
let uow: UnitOfWork;
let plans: AnnualPlans;

// The demo users as actors, with the display names the history records.
const province: Actor = { ...actorOf(USERS.province), displayName: '省医保局' };
const xuanwu: Actor = { ...actorOf(USERS.xuanwu), displayName: '玄武区经办' };
const nanjingAgency: Actor = { ...actorOf(USERS.nanjing), displayName: '南京市经办' };
const gusu: Actor = { ...actorOf(USERS.gusu), displayName: '姑苏区经办' };
const XUANWU = { id: 'agency-320102', regionPath: '/32/3201/320102/' };
// A year no seeded plan uses (one plan per unit and year).
const YEAR = 2099;
const OPENED = new Date('2099-01-10T02:00:00.123Z');

const content = (): PlanContent => ({
  targets: [{ code: 'onsite_checks', label: '现场检查家次', unit: 'count', value: 24 }],
  focusAreas: ['split_charging'],
  methods: '日常稽核与专项检查相结合。',
  steps: '一季度部署，四季度总结。',
  responsiblePersons: [{ name: '张伟', title: '稽核科科长', phone: '025-84600000' }],
});
const schedule = (): ScheduleTask[] => [
  { id: 'T1', title: '定点医药机构现场检查', owner: '稽核科', targetCode: 'onsite_checks', monthly: Array(12).fill(2) },
];

const run = <T>(actor: Actor, work: () => Promise<T>) => uow.run(actor, work);

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await MikroORM.init(ormOptions(db.appUrl));
  uow = new UnitOfWork(orm);
  plans = new AnnualPlans(uow, new OrganizationDirectory(uow));
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

let id: string;

it('inserts a new plan with its history and tenancy; its events reach the unit', async () => {
  id = randomUUID();
  const { events } = await run(province, async () => {
    const plan = AnnualPlan.open({ id, unit: XUANWU, year: YEAR, opener: province, now: OPENED });
    expect(plan.isNew).toBe(true);
    await plans.save(plan);
    expect(plan.version).toBe(1);
  });
  expect(events.map((e) => [e.type, e.aggregateId, e.regionPath])).toEqual([['AnnualPlanOpened', id, XUANWU.regionPath]]);
  const [row] = await ownerQuery(db, `select region_path, owner_org_id, version, edit_version, content, deadline::text from annual_plan where id = $1`, [id]);
  expect(row).toEqual({ region_path: XUANWU.regionPath, owner_org_id: XUANWU.id, version: 1, edit_version: 1, content: null, deadline: '2099-05-15' });
  const history = await ownerQuery(db, `select region_path, owner_org_id, action, by_user_id, by_name, at from annual_plan_history where plan_id = $1`, [id]);
  expect(history).toEqual([{ region_path: XUANWU.regionPath, owner_org_id: XUANWU.id, action: 'opened', by_user_id: 'u-js', by_name: '省医保局', at: OPENED }]);
});

it('loads the plan as it was stored', async () => {
  const { result: plan } = await run(xuanwu, () => plans.load(id));
  expect(plan).toMatchObject({
    id, regionPath: XUANWU.regionPath, ownerOrgId: XUANWU.id, year: YEAR, unitLevel: 'county', reviewerRegionPath: '/32/3201/',
    status: 'not_started', overdue: false, deadline: '2099-05-15', content: null, schedule: [],
    submittedAt: null, forwardedAt: null, filedAt: null, closedAt: null, version: 1, editVersion: 1,
  });
  expect(plan.openedAt).toEqual(OPENED);
  expect(plan.plannedCumulative).toEqual(Array(13).fill(0));
  expect(plan.isNew).toBe(false);
});

it('updates a changed plan (jsonb content, both versions) and appends its history', async () => {
  const submittedAt = new Date('2099-03-01T08:30:00.456Z');
  await run(xuanwu, async () => {
    const plan = await plans.load(id);
    plan.saveDraft(xuanwu, { content: content(), schedule: schedule(), version: plan.editVersion }, new Date('2099-02-01T00:00:00Z'));
    await plans.save(plan);
    plan.submit(xuanwu, plan.editVersion, submittedAt);
    await plans.save(plan);
    expect(plan.version).toBe(3);
  });
  const { result: plan } = await run(xuanwu, () => plans.load(id));
  expect(plan).toMatchObject({ status: 'submitted', content: content(), schedule: schedule(), version: 3, editVersion: 3, submittedAt });
  expect(plan.plannedCumulative).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
  const history = await ownerQuery<{ action: string }>(db, `select action from annual_plan_history where plan_id = $1 order by at, id`, [id]);
  expect(history.map((h) => h.action)).toEqual(['opened', 'draft', 'submit']);
});

it('refuses a stale copy with plan_changed (bilingual) and keeps nothing of it', async () => {
  const { result: stale } = await run(nanjingAgency, () => plans.load(id));
  await run(nanjingAgency, async () => {
    const plan = await plans.load(id);
    plan.forward(nanjingAgency, '同意', new Date('2099-03-02T00:00:00Z'));
    await plans.save(plan);
  });
  // The copy read before the forwarding still says "submitted": returning it is valid in memory only.
  const error = await run(nanjingAgency, async () => {
    stale.return(nanjingAgency, '请补充', new Date('2099-03-03T00:00:00Z'));
    await plans.save(stale);
  }).then(() => 'saved', (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ kind: 'conflict', code: 'plan_changed' });
  expect((error as DomainError).text.zh).toMatch(/[\u4e00-\u9fff]/);
  const [row] = await ownerQuery(db, `select status, edit_version, version from annual_plan where id = $1`, [id]);
  expect(row).toEqual({ status: 'forwarded', edit_version: 4, version: 4 });
  const history = await ownerQuery<{ action: string }>(db, `select action from annual_plan_history where plan_id = $1 order by at, id`, [id]);
  expect(history.map((h) => h.action)).toEqual(['opened', 'draft', 'submit', 'forward']);
});

it('a county of another city does not find the plan', async () => {
  const error = await run(gusu, () => plans.load(id)).then(() => 'found', (e: unknown) => e);
  expect(error).toMatchObject({ kind: 'not_found' });
  expect(await run(gusu, () => plans.unitsWithPlan(YEAR)).then((r) => r.result)).toEqual([]);
  expect(await run(province, () => plans.unitsWithPlan(YEAR)).then((r) => r.result)).toEqual([XUANWU.id]);
});

it('stores one progress row per task and month, a new report replacing the last, owned like the plan', async () => {
  const attachment = randomUUID();
  const report = (doneQuantity: number, attachmentIds: string[], at: Date) => run(xuanwu, async () => {
    const plan = await plans.load(id);
    await plans.saveProgress(PlanProgress.ofReport(plan, 3, [{ taskId: 'T1', doneQuantity, note: null, attachmentIds, counted: true }], 'xw.staff', at));
  });
  await report(1.5, [], new Date('2099-03-10T00:00:00Z'));
  await report(2.25, [attachment], new Date('2099-03-20T00:00:00Z'));
  const rows = await ownerQuery(db,
    `select region_path, owner_org_id, task_id, month, done_quantity, counted, attachment_ids::text[] as attachment_ids, reported_at
       from annual_plan_progress where plan_id = $1`, [id]);
  expect(rows).toEqual([{
    region_path: XUANWU.regionPath, owner_org_id: XUANWU.id, task_id: 'T1', month: 3, done_quantity: 2.25, counted: true,
    attachment_ids: [attachment], reported_at: new Date('2099-03-20T00:00:00Z'),
  }]);
});

it('names the evidence that is not among the unit’s uploads, without asking the database about a non-uuid', async () => {
  const unknown = randomUUID();
  const { result } = await run(xuanwu, () => plans.unknownAttachments(['not-a-uuid', unknown], XUANWU.id));
  expect(result).toEqual(['not-a-uuid', unknown]);
});
