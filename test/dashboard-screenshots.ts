// The leader dashboard at tablet sizes for issue 16's closing note: full-page screenshots at 1024×768
// and 768×1024 in docs/screenshots/, and each page's height printed. Against a running suite:
//   node test/dashboard-screenshots.ts [baseUrl] [username]
// (defaults http://localhost:3000 and js.leader, password demo123; CHROMIUM_PATH or /usr/bin/chromium).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = process.argv[2] ?? process.env.SUITE_BASE_URL ?? 'http://localhost:3000';
const USER = process.argv[3] ?? 'js.leader';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
const SIZES = [
  [1024, 768],
  [768, 1024],
] as const;

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  for (const [width, height] of SIZES) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/`);
    await page.waitForSelector('#username', { timeout: 30_000 });
    await page.fill('#username', USER);
    await page.fill('#password', 'demo123');
    await page.click('#kc-login');
    await page.getByTestId('home-role').waitFor({ timeout: 30_000 });
    await page.goto(`${BASE_URL}/leader/dashboards`);
    await page.getByTestId('kpi-finding_amount').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('dashboard-children').locator('tbody tr[data-code]').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000); // charts finish their first draw
    const pageHeight = await page.evaluate<number>('document.documentElement.scrollHeight');
    const path = join(OUT, `dashboard-${width}x${height}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`${width}×${height}: page ${pageHeight} px high → ${path}`);
    await context.close();
  }
} finally {
  await browser.close();
}
