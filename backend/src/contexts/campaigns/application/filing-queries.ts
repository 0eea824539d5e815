import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { levelOfPath } from '../../../kernel/region-path.js';
import {
  addListFilters, Conditions, exportListOf, isoOrNull, isUuid, likeContains, listPageOf, statusList, type ListParams, type ListStatement, type SortFields,
} from '../../../platform/database/sql.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { FILING_KINDS, FILING_LIST_STATUSES, type FilingKind } from '../domain/campaign-filing.js';
import { ActorQuery, ExportQuery } from '../../../platform/cqrs/actor-command.js';

export interface FilingFilter extends ListParams {
  status?: string; kind?: string; year?: number; campaignId?: string; filingId?: string; page?: number; pageSize?: number;
}

/** A campaign's plan or summary filing with the national bureau, sent or due. */
export interface CampaignFilingView {
  /** null while not sent. */
  id: string | null;
  campaignId: string;
  campaignTitle: string;
  year: number;
  regionPath: string;
  provinceName: string;
  kind: FilingKind;
  dueDate: string;
  status: 'not_sent' | 'sent' | 'acknowledged' | 'returned';
  /** Calendar days late: sent after the due day, or not (validly) filed by it — as of today. */
  daysLate: number;
  late: boolean;
  note: string | null;
  attachmentIds: string[];
  /** The documents sent with the filing (download: GET /api/attachments/:id). */
  attachments: FilingAttachment[];
  sentAt: string | null;
  sentBy: string | null;
  sendCount: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  returnedAt: string | null;
  returnReason: string | null;
  /** What the reader may do: the province sends (again), the national overseer acknowledges or returns. */
  actions: { send: boolean; acknowledge: boolean; return: boolean };
}

export interface FilingAttachment { id: string; filename: string }

export interface FilingListResult { items: CampaignFilingView[]; total: number }

/** The filings of the assigned campaigns, sent or due (the province's own; the national bureau's all). */
export class ListCampaignFilingsQuery extends ActorQuery<FilingListResult> {
  constructor(actor: Actor, readonly filter: FilingFilter) {
    super(actor);
  }
}

/** The filings list's rows under the same parameters (without paging), for its Excel export. */
export class ExportCampaignFilingsQuery extends ExportQuery<FilingFilter, CampaignFilingView> {}

interface FilingViewRow {
  filing_id: string | null; campaign_id: string; title: string; year: number; region_path: string; owner_org_id: string; province_name: string;
  campaign_status: string; phase: string; kind: FilingKind; due_date: string; status: CampaignFilingView['status']; days_late: number; note: string | null;
  attachment_ids: string[] | null; attachments: FilingAttachment[] | null; sent_at: string | null; sent_by: string | null; send_count: number | null; acknowledged_at: string | null;
  acknowledged_by: string | null; returned_at: string | null; return_reason: string | null;
}

const DUE = `(case k.kind when 'plan' then c.plan_filed_by else c.summary_due end)`;
const TODAY = `(now() at time zone 'Asia/Shanghai')::date`;
/** Validly filed (sent or acknowledged): late by the sending day; otherwise by today. */
const DAYS_LATE = `greatest(0, (case when f.status in ('sent', 'acknowledged') then (f.sent_at at time zone 'Asia/Shanghai')::date else ${TODAY} end) - ${DUE})`;
const FROM = `from campaign c cross join (values ('plan'), ('summary')) k(kind)
  join organization o on o.id = c.owner_org_id
  left join campaign_filing f on f.campaign_id = c.id and f.kind = k.kind`;
const SELECT = `select f.id as filing_id, c.id as campaign_id, c.title, c.year, c.region_path, c.owner_org_id, o.name as province_name,
  c.status as campaign_status, c.phase, k.kind, to_char(${DUE}, 'YYYY-MM-DD') as due_date, coalesce(f.status, 'not_sent') as status,
  ${DAYS_LATE}::int as days_late, f.note, f.attachment_ids::text[] as attachment_ids,
  (select json_agg(json_build_object('id', a.id, 'filename', a.filename) order by a.created_at, a.id) from attachment a where a.id = any(f.attachment_ids)) as attachments,
  f.sent_at, f.sent_by, f.send_count,
  f.acknowledged_at, f.acknowledged_by, f.returned_at, f.return_reason ${FROM}`;

/** The sortable columns (`sort=field` or `-field`). */
export const FILING_SORT: SortFields = {
  dueDate: DUE, sentAt: 'f.sent_at', status: `coalesce(f.status, 'not_sent')`, province: 'o.name', year: 'c.year', daysLate: DAYS_LATE, kind: 'k.kind',
};
const FILING_ID = `(c.id::text || k.kind)`;

