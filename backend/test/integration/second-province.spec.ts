import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { sendNotice } from '../support/notices.js';
import { USERS } from '../support/tokens.js';

// Issue 15: the seed's second province (Zhejiang 33, one city and one district, two institutions):
// its organizations have the seeded province's shapes, and the provinces do not see each other —
// only the national overseer sees both.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((o) => o.id);

describe('the second province', () => {
  it('is seeded with a bureau and an agency at each level, two institutions under contract and inspectors', async () => {
    const orgs = await ownerQuery<{ id: string; name: string; region_path: string }>(t.db,
      `select id, name, region_path from organization where region_path like '/33/%' order by region_path, id`);
    expect(orgs).toEqual([
      { id: 'agency-33', name: '浙江省医疗保险基金管理中心', region_path: '/33/' },
      { id: 'bureau-33', name: '浙江省医疗保障局', region_path: '/33/' },
      { id: 'agency-3301', name: '杭州市医疗保险基金管理中心', region_path: '/33/3301/' },
      { id: 'bureau-3301', name: '杭州市医疗保障局', region_path: '/33/3301/' },
      { id: 'agency-330106', name: '杭州市西湖区医疗保险管理中心', region_path: '/33/3301/330106/' },
      { id: 'bureau-330106', name: '杭州市西湖区医疗保障局', region_path: '/33/3301/330106/' },
      { id: 'inst-330106-0001', name: '杭州西湖仁和医院', region_path: '/33/3301/330106/' },
      { id: 'inst-330106-0002', name: '西湖区北山街道社区卫生服务中心', region_path: '/33/3301/330106/' },
    ]);
    const agreements = await ownerQuery<{ institution_id: string; agency_id: string; number: string; status: string }>(t.db,
      `select institution_id, agency_id, number, status from service_agreement where region_path like '/33/%' order by institution_id`);
    expect(agreements).toEqual([
      { institution_id: 'inst-330106-0001', agency_id: 'agency-330106', number: '330106-2025-00001', status: 'active' },
      { institution_id: 'inst-330106-0002', agency_id: 'agency-330106', number: '330106-2025-00002', status: 'active' },
    ]);
    const inspectors = await ownerQuery<{ organization_id: string; n: number }>(t.db,
      `select organization_id, count(*)::int as n from inspector where region_path like '/33/%' group by 1 order by 1`);
    expect(inspectors).toEqual([
      { organization_id: 'agency-3301', n: 2 }, { organization_id: 'agency-330106', n: 3 }, { organization_id: 'bureau-3301', n: 2 },
    ]);
  });

  it('is invisible to Jiangsu and Jiangsu to it; the national overseer sees both', async () => {
    const jiangsu = await t.call(USERS.province, 'GET', '/api/organizations?limit=500&regionCode=330106');
    expect(jiangsu.status).toBe(200);
    expect(ids(jiangsu)).toEqual([]);
    const zhejiang = await t.call(USERS.zhejiang, 'GET', '/api/organizations?limit=500');
    expect(zhejiang.body.total).toBe(8);
    expect(zhejiang.body.items.every((o: { regionPath: string }) => o.regionPath.startsWith('/33/'))).toBe(true);
    expect(ids(await t.call(USERS.zhejiang, 'GET', '/api/organizations?regionCode=320102'))).toEqual([]);
    for (const code of ['330106', '320102']) {
      const nation = await t.call(USERS.nation, 'GET', `/api/organizations?limit=500&regionCode=${code}`);
      expect(ids(nation)).toEqual(expect.arrayContaining([`agency-${code}`, `bureau-${code}`]));
    }
    expect(ids(await t.call(USERS.xihuHospital, 'GET', '/api/organizations'))).toEqual(['inst-330106-0001']);
    const agreements = await t.call(USERS.xihu, 'GET', '/api/agreements');
    expect(agreements.status).toBe(200);
    expect(JSON.stringify(agreements.body)).toContain('inst-330106-0001');
    expect(JSON.stringify(agreements.body)).not.toContain('inst-3201');
  });

  it('a notice within Zhejiang is read there and by the nation, and is not found from Jiangsu; Jiangsu cannot send one into Zhejiang', async () => {
    const sent = await sendNotice(t, USERS.hangzhou, { recipientOrgId: 'agency-330106', title: '关于开展定点机构自查的通知', body: '请按期完成。', workingDays: 5 });
    for (const [user, status] of [[USERS.xihu, 200], [USERS.zhejiang, 200], [USERS.nation, 200], [USERS.province, 404], [USERS.nanjing, 404], [USERS.hospital, 404]] as const) {
      expect([user.username, (await t.call(user, 'GET', `/api/notices/${sent.body.id}`)).status]).toEqual([user.username, status]);
    }
    await sendNotice(t, USERS.province, { recipientOrgId: 'agency-330106', title: '越省通知', body: 'x', workingDays: 3 }, 404);
    await sendNotice(t, USERS.zhejiang, { recipientOrgId: 'agency-320102', title: '越省通知', body: 'x', workingDays: 3 }, 404);
  });
});
