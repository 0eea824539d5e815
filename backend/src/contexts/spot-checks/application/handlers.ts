import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DomainError } from '../../../kernel/errors.js';
import { FindingIntake } from '../../findings/index.js';
import { canonicalJson, commitRecord, completeRecord, DrawError, type DrawRecord } from '../domain/draw/index.js';
import { Inspection } from '../domain/inspection.js';
import { assertProvinceOfficial, SpotCheck } from '../domain/spot-check.js';
import { SpotChecks } from '../infrastructure/spot-check.repository.js';
import {
  CommitSpotCheckCommand,
  CreateSpotCheckCommand,
  DrawSpotCheckCommand,
  MarkSpotCheckOverdueCommand,
  RecordInspectionCommand,
  RemindSpotCheckDueCommand,
  SendInspectionCommand,
} from './commands.js';

/** Clearer messages for the draw engine's errors where the details say more than its generic text. */
function explained(err: unknown, witnesses: { name: string }[]): unknown {
  if (!(err instanceof DrawError)) return err;
  const d = (err.details ?? {}) as Record<string, unknown>;
  switch (err.code) {
    case 'spot_check_reveal_mismatch': {
      const i = Number(d.witness);
      const who = witnesses[i]?.name ?? `#${i + 1}`;
      return DomainError.validation('spot_check_reveal_mismatch', {
        zh: `第 ${i + 1} 名见证人（${who}）公开的随机串与其承诺值不符（或随机串数量与见证人数量不一致），未进行抽取`,
        en: `the secret revealed for witness ${i + 1} (${who}) does not match their commitment (or the number of secrets differs from the number of witnesses); nothing was drawn`,
      }, d);
    }
    case 'draw_team_unfillable':
      return DomainError.conflict('draw_team_unfillable', {
        zh: `符合回避要求（非本市、无关联、上年度未检查）的检查人员不足，无法为机构 ${String(d.providerId)} 组成检查组；请调整检查组人数或补充检查人员名录`,
        en: `not enough eligible inspectors (other city, not linked, did not inspect it last year) to form a team for provider ${String(d.providerId)}; lower the team size or add inspectors`,
      }, d);
    case 'spot_check_beacon_required':
      return DomainError.validation('spot_check_beacon_required', {
        zh: '本次抽查要求提供公共随机信标（如指定日期的公开开奖号码或区块哈希），未进行抽取',
        en: 'this spot-check requires a public randomness beacon (e.g. a published lottery result or block hash); nothing was drawn',
      }, d);
    case 'spot_check_population_empty':
      return DomainError.conflict('spot_check_population_empty', {
        zh: '抽查范围（所选设区市和机构类型）内没有定点医药机构，无法公布承诺',
        en: 'there are no designated providers in the chosen cities and kinds: nothing to commit to',
      }, d);
    default:
      return err;
  }
}

@CommandHandler(CreateSpotCheckCommand)
export class CreateSpotCheckHandler implements ICommandHandler<CreateSpotCheckCommand> {
  constructor(private readonly repo: SpotChecks) {}

  async execute({ actor, input }: CreateSpotCheckCommand) {
    assertProvinceOfficial(actor);
    let campaign = null;
    if (input.campaignId !== undefined && input.campaignId !== null && input.campaignId !== '') {
      campaign = await this.repo.campaign(input.campaignId);
      if (!campaign) {
        throw DomainError.validation('spot_check_campaign_unknown', {
          zh: `专项治理不存在或不属于本省：${input.campaignId}`, en: `campaign not found in the province: ${input.campaignId}`,
        }, { campaignId: input.campaignId });
      }
    }
    const s = SpotCheck.create({ ...input, id: randomUUID(), actor, campaign, provinceCities: await this.repo.provinceCities(actor.regionPath), now: new Date() });
    await this.repo.save(s);
    return { id: s.id };
  }
}

@CommandHandler(CommitSpotCheckCommand)
export class CommitSpotCheckHandler implements ICommandHandler<CommitSpotCheckCommand> {
  constructor(private readonly repo: SpotChecks) {}

  async execute({ actor, spotCheckId, witnessCommitments }: CommitSpotCheckCommand) {
    const s = await this.repo.load(spotCheckId);
    s.assertOwner(actor);
    s.assertStatus('draft');
    const commitments = s.validCommitments(witnessCommitments);
    const now = new Date();
    // The directories are read in this transaction: the record commits to exactly what was in scope now.
    const directories = await this.repo.directories(s);
    let record: DrawRecord;
    try {
      record = commitRecord({
        spotCheckId: s.id, parameters: s.parameters, directories, witnessCommitments: commitments,
        beaconRequired: s.beaconRequired, committedAt: now.toISOString(),
      });
    } catch (err) {
      throw explained(err, s.witnesses);
    }
    s.commit(actor, record, now);
    await this.repo.save(s);
    await this.repo.saveRecord(s, canonicalJson(record), now);
  }
}

