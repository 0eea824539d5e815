import type { DisputeLevelName, DisputePathLevel, DisputeTransition, DisputeWorkflowInput } from '@fundsup/workflows/contracts';
import { recordEvent } from '../../../kernel/aggregate.js';
import { actorData, hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { addCalendarDays, addWorkingDays, chinaDateOf, chinaInstant } from '../../../platform/calendar/working-days.js';

// Disputes over a handling decision (争议处理, seed 000 (十五), docs/api/findings-and-disputes.md,
// "Disputes"). The institution files with the bureau at the level of the agency that decided, and
// may escalate after each decision, level by level up to the province, whose decision is final.
// The database decides the transitions (ADR 0007); the dispute workflow owns the clocks (each
// level's time limit, the escalation window) and mirrors the committed transitions.

/** Each level decides within this many working days of receiving the dispute (default; the province's legal clock decides). */
export const DISPUTE_LEVEL_WORKING_DAYS = 20;
/** After a level's decision the party may escalate within this many working days (default; the province's legal clock decides). */
export const DISPUTE_ESCALATION_WORKING_DAYS = 15;

/** The province's dispute clocks (legal_clock, contexts/calendar), passed in by the handlers. */
export interface DisputeClocks { levelWorkingDays: number; escalationWorkingDays: number }
export const DEFAULT_DISPUTE_CLOCKS: DisputeClocks = { levelWorkingDays: DISPUTE_LEVEL_WORKING_DAYS, escalationWorkingDays: DISPUTE_ESCALATION_WORKING_DAYS };

export const DISPUTE_EVENTS = {
  filed: 'DisputeFiled',
  decided: 'DisputeDecided',
  escalated: 'DisputeEscalated',
  withdrawn: 'DisputeWithdrawn',
  levelOverdue: 'DisputeLevelOverdue',
  closed: 'DisputeClosed',
} as const;

export type DisputeStatus = 'open' | 'decided' | 'final' | 'withdrawn' | 'closed';
export type DisputeParty = 'institution' | 'clinician';
export type DisputeOutcome = 'upheld' | 'revised';
export const DISPUTE_STATUSES: readonly DisputeStatus[] = ['open', 'decided', 'final', 'withdrawn', 'closed'];
export const DISPUTE_LEVELS: readonly DisputeLevelName[] = ['county', 'city', 'province'];

export const LEVEL_ZH: Record<DisputeLevelName, string> = { county: '县（区）级', city: '市级', province: '省级' };
export const OUTCOME_ZH: Record<DisputeOutcome, string> = { upheld: '维持原处理决定', revised: '变更原处理决定' };

export interface LevelDecision { outcome: DisputeOutcome; reasoning: string; at: string; by: string; byUserId: string }

/** One level of the path, as stored (jsonb) and shown. dueDate is null until the dispute reaches the level. */
export interface DisputeLevel extends DisputePathLevel {
  dueDate: string | null;
  receivedAt: string | null;
  decision: LevelDecision | null;
  overdue: boolean;
}

/** What a dispute needs to know of the decision under dispute. */
export interface DecisionRef {
  id: string;
  regionPath: string;
  ownerOrgId: string;
  agencyId: string;
  status: string;
  measures: { kind: string; clinicianName?: string; amount?: number }[];
}

export const DISPUTABLE_DECISION_STATUSES = ['effective', 'rectifying', 'rectification_submitted'];

const TEXT_MAX = 4000;
const NAME_MAX = 100;

/** The trimmed text, or a validation error. */
function requiredText(value: unknown, code: string, what: { zh: string; en: string }): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (!t || t.length > TEXT_MAX) {
    throw DomainError.validation(code, { zh: `请填写${what.zh}（不超过 ${TEXT_MAX} 个字符）`, en: `${what.en} is required (at most ${TEXT_MAX} characters)` });
  }
  return t;
}

/** The first instant after a China calendar day: 00:00 China time of the next day. */
export const instantAfter = (day: string) => chinaInstant(addCalendarDays(day, 1)).toISOString();

/** Whether the actor may decide at a level: a decision-making role of the level's bureau. */
function decidesAt(actor: Actor, level: DisputeLevel): boolean {
  return actor.organizationKind === 'bureau' && actor.organizationId === level.bureauId
    && hasRole(actor, 'province_official', 'city_agency_staff', 'county_staff');
}

