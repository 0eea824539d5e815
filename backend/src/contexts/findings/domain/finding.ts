import { hasRole, type Actor } from '../../../kernel/actor.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { DomainError } from '../../../kernel/errors.js';
import { addCalendarDays, addWorkingDays, chinaDateOf, chinaInstant } from '../../../platform/calendar/working-days.js';

// Findings (问题) and the institution's feedback (反馈确认), docs/api/findings-and-disputes.md.

/**
 * Working days the institution has to confirm or appeal a finding, counted from the day it was sent:
 * the built-in default; the province's value and its source are the legal clock
 * `finding_confirmation_working_days` (contexts/calendar, issue 16).
 */
export const FINDING_CONFIRMATION_WORKING_DAYS = 5;
export const APPEAL_REASONS_MAX = 2000;
const COMMENT_MAX = 2000;

export const FINDING_EVENTS = {
  /** An inspection's findings were raised: starts the feedback workflow. */
  raised: 'FindingsRaised',
  confirmed: 'FindingConfirmed',
  appealed: 'FindingAppealed',
  appealReviewed: 'FindingAppealReviewed',
  deemed: 'FindingsDeemedConfirmed',
} as const;

export type FindingStatus = 'awaiting_confirmation' | 'confirmed' | 'deemed_confirmed' | 'appealed' | 'appeal_upheld' | 'decided';
export const FINDING_STATUSES: readonly FindingStatus[] = ['awaiting_confirmation', 'confirmed', 'deemed_confirmed', 'appealed', 'appeal_upheld', 'decided'];
/** Findings a handling decision may be made on (an appeal rejected leaves the finding confirmed). */
export const DECIDABLE: readonly FindingStatus[] = ['confirmed', 'deemed_confirmed'];

export type AppealOutcome = 'upheld' | 'rejected';
export interface AppealReview { outcome: AppealOutcome; comment: string; at: string; by: string; byUserId: string }
export interface Appeal { reasons: string; attachmentIds: string[]; at: string; review: AppealReview | null }

/**
 * The last day to confirm or appeal: `workingDays` (5 by default) working days after the China date the
 * findings were sent, on the national calendar plus the province of `region` (the finding's owner).
 */
export function confirmationDueOf(sentAt: Date, workingDays: number = FINDING_CONFIRMATION_WORKING_DAYS, region?: string): string {
  return addWorkingDays(chinaDateOf(sentAt), workingDays, region);
}

/** The first instant after a deadline day (00:00 China time of the next day): what a workflow's timer waits for. */
export function firstInstantAfter(day: string): string {
  return chinaInstant(addCalendarDays(day, 1)).toISOString();
}

/** The feedback workflow's deadline instant for a confirmation due date. */
export const confirmationDueAt = (due: string) => firstInstantAfter(due);

/** Whether the feedback window is still open at `now`: judged on the China date, the due day included. */
export function confirmationOpen(due: string, now: Date): boolean {
  return chinaDateOf(now) <= due;
}

/** Where a finding comes from: a province spot-check's inspection or an agency's own inspection. */
export type FindingSource = 'spot_check' | 'agency_inspection';

export function isAgencyUserOf(actor: Actor, agencyId: string): boolean {
  return hasRole(actor, 'county_staff', 'city_agency_staff') && actor.organizationKind === 'agency' && actor.organizationId === agencyId;
}

export function trimmedText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t && t.length <= max ? t : null;
}

export interface HistoryEntry { action: string; comment: string | null; byUserId: string; byName: string; at: Date }

/**
 * One finding of an inspection, owned by the institution. The institution confirms it or appeals
 * it within the window; the handling agency reviews appeals; the feedback workflow deems silence
 * confirmation once the window closed.
 */
export class Finding {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  sourceId!: string;
  handlingAgencyId!: string;
  status!: FindingStatus;
  confirmationDue!: string;
  confirmedAt: Date | null = null;
  deemed = false;
  appeal: Appeal | null = null;
  decisionId: string | null = null;
  newHistory: HistoryEntry[] = [];

