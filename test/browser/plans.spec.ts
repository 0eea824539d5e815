import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { api, BASE_URL } from '../support/stack.js';

// Issue 3 in the browser: a county clerk (Gusu) submits the plan drafted for the year, the city
// (Suzhou) files it from its review queue, and the city's filing board shows it filed.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(() => browser?.close());

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${BASE_URL()}/`);
  await page.waitForSelector('#username', { timeout: 30_000 });
  await page.fill('#username', username);
  await page.fill('#password', 'demo123');
  await page.click('#kc-login');
  await page.getByTestId('home-role').waitFor({ timeout: 30_000 });
  return page;
}

it('the county submits its plan, the city files it, and the filing board shows it filed', async () => {
  expect((await api('js.official', 'POST', '/api/plan-cycles', { year })).status).toBe(201);
  const [plan] = (await api('gs.staff', 'GET', `/api/plans?year=${year}`)).body.items;
  const detail = (await api('gs.staff', 'GET', `/api/plans/${plan.id}`)).body;
  const drafted = await api('gs.staff', 'PUT', `/api/plans/${plan.id}/draft`, {
    version: detail.version,
    content: {
      targets: [{ code: 'onsite_checks', label: '现场检查家次', unit: 'count', value: 24 }],
      focusAreas: ['card_misuse', 'non_medical_goods'],
      methods: '双随机抽查与智能监控疑点核查相结合。',
      steps: '按季度推进，年底总结。',
      responsiblePersons: [{ name: '王芳', title: '基金监管科科长' }],
    },
    schedule: [{ id: 'T1', title: '定点药店现场检查', owner: '基金监管科', targetCode: 'onsite_checks', monthly: Array(12).fill(2) }],
  });
  expect(drafted.status).toBe(200);

  const county = await signIn('gs.staff');
  await county.goto(`${BASE_URL()}/local/annual-plans/mine?year=${year}`);
  await county.getByTestId('plan-submit').click();
  await county.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await county.locator('[data-testid="plan-status"][data-status="submitted"]').waitFor({ timeout: 15_000 });
  await county.screenshot({ path: join(artifacts, 'plan-submitted-gs.staff.png'), fullPage: true });
  await county.context().close();

  const city = await signIn('sz.agency');
  await city.goto(`${BASE_URL()}/local/annual-plans/review?year=${year}`);
  await city.locator(`[data-testid="review-row"][data-id="${plan.id}"] [data-testid="review-link"]`).click();
  await city.getByTestId('plan-file').click();
  await city.getByTestId('plan-file-comment').fill('同意备案。');
  await city.locator('.ant-modal-footer .ant-btn-primary').click();
  await city.locator('[data-testid="plan-status"][data-status="filed"]').waitFor({ timeout: 15_000 });

  await city.goto(`${BASE_URL()}/local/annual-plans/board?year=${year}`);
  const row = city.locator('[data-testid="board-row"][data-region="320508"]');
  await row.waitFor({ timeout: 15_000 });
  await row.locator('[data-testid="plan-status"][data-status="filed"]').waitFor({ timeout: 15_000 });
  await city.getByTestId('board-chart').waitFor();
  await city.screenshot({ path: join(artifacts, 'plan-board-sz.agency.png'), fullPage: true });
  await city.context().close();

  expect((await api('sz.agency', 'GET', `/api/plans/${plan.id}`)).body.status).toBe('filed');
});
