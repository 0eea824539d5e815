import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, launchChromium, signInAs } from '../support/browser.js';
import { api, BASE_URL } from '../support/stack.js';

// Issue 17 in the browser, on the running stack: the national overseer (nhsa.overseer) assigns a lead
// of the national ledger to Jiangsu on the lead's page; the province (js.official) re-assigns it down to
// Nanjing's bureau; the ledgers show it — the national one among its national assignments (still in
// view after it left), the province's among those it assigned, Nanjing's as its own — each page with
// the holder and who assigned it. The lead is registered and assessed through the API (the page's own
// steps are the assignments).

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const stamp = Date.now().toString(36);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Assigns the open lead page's lead to `unit` (the assignee list's label) and waits for the new holder. */
async function assignOnPage(page: Page, leadId: string, unit: string): Promise<void> {
  await page.goto(`${BASE_URL()}/leads/${leadId}`);
  await page.getByTestId('lead-assign').waitFor({ timeout: 30_000 });
  await chooseOption(page, page.getByTestId('lead-assign-to'), unit);
  await page.getByTestId('lead-assign-submit').click();
  await page.locator('[data-testid="lead-holder"]', { hasText: unit }).waitFor({ timeout: 15_000 });
}

/** The ledger row of the lead on a ledger page (`path` with its filters), with the holder it shows. */
async function ledgerRow(page: Page, path: string, leadId: string) {
  await page.goto(`${BASE_URL()}${path}`);
  const row = page.locator(`[data-testid="lead-row"][data-id="${leadId}"]`);
  await row.waitFor({ timeout: 30_000 });
  return row;
}

it('the national overseer assigns a lead to Jiangsu, the province re-assigns it to Nanjing, the ledgers show it', async () => {
  const subject = `国家局交办：南京地区医疗机构虚构诊疗项目（浏览器测试 ${stamp}）`;
  const registered = await api('nhsa.overseer', 'POST', '/api/leads', {
    source: 'national_assignment', sourceRef: `医保交办〔2026〕${stamp}号`, regionCode: '32', subject,
    facts: '大数据筛查发现南京地区部分医疗机构存在虚构诊疗项目、串换收费问题，请核查。',
  });
  expect(registered.status).toBe(201);
  const leadId = registered.body.id as string;
  const assessed = await api('nhsa.overseer', 'POST', `/api/leads/${leadId}/assess`, { valuable: true, reasons: '线索具体，涉及金额较大' });
  expect([assessed.status, assessed.body.status]).toEqual([200, 'assessed']);

  // The national overseer assigns it to Jiangsu on the lead's page.
  const { page: overseer } = await signInAs(browser, 'nhsa.overseer');
  await assignOnPage(overseer, leadId, '江苏省医疗保障局');
  await overseer.screenshot({ path: join(artifacts, 'lead-assigned-nhsa.overseer.png') });
  const toProvince = await api('js.official', 'GET', `/api/leads/${leadId}`);
  expect(toProvince.body).toMatchObject({ status: 'assigned', holder: { id: 'bureau-32' }, assignedBy: { id: 'bureau-000000' } });

  // The province re-assigns it down to Nanjing's bureau.
  const { page: province } = await signInAs(browser, 'js.official');
  await assignOnPage(province, leadId, '南京市医疗保障局');
  await province.screenshot({ path: join(artifacts, 'lead-assigned-js.official.png') });
  const toCity = await api('nj.bureau', 'GET', `/api/leads/${leadId}`);
  expect(toCity.status).toBe(200);
  expect(toCity.body).toMatchObject({ status: 'assigned', holder: { id: 'bureau-3201' }, assignedBy: { id: 'bureau-32' } });
  expect(toCity.body.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  // The ledgers: the province's leads it assigned (held by Nanjing now, assigned by the province) …
  const provinceRow = await ledgerRow(province, '/province/leads/list?view=assigned', leadId);
  expect(await provinceRow.getAttribute('data-status')).toBe('assigned');
  expect(await provinceRow.textContent()).toContain('南京市医疗保障局');
  expect(await provinceRow.textContent()).toContain(subject);
  await province.screenshot({ path: join(artifacts, 'lead-ledger-js.official.png') });
  // … the national overseer's national assignments, followed to the end (it sees who holds it now) …
  const nationalRow = await ledgerRow(overseer, '/province/leads/list?source=national_assignment', leadId);
  expect(await nationalRow.textContent()).toContain('南京市医疗保障局');
  await overseer.screenshot({ path: join(artifacts, 'lead-ledger-nhsa.overseer.png') });
  // … and Nanjing's own ledger, where it is to be handled.
  const { page: city } = await signInAs(browser, 'nj.bureau');
  const cityRow = await ledgerRow(city, '/local/leads/list?view=held', leadId);
  expect(await cityRow.textContent()).toContain('江苏省医疗保障局');
  await city.screenshot({ path: join(artifacts, 'lead-ledger-nj.bureau.png') });
  // A sibling province sees nothing of it.
  expect((await api('zj.official', 'GET', `/api/leads/${leadId}`)).status).toBe(404);
}, 300_000);
