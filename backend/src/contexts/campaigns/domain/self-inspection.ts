import { recordEvent } from '../../../kernel/aggregate.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { endOfChinaDay } from '../../../platform/calendar/working-days.js';
import type { CampaignPhase } from './campaign.js';
import { isYuanAmount } from '../../../kernel/money.js';

export const SELF_INSPECTION_EVENTS = {
  drafted: 'SelfInspectionDrafted',
  submitted: 'SelfInspectionSubmitted',
  /** The handling agency verified the report, returned it for correction, or recorded the refund it verified. */
  reviewed: 'SelfInspectionReviewed',
  /** A returned report resubmitted with its corrections (not mirrored to the city workflow: it counted once). */
  corrected: 'SelfInspectionCorrected',
} as const;

export type SelfInspectionStatus = 'pending' | 'draft' | 'submitted' | 'missing';
/** The handling agency's review of a submitted report (核实): awaiting it, verified, or returned for correction. */
export type ReviewStatus = 'awaiting' | 'verified' | 'returned';
export type ReviewAction = 'verified' | 'returned' | 'corrected' | 'refund_verified';
export interface RefundVerification { confirmed: boolean; amount: number | null }
export interface ReviewStep { action: ReviewAction; at: Date; byOrgId: string; byName: string; comment: string | null; refund: RefundVerification | null }
export interface SelfInspectionIssue { focus: string; description: string; amount: number }
export interface SelfInspectionContent { report: string; refundedAmount: number; issues: SelfInspectionIssue[]; attachmentIds: string[] }

const REPORT_MAX = 20_000;
const COMMENT_MAX = 2_000;

/** The agency's comment: trimmed, null when blank, at most 2000 characters. */
export function validComment(v: unknown): string | null {
  const text = typeof v === 'string' ? v.trim() : '';
  if (text.length > COMMENT_MAX) {
    throw DomainError.validation('self_inspection_comment_too_long', { zh: `意见不超过 ${COMMENT_MAX} 个字符`, en: `the comment must be at most ${COMMENT_MAX} characters` });
  }
  return text || null;
}

/** A refund verification: confirmed with the amount received, or not (yet) confirmed (no amount). */
export function validRefund(input: { confirmed?: unknown; amount?: unknown } | null | undefined): RefundVerification {
  if (!input || typeof input !== 'object' || typeof input.confirmed !== 'boolean') {
    throw DomainError.validation('self_inspection_refund_invalid', {
      zh: '请说明退回资金是否已核实到账（confirmed: true/false）', en: 'say whether the refund is confirmed (confirmed: true or false)',
    });
  }
  if (!input.confirmed) return { confirmed: false, amount: null };
  return { confirmed: true, amount: validAmount(input.amount, 'refund.amount') };
}

/** A yuan amount: finite, ≥ 0, at most 2 decimals (checked on the decimal text, not by float maths). */
export function validAmount(v: unknown, field: string): number {
  if (!isYuanAmount(v)) {
    throw DomainError.validation('amount_invalid', {
      zh: `金额「${field}」应为不小于 0 且最多两位小数的数字：${String(v)}`,
      en: `${field} must be a number ≥ 0 with at most 2 decimals: ${String(v)}`,
    }, { field });
  }
  return v as number;
}

