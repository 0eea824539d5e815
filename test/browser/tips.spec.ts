import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { a11y, launchChromium, signInAs } from '../support/browser.js';
import { api, BASE_URL, eventually } from '../support/stack.js';

// Issue 17 in the browser, on the running stack: an anonymous citizen files a tip against 南京玄武康宁医院
// from the public page (no sign-in; the page solves the proof of work) and gets a 16-digit receipt;
// xw.bureau (the Xuanwu bureau, where the tip is routed) accepts it in 举报受理 and it becomes a lead
// of the bureau's ledger (source 'tip'); the citizen sees the acceptance on the receipt page. The lead
// is assigned to xw.staff, investigated with an inspection and closed with the violation confirmed
// (API); the bureau proposes the reward, its leader approves it (UI); the citizen sees the result and
// the reward on the receipt page and claims it with the receipt code.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const stamp = Date.now().toString(36);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

it('an anonymous citizen files a tip and gets a receipt; the county bureau accepts it as a lead; the receipt page shows it', async () => {
  const facts = `该院存在挂床住院、虚构诊疗项目套取医保基金的情况，2026年11月多名患者只挂名不住院（${stamp}）。`;

  // The citizen: no sign-in, the public page.
  const citizen = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })).newPage();
  a11y.watch(citizen);
  await citizen.goto(`${BASE_URL()}/public/tips`);
  await citizen.getByTestId('tip-form').waitFor({ timeout: 30_000 });
  await citizen.locator('nz-select[data-testid="tip-institution"]').click();
  await citizen.locator('nz-select[data-testid="tip-institution"] input').fill('玄武康宁');
  await citizen.locator('.ant-select-item-option', { hasText: '南京玄武康宁医院' }).first().click({ timeout: 15_000 });
  await citizen.getByTestId('tip-facts').fill(facts);
  await citizen.getByTestId('tip-submit').click();
  const code = (await citizen.getByTestId('tip-receipt-code').textContent({ timeout: 180_000 }))!.trim();
  expect(code).toMatch(/^\d{16}$/);
  await citizen.screenshot({ path: join(artifacts, 'tip-receipt.png') });

  // The Xuanwu bureau finds it in its intake list and accepts it.
  const tip = await eventually('tip routed to the Xuanwu bureau', async () => {
    const list = await api('xw.bureau', 'GET', `/api/tips?status=received&sort=-createdAt`);
    return (list.body.items as { id: string; facts: string; institution: { name: string } | null }[]).find((t) => t.facts === facts);
  }, 15_000);
  expect(tip.institution?.name).toBe('南京玄武康宁医院');
  const { page: bureau } = await signInAs(browser, 'xw.bureau');
  await bureau.goto(`${BASE_URL()}/local/tips/list`);
  await bureau.locator(`[data-testid="tip-row"][data-id="${tip.id}"]`).waitFor({ timeout: 20_000 });
  await bureau.locator(`[data-testid="tip-row"][data-id="${tip.id}"] [data-testid="tip-open"]`).click();
  await bureau.getByTestId('tip-accept').click();
  await bureau.getByTestId('tip-lead').waitFor({ timeout: 15_000 });
  await bureau.screenshot({ path: join(artifacts, 'tip-accepted-xw.bureau.png') });
  const accepted = await api('xw.bureau', 'GET', `/api/tips/${tip.id}`);
  expect([accepted.body.status, typeof accepted.body.leadId]).toEqual(['accepted', 'string']);
  const lead = await api('xw.bureau', 'GET', `/api/leads/${accepted.body.leadId}`);
  expect(lead.status).toBe(200);
  expect(lead.body).toMatchObject({ source: 'tip' });
  // the investigating agency reads the tip's facts, never the reporter
  expect((await api('xw.staff', 'POST', `/api/tips/${tip.id}/reporter`, { reason: '调查需要' })).status).toBe(403);

  // The citizen follows it with the receipt code.
  await citizen.getByRole('link', { name: '查询办理进度' }).click();
  await citizen.getByTestId('receipt-code').fill(code);
  await citizen.getByTestId('receipt-open').click();
  await expect(citizen.getByTestId('receipt-status').textContent({ timeout: 15_000 })).resolves.toBe('已受理');
  await citizen.screenshot({ path: join(artifacts, 'tip-receipt-accepted.png') });

  // The lead (leads context, through its API): assessed and assigned to the Xuanwu agency (xw.staff),
  // investigated with an inspection of the hospital, closed with the violation confirmed, reported
  // back to the bureau, which accepts the result.
  const leadId = accepted.body.leadId as string;
  const ok = async (user: string, method: string, path: string, body?: unknown) => {
    const res = await api(user, method, path, body);
    expect([path, res.status < 300]).toEqual([path, true]);
    return res.body;
  };
  await ok('xw.bureau', 'POST', `/api/leads/${leadId}/assess`, { valuable: true, reasons: '举报内容具体，涉及挂床住院，可核查' });
  await ok('xw.bureau', 'POST', `/api/leads/${leadId}/assign`, { toOrgId: 'agency-320102' });
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const team = ((await ok('xw.staff', 'GET', `/api/inspections/team-candidates?institutionId=inst-320102-0001&year=${today.slice(0, 4)}`)) as { inspectorId: string; eligible: boolean }[])
    .filter((c) => c.eligible).slice(0, 2).map((c) => c.inspectorId);
  const inspection = await ok('xw.staff', 'POST', '/api/inspections', { institutionId: 'inst-320102-0001', plannedOn: today, teamInspectorIds: team, inspectionType: 'lead' });
  await ok('xw.staff', 'POST', `/api/leads/${leadId}/investigate`, { inspectionId: inspection.id });
  await ok('xw.staff', 'POST', `/api/leads/${leadId}/close`, { result: 'violation_confirmed', confirmedAmount: '86000.00', summary: '核查住院病历，查实挂床住院套取医保基金 86000.00 元' });
  await ok('xw.staff', 'POST', `/api/leads/${leadId}/report`);
  await ok('xw.bureau', 'POST', `/api/leads/${leadId}/accept`, { comment: '同意' });

  // The reward: proposed by the bureau (4 % of 86,000.00 = 3,440.00 元), approved by its leader.
  await bureau.goto(`${BASE_URL()}/local/tips/tip/${tip.id}`);
  await bureau.getByTestId('tip-propose').click({ timeout: 20_000 });
  await bureau.getByTestId('tip-reward').filter({ hasText: '3,440.00' }).waitFor({ timeout: 15_000 });
  const { page: leader } = await signInAs(browser, 'xw.leader');
  await leader.goto(`${BASE_URL()}/leader/tips/tip/${tip.id}`);
  await leader.getByTestId('tip-approve').click({ timeout: 20_000 });
  // The reward line is on the page before the approval (待审批): wait for its new text, not the element.
  await leader.getByTestId('tip-reward').filter({ hasText: '已审批' }).waitFor({ timeout: 15_000 });

  // The citizen sees the result and the reward, and claims it with the receipt code alone.
  await citizen.getByTestId('receipt-open').click();
  // The receipt page may still show the earlier state (正在核查) for a moment after reopening: wait for the new text.
  await citizen.getByTestId('receipt-result').filter({ hasText: '查实违法违规' }).waitFor({ timeout: 15_000 });
  await expect(citizen.getByTestId('receipt-reward').textContent()).resolves.toContain('3,440.00 元');
  await citizen.locator('#payee-name').fill('匿名举报人');
  await citizen.locator('#payee-account').fill('6222020200112233445');
  await citizen.getByTestId('receipt-claim').locator('button[type="submit"]').click();
  await citizen.getByTestId('receipt-reward').filter({ hasText: '已申领' }).waitFor({ timeout: 15_000 });
  await citizen.screenshot({ path: join(artifacts, 'tip-reward-claimed.png') });
}, 300_000);
