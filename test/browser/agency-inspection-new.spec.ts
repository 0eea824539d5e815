import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, pickDay, signInAs } from '../support/browser.js';
import { api, BASE_URL, eventually } from '../support/stack.js';

// Issue 13 §3 in the browser, the pages the worklist test does not fill in: the Xuanwu agency's clerk
// (xw.staff) creates an inspection of the Xuanwu clinic with a team of her choosing (新建检查: the
// institution searched among the agency's agreements, two eligible inspectors ticked), then asks the
// clinic for documents from the record page (调取资料); the clinic's clerk (xw.clinic) answers under
// 资料调取, and the agency sees the answer.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const stamp = Date.now().toString(36);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const signIn = async (username: string): Promise<Page> => (await signInAs(browser, username)).page;

it('the agency creates an inspection with a hand-picked team and asks the clinic for documents; the clinic answers', async () => {
  const staff = await signIn('xw.staff');
  await staff.goto(`${BASE_URL()}/local/inspections/new`);
  await staff.getByTestId('new-inspection-search').fill('梅园');
  await staff.getByTestId('new-inspection-search-button').click();
  await staff.locator('[data-testid="new-inspection-institution"][data-id="inst-320102-0002"]').click();
  await staff.getByTestId('new-inspection-selected').waitFor();
  await pickDay(staff.getByTestId('new-inspection-planned-on'), chinaDay(0));
  // two inspectors the recusal rules allow (the disabled ones show why they are recused)
  await staff.getByTestId('new-inspection-candidate').first().waitFor({ timeout: 15_000 });
  const enabled = staff.locator('[data-testid="new-inspection-candidate"][data-eligible="true"] [data-testid="new-inspection-candidate-check"]');
  await enabled.nth(0).click();
  await enabled.nth(1).click();
  await staff.getByTestId('new-inspection-basis').fill(`投诉核查（${stamp}）`);
  await staff.getByTestId('new-inspection-submit').click();
  await staff.waitForURL(/\/local\/inspections\/inspection\/[0-9a-f-]{36}/, { timeout: 15_000 });
  const inspectionId = /inspection\/([0-9a-f-]{36})/.exec(staff.url())![1]!;
  const created = (await api('xw.staff', 'GET', `/api/inspections/${inspectionId}`)).body;
  expect(created).toMatchObject({ origin: 'agency', status: 'assigned', agency: { id: 'agency-320102' }, basis: `投诉核查（${stamp}）` });
  expect(created.institution.id).toBe('inst-320102-0002');
  expect(created.team).toHaveLength(2);

  // 调取资料 from the record page
  const items = `近三个月住院病历及费用清单（${stamp}）`;
  await staff.getByTestId('document-request-items-input').fill(items);
  await pickDay(staff.getByTestId('document-request-due-input'), chinaDay(5));
  await staff.getByTestId('document-request-submit').click();
  await staff.getByTestId('document-request').filter({ hasText: stamp }).waitFor({ timeout: 15_000 });
  await staff.screenshot({ path: join(artifacts, 'agency-new-inspection-xw.staff.png'), fullPage: true });

  // the clinic answers under 资料调取
  const clinic = await signIn('xw.clinic');
  await clinic.goto(`${BASE_URL()}/institution/document-requests`);
  const request = clinic.getByTestId('document-request').filter({ hasText: stamp });
  await request.waitFor({ timeout: 15_000 });
  await request.getByTestId('document-answer-open').click();
  await request.getByTestId('document-answer-input').fill('病历及费用清单已整理，按要求提供。');
  await request.getByTestId('document-answer-submit').click();
  await eventually('the answer recorded', async () => {
    const list = (await api('xw.staff', 'GET', `/api/inspections/${inspectionId}/document-requests`)).body as { items: string; status: string; answer: string | null }[];
    return list.find((r) => r.items === items && r.status === 'answered' && r.answer?.includes('已整理'));
  }, 15_000);
  await clinic.screenshot({ path: join(artifacts, 'agency-document-request-answered-xw.clinic.png'), fullPage: true });
});
