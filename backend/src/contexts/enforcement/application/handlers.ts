import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DomainError } from '../../../kernel/errors.js';
import { EnforcementCase } from '../domain/enforcement-case.js';
import { enforcementLimits, type EnforcementLimits } from '../domain/limits.js';
import { EnforcementCases } from '../infrastructure/enforcement.repository.js';
import { CaseClosedReaction } from './case-closed.js';
import { CASE_STEPS, CaseStepCommand, MarkCaseOverdueCommand, OpenCaseFromTransferCommand, ProposeCaseCommand, RemindCaseCommand } from './commands.js';

/** The enforcement limits: the defaults with the deployment's overrides (ENFORCEMENT_*). */
@Injectable()
export class EnforcementLimitsConfig {
  readonly limits: EnforcementLimits;
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limits = enforcementLimits(config.enforcement);
  }
}

@CommandHandler(OpenCaseFromTransferCommand)
export class OpenCaseFromTransferHandler implements ICommandHandler<OpenCaseFromTransferCommand> {
  constructor(private readonly cases: EnforcementCases, private readonly config: EnforcementLimitsConfig) {}
  async execute(c: OpenCaseFromTransferCommand) {
    const place = await this.cases.place(c.regionCode, c.institutionOrgId);
    const kase = EnforcementCase.propose({
      id: randomUUID(), actor: c.actor, source: 'transfer', sourceRef: c.transferId, place, subject: c.subject, facts: c.facts,
      amountInvolved: c.amountInvolved, limits: this.config.limits, now: new Date(),
    });
    await this.cases.save(kase);
    return { id: kase.id };
  }
}

@CommandHandler(ProposeCaseCommand)
export class ProposeCaseHandler implements ICommandHandler<ProposeCaseCommand> {
  constructor(private readonly cases: EnforcementCases, private readonly config: EnforcementLimitsConfig) {}
  async execute({ actor, body }: ProposeCaseCommand) {
    const place = await this.cases.place(body.regionCode, body.institutionOrgId);
    const kase = EnforcementCase.propose({
      id: randomUUID(), actor, source: body.source ?? 'other', sourceRef: body.sourceRef, place, subject: body.subject, facts: body.facts,
      amountInvolved: body.amountInvolved, limits: this.config.limits, now: new Date(),
    });
    await this.cases.save(kase);
    return { id: kase.id };
  }
}

@CommandHandler(CaseStepCommand)
export class CaseStepHandler implements ICommandHandler<CaseStepCommand> {
  constructor(
    private readonly cases: EnforcementCases,
    private readonly config: EnforcementLimitsConfig,
    @Optional() private readonly closed?: CaseClosedReaction,
  ) {}
  async execute({ actor, caseId, step, body }: CaseStepCommand) {
    if (!(CASE_STEPS as readonly string[]).includes(step)) {
      throw DomainError.validation('case_step_unknown', { zh: `未知的办案步骤：${String(step)}`, en: `unknown case step: ${String(step)}` });
    }
    const c = await this.cases.load(caseId);
    const now = new Date();
    const limits = this.config.limits;
    const docs = () => this.cases.documents(body.attachmentIds);
    switch (step) {
      case 'approve-filing': c.approveFiling(actor, body.approve, body.comment, limits, now); break;
      case 'officers': c.assignOfficers(actor, body.officers, now); break;
      case 'records': c.addRecord(actor, { kind: body.kind, title: body.title, summary: body.summary }, await docs(), now); break;
      case 'notice': c.notify(actor, { proposedPenalty: body.proposedPenalty, proposedRecovery: body.proposedRecovery, legalBasis: body.legalBasis }, limits, now); break;
      case 'statement': c.recordStatement(actor, { statement: body.statement, defence: body.defence, hearingRequested: body.hearingRequested }, await docs(), now); break;
      case 'legal-review': c.reviewLegality(actor, body.approve, body.opinion, now); break;
      case 'deliberation': c.deliberate(actor, { participants: body.participants, minutes: body.minutes, conclusion: body.conclusion }, await docs(), now); break;
      case 'decision': c.decide(actor, { penaltyAmount: body.penaltyAmount, recoveryAmount: body.recoveryAmount, legalBasis: body.legalBasis, summary: body.summary }, await docs(), now); break;
      case 'service': c.serve(actor, { method: body.method, recipient: body.recipient, servedOn: body.servedOn }, await docs(), now); break;
      case 'publication': c.publish(actor, now); break;
      case 'execution': c.recordExecution(actor, { paidAmount: body.paidAmount, note: body.note }, await docs(), now); break;
      case 'remedy': c.recordRemedy(actor, { kind: body.kind, outcome: body.outcome }, await docs(), now); break;
      case 'extension': c.extend(actor, body.days, body.reason, now); break;
      case 'closure': c.close(actor, body.summary, now); break;
    }
    await this.cases.save(c);
    // EnforcementCaseDecided's and EnforcementCaseClosed's reactions in other contexts, in this transaction (application/case-closed.ts)
    const decided = step === 'decision' ? c.decided() : null;
    if (decided && this.closed) await this.closed.caseDecided(actor, decided);
    const closure = step === 'closure' ? c.closure() : null;
    if (closure && this.closed) await this.closed.caseClosed(actor, closure);
  }
}

