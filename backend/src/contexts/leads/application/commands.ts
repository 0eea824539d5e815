import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';
import type { LeadSource } from '../domain/time-limits.js';

export interface RegisterLeadInput {
  source: LeadSource;
  /** For a tip, the tip's id; otherwise the reference of the assigning document, if any. */
  sourceRef: string | null;
  /** The region the lead concerns (GB/T 2260 code), within the actor's area. */
  regionCode: string;
  institutionOrgId: string | null;
  subject: string;
  /** What happened; for a tip, never the reporter. */
  facts: string;
  /** Decimal yuan string ("12000.50"), or null. */
  amountInvolved: string | null;
  /** YYYY-MM-DD; absent: the source's time limit from today. */
  dueDate?: string;
}

/**
 * Registers a lead in the ledger of the actor's unit (线索登记). The contract the tips context calls
 * (through the CommandBus, in its own command's transaction) with `source: 'tip'` and the tip's id.
 */
export class RegisterLeadCommand extends ActorCommand<{ id: string }> {
  readonly source: LeadSource;
  readonly sourceRef: string | null;
  readonly regionCode: string;
  readonly institutionOrgId: string | null;
  readonly subject: string;
  readonly facts: string;
  readonly amountInvolved: string | null;
  readonly dueDate?: string;

  constructor(input: { actor: Actor } & RegisterLeadInput) {
    super(input.actor);
    this.source = input.source;
    this.sourceRef = input.sourceRef ?? null;
    this.regionCode = input.regionCode;
    this.institutionOrgId = input.institutionOrgId ?? null;
    this.subject = input.subject;
    this.facts = input.facts;
    this.amountInvolved = input.amountInvolved ?? null;
    this.dueDate = input.dueDate;
  }
  auditTarget() {
    return `lead:${this.source}:${this.sourceRef ?? ''}`;
  }
  auditPayload() {
    // The facts stay out of the trail (a tip's facts may be sensitive); the ledger holds them.
    return { source: this.source, sourceRef: this.sourceRef, regionCode: this.regionCode, institutionOrgId: this.institutionOrgId, amountInvolved: this.amountInvolved, dueDate: this.dueDate ?? null };
  }
}

/** A command on one lead by id. */
abstract class LeadCommand<R> extends TargetedCommand<R> {
  constructor(actor: Actor, readonly leadId: string) {
    super(actor, leadId);
  }
}

export class AssessLeadCommand extends LeadCommand<void> {
  constructor(actor: Actor, leadId: string, readonly valuable: unknown, readonly reasons: unknown) {
    super(actor, leadId);
  }
  override auditPayload() {
    return { valuable: this.valuable };
  }
}

/** A second user approves (or rejects) dismissing an assigned lead as not valuable. */
export class DecideLeadDismissalCommand extends LeadCommand<void> {
  constructor(actor: Actor, leadId: string, readonly approve: unknown, readonly comment: unknown) {
    super(actor, leadId);
  }
  override auditPayload() {
    return { approve: this.approve };
  }
}

export class AssignLeadCommand extends LeadCommand<void> {
  constructor(actor: Actor, leadId: string, readonly toOrgId: unknown, readonly dueDate: unknown) {
    super(actor, leadId);
  }
  override auditPayload() {
    return { toOrgId: this.toOrgId, dueDate: this.dueDate ?? null };
  }
}

export class InvestigateLeadCommand extends LeadCommand<void> {
  constructor(actor: Actor, leadId: string, readonly inspectionId: unknown) {
    super(actor, leadId);
  }
  override auditPayload() {
    return { inspectionId: this.inspectionId };
  }
}

export class CloseLeadCommand extends LeadCommand<void> {
  constructor(actor: Actor, leadId: string, readonly result: unknown, readonly confirmedAmount: unknown, readonly summary: unknown) {
    super(actor, leadId);
  }
  override auditPayload() {
    return { result: this.result, confirmedAmount: this.confirmedAmount ?? null };
  }
}

export class ReportLeadCommand extends LeadCommand<void> {}

export class AcceptLeadResultCommand extends LeadCommand<void> {
  constructor(actor: Actor, leadId: string, readonly comment: unknown) {
    super(actor, leadId);
  }
}

export class ReturnLeadResultCommand extends LeadCommand<void> {
  constructor(actor: Actor, leadId: string, readonly reason: unknown) {
    super(actor, leadId);
  }
}

export class RequestLeadExtensionCommand extends LeadCommand<void> {
  constructor(actor: Actor, leadId: string, readonly dueDate: unknown, readonly reason: unknown) {
    super(actor, leadId);
  }
  override auditPayload() {
    return { dueDate: this.dueDate };
  }
}

export class DecideLeadExtensionCommand extends LeadCommand<void> {
  constructor(actor: Actor, leadId: string, readonly approve: unknown, readonly comment: unknown) {
    super(actor, leadId);
  }
  override auditPayload() {
    return { approve: this.approve };
  }
}

// Run by the lead workflow's clock, as the user who registered the lead; idempotent.

export class RemindLeadCommand extends LeadCommand<boolean> {
  constructor(actor: Actor, leadId: string, readonly dueDate: string) {
    super(actor, leadId);
  }
  override auditPayload() {
    return { dueDate: this.dueDate };
  }
}

export class MarkLeadOverdueCommand extends RemindLeadCommand {}

/**
 * Imports a file of smart-monitoring alerts (智能监控预警) into the actor's ledger: every row becomes a
 * lead with source `smart_monitoring` and the alert's `规则编码/预警编号` as its source reference, in this
 * one transaction — or, when any row is wrong, nothing is registered and every problem is answered
 * (400 `alert_import_invalid`, `details.errors`: row, column, message). Alerts already in the ledger
 * are not registered again and are named in the result.
 */
export class ImportLeadAlertsCommand extends ActorCommand<AlertImportResult> {
  constructor(actor: Actor, readonly filename: string, readonly header: unknown[], readonly rows: Record<string, unknown>[]) {
    super(actor);
  }
  auditTarget() {
    return `lead-alert-import:${this.filename}`;
  }
  auditPayload() {
    return { filename: this.filename, rows: this.rows.length };
  }
}

export interface AlertImportResult {
  /** The leads registered, by the file's row. */
  registered: { row: number; leadId: string; ledgerNo: number; sourceRef: string }[];
  /** Rows whose alert was already in the ledger (not registered again). */
  alreadyInLedger: { row: number; leadId: string; ledgerNo: number; sourceRef: string }[];
}
