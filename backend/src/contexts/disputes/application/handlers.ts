import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { levelOfPath } from '../../../kernel/region-path.js';
import { Dispute, LEVEL_ZH, OUTCOME_ZH, type DisputeClocks } from '../domain/dispute.js';
import { calendarNoteEn, calendarNoteZh, clockTextEn, clockTextZh, LegalClocks, type LegalClockSet } from '../../calendar/index.js';
import { calendarChangedAt } from '../../../platform/calendar/working-days.js';
import { Disputes } from '../infrastructure/dispute.repository.js';
import {
  CloseDisputeCommand,
  DecideDisputeCommand,
  EscalateDisputeCommand,
  FileDisputeCommand,
  MarkDisputeLevelOverdueCommand,
  WithdrawDisputeCommand,
} from './commands.js';
import { attachmentsNotOwned } from '../../../platform/attachments/attachments.js';

/** Where each reader opens the dispute in the web app. */
export const disputeLink = (regionPath: string, kind: 'institution' | 'authority', id: string) =>
  kind === 'institution' ? `/institution/disputes/${id}` : `${levelOfPath(regionPath) === 'province' ? '/province' : '/local'}/disputes/${id}`;

interface Message { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string }

/** Notifications about one dispute: to a bureau or agency on its chain, or to the institution. */
class Tell {
  constructor(private readonly disputes: Disputes, private readonly uow: UnitOfWork, private readonly notifications: Notifications, private readonly d: Dispute) {}

  async authority(orgId: string, msg: Message, key: string): Promise<void> {
    const org = await this.disputes.organization(orgId);
    if (!org) return;
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: org.id, recipientRegionPath: org.regionPath, ...msg, link: disputeLink(org.regionPath, 'authority', this.d.id), dedupeKey: `dispute-${this.d.id}-${key}`,
    });
  }

  async institution(msg: Message, key: string): Promise<void> {
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: this.d.ownerOrgId, recipientRegionPath: this.d.regionPath, ...msg, link: disputeLink(this.d.regionPath, 'institution', this.d.id), dedupeKey: `dispute-${this.d.id}-${key}`,
    });
  }
}

async function institutionName(disputes: Disputes, d: Dispute): Promise<string> {
  return (await disputes.organization(d.ownerOrgId))?.name ?? d.ownerOrgId;
}

/**
 * The dispute ended (final, window closed, withdrawn): the decision's termination hold is lifted
 * unless the standing outcome revised the decision (the revised decision is then re-handled by
 * the agency; the termination stays unexecuted), and the decision's history records the end.
 */
/** A dispute withdrawn or closed: saved, then what its end brings about (ended); `tell` for the caller's last notice. */
async function saveEnded(disputes: Disputes, tell: Tell, d: Dispute, actor: Actor, now: Date): Promise<Tell> {
  await disputes.save(d);
  const decision = await disputes.decision(d.decisionId);
  await ended(disputes, d, actor, now, decision.agencyId, tell);
  return tell;
}

async function ended(disputes: Disputes, d: Dispute, actor: Actor, now: Date, agencyId: string, tell: Tell): Promise<void> {
  const revised = d.outcome === 'revised';
  if (!revised) await disputes.holdTermination(d.decisionId, false);
  const level = d.level;
  const how = d.status === 'withdrawn' ? '争议申请已撤回，原处理决定继续执行'
    : d.status === 'final' ? `${LEVEL_ZH[level.level]}医疗保障行政部门最终决定：${OUTCOME_ZH[d.outcome!]}`
      : `申请上一级处理的期限（${d.escalationDue ?? ''}）届满，${LEVEL_ZH[level.level]}决定（${OUTCOME_ZH[d.outcome ?? 'upheld']}）生效`;
  const action = d.status === 'withdrawn' ? 'dispute_withdrawn' : `dispute_${d.status}_${d.outcome ?? 'upheld'}`;
  await disputes.decisionHistory(d, action, actor.userId, actor.displayName, how, now);
  if (revised) {
    await tell.authority(agencyId, {
      titleZh: '处理决定经争议处理被变更', titleEn: 'A decision was revised on dispute',
      bodyZh: `${how}。请依据争议处理决定重新处理（原决定中的终止协议暂不执行）。`,
      bodyEn: `The dispute ended with the decision revised (${level.level} level): re-handle it accordingly; a termination stays unexecuted.`,
    }, `revised-${d.status}`);
  }
}

