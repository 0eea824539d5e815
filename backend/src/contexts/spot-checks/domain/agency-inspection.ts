import { hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import type { InstitutionKind, InstitutionLevel } from './draw/index.js';
import { isDate } from './spot-check.js';

// The agencies' own inspections (日常稽核 / 现场检查, seed 003 一(一), 002 一(三)(四)(七), 000 (七)):
// what may be scheduled, by whom, with which team and checklist. The aggregate is Inspection
// (inspection.ts), whose origin is 'agency' for these.

export type InspectionType = 'routine' | 'targeted' | 'follow_up' | 'lead' | 'complaint';
export const INSPECTION_TYPES: readonly InspectionType[] = ['routine', 'targeted', 'follow_up', 'lead', 'complaint'];
export const INSPECTION_TYPE_ZH: Record<InspectionType, string> = {
  routine: '日常稽核', targeted: '专项检查', follow_up: '回头看', lead: '线索核查', complaint: '投诉举报核查',
};
export type InspectionMethod = 'on_site' | 'data_review';
export const INSPECTION_METHODS: readonly InspectionMethod[] = ['on_site', 'data_review'];

export const TEAM_MIN = 2;
export const TEAM_MAX = 6;
const FOCUS_MAX = 10;
const TEXT_MAX = 200;

/** Days before the planned date the team is reminded (working days; the suite's default, the seeds set none). */
export const AGENCY_INSPECTION_REMIND_WORKING_DAYS = 1;

/** Whether the actor is staff of a handling agency (稽核科): the only users who run agency inspections. */
export function isAgencyStaff(actor: Actor): boolean {
  return actor.organizationKind === 'agency' && hasRole(actor, 'county_staff', 'city_agency_staff');
}

/** The institution as the scheduling rule needs it. */
export interface InspectableInstitution {
  id: string;
  name: string;
  regionPath: string;
  regionCode: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  ownership: 'public' | 'private' | null;
  /** The agency holding its service agreement. */
  agencyId: string | null;
}

/** An inspector as recusal needs it. */
export interface TeamCandidate {
  id: string;
  name: string;
  organizationId: string;
  organizationName: string;
  active: boolean;
  /** Institutions the inspector must never check (former employer, relatives). */
  linkedInstitutionIds: string[];
  /** Institutions the inspector inspected last year (回避: not the same again). */
  inspectedLastYear: string[];
}

/**
 * The checklist of an agency inspection by the kind of institution: the typical problems seed 003
 * 一(四) names for each (二级及以上公立医疗机构; 基层医疗机构; 社会办医疗机构; 定点零售药店), plus the
 * agreement duties every institution has (seed 000 (一), 002 一(四)).
 */
export function checklistFor(kind: InstitutionKind, level: InstitutionLevel, ownership: 'public' | 'private' | null): string[] {
  const common = ['服务协议履行情况（医保政策执行、信息系统对接、费用上传）'];
  if (kind === 'pharmacy') {
    return [...common, '聚敛、盗刷社保卡', '诱导参保人员购买化妆品、生活用品等非医疗物品', '药品进销存数据与医保结算数据是否一致', '串换药品'];
  }
  if (ownership === 'private' && kind === 'hospital') {
    return [...common, '诱导参保人员住院', '虚构医疗服务', '伪造医疗文书、票据', '挂床住院', '盗刷社保卡'];
  }
  if (kind === 'hospital' && (level === 'tertiary' || level === 'secondary')) {
    return [...common, '分解收费', '超标准收费', '重复收费', '套用项目收费', '不合理诊疗'];
  }
  // 基层医疗机构: primary hospitals and clinics (public; private clinics are 社会办 too)
  const primary = ['挂床住院', '串换药品、耗材和诊疗项目'];
  return ownership === 'private' ? [...common, ...primary, '虚构医疗服务', '伪造医疗文书、票据'] : [...common, ...primary, '伪造医疗文书、票据'];
}

export interface ScheduleInput {
  institutionId?: unknown;
  inspectionType?: unknown;
  method?: unknown;
  announced?: unknown;
  plannedOn?: unknown;
  teamInspectorIds?: unknown;
  /** Extra focus items for the checklist (a lead's or complaint's points). */
  focusItems?: unknown;
  /** Why: the lead, complaint or earlier decision it follows (free text). */
  basis?: unknown;
}

export interface ValidSchedule {
  inspectionType: InspectionType;
  method: InspectionMethod;
  announced: boolean;
  plannedOn: string;
  focusItems: string[];
  basis: string | null;
}

/** The fields of a schedule request, checked one by one (team and institution are checked against the directory). */
export function validSchedule(input: ScheduleInput, today: string): ValidSchedule {
  const inspectionType = input.inspectionType ?? 'routine';
  if (!(INSPECTION_TYPES as readonly unknown[]).includes(inspectionType)) {
    throw DomainError.validation('inspection_type_invalid', {
      zh: `检查类型无效：${String(inspectionType)}（可选 routine 日常稽核、targeted 专项检查、follow_up 回头看、lead 线索核查、complaint 投诉举报核查）`,
      en: `invalid inspection type ${String(inspectionType)} (routine, targeted, follow_up, lead, complaint)`,
    }, { field: 'inspectionType' });
  }
  const method = input.method ?? 'on_site';
  if (!(INSPECTION_METHODS as readonly unknown[]).includes(method)) {
    throw DomainError.validation('inspection_method_invalid', {
      zh: `检查方式无效：${String(method)}（可选 on_site 现场检查、data_review 数据核查）`, en: `invalid method ${String(method)} (on_site, data_review)`,
    }, { field: 'method' });
  }
  const announced = input.announced ?? true;
  if (typeof announced !== 'boolean') {
    throw DomainError.validation('inspection_announced_invalid', { zh: '请选择是否事先告知（true/false）', en: 'announced must be true or false' }, { field: 'announced' });
  }
  const plannedOn = input.plannedOn;
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const latest = `${Number(today.slice(0, 4)) + 1}-12-31`;
  if (!isDate(plannedOn) || plannedOn < yearStart || plannedOn > latest) {
    throw DomainError.validation('inspection_planned_on_invalid', {
      zh: `计划检查日期无效：${String(plannedOn ?? '')}（YYYY-MM-DD，${yearStart} 至 ${latest}）`,
      en: `plannedOn must be a date (YYYY-MM-DD) from ${yearStart} to ${latest}, got ${String(plannedOn ?? '')}`,
    }, { field: 'plannedOn' });
  }
  const focus = input.focusItems ?? [];
  if (!Array.isArray(focus) || focus.length > FOCUS_MAX || focus.some((f) => typeof f !== 'string' || !f.trim() || f.trim().length > TEXT_MAX)) {
    throw DomainError.validation('inspection_focus_invalid', {
      zh: `检查重点至多 ${FOCUS_MAX} 项，每项 1 至 ${TEXT_MAX} 个字符`, en: `at most ${FOCUS_MAX} focus items of 1 to ${TEXT_MAX} characters`,
    }, { field: 'focusItems' });
  }
  const basis = typeof input.basis === 'string' && input.basis.trim() ? input.basis.trim() : null;
  if (basis && basis.length > 2000) {
    throw DomainError.validation('inspection_basis_invalid', { zh: '检查依据不超过 2000 个字符', en: 'basis must be at most 2000 characters' }, { field: 'basis' });
  }
  return { inspectionType: inspectionType as InspectionType, method: method as InspectionMethod, announced, plannedOn, focusItems: [...new Set((focus as string[]).map((f) => f.trim()))], basis };
}

/**
 * Whether the actor's agency may inspect the institution: the agency holding its agreement, or the
 * city agency for any institution of its city (交叉检查, seed 002 一(七)). Returns whether it is a
 * cross-inspection; refuses otherwise.
 */
export function assertMayInspect(actor: Actor, institution: InspectableInstitution): { crossInspection: boolean } {
  if (!isAgencyStaff(actor)) {
    throw DomainError.forbidden('inspection_forbidden', { zh: '只有经办机构稽核人员可以安排检查', en: "only a handling agency's staff may schedule inspections" });
  }
  if (institution.agencyId === actor.organizationId) return { crossInspection: false };
  const actorIsCity = actor.regionPath.split('/').filter(Boolean).length === 2;
  if (actorIsCity && institution.regionPath.startsWith(actor.regionPath)) return { crossInspection: true };
  throw DomainError.forbidden('inspection_institution_not_held', {
    zh: `${institution.name} 的服务协议不由本经办机构签订，不能由本机构安排检查（市级经办机构可对本市机构开展交叉检查）`,
    en: `${institution.name} holds no service agreement with your agency: you cannot inspect it (a city agency may cross-inspect any institution of its city)`,
  });
}

/**
 * The team: 2–6 distinct active inspectors of the actor's agency, none linked to the institution and
 * none who inspected it last year (回避, the draw's rules). Refuses naming the inspector and why.
 */
export function validTeam(actor: Actor, ids: unknown, candidates: Map<string, TeamCandidate>, institution: InspectableInstitution): TeamCandidate[] {
  if (!Array.isArray(ids) || ids.some((i) => typeof i !== 'string')) {
    throw DomainError.validation('inspection_team_invalid', { zh: '请选择检查组成员', en: 'teamInspectorIds must be a list of inspector ids' }, { field: 'teamInspectorIds' });
  }
  const unique = [...new Set(ids as string[])];
  if (unique.length < TEAM_MIN || unique.length > TEAM_MAX) {
    throw DomainError.validation('inspection_team_size_invalid', {
      zh: `检查组须由 ${TEAM_MIN} 至 ${TEAM_MAX} 名本机构稽核人员组成（现为 ${unique.length} 名）`,
      en: `a team needs ${TEAM_MIN} to ${TEAM_MAX} inspectors of your agency (got ${unique.length})`,
    }, { field: 'teamInspectorIds', size: unique.length, min: TEAM_MIN, max: TEAM_MAX });
  }
  return unique.map((id) => {
    const c = candidates.get(id);
    if (!c || !c.active || c.organizationId !== actor.organizationId) {
      throw DomainError.validation('inspection_inspector_unknown', {
        zh: `检查人员 ${id} 不是本机构在岗的稽核人员`, en: `inspector ${id} is not an active inspector of your agency`,
      }, { field: 'teamInspectorIds', inspectorId: id });
    }
    const reason = recusalOf(c, institution.id);
    if (reason) {
      throw DomainError.validation('inspection_inspector_conflict', reason === 'linked_institution'
        ? { zh: `检查人员 ${c.name} 与 ${institution.name} 存在利害关系，应当回避`, en: `inspector ${c.name} has a conflict of interest with ${institution.name} and must recuse` }
        : { zh: `检查人员 ${c.name} 上一年度检查过 ${institution.name}，应当回避`, en: `inspector ${c.name} inspected ${institution.name} last year and must recuse` },
      { field: 'teamInspectorIds', inspectorId: id, reason });
    }
    return c;
  });
}

export type RecusalReason = 'linked_institution' | 'inspected_last_year';

/** Why the inspector must recuse from inspecting the institution (回避, the draw's rules), or null. */
export function recusalOf(c: TeamCandidate, institutionId: string): RecusalReason | null {
  if (c.linkedInstitutionIds.includes(institutionId)) return 'linked_institution';
  if (c.inspectedLastYear.includes(institutionId)) return 'inspected_last_year';
  return null;
}

/** Whether an inspector may join a team for the institution (the automatic team of a scheduled worklist item). */
export const eligibleFor = (c: TeamCandidate, institutionId: string) => c.active && recusalOf(c, institutionId) === null;

export interface Interview {
  person: string;
  role: string;
  heldOn: string;
  content: string;
  attachmentIds: string[];
}

/** Interview records (询问笔录, seed 000 (七) 「询问相关人员」): who, in what role, when, what was said. */
export function validInterviews(input: unknown, today: string): Interview[] {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input) || input.length > 50) {
    throw DomainError.validation('inspection_interview_invalid', { zh: '询问笔录至多 50 份', en: 'at most 50 interview records' }, { field: 'interviews' });
  }
  return input.map((raw: Record<string, unknown>, i): Interview => {
    const t = (v: unknown, max: number) => (typeof v === 'string' && v.trim() && v.trim().length <= max ? v.trim() : null);
    const person = t(raw?.person, 100);
    const role = t(raw?.role, 100);
    const content = t(raw?.content, 20_000);
    if (!person || !role || !content) {
      throw DomainError.validation('inspection_interview_invalid', {
        zh: `第 ${i + 1} 份询问笔录须填写被询问人、身份和询问内容`, en: `interview ${i + 1} needs the person, their role and the content`,
      }, { index: i, field: !person ? 'person' : !role ? 'role' : 'content' });
    }
    if (!isDate(raw.heldOn) || raw.heldOn > today) {
      throw DomainError.validation('inspection_interview_invalid', {
        zh: `第 ${i + 1} 份询问笔录的询问日期无效：${String(raw.heldOn ?? '')}（不得晚于今天）`, en: `interview ${i + 1}: heldOn must be a date not after today`,
      }, { index: i, field: 'heldOn' });
    }
    const attachmentIds = Array.isArray(raw.attachmentIds) ? [...new Set(raw.attachmentIds.map(String))] : [];
    return { person, role, heldOn: raw.heldOn, content, attachmentIds };
  });
}
