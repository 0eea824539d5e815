import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { IcAuditStatus } from '@fundsup/workflows/contracts';
import { ActorQuery, ExportQuery, ListQuery } from '../../../platform/cqrs/actor-command.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { Actor } from '../../../kernel/actor.js';
import { todoOf, type CountRow, type TodoCount } from '../../../kernel/todo.js';
import { DomainError } from '../../../kernel/errors.js';
import { levelOfPath } from '../../../kernel/region-path.js';
import {
  addListFilters, Conditions, exportListRows, likePrefix, listPage, paging, pgArray, sortOrder, statusList,
  type ListParams, type SortFields,
} from '../../../platform/database/sql.js';
import { CHECKLIST_AREAS, type Checklist, type ChecklistArea, type ChecklistItem, type ItemResult } from '../domain/checklist.js';
import type { FindingRow, TeamMember } from '../domain/ic-audit.js';
import type { Post } from '../domain/segregation-of-duties.js';
import {
  IC_FINDING_COLUMNS, InternalControl, isUuid, provincePathOf, toFinding,
  type AnswerSqlRow, type IcFindingSqlRow, type ResultSqlRow, type StaffPostSqlRow,
} from '../infrastructure/ic.repository.js';

export interface AuditSummary {
  id: string; planId: string; followUpOf: string | null;
  agency: { id: string; name: string; regionCode: string; regionName: string; level: 'province' | 'city' | 'county' };
  status: IcAuditStatus;
  noticeDate: string; selfAssessmentDue: string; fieldworkStart: string; fieldworkEnd: string;
  team: { inspectorId: string; name: string; organizationName: string }[];
  checklistVersion: number;
  selfAssessmentOverdue: boolean;
  findings: { total: number; open: number; overdue: number };
}

export type Finding = Omit<FindingRow, 'ord' | 'createdAt'>;

export interface AuditDetail extends Omit<AuditSummary, 'findings'> {
  checklist: ChecklistItem[];
  selfAssessment: { itemCode: string; answer: ItemResult; note: string | null; attachmentIds: string[] }[];
  selfAssessmentSubmittedAt: string | null;
  results: { itemCode: string; result: ItemResult; note: string | null; attachmentIds: string[] }[];
  staffPosts: { personId: string; personName: string; posts: Post[] }[];
  findings: Finding[];
  history: { at: string; action: string; by: string; comment: string | null }[];
}

export interface AuditPlanView {
  id: string; year: number; title: string; periodStart: string; periodEnd: string;
  status: 'draft' | 'published';
  audits: AuditSummary[];
  uncoveredAgencies: { id: string; name: string; regionCode: string }[];
}

export interface Programme {
  year: number;
  agencies: { total: number; audited: number; inProgress: number; pending: number; overdue: number };
  findingsByArea: Record<ChecklistArea, { total: number; open: number }>;
  rectification: { open: number; submitted: number; verified: number; overdue: number };
}

export class GetChecklistQuery extends ActorQuery<Checklist> {}
export class ListIcPlansQuery extends ActorQuery<{ items: AuditPlanView[] }> {
  constructor(actor: Actor, readonly year?: number) { super(actor); }
}
export class GetIcPlanQuery extends ActorQuery<AuditPlanView> {
  constructor(actor: Actor, readonly id: string) { super(actor); }
}
/**
 * The audits' list (issue 16 §2): the year (the current one in China by default), the shared search
 * (`q`: the audited agency's name or code), region, status, period (the notice day), sort and paging.
 */
export interface AuditListFilter extends ListParams { year?: number; status?: string; page?: number; pageSize?: number }
export class ListIcAuditsQuery extends ListQuery<AuditListFilter, AuditSummary> {}
/** The filtered audits (the list's parameters, without paging), all of them, for the Excel exports. */
export class ExportIcAuditsQuery extends ExportQuery<AuditListFilter, AuditSummary> {}
export class GetIcAuditQuery extends ActorQuery<AuditDetail> {
  constructor(actor: Actor, readonly id: string) { super(actor); }
}
export class IcProgrammeQuery extends ActorQuery<Programme> {
  constructor(actor: Actor, readonly year?: number) { super(actor); }
}
/** Every finding of the year's audits in scope, with its agency: the export's second sheet. */
export class IcProgrammeFindingsQuery extends ActorQuery<(Finding & { auditId: string; agencyName: string })[]> {
  constructor(actor: Actor, readonly year?: number) { super(actor); }
}

