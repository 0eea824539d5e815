import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';

/** A command on one report by id. */
abstract class OnReport<R> extends TargetedCommand<R> {
  constructor(actor: Actor, readonly reportId: string) {
    super(actor, reportId);
  }
}

export class SaveMonthlyReportCommand extends OnReport<void> {
  constructor(actor: Actor, reportId: string, readonly manual: unknown) {
    super(actor, reportId);
  }
  override auditPayload() {
    const m = this.manual && typeof this.manual === 'object' ? { ...(this.manual as Record<string, unknown>) } : this.manual;
    if (m && typeof m === 'object' && typeof (m as { remarks?: unknown }).remarks === 'string') (m as { remarks: unknown }).remarks = ((m as { remarks: string }).remarks).length;
    return { manual: m ?? null };
  }
}

export class SubmitMonthlyReportCommand extends OnReport<void> {}
export class SignMonthlyReportCommand extends OnReport<void> {}

export class ReturnMonthlyReportCommand extends OnReport<void> {
  constructor(actor: Actor, reportId: string, readonly comment: unknown) {
    super(actor, reportId);
  }
  override auditPayload() {
    return { comment: typeof this.comment === 'string' ? this.comment.slice(0, 2000) : null };
  }
}

/** The city agency (fund-audit section) compiles its counties' reports of a month into the city report and its bulletin. */
export class CompileCityReportCommand extends ActorCommand<{ id: string }> {
  constructor(actor: Actor, readonly cityCode: string, readonly month: string) {
    super(actor);
  }
  auditTarget() {
    return `monthly-report:${String(this.cityCode).slice(0, 20)}:${String(this.month).slice(0, 10)}`;
  }
  auditPayload() {
    return { cityCode: this.cityCode, month: this.month };
  }
}

/** The city bureau files the agency's compilation (备案) and issues the bulletin to the counties. */
export class FileCityReportCommand extends OnReport<void> {}

/** Clock steps of the cycle workflow (`at`: the workflow's time of the step). Idempotent. */
abstract class CycleStep<R> extends ActorCommand<R> {
  constructor(actor: Actor, readonly provinceCode: string, readonly month: string, readonly at?: Date) {
    super(actor);
  }
  auditTarget() {
    return `monthly-reports:${this.provinceCode}:${this.month}`;
  }
  auditPayload(): Record<string, unknown> {
    return { at: this.at?.toISOString() ?? null };
  }
}

/** The 1st: every county bureau of the province gets its draft report of the month, `auto` assembled. */
export class OpenMonthlyReportsCommand extends CycleStep<{ opened: number; total: number }> {}

/** A reminder instant: the county bureaus whose report is not submitted are told (once per reminder). */
export class RemindMonthlyReportsCommand extends CycleStep<{ reminded: string[] }> {
  constructor(actor: Actor, provinceCode: string, month: string, readonly reminder: number, at?: Date) {
    super(actor, provinceCode, month, at);
  }
  override auditPayload() {
    return { at: this.at?.toISOString() ?? null, reminder: this.reminder };
  }
}

/** The due instant: unsubmitted reports flagged overdue once; the city bureaus and the counties told. */
export class MarkMonthlyReportsOverdueCommand extends CycleStep<{ flagged: string[] }> {}
