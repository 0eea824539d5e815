import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { InspectionRefQuery, type InspectionRef } from '../../spot-checks/index.js';
import { DomainError } from '../../../kernel/errors.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { alertRowError, alertSourceRef, checkAlertRows, type AlertRowError } from '../domain/alert-import.js';
import { Lead, LEAD_RESULT_ZH } from '../domain/lead.js';
import { leadTimeLimits, type LeadSource, type LeadTimeLimit } from '../domain/time-limits.js';
import { Leads } from '../infrastructure/leads.repository.js';
import {
  AcceptLeadResultCommand, AssessLeadCommand, AssignLeadCommand, CloseLeadCommand, DecideLeadDismissalCommand, DecideLeadExtensionCommand,
  ImportLeadAlertsCommand, InvestigateLeadCommand, MarkLeadOverdueCommand, RegisterLeadCommand, RemindLeadCommand, ReportLeadCommand, RequestLeadExtensionCommand,
  ReturnLeadResultCommand,
} from './commands.js';
import type { AlertImportResult } from './commands.js';

/** The leads' time limits per source: the defaults with the deployment's overrides (LEAD_TIME_LIMITS). */
@Injectable()
export class LeadTimeLimits {
  readonly limits: Record<LeadSource, LeadTimeLimit>;
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limits = leadTimeLimits(config.leadTimeLimits);
  }
  of(source: unknown): LeadTimeLimit {
    return this.limits[source as LeadSource] ?? this.limits.other;
  }
}

export const leadLink = (id: string) => `/leads/${id}`;

interface Message { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string }

/** A notice about a lead to a unit on its chain (the holder, an assigner). */
async function tell(leads: Leads, uow: UnitOfWork, notifications: Notifications, l: Lead, orgId: string, msg: Message, key: string): Promise<void> {
  const unit = await leads.unit(orgId);
  if (!unit) return;
  await notifications.deliver(uow.em, {
    recipientOrgId: unit.id, recipientRegionPath: unit.regionPath, ...msg, link: leadLink(l.id), dedupeKey: `lead-${l.id}-${key}`,
  });
}

/** The handlers' shared dependencies: load, change, save, tell. */
@Injectable()
export class LeadDesk {
  constructor(readonly leads: Leads, readonly uow: UnitOfWork, readonly notifications: Notifications, readonly limits: LeadTimeLimits, readonly queryBus: QueryBus) {}

  tell(l: Lead, orgId: string, msg: Message, key: string): Promise<void> {
    return tell(this.leads, this.uow, this.notifications, l, orgId, msg, key);
  }

  async change(id: string, fn: (l: Lead, now: Date) => void | Promise<void>): Promise<Lead> {
    const l = await this.leads.load(id);
    const now = new Date();
    await fn(l, now);
    await this.leads.save(l);
    return l;
  }
}

@CommandHandler(RegisterLeadCommand)
export class RegisterLeadHandler implements ICommandHandler<RegisterLeadCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute(c: RegisterLeadCommand) {
    const place = await this.desk.leads.place(c.regionCode, c.institutionOrgId);
    const l = Lead.register({
      id: randomUUID(), actor: c.actor, source: c.source, sourceRef: c.sourceRef, place, subject: c.subject, facts: c.facts,
      amountInvolved: c.amountInvolved, dueDate: c.dueDate, limit: this.desk.limits.of(c.source), now: new Date(),
    });
    await this.desk.leads.save(l);
    return { id: l.id };
  }
}

/** The file's problems, all of them, in one refusal (nothing was registered). */
function alertImportRefused(errors: AlertRowError[]): DomainError {
  return DomainError.validation('alert_import_invalid', {
    zh: `文件有 ${errors.length} 处错误，未导入任何预警：${errors.slice(0, 3).map((e) => e.message.zh).join('；')}${errors.length > 3 ? '……' : ''}`,
    en: `the file has ${errors.length} problem(s); no alert was imported: ${errors.slice(0, 3).map((e) => e.message.en).join('; ')}${errors.length > 3 ? '…' : ''}`,
  }, { field: 'file', errors });
}

