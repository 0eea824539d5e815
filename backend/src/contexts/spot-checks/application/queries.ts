import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery } from '../../../platform/cqrs/actor-command.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { todoOf, type CountRow, type TodoCount } from '../../../kernel/todo.js';
import { DomainError } from '../../../kernel/errors.js';
import { levelOfPath } from '../../../kernel/region-path.js';
import {
  INSTITUTION_KINDS, verifyDrawRecord, type DrawRecord, type InstitutionKind, type InstitutionLevel, type Verification,
} from '../domain/draw/index.js';
import type { ChecklistEntry, InspectionFinding, InspectionStatus, TeamMember } from '../domain/inspection.js';
import type { SpotCheckParameters, SpotCheckStatus } from '../domain/spot-check.js';
import type { InspectionMethod, InspectionType } from '../domain/agency-inspection.js';
import { isUuid, SpotChecks } from '../infrastructure/spot-check.repository.js';
import {
  addListFilters, Conditions, exportListOf, isoOrNull, likePrefix, listPageOf, statusList,
  type ExportSink, type ListParams, type ListStatement, type SortFields,
} from '../../../platform/database/sql.js';

export interface SpotCheckSummary {
  id: string; year: number; title: string; campaignId: string | null; campaignTitle: string | null;
  cityCodes: string[]; institutionKinds: InstitutionKind[]; parameters: SpotCheckParameters;
  dueDate: string;
  witnesses: { name: string }[]; beaconRequired: boolean;
  status: SpotCheckStatus;
  commitment: string | null; committedAt: string | null;
  drawnAt: string | null; resultHash: string | null;
  population: number; drawn: number;
  /** Counted in the reader's scope; `recorded` counts every inspection with a recorded result (sent ones too). */
  inspections: { total: number; recorded: number; sent: number; overdue: number };
}

export interface SpotCheckDetail extends SpotCheckSummary {
  strata: { cityCode: string; cityName: string; kind: InstitutionKind; level: InstitutionLevel; population: number; ratio: number; drawn: number }[];
  /** sameCity: inspectors set aside as of a drawn provider's city (summed over the cities); linked, inspectedLastYear: pairs. */
  exclusions: { sameCity: number; linked: number; inspectedLastYear: number };
  /** The items every inspection's checklist answers (an addition to the contract). */
  checklistItems: string[];
  history: { at: string; action: string; by: string; comment: string | null }[];
}

export interface InspectionView {
  id: string; spotCheckId: string | null; spotCheckTitle: string; campaignId: string | null;
  /** 'spot_check' (the province's draw), 'agency' (an agency's own inspection) or 'flight' (the national bureau's flight inspection). */
  origin: 'spot_check' | 'agency' | 'flight';
  /** The agency's inspection: who inspects, what kind, how, when (null for spot-check inspections). */
  agency: { id: string; name: string } | null;
  inspectionType: InspectionType | null; method: InspectionMethod | null; announced: boolean | null; plannedOn: string | null;
  crossInspection: boolean; basis: string | null;
  interviews: { person: string; role: string; heldOn: string; content: string; attachmentIds: string[] }[];
  institution: { id: string; name: string; kind: InstitutionKind; level: InstitutionLevel; regionCode: string; regionName: string; cityCode: string };
  team: TeamMember[];
  status: InspectionStatus; dueDate: string; overdue: boolean;
  inspectedOn: string | null;
  checklist: ChecklistEntry[];
  /** The items the checklist must answer (an addition to the contract: an assigned inspection has no checklist yet). */
  checklistItems: string[];
  findings: InspectionFinding[]; attachmentIds: string[];
  sentAt: string | null;
}

export interface CoverageKind {
  kind: InstitutionKind; providers: number; inspectedThisYear: number; shareThisYear: number;
  inspectedThisMonth: number; shareThisMonth: number; monthlyRuleMet: boolean | null;
}
export interface Coverage {
  year: number; month: number;
  byCity: {
    cityCode: string; cityName: string;
    kinds: CoverageKind[];
    notYetInspected: number;
    keySupervision: { units: number; inspectedTwice: number };
  }[];
}