export function validContent(input: Partial<SelfInspectionContent> | null | undefined): SelfInspectionContent {
  const body = input ?? {};
  const report = typeof body.report === 'string' ? body.report.trim() : '';
  if (report.length > REPORT_MAX) {
    throw DomainError.validation('self_inspection_report_too_long', { zh: `自查报告不超过 ${REPORT_MAX} 个字符`, en: `the report must be at most ${REPORT_MAX} characters` });
  }
  const refundedAmount = validAmount(body.refundedAmount ?? 0, 'refundedAmount');
  if (body.issues !== undefined && !Array.isArray(body.issues)) {
    throw DomainError.validation('self_inspection_issue_invalid', { zh: '问题清单格式无效', en: 'issues must be a list' });
  }
  const issues = (body.issues ?? []).map((i, n) => {
    const focus = typeof i?.focus === 'string' ? i.focus.trim() : '';
    const description = typeof i?.description === 'string' ? i.description.trim() : '';
    if (!description || description.length > 2000 || focus.length > 200) {
      throw DomainError.validation('self_inspection_issue_invalid', {
        zh: `第 ${n + 1} 个问题：请填写问题描述（不超过 2000 个字符）`,
        en: `issue ${n + 1}: a description is required (at most 2000 characters)`,
      }, { index: n });
    }
    return { focus, description, amount: validAmount(i.amount ?? 0, `issues[${n}].amount`) };
  });
  if (issues.length > 500) {
    throw DomainError.validation('self_inspection_issue_invalid', { zh: '问题清单不超过 500 条', en: 'at most 500 issues' });
  }
  const ids = body.attachmentIds ?? [];
  if (!Array.isArray(ids) || ids.some((a) => typeof a !== 'string')) {
    throw DomainError.validation('attachment_unknown', { zh: '附件编号格式无效', en: 'attachmentIds must be a list of ids' });
  }
  return { report, refundedAmount, issues, attachmentIds: [...new Set(ids)] };
}

/**
 * Each issue's 治理重点 is one of the campaign's own focus areas (the form offers them), or left
 * empty; `kept` are the values the stored report already holds, which may stay as they are.
 */
export function checkIssueFocus(issues: readonly SelfInspectionIssue[], focusAreas: readonly string[], kept: readonly string[] = []): void {
  const index = issues.findIndex((i) => i.focus !== '' && !focusAreas.includes(i.focus) && !kept.includes(i.focus));
  if (index < 0) return;
  const allowed = focusAreas.length ? focusAreas : ['—'];
  throw DomainError.validation('self_inspection_focus_invalid', {
    zh: `第 ${index + 1} 个问题的治理重点「${issues[index]!.focus}」不是本专项治理的治理重点，应为：${allowed.join('；')}`,
    en: `issue ${index + 1}: the focus area '${issues[index]!.focus}' is not one of the campaign's focus areas: ${allowed.join('; ')}`,
  }, { index, focus: issues[index]!.focus, allowed: focusAreas });
}

/**
 * One institution's self-inspection task in a campaign (自查自纠). Owned by the institution. The
 * campaign's phase (set by the workflow) decides whether a report is accepted; lateness is the legal
 * fact "after the last day of the self-inspection window".
 */
export class SelfInspection {
  id!: string;
  campaignId!: string;
  regionPath!: string;
  ownerOrgId!: string;
  cityCode!: string;
  kind!: string;
  status: SelfInspectionStatus = 'pending';
  content: SelfInspectionContent = { report: '', refundedAmount: 0, issues: [], attachmentIds: [] };
  submittedAt: Date | null = null;
  late = false;
  escalatedAt: Date | null = null;
  /** The agency that holds the institution's service agreement when the task was created. */
  handlingAgencyId: string | null = null;
  reviewStatus: ReviewStatus | null = null;
  reviewComment: string | null = null;
  reviewedAt: Date | null = null;
  reviewedBy: string | null = null;
  corrections = 0;
  refund: RefundVerification | null = null;
  refundVerifiedAt: Date | null = null;
  /** Review steps added by this command (written by the repository). */
  newReviewSteps: ReviewStep[] = [];

  private assertInstitution(actor: Actor): void {
    if (actor.organizationId !== this.ownerOrgId || !actor.roles.includes('institution_clerk')) {
      throw DomainError.forbidden('self_inspection_forbidden', { zh: '只有本机构可以填报自查报告', en: 'only the institution itself may fill in its self-inspection' });
    }
  }

  /** Returned for correction: the institution edits and resubmits its submitted report. */
  get returned(): boolean {
    return this.status === 'submitted' && this.reviewStatus === 'returned';
  }

