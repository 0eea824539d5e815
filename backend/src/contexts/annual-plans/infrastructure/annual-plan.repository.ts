import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PlanStatus } from '@fundsup/workflows/contracts';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DomainError } from '../../../kernel/errors.js';
import { isUuid, pgArray } from '../../../platform/database/sql.js';
import { OrganizationDirectory } from '../../directory/index.js';
import { AnnualPlan, type UnitLevel } from '../domain/annual-plan.js';
import type { PlanContent, ScheduleTask } from '../domain/plan-content.js';
import type { PlanProgress } from '../domain/plan-progress.js';
import type { DraftingUnit } from '../domain/planning-cycle.js';
import { unknownAttachments } from '../../../platform/attachments/attachments.js';

export interface OrganizationRef {
  id: string;
  name: string;
  regionPath: string;
}

/**
 * A row of `annual_plan` as PLAN_COLUMNS reads it: the deadline (`date`) as YYYY-MM-DD text; the
 * `timestamptz` columns as PostgreSQL's text (`2027-01-10 02:00:00.123+00`), which the connection
 * leaves unparsed; the `jsonb` columns parsed by the driver.
 */
export interface AnnualPlanRow {
  id: string;
  region_path: string;
  owner_org_id: string;
  year: number;
  unit_level: UnitLevel;
  reviewer_region_path: string;
  status: PlanStatus;
  overdue: boolean;
  deadline: string;
  content: PlanContent | null;
  schedule: ScheduleTask[];
  planned_cumulative: number[];
  opened_at: string;
  submitted_at: string | null;
  forwarded_at: string | null;
  filed_at: string | null;
  closed_at: string | null;
  version: number;
  edit_version: number;
}

const PLAN_COLUMNS = `id, region_path, owner_org_id, year, unit_level, reviewer_region_path, status, overdue,
  to_char(deadline, 'YYYY-MM-DD') as deadline, content, schedule, planned_cumulative,
  opened_at, submitted_at, forwarded_at, filed_at, closed_at, version, edit_version`;

const dateOrNull = (v: string | null): Date | null => (v === null ? null : new Date(v));

function toPlan(r: AnnualPlanRow): AnnualPlan {
  return AnnualPlan.restore({
    id: r.id,
    regionPath: r.region_path,
    ownerOrgId: r.owner_org_id,
    year: r.year,
    unitLevel: r.unit_level,
    reviewerRegionPath: r.reviewer_region_path,
    status: r.status,
    overdue: r.overdue,
    deadline: r.deadline,
    content: r.content,
    schedule: r.schedule,
    plannedCumulative: r.planned_cumulative,
    openedAt: new Date(r.opened_at),
    submittedAt: dateOrNull(r.submitted_at),
    forwardedAt: dateOrNull(r.forwarded_at),
    filedAt: dateOrNull(r.filed_at),
    closedAt: dateOrNull(r.closed_at),
    version: r.version,
    editVersion: r.edit_version,
  });
}

/** A `jsonb` parameter (bound as `?::jsonb`); SQL null stays null. */
const json = (v: unknown): string | null => (v === null ? null : JSON.stringify(v));

/**
 * Plans and the organizations around them, with SQL on the unit of work's connection: row-level
 * security scopes every statement (ADR 0004, ADR 0013). Loaded and saved plans are tracked, so the
 * events they record reach the outbox when the unit commits.
 */
@Injectable()
export class AnnualPlans {
  constructor(private readonly uow: UnitOfWork, private readonly directory: OrganizationDirectory) {}

  /**
   * The plan, locked for the rest of the transaction: two commands on one plan run one after the
   * other, so the second sees the first's version and status. Not found outside the actor's scope.
   */
  async load(id: string): Promise<AnnualPlan> {
    const [row] = isUuid(id)
      ? await this.uow.em.execute<AnnualPlanRow[]>(`select ${PLAN_COLUMNS} from annual_plan where id = ? for update`, [id])
      : [];
    if (!row) throw DomainError.notFound({ zh: '年度监管方案', en: 'annual plan' }, id);
    return this.uow.track(toPlan(row));
  }

