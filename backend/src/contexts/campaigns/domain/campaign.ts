import type { CampaignInstants, CampaignWorkflowInput, CampaignWorkflowPhase, RemindedPhase } from '@fundsup/workflows/contracts';
import { recordEvent } from '../../../kernel/aggregate.js';
import { actorData, hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { levelOfPath } from '../../../kernel/region-path.js';
import { addCalendarDays, addWorkingDays, chinaDateOf, chinaInstant } from '../../../platform/calendar/working-days.js';

export const CAMPAIGN_EVENTS = {
  created: 'CampaignCreated',
  updated: 'CampaignUpdated',
  assigned: 'CampaignAssigned',
  phaseOpened: 'CampaignPhaseOpened',
  summaryOverdue: 'CampaignSummaryOverdue',
  summaryFiled: 'CampaignSummaryFiled',
  /** A page of self-inspection tasks created for a city (bulk SQL; payload { campaignId, cityCode, created }). */
  tasksCreated: 'SelfInspectionTasksCreated',
  /** A city's unsubmitted tasks marked missing at the self-inspection's close (bulk SQL; { campaignId, cityCode, missing }). */
  tasksMissing: 'SelfInspectionsMarkedMissing',
} as const;

export type InstitutionKind = 'hospital' | 'pharmacy' | 'clinic';
export const INSTITUTION_KINDS: readonly InstitutionKind[] = ['hospital', 'pharmacy', 'clinic'];
export const KIND_ZH: Record<InstitutionKind, string> = { hospital: '医院', pharmacy: '零售药店', clinic: '基层医疗机构/诊所' };
export const KIND_EN: Record<InstitutionKind, string> = { hospital: 'Hospitals', pharmacy: 'Retail pharmacies', clinic: 'Primary care and clinics' };

/** Scope restrictions of seed 003 一(四) (「二级及以上公立医疗机构」): ownership and the lowest level. */
export type InstitutionOwnership = 'public' | 'private';
export const OWNERSHIPS: readonly InstitutionOwnership[] = ['public', 'private'];
export const OWNERSHIP_ZH: Record<InstitutionOwnership, string> = { public: '公立', private: '社会办（民营）' };
export type MinimumLevel = 'tertiary' | 'secondary' | 'primary';
/** From the highest level down: a minimum level admits itself and every level above it. */
export const MINIMUM_LEVELS: readonly MinimumLevel[] = ['tertiary', 'secondary', 'primary'];
export const LEVEL_ZH: Record<MinimumLevel, string> = { tertiary: '三级', secondary: '二级', primary: '一级' };

/** The institution levels a minimum admits (pharmacies, level 'none', never meet one). */
export function levelsFrom(min: MinimumLevel): MinimumLevel[] {
  return MINIMUM_LEVELS.slice(0, MINIMUM_LEVELS.indexOf(min) + 1);
}

export type CampaignStatus = 'draft' | 'assigned' | 'closed';
export type CampaignPhase = 'draft' | CampaignWorkflowPhase;
export const PHASE_ZH: Record<CampaignPhase, string> = {
  draft: '草稿', planning: '方案备案', self_inspection: '自查自纠', spot_check: '抽查复查', summary: '总结上报', closed: '已结束',
};

/** Typical violations by provider type, seed 003 一(四): the focus areas a province picks from. */
export const FOCUS_OPTIONS = [
  {
    code: 'public_hospital_charging', kinds: ['hospital'],
    zh: '二级及以上公立医疗机构：分解收费、超标准收费、重复收费、套用项目收费、不合理诊疗',
    en: 'Public hospitals (secondary and above): split, over-standard, duplicate and mis-coded charging; unreasonable treatment',
  },
  {
    code: 'primary_care_bed_blocking', kinds: ['clinic'],
    zh: '基层医疗机构：挂床住院，串换药品、耗材和诊疗项目',
    en: 'Primary care: phantom inpatient stays; swapped drugs, consumables and services',
  },
  {
    code: 'private_hospital_fabrication', kinds: ['hospital'],
    zh: '社会办医疗机构：诱导参保人员住院，虚构医疗服务，伪造医疗文书票据，挂床住院，盗刷社保卡',
    en: 'Private hospitals: induced admissions, fabricated services, forged records and receipts, phantom stays, card misuse',
  },
  {
    code: 'pharmacy_card_misuse', kinds: ['pharmacy'],
    zh: '定点零售药店：聚敛盗刷社保卡，诱导参保人员购买化妆品、生活用品',
    en: 'Retail pharmacies: hoarding and misusing insurance cards, selling cosmetics and daily goods on insurance',
  },
] as const;
export type FocusCode = (typeof FOCUS_OPTIONS)[number]['code'];
export interface FocusArea { code: FocusCode | null; text: string }

export interface CampaignCalendar {
  planFiledBy: string;
  selfInspectionStart: string;
  selfInspectionEnd: string;
  spotCheckStart: string;
  spotCheckEnd: string;
  summaryDue: string;
}
export const CALENDAR_FIELDS = ['planFiledBy', 'selfInspectionStart', 'selfInspectionEnd', 'spotCheckStart', 'spotCheckEnd', 'summaryDue'] as const;
export type CalendarPolicy = 'statutory' | 'flexible';

const FIELD_ZH: Record<keyof CampaignCalendar, string> = {
  planFiledBy: '方案备案截止日', selfInspectionStart: '自查开始日', selfInspectionEnd: '自查结束日',
  spotCheckStart: '抽查开始日', spotCheckEnd: '抽查结束日', summaryDue: '总结上报截止日',
};

/** The policy's calendar (seed 003 一(二)): 31 March, 1 April–31 August, 1 September–31 October, 30 November. */
export function defaultCalendar(year: number): CampaignCalendar {
  return {
    planFiledBy: `${year}-03-31`,
    selfInspectionStart: `${year}-04-01`,
    selfInspectionEnd: `${year}-08-31`,
    spotCheckStart: `${year}-09-01`,
    spotCheckEnd: `${year}-10-31`,
    summaryDue: `${year}-11-30`,
  };
}

/**
 * What a new campaign's form starts from on `today` (issue 16): the policy's calendar while it lies
 * ahead; once its plan-filing date is past, under the flexible policy the whole calendar moves to
 * start today (each phase keeps the policy's length), under the statutory policy the phase under way
 * starts today (its window is fixed). A statutory year whose self-inspection window is over has no
 * valid calendar left: the policy's dates come back, and saving names the field.
 */
export function prefilledCalendar(year: number, policy: CalendarPolicy, today: string): CampaignCalendar {
  const base = defaultCalendar(year);
  if (today <= base.planFiledBy) return base;
  if (policy === 'flexible') {
    const shift = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000);
    return Object.fromEntries(CALENDAR_FIELDS.map((f) => [f, addCalendarDays(base[f], shift)])) as unknown as CampaignCalendar;
  }
  const cal = { ...base };
  if (today > cal.selfInspectionStart && today <= cal.selfInspectionEnd) cal.selfInspectionStart = today;
  if (today > cal.spotCheckStart && today <= cal.spotCheckEnd) cal.spotCheckStart = today;
  return cal;
}