  private assertOpen(phase: CampaignPhase): void {
    if (this.status === 'submitted' && !this.returned) {
      throw DomainError.conflict('self_inspection_submitted', { zh: '自查报告已提交，不能修改', en: 'the self-inspection report was submitted already' }, { submittedAt: this.submittedAt?.toISOString() });
    }
    if (phase === 'summary' || phase === 'closed') {
      throw DomainError.conflict('self_inspection_closed', { zh: '抽查复查阶段已结束，不再接收自查报告', en: 'the spot-check phase is over: self-inspection reports are no longer accepted' }, { phase });
    }
  }

  save(actor: Actor, content: SelfInspectionContent, phase: CampaignPhase): void {
    this.assertInstitution(actor);
    this.assertOpen(phase);
    this.content = content;
    if (this.returned) {
      // The correction's draft changes the submitted figures the dashboards count.
      recordEvent(this, {
        type: SELF_INSPECTION_EVENTS.drafted, aggregateType: 'SelfInspection', aggregateId: this.id,
        regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload: { campaignId: this.campaignId, cityCode: this.cityCode, correction: true },
      });
    } else if (this.status === 'pending') {
      this.status = 'draft';
      // The first draft changes the task's status (the dashboards count tasks by status).
      recordEvent(this, {
        type: SELF_INSPECTION_EVENTS.drafted, aggregateType: 'SelfInspection', aggregateId: this.id,
        regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload: { campaignId: this.campaignId, cityCode: this.cityCode },
      });
    }
  }

  submit(actor: Actor, phase: CampaignPhase, selfInspectionEnd: string, now: Date): void {
    this.assertInstitution(actor);
    this.assertOpen(phase);
    if (phase === 'draft' || phase === 'planning') {
      throw DomainError.conflict('self_inspection_not_open', { zh: '自查自纠阶段尚未开始，可先保存草稿', en: 'the self-inspection phase has not opened yet: save a draft meanwhile' }, { phase });
    }
    if (!this.content.report) {
      throw DomainError.validation('self_inspection_report_required', { zh: '请填写自查情况报告后再提交', en: 'write the self-inspection report before submitting' });
    }
    if (this.returned) {
      // Resubmitted with corrections: back to the agency; when and whether it was late stay as first filed.
      this.reviewStatus = 'awaiting';
      this.corrections += 1;
      this.newReviewSteps.push({ action: 'corrected', at: now, byOrgId: actor.organizationId, byName: actor.displayName, comment: null, refund: null });
      recordEvent(this, {
        type: SELF_INSPECTION_EVENTS.corrected, aggregateType: 'SelfInspection', aggregateId: this.id,
        regionPath: this.regionPath, ownerOrgId: this.ownerOrgId,
        payload: { campaignId: this.campaignId, cityCode: this.cityCode, handlingAgencyId: this.handlingAgencyId, corrections: this.corrections },
      });
      return;
    }
    this.reviewStatus = 'awaiting';
    this.late = now.getTime() > endOfChinaDay(selfInspectionEnd).getTime();
    this.status = 'submitted';
    this.submittedAt = now;
    recordEvent(this, {
      type: SELF_INSPECTION_EVENTS.submitted, aggregateType: 'SelfInspection', aggregateId: this.id,
      regionPath: this.regionPath, ownerOrgId: this.ownerOrgId,
      payload: { campaignId: this.campaignId, cityCode: this.cityCode, submission: { taskId: this.id, at: now.toISOString(), late: this.late } },
    });
  }

  // ---- the handling agency's review (核实): verify, return for correction, record the refund verified

  private assertHandlingAgency(actor: Actor): void {
    if (actor.organizationKind !== 'agency' || actor.organizationId !== this.handlingAgencyId || !actor.roles.some((r) => r === 'city_agency_staff' || r === 'county_staff')) {
      throw DomainError.forbidden('self_inspection_review_forbidden', {
        zh: '只有负责该机构（持有其服务协议）的经办机构可以核实或退回其自查报告',
        en: 'only the handling agency of the institution (holder of its service agreement) may verify or return its report',
      });
    }
  }

