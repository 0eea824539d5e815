import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../kernel/errors.js';
import type { Actor } from '../../../kernel/actor.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { CaseOutcomeQuery, type CaseOutcome } from '../../enforcement/index.js';
import { followUpDays, MajorCaseReport, OutwardTransfer, RECIPIENT_KIND_ZH, REPORT_DAYS } from '../domain/outward.js';
import { OutwardRecords } from '../infrastructure/outward.repository.js';
import {
  AcknowledgeMajorCaseReportCommand, MarkMajorCaseReportOverdueCommand, MarkOutwardFollowUpOverdueCommand, OpenMajorCaseReportCommand, RecordOutwardReceiptCommand,
  RecordOutwardResultCommand, RemindMajorCaseReportCommand, RemindOutwardFollowUpCommand, SendMajorCaseReportCommand, SendOutwardTransferCommand,
  SubmitMajorCaseReportCommand,
} from './outward-commands.js';

interface Message { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string }

@Injectable()
export class OutwardDesk {
  /** Calendar days from an outward notice to its follow-up (OUTWARD_FOLLOW_UP_DAYS, domain/outward.ts). */
  readonly followUpDays: number;

  constructor(
    readonly records: OutwardRecords, readonly uow: UnitOfWork, readonly notifications: Notifications, readonly queryBus: QueryBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.followUpDays = followUpDays(config.outwardFollowUpDays);
  }

  /** The case in the actor's scope (enforcement's CaseOutcomeQuery), or a 400 naming it. */
  async caseOf(actor: Actor, caseId: unknown): Promise<CaseOutcome> {
    try {
      return await this.queryBus.execute(new CaseOutcomeQuery(actor, String(caseId ?? '')));
    } catch {
      throw DomainError.validation('outward_case_unknown', { zh: `执法案件不存在或不在本辖区：${String(caseId ?? '')}`, en: `no such enforcement case in your area: ${String(caseId ?? '')}` }, { field: 'caseId' });
    }
  }

  async tell(orgId: string, msg: Message, link: string, key: string): Promise<void> {
    const unit = await this.records.unit(orgId);
    if (!unit) return;
    await this.notifications.deliver(this.uow.em, { recipientOrgId: unit.id, recipientRegionPath: unit.regionPath, ...msg, link, dedupeKey: key });
  }

  /** Opens the case's report for the trigger unless it has one; tells the province. */
  async openReport(input: { actor: Actor; regionPath: string; ownerOrgId: string; caseId: string; outwardTransferId: string | null; trigger: MajorCaseReport['trigger']; on: string }): Promise<string> {
    const existing = await this.records.reportOf(input.caseId, input.trigger);
    if (existing) return existing;
    const r = MajorCaseReport.open({ id: randomUUID(), ...input, now: new Date() });
    await this.records.saveReport(r);
    const province = await this.records.provinceBureau(r.regionPath);
    const msg = {
      titleZh: '重大案件报告待填报', titleEn: 'Major-case report due',
      bodyZh: `重大案件须在 ${REPORT_DAYS} 日内（${r.dueDate} 前）报告。`, bodyEn: `A major case must be reported within ${REPORT_DAYS} days (by ${r.dueDate}).`,
    };
    await this.tell(r.ownerOrgId, msg, `/major-case-reports/${r.id}`, `mcr-${r.id}-opened`);
    if (province && province.id !== r.ownerOrgId) await this.tell(province.id, msg, `/major-case-reports/${r.id}`, `mcr-${r.id}-opened-province`);
    return r.id;
  }

  async changeReport(id: string, fn: (r: MajorCaseReport, now: Date) => void): Promise<MajorCaseReport> {
    const r = await this.records.loadReport(id);
    fn(r, new Date());
    await this.records.saveReport(r);
    return r;
  }
}

@CommandHandler(SendOutwardTransferCommand)
export class SendOutwardTransferHandler implements ICommandHandler<SendOutwardTransferCommand> {
  constructor(private readonly desk: OutwardDesk) {}
  async execute({ actor, input }: SendOutwardTransferCommand) {
    const kase = await this.desk.caseOf(actor, input.caseId);
    const now = new Date();
    const o = OutwardTransfer.create({ id: randomUUID(), actor, ...input, caseId: kase.id, now, today: chinaDateOf(now), followUpDays: this.desk.followUpDays });
    await this.desk.records.saveOutward(o);
    // Nothing here touches the case: a transfer to the police never closes the administrative case.
    const trigger = o.reportTrigger;
    const reportId = trigger
      ? await this.desk.openReport({ actor, regionPath: o.regionPath, ownerOrgId: o.ownerOrgId, caseId: o.caseId, outwardTransferId: o.id, trigger, on: o.noticeDate })
      : null;
    return { id: o.id, reportId };
  }
}

