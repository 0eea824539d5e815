import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';
import type { ScheduleInput } from '../domain/agency-inspection.js';

/** An agency schedules one inspection of an institution it holds (or cross-inspects), with its team. */
export class ScheduleInspectionCommand extends ActorCommand<{ id: string }> {
  constructor(actor: Actor, readonly input: ScheduleInput) {
    super(actor);
  }
  auditTarget() {
    return `inspection:${String(this.input.institutionId ?? '')}`;
  }
  auditPayload() {
    return { ...this.input };
  }
}

export interface ScheduleFromWorklistInput {
  institutionIds?: unknown;
  plannedOn?: unknown;
  inspectionType?: unknown;
  method?: unknown;
  announced?: unknown;
}

/** The worklist in one action: one inspection per institution, each with a team drawn from the agency's eligible inspectors. */
export class ScheduleFromWorklistCommand extends ActorCommand<{ ids: string[] }> {
  constructor(actor: Actor, readonly input: ScheduleFromWorklistInput) {
    super(actor);
  }
  auditTarget() {
    return `worklist:${this.actor.organizationId}`;
  }
  auditPayload() {
    return { ...this.input };
  }
}

// Run by the agency inspection workflow's clock, as the user who scheduled it, at the workflow's time
// (ADR 0007: the deadline is judged by the clock that fired it). Idempotent.
export class RemindInspectionCommand extends TargetedCommand<boolean> {
  constructor(actor: Actor, readonly inspectionId: string, readonly at: Date = new Date()) {
    super(actor, inspectionId);
  }
}
export class MarkInspectionOverdueCommand extends RemindInspectionCommand {}

/**
 * On the 1st (the coverage digest cycle): each handling agency of the province is told last month's
 * coverage result and this month's suggested worklist; in the fourth quarter also the institutions not
 * yet inspected this year and the key units short of two. Idempotent per agency and month.
 */
export class SendCoverageDigestsCommand extends ActorCommand<{ sent: number; agencies: number }> {
  constructor(actor: Actor, readonly provinceCode: string, readonly month: string, readonly now: Date = new Date()) {
    super(actor);
  }
  auditTarget() {
    return `coverage-digest:${this.provinceCode}:${this.month}`;
  }
  auditPayload() {
    return { provinceCode: this.provinceCode, month: this.month };
  }
}
