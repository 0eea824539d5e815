import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandBus, CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../kernel/errors.js';
import type { Actor } from '../../../kernel/actor.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { CaseOutcomeQuery, OpenCaseFromTransferCommand, type CaseOutcome } from '../../enforcement/index.js';
import { LeadOutcomeQuery } from '../../leads/index.js';
import { Transfer } from '../domain/transfer.js';
import { Transfers } from '../infrastructure/transfers.repository.js';
import {
  AcceptTransferCommand, RequestTransferSupplementCommand, ReturnTransferCommand, SendTransferCommand, SupplementTransferCommand,
} from './commands.js';

export const transferLink = (id: string) => `/transfers/${id}`;

interface Message { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string }

/** The handlers' shared dependencies: load, change, save, tell the other side. */
@Injectable()
export class TransferDesk {
  constructor(readonly transfers: Transfers, readonly uow: UnitOfWork, readonly notifications: Notifications, readonly commandBus: CommandBus, readonly queryBus: QueryBus) {}

  async tell(t: Transfer, orgId: string, regionPath: string, msg: Message, key: string): Promise<void> {
    await this.notifications.deliver(this.uow.em, { recipientOrgId: orgId, recipientRegionPath: regionPath, ...msg, link: transferLink(t.id), dedupeKey: `transfer-${t.id}-${key}` });
  }

  /**
   * A case opened from a transfer was decided or closed: its result flows back to the sending agency and is
   * copied to the bureau one level above the receiving bureau (「按规定向上级部门报告」), in the deciding or
   * closing transaction. Once per transfer and step (the dedupe key): a step recorded again tells nobody twice.
   */
  async tellResult(actor: Actor, caseId: string, step: 'decided' | 'closed'): Promise<void> {
    const t = await this.transfers.ofCase(caseId);
    if (!t) return;
    const kase: CaseOutcome = await this.queryBus.execute(new CaseOutcomeQuery(actor, caseId));
    const msg = resultMessage(t, kase, step);
    await this.tell(t, t.ownerOrgId, t.regionPath, msg, `case-${step}`);
    const above = await this.transfers.bureauAbove(t.regionPath);
    if (above) await this.tell(t, above.id, above.regionPath, msg, `case-${step}-above`);
  }

  async change(id: string, fn: (t: Transfer, now: Date) => void | Promise<void>): Promise<Transfer> {
    const t = await this.transfers.load(id);
    await fn(t, new Date());
    await this.transfers.save(t);
    return t;
  }
}

/** The text of a result notice: the case's number, the decision and its amounts, the day. */
export function resultMessage(t: Transfer, kase: CaseOutcome, step: 'decided' | 'closed'): Message {
  const amounts = { zh: `罚款 ${kase.penaltyAmount ?? '0.00'} 元，追回 ${kase.recoveryAmount ?? '0.00'} 元`, en: `penalty ¥${kase.penaltyAmount ?? '0.00'}, recovery ¥${kase.recoveryAmount ?? '0.00'}` };
  const decision = kase.decisionSummary ?? '';
  const on = step === 'closed' ? kase.closedAt : kase.decidedAt;
  const day = on ? chinaDateOf(new Date(on)) : '';
  return step === 'decided'
    ? {
      titleZh: `移交案件已作出处理决定：${t.subject}`, titleEn: `Transferred case decided: ${t.subject}`,
      bodyZh: `移交第 ${t.transferNo} 号立案的执法案件第 ${kase.caseNo} 号于 ${day} 作出处理决定：${decision}（${amounts.zh}）。`,
      bodyEn: `Enforcement case no. ${kase.caseNo}, opened from transfer no. ${t.transferNo}, was decided on ${day}: ${decision} (${amounts.en}).`,
    }
    : {
      titleZh: `移交案件已结案：${t.subject}`, titleEn: `Transferred case closed: ${t.subject}`,
      bodyZh: `移交第 ${t.transferNo} 号立案的执法案件第 ${kase.caseNo} 号于 ${day} 结案。处理决定：${decision}（${amounts.zh}）。`,
      bodyEn: `Enforcement case no. ${kase.caseNo}, opened from transfer no. ${t.transferNo}, was closed on ${day}. Decision: ${decision} (${amounts.en}).`,
    };
}

/** A lead must be readable by the agency (in its scope); a finding or a decision is referenced by its id. */
async function checkSource(queryBus: QueryBus, actor: Actor, kind: unknown, id: unknown): Promise<void> {
  if (kind !== 'lead') return;
  try {
    await queryBus.execute(new LeadOutcomeQuery(actor, String(id ?? '')));
  } catch {
    throw DomainError.validation('transfer_source_unknown', { zh: `线索不存在或不在本机构辖区：${String(id ?? '')}`, en: `no such lead in your area: ${String(id ?? '')}` }, { field: 'sourceId' });
  }
}

