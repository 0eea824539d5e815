import { randomUUID } from 'node:crypto';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { ActorQuery, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import { isUuid } from '../../../platform/database/sql.js';
import type { RecoveryInput, RecoveryMethod } from '../domain/decision.js';
import { Findings } from '../infrastructure/findings.repository.js';
import { DecisionRecoveries, type RecoveryView } from '../infrastructure/recoveries.repository.js';
import { attachmentsNotOwned } from '../../../platform/attachments/attachments.js';

// Amounts actually recovered under a handling decision (issue 16): the agency records each deduction
// from the institution's settlement (扣减) or repayment by it (退回), with its date and evidence; the
// dashboards show them (实际追回) beside the confirmed amount (认定追回).

export interface RecoveryBodyInput { amount: unknown; recoveredOn: unknown; method: unknown; attachmentIds?: unknown }

export class RecordRecoveryCommand extends TargetedCommand<{ id: string }> {
  constructor(actor: Actor, readonly decisionId: string, readonly input: RecoveryBodyInput) {
    super(actor, decisionId);
  }
  override auditPayload() {
    const i = this.input ?? ({} as RecoveryBodyInput);
    return { amount: i.amount ?? null, recoveredOn: i.recoveredOn ?? null, method: i.method ?? null, attachmentIds: i.attachmentIds ?? [] };
  }
}

/** A decision's recoveries: the confirmed amount, what was recovered, what remains, and each entry. */
export interface DecisionRecoveriesView {
  decisionId: string; confirmedAmount: number; recoveredAmount: number; remainingAmount: number; items: RecoveryView[];
}

export class GetDecisionRecoveriesQuery extends ActorQuery<DecisionRecoveriesView> {
  constructor(actor: Actor, readonly decisionId: string) { super(actor); }
}

const MAX_ATTACHMENTS = 20;

function evidence(ids: unknown): string[] {
  if (ids === undefined || ids === null) return [];
  if (!Array.isArray(ids) || ids.some((a) => typeof a !== 'string') || ids.length > MAX_ATTACHMENTS) {
    throw DomainError.validation('attachment_unknown', {
      zh: `附件编号格式无效（最多 ${MAX_ATTACHMENTS} 个）`, en: `attachmentIds must be a list of at most ${MAX_ATTACHMENTS} ids`,
    });
  }
  return [...new Set(ids as string[])];
}

@CommandHandler(RecordRecoveryCommand)
export class RecordRecoveryHandler implements ICommandHandler<RecordRecoveryCommand> {
  constructor(private readonly repo: Findings, private readonly recoveries: DecisionRecoveries) {}

  async execute({ actor, decisionId, input }: RecordRecoveryCommand): Promise<{ id: string }> {
    // Locked: two recoveries recorded at once cannot both fit in what remains.
    const d = await this.repo.loadDecision(decisionId);
    const amounts = (await this.recoveries.amounts(d.id))!;
    const ids = evidence(input?.attachmentIds);
    const recoveryInput: RecoveryInput = { amount: input?.amount, recoveredOn: input?.recoveredOn, method: input?.method };
    const recovery = d.recordRecovery(actor, recoveryInput, amounts.confirmed, amounts.recovered, randomUUID(), ids, new Date());
    // the evidence: the agency's own uploads
    const unknown = await this.repo.unknownAttachments(ids, actor.organizationId);
    if (unknown.length) throw attachmentsNotOwned(unknown, { zh: '本单位', en: 'your organization' });
    await this.recoveries.insert(d, recovery);
    await this.repo.saveDecision(d);
    return { id: recovery.id };
  }
}

@QueryHandler(GetDecisionRecoveriesQuery)
export class GetDecisionRecoveriesHandler implements IQueryHandler<GetDecisionRecoveriesQuery> {
  constructor(private readonly recoveries: DecisionRecoveries) {}

  async execute({ decisionId }: GetDecisionRecoveriesQuery): Promise<DecisionRecoveriesView> {
    const amounts = isUuid(decisionId) ? await this.recoveries.amounts(decisionId) : null;
    if (!amounts) throw DomainError.notFound({ zh: '处理决定', en: 'handling decision' }, decisionId);
    const cents = (v: number) => Math.round(v * 100);
    return {
      decisionId, confirmedAmount: amounts.confirmed, recoveredAmount: amounts.recovered,
      remainingAmount: Math.max(cents(amounts.confirmed) - cents(amounts.recovered), 0) / 100,
      items: await this.recoveries.list(decisionId),
    };
  }
}

export type { RecoveryMethod };
export const RECOVERY_COMMAND_HANDLERS = [RecordRecoveryHandler];
export const RECOVERY_QUERY_HANDLERS = [GetDecisionRecoveriesHandler];
