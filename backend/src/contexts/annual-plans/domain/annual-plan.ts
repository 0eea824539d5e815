import { randomUUID } from 'node:crypto';
import { PLAN_STATUS_AFTER, PLAN_TRANSITIONS, type PlanStatus, type PlanTransition } from '@fundsup/workflows/contracts';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { actorData, hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { levelOfPath, parentPath } from '../../../kernel/region-path.js';
import { assertComplete, cumulativePlanned, validDraft, type PlanContent, type ScheduleTask } from './plan-content.js';
import { planDeadlines } from './plan-deadlines.js';
import type { PlanHistoryAction, PlanHistoryEntry } from './plan-history-entry.js';

export type UnitLevel = 'city' | 'county';

export const PLAN_EVENTS = {
  opened: 'AnnualPlanOpened',
  draft: 'AnnualPlanDrafted',
  submit: 'AnnualPlanSubmitted',
  /** The city agency reviewed a county plan and forwarded it to the city bureau (汇总上报). */
  forward: 'AnnualPlanForwarded',
  file: 'AnnualPlanFiled',
  return: 'AnnualPlanReturned',
  progress: 'AnnualPlanProgressReported',
  overdue: 'AnnualPlanMarkedOverdue',
  closed: 'AnnualPlanClosed',
} as const;

/** The events that move the plan workflow's mirrored status, by transition. */
export const TRANSITION_EVENTS: Record<PlanTransition['action'], string> = {
  draft: PLAN_EVENTS.draft,
  submit: PLAN_EVENTS.submit,
  forward: PLAN_EVENTS.forward,
  file: PLAN_EVENTS.file,
  return: PLAN_EVENTS.return,
};

export interface ProgressInput {
  taskId: string;
  doneQuantity: number;
  note?: string | null;
  attachmentIds?: string[];
}

export interface ProgressEntry {
  taskId: string;
  doneQuantity: number;
  note: string | null;
  attachmentIds: string[];
  counted: boolean;
}

const COMMENT_MAX = 2000;

/** Who acts on a plan waiting at the level above: the city agency, the city bureau, or the province. */
export type ReviewStep = 'city_agency' | 'city_bureau' | 'province';

/** Everything a plan holds: what the repository reads and writes (infrastructure/annual-plan.repository.ts). */
export interface AnnualPlanState {
  id: string;
  /** The drafting unit's region: the plan belongs to the unit's tenant. */
  regionPath: string;
  /** The drafting unit (a city or county handling agency). */
  ownerOrgId: string;
  year: number;
  unitLevel: UnitLevel;
  /** The region of the reviewing level: the unit's city for a county, the province for a city. */
  reviewerRegionPath: string;
  status: PlanStatus;
  /** Missed the 15 May deadline; stays set when the plan is submitted late. */
  overdue: boolean;
  /** YYYY-MM-DD, China time. */
  deadline: string;
  content: PlanContent | null;
  schedule: ScheduleTask[];
  /** See cumulativePlanned(): what the board reads as planned-to-date. */
  plannedCumulative: number[];
  openedAt: Date;
  submittedAt: Date | null;
  /** When the city agency forwarded the county plan to the city bureau (cleared by a new submission). */
  forwardedAt: Date | null;
  filedAt: Date | null;
  closedAt: Date | null;
  /** Optimistic lock of the row, 0 until first stored. */
  version: number;
  /**
   * The version users edit against (the `version` of the API): moved by the people's transitions
   * only, so the clock flagging the plan overdue while a clerk is typing does not void their save.
   * The row's own `version` still guards concurrent writes.
   */
  editVersion: number;
}

/**
 * One unit's annual supervision plan (年度监管方案) for one year, with its work schedule. The row
 * is owned by the drafting unit (a city or county handling agency), so the unit and every level
 * above it see it and no sibling does. The level above the unit's region reviews it. A county plan
 * takes the city's two steps (seed 002 一(一): 上报市医保处基金稽核科汇总后报市局备案): the city
 * agency reviews it and forwards it (汇总上报) or returns it (退回); the city bureau files it (备案) or
 * returns it. A city plan is filed or returned by the province. Transitions follow PLAN_TRANSITIONS,
 * shared with the plan workflow. Plain TypeScript (ADR 0013): persisted by the annual-plans
 * repository with SQL, under row-level security.
 */
export class AnnualPlan implements AnnualPlanState {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  year!: number;
  unitLevel!: UnitLevel;
  reviewerRegionPath!: string;
  status!: PlanStatus;
  overdue!: boolean;
  deadline!: string;
  content!: PlanContent | null;
  schedule!: ScheduleTask[];
  plannedCumulative!: number[];
  openedAt!: Date;
  submittedAt!: Date | null;
  forwardedAt!: Date | null;
  filedAt!: Date | null;
  closedAt!: Date | null;
  version!: number;
  editVersion!: number;

  /** History entries added since the plan was loaded or opened, for the repository to store. */
  private unsavedHistory: PlanHistoryEntry[] = [];

  private constructor(state: AnnualPlanState) {
    Object.assign(this, state);
  }

  /** A stored plan, as the repository read it. */
  static restore(state: AnnualPlanState): AnnualPlan {
    return new AnnualPlan(state);
  }

  /** Whether the plan has not been stored yet. */
  get isNew(): boolean {
    return this.version === 0;
  }

  get unitOrgId(): string {
    return this.ownerOrgId;
  }

  /** Opens the plan of a city or county handling agency when the province opens the cycle. */
  static open(input: { id: string; unit: { id: string; regionPath: string }; year: number; opener: Actor; now: Date }): AnnualPlan {
    const level = levelOfPath(input.unit.regionPath);
    if (level !== 'city' && level !== 'county') {
      throw DomainError.validation('plan_unit_level', {
        zh: '只有市、县（区）经办机构编制年度监管方案',
        en: 'only city and county handling agencies draft annual plans',
      });
    }
    const deadlines = planDeadlines(input.year, input.now);
    const plan = new AnnualPlan({
      id: input.id,
      regionPath: input.unit.regionPath,
      ownerOrgId: input.unit.id,
      year: input.year,
      unitLevel: level,
      reviewerRegionPath: parentPath(input.unit.regionPath)!,
      status: 'not_started',
      overdue: false,
      deadline: deadlines.deadline,
      content: null,
      schedule: [],
      plannedCumulative: cumulativePlanned(null, []),
      openedAt: input.now,
      submittedAt: null,
      forwardedAt: null,
      filedAt: null,
      closedAt: null,
      version: 0,
      editVersion: 1,
    });
    plan.addHistory('opened', input.opener, input.now, null);
    plan.record(PLAN_EVENTS.opened, {
      opener: actorData(input.opener),
      unitOrgId: plan.unitOrgId,
      year: plan.year,
      status: plan.status,
      deadline: {
        remindAt: deadlines.remindAt.map((d) => d.toISOString()),
        overdueAt: deadlines.overdueAt.toISOString(),
        closeAt: deadlines.closeAt.toISOString(),
      },
    });
    return plan;
  }

  isDrafter(actor: Actor): boolean {
    return actor.organizationId === this.unitOrgId && hasRole(actor, this.unitLevel === 'county' ? 'county_staff' : 'city_agency_staff');
  }

  /** Staff of the city agency above a county plan (its fund-audit section): reviews and forwards it. */
  isCityAgencyReviewer(actor: Actor): boolean {
    return this.unitLevel === 'county' && actor.regionPath === this.reviewerRegionPath && actor.organizationKind === 'agency' &&
      hasRole(actor, 'city_agency_staff');
  }

  /** Staff of the city bureau above a county plan: files (备案) the forwarded plan. */
  isCityBureauReviewer(actor: Actor): boolean {
    return this.unitLevel === 'county' && actor.regionPath === this.reviewerRegionPath && actor.organizationKind === 'bureau' &&
      hasRole(actor, 'city_agency_staff');
  }

  /** The reviewing level: the city agency or bureau for a county plan, a province official for a city plan. */
  isReviewer(actor: Actor): boolean {
    if (this.unitLevel === 'county') return this.isCityAgencyReviewer(actor) || this.isCityBureauReviewer(actor);
    return actor.regionPath === this.reviewerRegionPath && actor.organizationKind !== 'institution' && hasRole(actor, 'province_official');
  }

  /** Who acts on the plan now that it waits at the level above (null: it does not). */
  get reviewStep(): ReviewStep | null {
    if (this.status === 'forwarded') return 'city_bureau';
    if (this.status !== 'submitted') return null;
    return this.unitLevel === 'county' ? 'city_agency' : 'province';
  }

  saveDraft(actor: Actor, input: { content: PlanContent; schedule: ScheduleTask[]; version: number }, now: Date): void {
    this.assertDrafter(actor);
    this.assertTransition('draft');
    this.assertVersion(input.version);
    const { content, schedule } = validDraft(input.content, input.schedule);
    this.content = content;
    this.schedule = schedule;
    this.plannedCumulative = cumulativePlanned(content, schedule);
    this.transition('draft', actor, now, null);
  }

  submit(actor: Actor, version: number, now: Date): void {
    this.assertDrafter(actor);
    this.assertTransition('submit');
    this.assertVersion(version);
    assertComplete(this.content, this.schedule);
    this.submittedAt = now;
    this.forwardedAt = null;
    this.transition('submit', actor, now, null);
  }

  /** 汇总上报: the city agency has reviewed the county plan and sends it to the city bureau for filing. */
  forward(actor: Actor, comment: string | undefined, now: Date): void {
    this.assertStep(actor, 'forward');
    const text = optionalComment(comment, { zh: '审核意见', en: 'review comment' });
    this.forwardedAt = now;
    this.transition('forward', actor, now, text);
  }

  file(actor: Actor, comment: string | undefined, now: Date): void {
    this.assertStep(actor, 'file');
    const text = optionalComment(comment, { zh: '备案意见', en: 'filing comment' });
    this.filedAt = now;
    this.transition('file', actor, now, text);
  }

  /** Back to the drafting unit, with a comment: by the city agency or the city bureau (county), or the province (city). */
  return(actor: Actor, comment: string, now: Date): void {
    this.assertStep(actor, 'return');
    const text = (typeof comment === 'string' ? comment : '').trim();
    if (text.length < 1 || text.length > COMMENT_MAX) {
      throw DomainError.validation('plan_return_comment_required', {
        zh: `退回方案须填写退回意见（1 至 ${COMMENT_MAX} 个字符）`,
        en: `returning a plan needs a comment of 1 to ${COMMENT_MAX} characters`,
      });
    }
    this.transition('return', actor, now, text);
  }

  /** Validates a month's report on the filed plan; the entries say which tasks count towards targets. */
  reportProgress(actor: Actor, month: number, entries: ProgressInput[], now: Date): ProgressEntry[] {
    this.assertDrafter(actor);
    if (this.status !== 'filed') {
      throw DomainError.conflict('plan_progress_not_filed', {
        zh: `只有已备案的方案才能报告工作进度（当前状态：${STATUS_ZH[this.status]}）`,
        en: `progress is reported on filed plans only (current status: ${this.status})`,
      }, { status: this.status });
    }
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw DomainError.validation('plan_progress_month_range', {
        zh: '月份应为 1 至 12 的整数',
        en: 'the month must be a whole number from 1 to 12',
      });
    }
    const today = chinaDateOf(now);
    const [currentYear, currentMonth] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    if (this.year > currentYear || (this.year === currentYear && month > currentMonth)) {
      throw DomainError.validation('plan_progress_month_future', {
        zh: `${this.year} 年 ${month} 月尚未到来，不能报告进度`,
        en: `${this.year}-${String(month).padStart(2, '0')} has not begun yet: no progress can be reported for it`,
      });
    }
    if (!entries.length) {
      throw DomainError.validation('plan_progress_entries_missing', {
        zh: '请至少报告一项工作任务的完成情况',
        en: 'report at least one task',
      });
    }
    const counted = new Set((this.content?.targets ?? []).filter((t) => t.unit === 'count').map((t) => t.code));
    const seen = new Set<string>();
    const normalized = entries.map((e): ProgressEntry => {
      const task = this.schedule.find((t) => t.id === e.taskId);
      if (!task) {
        throw DomainError.validation('plan_progress_task_unknown', {
          zh: `工作任务「${e.taskId}」不在本方案的配档表中`,
          en: `task '${e.taskId}' is not in the plan's schedule`,
        }, { taskId: e.taskId });
      }
      if (seen.has(task.id)) {
        throw DomainError.validation('plan_progress_task_duplicate', {
          zh: `工作任务「${task.title}」在本次报告中重复出现`,
          en: `task '${task.id}' appears more than once in the report`,
        }, { taskId: task.id });
      }
      seen.add(task.id);
      if (!Number.isFinite(e.doneQuantity) || e.doneQuantity < 0) {
        throw DomainError.validation('plan_progress_quantity_invalid', {
          zh: `工作任务「${task.title}」的完成数量应为不小于 0 的数`,
          en: `task '${task.id}': the done quantity must be a number ≥ 0`,
        }, { taskId: task.id });
      }
      const note = e.note?.trim() || null;
      if (note && note.length > COMMENT_MAX) {
        throw DomainError.validation('plan_progress_note_length', {
          zh: `工作任务「${task.title}」的进度说明不超过 ${COMMENT_MAX} 个字符`,
          en: `task '${task.id}': the note must be at most ${COMMENT_MAX} characters`,
        }, { taskId: task.id });
      }
      return { taskId: task.id, doneQuantity: e.doneQuantity, note, attachmentIds: [...new Set(e.attachmentIds ?? [])], counted: counted.has(task.targetCode) };
    });
    this.record(PLAN_EVENTS.progress, { month, taskIds: normalized.map((e) => e.taskId), by: actor.username });
    return normalized;
  }

  /** A reminder is due while the plan has never reached the level above. */
  needsReminder(): boolean {
    return this.status === 'not_started' || this.status === 'draft';
  }

  /** 16 May: a plan never submitted is flagged (once). Returns whether it was. */
  markOverdue(actor: Actor, now: Date): boolean {
    if (!this.needsReminder() || this.overdue) return false;
    this.overdue = true;
    this.addHistory('overdue', actor, now, null);
    this.record(PLAN_EVENTS.overdue, { deadline: this.deadline });
    return true;
  }

  /** 1 January: the plan year is over, filed or not. Returns whether the plan was still open. */
  close(actor: Actor, now: Date): boolean {
    if (this.status === 'closed') return false;
    const filed = this.filedAt !== null;
    this.status = 'closed';
    this.closedAt = now;
    this.addHistory('close', actor, now, null);
    this.record(PLAN_EVENTS.closed, { filed });
    return true;
  }

  /** History entries added since the plan was loaded; each is handed out once. */
  pullHistory(): PlanHistoryEntry[] {
    const list = this.unsavedHistory;
    this.unsavedHistory = [];
    return list;
  }

  private transition(action: PlanTransition['action'], actor: Actor, now: Date, comment: string | null): void {
    this.status = PLAN_STATUS_AFTER[action];
    this.editVersion += 1;
    this.addHistory(action, actor, now, comment);
    const transition: PlanTransition = { action, at: now.toISOString(), by: actor.username, ...(comment ? { comment } : {}) };
    this.record(TRANSITION_EVENTS[action], { unitOrgId: this.unitOrgId, year: this.year, transition });
  }

  private assertTransition(action: PlanTransition['action']): void {
    if (!PLAN_TRANSITIONS[action].includes(this.status)) {
      throw DomainError.conflict('plan_transition_invalid', {
        zh: `方案当前状态为「${STATUS_ZH[this.status]}」，不能${ACTION_ZH[action]}`,
        en: `a plan in status '${this.status}' cannot be ${ACTION_EN[action]} (allowed from: ${PLAN_TRANSITIONS[action].join(', ')})`,
      }, { status: this.status, action });
    }
  }

  private assertVersion(version: number): void {
    if (version !== this.editVersion) {
      throw DomainError.conflict('plan_version_conflict', {
        zh: '方案已被他人修改，请刷新后重试',
        en: 'the plan has been changed by someone else; reload it and try again',
      }, { version: this.editVersion });
    }
  }

  private assertDrafter(actor: Actor): void {
    if (!this.isDrafter(actor)) {
      throw DomainError.forbidden('plan_not_drafting_unit', {
        zh: '只有编制单位的经办人员可以编辑、报送本方案或报告进度',
        en: 'only staff of the drafting unit may edit or submit this plan, or report its progress',
      });
    }
  }

  /**
   * The reviewing level's steps: 403 outside the reviewing level, 409 when the status does not allow
   * the action; then, for a county plan, the city agency forwards or returns a submitted plan (it
   * cannot file), the city bureau files or returns a forwarded one (it cannot forward, and waits
   * for the agency's forwarding); a city plan has no forwarding step.
   */
  private assertStep(actor: Actor, action: 'forward' | 'file' | 'return'): void {
    if (!this.isReviewer(actor)) {
      throw DomainError.forbidden('plan_not_reviewer', {
        zh: this.unitLevel === 'county'
          ? '县（区）方案由所在市医保经办机构（基金稽核科）审核汇总上报，再由市医保局备案或退回'
          : '市级方案由省级医保部门备案或退回',
        en: this.unitLevel === 'county'
          ? "a county plan is reviewed and forwarded by its city's agency (fund-audit section), then filed or returned by the city bureau"
          : 'a city plan is filed or returned by the province',
      });
    }
    this.assertTransition(action);
    if (this.unitLevel === 'city') {
      if (action === 'forward') {
        throw DomainError.conflict('plan_transition_invalid', {
          zh: '市级方案直接报省级医保部门备案，没有汇总上报环节',
          en: 'a city plan goes straight to the province for filing: there is no forwarding step',
        }, { status: this.status, action });
      }
      return;
    }
    if (this.isCityAgencyReviewer(actor)) {
      if (action === 'file') {
        throw DomainError.forbidden('plan_file_forbidden', {
          zh: '市医保经办机构审核后汇总上报市医保局，由市医保局备案；经办机构不能备案',
          en: 'the city agency reviews the plan and forwards it; the city bureau files it, the agency cannot',
        });
      }
      if (this.status === 'forwarded') {
        throw DomainError.conflict('plan_already_forwarded', {
          zh: '方案已汇总上报市医保局，由市医保局备案或退回',
          en: 'the plan has been forwarded to the city bureau, which files or returns it',
        }, { status: this.status, action });
      }
      return;
    }
    // the city bureau
    if (action === 'forward') {
      throw DomainError.forbidden('plan_forward_forbidden', {
        zh: '汇总上报由市医保经办机构（基金稽核科）办理，市医保局对上报的方案备案或退回',
        en: "forwarding is the city agency's step; the city bureau files or returns forwarded plans",
      });
    }
    if (this.status !== 'forwarded') {
      throw DomainError.conflict('plan_not_forwarded', {
        zh: '方案尚未经市医保经办机构审核汇总上报，市医保局暂不能备案或退回',
        en: 'the city agency has not forwarded the plan yet: the city bureau cannot file or return it before',
      }, { status: this.status, action });
    }
  }

  private addHistory(action: PlanHistoryAction, actor: Actor, at: Date, comment: string | null): void {
    this.unsavedHistory.push({
      id: randomUUID(),
      regionPath: this.regionPath,
      ownerOrgId: this.ownerOrgId,
      planId: this.id,
      at,
      action,
      byUserId: actor.userId,
      byName: actor.displayName,
      comment,
    });
  }

  private record(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, {
      type,
      aggregateType: 'AnnualPlan',
      aggregateId: this.id,
      regionPath: this.regionPath,
      ownerOrgId: this.ownerOrgId,
      payload,
    });
  }
}

function optionalComment(comment: string | undefined, what: { zh: string; en: string }): string | null {
  const text = (typeof comment === 'string' ? comment : '').trim() || null;
  if (text && text.length > COMMENT_MAX) {
    throw DomainError.validation('plan_comment_length', {
      zh: `${what.zh}不超过 ${COMMENT_MAX} 个字符`,
      en: `the ${what.en} must be at most ${COMMENT_MAX} characters`,
    }, { field: 'comment' });
  }
  return text;
}

export const STATUS_ZH: Record<PlanStatus, string> = {
  not_started: '未开始',
  draft: '草稿',
  submitted: '已报送',
  forwarded: '已汇总上报',
  returned: '已退回',
  filed: '已备案',
  closed: '已结束',
};

const ACTION_ZH: Record<PlanTransition['action'], string> = { draft: '保存草稿', submit: '报送', forward: '汇总上报', file: '备案', return: '退回' };
const ACTION_EN: Record<PlanTransition['action'], string> = { draft: 'edited', submit: 'submitted', forward: 'forwarded', file: 'filed', return: 'returned' };
