import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery, ExportQuery, ListQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import type { DecisionStatus, LegalReview, Measure, Rectification, Settlement } from '../domain/decision.js';
import { FINDING_STATUSES, type Appeal, type AppealOutcome, type FindingSource, type FindingStatus } from '../domain/finding.js';
import { isUuid } from '../infrastructure/findings.repository.js';
import {
  addListFilters, Conditions, exportListOf, isoOrNull, likeContains, listPageOf, statusList,
  type ListParams, type ListStatement, type SortFields,
} from '../../../platform/database/sql.js';
import { todoOf, type CountRow, type TodoCount } from '../../../kernel/todo.js';

export interface InstitutionRef { id: string; name: string; regionCode: string; regionName: string }
export interface HistoryView { at: string; action: string; by: string; comment: string | null }

export interface FindingView {
  id: string; source: 'spot_check' | 'agency_inspection'; sourceId: string;
  institution: InstitutionRef;
  handlingAgencyId: string;
  type: string; description: string; amount: number; clinicianName: string | null; attachmentIds: string[];
  status: FindingStatus;
  confirmationDue: string;
  confirmedAt: string | null; deemed: boolean;
  appeal: { reasons: string; attachmentIds: string[]; at: string; review: { outcome: AppealOutcome; comment: string; at: string; by: string } | null } | null;
  decisionId: string | null;
  createdAt: string;
  history: HistoryView[];
}

/** The status of a decision's dispute (the disputes context's DisputeStatus, as its table holds it). */
export type DisputeStatusOfDecision = 'open' | 'decided' | 'final' | 'withdrawn' | 'closed';

export interface DecisionView {
  id: string; institution: InstitutionRef; agencyId: string; findingIds: string[];
  measures: Measure[]; basis: string; major: boolean; status: DecisionStatus;
  decidedBy: string; legalReview: { by: string; approved: boolean; comment: string; at: string } | null;
  effectiveAt: string | null; reportedToBureauAt: string | null;
  settlement: Settlement;
  rectification: Rectification | null;
  terminationOnHold: boolean;
  /** The decision's latest dispute that was not withdrawn, at its current level. */
  dispute: { id: string; level: 'county' | 'city' | 'province'; status: DisputeStatusOfDecision } | null;
  createdAt: string;
  history: HistoryView[];
}

export interface FindingFilter extends ListParams { status?: string; institutionId?: string; sourceId?: string; queue?: boolean; page?: number; pageSize?: number }
export interface DecisionFilter extends ListParams { status?: string; institutionId?: string; page?: number; pageSize?: number }

export class ListFindingsQuery extends ListQuery<FindingFilter, FindingView> {}
export class GetFindingQuery extends ActorQuery<FindingView> {
  constructor(actor: Actor, readonly id: string) { super(actor); }
}
export class ListDecisionsQuery extends ListQuery<DecisionFilter, DecisionView> {}
export class GetDecisionQuery extends ActorQuery<DecisionView> {
  constructor(actor: Actor, readonly id: string) { super(actor); }
}
/** The filtered findings (the list's parameters, without paging), all of them, for the Excel export. */
export class ExportFindingsQuery extends ExportQuery<FindingFilter, FindingView> {}
/** The filtered decisions, all of them, for the Excel export. */
export class ExportDecisionsQuery extends ExportQuery<DecisionFilter, DecisionView> {}

const DECISION_STATUSES: readonly DecisionStatus[] = ['pending_legal_review', 'effective', 'rectifying', 'rectification_submitted', 'closed'];
const iso = isoOrNull;

/** The sortable columns of the findings' list (`sort=field` or `-field`). */
export const FINDING_SORT: SortFields = {
  institution: 'o.name', region: 'f.region_path', type: 'f.type', amount: 'f.amount', status: 'f.status',
  confirmationDue: 'f.confirmation_due', createdAt: 'f.created_at',
};
/** The sortable columns of the decisions' list. */
export const DECISION_SORT: SortFields = {
  institution: 'o.name', region: 'd.region_path', status: 'd.status', major: 'd.major', effectiveAt: 'd.effective_at', createdAt: 'd.created_at',
};