/** The province's dispute clocks for the domain (values) and for the notices (with their sources). */
async function disputeClocks(clocks: LegalClocks, regionPath: string): Promise<{ set: LegalClockSet; values: DisputeClocks }> {
  const set = await clocks.forRegion(regionPath);
  return { set, values: { levelWorkingDays: set.dispute_level_working_days.value, escalationWorkingDays: set.dispute_escalation_working_days.value } };
}

@CommandHandler(FileDisputeCommand)
export class FileDisputeHandler implements ICommandHandler<FileDisputeCommand> {
  constructor(private readonly disputes: Disputes, private readonly uow: UnitOfWork, private readonly notifications: Notifications,
    private readonly clocks: LegalClocks) {}

  async execute({ actor, input }: FileDisputeCommand) {
    const body = input ?? ({} as FileDisputeCommand['input']);
    const decision = await this.disputes.decision(String(body.decisionId ?? ''));
    const attachmentIds = Array.isArray(body.attachmentIds) ? body.attachmentIds.map(String) : [];
    const path = actor.organizationId === decision.ownerOrgId ? await this.disputes.pathFor(decision.agencyId) : [];
    const now = new Date();
    const clocks = await disputeClocks(this.clocks, decision.regionPath);
    const d = Dispute.file({
      id: randomUUID(), actor, decision, path, party: body.party, clinicianName: body.clinicianName, reasons: body.reasons, attachmentIds, now,
      clocks: clocks.values,
    });
    const unknown = await this.disputes.unknownAttachments(d.attachmentIds, d.ownerOrgId);
    if (unknown.length) throw attachmentsNotOwned(unknown, { zh: '本机构', en: 'the institution' });
    await this.disputes.save(d);
    // While the dispute is open a termination is not executed (terminationOnHold); refused payment
    // stays withheld and a suspension stays in force: the decision is otherwise left as it is.
    await this.disputes.holdTermination(decision.id, true);
    const first = d.path[0]!;
    await this.disputes.decisionHistory(d, 'dispute_filed', actor.userId, actor.displayName,
      `向${LEVEL_ZH[first.level]}医疗保障行政部门申请争议处理${d.party === 'clinician' ? `（医师：${d.clinicianName}）` : ''}`, now);
    const name = await institutionName(this.disputes, d);
    const tell = new Tell(this.disputes, this.uow, this.notifications, d);
    await tell.authority(first.bureauId, {
      titleZh: `争议处理申请：${name}`, titleEn: `Dispute filed: ${name}`,
      bodyZh: `${name}对协议处理决定申请争议处理，请于 ${first.dueDate} 前作出决定。处理时限：${clockTextZh(clocks.set.dispute_level_working_days)}；${calendarNoteZh(calendarChangedAt(d.regionPath))}。`,
      bodyEn: `${name} disputes a handling decision: decide by ${first.dueDate}. Time limit: ${clockTextEn(clocks.set.dispute_level_working_days)}; ${calendarNoteEn(calendarChangedAt(d.regionPath))}.`,
    }, 'filed');
    await tell.authority(decision.agencyId, {
      titleZh: `处理决定被申请争议处理：${name}`, titleEn: `Decision disputed: ${name}`,
      bodyZh: `${name}已就贵单位作出的协议处理决定向${LEVEL_ZH[first.level]}医疗保障行政部门申请争议处理。争议处理期间终止协议暂不执行，拒付和暂停结算维持不变。`,
      bodyEn: `${name} filed a dispute over your decision with the ${first.level} bureau. While it is open a termination is not executed; refused payment and suspensions stay.`,
    }, 'filed-agency');
    return { id: d.id };
  }
}

