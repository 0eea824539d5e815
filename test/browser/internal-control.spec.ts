import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, pickDay, signInAs } from '../support/browser.js';
import { api, BASE_URL, eventually } from '../support/stack.js';

// Issue 6 in the browser: the province creates the year's internal-control audit plan; once the
// plan is published (audits for every agency, the provincial agency included, teams drawn: through
// the API) and the notice date has come, the Xuanwu agency answers its self-assessment item by item
// and submits it; the provincial agency's staff (js.agency) find their own audit.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
// The notice date is yesterday, so the audit workflow sends the notice as soon as it starts.
const notice = chinaDay(-1);
const year = Number(notice.slice(0, 4));
const dates = { noticeDate: notice, selfAssessmentDue: chinaDay(10), fieldworkStart: chinaDay(12), fieldworkEnd: chinaDay(20) };

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const signIn = async (username: string): Promise<Page> => (await signInAs(browser, username)).page;

it('the province creates the audit plan and an agency answers its self-assessment', async () => {
  const province = await signIn('js.official');
  await province.goto(`${BASE_URL()}/province/audits/plan?year=${year}`);
  await province.getByTestId('ic-plan-title-input').fill(`${year}年度医保经办机构内部控制检查计划`);
  await pickDay(province.getByTestId('ic-plan-start'), `${year}-01-01`);
  await pickDay(province.getByTestId('ic-plan-end'), chinaDay(90));
  await province.getByTestId('ic-plan-create-submit').click();
  await province.getByTestId('ic-uncovered').waitFor({ timeout: 15_000 });
  await province.screenshot({ path: join(artifacts, 'ic-plan-js.official.png') });
  await province.context().close();

  const [plan] = (await api('js.official', 'GET', `/api/ic/plans?year=${year}`)).body.items;
  expect(plan.title).toBe(`${year}年度医保经办机构内部控制检查计划`);
  // the provincial agency (省医保中心) is among the agencies the plan must cover
  expect(plan.uncoveredAgencies.map((a: { id: string }) => a.id)).toContain('agency-32');
  for (const a of plan.uncoveredAgencies) {
    expect((await api('js.official', 'POST', `/api/ic/plans/${plan.id}/audits`, { agencyId: a.id, ...dates, teamInspectorIds: [] })).status).toBe(201);
  }
  expect((await api('js.official', 'POST', `/api/ic/plans/${plan.id}/draw-teams`, { teamSize: 2 })).status).toBe(200);
  expect((await api('js.official', 'POST', `/api/ic/plans/${plan.id}/publish`, {})).status).toBe(200);

  const [audit] = (await api('xw.staff', 'GET', `/api/ic/audits?year=${year}`)).body.items;
  expect(audit.agency.id).toBe('agency-320102');
  await eventually('notice sent by the audit workflow', async () =>
    (await api('xw.staff', 'GET', `/api/ic/audits/${audit.id}`)).body.status === 'self_assessment', 60_000);

  const agency = await signIn('xw.staff');
  await agency.goto(`${BASE_URL()}/local/audits/audit/${audit.id}`);
  const { checklist } = (await api('xw.staff', 'GET', `/api/ic/audits/${audit.id}`)).body as { checklist: { code: string }[] };
  for (const item of checklist) {
    await agency.getByTestId(`ic-answer-${item.code}-compliant`).click();
  }
  await agency.getByTestId('ic-self-assessment-submit').click();
  await agency.getByTestId('ic-sa-submitted').waitFor({ timeout: 15_000 });
  await agency.screenshot({ path: join(artifacts, 'ic-self-assessment-xw.staff.png') });
  await agency.context().close();

  const after = (await api('js.official', 'GET', `/api/ic/audits/${audit.id}`)).body;
  expect(after.selfAssessmentSubmittedAt).not.toBeNull();
  expect(after.selfAssessment).toHaveLength(checklist.length);
  // Another agency never sees it.
  expect((await api('gs.staff', 'GET', `/api/ic/audits/${audit.id}`)).status).toBe(404);

  // The provincial agency's staff see their own audit only, under 内控检查 of their section.
  const own = (await api('js.agency', 'GET', `/api/ic/audits?year=${year}`)).body.items as { id: string; agency: { id: string; level: string } }[];
  expect(own.map((a) => [a.agency.id, a.agency.level])).toEqual([['agency-32', 'province']]);
  const provincial = await signIn('js.agency');
  await provincial.goto(`${BASE_URL()}/local/audits/mine?year=${year}`);
  await provincial.locator('[data-testid="ic-audit-row"]').first().waitFor({ timeout: 15_000 });
  expect(await provincial.locator('[data-testid="ic-audit-row"]').count()).toBe(1);
  await provincial.screenshot({ path: join(artifacts, 'ic-mine-js.agency.png') });
  await provincial.context().close();
});
