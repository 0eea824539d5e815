import { hasRole, type Actor } from '../../../kernel/actor.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { DomainError } from '../../../kernel/errors.js';
import { isYuanAmount } from '../../../kernel/money.js';

// Monthly supervision report (医保基金监管月报表), docs/api/dashboards-and-monthly-reports.md §3.
// Seed 002 一(九): 各区县每月10日前将上月监管情况(月报表)经分管局长审签后，上报市医保处基金稽核科，市医保处汇总后报市局;
// 市局定期将各区县稽核工作情况以内部通报的形式下发各区县. Two city steps: the city agency (its fund-audit
// section) receives the counties' reports and compiles them; the city bureau files the compilation (备案)
// and issues the bulletin, or returns it to the agency.

export const MONTHLY_REPORT_EVENTS = {
  opened: 'MonthlyReportOpened',
  saved: 'MonthlyReportSaved',
  submitted: 'MonthlyReportSubmitted',
  signed: 'MonthlyReportSigned',
  returned: 'MonthlyReportReturned',
  overdue: 'MonthlyReportOverdue',
  compiled: 'MonthlyReportCompiled',
  /** The city bureau filed the city agency's compilation and issued the bulletin. */
  filed: 'MonthlyReportFiled',
  /** The city bureau returned the compilation to the city agency with a comment. */
  compilationReturned: 'MonthlyReportCompilationReturned',
} as const;

export type ReportLevel = 'county' | 'city';
/** County: draft → awaiting_signoff → submitted. City: compiled (by the agency) → filed (by the bureau), or returned to the agency. */
export type ReportStatus = 'draft' | 'awaiting_signoff' | 'submitted' | 'compiled' | 'filed' | 'returned';

/** What the suite assembles from its own records of the month (the county's subtree). */
export interface AutoFigures {
  inspections: number;
  institutionsInspected: number;
  findings: number;
  findingAmount: number;
  /** 认定追回: the amount of the findings confirmed (or deemed confirmed, or decided) in the month. */
  recoveredAmount: number;
  /** 实际追回: what the agencies actually recovered in the month (deductions and repayments, the findings context's decision recoveries). */
  actualRecoveredAmount: number;
  refusedAmount: number;
  refundedAmount: number;
  decisions: number;
  measures: Record<string, number>;
  settlementSuspended: number;
  agreementsTerminated: number;
  disputesFiled: number;
  disputesDecided: number;
  rectificationOverdue: number;
  /** 立案: leads of the county's ledgers whose investigation started in the month (the leads context's ledger). */
  casesOpened: number;
  /** 结案: leads of the county's ledgers closed with a result in the month. */
  casesClosed: number;
  /** 受理举报: tips the county's bureau accepted in the month (the tips context's intake). */
  tipsReceived: number;
  /** 举报奖励: tip rewards approved in the month. */
  tipsRewarded: number;
}

export const AUTO_NUMBER_KEYS = [
  'inspections', 'institutionsInspected', 'findings', 'findingAmount', 'recoveredAmount', 'actualRecoveredAmount', 'refusedAmount', 'refundedAmount',
  'decisions', 'settlementSuspended', 'agreementsTerminated', 'disputesFiled', 'disputesDecided', 'rectificationOverdue',
  'casesOpened', 'casesClosed', 'tipsReceived', 'tipsRewarded',
] as const;
/** The figures computed from the leads ledger and the tips intake (issue 17): once typed by hand, now read-only. */
export const LEDGER_KEYS = ['casesOpened', 'casesClosed', 'tipsReceived', 'tipsRewarded'] as const;
export type AutoNumberKey = (typeof AUTO_NUMBER_KEYS)[number];
export const AUTO_AMOUNT_KEYS: readonly AutoNumberKey[] = ['findingAmount', 'recoveredAmount', 'actualRecoveredAmount', 'refusedAmount', 'refundedAmount'];

/** What the county fills in (the suite cannot know it). */
export interface ManualFigures {
  transferredToPolice: number;
  otherRecovered: number;
  publicExposures: number;
  remarks: string;
}

