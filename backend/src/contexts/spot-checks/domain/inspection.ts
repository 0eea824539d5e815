import type { AgencyInspectionWorkflowInput, SpotCheckTransition } from '@fundsup/workflows/contracts';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { actorData, hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import type { InstitutionKind, InstitutionLevel } from './draw/index.js';
import { isDate } from './spot-check.js';
import { isYuanAmount } from '../../../kernel/money.js';
import { provincePathOf } from '../../../kernel/region-path.js';
import { isNationalOverseer } from './flight-inspection.js';
import { isAgencyStaff, validInterviews, type InspectionMethod, type InspectionType, type Interview } from './agency-inspection.js';

export type InspectionStatus = 'assigned' | 'recorded' | 'sent';
export type ChecklistResult = 'compliant' | 'deficient' | 'not_applicable';
export const CHECKLIST_RESULTS: readonly ChecklistResult[] = ['compliant', 'deficient', 'not_applicable'];

export const INSPECTION_EVENTS = {
  /** An agency scheduled its own inspection: starts the inspection's workflow. */
  scheduled: 'InspectionScheduled',
  recorded: 'InspectionRecorded',
  sent: 'InspectionSent',
  overdue: 'InspectionOverdue',
} as const;

export type InspectionOrigin = 'spot_check' | 'agency' | 'flight';

export interface TeamMember { inspectorId: string; name: string; organizationName: string }
export interface ChecklistEntry { item: string; result: ChecklistResult; note: string | null }
export interface InspectionFinding { type: string; description: string; amount: number; clinicianName: string | null; attachmentIds: string[] }

export interface RecordInput {
  inspectedOn: string;
  checklist: { item: string; result: string; note?: string | null }[];
  findings: { type?: string | null; description?: string | null; amount: number; clinicianName?: string | null; attachmentIds?: string[] | null }[];
  attachmentIds: string[];
  interviews?: unknown;
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
 * An inspection (现场检查 / 数据核查) of one institution: drawn by a province spot-check (origin
 * 'spot_check', recorded and sent by the province) or scheduled by a handling agency (origin
 * 'agency': routine, targeted, follow-up, lead or complaint; recorded and sent by that agency's
 * staff). Owned by the institution, which reads it once the result is sent; sending raises its
 * findings into the handling chain.
 */
export class Inspection {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  origin: InspectionOrigin = 'spot_check';
  spotCheckId: string | null = null;
  /** The national bureau's flight inspection (origin 'flight'). */
  flightInspectionId: string | null = null;
  /** The spot-check's title, or the agency inspection's (the institution cannot read either source). */
  spotCheckTitle!: string;
  /** The inspecting agency (origin 'agency'). */
  agencyId: string | null = null;
  inspectionType: InspectionType | null = null;
  method: InspectionMethod | null = null;
  announced: boolean | null = null;
  plannedOn: string | null = null;
  crossInspection = false;
  basis: string | null = null;
  interviews: Interview[] = [];
  createdBy: string | null = null;
  campaignId: string | null = null;
  checklistItems: string[] = [];
  institutionId!: string;
  cityCode!: string;
  kind!: InstitutionKind;
  level!: InstitutionLevel;
  drawOrder: number | null = null;
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

  /** An institution of a flight inspection, at its start: recorded by the national bureau (the team drawn from other provinces). */
  static forFlight(input: Omit<InspectionAssignment, 'spotCheckId' | 'campaignId'> & { flightInspectionId: string }): Inspection {
    const { institution, ...rest } = input;
    return Object.assign(new Inspection(), rest, {
      origin: 'flight' as const, campaignId: null, regionPath: institution.regionPath, ownerOrgId: institution.id, institutionId: institution.id, isNew: true,
    });
  }

  /** An agency's own inspection, scheduled (status assigned) with its team and checklist. */
  static schedule(input: AgencyInspectionSchedule): Inspection {
    const { institution, actor, clock, ...rest } = input;
    const i = Object.assign(new Inspection(), rest, {
      origin: 'agency' as const, regionPath: institution.regionPath, ownerOrgId: institution.id, institutionId: institution.id,
      agencyId: actor.organizationId, dueDate: rest.plannedOn, createdBy: actor.displayName, isNew: true,
    });
    const workflow: AgencyInspectionWorkflowInput = { inspectionId: i.id, actor: actorData(actor), remindAt: clock.remindAt, dueAt: clock.dueAt };
    i.emit(INSPECTION_EVENTS.scheduled, { plannedOn: i.plannedOn, inspectionType: i.inspectionType, input: workflow });
    return i;
  }

  isProvince(actor: Actor): boolean {
    return hasRole(actor, 'province_official') && actor.organizationKind === 'bureau' && actor.regionPath === provincePathOf(this.regionPath);
  }

  /**
   * Who records and sends: the province for a spot-check's inspection, the inspecting agency's staff
   * for its own, the national bureau for a flight inspection's.
   */
  mayRun(actor: Actor): boolean {
    if (this.origin === 'flight') return isNationalOverseer(actor);
    return this.origin === 'agency' ? isAgencyStaff(actor) && actor.organizationId === this.agencyId : this.isProvince(actor);
  }

  private assertProvince(actor: Actor): void {
    if (this.mayRun(actor)) return;
    if (this.origin === 'flight') {
      throw DomainError.forbidden('flight_inspection_forbidden', { zh: '只有国家医疗保障局可以录入飞行检查结果', en: 'only the national bureau may record a flight inspection' });
    }
    if (this.origin === 'agency') {
      throw DomainError.forbidden('inspection_forbidden', { zh: '只有实施检查的经办机构可以录入和送达检查结果', en: 'only the inspecting agency may record and send the result' });
    }
    throw DomainError.forbidden('spot_check_forbidden', { zh: '只有省级医保部门可以录入和送达检查结果', en: 'only the provincial bureau may record and send inspection results' });
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
    const interviews = validInterviews(input.interviews, today).map((v) => ({ ...v, attachmentIds: ids(v.attachmentIds) }));
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
    this.interviews = interviews;
    this.status = 'recorded';
    this.recordedAt = now;
    this.recordedBy = actor.displayName;
    this.emit(INSPECTION_EVENTS.recorded, { spotCheckId: this.spotCheckId, findings: findings.length });
  }

  /** Sends the recorded result to the institution; the spot-check workflow mirrors it. */
  send(actor: Actor, now: Date): void {
    this.assertProvince(actor);
    if (this.origin === 'flight') {
      throw DomainError.conflict('flight_inspection_not_sent', {
        zh: '飞行检查的结果不直接送达机构：由国家医疗保障局移交省级医保部门后续查处',
        en: "a flight inspection's result is not sent to the institution: the national bureau hands it to the province to follow up",
      }, { origin: this.origin });
    }
    if (this.status !== 'recorded') {
      throw DomainError.conflict(this.status === 'sent' ? 'inspection_sent' : 'inspection_not_recorded', {
        zh: this.status === 'sent' ? '检查结果已送达' : '请先录入检查结果再送达',
        en: this.status === 'sent' ? 'the result has been sent already' : 'record the result before sending it',
      }, { status: this.status });
    }
    this.status = 'sent';
    this.sentAt = now;
    const transition: SpotCheckTransition = { action: 'inspection_sent', inspectionId: this.id, at: now.toISOString() };
    this.emit(INSPECTION_EVENTS.sent, { origin: this.origin, spotCheckId: this.spotCheckId, transition });
  }

  /** An agency inspection not sent by its planned date is flagged once; false when there is nothing to flag. */
  markOverdue(now: Date): boolean {
    if (this.origin !== 'agency' || this.status === 'sent' || this.overdue || chinaDateOf(now) <= this.dueDate) return false;
    this.overdue = true;
    this.emit(INSPECTION_EVENTS.overdue, { plannedOn: this.plannedOn });
    return true;
  }

  private emit(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'Inspection', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}

export interface AgencyInspectionSchedule {
  id: string;
  actor: Actor;
  institution: { id: string; regionPath: string };
  spotCheckTitle: string;
  checklistItems: string[];
  cityCode: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  team: TeamMember[];
  inspectionType: InspectionType;
  method: InspectionMethod;
  announced: boolean;
  plannedOn: string;
  crossInspection: boolean;
  basis: string | null;
  createdAt: Date;
  /** The workflow's instants: reminder (null when past) and the first instant after the planned date. */
  clock: { remindAt: string | null; dueAt: string };
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
