import { randomUUID } from 'node:crypto';
import { DISPUTE_WORKFLOW_TYPE } from '@fundsup/workflows/contracts';
import { actorData } from '../../src/kernel/actor.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { addCalendarDays, addWorkingDays, chinaDateOf, chinaInstant } from '../../src/platform/calendar/working-days.js';
import { CloseDisputeCommand, MarkDisputeLevelOverdueCommand } from '../../src/contexts/disputes/application/commands.js';
import { withTestApp, type TestApp } from '../support/app.js';
import { actorOf, NJ_BUREAU, type TestUser, USERS } from '../support/tokens.js';

// Issue 5, disputes over handling decisions over HTTP (docs/api/findings-and-disputes.md,
// "Disputes"): the path derived from the region tree, who decides at each level, escalation and its
// window, the final provincial decision, the per-level overdue flags (run here as the workflow's
// activities would), the termination held while the dispute is open, the outbox payloads that drive
// the dispute workflow, and tenancy. Decisions are inserted through the owner's connection, so the
// test does not depend on the decisions API.

let t: TestApp;
const today = chinaDateOf(new Date());
const hospital = USERS.hospital as TestUser;
const XW_BUREAU: TestUser = { sub: 'u-xwb', username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const PROVINCE = USERS.province as TestUser;
const LEADER: TestUser = { sub: 'u-lead', username: 'js.leader', roles: ['leader'], regionPath: '/32/', orgId: 'bureau-32', orgKind: 'bureau' };
const GS_BUREAU: TestUser = { sub: 'u-gsb', username: 'gs.bureau', roles: ['county_staff'], regionPath: '/32/3205/320508/', orgId: 'bureau-320508', orgKind: 'bureau' };
const SZ_BUREAU: TestUser = { sub: 'u-szb', username: 'sz.bureau', roles: ['city_agency_staff'], regionPath: '/32/3205/', orgId: 'bureau-3205', orgKind: 'bureau' };

const clock = <R>(cmd: Parameters<Commands['execute']>[0]) => t.app.get(Commands).execute(cmd) as Promise<R>;
const { owner } = withTestApp((app) => (t = app));
const after = (day: string) => chinaInstant(addCalendarDays(day, 1)).toISOString();

const MEASURES = [
  { kind: 'refuse_payment', amount: 12000.5 },
  { kind: 'suspend_settlement', rectificationDue: addCalendarDays(today, 30) },
  { kind: 'terminate_agreement' },
  { kind: 'clinician_refuse_payment', clinicianName: '李医生', amount: 300 },
];

/** A handling decision of the Xuanwu hospital, as the decisions context would have stored it. */
async function decision(opts: { agencyId?: string; status?: string; measures?: unknown[]; institution?: { id: string; path: string } } = {}): Promise<string> {
  const id = randomUUID();
  const inst = opts.institution ?? { id: 'inst-320102-0001', path: '/32/3201/320102/' };
  await owner(
    `insert into handling_decision (id, region_path, owner_org_id, agency_id, finding_ids, measures, basis, major, status, decided_by, decided_by_user_id,
       effective_at, settlement, termination_on_hold, created_at)
     values ($1, $2, $3, $4, array[gen_random_uuid()], $5::jsonb, '服务协议第三十二条', true, $6, 'xw.staff', 'u-xw', now(), 'suspended', false, now())`,
    [id, inst.path, inst.id, opts.agencyId ?? 'agency-320102', JSON.stringify(opts.measures ?? MEASURES), opts.status ?? 'effective']);
  return id;
}

async function inbox(user: TestUser): Promise<string[]> {
  const res = await t.call(user, 'GET', '/api/notifications');
  return res.body.items.map((n: { titleZh: string }) => n.titleZh);
}

async function outbox(disputeId: string, eventType: string): Promise<{ dispatch: any; payload: any }[]> {
  return owner(`select dispatch, payload from outbox_message where aggregate_id = $1 and event_type = $2 order by seq`, [disputeId, eventType]);
}

const held = async (decisionId: string) =>
  (await owner<{ termination_on_hold: boolean; settlement: string; status: string }>(`select termination_on_hold, settlement, status from handling_decision where id = $1`, [decisionId]))[0]!;

const file = (decisionId: string, extra: Record<string, unknown> = {}) =>
  t.call(hospital, 'POST', '/api/disputes', { decisionId, party: 'institution', reasons: '检查认定的违规事实不清，处理过重', attachmentIds: [], ...extra });


describe('a county-level dispute from the county bureau to the province', () => {
  let decisionId = '';
  let id = '';

  beforeAll(async () => {
    decisionId = await decision();
  });

  it('checks the filing: party, reasons, attachments, the decision status', async () => {
    const noReasons = await file(decisionId, { reasons: '  ' });
    expect({ status: noReasons.status, code: noReasons.body.error?.code }).toEqual({ status: 400, code: 'dispute_reasons_required' });
    expect(noReasons.body.error.message.zh).toBeTruthy();
    const ghost = await file(decisionId, { attachmentIds: ['3f1f0c1e-0000-4000-8000-000000000000'] });
    expect(ghost.body.error?.code).toBe('attachment_unknown');
    const party = await file(decisionId, { party: 'patient' });
    expect(party.body.error?.code).toBe('dispute_party_invalid');
    const clinician = await file(decisionId, { party: 'clinician', clinicianName: '王医生' });
    expect(clinician.body.error?.code).toBe('dispute_clinician_unknown');
    // The agency and the bureaus are not a party; another institution does not even see the decision.
    expect((await t.call(USERS.xuanwu, 'POST', '/api/disputes', { decisionId, party: 'institution', reasons: 'x' })).status).toBe(403);
    expect((await t.call(USERS.clinic, 'POST', '/api/disputes', { decisionId, party: 'institution', reasons: 'x' })).status).toBe(404);
    expect((await t.call(USERS.pharmacy, 'POST', '/api/disputes', { decisionId, party: 'institution', reasons: 'x' })).status).toBe(404);
    const pending = await file(await decision({ status: 'pending_legal_review' }));
    expect({ status: pending.status, code: pending.body.error?.code }).toEqual({ status: 409, code: 'decision_not_disputable' });
    const closed = await file(await decision({ status: 'closed' }));
    expect(closed.body.error?.code).toBe('decision_not_disputable');
    expect(await outbox(decisionId, 'DisputeFiled')).toHaveLength(0);
  });

  it('files with the county bureau: the path derived from the region tree, the termination held, the workflow started', async () => {
    const upload = await owner<{ id: string }>(
      `insert into attachment (id, region_path, owner_org_id, filename, content_type, size_bytes, sha256, storage_key, uploaded_by)
       values (gen_random_uuid(), '/32/3201/320102/', 'inst-320102-0001', '申辩材料.pdf', 'application/pdf', 10, repeat('a', 64), 'k', 'u-hosp') returning id`);
    const res = await file(decisionId, { attachmentIds: [upload[0]!.id] });
    expect(res.status).toBe(201);
    id = res.body.id;
    const due = addWorkingDays(today, 20);
    expect(res.body).toMatchObject({
      decisionId, status: 'open', current: 0, currentLevel: 'county', party: 'institution', clinicianName: null, escalationDue: null,
      attachmentIds: [upload[0]!.id], institution: { id: 'inst-320102-0001', regionCode: '320102' },
    });
    expect(res.body.path.map((l: { level: string; bureauId: string; regionPath: string }) => [l.level, l.bureauId, l.regionPath])).toEqual([
      ['county', 'bureau-320102', '/32/3201/320102/'], ['city', 'bureau-3201', '/32/3201/'], ['province', 'bureau-32', '/32/'],
    ]);
    expect(res.body.path.map((l: { dueDate: string | null }) => l.dueDate)).toEqual([due, null, null]);
    // The decision shows its open dispute and the level it is at.
    const decision = await t.call(hospital, 'GET', `/api/decisions/${decisionId}`);
    expect(decision.body.dispute).toEqual({ id, level: 'county', status: 'open' });
    expect(res.body.path[0].bureauName).toContain('医疗保障局');
    expect(res.body.decision).toMatchObject({
      id: decisionId, agencyId: 'agency-320102', status: 'effective', basis: '服务协议第三十二条', major: true, settlement: 'suspended', terminationOnHold: true,
      amounts: { refusedPayment: 12000.5, clinicianRefusedPayment: 300, total: 12300.5 },
    });
    expect(res.body.decision.measures).toHaveLength(4);
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['filed']);

    // While open: the termination is on hold; the suspension and the refused payment stay as they are.
    expect(await held(decisionId)).toEqual({ termination_on_hold: true, settlement: 'suspended', status: 'effective' });

    const [start] = await outbox(id, 'DisputeFiled');
    expect(start!.dispatch).toEqual({
      kind: 'start', workflowType: DISPUTE_WORKFLOW_TYPE, workflowId: `dispute-${id}`,
      args: [{
        disputeId: id, actor: actorData(actorOf(hospital)), firstDueAt: after(due),
        path: [
          { level: 'county', bureauId: 'bureau-320102', regionPath: '/32/3201/320102/' },
          { level: 'city', bureauId: 'bureau-3201', regionPath: '/32/3201/' },
          { level: 'province', bureauId: 'bureau-32', regionPath: '/32/' },
        ],
      }],
    });
    expect((await inbox(XW_BUREAU)).some((x) => x.startsWith('争议处理申请'))).toBe(true);
    expect((await inbox(USERS.xuanwu)).some((x) => x.startsWith('处理决定被申请争议处理'))).toBe(true);
    expect((await inbox(NJ_BUREAU)).some((x) => x.startsWith('争议处理申请'))).toBe(false);

    const dup = await file(decisionId);
    expect({ status: dup.status, code: dup.body.error?.code }).toEqual({ status: 409, code: 'dispute_exists' });
    const history = await owner<{ action: string }>(`select action from decision_history where decision_id = $1 order by at`, [decisionId]);
    expect(history.map((h) => h.action)).toEqual(['dispute_filed']);
  });

  it('lets only the county bureau decide first', async () => {
    for (const user of [NJ_BUREAU, PROVINCE, USERS.xuanwu, LEADER, hospital]) {
      const res = await t.call(user, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: '事实清楚' });
      expect({ who: user.username, status: res.status, code: res.body.error?.code }).toEqual({ who: user.username, status: 403, code: 'dispute_not_current_level' });
    }
    expect((await t.call(XW_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'maybe', reasoning: 'x' })).body.error?.code).toBe('dispute_outcome_invalid');
    expect((await t.call(XW_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: '' })).body.error?.code).toBe('dispute_reasoning_required');
    // Nothing to escalate yet.
    expect((await t.call(hospital, 'POST', `/api/disputes/${id}/escalate`, { reasons: '不服' })).body.error?.code).toBe('dispute_not_decided');
  });

  it('flags a level that lets its time limit pass, once, and tells the level above', async () => {
    expect(await clock(new MarkDisputeLevelOverdueCommand(actorOf(hospital), id, 1))).toBe(false);
    expect(await clock(new MarkDisputeLevelOverdueCommand(actorOf(hospital), id, 0))).toBe(true);
    expect(await clock(new MarkDisputeLevelOverdueCommand(actorOf(hospital), id, 0))).toBe(false);
    const detail = await t.call(XW_BUREAU, 'GET', `/api/disputes/${id}`);
    expect(detail.body.path.map((l: { overdue: boolean }) => l.overdue)).toEqual([true, false, false]);
    expect((await inbox(NJ_BUREAU)).filter((x) => x.startsWith('争议处理逾期未决'))).toHaveLength(1);
    expect(await outbox(id, 'DisputeLevelOverdue')).toHaveLength(1);
  });

  it('decides at the county (late but allowed): decided, the escalation window open, the workflow told', async () => {
    const res = await t.call(XW_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: '违规事实清楚，维持原处理决定' });
    expect(res.status).toBe(200);
    const escalationDue = addWorkingDays(today, 15);
    expect(res.body).toMatchObject({ status: 'decided', current: 0, escalationDue });
    expect(res.body.path[0].decision).toMatchObject({ outcome: 'upheld', reasoning: '违规事实清楚，维持原处理决定', by: 'xw.bureau' });
    const [update] = await outbox(id, 'DisputeDecided');
    expect(update!.dispatch).toMatchObject({
      kind: 'update', workflowId: `dispute-${id}`, update: 'disputeTransition',
      args: [{ action: 'decided', level: 0, final: false, escalationDueAt: after(escalationDue), at: expect.any(String) }],
    });
    const twice = await t.call(XW_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'revised', reasoning: '改判' });
    expect({ status: twice.status, code: twice.body.error?.code }).toEqual({ status: 409, code: 'dispute_decided' });
    expect((await inbox(hospital)).some((x) => x.startsWith('争议处理决定'))).toBe(true);
    // Still held: the party may escalate.
    expect((await held(decisionId)).termination_on_hold).toBe(true);
    // The workflow would close it only once the window passed.
    await expect(clock(new CloseDisputeCommand(actorOf(hospital), id))).rejects.toMatchObject({ code: 'dispute_escalation_open' });
  });

  it('escalates to the city bureau: only the institution, with reasons', async () => {
    for (const user of [USERS.xuanwu, XW_BUREAU, NJ_BUREAU]) {
      const res = await t.call(user, 'POST', `/api/disputes/${id}/escalate`, { reasons: '不服' });
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 403, code: 'dispute_not_party' });
    }
    expect((await t.call(hospital, 'POST', `/api/disputes/${id}/escalate`, { reasons: ' ' })).body.error?.code).toBe('dispute_reasons_required');
    const res = await t.call(hospital, 'POST', `/api/disputes/${id}/escalate`, { reasons: '县级未听取陈述申辩' });
    expect(res.status).toBe(200);
    const due = addWorkingDays(today, 20);
    expect(res.body).toMatchObject({ status: 'open', current: 1, currentLevel: 'city', escalationDue: null });
    expect(res.body.path[1].dueDate).toBe(due);
    const [update] = await outbox(id, 'DisputeEscalated');
    expect(update!.dispatch).toMatchObject({ kind: 'update', workflowId: `dispute-${id}`, update: 'disputeTransition', args: [{ action: 'escalated', toLevel: 1, dueAt: after(due) }] });
    expect((await inbox(NJ_BUREAU)).some((x) => x.startsWith('争议处理申请（不服下级决定）'))).toBe(true);
    const county = await t.call(XW_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: '再次维持' });
    expect({ status: county.status, code: county.body.error?.code }).toEqual({ status: 403, code: 'dispute_not_current_level' });
    expect((await t.call(PROVINCE, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: 'x' })).status).toBe(403);
  });

  it('the city flagged overdue (the province told), decides; escalated to the province', async () => {
    expect(await clock(new MarkDisputeLevelOverdueCommand(actorOf(hospital), id, 1))).toBe(true);
    expect(await clock(new MarkDisputeLevelOverdueCommand(actorOf(hospital), id, 1))).toBe(false);
    expect((await inbox(PROVINCE)).filter((x) => x.startsWith('争议处理逾期未决'))).toHaveLength(1);
    const decided = await t.call(NJ_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'revised', reasoning: '拒付金额认定有误，予以变更' });
    expect(decided.body).toMatchObject({ status: 'decided', current: 1 });
    const res = await t.call(hospital, 'POST', `/api/disputes/${id}/escalate`, { reasons: '仍不服' });
    expect(res.body).toMatchObject({ status: 'open', current: 2, currentLevel: 'province' });
    const [, second] = await outbox(id, 'DisputeEscalated');
    expect(second!.dispatch.args[0]).toMatchObject({ action: 'escalated', toLevel: 2 });
  });

  it('the province, overdue itself, decides finally; nothing after that', async () => {
    expect(await clock(new MarkDisputeLevelOverdueCommand(actorOf(hospital), id, 2))).toBe(true);
    // The province has no level above: it is told itself.
    expect((await inbox(PROVINCE)).filter((x) => x.startsWith('争议处理逾期未决'))).toHaveLength(2);
    for (const user of [NJ_BUREAU, XW_BUREAU, LEADER]) {
      expect((await t.call(user, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: 'x' })).body.error?.code).toBe('dispute_not_current_level');
    }
    const res = await t.call(PROVINCE, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: '经复核，维持原处理决定' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'final', current: 2, outcome: 'upheld', escalationDue: null, endedAt: expect.any(String) });
    expect(res.body.path.map((l: { overdue: boolean }) => l.overdue)).toEqual([true, true, true]);
    expect(res.body.path.map((l: { decision: { outcome: string } }) => l.decision.outcome)).toEqual(['upheld', 'revised', 'upheld']);
    const updates = await outbox(id, 'DisputeDecided');
    expect(updates.map((u) => u.dispatch.args[0])).toEqual([
      expect.objectContaining({ level: 0, final: false }), expect.objectContaining({ level: 1, final: false }),
      expect.objectContaining({ action: 'decided', level: 2, final: true, escalationDueAt: null }),
    ]);
    // Upheld at the end: the hold is lifted (the termination may be executed).
    expect(await held(decisionId)).toEqual({ termination_on_hold: false, settlement: 'suspended', status: 'effective' });

    const escalate = await t.call(hospital, 'POST', `/api/disputes/${id}/escalate`, { reasons: '还要上诉' });
    expect({ status: escalate.status, code: escalate.body.error?.code }).toEqual({ status: 409, code: 'dispute_final' });
    const again = await t.call(PROVINCE, 'POST', `/api/disputes/${id}/decide`, { outcome: 'revised', reasoning: 'x' });
    expect({ status: again.status, code: again.body.error?.code }).toEqual({ status: 409, code: 'dispute_final' });
    expect((await t.call(hospital, 'POST', `/api/disputes/${id}/withdraw`, {})).body.error?.code).toBe('dispute_final');
    expect(await clock(new MarkDisputeLevelOverdueCommand(actorOf(hospital), id, 2))).toBe(false);
    expect(await clock(new CloseDisputeCommand(actorOf(hospital), id))).toBe(false);
    expect((await file(decisionId)).body.error?.code).toBe('dispute_exists');

    const detail = await t.call(hospital, 'GET', `/api/disputes/${id}`);
    expect(detail.body.history.map((h: { action: string; levelName: string }) => `${h.action}@${h.levelName}`)).toEqual([
      'filed@county', 'level_overdue@county', 'decided_upheld@county', 'escalated@city', 'level_overdue@city', 'decided_revised@city',
      'escalated@province', 'level_overdue@province', 'decided_final_upheld@province',
    ]);
    const history = await owner<{ action: string }>(`select action from decision_history where decision_id = $1 order by at, action`, [decisionId]);
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['dispute_filed', 'dispute_escalated', 'dispute_decided_revised', 'dispute_final_upheld']));
  });
});

