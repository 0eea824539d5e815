import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { MarkDocumentRequestOverdueCommand } from '../../src/contexts/spot-checks/application/document-request.commands.js';
import { withTestApp, uploadPdf, type TestApp } from '../support/app.js';
import { actorOf, type TestUser, USERS } from '../support/tokens.js';

// Document requests of an inspection (调取资料, issue 13 §3) over HTTP on real PostgreSQL: the
// inspecting agency asks the institution for documents with a deadline (a notification, the
// DocumentRequested event starting its workflow through the outbox); the institution sees and answers
// it before the inspection's result is sent, with its own uploads as evidence; bad input, another
// agency, another institution are refused and nothing is written; the overdue step flags once and a
// late answer is accepted and stays flagged.

let t: TestApp;
const today = chinaDateOf(new Date());
const XW = USERS.xuanwu as TestUser;
const NJ = USERS.nanjing as TestUser;
const GUSU = USERS.gusu as TestUser;
const HOSPITAL = USERS.hospital as TestUser;
const CLINIC = USERS.clinic as TestUser;
const XW_BUREAU: TestUser = { ...XW, sub: 'u-xwb', username: 'xw.bureau', orgId: 'bureau-320102', orgKind: 'bureau' };

const { owner, count } = withTestApp((app) => (t = app));

const upload = (user: TestUser, name: string) => uploadPdf(t, user, name);

async function schedule(user: TestUser, institutionId: string): Promise<{ id: string; checklistItems: string[] }> {
  const team = (await owner<{ id: string }>(`select id from inspector where organization_id = $1 and active order by id`, [user.orgId])).map((r) => r.id);
  const created = await t.call(user, 'POST', '/api/inspections', { institutionId, plannedOn: addCalendarDays(today, 3), teamInspectorIds: team.slice(0, 2) });
  expect(created.status).toBe(201);
  return created.body;
}

/** Everything a refused request must leave as it was. */
async function written(): Promise<string> {
  const [r] = await owner<{ s: string }>(
    `select (select count(*) from inspection_document_request) || '/' ||
            (select coalesce(string_agg(id::text || status || overdue::text || coalesce(answer, '') || attachment_ids::text, ',' order by id), '') from inspection_document_request) || '/' ||
            (select count(*) from outbox_message where aggregate_type = 'InspectionDocumentRequest') || '/' ||
            (select count(*) from notification) as s`);
  return r!.s;
}

const ITEMS = '2026年10月至11月住院病历（含医嘱、护理记录）；同期药品进销存台账';