/** The spot-checks' list parameters (issue 16 §2): `q` finds the spot-checks that drew the institution, `regionCode` those covering the region. */
export interface SpotCheckFilter extends ListParams { year?: number; status?: string; page?: number; pageSize?: number }
/** The inspections' list parameters (issue 16 §2) and the list's own filters. */
export interface InspectionFilter extends ListParams {
  spotCheckId?: string; cityCode?: string; status?: string; origin?: string; agencyId?: string; institutionId?: string; overdue?: string;
  page?: number; pageSize?: number;
}

export class ListSpotChecksQuery extends ActorQuery<{ items: SpotCheckSummary[]; total: number }> {
  constructor(actor: Actor, readonly filter: SpotCheckFilter = {}) { super(actor); }
}
/** The filtered spot-checks (the list's parameters, without paging), all of them, for the Excel export. */
export class ExportSpotChecksQuery extends ActorQuery<{ rows: number }> {
  constructor(actor: Actor, readonly filter: SpotCheckFilter, readonly sink: ExportSink<SpotCheckSummary>) { super(actor); }
}
export class GetSpotCheckQuery extends ActorQuery<SpotCheckDetail> {
  constructor(actor: Actor, readonly id: string) { super(actor); }
}
/** The published record's text, exactly as stored. */
export class GetSpotCheckRecordQuery extends ActorQuery<string> {
  constructor(actor: Actor, readonly id: string) { super(actor); }
}
export class VerifySpotCheckQuery extends ActorQuery<Verification> {
  constructor(actor: Actor, readonly id: string) { super(actor); }
}
export class ListInspectionsQuery extends ActorQuery<{ items: InspectionView[]; total: number }> {
  constructor(actor: Actor, readonly filter: InspectionFilter) { super(actor); }
}
/** The filtered inspections (the list's parameters, without paging), all of them, for the Excel export. */
export class ExportInspectionsQuery extends ActorQuery<{ rows: number }> {
  constructor(actor: Actor, readonly filter: InspectionFilter, readonly sink: ExportSink<InspectionView>) { super(actor); }
}
export class GetInspectionQuery extends ActorQuery<InspectionView> {
  constructor(actor: Actor, readonly id: string) { super(actor); }
}
export class CoverageQuery extends ActorQuery<Coverage> {
  constructor(actor: Actor, readonly year?: number, readonly month?: number) { super(actor); }
}

/** Replays an uploaded record; nothing is read or stored. */
export function verifyUploadedRecord(record: unknown): Verification {
  return verifyDrawRecord(record);
}

const iso = isoOrNull;

const SUMMARY = `
  select s.id, s.year, s.title, s.campaign_id, c.title as campaign_title, s.city_codes, s.institution_kinds, s.parameters,
         to_char(s.due_date, 'YYYY-MM-DD') as due, s.witnesses, s.beacon_required, s.status, s.commitment, s.committed_at,
         s.drawn_at, s.result_hash, s.population, s.drawn, s.checklist_items,
         (select count(*)::int from inspection i where i.spot_check_id = s.id) as i_total,
         (select count(*)::int from inspection i where i.spot_check_id = s.id and i.status <> 'assigned') as i_recorded,
         (select count(*)::int from inspection i where i.spot_check_id = s.id and i.status = 'sent') as i_sent,
         (select count(*)::int from inspection i where i.spot_check_id = s.id and i.overdue) as i_overdue
    from spot_check s
    left join campaign c on c.id = s.campaign_id`;

/** A row of SUMMARY (timestamps as the driver returns them: strings; `due` as YYYY-MM-DD). */
interface SpotCheckSummaryRow {
  id: string; year: number; title: string; campaign_id: string | null; campaign_title: string | null; city_codes: string[];
  institution_kinds: InstitutionKind[]; parameters: SpotCheckParameters; due: string; witnesses: { name: string }[]; beacon_required: boolean;
  status: SpotCheckStatus; commitment: string | null; committed_at: string | null; drawn_at: string | null; result_hash: string | null;
  population: number; drawn: number; checklist_items: string[]; i_total: number; i_recorded: number; i_sent: number; i_overdue: number;
}
interface HistoryRow { at: string; action: string; by_name: string; comment: string | null }
interface CityRow { code: string; name: string }

