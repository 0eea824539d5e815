import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { DomainError } from '../../../kernel/errors.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import {
  Decision,
  MEASURE_ZH,
  reportedToBureau,
  totalAmount,
  validBasis,
  validMeasures,
} from '../domain/decision.js';
import { DECIDABLE, FINDING_EVENTS, isAgencyUserOf, type Finding } from '../domain/finding.js';
import { Findings, isUuid } from '../infrastructure/findings.repository.js';
import { ServiceAgreements } from '../../agreements/index.js';
import { clockTextZh, LegalClocks } from '../../calendar/index.js';
import {
  AppealFindingCommand,
  ConfirmFindingCommand,
  ConfirmRectificationCommand,
  CreateDecisionCommand,
  DeemFindingsConfirmedCommand,
  LegalReviewCommand,
  MarkDecisionRectificationOverdueCommand,
  ReviewAppealCommand,
  SubmitRectificationCommand,
} from './commands.js';
import { attachmentsNotOwned } from '../../../platform/attachments/attachments.js';

const findingLink = (id: string) => `/findings/${id}`;
const decisionLink = (id: string) => `/decisions/${id}`;

function attachmentList(ids: unknown): string[] {
  if (ids === undefined || ids === null) return [];
  if (!Array.isArray(ids) || ids.some((a) => typeof a !== 'string') || ids.length > 50) {
    throw DomainError.validation('attachment_unknown', { zh: '附件编号格式无效（最多 50 个）', en: 'attachmentIds must be a list of at most 50 ids' });
  }
  return [...new Set(ids as string[])];
}

async function assertOwnAttachments(repo: Findings, ids: string[], ownerOrgId: string): Promise<void> {
  const unknown = await repo.unknownAttachments(ids, ownerOrgId);
  if (unknown.length) throw attachmentsNotOwned(unknown, { zh: '本机构', en: 'the institution' });
}

@CommandHandler(ConfirmFindingCommand)
export class ConfirmFindingHandler implements ICommandHandler<ConfirmFindingCommand> {
  constructor(private readonly repo: Findings) {}

  async execute({ actor, findingId }: ConfirmFindingCommand) {
    const f = await this.repo.loadFinding(findingId);
    f.confirm(actor, new Date());
    await this.repo.saveFinding(f);
  }
}

@CommandHandler(AppealFindingCommand)
export class AppealFindingHandler implements ICommandHandler<AppealFindingCommand> {
  constructor(private readonly repo: Findings, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, findingId, reasons, attachmentIds }: AppealFindingCommand) {
    const f = await this.repo.loadFinding(findingId);
    const ids = attachmentList(attachmentIds);
    const now = new Date();
    f.appealWith(actor, reasons, ids, now);
    await assertOwnAttachments(this.repo, ids, f.ownerOrgId);
    await this.repo.saveFinding(f);
    const [agency, institution] = [await this.repo.organization(f.handlingAgencyId), await this.repo.organization(f.ownerOrgId)];
    await this.notifications.deliverTo(this.uow.em, agency, {
      titleZh: `问题申诉待复核：${institution?.name ?? f.ownerOrgId}`, titleEn: `Appeal to review: ${institution?.name ?? f.ownerOrgId}`,
      bodyZh: '被检查机构对抽查发现的问题提出申诉，请复核。', bodyEn: 'The inspected institution appealed a finding; please review it.',
      link: findingLink(f.id), dedupeKey: `finding-appealed-${f.id}`,
    });
  }
}

