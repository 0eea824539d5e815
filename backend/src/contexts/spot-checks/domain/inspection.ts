import type { SpotCheckTransition } from '@fundsup/workflows/contracts';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import type { InstitutionKind, InstitutionLevel } from './draw/index.js';
import { isDate } from './spot-check.js';
import { isYuanAmount } from '../../../kernel/money.js';
import { provincePathOf } from '../../../kernel/region-path.js';

export type InspectionStatus = 'assigned' | 'recorded' | 'sent';
export type ChecklistResult = 'compliant' | 'deficient' | 'not_applicable';
export const CHECKLIST_RESULTS: readonly ChecklistResult[] = ['compliant', 'deficient', 'not_applicable'];

export const INSPECTION_EVENTS = { recorded: 'InspectionRecorded', sent: 'InspectionSent' } as const;

export interface TeamMember { inspectorId: string; name: string; organizationName: string }
export interface ChecklistEntry { item: string; result: ChecklistResult; note: string | null }
export interface InspectionFinding { type: string; description: string; amount: number; clinicianName: string | null; attachmentIds: string[] }

export interface RecordInput {
  inspectedOn: string;
  checklist: { item: string; result: string; note?: string | null }[];
  findings: { type?: string | null; description?: string | null; amount: number; clinicianName?: string | null; attachmentIds?: string[] | null }[];
  attachmentIds: string[];
}

const TEXT_MAX = 2000;
const SHORT_MAX = 100;

/** Yuan, ≥ 0, at most 2 decimals, within numeric(14,2). */
export const validAmount = isYuanAmount;

/** The trimmed text, or null when empty or longer than `max`. */
function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t && t.length <= max ? t : null;
}

/**
 * The on-site inspection (现场检查) of one drawn institution. Owned by the institution, which reads
 * it once the result is sent; the province records and sends it.
 */
export class Inspection {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  spotCheckId!: string;
  spotCheckTitle!: string;
  campaignId: string | null = null;
  checklistItems: string[] = [];
  institutionId!: string;
  cityCode!: string;
  kind!: InstitutionKind;
  level!: InstitutionLevel;
  drawOrder!: number;
  team: TeamMember[] = [];
  status: InspectionStatus = 'assigned';
  dueDate!: string;
  overdue = false;
  inspectedOn: string | null = null;
  checklist: ChecklistEntry[] = [];
  findings: InspectionFinding[] = [];
  attachmentIds: string[] = [];
  recordedAt: Date | null = null;
  recordedBy: string | null = null;
  sentAt: Date | null = null;
  createdAt!: Date;
  isNew = false;

  /** A drawn institution gets its inspection with the drawn team (status assigned). */
  static assign(input: InspectionAssignment): Inspection {
    const { institution, ...rest } = input;
    return Object.assign(new Inspection(), rest, { regionPath: institution.regionPath, ownerOrgId: institution.id, institutionId: institution.id, isNew: true });
  }

  isProvince(actor: Actor): boolean {
    return hasRole(actor, 'province_official') && actor.organizationKind === 'bureau' && actor.regionPath === provincePathOf(this.regionPath);
  }

  private assertProvince(actor: Actor): void {
    if (!this.isProvince(actor)) {
      throw DomainError.forbidden('spot_check_forbidden', { zh: '只有省级医保部门可以录入和送达检查结果', en: 'only the provincial bureau may record and send inspection results' });
    }
  }

  /** Records (or corrects, until sent) the result: status recorded. */
  record(actor: Actor, input: RecordInput, attachmentsInScope: ReadonlySet<string>, now: Date): void {
    this.assertProvince(actor);
    if (this.status === 'sent') {
      throw DomainError.conflict('inspection_sent', { zh: '检查结果已送达，不能再修改', en: 'the result has been sent: it can no longer be changed' }, { status: this.status });
    }
    const today = chinaDateOf(now);
    if (!isDate(input.inspectedOn)) {
      throw DomainError.validation('inspection_date_invalid', { zh: `检查日期无效：${String(input.inspectedOn)}（格式 YYYY-MM-DD）`, en: `inspectedOn is not a date (YYYY-MM-DD): ${String(input.inspectedOn)}` });
    }
    if (input.inspectedOn > today) {
      throw DomainError.validation('inspection_date_future', { zh: `检查日期不得晚于今天（${today}）`, en: `the inspection date cannot be after today (${today})` }, { inspectedOn: input.inspectedOn });
    }

