import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import {
  addListFilters, Conditions, exportListOf, isoOrNull, isUuid, likePrefix, listPageOf, statusList, type ListStatement, type SortFields,
} from '../../../platform/database/sql.js';
import { FLIGHT_INSPECTION_STATUSES, isNationalOverseer, type FlightInspectionStatus } from '../domain/flight-inspection.js';
import type { DrawRecord } from '../domain/draw/index.js';
import type { InspectionFinding, InspectionStatus, TeamMember } from '../domain/inspection.js';
import { FLIGHT_COLUMNS, toFlightInspection } from '../infrastructure/flight-inspections.repository.js';
import { FlightLeads } from './flight-leads.js';
import {
  ExportFlightInspectionsQuery, GetFlightInspectionQuery, GetFlightInspectionRecordQuery, ListFlightInspectionsQuery, type FlightInspectionFilter,
} from './flight-inspection.commands.js';
import type { FlightInspectionSummary, FlightInspectionView, FlightResultView } from './flight-inspection.views.js';

interface SummaryRow {
  id: string; flight_no: string; title: string; province_code: string; province_name: string; institutions: number; start: string; end: string;
  status: FlightInspectionStatus; leads: number; created_at: string; created_by: string;
}

const SELECT = `select f.id, f.flight_no, f.title, f.province_code, p.name as province_name, cardinality(f.institution_ids) as institutions,
  to_char(f.start_date, 'YYYY-MM-DD') as start, to_char(f.end_date, 'YYYY-MM-DD') as end, f.status,
  (select count(*)::int from jsonb_array_elements(f.results) r where r ->> 'leadId' is not null) as leads, f.created_at, f.created_by
  from flight_inspection f join region p on p.code = f.province_code`;
const COUNT = 'from flight_inspection f join region p on p.code = f.province_code';
/** The start date as the instant the period filter compares (China time). */
const START_INSTANT = `(f.start_date::timestamp at time zone 'Asia/Shanghai')`;
export const FLIGHT_SORT: SortFields = { title: 'f.title', province: 'f.province_code', startDate: 'f.start_date', status: 'f.status', createdAt: 'f.created_at' };
const ORDER = 'f.start_date desc, f.id desc';
const INSTITUTION_OF_FLIGHT = 'select 1 from organization o where o.id = any(f.institution_ids)';

async function conditions(uow: UnitOfWork, actor: Actor, filter: FlightInspectionFilter): Promise<Conditions | null> {
  const where = new Conditions();
  const statuses = statusList(filter.status, FLIGHT_INSPECTION_STATUSES);
  if (statuses.length) where.add(`f.status = any(?::text[])`, `{${statuses.join(',')}}`);
  const found = await addListFilters(uow.em, where, filter, {
    // q: the title, or an inspected institution (name contains, code equals).
    search: (like, code) => [`(f.title like ? or exists (${INSTITUTION_OF_FLIGHT} and (o.name like ? or o.id = ?)))`, like, like, code],
    // regionCode: flight inspections of institutions in the region (the province, a city, a county).
    region: (path) => [`exists (${INSTITUTION_OF_FLIGHT} and o.region_path like ?)`, likePrefix(path)],
    date: START_INSTANT,
  }, actor.regionPath);
  return found ? where : null;
}

const flightList = (uow: UnitOfWork, actor: Actor): ListStatement<FlightInspectionFilter> => ({
  conditions: (filter) => conditions(uow, actor, filter), count: () => COUNT, select: SELECT, sort: FLIGHT_SORT, idColumn: 'f.id', defaultOrder: ORDER,
});

function toSummary(r: SummaryRow): FlightInspectionSummary {
  return {
    id: r.id, flightNo: Number(r.flight_no), title: r.title, province: { code: r.province_code, name: r.province_name }, institutions: Number(r.institutions),
    startDate: r.start, endDate: r.end, status: r.status, leads: Number(r.leads), createdAt: new Date(r.created_at).toISOString(), createdBy: r.created_by,
  };
}

const refuseInstitutions = (actor: Actor) => {
  if (actor.organizationKind === 'institution') throw DomainError.forbidden('flight_inspection_forbidden', { zh: '无权查看飞行检查', en: 'you may not read flight inspections' });
};

@QueryHandler(ListFlightInspectionsQuery)
export class ListFlightInspectionsHandler implements IQueryHandler<ListFlightInspectionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: ListFlightInspectionsQuery) {
    refuseInstitutions(actor);
    const { rows, total } = await listPageOf<SummaryRow, FlightInspectionFilter>(this.uow.em, flightList(this.uow, actor), filter);
    return { items: rows.map(toSummary), total };
  }
}

