import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { ActorQuery, ByIdQuery, ExportQuery, ListQuery } from '../../../platform/cqrs/actor-command.js';
import { hasRole, type Actor } from '../../../kernel/actor.js';
import { todoOf, type CountRow as TodoCountRow, type TodoCount } from '../../../kernel/todo.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DomainError } from '../../../kernel/errors.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import {
  FOCUS_OPTIONS,
  INSTITUTION_KINDS,
  KIND_ZH,
  MINIMUM_LEVELS,
  OWNERSHIPS,
  prefilledCalendar,
  type CalendarPolicy,
  type CampaignCalendar,
  type CampaignPhase,
  type CampaignStatus,
  type FocusArea,
  type InstitutionKind,
  type InstitutionOwnership,
  type MinimumLevel,
} from '../domain/campaign.js';
import type { ReviewAction, ReviewStatus, SelfInspectionIssue, SelfInspectionStatus } from '../domain/self-inspection.js';
import { AGENCY_ISSUE_AREAS, type AgencyIssue } from '../domain/agency-self-inspection.js';
import { CAMPAIGN_COLUMNS, Campaigns, calendarOf, type CampaignRow } from '../infrastructure/campaign.repository.js';
import {
  addListFilters, Conditions, exportListRows, isoOrNull, isUuid, likePrefix, listPage, paging, pgArray, sortOrder, statusList,
  type ListParams, type SortFields,
} from '../../../platform/database/sql.js';
import { provincePathOf } from '../../../kernel/region-path.js';

export interface TaskCounts { total: number; submitted: number; late: number; missing: number }
export interface CampaignSummary {
  id: string; year: number; title: string; focusAreas: FocusArea[]; cityCodes: string[]; institutionKinds: InstitutionKind[];
  ownership: InstitutionOwnership | null; minLevel: MinimumLevel | null;
  calendar: CampaignCalendar; status: CampaignStatus; phase: CampaignPhase;
  assignedAt: string | null; planFiledLate: boolean; summaryFiledAt: string | null; summaryOverdue: boolean;
  tasks: TaskCounts & { verified: number };
  /** The covered agencies' own reports (pooling regions). */
  agencyTasks: TaskCounts;
}
export interface CampaignDetail extends CampaignSummary {
  cities: { code: string; name: string }[];
  summaryComment: string | null;
  history: { at: string; action: string; by: string; comment: string | null }[];
}
export interface ProgressRow {
  key: string; name: string; tasks: number; submitted: number; late: number; missing: number;
  refundedAmount: number; issuesFound: number; issueAmount: number;
  /** The handling agencies' review of the submitted reports: verified, returned for correction; the refunds they verified. */
  verified: number; returned: number; refundVerifiedAmount: number;
}
/** One covered agency: its own report and its review of the institutions it handles. */
export interface AgencyProgressRow {
  taskId: string; agencyId: string; name: string; level: 'city' | 'county'; regionCode: string; regionName: string; cityCode: string;
  status: SelfInspectionStatus; late: boolean; submittedAt: string | null;
  handled: { tasks: number; submitted: number; verified: number; returned: number; refundVerifiedAmount: number };
}
export interface CampaignProgress { byCity: ProgressRow[]; byKind: ProgressRow[]; totals: ProgressRow; agencies: AgencyProgressRow[] }
export interface SelfInspectionReviewState {
  status: ReviewStatus | null; comment: string | null; reviewedAt: string | null; reviewedBy: string | null; corrections: number;
  refundConfirmed: boolean | null; refundVerifiedAmount: number | null; refundVerifiedAt: string | null;
  history: { at: string; action: ReviewAction; by: string; comment: string | null; refundConfirmed: boolean | null; refundAmount: number | null }[];
}
export interface SelfInspectionTask {
  id: string; campaignId: string; campaignTitle: string; campaignPhase: CampaignPhase;
  /** The campaign's own focus areas: what an issue found is filed under (issue 16: a select, not free text). */
  campaignFocusAreas: FocusArea[];
  selfInspectionStart: string; selfInspectionEnd: string;
  institution: { id: string; name: string; kind: InstitutionKind; level: string; regionCode: string; regionName: string; cityCode: string };
  status: SelfInspectionStatus; report: string; refundedAmount: number; issues: SelfInspectionIssue[]; attachmentIds: string[];
  submittedAt: string | null; late: boolean; escalatedAt: string | null;
  handlingAgency: { id: string; name: string } | null;
  review: SelfInspectionReviewState;
}
/** The institutions' figures of an agency's region (its subtree), to inform its own report. */
export interface RegionFigures {
  tasks: number; submitted: number; verified: number; returned: number;
  refundedAmount: number; refundVerifiedAmount: number; issuesFound: number; issueAmount: number;
}
export interface AgencySelfInspectionTask {
  id: string; campaignId: string; campaignTitle: string; campaignPhase: CampaignPhase;
  selfInspectionStart: string; selfInspectionEnd: string;
  agency: { id: string; name: string; level: 'city' | 'county'; regionCode: string; regionName: string; cityCode: string };
  status: SelfInspectionStatus; report: string; institutionsChecked: number; problemsFound: number; problemAmount: number;
  refundedAmount: number; issues: AgencyIssue[]; attachmentIds: string[];
  submittedAt: string | null; late: boolean; escalatedAt: string | null;
  regionFigures: RegionFigures;
}

