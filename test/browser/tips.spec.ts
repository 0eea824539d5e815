import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { a11y, launchChromium, signInAs } from '../support/browser.js';
import { api, BASE_URL, eventually } from '../support/stack.js';

// Issue 17 in the browser, on the running stack: an anonymous citizen files a tip against 南京玄武康宁医院
// from the public page (no sign-in; the page solves the proof of work) and gets a 16-digit receipt;
// xw.bureau (the Xuanwu bureau, where the tip is routed) accepts it in 举报受理 and it becomes a lead
// of the bureau's ledger (source 'tip'); the citizen sees the acceptance on the receipt page.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const stamp = Date.now().toString(36);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

it('an anonymous citizen files a tip and gets a receipt; the county bureau accepts it as a lead; the receipt page shows it', async () => {
  const facts = `该院存在挂床住院、虚构诊疗项目套取医保基金的情况，2026年11月多名患者只挂名不住院（${stamp}）。`;

  // The citizen: no sign-in, the public page.
  const citizen = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })).newPage();
  a11y.watch(citizen);
  await citizen.goto(`${BASE_URL()}/public/tips`);
  await citizen.getByTestId('tip-form').waitFor({ timeout: 30_000 });
  await citizen.locator('nz-select[data-testid="tip-institution"]').click();
  await citizen.locator('nz-select[data-testid="tip-institution"] input').fill('玄武康宁');
  await citizen.locator('.ant-select-item-option', { hasText: '南京玄武康宁医院' }).first().click({ timeout: 15_000 });
  await citizen.getByTestId('tip-facts').fill(facts);
  await citizen.getByTestId('tip-submit').click();
  const code = (await citizen.getByTestId('tip-receipt-code').textContent({ timeout: 180_000 }))!.trim();
  expect(code).toMatch(/^\d{16}$/);
  await citizen.screenshot({ path: join(artifacts, 'tip-receipt.png') });

  // The Xuanwu bureau finds it in its intake list and accepts it.
  const tip = await eventually('tip routed to the Xuanwu bureau', async () => {
    const list = await api('xw.bureau', 'GET', `/api/tips?status=received&sort=-createdAt`);
    return (list.body.items as { id: string; facts: string; institution: { name: string } | null }[]).find((t) => t.facts === facts);
  }, 15_000);
  expect(tip.institution?.name).toBe('南京玄武康宁医院');
  const { page: bureau } = await signInAs(browser, 'xw.bureau');
  await bureau.goto(`${BASE_URL()}/local/tips/list`);
  await bureau.locator(`[data-testid="tip-row"][data-id="${tip.id}"]`).waitFor({ timeout: 20_000 });
  await bureau.locator(`[data-testid="tip-row"][data-id="${tip.id}"] [data-testid="tip-open"]`).click();
  await bureau.getByTestId('tip-accept').click();
  await bureau.getByTestId('tip-lead').waitFor({ timeout: 15_000 });
  await bureau.screenshot({ path: join(artifacts, 'tip-accepted-xw.bureau.png') });
  const accepted = await api('xw.bureau', 'GET', `/api/tips/${tip.id}`);
  expect([accepted.body.status, typeof accepted.body.leadId]).toEqual(['accepted', 'string']);
  const lead = await api('xw.bureau', 'GET', `/api/leads/${accepted.body.leadId}`);
  expect(lead.status).toBe(200);
  expect(lead.body).toMatchObject({ source: 'tip' });
  // the investigating agency reads the tip's facts, never the reporter
  expect((await api('xw.staff', 'POST', `/api/tips/${tip.id}/reporter`, { reason: '调查需要' })).status).toBe(403);

  // The citizen follows it with the receipt code.
  await citizen.getByRole('link', { name: '查询办理进度' }).click();
  await citizen.getByTestId('receipt-code').fill(code);
  await citizen.getByTestId('receipt-open').click();
  await expect(citizen.getByTestId('receipt-status').textContent({ timeout: 15_000 })).resolves.toBe('已受理');
  await citizen.screenshot({ path: join(artifacts, 'tip-receipt-accepted.png') });
}, 300_000);
