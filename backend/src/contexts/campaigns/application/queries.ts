import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { ActorQuery } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import {
  FOCUS_OPTIONS,
  INSTITUTION_KINDS,
  KIND_ZH,
  defaultCalendar,
  type CalendarPolicy,
  type CampaignCalendar,
  type CampaignPhase,
  type CampaignStatus,
  type FocusArea,
  type InstitutionKind,
} from '../domain/campaign.js';
import type { SelfInspectionIssue, SelfInspectionStatus } from '../domain/self-inspection.js';
import { CAMPAIGN_COLUMNS, Campaigns, calendarOf } from '../infrastructure/campaign.repository.js';
import { isoOrNull, isUuid, pgArray } from '../../../platform/database/sql.js';
import { provincePathOf } from '../../../kernel/region-path.js';

type Row = Record<string, any>;

export interface CampaignSummary {
  id: string; year: number; title: string; focusAreas: FocusArea[]; cityCodes: string[]; institutionKinds: InstitutionKind[];
  calendar: CampaignCalendar; status: CampaignStatus; phase: CampaignPhase;
  assignedAt: string | null; planFiledLate: boolean; summaryFiledAt: string | null; summaryOverdue: boolean;
  tasks: { total: number; submitted: number; late: number; missing: number };
}
export interface CampaignDetail extends CampaignSummary {
  cities: { code: string; name: string }[];
  summaryComment: string | null;
  history: { at: string; action: string; by: string; comment: string | null }[];
}
export interface ProgressRow {
  key: string; name: string; tasks: number; submitted: number; late: number; missing: number;
  refundedAmount: number; issuesFound: number; issueAmount: number;
}
export interface CampaignProgress { byCity: ProgressRow[]; byKind: ProgressRow[]; totals: ProgressRow }
export interface SelfInspectionTask {
  id: string; campaignId: string; campaignTitle: string; campaignPhase: CampaignPhase;
  selfInspectionStart: string; selfInspectionEnd: string;
  institution: { id: string; name: string; kind: InstitutionKind; level: string; regionCode: string; regionName: string; cityCode: string };
  status: SelfInspectionStatus; report: string; refundedAmount: number; issues: SelfInspectionIssue[]; attachmentIds: string[];
  submittedAt: string | null; late: boolean; escalatedAt: string | null;
}

const iso = isoOrNull;

function assertNotInstitution(actor: Actor): void {
  if (actor.organizationKind === 'institution') {
    throw DomainError.forbidden('campaign_forbidden', { zh: '机构用户请在「自查自纠」中查看本机构的任务', en: 'institutions see their own tasks under self-inspection' });
  }
}

export class CampaignDefaultsQuery extends ActorQuery<unknown> {
  constructor(actor: Actor, readonly year: number) {
    super(actor);
  }
}
export class ListCampaignsQuery extends ActorQuery<CampaignSummary[]> {
  constructor(actor: Actor, readonly year?: number) {
    super(actor);
  }
}
export class GetCampaignQuery extends ActorQuery<CampaignDetail> {
  constructor(actor: Actor, readonly id: string) {
    super(actor);
  }
}
export class CampaignProgressQuery extends ActorQuery<CampaignProgress> {
  constructor(actor: Actor, readonly id: string) {
    super(actor);
  }
}
export class MissingReportsQuery extends ActorQuery<{ institutionId: string; name: string; regionCode: string; regionName: string; kind: InstitutionKind }[]> {
  constructor(actor: Actor, readonly id: string, readonly cityCode?: string) {
    super(actor);
  }
}
export interface TaskFilter { campaignId?: string; cityCode?: string; status?: string; kind?: string; page?: number; pageSize?: number }
export class ListSelfInspectionsQuery extends ActorQuery<{ items: SelfInspectionTask[]; total: number }> {
  constructor(actor: Actor, readonly filter: TaskFilter) {
    super(actor);
  }
}
export class GetSelfInspectionQuery extends ActorQuery<SelfInspectionTask> {
  constructor(actor: Actor, readonly id: string) {
    super(actor);
  }
}

@QueryHandler(CampaignDefaultsQuery)
export class CampaignDefaultsHandler implements IQueryHandler<CampaignDefaultsQuery> {
  constructor(private readonly campaigns: Campaigns, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async execute({ actor, year }: CampaignDefaultsQuery) {
    assertNotInstitution(actor);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw DomainError.validation('campaign_year_invalid', { zh: `年度无效：${String(year)}`, en: `invalid year: ${String(year)}` });
    }
    const cities = actor.regionPath === '/' ? [] : await this.campaigns.provinceCities(provincePathOf(actor.regionPath));
    const policy: CalendarPolicy = this.config.campaignCalendar;
    return {
      year, calendar: defaultCalendar(year), calendarPolicy: policy,
      focusOptions: FOCUS_OPTIONS.map((o) => ({ code: o.code, zh: o.zh, en: o.en, kinds: o.kinds })),
      cities: cities.map((c) => ({ code: c.code, name: c.name })),
      institutionKinds: INSTITUTION_KINDS,
    };
  }
}

