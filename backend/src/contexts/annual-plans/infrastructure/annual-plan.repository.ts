import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DomainError } from '../../../kernel/errors.js';
import { OrganizationDirectory } from '../../directory/index.js';
import { AnnualPlan } from '../domain/annual-plan.entity.js';
import type { DraftingUnit } from '../domain/planning-cycle.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface OrganizationRef {
  id: string;
  name: string;
  regionPath: string;
}

/** Plans and the organizations around them, in the current unit of work (tenant filter and RLS apply). */
@Injectable()
export class AnnualPlans {
  constructor(private readonly uow: UnitOfWork, private readonly directory: OrganizationDirectory) {}

  /**
   * The plan, locked for the rest of the transaction: two commands on one plan run one after the
   * other, so the second sees the first's version and status instead of failing at flush.
   */
  async load(id: string): Promise<AnnualPlan> {
    const plan = UUID_RE.test(id) ? await this.uow.em.findOne(AnnualPlan, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
    if (!plan) throw DomainError.notFound({ zh: '年度监管方案', en: 'annual plan' }, id);
    return this.uow.track(plan);
  }

  /** Persists the plan (new or changed) with the history it added; its events reach the outbox at commit. */
  save(plan: AnnualPlan): void {
    this.uow.em.persist(this.uow.track(plan));
    for (const entry of plan.pullHistory()) this.uow.em.persist(entry);
  }

  async unitsWithPlan(year: number): Promise<string[]> {
    const plans = await this.uow.em.find(AnnualPlan, { year }, { fields: ['ownerOrgId'] });
    return plans.map((p) => p.ownerOrgId);
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
   * The bureaus and agencies of the reviewing level. Read with SQL: they sit above a drafting
   * unit's scope, which the tenant filter would hide and the chain-of-command policy allows.
   */
  async reviewerOrganizations(plan: AnnualPlan, kinds: readonly ('bureau' | 'agency')[] = ['bureau', 'agency']): Promise<OrganizationRef[]> {
    return this.uow.em.execute<OrganizationRef[]>(
      `select id, name, region_path as "regionPath" from organization
        where region_path = ? and kind = any(?::text[]) order by kind desc, id`,
      [plan.reviewerRegionPath, `{${kinds.join(',')}}`],
    );
  }
}
