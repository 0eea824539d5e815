import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, launchChromium, pickDay, signInAs } from '../support/browser.js';
import { findingAtXuanwuHospital } from '../support/findings.js';
import { api, BASE_URL } from '../support/stack.js';

// Issue 18 transfers (移交) in the browser, on the running stack, through the real login: a finding at the
// Xuanwu hospital (the province's spot-check, sent; the hospital confirms it — API) is transferred by
// xw.staff (the Xuanwu agency) from the finding's page to xw.bureau with its materials; the bureau asks
// for supplementary materials with a deadline; the agency supplements, adding a material; the bureau
// accepts and lands on the enforcement case it opened (待立案); the transfer letter downloads as a PDF.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const stamp = Date.now().toString(36);
const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Opens the transfer's page (the notification link /transfers/<id>, redirected into the user's section) and waits for its status. */
async function openTransfer(page: Page, id: string, status: string): Promise<void> {
  await page.goto(`${BASE_URL()}/transfers/${id}`);
  await page.locator(`[data-testid="transfer-status"][data-status="${status}"]`).waitFor({ timeout: 30_000 });
}

it('xw.staff transfers a confirmed finding to xw.bureau, which asks for a supplement, gets it, accepts and lands on the opened case; the letter downloads', async () => {
  const type = `串换药品（移交浏览器测试 ${stamp}）`;
  const { finding } = await findingAtXuanwuHospital(`南京市定点医院移交检查（${stamp}）`, `t-${stamp}`,
    { type, description: '将甲类药品串换为乙类药品结算，涉及金额较大。', amount: 620000 });
  expect((await api('xw.hospital', 'POST', `/api/findings/${finding.id}/confirm`)).status).toBeLessThan(300);

  // The agency: the finding's page offers the transfer; the form starts from the finding.
  const { page: agency } = await signInAs(browser, 'xw.staff');
  await agency.goto(`${BASE_URL()}/findings/${finding.id}`);
  await agency.getByTestId('finding-transfer').click({ timeout: 30_000 });
  await agency.getByTestId('transfer-form').waitFor({ timeout: 30_000 });
  expect(await agency.getByTestId('transfer-form-institution').textContent()).toContain('南京玄武康宁医院');
  expect(await agency.getByTestId('transfer-amount').inputValue()).toBe('620000.00');
  expect(await agency.getByTestId('transfer-materials-row').count()).toBe(2); // the inspection record and the finding
  // A subject left empty is refused before anything is sent.
  await agency.getByTestId('transfer-subject').fill('');
  await agency.getByTestId('transfer-submit').click();
  await agency.getByTestId('transfer-error-subject').waitFor();
  await agency.getByTestId('transfer-subject').fill(type);
  await agency.getByTestId('transfer-submit').click();
  await agency.waitForURL(/\/local\/transfers\/transfer\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const transferId = agency.url().split('/').pop()!;
  await agency.locator('[data-testid="transfer-status"][data-status="sent"]').waitFor();
  await agency.screenshot({ path: join(artifacts, 'transfer-sent-xw.staff.png') });

  // The bureau: the transfer is in its received list; it asks for supplementary materials by a deadline.
  const { page: bureau } = await signInAs(browser, 'xw.bureau');
  await bureau.goto(`${BASE_URL()}/local/transfers/list?view=received&q=inst-320102-0001`);
  await bureau.locator(`[data-testid="transfer-row"][data-id="${transferId}"]`).waitFor({ timeout: 30_000 });
  await openTransfer(bureau, transferId, 'sent');
  await bureau.getByTestId('transfer-supplement-reason').fill('请补充相关处方及发药记录。');
  await pickDay(bureau.getByTestId('transfer-supplement-due'), chinaDay(10));
  await bureau.getByTestId('transfer-request-supplement').click();
  await bureau.locator('[data-testid="transfer-status"][data-status="supplement_requested"]').waitFor({ timeout: 30_000 });
  expect(await bureau.getByTestId('transfer-supplement').textContent()).toContain(chinaDay(10));
  expect(await bureau.getByTestId('transfer-decide').count()).toBe(0);

  // The agency supplements with one more material.
  await openTransfer(agency, transferId, 'supplement_requested');
  await agency.getByTestId('transfer-supplement-note').fill('已补充处方及发药记录。');
  await agency.getByTestId('transfer-supplement-materials-add').click();
  await chooseOption(agency, agency.getByTestId('transfer-supplement-materials-kind-0'), '证据材料');
  await agency.getByTestId('transfer-supplement-materials-title-0').fill('处方及发药记录');
  await agency.getByTestId('transfer-supplement-materials-ref-0').fill(`补-${stamp}`);
  await agency.getByTestId('transfer-supplement-submit').click();
  await agency.locator('[data-testid="transfer-status"][data-status="sent"]').waitFor({ timeout: 30_000 });
  expect(await agency.getByTestId('transfer-material-list').textContent()).toContain('处方及发药记录');
  expect(await agency.getByTestId('transfer-supplement-form').count()).toBe(0);

  // The bureau accepts and lands on the case it opened.
  await openTransfer(bureau, transferId, 'sent');
  await bureau.getByTestId('transfer-accept').click();
  await bureau.waitForURL(/\/enforcement\/case\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await bureau.getByTestId('case-status').waitFor({ timeout: 30_000 });
  expect(await bureau.getByTestId('case-status').textContent()).toContain('待立案');
  const caseId = bureau.url().split('/').pop()!;
  const accepted = await api('xw.bureau', 'GET', `/api/transfers/${transferId}`);
  expect(accepted.body).toMatchObject({ status: 'accepted', caseId });
  expect((accepted.body.history as { action: string }[]).map((h) => h.action)).toEqual(['sent', 'supplement_requested', 'supplemented', 'accepted']);
  await bureau.screenshot({ path: join(artifacts, 'transfer-accepted-case-xw.bureau.png') });

  // The agency sees the result and downloads the transfer letter.
  await openTransfer(agency, transferId, 'accepted');
  await agency.getByTestId('transfer-result').waitFor();
  expect(await agency.getByTestId('transfer-result-status').textContent()).toContain('待立案');
  expect(await agency.getByTestId('transfer-result-pending').textContent()).toContain('尚未作出处理决定');
  expect(await agency.getByTestId('transfer-case-link').count()).toBe(0); // the case pages are the bureaus'
  const [download] = await Promise.all([agency.waitForEvent('download', { timeout: 60_000 }), agency.getByTestId('transfer-letter').click()]);
  expect(download.suggestedFilename()).toMatch(/^案件移交函-第\d+号\.pdf$/);
  expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
  await agency.screenshot({ path: join(artifacts, 'transfer-accepted-xw.staff.png') });
}, 300_000);

it('xw.bureau transfers a filed case to the police from the case page, records the receipt and the result; the case stays open; the notice downloads', async () => {
  const subject = `虚构诊疗项目（移送浏览器测试 ${stamp}）`;
  const proposed = await api('xw.bureau', 'POST', '/api/enforcement/cases', {
    source: 'other', regionCode: '320102', institutionOrgId: 'inst-320102-0001', subject, facts: '该院虚构诊疗项目套取医保基金，涉嫌犯罪。', amountInvolved: '620000.00',
  });
  expect(proposed.status).toBe(201);
  const caseId = proposed.body.id as string;
  expect((await api('xw.leader', 'POST', `/api/enforcement/cases/${caseId}/approve-filing`, { approve: true, comment: '同意立案' })).body.status).toBe('investigating');

  const { page: bureau } = await signInAs(browser, 'xw.bureau');
  await bureau.goto(`${BASE_URL()}/enforcement/${caseId}`);
  await bureau.getByTestId('case-outward').click({ timeout: 30_000 });
  await bureau.getByTestId('outward-form').waitFor({ timeout: 30_000 });
  await bureau.getByTestId('outward-police-note').waitFor();
  expect(await bureau.getByTestId('outward-form-case').textContent()).toContain(subject);
  // Without a recipient nothing is sent.
  await bureau.getByTestId('outward-submit').click();
  await bureau.getByTestId('outward-error-recipientKind').waitFor();
  await chooseOption(bureau, bureau.getByTestId('outward-recipient-kind'), '公安机关');
  await bureau.getByTestId('outward-recipient-name').fill('南京市公安局玄武分局');
  await bureau.getByTestId('outward-submit').click();
  await bureau.waitForURL(/\/local\/transfers\/outward\/[0-9a-f-]{36}(\?.*)?$/, { timeout: 30_000 });
  const outwardId = new URL(bureau.url()).pathname.split('/').pop()!;
  await bureau.getByTestId('outward-police-note').waitFor({ timeout: 30_000 });
  await bureau.getByTestId('outward-report-opened').waitFor(); // any transfer to the police opens a major-case report

  await bureau.getByTestId('outward-receipt-submit').click();
  await bureau.locator('[data-testid="outward-receipt"]', { hasText: chinaDay(0) }).waitFor({ timeout: 30_000 });
  await bureau.getByTestId('outward-result-text').fill('已立案侦查。');
  await bureau.getByTestId('outward-result-submit').click();
  await bureau.locator('[data-testid="outward-result"]', { hasText: '已立案侦查。' }).waitFor({ timeout: 30_000 });
  const [download] = await Promise.all([bureau.waitForEvent('download', { timeout: 60_000 }), bureau.getByTestId('outward-notice').click()]);
  expect(download.suggestedFilename()).toMatch(/^案件移送函-第\d+号\.pdf$/);
  expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
  await bureau.screenshot({ path: join(artifacts, 'outward-result-xw.bureau.png') });

  // The outward list of the case shows it done; the administrative case is still open.
  await bureau.goto(`${BASE_URL()}/local/transfers/outward?caseId=${caseId}`);
  const row = bureau.locator(`[data-testid="outward-row"][data-id="${outwardId}"]`);
  await row.waitFor({ timeout: 30_000 });
  expect(await row.getByTestId('outward-status').getAttribute('data-status')).toBe('done');
  expect((await api('xw.bureau', 'GET', `/api/enforcement/cases/${caseId}`)).body.status).toBe('investigating');
}, 300_000);
