import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chooseOption, launchChromium, pickDay, signInAs } from '../support/browser.js';
import { api, BASE_URL } from '../support/stack.js';

// Issue 18's flight inspections (飞行检查) in the browser, on the running stack: the national overseer
// (nhsa.overseer) organizes one of a Jiangsu hospital on the form (the team drawn from other provinces),
// starts it, has its inspection recorded (the inspection's own recording, here through the API), and
// hands the result over on the flight inspection's page; the province (js.official) then finds it
// among its flight inspections and the follow-up lead in its ledger (source 飞行检查移交).

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const stamp = Date.now().toString(36);
const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

it('nhsa.overseer organizes, starts and hands over a flight inspection; js.official sees the follow-up lead', async () => {
  const title = `江苏省飞行检查（浏览器测试 ${stamp}）`;
  const { page: overseer } = await signInAs(browser, 'nhsa.overseer');
  await overseer.goto(`${BASE_URL()}/leader/flight-inspections/list`);
  await overseer.getByTestId('flight-new').click();
  await overseer.getByTestId('flight-form').waitFor({ timeout: 30_000 });
  await overseer.getByTestId('flight-title').fill(title);
  await chooseOption(overseer, overseer.getByTestId('flight-province'), '江苏省');
  await chooseOption(overseer, overseer.getByTestId('flight-institutions'), '南京玄武康宁医院（inst-320102-0001）');
  await overseer.keyboard.press('Escape');
  await pickDay(overseer.getByTestId('flight-start-date'), chinaDay(0));
  await pickDay(overseer.getByTestId('flight-end-date'), chinaDay(2));
  await overseer.getByTestId('flight-secrets').fill(`见证人甲-${stamp}-secret\n见证人乙-${stamp}-secret`);
  await overseer.getByTestId('flight-submit').click();

  // The detail: drawn, the team from other provinces only.
  await overseer.locator('[data-testid="flight-status"][data-status="drawn"]').waitFor({ timeout: 30_000 });
  const flightId = overseer.url().split('/').pop()!;
  const provinces = await overseer.locator('[data-testid="flight-team-member"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-province')));
  expect(provinces.length).toBeGreaterThanOrEqual(2);
  expect(provinces.includes('32')).toBe(false);
  // Unannounced: Jiangsu sees nothing yet.
  expect((await api('js.official', 'GET', `/api/flight-inspections/${flightId}`)).status).toBe(404);
  await overseer.screenshot({ path: join(artifacts, 'flight-drawn-nhsa.overseer.png') });

  // Started: the inspection record exists.
  await overseer.getByTestId('flight-start').click();
  await overseer.locator('[data-testid="flight-status"][data-status="started"]').waitFor({ timeout: 30_000 });
  const inspectionId = await overseer.locator('[data-testid="flight-inspection-row"]').first().getAttribute('data-id');
  expect(inspectionId).toBeTruthy();
  // Recorded like any inspection (PUT /api/inspections/:id, as the inspection page sends it).
  const inspection = await api('nhsa.overseer', 'GET', `/api/inspections/${inspectionId}`);
  const recorded = await api('nhsa.overseer', 'PUT', `/api/inspections/${inspectionId}`, {
    inspectedOn: chinaDay(0), attachmentIds: [],
    checklist: (inspection.body.checklistItems as string[]).map((item) => ({ item, result: 'deficient' })),
    findings: [{ type: '串换药品', description: `飞行检查发现串换药品结算（${stamp}）`, amount: 8800 }],
  });
  expect([recorded.status, recorded.body.status]).toEqual([200, 'recorded']);

  // Handed over on the page: the result becomes a lead of Jiangsu's ledger.
  await overseer.reload();
  await overseer.locator('[data-testid="flight-inspection-row"][data-status="recorded"]').waitFor({ timeout: 30_000 });
  await overseer.getByTestId('flight-hand-over').click();
  await overseer.locator('[data-testid="flight-status"][data-status="handed_over"]').waitFor({ timeout: 30_000 });
  const result = overseer.locator('[data-testid="flight-result"]').first();
  expect(await result.getAttribute('data-follow-up')).toBe('assigned');
  const leadId = (await result.getAttribute('data-lead'))!;
  await overseer.screenshot({ path: join(artifacts, 'flight-handed-over-nhsa.overseer.png') });

  // The province: its flight inspections list, then the lead to follow up.
  const { page: province } = await signInAs(browser, 'js.official');
  await province.goto(`${BASE_URL()}/province/flight-inspections/list?q=${encodeURIComponent(stamp)}`);
  await province.locator(`[data-testid="flight-row"][data-id="${flightId}"]`).waitFor({ timeout: 30_000 });
  await province.goto(`${BASE_URL()}/leads/${leadId}`);
  await province.getByTestId('lead-facts').waitFor({ timeout: 30_000 });
  expect(await province.getByTestId('lead-holder').textContent()).toContain('江苏省医疗保障局');
  expect(await province.getByTestId('lead-facts').textContent()).toContain('飞行检查移交');
  await province.screenshot({ path: join(artifacts, 'flight-lead-js.official.png') });
  // Another province sees nothing of either.
  expect((await api('zj.official', 'GET', `/api/flight-inspections/${flightId}`)).status).toBe(404);
  expect((await api('zj.official', 'GET', `/api/leads/${leadId}`)).status).toBe(404);
}, 300_000);