describe('the escalation window, withdrawal and a city agency’s decision', () => {
  it('refuses an escalation after the window and closes the dispute (the level’s decision stands)', async () => {
    const decisionId = await decision();
    const id = (await file(decisionId)).body.id;
    await t.call(XW_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'revised', reasoning: '处理过重，予以变更' });
    await owner(`update dispute set escalation_due = current_date - 1 where id = $1`, [id]);
    const late = await t.call(hospital, 'POST', `/api/disputes/${id}/escalate`, { reasons: '不服' });
    expect({ status: late.status, code: late.body.error?.code }).toEqual({ status: 409, code: 'dispute_escalation_closed' });

    expect(await clock(new CloseDisputeCommand(actorOf(hospital), id))).toBe(true);
    expect(await clock(new CloseDisputeCommand(actorOf(hospital), id))).toBe(false);
    const detail = await t.call(XW_BUREAU, 'GET', `/api/disputes/${id}`);
    expect(detail.body).toMatchObject({ status: 'closed', outcome: 'revised', current: 0 });
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['filed', 'decided_revised', 'closed']);
    // Revised: the termination stays unexecuted, the agency is told to re-handle the decision.
    expect((await held(decisionId)).termination_on_hold).toBe(true);
    expect((await inbox(USERS.xuanwu)).some((x) => x.startsWith('处理决定经争议处理被变更'))).toBe(true);
    expect((await inbox(hospital)).some((x) => x.startsWith('争议处理已终结'))).toBe(true);
    expect((await t.call(hospital, 'POST', `/api/disputes/${id}/escalate`, { reasons: '不服' })).body.error?.code).toBe('dispute_escalation_closed');
    expect((await t.call(XW_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: 'x' })).body.error?.code).toBe('dispute_escalation_closed');
    expect(await outbox(id, 'DisputeClosed')).toHaveLength(1);
  });

  it('withdraws: the decision stands, the hold lifted, the workflow told; a new dispute may be filed', async () => {
    const decisionId = await decision();
    const id = (await file(decisionId)).body.id;
    expect((await t.call(USERS.clinic, 'POST', `/api/disputes/${id}/withdraw`, {})).status).toBe(404);
    expect((await t.call(XW_BUREAU, 'POST', `/api/disputes/${id}/withdraw`, {})).body.error?.code).toBe('dispute_not_party');
    const res = await t.call(hospital, 'POST', `/api/disputes/${id}/withdraw`, { reason: '已与经办机构沟通一致' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', outcome: null });
    expect((await held(decisionId)).termination_on_hold).toBe(false);
    const [update] = await outbox(id, 'DisputeWithdrawn');
    expect(update!.dispatch).toMatchObject({ kind: 'update', workflowId: `dispute-${id}`, args: [{ action: 'withdrawn' }] });
    expect((await inbox(XW_BUREAU)).some((x) => x.startsWith('争议处理申请已撤回'))).toBe(true);
    expect((await t.call(hospital, 'POST', `/api/disputes/${id}/withdraw`, {})).body.error?.code).toBe('dispute_withdrawn');
    expect((await t.call(XW_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: 'x' })).body.error?.code).toBe('dispute_withdrawn');
    expect((await file(decisionId)).status).toBe(201);
  });

  it('a decision without a termination holds nothing; a clinician may be the party', async () => {
    const decisionId = await decision({ measures: [{ kind: 'clinician_suspend_realtime', clinicianName: '李医生', rectificationDue: addCalendarDays(today, 30) }] });
    const res = await file(decisionId, { party: 'clinician', clinicianName: '李医生' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ party: 'clinician', clinicianName: '李医生', decision: { terminationOnHold: false, amounts: { total: 0 } } });
  });

  it("derives two levels from a city agency's decision: the city bureau, then the province", async () => {
    const decisionId = await decision({ agencyId: 'agency-3201' });
    const res = await file(decisionId);
    expect(res.status).toBe(201);
    const id = res.body.id;
    expect(res.body.path.map((l: { level: string; bureauId: string }) => [l.level, l.bureauId])).toEqual([['city', 'bureau-3201'], ['province', 'bureau-32']]);
    expect(res.body).toMatchObject({ currentLevel: 'city', decision: { agencyId: 'agency-3201' } });
    const [start] = await outbox(id, 'DisputeFiled');
    expect(start!.dispatch.args[0].path).toHaveLength(2);
    expect((await inbox(NJ_BUREAU)).some((x) => x.startsWith('争议处理申请'))).toBe(true);
    expect((await t.call(XW_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: 'x' })).body.error?.code).toBe('dispute_not_current_level');
    await t.call(NJ_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: '维持' });
    await t.call(hospital, 'POST', `/api/disputes/${id}/escalate`, { reasons: '不服市级决定' });
    const final = await t.call(PROVINCE, 'POST', `/api/disputes/${id}/decide`, { outcome: 'revised', reasoning: '变更为约谈' });
    expect(final.body).toMatchObject({ status: 'final', outcome: 'revised', current: 1 });
    // Revised finally: the termination is not executed.
    expect((await held(decisionId)).termination_on_hold).toBe(true);
    expect((await t.call(hospital, 'POST', `/api/disputes/${id}/escalate`, { reasons: 'x' })).body.error?.code).toBe('dispute_final');
  });
});

