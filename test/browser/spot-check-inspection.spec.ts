import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, pickDay, signInAs } from '../support/browser.js';
import { api, BASE_URL, eventually } from '../support/stack.js';

// Issue 13 (1) in the browser, on the running stack: the province draws a spot-check of Nanjing's
// hospitals at 100% (API: create, commit, draw), so the Xuanwu hospital is certainly drawn; the
// provincial official then records its inspection in the UI — the checklist of focus items (which
// the API sends as checklistItems, the answered checklist being empty until recorded), the date, a
// finding with amount, clinician and an evidence file — saves it and sends it to the hospital, whose
// clerk then has the finding to confirm.

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

const sha256 = async (s: string) => Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s))).toString('hex');

/** A one-page PDF, small but well formed (the store checks the content against the extension). */
function smallPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 12 Tf 10 50 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 12 Tf 10 50 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

it('the provincial official records a drawn hospital’s inspection in the page and sends it; the hospital has the finding', async () => {
  // A spot-check of every hospital in Nanjing, so the Xuanwu hospital is drawn.
  const created = await api('js.official', 'POST', '/api/spot-checks', {
    year, title: `南京市定点医院现场检查记录（${stamp}）`, cityCodes: ['3201'], institutionKinds: ['hospital'],
    parameters: { defaultRatio: 1 }, dueDate: chinaDay(30), witnesses: [{ name: '纪检监督员 王敏' }],
  });
  expect(created.status).toBe(201);
  const spotCheckId: string = created.body.id;
  const secret = `s-${stamp}`;
  expect((await api('js.official', 'POST', `/api/spot-checks/${spotCheckId}/commit`, { witnessCommitments: [await sha256(secret)] })).status).toBeLessThan(300);
  expect((await api('js.official', 'POST', `/api/spot-checks/${spotCheckId}/draw`, { witnessSecrets: [secret] })).status).toBeLessThan(300);
  const inspections = (await api('js.official', 'GET', `/api/inspections?spotCheckId=${spotCheckId}&pageSize=200`)).body.items as { id: string; institution: { id: string } }[];
  const inspectionId = inspections.find((i) => i.institution.id === 'inst-320102-0001')?.id;
  expect(inspectionId).toBeDefined();
  // What the page is given: the items to answer, and no answers yet.
  const assigned = (await api('js.official', 'GET', `/api/inspections/${inspectionId}`)).body;
  expect(assigned.status).toBe('assigned');
  expect(assigned.checklist).toEqual([]);
  const items: string[] = assigned.checklistItems;
  expect(items.length).toBeGreaterThan(1);

  // The official records the inspection in the page.
  const { context, page } = await signInAs(browser, 'js.official', { width: 1366, height: 1600 });
  await page.goto(`${BASE_URL()}/province/spot-checks/inspection/${inspectionId}`);
  await page.getByTestId('inspection-heading').waitFor({ timeout: 15_000 });
  await page.getByTestId('inspection-date').waitFor();
  // Every focus item is offered, in order, before anything is recorded.
  const rows = page.getByTestId('inspection-checklist-item');
  await eventually(`${items.length} checklist rows`, async () => (await rows.count()) === items.length, 10_000);
  expect(await page.getByTestId('inspection-checklist-label').allInnerTexts()).toEqual(items.map((item, i) => `${i + 1}. ${item}`));

  // All items answered, the last one deficient with a note.
  const last = items.length - 1;
  for (let i = 0; i < last; i++) await page.getByTestId(`inspection-result-${i}-compliant`).click();
  await page.getByTestId(`inspection-result-${last}-deficient`).click();
  await page.getByTestId(`inspection-note-${last}`).fill('抽查 30 份病历，发现 6 例串换结算');
  await pickDay(page.getByTestId('inspection-date'), chinaDay(0));

  await page.getByTestId('finding-add').click();
  const finding = page.getByTestId('inspection-finding').first();
  await finding.getByTestId('finding-type').fill('串换药品、耗材和诊疗项目');
  await finding.getByTestId('finding-description').fill('将自费耗材串换为医保目录内耗材结算 6 例');
  await finding.getByTestId('finding-amount').fill('4860.50');
  await finding.getByTestId('finding-clinician').fill('骨科 张某某');
  await finding.getByTestId('finding-upload').setInputFiles({ name: '结算明细.pdf', mimeType: 'application/pdf', buffer: smallPdf('settlement 2 cases') });
  await finding.getByTestId('finding-file').filter({ hasText: '结算明细.pdf' }).waitFor({ timeout: 15_000 });
  await page.getByTestId('inspection-total').filter({ hasText: '4,860.50' }).waitFor();

  await page.getByTestId('inspection-save').click();
  await page.locator('[data-testid="inspection-status"][data-status="recorded"]').waitFor({ timeout: 15_000 });
  await finding.getByTestId('finding-saved-evidence').waitFor();
  expect(await page.getByTestId('inspection-form-error').count()).toBe(0);
  expect(await page.getByTestId('inspection-server-error').count()).toBe(0);

  const recorded = (await api('js.official', 'GET', `/api/inspections/${inspectionId}`)).body;
  expect(recorded.status).toBe('recorded');
  expect(recorded.inspectedOn).toBe(chinaDay(0));
  expect(recorded.checklist.map((c: { item: string }) => c.item)).toEqual(items);
  expect(recorded.checklist.filter((c: { result: string }) => c.result === 'deficient')).toEqual([{ item: items[last], result: 'deficient', note: '抽查 30 份病历，发现 6 例串换结算' }]);
  expect(recorded.findings).toHaveLength(1);
  expect(recorded.findings[0]).toMatchObject({ type: '串换药品、耗材和诊疗项目', amount: 4860.5, clinicianName: '骨科 张某某' });
  expect(recorded.findings[0].attachmentIds).toHaveLength(1);

  // Sent to the hospital after the confirmation.
  const send = page.getByTestId('inspection-send');
  await eventually('send enabled', async () => send.isEnabled(), 10_000);
  await send.click();
  const ok = page.locator('.ant-modal-confirm-btns .ant-btn-primary');
  await ok.waitFor({ timeout: 10_000 });
  await ok.click();
  await page.getByTestId('inspection-sent-at').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid="inspection-status"][data-status="sent"]').waitFor();
  expect(await page.getByTestId('inspection-save').count()).toBe(0);
  expect(await page.getByTestId('inspection-checklist-result').count()).toBe(items.length);
  // The page scrolls inside the layout: show it from its heading, once the confirmation has closed.
  await page.locator('.ant-modal-confirm').waitFor({ state: 'detached', timeout: 10_000 });
  await page.getByTestId('inspection-heading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'spot-check-inspection-sent-js.official.png') });
  await context.close();

  expect((await api('js.official', 'GET', `/api/inspections/${inspectionId}`)).body.status).toBe('sent');
  const received = await eventually('the finding reached the hospital', async () =>
    ((await api('xw.hospital', 'GET', `/api/findings?sourceId=${inspectionId}`)).body.items ?? [])[0], 30_000);
  expect(received).toMatchObject({
    sourceId: inspectionId, type: '串换药品、耗材和诊疗项目', description: '将自费耗材串换为医保目录内耗材结算 6 例',
    amount: 4860.5, clinicianName: '骨科 张某某', status: 'awaiting_confirmation',
  });
  expect(received.attachmentIds).toEqual(recorded.findings[0].attachmentIds);
}, 180_000);
