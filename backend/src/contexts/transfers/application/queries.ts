import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery, ByIdQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import {
  addListFilters, Conditions, exportListOf, isoOrNull, isUuid, listPageOf, statusList, type ExportSink, type ListParams, type ListStatement, type SortFields,
} from '../../../platform/database/sql.js';
import { CaseOutcomeQuery, type CaseOutcome, type CaseStatus } from '../../enforcement/index.js';
import { TRANSFER_STATUSES, type TransferMaterial, type TransferSource, type TransferStatus } from '../domain/transfer.js';
import { transferColumns, toTransfer, type TransferRow } from '../infrastructure/transfers.repository.js';

export interface TransferUnitView { id: string; name: string }

export interface TransferView {
  id: string;
  transferNo: number;
  sourceKind: TransferSource;
  sourceId: string;
  subject: string;
  region: { code: string; name: string };
  institution: TransferUnitView;
  agency: TransferUnitView;
  bureau: TransferUnitView;
  /** Decimal yuan string. */
  amountInvolved: string | null;
  status: TransferStatus;
  supplementDueDate: string | null;
  caseId: string | null;
  sentAt: string;
  decidedAt: string | null;
}

/**
 * The result of the case the bureau opened from the transfer (read through enforcement's CaseOutcomeQuery),
 * for every reader of the transfer — the agency, the bureau, the units above — even one who cannot open the case.
 */
export interface TransferCaseResult {
  caseId: string;
  caseNo: number;
  status: CaseStatus;
  decisionSummary: string | null;
  /** Decimal yuan strings. */
  penaltyAmount: string | null;
  recoveryAmount: string | null;
  decidedAt: string | null;
  closedAt: string | null;
  /** The reader may open the case itself (a bureau: the case pages are the bureaus'). */
  canOpenCase: boolean;
}

export interface TransferDetail extends TransferView {
  facts: string;
  materials: TransferMaterial[];
  supplement: { reason: string; dueDate: string; by: string; at: string } | null;
  returnReasons: string | null;
  sentBy: string;
  can: { decide: boolean; supplement: boolean };
  history: { at: string; action: string; by: string; organizationId: string; comment: string | null }[];
  /** Null until the transfer is accepted (or when the case is out of the reader's scope). */
  result: TransferCaseResult | null;
}

export interface TransferFilter extends ListParams {
  status?: string;
  /** 'sent': the transfers of the reader's agency; 'received': those to the reader's bureau. */
  view?: string;
  page?: number;
  pageSize?: number;
}

export class ListTransfersQuery extends ActorQuery<{ items: TransferView[]; total: number }> {
  constructor(actor: Actor, readonly filter: TransferFilter) { super(actor); }
}
export class ExportTransfersQuery extends ActorQuery<{ rows: number }> {
  constructor(actor: Actor, readonly filter: TransferFilter, readonly sink: ExportSink<TransferView & { seq: number }>) { super(actor); }
}
export class GetTransferQuery extends ByIdQuery<TransferDetail> {}

const FROM = `from transfer t
    join region r on r.code = t.region_code
    join organization a on a.id = t.owner_org_id
    join organization b on b.id = t.to_org_id
    join organization inst on inst.id = t.institution_org_id`;
const SELECT = `select ${transferColumns('t.')},
    r.name as region_name, a.name as agency_name, b.name as bureau_name, inst.name as institution_name ${FROM}`;

interface TransferViewRow extends TransferRow { region_name: string; agency_name: string; bureau_name: string; institution_name: string }

function toView(r: TransferViewRow): TransferView {
  const t = toTransfer(r);
  return {
    id: t.id, transferNo: t.transferNo, sourceKind: t.sourceKind, sourceId: t.sourceId, subject: t.subject,
    region: { code: t.regionCode, name: r.region_name }, institution: { id: t.institutionOrgId, name: r.institution_name },
    agency: { id: t.ownerOrgId, name: r.agency_name }, bureau: { id: t.toOrgId, name: r.bureau_name },
    amountInvolved: t.amountInvolved, status: t.status, supplementDueDate: t.supplement?.dueDate ?? null, caseId: t.caseId,
    sentAt: t.sentAt.toISOString(), decidedAt: t.decidedAt?.toISOString() ?? null,
  };
}

/** The sortable columns (`sort=field` or `-field`). */
export const TRANSFER_SORT: SortFields = {
  transferNo: 't.transfer_no', sentAt: 't.sent_at', status: 't.status', institution: 'inst.name', amountInvolved: 't.amount_involved', decidedAt: 't.decided_at',
};
const ORDER = 't.sent_at desc, t.id desc';