export class Dispute {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  decisionId!: string;
  party!: DisputeParty;
  clinicianName: string | null = null;
  reasons!: string;
  attachmentIds: string[] = [];
  path: DisputeLevel[] = [];
  current = 0;
  status: DisputeStatus = 'open';
  escalationDue: string | null = null;
  /** The standing outcome once the dispute ended with a decision (final or window closed). */
  outcome: DisputeOutcome | null = null;
  filedBy!: string;
  filedByUserId!: string;
  createdAt!: Date;
  endedAt: Date | null = null;
  version = 1;
  isNew = false;
  /** History rows added by this command (written by the repository). */
  newHistory: { action: string; level: number; comment: string | null; byUserId: string; byName: string; byOrgId: string; at: Date }[] = [];

  /**
   * Filed by the institution's clerk against its own decision, with the bureau at the agency's
   * level (path[0]); the path up to the province is derived from the region tree by the caller.
   */
  static file(input: {
    id: string; actor: Actor; decision: DecisionRef; path: DisputePathLevel[]; party: unknown; clinicianName?: unknown;
    reasons: unknown; attachmentIds: string[]; now: Date; clocks?: DisputeClocks;
  }): Dispute {
    const { actor, decision, now } = input;
    if (actor.organizationKind !== 'institution' || actor.organizationId !== decision.ownerOrgId || !hasRole(actor, 'institution_clerk')) {
      throw DomainError.forbidden('dispute_not_party', { zh: '只有被处理的定点医药机构可以申请争议处理', en: 'only the institution the decision concerns may file a dispute' });
    }
    if (!DISPUTABLE_DECISION_STATUSES.includes(decision.status)) {
      throw DomainError.conflict('decision_not_disputable', {
        zh: '处理决定尚未生效或已结束，不能申请争议处理', en: 'the decision is not in effect (pending legal review or closed): it cannot be disputed',
      }, { status: decision.status });
    }
    const party = input.party;
    if (party !== 'institution' && party !== 'clinician') {
      throw DomainError.validation('dispute_party_invalid', { zh: '争议申请人应为机构（institution）或医师（clinician）', en: "party must be 'institution' or 'clinician'" });
    }
    let clinicianName: string | null = null;
    if (party === 'clinician') {
      clinicianName = typeof input.clinicianName === 'string' ? input.clinicianName.trim() : '';
      const named = decision.measures.filter((m) => m.kind.startsWith('clinician_') && m.clinicianName).map((m) => m.clinicianName!.trim());
      if (!clinicianName || clinicianName.length > NAME_MAX || !named.includes(clinicianName)) {
        throw DomainError.validation('dispute_clinician_unknown', {
          zh: `医师不在处理决定涉及的医师之中：${clinicianName || '（未填写）'}`,
          en: `the clinician is not named in the decision's measures: ${clinicianName || '(none given)'}`,
        }, { clinicianNames: named });
      }
    }
    const reasons = requiredText(input.reasons, 'dispute_reasons_required', { zh: '争议理由', en: 'the reasons' });
    if (!input.path.length) {
      throw DomainError.unavailable('dispute_path_unavailable', { zh: '无法确定受理争议的医保行政部门', en: 'no bureau could be found to hear the dispute' });
    }
    const today = chinaDateOf(now);
    const d = Object.assign(new Dispute(), {
      id: input.id, regionPath: decision.regionPath, ownerOrgId: decision.ownerOrgId, decisionId: decision.id, party, clinicianName, reasons,
      attachmentIds: [...new Set(input.attachmentIds)], current: 0, status: 'open' as DisputeStatus, filedBy: actor.displayName, filedByUserId: actor.userId,
      createdAt: now, isNew: true,
      path: input.path.map((p, i): DisputeLevel => ({
        level: p.level, bureauId: p.bureauId, regionPath: p.regionPath,
        dueDate: i === 0 ? addWorkingDays(today, (input.clocks ?? DEFAULT_DISPUTE_CLOCKS).levelWorkingDays, decision.regionPath) : null,
        receivedAt: i === 0 ? now.toISOString() : null, decision: null, overdue: false,
      })),
    });
    d.log(actor, 'filed', 0, reasons, now);
    const workflowInput: DisputeWorkflowInput = {
      disputeId: d.id, actor: actorData(actor),
      path: d.path.map((p) => ({ level: p.level, bureauId: p.bureauId, regionPath: p.regionPath })),
      firstDueAt: instantAfter(d.path[0]!.dueDate!),
    };
    d.record(DISPUTE_EVENTS.filed, { input: workflowInput, decisionId: decision.id });
    return d;
  }

