import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { a11y, chooseOption, launchChromium, signInAs } from '../support/browser.js';
import { chinaToday, chooseOfficers, openCase, searchPublic, shownStatus, takeStep } from '../support/enforcement.js';
import { findingAtXuanwuHospital } from '../support/findings.js';
import { api, BASE_URL } from '../support/stack.js';

// Issue 18's closing note, end to end on the running stack through the real sign-in: xw.staff (the
// Xuanwu agency) transfers a confirmed ¥620,000 finding to the bureau of its region (移交); xw.bureau
// accepts it, which opens the administrative case; xw.leader approves 立案 and names the officers; the
// officer records the investigation, the notice and the party's statement; the legal reviewer (xw.legal)
// reviews it; xw.leader records the collective deliberation and the decision; xw.bureau the service;
// xw.leader publishes it. xw.bureau also transfers the case to the police (移送公安), which opens a
// major-case report (重大案件报告) and never closes the case; the bureau writes the report, the province
// (js.official) sends it within the week and nhsa.overseer acknowledges it in the national inbox. The
// public enforcement page of Jiangsu shows the decision with personal data masked. The spot-check,
// inspection and the hospital's confirmation that produce the finding go through the API (not the point).

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const stamp = Date.now().toString(36);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `enforcement-e2e-${name}.png`), fullPage: true });
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const chinaDayOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

