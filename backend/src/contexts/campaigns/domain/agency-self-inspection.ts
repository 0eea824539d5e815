import { recordEvent } from '../../../kernel/aggregate.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { endOfChinaDay } from '../../../platform/calendar/working-days.js';
import type { CampaignPhase } from './campaign.js';
import { validAmount, type SelfInspectionStatus } from './self-inspection.js';

export const AGENCY_SELF_INSPECTION_EVENTS = { submitted: 'AgencySelfInspectionSubmitted' } as const;

/**
 * What seed 003 一(四) names for the handling agencies themselves (针对医保经办机构): the areas an
 * agency's own issues are filed under; free text is allowed too.
 */
export const AGENCY_ISSUE_AREAS = [
  { code: 'internal_audit', zh: '内审制度不健全', en: 'Internal audit rules incomplete' },
  { code: 'fund_audit', zh: '基金稽核不全面', en: 'Fund audits not comprehensive' },
  { code: 'agreement_checks', zh: '履约检查不到位', en: 'Agreement compliance checks insufficient' },
  { code: 'benefits', zh: '违规办理医保待遇', en: 'Benefits granted against the rules' },
  { code: 'payments', zh: '违规支付医保费用', en: 'Payments made against the rules' },
  { code: 'insider_fraud', zh: '内部人员"监守自盗"、"内外勾结"', en: 'Insider theft or collusion with outsiders' },
] as const;

/** One of the agency's own issues: the area, what was wrong, what it did about it. */
export interface AgencyIssue { area: string; description: string; rectification: string }

/** The region's self-inspection as its handling agency reports it (自查工作报告). */
export interface AgencySelfInspectionContent {
  /** How the self-inspection was organised and what was checked. */
  report: string;
  /** Institutions of the region checked (自查覆盖) during the phase. */
  institutionsChecked: number;
  /** Problems found in the region, and the amount they involve. */
  problemsFound: number;
  problemAmount: number;
  /** Amounts refunded to the fund in the region during the phase. */
  refundedAmount: number;
  /** The agency's own issues (经办机构自身问题). */
  issues: AgencyIssue[];
  attachmentIds: string[];
}

const REPORT_MAX = 20_000;
const TEXT_MAX = 2_000;

function validCount(v: unknown, field: string): number {
  if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 10_000_000) {
    throw DomainError.validation('count_invalid', { zh: `「${field}」应为不小于 0 的整数：${String(v)}`, en: `${field} must be a whole number ≥ 0: ${String(v)}` }, { field });
  }
  return v as number;
}

export function validAgencyContent(input: Partial<AgencySelfInspectionContent> | null | undefined): AgencySelfInspectionContent {
  const body = input ?? {};
  const report = typeof body.report === 'string' ? body.report.trim() : '';
  if (report.length > REPORT_MAX) {
    throw DomainError.validation('self_inspection_report_too_long', { zh: `自查工作报告不超过 ${REPORT_MAX} 个字符`, en: `the report must be at most ${REPORT_MAX} characters` });
  }
  if (body.issues !== undefined && !Array.isArray(body.issues)) {
    throw DomainError.validation('self_inspection_issue_invalid', { zh: '问题清单格式无效', en: 'issues must be a list' });
  }
  const issues = (body.issues ?? []).map((i, n) => {
    const area = typeof i?.area === 'string' ? i.area.trim() : '';
    const description = typeof i?.description === 'string' ? i.description.trim() : '';
    const rectification = typeof i?.rectification === 'string' ? i.rectification.trim() : '';
    if (!description || description.length > TEXT_MAX || area.length > 200 || rectification.length > TEXT_MAX) {
      throw DomainError.validation('self_inspection_issue_invalid', {
        zh: `第 ${n + 1} 个问题：请填写问题描述（不超过 ${TEXT_MAX} 个字符）`,
        en: `issue ${n + 1}: a description is required (at most ${TEXT_MAX} characters)`,
      }, { index: n });
    }
    return { area, description, rectification };
  });
  if (issues.length > 200) {
    throw DomainError.validation('self_inspection_issue_invalid', { zh: '问题清单不超过 200 条', en: 'at most 200 issues' });
  }
  const ids = body.attachmentIds ?? [];
  if (!Array.isArray(ids) || ids.some((a) => typeof a !== 'string')) {
    throw DomainError.validation('attachment_unknown', { zh: '附件编号格式无效', en: 'attachmentIds must be a list of ids' });
  }
  return {
    report,
    institutionsChecked: validCount(body.institutionsChecked ?? 0, 'institutionsChecked'),
    problemsFound: validCount(body.problemsFound ?? 0, 'problemsFound'),
    problemAmount: validAmount(body.problemAmount ?? 0, 'problemAmount'),
    refundedAmount: validAmount(body.refundedAmount ?? 0, 'refundedAmount'),
    issues,
    attachmentIds: [...new Set(ids)],
  };
}

