import type { DecisionWorkflowStatus, DisputeLevelName } from '@fundsup/workflows/contracts';
import type { Measure } from '../../findings/index.js';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery, ExportQuery, ListQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { todoOf, type CountRow, type TodoCount } from '../../../kernel/todo.js';
import {
  addListFilters, Conditions, exportListOf, isoOrNull, isUuid, listPageOf, pgArray, statusList,
  type ListParams, type ListStatement, type SortFields,
} from '../../../platform/database/sql.js';
import { DISPUTE_LEVELS, DISPUTE_STATUSES, type DisputeLevel, type DisputeOutcome, type DisputeParty, type DisputeStatus } from '../domain/dispute.js';

export interface DisputeLevelView {
  level: DisputeLevelName; bureauId: string; bureauName: string; regionPath: string;
  /** Null until the dispute reaches the level. */
  dueDate: string | null; receivedAt: string | null;
  decision: { outcome: DisputeOutcome; reasoning: string; at: string; by: string } | null;
  overdue: boolean;
}

export interface DisputeView {
  id: string; decisionId: string;
  institution: { id: string; name: string; regionCode: string; regionName: string };
  party: DisputeParty; clinicianName: string | null;
  reasons: string; attachmentIds: string[];
  path: DisputeLevelView[];
  current: number;
  /** path[current].level, for lists. */
  currentLevel: DisputeLevelName;
  status: DisputeStatus;
  escalationDue: string | null;
  /** The standing outcome once ended by a decision (final, or the window closed). */
  outcome: DisputeOutcome | null;
  filedAt: string; filedBy: string; endedAt: string | null;
}

export interface DisputedDecisionSummary {
  id: string; agencyId: string; agencyName: string; status: DecisionWorkflowStatus;
  measures: Measure[]; basis: string; major: boolean;
  /** Yuan: refused payment of the institution, of its clinicians, and both. */
  amounts: { refusedPayment: number; clinicianRefusedPayment: number; total: number };
  effectiveAt: string | null; settlement: string; terminationOnHold: boolean;
}

export interface DisputeDetail extends DisputeView {
  decision: DisputedDecisionSummary | null;
  /** Every step at every level, oldest first. */
  history: { at: string; action: string; level: number; levelName: DisputeLevelName | null; by: string; organizationId: string; comment: string | null }[];
}

export interface DisputeFilter extends ListParams { status?: string; level?: string; decisionId?: string; page?: number; pageSize?: number }

export class ListDisputesQuery extends ListQuery<DisputeFilter, DisputeView> {}
export class GetDisputeQuery extends ActorQuery<DisputeDetail> {
  constructor(actor: Actor, readonly id: string) { super(actor); }
}
/** The filtered disputes (the list's parameters, without paging), all of them, for the Excel export. */
export class ExportDisputesQuery extends ExportQuery<DisputeFilter, DisputeView> {}

const iso = isoOrNull;
const yuan = (n: number) => Math.round(n * 100) / 100;

const SELECT = `
  select d.id, d.decision_id, d.owner_org_id, o.name as institution_name, o.region_code, r.name as region_name, d.party, d.clinician_name,
         d.reasons, d.attachment_ids::text[] as attachment_ids, d.path, d.current, d.status, to_char(d.escalation_due, 'YYYY-MM-DD') as escalation_due,
         d.outcome, d.created_at, d.filed_by, d.ended_at
    from dispute d
    join organization o on o.id = d.owner_org_id
    join region r on r.code = o.region_code`;

/** A row of SELECT (timestamps as the driver returns them: strings). */
interface DisputeViewRow {
  id: string; decision_id: string; owner_org_id: string; institution_name: string; region_code: string; region_name: string;
  party: DisputeParty; clinician_name: string | null; reasons: string; attachment_ids: string[] | null; path: DisputeLevel[]; current: number;
  status: DisputeStatus; escalation_due: string | null; outcome: DisputeOutcome | null; created_at: string; filed_by: string; ended_at: string | null;
}
interface DecisionSummaryRow {
  id: string; agency_id: string; agency_name: string | null; status: DecisionWorkflowStatus; measures: Measure[] | null; basis: string; major: boolean;
  effective_at: string | null; settlement: string; termination_on_hold: boolean;
}
interface DisputeHistoryRow { at: string; action: string; level: number; by_name: string; by_org_id: string; comment: string | null }

