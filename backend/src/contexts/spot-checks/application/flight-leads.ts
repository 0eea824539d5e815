import type { Actor } from '../../../kernel/actor.js';
import type { LeadResult, LeadStatus } from '../../leads/index.js';

/** What the flight inspection hands to the province as one lead (飞行检查移交). */
export interface FlightLeadInput {
  flightInspectionId: string;
  /** The lead's source reference: the flight inspection's number and the inspection. */
  sourceRef: string;
  regionCode: string;
  institutionOrgId: string;
  subject: string;
  facts: string;
  /** Decimal yuan string. */
  amountInvolved: string;
  /** The province's bureau, whose ledger receives the lead. */
  provinceBureauId: string;
}

/** How far the province followed a handed-over result up (the lead's status, as the overseer reads it). */
export interface FlightLeadFollowUp { status: LeadStatus; result: LeadResult | null; confirmedAmount: string | null; closedAt: string | null; acceptedAt: string | null }

/** The leads ledger as the flight inspections use it (infrastructure/flight-leads.adapter.ts, over the leads context's index.ts). */
export abstract class FlightLeads {
  /** Registers the lead in the national bureau's ledger and assigns it to the province's bureau (due by the source's time limit). */
  abstract handOver(actor: Actor, input: FlightLeadInput): Promise<string>;
  /** The lead's follow-up in the reader's scope; null when out of it. */
  abstract followUp(actor: Actor, leadId: string): Promise<FlightLeadFollowUp | null>;
}
