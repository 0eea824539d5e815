import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../src/database.js';
import type { Actor } from '../../src/kernel/actor.js';
import type { DomainEvent } from '../../src/kernel/aggregate.js';
import { Outbox } from '../../src/platform/outbox/outbox.js';
import type { WorkflowRoutes } from '../../src/platform/outbox/workflow-action.js';
import { UnitOfWork } from '../../src/platform/tenancy/unit-of-work.js';
import { createTestDatabase, ownerQuery, type TestDatabase } from '../support/database.js';

// The outbox on its own (ADR 0005): a command's events are rows of outbox_message written on the
// unit of work's connection, in its transaction (a rollback — or a kill -9 before commit — leaves
// none), in the order they were recorded, scoped like their aggregate, and row-level security
// refuses one outside the actor's scope. The app's own role connects, so RLS applies.

let db: TestDatabase;
let orm: MikroORM;
let uow: UnitOfWork;

const routes: WorkflowRoutes = {
  TestStarted: (e, id) => ({ kind: 'start', workflowType: 'testWorkflow', workflowId: `test-${e.aggregateId}`, args: [e.payload, id] }),
  TestSignalled: (e, id) => ({ kind: 'signal', workflowId: `test-${e.aggregateId}`, signal: 'poke', args: [id] }),
};
const outbox = new Outbox(routes);

const county: Actor = {
  userId: 'u-xw', username: 'xw.staff', displayName: 'xw', roles: ['county_staff'],
  regionPath: '/32/3201/320102/', organizationId: 'agency-320102', organizationKind: 'agency',
};

function event(type: string, aggregateId: string, payload: Record<string, unknown>, regionPath = county.regionPath): DomainEvent {
  return { type, aggregateType: 'Test', aggregateId, regionPath, ownerOrgId: county.organizationId, payload };
}

interface StoredRow {
  id: string;
  seq: string;
  region_path: string;
  owner_org_id: string;
  aggregate_type: string;
  event_type: string;
  payload: Record<string, unknown>;
  dispatch: Record<string, unknown> | null;
  occurred_at: Date;
  available_at: Date;
  dispatched_at: Date | null;
  attempts: number;
  last_error: string | null;
}

const rowsOf = (aggregateId: string) => ownerQuery<StoredRow>(db,
  `select id, seq, region_path, owner_org_id, aggregate_type, event_type, payload, dispatch, occurred_at, available_at, dispatched_at,
          attempts, last_error
     from outbox_message where aggregate_id = $1 order by seq`, [aggregateId]);

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await MikroORM.init(ormOptions(db.appUrl));
  uow = new UnitOfWork(orm);
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

it('writes one row per event, in the order recorded, with its dispatch, scope and payload', async () => {
  const before = Date.now();
  await uow.run(county, async () => undefined, (em) => outbox.store(em, [
    event('TestStarted', 'agg-1', { n: 1, title: '开始' }),
    event('TestRecorded', 'agg-1', { n: 2, nested: { at: '2026-12-07' } }),
    event('TestSignalled', 'agg-1', { n: 3 }),
  ]));
  const rows = await rowsOf('agg-1');
  expect(rows.map((r) => [r.event_type, r.payload.n])).toEqual([['TestStarted', 1], ['TestRecorded', 2], ['TestSignalled', 3]]);
  expect(new Set(rows.map((r) => r.id)).size).toBe(3);
  for (const r of rows) {
    expect(r).toMatchObject({ region_path: county.regionPath, owner_org_id: county.organizationId, aggregate_type: 'Test', attempts: 0, last_error: null });
    expect(r.occurred_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(r.available_at.getTime()).toBe(r.occurred_at.getTime());
  }
  const [started, recorded, signalled] = rows;
  expect(started.payload).toEqual({ n: 1, title: '开始' });
  expect(started.dispatch).toEqual({ kind: 'start', workflowType: 'testWorkflow', workflowId: 'test-agg-1', args: [{ n: 1, title: '开始' }, started.id] });
  expect(started.dispatched_at).toBeNull();
  expect(signalled.dispatch).toEqual({ kind: 'signal', workflowId: 'test-agg-1', signal: 'poke', args: [signalled.id] });
  expect(signalled.dispatched_at).toBeNull();
  // Nothing to dispatch: kept as the record of what happened, already "dispatched" (SQL null, not JSON null).
  expect(recorded.payload).toEqual({ n: 2, nested: { at: '2026-12-07' } });
  expect(recorded.dispatch).toBeNull();
  expect(recorded.dispatched_at).not.toBeNull();
  const [{ n }] = await ownerQuery<{ n: number }>(db, `select count(*)::int as n from outbox_message where aggregate_id = 'agg-1' and dispatch is null`);
  expect(n).toBe(1);
  expect(BigInt(started.seq) < BigInt(recorded.seq) && BigInt(recorded.seq) < BigInt(signalled.seq)).toBe(true);
});

it('a unit that fails after storing its events leaves no row: they share its transaction', async () => {
  await expect(uow.run(county, async () => undefined, async (em) => {
    await outbox.store(em, [event('TestStarted', 'agg-2', { n: 1 })]);
    throw new Error('the command failed after its events were stored');
  })).rejects.toThrow(/failed after/);
  expect(await rowsOf('agg-2')).toEqual([]);
});

it('refuses an event outside the actor’s scope (row-level security on insert), and stores nothing of the unit', async () => {
  await expect(uow.run(county, async () => undefined, (em) => outbox.store(em, [
    event('TestStarted', 'agg-3', { n: 1 }),
    event('TestStarted', 'agg-3', { n: 2 }, '/32/3205/320508/'),
  ]))).rejects.toThrow(/row-level security/);
  expect(await rowsOf('agg-3')).toEqual([]);
});
