import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, launchChromium, signInAs } from '../support/browser.js';
import { api, BASE_URL, eventually } from '../support/stack.js';

// Issue 4 in the browser, on the running stack (API, worker, Temporal dev server, Keycloak): the
// province creates a special campaign and assigns it; the campaign workflow fans out the tasks and
// opens the self-inspection (its start date is yesterday: the stack runs the flexible calendar of
// demo and training deployments); the Xuanwu hospital's clerk submits its self-inspection; the
// province sees it. The Xuanwu agency, which holds the hospital's agreement, verifies the report and
// its refund and files its region's own report (issue 13: the pooling regions self-inspect too).
// Then the province runs a spot-check draw in front of two witnesses (commit, reveal, draw) and
// verifies it from the published record.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const year = Number(chinaDay(0).slice(0, 4));
const stamp = Date.now().toString(36);
const title = `${year}年打击欺诈骗保专项治理（${stamp}）`;
const calendar = {
  planFiledBy: chinaDay(-2), selfInspectionStart: chinaDay(-1), selfInspectionEnd: chinaDay(20),
  spotCheckStart: chinaDay(21), spotCheckEnd: chinaDay(40), summaryDue: chinaDay(50),
};

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const signIn = async (username: string): Promise<Page> => (await signInAs(browser, username)).page;

async function confirm(page: Page): Promise<void> {
  const ok = page.locator('.ant-modal-confirm-btns .ant-btn-primary');
  await ok.waitFor({ timeout: 10_000 });
  await ok.click();
}

let campaignId = '';

it('the province creates and assigns a campaign, an institution submits its self-inspection, the province sees it', async () => {
  const province = await signIn('js.official');
  await province.goto(`${BASE_URL()}/province/campaigns`);
  await province.getByTestId('campaign-create').click();
  await province.getByTestId('campaign-title').fill(title);
  await province.getByTestId('campaign-focus').click();
  await province.locator('.ant-select-item-option').first().click();
  await province.keyboard.press('Escape');
  for (const [field, date] of Object.entries(calendar)) {
    const input = province.locator(`#campaign-date-input-${field}`);
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  }
  await province.getByTestId('campaign-save').click();
  await province.getByTestId('campaign-assign').waitFor({ timeout: 15_000 });
  campaignId = province.url().split('/').pop()!;
  const saved = await api('js.official', 'GET', `/api/campaigns/${campaignId}`);
  expect(saved.body).toMatchObject({ title, status: 'draft', calendar });

  await province.getByTestId('campaign-assign').click();
  await confirm(province);
  await eventually('self-inspection opened by the campaign workflow', async () =>
    (await api('js.official', 'GET', `/api/campaigns/${campaignId}`)).body.phase === 'self_inspection', 60_000);
  await province.screenshot({ path: join(artifacts, 'campaign-assigned-js.official.png') });

  const task = await eventually('the hospital\'s task created by the city workflow', async () =>
    (await api('xw.hospital', 'GET', `/api/self-inspections?campaignId=${campaignId}`)).body.items[0], 60_000);
  const clerk = await signIn('xw.hospital');
  await clerk.goto(`${BASE_URL()}/institution/self-inspection`);
  await clerk.getByTestId('self-inspection-row').filter({ hasText: title }).first().waitFor({ timeout: 15_000 });
  await clerk.goto(`${BASE_URL()}/institution/self-inspection/${task.id}`);
  await clerk.getByTestId('self-inspection-report').fill('对照治理重点逐项自查，发现串换药品 2 例，已主动退回。');
  await clerk.getByTestId('self-inspection-refund').fill('1500.50');
  await clerk.getByTestId('self-inspection-submit').click();
  await confirm(clerk);
  await clerk.getByTestId('self-inspection-submitted-at').waitFor({ timeout: 15_000 });
  await expect(clerk.getByTestId('self-inspection-status').first().textContent()).resolves.toContain('已提交');
  await clerk.screenshot({ path: join(artifacts, 'self-inspection-xw.hospital.png') });
  await clerk.context().close();

  // The report reached the Nanjing city workflow and the province's progress view.
  await province.goto(`${BASE_URL()}/province/campaigns/${campaignId}`);
  await province.getByTestId('campaign-progress-table').waitFor({ timeout: 15_000 });
  const progress = (await api('js.official', 'GET', `/api/campaigns/${campaignId}/progress`)).body;
  expect(progress.totals).toMatchObject({ submitted: 1, refundedAmount: 1500.5 });
  expect(progress.byCity.find((c: { key: string }) => c.key === '3201')).toMatchObject({ submitted: 1 });
  const row = province.getByTestId('campaign-progress-row').filter({ hasText: '南京' });
  await expect(row.textContent()).resolves.toContain('1');
  await province.screenshot({ path: join(artifacts, 'campaign-progress-js.official.png'), fullPage: true });
  await province.context().close();

  // Nobody else's institution sees the hospital's task.
  expect((await api('xw.clinic', 'GET', `/api/self-inspections/${task.id}`)).status).toBe(404);
  expect((await api('gs.pharmacy', 'GET', `/api/self-inspections/${task.id}`)).status).toBe(404);
});