@QueryHandler(ExportFlightInspectionsQuery)
export class ExportFlightInspectionsHandler implements IQueryHandler<ExportFlightInspectionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter, sink }: ExportFlightInspectionsQuery) {
    refuseInstitutions(actor);
    return exportListOf(this.uow.em, flightList(this.uow, actor), filter, sink, (rows: SummaryRow[]) => rows.map(toSummary));
  }
}

/** The lead statuses that end the follow-up of a handed-over result. */
const FOLLOW_UP_ENDS = new Set(['accepted', 'dismissed']);

@QueryHandler(GetFlightInspectionQuery)
export class GetFlightInspectionHandler implements IQueryHandler<GetFlightInspectionQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly leads: FlightLeads) {}

  async execute({ actor, id }: GetFlightInspectionQuery): Promise<FlightInspectionView> {
    refuseInstitutions(actor);
    const em = this.uow.em;
    const [summary] = isUuid(id) ? await em.execute<SummaryRow[]>(`${SELECT} where f.id = ?`, [id]) : [];
    const [row] = summary ? await em.execute<Parameters<typeof toFlightInspection>[0][]>(`select ${FLIGHT_COLUMNS} from flight_inspection f where f.id = ?`, [id]) : [];
    if (!summary || !row) throw DomainError.notFound({ zh: '飞行检查', en: 'flight inspection' }, id);
    const f = toFlightInspection(row);
    const institutions = await em.execute<{ id: string; name: string; region_code: string }[]>(
      `select id, name, region_code from organization where id = any(?::text[])`, [`{${f.institutionIds.join(',')}}`]);
    const byId = new Map(institutions.map((i) => [i.id, { id: i.id, name: i.name, regionCode: i.region_code }]));
    const inspections = await em.execute<{ id: string; institution_id: string; status: InspectionStatus; inspected: string | null; findings: InspectionFinding[]; team: TeamMember[] }[]>(
      `select id, institution_id, status, to_char(inspected_on, 'YYYY-MM-DD') as inspected, findings, team
         from inspection where flight_inspection_id = ? order by draw_order, id`, [f.id]);
    const results: FlightResultView[] = [];
    for (const r of f.results) {
      results.push({
        inspectionId: r.inspectionId, institution: { id: r.institutionId, name: byId.get(r.institutionId)?.name ?? r.institutionId }, leadId: r.leadId,
        followUp: r.leadId ? await this.leads.followUp(actor, r.leadId) : null,
      });
    }
    const record = JSON.parse(f.record) as DrawRecord;
    const exclusions = record.result?.exclusions ?? [];
    const overseer = isNationalOverseer(actor);
    return {
      ...toSummary(summary),
      institutionList: f.institutionIds.map((x) => byId.get(x) ?? { id: x, name: x, regionCode: '' }),
      teamSize: f.teamSize, team: f.team, resultHash: f.resultHash,
      exclusions: {
        sameProvince: exclusions.reduce((n, e) => n + (e.reason === 'same_city' ? e.inspectorIds.length : 0), 0),
        linked: exclusions.filter((e) => e.reason === 'linked').length,
      },
      startedAt: isoOrNull(f.startedAt), handedOverAt: isoOrNull(f.handedOverAt),
      inspections: inspections.map((i) => ({
        id: i.id, institution: byId.get(i.institution_id) ?? { id: i.institution_id, name: i.institution_id, regionCode: '' }, status: i.status,
        inspectedOn: i.inspected, findings: i.findings.length,
        amount: (i.findings.reduce((s, x) => s + Math.round(x.amount * 100), 0) / 100).toFixed(2), team: i.team,
      })),
      results,
      followUpComplete: f.status === 'handed_over' && results.every((r) => !r.leadId || (r.followUp !== null && FOLLOW_UP_ENDS.has(r.followUp.status))),
      actions: {
        start: overseer && f.status === 'drawn',
        handOver: overseer && f.status === 'started' && inspections.length > 0 && inspections.every((i) => i.status !== 'assigned'),
      },
    };
  }
}

@QueryHandler(GetFlightInspectionRecordQuery)
export class GetFlightInspectionRecordHandler implements IQueryHandler<GetFlightInspectionRecordQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, id }: GetFlightInspectionRecordQuery): Promise<string> {
    refuseInstitutions(actor);
    const [r] = isUuid(id) ? await this.uow.em.execute<{ record: string }[]>(`select record from flight_inspection where id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '飞行检查', en: 'flight inspection' }, id);
    return r.record;
  }
}

export const FLIGHT_INSPECTION_QUERY_HANDLERS = [ListFlightInspectionsHandler, ExportFlightInspectionsHandler, GetFlightInspectionHandler, GetFlightInspectionRecordHandler];
