import { sentenceEn, sentenceZh } from '../../../kernel/sentence.js';
import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DomainError } from '../../../kernel/errors.js';
import { Campaign, CAMPAIGN_EVENTS, PHASE_ZH, type CampaignPhase } from '../domain/campaign.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { checkIssueFocus, validComment, validContent, validRefund } from '../domain/self-inspection.js';
import { validAgencyContent } from '../domain/agency-self-inspection.js';
import { Campaigns } from '../infrastructure/campaign.repository.js';
import {
  AssignCampaignCommand,
  CreateCampaignCommand,
  CreateSelfInspectionTasksCommand,
  EscalateMissingSelfInspectionsCommand,
  FileCampaignSummaryCommand,
  MarkCampaignSummaryOverdueCommand,
  OpenCampaignPhaseCommand,
  RecordSelfInspectionRefundCommand,
  RemindCampaignPhaseCommand,
  ReturnSelfInspectionCommand,
  SaveAgencySelfInspectionCommand,
  SaveSelfInspectionCommand,
  SubmitAgencySelfInspectionCommand,
  SubmitSelfInspectionCommand,
  UpdateCampaignCommand,
  VerifySelfInspectionCommand,
} from './commands.js';
import { provincePathOf } from '../../../kernel/region-path.js';
import { ServiceAgreements } from '../../agreements/index.js';
import { attachmentsNotOwned } from '../../../platform/attachments/attachments.js';
import { FilingDesk } from './filing-handlers.js';

const campaignLink = (id: string) => `/province/campaigns/${id}`;
const localCampaignLink = (id: string) => `/local/campaigns/${id}`;
const reviewLink = (id: string) => `/local/campaigns/${id}/review`;
const institutionTaskLink = (taskId: string) => `/institution/self-inspection/${taskId}`;

@CommandHandler(CreateCampaignCommand)
export class CreateCampaignHandler implements ICommandHandler<CreateCampaignCommand> {
  constructor(private readonly campaigns: Campaigns, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async execute({ actor, input }: CreateCampaignCommand) {
    const cities = await this.campaigns.provinceCities(provincePathOf(actor.regionPath));
    const c = Campaign.create(randomUUID(), actor, input ?? ({} as never), cities, this.config.campaignCalendar, new Date());
    await this.campaigns.save(c);
    return { id: c.id };
  }
}

@CommandHandler(UpdateCampaignCommand)
export class UpdateCampaignHandler implements ICommandHandler<UpdateCampaignCommand> {
  constructor(private readonly campaigns: Campaigns, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async execute({ actor, campaignId, input }: UpdateCampaignCommand) {
    const c = await this.campaigns.load(campaignId);
    const cities = await this.campaigns.provinceCities(c.regionPath);
    c.update(actor, input ?? ({} as never), cities, this.config.campaignCalendar, new Date());
    await this.campaigns.save(c);
    return { id: c.id };
  }
}

@CommandHandler(AssignCampaignCommand)
export class AssignCampaignHandler implements ICommandHandler<AssignCampaignCommand> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, campaignId }: AssignCampaignCommand) {
    const c = await this.campaigns.load(campaignId);
    const cities = await this.campaigns.provinceCities(c.regionPath);
    c.assign(actor, cities, new Date());
    await this.campaigns.save(c);
    return { id: c.id };
  }
}

@CommandHandler(FileCampaignSummaryCommand)
export class FileCampaignSummaryHandler implements ICommandHandler<FileCampaignSummaryCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly filings: FilingDesk) {}

  /** 总结上报: the summary is filed and sent to the national bureau (its filing, which the overseer acknowledges). */
  async execute({ actor, campaignId, comment }: FileCampaignSummaryCommand) {
    const c = await this.campaigns.load(campaignId);
    const now = new Date();
    c.fileSummary(actor, comment, now);
    await this.campaigns.save(c);
    await this.filings.send(actor, c, 'summary', c.summaryComment, [], now);
    return { id: c.id };
  }
}

