import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, signInAs } from '../support/browser.js';
import { findingAtXuanwuHospital } from '../support/findings.js';
import { api, BASE_URL, eventually } from '../support/stack.js';

// Issue 16, 实际追回 in the browser, on the running stack: a province spot-check finds a problem at
// the Xuanwu hospital (the draw, inspection and sending through the API), the hospital confirms it
// and the Xuanwu agency decides a refused payment (API); the agency then records a repayment on the
// decision's page, which shows what was recovered and what remains; the county's dashboard counts it
// as 实际追回 beside 认定追回.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const year = Number(chinaDay(0).slice(0, 4));
const stamp = Date.now().toString(36);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

interface Dashboard { totals: Record<string, number> }
const actualRecovered = async () => {
  const res = await api('xw.leader', 'GET', `/api/dashboards?period=${year}`);
  expect(res.status).toBe(200);
  return (res.body as Dashboard).totals.actual_recovered_amount ?? 0;
};

it('the agency records a repayment on a decision: the decision shows it, the dashboard counts it as 实际追回', async () => {
  // A finding at the Xuanwu hospital, confirmed, and the agency's refused payment (in effect at once).
  const { finding } = await findingAtXuanwuHospital(`南京市定点医院追回检查（${stamp}）`, `r-${stamp}`,
    { type: '重复收费', description: '同一检查项目重复收费 16 例', amount: 8600 });
  expect((await api('xw.hospital', 'POST', `/api/findings/${finding.id}/confirm`)).status).toBeLessThan(300);
  const decision = await api('xw.staff', 'POST', '/api/decisions', {
    findingIds: [finding.id], measures: [{ kind: 'refuse_payment', amount: 8600 }], basis: '依据服务协议第二十条，拒付违规费用。',
  });
  expect(decision.status).toBe(201);
  expect(decision.body.status).toBe('effective');
  const decisionId: string = decision.body.id;
  // What the dashboard counts before (the projector may still be catching up with earlier events).
  const before = await actualRecovered();

  // The agency records the repayment on the decision's page.
  const { page, context } = await signInAs(browser, 'xw.staff');
  page.setDefaultTimeout(15_000);
  await page.goto(`${BASE_URL()}/local/findings/decision/${decisionId}`);
  await page.getByTestId('decision-recoveries').waitFor({ timeout: 30_000 });
  await page.getByTestId('recovery-none').waitFor();
  expect((await page.getByTestId('recovery-confirmed').innerText()).trim()).toBe('8,600.00 元');
  const amount = page.getByTestId('recovery-amount').locator('input');
  await amount.fill('3200.5');
  await amount.press('Tab');
  await page.getByTestId('recovery-method-repayment').click();
  await page.getByTestId('recovery-submit').click();
  await page.getByTestId('recovery-row').first().waitFor();
  await page.getByTestId('recovery-recovered').filter({ hasText: '3,200.50 元' }).waitFor();
  expect((await page.getByTestId('recovery-remaining').innerText()).trim()).toBe('5,399.50 元');
  expect(await page.getByTestId('recovery-row').count()).toBe(1);
  expect(await page.getByTestId('recovery-row').first().innerText()).toContain('退回');
  await page.screenshot({ path: join(artifacts, 'decision-recovery-xw.staff.png'), fullPage: true });
  await context.close();

  const recorded = (await api('xw.staff', 'GET', `/api/decisions/${decisionId}/recoveries`)).body;
  expect(recorded).toMatchObject({ confirmedAmount: 8600, recoveredAmount: 3200.5, remainingAmount: 5399.5 });
  expect(recorded.items).toHaveLength(1);
  expect(recorded.items[0]).toMatchObject({ amount: 3200.5, method: 'repayment', recoveredOn: chinaDay(0) });

  // The county's dashboard: 实际追回 grows by the repayment (once projected), and the page shows it.
  const after = await eventually('the recovery projected', async () => {
    const v = await actualRecovered();
    return Math.round((v - before) * 100) === 320050 ? v : null;
  }, 60_000);
  const leader = await signInAs(browser, 'xw.leader');
  leader.page.setDefaultTimeout(30_000);
  await leader.page.goto(`${BASE_URL()}/leader/dashboards?period=${year}`);
  const kpi = leader.page.getByTestId('kpi-actual_recovered_amount').first();
  await kpi.waitFor();
  const exact = Number(((await kpi.getAttribute('title')) ?? (await kpi.innerText())).replace(/[^\d.-]/g, ''));
  expect(exact).toBe(after);
  await leader.page.getByTestId('kpi-finding_amount').first().waitFor();
  await leader.page.screenshot({ path: join(artifacts, 'dashboard-actual-recovered-xw.leader.png'), fullPage: true });
  await leader.context.close();
}, 240_000);
