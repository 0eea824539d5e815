import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { DomainError } from '../../../kernel/errors.js';
import { Campaign, levelsFrom, type CampaignCalendar, type CityRef, type InstitutionKind } from '../domain/campaign.js';
import { SelfInspection, type SelfInspectionContent } from '../domain/self-inspection.js';
import { AgencySelfInspection, type AgencySelfInspectionContent } from '../domain/agency-self-inspection.js';
import { isUuid, pgArray } from '../../../platform/database/sql.js';
import { unknownAttachments } from '../../../platform/attachments/attachments.js';

const DATE = (col: string) => `to_char(${col}, 'YYYY-MM-DD') as ${col}`;
export const CAMPAIGN_COLUMNS = `id, region_path, owner_org_id, year, title, focus_areas, city_codes, institution_kinds, ownership, min_level,
  ${DATE('plan_filed_by')}, ${DATE('self_inspection_start')}, ${DATE('self_inspection_end')}, ${DATE('spot_check_start')},
  ${DATE('spot_check_end')}, ${DATE('summary_due')}, status, phase, assigned_at, plan_filed_late, summary_filed_at,
  summary_comment, summary_overdue, created_at, created_by`;

/** The calendar's columns of CAMPAIGN_COLUMNS (dates as YYYY-MM-DD). */
export interface CalendarColumns {
  plan_filed_by: string; self_inspection_start: string; self_inspection_end: string; spot_check_start: string; spot_check_end: string; summary_due: string;
}
/** A row of CAMPAIGN_COLUMNS (timestamps as the driver returns them: strings). */
export interface CampaignRow extends CalendarColumns {
  id: string; region_path: string; owner_org_id: string; year: number; title: string; focus_areas: Campaign['focusAreas']; city_codes: string[];
  institution_kinds: InstitutionKind[]; ownership: Campaign['ownership']; min_level: Campaign['minLevel']; status: Campaign['status'];
  phase: Campaign['phase']; assigned_at: string | null; plan_filed_late: boolean; summary_filed_at: string | null; summary_comment: string | null;
  summary_overdue: boolean; created_at: string; created_by: string;
}
/** A row of loadTask's statement (amounts as text). */
interface SelfInspectionRow {
  id: string; campaign_id: string; region_path: string; owner_org_id: string; city_code: string; kind: string; status: SelfInspection['status'];
  report: string; refunded_amount: string; issues: SelfInspectionContent['issues']; attachment_ids: string[]; submitted_at: string | null; late: boolean;
  escalated_at: string | null; handling_agency_id: string | null; review_status: SelfInspection['reviewStatus']; review_comment: string | null;
  reviewed_at: string | null; reviewed_by: string | null; corrections: number; refund_confirmed: boolean | null; refund_verified_amount: string | null;
  refund_verified_at: string | null;
}
/** A row of loadAgencyTask's statement (amounts as text). */
interface AgencySelfInspectionRow {
  id: string; campaign_id: string; region_path: string; owner_org_id: string; city_code: string; region_code: string; level: AgencySelfInspection['level'];
  status: AgencySelfInspection['status']; report: string; institutions_checked: number; problems_found: number; problem_amount: string;
  refunded_amount: string; issues: AgencySelfInspectionContent['issues']; attachment_ids: string[]; submitted_at: string | null; late: boolean;
  escalated_at: string | null;
}
export interface CampaignUnitRow { campaign_id: string; region_path: string; owner_org_id: string; region_code: string; level: string; missing_escalated_at: string | null }

export function calendarOf(r: CalendarColumns): CampaignCalendar {
  return {
    planFiledBy: r.plan_filed_by, selfInspectionStart: r.self_inspection_start, selfInspectionEnd: r.self_inspection_end,
    spotCheckStart: r.spot_check_start, spotCheckEnd: r.spot_check_end, summaryDue: r.summary_due,
  };
}

