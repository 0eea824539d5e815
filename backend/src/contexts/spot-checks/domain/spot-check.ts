import { randomUUID } from 'node:crypto';
import type { SpotCheckWorkflowInput } from '@fundsup/workflows/contracts';
import { addCalendarDays, addWorkingDays, chinaDateOf, chinaInstant } from '../../../platform/calendar/working-days.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { actorData, hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { levelOfPath } from '../../../kernel/region-path.js';
import { FOCUS_OPTIONS } from '../../campaigns/index.js';
import { INSTITUTION_KINDS, type DrawParameters, type DrawRecord, type InstitutionKind } from './draw/index.js';

export type SpotCheckStatus = 'draft' | 'committed' | 'drawn' | 'closed';
export type SpotCheckParameters = DrawParameters;

export const SPOT_CHECK_EVENTS = {
  created: 'SpotCheckCreated',
  committed: 'SpotCheckCommitted',
  drawn: 'SpotCheckDrawn',
  overdue: 'SpotCheckOverdue',
  closed: 'SpotCheckClosed',
} as const;

export const STATUS_ZH: Record<SpotCheckStatus, string> = { draft: '草稿', committed: '已公布承诺', drawn: '已抽取', closed: '已结束' };

/** Without a campaign the checklist covers the four typical violations of seed 003 一(四). */
export const DEFAULT_CHECKLIST_ITEMS: readonly string[] = FOCUS_OPTIONS.map((o) => o.zh);
export const DEFAULT_PARAMETERS: SpotCheckParameters = { defaultRatio: 0.1, ratios: {}, teamSize: 2, riskWeighted: true };
/** Days from creation to the due date of a spot-check without a campaign. */
export const DEFAULT_DUE_DAYS = 60;
/**
 * The latest due date, in days from today: a spot-check samples a year's institutions and its
 * inspections report within that year (the workflow reminds before the due date and flags what is
 * unsent after it); a date further ahead is a typo, such as the 9999 of issue 15 §3.
 */
export const MAX_DUE_DAYS = 366;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256_RE = /^[0-9a-fA-F]{64}$/;

export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_RE.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

export interface CampaignRef {
  id: string;
  title: string;
  cityCodes: string[];
  institutionKinds: InstitutionKind[];
  spotCheckEnd: string;
  focusItems: string[];
}

export interface HistoryRow { id: string; at: Date; action: string; byUserId: string; byName: string; comment: string | null }

export interface SpotCheckInput {
  year: number;
  title: string;
  campaignId?: string | null;
  cityCodes?: string[] | null;
  institutionKinds?: string[] | null;
  parameters?: Partial<SpotCheckParameters> | null;
  dueDate?: string | null;
  witnesses: { name: string }[];
  beaconRequired?: boolean | null;
}

const forbidden = () =>
  DomainError.forbidden('spot_check_forbidden', { zh: '只有省级医保部门可以执行此操作', en: 'only the provincial bureau may do this' });

export function assertProvinceOfficial(actor: Actor): void {
  if (!hasRole(actor, 'province_official') || actor.organizationKind !== 'bureau' || levelOfPath(actor.regionPath) !== 'province') throw forbidden();
}

