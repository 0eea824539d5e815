import { addCalendarDays, chinaDateOf } from '../../../platform/calendar/working-days.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { isDate } from './spot-check.js';
import type { DrawParameters, DrawRecord } from './draw/index.js';

// 飞行检查 (seed 003 一(三)): the national bureau inspects chosen institutions of one province without
// notice (「不打招呼」), with a team drawn from the inspectors of OTHER provinces by the spot-check draw
// engine, records each institution's inspection like any inspection (origin 'flight'), and hands the
// results to the province, which follows each one up as a lead of its ledger (「后续查处」).
//
// What the province sees, and when: nothing while the inspection is only organized (status drawn:
// the row is the national bureau's, and no inspection exists yet); from its start (the team arrives,
// status started) the province's bureaus and agencies read the flight inspection and its
// inspections, and its bureau is notified (「接到飞行检查通知」); from the hand-over, the leads in its ledger.

export type FlightInspectionStatus = 'drawn' | 'started' | 'handed_over';
export const FLIGHT_INSPECTION_STATUSES: readonly FlightInspectionStatus[] = ['drawn', 'started', 'handed_over'];

export const FLIGHT_INSPECTION_EVENTS = {
  organized: 'FlightInspectionOrganized',
  started: 'FlightInspectionStarted',
  handedOver: 'FlightInspectionHandedOver',
} as const;

/** At most this many institutions in one flight inspection. */
export const FLIGHT_MAX_INSTITUTIONS = 50;
/** The inspection lasts at most this many calendar days (start to end inclusive). */
export const FLIGHT_MAX_DAYS = 30;
/** The start date lies at most this many days ahead. */
export const FLIGHT_MAX_LEAD_DAYS = 366;

/** A team member as drawn, with the province they come from. */
export interface FlightTeamMember { inspectorId: string; name: string; organizationName: string; provinceCode: string }
/** One handed-over result: the institution's inspection and the lead it became (null: nothing found, no lead). */
export interface FlightResult { inspectionId: string; institutionId: string; leadId: string | null }

export interface FlightInspectionInput {
  title: unknown;
  provinceCode: unknown;
  institutionIds: unknown;
  startDate: unknown;
  endDate: unknown;
  teamSize?: unknown;
}

export const isNationalOverseer = (actor: Actor): boolean =>
  hasRole(actor, 'national_overseer') && actor.organizationKind === 'bureau' && actor.regionPath === '/';

const forbidden = () => DomainError.forbidden('flight_inspection_forbidden', {
  zh: '只有国家医疗保障局可以组织飞行检查', en: 'only the national bureau may organize a flight inspection',
});

/** The draw's parameters: every chosen institution is inspected (ratio 1), no risk weights, the team size per institution. */
export function flightDrawParameters(teamSize: number): DrawParameters {
  return { defaultRatio: 1, ratios: {}, teamSize, riskWeighted: false };
}

/** The witnesses' secrets of the draw (the seed's inputs): 1–5 distinct texts of 8–200 characters. */
export function validWitnessSecrets(input: unknown): string[] {
  const list = Array.isArray(input) ? input : [];
  const bad = !list.length || list.length > 5 || list.some((s) => typeof s !== 'string' || s.length < 8 || s.length > 200) || new Set(list).size !== list.length;
  if (bad) {
    throw DomainError.validation('flight_inspection_secrets_invalid', {
      zh: '请提供 1 至 5 名见证人的随机串（各 8 至 200 个字符，互不相同），用于生成可验证的抽取种子',
      en: "give 1 to 5 witnesses' secrets (8 to 200 characters each, all different): they make the draw's verifiable seed",
    }, { count: list.length });
  }
  return list as string[];
}

/** The validated organizing input (the institutions' existence and province are checked against the directory by `organize`). */
export interface ValidFlightInput {
  title: string; provinceCode: string; institutionIds: string[]; startDate: string; endDate: string; teamSize: number;
}

