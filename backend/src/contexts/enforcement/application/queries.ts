import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery, ByIdQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import {
  addListFilters, Conditions, exportListOf, isoOrNull, isUuid, likeContains, listPage, listPageOf, paging, statusList,
  type ExportSink, type ListParams, type ListStatement, type SortFields,
} from '../../../platform/database/sql.js';
import {
  CASE_OPEN, CASE_STATUSES, isCaseLeader, isCaseStaff, isLegalReviewer, type CaseDocument, type CaseSource, type CaseStatus, type EnforcementCase,
} from '../domain/enforcement-case.js';
import { OrganizationDirectory } from '../../directory/index.js';
import { maskPersonalData } from '../domain/masking.js';
import { caseColumns, toCase, type CaseRow } from '../infrastructure/enforcement.repository.js';

/** What the transfers context needs of a case (issue 18 contract). */
export interface CaseOutcome {
  id: string;
  caseNo: number;
  subject: string;
  /** The facts as recorded (not masked: for the bureau's own documents, e.g. the outward notice). */
  facts: string;
  institution: { id: string; name: string } | null;
  /** Decimal yuan string. */
  amountInvolved: string | null;
  status: CaseStatus;
  decidedAt: string | null;
  /** The decision's content (决定内容) as recorded, once decided. */
  decisionSummary: string | null;
  /** Decimal yuan strings. */
  penaltyAmount: string | null;
  recoveryAmount: string | null;
  closedAt: string | null;
  publishedAt: string | null;
}

/** The case's status and outcome, in the reader's scope (row-level security); not found when out of it. */
export class CaseOutcomeQuery extends ActorQuery<CaseOutcome> {
  constructor(actor: Actor, readonly caseId: string) { super(actor); }
}

export interface CaseView {
  id: string;
  caseNo: number;
  source: CaseSource;
  sourceRef: string | null;
  subject: string;
  region: { code: string; name: string };
  institution: { id: string; name: string } | null;
  bureau: { id: string; name: string };
  amountInvolved: string | null;
  major: boolean;
  status: CaseStatus;
  dueDate: string | null;
  overdue: boolean;
  penaltyAmount: string | null;
  recoveryAmount: string | null;
  proposedAt: string;
  filedAt: string | null;
  decidedAt: string | null;
  publishedAt: string | null;
  closedAt: string | null;
}

export interface CaseDetail extends CaseView {
  facts: string;
  proposedBy: string;
  investigation: EnforcementCase['investigation'];
  notice: EnforcementCase['notice'];
  statement: EnforcementCase['statement'];
  legalReview: EnforcementCase['legalReview'];
  deliberation: EnforcementCase['deliberation'];
  decision: EnforcementCase['decision'];
  service: EnforcementCase['service'];
  execution: EnforcementCase['execution'];
  remedy: EnforcementCase['remedy'];
  extension: EnforcementCase['extension'];
  /** The people of the case's bureau a leader may name as its officers (only while assignOfficers; else empty). */
  officerCandidates: { userId: string; name: string }[];
  /** What the reader may do now (the domain decides again on each action). */
  can: {
    approveFiling: boolean; assignOfficers: boolean; addRecord: boolean; notify: boolean; recordStatement: boolean; reviewLegality: boolean;
    deliberate: boolean; decide: boolean; serve: boolean; publish: boolean; recordExecution: boolean; recordRemedy: boolean; extend: boolean; close: boolean;
  };
  /** 全过程记录: every step, who, when, the documents with their SHA-256 hashes. */
  timeline: { at: string; action: string; by: string; organizationId: string; comment: string | null; documents: CaseDocument[] }[];
}

export interface CaseFilter extends ListParams { status?: string; page?: number; pageSize?: number }

export class ListCasesQuery extends ActorQuery<{ items: CaseView[]; total: number }> {
  constructor(actor: Actor, readonly filter: CaseFilter) { super(actor); }
}
export class GetCaseQuery extends ByIdQuery<CaseDetail> {}
export class ExportCasesQuery extends ActorQuery<{ rows: number }> {
  constructor(actor: Actor, readonly filter: CaseFilter, readonly sink: ExportSink<CaseView & { seq: number }>) { super(actor); }
}

/** A published decision on the public enforcement page (执法公示), personal data masked. */
export interface PublicDecision {
  caseNo: number;
  subject: string;
  region: { code: string; name: string };
  party: string | null;
  facts: string;
  legalBasis: string;
  decision: string;
  penaltyAmount: string;
  recoveryAmount: string;
  decidedAt: string;
  publishedAt: string;
  bureau: string;
}

/** The published decisions of one province (its actor's scope is the province's path), newest first. */
export class PublicDecisionsQuery extends ActorQuery<{ items: PublicDecision[]; total: number }> {
  constructor(actor: Actor, readonly filter: { q?: string; page?: number; pageSize?: number }) { super(actor); }
}