describe('tenancy', () => {
  let id = '';
  beforeAll(async () => {
    id = (await file(await decision())).body.id;
  });

  it('shows a dispute to the institution, the bureaus of its path and the agency, and to nobody beside them', async () => {
    for (const user of [hospital, XW_BUREAU, NJ_BUREAU, PROVINCE, LEADER, USERS.xuanwu, USERS.nanjing]) {
      expect({ who: user.username, status: (await t.call(user, 'GET', `/api/disputes/${id}`)).status }).toEqual({ who: user.username, status: 200 });
    }
    for (const user of [USERS.pharmacy, USERS.clinic, GS_BUREAU, USERS.gusu, SZ_BUREAU, USERS.suzhou]) {
      expect({ who: user.username, status: (await t.call(user, 'GET', `/api/disputes/${id}`)).status }).toEqual({ who: user.username, status: 404 });
      const list = await t.call(user, 'GET', '/api/disputes');
      expect({ who: user.username, total: list.body.total }).toEqual({ who: user.username, total: 0 });
    }
    expect((await t.call(SZ_BUREAU, 'POST', `/api/disputes/${id}/decide`, { outcome: 'upheld', reasoning: 'x' })).status).toBe(404);
    expect((await t.call(USERS.pharmacy, 'POST', `/api/disputes/${id}/escalate`, { reasons: 'x' })).status).toBe(404);
    expect((await t.call(hospital, 'GET', '/api/disputes/not-a-uuid')).status).toBe(404);
  });

  it('lists in scope with the status and level filters', async () => {
    const mine = await t.call(hospital, 'GET', '/api/disputes?pageSize=100');
    expect(mine.body.total).toBeGreaterThanOrEqual(6);
    expect(mine.body.items.every((d: { institution: { id: string } }) => d.institution.id === 'inst-320102-0001')).toBe(true);
    const open = await t.call(XW_BUREAU, 'GET', '/api/disputes?status=open&level=county');
    expect(open.body.items.map((d: { id: string }) => d.id)).toContain(id);
    expect(open.body.items.every((d: { status: string; currentLevel: string }) => d.status === 'open' && d.currentLevel === 'county')).toBe(true);
    const city = await t.call(PROVINCE, 'GET', '/api/disputes?level=city');
    expect(city.body.items.every((d: { currentLevel: string }) => d.currentLevel === 'city')).toBe(true);
    expect((await t.call(PROVINCE, 'GET', '/api/disputes?status=final')).body.total).toBe(2);
    expect((await t.call(PROVINCE, 'GET', '/api/disputes?status=bogus')).status).toBe(400);
  });
});
