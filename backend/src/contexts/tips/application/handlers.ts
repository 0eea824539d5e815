import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../kernel/errors.js';
import { addWorkingDays, chinaDateOf, endOfChinaDay } from '../../../platform/calendar/working-days.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { proposedReward, rewardRulesFrom, type RewardRules } from '../domain/reward-rules.js';
import { checkFacts, checkReporter, Tip } from '../domain/tip.js';
import { PublicEvidence } from '../infrastructure/public-evidence.js';
import { newReceiptCode, TipCrypto, TIPS_UNAVAILABLE } from '../infrastructure/tip-crypto.js';
import { Tips } from '../infrastructure/tips.repository.js';
import {
  AcceptTipCommand, AnswerTipQuestionCommand, ApproveTipRewardCommand, AskTipQuestionCommand, ClaimTipRewardCommand, ProposeTipRewardCommand,
  ReadTipReporterCommand, RecordTipRewardPaymentCommand, RejectTipCommand, SubmitTipCommand, type ReporterReading,
} from './commands.js';
import { TipLeads } from './tip-leads.js';

/**
 * Working days the intake bureau has to accept or reject a tip, unless TIPS_ACCEPT_WORKING_DAYS says
 * otherwise. The national 《医疗保障基金使用监督管理举报处理暂行办法》(国家医疗保障局令第5号, 2022) asks for a
 * decision and, for a real-name reporter, notice within 5 working days of it; provincial rules set the
 * acceptance limit itself — 15 working days is common (e.g. 藏医保办〔2019〕38号 第三条: 「接到举报后15个工作日内
 * 做出是否符合受理范围的决定」). The province configures its own.
 */
export const DEFAULT_ACCEPT_WORKING_DAYS = 15;

/** Answered for any receipt that opens no tip — unknown, malformed or another's: the same words, status and cost. */
export const RECEIPT_NOT_FOUND = DomainError.notFound({ zh: '举报回执', en: 'tip receipt' }, '—');

export function acceptWorkingDays(config: AppConfig): number {
  return config.tips?.acceptWorkingDays ?? DEFAULT_ACCEPT_WORKING_DAYS;
}

export function rewardRules(config: AppConfig): RewardRules {
  return rewardRulesFrom(config.tips?.rewardRulesJson ?? null);
}

