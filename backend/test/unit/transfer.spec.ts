import type { Actor } from '../../src/kernel/actor.js';
import { DomainError } from '../../src/kernel/errors.js';
import { Transfer, transferAmount, transferMaterials } from '../../src/contexts/transfers/domain/transfer.js';
import { pullEvents } from '../../src/kernel/aggregate.js';
import { followUpDays, isMajorAmount, MajorCaseReport, OutwardTransfer } from '../../src/contexts/transfers/domain/outward.js';
import { noticeDefinition } from '../../src/contexts/transfers/infrastructure/outward-notice-pdf.js';
import type { OutwardNotice } from '../../src/contexts/transfers/application/outward-queries.js';
import { definition } from '../../src/contexts/transfers/infrastructure/transfer-letter-pdf.js';
import type { TransferDetail } from '../../src/contexts/transfers/application/queries.js';

const agency: Actor = { userId: 'u-xw', username: 'xw.staff', displayName: '宣武经办', roles: ['county_staff'], regionPath: '/32/3201/320102/', organizationId: 'agency-320102', organizationKind: 'agency' };
const bureau: Actor = { ...agency, userId: 'u-xwb', username: 'xw.bureau', displayName: '宣武医保局', organizationId: 'bureau-320102', organizationKind: 'bureau' };
const BUREAU = { id: 'bureau-320102', name: '玄武区医疗保障局', kind: 'bureau', regionPath: '/32/3201/320102/' };
const MATERIALS = [{ kind: 'finding', ref: 'F-1', title: '问题认定书' }];
const now = new Date('2026-12-07T02:00:00Z');

function send(over: Partial<Parameters<typeof Transfer.send>[0]> = {}) {
  return Transfer.send({
    id: 't1', actor: agency, bureau: BUREAU, sourceKind: 'finding', sourceId: 'F-1', regionCode: '320102', institutionOrgId: 'inst-320102-0001',
    subject: '虚构服务', facts: '事实', amountInvolved: '620000', materials: MATERIALS, now, ...over,
  });
}
function code(fn: () => unknown): string {
  try { fn(); } catch (e) { return (e as DomainError).code; }
  return 'none';
}

describe('a transfer', () => {
  it('is sent by an agency to the bureau of its own region only', () => {
    expect(code(() => send({ actor: bureau }))).toBe('transfer_agency_only');
    expect(code(() => send({ bureau: { ...BUREAU, regionPath: '/32/3201/' } }))).toBe('transfer_no_bureau');
    expect(code(() => send({ bureau: undefined }))).toBe('transfer_no_bureau');
    expect(code(() => send({ sourceKind: 'tip' }))).toBe('transfer_source_invalid');
    const t = send();
    expect([t.status, t.toOrgId, t.regionPath, t.ownerOrgId]).toEqual(['sent', 'bureau-320102', '/32/3201/320102/', 'agency-320102']);
  });

  it('checks amounts and materials', () => {
    expect(transferAmount('620000.00')).toBe('620000.00');
    expect(transferAmount(null)).toBeNull();
    for (const bad of ['-1', '1.234', 'abc']) expect(code(() => transferAmount(bad))).toBe('transfer_amount_invalid');
    expect(code(() => transferMaterials([]))).toBe('transfer_materials_invalid');
    expect(code(() => transferMaterials([{ kind: 'photo', ref: 'x', title: 'y' }]))).toBe('transfer_materials_invalid');
    expect(code(() => transferMaterials([{ kind: 'evidence', ref: ' ', title: 'y' }]))).toBe('transfer_materials_invalid');
  });

  it('goes sent → supplement_requested → sent → accepted, decided by the bureau only', () => {
    const t = send();
    expect(code(() => t.accept(agency, 'c1', null, now))).toBe('transfer_not_receiver');
    expect(code(() => t.requestSupplement(bureau, '补充', '2026-12-07', now, '2026-12-07'))).toBe('transfer_due_date_invalid');
    t.requestSupplement(bureau, '补充笔录', '2026-12-17', now, '2026-12-07');
    expect(t.status).toBe('supplement_requested');
    expect(code(() => t.accept(bureau, 'c1', null, now))).toBe('transfer_not_pending');
    expect(code(() => t.supplementWith(bureau, '已补充', undefined, now))).toBe('transfer_not_sender');
    t.supplementWith(agency, '已补充', [{ kind: 'evidence', ref: 'E-2', title: '笔录' }], now);
    expect([t.status, t.supplement, t.materials.length]).toEqual(['sent', null, 2]);
    t.accept(bureau, 'c1', '受理', now);
    expect([t.status, t.caseId]).toEqual(['accepted', 'c1']);
    expect(code(() => t.returnWith(bureau, '退回', now))).toBe('transfer_not_pending');
    expect(t.newHistory.map((h) => h.action)).toEqual(['sent', 'supplement_requested', 'supplemented', 'accepted']);
  });

  it('is returned with reasons, never empty ones', () => {
    const t = send();
    expect(code(() => t.returnWith(bureau, '  ', now))).toBe('transfer_reasons_required');
    t.returnWith(bureau, '不属于处罚范围', now);
    expect([t.status, t.returnReasons]).toEqual(['returned', '不属于处罚范围']);
  });
});