async function bureauNames(uow: UnitOfWork, rows: DisputeViewRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => r.path.map((l) => l.bureauId)))];
  if (!ids.length) return new Map();
  const names = await uow.em.execute<{ id: string; name: string }[]>(`select id, name from organization where id = any(?::text[])`, [pgArray(ids)]);
  return new Map(names.map((n) => [n.id, n.name]));
}

function toView(r: DisputeViewRow, names: Map<string, string>): DisputeView {
  const path = r.path.map((l): DisputeLevelView => ({
    level: l.level, bureauId: l.bureauId, bureauName: names.get(l.bureauId) ?? l.bureauId, regionPath: l.regionPath,
    dueDate: l.dueDate ?? null, receivedAt: l.receivedAt ?? null,
    decision: l.decision ? { outcome: l.decision.outcome, reasoning: l.decision.reasoning, at: l.decision.at, by: l.decision.by } : null,
    overdue: Boolean(l.overdue),
  }));
  const current = Number(r.current);
  return {
    id: r.id, decisionId: r.decision_id,
    institution: { id: r.owner_org_id, name: r.institution_name, regionCode: r.region_code, regionName: r.region_name },
    party: r.party, clinicianName: r.clinician_name ?? null, reasons: r.reasons, attachmentIds: r.attachment_ids ?? [],
    path, current, currentLevel: path[current]!.level, status: r.status, escalationDue: r.escalation_due ?? null, outcome: r.outcome ?? null,
    filedAt: iso(r.created_at)!, filedBy: r.filed_by, endedAt: iso(r.ended_at),
  };
}

/** The sortable columns of the disputes' list (`sort=field` or `-field`). */
export const DISPUTE_SORT: SortFields = {
  institution: 'o.name', region: 'd.region_path', status: 'd.status', level: 'd.current', filedAt: 'd.created_at', escalationDue: 'd.escalation_due', endedAt: 'd.ended_at',
};
const DISPUTE_ORDER = 'd.created_at desc, d.id';
const disputeCount = (filter: ListParams) => (filter.q?.trim() ? 'from dispute d join organization o on o.id = d.owner_org_id' : 'from dispute d');

/** The disputes' list conditions (null: empty by construction). Scoped by row-level security: the institution its own, each bureau and agency its subtree. */
async function disputeConditions(uow: UnitOfWork, actor: Actor, filter: DisputeFilter): Promise<Conditions | null> {
  const where = new Conditions();
  const wanted = statusList(filter.status, DISPUTE_STATUSES);
  if (wanted.length) {
    where.add('d.status = any(?::text[])', `{${wanted.join(',')}}`);
  }
  if (filter.level) {
    if (!(DISPUTE_LEVELS as readonly string[]).includes(filter.level)) {
      throw DomainError.validation('invalid_request', { zh: `层级无效：${filter.level}`, en: `unknown level: ${filter.level}` }, { field: 'level' });
    }
    // the level the dispute is at now
    where.add(`(d.path -> d.current ->> 'level') = ?`, filter.level);
  }
  if (filter.decisionId !== undefined && filter.decisionId !== '') {
    if (!isUuid(filter.decisionId)) return null;
    where.add('d.decision_id = ?', filter.decisionId);
  }
  const found = await addListFilters(uow.em, where, filter,
    { institutionName: 'o.name', institutionCode: 'd.owner_org_id', regionPath: 'd.region_path', date: 'd.created_at' }, actor.regionPath);
  return found ? where : null;
}

/** The disputes' list, for its page and its export. */
const disputeList = (uow: UnitOfWork, actor: Actor): ListStatement<DisputeFilter> => ({
  conditions: (filter) => disputeConditions(uow, actor, filter),
  count: disputeCount, select: SELECT, sort: DISPUTE_SORT, idColumn: 'd.id', defaultOrder: DISPUTE_ORDER,
});

