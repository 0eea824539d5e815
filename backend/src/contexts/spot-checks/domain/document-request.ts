import type { DocumentRequestWorkflowInput } from '@fundsup/workflows/contracts';
import { recordEvent } from '../../../kernel/aggregate.js';
import { actorData, hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { addCalendarDays, chinaDateOf, chinaInstant } from '../../../platform/calendar/working-days.js';
import type { Inspection } from './inspection.js';
import { isDate } from './spot-check.js';

// Document requests of an inspection (调取资料, issue 13 §3; seed 000 (七) 「调取有关资料」): the team
// asks the institution for documents with their own deadline, the institution answers with its
// evidence. Owned by the institution (it sees its requests before the inspection's result is sent:
// the inspection row itself stays hidden from it until then). docs/api/agency-inspections.md.

export type DocumentRequestStatus = 'requested' | 'answered';
export const DOCUMENT_REQUEST_STATUSES: readonly DocumentRequestStatus[] = ['requested', 'answered'];

export const DOCUMENT_REQUEST_EVENTS = {
  /** Asked: starts the request's workflow (its clock). */
  requested: 'DocumentRequested',
  /** Answered: relayed to the workflow, which completes. */
  answered: 'DocumentRequestAnswered',
  overdue: 'DocumentRequestOverdue',
} as const;

export const DOCUMENT_REQUEST_ITEMS_MAX = 2000;
export const DOCUMENT_REQUEST_ANSWER_MAX = 2000;
/** The due date is after today and at most this many days ahead. */
export const DOCUMENT_REQUEST_MAX_DAYS = 60;
export const DOCUMENT_REQUEST_ATTACHMENTS_MAX = 50;

/** The trimmed text when it is a string of 1 to `max` characters, else null. */
function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t && t.length <= max ? t : null;
}

/** The attachment ids of an answer (deduplicated), or the refusal. Whether they are the institution's own is checked against the store. */
export function answerAttachmentIds(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((a) => typeof a !== 'string') || value.length > DOCUMENT_REQUEST_ATTACHMENTS_MAX) {
    throw DomainError.validation('attachment_unknown', {
      zh: `附件编号格式无效（最多 ${DOCUMENT_REQUEST_ATTACHMENTS_MAX} 个）`, en: `attachmentIds must be a list of at most ${DOCUMENT_REQUEST_ATTACHMENTS_MAX} ids`,
    }, { field: 'attachmentIds' });
  }
  return [...new Set(value as string[])];
}

export class DocumentRequest {
  id!: string;
  inspectionId!: string;
  regionPath!: string;
  /** The institution. */
  ownerOrgId!: string;
  /** The inspecting organization: the agency (or the provincial bureau for a spot-check's inspection). */
  agencyId!: string;
  items!: string;
  dueDate!: string;
  status: DocumentRequestStatus = 'requested';
  overdue = false;
  answer: string | null = null;
  attachmentIds: string[] = [];
  requestedAt!: Date;
  requestedBy!: string;
  answeredAt: Date | null = null;
  isNew = false;

