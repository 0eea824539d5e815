import { recordEvent } from '../../../kernel/aggregate.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { endOfChinaDay } from '../../../platform/calendar/working-days.js';
import type { CampaignPhase } from './campaign.js';
import { isYuanAmount } from '../../../kernel/money.js';

export const SELF_INSPECTION_EVENTS = { drafted: 'SelfInspectionDrafted', submitted: 'SelfInspectionSubmitted' } as const;

export type SelfInspectionStatus = 'pending' | 'draft' | 'submitted' | 'missing';
export interface SelfInspectionIssue { focus: string; description: string; amount: number }
export interface SelfInspectionContent { report: string; refundedAmount: number; issues: SelfInspectionIssue[]; attachmentIds: string[] }

const REPORT_MAX = 20_000;

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

  private assertInstitution(actor: Actor): void {
    if (actor.organizationId !== this.ownerOrgId || !actor.roles.includes('institution_clerk')) {
      throw DomainError.forbidden('self_inspection_forbidden', { zh: '只有本机构可以填报自查报告', en: 'only the institution itself may fill in its self-inspection' });
    }
  }

  private assertOpen(phase: CampaignPhase): void {
    if (this.status === 'submitted') {
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
    if (this.status === 'pending') {
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
    this.late = now.getTime() > endOfChinaDay(selfInspectionEnd).getTime();
    this.status = 'submitted';
    this.submittedAt = now;
    recordEvent(this, {
      type: SELF_INSPECTION_EVENTS.submitted, aggregateType: 'SelfInspection', aggregateId: this.id,
      regionPath: this.regionPath, ownerOrgId: this.ownerOrgId,
      payload: { campaignId: this.campaignId, cityCode: this.cityCode, submission: { taskId: this.id, at: now.toISOString(), late: this.late } },
    });
  }
}