@CommandHandler(DrawSpotCheckCommand)
export class DrawSpotCheckHandler implements ICommandHandler<DrawSpotCheckCommand> {
  constructor(private readonly repo: SpotChecks) {}

  async execute({ actor, spotCheckId, witnessSecrets, beacon }: DrawSpotCheckCommand) {
    const s = await this.repo.load(spotCheckId);
    s.assertOwner(actor);
    s.assertStatus('committed');
    const text = await this.repo.recordText(s.id);
    if (!text) throw new Error(`spot-check ${s.id} is committed without a stored record`);
    let record: DrawRecord;
    try {
      record = completeRecord(JSON.parse(text) as DrawRecord, Array.isArray(witnessSecrets) ? witnessSecrets : [], beacon);
    } catch (err) {
      throw explained(err, s.witnesses);
    }
    const now = new Date();
    s.draw(actor, record, now);
    await this.repo.save(s);
    await this.repo.saveRecord(s, canonicalJson(record), now);

    const selections = record.result!.selections;
    const institutions = await this.repo.institutions(selections.map((x) => x.providerId));
    const inspectors = await this.repo.inspectors([...new Set(selections.flatMap((x) => x.team))]);
    let order = 0;
    for (const sel of selections) {
      const institution = institutions.get(sel.providerId);
      if (!institution) throw new Error(`drawn provider ${sel.providerId} is not in the organization directory`);
      const inspection = Inspection.assign({
        id: randomUUID(), spotCheckId: s.id, spotCheckTitle: s.title, campaignId: s.campaignId, checklistItems: s.checklistItems,
        institution, cityCode: sel.cityCode, kind: sel.kind, level: sel.level, drawOrder: order++,
        team: sel.team.map((id) => {
          const x = inspectors.get(id);
          return { inspectorId: id, name: x?.name ?? id, organizationName: x?.organizationName ?? '' };
        }),
        dueDate: s.dueDate, createdAt: now,
      });
      await this.repo.saveInspection(inspection);
    }
  }
}

@CommandHandler(RecordInspectionCommand)
export class RecordInspectionHandler implements ICommandHandler<RecordInspectionCommand> {
  constructor(private readonly repo: SpotChecks) {}

  async execute({ actor, inspectionId, input }: RecordInspectionCommand) {
    const inspection = await this.repo.loadInspection(inspectionId);
    const interviews = Array.isArray(input.interviews) ? (input.interviews as { attachmentIds?: unknown }[]) : [];
    const ids = [...(input.attachmentIds ?? []), ...(input.findings ?? []).flatMap((f) => f.attachmentIds ?? []),
      ...interviews.flatMap((v) => (Array.isArray(v?.attachmentIds) ? v.attachmentIds : []))].map(String);
    inspection.record(actor, input, await this.repo.attachmentsInScope(ids), new Date());
    await this.repo.saveInspection(inspection);
  }
}

@CommandHandler(SendInspectionCommand)
export class SendInspectionHandler implements ICommandHandler<SendInspectionCommand> {
  constructor(private readonly repo: SpotChecks, private readonly uow: UnitOfWork, private readonly notifications: Notifications,
    private readonly findings: FindingIntake) {}

