import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { pgArray } from '../../../platform/database/sql.js';
import type { InspectableInstitution, TeamCandidate } from '../domain/agency-inspection.js';
import type { InspectionStatus } from '../domain/inspection.js';
import type { InstitutionKind, InstitutionLevel } from '../domain/draw/types.js';
import type { AgreementStatus } from '../../agreements/index.js';

interface InstitutionRow {
  id: string; name: string; region_path: string; region_code: string; institution_type: InspectableInstitution['kind']; level: InspectableInstitution['level'];
  ownership: InspectableInstitution['ownership']; agency_id: string | null;
}
interface TeamCandidateRow {
  id: string; name: string; organization_id: string; org_name: string; active: boolean; linked: string[] | null; last_year: string[] | null;
}

/** A row of the worklist statement: an institution the agency holds with its inspections of the year and month. */
export interface WorklistSqlRow {
  id: string; name: string; kind: InstitutionKind; level: InstitutionLevel; ownership: string | null; key_supervision: boolean; credit_rating: string | null;
  region_code: string; region_name: string; agreement_status: AgreementStatus;
  sent_year: number; on_site_year: number; in_month: boolean; prior: number; last_inspected: string | null;
  /** The latest inspection not sent yet. */
  open: { id: string; plannedOn: string; status: InspectionStatus; overdue: boolean } | null;
}

/**
 * What scheduling an agency's inspection reads, in the current unit of work (row-level security
 * applies): institutions with the agency holding their agreement, the agency's inspectors with their
 * recusal data.
 */
@Injectable()
export class AgencyInspectionDirectory extends SqlRepository {
  /** The institutions among `ids` visible to the reader, with their agreement holder. */
  async institutions(ids: string[]): Promise<Map<string, InspectableInstitution>> {
    if (!ids.length) return new Map();
    const rows = await this.q<InstitutionRow>(
      `select o.id, o.name, o.region_path, o.region_code, o.institution_type, coalesce(o.institution_level, 'none') as level, o.ownership, a.agency_id
         from organization o left join service_agreement a on a.institution_id = o.id
        where o.kind = 'institution' and o.id = any(?::text[])`, [pgArray(ids)]);
    return new Map(rows.map((r) => [r.id, {
      id: r.id, name: r.name, regionPath: r.region_path, regionCode: r.region_code, kind: r.institution_type, level: r.level,
      ownership: r.ownership, agencyId: r.agency_id ?? null,
    }]));
  }

  /**
   * The agency's inspectors (all of them, or those named) with the institutions they are linked to and
   * those they inspected in `year - 1` (any inspection, province or local, whose team they were on).
   */
  async teamCandidates(agencyId: string, year: number, ids?: string[]): Promise<Map<string, TeamCandidate>> {
    const rows = await this.q<TeamCandidateRow>(
      `select x.id, x.name, x.organization_id, o.name as org_name, x.active, x.conflict_institution_ids::text[] as linked,
              coalesce((select array_agg(distinct i.institution_id) from inspection i
                         where i.team @> jsonb_build_array(jsonb_build_object('inspectorId', x.id))
                           and coalesce(i.inspected_on, i.due_date) >= make_date(?, 1, 1) and coalesce(i.inspected_on, i.due_date) < make_date(?, 1, 1)), '{}')::text[] as last_year
         from inspector x join organization o on o.id = x.organization_id
        where ${ids ? 'x.id = any(?::text[])' : 'x.organization_id = ?'}
        order by x.id`,
      [year - 1, year, ids ? pgArray(ids) : agencyId]);
    return new Map(rows.map((r) => [r.id, {
      id: r.id, name: r.name, organizationId: r.organization_id, organizationName: r.org_name, active: Boolean(r.active),
      linkedInstitutionIds: r.linked ?? [], inspectedLastYear: r.last_year ?? [],
    }]));
  }

  async organizationName(id: string): Promise<string> {
    const [r] = await this.q<{ name: string }>(`select name from organization where id = ?`, [id]);
    return r?.name ?? id;
  }

  /** The institutions the agency holds (agreement not terminated) with their inspections of the year and month of `b`. */
  async worklistRows(agencyId: string, b: { yearStart: string; yearEnd: string; monthStart: string; monthEnd: string }): Promise<WorklistSqlRow[]> {
    return this.q<WorklistSqlRow>(
      `with held as (
         select o.id, o.name, o.institution_type as kind, coalesce(o.institution_level, 'none') as level, o.ownership, o.key_supervision,
                o.credit_rating, o.region_code, r.name as region_name, a.status as agreement_status
           from service_agreement a join organization o on o.id = a.institution_id join region r on r.code = o.region_code
          where a.agency_id = ? and a.status <> 'terminated')
       select h.*,
              (select count(*)::int from inspection i where i.institution_id = h.id and i.status = 'sent'
                  and i.inspected_on >= ?::date and i.inspected_on < ?::date) as sent_year,
              (select count(*)::int from inspection i where i.institution_id = h.id and i.status = 'sent'
                  and i.inspected_on >= ?::date and i.inspected_on < ?::date and (i.origin = 'spot_check' or i.method = 'on_site')) as on_site_year,
              exists (select 1 from inspection i where i.institution_id = h.id and i.status = 'sent'
                  and i.inspected_on >= ?::date and i.inspected_on < ?::date) as in_month,
              (select count(*)::int from inspection i where i.institution_id = h.id and i.status = 'sent' and i.finding_count > 0) as prior,
              (select to_char(max(i.inspected_on), 'YYYY-MM-DD') from inspection i where i.institution_id = h.id and i.status = 'sent') as last_inspected,
              (select jsonb_build_object('id', i.id, 'plannedOn', to_char(coalesce(i.planned_on, i.due_date), 'YYYY-MM-DD'), 'status', i.status, 'overdue', i.overdue)
                 from inspection i where i.institution_id = h.id and i.status <> 'sent' order by i.created_at desc limit 1) as open
         from held h
        order by h.region_code, h.id`,
      [agencyId, b.yearStart, b.yearEnd, b.yearStart, b.yearEnd, b.monthStart, b.monthEnd]);
  }

  /** The handling agencies of a province (its own, its cities', its counties'), in region order. */
  async agenciesOf(provincePath: string): Promise<{ id: string; name: string; regionPath: string }[]> {
    return (await this.q<{ id: string; name: string; region_path: string }>(`select id, name, region_path from organization where kind = 'agency' and region_path like ? order by region_code`, [`${provincePath}%`]))
      .map((r) => ({ id: r.id, name: r.name, regionPath: r.region_path }));
  }
}
