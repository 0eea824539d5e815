import type { Actor } from '../../../kernel/actor.js';
import type { TipState } from '../domain/tip.js';

/** What the tips context needs to know of a lead: its status and, once closed, its result. */
export interface TipLeadOutcome {
  status: string;
  result: 'violation_confirmed' | 'not_confirmed' | 'transferred' | null;
  confirmedAmount: number | null;
  closedAt: string | null;
}

/**
 * The leads ledger as the tips context uses it (issue 17: an accepted tip becomes a lead, source
 * 'tip'; its result decides the reward). Implemented over the leads context's public entry
 * (infrastructure/tip-leads.adapter.ts), in the caller's unit of work.
 */
export abstract class TipLeads {
  /** Registers the accepted tip as a lead in the actor's ledger; the lead's id. */
  abstract register(actor: Actor, tip: TipState, subject: string): Promise<{ id: string }>;
  /** The lead's outcome, or null when the lead is not visible. */
  abstract outcome(actor: Actor, leadId: string): Promise<TipLeadOutcome | null>;
}
