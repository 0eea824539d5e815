import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DomainError } from '../../../kernel/errors.js';
import { canonicalJson, commitRecord, completeRecord, DrawError, secretCommitment, type DrawRecord } from '../domain/draw/index.js';
import {
  FlightInspection, flightDrawParameters, validFlightInput, validWitnessSecrets, type FlightTeamMember,
} from '../domain/flight-inspection.js';
import { Inspection } from '../domain/inspection.js';
import { DEFAULT_CHECKLIST_ITEMS } from '../domain/spot-check.js';
import { FlightInspections } from '../infrastructure/flight-inspections.repository.js';
import { SpotChecks } from '../infrastructure/spot-check.repository.js';
import { FlightLeads } from './flight-leads.js';
import { HandOverFlightInspectionCommand, OrganizeFlightInspectionCommand, StartFlightInspectionCommand } from './flight-inspection.commands.js';

/** The draw engine's refusal in the flight inspection's words. */
function explained(err: unknown): unknown {
  if (err instanceof DrawError && err.code === 'draw_team_unfillable') {
    return DomainError.conflict('draw_team_unfillable', {
      zh: `符合回避要求（非被检查省份、与机构无关联）的检查人员不足，无法为机构 ${String(err.details?.providerId)} 组成检查组；请减少检查组人数`,
      en: `not enough eligible inspectors (from another province, not linked to it) to form a team for institution ${String(err.details?.providerId)}; lower the team size`,
    }, err.details);
  }
  return err;
}

@CommandHandler(OrganizeFlightInspectionCommand)
export class OrganizeFlightInspectionHandler implements ICommandHandler<OrganizeFlightInspectionCommand> {
  constructor(private readonly flights: FlightInspections, private readonly spotChecks: SpotChecks) {}

  async execute({ actor, input }: OrganizeFlightInspectionCommand) {
    FlightInspection.assertOrganizer(actor);
    const now = new Date();
    const v = validFlightInput(input, now);
    if (!(await this.flights.provinceExists(v.provinceCode))) {
      throw DomainError.validation('flight_inspection_province_invalid', { zh: `省份不存在：${v.provinceCode}`, en: `no such province: ${v.provinceCode}` }, { field: 'provinceCode' });
    }
    const secrets = validWitnessSecrets(input.witnessSecrets);
    const beacon = typeof input.beacon === 'string' && input.beacon.trim() ? input.beacon.trim().slice(0, 500) : null;
    const found = await this.flights.institutions(v.institutionIds);
    const institutions = new Map([...found].map(([id, i]) => [id, i.regionPath]));
    FlightInspection.assertInProvince(v, institutions);

    const id = randomUUID();
    let record: DrawRecord;
    try {
      const committed = commitRecord({
        spotCheckId: id, parameters: flightDrawParameters(v.teamSize),
        directories: await this.flights.directories(v.provinceCode, v.institutionIds.map((x) => found.get(x)!)),
        witnessCommitments: secrets.map(secretCommitment), beaconRequired: false, committedAt: now.toISOString(),
      });
      record = completeRecord(committed, secrets, beacon);
    } catch (err) {
      throw explained(err);
    }
    const drawn = [...new Set(record.result!.selections.flatMap((s) => s.team))].sort();
    const [names, provinces] = await Promise.all([this.spotChecks.inspectors(drawn), this.flights.inspectorProvinces(drawn)]);
    const team: FlightTeamMember[] = drawn.map((x) => ({
      inspectorId: x, name: names.get(x)?.name ?? x, organizationName: names.get(x)?.organizationName ?? '', provinceCode: provinces.get(x) ?? '',
    }));
    const f = FlightInspection.organize({ id, actor, input: v, institutions, record, recordText: canonicalJson(record), team, now });
    await this.flights.save(f);
    return { id };
  }
}

@CommandHandler(StartFlightInspectionCommand)
export class StartFlightInspectionHandler implements ICommandHandler<StartFlightInspectionCommand> {
  constructor(private readonly flights: FlightInspections, private readonly spotChecks: SpotChecks, private readonly uow: UnitOfWork,
    private readonly notifications: Notifications) {}

