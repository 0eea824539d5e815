import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DomainError } from '../../../kernel/errors.js';
import { Campaign, CAMPAIGN_EVENTS, PHASE_ZH, type CampaignPhase } from '../domain/campaign.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { validContent } from '../domain/self-inspection.js';
import { Campaigns } from '../infrastructure/campaign.repository.js';
import {
  AssignCampaignCommand,
  CreateCampaignCommand,
  CreateSelfInspectionTasksCommand,
  EscalateMissingSelfInspectionsCommand,
  FileCampaignSummaryCommand,
  MarkCampaignSummaryOverdueCommand,
  OpenCampaignPhaseCommand,
  RemindCampaignPhaseCommand,
  SaveSelfInspectionCommand,
  SubmitSelfInspectionCommand,
  UpdateCampaignCommand,
} from './commands.js';
import { provincePathOf } from '../../../kernel/region-path.js';

const campaignLink = (id: string) => `/province/campaigns/${id}`;
const localCampaignLink = (id: string) => `/local/campaigns/${id}`;

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
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, campaignId, comment }: FileCampaignSummaryCommand) {
    const c = await this.campaigns.load(campaignId);
    c.fileSummary(actor, comment, new Date());
    await this.campaigns.save(c);
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
      return deliverToTasks(this.campaigns, c.id, `s.status in ('pending', 'draft')`, {
        titleZh: `自查报告即将截止：${c.title}`, titleEn: `Self-inspection report due soon: ${c.title}`,
        bodyZh: `自查自纠将于 ${cal.selfInspectionEnd} 结束，贵机构尚未提交自查报告。逾期未报将通报所在市和省医保局。`,
        bodyEn: `The self-inspection ends on ${cal.selfInspectionEnd} and your report is not submitted; missing reports are escalated to the city and the province.`,
        key,
      });
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

@CommandHandler(CreateSelfInspectionTasksCommand)
export class CreateSelfInspectionTasksHandler implements ICommandHandler<CreateSelfInspectionTasksCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly uow: UnitOfWork) {}

  async execute({ campaignId, cityCode, cursor, limit }: CreateSelfInspectionTasksCommand) {
    const c = await this.campaigns.load(campaignId, false);
    if (c.status === 'draft' || !c.cityCodes.includes(cityCode)) {
      throw DomainError.conflict('campaign_city_not_covered', { zh: `该市不在专项治理范围内：${cityCode}`, en: `city ${cityCode} is not covered by the assigned campaign` }, { cityCode });
    }
    const size = Number.isInteger(limit) && limit > 0 && limit <= 5000 ? limit : 500;
    const page = await this.campaigns.createTasksPage(c, cityCode, cursor, size, new Date());
    // Bulk SQL: the page's tasks as one event of the campaign, for the dashboards' projection.
    if (page.created > 0) recordCampaignBatch(this.uow, c, CAMPAIGN_EVENTS.tasksCreated, { campaignId: c.id, cityCode, created: page.created });
    return page;
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
    const city = await this.campaigns.bureauAt(cityCode);
    const [region] = await this.campaigns.q<{ name: string }>(`select name from region where code = ?`, [cityCode]);
    const cityName = region?.name ?? cityCode;
    if (!missing.length) return { missing: 0 };
    const names = missing.slice(0, 20).map((m) => m.name).join('、') + (missing.length > 20 ? ` 等 ${missing.length} 家` : '');
    const msg = {
      titleZh: `${cityName}有 ${missing.length} 家机构未按期提交自查报告：${c.title}`,
      titleEn: `${cityName}: ${missing.length} institutions missed the self-inspection deadline (${c.title})`,
      bodyZh: `自查自纠已于 ${c.calendar.selfInspectionEnd} 结束，以下机构未提交自查报告：${names}。`,
      bodyEn: `The self-inspection ended on ${c.calendar.selfInspectionEnd}; ${missing.length} institutions of ${cityCode} submitted no report.`,
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

async function phaseOf(campaigns: Campaigns, campaignId: string): Promise<{ phase: CampaignPhase; selfInspectionEnd: string; title: string }> {
  const c = await campaigns.load(campaignId, false);
  return { phase: c.phase, selfInspectionEnd: c.calendar.selfInspectionEnd, title: c.title };
}

@CommandHandler(SaveSelfInspectionCommand)
export class SaveSelfInspectionHandler implements ICommandHandler<SaveSelfInspectionCommand> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, taskId, content }: SaveSelfInspectionCommand) {
    const task = await this.campaigns.loadTask(taskId);
    const { phase } = await phaseOf(this.campaigns, task.campaignId);
    const valid = validContent(content);
    const unknown = await this.campaigns.unknownAttachments(valid.attachmentIds, task.ownerOrgId);
    if (unknown.length) {
      throw DomainError.validation('attachment_unknown', {
        zh: `附件不存在或不是本机构上传的：${unknown.join('、')}`, en: `attachments not found or not uploaded by the institution: ${unknown.join(', ')}`,
      }, { attachmentIds: unknown });
    }
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
    task.submit(actor, phase, selfInspectionEnd, now);
    await this.campaigns.saveTask(task, now);
    if (task.late) {
      // A late report is accepted during the spot-check phase, and the city bureau is told.
      const city = await this.campaigns.bureauAt(task.cityCode);
      const [org] = await this.campaigns.q<{ name: string }>(`select name from organization where id = ?`, [task.ownerOrgId]);
      const name = org?.name ?? task.ownerOrgId;
      if (city) {
        await this.notifications.deliver(this.uow.em, {
          recipientOrgId: city.id, recipientRegionPath: city.regionPath,
          titleZh: `逾期提交的自查报告：${name}`, titleEn: `Late self-inspection report: ${name}`,
          bodyZh: `${title}：该机构在自查自纠阶段（${selfInspectionEnd} 截止）结束后提交了自查报告（${PHASE_ZH[phase]}阶段）。`,
          bodyEn: `${title}: the institution submitted its report after the self-inspection deadline (${selfInspectionEnd}).`,
          link: localCampaignLink(task.campaignId), dedupeKey: `campaign-late-${task.id}`,
        });
      }
    }
  }
}

export const CAMPAIGN_COMMAND_HANDLERS = [
  CreateCampaignHandler, UpdateCampaignHandler, AssignCampaignHandler, FileCampaignSummaryHandler, OpenCampaignPhaseHandler,
  RemindCampaignPhaseHandler, CreateSelfInspectionTasksHandler, EscalateMissingSelfInspectionsHandler, MarkCampaignSummaryOverdueHandler,
  SaveSelfInspectionHandler, SubmitSelfInspectionHandler,
];
