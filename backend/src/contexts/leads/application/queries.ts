import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery, ByIdQuery, ExportQuery, ListQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import {
  addListFilters, Conditions, exportListOf, isoOrNull, isUuid, listPageOf, pgArray, statusList,
  type ListParams, type ListStatement, type SortFields,
} from '../../../platform/database/sql.js';
import { actsFor, LEAD_STATUSES, type LeadResult, type LeadStatus } from '../domain/lead.js';
import { LEAD_SOURCES, type LeadSource } from '../domain/time-limits.js';
import { leadColumns, toLead, type LeadRow } from '../infrastructure/leads.repository.js';

/** What the tips context needs of a lead to decide a reward (issue 17): its status and result. */
export interface LeadOutcome {
  id: string;
  status: LeadStatus;
  result: LeadResult | null;
  /** Decimal yuan string. */
  confirmedAmount: string | null;
  closedAt: string | null;
  acceptedAt: string | null;
}

/** The lead's status and result, in the reader's scope (row-level security); not found when out of it. */
export class LeadOutcomeQuery extends ActorQuery<LeadOutcome> {
  constructor(actor: Actor, readonly leadId: string) { super(actor); }
}

export interface LeadUnitView { id: string; name: string }

export interface LeadView {
  id: string;
  ledgerNo: number;
  source: LeadSource;
  sourceRef: string | null;
  subject: string;
  region: { code: string; name: string };
  institution: LeadUnitView | null;
  /** Decimal yuan strings. */
  amountInvolved: string | null;
  status: LeadStatus;
  dueDate: string | null;
  overdue: boolean;
  /** The unit holding the lead (承办单位), and the one whose ledger it was registered in. */
  holder: LeadUnitView;
  registeredBy: LeadUnitView;
  /** The unit that assigned it to the holder (null when the holder registered it). */
  assignedBy: LeadUnitView | null;
  /** While reported: the unit reviewing the result. */
  reportedTo: LeadUnitView | null;
  extensionRequested: string | null;
  result: LeadResult | null;
  confirmedAmount: string | null;
  registeredAt: string;
  closedAt: string | null;
  acceptedAt: string | null;
}

export interface LeadDetail extends LeadView {
  facts: string;
  valuable: boolean | null;
  assessmentReasons: string | null;
  dismissal: { by: string; reasons: string; at: string } | null;
  extension: { dueDate: string; reason: string; by: string; at: string } | null;
  inspectionId: string | null;
  resultSummary: string | null;
  reportedAt: string | null;
  assignments: { from: LeadUnitView; to: LeadUnitView; at: string; by: string; dueDate: string }[];
  /** What the reader's unit may do now (the domain decides again on each action). */
  can: { assess: boolean; decideDismissal: boolean; assign: boolean; investigate: boolean; close: boolean; report: boolean; review: boolean; requestExtension: boolean; decideExtension: boolean };
  history: { at: string; action: string; by: string; organizationId: string; organizationName: string; comment: string | null }[];
}

export interface LeadFilter extends ListParams {
  status?: string; source?: string; overdue?: string; dueBy?: string;
  /** 'held': leads the reader's unit holds; 'assigned': leads it assigned down (still in view). */
  view?: string; page?: number; pageSize?: number;
}

export class ListLeadsQuery extends ListQuery<LeadFilter, LeadView> {}
export class GetLeadQuery extends ByIdQuery<LeadDetail> {}
export class ExportLeadsQuery extends ExportQuery<LeadFilter, LeadView & { seq: number }> {}

// The names of the region, the holder and the registering unit are read per row shown (scalar
// subqueries), not joined: joined, the planner — which takes the row-level-security filter for 1% of
// the leads — joined all 200,000 of a province before taking the page's 20 (7 s; 17 ms now, the page
// walking lead_registered_idx; docs/benchmarks.md, issue 17). The institution stays joined: the search
// and its sort read inst.name. The names exist by foreign key and whoever reads a lead reads them.
const HOLDER_NAME = '(select h.name from organization h where h.id = l.owner_org_id)';
const FROM = `from lead l
    left join organization inst on inst.id = l.institution_org_id`;
export const LEAD_SELECT = `select ${leadColumns('l.')},
    (select r.name from region r where r.code = l.region_code) as region_name, ${HOLDER_NAME} as holder_name,
    (select g.name from organization g where g.id = l.registered_org_id) as registered_org_name, inst.name as institution_name ${FROM}`;

interface LeadViewRow extends LeadRow { region_name: string; holder_name: string; registered_org_name: string; institution_name: string | null }