async function conditions(uow: UnitOfWork, actor: Actor, filter: TransferFilter): Promise<Conditions | null> {
  const where = new Conditions();
  const statuses = statusList(filter.status, TRANSFER_STATUSES);
  if (statuses.length) where.add('t.status = any(?::text[])', `{${statuses.join(',')}}`);
  if (filter.view === 'sent') where.add('t.owner_org_id = ?', actor.organizationId);
  else if (filter.view === 'received') where.add('t.to_org_id = ?', actor.organizationId);
  else if (filter.view) {
    throw DomainError.validation('invalid_request', { zh: `视图无效：${filter.view}`, en: `unknown view: ${filter.view} (sent, received)` }, { field: 'view' });
  }
  const found = await addListFilters(uow.em, where, filter,
    { institutionName: 'inst.name', institutionCode: 't.institution_org_id', regionPath: 't.region_path', date: 't.sent_at' }, actor.regionPath);
  return found ? where : null;
}

/** The transfers' list, for its page and its export. */
const transferList = (uow: UnitOfWork, actor: Actor): ListStatement<TransferFilter> => ({
  conditions: (filter) => conditions(uow, actor, filter),
  count: () => FROM, select: SELECT, sort: TRANSFER_SORT, idColumn: 't.id', defaultOrder: ORDER,
});

@QueryHandler(ListTransfersQuery)
export class ListTransfersHandler implements IQueryHandler<ListTransfersQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: ListTransfersQuery) {
    const { rows, total } = await listPageOf<TransferViewRow, TransferFilter>(this.uow.em, transferList(this.uow, actor), filter);
    return { items: rows.map(toView), total };
  }
}

@QueryHandler(ExportTransfersQuery)
export class ExportTransfersHandler implements IQueryHandler<ExportTransfersQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter, sink }: ExportTransfersQuery) {
    let seq = 0;
    return exportListOf(this.uow.em, transferList(this.uow, actor), filter, sink, (rows: TransferViewRow[]) => rows.map((r) => ({ ...toView(r), seq: ++seq })));
  }
}

/** The case's result in the reader's scope; null without a case or when the case is out of it. */
async function caseResult(queryBus: QueryBus, actor: Actor, caseId: string | null): Promise<TransferCaseResult | null> {
  if (!caseId) return null;
  let c: CaseOutcome;
  try {
    c = await queryBus.execute(new CaseOutcomeQuery(actor, caseId));
  } catch (e) {
    if (e instanceof DomainError && e.kind === 'not_found') return null;
    throw e;
  }
  return {
    caseId: c.id, caseNo: c.caseNo, status: c.status, decisionSummary: c.decisionSummary, penaltyAmount: c.penaltyAmount, recoveryAmount: c.recoveryAmount,
    decidedAt: c.decidedAt, closedAt: c.closedAt, canOpenCase: actor.organizationKind === 'bureau',
  };
}

@QueryHandler(GetTransferQuery)
export class GetTransferHandler implements IQueryHandler<GetTransferQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly queryBus: QueryBus) {}
  async execute({ actor, id }: GetTransferQuery): Promise<TransferDetail> {
    const [r] = isUuid(id) ? await this.uow.em.execute<TransferViewRow[]>(`${SELECT} where t.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '移交', en: 'transfer' }, id);
    const history = await this.uow.em.execute<{ at: string; action: string; by_name: string; by_org_id: string; comment: string | null }[]>(
      `select at, action, by_name, by_org_id, comment from transfer_history where transfer_id = ? order by seq`, [id]);
    const t = toTransfer(r);
    return {
      ...toView(r), facts: t.facts, materials: t.materials, supplement: t.supplement, returnReasons: t.returnReasons, sentBy: t.sentBy,
      can: { decide: t.status === 'sent' && actor.organizationId === t.toOrgId, supplement: t.status === 'supplement_requested' && actor.organizationId === t.ownerOrgId },
      history: history.map((h) => ({ at: isoOrNull(h.at)!, action: h.action, by: h.by_name, organizationId: h.by_org_id, comment: h.comment })),
      result: await caseResult(this.queryBus, actor, t.caseId),
    };
  }
}

export const TRANSFER_QUERY_HANDLERS = [ListTransfersHandler, ExportTransfersHandler, GetTransferHandler];