/**
 * Notifications to many recipients in one statement (one reminder per institution with an open
 * task can mean tens of thousands of rows): notification_deliver() per selected row.
 */
async function deliverToTasks(campaigns: Campaigns, campaignId: string, where: string, msg: { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; key: string }): Promise<number> {
  const [row] = await campaigns.q<{ n: number }>(
    `select count(*) filter (where notification_deliver(gen_random_uuid(), s.region_path, s.owner_org_id, ?, ?, ?, ?,
              '/institution/self-inspection/' || s.id, ? || s.owner_org_id))::int as n
       from self_inspection s where s.campaign_id = ? and ${where}`,
    [msg.titleZh, msg.titleEn, msg.bodyZh, msg.bodyEn, `${msg.key}-`, campaignId]);
  return row?.n ?? 0;
}

async function deliverToUnits(campaigns: Campaigns, campaignId: string, msg: { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; key: string }): Promise<number> {
  const [row] = await campaigns.q<{ n: number }>(
    `select count(*) filter (where notification_deliver(gen_random_uuid(), u.region_path, u.owner_org_id, ?, ?, ?, ?, ?, ? || u.owner_org_id))::int as n
       from campaign_unit u where u.campaign_id = ?`,
    [msg.titleZh, msg.titleEn, msg.bodyZh, msg.bodyEn, localCampaignLink(campaignId), `${msg.key}-`, campaignId]);
  return row?.n ?? 0;
}

/** The same to the agencies' own tasks (the pooling regions' reports), each linked to its task. */
async function deliverToAgencyTasks(campaigns: Campaigns, campaignId: string, where: string, msg: { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; key: string }): Promise<number> {
  const [row] = await campaigns.q<{ n: number }>(
    `select count(*) filter (where notification_deliver(gen_random_uuid(), s.region_path, s.owner_org_id, ?, ?, ?, ?,
              '/local/campaigns/' || s.campaign_id || '/agency-tasks/' || s.id, ? || s.owner_org_id))::int as n
       from agency_self_inspection s where s.campaign_id = ? and ${where}`,
    [msg.titleZh, msg.titleEn, msg.bodyZh, msg.bodyEn, `${msg.key}-`, campaignId]);
  return row?.n ?? 0;
}

@CommandHandler(OpenCampaignPhaseCommand)
export class OpenCampaignPhaseHandler implements ICommandHandler<OpenCampaignPhaseCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, campaignId, phase }: OpenCampaignPhaseCommand) {
    const c = await this.campaigns.load(campaignId);
    if (!c.openPhase(actor, phase, new Date())) return false;
    await this.campaigns.save(c);
    const cal = c.calendar;
    const key = `campaign-${c.id}-open-${phase}`;
    if (phase === 'self_inspection') {
      await deliverToTasks(this.campaigns, c.id, `s.status <> 'submitted'`, {
        titleZh: `专项治理自查自纠开始：${c.title}`, titleEn: `Self-inspection open: ${c.title}`,
        bodyZh: `请于 ${cal.selfInspectionEnd} 前完成自查自纠并提交自查报告（含主动退回金额及发现的问题）。`,
        bodyEn: `Complete the self-inspection and submit the report (refunds, issues found) by ${cal.selfInspectionEnd}.`, key,
      });
      await deliverToUnits(this.campaigns, c.id, {
        titleZh: `专项治理自查自纠开始：${c.title}`, titleEn: `Self-inspection open: ${c.title}`,
        bodyZh: `请组织辖区定点医药机构于 ${cal.selfInspectionEnd} 前完成自查自纠。`,
        bodyEn: `Have the designated institutions of your area self-inspect by ${cal.selfInspectionEnd}.`, key,
      });
      await deliverToAgencyTasks(this.campaigns, c.id, `s.status <> 'submitted'`, {
        titleZh: `请开展本地区专项治理自查：${c.title}`, titleEn: `Self-inspection of your region: ${c.title}`,
        bodyZh: `请组织本统筹地区开展专项治理自查，核实所负责定点医药机构的自查报告和退回资金，并于 ${cal.selfInspectionEnd} 前报送本地区自查工作报告（含经办机构自身问题）。`,
        bodyEn: `Run your region's self-inspection, verify the reports and refunds of the institutions you handle, and submit the region's report (your own issues included) by ${cal.selfInspectionEnd}.`,
        key,
      });
    } else if (phase === 'spot_check') {
      await deliverToUnits(this.campaigns, c.id, {
        titleZh: `专项治理进入抽查复查阶段：${c.title}`, titleEn: `Spot-check phase open: ${c.title}`,
        bodyZh: `省级抽查复查 ${cal.spotCheckStart} 至 ${cal.spotCheckEnd}，请配合做好抽查工作。`,
        bodyEn: `The provincial spot-checks run ${cal.spotCheckStart} to ${cal.spotCheckEnd}.`, key,
      });
    } else if (phase === 'summary') {
      await this.notifications.deliver(this.uow.em, {
        recipientOrgId: c.ownerOrgId, recipientRegionPath: c.regionPath,
        titleZh: `请报送专项治理总结：${c.title}`, titleEn: `File the campaign summary: ${c.title}`,
        bodyZh: `抽查复查阶段已结束，请于 ${cal.summaryDue} 前向国家医疗保障局报送工作总结。`,
        bodyEn: `The spot-check phase is over: file the summary with the national level by ${cal.summaryDue}.`,
        link: campaignLink(c.id), dedupeKey: key,
      });
    }
    return true;
  }
}

