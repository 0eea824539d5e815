import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { USERS, type TestUser } from '../support/tokens.js';
import { Notifications, type NotificationView } from '../../src/platform/notifications/notifications.js';
import { UnitOfWork } from '../../src/platform/tenancy/unit-of-work.js';
import type { Actor } from '../../src/kernel/actor.js';

// The inbox is SQL with typed rows (ADR 0013): items are written by notification_deliver() in the
// sender's transaction, scoped to the recipient (region_path, owner_org_id), and read, counted and
// marked read only by the recipient organization — row-level security plus the inbox's own
// owner_org_id condition.

let t: TestApp;
const MARK = '收件箱测试';

const county: Actor = {
  userId: 'u-xw', username: 'xw.staff', displayName: 'xw', roles: ['county_staff'],
  regionPath: USERS.xuanwu.regionPath, organizationId: USERS.xuanwu.orgId, organizationKind: 'agency',
};

async function deliver(n: number, to: TestUser, link?: string): Promise<boolean> {
  const { result } = await t.app.get(UnitOfWork).run(county, (em) => t.app.get(Notifications).deliver(em, {
    recipientOrgId: to.orgId,
    recipientRegionPath: to.regionPath,
    titleZh: `${MARK} ${n}`,
    titleEn: `inbox test ${n}`,
    bodyZh: `正文 ${n}`,
    bodyEn: `body ${n}`,
    link,
    dedupeKey: `inbox-test:${to.orgId}:${n}`,
  }));
  return result;
}

async function inbox(user: TestUser, unread = false): Promise<{ items: NotificationView[]; total: number }> {
  const res = await t.call(user, 'GET', `/api/notifications${unread ? '?unread=true' : ''}`);
  expect(res.status).toBe(200);
  return res.body;
}
const mine = (items: NotificationView[]) => items.filter((i) => i.titleZh.startsWith(MARK));
const unreadCount = async (user: TestUser) => (await t.call(user, 'GET', '/api/notifications/unread-count')).body.count as number;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

it('delivers once per key, in the recipient’s scope, and lists newest first with every field', async () => {
  const before = await unreadCount(USERS.xuanwu);
  expect(await deliver(1, USERS.xuanwu, '/notices/1')).toBe(true);
  expect(await deliver(2, USERS.xuanwu)).toBe(true);
  expect(await deliver(2, USERS.xuanwu)).toBe(false);
  expect(await deliver(3, USERS.hospital)).toBe(true);

  const rows = await ownerQuery<{ dedupe_key: string; region_path: string; owner_org_id: string }>(t.db,
    `select dedupe_key, region_path, owner_org_id from notification where dedupe_key like 'inbox-test:%' order by dedupe_key`);
  expect(rows).toEqual([
    { dedupe_key: `inbox-test:${USERS.xuanwu.orgId}:1`, region_path: USERS.xuanwu.regionPath, owner_org_id: USERS.xuanwu.orgId },
    { dedupe_key: `inbox-test:${USERS.xuanwu.orgId}:2`, region_path: USERS.xuanwu.regionPath, owner_org_id: USERS.xuanwu.orgId },
    { dedupe_key: `inbox-test:${USERS.hospital.orgId}:3`, region_path: USERS.hospital.regionPath, owner_org_id: USERS.hospital.orgId },
  ]);

  expect(await unreadCount(USERS.xuanwu)).toBe(before + 2);
  const list = await inbox(USERS.xuanwu);
  const items = mine(list.items);
  expect(items.map((i) => i.titleZh)).toEqual([`${MARK} 2`, `${MARK} 1`]);
  expect(items[1]).toEqual({
    id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    titleZh: `${MARK} 1`, titleEn: 'inbox test 1', bodyZh: '正文 1', bodyEn: 'body 1', link: '/notices/1',
    createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), readAt: null,
  });
  expect(items[0].link).toBeNull();
  expect(list.total).toBeGreaterThanOrEqual(list.items.length);
  expect(typeof list.total).toBe('number');
});