  /**
   * The inspecting team asks the institution for documents: only who may record the inspection
   * (Inspection.mayRun), only until its result is sent; items 1–2000 characters, due after today
   * and at most 60 days ahead (China dates).
   */
  static request(input: { id: string; inspection: Inspection; actor: Actor; items: unknown; dueDate: unknown; now: Date }): DocumentRequest {
    const { inspection, actor, now } = input;
    if (!inspection.mayRun(actor)) {
      throw DomainError.forbidden('document_request_forbidden', {
        zh: '只有实施检查的单位可以向被检查机构调取资料', en: 'only the inspecting organization may ask the institution for documents',
      });
    }
    if (inspection.status === 'sent') {
      throw DomainError.conflict('document_request_inspection_sent', {
        zh: '检查结果已送达，不能再调取资料', en: 'the result has been sent: no more documents can be requested',
      }, { status: inspection.status });
    }
    const items = text(input.items, DOCUMENT_REQUEST_ITEMS_MAX);
    if (!items) {
      throw DomainError.validation('document_request_items_invalid', {
        zh: `请填写需调取的资料（1 至 ${DOCUMENT_REQUEST_ITEMS_MAX} 个字符）`,
        en: `list the documents requested (1 to ${DOCUMENT_REQUEST_ITEMS_MAX} characters)`,
      }, { field: 'items' });
    }
    const today = chinaDateOf(now);
    const latest = addCalendarDays(today, DOCUMENT_REQUEST_MAX_DAYS);
    if (!isDate(input.dueDate) || input.dueDate <= today || input.dueDate > latest) {
      throw DomainError.validation('document_request_due_date_invalid', {
        zh: `提交期限无效：${String(input.dueDate ?? '') || '（未填写）'}（YYYY-MM-DD，须晚于今天且不超过 ${DOCUMENT_REQUEST_MAX_DAYS} 天，即 ${addCalendarDays(today, 1)} 至 ${latest}）`,
        en: `dueDate must be a date (YYYY-MM-DD) after today and at most ${DOCUMENT_REQUEST_MAX_DAYS} days ahead (${addCalendarDays(today, 1)} to ${latest}), got ${String(input.dueDate ?? '') || '(none)'}`,
      }, { field: 'dueDate', earliest: addCalendarDays(today, 1), latest });
    }
    const r = Object.assign(new DocumentRequest(), {
      id: input.id, inspectionId: inspection.id, regionPath: inspection.regionPath, ownerOrgId: inspection.ownerOrgId,
      agencyId: inspection.agencyId ?? actor.organizationId, items, dueDate: input.dueDate, requestedAt: now, requestedBy: actor.displayName, isNew: true,
    });
    const workflow: DocumentRequestWorkflowInput = {
      requestId: r.id, inspectionId: r.inspectionId, actor: actorData(actor), dueAt: chinaInstant(addCalendarDays(r.dueDate, 1)).toISOString(),
    };
    r.emit(DOCUMENT_REQUEST_EVENTS.requested, { inspectionId: r.inspectionId, agencyId: r.agencyId, dueDate: r.dueDate, input: workflow });
    return r;
  }

  /** Whether the actor is the institution's own clerk (the only one who answers). */
  mayAnswer(actor: Actor): boolean {
    return actor.organizationKind === 'institution' && actor.organizationId === this.ownerOrgId && hasRole(actor, 'institution_clerk');
  }

  /** The institution answers (late answers are accepted and stay flagged overdue). */
  answerWith(actor: Actor, answer: unknown, attachmentIds: unknown, now: Date): void {
    if (!this.mayAnswer(actor)) {
      throw DomainError.forbidden('document_request_forbidden', {
        zh: '只有被调取资料的机构本身可以提交资料', en: 'only the institution asked for the documents may answer',
      });
    }
    if (this.status === 'answered') {
      throw DomainError.conflict('document_request_answered', { zh: '该资料调取已答复', en: 'this request has been answered already' }, { status: this.status });
    }
    const t = text(answer, DOCUMENT_REQUEST_ANSWER_MAX);
    if (!t) {
      throw DomainError.validation('document_request_answer_invalid', {
        zh: `请填写答复说明（1 至 ${DOCUMENT_REQUEST_ANSWER_MAX} 个字符）`, en: `give an answer (1 to ${DOCUMENT_REQUEST_ANSWER_MAX} characters)`,
      }, { field: 'answer' });
    }
    const ids = answerAttachmentIds(attachmentIds);
    this.answer = t;
    this.attachmentIds = ids;
    this.status = 'answered';
    this.answeredAt = now;
    this.emit(DOCUMENT_REQUEST_EVENTS.answered, { inspectionId: this.inspectionId, late: this.overdue, transition: { action: 'answered', at: now.toISOString() } });
  }

  /**
   * Not answered by the end of the due day: flagged once; false when there is nothing to flag. When
   * is the workflow's to say (ADR 0007: it owns the clock, the first instant after the due day).
   */
  markOverdue(): boolean {
    if (this.status === 'answered' || this.overdue) return false;
    this.overdue = true;
    this.emit(DOCUMENT_REQUEST_EVENTS.overdue, { inspectionId: this.inspectionId, dueDate: this.dueDate });
    return true;
  }

  private emit(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'InspectionDocumentRequest', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}