describe('the agency asks, the institution answers', () => {
  let inspectionId = '';
  let requestId = '';

  it('asks the institution for documents: a notification, the DocumentRequested event starting the workflow', async () => {
    inspectionId = (await schedule(XW, HOSPITAL.orgId)).id;
    const due = addCalendarDays(today, 7);
    const res = await t.call(XW, 'POST', `/api/inspections/${inspectionId}/document-requests`, { items: `  ${ITEMS}  `, dueDate: due });
    expect(res.status).toBe(201);
    requestId = res.body.id;
    expect(res.body).toMatchObject({
      inspectionId, institution: { id: HOSPITAL.orgId }, agency: { id: 'agency-320102' }, items: ITEMS, dueDate: due,
      status: 'requested', overdue: false, answer: null, attachmentIds: [], requestedBy: XW.username, answeredAt: null,
    });
    const [message] = await owner<{ dispatch: any; payload: any }>(
      `select dispatch, payload from outbox_message where event_type = 'DocumentRequested' and aggregate_id = $1`, [requestId]);
    expect(message!.dispatch).toMatchObject({ kind: 'start', workflowType: 'documentRequestWorkflow', workflowId: `inspection-document-request-${requestId}` });
    // The workflow's clock: the first instant after the due day, China time.
    expect(message!.payload.input).toMatchObject({ requestId, inspectionId, dueAt: new Date(Date.parse(`${addCalendarDays(due, 1)}T00:00:00+08:00`)).toISOString() });
    const [note] = await owner<{ link: string; body_zh: string }>(`select link, body_zh from notification where owner_org_id = $1 and dedupe_key = $2`,
      [HOSPITAL.orgId, `document-request-${requestId}`]);
    expect(note).toMatchObject({ link: '/institution/document-requests' });
    expect(note!.body_zh).toContain('住院病历');

    // The agency lists the inspection's requests.
    const mine = await t.call(XW, 'GET', `/api/inspections/${inspectionId}/document-requests`);
    expect(mine.status).toBe(200);
    expect(mine.body.map((r: { id: string }) => r.id)).toEqual([requestId]);
  });

  it('the institution sees its request before the result is sent (not the inspection)', async () => {
    expect((await t.call(HOSPITAL, 'GET', `/api/inspections/${inspectionId}`)).status).toBe(404);
    expect((await t.call(HOSPITAL, 'GET', `/api/inspections/${inspectionId}/document-requests`)).status).toBe(404);
    const list = await t.call(HOSPITAL, 'GET', '/api/inspection-document-requests?status=requested');
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(requestId);
    expect(list.body.items.find((r: { id: string }) => r.id === requestId)).toMatchObject({ agency: { id: 'agency-320102', name: expect.any(String) }, institution: { id: HOSPITAL.orgId } });
    expect(list.body.items.every((r: { institution: { id: string } }) => r.institution.id === HOSPITAL.orgId)).toBe(true);
  });

  it('refuses bad input, other agencies and other institutions, writing nothing', async () => {
    const before = await written();
    const post = (user: TestUser, body: unknown, id = inspectionId) => t.call(user, 'POST', `/api/inspections/${id}/document-requests`, body);
    const due = addCalendarDays(today, 7);

    const empty = await post(XW, { items: '   ', dueDate: due });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'document_request_items_invalid', details: { field: 'items' } });
    expect(empty.body.error.message.zh).toContain('资料');
    expect(empty.body.error.message.en).toContain('documents');
    expect((await post(XW, { items: 'x'.repeat(2001), dueDate: due })).body.error).toMatchObject({ code: 'document_request_items_invalid', details: { field: 'items' } });
    expect((await post(XW, { items: 42, dueDate: due })).body.error.code).toBe('document_request_items_invalid');
    expect((await post(XW, { dueDate: due })).body.error.code).toBe('document_request_items_invalid');

    for (const dueDate of [today, addCalendarDays(today, -1), addCalendarDays(today, 61), '2026-02-30', '20261231', null]) {
      const res = await post(XW, { items: ITEMS, dueDate });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'document_request_due_date_invalid', details: { field: 'dueDate', latest: addCalendarDays(today, 60) } });
      expect(res.body.error.message.zh).toContain('60');
    }
    // An unknown field is refused by the pipe.
    expect((await post(XW, { items: ITEMS, dueDate: due, extra: 1 })).body.error.code).toBe('invalid_request');

    // Another county's agency cannot see the inspection; the county bureau sees it but does not inspect; institutions do not ask.
    expect((await post(GUSU, { items: ITEMS, dueDate: due })).status).toBe(404);
    const bureau = await post(XW_BUREAU, { items: ITEMS, dueDate: due });
    expect(bureau.status).toBe(403);
    expect(bureau.body.error.code).toBe('document_request_forbidden');
    expect(bureau.body.error.message.zh).toContain('实施检查');
    expect((await post(HOSPITAL, { items: ITEMS, dueDate: due })).status).toBe(403);
    // The city agency sees the county's inspection but is not its inspecting agency.
    expect((await post(NJ, { items: ITEMS, dueDate: due })).body.error.code).toBe('document_request_forbidden');
    expect((await post(XW, { items: ITEMS, dueDate: due }, 'not-a-uuid')).status).toBe(404);

    // Answers: another institution does not see the request, an agency does not answer, bad answers.
    const answer = (user: TestUser, body: unknown) => t.call(user, 'POST', `/api/inspection-document-requests/${requestId}/answer`, body);
    expect((await answer(CLINIC, { answer: '见附件', attachmentIds: [] })).status).toBe(404);
    expect((await answer(XW, { answer: '见附件', attachmentIds: [] })).status).toBe(403);
    const blank = await answer(HOSPITAL, { answer: '', attachmentIds: [] });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toMatchObject({ code: 'document_request_answer_invalid', details: { field: 'answer' } });
    expect((await answer(HOSPITAL, { answer: 'x'.repeat(2001) })).body.error.code).toBe('document_request_answer_invalid');
    const theirs = await upload(CLINIC, 'clinic.pdf');
    const foreign = await answer(HOSPITAL, { answer: '病历已扫描上传。', attachmentIds: [theirs] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ code: 'attachment_unknown', details: { field: 'attachmentIds', attachmentIds: [theirs] } });
    expect(foreign.body.error.message.zh).toContain('本机构上传');
    expect((await answer(HOSPITAL, { answer: '病历已扫描上传。', attachmentIds: ['junk'] })).body.error).toMatchObject({ code: 'attachment_unknown', details: { attachmentIds: ['junk'] } });
    expect((await answer(HOSPITAL, { answer: '病历已扫描上传。', attachmentIds: 'junk' })).body.error.code).toBe('attachment_unknown');
    expect((await t.call(HOSPITAL, 'GET', '/api/inspection-document-requests?status=bogus')).body.error).toMatchObject({ code: 'document_request_status_invalid', details: { field: 'status' } });

    // The clinic's upload is a row of its own; nothing else changed.
    await owner(`delete from attachment where id = $1`, [theirs]);
    expect(await written()).toBe(before);
  });

  it('the institution answers with its own uploads; the agency is told and the workflow gets the update', async () => {
    const evidence = [await upload(HOSPITAL, '住院病历.pdf'), await upload(HOSPITAL, '进销存台账.pdf')];
    const res = await t.call(HOSPITAL, 'POST', `/api/inspection-document-requests/${requestId}/answer`, { answer: ' 病历和台账已扫描上传。 ', attachmentIds: [...evidence, evidence[0]] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: requestId, status: 'answered', overdue: false, answer: '病历和台账已扫描上传。', attachmentIds: evidence });
    expect(res.body.answeredAt).not.toBeNull();
    const [message] = await owner<{ dispatch: any }>(`select dispatch from outbox_message where event_type = 'DocumentRequestAnswered' and aggregate_id = $1`, [requestId]);
    expect(message!.dispatch).toMatchObject({ kind: 'update', workflowId: `inspection-document-request-${requestId}`, update: 'documentRequestTransition', args: [{ action: 'answered' }] });
    const [note] = await owner<{ link: string; title_zh: string }>(`select link, title_zh from notification where owner_org_id = 'agency-320102' and dedupe_key = $1`,
      [`document-request-answered-${requestId}`]);
    expect(note!.link).toBe(`/inspections/${inspectionId}`);
    expect(note!.title_zh).not.toContain('逾期');

    const again = await t.call(HOSPITAL, 'POST', `/api/inspection-document-requests/${requestId}/answer`, { answer: '补充', attachmentIds: [] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('document_request_answered');
    const agency = await t.call(XW, 'GET', `/api/inspections/${inspectionId}/document-requests`);
    expect(agency.body[0]).toMatchObject({ status: 'answered', answer: '病历和台账已扫描上传。', attachmentIds: evidence });
    // The agency opens the evidence.
    const file = await fetch(`${t.baseUrl}/api/attachments/${evidence[0]}`, { headers: { authorization: `Bearer ${await t.keys.token(XW)}` } });
    expect(file.status).toBe(200);
    expect(await file.text()).toContain('住院病历.pdf');
    expect((await t.call(HOSPITAL, 'GET', '/api/inspection-document-requests?status=answered')).body.items.map((r: { id: string }) => r.id)).toContain(requestId);
    expect((await t.call(HOSPITAL, 'GET', '/api/inspection-document-requests?status=requested')).body.items.map((r: { id: string }) => r.id)).not.toContain(requestId);
  });

  it('no more requests once the result is sent', async () => {
    const { id, checklistItems } = await schedule(XW, CLINIC.orgId);
    const recorded = await t.call(XW, 'PUT', `/api/inspections/${id}`, {
      inspectedOn: today, checklist: checklistItems.map((item) => ({ item, result: 'compliant', note: null })), findings: [], attachmentIds: [],
    });
    expect(recorded.status).toBe(200);
    expect((await t.call(XW, 'POST', `/api/inspections/${id}/send`)).status).toBe(200);
    const before = await written();
    const refused = await t.call(XW, 'POST', `/api/inspections/${id}/document-requests`, { items: ITEMS, dueDate: addCalendarDays(today, 5) });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('document_request_inspection_sent');
    expect(await written()).toBe(before);
  });
});

