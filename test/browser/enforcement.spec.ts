import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { a11y, launchChromium, signInAs } from '../support/browser.js';
import { chinaToday, chooseOfficers, openCase, searchPublic, shownStatus, stepsByApi, takeStep } from '../support/enforcement.js';
import { api, BASE_URL } from '../support/stack.js';

// Issue 18's administrative enforcement case (行政执法) in the browser, on the running stack, through the
// real sign-in: xw.bureau proposes a case against 南京玄武康宁医院 (提请立案); xw.leader approves the filing
// (立案) and names the two officers; an officer (xw.bureau) records the interview, notifies the proposed
// penalty and records the party's statement and defence; the legal reviewer (xw.legal, who did not
// investigate) approves the legal review; xw.leader records the collective deliberation and the
// decision; xw.bureau records the service; xw.leader publishes it. The public enforcement page of Jiangsu
// (no sign-in) then shows the decision with the natural persons' names and phone numbers masked, not a
// second case of the same bureau that was served but never published (taken there through the API), and
// Zhejiang's page does not show it.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const stamp = Date.now().toString(36);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `enforcement-${name}.png`), fullPage: true });
}

it('a case from 提请立案 to 执法公示 through its page, each step by its own user; the public page shows it masked, nothing unpublished or from another province', async () => {
  const subject = `串换诊疗项目收费（浏览器测试 ${stamp}）`;
  const facts = `经查，南京玄武康宁医院2026年9月至11月将普通针灸串换为特殊针灸收费，医师王小明经手，联系电话13912345678（${stamp}）。`;

  // xw.bureau proposes the case (提请立案) on the new-case form.
  const { page: bureau } = await signInAs(browser, 'xw.bureau');
  await bureau.goto(`${BASE_URL()}/local/enforcement/new`);
  await bureau.getByTestId('case-subject').waitFor({ timeout: 30_000 });
  await bureau.getByTestId('case-region').fill('320102');
  await bureau.getByTestId('case-institution').fill('inst-320102-0001');
  await bureau.getByTestId('case-subject').fill(subject);
  await bureau.getByTestId('case-facts-input').fill(facts);
  await bureau.getByTestId('case-amount').fill('320000');
  await bureau.getByTestId('case-submit').click();
  await bureau.waitForURL(/\/enforcement\/case\/[^/]+$/, { timeout: 20_000 });
  const caseId = bureau.url().split('/').pop()!;
  await bureau.getByTestId('case-status').waitFor({ timeout: 20_000 });
  expect(await shownStatus(bureau)).toContain('待立案');
  expect(await shownStatus(bureau)).toContain('重大案件');
  // the proposer cannot approve its own filing: the page offers it no step yet
  expect(await bureau.getByTestId('case-step-approve-filing').count()).toBe(0);

  // xw.leader approves the filing (立案) and names the two officers (执法人员不少于两人).
  const { page: leader } = await signInAs(browser, 'xw.leader');
  await openCase(leader, caseId);
  await takeStep(leader, 'approve-filing', { comment: '同意立案调查' }, '调查中', 'approve');
  expect(await leader.getByTestId('case-due').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // The officers are chosen among the people of the bureau (both have signed in by now).
  await chooseOfficers(leader, ['钱海燕', '周文斌']);
  await takeStep(leader, 'officers', {}, '调查中');
  expect(await leader.getByTestId('case-officers').textContent()).toContain('钱海燕、周文斌');
  await shot(leader, 'filed-xw.leader');

  // The officer xw.bureau records the interview, notifies the proposed penalty, records the statement.
  await openCase(bureau, caseId);
  await takeStep(bureau, 'records', { kind: 'interview', title: '询问笔录（医保办负责人）', summary: '该院医保办负责人承认将普通针灸按特殊针灸收费。' }, '调查中');
  await takeStep(bureau, 'notice', { proposedPenalty: '160000.00', proposedRecovery: '80000.00', legalBasis: '《医疗保障基金使用监督管理条例》第三十八条' }, '已告知待陈述申辩');
  await takeStep(bureau, 'statement', { statement: '当事人对违法事实无异议', defence: '请求从轻处罚，已主动退回部分费用' }, '已告知待陈述申辩');
  expect(await bureau.getByTestId('case-statement').textContent()).toContain('请求从轻处罚');
  // an officer of the case is never offered the legal review
  expect(await bureau.getByTestId('case-step-legal-review').count()).toBe(0);
  await shot(bureau, 'statement-xw.bureau');

  // The legal reviewer (xw.legal, who did not investigate) approves the legal review (法制审核).
  const { page: reviewer } = await signInAs(browser, 'xw.legal');
  await openCase(reviewer, caseId);
  await takeStep(reviewer, 'legal-review', { opinion: '事实清楚，证据确凿，程序合法，处罚适当' }, '已法制审核', 'approve');
  expect(await reviewer.getByTestId('case-legal-review').textContent()).toContain('事实清楚');
  await shot(reviewer, 'legal-review-xw.legal');

  // xw.leader: the collective deliberation (a major case) and the decision.
  await openCase(leader, caseId);
  await takeStep(leader, 'deliberation', { participants: '周文斌\n钱海燕\n郑立新', minutes: '集体讨论认为事实清楚，当事人主动退费，可从轻处罚。', conclusion: '同意罚款并追回' }, '已集体讨论');
  await takeStep(leader, 'decision', { penaltyAmount: '150000.00', recoveryAmount: '80000.00', legalBasis: '《医疗保障基金使用监督管理条例》第三十八条', summary: `责令退回医保基金8万元，并处罚款15万元（${stamp}）。` }, '已作出决定');
  expect(await leader.getByTestId('case-decision').textContent()).toContain('150,000.00');

  // xw.bureau records the service (送达); xw.leader publishes the decision (执法公示).
  await openCase(bureau, caseId);
  await takeStep(bureau, 'service', { method: '直接送达', recipient: '南京玄武康宁医院', servedOn: chinaToday() }, '已送达');
  await openCase(leader, caseId);
  await takeStep(leader, 'publication', {}, '已送达');
  await leader.locator('[data-testid="case-status"]', { hasText: '已公示' }).waitFor({ timeout: 15_000 });
  const timeline = (await leader.getByTestId('case-timeline').textContent()) ?? '';
  for (const who of ['钱海燕', '周文斌', '郑立新']) expect(timeline).toContain(who);
  // each step named in the reader's language, not by the backend's code
  for (const step of ['提请立案', '批准立案', '指派执法人员', '询问笔录', '法制审核通过', '集体讨论', '执法公示']) expect(timeline).toContain(step);
  expect(timeline).not.toMatch(/officers_assigned|record_interview|legal_review_approved/);
  await shot(leader, 'published-xw.leader');

  // A second case of the same bureau, served but never published (the API: not this test's point).
  const hidden = await api('xw.bureau', 'POST', '/api/enforcement/cases', {
    source: 'other', regionCode: '320102', institutionOrgId: 'inst-320102-0001', subject: `未公示案件（浏览器测试 ${stamp}）`, facts: '未公示的案件事实。', amountInvolved: '20000',
  });
  expect(hidden.status).toBe(201);
  expect((await stepsByApi(hidden.body.id as string, 'approve-filing', 'service')).status).toBe('served');

  // The public page of Jiangsu, no sign-in: the published decision, masked; not the unpublished one.
  const citizen = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })).newPage();
  a11y.watch(citizen);
  await citizen.goto(`${BASE_URL()}/public/enforcement/32`);
  await searchPublic(citizen, stamp);
  const decision = citizen.locator('[data-testid="public-decision"]', { hasText: subject });
  await decision.waitFor({ timeout: 20_000 });
  expect(await citizen.locator('[data-testid="public-decision"]').count()).toBe(1);
  const shown = (await decision.textContent()) ?? '';
  expect(shown).toContain('南京玄武康宁医院');
  expect(shown).toContain('医师王**经手');
  expect(shown).toContain('139********');
  expect(shown).not.toContain('王小明');
  expect(shown).not.toContain('13912345678');
  expect(shown).toContain('150,000.00');
  expect(shown).toContain('南京市玄武区医疗保障局');
  expect(shown).not.toContain('未公示案件');
  // dated by its day in China
  expect((await decision.getByTestId('public-decided-on').textContent())?.trim()).toBe(chinaToday());
  await citizen.screenshot({ path: join(artifacts, 'enforcement-public-32.png'), fullPage: true });

  // Zhejiang's public page does not show Jiangsu's decision.
  await citizen.goto(`${BASE_URL()}/public/enforcement/33`);
  await searchPublic(citizen, stamp);
  await citizen.getByTestId('public-none').waitFor({ timeout: 20_000 });
  expect(await citizen.locator('[data-testid="public-decision"]').count()).toBe(0);
}, 420_000);