// 移送公安 and 曝光典型案例 stay typed: the suite records neither a transfer to the police nor a public exposure
// (seed 002 一(九) asks for the month's 监管情况; no context holds these two yet).
export const MANUAL_INTEGER_KEYS = ['transferredToPolice', 'publicExposures'] as const;
export const MANUAL_NUMBER_KEYS = [...MANUAL_INTEGER_KEYS, 'otherRecovered'] as const;
export type ManualNumberKey = (typeof MANUAL_NUMBER_KEYS)[number];
export const REMARKS_MAX = 2000;
const MAX_COUNT = 1_000_000_000;

export const FIELD_ZH: Record<AutoNumberKey | keyof ManualFigures, string> = {
  inspections: '检查家次', institutionsInspected: '检查机构数', findings: '发现问题（个）', findingAmount: '问题金额（元）',
  recoveredAmount: '认定追回金额（元）', actualRecoveredAmount: '实际追回金额（元）', refusedAmount: '拒付金额（元）', refundedAmount: '主动退回金额（元）', decisions: '协议处理（件）',
  settlementSuspended: '暂停结算（家）', agreementsTerminated: '解除协议（家）', disputesFiled: '受理争议（件）', disputesDecided: '作出争议决定（件）',
  rectificationOverdue: '整改逾期（件）',
  casesOpened: '立案（件）', casesClosed: '结案（件）', transferredToPolice: '移送公安（件）', tipsReceived: '受理举报（件）',
  tipsRewarded: '举报奖励（件）', otherRecovered: '其他追回金额（元）', publicExposures: '曝光典型案例（件）', remarks: '备注',
};

export const EMPTY_MANUAL: ManualFigures = {
  transferredToPolice: 0, otherRecovered: 0, publicExposures: 0, remarks: '',
};

export const EMPTY_AUTO: AutoFigures = {
  inspections: 0, institutionsInspected: 0, findings: 0, findingAmount: 0, recoveredAmount: 0, actualRecoveredAmount: 0, refusedAmount: 0, refundedAmount: 0,
  decisions: 0, measures: {}, settlementSuspended: 0, agreementsTerminated: 0, disputesFiled: 0, disputesDecided: 0, rectificationOverdue: 0,
  casesOpened: 0, casesClosed: 0, tipsReceived: 0, tipsRewarded: 0,
};

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' → the month; anything else → 400 `invalid_month` (field `month`). */
export function validMonth(value: unknown, field = 'month'): string {
  const m = typeof value === 'string' ? MONTH_RE.exec(value) : null;
  if (!m || Number(m[1]) < 2000 || Number(m[1]) > 2100) {
    throw DomainError.validation('invalid_month', {
      zh: `月份无效：${String(value)}（格式 YYYY-MM，如 2026-10）`, en: `invalid month ${String(value)} (YYYY-MM, e.g. 2026-10)`,
    }, { field });
  }
  return value as string;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const monthZh = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

function invalidField(field: string, zh: string, en: string): DomainError {
  return DomainError.validation('monthly_report_field_invalid', { zh: `${zh}`, en }, { field });
}

/**
 * The county's part, validated field by field: integers ≥ 0, `otherRecovered` yuan ≥ 0 with at most
 * 2 decimals, `remarks` at most 2000 characters; unknown fields refused. Absent fields keep `current`.
 */
export function validManual(input: unknown, current: ManualFigures): ManualFigures {
  if (input === undefined || input === null) return { ...current };
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw DomainError.validation('monthly_report_field_invalid', { zh: '手工填报内容（manual）应为对象', en: 'manual must be an object' }, { field: 'manual' });
  }
  const out: ManualFigures = { ...EMPTY_MANUAL, ...current };
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const field = `manual.${key}`;
    if ((MANUAL_INTEGER_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_COUNT) {
        throw invalidField(field, `${FIELD_ZH[key as ManualNumberKey]}应为不小于 0 的整数：${String(value)}`, `${key} must be an integer ≥ 0, got ${String(value)}`);
      }
      (out as unknown as Record<string, number>)[key] = value;
    } else if (key === 'otherRecovered') {
      if (!isYuanAmount(value)) {
        throw invalidField(field, `${FIELD_ZH.otherRecovered}应为不小于 0 的金额，最多 2 位小数：${String(value)}`, `otherRecovered must be an amount in yuan ≥ 0 with at most 2 decimals, got ${String(value)}`);
      }
      out.otherRecovered = value;
    } else if (key === 'remarks') {
      if (typeof value !== 'string' || value.trim().length > REMARKS_MAX) {
        throw invalidField(field, `备注应为不超过 ${REMARKS_MAX} 个字符的文字`, `remarks must be text of at most ${REMARKS_MAX} characters`);
      }
      out.remarks = value.trim();
    } else if ((LEDGER_KEYS as readonly string[]).includes(key)) {
      throw DomainError.validation('monthly_report_field_computed', {
        zh: `${FIELD_ZH[key as AutoNumberKey]}由线索台账、举报受理记录自动统计，不能手工填报`,
        en: `${key} is computed from the leads ledger and the tips intake; it cannot be typed`,
      }, { field });
    } else {
      throw DomainError.validation('monthly_report_field_unknown', {
        zh: `月报表没有该填报项：${key}`, en: `unknown monthly report field: ${key}`,
      }, { field });
    }
  }
  return out;
}