const iso = isoOrNull;

function assertNotInstitution(actor: Actor): void {
  if (actor.organizationKind === 'institution') {
    throw DomainError.forbidden('campaign_forbidden', { zh: '机构用户请在「自查自纠」中查看本机构的任务', en: 'institutions see their own tasks under self-inspection' });
  }
}

/** What the campaign form starts from: the year's calendar, the focus options, the province's cities. */
export interface CampaignDefaults {
  year: number;
  calendar: CampaignCalendar;
  calendarPolicy: CalendarPolicy;
  focusOptions: { code: string; zh: string; en: string; kinds: readonly InstitutionKind[] }[];
  cities: { code: string; name: string }[];
  institutionKinds: readonly InstitutionKind[];
  ownerships: readonly InstitutionOwnership[];
  minimumLevels: readonly MinimumLevel[];
  agencyIssueAreas: readonly { code: string; zh: string; en: string }[];
}

export class CampaignDefaultsQuery extends ActorQuery<CampaignDefaults> {
  constructor(actor: Actor, readonly year: number) {
    super(actor);
  }
}
export class ListCampaignsQuery extends ActorQuery<CampaignSummary[]> {
  constructor(actor: Actor, readonly year?: number) {
    super(actor);
  }
}
export class GetCampaignQuery extends ByIdQuery<CampaignDetail> {}
export class CampaignProgressQuery extends ByIdQuery<CampaignProgress> {}
export class MissingReportsQuery extends ActorQuery<{ institutionId: string; name: string; regionCode: string; regionName: string; kind: InstitutionKind }[]> {
  constructor(actor: Actor, readonly id: string, readonly cityCode?: string) {
    super(actor);
  }
}
/**
 * The self-inspection tasks' list (issue 16 §2): the shared search (`q`: the institution's name or
 * code), region, status (one or several), period (the report's submission day), sort and paging,
 * with the list's own filters.
 */
export interface TaskFilter extends ListParams {
  campaignId?: string; cityCode?: string; status?: string; kind?: string;
  /** Review state of submitted reports: awaiting, verified or returned. */
  review?: string;
  /** Only the institutions the calling agency handles (its review list). */
  handledByMe?: boolean | string;
  page?: number; pageSize?: number;
}
export class ListSelfInspectionsQuery extends ListQuery<TaskFilter, SelfInspectionTask> {}
/** The filtered tasks (the list's parameters, without paging), all of them, for the Excel export. */
export class ExportSelfInspectionsQuery extends ExportQuery<TaskFilter, SelfInspectionTask> {}
export class GetSelfInspectionQuery extends ByIdQuery<SelfInspectionTask> {}

/** The agencies' own self-inspection tasks' list: the shared list parameters (`q`: the agency's name or code; period: the submission day). */
export interface AgencyTaskFilter extends ListParams { campaignId?: string; status?: string; page?: number; pageSize?: number }
export class ListAgencySelfInspectionsQuery extends ListQuery<AgencyTaskFilter, AgencySelfInspectionTask> {}
/** The filtered agency tasks, all of them, for the Excel export. */
export class ExportAgencySelfInspectionsQuery extends ExportQuery<AgencyTaskFilter, AgencySelfInspectionTask> {}
export class GetAgencySelfInspectionQuery extends ByIdQuery<AgencySelfInspectionTask> {}

@QueryHandler(CampaignDefaultsQuery)
export class CampaignDefaultsHandler implements IQueryHandler<CampaignDefaultsQuery> {
  constructor(private readonly campaigns: Campaigns, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async execute({ actor, year }: CampaignDefaultsQuery): Promise<CampaignDefaults> {
    assertNotInstitution(actor);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw DomainError.validation('campaign_year_invalid', { zh: `年度无效：${String(year)}`, en: `invalid year: ${String(year)}` });
    }
    const cities = actor.regionPath === '/' ? [] : await this.campaigns.provinceCities(provincePathOf(actor.regionPath));
    const policy: CalendarPolicy = this.config.campaignCalendar;
    return {
      year, calendar: prefilledCalendar(year, policy, chinaDateOf(new Date())), calendarPolicy: policy,
      focusOptions: FOCUS_OPTIONS.map((o) => ({ code: o.code, zh: o.zh, en: o.en, kinds: o.kinds })),
      cities: cities.map((c) => ({ code: c.code, name: c.name })),
      institutionKinds: INSTITUTION_KINDS,
      ownerships: OWNERSHIPS,
      minimumLevels: MINIMUM_LEVELS,
      agencyIssueAreas: AGENCY_ISSUE_AREAS,
    };
  }
}