/** The institution's columns of FINDING_SELECT and DECISION_SELECT (left joins: null without a directory entry). */
interface InstitutionColumns { owner_org_id: string; institution_name: string | null; region_code: string | null; region_name: string | null }
/** A row of FINDING_SELECT (amount as text; timestamps as the driver returns them: strings). */
interface FindingViewRow extends InstitutionColumns {
  id: string; source: FindingSource; source_id: string; handling_agency_id: string; type: string; description: string; amount: string;
  clinician_name: string | null; attachment_ids: string[] | null; status: FindingStatus; confirmation_due: string; confirmed_at: string | null;
  deemed: boolean; appeal: Appeal | null; decision_id: string | null; created_at: string;
}
/** A row of DECISION_SELECT. */
interface DecisionViewRow extends InstitutionColumns {
  id: string; agency_id: string; finding_ids: string[] | null; measures: Measure[]; basis: string; major: boolean; status: DecisionStatus;
  decided_by: string; legal_review: LegalReview | null; effective_at: string | null; reported_to_bureau_at: string | null; settlement: Settlement;
  rectification: Rectification | null; termination_on_hold: boolean; created_at: string;
  dispute_id: string | null; dispute_level: 'county' | 'city' | 'province' | null; dispute_status: DisputeStatusOfDecision | null;
}
interface HistoryRow { at: string; action: string; by_name: string; comment: string | null }

const institutionOf = (r: InstitutionColumns): InstitutionRef => ({ id: r.owner_org_id, name: r.institution_name ?? r.owner_org_id, regionCode: r.region_code ?? '', regionName: r.region_name ?? '' });

export const FINDING_SELECT = `
  select f.id, f.source, f.source_id, f.owner_org_id, o.name as institution_name, o.region_code, r.name as region_name, f.handling_agency_id,
         f.type, f.description, f.amount::text as amount, f.clinician_name, f.attachment_ids::text[] as attachment_ids, f.status,
         to_char(f.confirmation_due, 'YYYY-MM-DD') as confirmation_due, f.confirmed_at, f.deemed, f.appeal, f.decision_id, f.created_at
    from finding f
    left join organization o on o.id = f.owner_org_id
    left join region r on r.code = o.region_code`;

/** The count's `from` part (the search needs no join: addInstitutionSearch). */
const FINDING_COUNT = 'from finding f';

/**
 * The search by institution name or code (`q`), as the institutions found first: `column` (the
 * row's organization id) in the institutions whose name contains `q` or whose code is `q`. The
 * list convention's default, `(o.name like ? or f.owner_org_id = ?)` across the join, is a filter
 * on every joined row: a province's 400,000 findings each joined to its institution before the
 * name is looked at (seconds under load, bench/findings-list.bench.ts); this way the matching
 * institutions (a scan of the directory) lead into the owner index. Same rows: the organization
 * exists (foreign key) and row-level security shows the reader the same institutions either way.
 */
function addInstitutionSearch(where: Conditions, column: string, q: string | undefined): void {
  const text = q?.trim();
  if (text) where.add(`${column} in (select s.id from organization s where s.name like ? or s.id = ?)`, likeContains(text), text);
}

/** Awaiting an answer first, then appeals to review, then confirmed findings to decide on, then the rest. */
export const FINDING_ORDER = `case f.status when 'awaiting_confirmation' then 0 when 'appealed' then 1 when 'confirmed' then 2 when 'deemed_confirmed' then 2 else 3 end,
  f.confirmation_due, f.created_at, f.source_id, f.source_index, f.id`;

function toFinding(r: FindingViewRow, history: HistoryView[] = []): FindingView {
  const a = r.appeal;
  return {
    id: r.id, source: r.source, sourceId: r.source_id, institution: institutionOf(r), handlingAgencyId: r.handling_agency_id,
    type: r.type, description: r.description, amount: Number(r.amount), clinicianName: r.clinician_name ?? null, attachmentIds: r.attachment_ids ?? [],
    status: r.status, confirmationDue: r.confirmation_due, confirmedAt: iso(r.confirmed_at), deemed: Boolean(r.deemed),
    appeal: a ? {
      reasons: a.reasons, attachmentIds: a.attachmentIds ?? [], at: a.at,
      review: a.review ? { outcome: a.review.outcome, comment: a.review.comment, at: a.review.at, by: a.review.by } : null,
    } : null,
    decisionId: r.decision_id ?? null, createdAt: iso(r.created_at)!, history,
  };
}

async function historyOf(uow: UnitOfWork, kind: 'finding' | 'decision', id: string): Promise<HistoryView[]> {
  const rows = await uow.em.execute<HistoryRow[]>(`select at, action, by_name, comment from ${kind}_history where ${kind}_id = ? order by at, seq`, [id]);
  return rows.map((h) => ({ at: iso(h.at)!, action: h.action, by: h.by_name, comment: h.comment ?? null }));
}