/** Ratios with at most 4 decimals in [0.10, 1], stratum keys `${kind}/${level}`, team size 2–5, 1–5 named witnesses. */
export function validParameters(input: Partial<SpotCheckParameters> | null | undefined): SpotCheckParameters {
  const p = { ...DEFAULT_PARAMETERS, ...Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== undefined && v !== null)) } as SpotCheckParameters;
  const ratioOk = (r: unknown) => typeof r === 'number' && Number.isFinite(r) && r >= 0.1 && r <= 1 && Math.abs(Math.round(r * 10000) - r * 10000) < 1e-6;
  const ratioError = (stratum: string, value: unknown) => DomainError.validation('spot_check_ratio_invalid', {
    zh: `抽查比例无效（${stratum === 'default' ? '默认比例' : `分层 ${stratum}`}：${String(value)}）：应在 10% 至 100% 之间，最多 4 位小数`,
    en: `invalid ratio for ${stratum === 'default' ? 'the default' : `stratum ${stratum}`} (${String(value)}): it must lie between 0.10 and 1 with at most 4 decimals`,
  }, { stratum, min: 0.1 });
  if (!ratioOk(p.defaultRatio)) throw ratioError('default', p.defaultRatio);
  if (typeof p.ratios !== 'object' || Array.isArray(p.ratios)) throw ratioError('ratios', p.ratios);
  const levels = ['tertiary', 'secondary', 'primary', 'none'];
  for (const [stratum, r] of Object.entries(p.ratios)) {
    const [kind, level, extra] = stratum.split('/');
    if (!(INSTITUTION_KINDS as readonly string[]).includes(kind ?? '') || !levels.includes(level ?? '') || extra !== undefined) {
      throw DomainError.validation('spot_check_ratio_invalid', {
        zh: `未知的抽查分层：${stratum}（格式：机构类型/级别，如 hospital/secondary）`,
        en: `unknown stratum '${stratum}' (expected kind/level, e.g. hospital/secondary)`,
      }, { stratum, min: 0.1 });
    }
    if (!ratioOk(r)) throw ratioError(stratum, r);
  }
  if (!Number.isInteger(p.teamSize) || p.teamSize < 2 || p.teamSize > 5) {
    throw DomainError.validation('spot_check_team_size_invalid', { zh: '检查组人数应为 2 至 5 人', en: 'the team size must be a whole number from 2 to 5' }, { teamSize: p.teamSize, min: 2, max: 5 });
  }
  if (typeof p.riskWeighted !== 'boolean') {
    throw DomainError.validation('invalid_request', { zh: 'riskWeighted 应为布尔值', en: 'riskWeighted must be a boolean' }, { field: 'parameters.riskWeighted' });
  }
  return { defaultRatio: p.defaultRatio, ratios: Object.fromEntries(Object.entries(p.ratios).sort(([a], [b]) => (a < b ? -1 : 1))), teamSize: p.teamSize, riskWeighted: p.riskWeighted };
}

function validWitnesses(input: { name: string }[]): { name: string }[] {
  const names = (Array.isArray(input) ? input : []).map((w) => (typeof w?.name === 'string' ? w.name.trim() : ''));
  const bad = !names.length || names.length > 5 || names.some((n) => !n || n.length > 50) || new Set(names).size !== names.length;
  if (bad) {
    throw DomainError.validation('spot_check_witnesses_invalid', {
      zh: '请指定 1 至 5 名见证人，姓名不得为空或重复（不超过 50 个字符）',
      en: 'name 1 to 5 witnesses, each with a distinct name of at most 50 characters',
    }, { count: names.length });
  }
  return names.map((name) => ({ name }));
}

/** Instants of the spot-check workflow: reminder 3 working days before the due date at 09:00, overdue at 00:00 after it. */
export function workflowInstants(dueDate: string, now: Date, region?: string): { remindAt: string | null; dueAt: string } {
  const remind = chinaInstant(addWorkingDays(dueDate, -3, region), 9);
  return { remindAt: remind.getTime() > now.getTime() ? remind.toISOString() : null, dueAt: chinaInstant(addCalendarDays(dueDate, 1)).toISOString() };
}

/**
 * A province's spot-check (抽查) with its verifiable draw (双随机): created as a draft, committed
 * (directories frozen, commitment published), drawn (witness secrets revealed, inspections
 * created), closed when every inspection was sent. The database decides; the spot-check workflow
 * owns the clock (reminder, overdue).
 */
export class SpotCheck {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  year!: number;
  title!: string;
  campaignId: string | null = null;
  cityCodes: string[] = [];
  institutionKinds: InstitutionKind[] = [];
  parameters!: SpotCheckParameters;
  checklistItems: string[] = [];
  dueDate!: string;
  witnesses: { name: string }[] = [];
  beaconRequired = false;
  status: SpotCheckStatus = 'draft';
  commitment: string | null = null;
  committedAt: Date | null = null;
  drawnAt: Date | null = null;
  resultHash: string | null = null;
  population = 0;
  drawn = 0;
  overdue = false;
  createdAt!: Date;
  createdBy!: string;
  isNew = false;
  newHistory: HistoryRow[] = [];

