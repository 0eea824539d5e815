import { recordEvent } from '../../../kernel/aggregate.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';

// A transfer (移交, seed 000 (十三), 003 六(二)) from an agency (经办机构) to the bureau of its own region
// (同级医保行政部门): a finding, a handling decision or a lead with its formal materials. sent → the
// bureau accepts it (a case 待立案 opens, enforcement context), asks for supplementary investigation or
// materials with a deadline (supplement_requested → the agency supplements → sent again), or returns it
// with its reasons (returned). The result flows back to the agency; the level above reads it (scope).

export const TRANSFER_SOURCES = ['finding', 'decision', 'lead'] as const;
export type TransferSource = (typeof TRANSFER_SOURCES)[number];
export const TRANSFER_STATUSES = ['sent', 'supplement_requested', 'accepted', 'returned'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_ZH: Record<TransferStatus, string> = { sent: '已移交待受理', supplement_requested: '待补充材料', accepted: '已受理立案', returned: '已退回' };
export const MATERIAL_KINDS = ['inspection_record', 'finding', 'evidence', 'decision', 'other'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_KIND_ZH: Record<MaterialKind, string> = { inspection_record: '检查记录', finding: '问题认定', evidence: '证据材料', decision: '处理决定', other: '其他材料' };

export interface TransferMaterial { kind: MaterialKind; ref: string; title: string }
export interface TransferSupplement { reason: string; dueDate: string; by: string; at: string }
export interface TransferUnit { id: string; name: string; kind: string; regionPath: string }
export interface TransferHistoryEntry { at: Date; action: string; byUserId: string; byName: string; byOrgId: string; comment: string | null }

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function text(value: unknown, field: string, zh: string, max = 4000): string {
  const s = typeof value === 'string' ? value.trim() : '';
  if (!s || s.length > max) {
    throw DomainError.validation(`transfer_${field}_required`, { zh: `请填写${zh}（不超过 ${max} 字）`, en: `${field} is required (at most ${max} characters)` }, { field });
  }
  return s;
}

/** A decimal yuan amount ("12345.60"), or null. */
export function transferAmount(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,14}(\.\d{1,2})?$/.test(s)) {
    throw DomainError.validation('transfer_amount_invalid', {
      zh: `涉案金额应为不小于 0 的元金额，最多两位小数：${String(value)}`, en: `amountInvolved must be an amount in yuan (at least 0, at most two decimals): ${String(value)}`,
    }, { field: 'amountInvolved' });
  }
  return s;
}

export function transferMaterials(value: unknown): TransferMaterial[] {
  const list = Array.isArray(value) ? value : [];
  const bad = () => DomainError.validation('transfer_materials_invalid', {
    zh: '移交材料应列明种类（检查记录、问题认定、证据材料、处理决定、其他）、编号和名称，且至少一份',
    en: 'the materials must list at least one item, each with its kind (inspection_record, finding, evidence, decision, other), reference and title',
  }, { field: 'materials' });
  if (!list.length || list.length > 100) throw bad();
  return list.map((m: unknown) => {
    const o = (m ?? {}) as Record<string, unknown>;
    const kind = o.kind as MaterialKind;
    const ref = typeof o.ref === 'string' ? o.ref.trim() : '';
    const title = typeof o.title === 'string' ? o.title.trim() : '';
    if (!MATERIAL_KINDS.includes(kind) || !ref || !title || ref.length > 200 || title.length > 200) throw bad();
    return { kind, ref, title };
  });
}

export class Transfer {
  id = '';
  transferNo = 0;
  regionPath = '';
  ownerOrgId = '';
  toOrgId = '';
  sourceKind: TransferSource = 'finding';
  sourceId = '';
  regionCode = '';
  institutionOrgId = '';
  subject = '';
  facts = '';
  amountInvolved: string | null = null;
  materials: TransferMaterial[] = [];
  status: TransferStatus = 'sent';
  supplement: TransferSupplement | null = null;
  returnReasons: string | null = null;
  caseId: string | null = null;
  sentAt = new Date(0);
  sentBy = '';
  sentByUserId = '';
  decidedAt: Date | null = null;
  version = 1;
  isNew = false;
  newHistory: TransferHistoryEntry[] = [];