/**
 * Checked when the draft is saved, not only at 下发: a calendar whose self-inspection is already over
 * could never be assigned (assign() refuses it with a 409).
 */
export function assertCalendarAhead(cal: CampaignCalendar, now: Date): void {
  const today = chinaDateOf(now);
  if (today > cal.selfInspectionEnd) {
    throw DomainError.validation('campaign_calendar_past', {
      zh: `${FIELD_ZH.selfInspectionEnd}（${cal.selfInspectionEnd}）已过，方案将无法下发：请选择今天（${today}）或以后的日期`,
      en: `selfInspectionEnd (${cal.selfInspectionEnd}) is past, so the campaign could not be assigned: pick today (${today}) or later`,
    }, { field: 'selfInspectionEnd', limit: today });
  }
}

/** Bounds the statutory policy allows for each date: [earliest, latest] (tightening only). */
function statutoryBounds(year: number): Record<keyof CampaignCalendar, [string, string]> {
  return {
    planFiledBy: [`${year}-01-01`, `${year}-03-31`],
    selfInspectionStart: [`${year}-04-01`, `${year}-08-31`],
    selfInspectionEnd: [`${year}-04-01`, `${year}-08-31`],
    spotCheckStart: [`${year}-09-01`, `${year}-10-31`],
    spotCheckEnd: [`${year}-09-01`, `${year}-10-31`],
    summaryDue: [`${year}-01-01`, `${year}-11-30`],
  };
}

function isDate(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
    && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
}

/**
 * The calendar filled in from the defaults and checked: every phase kept, in order, non-empty; under
 * the statutory policy only tightened within the policy's windows of the campaign's year.
 */