/** Task counts of campaigns, within the reader's scope (RLS narrows self_inspection). */
type Counts = { tasks: CampaignSummary['tasks']; agencyTasks: TaskCounts };
const COUNT_COLUMNS = `count(*)::int as total, count(*) filter (where status = 'submitted')::int as submitted,
  count(*) filter (where late)::int as late, count(*) filter (where status = 'missing')::int as missing`;
/** A row of COUNT_COLUMNS per campaign (agency tasks), and with `verified` (the institutions' tasks). */
interface CountRow { campaign_id: string; total: number; submitted: number; late: number; missing: number }
interface TaskCountRow extends CountRow { verified: number }
interface HistoryRow { at: string; action: string; by_name: string; comment: string | null }

async function taskCounts(campaigns: Campaigns, ids: string[]): Promise<Map<string, Counts>> {
  if (!ids.length) return new Map();
  const rows = await campaigns.q<TaskCountRow>(
    `select campaign_id, ${COUNT_COLUMNS}, count(*) filter (where review_status = 'verified')::int as verified
       from self_inspection where campaign_id = any(?::uuid[]) group by campaign_id`, [pgArray(ids)]);
  const agencies = await campaigns.q<CountRow>(
    `select campaign_id, ${COUNT_COLUMNS} from agency_self_inspection where campaign_id = any(?::uuid[]) group by campaign_id`, [pgArray(ids)]);
  const counts = (r: CountRow | undefined): TaskCounts => ({ total: r?.total ?? 0, submitted: r?.submitted ?? 0, late: r?.late ?? 0, missing: r?.missing ?? 0 });
  return new Map(ids.map((id) => {
    const t = rows.find((r) => r.campaign_id === id);
    return [id, { tasks: { ...counts(t), verified: t?.verified ?? 0 }, agencyTasks: counts(agencies.find((r) => r.campaign_id === id)) }];
  }));
}

function toSummary(r: CampaignRow, counts: Counts | undefined): CampaignSummary {
  return {
    id: r.id, year: Number(r.year), title: r.title, focusAreas: r.focus_areas, cityCodes: r.city_codes, institutionKinds: r.institution_kinds,
    ownership: r.ownership ?? null, minLevel: r.min_level ?? null,
    calendar: calendarOf(r), status: r.status, phase: r.phase, assignedAt: iso(r.assigned_at), planFiledLate: r.plan_filed_late,
    summaryFiledAt: iso(r.summary_filed_at), summaryOverdue: r.summary_overdue,
    tasks: counts?.tasks ?? { total: 0, submitted: 0, late: 0, missing: 0, verified: 0 },
    agencyTasks: counts?.agencyTasks ?? { total: 0, submitted: 0, late: 0, missing: 0 },
  };
}

@QueryHandler(ListCampaignsQuery)
export class ListCampaignsHandler implements IQueryHandler<ListCampaignsQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, year }: ListCampaignsQuery) {
    assertNotInstitution(actor);
    const rows = await this.campaigns.q<CampaignRow>(
      `select ${CAMPAIGN_COLUMNS} from campaign where (?::int is null or year = ?::int) order by year desc, created_at desc`, [year ?? null, year ?? null]);
    const counts = await taskCounts(this.campaigns, rows.map((r) => r.id));
    return rows.map((r) => toSummary(r, counts.get(r.id)));
  }
}

async function loadRow(campaigns: Campaigns, id: string): Promise<CampaignRow> {
  const [r] = isUuid(id) ? await campaigns.q<CampaignRow>(`select ${CAMPAIGN_COLUMNS} from campaign where id = ?`, [id]) : [];
  if (!r) throw DomainError.notFound({ zh: '专项治理', en: 'campaign' }, id);
  return r;
}

@QueryHandler(GetCampaignQuery)
export class GetCampaignHandler implements IQueryHandler<GetCampaignQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, id }: GetCampaignQuery): Promise<CampaignDetail> {
    assertNotInstitution(actor);
    const r = await loadRow(this.campaigns, id);
    const counts = await taskCounts(this.campaigns, [r.id]);
    const cities = await this.campaigns.q<{ code: string; name: string }>(`select code, name from region where code = any(?::text[]) order by code`, [pgArray(r.city_codes)]);
    const history = await this.campaigns.q<HistoryRow>(`select at, action, by_name, comment from campaign_history where campaign_id = ? order by at, id`, [r.id]);
    return {
      ...toSummary(r, counts.get(r.id)), cities, summaryComment: r.summary_comment,
      history: history.map((h) => ({ at: iso(h.at)!, action: h.action, by: h.by_name, comment: h.comment })),
    };
  }
}

