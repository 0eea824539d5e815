import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery, ByIdQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { hasRole } from '../../../kernel/actor.js';
import {
  addListFilters, Conditions, exportListOf, isUuid, likePrefix, listPage, listPageOf, paging, sortOrder, statusList,
  type ExportSink, type ListParams, type ListStatement, type SortFields,
} from '../../../platform/database/sql.js';
import { CaseOutcomeQuery, type CaseOutcome } from '../../enforcement/index.js';
import { RECIPIENT_KINDS, REPORT_STATUSES, type RecipientKind, type MajorCaseReportStatus, type ReportTrigger } from '../domain/outward.js';
import type { TransferMaterial } from '../domain/transfer.js';
import { outwardColumns, reportColumns, toOutward, toReport, type OutwardRow, type ReportRow } from '../infrastructure/outward.repository.js';

export interface OutwardTransferView {
  id: string;
  noticeNo: number;
  caseId: string;
  bureau: { id: string; name: string };
  recipientKind: RecipientKind;
  recipientName: string;
  noticeDate: string;
  materials: TransferMaterial[];
  /** Decimal yuan string. */
  amountInvolved: string | null;
  followUpDue: string;
  receiptAt: string | null;
  result: string | null;
  resultAt: string | null;
  overdue: boolean;
  /** open: no result yet; done: the recipient's result is recorded. */
  status: 'open' | 'done';
  createdBy: string;
  /** The reader is the transferring bureau (it records the receipt and the result). */
  mayRecord: boolean;
  /** What the reader may do: record the receipt (before the result), record or correct the result, print the notice (移送函, `notice.pdf`). */
  can: { recordReceipt: boolean; recordResult: boolean; printNotice: boolean };
}

/** What the outward notice (案件移送函) prints: the transfer and the case it sends on. */
export interface OutwardNotice { transfer: OutwardTransferView; case: CaseOutcome }

export interface MajorCaseReportView {
  id: string;
  reportNo: number;
  caseId: string;
  outwardTransferId: string | null;
  bureau: { id: string; name: string };
  trigger: ReportTrigger;
  openedOn: string;
  dueDate: string;
  discovery: string | null;
  facts: string | null;
  result: string | null;
  basis: string | null;
  status: MajorCaseReportStatus;
  overdue: boolean;
  submittedAt: string | null;
  sentAt: string | null;
  sentBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  can: { submit: boolean; send: boolean; acknowledge: boolean };
}

export interface OutwardFilter extends ListParams { status?: string; recipientKind?: string; caseId?: string; page?: number; pageSize?: number }
export interface ReportFilter extends ListParams { status?: string; view?: string; page?: number; pageSize?: number }

export class ListOutwardTransfersQuery extends ActorQuery<{ items: OutwardTransferView[]; total: number }> {
  constructor(actor: Actor, readonly filter: OutwardFilter) { super(actor); }
}
export class GetOutwardTransferQuery extends ByIdQuery<OutwardTransferView> {}
/** The filtered outward transfers (the list's parameters, without paging), all of them, for the Excel export (移送台账). */
export class ExportOutwardTransfersQuery extends ActorQuery<{ rows: number }> {
  constructor(actor: Actor, readonly filter: OutwardFilter, readonly sink: ExportSink<OutwardTransferView & { seq: number }>) { super(actor); }
}
/** The transfer with its case, for the notice PDF (the case read through enforcement's CaseOutcomeQuery, in the reader's scope). */
export class GetOutwardNoticeQuery extends ByIdQuery<OutwardNotice> {}
export class ListMajorCaseReportsQuery extends ActorQuery<{ items: MajorCaseReportView[]; total: number }> {
  constructor(actor: Actor, readonly filter: ReportFilter) { super(actor); }
}
export class GetMajorCaseReportQuery extends ByIdQuery<MajorCaseReportView> {}

const O_FROM = `from outward_transfer o join organization b on b.id = o.owner_org_id`;
const O_SELECT = `select ${outwardColumns('o.')}, b.name as bureau_name ${O_FROM}`;
const R_FROM = `from major_case_report m join organization b on b.id = m.owner_org_id`;
const R_SELECT = `select ${reportColumns('m.')}, b.name as bureau_name ${R_FROM}`;