@CommandHandler(RemindCampaignPhaseCommand)
export class RemindCampaignPhaseHandler implements ICommandHandler<RemindCampaignPhaseCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, campaignId, phase, at }: RemindCampaignPhaseCommand) {
    void actor;
    const c = await this.campaigns.load(campaignId, false);
    const cal = c.calendar;
    const key = `campaign-${c.id}-remind-${phase}-${at}`;
    if (c.status === 'closed') return 0;
    if (phase === 'self_inspection') {
      const institutions = await deliverToTasks(this.campaigns, c.id, `s.status in ('pending', 'draft')`, {
        titleZh: `自查报告即将截止：${c.title}`, titleEn: `Self-inspection report due soon: ${c.title}`,
        bodyZh: `自查自纠将于 ${cal.selfInspectionEnd} 结束，贵机构尚未提交自查报告。逾期未报将通报所在市和省医保局。`,
        bodyEn: `The self-inspection ends on ${cal.selfInspectionEnd} and your report is not submitted; missing reports are escalated to the city and the province.`,
        key,
      });
      const agencies = await deliverToAgencyTasks(this.campaigns, c.id, `s.status in ('pending', 'draft')`, {
        titleZh: `本地区自查工作报告即将截止：${c.title}`, titleEn: `Your region's self-inspection report is due soon: ${c.title}`,
        bodyZh: `自查自纠将于 ${cal.selfInspectionEnd} 结束，本单位尚未报送本地区自查工作报告。逾期未报将通报所在市和省医保局。`,
        bodyEn: `The self-inspection ends on ${cal.selfInspectionEnd} and your region's report is not submitted; missing reports are escalated to the city and the province.`,
        key,
      });
      return institutions + agencies;
    }
    if (phase === 'spot_check') {
      return deliverToUnits(this.campaigns, c.id, {
        titleZh: `抽查复查即将结束：${c.title}`, titleEn: `Spot-check phase ends soon: ${c.title}`,
        bodyZh: `抽查复查阶段将于 ${cal.spotCheckEnd} 结束。`, bodyEn: `The spot-check phase ends on ${cal.spotCheckEnd}.`, key,
      });
    }
    if (c.summaryFiledAt) return 0;
    const sent = await this.notifications.deliver(this.uow.em, {
      recipientOrgId: c.ownerOrgId, recipientRegionPath: c.regionPath,
      titleZh: `专项治理总结即将到期：${c.title}`, titleEn: `Campaign summary due soon: ${c.title}`,
      bodyZh: `请于 ${cal.summaryDue} 前向国家医疗保障局报送工作总结。`, bodyEn: `File the summary with the national level by ${cal.summaryDue}.`,
      link: campaignLink(c.id), dedupeKey: key,
    });
    return sent ? 1 : 0;
  }
}

