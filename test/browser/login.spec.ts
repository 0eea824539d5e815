import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, signInAs } from '../support/browser.js';
import { api, BASE_URL } from '../support/stack.js';

// A person's path: open the suite, get sent to Keycloak's login page, sign in, land on the
// home page of one's role. Debian's Chromium, driven by playwright-core.

let browser: Browser;

const signIn = (username: string) => signInAs(browser, username);
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

it.each([
  ['js.official', '省级医保部门', '江苏省', '江苏省医疗保障局'],
  ['xw.hospital', '定点医药机构经办人', '玄武区', '南京玄武康宁医院'],
])('%s logs in through Keycloak and sees the home page of the role', async (username, roleText, regionText, orgText) => {
  const { context, page } = await signIn(username);
  try {
    const role = page.getByTestId('home-role');
    expect(await role.textContent()).toContain(roleText);
    expect(await page.getByTestId('home-region').textContent()).toContain(regionText);
    expect(await page.getByTestId('home-org').textContent()).toContain(orgText);
    await page.screenshot({ path: join(artifacts, `home-${username}.png`) });
  } finally {
    await context.close();
  }
});

it('a county clerk opens a notice from the city and acknowledges it (签收) on a tablet-sized screen', async () => {
  const sent = await api('nj.agency', 'POST', '/api/notices', {
    recipientOrgId: 'agency-320102',
    title: '关于报送年度监管方案的通知（浏览器测试）',
    body: '请于期限内签收。',
    workingDays: 5,
  });
  expect(sent.status).toBe(201);
  const { context, page } = await signIn('xw.staff');
  try {
    // The home page's to-do centre (issue 16 §1): the notice waits as a card with its deadline, the
    // menu entry carries a badge, and the card opens the notices' queue.
    const card = page.getByTestId('todo-notices_unacknowledged');
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('待签收的通知');
    expect(await card.getByTestId('todo-deadline').textContent()).toContain('最近截止');
    expect(Number(await page.getByTestId('nav-badge-notices').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    await card.click();
    await page.waitForURL(`${BASE_URL()}/notices`);
    await page.getByTestId('notice-row').first().waitFor();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${BASE_URL()}/notices/${sent.body.id}`);
    await page.getByTestId('notice-title').waitFor();
    expect(await page.getByTestId('notice-status').textContent()).toContain('待签收');
    await page.getByTestId('notice-ack').click();
    await page.getByTestId('notice-acknowledged-by').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('notice-status').textContent()).toContain('已签收');
    await page.screenshot({ path: join(artifacts, 'notice-acknowledged-xw.staff.png') });
  } finally {
    await context.close();
  }
  expect((await api('nj.agency', 'GET', `/api/notices/${sent.body.id}`)).body.status).toBe('acknowledged');
});