describe('tenancy of the lists', () => {
  it('each institution its own; each agency its region (the city agency its counties)', async () => {
    const { id } = await schedule(XW, CLINIC.orgId);
    const asked = await t.call(XW, 'POST', `/api/inspections/${id}/document-requests`, { items: '门诊日志', dueDate: addCalendarDays(today, 10) });
    expect(asked.status).toBe(201);
    const ids = (body: { items: { id: string }[] }) => body.items.map((r) => r.id);
    expect(ids((await t.call(CLINIC, 'GET', '/api/inspection-document-requests')).body)).toEqual([asked.body.id]);
    expect(ids((await t.call(HOSPITAL, 'GET', '/api/inspection-document-requests')).body)).not.toContain(asked.body.id);
    expect(ids((await t.call(XW, 'GET', '/api/inspection-document-requests')).body)).toContain(asked.body.id);
    expect(ids((await t.call(NJ, 'GET', '/api/inspection-document-requests')).body)).toContain(asked.body.id);
    expect((await t.call(GUSU, 'GET', '/api/inspection-document-requests')).body).toEqual({ items: [], total: 0 });
    expect((await t.call(GUSU, 'GET', `/api/inspection-document-requests/${asked.body.id}`)).status).toBe(404);
    expect((await t.call(GUSU, 'GET', `/api/inspections/${id}/document-requests`)).status).toBe(404);
    expect((await t.call(USERS.pharmacy as TestUser, 'POST', `/api/inspection-document-requests/${asked.body.id}/answer`, { answer: '无' })).status).toBe(404);
  });
});