@CommandHandler(DecideDisputeCommand)
export class DecideDisputeHandler implements ICommandHandler<DecideDisputeCommand> {
  constructor(private readonly disputes: Disputes, private readonly uow: UnitOfWork, private readonly notifications: Notifications,
    private readonly clocks: LegalClocks) {}

  async execute({ actor, disputeId, outcome, reasoning }: DecideDisputeCommand) {
    const d = await this.disputes.load(disputeId);
    const now = new Date();
    const clocks = await disputeClocks(this.clocks, d.regionPath);
    const { final } = d.decide(actor, outcome, reasoning, now, clocks.values);
    await this.disputes.save(d);
    const decision = await this.disputes.decision(d.decisionId);
    const level = d.level;
    const tell = new Tell(this.disputes, this.uow, this.notifications, d);
    await this.disputes.decisionHistory(d, `dispute_decided_${level.decision!.outcome}`, actor.userId, actor.displayName,
      `${LEVEL_ZH[level.level]}医疗保障行政部门：${OUTCOME_ZH[level.decision!.outcome]}。${level.decision!.reasoning}`, now);
    await tell.institution({
      titleZh: `争议处理决定：${OUTCOME_ZH[level.decision!.outcome]}`, titleEn: `Dispute decided: ${level.decision!.outcome}`,
      bodyZh: final ? `省级医疗保障行政部门的决定为最终决定：${level.decision!.reasoning}`
        : `${LEVEL_ZH[level.level]}医疗保障行政部门的决定：${level.decision!.reasoning}。如不服，可于 ${d.escalationDue} 前申请上一级处理（申请期限：${clockTextZh(clocks.set.dispute_escalation_working_days)}；${calendarNoteZh(calendarChangedAt(d.regionPath))}）。`,
      bodyEn: final ? `The provincial bureau's decision is final: ${level.decision!.reasoning}`
        : `The ${level.level} bureau decided: ${level.decision!.reasoning}. You may escalate by ${d.escalationDue} (time limit: ${clockTextEn(clocks.set.dispute_escalation_working_days)}; ${calendarNoteEn(calendarChangedAt(d.regionPath))}).`,
    }, `decided-${d.current}`);
    if (final) await ended(this.disputes, d, actor, now, decision.agencyId, tell);
    return { id: d.id, final };
  }
}

@CommandHandler(EscalateDisputeCommand)
export class EscalateDisputeHandler implements ICommandHandler<EscalateDisputeCommand> {
  constructor(private readonly disputes: Disputes, private readonly uow: UnitOfWork, private readonly notifications: Notifications,
    private readonly clocks: LegalClocks) {}

  async execute({ actor, disputeId, reasons }: EscalateDisputeCommand) {
    const d = await this.disputes.load(disputeId);
    const now = new Date();
    const clocks = await disputeClocks(this.clocks, d.regionPath);
    d.escalate(actor, reasons, now, clocks.values);
    await this.disputes.save(d);
    const level = d.level;
    await this.disputes.decisionHistory(d, 'dispute_escalated', actor.userId, actor.displayName, `申请${LEVEL_ZH[level.level]}医疗保障行政部门处理`, now);
    const name = await institutionName(this.disputes, d);
    await new Tell(this.disputes, this.uow, this.notifications, d).authority(level.bureauId, {
      titleZh: `争议处理申请（不服下级决定）：${name}`, titleEn: `Dispute escalated: ${name}`,
      bodyZh: `${name}不服${LEVEL_ZH[d.path[d.current - 1]!.level]}医疗保障行政部门的争议处理决定，申请上一级处理，请于 ${level.dueDate} 前作出决定。处理时限：${clockTextZh(clocks.set.dispute_level_working_days)}；${calendarNoteZh(calendarChangedAt(d.regionPath))}。`,
      bodyEn: `${name} escalates the ${d.path[d.current - 1]!.level} bureau's decision on its dispute: decide by ${level.dueDate}. Time limit: ${clockTextEn(clocks.set.dispute_level_working_days)}; ${calendarNoteEn(calendarChangedAt(d.regionPath))}.`,
    }, `escalated-${d.current}`);
    return { id: d.id };
  }
}