export function validFlightInput(input: FlightInspectionInput, now: Date): ValidFlightInput {
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (!title || title.length > 200) {
    throw DomainError.validation('flight_inspection_title_required', { zh: '请填写飞行检查名称（不超过 200 个字符）', en: 'the flight inspection needs a title of at most 200 characters' }, { field: 'title' });
  }
  const provinceCode = typeof input.provinceCode === 'string' ? input.provinceCode.trim() : '';
  if (!/^\d{2}$/.test(provinceCode)) {
    throw DomainError.validation('flight_inspection_province_invalid', { zh: `被检查省份无效：${String(input.provinceCode)}（两位省级行政区划代码）`, en: `invalid province: ${String(input.provinceCode)} (a two-digit province code)` }, { field: 'provinceCode' });
  }
  const ids = Array.isArray(input.institutionIds) ? input.institutionIds : [];
  if (!ids.length || ids.length > FLIGHT_MAX_INSTITUTIONS || ids.some((x) => typeof x !== 'string' || !x.trim())) {
    throw DomainError.validation('flight_inspection_institutions_invalid', {
      zh: `请选择 1 至 ${FLIGHT_MAX_INSTITUTIONS} 家被检查机构`, en: `choose 1 to ${FLIGHT_MAX_INSTITUTIONS} institutions to inspect`,
    }, { field: 'institutionIds', count: ids.length });
  }
  const institutionIds = [...new Set((ids as string[]).map((x) => x.trim()))];
  if (institutionIds.length !== ids.length) {
    throw DomainError.validation('flight_inspection_institutions_invalid', { zh: '被检查机构重复', en: 'an institution is chosen twice' }, { field: 'institutionIds' });
  }
  const today = chinaDateOf(now);
  for (const [field, value] of [['startDate', input.startDate], ['endDate', input.endDate]] as const) {
    if (!isDate(value)) {
      throw DomainError.validation('flight_inspection_dates_invalid', { zh: `日期无效（${field}）：${String(value)}（格式 YYYY-MM-DD）`, en: `${field} is not a date (YYYY-MM-DD): ${String(value)}` }, { field });
    }
  }
  const startDate = input.startDate as string;
  const endDate = input.endDate as string;
  if (startDate < today || startDate > addCalendarDays(today, FLIGHT_MAX_LEAD_DAYS)) {
    throw DomainError.validation('flight_inspection_dates_invalid', {
      zh: `开始日期应在今天（${today}）至 ${addCalendarDays(today, FLIGHT_MAX_LEAD_DAYS)} 之间：${startDate}`,
      en: `the start date must lie between today (${today}) and ${addCalendarDays(today, FLIGHT_MAX_LEAD_DAYS)}: ${startDate}`,
    }, { field: 'startDate' });
  }
  if (endDate < startDate || endDate > addCalendarDays(startDate, FLIGHT_MAX_DAYS - 1)) {
    throw DomainError.validation('flight_inspection_dates_invalid', {
      zh: `结束日期应不早于开始日期，且检查期不超过 ${FLIGHT_MAX_DAYS} 天：${endDate}`,
      en: `the end date must not be before the start date, and the inspection lasts at most ${FLIGHT_MAX_DAYS} days: ${endDate}`,
    }, { field: 'endDate' });
  }
  const teamSize = input.teamSize === undefined || input.teamSize === null ? 2 : input.teamSize;
  if (typeof teamSize !== 'number' || !Number.isInteger(teamSize) || teamSize < 2 || teamSize > 5) {
    throw DomainError.validation('spot_check_team_size_invalid', { zh: '检查组人数应为 2 至 5 人', en: 'the team size must be a whole number from 2 to 5' }, { teamSize, min: 2, max: 5 });
  }
  return { title, provinceCode, institutionIds, startDate, endDate, teamSize };
}

/**
 * A flight inspection: organized with its team drawn (drawn), started when the team arrives (the
 * province sees it from then on; its inspections exist from then on), handed over to the province
 * once every inspection is recorded (each result with findings becomes a lead in its ledger).
 */
export class FlightInspection {
  id!: string;
  flightNo: number | null = null;
  regionPath!: string;
  ownerOrgId!: string;
  provincePath!: string;
  provinceCode!: string;
  title!: string;
  institutionIds: string[] = [];
  startDate!: string;
  endDate!: string;
  teamSize!: number;
  team: FlightTeamMember[] = [];
  record!: string;
  resultHash!: string;
  status: FlightInspectionStatus = 'drawn';
  results: FlightResult[] = [];
  createdAt!: Date;
  createdBy!: string;
  startedAt: Date | null = null;
  handedOverAt: Date | null = null;
  isNew = false;

  static assertOrganizer(actor: Actor): void {
    if (!isNationalOverseer(actor)) throw forbidden();
  }

