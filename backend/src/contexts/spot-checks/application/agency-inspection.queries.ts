import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery } from '../../../platform/cqrs/actor-command.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { isAgencyStaff, recusalOf, type RecusalReason } from '../domain/agency-inspection.js';
import { AgencyInspectionDirectory, type WorklistSqlRow } from '../infrastructure/agency-inspections.repository.js';
import type { InspectionStatus } from '../domain/inspection.js';
import type { InstitutionKind } from '../domain/draw/types.js';
import type { AgreementStatus } from '../../agreements/index.js';
import { coverageRules, HIGH_CREDIT_GRADES, worklistSuggestions, type CoverageCounts, type CoverageRule, type WorklistRow } from '../domain/coverage.js';

/** A row of the coverage statement: one agency's institutions of one kind. */
interface CoverageSqlRow {
  agency_id: string; kind: string; providers: number; inspected_year: number; on_site_year: number; inspected_month: number;
  key_units: number; key_twice: number; high_credit: number; high_credit_done: number;
}
interface AgencySqlRow { id: string; name: string; region_code: string; region_name: string; level: 'province' | 'city' | 'county' }
interface SampleSqlRow { city: string; city_name: string; providers: number; sampled: number }
const pad = (n: number) => String(n).padStart(2, '0');

/** The year and month bounds (China dates) of `YYYY-MM`, or this month. */
export function monthBounds(month: string | undefined, now: Date) {
  const today = chinaDateOf(now);
  const m = month ?? today.slice(0, 7);
  const match = /^(\d{4})-(\d{2})$/.exec(m);
  const y = match ? Number(match[1]) : NaN;
  const mm = match ? Number(match[2]) : NaN;
  if (!match || y < 2000 || y > 2100 || mm < 1 || mm > 12) {
    throw DomainError.validation('coverage_period_invalid', { zh: `月份无效：${m}（格式 YYYY-MM）`, en: `invalid month ${m} (YYYY-MM)` }, { field: 'month' });
  }
  return {
    year: y, month: mm, today,
    yearStart: `${y}-01-01`, yearEnd: `${y + 1}-01-01`,
    monthStart: `${y}-${pad(mm)}-01`, monthEnd: mm === 12 ? `${y + 1}-01-01` : `${y}-${pad(mm + 1)}-01`,
  };
}

export interface WorklistItem extends WorklistRow {
  name: string; regionCode: string; regionName: string; ownership: string | null; agreementStatus: AgreementStatus;
  lastInspectedOn: string | null;
  open: { id: string; plannedOn: string | null; status: InspectionStatus; overdue: boolean } | null;
}
export interface Worklist {
  agencyId: string; month: string; year: number;
  /** Per kind: the jurisdiction's units, the month's 10% quota for pharmacies and clinics, what is done and scheduled. */
  quotas: { kind: InstitutionKind; providers: number; monthlyRequired: number | null; inspectedThisMonth: number; scheduledThisMonth: number; notYetThisYear: number }[];
  items: WorklistItem[];
}

/** The worklist of an agency from its rows (AgencyInspectionDirectory.worklistRows) for the month of `b`. */
export function buildWorklist(agencyId: string, rows: WorklistSqlRow[], b: { year: number; month: number; monthStart: string; monthEnd: string }): Worklist {
  const base: WorklistRow[] = rows.map((r) => ({
    institutionId: r.id, kind: r.kind, level: r.level, keySupervision: Boolean(r.key_supervision), creditRating: r.credit_rating ?? null,
    priorViolations: Number(r.prior), inspectionsThisYear: Number(r.sent_year), onSiteThisYear: Number(r.on_site_year),
    inspectedThisMonth: Boolean(r.in_month), scheduled: Boolean(r.open), scheduledThisMonth: Boolean(r.open && r.open.plannedOn >= b.monthStart && r.open.plannedOn < b.monthEnd),
    dueReasons: [], suggested: false, risk: 0,
  }));
  const suggested = worklistSuggestions(base, b.month);
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const items: WorklistItem[] = suggested.map((w) => {
    const r = byId.get(w.institutionId)!;
    return {
      ...w, name: r.name, regionCode: r.region_code, regionName: r.region_name, ownership: r.ownership ?? null,
      agreementStatus: r.agreement_status, lastInspectedOn: r.last_inspected ?? null, open: r.open ?? null,
    };
  });
  const quotas = (['hospital', 'pharmacy', 'clinic'] as const).map((kind) => {
    const mine = suggested.filter((w) => w.kind === kind);
    return {
      kind, providers: mine.length,
      monthlyRequired: kind === 'hospital' ? null : Math.ceil(mine.length / 10),
      inspectedThisMonth: mine.filter((w) => w.inspectedThisMonth).length,
      scheduledThisMonth: mine.filter((w) => w.scheduledThisMonth).length,
      notYetThisYear: mine.filter((w) => w.onSiteThisYear === 0).length,
    };
  });
  return { agencyId, month: `${b.year}-${pad(b.month)}`, year: b.year, quotas, items };
}