const yearOr = (year: number | undefined) => year ?? Number(chinaDateOf(new Date()).slice(0, 4));

// Row-level security scopes every statement: an agency's reader gets only its own audits.
const SUMMARY = `
  select a.id, a.plan_id, a.follow_up_of, a.owner_org_id, o.name as agency_name, o.region_code, r.name as region_name, a.region_path,
         a.status, to_char(a.notice_date, 'YYYY-MM-DD') as nd, to_char(a.self_assessment_due, 'YYYY-MM-DD') as sd,
         to_char(a.fieldwork_start, 'YYYY-MM-DD') as fs, to_char(a.fieldwork_end, 'YYYY-MM-DD') as fe, a.team, a.checklist_version,
         a.self_assessment_overdue, a.self_assessment_submitted_at,
         (select count(*)::int from ic_finding f where f.audit_id = a.id) as f_total,
         (select count(*)::int from ic_finding f where f.audit_id = a.id and f.status <> 'verified') as f_open,
         (select count(*)::int from ic_finding f where f.audit_id = a.id and f.overdue and f.status <> 'verified') as f_overdue
    from ic_audit a
    join ic_audit_plan p on p.id = a.plan_id
    join organization o on o.id = a.owner_org_id
    join region r on r.code = o.region_code`;

/** A row of SUMMARY (dates as YYYY-MM-DD: nd, sd, fs, fe; the timestamp as the driver's string). */
interface AuditSummaryRow {
  id: string; plan_id: string; follow_up_of: string | null; owner_org_id: string; agency_name: string; region_code: string; region_name: string;
  region_path: string; status: IcAuditStatus; nd: string; sd: string; fs: string; fe: string; team: TeamMember[]; checklist_version: number;
  self_assessment_overdue: boolean; self_assessment_submitted_at: string | null; f_total: number; f_open: number; f_overdue: number;
}
interface PlanRow { id: string; year: number; title: string; ps: string; pe: string; status: AuditPlanView['status']; region_path: string }
interface HistoryRow { at: string; action: string; by_name: string; comment: string | null }
interface ProgrammeAgenciesRow { total: number; audited: number; in_progress: number; overdue: number }
interface ProgrammeRectificationRow { open: number; submitted: number; verified: number; overdue: number }

function toSummary(r: AuditSummaryRow): AuditSummary {
  return {
    id: r.id, planId: r.plan_id, followUpOf: r.follow_up_of ?? null,
    agency: { id: r.owner_org_id, name: r.agency_name, regionCode: r.region_code, regionName: r.region_name, level: levelOfPath(r.region_path) as AuditSummary['agency']['level'] },
    status: r.status,
    noticeDate: r.nd, selfAssessmentDue: r.sd, fieldworkStart: r.fs, fieldworkEnd: r.fe,
    team: r.team.map((m) => ({ inspectorId: m.inspectorId, name: m.name, organizationName: m.organizationName })),
    checklistVersion: Number(r.checklist_version),
    selfAssessmentOverdue: Boolean(r.self_assessment_overdue),
    findings: { total: r.f_total, open: r.f_open, overdue: r.f_overdue },
  };
}

@QueryHandler(GetChecklistQuery)
export class GetChecklistHandler implements IQueryHandler<GetChecklistQuery> {
  constructor(private readonly ic: InternalControl) {}
  execute({ actor }: GetChecklistQuery) {
    if (actor.organizationKind === 'institution' || actor.regionPath === '/') {
      throw DomainError.forbidden('ic_forbidden', { zh: '检查清单由省级医保部门维护，仅对本省医保部门和经办机构开放', en: 'the checklist is open to the province\'s bureaus and agencies only' });
    }
    return this.ic.latestChecklist(provincePathOf(actor.regionPath));
  }
}