const PROGRESS_COLUMNS = `count(*)::int as tasks, count(*) filter (where s.status = 'submitted')::int as submitted,
  count(*) filter (where s.late)::int as late, count(*) filter (where s.status = 'missing')::int as missing,
  coalesce(sum(s.refunded_amount) filter (where s.status = 'submitted'), 0)::text as refunded,
  coalesce(sum(jsonb_array_length(s.issues)) filter (where s.status = 'submitted'), 0)::int as issues,
  coalesce(sum((select coalesce(sum((i->>'amount')::numeric), 0) from jsonb_array_elements(s.issues) i)) filter (where s.status = 'submitted'), 0)::text as issue_amount,
  count(*) filter (where s.review_status = 'verified')::int as verified, count(*) filter (where s.review_status = 'returned')::int as returned,
  coalesce(sum(s.refund_verified_amount) filter (where s.refund_confirmed), 0)::text as refund_verified`;

/** A row of PROGRESS_COLUMNS (amounts as text), with the group's `key` when grouped. */
interface ProgressSqlRow {
  tasks: number; submitted: number; late: number; missing: number; refunded: string; issues: number; issue_amount: string;
  verified: number; returned: number; refund_verified: string;
}
interface KeyedProgressSqlRow extends ProgressSqlRow { key: string }
/** A row of the progress' agencies statement. */
interface AgencyProgressSqlRow {
  task_id: string; owner_org_id: string; name: string; level: AgencyProgressRow['level']; region_code: string; region_name: string | null;
  city_code: string; status: SelfInspectionStatus; late: boolean; submitted_at: string | null;
  h_tasks: number; h_submitted: number; h_verified: number; h_returned: number; h_refund_verified: string;
}

function progressRow(key: string, name: string, r: ProgressSqlRow | undefined): ProgressRow {
  return {
    key, name, tasks: r?.tasks ?? 0, submitted: r?.submitted ?? 0, late: r?.late ?? 0, missing: r?.missing ?? 0,
    refundedAmount: Number(r?.refunded ?? 0), issuesFound: r?.issues ?? 0, issueAmount: Number(r?.issue_amount ?? 0),
    verified: r?.verified ?? 0, returned: r?.returned ?? 0, refundVerifiedAmount: Number(r?.refund_verified ?? 0),
  };
}

@QueryHandler(CampaignProgressQuery)
export class CampaignProgressHandler implements IQueryHandler<CampaignProgressQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, id }: CampaignProgressQuery): Promise<CampaignProgress> {
    assertNotInstitution(actor);
    const r = await loadRow(this.campaigns, id);
    const byCity = await this.campaigns.q<KeyedProgressSqlRow>(`select s.city_code as key, ${PROGRESS_COLUMNS} from self_inspection s where s.campaign_id = ? group by s.city_code`, [r.id]);
    const byKind = await this.campaigns.q<KeyedProgressSqlRow>(`select s.kind as key, ${PROGRESS_COLUMNS} from self_inspection s where s.campaign_id = ? group by s.kind`, [r.id]);
    const [totals] = await this.campaigns.q<ProgressSqlRow>(`select ${PROGRESS_COLUMNS} from self_inspection s where s.campaign_id = ?`, [r.id]);
    const cities = await this.campaigns.q<{ code: string; name: string }>(`select code, name from region where code = any(?::text[]) order by code`, [pgArray(r.city_codes)]);
    // A city or county user sees its own city only; the province and the nation all covered cities.
    const visible = actor.regionPath.split('/').filter(Boolean).length >= 2
      ? cities.filter((c) => actor.regionPath.split('/').filter(Boolean)[1] === c.code)
      : cities;
    // The agencies in the reader's scope, each with its own report and its review of the institutions it handles.
    const agencies = await this.campaigns.q<AgencyProgressSqlRow>(
      `select a.id as task_id, a.owner_org_id, o.name, a.level, a.region_code, rg.name as region_name, a.city_code, a.status, a.late, a.submitted_at,
              coalesce(h.tasks, 0)::int as h_tasks, coalesce(h.submitted, 0)::int as h_submitted, coalesce(h.verified, 0)::int as h_verified,
              coalesce(h.returned, 0)::int as h_returned, coalesce(h.refund_verified, 0)::text as h_refund_verified
         from agency_self_inspection a join organization o on o.id = a.owner_org_id left join region rg on rg.code = a.region_code
         left join (select s.handling_agency_id, count(*) as tasks, count(*) filter (where s.status = 'submitted') as submitted,
                           count(*) filter (where s.review_status = 'verified') as verified, count(*) filter (where s.review_status = 'returned') as returned,
                           sum(s.refund_verified_amount) filter (where s.refund_confirmed) as refund_verified
                      from self_inspection s where s.campaign_id = ? group by s.handling_agency_id) h on h.handling_agency_id = a.owner_org_id
        where a.campaign_id = ? order by a.city_code, a.level, a.region_code`, [r.id, r.id]);
    return {
      byCity: visible.map((c) => progressRow(c.code, c.name, byCity.find((b) => b.key === c.code))),
      byKind: r.institution_kinds.map((k) => progressRow(k, KIND_ZH[k], byKind.find((b) => b.key === k))),
      totals: progressRow('total', '合计', totals),
      agencies: agencies.map((a): AgencyProgressRow => ({
        taskId: a.task_id, agencyId: a.owner_org_id, name: a.name, level: a.level, regionCode: a.region_code, regionName: a.region_name ?? a.region_code,
        cityCode: a.city_code, status: a.status, late: a.late, submittedAt: iso(a.submitted_at),
        handled: { tasks: a.h_tasks, submitted: a.h_submitted, verified: a.h_verified, returned: a.h_returned, refundVerifiedAmount: Number(a.h_refund_verified) },
      })),
    };
  }
}