describe('the transfer letter', () => {
  it('names the bureau, the institution, the amount and every material', () => {
    const detail = {
      id: 't1', transferNo: 7, sourceKind: 'finding', sourceId: 'F-1', subject: '虚构服务', region: { code: '320102', name: '玄武区' },
      institution: { id: 'inst-320102-0001', name: '玄武医院' }, agency: { id: 'agency-320102', name: '玄武区医保中心' }, bureau: { id: 'bureau-320102', name: '玄武区医疗保障局' },
      amountInvolved: '620000.00', status: 'sent', supplementDueDate: null, caseId: null, sentAt: '2026-12-07T02:00:00.000Z', decidedAt: null,
      facts: '虚构康复项目', materials: [...MATERIALS, { kind: 'evidence', ref: 'E-2', title: '询问笔录' }], supplement: null, returnReasons: null, sentBy: '张三',
      can: { decide: false, supplement: false }, history: [], result: null,
    } as TransferDetail;
    const text = JSON.stringify(definition(detail));
    for (const s of ['玄武区医疗保障局：', '玄武医院', '620,000.00 元', '问题认定书', '询问笔录', 'E-2', '第 7 号', '玄武区医保中心\\n2026-12-07']) expect(text).toContain(s);
  });
});

describe('an outward transfer and the major-case report', () => {
  const base = { id: 'o1', actor: bureau, caseId: 'c1', recipientName: '公安分局', noticeDate: '2026-12-01', materials: MATERIALS, now, today: '2026-12-07' };
  it('is a bureau\'s, to one of the five departments, on a past day; a police transfer or ¥500,000 makes it a major case', () => {
    expect(code(() => OutwardTransfer.create({ ...base, actor: agency, recipientKind: 'police', amountInvolved: null }))).toBe('outward_bureau_only');
    expect(code(() => OutwardTransfer.create({ ...base, recipientKind: 'court', amountInvolved: null }))).toBe('outward_recipient_invalid');
    expect(code(() => OutwardTransfer.create({ ...base, recipientKind: 'health', noticeDate: '2026-12-08', amountInvolved: null }))).toBe('outward_date_invalid');
    expect(OutwardTransfer.create({ ...base, recipientKind: 'police', amountInvolved: '10' }).reportTrigger).toBe('police');
    expect(OutwardTransfer.create({ ...base, recipientKind: 'health', amountInvolved: '500000' }).reportTrigger).toBe('amount');
    expect(OutwardTransfer.create({ ...base, recipientKind: 'health', amountInvolved: '499999.99' }).reportTrigger).toBeNull();
  });

  it('is overdue after 30 days without a result, once; a result clears it', () => {
    const o = OutwardTransfer.create({ ...base, recipientKind: 'market', amountInvolved: null });
    expect(o.followUpDue).toBe('2026-12-31');
    expect(o.markOverdue('2026-12-31')).toBe(false);
    expect(o.markOverdue('2027-01-01')).toBe(true);
    expect(o.markOverdue('2027-01-02')).toBe(false);
    o.recordResult(bureau, '已立案查处', '2026-12-07', '2026-12-07', now);
    expect([o.overdue, o.receiptAt]).toEqual([false, '2026-12-07']);
    expect(code(() => o.recordResult(agency, 'x', '2026-12-07', '2026-12-07', now))).toBe('outward_not_owner');
  });

  it('report: due 7 days after, reminded once, overdue after the due day only while not submitted', () => {
    const r = MajorCaseReport.open({ id: 'r1', actor: bureau, regionPath: '/32/3201/320102/', ownerOrgId: 'bureau-320102', caseId: 'c1', outwardTransferId: null, trigger: 'police', on: '2026-12-28', now: new Date('2026-12-28T02:00:00Z') });
    expect(r.dueDate).toBe('2027-01-04');
    // the workflow's clock: day 5 at 09:00 China time, overdue from the first instant of day 8 (China time)
    expect(r.clock(new Date('2026-12-28T02:00:00Z'))).toEqual({ dueAt: '2027-01-04T16:00:00.000Z', dueDate: '2027-01-04', remindAt: ['2027-01-02T01:00:00.000Z'] });
    expect(r.clock(new Date('2027-01-03T00:00:00Z')).remindAt).toEqual([]);
    expect([r.remind(), r.remind()]).toEqual([true, false]);
    expect(r.markOverdue('2027-01-04')).toBe(false);
    expect(r.markOverdue('2027-01-05')).toBe(true);
    const province: Actor = { ...bureau, roles: ['province_official'], regionPath: '/32/', organizationId: 'bureau-32' };
    expect(code(() => r.send(province, now))).toBe('report_not_submitted');
    r.submit(bureau, { discovery: 'a', facts: 'b', result: 'c', basis: 'd' }, now);
    expect(code(() => r.send(bureau, now))).toBe('report_province_only');
    r.send(province, now);
    expect(code(() => r.acknowledge(province, now))).toBe('report_national_only');
    r.acknowledge({ ...bureau, roles: ['national_overseer'], regionPath: '/', organizationId: 'bureau-000000' }, now);
    expect(r.status).toBe('acknowledged');
  });
});

