import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signInAs } from '../support/browser.js';
import { findingAtXuanwuHospital } from '../support/findings.js';
import { api, BASE_URL, eventually } from '../support/stack.js';

// Issue 5 in the browser, on the running stack: a province spot-check of Nanjing's hospitals finds
// a problem at the Xuanwu hospital (drawn at 100% so the hospital is certainly in the sample; the
// draw, inspection and sending go through the API); the hospital's clerk appeals the finding in the
// UI; the Xuanwu agency rejects the appeal and decides a refused payment (API); the clerk files a
// dispute in the UI, which goes to the Xuanwu bureau; after its decision the clerk escalates to the
// Nanjing bureau (UI), which decides; the clerk escalates again, and the provincial official decides
// in the UI: final, nothing after it.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const stamp = Date.now().toString(36);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const signIn = async (username: string): Promise<Page> => (await signInAs(browser, username)).page;

async function confirm(page: Page): Promise<void> {
  const ok = page.locator('.ant-modal-confirm-btns .ant-btn-primary');
  await ok.waitFor({ timeout: 10_000 });
  await ok.click();
}

it('a clerk appeals a finding and escalates a dispute; the provincial bureau decides it finally', async () => {
  // A spot-check of every hospital in Nanjing, so the Xuanwu hospital is drawn.
  const { finding } = await findingAtXuanwuHospital(`南京市定点医院全覆盖检查（${stamp}）`, `s-${stamp}`,
    { type: '串换药品', description: '将非医保药品串换为医保药品结算 12 例', amount: 8600 });
  expect(finding.status).toBe('awaiting_confirmation');

  // The clerk appeals in the portal.
  const clerk = await signIn('xw.hospital');
  await clerk.goto(`${BASE_URL()}/institution/findings`);
  await clerk.getByTestId('finding-row').first().waitFor({ timeout: 15_000 });
  await clerk.goto(`${BASE_URL()}/institution/findings/finding/${finding.id}`);
  await clerk.getByTestId('finding-appeal').click();
  await clerk.getByTestId('finding-appeal-reasons').fill('所涉药品均有医嘱及处方，属于医保目录内品种，检查认定有误。');
  await clerk.getByTestId('finding-appeal-submit').click();
  await confirm(clerk);
  await eventually('appeal recorded', async () => (await api('xw.hospital', 'GET', `/api/findings/${finding.id}`)).body.status === 'appealed', 15_000);
  await clerk.screenshot({ path: join(artifacts, 'finding-appealed-xw.hospital.png') });

  // The agency rejects the appeal and decides a refused payment (minor: effective at once).
  expect((await api('xw.staff', 'POST', `/api/findings/${finding.id}/appeal-review`, { outcome: 'rejected', comment: '处方与实际发药记录不符，维持认定。' })).status).toBeLessThan(300);
  const decision = await api('xw.staff', 'POST', '/api/decisions', {
    findingIds: [finding.id], measures: [{ kind: 'refuse_payment', amount: 8600 }], basis: '依据服务协议第二十条，拒付违规费用。',
  });
  expect(decision.status).toBe(201);
  expect(decision.body.status).toBe('effective');

  // The clerk disputes the decision in the portal: it goes to the Xuanwu bureau.
  await clerk.goto(`${BASE_URL()}/institution/rectification/decision/${decision.body.id}`);
  await clerk.getByTestId('dispute-file').click();
  await clerk.getByTestId('dispute-reasons').fill('拒付金额计算有误，请求同级医保行政部门协调处理。');
  await clerk.getByTestId('dispute-submit').click();
  await confirm(clerk);
  await clerk.waitForURL(/\/institution\/disputes\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  const disputeId = clerk.url().split('/').pop()!;
  const filed = (await api('xw.hospital', 'GET', `/api/disputes/${disputeId}`)).body;
  expect(filed.path.map((l: { bureauId: string }) => l.bureauId)).toEqual(['bureau-320102', 'bureau-3201', 'bureau-32']);

  // County decides; the clerk escalates to the city in the UI; the city decides; the clerk escalates again.
  expect((await api('xw.bureau', 'POST', `/api/disputes/${disputeId}/decide`, { outcome: 'upheld', reasoning: '经协调，拒付依据充分。' })).status).toBeLessThan(300);
  for (const [by, reasoning] of [['nj.bureau', '复核后维持区级协调意见。']] as const) {
    await clerk.goto(`${BASE_URL()}/institution/disputes/${disputeId}`);
    await clerk.getByTestId('dispute-escalate').click();
    await clerk.getByTestId('dispute-escalate-reasons').fill('对区级协调结果不服，申请上一级医保行政部门协调处理。');
    await clerk.getByTestId('dispute-escalate-submit').click();
    await confirm(clerk);
    await eventually('escalated', async () => (await api('xw.hospital', 'GET', `/api/disputes/${disputeId}`)).body.status === 'open', 15_000);
    expect((await api(by, 'POST', `/api/disputes/${disputeId}/decide`, { outcome: 'upheld', reasoning })).status).toBeLessThan(300);
  }
  await clerk.goto(`${BASE_URL()}/institution/disputes/${disputeId}`);
  await clerk.getByTestId('dispute-escalate').click();
  await clerk.getByTestId('dispute-escalate-reasons').fill('对市级协调结果仍不服，申请省级医保行政部门协调处理。');
  await clerk.getByTestId('dispute-escalate-submit').click();
  await confirm(clerk);
  await eventually('at the province', async () => (await api('xw.hospital', 'GET', `/api/disputes/${disputeId}`)).body.currentLevel === 'province', 15_000);
  await clerk.screenshot({ path: join(artifacts, 'dispute-escalated-xw.hospital.png'), fullPage: true });
  await clerk.context().close();

  // The provincial official sees the whole history and decides: final.
  const province = await signIn('js.official');
  await province.goto(`${BASE_URL()}/province/disputes/${disputeId}`);
  await province.getByTestId('dispute-decide-outcome-upheld').click();
  await province.getByTestId('dispute-decide-reasoning').fill('经省级协调，维持原处理决定，本决定为最终协调结果。');
  await province.getByTestId('dispute-decide-submit').click();
  await confirm(province);
  await province.getByTestId('dispute-final').waitFor({ timeout: 15_000 });
  await province.screenshot({ path: join(artifacts, 'dispute-final-js.official.png'), fullPage: true });
  await province.context().close();

  const final = (await api('js.official', 'GET', `/api/disputes/${disputeId}`)).body;
  expect(final.status).toBe('final');
  expect((await api('xw.hospital', 'POST', `/api/disputes/${disputeId}/escalate`, { reasons: '再次申请' })).status).toBe(409);
  // Nobody beside the path sees it.
  expect((await api('gs.pharmacy', 'GET', `/api/disputes/${disputeId}`)).status).toBe(404);
  expect((await api('gs.staff', 'GET', `/api/disputes/${disputeId}`)).status).toBe(404);
});
