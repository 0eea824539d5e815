import { withTestApp, type TestApp } from '../support/app.js';
import { type TestUser } from '../support/tokens.js';

// The officers a leader may name on a case's page (issue 18): found by the browser test of the
// enforcement pages, where naming the two officers meant typing their identity-provider subjects (no
// one knows them). The case now offers the people of its bureau who have signed in, to its leader only,
// while the officers are to be named.

const STAFF: TestUser = { sub: 'u-off-b1', username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const STAFF2: TestUser = { sub: 'u-off-b2', username: 'xw.bureau2', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const LEADER: TestUser = { sub: 'u-off-ld', username: 'xw.leader', roles: ['leader'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const AGENCY: TestUser = { sub: 'u-off-ag', username: 'xw.staff', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'agency-320102', orgKind: 'agency' };
const CITY: TestUser = { sub: 'u-off-nj', username: 'nj.bureau', roles: ['city_agency_staff'], regionPath: '/32/3201/', orgId: 'bureau-3201', orgKind: 'bureau' };

let app: TestApp;
withTestApp((started) => { app = started; });

it('offers the leader the people of the case\'s bureau as officers (not the agency\'s, not another bureau\'s) and to nobody else', async () => {
  for (const u of [STAFF, STAFF2, LEADER, AGENCY, CITY]) expect((await app.call(u, 'GET', '/api/me')).status).toBe(200); // registered at sign-in
  const proposed = await app.call(STAFF, 'POST', '/api/enforcement/cases', {
    source: 'other', regionCode: '320102', institutionOrgId: 'inst-320102-0001', subject: '执法人员候选测试', facts: '经查……', amountInvolved: '1000',
  });
  expect(proposed.status).toBe(201);
  const id = proposed.body.id as string;
  expect(proposed.body.officerCandidates).toEqual([]);
  const filed = await app.call(LEADER, 'POST', `/api/enforcement/cases/${id}/approve-filing`, { approve: true });
  expect(filed.status).toBe(200);

  const ids = (body: { officerCandidates: { userId: string; name: string }[] }) => body.officerCandidates.map((c) => c.userId).sort();
  expect(ids(filed.body)).toEqual(expect.arrayContaining(['u-off-b1', 'u-off-b2', 'u-off-ld']));
  expect(ids(filed.body)).not.toContain('u-off-ag');
  expect(ids(filed.body)).not.toContain('u-off-nj');
  expect(filed.body.officerCandidates.every((c: { name: string }) => typeof c.name === 'string' && c.name.length > 0)).toBe(true);
  // staff of the bureau (who may not name officers) are offered nobody
  expect((await app.call(STAFF, 'GET', `/api/enforcement/cases/${id}`)).body.officerCandidates).toEqual([]);

  const named = await app.call(LEADER, 'POST', `/api/enforcement/cases/${id}/officers`, {
    officers: filed.body.officerCandidates.filter((c: { userId: string }) => c.userId === 'u-off-b1' || c.userId === 'u-off-b2'),
  });
  expect(named.status).toBe(200);
  expect(named.body.investigation.officers.map((o: { userId: string }) => o.userId).sort()).toEqual(['u-off-b1', 'u-off-b2']);
  // still offered (the leader may name them again while investigating)
  expect(ids(named.body)).toEqual(expect.arrayContaining(['u-off-b1', 'u-off-b2']));
});