export class AgencyWorklistQuery extends ActorQuery<Worklist> {
  constructor(actor: Actor, readonly month?: string) { super(actor); }
}

/**
 * An agency's inspection worklist for a month (seed 003 一(一) 全覆盖; 002 一(四)): the institutions
 * it holds, each with what the coverage rules still ask of it this year, and those suggested for the
 * month, risk first (key-supervision list, prior violations).
 */
@QueryHandler(AgencyWorklistQuery)
export class AgencyWorklistHandler implements IQueryHandler<AgencyWorklistQuery> {
  constructor(private readonly directory: AgencyInspectionDirectory) {}
  async execute({ actor, month }: AgencyWorklistQuery): Promise<Worklist> {
    if (!isAgencyStaff(actor)) {
      throw DomainError.forbidden('inspection_forbidden', { zh: '检查任务清单仅供经办机构稽核人员使用', en: "the inspection worklist is for a handling agency's staff" });
    }
    const b = monthBounds(month, new Date());
    return buildWorklist(actor.organizationId, await this.directory.worklistRows(actor.organizationId, b), b);
  }
}

export interface CoverageJurisdiction extends CoverageCounts {
  agencyId: string; agencyName: string; level: 'province' | 'city' | 'county'; regionCode: string; regionName: string; cityCode: string;
  rules: CoverageRule[];
}
export interface JurisdictionCoverage {
  year: number; month: number;
  /** Per handling agency (本辖区: the institutions holding its agreements), every sent inspection counted. */
  jurisdictions: CoverageJurisdiction[];
  /** The province's ≥10% sample (seed 003 一(一)), per city: institutions with a sent spot-check inspection this year. */
  provinceSample: { cityCode: string; cityName: string; providers: number; sampled: number; share: number; ruleMet: boolean }[];
}

export class JurisdictionCoverageQuery extends ActorQuery<JurisdictionCoverage> {
  constructor(actor: Actor, readonly month?: string) { super(actor); }
}

/**
 * Coverage per jurisdiction (seed 002 一(四), 003 一(一)): every sent inspection counts, province
 * spot-checks and the agencies' own alike, for the institutions whose agreement the agency holds.
 * Row-level security narrows everything to the reader's subtree.
 */