  get level(): DisputeLevel {
    return this.path[this.current]!;
  }

  get isLastLevel(): boolean {
    return this.current === this.path.length - 1;
  }

  get ended(): boolean {
    return this.status === 'final' || this.status === 'withdrawn' || this.status === 'closed';
  }

  private assertNotEnded(): void {
    if (this.status === 'final') {
      throw DomainError.conflict('dispute_final', { zh: '省级医疗保障行政部门已作出最终决定，争议处理已终结', en: "the provincial bureau's decision is final: the dispute has ended" }, { status: this.status });
    }
    if (this.status === 'withdrawn') {
      throw DomainError.conflict('dispute_withdrawn', { zh: '争议申请已撤回', en: 'the dispute was withdrawn' }, { status: this.status });
    }
    if (this.status === 'closed') {
      throw DomainError.conflict('dispute_escalation_closed', {
        zh: `申请上一级处理的期限（${this.escalationDue ?? ''}）已过，争议处理已终结`, en: `the escalation window closed (${this.escalationDue ?? ''}): the dispute has ended`,
      }, { status: this.status, escalationDue: this.escalationDue });
    }
  }

  private assertParty(actor: Actor): void {
    if (actor.organizationKind !== 'institution' || actor.organizationId !== this.ownerOrgId || !hasRole(actor, 'institution_clerk')) {
      throw DomainError.forbidden('dispute_not_party', { zh: '只有争议申请机构可以执行此操作', en: 'only the institution that filed the dispute may do this' });
    }
  }

  /**
   * The current level's bureau decides: upheld or revised, with its reasoning. At the last level
   * (the province) the decision is final; below it the party may escalate within the window.
   */
  decide(actor: Actor, outcome: unknown, reasoning: unknown, now: Date, clocks: DisputeClocks = DEFAULT_DISPUTE_CLOCKS): { final: boolean } {
    if (!decidesAt(actor, this.level)) {
      throw DomainError.forbidden('dispute_not_current_level', {
        zh: `争议目前由${LEVEL_ZH[this.level.level]}医疗保障行政部门处理，您无权作出决定`,
        en: `the dispute is before the ${this.level.level} bureau (${this.level.bureauId}): you may not decide it`,
      });
    }
    this.assertNotEnded();
    if (this.status === 'decided') {
      throw DomainError.conflict('dispute_decided', { zh: '本级已作出争议处理决定', en: 'this level has decided already' }, { status: this.status, level: this.current });
    }
    if (outcome !== 'upheld' && outcome !== 'revised') {
      throw DomainError.validation('dispute_outcome_invalid', { zh: '处理结果应为维持（upheld）或变更（revised）', en: "outcome must be 'upheld' or 'revised'" });
    }
    const text = requiredText(reasoning, 'dispute_reasoning_required', { zh: '处理理由', en: 'the reasoning' });
    const at = now.toISOString();
    this.level.decision = { outcome, reasoning: text, at, by: actor.displayName, byUserId: actor.userId };
    const final = this.isLastLevel;
    if (final) {
      this.status = 'final';
      this.escalationDue = null;
      this.outcome = outcome;
      this.endedAt = now;
    } else {
      this.status = 'decided';
      this.escalationDue = addWorkingDays(chinaDateOf(now), clocks.escalationWorkingDays, this.regionPath);
    }
    this.log(actor, final ? `decided_final_${outcome}` : `decided_${outcome}`, this.current, text, now);
    const transition: DisputeTransition = {
      action: 'decided', at, level: this.current, final, escalationDueAt: this.escalationDue ? instantAfter(this.escalationDue) : null,
    };
    this.record(DISPUTE_EVENTS.decided, { transition, outcome, decisionId: this.decisionId });
    return { final };
  }