@QueryHandler(MissingReportsQuery)
export class MissingReportsHandler implements IQueryHandler<MissingReportsQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, id, cityCode }: MissingReportsQuery) {
    assertNotInstitution(actor);
    const r = await loadRow(this.campaigns, id);
    const rows = await this.campaigns.q<{ id: string; name: string; region_code: string; region_name: string | null; kind: InstitutionKind }>(
      `select o.id, o.name, o.region_code, rg.name as region_name, s.kind
         from self_inspection s join organization o on o.id = s.owner_org_id left join region rg on rg.code = o.region_code
        where s.campaign_id = ? and s.status <> 'submitted' and (?::text is null or s.city_code = ?::text)
        order by o.region_code, o.id limit 5000`, [r.id, cityCode ?? null, cityCode ?? null]);
    return rows.map((x) => ({ institutionId: x.id, name: x.name, regionCode: x.region_code, regionName: x.region_name ?? x.region_code, kind: x.kind }));
  }
}

// The handling agency's name: readable by the institution (an agency above it) and by the agencies and bureaus of its region.
const TASK_SELECT = `select s.id, s.campaign_id, c.title, c.focus_areas, c.phase, to_char(c.self_inspection_start, 'YYYY-MM-DD') as sis,
    to_char(c.self_inspection_end, 'YYYY-MM-DD') as sie, o.id as org_id, o.name as org_name, s.kind, coalesce(o.institution_level, 'none') as level,
    o.region_code, rg.name as region_name, s.city_code, s.status, s.report, s.refunded_amount::text as refunded, s.issues,
    s.attachment_ids::text[] as attachment_ids, s.submitted_at, s.late, s.escalated_at, s.handling_agency_id, ha.name as handling_agency_name,
    s.review_status, s.review_comment, s.reviewed_at, s.reviewed_by, s.corrections, s.refund_confirmed,
    s.refund_verified_amount::text as refund_verified_amount, s.refund_verified_at
  from self_inspection s join campaign c on c.id = s.campaign_id join organization o on o.id = s.owner_org_id
  left join region rg on rg.code = o.region_code left join organization ha on ha.id = s.handling_agency_id`;

/** A row of TASK_SELECT (dates as YYYY-MM-DD: sis, sie; amounts as text; timestamps as the driver's strings). */
interface TaskRow {
  id: string; campaign_id: string; title: string; focus_areas: FocusArea[]; phase: CampaignPhase; sis: string; sie: string; org_id: string; org_name: string;
  kind: InstitutionKind; level: string; region_code: string; region_name: string | null; city_code: string; status: SelfInspectionStatus;
  report: string; refunded: string; issues: SelfInspectionIssue[]; attachment_ids: string[]; submitted_at: string | null; late: boolean;
  escalated_at: string | null; handling_agency_id: string | null; handling_agency_name: string | null; review_status: ReviewStatus | null;
  review_comment: string | null; reviewed_at: string | null; reviewed_by: string | null; corrections: number; refund_confirmed: boolean | null;
  refund_verified_amount: string | null; refund_verified_at: string | null;
}
interface ReviewHistoryRow {
  at: string; action: ReviewAction; by_name: string; comment: string | null; refund_confirmed: boolean | null; refund_amount: string | null;
}

function toTask(r: TaskRow, history: SelfInspectionReviewState['history'] = []): SelfInspectionTask {
  return {
    id: r.id, campaignId: r.campaign_id, campaignTitle: r.title, campaignPhase: r.phase, campaignFocusAreas: r.focus_areas ?? [],
    selfInspectionStart: r.sis, selfInspectionEnd: r.sie,
    institution: { id: r.org_id, name: r.org_name, kind: r.kind, level: r.level, regionCode: r.region_code, regionName: r.region_name ?? r.region_code, cityCode: r.city_code },
    status: r.status, report: r.report, refundedAmount: Number(r.refunded), issues: r.issues, attachmentIds: r.attachment_ids,
    submittedAt: iso(r.submitted_at), late: r.late, escalatedAt: iso(r.escalated_at),
    handlingAgency: r.handling_agency_id ? { id: r.handling_agency_id, name: r.handling_agency_name ?? r.handling_agency_id } : null,
    review: {
      status: r.review_status, comment: r.review_comment, reviewedAt: iso(r.reviewed_at), reviewedBy: r.reviewed_by, corrections: Number(r.corrections),
      refundConfirmed: r.refund_confirmed, refundVerifiedAmount: r.refund_verified_amount === null ? null : Number(r.refund_verified_amount),
      refundVerifiedAt: iso(r.refund_verified_at), history,
    },
  };
}