@CommandHandler(WithdrawDisputeCommand)
export class WithdrawDisputeHandler implements ICommandHandler<WithdrawDisputeCommand> {
  constructor(private readonly disputes: Disputes, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, disputeId, reason }: WithdrawDisputeCommand) {
    const d = await this.disputes.load(disputeId);
    const now = new Date();
    d.withdraw(actor, reason, now);
    const tell = await saveEnded(this.disputes, new Tell(this.disputes, this.uow, this.notifications, d), d, actor, now);
    const name = await institutionName(this.disputes, d);
    await tell.authority(d.level.bureauId, {
      titleZh: `争议处理申请已撤回：${name}`, titleEn: `Dispute withdrawn: ${name}`,
      bodyZh: `${name}撤回了争议处理申请，原处理决定继续执行。`, bodyEn: `${name} withdrew its dispute; the decision stands.`,
    }, 'withdrawn');
    return { id: d.id };
  }
}

@CommandHandler(MarkDisputeLevelOverdueCommand)
export class MarkDisputeLevelOverdueHandler implements ICommandHandler<MarkDisputeLevelOverdueCommand> {
  constructor(private readonly disputes: Disputes, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, disputeId, level }: MarkDisputeLevelOverdueCommand) {
    const d = await this.disputes.load(disputeId);
    const now = new Date();
    if (!d.markLevelOverdue(actor, level, now)) return false;
    await this.disputes.save(d);
    const late = d.path[level]!;
    // The level above is told; the province, having none, is told itself.
    const above = d.path[level + 1] ?? late;
    const [lateBureau, name] = [await this.disputes.organization(late.bureauId), await institutionName(this.disputes, d)];
    await new Tell(this.disputes, this.uow, this.notifications, d).authority(above.bureauId, {
      titleZh: `争议处理逾期未决：${name}`, titleEn: `Dispute overdue: ${name}`,
      bodyZh: `${lateBureau?.name ?? late.bureauId}应于 ${late.dueDate} 前对${name}的争议处理申请作出决定，目前尚未作出。`,
      bodyEn: `${late.bureauId} was to decide ${name}'s dispute by ${late.dueDate} and has not.`,
    }, `overdue-${level}`);
    return true;
  }
}

@CommandHandler(CloseDisputeCommand)
export class CloseDisputeHandler implements ICommandHandler<CloseDisputeCommand> {
  constructor(private readonly disputes: Disputes, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, disputeId }: CloseDisputeCommand) {
    const d = await this.disputes.load(disputeId);
    const now = new Date();
    if (!d.close(actor, now)) return false;
    const tell = await saveEnded(this.disputes, new Tell(this.disputes, this.uow, this.notifications, d), d, actor, now);
    await tell.institution({
      titleZh: '争议处理已终结', titleEn: 'Dispute ended',
      bodyZh: `申请上一级处理的期限（${d.escalationDue}）已届满，${LEVEL_ZH[d.level.level]}医疗保障行政部门的决定（${OUTCOME_ZH[d.outcome ?? 'upheld']}）生效。`,
      bodyEn: `The escalation window (${d.escalationDue}) closed: the ${d.level.level} bureau's decision (${d.outcome ?? 'upheld'}) stands.`,
    }, 'closed');
    return true;
  }
}

export const DISPUTE_COMMAND_HANDLERS = [
  FileDisputeHandler, DecideDisputeHandler, EscalateDisputeHandler, WithdrawDisputeHandler, MarkDisputeLevelOverdueHandler, CloseDisputeHandler,
];