type OutwardListRow = OutwardRow & { bureau_name: string };
type ReportListRow = ReportRow & { bureau_name: string };

function outwardView(actor: Actor, r: OutwardListRow): OutwardTransferView {
  const o = toOutward(r);
  const owner = actor.organizationId === o.ownerOrgId;
  return {
    id: o.id, noticeNo: o.noticeNo, caseId: o.caseId, bureau: { id: o.ownerOrgId, name: r.bureau_name }, recipientKind: o.recipientKind, recipientName: o.recipientName,
    noticeDate: o.noticeDate, materials: o.materials, amountInvolved: o.amountInvolved, followUpDue: o.followUpDue, receiptAt: o.receiptAt, result: o.result,
    resultAt: o.resultAt, overdue: o.overdue, status: o.result === null ? 'open' : 'done', createdBy: o.createdBy, mayRecord: owner,
    can: { recordReceipt: owner && o.result === null, recordResult: owner, printNotice: true },
  };
}

function reportView(actor: Actor, r: ReportListRow): MajorCaseReportView {
  const m = toReport(r);
  const province = hasRole(actor, 'province_official') && actor.organizationKind === 'bureau' && actor.regionPath.split('/').filter(Boolean).length === 1;
  return {
    id: m.id, reportNo: m.reportNo, caseId: m.caseId, outwardTransferId: m.outwardTransferId, bureau: { id: m.ownerOrgId, name: r.bureau_name }, trigger: m.trigger,
    openedOn: m.openedOn, dueDate: m.dueDate, discovery: m.discovery, facts: m.facts, result: m.result, basis: m.basis, status: m.status, overdue: m.overdue,
    submittedAt: m.submittedAt?.toISOString() ?? null, sentAt: m.sentAt?.toISOString() ?? null, sentBy: m.sentBy,
    acknowledgedAt: m.acknowledgedAt?.toISOString() ?? null, acknowledgedBy: m.acknowledgedBy,
    can: {
      submit: m.status === 'open' && actor.organizationId === m.ownerOrgId,
      send: m.status === 'submitted' && province,
      acknowledge: m.status === 'sent' && hasRole(actor, 'national_overseer'),
    },
  };
}

export const OUTWARD_SORT: SortFields = { noticeDate: 'o.notice_date', followUpDue: 'o.follow_up_due', recipientKind: 'o.recipient_kind', amountInvolved: 'o.amount_involved' };
export const REPORT_SORT: SortFields = { dueDate: 'm.due_date', openedOn: 'm.opened_on', status: 'm.status', sentAt: 'm.sent_at' };

/** The outward transfers' list, for its page and its export. */
const outwardList = (uow: UnitOfWork, actor: Actor): ListStatement<OutwardFilter> => ({
  conditions: async (filter) => {
    const where = new Conditions();
    // status: open (no result yet), done, overdue
    for (const s of statusList(filter.status, ['open', 'done', 'overdue'] as const)) {
      where.add(s === 'open' ? 'o.result is null' : s === 'done' ? 'o.result is not null' : 'o.overdue');
    }
    const kinds = statusList(filter.recipientKind, RECIPIENT_KINDS);
    if (kinds.length) where.add('o.recipient_kind = any(?::text[])', `{${kinds.join(',')}}`);
    if (filter.caseId) where.add('o.case_id::text = ?', filter.caseId);
    const found = await addListFilters(uow.em, where, filter, {
      search: (like, code) => ['(o.recipient_name like ? or b.name like ? or o.case_id::text = ?)', like, like, code],
      region: (path) => ['o.region_path like ?', likePrefix(path)], date: 'o.created_at',
    }, actor.regionPath);
    return found ? where : null;
  },
  count: () => O_FROM, select: O_SELECT, sort: OUTWARD_SORT, idColumn: 'o.id', defaultOrder: 'o.notice_date desc, o.id desc',
});