const TASK_STATUSES: readonly SelfInspectionStatus[] = ['pending', 'draft', 'submitted', 'missing'];
const REVIEW_STATUSES: readonly ReviewStatus[] = ['awaiting', 'verified', 'returned'];
/** The sortable columns of the tasks' list (`sort=field` or `-field`). */
export const TASK_SORT: SortFields = {
  institution: 'o.name', region: 's.region_path', kind: 's.kind', status: 's.status', review: 's.review_status',
  submittedAt: 's.submitted_at', refundedAmount: 's.refunded_amount', refundVerifiedAmount: 's.refund_verified_amount',
};
const TASK_ORDER = 'c.year desc, s.city_code, o.region_code, o.id, s.id';
const TASK_COUNT = 'from self_inspection s join campaign c on c.id = s.campaign_id join organization o on o.id = s.owner_org_id';

/** The tasks' list statement and conditions (null: empty by construction). Row-level security scopes the rows. */
async function taskList(uow: UnitOfWork, actor: Actor, filter: TaskFilter) {
  const statement = { count: TASK_COUNT, select: TASK_SELECT, order: sortOrder(filter.sort, TASK_SORT, 's.id', TASK_ORDER) };
  const statuses = statusList(filter.status, TASK_STATUSES);
  const reviews = statusList(filter.review, REVIEW_STATUSES);
  if (filter.campaignId && !isUuid(filter.campaignId)) return { statement, where: null };
  const where = new Conditions();
  // What row-level security allows, written out so that PostgreSQL can use the indexes.
  if (actor.organizationKind === 'institution') where.add('s.owner_org_id = ?', actor.organizationId);
  else if (actor.regionPath !== '/') where.add('s.region_path like ?', likePrefix(actor.regionPath));
  if (filter.campaignId) where.add('s.campaign_id = ?', filter.campaignId);
  if (filter.cityCode) where.add('s.city_code = ?', filter.cityCode);
  if (statuses.length) where.add('s.status = any(?::text[])', pgArray(statuses));
  if (filter.kind) where.add('s.kind = ?', filter.kind);
  if (reviews.length) where.add('s.review_status = any(?::text[])', pgArray(reviews));
  if (filter.handledByMe === true || filter.handledByMe === 'true') where.add('s.handling_agency_id = ?', actor.organizationId);
  const found = await addListFilters(uow.em, where, filter,
    { institutionName: 'o.name', institutionCode: 's.owner_org_id', regionPath: 's.region_path', date: 's.submitted_at' }, actor.regionPath);
  return { statement, where: found ? where : null };
}

@QueryHandler(ListSelfInspectionsQuery)
export class ListSelfInspectionsHandler implements IQueryHandler<ListSelfInspectionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter }: ListSelfInspectionsQuery) {
    const { statement, where } = await taskList(this.uow, actor, filter);
    if (!where) return { items: [], total: 0 };
    const { rows, total } = await listPage<TaskRow>(this.uow.em, statement, where, paging(filter.page, filter.pageSize));
    return { items: rows.map((r) => toTask(r)), total };
  }
}

@QueryHandler(ExportSelfInspectionsQuery)
export class ExportSelfInspectionsHandler implements IQueryHandler<ExportSelfInspectionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter, sink }: ExportSelfInspectionsQuery) {
    const { statement, where } = await taskList(this.uow, actor, filter);
    return exportListRows<TaskRow, SelfInspectionTask>(this.uow.em, where, statement, sink, (rows) => rows.map((r) => toTask(r)));
  }
}