async function unitNames(uow: UnitOfWork, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await uow.em.execute<{ id: string; name: string }[]>(`select id, name from organization where id = any(?::text[])`, [pgArray(unique)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

const unitsOf = (rows: LeadViewRow[]) => rows.flatMap((r) => (r.assignments ?? []).flatMap((a) => [a.fromOrgId, a.toOrgId]));

function toView(r: LeadViewRow, names: Map<string, string>): LeadView {
  const l = toLead(r);
  const unit = (id: string): LeadUnitView => ({ id, name: names.get(id) ?? id });
  return {
    id: l.id, ledgerNo: l.ledgerNo!, source: l.source, sourceRef: l.sourceRef, subject: l.subject,
    region: { code: l.regionCode, name: r.region_name },
    institution: l.institutionOrgId ? { id: l.institutionOrgId, name: r.institution_name ?? l.institutionOrgId } : null,
    amountInvolved: l.amountInvolved, status: l.status, dueDate: l.dueDate, overdue: l.overdue,
    holder: { id: l.ownerOrgId, name: r.holder_name }, registeredBy: { id: l.registeredOrgId, name: r.registered_org_name },
    assignedBy: l.assigner ? unit(l.assigner.orgId) : null, reportedTo: l.reportedTo ? unit(l.reportedTo.orgId) : null,
    extensionRequested: l.extension?.dueDate ?? null, result: l.result, confirmedAmount: l.confirmedAmount,
    registeredAt: isoOrNull(r.registered_at)!, closedAt: isoOrNull(r.closed_at), acceptedAt: isoOrNull(r.accepted_at),
  };
}

/** The sortable columns of the ledger (`sort=field` or `-field`). */
export const LEAD_SORT: SortFields = {
  ledgerNo: 'l.ledger_no', registeredAt: 'l.registered_at', dueDate: 'l.due_date', status: 'l.status', source: 'l.source',
  institution: 'inst.name', holder: HOLDER_NAME, amountInvolved: 'l.amount_involved', closedAt: 'l.closed_at',
};
const LEAD_ORDER = 'l.registered_at desc, l.id desc';

async function leadConditions(uow: UnitOfWork, actor: Actor, filter: LeadFilter): Promise<Conditions | null> {
  const where = new Conditions();
  const statuses = statusList(filter.status, LEAD_STATUSES);
  if (statuses.length) where.add('l.status = any(?::text[])', `{${statuses.join(',')}}`);
  const sources = statusList(filter.source, LEAD_SOURCES);
  if (sources.length) where.add('l.source = any(?::text[])', `{${sources.join(',')}}`);
  if (filter.overdue === 'true') where.add('l.overdue');
  if (filter.overdue === 'false') where.add('not l.overdue');
  if (filter.dueBy) where.add(`l.due_date <= ?::date and l.status = any('{registered,assessed,assigned,investigating,dismissal_proposed}'::text[])`, filter.dueBy);
  if (filter.view === 'held') where.add('l.owner_org_id = ?', actor.organizationId);
  else if (filter.view === 'assigned') where.add(`l.assignments @> ?::jsonb`, JSON.stringify([{ fromOrgId: actor.organizationId }]));
  else if (filter.view) {
    throw DomainError.validation('invalid_request', { zh: `视图无效：${filter.view}`, en: `unknown view: ${filter.view} (held, assigned)` }, { field: 'view' });
  }
  const found = await addListFilters(uow.em, where, filter,
    { institutionName: 'inst.name', institutionCode: 'l.institution_org_id', regionPath: 'l.region_path', date: 'l.registered_at' }, actor.regionPath);
  return found ? where : null;
}

/** The ledger, for its page and its export. */
/**
 * The count's FROM: the lead alone, and the institution only when the search names it (the conditions
 * read `inst.name` then, and nothing else outside `lead`; a left join on the key adds no row). At
 * 200,000 leads the count through the page's joins took 3.8 s, alone 0.3 s (docs/benchmarks.md).
 */
export const leadCountFrom = (filter: Pick<LeadFilter, 'q'>) =>
  (filter.q ? 'from lead l left join organization inst on inst.id = l.institution_org_id' : 'from lead l');

const leadList = (uow: UnitOfWork, actor: Actor): ListStatement<LeadFilter> => ({
  conditions: (filter) => leadConditions(uow, actor, filter),
  count: leadCountFrom, select: LEAD_SELECT, sort: LEAD_SORT, idColumn: 'l.id', defaultOrder: LEAD_ORDER,
});

/** The rows' views, with the names of the units on their assignments. */
async function leadViews(uow: UnitOfWork, rows: LeadViewRow[]): Promise<LeadView[]> {
  const names = await unitNames(uow, unitsOf(rows));
  return rows.map((r) => toView(r, names));
}

@QueryHandler(ListLeadsQuery)
export class ListLeadsHandler implements IQueryHandler<ListLeadsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: ListLeadsQuery) {
    const { rows, total } = await listPageOf<LeadViewRow, LeadFilter>(this.uow.em, leadList(this.uow, actor), filter);
    return { items: await leadViews(this.uow, rows), total };
  }
}

@QueryHandler(ExportLeadsQuery)
export class ExportLeadsHandler implements IQueryHandler<ExportLeadsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter, sink }: ExportLeadsQuery) {
    let seq = 0;
    return exportListOf(this.uow.em, leadList(this.uow, actor), filter, sink,
      async (rows: LeadViewRow[]) => (await leadViews(this.uow, rows)).map((v) => ({ ...v, seq: ++seq })));
  }
}

