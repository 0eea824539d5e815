import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { a11y, launchChromium, signInAs } from '../support/browser.js';
import { api, BASE_URL } from '../support/stack.js';

// Issue 17, smart-monitoring alerts imported from a file, in the browser on the running stack: Xuanwu's
// agency (xw.staff) opens the import dialog on its lead ledger, uploads a CSV with a wrong row — the
// dialog lists the row's problem and nothing is registered —, then the corrected file: "已登记 1 条线索",
// and the lead is in the ledger with the source 智能监控预警. The same file again registers nothing.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const stamp = Date.now().toString(36);
const HEADER = '规则编码,规则名称,预警编号,机构编码,机构名称,就诊/结算日期,涉及金额,明细说明';

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const csv = (amount: string) => ({
  name: `智能监控预警-${stamp}.csv`, mimeType: 'text/csv',
  buffer: Buffer.from(`\uFEFF${HEADER}\r\nZNJK-BT,同一患者同日多次住院（浏览器测试 ${stamp}）,${stamp}-1,inst-320102-0001,南京玄武康宁医院,2026-11-20,${amount},患者同日两次办理入院\r\n`, 'utf8'),
});

it('xw.staff imports a file of smart-monitoring alerts from the ledger page: a bad row refused with its problem, then registered once', async () => {
  const { page } = await signInAs(browser, 'xw.staff');
  await page.goto(`${BASE_URL()}/local/leads/list`);
  await page.getByTestId('lead-table').waitFor({ timeout: 30_000 });
  await page.getByTestId('alert-import-open').click();
  const input = page.locator('[data-testid="alert-import-upload"] input[type="file"]');
  await input.waitFor({ state: 'attached', timeout: 15_000 });

  // A negative amount: refused, the row and column named, nothing registered.
  await input.setInputFiles(csv('-5'));
  const error = page.getByTestId('alert-import-error');
  await error.first().waitFor({ timeout: 30_000 });
  expect(await error.count()).toBe(1);
  expect(await error.first().textContent()).toContain('涉及金额');
  expect(await error.first().textContent()).toContain('第 2 行');
  await a11y.check(page);
  await page.screenshot({ path: join(artifacts, 'lead-alert-import-refused.png') });
  const none = await api('xw.staff', 'GET', `/api/leads?source=smart_monitoring&pageSize=200`);
  expect(none.body.items.filter((l: { subject: string }) => l.subject.includes(stamp))).toEqual([]);

  // Corrected: one lead registered, in the ledger with its source.
  await input.setInputFiles(csv('1280.50'));
  await page.locator('[data-testid="alert-import-result"]', { hasText: '已登记 1 条线索' }).waitFor({ timeout: 30_000 });
  await a11y.check(page);
  await page.screenshot({ path: join(artifacts, 'lead-alert-import-done.png') });
  const mine = await api('xw.staff', 'GET', `/api/leads?source=smart_monitoring&pageSize=200`);
  const lead = mine.body.items.find((l: { subject: string }) => l.subject.includes(stamp));
  expect(lead).toMatchObject({ source: 'smart_monitoring', status: 'registered', holder: { id: 'agency-320102' }, institution: { id: 'inst-320102-0001' } });

  // The same file again: nothing registered, the row named as already in the ledger.
  await input.setInputFiles(csv('1280.50'));
  await page.locator('[data-testid="alert-import-result"]', { hasText: '已登记 0 条线索' }).waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('alert-import-result').textContent()).toContain('第 2 行');
  await page.keyboard.press('Escape');
  await page.locator(`[data-testid="lead-row"][data-id="${lead.id}"]`).waitFor({ timeout: 30_000 });
}, 300_000);