@QueryHandler(GetSelfInspectionQuery)
export class GetSelfInspectionHandler implements IQueryHandler<GetSelfInspectionQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ id }: GetSelfInspectionQuery) {
    const [r] = isUuid(id) ? await this.campaigns.q<TaskRow>(`${TASK_SELECT} where s.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '自查任务', en: 'self-inspection task' }, id);
    const history = await this.campaigns.q<ReviewHistoryRow>(
      `select at, action, by_name, comment, refund_confirmed, refund_amount::text as refund_amount from self_inspection_review where task_id = ? order by at, id`, [id]);
    return toTask(r, history.map((h) => ({
      at: iso(h.at)!, action: h.action, by: h.by_name, comment: h.comment, refundConfirmed: h.refund_confirmed,
      refundAmount: h.refund_amount === null ? null : Number(h.refund_amount),
    })));
  }
}

const AGENCY_TASK_SELECT = `select a.id, a.campaign_id, c.title, c.phase, to_char(c.self_inspection_start, 'YYYY-MM-DD') as sis,
    to_char(c.self_inspection_end, 'YYYY-MM-DD') as sie, o.id as org_id, o.name as org_name, a.level, a.region_code, rg.name as region_name,
    a.city_code, a.region_path, a.status, a.report, a.institutions_checked, a.problems_found, a.problem_amount::text as problem_amount,
    a.refunded_amount::text as refunded, a.issues, a.attachment_ids::text[] as attachment_ids, a.submitted_at, a.late, a.escalated_at
  from agency_self_inspection a join campaign c on c.id = a.campaign_id join organization o on o.id = a.owner_org_id
  left join region rg on rg.code = a.region_code`;

/** A row of AGENCY_TASK_SELECT (dates as YYYY-MM-DD: sis, sie; amounts as text; timestamps as the driver's strings). */
interface AgencyTaskRow {
  id: string; campaign_id: string; title: string; phase: CampaignPhase; sis: string; sie: string; org_id: string; org_name: string;
  level: AgencySelfInspectionTask['agency']['level']; region_code: string; region_name: string | null; city_code: string; region_path: string;
  status: SelfInspectionStatus; report: string; institutions_checked: number; problems_found: number; problem_amount: string; refunded: string;
  issues: AgencyIssue[]; attachment_ids: string[]; submitted_at: string | null; late: boolean; escalated_at: string | null;
}

function toAgencyTask(r: AgencyTaskRow, figures: RegionFigures): AgencySelfInspectionTask {
  return {
    id: r.id, campaignId: r.campaign_id, campaignTitle: r.title, campaignPhase: r.phase, selfInspectionStart: r.sis, selfInspectionEnd: r.sie,
    agency: { id: r.org_id, name: r.org_name, level: r.level, regionCode: r.region_code, regionName: r.region_name ?? r.region_code, cityCode: r.city_code },
    status: r.status, report: r.report, institutionsChecked: r.institutions_checked, problemsFound: r.problems_found,
    problemAmount: Number(r.problem_amount), refundedAmount: Number(r.refunded), issues: r.issues, attachmentIds: r.attachment_ids,
    submittedAt: iso(r.submitted_at), late: r.late, escalatedAt: iso(r.escalated_at), regionFigures: figures,
  };
}

/** The institutions' reports of the agency's region (its subtree), for its own report. */
async function regionFigures(campaigns: Campaigns, campaignId: string, regionPath: string): Promise<RegionFigures> {
  const [f] = await campaigns.q<ProgressSqlRow>(
    `select ${PROGRESS_COLUMNS} from self_inspection s where s.campaign_id = ? and s.region_path like ?`, [campaignId, `${regionPath}%`]);
  const row = progressRow('region', '', f);
  return {
    tasks: row.tasks, submitted: row.submitted, verified: row.verified, returned: row.returned, refundedAmount: row.refundedAmount,
    refundVerifiedAmount: row.refundVerifiedAmount, issuesFound: row.issuesFound, issueAmount: row.issueAmount,
  };
}

/** The sortable columns of the agency tasks' list. */
export const AGENCY_TASK_SORT: SortFields = {
  agency: 'o.name', region: 'a.region_path', level: 'a.level', status: 'a.status', submittedAt: 'a.submitted_at',
  problemAmount: 'a.problem_amount', refundedAmount: 'a.refunded_amount',
};
const AGENCY_TASK_COUNT = 'from agency_self_inspection a join campaign c on c.id = a.campaign_id join organization o on o.id = a.owner_org_id';
const NO_FIGURES: RegionFigures = { tasks: 0, submitted: 0, verified: 0, returned: 0, refundedAmount: 0, refundVerifiedAmount: 0, issuesFound: 0, issueAmount: 0 };

/** The agency tasks' list statement and conditions (null: empty by construction). Row-level security scopes the rows. */
async function agencyTaskList(uow: UnitOfWork, actor: Actor, filter: AgencyTaskFilter) {
  assertNotInstitution(actor);
  const order = sortOrder(filter.sort, AGENCY_TASK_SORT, 'a.id', 'c.year desc, a.city_code, a.level, a.region_code, a.id');
  const statement = { count: AGENCY_TASK_COUNT, select: AGENCY_TASK_SELECT, order };
  const statuses = statusList(filter.status, TASK_STATUSES);
  if (filter.campaignId && !isUuid(filter.campaignId)) return { statement, where: null };
  const where = new Conditions();
  if (actor.regionPath !== '/') where.add('a.region_path like ?', likePrefix(actor.regionPath));
  if (filter.campaignId) where.add('a.campaign_id = ?', filter.campaignId);
  if (statuses.length) where.add('a.status = any(?::text[])', pgArray(statuses));
  const found = await addListFilters(uow.em, where, filter,
    { institutionName: 'o.name', institutionCode: 'a.owner_org_id', regionPath: 'a.region_path', date: 'a.submitted_at' }, actor.regionPath);
  return { statement, where: found ? where : null };
}

@QueryHandler(ListAgencySelfInspectionsQuery)
export class ListAgencySelfInspectionsHandler implements IQueryHandler<ListAgencySelfInspectionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter }: ListAgencySelfInspectionsQuery) {
    const { statement, where } = await agencyTaskList(this.uow, actor, filter);
    if (!where) return { items: [], total: 0 };
    const { rows, total } = await listPage<AgencyTaskRow>(this.uow.em, statement, where, paging(filter.page, filter.pageSize));
    return { items: rows.map((r) => toAgencyTask(r, NO_FIGURES)), total };
  }
}

@QueryHandler(ExportAgencySelfInspectionsQuery)
export class ExportAgencySelfInspectionsHandler implements IQueryHandler<ExportAgencySelfInspectionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter, sink }: ExportAgencySelfInspectionsQuery) {
    const { statement, where } = await agencyTaskList(this.uow, actor, filter);
    return exportListRows<AgencyTaskRow, AgencySelfInspectionTask>(this.uow.em, where, statement, sink, (rows) => rows.map((r) => toAgencyTask(r, NO_FIGURES)));
  }
}

@QueryHandler(GetAgencySelfInspectionQuery)
export class GetAgencySelfInspectionHandler implements IQueryHandler<GetAgencySelfInspectionQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, id }: GetAgencySelfInspectionQuery) {
    assertNotInstitution(actor);
    const [r] = isUuid(id) ? await this.campaigns.q<AgencyTaskRow>(`${AGENCY_TASK_SELECT} where a.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '经办机构自查任务', en: 'agency self-inspection task' }, id);
    return toAgencyTask(r, await regionFigures(this.campaigns, r.campaign_id, r.region_path));
  }
}

