import type { Page } from 'playwright-core';
import { chooseOption } from './browser.js';
import { api, BASE_URL, tokenFor } from './stack.js';

// The enforcement case's page (行政执法, frontend/src/app/enforcement/case-detail.ts) driven as its users
// drive it: each step is a form of named fields and a submit (or approve/refuse) button; the page
// answers with the case in its new status.

/** The Keycloak user id (`sub`) of a demo user, as the case's officers are named by it. */
export async function userIdOf(username: string): Promise<string> {
  const token = await tokenFor(username);
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
}

/** Opens the case's page (the resource link /enforcement/<id> leads to the reader's section). */
export async function openCase(page: Page, caseId: string): Promise<void> {
  await page.goto(`${BASE_URL()}/enforcement/${caseId}`);
  await page.getByTestId('case-status').waitFor({ timeout: 30_000 });
}

/** The case's status as its page shows it. */
export async function shownStatus(page: Page): Promise<string> {
  return ((await page.getByTestId('case-status').textContent()) ?? '').trim();
}

/**
 * Takes one step on the open case's page: fills its fields (`case-<step>-<field>`), presses its button
 * (`submit`, or `approve`/`refuse` on the two-button steps), checks the API accepted it and waits for the
 * status the step leads to.
 */
export async function takeStep(page: Page, step: string, fields: Record<string, string>, expectStatus: string, button: 'submit' | 'approve' | 'refuse' = 'submit'): Promise<void> {
  await page.getByTestId(`case-step-${step}`).waitFor({ timeout: 20_000 });
  for (const [name, value] of Object.entries(fields)) await page.getByTestId(`case-${step}-${name}`).fill(value);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/${step}`), { timeout: 20_000 }),
    page.getByTestId(`case-${step}-${button}`).click(),
  ]);
  if (answer.status() !== 200) throw new Error(`step ${step}: ${answer.status()} ${await answer.text()}`);
  await page.locator('[data-testid="case-status"]', { hasText: expectStatus }).waitFor({ timeout: 20_000 });
}

/** Chooses the case's officers by name in the officers' select (the people of the case's bureau who have signed in). */
export async function chooseOfficers(page: Page, names: readonly string[]): Promise<void> {
  const select = page.getByTestId('case-officers-officers');
  await select.waitFor({ timeout: 20_000 });
  for (const name of names) await chooseOption(page, select, name);
  await page.keyboard.press('Escape');
}

/** Today in China (YYYY-MM-DD), the day a service is recorded on. */
export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The steps of a case in order, who takes each and the body the API reads (the API path for a step that is not a test's point). */
export async function caseSteps(): Promise<readonly { step: string; by: string; body: Record<string, unknown> }[]> {
  const officers = [{ userId: await userIdOf('xw.bureau'), name: '钱海燕' }, { userId: await userIdOf('xw.leader'), name: '周文斌' }];
  return [
    { step: 'approve-filing', by: 'xw.leader', body: { approve: true, comment: '同意立案' } },
    { step: 'officers', by: 'xw.leader', body: { officers } },
    { step: 'records', by: 'xw.bureau', body: { kind: 'interview', title: '询问笔录', summary: '询问该院医保办负责人，承认串换收费。' } },
    { step: 'notice', by: 'xw.bureau', body: { proposedPenalty: '100000.00', proposedRecovery: '50000.00', legalBasis: '《医疗保障基金使用监督管理条例》第三十八条' } },
    { step: 'statement', by: 'xw.bureau', body: { statement: '当事人放弃陈述申辩', hearingRequested: false } },
    { step: 'legal-review', by: 'xw.legal', body: { approve: true, opinion: '事实清楚，证据确凿，程序合法' } },
    { step: 'deliberation', by: 'xw.leader', body: { participants: ['周文斌', '钱海燕', '郑立新'], minutes: '讨论记录', conclusion: '同意处罚' } },
    { step: 'decision', by: 'xw.leader', body: { penaltyAmount: '100000.00', recoveryAmount: '50000.00', legalBasis: '《医疗保障基金使用监督管理条例》第三十八条', summary: '罚款并追回' } },
    { step: 'service', by: 'xw.bureau', body: { method: '直接送达', recipient: '南京玄武康宁医院', servedOn: chinaToday() } },
    { step: 'publication', by: 'xw.leader', body: {} },
  ];
}

/** Takes the case's steps through the API, from `from` up to and including `to` (each must answer 200). */
export async function stepsByApi(caseId: string, from: string, to: string): Promise<Record<string, unknown>> {
  const steps = await caseSteps();
  const first = steps.findIndex((s) => s.step === from);
  const last = steps.findIndex((s) => s.step === to);
  if (first < 0 || last < first) throw new Error(`no steps from ${from} to ${to}`);
  let kase: Record<string, unknown> = {};
  for (const s of steps.slice(first, last + 1)) {
    const res = await api(s.by, 'POST', `/api/enforcement/cases/${caseId}/${s.step}`, s.body);
    if (res.status !== 200) throw new Error(`step ${s.step} by ${s.by}: ${res.status} ${JSON.stringify(res.body)}`);
    kase = res.body;
  }
  return kase;
}

/** Types `q` into the public page's search and waits for the page's answer to it. */
export async function searchPublic(page: Page, q: string): Promise<void> {
  await page.getByTestId('public-q').waitFor({ timeout: 30_000 });
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/public/enforcement/') && new URL(r.url()).searchParams.get('q') === q, { timeout: 20_000 }),
    page.getByTestId('public-q').fill(q),
  ]);
  // (a dev stack shared by several test runs may rate-limit anonymous requests: say so rather than time out)
  if (answer.status() !== 200) throw new Error(`the public page's search answered ${answer.status()}: ${await answer.text()}`);
  // the page has rendered the answer: every decision shown matches the search
  await page.waitForFunction(`[...document.querySelectorAll('[data-testid="public-decision"]')].every((d) => d.textContent.includes(${JSON.stringify(q)}))`, undefined, { timeout: 10_000 });
}