@CommandHandler(ImportLeadAlertsCommand)
export class ImportLeadAlertsHandler implements ICommandHandler<ImportLeadAlertsCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, header, rows }: ImportLeadAlertsCommand) {
    const now = new Date();
    const checked = checkAlertRows(header, rows, chinaDateOf(now));
    if (checked.errors.length) throw alertImportRefused(checked.errors);
    const institutions = await this.desk.leads.institutionsByCode([...new Set(checked.rows.map((r) => r.institutionCode))]);
    const errors: AlertRowError[] = [];
    for (const r of checked.rows) {
      const inst = institutions.get(r.institutionCode);
      if (!inst) {
        errors.push(alertRowError(r.row, '机构编码', 'alert_institution_unknown', `本单位辖区内没有该编码的定点医药机构：${r.institutionCode}`, `no institution in your unit's area has the code ${r.institutionCode}`));
      } else if (!inst.regionPath.startsWith(actor.regionPath)) {
        errors.push(alertRowError(r.row, '机构编码', 'alert_institution_outside', `机构不在本单位辖区内：${r.institutionCode}`, `the institution is outside your unit's area: ${r.institutionCode}`));
      } else if (inst.name !== r.institutionName) {
        errors.push(alertRowError(r.row, '机构名称', 'alert_institution_name_mismatch', `与机构编码 ${r.institutionCode} 的名称「${inst.name}」不一致`, `does not match the name of ${r.institutionCode} (「${inst.name}」)`));
      }
    }
    if (errors.length) throw alertImportRefused(errors);
    const existing = await this.desk.leads.alertsRegisteredBy(actor.organizationId, checked.rows.map(alertSourceRef));
    const result: AlertImportResult = { registered: [], alreadyInLedger: [] };
    const limit = this.desk.limits.of('smart_monitoring');
    for (const r of checked.rows) {
      const sourceRef = alertSourceRef(r);
      const known = existing.get(sourceRef);
      if (known) {
        result.alreadyInLedger.push({ row: r.row, sourceRef, ...known });
        continue;
      }
      const inst = institutions.get(r.institutionCode)!;
      const l = Lead.register({
        id: randomUUID(), actor, source: 'smart_monitoring', sourceRef, limit, now,
        place: { regionCode: inst.regionCode, regionPath: inst.regionPath, institution: { id: inst.id, regionPath: inst.regionPath } },
        subject: r.rule,
        facts: `智能监控预警 ${sourceRef}（规则：${r.rule}）\n机构：${r.institutionName}（${r.institutionCode}）\n就诊/结算日期：${r.date}\n${r.details}`,
        amountInvolved: r.amount,
      });
      await this.desk.leads.save(l);
      result.registered.push({ row: r.row, leadId: l.id, ledgerNo: l.ledgerNo!, sourceRef });
    }
    return result;
  }
}

@CommandHandler(AssessLeadCommand)
export class AssessLeadHandler implements ICommandHandler<AssessLeadCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, leadId, valuable, reasons }: AssessLeadCommand) {
    const l = await this.desk.change(leadId, (l, now) => l.assess(actor, valuable, reasons, now));
    if (l.status === 'dismissal_proposed') {
      await this.desk.tell(l, l.ownerOrgId, {
        titleZh: `线索拟认定无价值，待审批：${l.subject}`, titleEn: `Lead proposed as not valuable, to approve: ${l.subject}`,
        bodyZh: `${actor.displayName}提出该交办线索无价值（${l.dismissal!.reasons}），须由另一名工作人员审批。`,
        bodyEn: `${actor.displayName} proposes that this assigned lead is not valuable; a second user must approve.`,
      }, `dismissal-${l.version}`);
    }
  }
}

@CommandHandler(DecideLeadDismissalCommand)
export class DecideLeadDismissalHandler implements ICommandHandler<DecideLeadDismissalCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, leadId, approve, comment }: DecideLeadDismissalCommand) {
    const l = await this.desk.change(leadId, (l, now) => l.decideDismissal(actor, approve, comment, now));
    const assigner = l.assigner;
    if (l.status === 'dismissed' && assigner) {
      await this.desk.tell(l, assigner.orgId, {
        titleZh: `交办线索经研判无价值：${l.subject}`, titleEn: `Assigned lead found not valuable: ${l.subject}`,
        bodyZh: `承办单位经两人研判认定该线索无价值：${l.assessmentReasons ?? ''}`, bodyEn: `The holder found the lead not valuable (two users): ${l.assessmentReasons ?? ''}`,
      }, 'dismissed');
    }
  }
}