/**
 * A covered city or county handling agency's own self-inspection task in a campaign: the pooling
 * region's report of its self-inspection (seed 003 一(二) 「各统筹地区开展专项治理自查工作」). Owned by
 * the agency; the same phase rules as the institutions' tasks (accepted in the self-inspection
 * phase, late during the spot-check phase, missing at the close).
 */
export class AgencySelfInspection {
  id!: string;
  campaignId!: string;
  regionPath!: string;
  ownerOrgId!: string;
  cityCode!: string;
  regionCode!: string;
  level!: 'city' | 'county';
  status: SelfInspectionStatus = 'pending';
  content: AgencySelfInspectionContent = { report: '', institutionsChecked: 0, problemsFound: 0, problemAmount: 0, refundedAmount: 0, issues: [], attachmentIds: [] };
  submittedAt: Date | null = null;
  late = false;
  escalatedAt: Date | null = null;

  private assertAgency(actor: Actor): void {
    if (actor.organizationKind !== 'agency' || actor.organizationId !== this.ownerOrgId || !actor.roles.some((r) => r === 'city_agency_staff' || r === 'county_staff')) {
      throw DomainError.forbidden('self_inspection_forbidden', { zh: '只有本经办机构可以填报本地区的自查工作报告', en: 'only the agency itself may fill in its region\'s self-inspection report' });
    }
  }

  private assertOpen(phase: CampaignPhase): void {
    if (this.status === 'submitted') {
      throw DomainError.conflict('self_inspection_submitted', { zh: '自查工作报告已提交，不能修改', en: 'the self-inspection report was submitted already' }, { submittedAt: this.submittedAt?.toISOString() });
    }
    if (phase === 'summary' || phase === 'closed') {
      throw DomainError.conflict('self_inspection_closed', { zh: '抽查复查阶段已结束，不再接收自查工作报告', en: 'the spot-check phase is over: self-inspection reports are no longer accepted' }, { phase });
    }
  }

  save(actor: Actor, content: AgencySelfInspectionContent, phase: CampaignPhase): void {
    this.assertAgency(actor);
    this.assertOpen(phase);
    this.content = content;
    if (this.status === 'pending') this.status = 'draft';
  }

  submit(actor: Actor, phase: CampaignPhase, selfInspectionEnd: string, now: Date): void {
    this.assertAgency(actor);
    this.assertOpen(phase);
    if (phase === 'draft' || phase === 'planning') {
      throw DomainError.conflict('self_inspection_not_open', { zh: '自查自纠阶段尚未开始，可先保存草稿', en: 'the self-inspection phase has not opened yet: save a draft meanwhile' }, { phase });
    }
    if (!this.content.report) {
      throw DomainError.validation('self_inspection_report_required', { zh: '请填写本地区自查工作情况后再提交', en: 'write the region\'s self-inspection report before submitting' });
    }
    this.late = now.getTime() > endOfChinaDay(selfInspectionEnd).getTime();
    this.status = 'submitted';
    this.submittedAt = now;
    recordEvent(this, {
      type: AGENCY_SELF_INSPECTION_EVENTS.submitted, aggregateType: 'AgencySelfInspection', aggregateId: this.id,
      regionPath: this.regionPath, ownerOrgId: this.ownerOrgId,
      payload: { campaignId: this.campaignId, cityCode: this.cityCode, level: this.level, late: this.late },
    });
  }
}