  /** Every chosen institution is a designated institution of the inspected province (`institutions`: id → region path, as found). */
  static assertInProvince(v: ValidFlightInput, institutions: ReadonlyMap<string, string>): void {
    const outside = v.institutionIds.filter((id) => !(institutions.get(id) ?? '').startsWith(`/${v.provinceCode}/`));
    if (outside.length) {
      throw DomainError.validation('flight_inspection_institution_outside', {
        zh: `不是该省的定点医药机构：${outside.join('、')}`, en: `not a designated institution of the province: ${outside.join(', ')}`,
      }, { field: 'institutionIds', institutionIds: outside });
    }
  }

  /**
   * Organized with its drawn team. `institutions`: the chosen ones found in the directory (id → region
   * path); each must lie in the province. `record`: the completed draw record (its result's teams).
   */
  static organize(input: {
    id: string; actor: Actor; input: ValidFlightInput; institutions: ReadonlyMap<string, string>;
    record: DrawRecord; recordText: string; team: FlightTeamMember[]; now: Date;
  }): FlightInspection {
    FlightInspection.assertOrganizer(input.actor);
    const v = input.input;
    const provincePath = `/${v.provinceCode}/`;
    FlightInspection.assertInProvince(v, input.institutions);
    const foreign = input.team.filter((m) => m.provinceCode === v.provinceCode);
    if (foreign.length || !input.record.result || !input.record.resultHash) throw new Error('a flight team must come from other provinces, drawn');
    const f = Object.assign(new FlightInspection(), {
      id: input.id, regionPath: input.actor.regionPath, ownerOrgId: input.actor.organizationId, provincePath, provinceCode: v.provinceCode,
      title: v.title, institutionIds: [...v.institutionIds], startDate: v.startDate, endDate: v.endDate, teamSize: v.teamSize,
      team: input.team, record: input.recordText, resultHash: input.record.resultHash, createdAt: input.now, createdBy: input.actor.displayName, isNew: true,
    });
    f.emit(FLIGHT_INSPECTION_EVENTS.organized, { provinceCode: f.provinceCode, institutions: f.institutionIds.length, resultHash: f.resultHash });
    return f;
  }

  /** The team arrives: the inspections are created and the province is told (from now on it sees the inspection). */
  start(actor: Actor, now: Date): void {
    FlightInspection.assertOrganizer(actor);
    if (this.status !== 'drawn') {
      throw DomainError.conflict('flight_inspection_started', { zh: '飞行检查已开始', en: 'the flight inspection has started already' }, { status: this.status });
    }
    const today = chinaDateOf(now);
    if (today < this.startDate) {
      throw DomainError.conflict('flight_inspection_not_yet', {
        zh: `飞行检查定于 ${this.startDate} 开始，不能提前开始`, en: `the flight inspection starts on ${this.startDate}: it cannot start earlier`,
      }, { startDate: this.startDate });
    }
    this.status = 'started';
    this.startedAt = now;
    this.emit(FLIGHT_INSPECTION_EVENTS.started, { provinceCode: this.provinceCode });
  }

  /**
   * Hands the results to the province: every inspection must be recorded. `inspections`: the flight's
   * inspections as they stand; `leadFor` registers the lead of a result with findings (null: none).
   */
  async handOver(actor: Actor, inspections: { id: string; institutionId: string; status: string; findings: number }[],
    leadFor: (inspectionId: string) => Promise<string>, now: Date): Promise<void> {
    FlightInspection.assertOrganizer(actor);
    if (this.status !== 'started') {
      throw DomainError.conflict('flight_inspection_not_started', {
        zh: this.status === 'drawn' ? '飞行检查尚未开始，不能移交结果' : '检查结果已移交',
        en: this.status === 'drawn' ? 'the flight inspection has not started: there is nothing to hand over' : 'the results have been handed over already',
      }, { status: this.status });
    }
    const unrecorded = inspections.filter((i) => i.status === 'assigned');
    if (unrecorded.length || !inspections.length) {
      throw DomainError.conflict('flight_inspection_unrecorded', {
        zh: `还有 ${unrecorded.length} 家机构的检查结果未录入，录入后才能移交`,
        en: `${unrecorded.length} inspections have no recorded result yet: record them before handing over`,
      }, { unrecorded: unrecorded.map((i) => i.id) });
    }
    const results: FlightResult[] = [];
    for (const i of inspections) results.push({ inspectionId: i.id, institutionId: i.institutionId, leadId: i.findings > 0 ? await leadFor(i.id) : null });
    this.results = results;
    this.status = 'handed_over';
    this.handedOverAt = now;
    this.emit(FLIGHT_INSPECTION_EVENTS.handedOver, { provinceCode: this.provinceCode, leads: results.filter((r) => r.leadId).length });
  }

  private emit(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'FlightInspection', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}
