import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { AssessLeadCommand, AssignLeadCommand, LeadOutcomeQuery, RegisterLeadCommand, type LeadOutcome } from '../../leads/index.js';
import { FlightLeads, type FlightLeadFollowUp, type FlightLeadInput } from '../application/flight-leads.js';

/**
 * The leads ledger over the leads context's public entry, in the caller's unit of work (the leads
 * exist exactly when the hand-over commits): the national bureau registers the result as a lead of
 * source flight_inspection, assesses it valuable (the inspection found it) and assigns it to the
 * province's bureau, whose due date is the source's time limit (LEAD_TIME_LIMITS).
 */
@Injectable()
export class LeadsForFlightInspections extends FlightLeads {
  constructor(private readonly commandBus: CommandBus, private readonly queryBus: QueryBus) { super(); }

  async handOver(actor: Actor, input: FlightLeadInput): Promise<string> {
    const { id } = await this.commandBus.execute(new RegisterLeadCommand({
      actor, source: 'flight_inspection', sourceRef: input.sourceRef, regionCode: input.regionCode, institutionOrgId: input.institutionOrgId,
      subject: input.subject, facts: input.facts, amountInvolved: input.amountInvolved,
    }));
    await this.commandBus.execute(new AssessLeadCommand(actor, id, true, '国家医疗保障局飞行检查发现的问题，移交属地省级医保部门后续查处'));
    await this.commandBus.execute(new AssignLeadCommand(actor, id, input.provinceBureauId, undefined));
    return id;
  }

  async followUp(actor: Actor, leadId: string): Promise<FlightLeadFollowUp | null> {
    try {
      const o: LeadOutcome = await this.queryBus.execute(new LeadOutcomeQuery(actor, leadId));
      return { status: o.status, result: o.result, confirmedAmount: o.confirmedAmount, closedAt: o.closedAt, acceptedAt: o.acceptedAt };
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'not_found') return null;
      throw err;
    }
  }
}