@CommandHandler(ReviewAppealCommand)
export class ReviewAppealHandler implements ICommandHandler<ReviewAppealCommand> {
  constructor(private readonly repo: Findings, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, findingId, outcome, comment }: ReviewAppealCommand) {
    const f = await this.repo.loadFinding(findingId);
    f.reviewAppeal(actor, outcome, comment, new Date());
    await this.repo.saveFinding(f);
    const upheld = f.status === 'appeal_upheld';
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: f.ownerOrgId, recipientRegionPath: f.regionPath,
      titleZh: upheld ? '申诉成立：问题已撤销' : '申诉不成立：问题予以确认',
      titleEn: upheld ? 'Appeal upheld: the finding is withdrawn' : 'Appeal rejected: the finding stands',
      bodyZh: `复核意见：${f.appeal?.review?.comment ?? ''}`, bodyEn: `Review comment: ${f.appeal?.review?.comment ?? ''}`,
      link: findingLink(f.id), dedupeKey: `finding-appeal-reviewed-${f.id}`,
    });
  }
}

@CommandHandler(DeemFindingsConfirmedCommand)
export class DeemFindingsConfirmedHandler implements ICommandHandler<DeemFindingsConfirmedCommand> {
  constructor(private readonly repo: Findings, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, inspectionId, at }: DeemFindingsConfirmedCommand) {
    const now = at ?? new Date();
    const deemed = await this.repo.deemConfirmed(actor, inspectionId, chinaDateOf(now), now);
    if (!deemed.length) return { deemed: 0 };
    const first = deemed[0]!;
    const batch = { inspectionId };
    recordEvent(batch, {
      type: FINDING_EVENTS.deemed, aggregateType: 'Inspection', aggregateId: inspectionId, regionPath: first.regionPath, ownerOrgId: first.ownerOrgId,
      payload: { findingIds: deemed.map((d) => d.id), at: now.toISOString() },
    });
    this.uow.track(batch);
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: first.ownerOrgId, recipientRegionPath: first.regionPath,
      titleZh: `${deemed.length} 个问题逾期未反馈，视为确认`, titleEn: `${deemed.length} findings deemed confirmed (no answer by the deadline)`,
      bodyZh: `反馈期限（${first.due}）已过，未确认也未申诉的问题视为确认。`,
      bodyEn: `The feedback deadline (${first.due}) has passed: findings neither confirmed nor appealed are deemed confirmed.`,
      link: `/findings?sourceId=${inspectionId}`, dedupeKey: `finding-deemed-${inspectionId}`,
    });
    const agency = await this.repo.organization(first.agencyId);
    await this.notifications.deliverTo(this.uow.em, agency, {
      titleZh: `${deemed.length} 个问题已视为确认，待作出处理`, titleEn: `${deemed.length} findings deemed confirmed, awaiting a decision`,
      bodyZh: `被检查机构在反馈期限（${first.due}）内未反馈，相关问题视为确认。`, bodyEn: `The institution did not answer by ${first.due}; the findings are deemed confirmed.`,
      link: `/findings?sourceId=${inspectionId}`, dedupeKey: `finding-deemed-${inspectionId}-agency`,
    });
    return { deemed: deemed.length };
  }
}