export function validCalendar(year: number, input: Partial<CampaignCalendar> | undefined, policy: CalendarPolicy): CampaignCalendar {
  if (input !== undefined && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw DomainError.validation('campaign_calendar_invalid', { zh: '阶段日历格式无效', en: 'the phase calendar must be an object of dates' });
  }
  const cal = { ...defaultCalendar(year) };
  for (const f of CALENDAR_FIELDS) {
    const v = input?.[f];
    if (v === undefined || v === null || v === '') continue;
    if (!isDate(v)) {
      throw DomainError.validation('campaign_date_invalid', { zh: `${FIELD_ZH[f]}不是有效日期（YYYY-MM-DD）：${String(v)}`, en: `${f} is not a date (YYYY-MM-DD): ${String(v)}` }, { field: f });
    }
    cal[f] = v;
  }
  const order: [keyof CampaignCalendar, keyof CampaignCalendar, boolean][] = [
    ['planFiledBy', 'selfInspectionStart', true],
    ['selfInspectionStart', 'selfInspectionEnd', false],
    ['selfInspectionEnd', 'spotCheckStart', true],
    ['spotCheckStart', 'spotCheckEnd', false],
    ['spotCheckEnd', 'summaryDue', true],
  ];
  for (const [a, b, strict] of order) {
    if (strict ? !(cal[a] < cal[b]) : !(cal[a] <= cal[b])) {
      throw DomainError.validation('campaign_calendar_order', {
        zh: `阶段不能省略且须依次进行：${FIELD_ZH[a]}（${cal[a]}）应${strict ? '早于' : '不晚于'}${FIELD_ZH[b]}（${cal[b]}）`,
        en: `phases are kept and in order: ${a} (${cal[a]}) must be ${strict ? 'before' : 'on or before'} ${b} (${cal[b]})`,
      }, { field: b, limit: cal[a] });
    }
  }
  if (policy === 'statutory') {
    const bounds = statutoryBounds(year);
    for (const f of CALENDAR_FIELDS) {
      const [lo, hi] = bounds[f];
      if (cal[f] < lo || cal[f] > hi) {
        const limit = cal[f] < lo ? lo : hi;
        throw DomainError.validation('campaign_calendar_outside_policy', {
          zh: `${FIELD_ZH[f]}（${cal[f]}）超出政策规定的时间范围（${lo} 至 ${hi}），只能在规定时限内提前或压缩`,
          en: `${f} (${cal[f]}) is outside the policy's window ${lo} to ${hi}: dates may only be tightened`,
        }, { field: f, limit });
      }
    }
  } else if (Number(cal.planFiledBy.slice(0, 4)) < year - 1 || Number(cal.summaryDue.slice(0, 4)) > year + 1) {
    throw DomainError.validation('campaign_calendar_outside_policy', {
      zh: `阶段日期应在 ${year} 年前后`, en: `the phase dates must lie around ${year}`,
    }, { field: 'summaryDue', limit: `${year + 1}-12-31` });
  }
  return cal;
}

/**
 * The workflow's instants: a phase opens at 00:00 China time of its start date and closes at 00:00
 * of the day after its end date. Reminders at 09:00, 5 and 1 working days before each close (the
 * ones already past at assignment are left out).
 */
export function campaignInstants(cal: CampaignCalendar, now: Date, region?: string): CampaignInstants {
  const dayAfter = (d: string) => chinaInstant(d).getTime() + 86_400_000;
  const reminders: CampaignInstants['reminders'] = [];
  const remind = (phase: RemindedPhase, lastDay: string, after: string) => {
    // The working days before the close, counted back from the day after the last day.
    const closeDay = chinaDateOf(new Date(dayAfter(lastDay)));
    for (const n of [5, 1]) {
      const day = addWorkingDays(closeDay, -n, region);
      const at = chinaInstant(day, 9);
      if (day >= after && at.getTime() > now.getTime()) reminders.push({ phase, at: at.toISOString() });
    }
  };
  remind('self_inspection', cal.selfInspectionEnd, cal.selfInspectionStart);
  remind('spot_check', cal.spotCheckEnd, cal.spotCheckStart);
  remind('summary', cal.summaryDue, cal.spotCheckEnd);
  reminders.sort((a, b) => a.at.localeCompare(b.at));
  return {
    selfInspectionOpensAt: chinaInstant(cal.selfInspectionStart).toISOString(),
    selfInspectionClosesAt: new Date(dayAfter(cal.selfInspectionEnd)).toISOString(),
    spotCheckOpensAt: chinaInstant(cal.spotCheckStart).toISOString(),
    spotCheckClosesAt: new Date(dayAfter(cal.spotCheckEnd)).toISOString(),
    summaryDueAt: new Date(dayAfter(cal.summaryDue)).toISOString(),
    reminders,
  };
}

