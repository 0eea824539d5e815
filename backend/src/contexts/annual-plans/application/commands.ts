import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';
import type { ProgressInput } from '../domain/annual-plan.js';
import type { PlanContent, ScheduleTask } from '../domain/plan-content.js';

/** Opens the province's planning cycle of a year: one plan per city and county agency. */
export class OpenPlanningCycleCommand extends ActorCommand<{ year: number; plans: number }> {
  constructor(actor: Actor, readonly year: number) {
    super(actor);
  }
  auditTarget() {
    return `plan-cycle:${this.actor.regionPath}:${this.year}`;
  }
  auditPayload() {
    return { year: this.year };
  }
}

/** A command on one existing plan: the plan is its audit target. */
abstract class PlanCommand<TResult> extends TargetedCommand<TResult> {
  constructor(actor: Actor, readonly planId: string) {
    super(actor, planId);
  }
}

export class SaveDraftCommand extends PlanCommand<void> {
  constructor(actor: Actor, planId: string, readonly input: { content: PlanContent; schedule: ScheduleTask[]; version: number }) {
    super(actor, planId);
  }
  override auditPayload() {
    return { version: this.input.version, targets: this.input.content.targets.length, tasks: this.input.schedule.length };
  }
}

export class SubmitPlanCommand extends PlanCommand<void> {
  constructor(actor: Actor, planId: string, readonly version: number) {
    super(actor, planId);
  }
  override auditPayload() {
    return { version: this.version };
  }
}

/** 汇总上报: the city agency forwards a reviewed county plan to the city bureau. */
export class ForwardPlanCommand extends PlanCommand<void> {
  constructor(actor: Actor, planId: string, readonly comment?: string) {
    super(actor, planId);
  }
  override auditPayload() {
    return { comment: this.comment ?? null };
  }
}

export class FilePlanCommand extends PlanCommand<void> {
  constructor(actor: Actor, planId: string, readonly comment?: string) {
    super(actor, planId);
  }
  override auditPayload() {
    return { comment: this.comment ?? null };
  }
}

export class ReturnPlanCommand extends PlanCommand<void> {
  constructor(actor: Actor, planId: string, readonly comment: string) {
    super(actor, planId);
  }
  override auditPayload() {
    return { comment: this.comment };
  }
}

export class ReportProgressCommand extends PlanCommand<void> {
  constructor(actor: Actor, planId: string, readonly month: number, readonly entries: ProgressInput[]) {
    super(actor, planId);
  }
  override auditPayload() {
    return { month: this.month, entries: this.entries.map((e) => ({ taskId: e.taskId, doneQuantity: e.doneQuantity })) };
  }
}

/** Run by the plan workflow before 15 May (reminder = which one, from 0). */
export class RemindPlanDueCommand extends PlanCommand<boolean> {
  constructor(actor: Actor, planId: string, readonly reminder: number) {
    super(actor, planId);
  }
  override auditPayload() {
    return { reminder: this.reminder };
  }
}

/** Run by the plan workflow on 16 May: flags an unsubmitted plan and tells the reviewing level. */
export class MarkPlanOverdueCommand extends PlanCommand<boolean> {}

/** Run by the plan workflow on 1 January: the plan year is over. */
export class ClosePlanYearCommand extends PlanCommand<boolean> {}