const COMMENT_MAX = 2000;

/** Whether the actor is staff of the given bureau (county_staff of a county bureau). */
export const isStaffOf = (actor: Actor, orgId: string) => actor.organizationId === orgId && hasRole(actor, 'county_staff');
/** Whether the actor is the given bureau's leader (分管局长). */
export const isLeaderOf = (actor: Actor, orgId: string) => actor.organizationId === orgId && hasRole(actor, 'leader');
/** Whether the actor is the city bureau's staff (市医保局): files the compilation and issues the bulletin. */
export const isCityBureauStaff = (actor: Actor, cityCode: string) =>
  actor.organizationId === `bureau-${cityCode}` && actor.organizationKind === 'bureau' && hasRole(actor, 'city_agency_staff');
/**
 * Whether the actor is the city agency's staff (市医保经办机构, its fund-audit section 基金稽核科):
 * receives the counties' reports (returns them when wrong) and compiles them into the city report.
 */
export const isCityAgencyStaff = (actor: Actor, cityCode: string) =>
  actor.organizationId === `agency-${cityCode}` && actor.organizationKind === 'agency' && hasRole(actor, 'city_agency_staff');

/** The city's compilation may be (re)made while the bureau has not filed it (null: not compiled yet). */
export const COMPILABLE: readonly (ReportStatus | null)[] = [null, 'compiled', 'returned'];

/** 403 unless the actor is the city agency's staff (the city bureau no longer compiles: it files). */
export function assertMayCompile(actor: Actor, cityCode: string): void {
  if (isCityAgencyStaff(actor, cityCode)) return;
  const bureau = isCityBureauStaff(actor, cityCode);
  throw DomainError.forbidden('monthly_report_compile_forbidden', {
    zh: bureau
      ? '月报表由市医保经办机构（基金稽核科）汇总，市医保局对汇总结果备案并通报；市医保局不能汇总'
      : '只有本市医保经办机构（基金稽核科）的经办人员可以汇总本市月报表',
    en: bureau
      ? "the city agency's fund-audit section compiles the monthly reports; the city bureau files the compilation and issues the bulletin, it does not compile"
      : "only the city agency's staff (fund-audit section) may compile the city's monthly reports",
  });
}

/** 409 once the bureau has filed the month's compilation. */
export function assertCompilable(current: ReportStatus | null): void {
  if (COMPILABLE.includes(current)) return;
  throw DomainError.conflict('monthly_report_status', {
    zh: '市医保局已对本月汇总备案并通报，不能重新汇总', en: "the city bureau has filed this month's compilation: it cannot be compiled again",
  }, { status: current });
}

/**
 * One county's monthly report, or the city's compilation of them (written by the compile command).
 * County: draft → (submit, county staff) awaiting_signoff → (sign, the bureau's leader) submitted;
 * return → draft (the leader before signing, the city agency after submission).
 * City: (compile, the city agency) compiled → (file, the city bureau: 备案 and bulletin) filed, or
 * (return, the city bureau) returned → (compile again, the agency) compiled.
 */
export class MonthlyReport {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  level!: ReportLevel;
  regionCode!: string;
  cityCode!: string;
  /** 'YYYY-MM' */
  month!: string;
  status!: ReportStatus;
  auto: AutoFigures = { ...EMPTY_AUTO };
  manual: ManualFigures = { ...EMPTY_MANUAL };
  autoAt: Date | null = null;
  dueAt!: Date;
  submittedBy: string | null = null;
  submittedAt: Date | null = null;
  signedBy: string | null = null;
  signedAt: Date | null = null;
  late = false;
  overdue = false;
  overdueAt: Date | null = null;
  returnedComment: string | null = null;
  /** City: the bureau's filing (备案) of the compilation. */
  filedBy: string | null = null;
  filedAt: Date | null = null;
  version = 1;