it('a confirmed ¥620,000 finding: transferred to the bureau, the administrative case to its publication, transferred to the police, the major-case report sent and acknowledged, the public page masked', async () => {
  // A confirmed finding of ¥620,000 at 南京玄武康宁医院, handled by the Xuanwu agency (API: not the point).
  const description = `2026年9月至11月将普通针灸串换为特殊针灸收费共计620000元，医师王小明经手，联系电话13912345678（${stamp}）。`;
  const { finding } = await findingAtXuanwuHospital(`浏览器测试 执法全流程 ${stamp}`, `s8f-${stamp}`, { type: '串换诊疗项目', description, amount: 620000 });
  expect((await api('xw.hospital', 'POST', `/api/findings/${finding.id}/confirm`)).status).toBeLessThan(300);
  const confirmed = await api('xw.staff', 'GET', `/api/findings/${finding.id}`);
  expect(confirmed.body).toMatchObject({ status: 'confirmed', handlingAgencyId: 'agency-320102' });

  // xw.staff transfers it to the Xuanwu bureau from the finding's page (移交, the form starts from the finding).
  const { page: agency } = await signInAs(browser, 'xw.staff');
  await agency.goto(`${BASE_URL()}/findings/${finding.id}`);
  await agency.getByTestId('finding-transfer').click({ timeout: 30_000 });
  await agency.getByTestId('transfer-form').waitFor({ timeout: 20_000 });
  expect(await agency.getByTestId('transfer-form-institution').textContent()).toContain('南京玄武康宁医院');
  expect(await agency.getByTestId('transfer-amount').inputValue()).toBe('620000.00');
  const subject = `串换诊疗项目（执法全流程 ${stamp}）`;
  await agency.getByTestId('transfer-subject').fill(subject);
  await agency.getByTestId('transfer-submit').click();
  await agency.waitForURL(/\/transfers\/transfer\/[^/?]+$/, { timeout: 20_000 });
  const transferId = agency.url().split('/').pop()!;
  await agency.getByTestId('transfer-status').waitFor({ timeout: 20_000 });
  await shot(agency, 'transfer-sent-xw.staff');

  // xw.bureau accepts it: the administrative case opens (待立案) with the transfer's facts and amount.
  const { page: bureau } = await signInAs(browser, 'xw.bureau');
  await bureau.goto(`${BASE_URL()}/transfers/${transferId}`);
  await bureau.getByTestId('transfer-decide').waitFor({ timeout: 30_000 });
  await bureau.getByTestId('transfer-accept-comment').fill('材料齐全，予以接收，提请立案');
  await bureau.getByTestId('transfer-accept').click();
  // accepting lands on the case it opened (as transfers.spec checks)
  await bureau.waitForURL(/\/enforcement\/case\/[^/?]+$/, { timeout: 30_000 });
  const caseId = bureau.url().split('/').pop()!;
  await bureau.getByTestId('case-status').waitFor({ timeout: 20_000 });
  expect(await shownStatus(bureau)).toContain('待立案');
  expect(await shownStatus(bureau)).toContain('重大案件');
  expect((await api('xw.staff', 'GET', `/api/transfers/${transferId}`)).body).toMatchObject({ status: 'accepted', caseId });
  await shot(bureau, 'case-opened-xw.bureau');

  // xw.leader: 立案 and the two officers.
  const { page: leader } = await signInAs(browser, 'xw.leader');
  await openCase(leader, caseId);
  await takeStep(leader, 'approve-filing', { comment: '同意立案' }, '调查中', 'approve');
  await chooseOfficers(leader, ['钱海燕', '周文斌']);
  await takeStep(leader, 'officers', {}, '调查中');

  // The officer xw.bureau: the investigation, the notice, the party's statement and defence.
  await openCase(bureau, caseId);
  await takeStep(bureau, 'records', { kind: 'evidence', title: '收费明细及病历', summary: '调取2026年9月至11月针灸收费明细和病历，核实串换收费620000元。' }, '调查中');
  await takeStep(bureau, 'records', { kind: 'interview', title: '询问笔录', summary: '该院医保办负责人承认串换收费。' }, '调查中');
  await takeStep(bureau, 'notice', { proposedPenalty: '1240000.00', proposedRecovery: '620000.00', legalBasis: '《医疗保障基金使用监督管理条例》第三十八条' }, '已告知待陈述申辩');
  await takeStep(bureau, 'statement', { statement: '当事人对事实无异议', defence: '请求从轻处罚' }, '已告知待陈述申辩');

  // The legal reviewer's review (法制审核).
  const { page: reviewer } = await signInAs(browser, 'xw.legal');
  await openCase(reviewer, caseId);
  await takeStep(reviewer, 'legal-review', { opinion: '事实清楚，证据确凿，适用依据正确，程序合法' }, '已法制审核', 'approve');

  // xw.leader: the collective deliberation and the decision; xw.bureau the service; xw.leader publishes.
  await openCase(leader, caseId);
  await takeStep(leader, 'deliberation', { participants: '周文斌\n钱海燕\n郑立新', minutes: '集体讨论一致同意。', conclusion: '追回620000元并处罚款' }, '已集体讨论');
  await takeStep(leader, 'decision', { penaltyAmount: '1240000.00', recoveryAmount: '620000.00', legalBasis: '《医疗保障基金使用监督管理条例》第三十八条', summary: `责令退回医保基金620000元，并处罚款1240000元（${stamp}）。` }, '已作出决定');
  await openCase(bureau, caseId);
  await takeStep(bureau, 'service', { method: '直接送达', recipient: '南京玄武康宁医院', servedOn: chinaToday() }, '已送达');
  await openCase(leader, caseId);
  await takeStep(leader, 'publication', {}, '已送达');
  await leader.locator('[data-testid="case-status"]', { hasText: '已公示' }).waitFor({ timeout: 15_000 });
  await shot(leader, 'case-published-xw.leader');

  // xw.bureau transfers the case to the police (移送公安) from the case's page: a major-case report opens.
  await openCase(bureau, caseId);
  await bureau.getByTestId('case-outward').click();
  await bureau.getByTestId('outward-form').waitFor({ timeout: 20_000 });
  await chooseOption(bureau, bureau.getByTestId('outward-recipient-kind'), '公安机关');
  await bureau.getByTestId('outward-recipient-name').fill('南京市公安局玄武分局');
  await bureau.getByTestId('outward-submit').click();
  await bureau.getByTestId('outward-report-opened').waitFor({ timeout: 20_000 });
  await shot(bureau, 'police-transfer-xw.bureau');
  // the police transfer never closes the administrative case
  await openCase(bureau, caseId);
  expect(await shownStatus(bureau)).toContain('已送达');
  expect((await api('xw.bureau', 'GET', `/api/enforcement/cases/${caseId}`)).body.closedAt).toBeNull();

  const reports = (await api('xw.bureau', 'GET', `/api/major-case-reports?q=${caseId}`)).body.items as { id: string; caseId: string; trigger: string; openedOn: string; dueDate: string }[];
  const report = reports.find((r) => r.caseId === caseId && r.trigger === 'police')!;
  expect(report).toBeDefined();
  expect(report.dueDate).toBe(addDays(report.openedOn, 7));

  // The bureau writes the report on its page (重大案件报告) …
  await bureau.goto(`${BASE_URL()}/major-case-reports/${report.id}`);
  await bureau.getByTestId('major-case-form').waitFor({ timeout: 30_000 });
  await bureau.getByTestId('major-case-discovery').fill('市医保局组织的专项抽查中发现，由玄武区医保中心认定后移交。');
  await bureau.getByTestId('major-case-facts').fill('该院串换诊疗项目收费620000元。');
  await bureau.getByTestId('major-case-result').fill('责令退回620000元，罚款1240000元，已移送公安机关。');
  await bureau.getByTestId('major-case-basis').fill('《医疗保障基金使用监督管理条例》第三十八条');
  await bureau.getByTestId('major-case-submit').click();
  await bureau.locator('[data-testid="major-case-status"]', { hasText: '待省级审核报送' }).waitFor({ timeout: 20_000 });
  await shot(bureau, 'report-submitted-xw.bureau');
  // … the province checks and sends it, within the week …
  const { page: province } = await signInAs(browser, 'js.official');
  await province.goto(`${BASE_URL()}/major-case-reports/${report.id}`);
  await province.getByTestId('major-case-content').waitFor({ timeout: 30_000 });
  expect(await province.getByTestId('major-case-content').textContent()).toContain('串换诊疗项目收费620000元');
  await province.getByTestId('major-case-send').click();
  await province.getByTestId('major-case-sent').waitFor({ timeout: 20_000 });
  await shot(province, 'report-sent-js.official');
  const sent = (await api('js.official', 'GET', `/api/major-case-reports/${report.id}`)).body as { status: string; sentAt: string };
  expect(sent.status).toBe('sent');
  expect(chinaDayOf(sent.sentAt) <= report.dueDate).toBe(true);
  // … and nhsa.overseer acknowledges it in the national bureau's inbox.
  const { page: overseer } = await signInAs(browser, 'nhsa.overseer');
  await overseer.goto(`${BASE_URL()}/national`);
  const row = overseer.locator(`[data-testid="national-report-row"][data-id="${report.id}"]`);
  await row.waitFor({ timeout: 30_000 });
  await row.getByTestId('national-report-ack').click();
  await overseer.locator(`[data-testid="national-report-row"][data-id="${report.id}"][data-status="acknowledged"]`).waitFor({ timeout: 20_000 });
  await shot(overseer, 'report-acknowledged-nhsa.overseer');
  expect((await api('nhsa.overseer', 'GET', `/api/major-case-reports/${report.id}`)).body.status).toBe('acknowledged');

  // The public enforcement page of Jiangsu (no sign-in) shows the decision, personal data masked.
  const citizen = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })).newPage();
  a11y.watch(citizen);
  await citizen.goto(`${BASE_URL()}/public/enforcement/32`);
  await searchPublic(citizen, stamp);
  const decision = citizen.locator('[data-testid="public-decision"]', { hasText: stamp });
  await decision.waitFor({ timeout: 20_000 });
  const shown = (await decision.textContent()) ?? '';
  expect(shown).toContain('南京玄武康宁医院');
  expect(shown).toContain('1,240,000.00');
  expect(shown).toContain('620,000.00');
  expect(shown).toContain('王**');
  expect(shown).not.toContain('王小明');
  expect(shown).not.toContain('13912345678');
  await citizen.screenshot({ path: join(artifacts, 'enforcement-e2e-public-32.png'), fullPage: true });
}, 600_000);
