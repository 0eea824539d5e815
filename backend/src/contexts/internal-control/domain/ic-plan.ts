import { createHash } from 'node:crypto';
import type { IcAuditWorkflowInput } from '@fundsup/workflows/contracts';
import { recordEvent } from '../../../kernel/aggregate.js';
import { actorData, hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { levelOfPath } from '../../../kernel/region-path.js';

export const IC_PLAN_EVENTS = { created: 'IcPlanCreated', published: 'IcPlanPublished' } as const;

export interface AgencyRef { id: string; name: string; regionCode: string; regionPath: string }

/** The province's audit plan of a year (内控检查计划); the parent workflow starts its audits when published. */
export class IcPlan {
  id!: string;
  regionPath!: string;
  ownerOrgId!: string;
  year!: number;
  title!: string;
  periodStart!: string;
  periodEnd!: string;
  status: 'draft' | 'published' = 'draft';
  createdAt!: Date;
  createdBy!: string;
  publishedAt: Date | null = null;
  isNew = false;

  static create(input: { id: string; actor: Actor; year: number; title: string; periodStart: string; periodEnd: string; now: Date }): IcPlan {
    assertProvinceOfficial(input.actor);
    const { year, periodStart, periodEnd } = input;
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw DomainError.validation('ic_plan_year_invalid', { zh: `年度无效：${year}`, en: `invalid year: ${year}` });
    }
    const title = input.title?.trim() ?? '';
    if (!title || title.length > 200) {
      throw DomainError.validation('ic_plan_title_invalid', { zh: '计划名称应为 1 至 200 个字符', en: 'the plan title must be 1 to 200 characters' });
    }
    for (const [field, v] of [['periodStart', periodStart], ['periodEnd', periodEnd]] as const) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v ?? '') || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
        throw DomainError.validation('ic_date_invalid', { zh: `日期「${field}」无效：${v}（格式 YYYY-MM-DD）`, en: `${field} is not a date (YYYY-MM-DD): ${v}` }, { field });
      }
    }
    if (periodStart > periodEnd) {
      throw DomainError.validation('ic_plan_period_order', { zh: '计划开始日期不得晚于结束日期', en: 'the plan period must start before it ends' });
    }
    if (Number(periodStart.slice(0, 4)) !== year) {
      throw DomainError.validation('ic_plan_period_year', { zh: `计划期间应始于 ${year} 年`, en: `the plan period must begin in ${year}` });
    }
    const plan = Object.assign(new IcPlan(), {
      id: input.id, regionPath: input.actor.regionPath, ownerOrgId: input.actor.organizationId, year, title, periodStart, periodEnd,
      createdAt: input.now, createdBy: input.actor.displayName, isNew: true,
    });
    plan.record(IC_PLAN_EVENTS.created, { year, title });
    return plan;
  }

  assertOwner(actor: Actor): void {
    if (!(hasRole(actor, 'province_official') && actor.organizationId === this.ownerOrgId)) {
      throw DomainError.forbidden('ic_forbidden', { zh: '只有制定计划的省级医保部门可以执行此操作', en: 'only the provincial bureau that owns the plan may do this' });
    }
  }

  assertDraft(action: { zh: string; en: string }): void {
    if (this.status !== 'draft') {
      throw DomainError.conflict('ic_plan_published', { zh: `计划已发布，不能${action.zh}`, en: `the plan is published: cannot ${action.en}` }, { status: this.status });
    }
  }

  /** Every agency of the province (the provincial agency, every city and county agency) must have an audit, and every audit a team. */
  publish(actor: Actor, uncovered: AgencyRef[], withoutTeam: string[], audits: IcAuditWorkflowInput[], now: Date): void {
    this.assertOwner(actor);
    this.assertDraft({ zh: '重复发布', en: 'publish it again' });
    if (uncovered.length) {
      throw DomainError.conflict('ic_plan_uncovered', {
        zh: `还有 ${uncovered.length} 个经办机构未安排检查：${uncovered.slice(0, 10).map((a) => a.name).join('、')}${uncovered.length > 10 ? ' 等' : ''}`,
        en: `${uncovered.length} agencies have no audit in the plan`,
      }, { agencies: uncovered.map((a) => ({ id: a.id, name: a.name, regionCode: a.regionCode })) });
    }
    if (withoutTeam.length) {
      throw DomainError.conflict('ic_plan_team_missing', {
        zh: `还有 ${withoutTeam.length} 项检查未确定检查组，请先指定或抽取检查组`,
        en: `${withoutTeam.length} audits have no team yet: assign or draw teams first`,
      }, { auditIds: withoutTeam });
    }
    this.status = 'published';
    this.publishedAt = now;
    this.record(IC_PLAN_EVENTS.published, { actor: actorData(actor), audits });
  }

  private record(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'IcPlan', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}

export function assertProvinceOfficial(actor: Actor): void {
  if (!hasRole(actor, 'province_official') || actor.organizationKind !== 'bureau' || levelOfPath(actor.regionPath) !== 'province') {
    throw DomainError.forbidden('ic_forbidden', { zh: '只有省级医保部门可以执行此操作', en: 'only the provincial bureau may do this' });
  }
}

/**
 * Draws a team for an agency from the inspector directory: deterministic from the plan id and the
 * agency (sha256 as the source of randomness), never anyone working in the agency.
 */
export function drawTeam<T extends { id: string; organizationId: string }>(planId: string, agencyId: string, inspectors: readonly T[], size: number): T[] {
  const eligible = inspectors.filter((i) => i.organizationId !== agencyId).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (eligible.length < size) {
    throw DomainError.conflict('ic_team_draw_insufficient', {
      zh: `可抽取的检查人员不足 ${size} 名`,
      en: `fewer than ${size} eligible inspectors to draw from`,
    }, { agencyId, eligible: eligible.length });
  }
  // Rank every eligible inspector by a keyed hash and take the first `size`.
  const key = (id: string) => createHash('sha256').update(`${planId}|${agencyId}|${id}`).digest('hex');
  return eligible.map((i) => ({ i, k: key(i.id) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).slice(0, size).map((x) => x.i);
}