/** An event of a bulk change to the campaign's tasks (no aggregate loaded for each task). */
function recordCampaignBatch(uow: UnitOfWork, c: Campaign, type: string, payload: Record<string, unknown>): void {
  const batch = { campaignId: c.id };
  recordEvent(batch, { type, aggregateType: 'Campaign', aggregateId: c.id, regionPath: c.regionPath, ownerOrgId: c.ownerOrgId, payload });
  uow.track(batch);
}

/**
 * One page of a city's fan-out (the first page also creates the units and the agencies' own tasks).
 * Each institution's task names its handling agency, the holder of its service agreement, asked of
 * the agreements context for the agencies that can hold one (city, counties, province).
 */
@CommandHandler(CreateSelfInspectionTasksCommand)
export class CreateSelfInspectionTasksHandler implements ICommandHandler<CreateSelfInspectionTasksCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly uow: UnitOfWork, private readonly agreements: ServiceAgreements) {}

  async execute({ campaignId, cityCode, cursor, limit }: CreateSelfInspectionTasksCommand) {
    const c = await this.campaigns.load(campaignId, false);
    if (c.status === 'draft' || !c.cityCodes.includes(cityCode)) {
      throw DomainError.conflict('campaign_city_not_covered', { zh: `该市不在专项治理范围内：${cityCode}`, en: `city ${cityCode} is not covered by the assigned campaign` }, { cityCode });
    }
    const size = Number.isInteger(limit) && limit > 0 && limit <= 5000 ? limit : 500;
    const now = new Date();
    if (cursor === null) await this.campaigns.createUnitsAndAgencyTasks(c.id, cityCode, now);
    const ids = await this.campaigns.institutionPage(c, cityCode, cursor, size);
    if (!ids.length) return { created: 0, cursor, done: true };
    const holder = new Map<string, string>();
    for (const agencyId of await this.campaigns.agenciesAround(cityCode)) {
      for (const institutionId of await this.agreements.heldBy(agencyId, ids)) holder.set(institutionId, agencyId);
    }
    const created = await this.campaigns.insertTasks(c, cityCode, ids.map((id) => ({ institutionId: id, agencyId: holder.get(id) ?? null })), now);
    // Bulk SQL: the page's tasks as one event of the campaign, for the dashboards' projection.
    if (created > 0) recordCampaignBatch(this.uow, c, CAMPAIGN_EVENTS.tasksCreated, { campaignId: c.id, cityCode, created });
    return { created, cursor: ids[ids.length - 1]!, done: ids.length < size };
  }
}