function toSummary(r: SpotCheckSummaryRow): SpotCheckSummary {
  return {
    id: r.id, year: Number(r.year), title: r.title, campaignId: r.campaign_id ?? null, campaignTitle: r.campaign_title ?? null,
    cityCodes: r.city_codes, institutionKinds: r.institution_kinds, parameters: r.parameters, dueDate: r.due,
    witnesses: r.witnesses, beaconRequired: Boolean(r.beacon_required), status: r.status,
    commitment: r.commitment ?? null, committedAt: iso(r.committed_at), drawnAt: iso(r.drawn_at), resultHash: r.result_hash ?? null,
    population: Number(r.population), drawn: Number(r.drawn),
    inspections: { total: r.i_total, recorded: r.i_recorded, sent: r.i_sent, overdue: r.i_overdue },
  };
}

function assertNotInstitution(actor: Actor): void {
  if (actor.organizationKind === 'institution') {
    throw DomainError.forbidden('spot_check_forbidden', { zh: '抽查信息不向定点医药机构开放', en: 'spot-checks are not open to providers' });
  }
}

export const SPOT_CHECK_STATUSES: readonly SpotCheckStatus[] = ['draft', 'committed', 'drawn', 'closed'];
/** The sortable columns of the spot-checks' list (`sort=field` or `-field`). */
export const SPOT_CHECK_SORT: SortFields = {
  title: 's.title', year: 's.year', status: 's.status', dueDate: 's.due_date', committedAt: 's.committed_at', drawnAt: 's.drawn_at',
  population: 's.population', drawn: 's.drawn', createdAt: 's.created_at',
};
/** The newest year first, the newest spot-check first within it. */
const SPOT_CHECK_ORDER = 's.year desc, s.created_at desc, s.id desc';

/** The spot-checks' list, for its page and its export. */
const spotCheckList = (uow: UnitOfWork, actor: Actor): ListStatement<SpotCheckFilter> => ({
  conditions: (filter) => spotCheckConditions(uow, actor, filter),
  count: () => 'from spot_check s', select: SUMMARY, sort: SPOT_CHECK_SORT, idColumn: 's.id', defaultOrder: SPOT_CHECK_ORDER,
});

/**
 * The spot-checks' list conditions (null: empty by construction). A spot-check belongs to the
 * province: the search finds those that drew the institution (among the inspections the reader
 * may see), the region those covering it (one of its cities is the region, lies inside it or
 * contains it); the period is the day it was created.
 */
async function spotCheckConditions(uow: UnitOfWork, actor: Actor, filter: SpotCheckFilter): Promise<Conditions | null> {
  assertNotInstitution(actor);
  const where = new Conditions();
  const wanted = statusList(filter.status, SPOT_CHECK_STATUSES);
  if (wanted.length) where.add('s.status = any(?::text[])', `{${wanted.join(',')}}`);
  if (filter.year !== undefined) where.add('s.year = ?', filter.year);
  const found = await addListFilters(uow.em, where, filter, {
    search: (like, code) => [`exists (select 1 from inspection i join organization o on o.id = i.institution_id
      where i.spot_check_id = s.id and (o.name like ? or i.institution_id = ?))`, like, code],
    region: (path) => ['exists (select 1 from region rc where rc.code = any(s.city_codes) and (starts_with(rc.path, ?) or starts_with(?, rc.path)))', path, path],
    date: 's.created_at',
  }, actor.regionPath);
  return found ? where : null;
}

@QueryHandler(ListSpotChecksQuery)
export class ListSpotChecksHandler implements IQueryHandler<ListSpotChecksQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: ListSpotChecksQuery) {
    const { rows, total } = await listPageOf<SpotCheckSummaryRow, SpotCheckFilter>(this.uow.em, spotCheckList(this.uow, actor), filter);
    return { items: rows.map(toSummary), total };
  }
}

@QueryHandler(ExportSpotChecksQuery)
export class ExportSpotChecksHandler implements IQueryHandler<ExportSpotChecksQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter, sink }: ExportSpotChecksQuery) {
    return exportListOf(this.uow.em, spotCheckList(this.uow, actor), filter, sink, (rows: SpotCheckSummaryRow[]) => rows.map(toSummary));
  }
}

