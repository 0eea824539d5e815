import { randomUUID } from 'node:crypto';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { levelOfPath } from '../../../kernel/region-path.js';
import { AnnualPlan } from './annual-plan.js';

export interface DraftingUnit {
  id: string;
  regionPath: string;
}

/**
 * A province's planning cycle for one year: one plan per city and county handling agency, never
 * two for the same unit. Opened by a province official, for the current or the coming year.
 */
export class PlanningCycle {
  private readonly units: Set<string>;

  private constructor(
    readonly year: number,
    private readonly opener: Actor,
    unitsWithPlan: Iterable<string>,
  ) {
    this.units = new Set(unitsWithPlan);
  }

  static of(opener: Actor, year: number, now: Date, unitsWithPlan: Iterable<string>): PlanningCycle {
    if (!hasRole(opener, 'province_official') || levelOfPath(opener.regionPath) !== 'province') {
      throw DomainError.forbidden('plan_cycle_forbidden', {
        zh: '只有省级医保部门可以启动年度监管方案编报',
        en: 'only a province official may open the annual planning cycle',
      });
    }
    const current = Number(chinaDateOf(now).slice(0, 4));
    if (!Number.isInteger(year) || year < current || year > current + 1) {
      throw DomainError.validation('plan_cycle_year_range', {
        zh: `只能启动本年度（${current}）或下一年度（${current + 1}）的方案编报`,
        en: `only the current year (${current}) or the next (${current + 1}) can be opened`,
      });
    }
    return new PlanningCycle(year, opener, unitsWithPlan);
  }

  open(unit: DraftingUnit, now: Date): AnnualPlan {
    if (this.units.has(unit.id)) {
      throw DomainError.conflict('plan_already_exists', {
        zh: `该单位已有 ${this.year} 年度监管方案`,
        en: `this unit already has a plan for ${this.year}`,
      }, { unitId: unit.id, year: this.year });
    }
    const plan = AnnualPlan.open({ id: randomUUID(), unit, year: this.year, opener: this.opener, now });
    this.units.add(unit.id);
    return plan;
  }

  /** Opening the cycle again opens only the plans of units that have none (e.g. a new county). */
  openMissing(units: DraftingUnit[], now: Date): AnnualPlan[] {
    return units.filter((u) => !this.units.has(u.id)).map((u) => this.open(u, now));
  }

  get plans(): number {
    return this.units.size;
  }
}
