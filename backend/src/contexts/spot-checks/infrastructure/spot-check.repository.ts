import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { DomainError } from '../../../kernel/errors.js';
import { normalizeDirectories, type Directories, type InstitutionKind, type InstitutionLevel } from '../domain/draw/index.js';
import { Inspection, type TeamMember } from '../domain/inspection.js';
import { SpotCheck, type CampaignRef } from '../domain/spot-check.js';
import { isUuid, pgArray } from '../../../platform/database/sql.js';

export { isUuid };

interface CampaignRow { id: string; title: string; city_codes: string[]; institution_kinds: InstitutionKind[]; focus_areas: { text: string }[] | null; spot_check_end: string }
interface ProviderRow { id: string; city_code: string; county_code: string; kind: InstitutionKind; level: InstitutionLevel; key_supervision: boolean; prior: number }
interface InspectorDirectoryRow { id: string; organization_id: string; region_path: string; linked: string[] | null; last_year: string[] | null }
interface OrgRow { id: string; name: string; region_path: string }

/** A row of SPOT_CHECK_COLUMNS (timestamps as the driver returns them: strings; `due` the due date as YYYY-MM-DD). */
interface SpotCheckRow {
  id: string; region_path: string; owner_org_id: string; year: number; title: string; campaign_id: string | null; city_codes: string[];
  institution_kinds: InstitutionKind[]; parameters: SpotCheck['parameters']; checklist_items: string[]; due: string; witnesses: SpotCheck['witnesses'];
  beacon_required: boolean; status: SpotCheck['status']; commitment: string | null; committed_at: string | null; drawn_at: string | null;
  result_hash: string | null; population: number; drawn: number; overdue: boolean; created_at: string; created_by: string;
}
const SPOT_CHECK_COLUMNS = `s.id, s.region_path, s.owner_org_id, s.year, s.title, s.campaign_id, s.city_codes, s.institution_kinds, s.parameters,
  s.checklist_items, to_char(s.due_date, 'YYYY-MM-DD') as due, s.witnesses, s.beacon_required, s.status, s.commitment, s.committed_at, s.drawn_at,
  s.result_hash, s.population, s.drawn, s.overdue, s.created_at, s.created_by`;

/** A row of INSPECTION_COLUMNS (dates as YYYY-MM-DD: `due`, `inspected`, `planned`; timestamps as strings). */
interface InspectionRow {
  id: string; region_path: string; owner_org_id: string; spot_check_id: string | null; spot_check_title: string; campaign_id: string | null;
  checklist_items: string[]; institution_id: string; city_code: string; kind: Inspection['kind']; level: Inspection['level']; draw_order: number | null;
  team: TeamMember[]; status: Inspection['status']; due: string; origin: Inspection['origin']; agency_id: string | null;
  inspection_type: Inspection['inspectionType']; method: Inspection['method']; announced: boolean | null; planned: string | null;
  cross_inspection: boolean; basis: string | null; interviews: Inspection['interviews'] | null; created_by: string | null; overdue: boolean;
  inspected: string | null; checklist: Inspection['checklist']; findings: Inspection['findings']; attachment_ids: string[] | null;
  recorded_at: string | null; recorded_by: string | null; sent_at: string | null; created_at: string; flight_inspection_id: string | null;
}
const INSPECTION_COLUMNS = `i.id, i.region_path, i.owner_org_id, i.spot_check_id, i.spot_check_title, i.campaign_id, i.checklist_items, i.institution_id,
  i.city_code, i.kind, i.level, i.draw_order, i.team, i.status, to_char(i.due_date, 'YYYY-MM-DD') as due, i.origin, i.agency_id, i.inspection_type,
  i.method, i.announced, to_char(i.planned_on, 'YYYY-MM-DD') as planned, i.cross_inspection, i.basis, i.interviews, i.created_by, i.overdue,
  to_char(i.inspected_on, 'YYYY-MM-DD') as inspected, i.checklist, i.findings, i.attachment_ids::text[] as attachment_ids, i.recorded_at,
  i.recorded_by, i.sent_at, i.created_at, i.flight_inspection_id`;

/** The city code of a region path ('/32/3201/320102/' → '3201'; '' above city level). */
export function cityCodeOfPath(path: string): string {
  return path.split('/').filter(Boolean)[1] ?? '';
}