it('the Xuanwu agency verifies the hospital\'s report with its refund and files its region\'s own report', async () => {
  expect(campaignId).not.toBe('');
  const agency = await signIn('xw.staff');
  await agency.goto(`${BASE_URL()}/local/campaigns/${campaignId}`);
  await agency.getByTestId('campaign-own-agency-review').click();
  const row = agency.getByTestId('review-row').filter({ hasText: '南京玄武康宁医院' });
  await row.waitFor({ timeout: 15_000 });
  await row.getByTestId('review-verify').click();
  // Prefilled with the refund the hospital reported, to check against the fund's receipts.
  await eventually('the refund prefilled', async () => (await agency.getByTestId('review-form-amount').inputValue()) === '1500.50', 10_000);
  await agency.getByTestId('review-form-comment').fill('退回资金缴款凭证齐全，与自查报告一致。');
  await agency.locator('.ant-modal-footer .ant-btn-primary').click();
  const task = await eventually('the report verified', async () => {
    const mine = (await api('xw.hospital', 'GET', `/api/self-inspections?campaignId=${campaignId}`)).body.items[0];
    return mine?.review.status === 'verified' ? mine : null;
  }, 15_000);
  expect(task.review).toMatchObject({ refundConfirmed: true, refundVerifiedAmount: 1500.5, comment: '退回资金缴款凭证齐全，与自查报告一致。' });
  await agency.getByTestId('review-count-verified').filter({ hasText: '1' }).waitFor({ timeout: 15_000 });
  await agency.screenshot({ path: join(artifacts, 'campaign-review-xw.staff.png'), fullPage: true });

  await agency.goto(`${BASE_URL()}/local/campaigns/${campaignId}`);
  await agency.getByTestId('campaign-own-agency-report').click();
  await agency.getByTestId('agency-report-text').fill('组织辖区定点医药机构开展自查，逐一核实自查报告和退回资金；对照内审、稽核、履约检查开展本中心自查。');
  await agency.getByTestId('agency-report-fill').click();
  // the verified figures arrive asynchronously: wait (bounded) for the filled refund
  await eventually('the verified refund filled in', async () => (await agency.getByTestId('agency-report-refund').inputValue()) === '1500.50', 10_000);
  await agency.getByTestId('agency-report-submit').click();
  await confirm(agency);
  await agency.getByTestId('agency-report-submitted-at').waitFor({ timeout: 15_000 });
  await agency.locator('.ant-modal-confirm').waitFor({ state: 'detached', timeout: 10_000 });
  await agency.screenshot({ path: join(artifacts, 'campaign-agency-report-xw.staff.png'), fullPage: true });
  await agency.context().close();

  const progress = (await api('js.official', 'GET', `/api/campaigns/${campaignId}/progress`)).body;
  expect(progress.totals).toMatchObject({ verified: 1, refundVerifiedAmount: 1500.5 });
  expect(progress.agencies.find((a: { agencyId: string }) => a.agencyId === 'agency-320102'))
    .toMatchObject({ status: 'submitted', late: false, handled: { verified: 1, refundVerifiedAmount: 1500.5 } });
  // Another region's agency cannot verify it.
  const foreign = await api('gs.staff', 'POST', `/api/self-inspections/${task.id}/verify`, {});
  expect(foreign.status).toBe(404);
});

