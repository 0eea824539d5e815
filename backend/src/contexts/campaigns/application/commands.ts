import type { CampaignWorkflowPhase, RemindedPhase } from '@fundsup/workflows/contracts';
import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';
import type { CampaignInput } from '../domain/campaign.js';
import type { SelfInspectionContent } from '../domain/self-inspection.js';
import type { AgencySelfInspectionContent } from '../domain/agency-self-inspection.js';

abstract class CampaignCommand<R> extends ActorCommand<R> {
  auditPayload(): Record<string, unknown> {
    return {};
  }
}

export class CreateCampaignCommand extends CampaignCommand<{ id: string }> {
  constructor(actor: Actor, readonly input: CampaignInput) {
    super(actor);
  }
  auditTarget() {
    return `campaign:${this.actor.regionPath}:${String(this.input?.year)}`;
  }
  override auditPayload() {
    return { ...this.input };
  }
}

export class UpdateCampaignCommand extends CampaignCommand<{ id: string }> {
  constructor(actor: Actor, readonly campaignId: string, readonly input: CampaignInput) {
    super(actor);
  }
  auditTarget() {
    return this.campaignId;
  }
  override auditPayload() {
    return { ...this.input };
  }
}

/** A command on one campaign by id. */
abstract class OnCampaign<R> extends TargetedCommand<R> {
  constructor(actor: Actor, readonly campaignId: string) {
    super(actor, campaignId);
  }
}

export class AssignCampaignCommand extends OnCampaign<{ id: string }> {}

export class FileCampaignSummaryCommand extends OnCampaign<{ id: string }> {
  constructor(actor: Actor, campaignId: string, readonly comment: string | null) {
    super(actor, campaignId);
  }
  override auditPayload() {
    return { comment: this.comment };
  }
}

// ---- run by the workflows' activities, as the official who assigned the campaign

export class OpenCampaignPhaseCommand extends OnCampaign<boolean> {
  constructor(actor: Actor, campaignId: string, readonly phase: CampaignWorkflowPhase) {
    super(actor, campaignId);
  }
  override auditPayload() {
    return { phase: this.phase };
  }
}

export class RemindCampaignPhaseCommand extends OnCampaign<number> {
  constructor(actor: Actor, campaignId: string, readonly phase: RemindedPhase, readonly at: string) {
    super(actor, campaignId);
  }
  override auditPayload() {
    return { phase: this.phase, at: this.at };
  }
}

export class CreateSelfInspectionTasksCommand extends OnCampaign<{ created: number; cursor: string | null; done: boolean }> {
  constructor(actor: Actor, campaignId: string, readonly cityCode: string, readonly cursor: string | null, readonly limit: number) {
    super(actor, campaignId);
  }
  override auditPayload() {
    return { cityCode: this.cityCode, cursor: this.cursor, limit: this.limit };
  }
}

export class EscalateMissingSelfInspectionsCommand extends OnCampaign<{ missing: number }> {
  constructor(actor: Actor, campaignId: string, readonly cityCode: string) {
    super(actor, campaignId);
  }
  override auditPayload() {
    return { cityCode: this.cityCode };
  }
}

export class MarkCampaignSummaryOverdueCommand extends OnCampaign<boolean> {}

// ---- the institution's self-inspection

export class SaveSelfInspectionCommand extends CampaignCommand<void> {
  constructor(actor: Actor, readonly taskId: string, readonly content: Partial<SelfInspectionContent>) {
    super(actor);
  }
  auditTarget() {
    return this.taskId;
  }
  override auditPayload() {
    const c = this.content ?? {};
    return { refundedAmount: c.refundedAmount, issues: Array.isArray(c.issues) ? c.issues.length : 0, attachments: Array.isArray(c.attachmentIds) ? c.attachmentIds.length : 0 };
  }
}

export class SubmitSelfInspectionCommand extends CampaignCommand<void> {
  constructor(actor: Actor, readonly taskId: string) {
    super(actor);
  }
  auditTarget() {
    return this.taskId;
  }
}

// ---- the handling agency's review of an institution's report (核实)

export interface RefundInput { confirmed?: unknown; amount?: unknown }

export class VerifySelfInspectionCommand extends CampaignCommand<void> {
  constructor(actor: Actor, readonly taskId: string, readonly comment: string | null | undefined, readonly refund: RefundInput | null | undefined) {
    super(actor);
  }
  auditTarget() {
    return this.taskId;
  }
  override auditPayload() {
    return { comment: this.comment ?? null, refund: this.refund ?? null };
  }
}

export class ReturnSelfInspectionCommand extends CampaignCommand<void> {
  constructor(actor: Actor, readonly taskId: string, readonly comment: string | null | undefined) {
    super(actor);
  }
  auditTarget() {
    return this.taskId;
  }
  override auditPayload() {
    return { comment: this.comment ?? null };
  }
}

export class RecordSelfInspectionRefundCommand extends CampaignCommand<void> {
  constructor(actor: Actor, readonly taskId: string, readonly refund: RefundInput | null | undefined) {
    super(actor);
  }
  auditTarget() {
    return this.taskId;
  }
  override auditPayload() {
    return { refund: this.refund ?? null };
  }
}

// ---- the pooling region's own report, by its handling agency

export class SaveAgencySelfInspectionCommand extends CampaignCommand<void> {
  constructor(actor: Actor, readonly taskId: string, readonly content: Partial<AgencySelfInspectionContent>) {
    super(actor);
  }
  auditTarget() {
    return this.taskId;
  }
  override auditPayload() {
    const c = this.content ?? {};
    return {
      institutionsChecked: c.institutionsChecked, problemsFound: c.problemsFound, problemAmount: c.problemAmount, refundedAmount: c.refundedAmount,
      issues: Array.isArray(c.issues) ? c.issues.length : 0, attachments: Array.isArray(c.attachmentIds) ? c.attachmentIds.length : 0,
    };
  }
}

export class SubmitAgencySelfInspectionCommand extends CampaignCommand<void> {
  constructor(actor: Actor, readonly taskId: string) {
    super(actor);
  }
  auditTarget() {
    return this.taskId;
  }
}