/** The bureau's notice of a case's closure clock (a reminder before the due day, or overdue). */
async function tellBureau(uow: UnitOfWork, notifications: Notifications, c: EnforcementCase, overdue: boolean, dueDate: string): Promise<void> {
  await notifications.deliver(uow.em, {
    recipientOrgId: c.ownerOrgId, recipientRegionPath: c.regionPath,
    titleZh: overdue ? `执法案件已超过办案期限：${c.subject}` : `执法案件办案期限临近：${c.subject}`,
    titleEn: overdue ? `Enforcement case past its time limit: ${c.subject}` : `Enforcement case due soon: ${c.subject}`,
    bodyZh: overdue ? `该案应于 ${dueDate} 前作出处理决定，已逾期；确需延长的，由负责人批准延长。` : `该案应于 ${dueDate} 前作出处理决定。`,
    bodyEn: overdue ? `The case was to be decided by ${dueDate} and is overdue; a leader may approve an extension.` : `The case is to be decided by ${dueDate}.`,
    link: `/enforcement/${c.id}`, dedupeKey: `enforcement-case-${c.id}-${overdue ? 'overdue' : 'remind'}-${dueDate}-${overdue ? '' : new Date().toISOString().slice(0, 10)}`,
  });
}

@CommandHandler(RemindCaseCommand)
export class RemindCaseHandler implements ICommandHandler<RemindCaseCommand> {
  constructor(private readonly cases: EnforcementCases, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}
  async execute({ caseId, dueDate }: RemindCaseCommand) {
    const c = await this.cases.find(caseId);
    if (!c || !c.awaits(dueDate)) return false;
    await tellBureau(this.uow, this.notifications, c, false, dueDate);
    return true;
  }
}

@CommandHandler(MarkCaseOverdueCommand)
export class MarkCaseOverdueHandler implements ICommandHandler<MarkCaseOverdueCommand> {
  constructor(private readonly cases: EnforcementCases, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}
  async execute({ actor, caseId, dueDate }: MarkCaseOverdueCommand) {
    const c = await this.cases.find(caseId);
    if (!c) return false;
    const changed = c.markOverdue(actor, dueDate, new Date());
    if (!changed) return false;
    await this.cases.save(c);
    await tellBureau(this.uow, this.notifications, c, true, dueDate);
    return true;
  }
}

export const CASE_COMMAND_HANDLERS = [OpenCaseFromTransferHandler, ProposeCaseHandler, CaseStepHandler, RemindCaseHandler, MarkCaseOverdueHandler];
