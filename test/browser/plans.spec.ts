import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signInAs } from '../support/browser.js';
import { api, BASE_URL } from '../support/stack.js';

// Issue 3 in the browser, with the city's two steps (seed 002 一(一) 上报市医保处基金稽核科汇总后报市局
// 备案): a county clerk (Xuanwu, xw.staff) drafts and submits the year's plan; the city agency's
// fund-audit section (nj.agency) reviews it from its queue and forwards it (汇总上报) — it cannot file
// it; the city bureau (nj.bureau) files it from its own queue; the city's filing board shows it filed.

let browser: Browser;
const artifacts = process.env.ARTIFACTS_DIR ?? '.data/test-artifacts';
const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const signIn = async (username: string): Promise<Page> => (await signInAs(browser, username)).page;

it('the county drafts and submits its plan, the city agency forwards it, the city bureau files it, and the filing board shows it filed', async () => {
  expect((await api('js.official', 'POST', '/api/plan-cycles', { year })).status).toBe(201);
  const [plan] = (await api('xw.staff', 'GET', `/api/plans?year=${year}`)).body.items;
  expect(plan.unitId).toBe('agency-320102');

  // The county clerk drafts the plan and its 配档表 in the browser.
  const county = await signIn('xw.staff');
  await county.goto(`${BASE_URL()}/local/annual-plans/mine?year=${year}`);
  await county.getByTestId('plan-add-target-onsite_checks').click();
  await county.locator('[data-testid="plan-target-value-0"] input').fill('24');
  // Options are picked by their text: a dropdown that is still closing must not catch the click.
  await county.getByTestId('plan-focus-areas').click();
  await county.locator('.ant-select-item-option').filter({ hasText: '挂床住院' }).click();
  await county.keyboard.press('Escape');
  await county.locator('.ant-select-item-option').filter({ hasText: '挂床住院' }).waitFor({ state: 'hidden' });
  await county.getByTestId('plan-methods').fill('双随机抽查与智能监控疑点核查相结合。');
  await county.getByTestId('plan-steps').fill('按季度推进，年底总结。');
  if (!(await county.getByTestId('plan-person-name-0').count())) await county.getByTestId('plan-add-person').click();
  await county.getByTestId('plan-person-name-0').fill('王芳');
  await county.getByTestId('plan-person-title-0').fill('基金监管科科长');
  if (!(await county.getByTestId('schedule-title-0').count())) await county.getByTestId('schedule-add-task').click();
  await county.getByTestId('schedule-title-0').fill('定点药店现场检查');
  await county.getByTestId('schedule-owner-0').fill('基金监管科');
  await county.getByTestId('schedule-target-0').click();
  await county.locator('.ant-select-item-option').filter({ hasText: '现场检查家次' }).click();
  for (let m = 1; m <= 12; m++) await county.getByTestId(`schedule-cell-0-${m}`).fill('2');
  // The grid has taken every month once its row total shows the year's 24.
  await county.getByTestId('schedule-total-0').filter({ hasText: '24' }).waitFor();
  await county.getByTestId('plan-save').click();
  try {
    await county.locator('[data-testid="plan-status"][data-status="draft"]').waitFor({ timeout: 15_000 });
  } catch (err) {
    await county.screenshot({ path: join(artifacts, 'plan-save-failed-xw.staff.png'), fullPage: true });
    throw err;
  }
  await county.getByTestId('plan-submit').click();
  await county.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await county.locator('[data-testid="plan-status"][data-status="submitted"]').waitFor({ timeout: 15_000 });
  await county.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
  await county.getByTestId('plan-awaiting-notice').filter({ hasText: '基金稽核科' }).waitFor({ timeout: 10_000 });
  await county.evaluate('window.scrollTo(0, 0)');
  await county.screenshot({ path: join(artifacts, 'plan-submitted-xw.staff.png') });
  await county.context().close();

  // The city bureau cannot act before the agency has forwarded it.
  expect((await api('nj.bureau', 'GET', `/api/plans/review-queue?year=${year}`)).body.items.map((p: { id: string }) => p.id)).not.toContain(plan.id);
  expect((await api('nj.bureau', 'POST', `/api/plans/${plan.id}/file`, {})).body.error.code).toBe('plan_not_forwarded');

  // The city agency reviews it and forwards it (汇总上报): it has no 备案 button.
  const agency = await signIn('nj.agency');
  await agency.goto(`${BASE_URL()}/local/annual-plans/review?year=${year}`);
  await agency.locator(`[data-testid="review-row"][data-id="${plan.id}"] [data-testid="review-link"]`).click();
  await agency.getByTestId('plan-forward').waitFor({ timeout: 15_000 });
  expect(await agency.getByTestId('plan-file').count()).toBe(0);
  await agency.getByTestId('plan-forward').click();
  await agency.getByTestId('plan-forward-comment').fill('经审核，目标与配档表合理，汇总上报。');
  await agency.locator('.ant-modal-footer .ant-btn-primary').click();
  await agency.locator('[data-testid="plan-status"][data-status="forwarded"]').waitFor({ timeout: 15_000 });
  await agency.getByTestId('plan-review-step').filter({ hasText: '待市医保局备案' }).waitFor({ timeout: 10_000 });
  await agency.screenshot({ path: join(artifacts, 'plan-forwarded-nj.agency.png'), fullPage: true });
  await agency.context().close();
  expect((await api('nj.agency', 'POST', `/api/plans/${plan.id}/file`, {})).body.error.code).toBe('plan_file_forbidden');

  // The city bureau files it from its queue.
  const bureau = await signIn('nj.bureau');
  await bureau.goto(`${BASE_URL()}/local/annual-plans/review?year=${year}`);
  await bureau.locator(`[data-testid="review-row"][data-id="${plan.id}"] [data-testid="review-link"]`).click();
  await bureau.getByTestId('plan-file').click();
  await bureau.getByTestId('plan-file-comment').fill('同意备案。');
  await bureau.locator('.ant-modal-footer .ant-btn-primary').click();
  await bureau.locator('[data-testid="plan-status"][data-status="filed"]').waitFor({ timeout: 15_000 });

  await bureau.goto(`${BASE_URL()}/local/annual-plans/board?year=${year}`);
  const row = bureau.locator('[data-testid="board-row"][data-region="320102"]');
  await row.waitFor({ timeout: 15_000 });
  await row.locator('[data-testid="plan-status"][data-status="filed"]').waitFor({ timeout: 15_000 });
  await bureau.getByTestId('board-chart').waitFor();
  await bureau.screenshot({ path: join(artifacts, 'plan-board-nj.bureau.png'), fullPage: true });
  await bureau.context().close();

  const filed = (await api('nj.bureau', 'GET', `/api/plans/${plan.id}`)).body;
  expect(filed.status).toBe('filed');
  // The users' steps in order; after 15 May the workflow also flags the year's plan overdue at once (its
  // entry lands wherever the clock step ran), so it is left out of the sequence.
  expect(filed.history.map((h: { action: string }) => h.action).filter((a: string) => a !== 'overdue'))
    .toEqual(['opened', 'draft', 'submit', 'forward', 'file']);
});