describe('the outward follow-up clock and the notice', () => {
  const base = { id: 'o2', actor: bureau, caseId: 'c1', recipientName: '玄武区市场监督管理局', noticeDate: '2026-12-01', materials: MATERIALS, now, today: '2026-12-07' };

  it('follow-up days: 30 by default, the configured 1–365 otherwise; a major amount is any of them at ¥500,000', () => {
    expect([followUpDays(), followUpDays(0), followUpDays(366), followUpDays(2.5), followUpDays(15)]).toEqual([30, 30, 30, 30, 15]);
    expect(OutwardTransfer.create({ ...base, recipientKind: 'market', amountInvolved: null, followUpDays: 15 }).followUpDue).toBe('2026-12-16');
    expect([isMajorAmount(null), isMajorAmount('499999.99'), isMajorAmount('500000.00'), isMajorAmount('620000')]).toEqual([false, false, true, true]);
  });

  it('sending starts the clock (due day 30, reminders 7 and 1 days before at 09:00 China time, those still ahead); the first result ends it, once', () => {
    const o = OutwardTransfer.create({ ...base, recipientKind: 'market', amountInvolved: null });
    const [sent] = pullEvents(o);
    expect(sent).toMatchObject({ type: 'OutwardTransferSent', aggregateId: 'o2', payload: { outwardTransferId: 'o2', followUpDue: '2026-12-31' } });
    expect((sent!.payload as any).input).toEqual({
      outwardTransferId: 'o2', actor: expect.objectContaining({ userId: 'u-xwb' }),
      clock: { dueAt: '2026-12-31T16:00:00.000Z', dueDate: '2026-12-31', remindAt: ['2026-12-24T01:00:00.000Z', '2026-12-30T01:00:00.000Z'] },
    });
    expect(o.clock(new Date('2026-12-25T00:00:00Z')).remindAt).toEqual(['2026-12-30T01:00:00.000Z']);
    expect([o.awaits('2026-12-31'), o.awaits('2026-12-30')]).toEqual([true, false]);
    o.recordResult(bureau, '已立案', '2026-12-07', '2026-12-07', now);
    expect(pullEvents(o)).toEqual([expect.objectContaining({ type: 'OutwardTransferResultRecorded', payload: { outwardTransferId: 'o2', transition: { action: 'ended', at: now.toISOString() } } })]);
    expect([o.awaits('2026-12-31'), o.clock(now).dueAt]).toEqual([false, null]);
    o.recordResult(bureau, '已作出行政处罚', '2026-12-07', '2026-12-07', now);
    expect(pullEvents(o)).toEqual([]);
  });

  it('the notice (案件移送函) names the recipient, the case, its facts, every material, the day and the follow-up day', () => {
    const n = {
      transfer: {
        id: 'o2', noticeNo: 12, caseId: 'c1', bureau: { id: 'bureau-320102', name: '玄武区医疗保障局' }, recipientKind: 'police', recipientName: '南京市公安局玄武分局',
        noticeDate: '2026-12-01', materials: [...MATERIALS, { kind: 'evidence', ref: 'E-9', title: '询问笔录' }], amountInvolved: '620000.00', followUpDue: '2026-12-31',
        receiptAt: null, result: null, resultAt: null, overdue: false, status: 'open', createdBy: '张三', mayRecord: true, can: { recordReceipt: true, recordResult: true, printNotice: true },
      },
      case: {
        id: 'c1', caseNo: 31, subject: '虚构诊疗项目', facts: '虚构康复理疗项目结算 62 万元', institution: { id: 'inst-320102-0001', name: '玄武医院' }, amountInvolved: '620000.00',
        status: 'closed', decidedAt: null, penaltyAmount: null, recoveryAmount: null, closedAt: null, publishedAt: null,
      },
    } as OutwardNotice;
    const text = JSON.stringify(noticeDefinition(n));
    for (const s of ['案件移送函', '南京市公安局玄武分局：', '第 12 号', '第 31 号', '玄武医院', '虚构诊疗项目', '虚构康复理疗项目结算 62 万元', '620,000.00 元',
      '问题认定书', 'E-9', '询问笔录', '涉嫌犯罪', '2026-12-31', '玄武区医疗保障局\\n2026-12-01', '经办人：张三']) expect(text).toContain(s);
  });
});