@QueryHandler(GetLeadQuery)
export class GetLeadHandler implements IQueryHandler<GetLeadQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, id }: GetLeadQuery): Promise<LeadDetail> {
    const [r] = isUuid(id) ? await this.uow.em.execute<LeadViewRow[]>(`${LEAD_SELECT} where l.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '线索', en: 'lead' }, id);
    const history = await this.uow.em.execute<{ at: string; action: string; by_name: string; by_org_id: string; comment: string | null }[]>(
      `select at, action, by_name, by_org_id, comment from lead_history where lead_id = ? order by at, seq`, [id]);
    const names = await unitNames(this.uow, [...unitsOf([r]), ...history.map((h) => h.by_org_id)]);
    const l = toLead(r);
    const holder = actsFor(actor, l.ownerOrgId);
    const assigner = l.assigner !== null && actsFor(actor, l.assigner.orgId);
    const open = ['registered', 'assessed', 'assigned', 'investigating'].includes(l.status);
    // A unit below the holder (or the agency beside a holding bureau) to assign it to: as the domain's rule.
    const mayAssign = holder && ['assessed', 'assigned'].includes(l.status) && Boolean((await this.uow.em.execute<{ ok: boolean }[]>(
      `select exists (select 1 from organization o where o.kind in ('bureau', 'agency') and o.id <> ? and starts_with(o.region_path, ?)
                        and (o.region_path <> ? or (? = 'bureau' and o.kind = 'agency'))) as ok`,
      [l.ownerOrgId, l.regionPath, l.regionPath, actor.organizationKind]))[0]?.ok);
    return {
      ...toView(r, names),
      facts: l.facts, valuable: l.valuable, assessmentReasons: l.assessmentReasons,
      dismissal: l.dismissal ? { by: l.dismissal.by, reasons: l.dismissal.reasons, at: l.dismissal.at } : null,
      extension: l.extension ? { dueDate: l.extension.dueDate, reason: l.extension.reason, by: l.extension.by, at: l.extension.at } : null,
      inspectionId: l.inspectionId, resultSummary: l.resultSummary, reportedAt: l.reportedAt?.toISOString() ?? null,
      assignments: l.assignments.map((a) => ({
        from: { id: a.fromOrgId, name: names.get(a.fromOrgId) ?? a.fromOrgId }, to: { id: a.toOrgId, name: names.get(a.toOrgId) ?? a.toOrgId },
        at: a.at, by: a.by, dueDate: a.dueDate,
      })),
      can: {
        assess: holder && ['registered', 'assigned'].includes(l.status),
        decideDismissal: l.status === 'dismissal_proposed' && (holder || assigner) && l.dismissal?.byUserId !== actor.userId,
        assign: mayAssign,
        investigate: holder && ['assessed', 'assigned', 'investigating'].includes(l.status),
        close: holder && l.status === 'investigating',
        report: holder && l.status === 'closed' && l.assignments.length > 0,
        review: l.status === 'reported' && l.reportedTo !== null && actsFor(actor, l.reportedTo.orgId),
        requestExtension: holder && open && l.status !== 'registered' && l.assigner !== null && !l.extension,
        decideExtension: assigner && l.extension !== null,
      },
      history: history.map((h) => ({
        at: isoOrNull(h.at)!, action: h.action, by: h.by_name, organizationId: h.by_org_id, organizationName: names.get(h.by_org_id) ?? h.by_org_id, comment: h.comment,
      })),
    };
  }
}

@QueryHandler(LeadOutcomeQuery)
export class LeadOutcomeHandler implements IQueryHandler<LeadOutcomeQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ leadId }: LeadOutcomeQuery): Promise<LeadOutcome> {
    const [r] = isUuid(leadId) ? await this.uow.em.execute<{ id: string; status: LeadStatus; result: LeadResult | null; confirmed_amount: string | null; closed_at: string | null; accepted_at: string | null }[]>(
      `select id, status, result, confirmed_amount::text as confirmed_amount, closed_at, accepted_at from lead where id = ?`, [leadId]) : [];
    if (!r) throw DomainError.notFound({ zh: '线索', en: 'lead' }, leadId);
    return { id: r.id, status: r.status, result: r.result, confirmedAmount: r.confirmed_amount, closedAt: isoOrNull(r.closed_at), acceptedAt: isoOrNull(r.accepted_at) };
  }
}

export const LEAD_QUERY_HANDLERS = [ListLeadsHandler, ExportLeadsHandler, GetLeadHandler, LeadOutcomeHandler];
