import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';

/** A command on one finding by id. */
abstract class OnFinding<R> extends TargetedCommand<R> {
  constructor(actor: Actor, readonly findingId: string) {
    super(actor, findingId);
  }
}

export class ConfirmFindingCommand extends OnFinding<void> {}

export class AppealFindingCommand extends OnFinding<void> {
  constructor(actor: Actor, findingId: string, readonly reasons: string, readonly attachmentIds: string[]) {
    super(actor, findingId);
  }
  override auditPayload() {
    return { reasons: typeof this.reasons === 'string' ? this.reasons.length : 0, attachmentIds: this.attachmentIds ?? [] };
  }
}

export class ReviewAppealCommand extends OnFinding<void> {
  constructor(actor: Actor, findingId: string, readonly outcome: string, readonly comment: string) {
    super(actor, findingId);
  }
  override auditPayload() {
    return { outcome: this.outcome, comment: this.comment };
  }
}

/** Run by the feedback workflow at the deadline, as the official who sent the inspection. Idempotent. */
export class DeemFindingsConfirmedCommand extends TargetedCommand<{ deemed: number }> {
  /** `at`: the workflow's time of the step (defaults to the server's clock). */
  constructor(actor: Actor, readonly inspectionId: string, readonly at?: Date) {
    super(actor, inspectionId);
  }
}

export interface DecisionBodyInput { findingIds: string[]; measures: unknown[]; basis: string }

export class CreateDecisionCommand extends ActorCommand<{ id: string }> {
  constructor(actor: Actor, readonly input: DecisionBodyInput) {
    super(actor);
  }
  auditTarget() {
    const ids = this.input?.findingIds;
    return `decision:${Array.isArray(ids) ? ids.join(',') : ''}`.slice(0, 500);
  }
  auditPayload() {
    return { findingIds: this.input?.findingIds, measures: this.input?.measures, basis: this.input?.basis };
  }
}

/** A command on one decision by id. */
abstract class OnDecision<R> extends TargetedCommand<R> {
  constructor(actor: Actor, readonly decisionId: string) {
    super(actor, decisionId);
  }
}

export class LegalReviewCommand extends OnDecision<void> {
  constructor(actor: Actor, decisionId: string, readonly approved: boolean, readonly comment: string | undefined) {
    super(actor, decisionId);
  }
  override auditPayload() {
    return { approved: this.approved, comment: this.comment ?? null };
  }
}

export class SubmitRectificationCommand extends OnDecision<void> {
  constructor(actor: Actor, decisionId: string, readonly report: string, readonly attachmentIds: string[]) {
    super(actor, decisionId);
  }
  override auditPayload() {
    return { report: typeof this.report === 'string' ? this.report.length : 0, attachmentIds: this.attachmentIds ?? [] };
  }
}

export class ConfirmRectificationCommand extends OnDecision<void> {
  constructor(actor: Actor, decisionId: string, readonly accepted: boolean, readonly comment: string | undefined, readonly rectificationDue: string | undefined) {
    super(actor, decisionId);
  }
  override auditPayload() {
    return { accepted: this.accepted, comment: this.comment ?? null, rectificationDue: this.rectificationDue ?? null };
  }
}

/** Run by the decision workflow when the rectification deadline passed, as the agency user who decided. */
export class MarkDecisionRectificationOverdueCommand extends OnDecision<boolean> {
  /** `at`: the workflow's time of the step (defaults to the server's clock). */
  constructor(actor: Actor, decisionId: string, readonly at?: Date) {
    super(actor, decisionId);
  }
}