@CommandHandler(RecordOutwardReceiptCommand)
export class RecordOutwardReceiptHandler implements ICommandHandler<RecordOutwardReceiptCommand> {
  constructor(private readonly desk: OutwardDesk) {}
  async execute({ actor, outwardId, at }: RecordOutwardReceiptCommand) {
    const o = await this.desk.records.loadOutward(outwardId);
    o.recordReceipt(actor, at, chinaDateOf(new Date()));
    await this.desk.records.saveOutward(o);
  }
}

@CommandHandler(RecordOutwardResultCommand)
export class RecordOutwardResultHandler implements ICommandHandler<RecordOutwardResultCommand> {
  constructor(private readonly desk: OutwardDesk) {}
  async execute({ actor, outwardId, result, at }: RecordOutwardResultCommand) {
    const o = await this.desk.records.loadOutward(outwardId);
    const now = new Date();
    o.recordResult(actor, result, at, chinaDateOf(now), now);
    await this.desk.records.saveOutward(o);
    await this.desk.tell(o.ownerOrgId, {
      titleZh: `${RECIPIENT_KIND_ZH[o.recipientKind]}反馈移送结果`, titleEn: 'Outward transfer result recorded', bodyZh: o.result!, bodyEn: o.result!,
    }, `/outward-transfers/${o.id}`, `outward-${o.id}-result`);
  }
}

@CommandHandler(OpenMajorCaseReportCommand)
export class OpenMajorCaseReportHandler implements ICommandHandler<OpenMajorCaseReportCommand> {
  constructor(private readonly desk: OutwardDesk) {}
  async execute({ actor, caseId, on }: OpenMajorCaseReportCommand) {
    if (actor.organizationKind !== 'bureau') {
      throw DomainError.forbidden('report_bureau_only', { zh: '只有医保行政部门可以标记重大案件', en: 'only a bureau flags a major case' });
    }
    const kase = await this.desk.caseOf(actor, caseId);
    const today = chinaDateOf(new Date());
    const day = on === undefined || on === null || on === '' ? today : on;
    if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day) || day > today) {
      throw DomainError.validation('report_date_invalid', { zh: '日期应为不晚于今天的日期（YYYY-MM-DD）', en: 'on must be a day no later than today (YYYY-MM-DD)' }, { field: 'on' });
    }
    const id = await this.desk.openReport({ actor, regionPath: actor.regionPath, ownerOrgId: actor.organizationId, caseId: kase.id, outwardTransferId: null, trigger: 'public_attention', on: day });
    return { id };
  }
}

@CommandHandler(SubmitMajorCaseReportCommand)
export class SubmitMajorCaseReportHandler implements ICommandHandler<SubmitMajorCaseReportCommand> {
  constructor(private readonly desk: OutwardDesk) {}
  async execute({ actor, reportId, body }: SubmitMajorCaseReportCommand) {
    const r = await this.desk.changeReport(reportId, (r, now) => r.submit(actor, body, now));
    const province = await this.desk.records.provinceBureau(r.regionPath);
    if (province) await this.desk.tell(province.id, { titleZh: '重大案件报告待审核报送', titleEn: 'Major-case report to check and send', bodyZh: r.facts!, bodyEn: r.facts! }, `/major-case-reports/${r.id}`, `mcr-${r.id}-submitted`);
  }
}

@CommandHandler(SendMajorCaseReportCommand)
export class SendMajorCaseReportHandler implements ICommandHandler<SendMajorCaseReportCommand> {
  constructor(private readonly desk: OutwardDesk) {}
  async execute({ actor, reportId }: SendMajorCaseReportCommand) {
    const r = await this.desk.changeReport(reportId, (r, now) => r.send(actor, now));
    await this.desk.tell('bureau-000000', { titleZh: '收到重大案件报告', titleEn: 'Major-case report received', bodyZh: r.facts!, bodyEn: r.facts! }, `/major-case-reports/${r.id}`, `mcr-${r.id}-sent`);
  }
}

@CommandHandler(AcknowledgeMajorCaseReportCommand)
export class AcknowledgeMajorCaseReportHandler implements ICommandHandler<AcknowledgeMajorCaseReportCommand> {
  constructor(private readonly desk: OutwardDesk) {}
  async execute({ actor, reportId }: AcknowledgeMajorCaseReportCommand) {
    await this.desk.changeReport(reportId, (r, now) => r.acknowledge(actor, now));
  }
}

@CommandHandler(RemindMajorCaseReportCommand)
export class RemindMajorCaseReportHandler implements ICommandHandler<RemindMajorCaseReportCommand> {
  constructor(private readonly desk: OutwardDesk) {}
  async execute({ reportId }: RemindMajorCaseReportCommand) {
    let fresh = false;
    const r = await this.desk.changeReport(reportId, (r) => { fresh = r.remind(); });
    if (fresh) {
      await this.desk.tell(r.ownerOrgId, { titleZh: '重大案件报告即将到期', titleEn: 'Major-case report due soon', bodyZh: `请于 ${r.dueDate} 前填报。`, bodyEn: `Report by ${r.dueDate}.` }, `/major-case-reports/${r.id}`, `mcr-${r.id}-remind`);
    }
    return fresh;
  }
}