@QueryHandler(GetSpotCheckQuery)
export class GetSpotCheckHandler implements IQueryHandler<GetSpotCheckQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly repo: SpotChecks) {}
  async execute({ actor, id }: GetSpotCheckQuery): Promise<SpotCheckDetail> {
    assertNotInstitution(actor);
    const em = this.uow.em;
    const [r] = isUuid(id) ? await em.execute<SpotCheckSummaryRow[]>(`${SUMMARY} where s.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '抽查', en: 'spot-check' }, id);
    const text = r.status === 'drawn' || r.status === 'closed' ? await this.repo.recordText(id) : null;
    const result = text ? (JSON.parse(text) as DrawRecord).result : null;
    const cities = new Map((await em.execute<CityRow[]>(`select code, name from region where level = 'city' and code = any(?::text[])`,
      [`{${r.city_codes.join(',')}}`])).map((c) => [c.code, c.name]));
    const history = await em.execute<HistoryRow[]>(`select at, action, by_name, comment from spot_check_history where spot_check_id = ? order by at, id`, [id]);
    const exclusions = { sameCity: 0, linked: 0, inspectedLastYear: 0 };
    for (const e of result?.exclusions ?? []) {
      if (e.reason === 'same_city') exclusions.sameCity += e.inspectorIds.length;
      else if (e.reason === 'linked') exclusions.linked += 1;
      else exclusions.inspectedLastYear += 1;
    }
    return {
      ...toSummary(r),
      strata: (result?.strata ?? []).map((s) => ({ ...s, cityName: cities.get(s.cityCode) ?? s.cityCode })),
      exclusions,
      checklistItems: r.checklist_items,
      history: history.map((h) => ({ at: iso(h.at)!, action: h.action, by: h.by_name, comment: h.comment })),
    };
  }
}

/** The spot-check's published draw record (its text) for a reader other than an institution; 404 before the commitment. */
async function publishedRecord(repo: SpotChecks, actor: Actor, id: string): Promise<string> {
  assertNotInstitution(actor);
  const text = await repo.recordText(id);
  if (text === null) throw DomainError.notFound({ zh: '抽查的公开记录（尚未公布承诺）', en: 'published draw record (not committed yet)' }, id);
  return text;
}

@QueryHandler(GetSpotCheckRecordQuery)
export class GetSpotCheckRecordHandler implements IQueryHandler<GetSpotCheckRecordQuery> {
  constructor(private readonly repo: SpotChecks) {}
  async execute({ actor, id }: GetSpotCheckRecordQuery) {
    const text = await publishedRecord(this.repo, actor, id);
    return text;
  }
}

@QueryHandler(VerifySpotCheckQuery)
export class VerifySpotCheckHandler implements IQueryHandler<VerifySpotCheckQuery> {
  constructor(private readonly repo: SpotChecks) {}
  async execute({ actor, id }: VerifySpotCheckQuery) {
    const text = await publishedRecord(this.repo, actor, id);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return { ok: false, checks: [{ name: 'directories', ok: false, detail: `the stored record is not JSON: ${String(err)}` }] } satisfies Verification;
    }
    return verifyDrawRecord(parsed);
  }
}

const INSPECTION = `
  select i.id, i.spot_check_id, i.spot_check_title, i.campaign_id, i.checklist_items, i.institution_id, o.name as institution_name,
         i.kind, i.level, o.region_code, r.name as region_name, i.city_code, i.team, i.status, to_char(i.due_date, 'YYYY-MM-DD') as due,
         i.overdue, to_char(i.inspected_on, 'YYYY-MM-DD') as inspected, i.checklist, i.findings, i.attachment_ids::text[] as attachment_ids, i.sent_at,
         i.origin, i.agency_id, g.name as agency_name, i.inspection_type, i.method, i.announced, to_char(i.planned_on, 'YYYY-MM-DD') as planned,
         i.cross_inspection, i.basis, i.interviews
    from inspection i
    join organization o on o.id = i.institution_id
    join region r on r.code = o.region_code
    left join organization g on g.id = i.agency_id`;

/** A row of INSPECTION (dates as YYYY-MM-DD: `due`, `inspected`, `planned`; `sent_at` as the driver's string). */
interface InspectionViewRow {
  id: string; spot_check_id: string | null; spot_check_title: string; campaign_id: string | null; checklist_items: string[]; institution_id: string;
  institution_name: string; kind: InstitutionKind; level: InstitutionLevel; region_code: string; region_name: string; city_code: string;
  team: TeamMember[]; status: InspectionStatus; due: string; overdue: boolean; inspected: string | null; checklist: ChecklistEntry[];
  findings: InspectionFinding[]; attachment_ids: string[] | null; sent_at: string | null; origin: InspectionView['origin'];
  agency_id: string | null; agency_name: string | null; inspection_type: InspectionType | null; method: InspectionMethod | null; announced: boolean | null;
  planned: string | null; cross_inspection: boolean; basis: string | null; interviews: InspectionView['interviews'] | null;
}
/** A row of the coverage statement: one city and kind. */
interface CoverageRow { city: string; kind: InstitutionKind; providers: number; inspected_year: number; inspected_month: number; key_units: number; key_twice: number }

function toInspection(r: InspectionViewRow): InspectionView {
  return {
    id: r.id, spotCheckId: r.spot_check_id, spotCheckTitle: r.spot_check_title, campaignId: r.campaign_id ?? null,
    institution: { id: r.institution_id, name: r.institution_name, kind: r.kind, level: r.level, regionCode: r.region_code, regionName: r.region_name, cityCode: r.city_code },
    team: r.team, status: r.status, dueDate: r.due, overdue: Boolean(r.overdue), inspectedOn: r.inspected ?? null,
    checklist: r.checklist, checklistItems: r.checklist_items, findings: r.findings, attachmentIds: r.attachment_ids ?? [], sentAt: iso(r.sent_at),
    origin: r.origin, agency: r.agency_id ? { id: r.agency_id, name: r.agency_name ?? r.agency_id } : null, inspectionType: r.inspection_type ?? null,
    method: r.method ?? null, announced: r.announced ?? null, plannedOn: r.planned ?? null, crossInspection: Boolean(r.cross_inspection),
    basis: r.basis ?? null, interviews: r.interviews ?? [],
  };
}

export const INSPECTION_STATUSES: readonly InspectionStatus[] = ['assigned', 'recorded', 'sent'];
/** The sortable columns of the inspections' list. */
export const INSPECTION_SORT: SortFields = {
  institution: 'o.name', region: 'i.region_path', status: 'i.status', spotCheck: 'i.spot_check_title', type: 'i.inspection_type',
  plannedOn: 'i.planned_on', inspectedOn: 'i.inspected_on', dueDate: 'i.due_date', sentAt: 'i.sent_at', createdAt: 'i.created_at',
};
const INSPECTION_ORDER = 'i.created_at desc, i.spot_check_id, i.draw_order, i.id';
/** The count's `from` part: the join the search needs (the institution's name). */
const inspectionCount = (filter: ListParams) => (filter.q?.trim() ? 'from inspection i join organization o on o.id = i.institution_id' : 'from inspection i');

/** The inspections' list, for its page and its export; the period is the day the inspection was assigned or scheduled. */
const inspectionList = (uow: UnitOfWork, actor: Actor): ListStatement<InspectionFilter> => ({
  conditions: (filter) => inspectionConditions(uow, actor, filter),
  count: inspectionCount, select: INSPECTION, sort: INSPECTION_SORT, idColumn: 'i.id', defaultOrder: INSPECTION_ORDER,
});

/** The inspections' list conditions (null: empty by construction). */
async function inspectionConditions(uow: UnitOfWork, actor: Actor, filter: InspectionFilter): Promise<Conditions | null> {
  // Row-level security decides what is visible; these predicates only let PostgreSQL use the
  // indexes — an institution's own rows, or the subtree.
  const where = new Conditions();
  if (actor.organizationKind === 'institution') where.add('i.institution_id = ?', actor.organizationId);
  else if (actor.regionPath !== '/') where.add('i.region_path like ?', likePrefix(actor.regionPath));
  if (filter.spotCheckId !== undefined) {
    if (!isUuid(filter.spotCheckId)) return null;
    where.add('i.spot_check_id = ?', filter.spotCheckId);
  }
  if (filter.cityCode) where.add('i.city_code = ?', filter.cityCode);
  const wanted = statusList(filter.status, INSPECTION_STATUSES);
  if (wanted.length) where.add('i.status = any(?::text[])', `{${wanted.join(',')}}`);
  if (filter.origin) {
    if (!['spot_check', 'agency', 'flight'].includes(filter.origin)) {
      throw DomainError.validation('invalid_request', { zh: `检查来源无效：${filter.origin}（spot_check、agency 或 flight）`, en: `unknown origin: ${filter.origin} (spot_check, agency, flight)` }, { field: 'origin' });
    }
    where.add('i.origin = ?', filter.origin);
  }
  if (filter.agencyId) where.add('i.agency_id = ?', filter.agencyId);
  if (filter.institutionId) where.add('i.institution_id = ?', filter.institutionId);
  if (filter.overdue === 'true') where.add(`i.overdue and i.status <> 'sent'`);
  const found = await addListFilters(uow.em, where, filter,
    { institutionName: 'o.name', institutionCode: 'i.institution_id', regionPath: 'i.region_path', date: 'i.created_at' }, actor.regionPath);
  return found ? where : null;
}

@QueryHandler(ListInspectionsQuery)
export class ListInspectionsHandler implements IQueryHandler<ListInspectionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: ListInspectionsQuery) {
    const { rows, total } = await listPageOf<InspectionViewRow, InspectionFilter>(this.uow.em, inspectionList(this.uow, actor), filter);
    return { items: rows.map(toInspection), total };
  }
}

@QueryHandler(ExportInspectionsQuery)
export class ExportInspectionsHandler implements IQueryHandler<ExportInspectionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter, sink }: ExportInspectionsQuery) {
    return exportListOf(this.uow.em, inspectionList(this.uow, actor), filter, sink, (rows: InspectionViewRow[]) => rows.map(toInspection));
  }
}

@QueryHandler(GetInspectionQuery)
export class GetInspectionHandler implements IQueryHandler<GetInspectionQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ id }: GetInspectionQuery) {
    const [r] = isUuid(id) ? await this.uow.em.execute<InspectionViewRow[]>(`${INSPECTION} where i.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '现场检查', en: 'inspection' }, id);
    return toInspection(r);
  }
}