  private assertSubmitted(phase: CampaignPhase): void {
    if (this.status !== 'submitted') {
      throw DomainError.conflict('self_inspection_not_submitted', {
        zh: '该机构尚未提交自查报告，不能核实或退回', en: 'the institution has not submitted its report: there is nothing to verify or return',
      }, { status: this.status });
    }
    if (phase === 'closed') {
      throw DomainError.conflict('campaign_closed', { zh: '专项治理已办结，不能再核实', en: 'the campaign is closed: reports can no longer be reviewed' }, { phase });
    }
  }

  private assertNotReturned(): void {
    if (this.reviewStatus === 'returned') {
      throw DomainError.conflict('self_inspection_returned', {
        zh: '该报告已退回修改，待机构重新提交后再核实', en: 'the report was returned for correction: review it once the institution resubmits',
      }, { reviewComment: this.reviewComment });
    }
  }

  private assertNotVerified(): void {
    if (this.reviewStatus === 'verified') {
      throw DomainError.conflict('self_inspection_verified', { zh: '该报告已核实', en: 'the report was verified already' }, { reviewedAt: this.reviewedAt?.toISOString() });
    }
  }

  verify(actor: Actor, phase: CampaignPhase, comment: string | null, refund: RefundVerification | null, now: Date): void {
    this.assertHandlingAgency(actor);
    this.assertSubmitted(phase);
    this.assertNotReturned();
    this.assertNotVerified();
    this.reviewStatus = 'verified';
    this.reviewComment = comment;
    this.reviewedAt = now;
    this.reviewedBy = actor.displayName;
    if (refund) this.setRefund(refund, now);
    this.step(actor, 'verified', comment, refund, now);
  }

  /** 退回修改: the institution corrects and resubmits before the spot-check closes. */
  returnForCorrection(actor: Actor, phase: CampaignPhase, comment: string | null, now: Date): void {
    this.assertHandlingAgency(actor);
    this.assertSubmitted(phase);
    this.assertNotReturned();
    this.assertNotVerified();
    if (!comment) {
      throw DomainError.validation('self_inspection_return_comment_required', {
        zh: '退回修改时请写明需要机构更正或补充的内容', en: 'say what the institution must correct or add when returning its report',
      });
    }
    if (phase === 'summary') {
      throw DomainError.conflict('self_inspection_closed', {
        zh: '抽查复查阶段已结束，机构不能再修改报告，只能核实', en: 'the spot-check phase is over: the institution can no longer correct its report, verify it instead',
      }, { phase });
    }
    this.reviewStatus = 'returned';
    this.reviewComment = comment;
    this.reviewedAt = now;
    this.reviewedBy = actor.displayName;
    this.step(actor, 'returned', comment, null, now);
  }

  /** 退回资金核实 after the report was verified (the money reached the fund later). */
  recordRefund(actor: Actor, phase: CampaignPhase, refund: RefundVerification, now: Date): void {
    this.assertHandlingAgency(actor);
    this.assertSubmitted(phase);
    if (this.reviewStatus !== 'verified') {
      throw DomainError.conflict('self_inspection_not_verified', {
        zh: '请先核实自查报告，再登记退回资金核实情况（或在核实时一并登记）',
        en: 'verify the report first (the refund can be recorded with the verification)',
      }, { reviewStatus: this.reviewStatus });
    }
    this.setRefund(refund, now);
    this.step(actor, 'refund_verified', null, refund, now);
  }

  private setRefund(refund: RefundVerification, now: Date): void {
    this.refund = refund;
    this.refundVerifiedAt = refund.confirmed ? now : null;
  }

  private step(actor: Actor, action: ReviewAction, comment: string | null, refund: RefundVerification | null, now: Date): void {
    this.newReviewSteps.push({ action, at: now, byOrgId: actor.organizationId, byName: actor.displayName, comment, refund });
    recordEvent(this, {
      type: SELF_INSPECTION_EVENTS.reviewed, aggregateType: 'SelfInspection', aggregateId: this.id,
      regionPath: this.regionPath, ownerOrgId: this.ownerOrgId,
      payload: { campaignId: this.campaignId, cityCode: this.cityCode, action, reviewStatus: this.reviewStatus, refund },
    });
  }
}