  private assertCounty(): void {
    if (this.level !== 'county') {
      throw DomainError.conflict('monthly_report_not_county', { zh: '市级汇总报表不能在此操作', en: 'a compiled city report cannot be changed this way' });
    }
  }

  private assertStatus(allowed: ReportStatus[], action: { zh: string; en: string }): void {
    if (!allowed.includes(this.status)) {
      throw DomainError.conflict('monthly_report_status', {
        zh: `月报表当前状态（${STATUS_ZH[this.status]}）不能${action.zh}`, en: `the monthly report is ${this.status}: cannot ${action.en}`,
      }, { status: this.status });
    }
  }

  save(actor: Actor, manual: unknown, auto: AutoFigures, now: Date): void {
    this.assertCounty();
    if (!isStaffOf(actor, this.ownerOrgId)) {
      throw DomainError.forbidden('monthly_report_forbidden', { zh: '只有本级医保局经办人员可以填报月报表', en: "only the owning bureau's staff may fill in the monthly report" });
    }
    this.assertStatus(['draft'], { zh: '修改', en: 'edit it' });
    this.manual = validManual(manual, this.manual);
    this.auto = auto;
    this.autoAt = now;
    this.emit(MONTHLY_REPORT_EVENTS.saved, { at: now.toISOString() });
  }

  submit(actor: Actor, now: Date): void {
    this.assertCounty();
    if (!isStaffOf(actor, this.ownerOrgId)) {
      throw DomainError.forbidden('monthly_report_forbidden', { zh: '只有本级医保局经办人员可以提交月报表', en: "only the owning bureau's staff may submit the monthly report" });
    }
    this.assertStatus(['draft'], { zh: '提交审签', en: 'submit it for sign-off' });
    this.status = 'awaiting_signoff';
    this.submittedBy = actor.displayName;
    this.submittedAt = now;
    this.returnedComment = null;
    this.emit(MONTHLY_REPORT_EVENTS.submitted, { at: now.toISOString() });
  }

  /** 分管局长审签: the report reaches the city; late when signed after the due instant. */
  sign(actor: Actor, now: Date): void {
    this.assertCounty();
    if (!isLeaderOf(actor, this.ownerOrgId)) {
      throw DomainError.forbidden('monthly_report_sign_forbidden', { zh: '只有本级医保局分管局长可以审签月报表', en: "only the owning bureau's leader may sign the monthly report off" });
    }
    this.assertStatus(['awaiting_signoff'], { zh: '审签', en: 'sign it off' });
    this.status = 'submitted';
    this.signedBy = actor.displayName;
    this.signedAt = now;
    // Late when signed after the due instant, or once the cycle (whose clock is the workflow's,
    // ADR 0007) has flagged it overdue.
    this.late = this.overdue || now.getTime() >= this.dueAt.getTime();
    this.emit(MONTHLY_REPORT_EVENTS.signed, { at: now.toISOString(), late: this.late });
  }

  /** Back to draft: the leader before signing, the city agency (which receives the reports) after submission. */
  returnToDraft(actor: Actor, comment: unknown, now: Date): void {
    this.assertCounty();
    const leader = isLeaderOf(actor, this.ownerOrgId);
    const city = isCityAgencyStaff(actor, this.cityCode);
    if (!leader && !city) {
      throw DomainError.forbidden('monthly_report_return_forbidden', {
        zh: '只有本级分管局长（审签前）或市医保经办机构（基金稽核科，上报后）可以退回月报表',
        en: "only the owning bureau's leader (before sign-off) or the city agency's fund-audit section (after submission) may return the report",
      });
    }
    this.assertStatus(leader ? ['awaiting_signoff'] : ['submitted'], { zh: '退回', en: 'return it' });
    const text = requiredComment(comment);
    this.status = 'draft';
    this.returnedComment = text;
    this.signedAt = null;
    this.signedBy = null;
    this.late = false;
    this.emit(MONTHLY_REPORT_EVENTS.returned, { at: now.toISOString(), by: leader ? 'leader' : 'city' });
  }