@CommandHandler(AssignLeadCommand)
export class AssignLeadHandler implements ICommandHandler<AssignLeadCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, leadId, toOrgId, dueDate }: AssignLeadCommand) {
    const to = await this.desk.leads.unit(toOrgId);
    const l = await this.desk.change(leadId, (l, now) => l.assign(actor, to, dueDate, this.desk.limits.of(l.source), now));
    const from = await this.desk.leads.unit(actor.organizationId);
    await this.desk.tell(l, l.ownerOrgId, {
      titleZh: `交办线索：${l.subject}`, titleEn: `Lead assigned to you: ${l.subject}`,
      bodyZh: `${from?.name ?? actor.organizationId}交办线索，请于 ${l.dueDate} 前办结并报告结果。`,
      bodyEn: `${from?.name ?? actor.organizationId} assigned you a lead: close it and report the result by ${l.dueDate}.`,
    }, `assigned-${l.assignments.length}`);
  }
}

@CommandHandler(InvestigateLeadCommand)
export class InvestigateLeadHandler implements ICommandHandler<InvestigateLeadCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, leadId, inspectionId }: InvestigateLeadCommand) {
    // null: no inspection given; undefined: given, but not one the reader can see.
    const given = inspectionId !== null && inspectionId !== undefined && inspectionId !== '';
    const ref: InspectionRef | null | undefined = !given ? null
      : typeof inspectionId === 'string' ? ((await this.desk.queryBus.execute(new InspectionRefQuery(actor, inspectionId))) ?? undefined) : undefined;
    await this.desk.change(leadId, (l, now) => l.investigate(actor, ref, now));
  }
}

@CommandHandler(CloseLeadCommand)
export class CloseLeadHandler implements ICommandHandler<CloseLeadCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, leadId, result, confirmedAmount, summary }: CloseLeadCommand) {
    await this.desk.change(leadId, (l, now) => l.close(actor, result, confirmedAmount, summary, now));
  }
}

@CommandHandler(ReportLeadCommand)
export class ReportLeadHandler implements ICommandHandler<ReportLeadCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, leadId }: ReportLeadCommand) {
    const l = await this.desk.change(leadId, (l, now) => l.report(actor, now));
    const holder = await this.desk.leads.unit(l.ownerOrgId);
    await this.desk.tell(l, l.reportedTo!.orgId, {
      titleZh: `交办线索办理结果报告：${l.subject}`, titleEn: `Result reported on an assigned lead: ${l.subject}`,
      bodyZh: `${holder?.name ?? l.ownerOrgId}报告办理结果：${LEAD_RESULT_ZH[l.result!]}${l.confirmedAmount ? `，认定金额 ${l.confirmedAmount} 元` : ''}。请审核：认可或退回。`,
      bodyEn: `${holder?.name ?? l.ownerOrgId} reports the result (${l.result}${l.confirmedAmount ? `, ${l.confirmedAmount} yuan confirmed` : ''}): accept it or send it back.`,
    }, `reported-${l.version}`);
  }
}

@CommandHandler(AcceptLeadResultCommand)
export class AcceptLeadResultHandler implements ICommandHandler<AcceptLeadResultCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, leadId, comment }: AcceptLeadResultCommand) {
    let done = false;
    const l = await this.desk.change(leadId, (l, now) => { done = l.accept(actor, comment, now); });
    if (!done) {
      await this.desk.tell(l, l.reportedTo!.orgId, {
        titleZh: `交办线索办理结果报告：${l.subject}`, titleEn: `Result reported on an assigned lead: ${l.subject}`,
        bodyZh: `下级承办单位的办理结果（${LEAD_RESULT_ZH[l.result!]}）已经${actor.displayName}审核认可，请审核。`,
        bodyEn: `The result (${l.result}) was accepted below by ${actor.displayName}: review it.`,
      }, `reported-${l.version}`);
    }
    await this.desk.tell(l, l.ownerOrgId, {
      titleZh: done ? `线索办理结果已审核认可：${l.subject}` : `线索办理结果已获上级认可并继续上报：${l.subject}`,
      titleEn: done ? `Lead result accepted: ${l.subject}` : `Lead result accepted and reported further up: ${l.subject}`,
      bodyZh: `${actor.displayName}认可了办理结果。`, bodyEn: `${actor.displayName} accepted the result.`,
    }, `accepted-${l.version}`);
  }
}