  async execute({ actor, inspectionId }: SendInspectionCommand) {
    // The spot-check is locked first (as by the overdue step), so that the last of concurrent sends sees the others.
    const spotCheckId = await this.repo.spotCheckOfInspection(inspectionId);
    const s = spotCheckId ? await this.repo.load(spotCheckId) : null;
    const inspection = await this.repo.loadInspection(inspectionId);
    const now = new Date();
    inspection.send(actor, now);
    await this.repo.saveInspection(inspection);
    // send() refuses a flight inspection's result (handed to the province as leads instead).
    if (inspection.origin === 'flight') throw new Error('a flight inspection is never sent');
    // The findings become the institution's to confirm or appeal (the findings context), in this transaction.
    await this.findings.raiseFromInspection(actor, { ...inspection, origin: inspection.origin }, now);
    const n = inspection.findings.length;
    const total = inspection.findings.reduce((sum, f) => sum + Math.round(f.amount * 100), 0) / 100;
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: inspection.ownerOrgId,
      recipientRegionPath: inspection.regionPath,
      titleZh: `${inspection.origin === 'agency' ? '检查' : '抽查'}结果送达：${n ? `发现 ${n} 个问题` : '未发现问题'}`,
      titleEn: `${inspection.origin === 'agency' ? 'Inspection' : 'Spot-check'} result: ${n ? `${n} findings` : 'no findings'}`,
      bodyZh: `「${inspection.spotCheckTitle}」现场检查（${inspection.inspectedOn}）结果已送达${n ? `，涉及金额 ${total.toFixed(2)} 元` : ''}，请查阅。`,
      bodyEn: `The result of the on-site inspection of ${inspection.inspectedOn} (${inspection.spotCheckTitle}) has been sent to you${n ? `; amount involved: ${total.toFixed(2)} yuan` : ''}.`,
      link: `/inspections/${inspection.id}`,
      dedupeKey: `inspection-sent-${inspection.id}`,
    });
    // The last result sent closes the spot-check.
    if (s && (await this.repo.unsentCount(s.id)) === 0 && s.close(actor, now)) await this.repo.save(s);
  }
}

async function notifyProvince(repo: SpotChecks, notifications: Notifications, uow: UnitOfWork, s: SpotCheck,
  msg: { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; key: string }): Promise<boolean> {
  let any = false;
  for (const bureau of await repo.organizationsAt(s.regionPath, ['bureau'])) {
    any = (await notifications.deliver(uow.em, {
      recipientOrgId: bureau.id, recipientRegionPath: bureau.regionPath,
      titleZh: msg.titleZh, titleEn: msg.titleEn, bodyZh: msg.bodyZh, bodyEn: msg.bodyEn,
      link: `/spot-checks/${s.id}`, dedupeKey: `${msg.key}-${bureau.id}`,
    })) || any;
  }
  return any;
}

@CommandHandler(RemindSpotCheckDueCommand)
export class RemindSpotCheckDueHandler implements ICommandHandler<RemindSpotCheckDueCommand> {
  constructor(private readonly repo: SpotChecks, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, spotCheckId }: RemindSpotCheckDueCommand) {
    const s = await this.repo.load(spotCheckId);
    if (s.status !== 'drawn') return false;
    const unsent = await this.repo.unsentCount(s.id);
    if (!unsent) return false;
    const delivered = await notifyProvince(this.repo, this.notifications, this.uow, s, {
      titleZh: `抽查即将到期：${unsent} 家机构的检查结果尚未送达`,
      titleEn: `Spot-check due soon: ${unsent} inspection results not sent yet`,
      bodyZh: `「${s.title}」应于 ${s.dueDate} 前完成现场检查并送达结果，目前还有 ${unsent} 家未送达。`,
      bodyEn: `"${s.title}" is due on ${s.dueDate}; ${unsent} inspection results have not been sent yet.`,
      key: `spot-check-remind-${s.id}`,
    });
    if (!delivered) return false;
    s.addHistory('reminded', actor, new Date(), `${unsent} 家未送达`);
    await this.repo.save(s);
    return true;
  }
}

@CommandHandler(MarkSpotCheckOverdueCommand)
export class MarkSpotCheckOverdueHandler implements ICommandHandler<MarkSpotCheckOverdueCommand> {
  constructor(private readonly repo: SpotChecks, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, spotCheckId }: MarkSpotCheckOverdueCommand) {
    const s = await this.repo.load(spotCheckId);
    const unsent = await this.repo.unsentCount(s.id);
    if (!unsent || !s.markOverdue(actor, unsent, new Date())) return false;
    await this.repo.flagOverdueInspections(s.id);
    await this.repo.save(s);
    await notifyProvince(this.repo, this.notifications, this.uow, s, {
      titleZh: `抽查逾期：${unsent} 家机构的检查结果未按期送达`,
      titleEn: `Spot-check overdue: ${unsent} inspection results not sent by the due date`,
      bodyZh: `「${s.title}」已过截止日期 ${s.dueDate}，仍有 ${unsent} 家机构的检查结果未送达，已标记为逾期。`,
      bodyEn: `"${s.title}" passed its due date ${s.dueDate} with ${unsent} inspection results not sent; they are flagged overdue.`,
      key: `spot-check-overdue-${s.id}`,
    });
    return true;
  }
}

export const SPOT_CHECK_COMMAND_HANDLERS = [
  CreateSpotCheckHandler, CommitSpotCheckHandler, DrawSpotCheckHandler, RecordInspectionHandler, SendInspectionHandler,
  RemindSpotCheckDueHandler, MarkSpotCheckOverdueHandler,
];