    const seen = new Set<string>();
    const checklist = (input.checklist ?? []).map((c, i): ChecklistEntry => {
      if (!this.checklistItems.includes(c.item)) {
        throw DomainError.validation('inspection_checklist_item_unknown', {
          zh: `第 ${i + 1} 个检查项不在本次抽查的检查清单中：${String(c.item)}`,
          en: `checklist entry ${i + 1} is not an item of this spot-check's checklist: ${String(c.item)}`,
        }, { index: i, item: c.item });
      }
      if (seen.has(c.item)) {
        throw DomainError.validation('inspection_checklist_item_duplicate', { zh: `检查项重复：${c.item}`, en: `checklist item given twice: ${c.item}` }, { index: i });
      }
      seen.add(c.item);
      if (!(CHECKLIST_RESULTS as readonly string[]).includes(c.result)) {
        throw DomainError.validation('inspection_checklist_result_invalid', {
          zh: `检查项「${c.item}」的结论无效：${String(c.result)}（可选 compliant、deficient、not_applicable）`,
          en: `invalid result '${String(c.result)}' for '${c.item}' (compliant, deficient, not_applicable)`,
        }, { index: i, result: c.result });
      }
      const note = typeof c.note === 'string' ? c.note.trim() || null : null;
      if (note && note.length > TEXT_MAX) {
        throw DomainError.validation('inspection_text_too_long', { zh: `说明不超过 ${TEXT_MAX} 个字符`, en: `a note must be at most ${TEXT_MAX} characters` }, { index: i });
      }
      return { item: c.item, result: c.result as ChecklistResult, note };
    });
    const missing = this.checklistItems.filter((item) => !seen.has(item));
    if (missing.length) {
      throw DomainError.validation('inspection_checklist_incomplete', {
        zh: `请对全部检查项作出结论，尚缺 ${missing.length} 项`,
        en: `give a result for every checklist item; ${missing.length} missing`,
      }, { missing });
    }

    const unknownAttachments = new Set<string>();
    const ids = (list: unknown) => {
      const out = [...new Set(Array.isArray(list) ? list.map(String) : [])];
      for (const id of out) if (!attachmentsInScope.has(id)) unknownAttachments.add(id);
      return out;
    };
    const findings = (input.findings ?? []).map((f, i): InspectionFinding => {
      const type = text(f.type, SHORT_MAX);
      const description = text(f.description, TEXT_MAX);
      if (!type || !description) {
        throw DomainError.validation('inspection_finding_invalid', {
          zh: `第 ${i + 1} 个问题须填写问题类型（不超过 ${SHORT_MAX} 个字符）和问题描述（不超过 ${TEXT_MAX} 个字符）`,
          en: `finding ${i + 1} needs a type (at most ${SHORT_MAX} characters) and a description (at most ${TEXT_MAX} characters)`,
        }, { index: i, field: !type ? 'type' : 'description' });
      }
      if (!validAmount(f.amount)) {
        throw DomainError.validation('amount_invalid', {
          zh: `第 ${i + 1} 个问题的涉及金额无效：${String(f.amount)}（应为不小于 0 的金额，最多 2 位小数）`,
          en: `finding ${i + 1}: invalid amount ${String(f.amount)} (yuan, ≥ 0, at most 2 decimals)`,
        }, { index: i, amount: f.amount });
      }
      const clinicianName = typeof f.clinicianName === 'string' && f.clinicianName.trim() ? text(f.clinicianName, SHORT_MAX) : null;
      if (typeof f.clinicianName === 'string' && f.clinicianName.trim() && !clinicianName) {
        throw DomainError.validation('inspection_finding_invalid', {
          zh: `第 ${i + 1} 个问题的医师姓名不超过 ${SHORT_MAX} 个字符`, en: `finding ${i + 1}: the clinician's name must be at most ${SHORT_MAX} characters`,
        }, { index: i, field: 'clinicianName' });
      }
      return { type, description, amount: f.amount, clinicianName, attachmentIds: ids(f.attachmentIds) };
    });
    const attachmentIds = ids(input.attachmentIds);
    if (unknownAttachments.size) {
      throw DomainError.validation('attachment_unknown', {
        zh: `附件不存在或无权使用：${[...unknownAttachments].join('、')}`,
        en: `attachments not found or not visible to you: ${[...unknownAttachments].join(', ')}`,
      }, { attachmentIds: [...unknownAttachments] });
    }

    this.inspectedOn = input.inspectedOn;
    this.checklist = checklist;
    this.findings = findings;
    this.attachmentIds = attachmentIds;
    this.status = 'recorded';
    this.recordedAt = now;
    this.recordedBy = actor.displayName;
    this.emit(INSPECTION_EVENTS.recorded, { spotCheckId: this.spotCheckId, findings: findings.length });
  }

  /** Sends the recorded result to the institution; the spot-check workflow mirrors it. */
  send(actor: Actor, now: Date): void {
    this.assertProvince(actor);
    if (this.status !== 'recorded') {
      throw DomainError.conflict(this.status === 'sent' ? 'inspection_sent' : 'inspection_not_recorded', {
        zh: this.status === 'sent' ? '检查结果已送达' : '请先录入检查结果再送达',
        en: this.status === 'sent' ? 'the result has been sent already' : 'record the result before sending it',
      }, { status: this.status });
    }
    this.status = 'sent';
    this.sentAt = now;
    const transition: SpotCheckTransition = { action: 'inspection_sent', inspectionId: this.id, at: now.toISOString() };
    this.emit(INSPECTION_EVENTS.sent, { spotCheckId: this.spotCheckId, transition });
  }

  private emit(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'Inspection', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}

export interface InspectionAssignment {
  id: string;
  spotCheckId: string;
  spotCheckTitle: string;
  campaignId: string | null;
  checklistItems: string[];
  institution: { id: string; regionPath: string };
  cityCode: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  drawOrder: number;
  team: TeamMember[];
  dueDate: string;
  createdAt: Date;
}