@QueryHandler(ListOutwardTransfersQuery)
export class ListOutwardTransfersHandler implements IQueryHandler<ListOutwardTransfersQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: ListOutwardTransfersQuery) {
    const { rows, total } = await listPageOf<OutwardListRow, OutwardFilter>(this.uow.em, outwardList(this.uow, actor), filter);
    return { items: rows.map((r) => outwardView(actor, r)), total };
  }
}

@QueryHandler(ExportOutwardTransfersQuery)
export class ExportOutwardTransfersHandler implements IQueryHandler<ExportOutwardTransfersQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter, sink }: ExportOutwardTransfersQuery) {
    let seq = 0;
    return exportListOf(this.uow.em, outwardList(this.uow, actor), filter, sink, (rows: OutwardListRow[]) => rows.map((r) => ({ ...outwardView(actor, r), seq: ++seq })));
  }
}

@QueryHandler(GetOutwardNoticeQuery)
export class GetOutwardNoticeHandler implements IQueryHandler<GetOutwardNoticeQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly queryBus: QueryBus) {}
  async execute({ actor, id }: GetOutwardNoticeQuery): Promise<OutwardNotice> {
    const [r] = isUuid(id) ? await this.uow.em.execute<OutwardListRow[]>(`${O_SELECT} where o.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '移送记录', en: 'outward transfer' }, id);
    const kase: CaseOutcome = await this.queryBus.execute(new CaseOutcomeQuery(actor, r.case_id));
    return { transfer: outwardView(actor, r), case: kase };
  }
}

@QueryHandler(GetOutwardTransferQuery)
export class GetOutwardTransferHandler implements IQueryHandler<GetOutwardTransferQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, id }: GetOutwardTransferQuery) {
    const [r] = isUuid(id) ? await this.uow.em.execute<OutwardListRow[]>(`${O_SELECT} where o.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '移送记录', en: 'outward transfer' }, id);
    return outwardView(actor, r);
  }
}

@QueryHandler(ListMajorCaseReportsQuery)
export class ListMajorCaseReportsHandler implements IQueryHandler<ListMajorCaseReportsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: ListMajorCaseReportsQuery) {
    const where = new Conditions();
    const statuses = statusList(filter.status, REPORT_STATUSES);
    if (statuses.length) where.add('m.status = any(?::text[])', `{${statuses.join(',')}}`);
    // the national inbox: the reports the provinces sent (and those acknowledged), plus the overdue ones
    if (filter.view === 'inbox') where.add(`(m.status in ('sent', 'acknowledged') or m.overdue)`);
    else if (filter.view) {
      throw DomainError.validation('invalid_request', { zh: `视图无效：${filter.view}`, en: `unknown view: ${filter.view} (inbox)` }, { field: 'view' });
    }
    const found = await addListFilters(this.uow.em, where, filter, {
      search: (like, code) => ['(b.name like ? or m.case_id::text = ?)', like, code],
      region: (path) => ['m.region_path like ?', likePrefix(path)], date: `(m.opened_on::timestamp at time zone 'Asia/Shanghai')`,
    }, actor.regionPath);
    if (!found) return { items: [], total: 0 };
    const order = sortOrder(filter.sort, REPORT_SORT, 'm.id', 'm.due_date desc, m.id desc');
    const { rows, total } = await listPage<ReportListRow>(this.uow.em, { count: R_FROM, select: R_SELECT, order }, where, paging(filter.page, filter.pageSize));
    return { items: rows.map((r) => reportView(actor, r)), total };
  }
}

@QueryHandler(GetMajorCaseReportQuery)
export class GetMajorCaseReportHandler implements IQueryHandler<GetMajorCaseReportQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, id }: GetMajorCaseReportQuery) {
    const [r] = isUuid(id) ? await this.uow.em.execute<ReportListRow[]>(`${R_SELECT} where m.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '重大案件报告', en: 'major-case report' }, id);
    return reportView(actor, r);
  }
}

export const OUTWARD_QUERY_HANDLERS = [ListOutwardTransfersHandler, ExportOutwardTransfersHandler, GetOutwardNoticeHandler, GetOutwardTransferHandler, ListMajorCaseReportsHandler, GetMajorCaseReportHandler];
