import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { ActorQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';

/** What an agency's sent inspections add up to in a year: the read contract annual plans measure their targets with. */
export interface AgencyInspectionFigures {
  agencyId: string;
  year: number;
  /** The agency's own sent inspections by month inspected (index 0 = January): all, and on site. */
  inspectionsByMonth: number[];
  onSiteByMonth: number[];
  /** Institutions holding the agency's agreement (not terminated), and those inspected on site this year (by anyone). */
  institutions: number;
  onSiteInstitutions: number;
}

export class AgencyInspectionFiguresQuery extends ActorQuery<AgencyInspectionFigures> {
  constructor(actor: Actor, readonly agencyId: string, readonly year: number) { super(actor); }
}

@QueryHandler(AgencyInspectionFiguresQuery)
export class AgencyInspectionFiguresHandler implements IQueryHandler<AgencyInspectionFiguresQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ agencyId, year }: AgencyInspectionFiguresQuery): Promise<AgencyInspectionFigures> {
    const em = this.uow.em;
    const months = await em.execute<{ m: number; n: number; on_site: number }[]>(
      `select extract(month from inspected_on)::int as m, count(*)::int as n, count(*) filter (where method = 'on_site')::int as on_site
         from inspection
        where origin = 'agency' and agency_id = ? and status = 'sent' and inspected_on >= make_date(?, 1, 1) and inspected_on < make_date(? + 1, 1, 1)
        group by 1`, [agencyId, year, year]);
    const [held] = await em.execute<{ institutions: number; on_site: number }[]>(
      `select count(*)::int as institutions,
              count(*) filter (where exists (select 1 from inspection i where i.institution_id = a.institution_id and i.status = 'sent'
                                             and (i.origin = 'spot_check' or i.method = 'on_site')
                                             and i.inspected_on >= make_date(?, 1, 1) and i.inspected_on < make_date(? + 1, 1, 1)))::int as on_site
         from service_agreement a where a.agency_id = ? and a.status <> 'terminated'`, [year, year, agencyId]);
    const byMonth = (f: 'n' | 'on_site') => Array.from({ length: 12 }, (_, i) => months.find((r) => r.m === i + 1)?.[f] ?? 0);
    return {
      agencyId, year, inspectionsByMonth: byMonth('n'), onSiteByMonth: byMonth('on_site'),
      institutions: held?.institutions ?? 0, onSiteInstitutions: held?.on_site ?? 0,
    };
  }
}