  /** The party takes a level's decision to the level above, within the window, never past the province. */
  escalate(actor: Actor, reasons: unknown, now: Date, clocks: DisputeClocks = DEFAULT_DISPUTE_CLOCKS): void {
    this.assertParty(actor);
    this.assertNotEnded();
    if (this.isLastLevel) {
      throw DomainError.conflict('dispute_final', { zh: '争议已在省级医疗保障行政部门处理，不能再申请上一级处理', en: 'the dispute is before the province already: there is no level above' });
    }
    if (this.status !== 'decided') {
      throw DomainError.conflict('dispute_not_decided', {
        zh: `${LEVEL_ZH[this.level.level]}医疗保障行政部门尚未作出决定，暂不能申请上一级处理`, en: 'the current level has not decided yet: nothing to escalate',
      }, { status: this.status });
    }
    const today = chinaDateOf(now);
    if (this.escalationDue !== null && today > this.escalationDue) {
      throw DomainError.conflict('dispute_escalation_closed', {
        zh: `申请上一级处理的期限已于 ${this.escalationDue} 届满`, en: `the escalation window closed on ${this.escalationDue}`,
      }, { escalationDue: this.escalationDue });
    }
    const text = requiredText(reasons, 'dispute_reasons_required', { zh: '申请上一级处理的理由', en: 'the reasons for escalating' });
    this.current += 1;
    this.level.dueDate = addWorkingDays(today, clocks.levelWorkingDays, this.regionPath);
    this.level.receivedAt = now.toISOString();
    this.status = 'open';
    this.escalationDue = null;
    this.log(actor, 'escalated', this.current, text, now);
    const transition: DisputeTransition = { action: 'escalated', at: now.toISOString(), toLevel: this.current, dueAt: instantAfter(this.level.dueDate) };
    this.record(DISPUTE_EVENTS.escalated, { transition });
  }

  /** The party withdraws the dispute (open or awaiting escalation): the decision stands. */
  withdraw(actor: Actor, reason: unknown, now: Date): void {
    this.assertParty(actor);
    this.assertNotEnded();
    const text = typeof reason === 'string' && reason.trim() ? reason.trim().slice(0, TEXT_MAX) : null;
    this.status = 'withdrawn';
    this.escalationDue = null;
    this.endedAt = now;
    this.log(actor, 'withdrawn', this.current, text, now);
    const transition: DisputeTransition = { action: 'withdrawn', at: now.toISOString() };
    this.record(DISPUTE_EVENTS.withdrawn, { transition });
  }

  /** A level let its time limit pass undecided: flagged once (false when nothing changed). */
  markLevelOverdue(actor: Actor, level: number, now: Date): boolean {
    const l = this.path[level];
    if (!l || level !== this.current || this.status !== 'open' || l.decision || l.overdue) return false;
    l.overdue = true;
    this.log(actor, 'level_overdue', level, `应于 ${l.dueDate ?? ''} 前作出决定`, now);
    this.record(DISPUTE_EVENTS.levelOverdue, { level, bureauId: l.bureauId });
    return true;
  }

  /**
   * The escalation window closed without escalation: the dispute ends, the level's decision
   * stands. False when there is nothing to close (escalated, withdrawn, final, closed already).
   */
  close(actor: Actor, now: Date): boolean {
    if (this.status !== 'decided') return false;
    if (this.escalationDue !== null && chinaDateOf(now) <= this.escalationDue) {
      // The workflow's timer fired before the window closed (clock skew): refuse, the activity retries.
      throw DomainError.conflict('dispute_escalation_open', {
        zh: `申请上一级处理的期限至 ${this.escalationDue}，尚未届满`, en: `the escalation window is open until ${this.escalationDue}`,
      }, { escalationDue: this.escalationDue });
    }
    this.status = 'closed';
    this.outcome = this.level.decision?.outcome ?? null;
    this.endedAt = now;
    this.log(actor, 'closed', this.current, null, now);
    this.record(DISPUTE_EVENTS.closed, { outcome: this.outcome, decisionId: this.decisionId });
    return true;
  }

  private log(actor: Actor, action: string, level: number, comment: string | null, at: Date): void {
    this.newHistory.push({ action, level, comment, byUserId: actor.userId, byName: actor.displayName, byOrgId: actor.organizationId, at });
  }

  private record(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'Dispute', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}

/** The bureau's level name from the region tree's level. */
export function levelName(regionLevel: string): DisputeLevelName | null {
  return (DISPUTE_LEVELS as readonly string[]).includes(regionLevel) ? (regionLevel as DisputeLevelName) : null;
}