/** Task counts of campaigns, within the reader's scope (RLS narrows self_inspection). */
async function taskCounts(campaigns: Campaigns, ids: string[]): Promise<Map<string, CampaignSummary['tasks']>> {
  if (!ids.length) return new Map();
  const rows = await campaigns.q(
    `select campaign_id, count(*)::int as total, count(*) filter (where status = 'submitted')::int as submitted,
            count(*) filter (where late)::int as late, count(*) filter (where status = 'missing')::int as missing
       from self_inspection where campaign_id = any(?::uuid[]) group by campaign_id`, [pgArray(ids)]);
  return new Map(rows.map((r) => [r.campaign_id, { total: r.total, submitted: r.submitted, late: r.late, missing: r.missing }]));
}

function toSummary(r: Row, tasks: CampaignSummary['tasks'] | undefined): CampaignSummary {
  return {
    id: r.id, year: Number(r.year), title: r.title, focusAreas: r.focus_areas, cityCodes: r.city_codes, institutionKinds: r.institution_kinds,
    calendar: calendarOf(r), status: r.status, phase: r.phase, assignedAt: iso(r.assigned_at), planFiledLate: r.plan_filed_late,
    summaryFiledAt: iso(r.summary_filed_at), summaryOverdue: r.summary_overdue,
    tasks: tasks ?? { total: 0, submitted: 0, late: 0, missing: 0 },
  };
}

@QueryHandler(ListCampaignsQuery)
export class ListCampaignsHandler implements IQueryHandler<ListCampaignsQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, year }: ListCampaignsQuery) {
    assertNotInstitution(actor);
    const rows = await this.campaigns.q(
      `select ${CAMPAIGN_COLUMNS} from campaign where (?::int is null or year = ?::int) order by year desc, created_at desc`, [year ?? null, year ?? null]);
    const counts = await taskCounts(this.campaigns, rows.map((r) => r.id));
    return rows.map((r) => toSummary(r, counts.get(r.id)));
  }
}