const FROM = `from enforcement_case c
    join region r on r.code = c.region_code
    join organization b on b.id = c.owner_org_id
    left join organization inst on inst.id = c.institution_org_id`;
const SELECT = `select ${caseColumns('c.')}, r.name as region_name, b.name as bureau_name, inst.name as institution_name ${FROM}`;

interface CaseViewRow extends CaseRow { region_name: string; bureau_name: string; institution_name: string | null }

function toView(r: CaseViewRow): CaseView {
  return {
    id: r.id, caseNo: Number(r.case_no), source: r.source, sourceRef: r.source_ref, subject: r.subject,
    region: { code: r.region_code, name: r.region_name },
    institution: r.institution_org_id ? { id: r.institution_org_id, name: r.institution_name ?? r.institution_org_id } : null,
    bureau: { id: r.owner_org_id, name: r.bureau_name }, amountInvolved: r.amount_involved, major: Boolean(r.major), status: r.status,
    dueDate: r.due_date, overdue: Boolean(r.overdue), penaltyAmount: r.penalty_amount, recoveryAmount: r.recovery_amount,
    proposedAt: isoOrNull(r.proposed_at)!, filedAt: isoOrNull(r.filed_at), decidedAt: isoOrNull(r.decided_at),
    publishedAt: isoOrNull(r.published_at), closedAt: isoOrNull(r.closed_at),
  };
}

/** The sortable columns of the case list (`sort=field` or `-field`). */
export const CASE_SORT: SortFields = {
  caseNo: 'c.case_no', proposedAt: 'c.proposed_at', dueDate: 'c.due_date', status: 'c.status', institution: 'inst.name',
  amountInvolved: 'c.amount_involved', penaltyAmount: 'c.penalty_amount', decidedAt: 'c.decided_at',
};
const CASE_ORDER = 'c.proposed_at desc, c.id desc';

async function caseConditions(uow: UnitOfWork, actor: Actor, filter: CaseFilter): Promise<Conditions | null> {
  const where = new Conditions();
  const statuses = statusList(filter.status, CASE_STATUSES);
  if (statuses.length) where.add('c.status = any(?::text[])', `{${statuses.join(',')}}`);
  const found = await addListFilters(uow.em, where, filter,
    { institutionName: 'inst.name', institutionCode: 'c.institution_org_id', regionPath: 'c.region_path', date: 'c.proposed_at' }, actor.regionPath);
  return found ? where : null;
}

/** The case list, for its page and its export. */
const caseList = (uow: UnitOfWork, actor: Actor): ListStatement<CaseFilter> => ({
  conditions: (filter) => caseConditions(uow, actor, filter),
  count: () => FROM, select: SELECT, sort: CASE_SORT, idColumn: 'c.id', defaultOrder: CASE_ORDER,
});

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: ListCasesQuery) {
    const { rows, total } = await listPageOf<CaseViewRow, CaseFilter>(this.uow.em, caseList(this.uow, actor), filter);
    return { items: rows.map(toView), total };
  }
}

