import pg from 'pg';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { addCalendarDays, addWorkingDays, chinaDateOf, chinaInstant } from '../../src/platform/calendar/working-days.js';
import { DeemFindingsConfirmedCommand, MarkDecisionRectificationOverdueCommand } from '../../src/contexts/findings/application/commands.js';
import { withTestApp, uploadPdf, type TestApp } from '../support/app.js';
import { insertDrawnSpotCheck, inspectAndSend as inspectAndSendDrawn } from '../support/inspections.js';
import { actorOf, type TestUser, USERS } from '../support/tokens.js';

// Issue 5 over HTTP (docs/api/findings-and-disputes.md): an inspection sent → its findings raised
// with the 5-working-day deadline (and the feedback workflow's start in the outbox) → confirm,
// appeal (reasons, evidence) and the agency's review → the deadline: late answers refused, silence
// deemed confirmed by the workflow's step → handling decisions: minor (effective at once), major
// (legal review by a second user, reported to the county bureau), refused, suspension with
// rectification (rejected, overdue, accepted) → tenancy throughout.

let t: TestApp;
const today = chinaDateOf(new Date());
const yesterday = addCalendarDays(today, -1);
const province = USERS.province as TestUser;
const XW = USERS.xuanwu as TestUser;
const XW_LEGAL: TestUser = { ...USERS.xuanwu, sub: 'u-xw-legal', username: 'xw.reviewer' };
const XW_BUREAU: TestUser = { sub: 'u-xwb', username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const HOSPITAL = USERS.hospital as TestUser;
const CLINIC = USERS.clinic as TestUser;
const CHECKLIST_ITEM = '医保基金使用内部管理制度';

const clock = <R>(cmd: Parameters<Commands['execute']>[0]) => t.app.get(Commands).execute(cmd) as Promise<R>;
const { owner } = withTestApp((app) => (t = app));

async function inbox(user: TestUser): Promise<string[]> {
  const res = await t.call(user, 'GET', '/api/notifications');
  return res.body.items.map((n: { titleZh: string }) => n.titleZh);
}

const upload = (user: TestUser, name: string) => uploadPdf(t, user, name);

async function outbox(eventType: string, aggregateId: string): Promise<any[]> {
  return (await owner<{ dispatch: any }>(`select dispatch from outbox_message where event_type = $1 and aggregate_id = $2 order by seq`, [eventType, aggregateId]))
    .map((r) => r.dispatch);
}

let spotCheckId = '';

/** A drawn spot-check's inspection of the institution (rows as the draw writes them), recorded and sent over HTTP. */
async function inspectAndSend(institutionId: string, findings: { type: string; description: string; amount: number; clinicianName?: string }[]): Promise<{ id: string; sentAt: string }> {
  const title = '问题确认测试抽查';
  spotCheckId ||= await insertDrawnSpotCheck(t, title, CHECKLIST_ITEM, 2);
  return inspectAndSendDrawn(t, province, { id: spotCheckId, title, checklistItem: CHECKLIST_ITEM }, institutionId, findings);
}


let inspection = { id: '', sentAt: '' };
let due = '';
/** The hospital's findings, in the inspection's order. */
let f: string[] = [];
let clinicFinding = '';

describe('findings raised when an inspection is sent', () => {
  it('creates one finding per inspection finding, due in 5 working days, and starts the feedback workflow', async () => {
    inspection = await inspectAndSend(HOSPITAL.orgId, [
      { type: '串换药品', description: '将自费药品串换为医保药品', amount: 1280.5, clinicianName: '张医师' },
      { type: '重复收费', description: '同一项目重复收费', amount: 300 },
      { type: '分解收费', description: '将一次检查分解为多次收费', amount: 4200 },
      { type: '挂床住院', description: '住院期间患者不在床', amount: 56000 },
      { type: '超标准收费', description: '超过物价标准收取诊查费', amount: 150000 },
      { type: '虚记项目', description: '虚记护理项目', amount: 88.8 },
    ]);
    due = addWorkingDays(chinaDateOf(new Date(inspection.sentAt)), 5);
    const rows = await owner<{ id: string; source_index: number; region_path: string; owner_org_id: string; handling_agency_id: string; due: string; status: string }>(
      `select id, source_index, region_path, owner_org_id, handling_agency_id, to_char(confirmation_due, 'YYYY-MM-DD') as due, status
         from finding where source_id = $1 order by source_index`, [inspection.id]);
    expect(rows).toHaveLength(6);
    f = rows.map((r) => r.id);
    for (const r of rows) {
      expect(r).toMatchObject({ region_path: '/32/3201/320102/', owner_org_id: HOSPITAL.orgId, handling_agency_id: 'agency-320102', due, status: 'awaiting_confirmation' });
    }

    const one = await t.call(HOSPITAL, 'GET', `/api/findings/${f[0]}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      id: f[0], source: 'spot_check', sourceId: inspection.id,
      institution: { id: HOSPITAL.orgId, name: '南京玄武康宁医院', regionCode: '320102', regionName: '玄武区' },
      handlingAgencyId: 'agency-320102', type: '串换药品', description: '将自费药品串换为医保药品', amount: 1280.5, clinicianName: '张医师', attachmentIds: [],
      status: 'awaiting_confirmation', confirmationDue: due, confirmedAt: null, deemed: false, appeal: null, decisionId: null,
      createdAt: inspection.sentAt, history: [{ at: inspection.sentAt, action: 'raised', by: province.username, comment: null }],
    });

    const starts = await outbox('FindingsRaised', inspection.id);
    expect(starts).toEqual([{
      kind: 'start', workflowType: 'findingFeedbackWorkflow', workflowId: `finding-feedback-${inspection.id}`,
      args: [{
        inspectionId: inspection.id, actor: expect.objectContaining({ userId: province.sub, organizationId: 'bureau-32' }), findingIds: f,
        confirmationDueAt: chinaInstant(addCalendarDays(due, 1)).toISOString(),
      }],
    }]);
    expect(await inbox(HOSPITAL)).toContain(`请确认抽查发现的 6 个问题（${due} 前）`);

    const clinic = await inspectAndSend(CLINIC.orgId, [{ type: '串换项目', description: '串换诊疗项目', amount: 99 }]);
    [{ id: clinicFinding }] = await owner<{ id: string }>(`select id from finding where source_id = $1`, [clinic.id]);
    // an inspection without findings raises nothing and starts no workflow
    const clean = await inspectAndSend('inst-320508-0001', []);
    expect(await owner(`select 1 from finding where source_id = $1`, [clean.id])).toHaveLength(0);
    expect(await outbox('FindingsRaised', clean.id)).toHaveLength(0);
  });

  it('tenancy: the institution sees its own, the county agency and bureau their county, nobody else', async () => {
    const mine = await t.call(HOSPITAL, 'GET', '/api/findings');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(6);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual(f);
    expect((await t.call(CLINIC, 'GET', `/api/findings/${f[0]}`)).status).toBe(404);
    expect((await t.call(CLINIC, 'GET', '/api/findings')).body.items.map((x: { id: string }) => x.id)).toEqual([clinicFinding]);
    expect((await t.call(USERS.pharmacy, 'GET', '/api/findings')).body.total).toBe(0);
    expect((await t.call(USERS.gusu, 'GET', `/api/findings/${f[0]}`)).status).toBe(404);
    expect((await t.call(USERS.gusu, 'GET', '/api/findings')).body.total).toBe(0);
    expect((await t.call(XW, 'GET', '/api/findings')).body.total).toBe(7);
    expect((await t.call(XW_BUREAU, 'GET', `/api/findings/${f[0]}`)).status).toBe(200);
    expect((await t.call(USERS.nanjing, 'GET', `/api/findings?institutionId=${CLINIC.orgId}`)).body.total).toBe(1);
    const paged = await t.call(XW, 'GET', `/api/findings?sourceId=${inspection.id}&page=2&pageSize=4`);
    expect(paged.body).toMatchObject({ total: 6, items: [{ id: f[4] }, { id: f[5] }] });
    expect((await t.call(XW, 'GET', '/api/findings?status=nonsense')).status).toBe(400);

    // row-level security underneath, on raw SQL as the application role
    const asApp = async (regionPath: string, organizationId: string) => {
      const c = new pg.Client({ connectionString: t.db.appUrl });
      await c.connect();
      try {
        await c.query('begin');
        await c.query(`select set_config('app.region_path', $1, true), set_config('app.organization_id', $2, true)`, [regionPath, organizationId]);
        const { rows } = await c.query<{ n: number }>(`select count(*)::int as n from finding`);
        await c.query('rollback');
        return rows[0].n;
      } finally {
        await c.end();
      }
    };
    expect(await asApp('/32/3201/320102/', '')).toBe(7);
    expect(await asApp('/32/3201/320102/', CLINIC.orgId)).toBe(1);
    expect(await asApp('/32/3205/320508/', '')).toBe(0);
  });
});

describe('feedback: confirm, appeal, review', () => {
  it('the institution confirms its own finding, once', async () => {
    expect((await t.call(CLINIC, 'POST', `/api/findings/${f[0]}/confirm`)).status).toBe(404);
    expect((await t.call(XW, 'POST', `/api/findings/${f[0]}/confirm`)).status).toBe(403);
    const res = await t.call(HOSPITAL, 'POST', `/api/findings/${f[0]}/confirm`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'confirmed', deemed: false });
    expect(res.body.confirmedAt).not.toBeNull();
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['raised', 'confirmed']);
    const again = await t.call(HOSPITAL, 'POST', `/api/findings/${f[0]}/confirm`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('finding_not_awaiting');
    expect((await t.call(HOSPITAL, 'POST', `/api/findings/${f[5]}/confirm`)).status).toBe(200);
  });

  it('an appeal needs reasons and the institution’s own evidence', async () => {
    const evidence = await upload(HOSPITAL, '收费明细.pdf');
    const foreign = await upload(CLINIC, '别家的附件.pdf');
    const empty = await t.call(HOSPITAL, 'POST', `/api/findings/${f[1]}/appeal`, { reasons: '   ', attachmentIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('appeal_reasons_required');
    expect(empty.body.error.message.zh).toContain('申诉理由');
    expect((await t.call(HOSPITAL, 'POST', `/api/findings/${f[1]}/appeal`, { attachmentIds: [evidence] })).body.error.code).toBe('appeal_reasons_required');
    expect((await t.call(HOSPITAL, 'POST', `/api/findings/${f[1]}/appeal`, { reasons: 'x'.repeat(2001), attachmentIds: [] })).body.error.code).toBe('appeal_reasons_required');
    const unknown = await t.call(HOSPITAL, 'POST', `/api/findings/${f[1]}/appeal`, { reasons: '已退费', attachmentIds: [foreign] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'attachment_unknown', details: { attachmentIds: [foreign] } });
    expect((await t.call(HOSPITAL, 'GET', `/api/findings/${f[1]}`)).body.status).toBe('awaiting_confirmation');

    const res = await t.call(HOSPITAL, 'POST', `/api/findings/${f[1]}/appeal`, { reasons: '该笔费用系系统重复导入，已于次日冲销', attachmentIds: [evidence] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'appealed', appeal: { reasons: '该笔费用系系统重复导入，已于次日冲销', attachmentIds: [evidence], review: null } });
    expect((await t.call(HOSPITAL, 'POST', `/api/findings/${f[2]}/appeal`, { reasons: '分次检查有医嘱依据', attachmentIds: [] })).status).toBe(200);
    expect(await inbox(XW)).toContain('问题申诉待复核：南京玄武康宁医院');
    expect((await t.call(HOSPITAL, 'POST', `/api/findings/${f[1]}/confirm`)).body.error.code).toBe('finding_not_awaiting');
  });

  it('only the handling agency reviews: upheld withdraws the finding, rejected confirms it', async () => {
    const body = { outcome: 'upheld', comment: '经核实，已冲销' };
    expect((await t.call(USERS.nanjing, 'POST', `/api/findings/${f[1]}/appeal-review`, body)).status).toBe(403);
    expect((await t.call(XW_BUREAU, 'POST', `/api/findings/${f[1]}/appeal-review`, body)).status).toBe(403);
    expect((await t.call(USERS.gusu, 'POST', `/api/findings/${f[1]}/appeal-review`, body)).status).toBe(404);
    expect((await t.call(HOSPITAL, 'POST', `/api/findings/${f[1]}/appeal-review`, body)).status).toBe(403);
    expect((await t.call(XW, 'POST', `/api/findings/${f[1]}/appeal-review`, { outcome: 'maybe', comment: 'x' })).body.error.code).toBe('appeal_outcome_invalid');
    expect((await t.call(XW, 'POST', `/api/findings/${f[3]}/appeal-review`, body)).body.error.code).toBe('finding_not_appealed');

    const upheld = await t.call(XW, 'POST', `/api/findings/${f[1]}/appeal-review`, body);
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({ status: 'appeal_upheld', confirmedAt: null, appeal: { review: { outcome: 'upheld', comment: '经核实，已冲销', by: XW.username } } });
    const rejected = await t.call(XW, 'POST', `/api/findings/${f[2]}/appeal-review`, { outcome: 'rejected', comment: '医嘱不支持分次检查' });
    expect(rejected.body).toMatchObject({ status: 'confirmed', deemed: false, appeal: { review: { outcome: 'rejected' } } });
    expect(rejected.body.history.map((h: { action: string }) => h.action)).toEqual(['raised', 'appealed', 'appeal_rejected']);
    expect(await inbox(HOSPITAL)).toEqual(expect.arrayContaining(['申诉成立：问题已撤销', '申诉不成立：问题予以确认']));
    expect((await t.call(XW, 'POST', `/api/findings/${f[2]}/appeal-review`, body)).body.error.code).toBe('finding_not_appealed');
  });

  it('queues: the institution’s what it must answer, the agency’s what it must review or decide', async () => {
    const mine = await t.call(HOSPITAL, 'GET', '/api/findings?queue=true');
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([f[3], f[4]]);
    const all = await t.call(HOSPITAL, 'GET', '/api/findings');
    expect(all.body.items.slice(0, 2).map((x: { status: string }) => x.status)).toEqual(['awaiting_confirmation', 'awaiting_confirmation']);
    const agency = await t.call(XW, 'GET', `/api/findings?queue=true&institutionId=${HOSPITAL.orgId}`);
    expect(agency.body.items.map((x: { id: string }) => x.id).sort()).toEqual([f[0], f[2], f[5]].sort());
  });
});

describe('the confirmation deadline', () => {
  it('after the deadline day, answers are refused; the workflow’s step deems the rest confirmed, once', async () => {
    // The window closed yesterday (as if the five working days had run out).
    await owner(`update finding set confirmation_due = $1 where source_id = $2`, [yesterday, inspection.id]);
    const late = await t.call(HOSPITAL, 'POST', `/api/findings/${f[3]}/confirm`);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'finding_confirmation_closed', details: { confirmationDue: yesterday } });
    const lateAppeal = await t.call(HOSPITAL, 'POST', `/api/findings/${f[4]}/appeal`, { reasons: '迟到的申诉', attachmentIds: [] });
    expect(lateAppeal.status).toBe(409);
    expect(lateAppeal.body.error.code).toBe('finding_confirmation_closed');

    // the clinic's deadline has not passed: nothing of it is deemed
    const p = actorOf(province);
    expect(await clock(new DeemFindingsConfirmedCommand(p, inspection.id))).toEqual({ deemed: 2 });
    expect(await clock(new DeemFindingsConfirmedCommand(p, inspection.id))).toEqual({ deemed: 0 });
    const statuses = await owner<{ id: string; status: string; deemed: boolean }>(`select id, status, deemed from finding where source_id = $1 order by source_index`, [inspection.id]);
    expect(statuses.map((s) => [s.status, s.deemed])).toEqual([
      ['confirmed', false], ['appeal_upheld', false], ['confirmed', false], ['deemed_confirmed', true], ['deemed_confirmed', true], ['confirmed', false],
    ]);
    const deemed = (await t.call(HOSPITAL, 'GET', `/api/findings/${f[3]}`)).body;
    expect(deemed).toMatchObject({ status: 'deemed_confirmed', deemed: true });
    expect(deemed.confirmedAt).not.toBeNull();
    expect(deemed.history.at(-1)).toMatchObject({ action: 'deemed_confirmed', by: province.username });
    expect(await inbox(HOSPITAL)).toContain('2 个问题逾期未反馈，视为确认');
    expect(await inbox(XW)).toContain('2 个问题已视为确认，待作出处理');
    expect((await t.call(HOSPITAL, 'POST', `/api/findings/${f[3]}/confirm`)).body.error.code).toBe('finding_confirmation_closed');
    expect((await t.call(CLINIC, 'GET', `/api/findings/${clinicFinding}`)).body.status).toBe('awaiting_confirmation');
  });
});

let minorId = '';
let majorId = '';
let suspensionId = '';

describe('handling decisions', () => {
  it('checks who decides, on what, and the measures', async () => {
    const body = { findingIds: [f[0]], measures: [{ kind: 'talk' }], basis: '服务协议第三十二条' };
    expect((await t.call(USERS.nanjing, 'POST', '/api/decisions', body)).body.error.code).toBe('decision_forbidden');
    const bureau = await t.call(XW_BUREAU, 'POST', '/api/decisions', body);
    expect(bureau.status).toBe(403);
    expect(bureau.body.error.code).toBe('decision_forbidden');
    expect((await t.call(HOSPITAL, 'POST', '/api/decisions', body)).status).toBe(403);
    expect((await t.call(USERS.gusu, 'POST', '/api/decisions', body)).body.error.code).toBe('decision_findings_unknown');
    expect((await t.call(XW, 'POST', '/api/decisions', { ...body, findingIds: [] })).body.error.code).toBe('decision_findings_required');
    expect((await t.call(XW, 'POST', '/api/decisions', { ...body, findingIds: [f[0], clinicFinding] })).body.error.code).toBe('decision_findings_mixed');
    const upheld = await t.call(XW, 'POST', '/api/decisions', { ...body, findingIds: [f[1]] });
    expect(upheld.status).toBe(409);
    expect(upheld.body.error).toMatchObject({ code: 'finding_not_decidable', details: { findings: [{ id: f[1], status: 'appeal_upheld' }] } });
    expect((await t.call(XW, 'POST', '/api/decisions', { ...body, findingIds: [clinicFinding] })).body.error.code).toBe('finding_not_decidable');
    const cases: [unknown[], string][] = [
      [[], 'measures_required'],
      [[{ kind: 'fine' }], 'measure_kind_invalid'],
      [[{ kind: 'refuse_payment', amount: 10.555 }], 'amount_invalid'],
      [[{ kind: 'clinician_talk' }], 'measure_clinician_required'],
      [[{ kind: 'suspend_settlement', rectificationDue: today }], 'rectification_due_invalid'],
      [[{ kind: 'clinician_suspend_realtime', clinicianName: '张医师' }], 'rectification_due_invalid'],
    ];
    for (const [measures, code] of cases) {
      const res = await t.call(XW, 'POST', '/api/decisions', { ...body, measures });
      expect([code, res.status, res.body.error?.code]).toEqual([code, 400, code]);
    }
    expect((await t.call(XW, 'POST', '/api/decisions', { ...body, basis: ' ' })).body.error.code).toBe('decision_basis_required');
    expect(await owner(`select 1 from handling_decision`)).toHaveLength(0);
  });

  it('a minor decision takes effect at once and the institution is told', async () => {
    const res = await t.call(XW, 'POST', '/api/decisions', { findingIds: [f[0]], measures: [{ kind: 'talk' }, { kind: 'clinician_admonition', clinicianName: '张医师' }], basis: '服务协议第三十二条' });
    expect(res.status).toBe(201);
    minorId = res.body.id;
    expect(res.body).toMatchObject({
      institution: { id: HOSPITAL.orgId, name: '南京玄武康宁医院', regionCode: '320102' }, agencyId: 'agency-320102', findingIds: [f[0]],
      measures: [{ kind: 'talk' }, { kind: 'clinician_admonition', clinicianName: '张医师' }], basis: '服务协议第三十二条', major: false,
      // every handling result is reported to the same-level bureau (seed 002 一(六)), an admonition too
      status: 'effective', decidedBy: XW.username, legalReview: null, reportedToBureauAt: expect.any(String), settlement: 'normal', rectification: null,
      terminationOnHold: false, dispute: null,
    });
    expect(res.body.effectiveAt).not.toBeNull();
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['decided', 'effective']);
    const finding = (await t.call(HOSPITAL, 'GET', `/api/findings/${f[0]}`)).body;
    expect(finding).toMatchObject({ status: 'decided', decisionId: minorId });
    expect(await inbox(HOSPITAL)).toContain('协议处理决定已生效：约谈、建议机构诫勉谈话');
    // every handling result goes to the same-level bureau (seed 002 一(六)), a talk and an admonition too
    expect((await inbox(XW_BUREAU)).some((x) => x.startsWith('协议处理情况报告'))).toBe(true);
    expect(await outbox('DecisionCreated', minorId)).toEqual([{
      kind: 'start', workflowType: 'decisionWorkflow', workflowId: `decision-${minorId}`,
      args: [{ decisionId: minorId, actor: expect.objectContaining({ userId: XW.sub, organizationId: 'agency-320102' }), status: 'effective', rectificationDueAt: null }],
    }]);
    const again = await t.call(XW, 'POST', '/api/decisions', { findingIds: [f[0], f[5]], measures: [{ kind: 'talk' }], basis: '再次处理' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'finding_already_decided', details: { findingIds: [f[0]], decisionIds: [minorId] } });
    expect((await t.call(HOSPITAL, 'POST', `/api/decisions/${minorId}/legal-review`, { approved: true })).status).toBe(403);
    expect((await t.call(XW_LEGAL, 'POST', `/api/decisions/${minorId}/legal-review`, { approved: true })).body.error.code).toBe('decision_status_invalid');
  });

  it('a major decision waits for a second user’s legal review, then is reported to the county bureau', async () => {
    const res = await t.call(XW, 'POST', '/api/decisions', { findingIds: [f[2], f[5]], measures: [{ kind: 'terminate_agreement' }], basis: '服务协议第四十条：情节严重' });
    expect(res.status).toBe(201);
    majorId = res.body.id;
    expect(res.body).toMatchObject({ major: true, status: 'pending_legal_review', effectiveAt: null, reportedToBureauAt: null, legalReview: null });
    expect(await inbox(HOSPITAL)).not.toContain('协议处理决定已生效：终止协议');
    const self = await t.call(XW, 'POST', `/api/decisions/${majorId}/legal-review`, { approved: true, comment: '自审' });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('legal_review_self');
    expect((await t.call(XW_BUREAU, 'POST', `/api/decisions/${majorId}/legal-review`, { approved: true })).status).toBe(403);
    expect((await t.call(USERS.gusu, 'POST', `/api/decisions/${majorId}/legal-review`, { approved: true })).status).toBe(404);

    const approved = await t.call(XW_LEGAL, 'POST', `/api/decisions/${majorId}/legal-review`, { approved: true, comment: '程序合法，依据充分' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'effective', legalReview: { by: XW_LEGAL.username, approved: true, comment: '程序合法，依据充分' } });
    expect(approved.body.effectiveAt).not.toBeNull();
    expect(approved.body.reportedToBureauAt).toBe(approved.body.effectiveAt);
    expect(approved.body.history.map((h: { action: string }) => h.action)).toEqual(['decided', 'legal_review_approved', 'effective']);
    expect(await inbox(HOSPITAL)).toContain('协议处理决定已生效：终止协议');
    expect(await inbox(XW_BUREAU)).toContain('协议处理情况报告：南京玄武康宁医院（终止协议）');
    expect(await outbox('DecisionCreated', majorId)).toEqual([expect.objectContaining({ args: [expect.objectContaining({ status: 'pending_legal_review', rectificationDueAt: null })] })]);
    expect(await outbox('DecisionTransitioned', majorId)).toEqual([{
      kind: 'update', workflowId: `decision-${majorId}`, update: 'decisionTransition',
      args: [{ action: 'legal_review', at: approved.body.legalReview.at, approved: true, status: 'effective' }],
    }]);
  });

  it('a refused legal review closes the decision and frees the findings', async () => {
    const res = await t.call(XW, 'POST', '/api/decisions', { findingIds: [f[4]], measures: [{ kind: 'refuse_payment', amount: 150000 }], basis: '服务协议第三十五条' });
    expect(res.body).toMatchObject({ major: true, status: 'pending_legal_review' });
    expect((await t.call(XW_LEGAL, 'POST', `/api/decisions/${res.body.id}/legal-review`, { approved: false })).body.error.code).toBe('legal_review_comment_required');
    const refused = await t.call(XW_LEGAL, 'POST', `/api/decisions/${res.body.id}/legal-review`, { approved: false, comment: '金额认定依据不足' });
    expect(refused.body).toMatchObject({ status: 'closed', effectiveAt: null, reportedToBureauAt: null, legalReview: { approved: false, comment: '金额认定依据不足' } });
    expect((await t.call(XW, 'GET', `/api/findings/${f[4]}`)).body).toMatchObject({ status: 'deemed_confirmed', deemed: true, decisionId: null });
    expect(await outbox('DecisionTransitioned', res.body.id)).toEqual([
      expect.objectContaining({ args: [expect.objectContaining({ action: 'legal_review', approved: false, status: 'closed' })] }),
    ]);
  });

  it('a suspension: settlement suspended, rectification submitted, rejected with a new due date, overdue once, accepted', async () => {
    const firstDue = addCalendarDays(today, 10);
    const res = await t.call(XW, 'POST', '/api/decisions', {
      findingIds: [f[3], f[4]], measures: [{ kind: 'suspend_settlement', rectificationDue: firstDue }], basis: '服务协议第三十八条',
    });
    expect(res.status).toBe(201);
    suspensionId = res.body.id;
    expect(res.body).toMatchObject({ major: true, status: 'pending_legal_review', settlement: 'normal', rectification: null });
    expect(await outbox('DecisionCreated', suspensionId)).toEqual([expect.objectContaining({
      args: [expect.objectContaining({ status: 'pending_legal_review', rectificationDueAt: chinaInstant(addCalendarDays(firstDue, 1)).toISOString() })],
    })]);
    const approved = await t.call(XW_LEGAL, 'POST', `/api/decisions/${suspensionId}/legal-review`, { approved: true });
    expect(approved.body).toMatchObject({
      status: 'rectifying', settlement: 'suspended', reportedToBureauAt: approved.body.effectiveAt,
      rectification: { due: firstDue, report: null, attachmentIds: [], submittedAt: null, confirmedAt: null, overdue: false },
    });
    expect(await inbox(HOSPITAL)).toContain('协议处理决定已生效：暂停结算限期整改');

    // the institution submits; nobody else can
    const evidence = await upload(HOSPITAL, '整改报告.pdf');
    const foreign = await upload(CLINIC, '别家的整改.pdf');
    const report = { report: '已完成收费系统改造并组织全员培训', attachmentIds: [evidence] };
    expect((await t.call(CLINIC, 'POST', `/api/decisions/${suspensionId}/rectification`, report)).status).toBe(404);
    expect((await t.call(USERS.pharmacy, 'POST', `/api/decisions/${suspensionId}/rectification`, report)).status).toBe(404);
    expect((await t.call(HOSPITAL, 'POST', `/api/decisions/${suspensionId}/rectification`, { ...report, report: ' ' })).body.error.code).toBe('rectification_report_required');
    expect((await t.call(HOSPITAL, 'POST', `/api/decisions/${suspensionId}/rectification`, { ...report, attachmentIds: [foreign] })).body.error.code).toBe('attachment_unknown');
    expect((await t.call(XW, 'POST', `/api/decisions/${suspensionId}/rectification/confirm`, { accepted: true })).body.error.code).toBe('decision_status_invalid');
    const submitted = await t.call(HOSPITAL, 'POST', `/api/decisions/${suspensionId}/rectification`, report);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'rectification_submitted', rectification: { due: firstDue, report: report.report, attachmentIds: [evidence] } });
    expect(submitted.body.rectification.submittedAt).not.toBeNull();
    expect(await inbox(XW)).toContain('整改报告待确认：南京玄武康宁医院');

    // rejected: a new deadline is required, after today
    expect((await t.call(XW_BUREAU, 'POST', `/api/decisions/${suspensionId}/rectification/confirm`, { accepted: true })).status).toBe(403);
    expect((await t.call(XW, 'POST', `/api/decisions/${suspensionId}/rectification/confirm`, { accepted: false, comment: '培训记录不全' })).body.error.code).toBe('rectification_due_invalid');
    expect((await t.call(XW, 'POST', `/api/decisions/${suspensionId}/rectification/confirm`, { accepted: false, rectificationDue: today })).body.error.code).toBe('rectification_due_invalid');
    const secondDue = addCalendarDays(today, 20);
    const rejected = await t.call(XW, 'POST', `/api/decisions/${suspensionId}/rectification/confirm`, { accepted: false, comment: '培训记录不全', due: secondDue });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rectifying', settlement: 'suspended', rectification: { due: secondDue, submittedAt: null, confirmedAt: null, overdue: false } });
    expect(await inbox(HOSPITAL)).toContain(`整改未通过，请于 ${secondDue} 前重新整改`);

    // the overdue step: nothing before the deadline; once after it, telling the county bureau
    const decider = actorOf(XW);
    expect(await clock(new MarkDecisionRectificationOverdueCommand(decider, suspensionId))).toBe(false);
    await owner(`update handling_decision set rectification = jsonb_set(rectification, '{due}', to_jsonb($1::text)) where id = $2`, [yesterday, suspensionId]);
    expect(await clock(new MarkDecisionRectificationOverdueCommand(decider, suspensionId))).toBe(true);
    expect(await clock(new MarkDecisionRectificationOverdueCommand(decider, suspensionId))).toBe(false);
    const overdue = (await t.call(XW_BUREAU, 'GET', `/api/decisions/${suspensionId}`)).body;
    expect(overdue.rectification).toMatchObject({ due: yesterday, overdue: true });
    expect(overdue.history.filter((h: { action: string }) => h.action === 'rectification_overdue')).toHaveLength(1);
    expect((await inbox(XW_BUREAU)).filter((x) => x === '整改逾期：南京玄武康宁医院')).toHaveLength(1);

    // submitted late, accepted: settlement restored, closed
    expect((await t.call(HOSPITAL, 'POST', `/api/decisions/${suspensionId}/rectification`, { report: '补充培训记录', attachmentIds: [] })).status).toBe(200);
    const accepted = await t.call(XW, 'POST', `/api/decisions/${suspensionId}/rectification/confirm`, { accepted: true, comment: '整改到位' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'closed', settlement: 'restored', rectification: { report: '补充培训记录', overdue: true } });
    expect(accepted.body.rectification.confirmedAt).not.toBeNull();
    expect(accepted.body.history.map((h: { action: string }) => h.action)).toEqual([
      'decided', 'legal_review_approved', 'effective', 'rectification_submitted', 'rectification_rejected', 'rectification_overdue',
      'rectification_submitted', 'rectification_accepted',
    ]);
    expect(await inbox(HOSPITAL)).toContain('整改已通过，结算已恢复');
    expect(await clock(new MarkDecisionRectificationOverdueCommand(decider, suspensionId))).toBe(false);
    expect((await t.call(XW, 'POST', `/api/decisions/${suspensionId}/rectification/confirm`, { accepted: true })).body.error.code).toBe('decision_status_invalid');

    const transitions = (await outbox('DecisionTransitioned', suspensionId)).map((d) => {
      expect(d).toMatchObject({ kind: 'update', workflowId: `decision-${suspensionId}`, update: 'decisionTransition' });
      return d.args[0];
    });
    expect(transitions).toEqual([
      { action: 'legal_review', at: expect.any(String), approved: true, status: 'rectifying' },
      { action: 'rectification_submitted', at: expect.any(String) },
      { action: 'rectification_reviewed', at: expect.any(String), accepted: false, newRectificationDueAt: chinaInstant(addCalendarDays(secondDue, 1)).toISOString() },
      { action: 'rectification_submitted', at: expect.any(String) },
      { action: 'rectification_reviewed', at: expect.any(String), accepted: true, newRectificationDueAt: null },
    ]);
  });

  it('tenancy: the institution reads its own decisions, the county bureau reads them, a sibling county nothing', async () => {
    const mine = await t.call(HOSPITAL, 'GET', '/api/decisions');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(4);
    expect((await t.call(HOSPITAL, 'GET', '/api/decisions?status=closed')).body.total).toBe(2);
    expect((await t.call(HOSPITAL, 'GET', '/api/decisions?status=effective,closed&pageSize=1')).body).toMatchObject({ total: 4, items: [expect.any(Object)] });
    expect((await t.call(CLINIC, 'GET', '/api/decisions')).body.total).toBe(0);
    expect((await t.call(CLINIC, 'GET', `/api/decisions/${minorId}`)).status).toBe(404);
    expect((await t.call(USERS.gusu, 'GET', `/api/decisions/${majorId}`)).status).toBe(404);
    expect((await t.call(USERS.gusu, 'GET', '/api/decisions')).body.total).toBe(0);
    const bureau = await t.call(XW_BUREAU, 'GET', `/api/decisions/${majorId}`);
    expect(bureau.status).toBe(200);
    expect(bureau.body.status).toBe('effective');
    expect((await t.call(USERS.nanjing, 'GET', '/api/decisions')).body.total).toBe(4);
    expect((await t.call(province, 'GET', `/api/decisions?institutionId=${HOSPITAL.orgId}`)).body.total).toBe(4);
    expect((await t.call(XW, 'GET', '/api/decisions?status=bogus')).status).toBe(400);
  });
});