async function loadRow(campaigns: Campaigns, id: string): Promise<Row> {
  const [r] = isUuid(id) ? await campaigns.q(`select ${CAMPAIGN_COLUMNS} from campaign where id = ?`, [id]) : [];
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
    const history = await this.campaigns.q(`select at, action, by_name, comment from campaign_history where campaign_id = ? order by at, id`, [r.id]);
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
  coalesce(sum((select coalesce(sum((i->>'amount')::numeric), 0) from jsonb_array_elements(s.issues) i)) filter (where s.status = 'submitted'), 0)::text as issue_amount`;

function progressRow(key: string, name: string, r: Row | undefined): ProgressRow {
  return {
    key, name, tasks: r?.tasks ?? 0, submitted: r?.submitted ?? 0, late: r?.late ?? 0, missing: r?.missing ?? 0,
    refundedAmount: Number(r?.refunded ?? 0), issuesFound: r?.issues ?? 0, issueAmount: Number(r?.issue_amount ?? 0),
  };
}

@QueryHandler(CampaignProgressQuery)
export class CampaignProgressHandler implements IQueryHandler<CampaignProgressQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, id }: CampaignProgressQuery): Promise<CampaignProgress> {
    assertNotInstitution(actor);
    const r = await loadRow(this.campaigns, id);
    const byCity = await this.campaigns.q(`select s.city_code as key, ${PROGRESS_COLUMNS} from self_inspection s where s.campaign_id = ? group by s.city_code`, [r.id]);
    const byKind = await this.campaigns.q(`select s.kind as key, ${PROGRESS_COLUMNS} from self_inspection s where s.campaign_id = ? group by s.kind`, [r.id]);
    const [totals] = await this.campaigns.q(`select ${PROGRESS_COLUMNS} from self_inspection s where s.campaign_id = ?`, [r.id]);
    const cities = await this.campaigns.q<{ code: string; name: string }>(`select code, name from region where code = any(?::text[]) order by code`, [pgArray(r.city_codes)]);
    // A city or county user sees its own city only; the province and the nation all covered cities.
    const visible = actor.regionPath.split('/').filter(Boolean).length >= 2
      ? cities.filter((c) => actor.regionPath.split('/').filter(Boolean)[1] === c.code)
      : cities;
    return {
      byCity: visible.map((c) => progressRow(c.code, c.name, byCity.find((b) => b.key === c.code))),
      byKind: (r.institution_kinds as InstitutionKind[]).map((k) => progressRow(k, KIND_ZH[k], byKind.find((b) => b.key === k))),
      totals: progressRow('total', '合计', totals),
    };
  }
}

@QueryHandler(MissingReportsQuery)
export class MissingReportsHandler implements IQueryHandler<MissingReportsQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ actor, id, cityCode }: MissingReportsQuery) {
    assertNotInstitution(actor);
    const r = await loadRow(this.campaigns, id);
    const rows = await this.campaigns.q(
      `select o.id, o.name, o.region_code, rg.name as region_name, s.kind
         from self_inspection s join organization o on o.id = s.owner_org_id left join region rg on rg.code = o.region_code
        where s.campaign_id = ? and s.status <> 'submitted' and (?::text is null or s.city_code = ?::text)
        order by o.region_code, o.id limit 5000`, [r.id, cityCode ?? null, cityCode ?? null]);
    return rows.map((x) => ({ institutionId: x.id, name: x.name, regionCode: x.region_code, regionName: x.region_name ?? x.region_code, kind: x.kind }));
  }
}

const TASK_SELECT = `select s.id, s.campaign_id, c.title, c.phase, to_char(c.self_inspection_start, 'YYYY-MM-DD') as sis,
    to_char(c.self_inspection_end, 'YYYY-MM-DD') as sie, o.id as org_id, o.name as org_name, s.kind, coalesce(o.institution_level, 'none') as level,
    o.region_code, rg.name as region_name, s.city_code, s.status, s.report, s.refunded_amount::text as refunded, s.issues,
    s.attachment_ids::text[] as attachment_ids, s.submitted_at, s.late, s.escalated_at
  from self_inspection s join campaign c on c.id = s.campaign_id join organization o on o.id = s.owner_org_id
  left join region rg on rg.code = o.region_code`;

function toTask(r: Row): SelfInspectionTask {
  return {
    id: r.id, campaignId: r.campaign_id, campaignTitle: r.title, campaignPhase: r.phase, selfInspectionStart: r.sis, selfInspectionEnd: r.sie,
    institution: { id: r.org_id, name: r.org_name, kind: r.kind, level: r.level, regionCode: r.region_code, regionName: r.region_name ?? r.region_code, cityCode: r.city_code },
    status: r.status, report: r.report, refundedAmount: Number(r.refunded), issues: r.issues, attachmentIds: r.attachment_ids,
    submittedAt: iso(r.submitted_at), late: r.late, escalatedAt: iso(r.escalated_at),
  };
}

@QueryHandler(ListSelfInspectionsQuery)
export class ListSelfInspectionsHandler implements IQueryHandler<ListSelfInspectionsQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ filter }: ListSelfInspectionsQuery) {
    const page = Math.max(1, Math.floor(Number(filter.page) || 1));
    const size = Math.min(200, Math.max(1, Math.floor(Number(filter.pageSize) || 50)));
    if (filter.campaignId && !isUuid(filter.campaignId)) return { items: [], total: 0 };
    const where = `where (?::uuid is null or s.campaign_id = ?::uuid) and (?::text is null or s.city_code = ?::text)
      and (?::text is null or s.status = ?::text) and (?::text is null or s.kind = ?::text)`;
    const p = [filter.campaignId ?? null, filter.campaignId ?? null, filter.cityCode ?? null, filter.cityCode ?? null,
      filter.status ?? null, filter.status ?? null, filter.kind ?? null, filter.kind ?? null];
    const [count] = await this.campaigns.q(`select count(*)::int as n from self_inspection s ${where}`, p);
    const rows = await this.campaigns.q(`${TASK_SELECT} ${where} order by c.year desc, s.city_code, o.region_code, o.id limit ? offset ?`, [...p, size, (page - 1) * size]);
    return { items: rows.map(toTask), total: count?.n ?? 0 };
  }
}

@QueryHandler(GetSelfInspectionQuery)
export class GetSelfInspectionHandler implements IQueryHandler<GetSelfInspectionQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ id }: GetSelfInspectionQuery) {
    const [r] = isUuid(id) ? await this.campaigns.q(`${TASK_SELECT} where s.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '自查任务', en: 'self-inspection task' }, id);
    return toTask(r);
  }
}

export const CAMPAIGN_QUERY_HANDLERS = [
  CampaignDefaultsHandler, ListCampaignsHandler, GetCampaignHandler, CampaignProgressHandler, MissingReportsHandler,
  ListSelfInspectionsHandler, GetSelfInspectionHandler,
];
