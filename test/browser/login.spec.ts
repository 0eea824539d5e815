import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { BASE_URL } from '../support/stack.js';

// A person's path: open the suite, get sent to Keycloak's login page, sign in, land on the
// home page of one's role. Debian's Chromium, driven by playwright-core.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(() => browser?.close());

it.each([
  ['js.official', '省级医保部门', '江苏省', '江苏省医疗保障局'],
  ['xw.hospital', '定点医药机构经办人', '玄武区', '南京玄武康宁医院'],
])('%s logs in through Keycloak and sees the home page of the role', async (username, roleText, regionText, orgText) => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  try {
    await page.goto(`${BASE_URL()}/`);
    await page.waitForSelector('#username', { timeout: 30_000 });
    await page.fill('#username', username);
    await page.fill('#password', 'demo123');
    await page.click('#kc-login');
    const role = page.getByTestId('home-role');
    await role.waitFor({ timeout: 30_000 });
    expect(await role.textContent()).toContain(roleText);
    expect(await page.getByTestId('home-region').textContent()).toContain(regionText);
    expect(await page.getByTestId('home-org').textContent()).toContain(orgText);
    await page.screenshot({ path: join(artifacts, `home-${username}.png`) });
  } finally {
    await context.close();
  }
});