@CommandHandler(MarkMajorCaseReportOverdueCommand)
export class MarkMajorCaseReportOverdueHandler implements ICommandHandler<MarkMajorCaseReportOverdueCommand> {
  constructor(private readonly desk: OutwardDesk) {}
  async execute({ reportId }: MarkMajorCaseReportOverdueCommand) {
    let fresh = false;
    const r = await this.desk.changeReport(reportId, (r, now) => { fresh = r.markOverdue(chinaDateOf(now)); });
    if (fresh) {
      const province = await this.desk.records.provinceBureau(r.regionPath);
      const msg = { titleZh: '重大案件报告逾期未报', titleEn: 'Major-case report overdue', bodyZh: `应于 ${r.dueDate} 前报告。`, bodyEn: `It was due on ${r.dueDate}.` };
      if (province) await this.desk.tell(province.id, msg, `/major-case-reports/${r.id}`, `mcr-${r.id}-overdue`);
      await this.desk.tell(r.ownerOrgId, msg, `/major-case-reports/${r.id}`, `mcr-${r.id}-overdue-owner`);
    }
    return fresh;
  }
}

/** The follow-up clock's reminder: the bureau is told the follow-up is due (once per due day and day). */
@CommandHandler(RemindOutwardFollowUpCommand)
export class RemindOutwardFollowUpHandler implements ICommandHandler<RemindOutwardFollowUpCommand> {
  constructor(private readonly desk: OutwardDesk) {}
  async execute({ outwardId, dueDate }: RemindOutwardFollowUpCommand) {
    const o = await this.desk.records.loadOutward(outwardId);
    if (!o.awaits(dueDate)) return false;
    await this.desk.tell(o.ownerOrgId, {
      titleZh: `移送${RECIPIENT_KIND_ZH[o.recipientKind]}的案件待跟踪反馈`, titleEn: 'Outward transfer: follow-up due',
      bodyZh: `移送 ${o.recipientName} 的案件（第 ${o.noticeNo} 号）应于 ${dueDate} 前跟踪反馈处理结果。`,
      bodyEn: `The case transferred to ${o.recipientName} (no. ${o.noticeNo}) is to be followed up by ${dueDate}.`,
    }, `/outward-transfers/${o.id}`, `outward-${o.id}-remind-${dueDate}-${chinaDateOf(new Date())}`);
    return true;
  }
}

/** The follow-up clock's due instant: no result by the follow-up day → overdue, the bureau and the province told once. */
@CommandHandler(MarkOutwardFollowUpOverdueCommand)
export class MarkOutwardFollowUpOverdueHandler implements ICommandHandler<MarkOutwardFollowUpOverdueCommand> {
  constructor(private readonly desk: OutwardDesk) {}
  async execute({ outwardId, dueDate }: MarkOutwardFollowUpOverdueCommand) {
    const o = await this.desk.records.loadOutward(outwardId);
    if (o.followUpDue !== dueDate || !o.markOverdue(chinaDateOf(new Date()))) return false;
    await this.desk.records.saveOutward(o);
    const msg = {
      titleZh: `移送${RECIPIENT_KIND_ZH[o.recipientKind]}的案件逾期未反馈`, titleEn: 'Outward transfer: follow-up overdue',
      bodyZh: `移送 ${o.recipientName} 的案件（第 ${o.noticeNo} 号）应于 ${dueDate} 前反馈处理结果，已逾期，请督促接收部门反馈。`,
      bodyEn: `The result of the case transferred to ${o.recipientName} (no. ${o.noticeNo}) was due by ${dueDate} and is overdue: chase the recipient.`,
    };
    await this.desk.tell(o.ownerOrgId, msg, `/outward-transfers/${o.id}`, `outward-${o.id}-overdue`);
    const province = await this.desk.records.provinceBureau(o.regionPath);
    if (province && province.id !== o.ownerOrgId) await this.desk.tell(province.id, msg, `/outward-transfers/${o.id}`, `outward-${o.id}-overdue-province`);
    return true;
  }
}

export const OUTWARD_COMMAND_HANDLERS = [
  RemindOutwardFollowUpHandler, MarkOutwardFollowUpOverdueHandler,
  SendOutwardTransferHandler, RecordOutwardReceiptHandler, RecordOutwardResultHandler, OpenMajorCaseReportHandler, SubmitMajorCaseReportHandler,
  SendMajorCaseReportHandler, AcknowledgeMajorCaseReportHandler, RemindMajorCaseReportHandler, MarkMajorCaseReportOverdueHandler,
];