  /**
   * Inserts a new plan or updates a stored one (optimistic lock on the row's version), then appends
   * the history it added; its events reach the outbox at commit.
   */
  async save(plan: AnnualPlan): Promise<void> {
    this.uow.track(plan);
    const em = this.uow.em;
    if (plan.isNew) {
      await em.execute(
        `insert into annual_plan (id, region_path, owner_org_id, year, unit_level, reviewer_region_path, status, overdue, deadline,
           content, schedule, planned_cumulative, opened_at, submitted_at, forwarded_at, filed_at, closed_at, version, edit_version)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, 1, ?)`,
        [plan.id, plan.regionPath, plan.ownerOrgId, plan.year, plan.unitLevel, plan.reviewerRegionPath, plan.status, plan.overdue, plan.deadline,
          json(plan.content), json(plan.schedule), json(plan.plannedCumulative), plan.openedAt, plan.submittedAt, plan.forwardedAt, plan.filedAt,
          plan.closedAt, plan.editVersion],
      );
      plan.version = 1;
    } else {
      const rows = await em.execute<{ version: number }[]>(
        `update annual_plan set status = ?, overdue = ?, content = ?::jsonb, schedule = ?::jsonb, planned_cumulative = ?::jsonb,
            submitted_at = ?, forwarded_at = ?, filed_at = ?, closed_at = ?, edit_version = ?, version = version + 1
          where id = ? and version = ? returning version`,
        [plan.status, plan.overdue, json(plan.content), json(plan.schedule), json(plan.plannedCumulative),
          plan.submittedAt, plan.forwardedAt, plan.filedAt, plan.closedAt, plan.editVersion, plan.id, plan.version],
      );
      if (!rows.length) {
        throw DomainError.conflict('plan_changed', {
          zh: '年度监管方案已被他人修改，请刷新后重试',
          en: 'the annual plan was changed meanwhile: reload and retry',
        });
      }
      plan.version = rows[0]!.version;
    }
    for (const h of plan.pullHistory()) {
      await em.execute(
        `insert into annual_plan_history (id, region_path, owner_org_id, plan_id, at, action, by_user_id, by_name, comment)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [h.id, h.regionPath, h.ownerOrgId, h.planId, h.at, h.action, h.byUserId, h.byName, h.comment],
      );
    }
  }

  /** Stores a month's report: one row per plan, task and month, a new report replacing the last. */
  async saveProgress(rows: readonly PlanProgress[]): Promise<void> {
    for (const p of rows) {
      await this.uow.em.execute(
        `insert into annual_plan_progress (id, region_path, owner_org_id, plan_id, task_id, month, done_quantity, counted, note,
           attachment_ids, reported_by, reported_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?)
         on conflict (plan_id, task_id, month) do update
           set done_quantity = excluded.done_quantity, counted = excluded.counted, note = excluded.note,
               attachment_ids = excluded.attachment_ids, reported_by = excluded.reported_by, reported_at = excluded.reported_at`,
        [randomUUID(), p.regionPath, p.ownerOrgId, p.planId, p.taskId, p.month, p.doneQuantity, p.counted, p.note,
          pgArray(p.attachmentIds), p.reportedBy, p.reportedAt],
      );
    }
  }

  /** Attachment ids that are not among the owner's uploads (malformed ones included). */
  unknownAttachments(ids: readonly string[], ownerOrgId: string): Promise<string[]> {
    return unknownAttachments(this.uow.em, ids, ownerOrgId);
  }

  async unitsWithPlan(year: number): Promise<string[]> {
    const rows = await this.uow.em.execute<{ owner_org_id: string }[]>(`select owner_org_id from annual_plan where year = ?`, [year]);
    return rows.map((r) => r.owner_org_id);
  }

  /** The city and county handling agencies below a province. */
  async draftingUnits(provincePath: string): Promise<DraftingUnit[]> {
    return (await this.directory.agenciesBelow(provincePath)).map((o) => ({ id: o.id, regionPath: o.regionPath }));
  }

  async organization(id: string): Promise<OrganizationRef> {
    const [row] = await this.uow.em.execute<OrganizationRef[]>(`select id, name, region_path as "regionPath" from organization where id = ?`, [id]);
    return row;
  }

  /**
   * The bureaus and agencies of the reviewing level. They sit above a drafting unit's subtree;
   * the chain-of-command policy on `organization` lets the unit read them.
   */
  async reviewerOrganizations(plan: AnnualPlan, kinds: readonly ('bureau' | 'agency')[] = ['bureau', 'agency']): Promise<OrganizationRef[]> {
    return this.uow.em.execute<OrganizationRef[]>(
      `select id, name, region_path as "regionPath" from organization
        where region_path = ? and kind = any(?::text[]) order by kind desc, id`,
      [plan.reviewerRegionPath, `{${kinds.join(',')}}`],
    );
  }
}
