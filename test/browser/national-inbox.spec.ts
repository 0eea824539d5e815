import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signInAs } from '../support/browser.js';
import { api, BASE_URL } from '../support/stack.js';

// Issue 18, the national bureau's inbox in the browser, on the running stack: the province (js.official)
// sends its campaign plan to the national bureau from the campaign's page — two days after its due day,
// so it is shown late; the national overseer (nhsa.overseer) finds it in its inbox (/national) and
// acknowledges it; a major-case report written by the Xuanwu bureau and sent by the province (set up
// through the API: the report needs an enforcement case) is acknowledged by the overseer in the inbox.

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

/** Clicks the button and waits for the API's answer to the POST it sends (which must succeed). */
async function post(page: Page, button: ReturnType<Page['getByTestId']>, path: string): Promise<void> {
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path, { timeout: 20_000 }),
    button.click(),
  ]);
  if (answer.status() >= 300) throw new Error(`${path}: ${answer.status()} ${await answer.text()}`);
}

it('the province sends its campaign plan, the national overseer acknowledges it and a major-case report in its inbox', async () => {
  // A campaign of Jiangsu whose plan was due two days ago, assigned (the stack runs the flexible calendar).
  const created = await api('js.official', 'POST', '/api/campaigns', {
    year, title: `${year}年定点零售药店专项治理（报送测试 ${stamp}）`, focusAreas: [{ code: 'pharmacy_card_misuse' }], institutionKinds: ['pharmacy'], cityCodes: ['3201'],
    calendar: { planFiledBy: chinaDay(-2), selfInspectionStart: chinaDay(-1), selfInspectionEnd: chinaDay(20), spotCheckStart: chinaDay(21), spotCheckEnd: chinaDay(40), summaryDue: chinaDay(50) },
  });
  expect(created.status).toBe(201);
  const campaignId = created.body.id as string;
  expect((await api('js.official', 'POST', `/api/campaigns/${campaignId}/assign`)).status).toBe(201);

  // The province sends the plan from the campaign's page: it is late by two days.
  const { page: province } = await signInAs(browser, 'js.official');
  await province.goto(`${BASE_URL()}/province/campaigns/${campaignId}`);
  const plan = province.locator('[data-testid="campaign-filing"][data-kind="plan"]');
  await plan.waitFor({ timeout: 30_000 });
  expect(await plan.getAttribute('data-status')).toBe('not_sent');
  expect(await plan.getByTestId('campaign-filing-late').textContent()).toContain('逾期 2 天');
  await province.getByTestId('campaign-filing-note-plan').fill('专项治理方案已经省局党组会审议通过，现报送备案。');
  await post(province, province.getByTestId('campaign-filing-send-plan'), `/api/campaigns/${campaignId}/filings/plan`);
  await province.locator('[data-testid="campaign-filing"][data-kind="plan"][data-status="sent"]').waitFor({ timeout: 20_000 });
  await province.screenshot({ path: join(artifacts, 'national-inbox-plan-sent-js.official.png') });

  // A major-case report: the Xuanwu bureau flags its case as likely to draw public attention, writes the report; the province sends it.
  const kase = await api('xw.bureau', 'POST', '/api/enforcement/cases', {
    source: 'lead', sourceRef: `XS-${stamp}`, regionCode: '320102', institutionOrgId: 'inst-320102-0001',
    subject: `虚构医疗服务骗取医保基金（国家局收件箱测试 ${stamp}）`, facts: '经查，该院虚构康复理疗项目结算医保基金。', amountInvolved: '620000.00',
  });
  expect(kase.status).toBe(201);
  const opened = await api('xw.bureau', 'POST', '/api/major-case-reports', { caseId: kase.body.id });
  expect([opened.status, opened.body.trigger]).toEqual([201, 'public_attention']);
  const reportId = opened.body.id as string;
  const submitted = await api('xw.bureau', 'POST', `/api/major-case-reports/${reportId}/submit`, {
    discovery: '群众举报，经大数据筛查核实', facts: '2026 年 1 至 6 月虚构康复理疗项目结算 620,000.00 元', result: '立案查处，拟处罚款并追回基金', basis: '《医疗保障基金使用监督管理条例》第四十条',
  });
  expect([submitted.status, submitted.body.status]).toEqual([200, 'submitted']);
  const sent = await api('js.official', 'POST', `/api/major-case-reports/${reportId}/send`);
  expect([sent.status, sent.body.status]).toEqual([200, 'sent']);

  // The national overseer's inbox: the plan (late) and the report, each acknowledged there.
  const { page: overseer } = await signInAs(browser, 'nhsa.overseer');
  await overseer.goto(`${BASE_URL()}/national`);
  const filing = overseer.locator(`[data-testid="national-filing-row"][data-campaign="${campaignId}"][data-kind="plan"]`);
  await filing.waitFor({ timeout: 30_000 });
  expect(await filing.getAttribute('data-status')).toBe('sent');
  expect(await filing.getByTestId('national-filing-late').textContent()).toContain('逾期 2 天');
  const filingId = (await api('js.official', 'GET', `/api/campaign-filings?campaignId=${campaignId}&kind=plan`)).body.items[0].id as string;
  await post(overseer, filing.getByTestId('national-filing-ack'), `/api/campaign-filings/${filingId}/acknowledge`);
  await overseer.locator(`[data-testid="national-filing-row"][data-campaign="${campaignId}"][data-kind="plan"][data-status="acknowledged"]`).waitFor({ timeout: 20_000 });

  const report = overseer.locator(`[data-testid="national-report-row"][data-id="${reportId}"]`);
  await report.waitFor({ timeout: 20_000 });
  expect(await report.getAttribute('data-status')).toBe('sent');
  await post(overseer, report.getByTestId('national-report-ack'), `/api/major-case-reports/${reportId}/acknowledge`);
  await overseer.locator(`[data-testid="national-report-row"][data-id="${reportId}"][data-status="acknowledged"]`).waitFor({ timeout: 20_000 });
  await overseer.screenshot({ path: join(artifacts, 'national-inbox-nhsa.overseer.png') });

  // What the province sees now: both acknowledged by the national bureau.
  const filings = await api('js.official', 'GET', `/api/campaign-filings?campaignId=${campaignId}&kind=plan`);
  expect(filings.body.items[0]).toMatchObject({ status: 'acknowledged', acknowledgedBy: expect.any(String), late: true, daysLate: 2 });
  expect((await api('js.official', 'GET', `/api/major-case-reports/${reportId}`)).body.status).toBe('acknowledged');
  // … and a sibling province sees none of it.
  expect((await api('zj.official', 'GET', `/api/campaign-filings?campaignId=${campaignId}`)).body.total).toBe(0);
});