export interface InspectorRef { id: string; name: string; organizationName: string }

/**
 * Spot-checks, their published records and inspections in the current unit of work, with SQL
 * (row-level security applies to every statement). Aggregates are locked for the transaction.
 */
@Injectable()
export class SpotChecks extends SqlRepository {
  // ---- directory

  /** The city codes of the province (GB/T 2260), in code order. */
  async provinceCities(provincePath: string): Promise<string[]> {
    const code = provincePath.split('/').filter(Boolean)[0] ?? '';
    return (await this.q<{ code: string }>(`select code from region where level = 'city' and parent_code = ? order by code`, [code])).map((r) => r.code);
  }

  async campaign(id: string): Promise<CampaignRef | null> {
    const [r] = isUuid(id) ? await this.q<CampaignRow>(
      `select id, title, city_codes, institution_kinds, focus_areas, to_char(spot_check_end, 'YYYY-MM-DD') as spot_check_end
         from campaign where id = ?`, [id]) : [];
    if (!r) return null;
    return {
      id: r.id, title: r.title, cityCodes: r.city_codes, institutionKinds: r.institution_kinds, spotCheckEnd: r.spot_check_end,
      focusItems: (r.focus_areas ?? []).map((f) => f.text).filter(Boolean),
    };
  }

  /**
   * The directories the draw is committed to, read in the commit's transaction: the province's
   * institutions in scope (kind and city), with their key-supervision flag and the number of earlier
   * inspections that found something; the province's active inspectors with their recusals.
   */
  async directories(s: SpotCheck): Promise<Directories> {
    const providers = await this.q<ProviderRow>(
      `select o.id, substr(o.region_code, 1, 4) as city_code, o.region_code as county_code, o.institution_type as kind,
              coalesce(o.institution_level, 'none') as level, o.key_supervision,
              (select count(*)::int from inspection i where i.institution_id = o.id and i.status = 'sent' and i.finding_count > 0) as prior
         from organization o
        where o.kind = 'institution' and o.region_path like ? and o.institution_type = any(?::text[])
          and substr(o.region_code, 1, 4) = any(?::text[])
        order by o.id`,
      [`${s.regionPath}%`, pgArray(s.institutionKinds), pgArray(s.cityCodes)]);
    const inspectors = await this.q<InspectorDirectoryRow>(
      `select x.id, x.organization_id, x.region_path, x.conflict_institution_ids::text[] as linked,
              coalesce((select array_agg(distinct i.institution_id) from inspection i join spot_check c on c.id = i.spot_check_id
                         where c.year = ? and i.team @> jsonb_build_array(jsonb_build_object('inspectorId', x.id))), '{}')::text[] as last_year
         from inspector x
        where x.active and x.region_path like ?
        order by x.id`,
      [s.year - 1, `${s.regionPath}%`]);
    return normalizeDirectories({
      providers: providers.map((p) => ({
        id: p.id, cityCode: p.city_code, countyCode: p.county_code, kind: p.kind, level: p.level,
        keySupervision: Boolean(p.key_supervision), priorViolations: Number(p.prior),
      })),
      inspectors: inspectors.map((x) => ({
        id: x.id, cityCode: cityCodeOfPath(x.region_path), organizationId: x.organization_id,
        linkedInstitutionIds: x.linked ?? [], inspectedLastYear: x.last_year ?? [],
      })),
    });
  }