/** The findings' list conditions (null: empty by construction). */
async function findingConditions(uow: UnitOfWork, actor: Actor, filter: FindingFilter): Promise<Conditions | null> {
  // Row-level security decides what is visible; these predicates only let PostgreSQL use the
  // indexes (an opaque policy function cannot) — an institution's own rows, or the subtree.
  const where = new Conditions();
  if (actor.organizationKind === 'institution') {
    where.add('f.owner_org_id = ?', actor.organizationId);
  } else if (actor.regionPath !== '/') {
    where.add('f.region_path like ?', `${actor.regionPath}%`);
  }
  const wanted = statusList(filter.status, FINDING_STATUSES);
  if (filter.queue) {
    // The institution's queue: what it still has to answer; the others': appeals to review and findings to decide on.
    const queue: FindingStatus[] = actor.organizationKind === 'institution' ? ['awaiting_confirmation'] : ['appealed', 'confirmed', 'deemed_confirmed'];
    where.add('f.status = any(?::text[])', `{${queue.join(',')}}`);
    // An agency's queue is what it handles itself, not what the agencies below it handle.
    if (actor.organizationKind === 'agency') {
      where.add('f.handling_agency_id = ?', actor.organizationId);
    }
  }
  if (wanted.length) {
    where.add('f.status = any(?::text[])', `{${wanted.join(',')}}`);
  }
  if (filter.institutionId) {
    where.add('f.owner_org_id = ?', filter.institutionId);
  }
  if (filter.sourceId !== undefined && filter.sourceId !== '') {
    if (!isUuid(filter.sourceId)) return null;
    where.add('f.source_id = ?', filter.sourceId);
  }
  addInstitutionSearch(where, 'f.owner_org_id', filter.q);
  const found = await addListFilters(uow.em, where, { ...filter, q: undefined },
    { institutionName: 'o.name', institutionCode: 'f.owner_org_id', regionPath: 'f.region_path', date: 'f.created_at' }, actor.regionPath);
  return found ? where : null;
}

/** The findings' list, for its page and its export. */
const findingList = (uow: UnitOfWork, actor: Actor): ListStatement<FindingFilter> => ({
  conditions: (filter) => findingConditions(uow, actor, filter),
  count: () => FINDING_COUNT, select: FINDING_SELECT, sort: FINDING_SORT, idColumn: 'f.id', defaultOrder: FINDING_ORDER,
});

@QueryHandler(ListFindingsQuery)
export class ListFindingsHandler implements IQueryHandler<ListFindingsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter }: ListFindingsQuery) {
    const { rows, total } = await listPageOf<FindingViewRow, FindingFilter>(this.uow.em, findingList(this.uow, actor), filter);
    return { items: rows.map((r) => toFinding(r)), total };
  }
}

@QueryHandler(ExportFindingsQuery)
export class ExportFindingsHandler implements IQueryHandler<ExportFindingsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter, sink }: ExportFindingsQuery) {
    return exportListOf(this.uow.em, findingList(this.uow, actor), filter, sink, (rows: FindingViewRow[]) => rows.map((r) => toFinding(r)));
  }
}

