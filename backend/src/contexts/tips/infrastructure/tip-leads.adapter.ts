import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { LeadOutcomeQuery, RegisterLeadCommand, type LeadOutcome } from '../../leads/index.js';
import type { TipState } from '../domain/tip.js';
import { TipLeads, type TipLeadOutcome } from '../application/tip-leads.js';

/**
 * The leads ledger over the leads context's public entry. The buses run the leads' handlers in the
 * caller's unit of work (same transaction, same tenant scope): the lead exists exactly when the
 * tip's acceptance commits. The lead gets the tip's facts — never the reporter.
 */
@Injectable()
export class LeadsForTips extends TipLeads {
  constructor(private readonly commandBus: CommandBus, private readonly queryBus: QueryBus) { super(); }

  register(actor: Actor, tip: TipState, subject: string): Promise<{ id: string }> {
    const regionCode = tip.regionPath.split('/').filter(Boolean).at(-1)!;
    return this.commandBus.execute(new RegisterLeadCommand({
      actor, source: 'tip', sourceRef: tip.id, regionCode, institutionOrgId: tip.institutionOrgId, subject, facts: tip.facts,
      amountInvolved: tip.amountInvolved === null ? null : tip.amountInvolved.toFixed(2),
    }));
  }

  async outcome(actor: Actor, leadId: string): Promise<TipLeadOutcome | null> {
    try {
      const o: LeadOutcome = await this.queryBus.execute(new LeadOutcomeQuery(actor, leadId));
      return { status: o.status, result: o.result, confirmedAmount: o.confirmedAmount === null ? null : Number(o.confirmedAmount), closedAt: o.closedAt };
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'not_found') return null;
      throw err;
    }
  }
}
