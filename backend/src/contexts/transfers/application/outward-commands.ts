import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';

export interface OutwardTransferInput {
  caseId: unknown; recipientKind: unknown; recipientName: unknown; noticeDate: unknown; materials: unknown; amountInvolved: unknown;
}

/** A bureau transfers a case to another department (移送): the notice, its date, the recipient, the materials. */
export class SendOutwardTransferCommand extends ActorCommand<{ id: string; reportId: string | null }> {
  constructor(actor: Actor, readonly input: OutwardTransferInput) {
    super(actor);
  }
  auditTarget() {
    return `outward-transfer:${String(this.input.caseId)}`;
  }
  auditPayload() {
    return { caseId: this.input.caseId, recipientKind: this.input.recipientKind, noticeDate: this.input.noticeDate, amountInvolved: this.input.amountInvolved ?? null };
  }
}

export class RecordOutwardReceiptCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly outwardId: string, readonly at: unknown) {
    super(actor, outwardId);
  }
}

export class RecordOutwardResultCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly outwardId: string, readonly result: unknown, readonly at: unknown) {
    super(actor, outwardId);
  }
}

/** The bureau flags a case as likely to draw public attention: a major-case report opens. */
export class OpenMajorCaseReportCommand extends ActorCommand<{ id: string }> {
  constructor(actor: Actor, readonly caseId: unknown, readonly on: unknown) {
    super(actor);
  }
  auditTarget() {
    return `major-case-report:${String(this.caseId)}`;
  }
  auditPayload() {
    return { caseId: this.caseId, on: this.on ?? null };
  }
}

export class SubmitMajorCaseReportCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly reportId: string, readonly body: { discovery: unknown; facts: unknown; result: unknown; basis: unknown }) {
    super(actor, reportId);
  }
}

export class SendMajorCaseReportCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly reportId: string) {
    super(actor, reportId);
  }
}

export class AcknowledgeMajorCaseReportCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly reportId: string) {
    super(actor, reportId);
  }
}

// Run by the report clock and the follow-up clock, as the system; idempotent.
export class RemindMajorCaseReportCommand extends TargetedCommand<boolean> {
  constructor(actor: Actor, readonly reportId: string) {
    super(actor, reportId);
  }
}
export class MarkMajorCaseReportOverdueCommand extends TargetedCommand<boolean> {
  constructor(actor: Actor, readonly reportId: string) {
    super(actor, reportId);
  }
}

// Run by the outward follow-up clock, as the bureau user who sent the transfer; idempotent.
export class RemindOutwardFollowUpCommand extends TargetedCommand<boolean> {
  constructor(actor: Actor, readonly outwardId: string, readonly dueDate: string) {
    super(actor, outwardId);
  }
}
export class MarkOutwardFollowUpOverdueCommand extends TargetedCommand<boolean> {
  constructor(actor: Actor, readonly outwardId: string, readonly dueDate: string) {
    super(actor, outwardId);
  }
}