@CommandHandler(SendTransferCommand)
export class SendTransferHandler implements ICommandHandler<SendTransferCommand> {
  constructor(private readonly desk: TransferDesk) {}
  async execute({ actor, input }: SendTransferCommand) {
    const bureau = await this.desk.transfers.bureauOf(actor.regionPath);
    const institution = await this.desk.transfers.institution(input.institutionOrgId, actor.regionPath);
    const t = Transfer.send({
      id: randomUUID(), actor, bureau, sourceKind: input.sourceKind, sourceId: input.sourceId, regionCode: institution.regionCode, institutionOrgId: institution.id,
      subject: input.subject, facts: input.facts, amountInvolved: input.amountInvolved, materials: input.materials, now: new Date(),
    });
    await checkSource(this.desk.queryBus, actor, t.sourceKind, t.sourceId);
    await this.desk.transfers.save(t);
    await this.desk.tell(t, t.toOrgId, t.regionPath, {
      titleZh: `收到移交：${t.subject}`, titleEn: `Transfer received: ${t.subject}`,
      bodyZh: `${actor.displayName} 移交案件线索及材料 ${t.materials.length} 份，请受理、要求补充或退回。`, bodyEn: `${actor.displayName} transferred a case with ${t.materials.length} materials: accept, ask for more, or return it.`,
    }, 'sent');
    return { id: t.id };
  }
}

@CommandHandler(AcceptTransferCommand)
export class AcceptTransferHandler implements ICommandHandler<AcceptTransferCommand> {
  constructor(private readonly desk: TransferDesk) {}
  async execute({ actor, transferId, comment }: AcceptTransferCommand) {
    const t = await this.desk.change(transferId, async (t, now) => {
      t.assertAcceptable(actor);
      const { id } = await this.desk.commandBus.execute(new OpenCaseFromTransferCommand({
        actor, transferId: t.id, institutionOrgId: t.institutionOrgId, regionCode: t.regionCode, subject: t.subject, facts: t.facts, amountInvolved: t.amountInvolved,
      }));
      t.accept(actor, id, comment, now);
    });
    await this.desk.tell(t, t.ownerOrgId, t.regionPath, {
      titleZh: `移交已受理：${t.subject}`, titleEn: `Transfer accepted: ${t.subject}`, bodyZh: '医保行政部门已受理并拟立案。', bodyEn: 'The bureau accepted the transfer and proposes to open a case.',
    }, 'accepted');
  }
}

@CommandHandler(RequestTransferSupplementCommand)
export class RequestTransferSupplementHandler implements ICommandHandler<RequestTransferSupplementCommand> {
  constructor(private readonly desk: TransferDesk) {}
  async execute({ actor, transferId, reason, dueDate }: RequestTransferSupplementCommand) {
    const t = await this.desk.change(transferId, (t, now) => t.requestSupplement(actor, reason, dueDate, now, chinaDateOf(now)));
    await this.desk.tell(t, t.ownerOrgId, t.regionPath, {
      titleZh: `移交需补充材料：${t.subject}`, titleEn: `Transfer needs more: ${t.subject}`,
      bodyZh: `${t.supplement!.reason}（期限 ${t.supplement!.dueDate}）`, bodyEn: `${t.supplement!.reason} (by ${t.supplement!.dueDate})`,
    }, `supplement-${t.version}`);
  }
}

@CommandHandler(SupplementTransferCommand)
export class SupplementTransferHandler implements ICommandHandler<SupplementTransferCommand> {
  constructor(private readonly desk: TransferDesk) {}
  async execute({ actor, transferId, note, materials }: SupplementTransferCommand) {
    const t = await this.desk.change(transferId, (t, now) => t.supplementWith(actor, note, materials, now));
    await this.desk.tell(t, t.toOrgId, t.regionPath, {
      titleZh: `移交已补充材料：${t.subject}`, titleEn: `Transfer supplemented: ${t.subject}`, bodyZh: '经办机构已按要求补充，请重新办理。', bodyEn: 'The agency supplemented the transfer as asked.',
    }, `supplemented-${t.version}`);
  }
}

@CommandHandler(ReturnTransferCommand)
export class ReturnTransferHandler implements ICommandHandler<ReturnTransferCommand> {
  constructor(private readonly desk: TransferDesk) {}
  async execute({ actor, transferId, reasons }: ReturnTransferCommand) {
    const t = await this.desk.change(transferId, (t, now) => t.returnWith(actor, reasons, now));
    await this.desk.tell(t, t.ownerOrgId, t.regionPath, {
      titleZh: `移交被退回：${t.subject}`, titleEn: `Transfer returned: ${t.subject}`, bodyZh: t.returnReasons!, bodyEn: t.returnReasons!,
    }, 'returned');
  }
}

export const TRANSFER_COMMAND_HANDLERS = [SendTransferHandler, AcceptTransferHandler, RequestTransferSupplementHandler, SupplementTransferHandler, ReturnTransferHandler];
