import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, signInAs } from '../support/browser.js';
import { api, BASE_URL, eventually } from '../support/stack.js';

// Issue 16 §2 in the browser, on the running stack: the province's 现场检查 list searched by an
// institution's code, sorted by a column, exported (检查台账) — the URL keeping the view; the
// 抽查任务 list filtered by status and exported; the Xuanwu agency's 本机构检查 with the same toolbar.
// Every page is checked by axe-core (support/browser.ts).

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Waits until the locator counts `n` elements. */
const countIs = (what: string, locator: Locator, n: number) => eventually(what, async () => (await locator.count()) === n, 15_000);

/** Clicks the toolbar's Excel button and returns the downloaded file's name and bytes. */
async function exportXlsx(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('list-export-xlsx').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path!) };
}

it('the province searches, sorts and exports the inspections; filters and exports its spot-checks', async () => {
  const { page, context } = await signInAs(browser, 'js.official');
  try {
    // An institution with inspections, and how many it has (the API as the reference).
    const first = (await api('js.official', 'GET', '/api/inspections?pageSize=1&sort=institution')).body.items[0] as { institution: { id: string; name: string } };
    expect(first).toBeDefined();
    const { total } = (await api('js.official', 'GET', `/api/inspections?q=${encodeURIComponent(first.institution.id)}&pageSize=1`)).body as { total: number };
    expect(total).toBeGreaterThan(0);

    await page.goto(`${BASE_URL()}/province/spot-checks/inspections`);
    await page.getByTestId('inspection-row').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('list-search').fill(first.institution.id);
    await page.getByTestId('list-search-button').click();
    await page.waitForURL((url) => url.searchParams.get('q') === first.institution.id, { timeout: 15_000 });
    const rows = page.getByTestId('inspection-row');
    await countIs('the institution\'s inspections', rows, Math.min(total, 20));
    for (const text of await rows.allTextContents()) expect(text).toContain(first.institution.name);

    // A sorted column is in the URL (a link reproduces the view).
    await page.locator('th[nzcolumnkey="inspectedOn"]').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'inspectedOn', { timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('q')).toBe(first.institution.id);

    const file = await exportXlsx(page);
    expect(file.name).toMatch(/^检查台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(file.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    // The spot-checks of a year with drawn ones, filtered by status in the URL, exported.
    const drawn = (await api('js.official', 'GET', '/api/spot-checks?status=drawn&pageSize=1')).body as { items: { year: number }[]; total: number };
    expect(drawn.total).toBeGreaterThan(0);
    const year = drawn.items[0]!.year;
    const inYear = (await api('js.official', 'GET', `/api/spot-checks?status=drawn&year=${year}&pageSize=1`)).body.total as number;
    await page.goto(`${BASE_URL()}/province/spot-checks/list?year=${year}&status=drawn`);
    const checks = page.getByTestId('spot-check-row');
    await checks.first().waitFor({ timeout: 30_000 });
    await countIs('the drawn spot-checks', checks, Math.min(inYear, 20));
    for (const status of await page.getByTestId('spot-check-status').allTextContents()) expect(status.trim()).toBe('已抽取');
    const sheet = await exportXlsx(page);
    expect(sheet.name).toMatch(/抽查任务清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(sheet.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  } finally {
    await context.close();
  }
}, 240_000);

it('the agency\'s own inspections have the same toolbar', async () => {
  const { page, context } = await signInAs(browser, 'xw.staff');
  try {
    await page.goto(`${BASE_URL()}/local/inspections/list?status=assigned`);
    await page.getByTestId('list-toolbar').waitFor({ timeout: 30_000 });
    await page.getByTestId('agency-inspection-table').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('list-status').textContent()).toContain('待检查');
    const own = (await api('xw.staff', 'GET', '/api/inspections?origin=agency&agencyId=agency-320102&status=assigned&pageSize=1')).body.total as number;
    await countIs('the agency\'s assigned inspections', page.getByTestId('agency-inspection-row'), Math.min(own, 20));
  } finally {
    await context.close();
  }
}, 180_000);