/** Once effective: the institution is notified; some measures are reported to the same-level bureau (seed 000 (十四)). */
async function announceEffective(repo: Findings, notifications: Notifications, uow: UnitOfWork, agreements: ServiceAgreements, d: Decision): Promise<void> {
  // A suspension or termination in force changes the service agreement's status (the agreements context).
  const agreement = await agreements.syncWithHandling(d.ownerOrgId, d.id, `处理决定生效：${d.measures.map((m) => MEASURE_ZH[m.kind]).join('、')}`, d.effectiveAt ?? new Date());
  const agreementZh = agreement === 'suspended' ? '；服务协议暂停结算' : agreement === 'terminated' ? '；服务协议已终止' : '';
  const measures = d.measures.map((m) => MEASURE_ZH[m.kind]).join('、');
  const amount = totalAmount(d.measures);
  const amountZh = amount ? `，涉及金额 ${amount.toFixed(2)} 元` : '';
  const due = d.rectification ? `，请于 ${d.rectification.due} 前完成整改并提交整改报告` : '';
  await notifications.deliver(uow.em, {
    recipientOrgId: d.ownerOrgId, recipientRegionPath: d.regionPath,
    titleZh: `协议处理决定已生效：${measures}`, titleEn: `Handling decision in effect: ${d.measures.map((m) => m.kind).join(', ')}`,
    bodyZh: `经办机构对贵机构作出协议处理：${measures}${amountZh}${due}。处理依据：${d.basis}`,
    bodyEn: `The agency decided: ${d.measures.map((m) => m.kind).join(', ')}${amount ? ` (${amount.toFixed(2)} yuan)` : ''}${d.rectification ? `; rectify by ${d.rectification.due}` : ''}.`,
    link: decisionLink(d.id), dedupeKey: `decision-effective-${d.id}`,
  });
  if (!d.reportedToBureauAt) return;
  const bureau = await repo.bureauBeside(d.agencyId);
  const institution = await repo.organization(d.ownerOrgId);
  if (!bureau) return;
  await notifications.deliver(uow.em, {
    recipientOrgId: bureau.id, recipientRegionPath: bureau.regionPath,
    titleZh: `协议处理情况报告：${institution?.name ?? d.ownerOrgId}（${measures}）`,
    titleEn: `Handling decision reported: ${institution?.name ?? d.ownerOrgId} (${d.measures.map((m) => m.kind).join(', ')})`,
    bodyZh: `经办机构对 ${institution?.name ?? d.ownerOrgId} 作出的协议处理已生效：${measures}${amountZh}${agreementZh}。处理依据：${d.basis}`,
    bodyEn: `The agency's handling decision on ${institution?.name ?? d.ownerOrgId} is in effect.`,
    link: decisionLink(d.id), dedupeKey: `decision-reported-${d.id}`,
  });
}

function markReported(d: Decision, now: Date): void {
  if (d.becameEffective && !d.reportedToBureauAt && reportedToBureau(d.measures)) d.reportedToBureauAt = now;
}

@CommandHandler(CreateDecisionCommand)
export class CreateDecisionHandler implements ICommandHandler<CreateDecisionCommand> {
  constructor(
    private readonly repo: Findings,
    private readonly uow: UnitOfWork,
    private readonly notifications: Notifications,
    private readonly agreements: ServiceAgreements,
    private readonly clocks: LegalClocks,
  ) {}

  async execute({ actor, input }: CreateDecisionCommand) {
    const now = new Date();
    const findings = await this.findings(actor, input?.findingIds);
    const first = findings[0]!;
    const measures = validMeasures(input?.measures, chinaDateOf(now));
    const basis = validBasis(input?.basis);
    // The province's review threshold (legal clock major_decision_amount), not a number of the code.
    const threshold = (await this.clocks.forRegion(first.regionPath)).major_decision_amount;
    const d = Decision.create({
      id: randomUUID(), actor, institution: { id: first.ownerOrgId, regionPath: first.regionPath }, agencyId: first.handlingAgencyId,
      findingIds: findings.map((f) => f.id), measures, basis, majorAmount: threshold.value, now,
    });
    markReported(d, now);
    await this.repo.saveDecision(d);
    for (const f of findings) {
      f.status = 'decided';
      f.decisionId = d.id;
      f.addHistory('decided', actor, now, d.major && d.status === 'pending_legal_review' ? `重大处理决定，待复核（复核金额线：${clockTextZh(threshold)}）` : null);
      await this.repo.saveFinding(f);
    }
    if (d.becameEffective) await announceEffective(this.repo, this.notifications, this.uow, this.agreements, d);
    return { id: d.id };
  }

