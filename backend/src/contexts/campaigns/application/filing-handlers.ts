import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { attachmentsNotOwned, unknownAttachments } from '../../../platform/attachments/attachments.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Campaign } from '../domain/campaign.js';
import { CampaignFiling, FILING_KIND_EN, FILING_KIND_ZH, type FilingKind } from '../domain/campaign-filing.js';
import { CampaignFilings } from '../infrastructure/campaign-filing.repository.js';
import { Campaigns } from '../infrastructure/campaign.repository.js';
import { AcknowledgeCampaignFilingCommand, ReturnCampaignFilingCommand, SendCampaignFilingCommand } from './filing-commands.js';

/** The national bureau's inbox page (frontend) and the province's campaign page. */
const INBOX_LINK = '/national';
const campaignLink = (id: string) => `/province/campaigns/${id}`;
const MAX_ATTACHMENTS = 20;

/** Sending a filing, shared by the send command and the summary's filing (总结上报 sends the summary). */
@Injectable()
export class FilingDesk {
  constructor(private readonly filings: CampaignFilings, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async send(actor: Actor, c: Campaign, kind: FilingKind, note: string | null, attachmentIds: readonly string[], now: Date): Promise<CampaignFiling> {
    if (attachmentIds.length > MAX_ATTACHMENTS) {
      throw DomainError.validation('filing_attachments_too_many', { zh: `附件不超过 ${MAX_ATTACHMENTS} 个`, en: `at most ${MAX_ATTACHMENTS} attachments` });
    }
    const unknown = await unknownAttachments(this.uow.em, attachmentIds, c.ownerOrgId);
    if (unknown.length) throw attachmentsNotOwned(unknown, { zh: '本单位', en: 'the provincial bureau' });
    const existing = await this.filings.find(c.id, kind);
    const f = CampaignFiling.send(existing, randomUUID(), c, kind, actor, { note, attachmentIds }, now);
    await this.filings.save(f);
    const late = f.daysLate(now);
    const [national] = await this.uow.em.execute<{ id: string; region_path: string }[]>(
      `select id, region_path from organization where kind = 'bureau' and region_path = '/' order by id limit 1`);
    if (national) {
      await this.notifications.deliver(this.uow.em, {
        recipientOrgId: national.id, recipientRegionPath: national.region_path,
        titleZh: `收到${FILING_KIND_ZH[kind]}：${c.title}`, titleEn: `Received: the ${FILING_KIND_EN[kind]} ${c.title}`,
        bodyZh: `应于 ${f.dueDate} 前报送${late ? `，逾期 ${late} 天` : ''}，请签收。`,
        bodyEn: `Due by ${f.dueDate}${late ? `, ${late} days late` : ''}: please acknowledge it.`,
        link: INBOX_LINK, dedupeKey: `campaign-filing-${f.id}-sent-${f.sendCount}`,
      });
    }
    return f;
  }

  /** Tells the province what the national bureau did with its filing. */
  async tellProvince(f: CampaignFiling, what: 'acknowledged' | 'returned'): Promise<void> {
    const [org] = await this.uow.em.execute<{ id: string; region_path: string }[]>('select id, region_path from organization where id = ?', [f.ownerOrgId]);
    const zh = what === 'acknowledged' ? '已签收' : '被退回';
    await this.notifications.deliverTo(this.uow.em, org ? { id: org.id, regionPath: org.region_path } : null, {
      titleZh: `国家医疗保障局${zh}${FILING_KIND_ZH[f.kind]}`, titleEn: `The national bureau ${what} the ${FILING_KIND_EN[f.kind]}`,
      bodyZh: what === 'returned' ? `退回理由：${f.returnReason ?? ''}。请修改后重新报送。` : `${FILING_KIND_ZH[f.kind]}已由国家医疗保障局签收。`,
      bodyEn: what === 'returned' ? `Reason: ${f.returnReason ?? ''}. Correct it and send it again.` : `The national bureau acknowledged the ${FILING_KIND_EN[f.kind]}.`,
      link: campaignLink(f.campaignId), dedupeKey: `campaign-filing-${f.id}-${what}-${f.sendCount}`,
    });
  }
}

@CommandHandler(SendCampaignFilingCommand)
export class SendCampaignFilingHandler implements ICommandHandler<SendCampaignFilingCommand> {
  constructor(private readonly campaigns: Campaigns, private readonly desk: FilingDesk) {}

  async execute({ actor, campaignId, kind, note, attachmentIds }: SendCampaignFilingCommand) {
    const c = await this.campaigns.load(campaignId);
    c.assertOwner(actor);
    const now = new Date();
    // the summary sent while the summary phase is open is its filing (总结上报): the campaign closes
    if (kind === 'summary' && c.phase === 'summary') {
      c.fileSummary(actor, note, now);
      await this.campaigns.save(c);
    }
    const f = await this.desk.send(actor, c, kind, note, attachmentIds, now);
    return { id: f.id };
  }
}

@CommandHandler(AcknowledgeCampaignFilingCommand)
export class AcknowledgeCampaignFilingHandler implements ICommandHandler<AcknowledgeCampaignFilingCommand> {
  constructor(private readonly filings: CampaignFilings, private readonly desk: FilingDesk) {}

  async execute({ actor, filingId }: AcknowledgeCampaignFilingCommand) {
    const f = await this.filings.load(filingId);
    f.acknowledge(actor, new Date());
    await this.filings.save(f);
    await this.desk.tellProvince(f, 'acknowledged');
    return { id: f.id };
  }
}

@CommandHandler(ReturnCampaignFilingCommand)
export class ReturnCampaignFilingHandler implements ICommandHandler<ReturnCampaignFilingCommand> {
  constructor(private readonly filings: CampaignFilings, private readonly desk: FilingDesk) {}

  async execute({ actor, filingId, reason }: ReturnCampaignFilingCommand) {
    const f = await this.filings.load(filingId);
    f.returnToProvince(actor, reason, new Date());
    await this.filings.save(f);
    await this.desk.tellProvince(f, 'returned');
    return { id: f.id };
  }
}

export const FILING_COMMAND_HANDLERS = [SendCampaignFilingHandler, AcknowledgeCampaignFilingHandler, ReturnCampaignFilingHandler];
