import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { DomainError } from '../../../kernel/errors.js';
import { isUuid, pgArray } from '../../../platform/database/sql.js';
import { normalizeDirectories, type Directories, type InstitutionKind, type InstitutionLevel } from '../domain/draw/index.js';
import { FlightInspection, type FlightResult, type FlightTeamMember } from '../domain/flight-inspection.js';

export interface FlightInstitution { id: string; name: string; regionPath: string; regionCode: string; kind: InstitutionKind; level: InstitutionLevel }

interface FlightRow {
  id: string; flight_no: string; region_path: string; owner_org_id: string; province_path: string; province_code: string; title: string;
  institution_ids: string[]; start: string; end: string; team_size: number; team: FlightTeamMember[]; record: string; result_hash: string;
  status: FlightInspection['status']; results: FlightResult[]; created_at: string; created_by: string; started_at: string | null; handed_over_at: string | null;
}
export const FLIGHT_COLUMNS = `f.id, f.flight_no, f.region_path, f.owner_org_id, f.province_path, f.province_code, f.title, f.institution_ids,
  to_char(f.start_date, 'YYYY-MM-DD') as start, to_char(f.end_date, 'YYYY-MM-DD') as end, f.team_size, f.team, f.record, f.result_hash,
  f.status, f.results, f.created_at, f.created_by, f.started_at, f.handed_over_at`;

export function toFlightInspection(r: FlightRow): FlightInspection {
  return Object.assign(new FlightInspection(), {
    id: r.id, flightNo: Number(r.flight_no), regionPath: r.region_path, ownerOrgId: r.owner_org_id, provincePath: r.province_path,
    provinceCode: r.province_code, title: r.title, institutionIds: r.institution_ids, startDate: r.start, endDate: r.end,
    teamSize: Number(r.team_size), team: r.team, record: r.record, resultHash: r.result_hash, status: r.status, results: r.results,
    createdAt: new Date(r.created_at), createdBy: r.created_by, startedAt: r.started_at ? new Date(r.started_at) : null,
    handedOverAt: r.handed_over_at ? new Date(r.handed_over_at) : null,
  });
}

/** The province code of a region path ('/32/3201/' → '32'). */
const provinceOfPath = (path: string) => path.split('/').filter(Boolean)[0] ?? '';

/**
 * Flight inspections in the current unit of work (row-level security: the national bureau reads
 * them all; the inspected province only from their start).
 */
@Injectable()
export class FlightInspections extends SqlRepository {
  async provinceExists(code: string): Promise<boolean> {
    return (await this.q(`select 1 from region where code = ? and level = 'province'`, [code])).length > 0;
  }

  async institutions(ids: string[]): Promise<Map<string, FlightInstitution>> {
    const rows = ids.length ? await this.q<{ id: string; name: string; region_path: string; region_code: string; kind: InstitutionKind; level: InstitutionLevel }>(
      `select id, name, region_path, region_code, institution_type as kind, coalesce(institution_level, 'none') as level
         from organization where kind = 'institution' and id = any(?::text[])`, [pgArray(ids)]) : [];
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, regionPath: r.region_path, regionCode: r.region_code, kind: r.kind, level: r.level }]));
  }

  /**
   * The draw's directories. The engine's `cityCode` holds the PROVINCE code in a flight inspection's
   * record: the chosen institutions are the providers (all in the inspected province), every active
   * inspector of the country is an inspector with their province, so the engine's recusal of "the
   * same city" sets aside every inspector of the inspected province (recorded in the exclusions), and
   * its linked-institution recusal applies as in a spot-check.
   */
  async directories(provinceCode: string, institutions: FlightInstitution[]): Promise<Directories> {
    const inspectors = await this.q<{ id: string; organization_id: string; region_path: string; linked: string[] | null }>(
      `select id, organization_id, region_path, conflict_institution_ids::text[] as linked from inspector where active order by id`);
    return normalizeDirectories({
      providers: institutions.map((i) => ({
        id: i.id, cityCode: provinceCode, countyCode: i.regionCode, kind: i.kind, level: i.level, keySupervision: false, priorViolations: 0,
      })),
      inspectors: inspectors.map((x) => ({
        id: x.id, cityCode: provinceOfPath(x.region_path), organizationId: x.organization_id, linkedInstitutionIds: x.linked ?? [], inspectedLastYear: [],
      })),
    });
  }

  async inspectorProvinces(ids: string[]): Promise<Map<string, string>> {
    const rows = ids.length ? await this.q<{ id: string; region_path: string }>(`select id, region_path from inspector where id = any(?::text[])`, [pgArray(ids)]) : [];
    return new Map(rows.map((r) => [r.id, provinceOfPath(r.region_path)]));
  }

  async load(id: string): Promise<FlightInspection> {
    const [r] = isUuid(id) ? await this.q<FlightRow>(`select ${FLIGHT_COLUMNS} from flight_inspection f where f.id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '飞行检查', en: 'flight inspection' }, id);
    return this.uow.track(toFlightInspection(r));
  }

  async save(f: FlightInspection): Promise<void> {
    this.uow.track(f);
    if (f.isNew) {
      await this.q(
        `insert into flight_inspection (id, region_path, owner_org_id, province_path, province_code, title, institution_ids, start_date, end_date,
                                        team_size, team, record, result_hash, status, created_at, created_by)
         values (?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)`,
        [f.id, f.regionPath, f.ownerOrgId, f.provincePath, f.provinceCode, f.title, pgArray(f.institutionIds), f.startDate, f.endDate,
          f.teamSize, JSON.stringify(f.team), f.record, f.resultHash, f.status, f.createdAt, f.createdBy]);
      f.isNew = false;
    } else {
      await this.q(
        `update flight_inspection set status = ?, started_at = ?, handed_over_at = ?, results = ?::jsonb, version = version + 1 where id = ?`,
        [f.status, f.startedAt, f.handedOverAt, JSON.stringify(f.results), f.id]);
    }
  }

  /** The flight's inspections as they stand (draw order). */
  async inspections(flightId: string): Promise<{ id: string; institutionId: string; status: string; findings: number }[]> {
    const rows = await this.q<{ id: string; institution_id: string; status: string; findings: number }>(
      `select id, institution_id, status, finding_count as findings from inspection where flight_inspection_id = ? order by draw_order, id`, [flightId]);
    return rows.map((r) => ({ id: r.id, institutionId: r.institution_id, status: r.status, findings: Number(r.findings) }));
  }

  /** The bureaus of a region path (the province's, told at the start). */
  async bureausAt(regionPath: string): Promise<{ id: string; regionPath: string }[]> {
    return (await this.q<{ id: string; region_path: string }>(`select id, region_path from organization where region_path = ? and kind = 'bureau' order by id`, [regionPath]))
      .map((r) => ({ id: r.id, regionPath: r.region_path }));
  }
}