it('the province draws the campaign\'s spot-check before witnesses (commit, reveal, draw) and verifies it', async () => {
  expect(campaignId).not.toBe('');
  const witnesses = [['纪检监督员 王敏', `w1-${stamp}-海棠`], ['公证员 李强', `w2-${stamp}-银杏`], ['机构代表 陈静', `w3-${stamp}-玉兰`]];
  const province = await signIn('js.official');
  await province.goto(`${BASE_URL()}/province/spot-checks/new`);
  await province.getByTestId('spot-check-title').fill(`${title}省级抽查`);
  await chooseOption(province, province.getByTestId('spot-check-campaign'), title);
  const names = province.getByTestId('spot-check-witness-name');
  for (const [i, [name]] of witnesses.entries()) await names.nth(i).fill(name);
  await province.getByTestId('spot-check-save').click();
  await province.getByTestId('spot-check-step-commit').waitFor({ timeout: 15_000 });
  const spotCheckId = province.url().split('/').pop()!;

  // Commit: each witness types a secret; only its SHA-256 leaves the browser.
  for (const [i, [, secret]] of witnesses.entries()) {
    await province.getByTestId('witness-secret').nth(i).fill(secret);
    await province.getByTestId('witness-secret-confirm').nth(i).fill(secret);
  }
  await province.getByTestId('spot-check-commit').click();
  await province.getByTestId('spot-check-step-draw').waitFor({ timeout: 30_000 });
  const commitment = (await province.getByTestId('spot-check-commitment').textContent())!.trim();
  expect(commitment).toMatch(/^[0-9a-f]{64}$/);
  const committed = (await api('js.official', 'GET', `/api/spot-checks/${spotCheckId}`)).body;
  expect(committed).toMatchObject({ status: 'committed', commitment, campaignId });
  // The secrets themselves are nowhere in the published record before the reveal.
  const record = await api('js.official', 'GET', `/api/spot-checks/${spotCheckId}/record.json`);
  expect(JSON.stringify(record.body)).not.toContain(witnesses[0]![1]);

  // Reveal and draw.
  for (const [i, [, secret]] of witnesses.entries()) await province.getByTestId('witness-secret').nth(i).fill(secret);
  await province.getByTestId('spot-check-draw').click();
  await province.getByTestId('spot-check-result-hash').waitFor({ timeout: 30_000 });
  await province.getByTestId('strata-table').waitFor({ state: 'attached' }); // in a closed panel since 34744be
  const drawn = (await api('js.official', 'GET', `/api/spot-checks/${spotCheckId}`)).body;
  expect(drawn.status).toBe('drawn');
  expect(drawn.drawn).toBeGreaterThanOrEqual(Math.ceil(drawn.population * 0.1));

  // Verify from the published record: every check passes.
  await province.getByTestId('spot-check-verify').click();
  await province.getByTestId('verify-check').first().waitFor({ timeout: 30_000 });
  const checks = province.getByTestId('verify-check');
  expect(await checks.count()).toBe(5);
  for (let i = 0; i < 5; i++) expect(await checks.nth(i).getAttribute('data-ok')).toBe('true');
  await province.screenshot({ path: join(artifacts, 'spot-check-drawn-js.official.png'), fullPage: true });
  await province.context().close();

  // An edited record does not verify.
  const full = (await api('js.official', 'GET', `/api/spot-checks/${spotCheckId}/record.json`)).body;
  full.result.selections[0].providerId = full.directories.providers.find((p: { id: string }) => !full.result.selections.some((s: { providerId: string }) => s.providerId === p.id)).id;
  const tampered = await api('js.official', 'POST', '/api/spot-checks/verify', full);
  expect(tampered.body.ok).toBe(false);
  expect(tampered.body.checks.find((c: { name: string }) => c.name === 'result').ok).toBe(false);
});