@QueryHandler(GetFindingQuery)
export class GetFindingHandler implements IQueryHandler<GetFindingQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ id }: GetFindingQuery) {
    const [r] = isUuid(id) ? await this.uow.em.execute<FindingViewRow[]>(`${FINDING_SELECT} where f.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '问题', en: 'finding' }, id);
    return toFinding(r, await historyOf(this.uow, 'finding', id));
  }
}

const DECISION_SELECT = `
  select d.id, d.owner_org_id, o.name as institution_name, o.region_code, r.name as region_name, d.agency_id, d.finding_ids::text[] as finding_ids,
         d.measures, d.basis, d.major, d.status, d.decided_by, d.legal_review, d.effective_at, d.reported_to_bureau_at, d.settlement,
         d.rectification, d.termination_on_hold, d.created_at,
         ds.id as dispute_id, ds.path -> ds.current ->> 'level' as dispute_level, ds.status as dispute_status
    from handling_decision d
    left join lateral (select x.id, x.path, x.current, x.status from dispute x
                        where x.decision_id = d.id and x.status <> 'withdrawn' order by x.created_at desc limit 1) ds on true
    left join organization o on o.id = d.owner_org_id
    left join region r on r.code = o.region_code`;

function toDecision(r: DecisionViewRow, history: HistoryView[] = []): DecisionView {
  const lr = r.legal_review;
  return {
    id: r.id, institution: institutionOf(r), agencyId: r.agency_id, findingIds: r.finding_ids ?? [], measures: r.measures, basis: r.basis,
    major: Boolean(r.major), status: r.status, decidedBy: r.decided_by,
    legalReview: lr ? { by: lr.by, approved: lr.approved, comment: lr.comment, at: lr.at } : null,
    effectiveAt: iso(r.effective_at), reportedToBureauAt: iso(r.reported_to_bureau_at), settlement: r.settlement,
    rectification: r.rectification ?? null, terminationOnHold: Boolean(r.termination_on_hold),
    dispute: r.dispute_id ? { id: r.dispute_id, level: r.dispute_level!, status: r.dispute_status! } : null,
    createdAt: iso(r.created_at)!, history,
  };
}

const DECISION_COUNT = 'from handling_decision d';
const DECISION_ORDER = 'd.created_at desc, d.id';

/** The decisions' list conditions (null: empty by construction). Scoped by row-level security. */
async function decisionConditions(uow: UnitOfWork, actor: Actor, filter: DecisionFilter): Promise<Conditions | null> {
  const where = new Conditions();
  const wanted = statusList(filter.status, DECISION_STATUSES);
  if (wanted.length) {
    where.add('d.status = any(?::text[])', `{${wanted.join(',')}}`);
  }
  if (filter.institutionId) {
    where.add('d.owner_org_id = ?', filter.institutionId);
  }
  addInstitutionSearch(where, 'd.owner_org_id', filter.q);
  const found = await addListFilters(uow.em, where, { ...filter, q: undefined },
    { institutionName: 'o.name', institutionCode: 'd.owner_org_id', regionPath: 'd.region_path', date: 'd.created_at' }, actor.regionPath);
  return found ? where : null;
}

/** The decisions' list, for its page and its export. */
const decisionList = (uow: UnitOfWork, actor: Actor): ListStatement<DecisionFilter> => ({
  conditions: (filter) => decisionConditions(uow, actor, filter),
  count: () => DECISION_COUNT, select: DECISION_SELECT, sort: DECISION_SORT, idColumn: 'd.id', defaultOrder: DECISION_ORDER,
});

@QueryHandler(ListDecisionsQuery)
export class ListDecisionsHandler implements IQueryHandler<ListDecisionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter }: ListDecisionsQuery) {
    const { rows, total } = await listPageOf<DecisionViewRow, DecisionFilter>(this.uow.em, decisionList(this.uow, actor), filter);
    return { items: rows.map((r) => toDecision(r)), total };
  }
}

@QueryHandler(ExportDecisionsQuery)
export class ExportDecisionsHandler implements IQueryHandler<ExportDecisionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter, sink }: ExportDecisionsQuery) {
    return exportListOf(this.uow.em, decisionList(this.uow, actor), filter, sink, (rows: DecisionViewRow[]) => rows.map((r) => toDecision(r)));
  }
}

@QueryHandler(GetDecisionQuery)
export class GetDecisionHandler implements IQueryHandler<GetDecisionQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ id }: GetDecisionQuery) {
    const [r] = isUuid(id) ? await this.uow.em.execute<DecisionViewRow[]>(`${DECISION_SELECT} where d.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '处理决定', en: 'handling decision' }, id);
    return toDecision(r, await historyOf(this.uow, 'decision', id));
  }
}

/** The actor's to-dos in findings and decisions (issue 16 §1): counts and the nearest deadline. */
export class FindingsTodoQuery extends ActorQuery<TodoCount[]> {}

@QueryHandler(FindingsTodoQuery)
export class FindingsTodoHandler implements IQueryHandler<FindingsTodoQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor }: FindingsTodoQuery): Promise<TodoCount[]> {
    const one = async (sql: string, params: unknown[]) => (await this.uow.em.execute<CountRow[]>(sql, params))[0];
    const org = actor.organizationId;
    if (actor.organizationKind === 'institution') {
      return [
        ...todoOf('findings_to_confirm', await one(
          `select count(*)::int as n, to_char(min(confirmation_due), 'YYYY-MM-DD') as due from finding where owner_org_id = ? and status = 'awaiting_confirmation'`, [org])),
        ...todoOf('rectifications_due', await one(
          `select count(*)::int as n, min(left(rectification ->> 'due', 10)) as due from handling_decision where owner_org_id = ? and status = 'rectifying'`, [org])),
      ];
    }
    if (actor.organizationKind !== 'agency') return [];
    return [
      // Appeals carry no legal clock of their own; the findings to decide neither.
      ...todoOf('appeals_to_review', await one(`select count(*)::int as n, null as due from finding where handling_agency_id = ? and status = 'appealed'`, [org])),
      ...todoOf('findings_to_decide', await one(
        `select count(*)::int as n, null as due from finding where handling_agency_id = ? and status in ('confirmed', 'deemed_confirmed') and decision_id is null`, [org])),
      // The legal review is a second reviewer's: the decider's own decisions are not in their queue.
      ...todoOf('decisions_to_review', await one(
        `select count(*)::int as n, null as due from handling_decision where agency_id = ? and status = 'pending_legal_review' and decided_by_user_id <> ?`, [org, actor.userId])),
      ...todoOf('rectifications_to_confirm', await one(
        `select count(*)::int as n, null as due from handling_decision where agency_id = ? and status = 'rectification_submitted'`, [org])),
    ];
  }
}

export const FINDING_QUERY_HANDLERS = [FindingsTodoHandler, ListFindingsHandler, GetFindingHandler, ListDecisionsHandler, GetDecisionHandler, ExportFindingsHandler, ExportDecisionsHandler];