export interface CampaignInput {
  year: number;
  title: string;
  focusAreas: ({ code?: string | null; text?: string | null })[];
  cityCodes?: string[] | null;
  institutionKinds: string[];
  /** Only institutions of this ownership (none: any). */
  ownership?: string | null;
  /** Only institutions of this level or above (none: any level). */
  minLevel?: string | null;
  calendar?: Partial<CampaignCalendar>;
}

export interface CityRef { code: string; name: string; path: string }

function validFocus(input: CampaignInput['focusAreas']): FocusArea[] {
  if (!Array.isArray(input) || input.length < 1 || input.length > 2) {
    throw DomainError.validation('campaign_focus_count', { zh: '请确定 1 至 2 个专项治理重点', en: 'choose 1 or 2 focus areas' }, { count: Array.isArray(input) ? input.length : 0 });
  }
  const areas = input.map((f): FocusArea => {
    if (f && typeof f.code === 'string' && f.code) {
      const opt = FOCUS_OPTIONS.find((o) => o.code === f.code);
      if (!opt) throw DomainError.validation('campaign_focus_unknown', { zh: `未知的治理重点：${f.code}`, en: `unknown focus area: ${f.code}` }, { code: f.code });
      return { code: opt.code, text: opt.zh };
    }
    const text = typeof f?.text === 'string' ? f.text.trim() : '';
    if (!text || text.length > 60) {
      throw DomainError.validation('campaign_focus_unknown', { zh: '自定义治理重点应为 1 至 60 个字符', en: 'a free-text focus area must be 1 to 60 characters' });
    }
    return { code: null, text };
  });
  if (new Set(areas.map((a) => a.code ?? a.text)).size !== areas.length) {
    throw DomainError.validation('campaign_focus_count', { zh: '治理重点重复', en: 'the same focus area is chosen twice' });
  }
  return areas;
}

function validKinds(kinds: unknown): InstitutionKind[] {
  if (!Array.isArray(kinds) || !kinds.length) {
    throw DomainError.validation('campaign_kinds_required', { zh: '请选择纳入治理范围的机构类型', en: 'choose at least one kind of institution' });
  }
  const bad = kinds.filter((k) => !INSTITUTION_KINDS.includes(k as InstitutionKind));
  if (bad.length) {
    throw DomainError.validation('campaign_kinds_required', { zh: `未知的机构类型：${bad.join('、')}`, en: `unknown institution kinds: ${bad.join(', ')}` }, { kinds: bad });
  }
  return INSTITUTION_KINDS.filter((k) => kinds.includes(k));
}

function validOwnership(v: unknown): InstitutionOwnership | null {
  if (v === undefined || v === null || v === '') return null;
  if (!OWNERSHIPS.includes(v as InstitutionOwnership)) {
    throw DomainError.validation('campaign_ownership_unknown', {
      zh: `未知的机构性质：${String(v)}（可选：公立 public、社会办 private，或不限）`,
      en: `unknown ownership: ${String(v)} (public, private, or none for any)`,
    }, { ownership: v, allowed: OWNERSHIPS });
  }
  return v as InstitutionOwnership;
}

function validMinLevel(v: unknown, kinds: InstitutionKind[]): MinimumLevel | null {
  if (v === undefined || v === null || v === '') return null;
  if (!MINIMUM_LEVELS.includes(v as MinimumLevel)) {
    throw DomainError.validation('campaign_level_unknown', {
      zh: `未知的机构等级：${String(v)}（可选：三级 tertiary、二级 secondary、一级 primary，或不限）`,
      en: `unknown minimum level: ${String(v)} (tertiary, secondary, primary, or none for any)`,
    }, { minLevel: v, allowed: MINIMUM_LEVELS });
  }
  // Retail pharmacies have no level: with a minimum level none of them would get a task.
  if (kinds.includes('pharmacy')) {
    throw DomainError.validation('campaign_level_not_applicable', {
      zh: '零售药店不分等级：限定最低等级时请不要选择「零售药店」',
      en: 'retail pharmacies have no level: leave them out when a minimum level is set',
    }, { minLevel: v });
  }
  return v as MinimumLevel;
}