@CommandHandler(SubmitTipCommand)
export class SubmitTipHandler implements ICommandHandler<SubmitTipCommand> {
  constructor(private readonly tips: Tips, private readonly crypto: TipCrypto, private readonly evidence: PublicEvidence, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async execute({ tipId, input }: SubmitTipCommand) {
    if (!this.crypto.available) throw TIPS_UNAVAILABLE;
    const now = new Date();
    const today = chinaDateOf(now);
    const facts = checkFacts(input ?? {}, today);
    const anonymous = input?.anonymous !== false;
    const reporter = anonymous ? null : checkReporter(input?.reporter);
    const files = this.evidence.files(input?.evidence);
    const routing = await this.tips.routing(facts.institutionOrgId, typeof input?.regionCode === 'string' ? input.regionCode : null);
    if (!routing) {
      throw DomainError.validation('tip_place_unknown', {
        zh: '请从列表中选择被举报的定点医药机构，或选择被举报人所在地区', en: 'choose the institution from the list, or the region of the person reported',
      }, { field: facts.institutionOrgId ? 'institutionOrgId' : 'regionCode' });
    }
    const due = endOfChinaDay(addWorkingDays(today, acceptWorkingDays(this.config)));
    const tip = Tip.file(tipId, routing, facts, anonymous, files.map((f) => f.id), now, due);
    const receipt = newReceiptCode();
    await this.tips.insert(tip, (await this.crypto.receiptHash(receipt))!, reporter ? this.crypto.seal(tipId, reporter) : null);
    await this.tips.insertEvidence(tip, files);
    return { id: tipId, receipt };
  }
}

/** The tip a receipt opens, locked; the same refusal for every receipt that opens none. */
async function tipOfReceipt(tips: Tips, crypto: TipCrypto, receipt: unknown): Promise<Tip> {
  const hash = await crypto.receiptHash(receipt);
  const tip = hash ? await tips.loadByReceipt(hash) : null;
  if (!tip) throw RECEIPT_NOT_FOUND;
  return tip;
}

@CommandHandler(AnswerTipQuestionCommand)
export class AnswerTipQuestionHandler implements ICommandHandler<AnswerTipQuestionCommand> {
  constructor(private readonly tips: Tips, private readonly crypto: TipCrypto) {}
  async execute({ receipt, questionId, answer }: AnswerTipQuestionCommand) {
    const tip = await tipOfReceipt(this.tips, this.crypto, receipt);
    tip.answer(questionId, answer, new Date());
    await this.tips.save(tip);
  }
}

function checkPayee(input: unknown): { name: string; account: string; bank: string | null } {
  const p = (input ?? {}) as { name?: unknown; account?: unknown; bank?: unknown };
  const ok = (v: unknown, max: number) => typeof v === 'string' && v.trim().length >= 1 && v.length <= max;
  if (!ok(p.name, 50) || !ok(p.account, 64) || (p.bank !== undefined && p.bank !== null && p.bank !== '' && !ok(p.bank, 100))) {
    throw DomainError.validation('invalid_request', {
      zh: '请填写收款人姓名（50 字以内）、收款账号（64 字以内）和开户行（选填）', en: "give the payee's name (up to 50 characters), the account (up to 64) and, optionally, the bank",
    }, { field: 'payee' });
  }
  return { name: (p.name as string).trim(), account: (p.account as string).trim(), bank: typeof p.bank === 'string' && p.bank.trim() ? p.bank.trim() : null };
}

@CommandHandler(ClaimTipRewardCommand)
export class ClaimTipRewardHandler implements ICommandHandler<ClaimTipRewardCommand> {
  constructor(private readonly tips: Tips, private readonly crypto: TipCrypto) {}
  async execute({ receipt, payee }: ClaimTipRewardCommand) {
    const tip = await tipOfReceipt(this.tips, this.crypto, receipt);
    const details = checkPayee(payee);
    tip.claimReward(new Date());
    await this.tips.save(tip, this.crypto.seal(`${tip.id}:payee`, details));
  }
}

@CommandHandler(AcceptTipCommand)
export class AcceptTipHandler implements ICommandHandler<AcceptTipCommand> {
  constructor(private readonly tips: Tips, private readonly leads: TipLeads) {}
  async execute({ actor, tipId, comment }: AcceptTipCommand) {
    const tip = await this.tips.load(tipId);
    tip.assertAcceptable(actor);
    const s = tip.state;
    const subject = s.institutionOrgId ? `举报：${await this.tips.institutionName(s.institutionOrgId) ?? s.institutionOrgId}` : `举报：${s.personReported}`;
    const lead = await this.leads.register(actor, s, subject.slice(0, 200));
    tip.accept(actor, lead.id, typeof comment === 'string' && comment.trim() ? comment.trim().slice(0, 1000) : null, new Date());
    await this.tips.save(tip);
    return { leadId: lead.id };
  }
}

@CommandHandler(RejectTipCommand)
export class RejectTipHandler implements ICommandHandler<RejectTipCommand> {
  constructor(private readonly tips: Tips) {}
  async execute({ actor, tipId, reason }: RejectTipCommand) {
    const tip = await this.tips.load(tipId);
    tip.reject(actor, reason, new Date());
    await this.tips.save(tip);
  }
}

@CommandHandler(AskTipQuestionCommand)
export class AskTipQuestionHandler implements ICommandHandler<AskTipQuestionCommand> {
  constructor(private readonly tips: Tips) {}
  async execute({ actor, tipId, question }: AskTipQuestionCommand) {
    const tip = await this.tips.load(tipId);
    tip.ask(actor, randomUUID(), question, new Date());
    await this.tips.save(tip);
  }
}

@CommandHandler(ReadTipReporterCommand)
export class ReadTipReporterHandler implements ICommandHandler<ReadTipReporterCommand> {
  constructor(private readonly tips: Tips, private readonly crypto: TipCrypto) {}
  async execute({ actor, tipId, reason }: ReadTipReporterCommand): Promise<ReporterReading> {
    const tip = await this.tips.load(tipId);
    tip.assertMayReadReporter(actor);
    if (typeof reason !== 'string' || reason.trim().length < 4 || reason.length > 500) {
      throw DomainError.validation('tip_reading_reason', {
        zh: '查看举报人信息须说明理由（4–500 字），理由将记入审计日志', en: "reading the reporter needs a stated reason (4 to 500 characters); it is recorded in the audit trail",
      }, { field: 'reason' });
    }
    const { reporter, payee } = await this.tips.envelopes(tip.id);
    return {
      reporter: reporter ? this.crypto.open<ReporterReading['reporter']>(tip.id, reporter) : null,
      payee: payee ? this.crypto.open<ReporterReading['payee']>(`${tip.id}:payee`, payee) : null,
    };
  }
}

@CommandHandler(ProposeTipRewardCommand)
export class ProposeTipRewardHandler implements ICommandHandler<ProposeTipRewardCommand> {
  constructor(private readonly tips: Tips, private readonly leads: TipLeads, @Inject(APP_CONFIG) private readonly config: AppConfig) {}
  async execute({ actor, tipId }: ProposeTipRewardCommand) {
    const tip = await this.tips.load(tipId);
    const outcome = tip.state.leadId ? await this.leads.outcome(actor, tip.state.leadId) : null;
    if (outcome?.result !== 'violation_confirmed' || !outcome.confirmedAmount || outcome.confirmedAmount <= 0) {
      throw DomainError.conflict('tip_reward_not_due', {
        zh: '线索查实违法违规并认定金额后才能核算举报奖励', en: 'a reward is proposed only once the lead has confirmed a violation with an amount',
      });
    }
    const rules = rewardRules(this.config);
    tip.proposeReward(actor, outcome.confirmedAmount, proposedReward(outcome.confirmedAmount, rules), rules.source, new Date());
    await this.tips.save(tip);
  }
}

@CommandHandler(ApproveTipRewardCommand)
export class ApproveTipRewardHandler implements ICommandHandler<ApproveTipRewardCommand> {
  constructor(private readonly tips: Tips) {}
  async execute({ actor, tipId }: ApproveTipRewardCommand) {
    const tip = await this.tips.load(tipId);
    tip.approveReward(actor, new Date());
    await this.tips.save(tip);
  }
}

@CommandHandler(RecordTipRewardPaymentCommand)
export class RecordTipRewardPaymentHandler implements ICommandHandler<RecordTipRewardPaymentCommand> {
  constructor(private readonly tips: Tips) {}
  async execute({ actor, tipId, paidOn, reference }: RecordTipRewardPaymentCommand) {
    const tip = await this.tips.load(tipId);
    const now = new Date();
    tip.recordPayment(actor, paidOn, reference, chinaDateOf(now), now);
    await this.tips.save(tip);
  }
}

export const TIP_COMMAND_HANDLERS = [
  SubmitTipHandler, AnswerTipQuestionHandler, ClaimTipRewardHandler, AcceptTipHandler, RejectTipHandler, AskTipQuestionHandler,
  ReadTipReporterHandler, ProposeTipRewardHandler, ApproveTipRewardHandler, RecordTipRewardPaymentHandler,
];