/** The national bureau reads every province's filings; a provincial bureau its own; nobody else any. */
export function assertFilingReader(actor: Actor): void {
  const national = hasRole(actor, 'national_overseer');
  const province = hasRole(actor, 'province_official', 'leader') && actor.organizationKind === 'bureau' && levelOfPath(actor.regionPath) === 'province';
  if (!national && !province) {
    throw DomainError.forbidden('filing_forbidden', { zh: '只有省级医保行政部门和国家医疗保障局可以查看专项治理报送', en: 'only the provincial and the national bureaus see the campaign filings' });
  }
}

async function filingConditions(uow: UnitOfWork, actor: Actor, filter: FilingFilter): Promise<Conditions | null> {
  const where = new Conditions();
  where.add(`c.status <> 'draft'`);
  where.add('starts_with(c.region_path, ?)', actor.regionPath);
  const q = filter.q?.trim();
  if (q) where.add('(c.title like ? or o.name like ?)', likeContains(q), likeContains(q));
  if (filter.kind) {
    if (!(FILING_KINDS as readonly string[]).includes(filter.kind)) {
      throw DomainError.validation('invalid_request', { zh: `报送类型无效：${filter.kind}`, en: `unknown filing kind: ${filter.kind} (plan, summary)` }, { field: 'kind' });
    }
    where.add('k.kind = ?', filter.kind);
  }
  if (filter.year !== undefined) where.add('c.year = ?', filter.year);
  if (filter.campaignId) {
    if (!isUuid(filter.campaignId)) return null;
    where.add('c.id = ?', filter.campaignId);
  }
  if (filter.filingId) {
    if (!isUuid(filter.filingId)) return null;
    where.add('f.id = ?', filter.filingId);
  }
  const statuses = statusList(filter.status, FILING_LIST_STATUSES);
  if (statuses.length) {
    const one = (s: (typeof FILING_LIST_STATUSES)[number]) => (s === 'late' ? `${DAYS_LATE} > 0` : `coalesce(f.status, 'not_sent') = '${s}'`);
    where.add(`(${statuses.map(one).join(' or ')})`);
  }
  const found = await addListFilters(uow.em, where, { ...filter, q: undefined },
    { search: () => ['true'], region: (path) => ['starts_with(c.region_path, ?)', path], date: DUE }, actor.regionPath);
  return found ? where : null;
}

function toView(actor: Actor, r: FilingViewRow): CampaignFilingView {
  const owner = hasRole(actor, 'province_official') && actor.organizationId === r.owner_org_id;
  const ready = r.kind === 'plan' ? r.campaign_status !== 'draft' : r.phase === 'summary' || r.phase === 'closed';
  const national = hasRole(actor, 'national_overseer');
  return {
    id: r.filing_id, campaignId: r.campaign_id, campaignTitle: r.title, year: r.year, regionPath: r.region_path, provinceName: r.province_name,
    kind: r.kind, dueDate: r.due_date, status: r.status, daysLate: r.days_late, late: r.days_late > 0, note: r.note, attachmentIds: r.attachment_ids ?? [], attachments: r.attachments ?? [],
    sentAt: isoOrNull(r.sent_at), sentBy: r.sent_by, sendCount: r.send_count ?? 0, acknowledgedAt: isoOrNull(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by, returnedAt: isoOrNull(r.returned_at), returnReason: r.return_reason,
    actions: {
      send: owner && ready && (r.status === 'not_sent' || r.status === 'returned'),
      acknowledge: national && r.status === 'sent',
      return: national && r.status === 'sent',
    },
  };
}

const filingList = (uow: UnitOfWork, actor: Actor): ListStatement<FilingFilter> => ({
  conditions: (filter) => filingConditions(uow, actor, filter),
  count: () => FROM, select: SELECT, sort: FILING_SORT, idColumn: FILING_ID, defaultOrder: `${DUE} desc, o.name, ${FILING_ID}`,
});

@QueryHandler(ListCampaignFilingsQuery)
export class ListCampaignFilingsHandler implements IQueryHandler<ListCampaignFilingsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter }: ListCampaignFilingsQuery): Promise<FilingListResult> {
    assertFilingReader(actor);
    const { rows, total } = await listPageOf<FilingViewRow, FilingFilter>(this.uow.em, filingList(this.uow, actor), filter);
    return { items: rows.map((r) => toView(actor, r)), total };
  }
}

@QueryHandler(ExportCampaignFilingsQuery)
export class ExportCampaignFilingsHandler implements IQueryHandler<ExportCampaignFilingsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter, sink }: ExportCampaignFilingsQuery) {
    assertFilingReader(actor);
    return exportListOf(this.uow.em, filingList(this.uow, actor), filter, sink, (rows: FilingViewRow[]) => rows.map((r) => toView(actor, r)));
  }
}