  /** The findings, visible, of one institution, handled by the actor's agency, confirmed and not decided yet. */
  private async findings(actor: Actor, raw: unknown): Promise<Finding[]> {
    if (!Array.isArray(raw) || raw.length === 0 || raw.length > 200 || raw.some((i) => typeof i !== 'string')) {
      throw DomainError.validation('decision_findings_required', { zh: '请选择要处理的问题（1 至 200 个）', en: 'choose between 1 and 200 findings' });
    }
    const ids = [...new Set(raw as string[])];
    const bad = ids.filter((i) => !isUuid(i));
    const findings = bad.length ? [] : await this.repo.loadFindings(ids);
    const missing = bad.length ? bad : ids.filter((i) => !findings.some((f) => f.id === i));
    if (missing.length) {
      throw DomainError.validation('decision_findings_unknown', {
        zh: `问题不存在或无权查看：${missing.join('、')}`, en: `findings not found or not visible to you: ${missing.join(', ')}`,
      }, { findingIds: missing });
    }
    if (new Set(findings.map((f) => f.ownerOrgId)).size > 1) {
      throw DomainError.validation('decision_findings_mixed', {
        zh: '一个处理决定只能针对同一家机构的问题', en: 'a decision covers the findings of one institution only',
      }, { institutionIds: [...new Set(findings.map((f) => f.ownerOrgId))] });
    }
    if (!findings.every((f) => isAgencyUserOf(actor, f.handlingAgencyId))) {
      throw DomainError.forbidden('decision_forbidden', { zh: '只有负责处理的经办机构可以作出处理决定', en: 'only the handling agency may decide on these findings' });
    }
    const decided = findings.filter((f) => f.status === 'decided');
    if (decided.length) {
      throw DomainError.conflict('finding_already_decided', {
        zh: '所选问题中有已作出处理决定的', en: 'some of the findings have been decided on already',
      }, { findingIds: decided.map((f) => f.id), decisionIds: [...new Set(decided.map((f) => f.decisionId))] });
    }
    const open = findings.filter((f) => !DECIDABLE.includes(f.status));
    if (open.length) {
      throw DomainError.conflict('finding_not_decidable', {
        zh: '只能对已确认（含视为确认、申诉不成立）的问题作出处理决定', en: 'only confirmed findings (deemed confirmed, appeal rejected included) can be decided on',
      }, { findings: open.map((f) => ({ id: f.id, status: f.status })) });
    }
    return findings;
  }
}

@CommandHandler(LegalReviewCommand)
export class LegalReviewHandler implements ICommandHandler<LegalReviewCommand> {
  constructor(private readonly repo: Findings, private readonly uow: UnitOfWork, private readonly notifications: Notifications,
    private readonly agreements: ServiceAgreements) {}

  async execute({ actor, decisionId, approved, comment }: LegalReviewCommand) {
    const d = await this.repo.loadDecision(decisionId);
    const now = new Date();
    d.reviewLegally(actor, approved, comment, now);
    markReported(d, now);
    await this.repo.saveDecision(d);
    if (d.status === 'closed') {
      // Refused: the findings are free for a new decision.
      for (const f of await this.repo.loadFindings(d.findingIds)) {
        if (f.decisionId !== d.id) continue;
        f.status = f.deemed ? 'deemed_confirmed' : 'confirmed';
        f.decisionId = null;
        f.addHistory('decision_refused', actor, now, d.legalReview?.comment ?? null);
        await this.repo.saveFinding(f);
      }
    }
    if (d.becameEffective) await announceEffective(this.repo, this.notifications, this.uow, this.agreements, d);
  }
}

@CommandHandler(SubmitRectificationCommand)
export class SubmitRectificationHandler implements ICommandHandler<SubmitRectificationCommand> {
  constructor(private readonly repo: Findings, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, decisionId, report, attachmentIds }: SubmitRectificationCommand) {
    const d = await this.repo.loadDecision(decisionId);
    const ids = attachmentList(attachmentIds);
    d.submitRectification(actor, report, ids, new Date());
    await assertOwnAttachments(this.repo, ids, d.ownerOrgId);
    await this.repo.saveDecision(d);
    const [agency, institution] = [await this.repo.organization(d.agencyId), await this.repo.organization(d.ownerOrgId)];
    await this.notifications.deliverTo(this.uow.em, agency, {
      titleZh: `整改报告待确认：${institution?.name ?? d.ownerOrgId}`, titleEn: `Rectification to confirm: ${institution?.name ?? d.ownerOrgId}`,
      bodyZh: '被处理机构已提交整改报告，请审核确认。', bodyEn: 'The institution submitted its rectification report; please review it.',
      link: decisionLink(d.id), dedupeKey: `decision-rectification-${d.id}-${d.rectification?.submittedAt}`,
    });
  }
}