const share = (n: number, of: number) => (of ? Math.round((n / of) * 10000) / 10000 : 0);

/**
 * Coverage of the year and the month (seed 002 一(四)), counted in the reader's scope from
 * inspections with a recorded inspection date in the period (any spot-check), each provider once
 * per period: providers per city and kind, the share inspected, the monthly 10% rule for pharmacies
 * and clinics, and key-supervision units inspected at least twice in the year.
 */
@QueryHandler(CoverageQuery)
export class CoverageHandler implements IQueryHandler<CoverageQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, year, month }: CoverageQuery): Promise<Coverage> {
    const today = chinaDateOf(new Date());
    const y = year ?? Number(today.slice(0, 4));
    const m = month ?? Number(today.slice(5, 7));
    if (!Number.isInteger(y) || y < 2000 || y > 2100 || !Number.isInteger(m) || m < 1 || m > 12) {
      throw DomainError.validation('coverage_period_invalid', { zh: `统计期间无效：${y} 年 ${m} 月`, en: `invalid period: ${y}-${m}` }, { year: y, month: m });
    }
    const pad = (n: number) => String(n).padStart(2, '0');
    const yearStart = `${y}-01-01`;
    const yearEnd = `${y + 1}-01-01`;
    const monthStart = `${y}-${pad(m)}-01`;
    const monthEnd = m === 12 ? yearEnd : `${y}-${pad(m + 1)}-01`;
    const em = this.uow.em;
    // Row-level security narrows both organization and inspection to the reader's scope.
    const rows = await em.execute<CoverageRow[]>(
      `with x as (
         select i.institution_id, count(*) as n_year, bool_or(i.inspected_on >= ?::date and i.inspected_on < ?::date) as in_month
           from inspection i
          where i.inspected_on >= ?::date and i.inspected_on < ?::date and i.status <> 'assigned'
          group by i.institution_id)
       select substr(o.region_code, 1, 4) as city, o.institution_type as kind, count(*)::int as providers,
              count(x.institution_id)::int as inspected_year,
              count(*) filter (where x.in_month)::int as inspected_month,
              count(*) filter (where o.key_supervision)::int as key_units,
              count(*) filter (where o.key_supervision and x.n_year >= 2)::int as key_twice
         from organization o left join x on x.institution_id = o.id
        where o.kind = 'institution'
        group by 1, 2`,
      [monthStart, monthEnd, yearStart, yearEnd]);
    // Cities: those of the reader's region (its province's, its own, or its county's city) and any with providers in scope.
    const scope = actor.regionPath;
    const level = levelOfPath(scope);
    const [, provinceCode, cityCode] = scope.split('/');
    const cityRows = await em.execute<CityRow[]>(
      level === 'nation'
        ? `select code, name from region where level = 'city' and code = any(?::text[]) order by code`
        : level === 'province'
          ? `select code, name from region where level = 'city' and (parent_code = ? or code = any(?::text[])) order by code`
          : `select code, name from region where level = 'city' and (code = ? or code = any(?::text[])) order by code`,
      level === 'nation' ? [`{${rows.map((r) => r.city).join(',')}}`]
        : [level === 'province' ? provinceCode : cityCode, `{${rows.map((r) => r.city).join(',')}}`]);
    return {
      year: y,
      month: m,
      byCity: cityRows.map((c) => {
        const mine = rows.filter((r) => r.city === c.code);
        const kinds = INSTITUTION_KINDS.map((kind): CoverageKind => {
          const r = mine.find((x) => x.kind === kind);
          const providers = r?.providers ?? 0;
          const inspectedThisYear = r?.inspected_year ?? 0;
          const inspectedThisMonth = r?.inspected_month ?? 0;
          return {
            kind, providers, inspectedThisYear, shareThisYear: share(inspectedThisYear, providers), inspectedThisMonth,
            shareThisMonth: share(inspectedThisMonth, providers),
            // at least 10% a month, in integers: inspected × 10 ≥ providers
            monthlyRuleMet: kind === 'hospital' ? null : inspectedThisMonth * 10 >= providers,
          };
        });
        return {
          cityCode: c.code,
          cityName: c.name,
          kinds,
          notYetInspected: kinds.filter((k) => k.kind !== 'hospital').reduce((sum, k) => sum + k.providers - k.inspectedThisYear, 0),
          keySupervision: {
            units: mine.reduce((sum, r) => sum + r.key_units, 0),
            inspectedTwice: mine.reduce((sum, r) => sum + r.key_twice, 0),
          },
        };
      }),
    };
  }
}

/** The inspecting agencies' document requests the institution has still to answer (issue 16 §1). */
export class DocumentRequestsTodoQuery extends ActorQuery<TodoCount[]> {}

@QueryHandler(DocumentRequestsTodoQuery)
export class DocumentRequestsTodoHandler implements IQueryHandler<DocumentRequestsTodoQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor }: DocumentRequestsTodoQuery): Promise<TodoCount[]> {
    if (actor.organizationKind !== 'institution') return [];
    const one = async (sql: string, params: unknown[]) => (await this.uow.em.execute<CountRow[]>(sql, params))[0];
    return todoOf('document_requests_to_answer', await one(
      `select count(*)::int as n, to_char(min(due_date), 'YYYY-MM-DD') as due from inspection_document_request where owner_org_id = ? and status = 'requested'`,
      [actor.organizationId]));
  }
}

export const SPOT_CHECK_QUERY_HANDLERS = [
  DocumentRequestsTodoHandler, ListSpotChecksHandler, ExportSpotChecksHandler, GetSpotCheckHandler, GetSpotCheckRecordHandler, VerifySpotCheckHandler,
  ListInspectionsHandler, ExportInspectionsHandler, GetInspectionHandler, CoverageHandler,
];