function toCampaign(r: CampaignRow): Campaign {
  return Object.assign(new Campaign(), {
    id: r.id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, year: Number(r.year), title: r.title,
    focusAreas: r.focus_areas, cityCodes: r.city_codes, institutionKinds: r.institution_kinds, ownership: r.ownership ?? null,
    minLevel: r.min_level ?? null, calendar: calendarOf(r),
    status: r.status, phase: r.phase, assignedAt: r.assigned_at ? new Date(r.assigned_at) : null, planFiledLate: r.plan_filed_late,
    summaryFiledAt: r.summary_filed_at ? new Date(r.summary_filed_at) : null, summaryComment: r.summary_comment,
    summaryOverdue: r.summary_overdue, createdAt: new Date(r.created_at), createdBy: r.created_by,
  });
}

/** Campaigns, their units and self-inspection tasks in the current unit of work (RLS applies). */
@Injectable()
export class Campaigns extends SqlRepository {
  /** The cities of the province (GB/T 2260), in code order. */
  async provinceCities(provincePath: string): Promise<CityRef[]> {
    const code = provincePath.split('/').filter(Boolean)[0] ?? '';
    return this.q<CityRef>(`select code, name, path from region where level = 'city' and parent_code = ? order by code`, [code]);
  }

  async load(id: string, lock = true): Promise<Campaign> {
    const [r] = isUuid(id) ? await this.q<CampaignRow>(`select ${CAMPAIGN_COLUMNS} from campaign where id = ?${lock ? ' for update' : ''}`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '专项治理', en: 'campaign' }, id);
    return this.uow.track(toCampaign(r));
  }

  async save(c: Campaign): Promise<void> {
    this.uow.track(c);
    const cal = c.calendar;
    const values = [c.year, c.title, JSON.stringify(c.focusAreas), pgArray(c.cityCodes), pgArray(c.institutionKinds), c.ownership, c.minLevel, cal.planFiledBy, cal.selfInspectionStart,
      cal.selfInspectionEnd, cal.spotCheckStart, cal.spotCheckEnd, cal.summaryDue, c.status, c.phase, c.assignedAt, c.planFiledLate,
      c.summaryFiledAt, c.summaryComment, c.summaryOverdue];
    const [dup] = await this.q<{ id: string }>(`select id from campaign where owner_org_id = ? and year = ? and title = ? and id <> ?`, [c.ownerOrgId, c.year, c.title, c.id]);
    if (dup) {
      throw DomainError.conflict('campaign_exists', { zh: `${c.year} 年度已有同名专项治理：${c.title}`, en: `a campaign with this title exists for ${c.year} already` }, { campaignId: dup.id });
    }
    if (c.isNew) {
      await this.q(
        `insert into campaign (id, region_path, owner_org_id, created_at, created_by, year, title, focus_areas, city_codes, institution_kinds,
           ownership, min_level, plan_filed_by, self_inspection_start, self_inspection_end, spot_check_start, spot_check_end, summary_due,
           status, phase, assigned_at, plan_filed_late, summary_filed_at, summary_comment, summary_overdue)
         values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::text[], ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [c.id, c.regionPath, c.ownerOrgId, c.createdAt, c.createdBy, ...values]);
      c.isNew = false;
    } else {
      await this.q(
        `update campaign set year = ?, title = ?, focus_areas = ?::jsonb, city_codes = ?::text[], institution_kinds = ?::text[], ownership = ?,
           min_level = ?, plan_filed_by = ?,
           self_inspection_start = ?, self_inspection_end = ?, spot_check_start = ?, spot_check_end = ?, summary_due = ?, status = ?,
           phase = ?, assigned_at = ?, plan_filed_late = ?, summary_filed_at = ?, summary_comment = ?, summary_overdue = ?
         where id = ?`, [...values, c.id]);
    }
    for (const h of c.newHistory.splice(0)) {
      await this.q(`insert into campaign_history (id, campaign_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), c.id, c.regionPath, c.ownerOrgId, h.at, h.action, h.byUserId, h.byName, h.comment]);
    }
  }

  /**
   * The first page of a city's fan-out: the city's and its counties' campaign units (bureaus) and
   * the self-inspection tasks of their handling agencies (the pooling regions' own reports).
   * Idempotent: rows that exist are skipped.
   */
  async createUnitsAndAgencyTasks(campaignId: string, cityCode: string, now: Date): Promise<void> {
    await this.q(
      `insert into campaign_unit (campaign_id, region_path, owner_org_id, region_code, level)
       select ?, o.region_path, o.id, o.region_code, r.level from organization o join region r on r.code = o.region_code
        where o.kind = 'bureau' and (o.region_code = ? or r.parent_code = ?) and r.level in ('city', 'county')
       on conflict do nothing`, [campaignId, cityCode, cityCode]);
    await this.q(
      `insert into agency_self_inspection (id, campaign_id, region_path, owner_org_id, city_code, region_code, level, status, created_at, updated_at)
       select gen_random_uuid(), ?, o.region_path, o.id, ?, o.region_code, r.level, 'pending', ?, ?
         from organization o join region r on r.code = o.region_code
        where o.kind = 'agency' and (o.region_code = ? or r.parent_code = ?) and r.level in ('city', 'county')
       on conflict (campaign_id, owner_org_id) do nothing`, [campaignId, cityCode, now, now, cityCode, cityCode]);
  }

  /**
   * Up to `limit` in-scope institutions of one city after `cursor` (id order): of the campaign's
   * kinds, ownership and minimum level.
   */
  async institutionPage(c: Campaign, cityCode: string, cursor: string | null, limit: number): Promise<string[]> {
    const levels = c.minLevel ? pgArray(levelsFrom(c.minLevel)) : null;
    const rows = await this.q<{ id: string }>(
      `select id from organization where kind = 'institution' and region_code like ? and institution_type = any(?::text[])
          and (?::text is null or ownership = ?::text) and (?::text[] is null or institution_level = any(?::text[])) and id > ?
        order by id limit ?`,
      [`${cityCode}%`, pgArray(c.institutionKinds), c.ownership, c.ownership, levels, levels, cursor ?? '', limit]);
    return rows.map((r) => r.id);
  }

  /** The agencies that may hold a city's institutions' agreements: the city's, its counties' and the province's. */
  async agenciesAround(cityCode: string): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      `select o.id from organization o join region r on r.code = o.region_code
        where o.kind = 'agency' and (o.region_code = ? or r.parent_code = ? or r.code = (select parent_code from region where code = ?)) order by o.id`,
      [cityCode, cityCode, cityCode]);
    return rows.map((r) => r.id);
  }

  /**
   * The institutions' tasks, each with its handling agency (the holder of its service agreement, or
   * when it has none the agency of its county). Idempotent. Returns how many were created.
   */
  async insertTasks(c: Campaign, cityCode: string, tasks: { institutionId: string; agencyId: string | null }[], now: Date): Promise<number> {
    if (!tasks.length) return 0;
    const rows = await this.q<{ n: number }>(
      `with ins as (
         insert into self_inspection (id, campaign_id, region_path, owner_org_id, city_code, kind, status, handling_agency_id, created_at, updated_at)
         select gen_random_uuid(), ?, o.region_path, o.id, ?, o.institution_type, 'pending',
                coalesce(t.agency_id, (select a.id from organization a where a.kind = 'agency' and a.region_code = o.region_code order by a.id limit 1)), ?, ?
           from unnest(?::text[], ?::text[]) as t(institution_id, agency_id) join organization o on o.id = t.institution_id
         on conflict (campaign_id, owner_org_id) do nothing returning 1)
       select count(*)::int as n from ins`,
      [c.id, cityCode, now, now, pgArray(tasks.map((t) => t.institutionId)), `{${tasks.map((t) => (t.agencyId ? `"${t.agencyId}"` : 'NULL')).join(',')}}`]);
    return rows[0]?.n ?? 0;
  }

  async loadTask(id: string): Promise<SelfInspection> {
    const [r] = isUuid(id) ? await this.q<SelfInspectionRow>(
      `select id, campaign_id, region_path, owner_org_id, city_code, kind, status, report, refunded_amount::text as refunded_amount, issues,
              attachment_ids::text[] as attachment_ids, submitted_at, late, escalated_at, handling_agency_id, review_status, review_comment,
              reviewed_at, reviewed_by, corrections, refund_confirmed, refund_verified_amount::text as refund_verified_amount, refund_verified_at
         from self_inspection where id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '自查任务', en: 'self-inspection task' }, id);
    return this.uow.track(Object.assign(new SelfInspection(), {
      id: r.id, campaignId: r.campaign_id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, cityCode: r.city_code, kind: r.kind,
      status: r.status, content: { report: r.report, refundedAmount: Number(r.refunded_amount), issues: r.issues, attachmentIds: r.attachment_ids },
      submittedAt: r.submitted_at ? new Date(r.submitted_at) : null, late: r.late, escalatedAt: r.escalated_at ? new Date(r.escalated_at) : null,
      handlingAgencyId: r.handling_agency_id, reviewStatus: r.review_status, reviewComment: r.review_comment,
      reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null, reviewedBy: r.reviewed_by, corrections: Number(r.corrections),
      refund: r.refund_confirmed === null ? null : { confirmed: r.refund_confirmed, amount: r.refund_verified_amount === null ? null : Number(r.refund_verified_amount) },
      refundVerifiedAt: r.refund_verified_at ? new Date(r.refund_verified_at) : null,
    }));
  }

  async saveTask(t: SelfInspection, now: Date): Promise<void> {
    this.uow.track(t);
    await this.q(
      `update self_inspection set status = ?, report = ?, refunded_amount = ?, issues = ?::jsonb, attachment_ids = ?::uuid[],
         submitted_at = ?, late = ?, escalated_at = ?, review_status = ?, review_comment = ?, reviewed_at = ?, reviewed_by = ?,
         corrections = ?, refund_confirmed = ?, refund_verified_amount = ?, refund_verified_at = ?, updated_at = ? where id = ?`,
      [t.status, t.content.report, t.content.refundedAmount.toFixed(2), JSON.stringify(t.content.issues), pgArray(t.content.attachmentIds),
        t.submittedAt, t.late, t.escalatedAt, t.reviewStatus, t.reviewComment, t.reviewedAt, t.reviewedBy, t.corrections,
        t.refund?.confirmed ?? null, t.refund?.amount?.toFixed(2) ?? null, t.refundVerifiedAt, now, t.id]);
    for (const step of t.newReviewSteps.splice(0)) {
      await this.q(
        `insert into self_inspection_review (id, task_id, campaign_id, region_path, owner_org_id, at, action, by_org_id, by_name, comment, refund_confirmed, refund_amount)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), t.id, t.campaignId, t.regionPath, t.ownerOrgId, step.at, step.action, step.byOrgId, step.byName, step.comment,
          step.refund?.confirmed ?? null, step.refund?.amount?.toFixed(2) ?? null]);
    }
  }

  async loadAgencyTask(id: string): Promise<AgencySelfInspection> {
    const [r] = isUuid(id) ? await this.q<AgencySelfInspectionRow>(
      `select id, campaign_id, region_path, owner_org_id, city_code, region_code, level, status, report, institutions_checked, problems_found,
              problem_amount::text as problem_amount, refunded_amount::text as refunded_amount, issues, attachment_ids::text[] as attachment_ids,
              submitted_at, late, escalated_at
         from agency_self_inspection where id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '经办机构自查任务', en: 'agency self-inspection task' }, id);
    return this.uow.track(Object.assign(new AgencySelfInspection(), {
      id: r.id, campaignId: r.campaign_id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, cityCode: r.city_code, regionCode: r.region_code,
      level: r.level, status: r.status,
      content: {
        report: r.report, institutionsChecked: r.institutions_checked, problemsFound: r.problems_found, problemAmount: Number(r.problem_amount),
        refundedAmount: Number(r.refunded_amount), issues: r.issues, attachmentIds: r.attachment_ids,
      },
      submittedAt: r.submitted_at ? new Date(r.submitted_at) : null, late: r.late, escalatedAt: r.escalated_at ? new Date(r.escalated_at) : null,
    }));
  }

  async saveAgencyTask(t: AgencySelfInspection, now: Date): Promise<void> {
    this.uow.track(t);
    const c = t.content;
    await this.q(
      `update agency_self_inspection set status = ?, report = ?, institutions_checked = ?, problems_found = ?, problem_amount = ?, refunded_amount = ?,
         issues = ?::jsonb, attachment_ids = ?::uuid[], submitted_at = ?, late = ?, escalated_at = ?, updated_at = ? where id = ?`,
      [t.status, c.report, c.institutionsChecked, c.problemsFound, c.problemAmount.toFixed(2), c.refundedAmount.toFixed(2), JSON.stringify(c.issues),
        pgArray(c.attachmentIds), t.submittedAt, t.late, t.escalatedAt, now, t.id]);
  }

  /** Attachment ids that are not among the owner's uploads (malformed ones included). */
  unknownAttachments(ids: readonly string[], ownerOrgId: string): Promise<string[]> {
    return unknownAttachments(this.uow.em, ids, ownerOrgId);
  }

  /** Self-inspection closed: the city's unsubmitted tasks become missing. Returns them with names. */
  markMissing(campaignId: string, cityCode: string, now: Date): Promise<{ id: string; name: string; regionCode: string }[]> {
    return this.markUnsubmittedMissing('self_inspection', campaignId, cityCode, now);
  }

  /** Self-inspection closed: the city's agencies without a submitted report become missing. Returns them with names. */
  markAgenciesMissing(campaignId: string, cityCode: string, now: Date): Promise<{ id: string; name: string; regionCode: string }[]> {
    return this.markUnsubmittedMissing('agency_self_inspection', campaignId, cityCode, now);
  }

  private markUnsubmittedMissing(table: 'self_inspection' | 'agency_self_inspection', campaignId: string, cityCode: string, now: Date) {
    return this.q<{ id: string; name: string; regionCode: string }>(
      `update ${table} s set status = 'missing', escalated_at = coalesce(s.escalated_at, ?), updated_at = ?
         from organization o
        where o.id = s.owner_org_id and s.campaign_id = ? and s.city_code = ? and s.status in ('pending', 'draft', 'missing')
        returning s.id, o.name, o.region_code as "regionCode"`, [now, now, campaignId, cityCode]);
  }

  async unit(campaignId: string, orgId: string): Promise<CampaignUnitRow | undefined> {
    const [u] = await this.q<CampaignUnitRow>(`select campaign_id, region_path, owner_org_id, region_code, level, missing_escalated_at from campaign_unit where campaign_id = ? and owner_org_id = ?`, [campaignId, orgId]);
    return u;
  }

  async markUnitEscalated(campaignId: string, orgId: string, now: Date): Promise<boolean> {
    const rows = await this.q(`update campaign_unit set missing_escalated_at = ? where campaign_id = ? and owner_org_id = ? and missing_escalated_at is null returning 1`, [now, campaignId, orgId]);
    return rows.length > 0;
  }

  /** Bureaus at a region (or the province's) to notify. */
  async bureauAt(regionCode: string): Promise<{ id: string; regionPath: string; name: string } | undefined> {
    const [b] = await this.q<{ id: string; regionPath: string; name: string }>(
      `select id, region_path as "regionPath", name from organization where kind = 'bureau' and region_code = ?`, [regionCode]);
    return b;
  }

  /** An organization's name and path (readable: the actor's subtree, or the chain of command above it). */
  async organization(id: string): Promise<{ id: string; name: string; regionPath: string } | undefined> {
    const [o] = await this.q<{ id: string; name: string; regionPath: string }>(`select id, name, region_path as "regionPath" from organization where id = ?`, [id]);
    return o;
  }

  /** Institutions of the campaign still without a submitted report (for reminders). */
  async openTasks(campaignId: string): Promise<{ id: string; ownerOrgId: string; regionPath: string }[]> {
    return this.q<{ id: string; ownerOrgId: string; regionPath: string }>(`select id, owner_org_id as "ownerOrgId", region_path as "regionPath" from self_inspection
                    where campaign_id = ? and status <> 'submitted' order by id`, [campaignId]);
  }

  kindsOf(c: Campaign): InstitutionKind[] {
    return c.institutionKinds;
  }
}