/**
 * The campaigns' to-dos (issue 16 §1): the institution's self-inspection tasks not yet submitted in
 * campaigns under way; the province's campaign summaries to file once the spot-check phase is over;
 * the national overseer's filings (plans, summaries) sent and awaiting acknowledgement.
 */
export class CampaignsTodoQuery extends ActorQuery<TodoCount[]> {}

@QueryHandler(CampaignsTodoQuery)
export class CampaignsTodoHandler implements IQueryHandler<CampaignsTodoQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor }: CampaignsTodoQuery): Promise<TodoCount[]> {
    const one = async (sql: string, params: unknown[]) => (await this.uow.em.execute<TodoCountRow[]>(sql, params))[0];
    if (hasRole(actor, 'national_overseer')) {
      // The provinces' plans and summaries sent and not yet acknowledged (the national bureau's inbox).
      return todoOf('campaign_filings_to_acknowledge', await one(`select count(*)::int as n, null as due from campaign_filing where status = 'sent'`, []));
    }
    if (actor.organizationKind === 'bureau' && hasRole(actor, 'province_official')) {
      return todoOf('campaign_summaries_due', await one(
        `select count(*)::int as n, to_char(min(summary_due), 'YYYY-MM-DD') as due from campaign
          where owner_org_id = ? and phase = 'summary' and summary_filed_at is null`, [actor.organizationId]));
    }
    if (actor.organizationKind === 'agency') {
      // The handling agency's review (核实) of submitted reports, by the campaign's spot-check end (the
      // phase in which the agency verifies them); one campaign's queue opens on its review page.
      const [row] = await this.uow.em.execute<(TodoCountRow & { campaigns: number; campaign_id: string | null })[]>(
        `select count(*)::int as n, to_char(min(c.spot_check_end), 'YYYY-MM-DD') as due,
                count(distinct s.campaign_id)::int as campaigns, min(s.campaign_id::text) as campaign_id
           from self_inspection s join campaign c on c.id = s.campaign_id
          where s.handling_agency_id = ? and s.status = 'submitted' and s.review_status = 'awaiting'`, [actor.organizationId]);
      return todoOf('self_inspections_to_review', row).map((t) => (row!.campaigns === 1 && row!.campaign_id ? { ...t, campaignId: row!.campaign_id } : t));
    }
    if (actor.organizationKind !== 'institution') return [];
    return todoOf('self_inspections_due', await one(
      `select count(*)::int as n, to_char(min(c.self_inspection_end), 'YYYY-MM-DD') as due
         from self_inspection s join campaign c on c.id = s.campaign_id
        where s.owner_org_id = ? and s.status in ('pending', 'draft') and c.status = 'assigned'`, [actor.organizationId]));
  }
}

export const CAMPAIGN_QUERY_HANDLERS = [
  CampaignsTodoHandler,
  CampaignDefaultsHandler, ListCampaignsHandler, GetCampaignHandler, CampaignProgressHandler, MissingReportsHandler,
  ListSelfInspectionsHandler, ExportSelfInspectionsHandler, GetSelfInspectionHandler, ListAgencySelfInspectionsHandler, ExportAgencySelfInspectionsHandler, GetAgencySelfInspectionHandler,
];