function validCities(codes: string[] | null | undefined, provinceCities: CityRef[]): string[] {
  if (codes === undefined || codes === null || (Array.isArray(codes) && codes.length === 0)) return provinceCities.map((c) => c.code);
  if (!Array.isArray(codes)) throw DomainError.validation('campaign_city_unknown', { zh: '覆盖城市格式无效', en: 'cityCodes must be a list' });
  const unknown = codes.filter((c) => !provinceCities.some((p) => p.code === c));
  if (unknown.length) {
    throw DomainError.validation('campaign_city_unknown', { zh: `不是本省的设区市：${unknown.join('、')}`, en: `not cities of the province: ${unknown.join(', ')}` }, { cityCodes: unknown });
  }
  return provinceCities.map((c) => c.code).filter((c) => codes.includes(c));
}

export function assertProvinceOfficial(actor: Actor): void {
  if (!hasRole(actor, 'province_official') || actor.organizationKind !== 'bureau' || levelOfPath(actor.regionPath) !== 'province') {
    throw DomainError.forbidden('campaign_forbidden', { zh: '只有省级医保行政部门可以执行此操作', en: 'only the provincial bureau may do this' });
  }
}

/** One province's special campaign of a year (专项治理). The workflow owns its clock (ADR 0007). */
export class Campaign {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  year!: number;
  title!: string;
  focusAreas!: FocusArea[];
  cityCodes!: string[];
  institutionKinds!: InstitutionKind[];
  ownership: InstitutionOwnership | null = null;
  minLevel: MinimumLevel | null = null;
  calendar!: CampaignCalendar;
  status: CampaignStatus = 'draft';
  phase: CampaignPhase = 'draft';
  assignedAt: Date | null = null;
  planFiledLate = false;
  summaryFiledAt: Date | null = null;
  summaryComment: string | null = null;
  summaryOverdue = false;
  createdAt!: Date;
  createdBy!: string;
  isNew = false;
  /** History rows added by this command (written by the repository). */
  newHistory: { action: string; comment: string | null; byUserId: string; byName: string; at: Date }[] = [];

  static create(id: string, actor: Actor, input: CampaignInput, cities: CityRef[], policy: CalendarPolicy, now: Date): Campaign {
    assertProvinceOfficial(actor);
    const c = Object.assign(new Campaign(), { id, regionPath: actor.regionPath, ownerOrgId: actor.organizationId, createdAt: now, createdBy: actor.displayName, isNew: true });
    c.apply(input, cities, policy);
    assertCalendarAhead(c.calendar, now);
    c.log(actor, 'created', null, now);
    c.record(CAMPAIGN_EVENTS.created, { year: c.year, title: c.title });
    return c;
  }