  /** The agency sends: it must be an agency; the bureau is the one of its own region. */
  static send(input: {
    id: string; actor: Actor; bureau: TransferUnit | undefined; sourceKind: unknown; sourceId: unknown; regionCode: string; institutionOrgId: string;
    subject: unknown; facts: unknown; amountInvolved: unknown; materials: unknown; now: Date;
  }): Transfer {
    const { actor } = input;
    if (actor.organizationKind !== 'agency') {
      throw DomainError.forbidden('transfer_agency_only', { zh: '只有经办机构可以向同级医保行政部门移交', en: 'only an agency transfers to the bureau of its region' });
    }
    if (!input.bureau || input.bureau.kind !== 'bureau' || input.bureau.regionPath !== actor.regionPath) {
      throw DomainError.conflict('transfer_no_bureau', { zh: '本级没有可接收移交的医保行政部门', en: 'there is no bureau of your region to transfer to' });
    }
    if (!TRANSFER_SOURCES.includes(input.sourceKind as TransferSource)) {
      throw DomainError.validation('transfer_source_invalid', { zh: '移交来源应为问题认定、处理决定或线索', en: 'the source must be a finding, a decision or a lead' }, { field: 'sourceKind' });
    }
    const t = Object.assign(new Transfer(), {
      id: input.id, regionPath: actor.regionPath, ownerOrgId: actor.organizationId, toOrgId: input.bureau.id,
      sourceKind: input.sourceKind as TransferSource, sourceId: text(input.sourceId, 'sourceId', '移交来源编号', 100),
      regionCode: input.regionCode, institutionOrgId: input.institutionOrgId,
      subject: text(input.subject, 'subject', '案由', 200), facts: text(input.facts, 'facts', '违法违规事实'),
      amountInvolved: transferAmount(input.amountInvolved), materials: transferMaterials(input.materials), status: 'sent' as TransferStatus,
      sentAt: input.now, sentBy: actor.displayName, sentByUserId: actor.userId, isNew: true,
    });
    t.log(actor, 'sent', input.now, null);
    t.event('TransferSent', { toOrgId: t.toOrgId });
    return t;
  }

  private log(actor: Actor, action: string, at: Date, comment: string | null) {
    this.newHistory.push({ at, action, byUserId: actor.userId, byName: actor.displayName, byOrgId: actor.organizationId, comment });
  }

  private event(type: string, payload: Record<string, unknown>) {
    recordEvent(this, { type, aggregateType: 'transfer', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload: { transferId: this.id, ...payload } });
  }

  private asReceiver(actor: Actor) {
    if (actor.organizationId !== this.toOrgId) {
      throw DomainError.forbidden('transfer_not_receiver', { zh: '只有接收移交的医保行政部门可以办理', en: 'only the receiving bureau handles the transfer' });
    }
    if (this.status !== 'sent') {
      throw DomainError.conflict('transfer_not_pending', { zh: `移交当前状态为“${TRANSFER_STATUS_ZH[this.status]}”，不能办理`, en: `the transfer is ${this.status}: nothing to decide` });
    }
  }

  /** The bureau accepts: the case it opened (待立案). */
  accept(actor: Actor, caseId: string, comment: unknown, now: Date) {
    this.asReceiver(actor);
    this.status = 'accepted';
    this.caseId = caseId;
    this.decidedAt = now;
    this.log(actor, 'accepted', now, typeof comment === 'string' && comment.trim() ? comment.trim() : null);
    this.event('TransferAccepted', { caseId });
  }

  /** Checked before the case is opened. */
  assertAcceptable(actor: Actor) {
    this.asReceiver(actor);
  }

  requestSupplement(actor: Actor, reason: unknown, dueDate: unknown, now: Date, today: string) {
    this.asReceiver(actor);
    const r = text(reason, 'reason', '补充调查或补充材料的要求');
    if (typeof dueDate !== 'string' || !DATE.test(dueDate) || dueDate <= today) {
      throw DomainError.validation('transfer_due_date_invalid', { zh: '补充期限应为今天之后的日期（YYYY-MM-DD）', en: 'the deadline must be a day after today (YYYY-MM-DD)' }, { field: 'dueDate' });
    }
    this.status = 'supplement_requested';
    this.supplement = { reason: r, dueDate, by: actor.displayName, at: now.toISOString() };
    this.log(actor, 'supplement_requested', now, r);
    this.event('TransferSupplementRequested', { dueDate });
  }

  /** The agency supplements the materials as asked: the transfer is pending again. */
  supplementWith(actor: Actor, note: unknown, materials: unknown, now: Date) {
    if (actor.organizationId !== this.ownerOrgId) {
      throw DomainError.forbidden('transfer_not_sender', { zh: '只有移交的经办机构可以补充材料', en: 'only the sending agency supplements the transfer' });
    }
    if (this.status !== 'supplement_requested') {
      throw DomainError.conflict('transfer_no_supplement_requested', { zh: '医保行政部门未要求补充材料', en: 'the bureau asked for no supplement' });
    }
    const n = text(note, 'note', '补充说明');
    const more = materials === undefined || (Array.isArray(materials) && !materials.length) ? [] : transferMaterials(materials);
    this.materials = [...this.materials, ...more];
    this.status = 'sent';
    this.supplement = null;
    this.log(actor, 'supplemented', now, n);
    this.event('TransferSupplemented', {});
  }

  returnWith(actor: Actor, reasons: unknown, now: Date) {
    this.asReceiver(actor);
    this.returnReasons = text(reasons, 'reasons', '退回理由');
    this.status = 'returned';
    this.decidedAt = now;
    this.log(actor, 'returned', now, this.returnReasons);
    this.event('TransferReturned', {});
  }
}
