import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { DomainError } from '../../../kernel/errors.js';
import { EnforcementCase } from '../domain/enforcement-case.js';
import { enforcementLimits, type EnforcementLimits } from '../domain/limits.js';
import { EnforcementCases } from '../infrastructure/enforcement.repository.js';
import { CASE_STEPS, CaseStepCommand, MarkCaseOverdueCommand, OpenCaseFromTransferCommand, ProposeCaseCommand } from './commands.js';

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
  constructor(private readonly cases: EnforcementCases, private readonly config: EnforcementLimitsConfig) {}
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
  }
}

@CommandHandler(MarkCaseOverdueCommand)
export class MarkCaseOverdueHandler implements ICommandHandler<MarkCaseOverdueCommand> {
  constructor(private readonly cases: EnforcementCases) {}
  async execute({ actor, caseId, dueDate }: MarkCaseOverdueCommand) {
    const c = await this.cases.find(caseId);
    if (!c) return false;
    const changed = c.markOverdue(actor, dueDate, new Date());
    if (changed) await this.cases.save(c);
    return changed;
  }
}

export const CASE_COMMAND_HANDLERS = [OpenCaseFromTransferHandler, ProposeCaseHandler, CaseStepHandler, MarkCaseOverdueHandler];