@CommandHandler(EscalateMissingSelfInspectionsCommand)
export class EscalateMissingSelfInspectionsHandler implements ICommandHandler<EscalateMissingSelfInspectionsCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ campaignId, cityCode }: EscalateMissingSelfInspectionsCommand) {
    const c = await this.campaigns.load(campaignId, false);
    const now = new Date();
    const missing = await this.campaigns.markMissing(c.id, cityCode, now);
    if (missing.length) recordCampaignBatch(this.uow, c, CAMPAIGN_EVENTS.tasksMissing, { campaignId: c.id, cityCode, missing: missing.length });
    // The pooling regions' own reports close with the institutions' (no dashboard counts them: no event).
    const agencies = await this.campaigns.markAgenciesMissing(c.id, cityCode, now);
    const city = await this.campaigns.bureauAt(cityCode);
    const [region] = await this.campaigns.q<{ name: string }>(`select name from region where code = ?`, [cityCode]);
    const cityName = region?.name ?? cityCode;
    if (!missing.length && !agencies.length) return { missing: 0 };
    const names = missing.slice(0, 20).map((m) => m.name).join('、') + (missing.length > 20 ? ` 等 ${missing.length} 家` : '');
    const agencyNames = agencies.map((a) => a.name).join('、');
    const what = [missing.length ? `${missing.length} 家机构` : '', agencies.length ? `${agencies.length} 个经办机构` : ''].filter(Boolean).join('、');
    const whatEn = [missing.length ? `${missing.length} institutions` : '', agencies.length ? `${agencies.length} agencies` : ''].filter(Boolean).join(' and ');
    const msg = {
      titleZh: `${cityName}有 ${what}未按期提交自查报告：${c.title}`,
      titleEn: `${cityName}: ${whatEn} missed the self-inspection deadline (${c.title})`,
      bodyZh: `自查自纠已于 ${c.calendar.selfInspectionEnd} 结束，${missing.length ? `以下机构未提交自查报告：${names}。` : ''}${agencies.length ? `以下经办机构未报送本地区自查工作报告：${agencyNames}。` : ''}`,
      bodyEn: `The self-inspection ended on ${c.calendar.selfInspectionEnd}; ${whatEn} of ${cityCode} submitted no report.`,
    };
    if (city && (await this.campaigns.markUnitEscalated(c.id, city.id, now))) {
      await this.notifications.deliver(this.uow.em, { recipientOrgId: city.id, recipientRegionPath: city.regionPath, ...msg, link: localCampaignLink(c.id), dedupeKey: `campaign-${c.id}-missing-${cityCode}` });
      await this.notifications.deliver(this.uow.em, { recipientOrgId: c.ownerOrgId, recipientRegionPath: c.regionPath, ...msg, link: campaignLink(c.id), dedupeKey: `campaign-${c.id}-missing-${cityCode}-province` });
    }
    return { missing: missing.length };
  }
}

@CommandHandler(MarkCampaignSummaryOverdueCommand)
export class MarkCampaignSummaryOverdueHandler implements ICommandHandler<MarkCampaignSummaryOverdueCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, campaignId }: MarkCampaignSummaryOverdueCommand) {
    const c = await this.campaigns.load(campaignId);
    if (!c.markSummaryOverdue(actor, new Date())) return false;
    await this.campaigns.save(c);
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: c.ownerOrgId, recipientRegionPath: c.regionPath,
      titleZh: `专项治理总结逾期未报：${c.title}`, titleEn: `Campaign summary overdue: ${c.title}`,
      bodyZh: `工作总结应于 ${c.calendar.summaryDue} 前报送国家医疗保障局，目前尚未报送。`,
      bodyEn: `The summary was due with the national level by ${c.calendar.summaryDue} and is not filed.`,
      link: campaignLink(c.id), dedupeKey: `campaign-${c.id}-summary-overdue`,
    });
    return true;
  }
}

async function phaseOf(campaigns: Campaigns, campaignId: string): Promise<{ phase: CampaignPhase; selfInspectionEnd: string; title: string; focusAreas: string[] }> {
  const c = await campaigns.load(campaignId, false);
  return { phase: c.phase, selfInspectionEnd: c.calendar.selfInspectionEnd, title: c.title, focusAreas: c.focusAreas.map((f) => f.text) };
}

@CommandHandler(SaveSelfInspectionCommand)
export class SaveSelfInspectionHandler implements ICommandHandler<SaveSelfInspectionCommand> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, taskId, content }: SaveSelfInspectionCommand) {
    const task = await this.campaigns.loadTask(taskId);
    const { phase, focusAreas } = await phaseOf(this.campaigns, task.campaignId);
    const valid = validContent(content);
    // 治理重点: one of the campaign's own focus areas (issue 16); a value the stored report already
    // holds (entered as free text before this check) may stay.
    checkIssueFocus(valid.issues, focusAreas, task.content.issues.map((i) => i.focus));
    const unknown = await this.campaigns.unknownAttachments(valid.attachmentIds, task.ownerOrgId);
    if (unknown.length) throw attachmentsNotOwned(unknown, { zh: '本机构', en: 'the institution' });
    task.save(actor, valid, phase);
    await this.campaigns.saveTask(task, new Date());
  }
}

