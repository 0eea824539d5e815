import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { A11yAudit } from './a11y.js';
import { BASE_URL } from './stack.js';

// The browser tests' Chromium (Debian's, driven by playwright-core) and a person's sign-in through
// Keycloak's login page, as every browser test does it.

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * axe-core on every page of the suite a browser test visits (Keycloak's login page is not the suite's):
 * every page opened by signInAs is watched, and the spec fails at the end on a serious or critical
 * violation. Registered here, by importing this module, so that no browser spec can leave it out.
 */
export const a11y = new A11yAudit((url) => url.startsWith(`${BASE_URL()}/`));
afterAll(async () => {
  await a11y.flush();
  a11y.assertClean();
}, 120_000);

/** A fresh context at zh-CN: open the suite, sign in on Keycloak's page, wait for the home page of the role. */
export async function signInAs(browser: Browser, username: string, viewport = { width: 1366, height: 768 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  context.on('page', (opened) => a11y.watch(opened)); // pages the app opens itself too
  const page = await context.newPage();
  a11y.watch(page);
  await page.goto(`${BASE_URL()}/`);
  await page.waitForSelector('#username', { timeout: 30_000 });
  await page.fill('#username', username);
  await page.fill('#password', 'demo123');
  await page.click('#kc-login');
  await page.getByTestId('home-role').waitFor({ timeout: 30_000 });
  return { context, page };
}

/**
 * Types an ISO day ('YYYY-MM-DD', or 'YYYY-MM' in a month picker) into an app-day-picker (the suite's
 * ng-zorro date field, issue 16 item 7) and confirms it with Enter, as a user typing it would.
 */
export async function pickDay(picker: Locator, day: string): Promise<void> {
  const input = picker.locator('input');
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

/** The ISO day an app-day-picker shows. */
export function shownDay(picker: Locator): Promise<string> {
  return picker.locator('input').inputValue();
}

/**
 * Chooses the option labelled `label` in an nz-select (its dropdown lives in the page's overlay). The
 * dropdown renders only the options in view (virtual scroll): a searchable select is filtered by the
 * label first, as a user would type it, so an option far down the list is reachable too.
 */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  await select.locator('.ant-select-selector').click();
  if (((await select.getAttribute('class')) ?? '').split(/\s+/).includes('ant-select-show-search')) {
    await select.locator('input').first().fill(label);
  }
  await page.locator(`.cdk-overlay-container nz-option-item[title="${label}"]`).click();
}