  private assertCity(): void {
    if (this.level !== 'city') {
      throw DomainError.conflict('monthly_report_not_city', { zh: '区县月报表不能备案，只有市级汇总可以备案', en: 'only a city compilation can be filed' });
    }
  }

  /** 备案: the city bureau files the agency's compilation; the bulletin is issued (by the handler). */
  file(actor: Actor, now: Date): void {
    this.assertCity();
    if (!isCityBureauStaff(actor, this.cityCode)) {
      throw DomainError.forbidden('monthly_report_file_forbidden', {
        zh: isCityAgencyStaff(actor, this.cityCode)
          ? '汇总结果由市医保局备案并通报，市医保经办机构不能备案'
          : '只有本市医保局经办人员可以对月报汇总备案',
        en: isCityAgencyStaff(actor, this.cityCode)
          ? 'the city bureau files the compilation and issues the bulletin; the city agency cannot file it'
          : "only the city bureau's staff may file the city's compilation",
      });
    }
    this.assertStatus(['compiled'], { zh: '备案', en: 'file it' });
    this.status = 'filed';
    this.filedBy = actor.displayName;
    this.filedAt = now;
    this.emit(MONTHLY_REPORT_EVENTS.filed, { at: now.toISOString() });
  }

  /** The city bureau sends the compilation back to the city agency with a comment. */
  returnCompilation(actor: Actor, comment: unknown, now: Date): void {
    this.assertCity();
    if (!isCityBureauStaff(actor, this.cityCode)) {
      throw DomainError.forbidden('monthly_report_return_forbidden', {
        zh: '只有本市医保局经办人员可以退回市级汇总', en: "only the city bureau's staff may return the city's compilation",
      });
    }
    this.assertStatus(['compiled'], { zh: '退回', en: 'return it' });
    const text = requiredComment(comment);
    this.status = 'returned';
    this.returnedComment = text;
    this.emit(MONTHLY_REPORT_EVENTS.compilationReturned, { at: now.toISOString() });
  }

  emit(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, {
      type, aggregateType: 'MonthlyReport', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId,
      payload: { month: this.month, level: this.level, regionCode: this.regionCode, cityCode: this.cityCode, status: this.status, ...payload },
    });
  }
}

function requiredComment(comment: unknown): string {
  const text = typeof comment === 'string' ? comment.trim() : '';
  if (!text || text.length > COMMENT_MAX) {
    throw DomainError.validation('monthly_report_comment_required', {
      zh: `请填写退回意见（不超过 ${COMMENT_MAX} 个字符）`, en: `a comment is required to return the report (at most ${COMMENT_MAX} characters)`,
    }, { field: 'comment' });
  }
  return text;
}

export const STATUS_ZH: Record<ReportStatus, string> = {
  draft: '填报中', awaiting_signoff: '待审签', submitted: '已上报', compiled: '已汇总待备案', filed: '已备案通报', returned: '汇总被退回',
};

/** A county's standing in the city's bulletin. */
export type Standing = 'on_time' | 'late' | 'missing';
export const STANDING_ZH: Record<Standing, string> = { on_time: '按时报送', late: '逾期报送', missing: '未报' };
const STANDING_ORDER: Record<Standing, number> = { on_time: 0, late: 1, missing: 2 };

export interface RankRow { regionCode: string; standing: Standing; inspections: number; recoveredAmount: number }

/** 通报排名: on time before late before missing, then by inspections, then recovered amount (then code, for a stable order). */
export function rankCounties<T extends RankRow>(rows: readonly T[]): (T & { rank: number })[] {
  return [...rows]
    .sort((a, b) => STANDING_ORDER[a.standing] - STANDING_ORDER[b.standing] || b.inspections - a.inspections
      || b.recoveredAmount - a.recoveredAmount || a.regionCode.localeCompare(b.regionCode))
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

/** Sums figures (auto or manual numbers) over reports; amounts rounded to the cent. */
export function sumFigures<K extends string>(rows: Record<K, number>[], keys: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) for (const k of keys) out[k] += Number(r[k] ?? 0);
  for (const k of keys) out[k] = Math.round(out[k] * 100) / 100;
  return out;
}

export function sumMeasures(rows: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r ?? {})) out[k] = (out[k] ?? 0) + Number(v);
  return out;
}
