import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';
import type { ChecklistItem } from '../domain/checklist.js';
import type { AuditDates } from '../domain/ic-audit.js';

abstract class IcCommand<R> extends ActorCommand<R> {
  auditPayload(): Record<string, unknown> {
    return {};
  }
}

export class UpdateChecklistCommand extends IcCommand<{ version: number }> {
  constructor(actor: Actor, readonly items: ChecklistItem[]) {
    super(actor);
  }
  auditTarget() {
    return `ic-checklist:${this.actor.regionPath}`;
  }
  override auditPayload() {
    return { items: this.items.length };
  }
}

export class CreateIcPlanCommand extends IcCommand<{ id: string }> {
  constructor(actor: Actor, readonly input: { year: number; title: string; periodStart: string; periodEnd: string }) {
    super(actor);
  }
  auditTarget() {
    return `ic-plan:${this.actor.regionPath}:${this.input.year}`;
  }
  override auditPayload() {
    return { ...this.input };
  }
}

export interface ScheduleInput extends AuditDates {
  teamInspectorIds: string[];
}

export class AddIcAuditCommand extends IcCommand<{ id: string }> {
  constructor(actor: Actor, readonly planId: string, readonly input: ScheduleInput & { agencyId: string }) {
    super(actor);
  }
  auditTarget() {
    return this.planId;
  }
  override auditPayload() {
    return { ...this.input };
  }
}

export class DrawIcTeamsCommand extends IcCommand<{ drawn: number }> {
  constructor(actor: Actor, readonly planId: string, readonly teamSize: number) {
    super(actor);
  }
  auditTarget() {
    return this.planId;
  }
  override auditPayload() {
    return { teamSize: this.teamSize };
  }
}

export class PublishIcPlanCommand extends IcCommand<void> {
  constructor(actor: Actor, readonly planId: string) {
    super(actor);
  }
  auditTarget() {
    return this.planId;
  }
}

/** A command on one audit: the audit is the audit trail's target. */
abstract class AuditCommand<R> extends TargetedCommand<R> {
  constructor(actor: Actor, readonly auditId: string) {
    super(actor, auditId);
  }
}

export class SaveSelfAssessmentCommand extends AuditCommand<void> {
  constructor(actor: Actor, auditId: string, readonly answers: { itemCode: string; answer: string; note?: string; attachmentIds?: string[] }[], readonly submit: boolean) {
    super(actor, auditId);
  }
  override auditPayload() {
    return { answers: this.answers.length, submit: this.submit };
  }
}

export class ReplaceStaffPostsCommand extends AuditCommand<void> {
  constructor(actor: Actor, auditId: string, readonly staff: { personId: string; personName: string; posts: string[] }[]) {
    super(actor, auditId);
  }
  override auditPayload() {
    return { staff: this.staff.length };
  }
}

export class RecordIcResultsCommand extends AuditCommand<void> {
  constructor(actor: Actor, auditId: string, readonly results: { itemCode: string; result: string; note?: string; attachmentIds?: string[] }[]) {
    super(actor, auditId);
  }
  override auditPayload() {
    return { results: this.results.length };
  }
}

export class IssueFindingsCommand extends AuditCommand<void> {
  constructor(actor: Actor, auditId: string, readonly findings: { area: string; itemCode?: string; description: string; rectificationDue: string }[]) {
    super(actor, auditId);
  }
  override auditPayload() {
    return { findings: this.findings.length };
  }
}

export class SubmitRectificationCommand extends AuditCommand<void> {
  constructor(actor: Actor, auditId: string, readonly findingId: string, readonly input: { plan: string; evidenceAttachmentIds: string[] }) {
    super(actor, auditId);
  }
  override auditPayload() {
    return { findingId: this.findingId, evidence: this.input.evidenceAttachmentIds?.length ?? 0 };
  }
}

export class VerifyFindingCommand extends AuditCommand<void> {
  constructor(actor: Actor, auditId: string, readonly findingId: string, readonly accepted: boolean, readonly comment?: string) {
    super(actor, auditId);
  }
  override auditPayload() {
    return { findingId: this.findingId, accepted: this.accepted, comment: this.comment ?? null };
  }
}

export class ScheduleFollowUpCommand extends AuditCommand<{ id: string }> {
  constructor(actor: Actor, auditId: string, readonly input: ScheduleInput) {
    super(actor, auditId);
  }
  override auditPayload() {
    return { ...this.input };
  }
}

// Run by the audit workflow's clock (IcAuditActivities), as the official who published the plan.
export class SendAuditNoticeCommand extends AuditCommand<boolean> {}
export class MarkSelfAssessmentOverdueCommand extends AuditCommand<boolean> {}
export class StartFieldworkCommand extends AuditCommand<boolean> {}
export class MarkRectificationOverdueCommand extends AuditCommand<boolean> {
  constructor(actor: Actor, auditId: string, readonly findingId: string) {
    super(actor, auditId);
  }
  override auditPayload() {
    return { findingId: this.findingId };
  }
}