describe('the overdue step', () => {
  it('flags once after the due day, tells the agency; a late answer is accepted and stays flagged', async () => {
    const { id } = await schedule(XW, HOSPITAL.orgId);
    const asked = await t.call(XW, 'POST', `/api/inspections/${id}/document-requests`, { items: '收费明细', dueDate: addCalendarDays(today, 1) });
    const requestId: string = asked.body.id;
    const commands = t.app.get(Commands);
    // The workflow runs the step at the first instant after the due day (it owns the clock, ADR 0007).
    await owner(`update inspection_document_request set due_date = $2::date where id = $1`, [requestId, addCalendarDays(today, -1)]);
    expect(await commands.execute(new MarkDocumentRequestOverdueCommand(actorOf(XW), requestId))).toBe(true);
    expect(await commands.execute(new MarkDocumentRequestOverdueCommand(actorOf(XW), requestId))).toBe(false);
    expect(await count(`select count(*) from outbox_message where event_type = 'DocumentRequestOverdue' and aggregate_id = $1`, [requestId])).toBe(1);
    expect(await count(`select count(*) from notification where owner_org_id = 'agency-320102' and dedupe_key = $1`, [`document-request-overdue-${requestId}`])).toBe(1);
    const [row] = await owner<{ overdue: boolean; version: number }>(`select overdue, version from inspection_document_request where id = $1`, [requestId]);
    expect(row).toMatchObject({ overdue: true, version: 2 });

    const late = await t.call(HOSPITAL, 'POST', `/api/inspection-document-requests/${requestId}/answer`, { answer: '逾期补交收费明细。', attachmentIds: [] });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ status: 'answered', overdue: true });
    expect(await count(`select count(*) from notification where owner_org_id = 'agency-320102' and title_zh like '%逾期提交%' and dedupe_key = $1`,
      [`document-request-answered-${requestId}`])).toBe(1);
    // Answered: the step has nothing to do.
    expect(await commands.execute(new MarkDocumentRequestOverdueCommand(actorOf(XW), requestId))).toBe(false);
  });
});