  private assertInstitution(actor: Actor): void {
    if (actor.organizationId !== this.ownerOrgId || !hasRole(actor, 'institution_clerk')) {
      throw DomainError.forbidden('finding_forbidden', { zh: '只有被检查机构本身可以确认或申诉', en: 'only the inspected institution itself may confirm or appeal its findings' });
    }
  }

  private assertOpen(now: Date): void {
    if (!confirmationOpen(this.confirmationDue, now)) {
      throw DomainError.conflict('finding_confirmation_closed', {
        zh: `反馈期限已过（${this.confirmationDue} 截止），不能再确认或申诉`,
        en: `the feedback deadline (${this.confirmationDue}) has passed: the finding can no longer be confirmed or appealed`,
      }, { confirmationDue: this.confirmationDue, status: this.status });
    }
    if (this.status !== 'awaiting_confirmation') {
      throw DomainError.conflict('finding_not_awaiting', {
        zh: '该问题已确认或已申诉，不能重复反馈', en: 'the finding has been answered already',
      }, { status: this.status });
    }
  }

  confirm(actor: Actor, now: Date): void {
    this.assertInstitution(actor);
    this.assertOpen(now);
    this.status = 'confirmed';
    this.confirmedAt = now;
    this.addHistory('confirmed', actor, now, null);
    this.emit(FINDING_EVENTS.confirmed, { at: now.toISOString() });
  }

  appealWith(actor: Actor, reasons: unknown, attachmentIds: string[], now: Date): void {
    this.assertInstitution(actor);
    this.assertOpen(now);
    const text = validAppealReasons(reasons);
    this.status = 'appealed';
    this.appeal = { reasons: text, attachmentIds, at: now.toISOString(), review: null };
    this.addHistory('appealed', actor, now, text);
    this.emit(FINDING_EVENTS.appealed, { at: now.toISOString(), attachments: attachmentIds.length });
  }

  reviewAppeal(actor: Actor, outcome: unknown, comment: unknown, now: Date): void {
    if (!isAgencyUserOf(actor, this.handlingAgencyId)) {
      throw DomainError.forbidden('finding_forbidden', { zh: '只有负责处理的经办机构可以复核申诉', en: 'only the handling agency may review an appeal' });
    }
    if (this.status !== 'appealed' || !this.appeal) {
      throw DomainError.conflict('finding_not_appealed', { zh: '该问题没有待复核的申诉', en: 'the finding has no appeal awaiting review' }, { status: this.status });
    }
    if (outcome !== 'upheld' && outcome !== 'rejected') {
      throw DomainError.validation('appeal_outcome_invalid', { zh: `复核结论无效：${String(outcome)}（upheld 或 rejected）`, en: `outcome must be 'upheld' or 'rejected', got ${String(outcome)}` });
    }
    const text = trimmedText(comment, COMMENT_MAX);
    if (!text) {
      throw DomainError.validation('appeal_review_comment_required', { zh: `请填写复核意见（不超过 ${COMMENT_MAX} 个字符）`, en: `a review comment is required (at most ${COMMENT_MAX} characters)` });
    }
    this.appeal = { ...this.appeal, review: { outcome, comment: text, at: now.toISOString(), by: actor.displayName, byUserId: actor.userId } };
    if (outcome === 'upheld') {
      this.status = 'appeal_upheld';
    } else {
      this.status = 'confirmed';
      this.confirmedAt = now;
    }
    this.addHistory(outcome === 'upheld' ? 'appeal_upheld' : 'appeal_rejected', actor, now, text);
    this.emit(FINDING_EVENTS.appealReviewed, { at: now.toISOString(), outcome });
  }

  addHistory(action: string, actor: Actor, at: Date, comment: string | null): void {
    this.newHistory.push({ action, comment, byUserId: actor.userId, byName: actor.displayName, at });
  }

  private emit(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'Finding', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}

export function validAppealReasons(reasons: unknown): string {
  const text = trimmedText(reasons, APPEAL_REASONS_MAX);
  if (!text) {
    throw DomainError.validation('appeal_reasons_required', {
      zh: `请填写申诉理由（不超过 ${APPEAL_REASONS_MAX} 个字符）`, en: `appeal reasons are required (at most ${APPEAL_REASONS_MAX} characters)`,
    }, { max: APPEAL_REASONS_MAX });
  }
  return text;
}