@QueryHandler(ExportCasesQuery)
export class ExportCasesHandler implements IQueryHandler<ExportCasesQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter, sink }: ExportCasesQuery) {
    let seq = 0;
    return exportListOf(this.uow.em, caseList(this.uow, actor), filter, sink, (rows: CaseViewRow[]) => rows.map((r) => ({ ...toView(r), seq: ++seq })));
  }
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly directory: OrganizationDirectory) {}
  async execute({ actor, id }: GetCaseQuery): Promise<CaseDetail> {
    const [r] = isUuid(id) ? await this.uow.em.execute<CaseViewRow[]>(`${SELECT} where c.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '执法案件', en: 'enforcement case' }, id);
    const timeline = await this.uow.em.execute<{ at: string; action: string; by_name: string; by_org_id: string; comment: string | null; documents: CaseDocument[] }[]>(
      `select at, action, by_name, by_org_id, comment, documents from enforcement_case_timeline where case_id = ? order by seq`, [id]);
    const c = toCase(r);
    const staff = isCaseStaff(actor, c.ownerOrgId);
    const leader = isCaseLeader(actor, c.ownerOrgId);
    const officer = c.investigation.officers.some((o) => o.userId === actor.userId);
    const assignOfficers = leader && c.status === 'investigating';
    return {
      ...toView(r), facts: c.facts, proposedBy: c.proposedBy, investigation: c.investigation, notice: c.notice, statement: c.statement,
      legalReview: c.legalReview, deliberation: c.deliberation, decision: c.decision, service: c.service, execution: c.execution, remedy: c.remedy,
      extension: c.extension,
      officerCandidates: assignOfficers ? await this.directory.peopleOf(c.ownerOrgId) : [],
      can: {
        approveFiling: leader && c.status === 'proposed',
        assignOfficers,
        addRecord: staff && officer && c.status === 'investigating',
        notify: staff && c.status === 'investigating' && c.investigation.officers.length >= 2 && c.investigation.records.length > 0,
        recordStatement: staff && c.status === 'notified',
        reviewLegality: isLegalReviewer(actor, c.ownerOrgId) && c.status === 'notified' && c.statement !== null && !c.isInvestigator(actor.userId),
        deliberate: leader && c.status === 'legal_reviewed' && c.major,
        decide: leader && ((c.status === 'legal_reviewed' && !c.major) || c.status === 'deliberated'),
        serve: staff && c.status === 'decided',
        publish: leader && (c.status === 'served' || c.status === 'closed') && !c.publishedAt,
        recordExecution: staff && (c.status === 'decided' || c.status === 'served'),
        recordRemedy: staff && ['decided', 'served', 'closed'].includes(c.status),
        extend: leader && CASE_OPEN.includes(c.status),
        close: leader && c.status === 'served',
      },
      timeline: timeline.map((h) => ({ at: isoOrNull(h.at)!, action: h.action, by: h.by_name, organizationId: h.by_org_id, comment: h.comment, documents: h.documents ?? [] })),
    };
  }
}

@QueryHandler(CaseOutcomeQuery)
export class CaseOutcomeHandler implements IQueryHandler<CaseOutcomeQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ caseId }: CaseOutcomeQuery): Promise<CaseOutcome> {
    const [r] = isUuid(caseId) ? await this.uow.em.execute<{
      id: string; case_no: string | number; subject: string; facts: string; institution_org_id: string | null; institution_name: string | null; amount_involved: string | null;
      status: CaseStatus; decided_at: string | null; decision_summary: string | null; penalty_amount: string | null; recovery_amount: string | null; closed_at: string | null; published_at: string | null;
    }[]>(
      `select c.id, c.case_no, c.subject, c.facts, c.institution_org_id, i.name as institution_name, c.amount_involved::text as amount_involved, c.status, c.decided_at,
              c.decision->>'summary' as decision_summary, c.penalty_amount::text as penalty_amount, c.recovery_amount::text as recovery_amount, c.closed_at, c.published_at
         from enforcement_case c left join organization i on i.id = c.institution_org_id where c.id = ?`, [caseId]) : [];
    if (!r) throw DomainError.notFound({ zh: '执法案件', en: 'enforcement case' }, caseId);
    return {
      id: r.id, caseNo: Number(r.case_no), subject: r.subject, facts: r.facts,
      institution: r.institution_org_id ? { id: r.institution_org_id, name: r.institution_name ?? r.institution_org_id } : null, amountInvolved: r.amount_involved, status: r.status, decidedAt: isoOrNull(r.decided_at), decisionSummary: r.decision_summary, penaltyAmount: r.penalty_amount, recoveryAmount: r.recovery_amount,
      closedAt: isoOrNull(r.closed_at), publishedAt: isoOrNull(r.published_at),
    };
  }
}

@QueryHandler(PublicDecisionsQuery)
export class PublicDecisionsHandler implements IQueryHandler<PublicDecisionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: PublicDecisionsQuery) {
    const where = new Conditions();
    where.add('c.published_at is not null');
    where.add('starts_with(c.region_path, ?)', actor.regionPath);
    const q = typeof filter.q === 'string' ? filter.q.trim().slice(0, 100) : '';
    if (q) where.add(`(c.subject ilike ? or inst.name ilike ?)`, likeContains(q), likeContains(q));
    const { rows, total } = await listPage<CaseViewRow>(this.uow.em, { count: FROM, select: SELECT, order: 'c.published_at desc, c.id desc' }, where,
      paging(filter.page, filter.pageSize));
    return {
      items: rows.map((r): PublicDecision => {
        const [subject, facts, legalBasis, decision] = maskPersonalData([r.subject, r.facts, r.decision?.legalBasis ?? '', r.decision?.summary ?? '']);
        return {
          caseNo: Number(r.case_no), subject: subject!, region: { code: r.region_code, name: r.region_name }, party: r.institution_name,
          facts: facts!, legalBasis: legalBasis!, decision: decision!, penaltyAmount: r.penalty_amount ?? '0.00', recoveryAmount: r.recovery_amount ?? '0.00',
          decidedAt: isoOrNull(r.decided_at)!, publishedAt: isoOrNull(r.published_at)!, bureau: r.bureau_name,
        };
      }),
      total,
    };
  }
}

export const CASE_QUERY_HANDLERS = [ListCasesHandler, ExportCasesHandler, GetCaseHandler, CaseOutcomeHandler, PublicDecisionsHandler];