@CommandHandler(SubmitSelfInspectionCommand)
export class SubmitSelfInspectionHandler implements ICommandHandler<SubmitSelfInspectionCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, taskId }: SubmitSelfInspectionCommand) {
    const task = await this.campaigns.loadTask(taskId);
    const { phase, selfInspectionEnd, title } = await phaseOf(this.campaigns, task.campaignId);
    const now = new Date();
    const correction = task.returned;
    task.submit(actor, phase, selfInspectionEnd, now);
    await this.campaigns.saveTask(task, now);
    if (correction) {
      // The corrected report goes back to the agency that returned it.
      const agency = task.handlingAgencyId ? await this.campaigns.organization(task.handlingAgencyId) : undefined;
      const name = (await this.campaigns.organization(task.ownerOrgId))?.name ?? task.ownerOrgId;
      await this.notifications.deliverTo(this.uow.em, agency, {
        titleZh: `自查报告已修改后重新提交：${name}`, titleEn: `Corrected self-inspection report: ${name}`,
        bodyZh: `${title}：该机构已按退回意见修改自查报告，请核实。`, bodyEn: `${title}: the institution corrected its report as asked; please review it.`,
        link: reviewLink(task.campaignId), dedupeKey: `campaign-corrected-${task.id}-${task.corrections}`,
      });
      return;
    }
    if (task.late) {
      // A late report is accepted during the spot-check phase, and the city bureau is told.
      const city = await this.campaigns.bureauAt(task.cityCode);
      const [org] = await this.campaigns.q<{ name: string }>(`select name from organization where id = ?`, [task.ownerOrgId]);
      const name = org?.name ?? task.ownerOrgId;
      await this.notifications.deliverTo(this.uow.em, city, {
        titleZh: `逾期提交的自查报告：${name}`, titleEn: `Late self-inspection report: ${name}`,
        bodyZh: `${title}：该机构在自查自纠阶段（${selfInspectionEnd} 截止）结束后提交了自查报告（${PHASE_ZH[phase]}阶段）。`,
        bodyEn: `${title}: the institution submitted its report after the self-inspection deadline (${selfInspectionEnd}).`,
        link: localCampaignLink(task.campaignId), dedupeKey: `campaign-late-${task.id}`,
      });
    }
  }
}

@CommandHandler(VerifySelfInspectionCommand)
export class VerifySelfInspectionHandler implements ICommandHandler<VerifySelfInspectionCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, taskId, comment, refund }: VerifySelfInspectionCommand) {
    const task = await this.campaigns.loadTask(taskId);
    const { phase, title } = await phaseOf(this.campaigns, task.campaignId);
    const now = new Date();
    task.verify(actor, phase, validComment(comment), refund === undefined || refund === null ? null : validRefund(refund), now);
    await this.campaigns.saveTask(task, now);
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: task.ownerOrgId, recipientRegionPath: task.regionPath,
      titleZh: `自查报告已核实：${title}`, titleEn: `Self-inspection report verified: ${title}`,
      bodyZh: `经办机构已核实贵机构的自查报告${task.refund?.confirmed ? `，核实退回资金 ${task.refund.amount?.toFixed(2)} 元` : ''}。`,
      bodyEn: `The handling agency verified your report${task.refund?.confirmed ? ` and a refund of ${task.refund.amount?.toFixed(2)} yuan` : ''}.`,
      link: institutionTaskLink(task.id), dedupeKey: `campaign-verified-${task.id}`,
    });
  }
}