  async execute({ actor, flightInspectionId }: StartFlightInspectionCommand) {
    const f = await this.flights.load(flightInspectionId);
    const now = new Date();
    f.start(actor, now);
    await this.flights.save(f);
    // The inspections exist from the start (in the institutions' regions: the province reads them from now on).
    const record = JSON.parse(f.record) as DrawRecord;
    const found = await this.flights.institutions(f.institutionIds);
    const members = new Map(f.team.map((m) => [m.inspectorId, m]));
    let order = 0;
    for (const sel of record.result!.selections) {
      const institution = found.get(sel.providerId);
      if (!institution) throw new Error(`flight institution ${sel.providerId} is not in the organization directory`);
      await this.spotChecks.saveInspection(Inspection.forFlight({
        id: randomUUID(), flightInspectionId: f.id, spotCheckTitle: `飞行检查：${f.title}`, checklistItems: [...DEFAULT_CHECKLIST_ITEMS],
        institution, cityCode: institution.regionCode.slice(0, 4), kind: sel.kind, level: sel.level, drawOrder: order++,
        team: sel.team.map((x) => ({ inspectorId: x, name: members.get(x)?.name ?? x, organizationName: members.get(x)?.organizationName ?? '' })),
        dueDate: f.endDate, createdAt: now,
      }));
    }
    // 「各省级医保部门接到飞行检查通知后……积极主动配合检查」: the province's bureau is told now, not before.
    for (const bureau of await this.flights.bureausAt(f.provincePath)) {
      await this.notifications.deliver(this.uow.em, {
        recipientOrgId: bureau.id, recipientRegionPath: bureau.regionPath,
        titleZh: `飞行检查通知：${f.title}`, titleEn: `Flight inspection notice: ${f.title}`,
        bodyZh: `国家医疗保障局飞行检查组今日起对本省 ${f.institutionIds.length} 家定点医药机构开展飞行检查（至 ${f.endDate}），请严肃工作纪律，积极主动配合检查。`,
        bodyEn: `The national bureau's flight inspection team inspects ${f.institutionIds.length} designated institutions of the province from today (until ${f.endDate}); please cooperate.`,
        link: `/flight-inspections/${f.id}`, dedupeKey: `flight-inspection-started-${f.id}-${bureau.id}`,
      });
    }
  }
}

@CommandHandler(HandOverFlightInspectionCommand)
export class HandOverFlightInspectionHandler implements ICommandHandler<HandOverFlightInspectionCommand> {
  constructor(private readonly flights: FlightInspections, private readonly spotChecks: SpotChecks, private readonly leads: FlightLeads) {}

  async execute({ actor, flightInspectionId }: HandOverFlightInspectionCommand) {
    const f = await this.flights.load(flightInspectionId);
    const [bureau] = await this.flights.bureausAt(f.provincePath);
    const found = await this.flights.institutions(f.institutionIds);
    await f.handOver(actor, await this.flights.inspections(f.id), async (inspectionId) => {
      if (!bureau) throw new Error(`province ${f.provincePath} has no bureau to hand the results to`);
      const i = await this.spotChecks.loadInspection(inspectionId);
      const institution = found.get(i.institutionId);
      const total = i.findings.reduce((sum, x) => sum + Math.round(x.amount * 100), 0);
      return this.leads.handOver(actor, {
        flightInspectionId: f.id, sourceRef: `飞检-${f.flightNo}/${i.id}`, regionCode: institution?.regionCode ?? f.provinceCode,
        institutionOrgId: i.institutionId,
        subject: `飞行检查发现问题：${institution?.name ?? i.institutionId}（${i.findings.length} 个问题）`.slice(0, 200),
        facts: [`「${f.title}」${i.inspectedOn ?? ''} 现场检查发现：`, ...i.findings.map((x, n) => `${n + 1}. ${x.type}：${x.description}（涉及金额 ${x.amount.toFixed(2)} 元）`)].join('\n'),
        amountInvolved: (total / 100).toFixed(2), provinceBureauId: bureau.id,
      });
    }, new Date());
    await this.flights.save(f);
  }
}

export const FLIGHT_INSPECTION_COMMAND_HANDLERS = [OrganizeFlightInspectionHandler, StartFlightInspectionHandler, HandOverFlightInspectionHandler];