  static create(input: SpotCheckInput & { id: string; actor: Actor; campaign: CampaignRef | null; provinceCities: string[]; now: Date }): SpotCheck {
    const { actor, campaign, now } = input;
    assertProvinceOfficial(actor);
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
      throw DomainError.validation('spot_check_year_invalid', { zh: `年度无效：${input.year}`, en: `invalid year: ${input.year}` }, { year: input.year });
    }
    const title = typeof input.title === 'string' ? input.title.trim() : '';
    if (!title || title.length > 200) {
      throw DomainError.validation('spot_check_title_required', { zh: '请填写抽查名称（不超过 200 个字符）', en: 'the spot-check needs a title of at most 200 characters' });
    }
    const parameters = validParameters(input.parameters);
    const witnesses = validWitnesses(input.witnesses);

    const cities = campaign ? campaign.cityCodes : input.cityCodes?.length ? input.cityCodes : input.provinceCities;
    const unknown = cities.filter((c) => !input.provinceCities.includes(c));
    if (unknown.length || !cities.length) {
      throw DomainError.validation('spot_check_city_unknown', {
        zh: `不是本省的设区市：${unknown.join('、') || '（空）'}`,
        en: `not a city of the province: ${unknown.join(', ') || '(none)'}`,
      }, { cityCodes: unknown });
    }
    const kinds = campaign ? campaign.institutionKinds : input.institutionKinds?.length ? input.institutionKinds : [...INSTITUTION_KINDS];
    const badKinds = kinds.filter((k) => !(INSTITUTION_KINDS as readonly string[]).includes(k));
    if (badKinds.length || !kinds.length) {
      throw DomainError.validation('spot_check_kinds_invalid', {
        zh: `机构类型无效：${badKinds.join('、') || '（空）'}（可选 hospital、pharmacy、clinic）`,
        en: `invalid institution kinds: ${badKinds.join(', ') || '(none)'} (hospital, pharmacy, clinic)`,
      }, { kinds: badKinds });
    }
    const today = chinaDateOf(now);
    let dueDate: string;
    if (campaign) {
      dueDate = campaign.spotCheckEnd;
    } else if (input.dueDate !== undefined && input.dueDate !== null) {
      if (!isDate(input.dueDate)) {
        throw DomainError.validation('spot_check_due_invalid', { zh: `截止日期（dueDate）无效：${input.dueDate}（格式 YYYY-MM-DD）`, en: `the due date (dueDate) is not a date (YYYY-MM-DD): ${input.dueDate}` }, { field: 'dueDate' });
      }
      if (input.dueDate < today) {
        throw DomainError.validation('spot_check_due_invalid', { zh: `截止日期（dueDate）不得早于今天（${today}）`, en: `the due date (dueDate) cannot be before today (${today})` }, { field: 'dueDate', dueDate: input.dueDate });
      }
      const latest = addCalendarDays(today, MAX_DUE_DAYS);
      if (input.dueDate > latest) {
        throw DomainError.validation('spot_check_due_invalid', {
          zh: `截止日期（dueDate）不得晚于 ${latest}（今天起 ${MAX_DUE_DAYS} 天内）：${input.dueDate}`,
          en: `the due date (dueDate) cannot be after ${latest} (${MAX_DUE_DAYS} days from today): ${input.dueDate}`,
        }, { field: 'dueDate', dueDate: input.dueDate, latest });
      }
      dueDate = input.dueDate;
    } else {
      dueDate = addCalendarDays(today, DEFAULT_DUE_DAYS);
    }
    const s = Object.assign(new SpotCheck(), {
      id: input.id, regionPath: actor.regionPath, ownerOrgId: actor.organizationId, year: input.year, title,
      campaignId: campaign?.id ?? null,
      cityCodes: [...new Set(cities)].sort(),
      institutionKinds: INSTITUTION_KINDS.filter((k) => kinds.includes(k)),
      parameters,
      checklistItems: campaign?.focusItems.length ? [...campaign.focusItems] : [...DEFAULT_CHECKLIST_ITEMS],
      dueDate, witnesses, beaconRequired: input.beaconRequired === true,
      createdAt: now, createdBy: actor.displayName, isNew: true,
    });
    s.addHistory('created', actor, now, null);
    s.record(SPOT_CHECK_EVENTS.created, { year: s.year, title });
    return s;
  }

  assertOwner(actor: Actor): void {
    if (!(hasRole(actor, 'province_official') && actor.organizationKind === 'bureau' && actor.organizationId === this.ownerOrgId)) throw forbidden();
  }

  /** Checks the witnesses' commitments before the directories are frozen. */
  validCommitments(commitments: unknown): string[] {
    const list = Array.isArray(commitments) ? commitments : [];
    const bad = list.findIndex((c) => typeof c !== 'string' || !SHA256_RE.test(c));
    if (list.length !== this.witnesses.length || bad >= 0) {
      throw DomainError.validation('spot_check_commitment_invalid', {
        zh: `需要 ${this.witnesses.length} 个见证人承诺值（每名见证人随机串的 SHA-256，64 位十六进制，按见证人顺序）`,
        en: `expected ${this.witnesses.length} witness commitments (the SHA-256 of each witness's secret, 64 hex digits, in witness order)`,
      }, { expected: this.witnesses.length, given: list.length, ...(bad >= 0 ? { witness: bad } : {}) });
    }
    return (list as string[]).map((c) => c.toLowerCase());
  }

  assertStatus(expected: 'draft' | 'committed'): void {
    if (this.status === expected) return;
    if (expected === 'draft') {
      throw DomainError.conflict('spot_check_not_draft', {
        zh: `抽查已${STATUS_ZH[this.status]}，不能再公布承诺`, en: `the spot-check is ${this.status}: it cannot be committed again`,
      }, { status: this.status });
    }
    throw DomainError.conflict('spot_check_not_committed', {
      zh: this.status === 'draft' ? '抽查尚未公布承诺，不能抽取' : `抽查已${STATUS_ZH[this.status]}，不能再次抽取`,
      en: this.status === 'draft' ? 'the spot-check has no published commitment yet: it cannot be drawn' : `the spot-check is ${this.status}: it cannot be drawn again`,
    }, { status: this.status });
  }

  /** Directories frozen and the commitment published. */
  commit(actor: Actor, record: DrawRecord, now: Date): void {
    this.assertOwner(actor);
    this.assertStatus('draft');
    this.status = 'committed';
    this.commitment = record.commitment;
    this.committedAt = now;
    this.population = record.directories.providers.length;
    this.addHistory('committed', actor, now, `承诺值 ${record.commitment}`);
    this.record(SPOT_CHECK_EVENTS.committed, { commitment: record.commitment, population: this.population });
  }

  /** Drawn: the spot-check workflow starts with the reminder and due instants. */
  draw(actor: Actor, record: DrawRecord, now: Date): void {
    this.assertOwner(actor);
    this.assertStatus('committed');
    if (!record.result || !record.resultHash) throw new Error('draw without a result');
    this.status = 'drawn';
    this.drawnAt = now;
    this.resultHash = record.resultHash;
    this.drawn = record.result.selections.length;
    this.addHistory('drawn', actor, now, `抽取 ${this.drawn} 家，结果摘要 ${record.resultHash}`);
    const input: SpotCheckWorkflowInput = { spotCheckId: this.id, actor: actorData(actor), inspections: this.drawn, ...workflowInstants(this.dueDate, now, this.regionPath) };
    this.record(SPOT_CHECK_EVENTS.drawn, { input });
  }

  /** The workflow's due instant passed: flagged once; false when there was nothing left to do. */
  markOverdue(actor: Actor, unsent: number, now: Date): boolean {
    if (this.status !== 'drawn' || this.overdue) return false;
    this.overdue = true;
    this.addHistory('overdue', actor, now, `${unsent} 家机构的检查结果未按期送达`);
    this.record(SPOT_CHECK_EVENTS.overdue, { unsent });
    return true;
  }

  /** Every inspection sent. */
  close(actor: Actor, now: Date): boolean {
    if (this.status !== 'drawn') return false;
    this.status = 'closed';
    this.addHistory('closed', actor, now, null);
    this.record(SPOT_CHECK_EVENTS.closed, {});
    return true;
  }

  addHistory(action: string, actor: Actor, at: Date, comment: string | null): void {
    this.newHistory.push({ id: randomUUID(), at, action, byUserId: actor.userId, byName: actor.displayName, comment });
  }

  private record(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'SpotCheck', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}