async function planViews(em: UnitOfWork['em'], readerPath: string, where: string, params: unknown[]): Promise<AuditPlanView[]> {
  const plans = await em.execute<PlanRow[]>(
    `select id, year, title, to_char(period_start, 'YYYY-MM-DD') as ps, to_char(period_end, 'YYYY-MM-DD') as pe, status, region_path
       from ic_audit_plan where ${where} order by year desc, region_path`, params);
  const out: AuditPlanView[] = [];
  for (const p of plans) {
    const audits = (await em.execute<AuditSummaryRow[]>(`${SUMMARY} where a.plan_id = ? order by a.region_path, a.created_at`, [p.id])).map(toSummary);
    const covered = new Set(audits.filter((a) => !a.followUpOf).map((a) => a.agency.id));
    // Agencies of the plan's province in the reader's subtree (the province: all, the provincial
    // agency included; a city bureau: its city's), not those it reads up the chain of command.
    const agencies = await em.execute<{ id: string; name: string; region_code: string }[]>(
      `select id, name, region_code from organization where kind = 'agency' and region_path like ? and region_path like ? order by region_path, id`,
      [`${p.region_path}%`, `${readerPath}%`]);
    out.push({
      id: p.id, year: Number(p.year), title: p.title, periodStart: p.ps, periodEnd: p.pe, status: p.status, audits,
      uncoveredAgencies: agencies.filter((a) => !covered.has(a.id)).map((a) => ({ id: a.id, name: a.name, regionCode: a.region_code })),
    });
  }
  return out;
}

@QueryHandler(ListIcPlansQuery)
export class ListIcPlansHandler implements IQueryHandler<ListIcPlansQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, year }: ListIcPlansQuery) {
    return { items: await planViews(this.uow.em, actor.regionPath, year === undefined ? 'true' : 'year = ?', year === undefined ? [] : [year]) };
  }
}

@QueryHandler(GetIcPlanQuery)
export class GetIcPlanHandler implements IQueryHandler<GetIcPlanQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, id }: GetIcPlanQuery) {
    const [plan] = isUuid(id) ? await planViews(this.uow.em, actor.regionPath, 'id = ?', [id]) : [];
    if (!plan) throw DomainError.notFound({ zh: '内控检查计划', en: 'audit plan' }, id);
    return plan;
  }
}

const AUDIT_STATUSES: readonly IcAuditStatus[] = ['scheduled', 'self_assessment', 'fieldwork', 'rectification', 'verification', 'closed'];
/** The sortable columns of the audits' list (`sort=field` or `-field`). */
export const AUDIT_SORT: SortFields = {
  agency: 'o.name', region: 'a.region_path', status: 'a.status', noticeDate: 'a.notice_date',
  selfAssessmentDue: 'a.self_assessment_due', fieldworkStart: 'a.fieldwork_start', fieldworkEnd: 'a.fieldwork_end',
};
const AUDIT_ORDER = 'a.region_path, a.created_at, a.id';
const AUDIT_COUNT = 'from ic_audit a join ic_audit_plan p on p.id = a.plan_id join organization o on o.id = a.owner_org_id';

/** The audits' list statement and conditions (null: empty by construction). Row-level security scopes the rows. */
async function auditList(uow: UnitOfWork, actor: Actor, filter: AuditListFilter) {
  const statement = { count: AUDIT_COUNT, select: SUMMARY, order: sortOrder(filter.sort, AUDIT_SORT, 'a.id', AUDIT_ORDER) };
  const statuses = statusList(filter.status, AUDIT_STATUSES);
  const where = new Conditions();
  where.add('p.year = ?', yearOr(filter.year));
  if (actor.regionPath !== '/') where.add('a.region_path like ?', likePrefix(actor.regionPath));
  if (statuses.length) where.add('a.status = any(?::text[])', pgArray(statuses));
  // The notice day is a China day already: as the instant it begins there, for the shared period filter.
  const found = await addListFilters(uow.em, where, filter,
    { institutionName: 'o.name', institutionCode: 'a.owner_org_id', regionPath: 'a.region_path', date: "(a.notice_date::timestamp at time zone 'Asia/Shanghai')" },
    actor.regionPath);
  return { statement, where: found ? where : null };
}

@QueryHandler(ListIcAuditsQuery)
export class ListIcAuditsHandler implements IQueryHandler<ListIcAuditsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: ListIcAuditsQuery) {
    const { statement, where } = await auditList(this.uow, actor, filter);
    if (!where) return { items: [], total: 0 };
    const { rows, total } = await listPage<AuditSummaryRow>(this.uow.em, statement, where, paging(filter.page, filter.pageSize));
    return { items: rows.map(toSummary), total };
  }
}