it('each organization reads only its own inbox, even inside the county', async () => {
  expect(mine((await inbox(USERS.hospital)).items).map((i) => i.titleZh)).toEqual([`${MARK} 3`]);
  expect(mine((await inbox(USERS.clinic)).items)).toEqual([]);
  expect(mine((await inbox(USERS.gusu)).items)).toEqual([]);
  // The city above reads its own inbox, not the county's.
  expect(mine((await inbox(USERS.nanjing)).items)).toEqual([]);
});

it('marks an item read for its recipient only; others get 404', async () => {
  const [second] = mine((await inbox(USERS.xuanwu)).items);
  const before = await unreadCount(USERS.xuanwu);
  expect((await t.call(USERS.hospital, 'POST', `/api/notifications/${second.id}/read`)).status).toBe(404);
  expect((await t.call(USERS.nanjing, 'POST', `/api/notifications/${second.id}/read`)).status).toBe(404);
  expect(await unreadCount(USERS.xuanwu)).toBe(before);

  expect((await t.call(USERS.xuanwu, 'POST', `/api/notifications/${second.id}/read`)).status).toBe(204);
  expect(await unreadCount(USERS.xuanwu)).toBe(before - 1);
  const read = mine((await inbox(USERS.xuanwu)).items).find((i) => i.id === second.id)!;
  expect(read.readAt).toMatch(/Z$/);
  expect(mine((await inbox(USERS.xuanwu, true)).items).map((i) => i.titleZh)).toEqual([`${MARK} 1`]);
  // Marking again keeps the first reading time.
  expect((await t.call(USERS.xuanwu, 'POST', `/api/notifications/${second.id}/read`)).status).toBe(204);
  expect(mine((await inbox(USERS.xuanwu)).items).find((i) => i.id === second.id)!.readAt).toBe(read.readAt);
});

it('an id that is no uuid is not found, not an error', async () => {
  for (const bad of ['x', '-'.repeat(36)]) {
    const res = await t.call(USERS.xuanwu, 'POST', `/api/notifications/${bad}/read`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  }
});

it('never shows a doubled full stop when a composed sentence already ended in one (issue 16)', async () => {
  // As the monthly-report return composes it: 退回意见：${comment}。请修改后重新提交。 with a comment that ends in 。
  const comment = { zh: '数据有误，请核对。', en: 'The figures are wrong.' };
  const { result } = await t.app.get(UnitOfWork).run(county, (em) => t.app.get(Notifications).deliver(em, {
    recipientOrgId: USERS.xuanwu.orgId,
    recipientRegionPath: USERS.xuanwu.regionPath,
    titleZh: `${MARK} 句号`,
    titleEn: 'inbox test full stop',
    bodyZh: `退回意见：${comment.zh}。请修改后重新提交。处理时限：5 个工作日；按国务院办公厅通知。。`,
    bodyEn: `Comment: ${comment.en}. Please revise and submit again... or ask.`,
    dedupeKey: `inbox-test:${USERS.xuanwu.orgId}:full-stop`,
  }));
  expect(result).toBe(true);
  const item = mine((await inbox(USERS.xuanwu)).items).find((i) => i.titleZh === `${MARK} 句号`)!;
  expect(item.bodyZh).toBe('退回意见：数据有误，请核对。请修改后重新提交。处理时限：5 个工作日；按国务院办公厅通知。');
  expect(item.bodyZh).not.toContain('。。');
  // An ellipsis is kept; only the doubled stop goes.
  expect(item.bodyEn).toBe('Comment: The figures are wrong. Please revise and submit again... or ask.');
  // Stored so, for the e-mail too.
  const [row] = await ownerQuery<{ body_zh: string }>(t.db, `select body_zh from notification where dedupe_key = $1`, [`inbox-test:${USERS.xuanwu.orgId}:full-stop`]);
  expect(row!.body_zh).not.toContain('。。');
});
