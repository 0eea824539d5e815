import { api, eventually } from './stack.js';

// A finding at the Xuanwu hospital, as the browser tests of the findings chain start from it: the
// province's spot-check of every Nanjing hospital (drawn at 100%, so the hospital is certainly in the
// sample), its inspection recorded with one finding and sent — all through the API — and the
// finding as the hospital then sees it.

const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const sha256 = async (s: string) => Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s))).toString('hex');

export interface FindingInput { type: string; description: string; amount: number }

export async function findingAtXuanwuHospital(title: string, secret: string, finding: FindingInput): Promise<{ inspectionId: string; finding: { id: string; status: string } }> {
  const created = await api('js.official', 'POST', '/api/spot-checks', {
    year: Number(chinaDay(0).slice(0, 4)), title, cityCodes: ['3201'], institutionKinds: ['hospital'],
    parameters: { defaultRatio: 1 }, dueDate: chinaDay(30), witnesses: [{ name: '纪检监督员 王敏' }],
  });
  expect(created.status).toBe(201);
  const spotCheckId: string = created.body.id;
  expect((await api('js.official', 'POST', `/api/spot-checks/${spotCheckId}/commit`, { witnessCommitments: [await sha256(secret)] })).status).toBeLessThan(300);
  expect((await api('js.official', 'POST', `/api/spot-checks/${spotCheckId}/draw`, { witnessSecrets: [secret] })).status).toBeLessThan(300);
  const inspections = (await api('js.official', 'GET', `/api/inspections?spotCheckId=${spotCheckId}&pageSize=200`)).body.items as { id: string; institution: { id: string } }[];
  const inspection = inspections.find((i) => i.institution.id === 'inst-320102-0001')!;
  expect(inspection).toBeDefined();
  const detail = (await api('js.official', 'GET', `/api/inspections/${inspection.id}`)).body;
  const recorded = await api('js.official', 'PUT', `/api/inspections/${inspection.id}`, {
    inspectedOn: chinaDay(0),
    checklist: detail.checklistItems.map((item: string) => ({ item, result: 'deficient', note: null })),
    findings: [{ ...finding, clinicianName: null, attachmentIds: [] }],
    attachmentIds: [],
  });
  expect(recorded.status).toBe(200);
  expect((await api('js.official', 'POST', `/api/inspections/${inspection.id}/send`)).status).toBeLessThan(300);
  const found = await eventually('the finding reached the hospital', async () =>
    ((await api('xw.hospital', 'GET', `/api/findings?sourceId=${inspection.id}`)).body.items ?? [])[0] as { id: string; status: string } | undefined, 30_000);
  return { inspectionId: inspection.id, finding: found };
}