@CommandHandler(ConfirmRectificationCommand)
export class ConfirmRectificationHandler implements ICommandHandler<ConfirmRectificationCommand> {
  constructor(private readonly repo: Findings, private readonly uow: UnitOfWork, private readonly notifications: Notifications,
    private readonly agreements: ServiceAgreements) {}

  async execute({ actor, decisionId, accepted, comment, rectificationDue }: ConfirmRectificationCommand) {
    const d = await this.repo.loadDecision(decisionId);
    const now = new Date();
    d.confirmRectification(actor, accepted, comment, rectificationDue, now);
    await this.repo.saveDecision(d);
    // Settlement restored: the agreement leaves 'suspended' unless another suspension is in force.
    if (d.settlement === 'restored') await this.agreements.syncWithHandling(d.ownerOrgId, d.id, '整改经确认，恢复结算', now);
    const ok = d.status === 'closed';
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: d.ownerOrgId, recipientRegionPath: d.regionPath,
      titleZh: ok ? '整改已通过，结算已恢复' : `整改未通过，请于 ${d.rectification?.due} 前重新整改`,
      titleEn: ok ? 'Rectification accepted: settlement restored' : `Rectification not accepted: rectify again by ${d.rectification?.due}`,
      bodyZh: typeof comment === 'string' && comment.trim() ? `审核意见：${comment.trim()}` : (ok ? '经办机构已确认整改到位。' : '经办机构认为整改不到位。'),
      bodyEn: typeof comment === 'string' && comment.trim() ? `Comment: ${comment.trim()}` : (ok ? 'The agency accepted the rectification.' : 'The agency did not accept the rectification.'),
      link: decisionLink(d.id), dedupeKey: `decision-rectification-reviewed-${d.id}-${now.toISOString()}`,
    });
  }
}

@CommandHandler(MarkDecisionRectificationOverdueCommand)
export class MarkDecisionRectificationOverdueHandler implements ICommandHandler<MarkDecisionRectificationOverdueCommand> {
  constructor(private readonly repo: Findings, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, decisionId, at }: MarkDecisionRectificationOverdueCommand) {
    const d = await this.repo.loadDecision(decisionId);
    if (!d.markRectificationOverdue(actor, at ?? new Date())) return false;
    await this.repo.saveDecision(d);
    const bureau = await this.repo.bureauBeside(d.agencyId);
    const institution = await this.repo.organization(d.ownerOrgId);
    const due = d.rectification!.due;
    await this.notifications.deliverTo(this.uow.em, bureau, {
      titleZh: `整改逾期：${institution?.name ?? d.ownerOrgId}`, titleEn: `Rectification overdue: ${institution?.name ?? d.ownerOrgId}`,
      bodyZh: `${institution?.name ?? d.ownerOrgId} 未在整改期限（${due}）内完成整改并经确认。`,
      bodyEn: `${institution?.name ?? d.ownerOrgId} did not complete an accepted rectification by ${due}.`,
      link: decisionLink(d.id), dedupeKey: `decision-overdue-${d.id}-${due}`,
    });
    return true;
  }
}

export const FINDING_COMMAND_HANDLERS = [
  ConfirmFindingHandler, AppealFindingHandler, ReviewAppealHandler, DeemFindingsConfirmedHandler,
  CreateDecisionHandler, LegalReviewHandler, SubmitRectificationHandler, ConfirmRectificationHandler, MarkDecisionRectificationOverdueHandler,
];