@CommandHandler(ReturnSelfInspectionCommand)
export class ReturnSelfInspectionHandler implements ICommandHandler<ReturnSelfInspectionCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, taskId, comment }: ReturnSelfInspectionCommand) {
    const task = await this.campaigns.loadTask(taskId);
    const { phase, title } = await phaseOf(this.campaigns, task.campaignId);
    const now = new Date();
    const text = validComment(comment);
    task.returnForCorrection(actor, phase, text, now);
    await this.campaigns.saveTask(task, now);
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: task.ownerOrgId, recipientRegionPath: task.regionPath,
      titleZh: `自查报告被退回修改：${title}`, titleEn: `Self-inspection report returned for correction: ${title}`,
      bodyZh: `经办机构意见：${sentenceZh(text ?? '')}请修改后重新提交。`, bodyEn: `The handling agency asks: ${sentenceEn(text ?? '')} Correct the report and submit it again.`,
      link: institutionTaskLink(task.id), dedupeKey: `campaign-returned-${task.id}-${task.corrections}`,
    });
  }
}

@CommandHandler(RecordSelfInspectionRefundCommand)
export class RecordSelfInspectionRefundHandler implements ICommandHandler<RecordSelfInspectionRefundCommand> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, taskId, refund }: RecordSelfInspectionRefundCommand) {
    const task = await this.campaigns.loadTask(taskId);
    const { phase } = await phaseOf(this.campaigns, task.campaignId);
    const now = new Date();
    task.recordRefund(actor, phase, validRefund(refund ?? null), now);
    await this.campaigns.saveTask(task, now);
  }
}

@CommandHandler(SaveAgencySelfInspectionCommand)
export class SaveAgencySelfInspectionHandler implements ICommandHandler<SaveAgencySelfInspectionCommand> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, taskId, content }: SaveAgencySelfInspectionCommand) {
    const task = await this.campaigns.loadAgencyTask(taskId);
    const { phase } = await phaseOf(this.campaigns, task.campaignId);
    const valid = validAgencyContent(content);
    const unknown = await this.campaigns.unknownAttachments(valid.attachmentIds, task.ownerOrgId);
    if (unknown.length) throw attachmentsNotOwned(unknown, { zh: '本单位', en: 'the agency' });
    task.save(actor, valid, phase);
    await this.campaigns.saveAgencyTask(task, new Date());
  }
}

@CommandHandler(SubmitAgencySelfInspectionCommand)
export class SubmitAgencySelfInspectionHandler implements ICommandHandler<SubmitAgencySelfInspectionCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, taskId }: SubmitAgencySelfInspectionCommand) {
    const task = await this.campaigns.loadAgencyTask(taskId);
    const { phase, selfInspectionEnd, title } = await phaseOf(this.campaigns, task.campaignId);
    const now = new Date();
    task.submit(actor, phase, selfInspectionEnd, now);
    await this.campaigns.saveAgencyTask(task, now);
    if (task.late) {
      const city = await this.campaigns.bureauAt(task.cityCode);
      const name = (await this.campaigns.organization(task.ownerOrgId))?.name ?? task.ownerOrgId;
      await this.notifications.deliverTo(this.uow.em, city, {
        titleZh: `逾期报送的地区自查工作报告：${name}`, titleEn: `Late regional self-inspection report: ${name}`,
        bodyZh: `${title}：该经办机构在自查自纠阶段（${selfInspectionEnd} 截止）结束后报送了本地区自查工作报告（${PHASE_ZH[phase]}阶段）。`,
        bodyEn: `${title}: the agency submitted its region's report after the self-inspection deadline (${selfInspectionEnd}).`,
        link: localCampaignLink(task.campaignId), dedupeKey: `campaign-agency-late-${task.id}`,
      });
    }
  }
}

export const CAMPAIGN_COMMAND_HANDLERS = [
  CreateCampaignHandler, UpdateCampaignHandler, AssignCampaignHandler, FileCampaignSummaryHandler, OpenCampaignPhaseHandler,
  RemindCampaignPhaseHandler, CreateSelfInspectionTasksHandler, EscalateMissingSelfInspectionsHandler, MarkCampaignSummaryOverdueHandler,
  SaveSelfInspectionHandler, SubmitSelfInspectionHandler, VerifySelfInspectionHandler, ReturnSelfInspectionHandler,
  RecordSelfInspectionRefundHandler, SaveAgencySelfInspectionHandler, SubmitAgencySelfInspectionHandler,
];