@CommandHandler(ReturnLeadResultCommand)
export class ReturnLeadResultHandler implements ICommandHandler<ReturnLeadResultCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, leadId, reason }: ReturnLeadResultCommand) {
    const l = await this.desk.change(leadId, (l, now) => l.returnResult(actor, reason, now));
    await this.desk.tell(l, l.ownerOrgId, {
      titleZh: `线索办理结果被退回：${l.subject}`, titleEn: `Lead result returned: ${l.subject}`,
      bodyZh: `${actor.displayName}退回了办理结果：${String(reason).trim()}。请继续核查，于 ${l.dueDate} 前重新办结报告。`,
      bodyEn: `${actor.displayName} returned the result: ${String(reason).trim()}. Investigate again and report by ${l.dueDate}.`,
    }, `returned-${l.version}`);
  }
}

@CommandHandler(RequestLeadExtensionCommand)
export class RequestLeadExtensionHandler implements ICommandHandler<RequestLeadExtensionCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, leadId, dueDate, reason }: RequestLeadExtensionCommand) {
    const l = await this.desk.change(leadId, (l, now) => l.requestExtension(actor, dueDate, reason, now));
    await this.desk.tell(l, l.assigner!.orgId, {
      titleZh: `线索延期申请：${l.subject}`, titleEn: `Extension requested on a lead: ${l.subject}`,
      bodyZh: `承办单位申请将办理期限由 ${l.dueDate} 延至 ${l.extension!.dueDate}：${l.extension!.reason}`,
      bodyEn: `The holder asks to move the due date from ${l.dueDate} to ${l.extension!.dueDate}: ${l.extension!.reason}`,
    }, `extension-${l.version}`);
  }
}

@CommandHandler(DecideLeadExtensionCommand)
export class DecideLeadExtensionHandler implements ICommandHandler<DecideLeadExtensionCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, leadId, approve, comment }: DecideLeadExtensionCommand) {
    let approved = false;
    const l = await this.desk.change(leadId, (l, now) => { approved = l.decideExtension(actor, approve, comment, now); });
    await this.desk.tell(l, l.ownerOrgId, {
      titleZh: approved ? `延期申请已同意：办理期限 ${l.dueDate}` : '延期申请未获同意', titleEn: approved ? `Extension approved: due ${l.dueDate}` : 'Extension refused',
      bodyZh: `${l.subject}`, bodyEn: `${l.subject}`,
    }, `extension-decided-${l.version}`);
  }
}

@CommandHandler(RemindLeadCommand)
export class RemindLeadHandler implements ICommandHandler<RemindLeadCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ leadId, dueDate }: RemindLeadCommand) {
    const l = await this.desk.leads.load(leadId);
    if (!l.remindable(dueDate)) return false;
    await this.desk.tell(l, l.ownerOrgId, {
      titleZh: `线索即将到期：${l.subject}`, titleEn: `Lead due soon: ${l.subject}`,
      bodyZh: `该线索应于 ${dueDate} 前办结。`, bodyEn: `The lead is due on ${dueDate}.`,
    }, `remind-${dueDate}-${new Date().toISOString().slice(0, 10)}`);
    return true;
  }
}

@CommandHandler(MarkLeadOverdueCommand)
export class MarkLeadOverdueHandler implements ICommandHandler<MarkLeadOverdueCommand> {
  constructor(private readonly desk: LeadDesk) {}
  async execute({ actor, leadId, dueDate }: MarkLeadOverdueCommand) {
    const l = await this.desk.leads.load(leadId);
    if (!l.markOverdue(actor, dueDate, new Date())) return false;
    await this.desk.leads.save(l);
    const holder = await this.desk.leads.unit(l.ownerOrgId);
    const msg = {
      titleZh: `线索逾期未办结：${l.subject}`, titleEn: `Lead overdue: ${l.subject}`,
      bodyZh: `${holder?.name ?? l.ownerOrgId}承办的线索应于 ${dueDate} 前办结，目前尚未办结。`,
      bodyEn: `${holder?.name ?? l.ownerOrgId} was to close the lead by ${dueDate} and has not.`,
    };
    await this.desk.tell(l, l.ownerOrgId, msg, `overdue-${dueDate}`);
    if (l.assigner) await this.desk.tell(l, l.assigner.orgId, msg, `overdue-assigner-${dueDate}`);
    return true;
  }
}

export const LEAD_COMMAND_HANDLERS = [
  ImportLeadAlertsHandler,
  RegisterLeadHandler, AssessLeadHandler, DecideLeadDismissalHandler, AssignLeadHandler, InvestigateLeadHandler, CloseLeadHandler, ReportLeadHandler,
  AcceptLeadResultHandler, ReturnLeadResultHandler, RequestLeadExtensionHandler, DecideLeadExtensionHandler, RemindLeadHandler, MarkLeadOverdueHandler,
];