  private apply(input: CampaignInput, cities: CityRef[], policy: CalendarPolicy): void {
    const year = input?.year;
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw DomainError.validation('campaign_year_invalid', { zh: `年度无效：${String(year)}`, en: `invalid year: ${String(year)}` });
    }
    const title = typeof input.title === 'string' ? input.title.trim() : '';
    if (!title || title.length > 200) {
      throw DomainError.validation('campaign_title_required', { zh: '请填写专项治理名称（不超过 200 个字符）', en: 'the campaign title is required (at most 200 characters)' });
    }
    this.year = year;
    this.title = title;
    this.focusAreas = validFocus(input.focusAreas);
    this.cityCodes = validCities(input.cityCodes, cities);
    this.institutionKinds = validKinds(input.institutionKinds);
    this.ownership = validOwnership(input.ownership);
    this.minLevel = validMinLevel(input.minLevel, this.institutionKinds);
    this.calendar = validCalendar(year, input.calendar, policy);
  }

  assertOwner(actor: Actor): void {
    assertProvinceOfficial(actor);
    if (actor.organizationId !== this.ownerOrgId) {
      throw DomainError.forbidden('campaign_forbidden', { zh: '只有制定方案的省级医保行政部门可以执行此操作', en: 'only the provincial bureau that owns the campaign may do this' });
    }
  }

  private assertDraft(what: { zh: string; en: string }): void {
    if (this.status !== 'draft') {
      throw DomainError.conflict('campaign_not_draft', { zh: `专项治理方案已下发，不能${what.zh}`, en: `the campaign is assigned already: cannot ${what.en}` }, { status: this.status });
    }
  }

  update(actor: Actor, input: CampaignInput, cities: CityRef[], policy: CalendarPolicy, now: Date): void {
    this.assertOwner(actor);
    this.assertDraft({ zh: '修改', en: 'edit it' });
    this.apply(input, cities, policy);
    assertCalendarAhead(this.calendar, now);
    this.log(actor, 'updated', null, now);
    this.record(CAMPAIGN_EVENTS.updated, { year: this.year, title: this.title });
  }

  /**
   * 下发: files the plan with the national level and hands the campaign to the workflow, which fans
   * out the tasks and runs the phases. Refused once the self-inspection would already be over.
   */
  assign(actor: Actor, cities: CityRef[], now: Date): CampaignWorkflowInput {
    this.assertOwner(actor);
    this.assertDraft({ zh: '重复下发', en: 'assign it again' });
    const today = chinaDateOf(now);
    if (today > this.calendar.selfInspectionEnd) {
      throw DomainError.conflict('campaign_phase_closed', {
        zh: `自查自纠阶段已于 ${this.calendar.selfInspectionEnd} 结束，请调整阶段日期后再下发`,
        en: `the self-inspection phase ended on ${this.calendar.selfInspectionEnd}: adjust the calendar before assigning`,
      }, { selfInspectionEnd: this.calendar.selfInspectionEnd });
    }
    this.status = 'assigned';
    this.phase = 'planning';
    this.assignedAt = now;
    this.planFiledLate = today > this.calendar.planFiledBy;
    this.log(actor, 'assigned', this.planFiledLate ? `逾期备案（应于 ${this.calendar.planFiledBy} 前）` : null, now);
    const input: CampaignWorkflowInput = {
      campaignId: this.id,
      actor: actorData(actor),
      cityCodes: cities.filter((c) => this.cityCodes.includes(c.code)).map((c) => c.code),
      instants: campaignInstants(this.calendar, now, this.regionPath),
    };
    this.record(CAMPAIGN_EVENTS.assigned, { input });
    return input;
  }

  /** The workflow opens a phase (idempotent: an earlier or the same phase changes nothing). */
  openPhase(actor: Actor, phase: CampaignWorkflowPhase, now: Date): boolean {
    const order: CampaignPhase[] = ['draft', 'planning', 'self_inspection', 'spot_check', 'summary', 'closed'];
    if (this.status === 'draft' || order.indexOf(phase) <= order.indexOf(this.phase)) return false;
    this.phase = phase;
    if (phase === 'closed') this.status = 'closed';
    this.log(actor, `phase_${phase}`, null, now);
    this.record(CAMPAIGN_EVENTS.phaseOpened, { phase });
    return true;
  }

  markSummaryOverdue(actor: Actor, now: Date): boolean {
    if (this.summaryFiledAt || this.summaryOverdue || this.status === 'draft') return false;
    this.summaryOverdue = true;
    this.log(actor, 'summary_overdue', null, now);
    this.record(CAMPAIGN_EVENTS.summaryOverdue, {});
    return true;
  }

  /** 总结上报: only in the summary phase (after the spot-check closed); late filing stays flagged. */
  fileSummary(actor: Actor, comment: string | null | undefined, now: Date): void {
    this.assertOwner(actor);
    if (this.phase !== 'summary') {
      throw DomainError.conflict(this.phase === 'closed' ? 'campaign_summary_filed' : 'campaign_phase_closed', {
        zh: this.phase === 'closed' ? '总结已报送' : `当前阶段为「${PHASE_ZH[this.phase]}」，抽查复查结束后才能报送总结`,
        en: this.phase === 'closed' ? 'the summary was filed already' : `the campaign is in phase '${this.phase}': the summary is filed after the spot-check phase`,
      }, { phase: this.phase });
    }
    const text = typeof comment === 'string' ? comment.trim() || null : null;
    if (text && text.length > 2000) {
      throw DomainError.validation('campaign_comment_too_long', { zh: '说明不超过 2000 个字符', en: 'the comment must be at most 2000 characters' });
    }
    this.summaryFiledAt = now;
    this.summaryComment = text;
    this.phase = 'closed';
    this.status = 'closed';
    this.log(actor, 'summary_filed', text, now);
    this.record(CAMPAIGN_EVENTS.summaryFiled, { transition: { action: 'summary_filed', at: now.toISOString() } });
  }

  private log(actor: Actor, action: string, comment: string | null, at: Date): void {
    this.newHistory.push({ action, comment, byUserId: actor.userId, byName: actor.displayName, at });
  }

  private record(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'Campaign', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}
