import type { Actor } from '../../src/kernel/actor.js';
import { DomainError } from '../../src/kernel/errors.js';
import { Transfer, transferAmount, transferMaterials } from '../../src/contexts/transfers/domain/transfer.js';
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
      can: { decide: false, supplement: false }, history: [],
    } as TransferDetail;
    const text = JSON.stringify(definition(detail));
    for (const s of ['玄武区医疗保障局：', '玄武医院', '620,000.00 元', '问题认定书', '询问笔录', 'E-2', '第 7 号', '玄武区医保中心\\n2026-12-07']) expect(text).toContain(s);
  });
});