@QueryHandler(ExportIcAuditsQuery)
export class ExportIcAuditsHandler implements IQueryHandler<ExportIcAuditsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter, sink }: ExportIcAuditsQuery) {
    const { statement, where } = await auditList(this.uow, actor, filter);
    return exportListRows<AuditSummaryRow, AuditSummary>(this.uow.em, where, statement, sink, (rows) => rows.map(toSummary));
  }
}

@QueryHandler(GetIcAuditQuery)
export class GetIcAuditHandler implements IQueryHandler<GetIcAuditQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly ic: InternalControl) {}
  async execute({ id }: GetIcAuditQuery): Promise<AuditDetail> {
    const em = this.uow.em;
    const [r] = isUuid(id) ? await em.execute<AuditSummaryRow[]>(`${SUMMARY} where a.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '内控检查', en: 'audit' }, id);
    const [meta] = await em.execute<{ province_path: string }[]>(`select province_path from ic_audit where id = ?`, [id]);
    const checklist = await this.ic.checklistVersion(meta.province_path, Number(r.checklist_version));
    const answers = await em.execute<AnswerSqlRow[]>(`select item_code, answer, note, attachment_ids::text[] as ids from ic_self_assessment where audit_id = ? order by item_code`, [id]);
    const results = await em.execute<ResultSqlRow[]>(`select item_code, result, note, attachment_ids::text[] as ids from ic_result where audit_id = ? order by item_code`, [id]);
    const staff = await em.execute<StaffPostSqlRow[]>(`select person_id, person_name, posts::text[] as posts from ic_staff_post where audit_id = ? order by ord`, [id]);
    const findings = await em.execute<IcFindingSqlRow[]>(`select ${IC_FINDING_COLUMNS} from ic_finding f where f.audit_id = ? order by f.ord`, [id]);
    const history = await em.execute<HistoryRow[]>(`select at, action, by_name, comment from ic_audit_history where audit_id = ? order by at, id`, [id]);
    const { findings: _counts, ...summary } = toSummary(r);
    return {
      ...summary,
      checklist: checklist.items,
      selfAssessment: answers.map((a) => ({ itemCode: a.item_code, answer: a.answer, note: a.note, attachmentIds: a.ids })),
      selfAssessmentSubmittedAt: r.self_assessment_submitted_at ? new Date(r.self_assessment_submitted_at).toISOString() : null,
      results: results.map((a) => ({ itemCode: a.item_code, result: a.result, note: a.note, attachmentIds: a.ids })),
      staffPosts: staff.map((s) => ({ personId: s.person_id, personName: s.person_name, posts: s.posts })),
      findings: findings.map(toFinding).map(({ ord: _o, createdAt: _c, ...f }) => f),
      history: history.map((h) => ({ at: new Date(h.at).toISOString(), action: h.action, by: h.by_name, comment: h.comment })),
    };
  }
}

@QueryHandler(IcProgrammeQuery)
export class IcProgrammeHandler implements IQueryHandler<IcProgrammeQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  /** Per agency in the reader's scope: audited (an audit closed), in progress, pending (scheduled or none), overdue. */
  async execute({ actor, year }: IcProgrammeQuery): Promise<Programme> {
    const y = yearOr(year);
    const em = this.uow.em;
    // The agencies of the reader's province in the reader's subtree (the provincial agency included for the province).
    const base = provincePathOf(actor.regionPath);
    const [agencies] = await em.execute<ProgrammeAgenciesRow[]>(
      `with ag as (select id from organization where kind = 'agency' and region_path like ? and region_path like ?),
            au as (select a.owner_org_id, a.status, a.self_assessment_overdue,
                          exists (select 1 from ic_finding f where f.audit_id = a.id and f.overdue and f.status <> 'verified') as f_overdue
                     from ic_audit a join ic_audit_plan p on p.id = a.plan_id where p.year = ?)
       select count(*)::int as total,
              count(*) filter (where exists (select 1 from au where au.owner_org_id = ag.id and au.status = 'closed')
                               and not exists (select 1 from au where au.owner_org_id = ag.id and au.status <> 'closed'))::int as audited,
              count(*) filter (where exists (select 1 from au where au.owner_org_id = ag.id and au.status not in ('scheduled', 'closed')))::int as in_progress,
              count(*) filter (where exists (select 1 from au where au.owner_org_id = ag.id and (au.self_assessment_overdue or au.f_overdue)))::int as overdue
         from ag
        where exists (select 1 from au where au.owner_org_id = ag.id) or ? <> 'agency'`,
      [`${base}%`, `${actor.regionPath}%`, y, actor.organizationKind]);
    const byArea = await em.execute<{ area: ChecklistArea; total: number; open: number }[]>(
      `select f.area, count(*)::int as total, count(*) filter (where f.status <> 'verified')::int as open
         from ic_finding f join ic_audit a on a.id = f.audit_id join ic_audit_plan p on p.id = a.plan_id where p.year = ? group by f.area`, [y]);
    const [rect] = await em.execute<ProgrammeRectificationRow[]>(
      `select count(*) filter (where f.status in ('open', 'rejected'))::int as open,
              count(*) filter (where f.status = 'rectification_submitted')::int as submitted,
              count(*) filter (where f.status = 'verified')::int as verified,
              count(*) filter (where f.overdue and f.status <> 'verified')::int as overdue
         from ic_finding f join ic_audit a on a.id = f.audit_id join ic_audit_plan p on p.id = a.plan_id where p.year = ?`, [y]);
    const findingsByArea = Object.fromEntries(CHECKLIST_AREAS.map((area) => {
      const row = byArea.find((b) => b.area === area);
      return [area, { total: row?.total ?? 0, open: row?.open ?? 0 }];
    })) as Programme['findingsByArea'];
    const inProgress = agencies.in_progress;
    return {
      year: y,
      agencies: { total: agencies.total, audited: agencies.audited, inProgress, pending: Math.max(0, agencies.total - agencies.audited - inProgress), overdue: agencies.overdue },
      findingsByArea,
      rectification: { open: rect.open, submitted: rect.submitted, verified: rect.verified, overdue: rect.overdue },
    };
  }
}

@QueryHandler(IcProgrammeFindingsQuery)
export class IcProgrammeFindingsHandler implements IQueryHandler<IcProgrammeFindingsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ year }: IcProgrammeFindingsQuery) {
    const rows = await this.uow.em.execute<(IcFindingSqlRow & { audit_id: string; agency_name: string })[]>(
      `select ${IC_FINDING_COLUMNS}, f.audit_id, o.name as agency_name
         from ic_finding f join ic_audit a on a.id = f.audit_id join ic_audit_plan p on p.id = a.plan_id
         join organization o on o.id = a.owner_org_id
        where p.year = ? order by a.region_path, f.ord`, [yearOr(year)]);
    return rows.map((r) => {
      const { ord: _o, createdAt: _c, ...f } = toFinding(r);
      return { ...f, auditId: String(r.audit_id), agencyName: String(r.agency_name) };
    });
  }
}

/** The audited agency's self-assessments still to submit (issue 16 §1), with the nearest due date. */
export class IcTodoQuery extends ActorQuery<TodoCount[]> {}

@QueryHandler(IcTodoQuery)
export class IcTodoHandler implements IQueryHandler<IcTodoQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor }: IcTodoQuery): Promise<TodoCount[]> {
    if (actor.organizationKind !== 'agency') return [];
    const one = async (sql: string, params: unknown[]) => (await this.uow.em.execute<CountRow[]>(sql, params))[0];
    return todoOf('ic_self_assessments_due', await one(
      `select count(*)::int as n, to_char(min(self_assessment_due), 'YYYY-MM-DD') as due from ic_audit
        where owner_org_id = ? and status = 'self_assessment' and self_assessment_submitted_at is null`, [actor.organizationId]));
  }
}

export const IC_QUERY_HANDLERS = [
  IcTodoHandler,
  GetChecklistHandler, ListIcPlansHandler, GetIcPlanHandler, ListIcAuditsHandler, ExportIcAuditsHandler, GetIcAuditHandler, IcProgrammeHandler, IcProgrammeFindingsHandler,
];