/** The rows' views, with the names of the bureaus on their paths. */
async function disputeViews(uow: UnitOfWork, rows: DisputeViewRow[]): Promise<DisputeView[]> {
  const names = await bureauNames(uow, rows);
  return rows.map((r) => toView(r, names));
}

@QueryHandler(ListDisputesQuery)
export class ListDisputesHandler implements IQueryHandler<ListDisputesQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: ListDisputesQuery) {
    const { rows, total } = await listPageOf<DisputeViewRow, DisputeFilter>(this.uow.em, disputeList(this.uow, actor), filter);
    return { items: await disputeViews(this.uow, rows), total };
  }
}

@QueryHandler(ExportDisputesQuery)
export class ExportDisputesHandler implements IQueryHandler<ExportDisputesQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter, sink }: ExportDisputesQuery) {
    return exportListOf(this.uow.em, disputeList(this.uow, actor), filter, sink, (rows: DisputeViewRow[]) => disputeViews(this.uow, rows));
  }
}

@QueryHandler(GetDisputeQuery)
export class GetDisputeHandler implements IQueryHandler<GetDisputeQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ id }: GetDisputeQuery): Promise<DisputeDetail> {
    const em = this.uow.em;
    const [r] = isUuid(id) ? await em.execute<DisputeViewRow[]>(`${SELECT} where d.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '争议', en: 'dispute' }, id);
    const names = await bureauNames(this.uow, [r]);
    const view = toView(r, names);
    const [dec] = await em.execute<DecisionSummaryRow[]>(
      `select h.id, h.agency_id, a.name as agency_name, h.status, h.measures, h.basis, h.major, h.effective_at, h.settlement, h.termination_on_hold
         from handling_decision h left join organization a on a.id = h.agency_id where h.id = ?`, [r.decision_id]);
    const history = await em.execute<DisputeHistoryRow[]>(
      `select at, action, level, by_name, by_org_id, comment from dispute_history where dispute_id = ? order by at, seq`, [id]);
    let decision: DisputedDecisionSummary | null = null;
    if (dec) {
      const measures = Array.isArray(dec.measures) ? dec.measures : [];
      const sum = (kind: string) => yuan(measures.filter((m) => m.kind === kind).reduce((s, m) => s + Number('amount' in m ? m.amount : 0), 0));
      const refusedPayment = sum('refuse_payment');
      const clinicianRefusedPayment = sum('clinician_refuse_payment');
      decision = {
        id: dec.id, agencyId: dec.agency_id, agencyName: dec.agency_name ?? dec.agency_id, status: dec.status, measures, basis: dec.basis, major: Boolean(dec.major),
        amounts: { refusedPayment, clinicianRefusedPayment, total: yuan(refusedPayment + clinicianRefusedPayment) },
        effectiveAt: iso(dec.effective_at), settlement: dec.settlement, terminationOnHold: Boolean(dec.termination_on_hold),
      };
    }
    return {
      ...view,
      decision,
      history: history.map((h) => ({
        at: iso(h.at)!, action: h.action, level: Number(h.level), levelName: view.path[Number(h.level)]?.level ?? null,
        by: h.by_name, organizationId: h.by_org_id, comment: h.comment ?? null,
      })),
    };
  }
}

/** The disputes before the actor's bureau at their current level (issue 16 §1), with the nearest level deadline. */
export class DisputesTodoQuery extends ActorQuery<TodoCount[]> {}

@QueryHandler(DisputesTodoQuery)
export class DisputesTodoHandler implements IQueryHandler<DisputesTodoQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor }: DisputesTodoQuery): Promise<TodoCount[]> {
    if (actor.organizationKind !== 'bureau' || !hasRole(actor, 'province_official', 'city_agency_staff', 'county_staff')) return [];
    const one = async (sql: string, params: unknown[]) => (await this.uow.em.execute<CountRow[]>(sql, params))[0];
    return todoOf('disputes_to_decide', await one(
      `select count(*)::int as n, min(path -> current ->> 'dueDate') as due from dispute where status = 'open' and (path -> current ->> 'bureauId') = ?`,
      [actor.organizationId]));
  }
}

export const DISPUTE_QUERY_HANDLERS = [DisputesTodoHandler, ListDisputesHandler, GetDisputeHandler, ExportDisputesHandler];