  async inspectors(ids: string[]): Promise<Map<string, InspectorRef>> {
    const rows = ids.length ? await this.q<{ id: string; name: string; org_name: string }>(
      `select x.id, x.name, o.name as org_name from inspector x join organization o on o.id = x.organization_id where x.id = any(?::text[])`,
      [pgArray(ids)]) : [];
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, organizationName: r.org_name }]));
  }

  async institutions(ids: string[]): Promise<Map<string, { id: string; regionPath: string }>> {
    const rows = ids.length ? await this.q<{ id: string; region_path: string }>(`select id, region_path from organization where kind = 'institution' and id = any(?::text[])`, [pgArray(ids)]) : [];
    return new Map(rows.map((r) => [r.id, { id: r.id, regionPath: r.region_path }]));
  }

  async organizationsAt(regionPath: string, kinds: string[]): Promise<{ id: string; name: string; regionPath: string }[]> {
    return (await this.q<OrgRow>(`select id, name, region_path from organization where region_path = ? and kind = any(?::text[]) order by id`, [regionPath, pgArray(kinds)]))
      .map((r) => ({ id: r.id, name: r.name, regionPath: r.region_path }));
  }

  async organizationsById(ids: string[]): Promise<{ id: string; name: string; regionPath: string }[]> {
    return (await this.q<OrgRow>(`select id, name, region_path from organization where id = any(?::text[]) order by id`, [pgArray(ids)]))
      .map((r) => ({ id: r.id, name: r.name, regionPath: r.region_path }));
  }

  /** The attachments among `ids` that the caller can see. */
  async attachmentsInScope(ids: string[]): Promise<Set<string>> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return new Set();
    const rows = await this.q<{ id: string }>(`select id::text as id from attachment where id = any(?::uuid[])`, [`{${valid.join(',')}}`]);
    return new Set(rows.map((r) => r.id));
  }

  // ---- spot-checks

  async load(id: string): Promise<SpotCheck> {
    const [r] = isUuid(id) ? await this.q<SpotCheckRow>(`select ${SPOT_CHECK_COLUMNS} from spot_check s where s.id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '抽查', en: 'spot-check' }, id);
    const s = Object.assign(new SpotCheck(), {
      id: r.id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, year: Number(r.year), title: r.title, campaignId: r.campaign_id,
      cityCodes: r.city_codes, institutionKinds: r.institution_kinds, parameters: r.parameters,
      checklistItems: r.checklist_items, dueDate: r.due, witnesses: r.witnesses, beaconRequired: Boolean(r.beacon_required),
      status: r.status, commitment: r.commitment, committedAt: r.committed_at ? new Date(r.committed_at) : null,
      drawnAt: r.drawn_at ? new Date(r.drawn_at) : null, resultHash: r.result_hash, population: Number(r.population), drawn: Number(r.drawn),
      overdue: Boolean(r.overdue), createdAt: new Date(r.created_at), createdBy: r.created_by,
    });
    return this.uow.track(s);
  }

  async save(s: SpotCheck): Promise<void> {
    this.uow.track(s);
    if (s.isNew) {
      await this.q(
        `insert into spot_check (id, region_path, owner_org_id, year, title, campaign_id, city_codes, institution_kinds, parameters,
                                 checklist_items, due_date, witnesses, beacon_required, status, created_at, created_by)
         values (?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?)`,
        [s.id, s.regionPath, s.ownerOrgId, s.year, s.title, s.campaignId, pgArray(s.cityCodes), pgArray(s.institutionKinds),
          JSON.stringify(s.parameters), JSON.stringify(s.checklistItems), s.dueDate, JSON.stringify(s.witnesses), s.beaconRequired,
          s.status, s.createdAt, s.createdBy]);
      s.isNew = false;
    } else {
      await this.q(
        `update spot_check set status = ?, commitment = ?, committed_at = ?, drawn_at = ?, result_hash = ?, population = ?, drawn = ?,
                overdue = ?, version = version + 1 where id = ?`,
        [s.status, s.commitment, s.committedAt, s.drawnAt, s.resultHash, s.population, s.drawn, s.overdue, s.id]);
    }
    for (const h of s.newHistory.splice(0)) {
      await this.q(
        `insert into spot_check_history (id, spot_check_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [h.id, s.id, s.regionPath, s.ownerOrgId, h.at, h.action, h.byUserId, h.byName, h.comment]);
    }
  }

  /** Stores the published record text as it is (the bytes anyone downloads). */
  async saveRecord(s: SpotCheck, text: string, now: Date): Promise<void> {
    await this.q(
      `insert into spot_check_record (spot_check_id, region_path, owner_org_id, record, updated_at) values (?, ?, ?, ?, ?)
       on conflict (spot_check_id) do update set record = excluded.record, updated_at = excluded.updated_at`,
      [s.id, s.regionPath, s.ownerOrgId, text, now]);
  }

  async recordText(spotCheckId: string): Promise<string | null> {
    const [r] = isUuid(spotCheckId) ? await this.q<{ record: string }>(`select record from spot_check_record where spot_check_id = ?`, [spotCheckId]) : [];
    return r?.record ?? null;
  }

  /** Inspections of the spot-check not sent yet (all of them, in the province's scope). */
  async unsentCount(spotCheckId: string): Promise<number> {
    const [r] = await this.q<{ n: number }>(`select count(*)::int as n from inspection where spot_check_id = ? and status <> 'sent'`, [spotCheckId]);
    return r.n;
  }

  async flagOverdueInspections(spotCheckId: string): Promise<number> {
    const rows = await this.q<{ id: string }>(
      `update inspection set overdue = true, version = version + 1 where spot_check_id = ? and status <> 'sent' and not overdue returning id`, [spotCheckId]);
    return rows.length;
  }

  // ---- inspections

  async spotCheckOfInspection(id: string): Promise<string | null> {
    const [r] = isUuid(id) ? await this.q<{ spot_check_id: string }>(`select spot_check_id from inspection where id = ?`, [id]) : [];
    return r?.spot_check_id ?? null;
  }

  async loadInspection(id: string): Promise<Inspection> {
    const [r] = isUuid(id) ? await this.q<InspectionRow>(`select ${INSPECTION_COLUMNS} from inspection i where i.id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '现场检查', en: 'inspection' }, id);
    const i = Object.assign(new Inspection(), {
      id: r.id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, spotCheckId: r.spot_check_id, spotCheckTitle: r.spot_check_title,
      campaignId: r.campaign_id, checklistItems: r.checklist_items, institutionId: r.institution_id, cityCode: r.city_code, kind: r.kind,
      level: r.level, drawOrder: r.draw_order === null ? null : Number(r.draw_order), team: r.team, status: r.status, dueDate: r.due,
      origin: r.origin, agencyId: r.agency_id, inspectionType: r.inspection_type, method: r.method, announced: r.announced,
      plannedOn: r.planned, crossInspection: Boolean(r.cross_inspection), basis: r.basis, interviews: r.interviews ?? [], createdBy: r.created_by,
      overdue: Boolean(r.overdue), inspectedOn: r.inspected, checklist: r.checklist, findings: r.findings,
      attachmentIds: r.attachment_ids ?? [], recordedAt: r.recorded_at ? new Date(r.recorded_at) : null,
      recordedBy: r.recorded_by, sentAt: r.sent_at ? new Date(r.sent_at) : null, createdAt: new Date(r.created_at),
      flightInspectionId: r.flight_inspection_id,
    });
    return this.uow.track(i);
  }

  async saveInspection(i: Inspection): Promise<void> {
    this.uow.track(i);
    if (i.isNew) {
      await this.q(
        `insert into inspection (id, region_path, owner_org_id, spot_check_id, spot_check_title, campaign_id, checklist_items, institution_id,
                                 city_code, kind, level, draw_order, team, status, due_date, created_at,
                                 origin, agency_id, inspection_type, method, announced, planned_on, cross_inspection, basis, created_by, flight_inspection_id)
         values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [i.id, i.regionPath, i.ownerOrgId, i.spotCheckId, i.spotCheckTitle, i.campaignId, JSON.stringify(i.checklistItems), i.institutionId,
          i.cityCode, i.kind, i.level, i.drawOrder, JSON.stringify(i.team), i.status, i.dueDate, i.createdAt,
          i.origin, i.agencyId, i.inspectionType, i.method, i.announced, i.plannedOn, i.crossInspection, i.basis, i.createdBy, i.flightInspectionId]);
      i.isNew = false;
    } else {
      await this.q(
        `update inspection set status = ?, inspected_on = ?, checklist = ?::jsonb, findings = ?::jsonb, attachment_ids = ?::uuid[],
                recorded_at = ?, recorded_by = ?, sent_at = ?, interviews = ?::jsonb, overdue = ?, version = version + 1 where id = ?`,
        [i.status, i.inspectedOn, JSON.stringify(i.checklist), JSON.stringify(i.findings), `{${i.attachmentIds.join(',')}}`,
          i.recordedAt, i.recordedBy, i.sentAt, JSON.stringify(i.interviews), i.overdue, i.id]);
    }
  }
}