@QueryHandler(JurisdictionCoverageQuery)
export class JurisdictionCoverageHandler implements IQueryHandler<JurisdictionCoverageQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ month }: JurisdictionCoverageQuery): Promise<JurisdictionCoverage> {
    const b = monthBounds(month, new Date());
    const em = this.uow.em;
    // Under forced row-level security the planner expects one row from every table and nests the
    // year's inspections into the agreements (minutes at province scale); hashing them takes ~1 s
    // (ADR 0011 found the same for the dashboards' rebuild). For this transaction only.
    await em.execute('set local enable_nestloop = off');
    const rows = await em.execute<CoverageSqlRow[]>(
      `with x as (
         select i.institution_id, count(*) as n_year,
                count(*) filter (where i.origin = 'spot_check' or i.method = 'on_site') as on_site,
                bool_or(i.inspected_on >= ?::date and i.inspected_on < ?::date) as in_month
           from inspection i
          where i.status = 'sent' and i.inspected_on >= ?::date and i.inspected_on < ?::date
          group by i.institution_id)
       select a.agency_id, o.institution_type as kind, count(*)::int as providers,
              count(x.institution_id)::int as inspected_year,
              count(*) filter (where x.on_site > 0)::int as on_site_year,
              count(*) filter (where x.in_month)::int as inspected_month,
              count(*) filter (where o.key_supervision)::int as key_units,
              count(*) filter (where o.key_supervision and x.n_year >= 2)::int as key_twice,
              count(*) filter (where o.institution_type = 'hospital' and o.credit_rating = any(?::text[]))::int as high_credit,
              count(*) filter (where o.institution_type = 'hospital' and o.credit_rating = any(?::text[]) and x.on_site > 0)::int as high_credit_done
         from service_agreement a join organization o on o.id = a.institution_id
         left join x on x.institution_id = a.institution_id
        where a.status <> 'terminated'
        group by 1, 2`,
      [b.monthStart, b.monthEnd, b.yearStart, b.yearEnd, `{${HIGH_CREDIT_GRADES.join(',')}}`, `{${HIGH_CREDIT_GRADES.join(',')}}`]);
    const agencyIds = [...new Set(rows.map((r) => r.agency_id))];
    const agencies = agencyIds.length ? await em.execute<AgencySqlRow[]>(
      `select g.id, g.name, g.region_code, r.name as region_name, r.level from organization g join region r on r.code = g.region_code
        where g.id = any(?::text[]) order by g.region_code`, [`{${agencyIds.join(',')}}`]) : [];
    const jurisdictions = agencies.map((g): CoverageJurisdiction => {
      const mine = rows.filter((r) => r.agency_id === g.id);
      const kinds = ['hospital', 'pharmacy', 'clinic'].map((kind) => {
        const r = mine.find((x) => x.kind === kind);
        return { kind, providers: r?.providers ?? 0, inspectedThisYear: r?.inspected_year ?? 0, onSiteThisYear: r?.on_site_year ?? 0, inspectedThisMonth: r?.inspected_month ?? 0 };
      });
      const sum = (f: Exclude<keyof CoverageSqlRow, 'agency_id' | 'kind'>) => mine.reduce((s, r) => s + Number(r[f]), 0);
      const counts: CoverageCounts = {
        institutions: sum('providers'), onSiteThisYear: sum('on_site_year'), kinds,
        keySupervision: { units: sum('key_units'), inspectedTwice: sum('key_twice') },
        highCredit: { hospitals: sum('high_credit'), fullyInspected: sum('high_credit_done') },
      };
      return {
        agencyId: g.id, agencyName: g.name, level: g.level, regionCode: g.region_code, regionName: g.region_name, cityCode: String(g.region_code).slice(0, 4),
        ...counts, rules: coverageRules(counts),
      };
    });
    const sample = await em.execute<SampleSqlRow[]>(
      `select substr(o.region_code, 1, 4) as city, c.name as city_name, count(*)::int as providers,
              count(*) filter (where exists (select 1 from inspection i where i.institution_id = o.id and i.origin = 'spot_check' and i.status = 'sent'
                                              and i.inspected_on >= ?::date and i.inspected_on < ?::date))::int as sampled
         from organization o join region c on c.code = substr(o.region_code, 1, 4)
        where o.kind = 'institution'
        group by 1, 2 order by 1`, [b.yearStart, b.yearEnd]);
    return {
      year: b.year, month: b.month, jurisdictions,
      provinceSample: sample.map((r) => ({
        cityCode: r.city, cityName: r.city_name, providers: r.providers, sampled: r.sampled,
        share: r.providers ? Math.round((r.sampled / r.providers) * 10000) / 10000 : 0, ruleMet: r.sampled * 10 >= r.providers,
      })),
    };
  }
}

export interface TeamCandidateView {
  inspectorId: string; name: string; organizationName: string;
  /** Whether the inspector may join a team for the institution, and if not why (回避). */
  eligible: boolean; reason: RecusalReason | null;
}

/** The agency's active inspectors for an inspection of `institutionId` in `year`, with the recusal rules applied. */
export class TeamCandidatesQuery extends ActorQuery<TeamCandidateView[]> {
  constructor(actor: Actor, readonly institutionId: string, readonly year?: number) { super(actor); }
}

@QueryHandler(TeamCandidatesQuery)
export class TeamCandidatesHandler implements IQueryHandler<TeamCandidatesQuery> {
  constructor(private readonly directory: AgencyInspectionDirectory) {}
  async execute({ actor, institutionId, year }: TeamCandidatesQuery): Promise<TeamCandidateView[]> {
    if (!isAgencyStaff(actor)) {
      throw DomainError.forbidden('inspection_forbidden', { zh: '只有经办机构稽核人员可以组建检查组', en: "only a handling agency's staff may form inspection teams" });
    }
    const y = year ?? Number(chinaDateOf(new Date()).slice(0, 4));
    if (!Number.isInteger(y) || y < 2000 || y > 2100) {
      throw DomainError.validation('inspection_planned_on_invalid', { zh: `年度无效：${String(year)}`, en: `invalid year ${String(year)}` }, { field: 'year' });
    }
    const candidates = await this.directory.teamCandidates(actor.organizationId, y);
    return [...candidates.values()].filter((c) => c.active).map((c) => {
      const reason = recusalOf(c, institutionId);
      return { inspectorId: c.id, name: c.name, organizationName: c.organizationName, eligible: reason === null, reason };
    });
  }
}

export const AGENCY_INSPECTION_QUERY_HANDLERS = [AgencyWorklistHandler, JurisdictionCoverageHandler, TeamCandidatesHandler];
